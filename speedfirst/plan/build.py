""":func:`build_plan`: inputs → cycles → volumes → days → sessions → :class:`Plan`.

How the numbers are chosen is in :mod:`speedfirst.plan.rules` (every number
with its source) and in the README's "How the numbers are chosen".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from speedfirst.equivalence import STRETCH_GAP_PCT, assess_goal, equivalent_time, nearest_race
from speedfirst.plan.inputs import WEEKDAYS, PlanInputs, normalise
from speedfirst.plan.model import (
    SESSION_COLUMNS,
    SESSION_DTYPES,
    WEEK_COLUMNS,
    WEEK_DTYPES,
    Plan,
    frame,
)
from speedfirst.plan.rules import RULES
from speedfirst.plan.sessions import ZoneRows
from speedfirst.plan.volumes import WeekSpec, week_specs
from speedfirst.plan.week import WeekResult, race_week, training_week
from speedfirst.results import GoalAssessment, RaceResult
from speedfirst.templates import METHODS
from speedfirst.text import format_pace, format_time
from speedfirst.units import METERS_PER_MILE
from speedfirst.zones import pace_zones

__all__ = ["build_plan", "trained_goal_time"]


def build_plan(
    *,
    race_date: dt.date | str | None = None,
    start_date: dt.date | str | None = None,
    race_distance: str = "marathon",
    peak_weekly: float = 50.0,
    units: str = "mi",
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    general_weeks: int = 8,
    specific_weeks: int = 10,
    taper_weeks: int | None = None,
    cycle_weeks: Sequence[int] | None = None,
    method: str = "speed-first",
    runs_per_week: int = 6,
    long_run_day: str | int = "sunday",
    hr_max: float | None = None,
    week_start: str | int = "monday",
    today: dt.date | str | None = None,
    recovery_every: int | None = None,
) -> Plan:
    """Build a dated speed-first (or traditional) plan ending on race day.

    Parameters
    ----------
    race_date : date or ISO text
        Race day, any weekday: the plan's weeks are counted back from it, so
        the last week ends on race day. Give this or ``start_date``.
    start_date : date or ISO text
        Alternatively the first day of training; the race then falls on the
        long-run day of the last week (weeks aligned on ``week_start``).
    race_distance : {"marathon", "half"}
        Goal race; the half uses goal half-marathon pace where the marathon
        uses marathon pace.
    peak_weekly : float
        Peak weekly volume in ``units`` (10–200 mi, 16–322 km).
    units : {"mi", "km"}
        Units of ``peak_weekly`` and of the session descriptions.
    races : mapping of distance [m] to time [s]
        Recent races (mile, 5K, 10K …); without them the goal is used as
        the only performance.
    goal_time_s : float, optional
        Goal time [s]; without it the prediction is the goal. A goal the
        goal check calls "not yet realistic" or "impossible" stays the race
        target, but the plan trains at the fastest time it would call a
        stretch (see :func:`trained_goal_time`) and says so.
    general_weeks, specific_weeks : int
        Phase lengths [weeks]: 4–24 and 5–30.
    taper_weeks : int, optional
        Taper length [weeks], race week included, 1–4; by default 3 for the
        marathon and 2 for the half (Bosquet et al. 2007).
    cycle_weeks : sequence of int, optional
        Weeks of each cycle before the taper (9 for speed-first, 3 for
        traditional), overriding the even spread.
    method : {"speed-first", "traditional"}
    runs_per_week : int
        3–7 running days (the race counts as one). Weeks whose volume cannot
        fill them with runs of at least 30 min get fewer, with a warning.
    long_run_day, week_start : weekday name or number (0 = Monday)
    hr_max : float, optional
        Maximum heart rate [beats/min] for HR targets.
    today : date, optional
        Today's date (for tests); the plan may not start before this week.
    recovery_every : int, optional
        A cut-back week every this many build weeks (3–6), 0 for none;
        default 4 (3:1).

    Returns
    -------
    Plan

    Raises
    ------
    InputError
        Naming the field and the allowed range: a race date in the past,
        phases that do not fit before it, peak outside 10–200 mi a week, an
        unknown method, and so on.

    Examples
    --------
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> len(p.weeks), p.weeks.phase.iloc[0], p.sessions.kind.iloc[-1]
    (21, 'General Preparation', 'race')
    """
    inputs, weeks_per_cycle = normalise(
        race_date=race_date, start_date=start_date, race_distance=race_distance,
        peak_weekly=peak_weekly, units=units, races=races, goal_time_s=goal_time_s,
        general_weeks=general_weeks, specific_weeks=specific_weeks, taper_weeks=taper_weeks,
        cycle_weeks=cycle_weeks, method=method, runs_per_week=runs_per_week,
        long_run_day=long_run_day, hr_max=hr_max, week_start=week_start, today=today,
        recovery_every=recovery_every)
    rs = inputs.race_results()
    race_m = inputs.race_m
    goal = _goal(rs, race_m, inputs.goal_time_s)
    trained_s = trained_goal_time(goal)
    zone_key = (rs, trained_s, race_m, inputs.hr_max)
    zones = _zones(*zone_key).copy()
    zone_rows = _zone_rows(*zone_key)
    template = METHODS[inputs.method]
    specs = week_specs(template, weeks_per_cycle, inputs.race_date, inputs.recovery_every)
    results: list[WeekResult] = []
    last_km = math.inf  # a cut-back week stays below the last full week actually laid out
    for spec in specs:
        cap = RULES.recovery_factor * last_km if spec.is_recovery else math.inf
        res = _lay_out(spec, inputs, zone_rows, goal.goal_time_s, trained_s, cap)
        if not (spec.is_recovery or spec.is_race_week):
            last_km = sum(d["distance_km"] for d in res.days.values())
        results.append(res)
    weeks, sessions = _frames(specs, results, inputs.peak_km)
    warns = _warnings(inputs, specs, results, goal, trained_s)
    return Plan(inputs=inputs, weeks=weeks, sessions=sessions, zones=zones, goal=goal,
                warnings=warns)


def trained_goal_time(goal: GoalAssessment) -> float:
    """The race time the plan trains at [s]: the goal, or the fastest stretch.

    Goal pace in training is the *realistic* goal (the speed-first method):
    for a goal the check calls "not yet realistic" or "impossible" it is
    :data:`~speedfirst.equivalence.STRETCH_GAP_PCT` faster than the
    prediction, the fastest time the check still calls a stretch.
    """
    if goal.verdict in ("not yet realistic", "impossible"):
        stretch = goal.predicted_time_s * (1.0 - STRETCH_GAP_PCT / 100.0)
        return float(math.ceil(max(goal.goal_time_s, stretch)))
    return float(goal.goal_time_s)


def _goal(rs: tuple[RaceResult, ...], race_m: float, goal_s: float | None) -> GoalAssessment:
    if goal_s is None:
        src = nearest_race(rs, race_m)
        goal_s = (src.time_s if math.isclose(src.distance_m, race_m)
                  else equivalent_time(src.distance_m, src.time_s, race_m))
    return assess_goal(rs, race_m, float(goal_s))


@lru_cache(maxsize=64)
def _zones(races: tuple[Any, ...], goal_s: float, race_m: float,
           hr_max: float | None) -> pd.DataFrame:
    """Pace zones, memoised: a dashboard builds two plans from the same races."""
    return pace_zones(races, goal_time_s=goal_s, goal_distance_m=race_m, hr_max=hr_max)


@lru_cache(maxsize=64)
def _zone_rows(races: tuple[Any, ...], goal_s: float, race_m: float,
               hr_max: float | None) -> ZoneRows:
    """The memoised zones as zone name -> row (named tuples: immutable, safe to share)."""
    zones = _zones(races, goal_s, race_m, hr_max)
    return {row.zone: row for row in zones.itertuples(index=False)}


def _lay_out(spec: WeekSpec, inputs: PlanInputs, zones: ZoneRows, goal_s: float,
             trained_s: float, max_km: float) -> WeekResult:
    common = {"peak_km": inputs.peak_km, "runs": inputs.runs_per_week,
              "race": inputs.race_distance, "zones": zones, "units": inputs.units}
    if spec.is_race_week:
        return race_week(spec, race_m=inputs.race_m, goal_time_s=goal_s,
                         trained_time_s=trained_s, **common)
    return training_week(spec, long_day=inputs.long_run_weekday, goal_time_s=trained_s,
                         max_km=max_km, **common)


def _frames(specs: list[WeekSpec], results: list[WeekResult],
            peak_km: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The weekly and the daily table of the laid-out weeks."""
    days = [res.days[o] for res in results for o in range(7)]
    week_rows = [_week_row(spec, res, peak_km) for spec, res in zip(specs, results, strict=True)]
    return (frame(week_rows, WEEK_COLUMNS, WEEK_DTYPES, default=None),
            frame(days, SESSION_COLUMNS, SESSION_DTYPES, given=_calendar(specs)))


