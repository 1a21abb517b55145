"""Build a dated training plan from a periodization template.

:func:`build_plan` takes a runner's choices (race date, peak weekly volume,
phase lengths, method, recent races and goal), spreads the template's cycles
over the weeks before the race, and returns a :class:`Plan` with one row per
week and one row per day.

How the numbers are chosen
--------------------------
* **Weeks and cycles.** Phase lengths are the user's; each phase's weeks are
  spread over its cycles as evenly as possible (extra weeks go to the later
  cycles, where the volume is higher), unless ``cycle_weeks`` gives them
  explicitly. The last week holds the race.
* **Volume.** Each week's training volume is the cycle's share of peak
  [Karp]_; inside a range (85–90 %, 90–100 %, taper 50→30 %) it ramps
  linearly, and cycles 7–9 share a single ramp. The race itself is added on
  top of the race week's training.
* **Days.** Key sessions go on days that are never consecutive (also across
  the week boundary) and as far from the long run as the week allows; rest
  days go first after the long run.
* **Sessions.** A key session is a warm-up and cool-down jog around the
  work; a rep session shows a rep *range* and the unlimited-reps rule. Each
  key workout ramps (rep duration or block length) over every week it
  appears in, so the time at goal pace grows through Specific Preparation.
  Planned distance counts the middle of the rep range. Easy days share what
  is left of the week equally.

References
----------
.. [Karp] Karp, J. R. *The Endurance of Speed*: the cycle table (emphasis,
   share of peak, key workouts), unlimited reps, volume of intensity, speed
   sessions never on consecutive days.
.. [Daniels] Daniels, J. (2014). *Daniels' Running Formula*, 3rd ed.: easy
   pace for warm-ups, recoveries, easy and long runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from speedfirst.equivalence import assess_goal
from speedfirst.errors import InputError
from speedfirst.methods import METHODS, CycleSpec, Workout
from speedfirst.models import GoalAssessment, as_races
from speedfirst.parsing import format_pace, format_time
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE, check_unit
from speedfirst.zones import pace_zones

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = [
    "RACE_DISTANCES_M",
    "SESSION_COLUMNS",
    "WEEKDAYS",
    "WEEK_COLUMNS",
    "Plan",
    "PlanInputs",
    "build_plan",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RACE_DISTANCES_M = {"marathon": MARATHON_M, "half": HALF_MARATHON_M}

WEEK_COLUMNS = (
    "week", "start_date", "phase", "cycle", "emphasis", "fraction_of_peak", "distance_km",
    "distance_mi", "long_run_km", "key_sessions", "is_race_week", "goal_pace_min",
    "threshold_min",
)
"""Columns of :attr:`Plan.weeks`."""

SESSION_COLUMNS = (
    "date", "week", "weekday", "kind", "title", "description", "zone", "distance_km",
    "minutes", "work_min", "reps_min", "reps_max", "rep_s", "rep_m", "recovery_s",
    "pace_fast_s_per_km", "pace_slow_s_per_km",
)
"""Columns of :attr:`Plan.sessions`."""

PEAK_MI_RANGE = (10.0, 200.0)
LIMITS = {
    "general_weeks": (4, 24),
    "specific_weeks": (5, 30),
    "taper_weeks": (1, 4),
    "runs_per_week": (3, 7),
}
WARMUP_MIN = 15.0
LONG_RUN_CAP_KM = {"marathon": 35.0, "half": 24.0}
GOAL_BLOCK_CAP = 0.6
"""Longest goal-pace block as a share of the goal race time: beyond it a
workout becomes a race."""


@dataclass(frozen=True)
class PlanInputs:
    """Everything :func:`build_plan` was given, normalised (see its parameters)."""

    race_date: dt.date
    race_distance: str
    peak_weekly: float
    units: str
    races: tuple[tuple[float, float], ...]
    goal_time_s: float | None
    general_weeks: int
    specific_weeks: int
    taper_weeks: int
    cycle_weeks: tuple[int, ...] | None
    method: str
    runs_per_week: int
    long_run_day: str
    hr_max: float | None
    week_start: str
    today: dt.date

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-friendly dict (dates as ISO text)."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["race_date"] = self.race_date.isoformat()
        d["today"] = self.today.isoformat()
        d["races"] = [list(r) for r in self.races]
        d["cycle_weeks"] = list(self.cycle_weeks) if self.cycle_weeks else None
        return d

    @property
    def peak_km(self) -> float:
        """Peak weekly volume [km]."""
        return self.peak_weekly * (METERS_PER_MILE / 1000.0 if self.units == "mi" else 1.0)


@dataclass(frozen=True, eq=False)
class Plan:
    """A dated plan: inputs, weekly and daily tables, zones and the goal check.

    Attributes
    ----------
    inputs : PlanInputs
    weeks : pandas.DataFrame
        One row per week, columns :data:`WEEK_COLUMNS`: ``week`` (1…n),
        ``start_date``, ``phase``, ``cycle``, ``emphasis``,
        ``fraction_of_peak`` (planned training volume / peak [-]),
        ``distance_km`` and ``distance_mi`` (sum of the week's sessions,
        race included), ``long_run_km``, ``key_sessions`` (count),
        ``is_race_week``, ``goal_pace_min`` and ``threshold_min`` (planned
        minutes in those zones).
    sessions : pandas.DataFrame
        One row per day up to race day, columns :data:`SESSION_COLUMNS`:
        ``kind`` is rest, easy, long, key, strength or race; ``minutes`` is
        running time (standing recoveries excluded); ``work_min`` the part
        in ``zone``; the rep columns are filled for key sessions.
    zones : pandas.DataFrame
        The pace zones used (see :func:`speedfirst.zones.pace_zones`).
    goal : GoalAssessment
        The goal check behind the goal pace.
    warnings : tuple of str
        Aggressive but allowed choices (e.g. a week-to-week jump over 10 %).
    """

    inputs: PlanInputs
    weeks: pd.DataFrame
    sessions: pd.DataFrame
    zones: pd.DataFrame
    goal: GoalAssessment
    warnings: tuple[str, ...] = field(default=())

    def key_session_titles(self) -> dict[int, list[str]]:
        """Titles of each week's key sessions and race, in day order: ``{week: [title, ...]}``.

        Weeks without one are absent. Built from plain lists: the dashboard calls it on
        every slider move.
        """
        s = self.sessions
        titles: dict[int, list[str]] = {}
        for week, kind, title in zip(s["week"].tolist(), s["kind"].tolist(),
                                     s["title"].tolist(), strict=True):
            if kind in ("key", "race"):
                titles.setdefault(int(week), []).append(str(title))
        return titles

    # exports: thin delegates to speedfirst.export
    def to_csv(self, path: str | Path) -> Path:
        """Write sessions and weeks as CSV (see :func:`speedfirst.export.to_csv`)."""
        from speedfirst import export

        return export.to_csv(self, path)

    def to_json(self) -> str:
        """Inputs and frames as JSON text (see :func:`speedfirst.export.to_json`)."""
        from speedfirst import export

        return export.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """Rebuild a plan written by :meth:`to_json`."""
        from speedfirst import export

        return export.from_json(text)

    def to_ics(self, path: str | Path) -> Path:
        """Write an iCalendar file, one all-day event per session."""
        from speedfirst import export

        return export.to_ics(self, path)

    def to_html(self, path: str | Path) -> Path:
        """Write a self-contained HTML report."""
        from speedfirst import export

        return export.to_html(self, path)


# --------------------------------------------------------------------------
# input normalisation
# --------------------------------------------------------------------------
def _weekday(value: str | int, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        for i, day in enumerate(WEEKDAYS):
            if v in (day, day[:3]):
                return i
    raise InputError(f"{name} must be a weekday name (monday … sunday), got {value!r}", field=name)


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name} must be a date like 2027-04-18, got {value!r}",
                         field=name) from None


def _int_in(value: Any, name: str, lo: int, hi: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer) or (
        isinstance(value, float) and not value.is_integer()
    ):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}",
                         field=name)
    if not lo <= int(value) <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}, got {int(value)}", field=name)
    return int(value)


def _cycle_weeks(template: tuple[CycleSpec, ...], method: str, general: int, specific: int,
                 taper: int, explicit: Sequence[int] | None) -> list[int]:
    """Weeks per cycle of ``template``."""
    training = [c for c in template if c.phase != "Taper"]
    if explicit is not None:
        explicit = list(explicit)
        if len(explicit) != len(training) or any(
            isinstance(w, bool) or not isinstance(w, int | np.integer) or w < 1 for w in explicit
        ):
            raise InputError(
                f"cycle_weeks must give {len(training)} whole numbers of at least 1 "
                f"(one per cycle before the taper), got {explicit!r}", field="cycle_weeks")
        return [int(w) for w in explicit] + [taper]
    if method == "speed-first":
        groups = [(general, 4), (specific, 5)]
    else:  # traditional: base, build, sharpening over the same training weeks
        n = general + specific
        sharpen = max(1, round(0.2 * n))
        base = max(1, round(0.45 * n))
        groups = [(base, 1), (n - base - sharpen, 1), (sharpen, 1)]
    weeks: list[int] = []
    for total, cycles in groups:
        base_w, extra = divmod(total, cycles)
        weeks += [base_w + (1 if i >= cycles - extra else 0) for i in range(cycles)]
    return [*weeks, taper]


# --------------------------------------------------------------------------
# day layout
# --------------------------------------------------------------------------
def _cyc(a: int, b: int) -> int:
    d = abs(a - b) % 7
    return min(d, 7 - d)


@lru_cache(maxsize=256)
def _layout(runs: int, long_day: int, n_key: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Key days and easy days (weekday numbers) for a normal week.

    Key days are never adjacent, even from Sunday to Monday; among valid
    choices prefer keys far from the long run and from each other, then rest
    days right after the long run.
    """
    others = [d for d in range(7) if d != long_day]
    best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
    for keys in itertools.combinations(others, n_key):
        if any(_cyc(a, b) <= 1 for a, b in itertools.combinations(keys, 2)):
            continue
        key_score = sum(min(_cyc(k, long_day), 2) for k in keys) * 10
        key_score += min((_cyc(a, b) for a, b in itertools.combinations(keys, 2)), default=0)
        rest_pool = [d for d in others if d not in keys]
        for easy in itertools.combinations(rest_pool, runs - 1 - n_key):
            rests = [d for d in rest_pool if d not in easy]
            score = key_score
            score += sum(3 for r in rests if r == (long_day + 1) % 7)
            score += sum(1 for r in rests if (r + 1) % 7 in keys)
            if best is None or score > best[0]:
                best = (score, keys, easy)
    if best is None:
        raise InputError(f"cannot fit {n_key} key sessions on non-consecutive days in "
                         f"{runs} runs a week", field="runs_per_week")
    return best[1], best[2]


