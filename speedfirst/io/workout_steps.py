"""A plan's sessions as timed workout steps, the common ground of the FIT and intervals.icu files.

A session of :attr:`speedfirst.plan.Plan.sessions` becomes a list of timed
steps (:func:`session_steps`):

* a key session: warm-up jog, the work (one continuous block, or a rep and
  its recovery inside a repeat), cool-down jog;
* a long run with goal-pace work: the easy part, then the goal-pace block
  that ends the run;
* an easy run, a long run or a shakeout: one easy step.

:mod:`speedfirst.io.fit` encodes the steps as FIT workout files,
:mod:`speedfirst.io.intervals_icu` as intervals.icu text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = [
    "STOP_RULE",
    "WORKOUT_KINDS",
    "Repeat",
    "Step",
    "easy_band",
    "session_steps",
    "workout_sessions",
]

STOP_RULE = "stop when one more would be exhausting"
"""The method's rule for ending a rep set before the ceiling."""

WORKOUT_KINDS = ("key", "long")
"""Session kinds that :func:`plan_workouts_zip` writes (the race is skipped)."""

PaceBand = tuple[float, float]
"""``(fast, slow)`` pace [s/km]."""

_WARM_RE = re.compile(r"\bwarm up (\d+(?:\.\d+)?) min\b", re.IGNORECASE)
_COOL_RE = re.compile(r"\bcool down (\d+(?:\.\d+)?) min\b", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    """One timed step of a workout.

    Attributes
    ----------
    role : {"warmup", "work", "easy", "recovery", "rest", "cooldown"}
        What the step is: ``recovery`` is a jog between reps, ``rest`` a
        standing or walking recovery.
    seconds : float
        Duration [s].
    pace : tuple of float or None
        ``(fast, slow)`` pace band [s/km]; None for no target.
    name : str
        Short label (FIT ``wkt_step_name``, intervals.icu cue).
    notes : str
        Longer instruction (FIT ``notes``).
    """

    role: str
    seconds: float
    pace: PaceBand | None
    name: str
    notes: str = ""


@dataclass(frozen=True)
class Repeat:
    """Steps done ``count`` times in a row (the plan's rep ceiling).

    Attributes
    ----------
    steps : tuple of Step or Repeat
        The repeated steps, in order.
    count : int
        Times through the steps (``reps_max``).
    rule : str
        When to stop before ``count`` (:data:`STOP_RULE`).
    """

    steps: tuple[Step | Repeat, ...]
    count: int
    rule: str = STOP_RULE


# --------------------------------------------------------------------------
# session rows -> steps
# --------------------------------------------------------------------------
def _get(row: Any, name: str) -> Any:
    """Column ``name`` of a session row (Series, mapping or named tuple)."""
    try:
        return row[name]
    except (KeyError, TypeError, IndexError):
        return getattr(row, name)


def _number(row: Any, name: str) -> float:
    value = _get(row, name)
    try:
        x = float(value)
    except (TypeError, ValueError):
        x = math.nan
    return x


def _date(row: Any) -> dt.date:
    return pd.Timestamp(_get(row, "date")).date()


def _what(row: Any) -> str:
    return f"{_date(row).isoformat()} {_get(row, 'title')!s}"


def easy_band(plan: Plan) -> PaceBand:
    """The plan's easy pace band ``(fast, slow)`` [s/km], from ``plan.zones``.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    tuple of float
    """
    z = plan.zones.set_index("zone").loc["easy"]
    return float(z["pace_fast_s_per_km"]), float(z["pace_slow_s_per_km"])


def _band(fast: float, slow: float, what: str) -> PaceBand:
    if not (math.isfinite(fast) and math.isfinite(slow) and 0 < fast <= slow):
        raise ValueError(f"{what}: need a pace band 0 < fast <= slow [s/km], "
                         f"got {fast!r}..{slow!r}")
    return float(fast), float(slow)


def _minutes_from(pattern: re.Pattern[str], text: str, what: str, label: str) -> float:
    match = pattern.search(text)
    if match is None:
        raise ValueError(f"{what}: the description has no '{label} N min': {text!r}")
    return float(match.group(1))


def _recovery_mode(text: str, what: str) -> tuple[str, str]:
    """(role, name) of the recovery between reps, read from the description."""
    if re.search(r"\bjog\b", text, re.IGNORECASE):
        return "recovery", "Jog"
    if re.search(r"\bstand or walk\b", text, re.IGNORECASE):
        return "rest", "Stand or walk"
    if re.search(r"\bwalk\b", text, re.IGNORECASE):
        return "rest", "Walk"
    raise ValueError(f"{what}: the description says neither jog nor walk between reps: {text!r}")


def _zone_name(zone: str) -> str:
    return zone[:1].upper() + zone[1:] if zone else "Work"


def session_steps(session_row: Any, easy_band: PaceBand) -> list[Step | Repeat]:
    """The timed steps of one session.

    Parameters
    ----------
    session_row : pandas.Series, mapping or named tuple
        One row of :attr:`Plan.sessions <speedfirst.plan.Plan>`.
    easy_band : tuple of float
        ``(fast, slow)`` easy pace [s/km] (see :func:`easy_band`), the target
        of warm-up, cool-down and easy running.

    Returns
    -------
    list of Step or Repeat
        Key session: warm-up, the work (a :class:`Repeat` of rep and recovery
        with count ``reps_max``, or one continuous step), cool-down; the
        warm-up and cool-down minutes are read from the description ("Warm up
        N min", "cool down N min"). Long run with goal pace: the easy part
        (``minutes`` × 60 − ``rep_s``), then ``rep_s`` at goal pace. Easy run,
        long run, shakeout: one easy step of ``minutes``.

    Raises
    ------
    ValueError
        For a rest, strength or race day (nothing to guide), or when a
        number or the warm-up/cool-down text the workout needs is missing.
    """
    what = _what(session_row)
    kind = str(_get(session_row, "kind"))
    zone = str(_get(session_row, "zone"))
    text = str(_get(session_row, "description"))
    easy = _band(*easy_band, what=f"{what}: easy band")
    minutes = _number(session_row, "minutes")
    if kind not in ("key", "long", "easy"):
        raise ValueError(f"{what}: a {kind} day has no workout to write")
    if not (math.isfinite(minutes) and minutes > 0):
        raise ValueError(f"{what}: needs running minutes above zero, got {minutes!r}")
    if kind == "long" and zone == "goal pace":
        band = _band(_number(session_row, "pace_fast_s_per_km"),
                     _number(session_row, "pace_slow_s_per_km"), what)
        block = _number(session_row, "rep_s")
        easy_s = minutes * 60.0 - block
        if not (math.isfinite(block) and block > 0 and easy_s > 0):
            raise ValueError(f"{what}: goal-pace block {block!r} s does not fit in "
                             f"{minutes:g} min")
        return [Step("easy", easy_s, easy, "Easy"),
                Step("work", block, band, "Goal pace", "Finish the run at goal pace.")]
    if kind in ("easy", "long"):
        return [Step("easy", minutes * 60.0, easy, "Easy")]
    # key session
    band = _band(_number(session_row, "pace_fast_s_per_km"),
                 _number(session_row, "pace_slow_s_per_km"), what)
    warm = _minutes_from(_WARM_RE, text, what, "Warm up")
    cool = _minutes_from(_COOL_RE, text, what, "cool down")
    rep_s = _number(session_row, "rep_s")
    if not (math.isfinite(rep_s) and rep_s > 0):
        raise ValueError(f"{what}: needs rep_s above zero, got {rep_s!r}")
    reps_max = _get(session_row, "reps_max")
    if reps_max is None or pd.isna(reps_max) or int(reps_max) < 1:
        raise ValueError(f"{what}: needs reps_max of at least 1, got {reps_max!r}")
    reps = int(reps_max)
    recovery_s = _number(session_row, "recovery_s")
    name = _zone_name(zone)
    main: Step | Repeat
    if math.isfinite(recovery_s) and reps > 1:
        role, rec_name = _recovery_mode(text, what)
        reps_min = _get(session_row, "reps_min")
        start = int(reps_min) if reps_min is not None and not pd.isna(reps_min) else 1
        notes = f"Start with {start}, up to {reps}; {STOP_RULE}."
        main = Repeat((Step("work", rep_s, band, name, notes),
                       Step(role, recovery_s, None, rec_name)), reps)
    else:
        main = Step("work", rep_s, band, name, "Continuous." if reps == 1 else "")
    return [Step("warmup", warm * 60.0, easy, "Warm up"), main,
            Step("cooldown", cool * 60.0, easy, "Cool down")]


def workout_sessions(plan: Plan, kinds: tuple[str, ...] = WORKOUT_KINDS) -> pd.DataFrame:
    """The plan's sessions of ``kinds`` (default key sessions and long runs), in date order."""
    s = plan.sessions
    return s[s["kind"].isin(list(kinds))]
