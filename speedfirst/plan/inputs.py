"""Step 1 of a plan: the runner's choices, checked and normalised.

:func:`normalise` turns :func:`~speedfirst.plan.build.build_plan`'s keywords
into a frozen :class:`PlanInputs` and the plan's first day, or raises an
:class:`~speedfirst.errors.InputError` that names the keyword at fault.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from speedfirst.errors import InputError
from speedfirst.limits import check_hr_max
from speedfirst.plan.rules import RULES
from speedfirst.plan.volumes import cycle_weeks as split_cycles
from speedfirst.results import RaceResult, as_races
from speedfirst.templates import METHODS
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE, check_unit

__all__ = [
    "LIMITS",
    "PEAK_MI_RANGE",
    "RACE_DISTANCES_M",
    "WEEKDAYS",
    "PlanInputs",
    "normalise",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RACE_DISTANCES_M = {"marathon": MARATHON_M, "half": HALF_MARATHON_M}
PEAK_MI_RANGE = (10.0, 200.0)
"""Accepted peak weekly volume [mi]."""
LIMITS = {
    "general_weeks": (4, 24),
    "specific_weeks": (5, 30),
    "taper_weeks": (1, 4),
    "runs_per_week": (3, 7),
}
"""Accepted ranges of the whole-number choices."""
RECOVERY_CHOICES = (0, 3, 4, 5, 6)
"""Accepted ``recovery_every`` values: 0 (no cut-back weeks) or every 3rd–6th week."""


@dataclass(frozen=True)
class PlanInputs:
    """Everything :func:`~speedfirst.plan.build.build_plan` was given, normalised."""

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
    recovery_every: int = RULES.recovery_every

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

    @property
    def race_name(self) -> str:
        """``"marathon"`` or ``"half marathon"``."""
        return "half marathon" if self.race_distance == "half" else "marathon"

    @property
    def race_m(self) -> float:
        """Race distance [m]."""
        return RACE_DISTANCES_M[self.race_distance]

    @property
    def long_run_weekday(self) -> int:
        """Long-run day as a weekday number (0 = Monday)."""
        return WEEKDAYS.index(self.long_run_day)

    def race_results(self) -> tuple[RaceResult, ...]:
        """The recent races as :class:`~speedfirst.results.RaceResult` (shortest first)."""
        return as_races(list(self.races))


def weekday(value: str | int, name: str) -> int:
    """Weekday number (0 = Monday) of a name, a three-letter abbreviation or a number."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        for i, day in enumerate(WEEKDAYS):
            if v in (day, day[:3]):
                return i
    raise InputError(f"{name} must be a weekday name (monday … sunday), got {value!r}", field=name)


def as_date(value: dt.date | str | None, name: str) -> dt.date | None:
    """A date from a date, a datetime or ISO text (None stays None)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name} must be a date like 2027-04-18, got {value!r}",
                         field=name) from None


def whole_number(value: Any, name: str, lo: int, hi: int, what: str) -> int:
    """``value`` as an int in ``lo…hi``, or an InputError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer) or (
        isinstance(value, float) and not value.is_integer()
    ):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}",
                         field=name)
    if not lo <= int(value) <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}, got {int(value)}", field=name)
    return int(value)


def _peak(peak_weekly: Any, unit: str) -> float:
    lo_mi, hi_mi = PEAK_MI_RANGE
    per = 1.0 if unit == "mi" else METERS_PER_MILE / 1000.0
    lo, hi = lo_mi * per, hi_mi * per
    if (isinstance(peak_weekly, bool) or not isinstance(peak_weekly, int | float | np.number)
            or not math.isfinite(peak_weekly) or not lo <= peak_weekly <= hi):
        raise InputError(f"peak weekly volume must be from {lo:.0f} to {hi:.0f} {unit} a week, "
                         f"got {peak_weekly!r}", field="peak_weekly")
    return float(peak_weekly)


