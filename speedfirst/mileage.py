"""Weekly mileage in the predictions: what a runner's mileage supports, and what a goal needs.

Builds on :mod:`speedfirst.vickers` (the Vickers & Vertosick marathon models)
and :mod:`speedfirst.equivalence` (Daniels, Riegel, Cameron): the
mileage-aware :func:`race_predictions` and :func:`assess_goal` (the
equivalence functions plus a ``weekly_mileage`` keyword), :func:`readiness`
and :func:`goal_readiness` (the race times and weekly mileage that would make
a goal realistic under each model) and :func:`mileage_message`.

:func:`readiness` and :func:`mileage_message` live in :mod:`speedfirst.readiness`
and are imported here, where they have always been imported from.

References
----------
.. [1] Vickers, A. J. & Vertosick, E. A. (2016). An empirical study of race
   times in recreational endurance runners. *BMC Sports Science, Medicine and
   Rehabilitation* 8:26. doi:10.1186/s13102-016-0052-y
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import pandas as pd

from speedfirst import equivalence
from speedfirst.equivalence import nearest_race
from speedfirst.errors import InputError
from speedfirst.readiness import mileage_message, readiness
from speedfirst.results import GoalAssessment, as_races
from speedfirst.text import format_time  # noqa: F401  (the doctests use it)
from speedfirst.units import MARATHON_M, METERS_PER_MILE, STANDARD_DISTANCES_M
from speedfirst.vickers import Races, _select
from speedfirst.vickers_range import (
    SANE_WEEKLY_MI,
    _is_real,
    _same_distance,
    _warn_mileage,
    _warn_pace,
)

__all__ = [
    "assess_goal",
    "goal_readiness",
    "mileage_message",
    "race_predictions",
    "readiness",
    "weekly_mileage_mi",
]

# --------------------------------------------------------------------------
# Mileage-aware predictions and goal checks
# --------------------------------------------------------------------------
# These extend :mod:`speedfirst.equivalence` rather than living in it: Vickers
# needs equivalence (the nearest race, the Daniels comparison, assess_goal's
# verdicts), so equivalence cannot import this module without a cycle.
def weekly_mileage_mi(weekly_mileage: float, mileage_units: str = "mi") -> float:
    """Weekly training distance in ``mileage_units`` → [mi/week], validated.

    Parameters
    ----------
    weekly_mileage : float
        Average weekly training distance [mi/week or km/week]: a finite number
        from 0 to 200 mi (321.9 km) a week.
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    float
        The mileage [mi/week]. No warning is given here; the predictions warn
        outside 5–150 mi a week (:class:`OutsideFittedRange`).

    Raises
    ------
    InputError
        ``field="mileage_units"`` for another unit, ``field="weekly_mileage"``
        for a value that is not a number from 0 to 200 mi (321.9 km) a week.

    Examples
    --------
    >>> round(weekly_mileage_mi(64.37, "km"), 2)
    40.0
    >>> weekly_mileage_mi(250)
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: weekly_mileage must be a number from 0 to 200 mi a week, got 250
    """
    if mileage_units not in ("mi", "km"):
        raise InputError(f"mileage_units must be 'mi' or 'km', got {mileage_units!r}",
                         field="mileage_units")
    per_unit = 1.0 if mileage_units == "mi" else 1000.0 / METERS_PER_MILE
    lo, hi = SANE_WEEKLY_MI
    hi_units = hi / per_unit
    if not _is_real(weekly_mileage) or not lo <= weekly_mileage <= hi_units:
        raise InputError(
            f"weekly_mileage must be a number from {lo:g} to {round(hi_units, 1):g} "
            f"{mileage_units} a week, got {weekly_mileage!r}",
            field="weekly_mileage",
        )
    return min(float(weekly_mileage) * per_unit, hi)


def race_predictions(
    races: Races,
    models: tuple[str, ...] = ("daniels", "riegel", "cameron"),
    distances_m: Mapping[str, float] | None = None,
    *,
    exponent: float = 1.06,
    weekly_mileage: float | None = None,
    mileage_units: str = "mi",
) -> pd.DataFrame:
    """:func:`speedfirst.equivalence.race_predictions` plus a Vickers–Vertosick marathon row.

    Without ``weekly_mileage`` the frame is exactly the equivalence one. With
    it, one row of model ``"vickers"`` is appended at the marathon, and only
    there: the model predicts marathons only [1]_. It uses
    :func:`vickers_marathon`'s choice of races and model; as for the other
    models, a raced marathon shows the race itself. No row is added when
    ``distances_m`` has no marathon.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    models, distances_m, exponent
        As :func:`speedfirst.equivalence.race_predictions`.
    weekly_mileage : float, optional
        Average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km); see :func:`weekly_mileage_mi`.
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    pandas.DataFrame
        The equivalence columns (``model``, ``distance``, ``distance_m`` [m],
        ``time_s`` [s], ``pace_s_per_km``, ``pace_s_per_mi``,
        ``from_distance_m`` [m], ``vdot``); the Vickers row's
        ``from_distance_m`` is the race it extrapolates from (the longer one
        for Model 2).

    Raises
    ------
    InputError
        As the equivalence function; ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage; ``field="races"`` when the
        marathon must be predicted but no race from 5K to the half was entered
        (see :func:`vickers_marathon`).

    Warns
    -----
    OutsideFittedRange
        As :func:`vickers_marathon`.

    Examples
    --------
    >>> df = race_predictions({21097.5: 5400.0}, weekly_mileage=40)
    >>> row = df[df.model == "vickers"].iloc[0]
    >>> row.distance, format_time(row.time_s)
    ('marathon', '3:20:24')
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    df = equivalence.race_predictions(rs, models, distances_m, exponent=exponent)
    if weekly_mileage is None:
        return df
    mpw = weekly_mileage_mi(weekly_mileage, mileage_units)
    targets = dict(distances_m or STANDARD_DISTANCES_M)
    at_marathon = [(n, float(d)) for n, d in targets.items() if _same_distance(d, MARATHON_M)]
    if not at_marathon:
        return df
    name, target = at_marathon[0]
    src = nearest_race(rs, target)
    if math.isclose(src.distance_m, target):
        t, from_m = src.time_s, src.distance_m
    else:
        sel = _select(rs)
        _warn_mileage(mpw, "weekly_mileage", stacklevel=3)
        sel.warn()
        t = sel.predict(mpw)
        _warn_pace(t, sel.source)
        from_m = sel.source.distance_m
    row = {
        "model": "vickers",
        "distance": name,
        "distance_m": target,
        "time_s": float(t),
        "pace_s_per_km": t / target * 1000.0,
        "pace_s_per_mi": t / target * METERS_PER_MILE,
        "from_distance_m": from_m,
        "vdot": equivalence.vdot(target, t),
    }
    return pd.concat([df, pd.DataFrame([row])], ignore_index=True)