_DAY_OFFSETS = tuple(dt.timedelta(days=o) for o in range(7))


def _calendar(specs: list[WeekSpec]) -> dict[str, list[Any]]:
    """``date``, ``week`` and ``weekday`` of every day of the plan, in order."""
    dates = [spec.start + off for spec in specs for off in _DAY_OFFSETS]
    return {"date": dates, "week": [spec.index + 1 for spec in specs for _ in range(7)],
            "weekday": [WEEKDAYS[d.weekday()] for d in dates]}


def _week_row(spec: WeekSpec, res: WeekResult, peak_km: float) -> dict[str, Any]:
    """One row of the weekly table: the week's spec and sums over its days."""
    days = [res.days[o] for o in range(7)]
    dist = sum(d["distance_km"] for d in days)
    runs = [d for d in days if d["distance_km"] > 0]
    return {
        "week": spec.index + 1, "start_date": spec.start, "phase": spec.cycle.phase,
        "cycle": spec.cycle.cycle, "emphasis": spec.cycle.emphasis,
        "fraction_of_peak": min(spec.fraction, res.planned_km / peak_km),
        "distance_km": round(dist, 1),
        "distance_mi": round(dist * 1000.0 / METERS_PER_MILE, 1),
        "long_run_km": max((d["distance_km"] for d in runs), default=0.0),
        "key_sessions": sum(1 for d in days if d["kind"] == "key"),
        "is_race_week": spec.is_race_week,
        "goal_pace_min": sum(d["work_min"] for d in days
                             if d["zone"] == "goal pace" and d["kind"] != "race"),
        "threshold_min": sum(d["work_min"] for d in days
                             if d["zone"] == "acidosis threshold"),
        "is_recovery_week": spec.is_recovery, "runs": len(runs),
    }