# --------------------------------------------------------------------------
# sessions
# --------------------------------------------------------------------------
def _round_rep(workout: Workout, seconds: float) -> float:
    if workout.kind == "continuous":
        return max(300.0, round(seconds / 300.0) * 300.0)
    step = 1.0 if seconds < 30 else (5.0 if seconds < 120 else 30.0)
    return round(seconds / step) * step


def _pace_text(zone_row: Any, units: str) -> str:
    return _pace_range_text(zone_row.pace_fast_s_per_km, zone_row.pace_slow_s_per_km, units)


@lru_cache(maxsize=256)
def _pace_range_text(fast: float, slow: float, units: str) -> str:
    """``"6:15–6:30/mi"``; memoised: a plan repeats the same few zone paces."""
    a, b = format_pace(fast, units), format_pace(slow, units)
    return a if a == b else f"{a.split('/')[0]}–{b}"


def _hr_text(zone_row: Any) -> str:
    if math.isnan(zone_row.hr_low_bpm):
        return ""
    return f", HR {zone_row.hr_low_bpm:.0f}–{zone_row.hr_high_bpm:.0f}"


def _dur(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = seconds / 60.0
    return f"{minutes:.0f} min" if minutes == round(minutes) else f"{minutes:.1f} min"


ZoneRows = dict[str, Any]
"""Zone name -> row (a named tuple of the zones frame): cheap attribute lookups."""


def _key_session(workout: Workout, progress: float, zones: ZoneRows, units: str,
                 goal_cap_s: float, warm_min: float) -> dict[str, Any]:
    """A key session's numbers and description at ``progress`` (0…1) of its ramp."""
    z = zones[workout.zone]
    easy = zones["easy"]
    easy_pace = 0.5 * (easy.pace_fast_s_per_km + easy.pace_slow_s_per_km)
    pace_mid = 0.5 * (z.pace_fast_s_per_km + z.pace_slow_s_per_km)
    lo, hi = workout.rep_s
    rep_s = _round_rep(workout, lo + (hi - lo) * progress)
    if workout.zone == "goal pace":
        rep_s = min(rep_s, max(300.0, math.floor(goal_cap_s / 300.0) * 300.0))
    reps_min, reps_max = workout.reps
    reps_mid = 0.5 * (reps_min + reps_max)
    if workout.recovery_factor:
        recovery_s = round(workout.recovery_factor * rep_s / 5.0) * 5.0
    else:
        recovery_s = 0.5 * (workout.recovery_s_min + workout.recovery_s_max)
    jog = workout.recovery_mode == "jog"
    work_min = reps_mid * rep_s / 60.0
    recovery_run_min = (reps_mid - 1) * recovery_s / 60.0 if jog else 0.0
    pace = _pace_text(z, units)
    if workout.kind == "continuous":
        body = (f"{_dur(rep_s)} continuous at {z.label} ({pace}{_hr_text(z)})")
    else:
        if workout.recovery_factor:
            rec = f"{workout.recovery_rule} (about {_dur(recovery_s)})"
        else:
            rec = workout.recovery_rule
        body = (f"{reps_min}–{reps_max} × {_dur(rep_s)} at {z.effort} effort, {z.label} "
                f"({pace}{_hr_text(z)}); {rec}. Stop when one more rep would be exhausting "
                f"(new to this? start with 2)")
    minutes = 2 * warm_min + work_min + recovery_run_min
    distance_km = (2 * warm_min * 60.0 / easy_pace + work_min * 60.0 / pace_mid
                   + recovery_run_min * 60.0 / easy.pace_slow_s_per_km)
    return {
        "kind": "key" if workout.kind != "strides" else "easy",
        "title": workout.title,
        "description": f"Warm up {warm_min:.0f} min easy; {body}; cool down {warm_min:.0f} min.",
        "zone": workout.zone,
        "distance_km": distance_km,
        "minutes": minutes,
        "work_min": work_min,
        "reps_min": reps_min,
        "reps_max": reps_max,
        "rep_s": rep_s,
        "rep_m": round(rep_s / pace_mid * 1000.0 / 10.0) * 10.0,
        "recovery_s": recovery_s if workout.kind != "continuous" else np.nan,
        "pace_fast_s_per_km": z.pace_fast_s_per_km,
        "pace_slow_s_per_km": z.pace_slow_s_per_km,
    }


def _plain(kind: str, title: str, distance_km: float, zones: ZoneRows, units: str,
           extra: str = "") -> dict[str, Any]:
    easy = zones["easy"]
    pace_mid = 0.5 * (easy.pace_fast_s_per_km + easy.pace_slow_s_per_km)
    dist_txt = (f"{distance_km:.1f} km" if units == "km"
                else f"{distance_km * 1000.0 / METERS_PER_MILE:.1f} mi")
    desc = (f"{dist_txt} at easy, conversational pace ({_pace_text(easy, units)}"
            f"{_hr_text(easy)}).{extra}")
    return {"kind": kind, "title": title, "description": desc, "zone": "easy",
            "distance_km": distance_km, "minutes": distance_km * pace_mid / 60.0,
            "work_min": 0.0}


STRENGTH_TEXT = ("Strength endurance: 2–3 sets of 8–12 reps (squats, lunges, step-ups, calf "
                 "raises, core), then about 10 min of plyometrics (skips, bounds, hops).")


# --------------------------------------------------------------------------
# build_plan
# --------------------------------------------------------------------------
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
    taper_weeks: int = 3,
    cycle_weeks: Sequence[int] | None = None,
    method: str = "speed-first",
    runs_per_week: int = 6,
    long_run_day: str | int = "sunday",
    hr_max: float | None = None,
    week_start: str | int = "monday",
    today: dt.date | str | None = None,
) -> Plan:
    """Build a dated speed-first (or traditional) plan ending on race day.

    Parameters
    ----------
    race_date : date or ISO text
        Race day; the last week of the plan holds it. Give this or
        ``start_date``.
    start_date : date or ISO text
        Alternatively the first day of training; the race then falls on the
        long-run day of the last week.
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
        Goal time [s]; without it the model's prediction is the goal.
    general_weeks, specific_weeks, taper_weeks : int
        Phase lengths [weeks]: 4–24, 5–30 and 1–4.
    cycle_weeks : sequence of int, optional
        Weeks of each cycle before the taper (9 for speed-first, 3 for
        traditional), overriding the even spread.
    method : {"speed-first", "traditional"}
    runs_per_week : int
        3–7 running days.
    long_run_day, week_start : weekday name or number (0 = Monday)
    hr_max : float, optional
        Maximum heart rate [beats/min] for HR targets.
    today : date, optional
        Today's date (for tests); the plan may not start before this week.

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
    today_d = _date(today, "today") or dt.date.today()
    if method not in METHODS:
        known = ", ".join(repr(m) for m in METHODS)
        raise InputError(f"unknown method {method!r}; choose one of {known}", field="method")
    if race_distance not in RACE_DISTANCES_M:
        raise InputError(f"race_distance must be 'marathon' or 'half', got {race_distance!r}",
                         field="race_distance")
    unit = check_unit(units)
    lo_mi, hi_mi = PEAK_MI_RANGE
    lo, hi = (lo_mi, hi_mi) if unit == "mi" else (lo_mi * 1.609344, hi_mi * 1.609344)
    if (isinstance(peak_weekly, bool) or not isinstance(peak_weekly, int | float | np.number)
            or not math.isfinite(peak_weekly) or not lo <= peak_weekly <= hi):
        raise InputError(f"peak weekly volume must be from {lo:.0f} to {hi:.0f} {unit} a week, "
                         f"got {peak_weekly!r}", field="peak_weekly")
    general = _int_in(general_weeks, "general_weeks", *LIMITS["general_weeks"],
                      "General Preparation weeks")
    specific = _int_in(specific_weeks, "specific_weeks", *LIMITS["specific_weeks"],
                       "Specific Preparation weeks")
    taper = _int_in(taper_weeks, "taper_weeks", *LIMITS["taper_weeks"], "taper weeks")
    runs = _int_in(runs_per_week, "runs_per_week", *LIMITS["runs_per_week"], "runs per week")
    long_day = _weekday(long_run_day, "long_run_day")
    ws = _weekday(week_start, "week_start")
    template = METHODS[method]
    weeks_per_cycle = _cycle_weeks(template, method, general, specific, taper, cycle_weeks)
    if cycle_weeks is not None and method == "speed-first":
        general, specific = sum(weeks_per_cycle[:4]), sum(weeks_per_cycle[4:9])
    total = sum(weeks_per_cycle)

    race_m = RACE_DISTANCES_M[race_distance]
    this_week = today_d - dt.timedelta(days=(today_d.weekday() - ws) % 7)
    race_d = _date(race_date, "race_date")
    start_d = _date(start_date, "start_date")
    if race_d is None and start_d is None:
        raise InputError("give a race date (or a start date)", field="race_date")
    if race_d is None:
        assert start_d is not None
        first = start_d - dt.timedelta(days=(start_d.weekday() - ws) % 7)
        last = first + dt.timedelta(weeks=total - 1)
        race_d = last + dt.timedelta(days=(long_day - ws) % 7)
    if race_d < today_d:
        raise InputError(f"race date {race_d.isoformat()} is in the past (today is "
                         f"{today_d.isoformat()})", field="race_date")
    race_week = race_d - dt.timedelta(days=(race_d.weekday() - ws) % 7)
    first = race_week - dt.timedelta(weeks=total - 1)
    if first < this_week:
        available = (race_week - this_week).days // 7 + 1
        raise InputError(
            f"the phases need {total} weeks ({general} general + {specific} specific + "
            f"{taper} taper) but only {available} weeks remain before the race on "
            f"{race_d.isoformat()}; shorten the phases to {available} weeks in all or pick a "
            f"later race", field="phases")

    # performances and zones
    if races:
        rs = as_races(races)
    elif goal_time_s is not None:
        rs = as_races({race_m: float(goal_time_s)})
    else:
        raise InputError("enter at least one recent race time (or a goal time)", field="races")
    goal = (assess_goal(rs, race_m, float(goal_time_s)) if goal_time_s is not None else None)
    if goal is None:
        from speedfirst.equivalence import equivalent_time, nearest_race

        src = nearest_race(rs, race_m)
        goal_s = (src.time_s if math.isclose(src.distance_m, race_m)
                  else equivalent_time(src.distance_m, src.time_s, race_m))
        goal = assess_goal(rs, race_m, goal_s)
    goal_s = goal.goal_time_s
    if hr_max is not None and not isinstance(hr_max, int | float | np.number):
        raise InputError(f"HRmax must be a number of beats/min, got {hr_max!r}", field="hr_max")
    zone_key = (rs, goal_s, race_m, None if hr_max is None else float(hr_max))
    zones = _zones(*zone_key).copy()
    zones_ix = _zone_rows(*zone_key)

    inputs = PlanInputs(
        race_date=race_d, race_distance=race_distance, peak_weekly=float(peak_weekly),
        units=unit, races=tuple((r.distance_m, r.time_s) for r in rs),
        goal_time_s=None if goal_time_s is None else float(goal_time_s),
        general_weeks=general, specific_weeks=specific, taper_weeks=taper,
        cycle_weeks=tuple(int(w) for w in cycle_weeks) if cycle_weeks is not None else None,
        method=method, runs_per_week=runs, long_run_day=WEEKDAYS[long_day],
        hr_max=None if hr_max is None else float(hr_max), week_start=WEEKDAYS[ws],
        today=today_d,
    )
    weeks, sessions, shrunk = _lay_out(inputs, template, weeks_per_cycle, zones_ix, first, race_d,
                               race_m, goal_s, long_day)
    warns = _warnings(inputs, weeks, goal, shrunk)
    return Plan(inputs=inputs, weeks=weeks, sessions=sessions, zones=zones, goal=goal,
                warnings=warns)


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


def _fractions(template: tuple[CycleSpec, ...], weeks_per_cycle: list[int]) -> list[float]:
    """Share of peak for every week: ranges ramp linearly (ramp groups share one ramp)."""
    out: list[float] = []
    i = 0
    while i < len(template):
        group = template[i].ramp_group
        j = i + 1
        while group and j < len(template) and template[j].ramp_group == group:
            j += 1
        n = sum(weeks_per_cycle[i:j])
        lo, hi = template[i].fraction[0], template[j - 1].fraction[1]
        out += [hi if n == 1 else lo + (hi - lo) * k / (n - 1) for k in range(n)]
        i = j
    return out


def _lay_out(inputs: PlanInputs, template: tuple[CycleSpec, ...], weeks_per_cycle: list[int],
             zones: ZoneRows, first: dt.date, race_d: dt.date, race_m: float,
             goal_s: float, long_day: int) -> tuple[pd.DataFrame, pd.DataFrame, list[int]]:
    units = inputs.units
    peak_km = inputs.peak_km
    runs = inputs.runs_per_week
    ws = WEEKDAYS.index(inputs.week_start)
    cycle_of_week = [c for c, n in zip(template, weeks_per_cycle, strict=True) for _ in range(n)]
    fractions = _fractions(template, weeks_per_cycle)
    total = len(cycle_of_week)

    # each workout ramps over every week it appears in
    appearances: dict[Workout, list[int]] = {}
    for w, cyc in enumerate(cycle_of_week):
        for wo in dict.fromkeys(cyc.workouts):
            appearances.setdefault(wo, []).append(w)

    def progress(wo: Workout, week: int) -> float:
        seen = appearances[wo]
        return 0.0 if len(seen) == 1 else seen.index(week) / (len(seen) - 1)

    goal_cap = GOAL_BLOCK_CAP * goal_s
    long_cap = LONG_RUN_CAP_KM[inputs.race_distance]
    week_rows: list[dict[str, Any]] = []
    day_rows: list[dict[str, Any]] = []
    prev_keys: tuple[int, ...] = ()
    shrunk: list[int] = []
    for w in range(total):
        cyc = cycle_of_week[w]
        start = first + dt.timedelta(weeks=w)
        is_race_week = w == total - 1
        budget = fractions[w] * peak_km
        n_key = min(len(cyc.workouts), 1 if runs <= 3 else 2)
        keys, easy_days = _layout(runs, long_day, n_key)
        rel = {d: (d - ws) % 7 for d in range(7)}  # weekday -> offset in the plan week
        days: dict[int, dict[str, Any]] = {}
        workouts = list(cyc.workouts[:n_key])
        warm = WARMUP_MIN if budget >= 25 else 10.0
        if is_race_week:
            race_off = (race_d - start).days
            # one short key session at least 3 days before the race, never next to last
            # week's final key session
            key_day = None
            for off in range(race_off - 3, -1, -1):
                if off == 0 and prev_keys and max(rel[k] for k in prev_keys) == 6:
                    continue
                key_day = off
                break
            plan_days = {}
            if key_day is not None:
                plan_days[key_day] = ("key", workouts[-1])
            easy_offs = [o for o in range(race_off) if o not in plan_days
                         and o != race_off - 1 and o != (key_day or -9) + 1]
            n_easy = max(0, min(runs - 1 - len(plan_days), len(easy_offs)))
            for o in easy_offs[-n_easy:] if n_easy else []:
                plan_days[o] = ("easy", None)
            train_budget = budget
            for o, (kind, wo) in plan_days.items():
                if kind == "key":
                    days[o] = _key_session(wo, progress(wo, w), zones, units, goal_cap, 10.0)
            used = sum(d["distance_km"] for d in days.values())
            easy_list = sorted(o for o, (k, _) in plan_days.items() if k == "easy")
            if used > train_budget and days:
                shrunk.append(w + 1)
                scale = train_budget / used
                for d in days.values():
                    for col in ("distance_km", "minutes", "work_min"):
                        d[col] *= scale
                used = train_budget
            share = (train_budget - used) / len(easy_list) if easy_list else 0.0
            for o in easy_list:
                days[o] = _plain("easy", "Easy run (race week)", share, zones, units)
            race_row = {
                "kind": "race", "title": f"Race: {inputs.race_distance}",
                "description": (f"Race day: {format_time(goal_s)} goal, "
                                f"{format_pace(goal_s / race_m * 1000.0, units)}"
                                f"{_hr_text(zones['goal pace'])}. Start at goal pace, "
                                "not faster."),
                "zone": "goal pace", "distance_km": race_m / 1000.0, "minutes": goal_s / 60.0,
                "work_min": goal_s / 60.0,
                "pace_fast_s_per_km": goal_s / race_m * 1000.0,
                "pace_slow_s_per_km": goal_s / race_m * 1000.0,
            }
            days[race_off] = race_row
            last_day = race_off
            prev_keys = ()
        else:
            long_frac = 0.30 if runs <= 4 else 0.27
            long_km = min(long_frac * budget, long_cap)
            cap = budget * (0.8 if easy_days else 1.0)
            for warm_try in (warm, 10.0):
                for k, wo in zip(keys, workouts, strict=False):
                    days[rel[k]] = _key_session(wo, progress(wo, w), zones, units, goal_cap,
                                                warm_try)
                used = sum(d["distance_km"] for d in days.values())
                # a small week shortens the long run first (down to a fifth of the week)
                long_km = max(min(long_km, cap - used), 0.2 * budget)
                if used + long_km <= cap:
                    break
            if used + long_km > cap:  # very low volume: shrink everything alike
                shrunk.append(w + 1)
                scale = cap / (used + long_km)
                long_km *= scale
                for d in days.values():
                    for col in ("distance_km", "minutes", "work_min"):
                        d[col] *= scale
                used *= scale
            n_easy = len(easy_days)
            days[rel[long_day]] = _plain("long", "Long run", long_km, zones, units)
            share = (budget - used - long_km) / n_easy if n_easy else 0.0
            for e in easy_days:
                days[rel[e]] = _plain("easy", "Easy run", share, zones, units)
            last_day = 6
            prev_keys = keys
        # rest and strength days
        strength_done = not cyc.strength
        for off in range(last_day + 1):
            if off in days:
                continue
            if not strength_done and not is_race_week:
                days[off] = {"kind": "strength", "title": "Strength and plyometrics",
                             "description": STRENGTH_TEXT, "zone": "", "distance_km": 0.0,
                             "minutes": 0.0, "work_min": 0.0}
                strength_done = True
            else:
                days[off] = {"kind": "rest", "title": "Rest", "description":
                             "Rest or an easy walk.", "zone": "", "distance_km": 0.0,
                             "minutes": 0.0, "work_min": 0.0}
        if not strength_done:  # no free day: add it to the first easy day
            for off in sorted(days):
                if days[off]["kind"] == "easy":
                    days[off]["description"] += " Afterwards: " + STRENGTH_TEXT
                    break
        # round distances; the week total is the sum of the rounded sessions
        for off in sorted(days):
            d = days[off]
            d["distance_km"] = round(float(d["distance_km"]), 1)
            date = start + dt.timedelta(days=off)
            row = {"date": date, "week": w + 1, "weekday": WEEKDAYS[date.weekday()]}
            row.update(d)
            day_rows.append(row)
        week_days = [days[o] for o in sorted(days)]
        dist = sum(d["distance_km"] for d in week_days)
        week_rows.append({
            "week": w + 1,
            "start_date": start,
            "phase": cyc.phase,
            "cycle": cyc.cycle,
            "emphasis": cyc.emphasis,
            "fraction_of_peak": fractions[w],
            "distance_km": round(dist, 1),
            "distance_mi": round(dist * 1000.0 / METERS_PER_MILE, 1),
            "long_run_km": max((d["distance_km"] for d in week_days
                                if d["kind"] in ("long", "race")), default=0.0),
            "key_sessions": sum(1 for d in week_days if d["kind"] == "key"),
            "is_race_week": is_race_week,
            "goal_pace_min": sum(d["work_min"] for d in week_days
                                 if d["zone"] == "goal pace" and d["kind"] != "race"),
            "threshold_min": sum(d["work_min"] for d in week_days
                                 if d["zone"] == "acidosis threshold"),
        })
    return (_frame(week_rows, WEEK_COLUMNS, _WEEK_DTYPES, default=None),
            _frame(day_rows, SESSION_COLUMNS, _SESSION_DTYPES), shrunk)


_WEEK_DTYPES = {"week": "int64", "start_date": "date", "phase": "str", "cycle": "str",
                "emphasis": "str", "key_sessions": "int64", "is_race_week": "bool"}
_SESSION_DTYPES = {"date": "date", "week": "int64", "weekday": "str", "kind": "str",
                   "title": "str", "description": "str", "zone": "str", "reps_min": "Int64",
                   "reps_max": "Int64"}


def _frame(rows: list[dict[str, Any]], columns: Sequence[str], dtypes: Mapping[str, str],
           default: str | None = "float64") -> pd.DataFrame:
    """A frame from row dicts, built column by column (several times faster than
    ``DataFrame(rows)`` plus ``astype``: this runs on every slider move).

    Missing keys are NaN (NA in ``Int64``); dtype ``"date"`` means
    :class:`datetime.date` values stored as ``datetime64[s]``; columns not in
    ``dtypes`` get ``default`` (None: inferred by numpy, as ``DataFrame(rows)`` does).
    """
    data: dict[str, Any] = {}
    for col in columns:
        values = [r.get(col, np.nan) for r in rows]
        kind = dtypes.get(col, default)
        if kind == "date":
            data[col] = np.array(values, dtype="datetime64[D]").astype("datetime64[s]")
        elif kind == "str":
            data[col] = pd.array([str(v) for v in values], dtype="str")
        elif kind == "Int64":
            data[col] = pd.array([None if v is None or v != v else int(v) for v in values],
                                 dtype="Int64")
        else:
            data[col] = np.array(values, dtype=kind)
    return pd.DataFrame(data, columns=list(columns))


def _warnings(inputs: PlanInputs, weeks: pd.DataFrame, goal: GoalAssessment,
              shrunk: list[int]) -> tuple[str, ...]:
    out: list[str] = []
    if shrunk:
        out.append(f"weeks {', '.join(map(str, shrunk))}: the key sessions were shortened to "
                   "fit the low weekly volume; consider a higher peak")
    training = weeks.fraction_of_peak.to_numpy()
    jumps = [(i + 1, training[i + 1] / training[i] - 1) for i in range(len(training) - 1)
             if training[i + 1] > training[i] * 1.10 + 1e-9]
    for week, rise in jumps:
        out.append(f"week {week + 1}: volume rises {rise * 100:.0f}% over week {week} "
                   "(more than the usual 10% a week)")
    if goal.verdict in ("not yet realistic", "impossible"):
        out.append(f"goal {goal.verdict}: {goal.message}")
    race_km = RACE_DISTANCES_M[inputs.race_distance] / 1000.0
    if inputs.peak_km < race_km:
        out.append(f"a peak of {inputs.peak_weekly:g} {inputs.units} a week is less than the "
                   "race distance itself")
    return tuple(out)