def assess_goal(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    model: str = "daniels",
    *,
    exponent: float = 1.06,
    weekly_mileage: float | None = None,
    mileage_units: str = "mi",
) -> GoalAssessment:
    """:func:`speedfirst.equivalence.assess_goal`, plus what the weekly mileage supports.

    The verdict and every number come from ``model`` exactly as in
    :func:`speedfirst.equivalence.assess_goal`. With ``weekly_mileage`` and a
    marathon goal, the message gains one sentence, :func:`mileage_message`:
    what the nearest race supports (Daniels), what Vickers–Vertosick predicts
    at this mileage and the mileage the goal needs. For other goal distances
    the mileage is validated but the message is unchanged (the model predicts
    marathons only [1]_).

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    model, exponent
        As :func:`speedfirst.equivalence.assess_goal`.
    weekly_mileage : float, optional
        Average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km).
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    speedfirst.results.GoalAssessment

    Raises
    ------
    InputError
        As the equivalence function; ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage; ``field="races"`` for a marathon
        goal when the only race entered is a marathon.

    Examples
    --------
    >>> a = assess_goal({5000.0: 18 * 60 + 8}, 42195.0, 3 * 3600, weekly_mileage=40)
    >>> a.verdict
    'realistic'
    >>> print(a.message.split(". ", 1)[1])  # doctest: +NORMALIZE_WHITESPACE
    Your 5K supports 2:54 (Daniels); at 40 mi a week Vickers predicts about 3:10;
    a 3:00 goal needs about 71 mi a week.
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    mpw = None if weekly_mileage is None else weekly_mileage_mi(weekly_mileage, mileage_units)
    a = equivalence.assess_goal(rs, goal_distance_m, goal_time_s, model, exponent=exponent)
    if mpw is None or not _same_distance(float(goal_distance_m), MARATHON_M):
        return a
    return dataclasses.replace(a, message=f"{a.message} {mileage_message(rs, goal_time_s, mpw)}")


def goal_readiness(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    weekly_mileage: float,
    mileage_units: str = "mi",
) -> pd.DataFrame:
    """:func:`readiness` with the weekly mileage in ``mileage_units``.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    weekly_mileage : float
        Current average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km).
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    pandas.DataFrame
        The :func:`readiness` frame; ``required_weekly_mi`` stays in
        [mi/week] whatever ``mileage_units``.

    Raises
    ------
    InputError
        As :func:`readiness`, with ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage.

    Examples
    --------
    >>> df = goal_readiness({21097.5: 5400.0}, 42195.0, 12024.26, 64.37, "km")
    >>> df.set_index("model").loc["vickers", "verdict"]
    'realistic'
    """
    mpw = weekly_mileage_mi(weekly_mileage, mileage_units)
    return readiness(races, goal_distance_m, goal_time_s, mpw)