def normalise(
    *, race_date: Any, start_date: Any, race_distance: str, peak_weekly: Any, units: str,
    races: Mapping[float, float] | None, goal_time_s: Any, general_weeks: Any,
    specific_weeks: Any, taper_weeks: Any, cycle_weeks: Sequence[int] | None, method: str,
    runs_per_week: Any, long_run_day: Any, hr_max: Any, week_start: Any, today: Any,
    recovery_every: Any,
) -> tuple[PlanInputs, list[int]]:
    """Check every choice; return the inputs and the weeks of each cycle (taper last).

    The plan's weeks are counted back from race day: the last week ends on
    it, whatever weekday it is, so the taper and the race week always hold
    the days a coach would count. ``week_start`` only aligns the plan when it
    is given by ``start_date`` (the race then falls on the long-run day of
    the last week) and sets the earliest week the plan may start in.
    """
    today_d = as_date(today, "today") or dt.date.today()
    if method not in METHODS:
        known = ", ".join(repr(m) for m in METHODS)
        raise InputError(f"unknown method {method!r}; choose one of {known}", field="method")
    if race_distance not in RACE_DISTANCES_M:
        raise InputError(f"race_distance must be 'marathon' or 'half', got {race_distance!r}",
                         field="race_distance")
    unit = check_unit(units)
    peak = _peak(peak_weekly, unit)
    general = whole_number(general_weeks, "general_weeks", *LIMITS["general_weeks"],
                           "General Preparation weeks")
    specific = whole_number(specific_weeks, "specific_weeks", *LIMITS["specific_weeks"],
                            "Specific Preparation weeks")
    if taper_weeks is None:
        taper_weeks = RULES.taper_default(race_distance)
    taper = whole_number(taper_weeks, "taper_weeks", *LIMITS["taper_weeks"], "taper weeks")
    runs = whole_number(runs_per_week, "runs_per_week", *LIMITS["runs_per_week"],
                        "runs per week")
    if recovery_every is None:
        recovery_every = RULES.recovery_every
    if (isinstance(recovery_every, bool) or not isinstance(recovery_every, int | np.integer)
            or int(recovery_every) not in RECOVERY_CHOICES):
        raise InputError("recovery_every must be 0 (no cut-back weeks) or 3, 4, 5 or 6 (a "
                         f"cut-back week every that many weeks), got {recovery_every!r}",
                         field="recovery_every")
    long_day = weekday(long_run_day, "long_run_day")
    ws = weekday(week_start, "week_start")
    weeks_per_cycle = split_cycles(METHODS[method], method, general, specific, taper,
                                   cycle_weeks)
    if cycle_weeks is not None and method == "speed-first":
        general, specific = sum(weeks_per_cycle[:4]), sum(weeks_per_cycle[4:9])
    total = sum(weeks_per_cycle)

    this_week = today_d - dt.timedelta(days=(today_d.weekday() - ws) % 7)
    race_d = as_date(race_date, "race_date")
    start_d = as_date(start_date, "start_date")
    if race_d is None and start_d is None:
        raise InputError("give a race date (or a start date)", field="race_date")
    if race_d is None:
        assert start_d is not None
        first_ws = start_d - dt.timedelta(days=(start_d.weekday() - ws) % 7)
        race_d = first_ws + dt.timedelta(weeks=total - 1, days=(long_day - ws) % 7)
    if race_d < today_d:
        raise InputError(f"race date {race_d.isoformat()} is in the past (today is "
                         f"{today_d.isoformat()})", field="race_date")
    first = race_d - dt.timedelta(days=7 * total - 1)
    if first < this_week:
        available = ((race_d - this_week).days + 1) // 7
        shortest = LIMITS["general_weeks"][0] + LIMITS["specific_weeks"][0] + 1
        if available < shortest:
            hint = (f"the shortest plan is {shortest} weeks ({LIMITS['general_weeks'][0]} "
                    f"general + {LIMITS['specific_weeks'][0]} specific + 1 taper): pick a race "
                    f"at least {shortest} weeks away")
        else:
            hint = (f"shorten the phases to {available} weeks in all or pick a later race")
        raise InputError(
            f"the phases need {total} weeks ({general} general + {specific} specific + "
            f"{taper} taper) but only {available} whole weeks remain before the race on "
            f"{race_d.isoformat()}; {hint}", field="phases")

    if races:
        rs = as_races(races)
    elif goal_time_s is not None:
        rs = as_races({RACE_DISTANCES_M[race_distance]: float(goal_time_s)})
    else:
        raise InputError("enter at least one recent race time (or a goal time)", field="races")
    hr = check_hr_max(hr_max)
    inputs = PlanInputs(
        race_date=race_d, race_distance=race_distance, peak_weekly=peak, units=unit,
        races=tuple((r.distance_m, r.time_s) for r in rs),
        goal_time_s=None if goal_time_s is None else float(goal_time_s),
        general_weeks=general, specific_weeks=specific, taper_weeks=taper,
        cycle_weeks=tuple(int(w) for w in cycle_weeks) if cycle_weeks is not None else None,
        method=method, runs_per_week=runs, long_run_day=WEEKDAYS[long_day],
        hr_max=hr, week_start=WEEKDAYS[ws],
        today=today_d, recovery_every=int(recovery_every),
    )
    return inputs, weeks_per_cycle
