"""A plan's sessions as intervals.icu workout text.

intervals.icu builds a structured workout from plain text [ICU]_ [ICUQ]_:

* a step is a line starting with ``-``: optional cue text, a duration
  (``30s``, ``15m``, ``1h30m``, ``2m40s``; ``m`` is minutes) and a target;
  an absolute pace target is ``m:ss/km Pace`` or a range
  ``m:ss-m:ss/km Pace`` (``/mi`` for miles);
* a line without ``-`` heads the block of steps under it; a header ending in
  ``Nx`` repeats its block N times (the cue then counts ``1/N``, ``2/N``…);
* blocks are separated by a blank line; nested repeats are not supported.

:func:`workout_text` writes one session from the same steps as the FIT
files (:func:`speedfirst.io.fit.session_steps`): warm-up, the work (a repeat
block of rep and recovery, headed by the stop rule and the rep ceiling
``reps_max``, or one continuous step) and cool-down; a long run with goal
pace as its easy part and the goal-pace block; an easy run as one step.
Recoveries have no pace target. Should a repeat ever hold another repeat,
the inner one is written out step by step (flattened).

References
----------
.. [ICU] D. Tinker. *Workout builder*. intervals.icu forum, 2020–.
   https://forum.intervals.icu/t/workout-builder/1163
.. [ICUQ] *Intervals.icu Workout Builder Syntax Quick Guide*. intervals.icu
   forum. https://forum.intervals.icu/t/workout-builder-syntax-quick-guide/123701
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from speedfirst.io.workout_steps import (
    WORKOUT_KINDS,
    PaceBand,
    Repeat,
    Step,
    easy_band,
    session_steps,
    workout_sessions,
)
from speedfirst.text import format_pace
from speedfirst.units import check_unit

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = ["duration_text", "pace_text", "plan_workouts_text", "workout_text"]

_HEADERS = {"warmup": "Warm up", "cooldown": "Cool down"}


def duration_text(seconds: float) -> str:
    """A step duration in intervals.icu form, to the whole second.

    Examples
    --------
    >>> [duration_text(s) for s in (30, 60, 160, 2640, 3600, 5430)]
    ['30s', '1m', '2m40s', '44m', '1h', '1h30m30s']
    """
    total = round(seconds)
    if total <= 0:
        raise ValueError(f"a step needs a duration above zero, got {seconds!r} s")
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s")) if v)


def pace_text(band: PaceBand, units: str = "km") -> str:
    """An absolute pace target: ``4:29-5:22/km Pace`` (one pace when both round alike).

    Parameters
    ----------
    band : tuple of float
        ``(fast, slow)`` pace [s/km].
    units : {"km", "mi"}

    Examples
    --------
    >>> pace_text((268.5, 322.2), "km")
    '4:29-5:22/km Pace'
    >>> pace_text((235.2, 235.4), "km")
    '3:55/km Pace'
    """
    fast, slow = (format_pace(p, check_unit(units)) for p in band)
    if fast == slow:
        return f"{fast} Pace"
    return f"{fast.split('/')[0]}-{slow} Pace"


def _step_line(step: Step, units: str) -> str:
    parts = ["-"]
    if step.pace is None:  # no target: the cue says what to do
        parts.append(step.name)
    parts.append(duration_text(step.seconds))
    if step.pace is not None:
        parts.append(pace_text(step.pace, units))
    return " ".join(parts)


def _flat(items: tuple[Step | Repeat, ...]) -> list[Step]:
    """Steps of a repeat's body, inner repeats written out (intervals.icu has no nesting)."""
    out: list[Step] = []
    for item in items:
        out.extend(_flat(item.steps) * item.count if isinstance(item, Repeat) else [item])
    return out


def _header(step: Step) -> str:
    return _HEADERS.get(step.role, step.name)


def workout_text(session_row: Any, easy_band: PaceBand, units: str = "km") -> str:
    """One session as intervals.icu workout text.

    Parameters
    ----------
    session_row : pandas.Series, mapping or named tuple
        One row of :attr:`Plan.sessions <speedfirst.plan.Plan>`: a key
        session, a long run or an easy run.
    easy_band : tuple of float
        ``(fast, slow)`` easy pace [s/km] (:func:`speedfirst.io.fit.easy_band`).
    units : {"km", "mi"}
        Pace unit of the targets.

    Returns
    -------
    str
        Blocks separated by blank lines, no trailing newline, e.g.::

            Warm up
            - 15m 4:29-5:22/km Pace

            Stop when one more would be exhausting 9x
            - 30s 3:05-3:17/km Pace
            - Jog 1m

            Cool down
            - 15m 4:29-5:22/km Pace

    Raises
    ------
    ValueError
        As :func:`speedfirst.io.fit.session_steps`; ``InputError`` for bad
        ``units``.
    """
    unit = check_unit(units)
    blocks: list[str] = []
    for item in session_steps(session_row, easy_band):
        if isinstance(item, Repeat):
            rule = item.rule[:1].upper() + item.rule[1:]
            lines = [f"{rule} {item.count}x"]
            lines += [_step_line(s, unit) for s in _flat(item.steps)]
        else:
            lines = [_header(item), _step_line(item, unit)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def plan_workouts_text(plan: Plan, units: str | None = None,
                       kinds: tuple[str, ...] = WORKOUT_KINDS) -> str:
    """The plan's key sessions and long runs as intervals.icu text, one dated heading each.

    Parameters
    ----------
    plan : Plan
    units : {"km", "mi"}, optional
        Pace unit; default the plan's units.
    kinds : tuple of str
        Session kinds to include (default key sessions and long runs).

    Returns
    -------
    str
        For each session in date order a heading line
        ``# 2027-03-21 Sunday: Long run with goal pace``, a blank line and
        :func:`workout_text`; sessions separated by two blank lines; ends
        with a newline. The heading is for the reader: paste the text under
        it into one intervals.icu workout.
    """
    unit = check_unit(plan.inputs.units if units is None else units)
    easy = easy_band(plan)
    parts = []
    for _, row in workout_sessions(plan, kinds).iterrows():
        day = pd.Timestamp(row["date"]).date()
        heading = f"# {day.isoformat()} {str(row['weekday']).capitalize()}: {row['title']}"
        parts.append(f"{heading}\n\n{workout_text(row, easy, unit)}")
    return "\n\n\n".join(parts) + "\n"