def _ranges(weeks: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1–3, 7"``."""
    out: list[str] = []
    for w in weeks:
        if out and out[-1].split("–")[-1] == str(w - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{w}"
        else:
            out.append(str(w))
    return ", ".join(out)


def _weeks(weeks: list[int]) -> str:
    """``"week 3"`` or ``"weeks 1–3, 5"`` (:func:`_ranges`).

    >>> _weeks([1]), _weeks([1, 2, 3, 5])
    ('week 1', 'weeks 1–3, 5')
    """
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {_ranges(weeks)}"


def _warnings(inputs: PlanInputs, specs: list[WeekSpec], results: list[WeekResult],
              goal: GoalAssessment, trained_s: float) -> tuple[str, ...]:
    out: list[str] = []
    if trained_s > goal.goal_time_s + 0.5:
        pace = format_pace(trained_s / inputs.race_m * 1000.0, inputs.units)
        out.append(f"goal {goal.verdict}: {goal.message} The plan trains goal pace at {pace} "
                   f"(a {format_time(trained_s)} race, the fastest stretch your races support) "
                   f"and keeps {format_time(goal.goal_time_s)} as the race target.")
    elif goal.verdict in ("not yet realistic", "impossible"):
        out.append(f"goal {goal.verdict}: {goal.message}")
    fewer = [(s.index + 1, r.dropped_runs) for s, r in zip(specs, results, strict=True)
             if r.dropped_runs and not (s.is_taper or s.is_recovery)]
    if fewer:
        most = max(n for _, n in fewer)
        out.append(f"{_weeks([w for w, _ in fewer])}: up to {most} run(s) fewer than "
                   f"{inputs.runs_per_week} a week, because a run under "
                   f"{RULES.min_run_min:.0f} min does little; a higher peak fills them")
    short = [s.index + 1 for s, r in zip(specs, results, strict=True) if r.shortfall_km > 0]
    if short:
        out.append(f"{_weeks(short)}: the planned volume does not fit in "
                   f"{inputs.runs_per_week} runs within the long-run and session limits (this "
                   "plan schedules one run a day); they are planned shorter")
    shrunk = [s.index + 1 for s, r in zip(specs, results, strict=True) if r.shrunk]
    if shrunk:
        out.append(f"{_weeks(shrunk)}: the key sessions were shortened to fit the low "
                   "weekly volume; consider a higher peak")
    # rises in the volume actually laid out, against the last week that was not cut back
    km = [sum(d["distance_km"] for d in r.days.values() if d["kind"] != "race")
          for r in results]
    last = None
    for spec in specs:
        if spec.is_recovery or spec.is_taper:
            continue
        if last is not None and km[last] > 0:
            gap = spec.index - last
            if km[spec.index] > km[last] * (1 + RULES.max_weekly_rise * gap) + 0.5:
                rise = km[spec.index] / km[last] - 1
                out.append(f"week {spec.index + 1}: volume rises {rise * 100:.0f}% over week "
                           f"{last + 1} (more than the usual 10% a week)")
        last = spec.index
    if inputs.taper_weeks * 7 < RULES.min_taper_days_warning:
        out.append("a 1-week taper is shorter than the 8–14 days that work best (Bosquet et al. "
                   "2007); the week before the race week is cut back to ease into it")
    if inputs.peak_km < inputs.race_m / 1000.0:
        out.append(f"a peak of {inputs.peak_weekly:g} {inputs.units} a week is less than the "
                   "race distance itself")
    return tuple(out)
