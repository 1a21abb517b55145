"""One week of a plan day by day, and the whole plan as a calendar (the dashboard's Week tab)."""

from __future__ import annotations

import datetime as dt  # noqa: F401  (the doctests use it)
from typing import Any

import pandas as pd

from speedfirst.analysis.inputs import whole_number
from speedfirst.plan import Plan, build_plan  # noqa: F401  (build_plan: the doctests)
from speedfirst.units import METERS_PER_MILE, check_unit

__all__ = ["WEEK_DAY_COLUMNS", "plan_calendar", "week_days"]


# --------------------------------------------------------------------------
# the week, day by day (the dashboard's Week tab)
# --------------------------------------------------------------------------
WEEK_DAY_COLUMNS: tuple[str, ...] = (
    "date", "weekday", "kind", "title", "description", "distance", "minutes", "pace", "hr",
    "strength",
)
"""Columns of :func:`week_days` (``distance`` is in the units asked for)."""


def _pace_band(fast_s_per_km: float, slow_s_per_km: float, units: str) -> str:
    """``'6:05–6:08/mi'`` (one pace when both ends round alike); ``''`` for no pace."""
    from speedfirst.text import format_pace

    if not (fast_s_per_km == fast_s_per_km and slow_s_per_km == slow_s_per_km):  # NaN
        return ""
    fast, slow = format_pace(fast_s_per_km, units), format_pace(slow_s_per_km, units)
    return fast if fast == slow else f"{fast.split('/')[0]}–{slow}"


def week_days(plan: Plan, week: int, units: str | None = None) -> pd.DataFrame:
    """One week of ``plan``, day by day: what to run on each of its seven days.

    Parameters
    ----------
    plan : Plan
        A built plan.
    week : int
        Week number, 1 to ``len(plan.weeks)``.
    units : {"mi", "km"}, optional
        Units of ``distance`` and ``pace``; default the plan's. The
        ``description`` is the plan's own text (the one the CSV, calendar and
        HTML exports carry), written in the plan's units.

    Returns
    -------
    pandas.DataFrame
        Seven rows in day order (the week's first day first: weeks are
        counted back from race day), columns :data:`WEEK_DAY_COLUMNS`:
        ``date`` (:class:`datetime.date`), ``weekday`` (``"Monday"``),
        ``kind`` (rest, easy, long, key or race), ``title``, ``description``
        (the full prescription: reps, recoveries, paces, HR when given),
        ``distance`` (in ``units``, one decimal), ``minutes`` (running time,
        whole minutes), ``pace`` (the session's pace band in ``units``, e.g.
        ``"6:05–6:08/mi"``, empty for rest), ``hr`` (its heart-rate band,
        ``"157–166"``, empty without HRmax) and ``strength`` (strength work
        that day).

    Raises
    ------
    InputError
        If ``week`` is not a whole number in the plan's range (``field`` is
        ``"week"``) or ``units`` is not ``"mi"`` or ``"km"``.

    Examples
    --------
    >>> plan = build_plan(race_date=dt.date(2027, 4, 18), peak_weekly=55, units="mi",
    ...                   races={5000.0: 1088.0}, today=dt.date(2026, 11, 1))
    >>> days = week_days(plan, 21)
    >>> days[["weekday", "kind", "title"]].iloc[-1].tolist()
    ['Sunday', 'race', 'Race: marathon']
    """
    u = check_unit(units or plan.inputs.units)
    n = len(plan.weeks)
    week = whole_number(week, "week", "the week", 1, n)
    # plain lists, not a boolean filter: the dashboard calls this on every slider move
    s = plan.sessions
    pos = [i for i, w in enumerate(s["week"].tolist()) if w == week]

    def col(name: str) -> list[Any]:
        values = s[name].tolist()
        return [values[i] for i in pos]

    k = 1.0 if u == "km" else 1000.0 / METERS_PER_MILE
    hr_by_zone: dict[str, str] = {}
    z = plan.zones
    if "hr_low_bpm" in z.columns:
        for zone, lo, hi in zip(z["zone"].tolist(), z["hr_low_bpm"].tolist(),
                                z["hr_high_bpm"].tolist(), strict=True):
            if lo == lo and hi == hi:  # not NaN
                hr_by_zone[str(zone)] = f"{lo:.0f}–{hi:.0f}"
    dates = s["date"].to_numpy()[pos].astype("datetime64[D]").tolist()
    out = pd.DataFrame({
        "date": dates,
        "weekday": [str(d).capitalize() for d in col("weekday")],
        "kind": [str(x) for x in col("kind")],
        "title": [str(x) for x in col("title")],
        "description": [str(x) for x in col("description")],
        "distance": [round(float(d) * k, 1) for d in col("distance_km")],
        "minutes": [round(float(m)) for m in col("minutes")],
        "pace": [_pace_band(f, sl, u) for f, sl in zip(col("pace_fast_s_per_km"),
                                                       col("pace_slow_s_per_km"), strict=True)],
        "hr": [hr_by_zone.get(str(zone), "") for zone in col("zone")],
        "strength": [bool(x) for x in col("strength")],
    }, columns=list(WEEK_DAY_COLUMNS))
    out.attrs["units"] = u
    out.attrs["week"] = week
    return out


def plan_calendar(plan: Plan) -> pd.DataFrame:
    """The whole plan as a calendar: one row per week, one column per weekday.

    Parameters
    ----------
    plan : Plan
        A built plan.

    Returns
    -------
    pandas.DataFrame
        Index ``week`` (1…n); seven columns named by weekday
        (``"monday"``…), in the plan's day order (a Monday race gives
        Tuesday–Monday weeks); each cell is that day's ``kind`` (rest, easy,
        long, key or race), ``""`` for a day outside the plan.

    Examples
    --------
    >>> plan = build_plan(race_date=dt.date(2027, 4, 18), peak_weekly=55, units="mi",
    ...                   races={5000.0: 1088.0}, today=dt.date(2026, 11, 1))
    >>> cal = plan_calendar(plan)
    >>> cal.shape, cal.columns[0], cal.loc[21, "sunday"]
    ((21, 7), 'monday', 'race')
    """
    s = plan.sessions
    order = list(dict.fromkeys(s["weekday"].astype(str).tolist()))[:7]
    grid: dict[int, dict[str, str]] = {int(w): {} for w in plan.weeks["week"].tolist()}
    for week, day, kind in zip(s["week"].tolist(), s["weekday"].tolist(), s["kind"].tolist(),
                               strict=True):
        grid.setdefault(int(week), {})[str(day)] = str(kind)
    out = pd.DataFrame([[grid[w].get(d, "") for d in order] for w in sorted(grid)],
                       index=pd.Index(sorted(grid), name="week"), columns=order)
    return out
