"""Frozen dataclasses passed between the library's layers.

They hold values and check their own invariants in ``__post_init__``; the
formulas that produce them live elsewhere (``equivalence``, ``zones``,
``plan``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.text import format_distance

__all__ = ["GoalAssessment", "RaceResult", "Verdict", "as_races"]

Verdict = Literal["realistic", "stretch", "not yet realistic", "impossible"]


@dataclass(frozen=True)
class RaceResult:
    """One recent race: ``distance_m`` [m] covered in ``time_s`` [s].

    Raises ``InputError`` for results no human runs (faster than the world
    record, or slower than a walk) and for distances outside 800 m – 50 km.

    >>> RaceResult(5000.0, 1088.0).pace_s_per_km
    217.6
    """

    distance_m: float
    time_s: float

    def __post_init__(self) -> None:
        for name in ("distance_m", "time_s"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise InputError(f"{name} must be a positive number, got {value!r}", field=name)
        check_race_time(float(self.distance_m), float(self.time_s))

    @property
    def pace_s_per_km(self) -> float:
        """Average pace [s/km]."""
        return self.time_s / self.distance_m * 1000.0

    @property
    def label(self) -> str:
        """Human name of the distance, e.g. ``"5K"``."""
        return format_distance(self.distance_m)


def as_races(races: Mapping[float, float] | list[RaceResult] | tuple[RaceResult, ...]) -> tuple[
    RaceResult, ...
]:
    """Normalise ``{distance_m: time_s}`` (or RaceResults) to a tuple, shortest first.

    Raises ``InputError`` when no race is given.

    >>> [r.distance_m for r in as_races({10000.0: 2260.0, 5000.0: 1088.0})]
    [5000.0, 10000.0]
    """
    if isinstance(races, Mapping):
        results = [RaceResult(float(d), float(t)) for d, t in races.items()]
    else:
        results = [r if isinstance(r, RaceResult) else RaceResult(*r) for r in races]
    if not results:
        raise InputError(
            "enter at least one recent race time (mile, 5K or 10K, e.g. 5K=18:08)", field="races"
        )
    return tuple(sorted(results, key=lambda r: r.distance_m))


@dataclass(frozen=True)
class GoalAssessment:
    """How a goal race time compares with what recent races predict.

    Attributes
    ----------
    verdict : {"realistic", "stretch", "not yet realistic", "impossible"}
    goal_distance_m, goal_time_s : float
        The goal [m], [s].
    predicted_time_s : float
        What the model predicts for the goal distance from the recent race
        closest in distance [s]; this is the *realistic* goal today.
    gap_pct : float
        How much faster the goal is than the prediction [%]; negative when the
        goal is slower than predicted.
    required_times_s : dict[float, float]
        Race times [s] keyed by distance [m] (mile, 5K, 10K) that would make
        the goal realistic under the same model.
    mile_time_s : float
        Current mile time [s] (entered, or predicted by the model).
    speed_reserve_s_per_mi : float
        Goal pace minus current mile pace [s/mi]; zero or negative means the
        goal pace is at or faster than the runner's mile pace: impossible.
    model : str
        The equivalence model used.
    based_on : RaceResult
        The race the prediction came from.
    message : str
        The verdict in one or two sentences.
    """

    verdict: Verdict
    goal_distance_m: float
    goal_time_s: float
    predicted_time_s: float
    gap_pct: float
    required_times_s: dict[float, float] = field(hash=False)
    mile_time_s: float
    speed_reserve_s_per_mi: float
    model: str
    based_on: RaceResult
    message: str

    def __post_init__(self) -> None:
        if self.verdict not in ("realistic", "stretch", "not yet realistic", "impossible"):
            raise ValueError(f"unknown verdict {self.verdict!r}")
