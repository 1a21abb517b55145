"""Pure frames behind the lessons and comparisons: plans in, tidy tables out.

Everything here is plain computation over the library (plans, zones, race
equivalence, critical speed): no widgets and no plotly, so the lessons'
widgets (:mod:`speedfirst.widgets.lessons`), the notebooks and the tests all
read the same numbers. The one week table of the project is :func:`week_table`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from speedfirst import critical_speed
from speedfirst.equivalence import equivalent_time, vdot
from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.plan import LIMITS, Plan, build_plan
from speedfirst.text import format_time
from speedfirst.training_load import intensity_distribution, phase_summary
from speedfirst.units import MARATHON_M, METERS_PER_MILE, STANDARD_DISTANCES_M, check_unit
from speedfirst.zones import daniels_paces, pace_zones

__all__ = [
    "FIVE_K_RANGE_S",
    "LESSON_RACES",
    "METHOD_NAMES",
    "OFFSET_COLUMNS",
    "PLAN_WEEKS",
    "RECOVERY_MODES",
    "WEEK_DAY_COLUMNS",
    "WORKED_CASE",
    "compare_plans",
    "default_race_date",
    "easy_share_frame",
    "five_k_time",
    "lesson_dates",
    "method_pair",
    "model_disagreement",
    "offsets_vs_daniels",
    "phase_split",
    "plan_calendar",
    "plan_kwargs",
    "rep_volume_frame",
    "specificity_frame",
    "speed_reserve_frame",
    "taper_plan",
    "week_days",
    "week_table",
    "whole_number",
]

LESSON_RACES: dict[float, float] = {5000.0: 18 * 60 + 8.0}
"""The lessons' runner: the method's worked case, an 18:08 5K."""

WORKED_CASE: dict[str, float] = {"five_k_s": 18 * 60 + 8.0, "goal_time_s": 2 * 3600 + 35 * 60.0}
"""The method's worked case: an 18:08 5K runner said to be capable of 2:35."""

METHOD_NAMES: tuple[str, str] = ("speed-first", "traditional")

PLAN_WEEKS: tuple[int, int] = (12, 30)
"""Range of the plan-length sliders [weeks]."""

FIVE_K_RANGE_S: tuple[int, int] = (14 * 60, 26 * 60)
"""Range of the 5K sliders [s]."""

RECOVERY_MODES: tuple[str, ...] = ("jog", "stand")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def default_race_date(today: dt.date, weeks_ahead: int = 40) -> dt.date:
    """The first Sunday at least ``weeks_ahead`` weeks after ``today``.

    The lessons use 40 weeks (room for their longest plan, 30 weeks, from any
    week); the dashboard 24 (room for its default 21-week plan).

    >>> default_race_date(dt.date(2026, 11, 23))
    datetime.date(2027, 9, 5)
    >>> default_race_date(dt.date(2026, 11, 23), weeks_ahead=24)
    datetime.date(2027, 5, 16)
    """
    d = today + dt.timedelta(weeks=weeks_ahead)
    return d + dt.timedelta(days=(6 - d.weekday()) % 7)


def lesson_dates(today: dt.date | None, race_date: dt.date | None) -> tuple[dt.date, dt.date]:
    """``today`` (default: the real today) and the race date (:func:`default_race_date`)."""
    today = today or dt.date.today()
    return today, race_date or default_race_date(today)


def whole_number(value: Any, field: str, what: str, lo: int, hi: int) -> int:
    """``value`` as an int in ``lo…hi``, or an InputError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            isinstance(value, float) and not value.is_integer()):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}",
                         field=field)
    if not lo <= int(value) <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}, got {int(value)}", field=field)
    return int(value)


def five_k_time(value: Any, field: str = "five_k_s") -> float:
    """A plausible 5K time [s], or an InputError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"the 5K time must be a number of seconds, got {value!r}", field=field)
    try:
        check_race_time(5000.0, float(value))
    except InputError as exc:
        raise InputError(str(exc), field=field) from None
    return float(value)


# --------------------------------------------------------------------------
# 1–2. two ways to race day; specificity
# --------------------------------------------------------------------------
def phase_split(total_weeks: int, taper_weeks: int = 3) -> tuple[int, int, int]:
    """Split a plan length into General, Specific and taper weeks (about 4 : 5 before the taper).

    Parameters
    ----------
    total_weeks : int
        Plan length [weeks], 10 to 57.
    taper_weeks : int
        Taper [weeks], 1 to 4.

    Returns
    -------
    tuple of int
        ``(general_weeks, specific_weeks, taper_weeks)``.

    Examples
    --------
    >>> phase_split(21)
    (8, 10, 3)
    >>> phase_split(12)
    (4, 5, 3)
    """
    taper = whole_number(taper_weeks, "taper_weeks", "taper weeks", *LIMITS["taper_weeks"])
    lo = LIMITS["general_weeks"][0] + LIMITS["specific_weeks"][0] + taper
    hi = LIMITS["general_weeks"][1] + LIMITS["specific_weeks"][1] + taper
    total = whole_number(total_weeks, "total_weeks", "plan length (weeks)", lo, hi)
    training = total - taper
    general = round(training * 8 / 18)
    general = max(LIMITS["general_weeks"][0], min(LIMITS["general_weeks"][1], general,
                                                  training - LIMITS["specific_weeks"][0]))
    return general, training - general, taper


def method_pair(
    total_weeks: int = 21,
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    peak_weekly: float = 55.0,
    units: str = "mi",
    taper_weeks: int = 3,
) -> dict[str, Plan]:
    """A speed-first and a traditional plan for the same runner, race and length.

    Parameters
    ----------
    total_weeks : int
        Plan length [weeks], split by :func:`phase_split`.
    today, race_date : date, optional
        Today (default: the real date) and race day (default:
        :func:`default_race_date`).
    races : mapping of distance [m] to time [s], optional
        Recent races; :data:`LESSON_RACES` by default.
    goal_time_s : float, optional
        Goal marathon time [s]; without it the prediction is used.
    peak_weekly : float
        Peak weekly volume in ``units``.
    units : {"mi", "km"}
    taper_weeks : int
        Taper [weeks].

    Returns
    -------
    dict
        ``{"speed-first": Plan, "traditional": Plan}``.

    Examples
    --------
    >>> p = method_pair(21, today=dt.date(2026, 11, 23), race_date=dt.date(2027, 9, 5))
    >>> [len(plan.weeks) for plan in p.values()]
    [21, 21]
    """
    today, race_date = lesson_dates(today, race_date)
    general, specific, taper = phase_split(total_weeks, taper_weeks)
    common = dict(race_date=race_date, today=today, races=dict(races or LESSON_RACES),
                  goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units,
                  general_weeks=general, specific_weeks=specific, taper_weeks=taper)
    return {m: build_plan(**common, method=m) for m in METHOD_NAMES}


def specificity_frame(plans: Mapping[str, Plan]) -> pd.DataFrame:
    """Planned minutes at goal pace and at threshold per week, counted back from the race.

    Parameters
    ----------
    plans : mapping of name to Plan

    Returns
    -------
    pandas.DataFrame
        One row per (plan, week, zone): ``method`` (the mapping's key),
        ``week``, ``weeks_to_race`` (0 in race week), ``zone`` (``"goal
        pace"`` or ``"acidosis threshold"``) and ``minutes`` (the plan's
        ``goal_pace_min`` / ``threshold_min``; the race itself is not
        counted).
    """
    rows = []
    for name, plan in plans.items():
        w = plan.weeks
        n = len(w)
        for zone, col in (("goal pace", "goal_pace_min"), ("acidosis threshold", "threshold_min")):
            for week, minutes in zip(w["week"], w[col], strict=True):
                rows.append({"method": name, "week": int(week), "weeks_to_race": n - int(week),
                             "zone": zone, "minutes": float(minutes)})
    return pd.DataFrame(rows, columns=["method", "week", "weeks_to_race", "zone", "minutes"])


# --------------------------------------------------------------------------
# 3. speed reserve
# --------------------------------------------------------------------------
def speed_reserve_frame(
    five_k_s: float,
    goal_time_s: float,
    goal_distance_m: float = MARATHON_M,
    model: str = "daniels",
) -> pd.DataFrame:
    """Equivalent race times now (from a 5K) and those a goal needs, mile to marathon.

    Parameters
    ----------
    five_k_s : float
        Recent 5K time [s].
    goal_time_s : float
        Goal time [s] at ``goal_distance_m``.
    goal_distance_m : float
        Goal distance [m], the marathon by default.
    model : {"daniels", "riegel", "cameron"}
        Equivalence model.

    Returns
    -------
    pandas.DataFrame
        One row per (series, distance) over
        :data:`speedfirst.units.STANDARD_DISTANCES_M`: ``series``
        (``"now"`` or ``"needed"``), ``distance``, ``distance_m``,
        ``time_s`` and ``pace_s_per_km``.

    Examples
    --------
    The worked case: 18:08 now, about 16:10 needed for 2:35.

    >>> f = speed_reserve_frame(1088.0, 9300.0).set_index(["series", "distance"])
    >>> format_time(f.loc[("needed", "5K"), "time_s"])
    '16:10'
    """
    t5 = five_k_time(five_k_s)
    try:
        check_race_time(float(goal_distance_m), float(goal_time_s), what="goal")
    except InputError as exc:
        raise InputError(str(exc), field="goal_time_s") from None
    rows = []
    for series, (src_m, src_s) in (("now", (5000.0, t5)),
                                   ("needed", (float(goal_distance_m), float(goal_time_s)))):
        for name, d in STANDARD_DISTANCES_M.items():
            t = src_s if math.isclose(d, src_m) else equivalent_time(src_m, src_s, d, model)
            rows.append({"series": series, "distance": name, "distance_m": d, "time_s": t,
                         "pace_s_per_km": t / d * 1000.0})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
# 4. high-volume reps
# --------------------------------------------------------------------------
def rep_volume_frame(
    five_k_s: float,
    faster_than_5k_s_per_mi: float = 7.5,
    recovery_ratio: float = 1.0,
    recovery: str = "jog",
    *,
    max_work_s: float = critical_speed.MAX_WORK_S,
) -> pd.DataFrame:
    """How much time at one pace a session holds, rep length by rep length.

    The runner's critical speed and D′ come from the 5K's mile and 5K
    equivalents (:func:`speedfirst.critical_speed.critical_speed_from_race`); the rep
    pace is the 5K pace minus ``faster_than_5k_s_per_mi`` (7.5 s/mi: the
    middle of the method's VO2max offset); jog recoveries go at the slow end
    of Daniels' easy pace.

    Parameters
    ----------
    five_k_s : float
        5K time [s].
    faster_than_5k_s_per_mi : float
        How much faster than 5K pace the reps are [s/mi], −60 to 90
        (negative: slower).
    recovery_ratio : float
        Recovery / rep time [-].
    recovery : {"jog", "stand"}
        Jogged or standing recoveries.
    max_work_s : float
        Ceiling on the time at pace [s].

    Returns
    -------
    pandas.DataFrame
        :func:`speedfirst.critical_speed.reps_table` over its default rep durations.

    Examples
    --------
    >>> t = rep_volume_frame(1088.0)
    >>> t.time_at_pace_min.is_monotonic_decreasing
    True
    """
    t5 = five_k_time(five_k_s)
    off = faster_than_5k_s_per_mi
    if isinstance(off, bool) or not isinstance(off, int | float) or not -60 <= off <= 90:
        raise InputError(f"the rep pace must be within 60 s/mi slower to 90 s/mi faster than "
                         f"5K pace, got {off!r}", field="faster_than_5k_s_per_mi")
    if recovery not in RECOVERY_MODES:
        raise InputError(f"recovery must be one of {', '.join(RECOVERY_MODES)}, got "
                         f"{recovery!r}", field="recovery")
    cs = critical_speed.critical_speed_from_race(5000.0, t5)
    pace_s_per_km = (t5 / 5000.0 * METERS_PER_MILE - float(off)) * 1000.0 / METERS_PER_MILE
    jog = None
    if recovery == "jog":
        easy = daniels_paces(min(max(vdot(5000.0, t5), 20.0), 90.0)).set_index("zone")
        jog = float(easy.loc["E", "pace_slow_s_per_km"])
    return critical_speed.reps_table(cs.cs_m_per_s, cs.d_prime_m, pace_s_per_km,
                           recovery_ratio=recovery_ratio, recovery_pace_s_per_km=jog,
                           max_work_s=max_work_s)


# --------------------------------------------------------------------------
# 5. 80/20
# --------------------------------------------------------------------------
def easy_share_frame(plans: Mapping[str, Plan]) -> pd.DataFrame:
    """Easy share of running time per phase of each plan (see :func:`~.load.phase_summary`).

    Returns
    -------
    pandas.DataFrame
        Columns ``method``, ``phase``, ``weeks``, ``easy_share`` (0–1) and
        ``meets_80_20``, phases in plan order.
    """
    parts = []
    for name, plan in plans.items():
        s = phase_summary(plan)[["phase", "weeks", "easy_share", "meets_80_20"]].copy()
        s.insert(0, "method", name)
        parts.append(s)
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------
# 6. taper
# --------------------------------------------------------------------------
def taper_plan(
    taper_weeks: int = 3,
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    peak_weekly: float = 55.0,
    units: str = "mi",
    general_weeks: int = 8,
    specific_weeks: int = 10,
) -> Plan:
    """A speed-first plan whose taper is ``taper_weeks`` long (the training weeks stay the same).

    Examples
    --------
    >>> p = taper_plan(2, today=dt.date(2026, 11, 23), race_date=dt.date(2027, 9, 5))
    >>> p.weeks.phase.value_counts()["Taper"]
    np.int64(2)
    """
    today, race_date = lesson_dates(today, race_date)
    return build_plan(race_date=race_date, today=today, races=dict(races or LESSON_RACES),
                      goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units,
                      general_weeks=general_weeks, specific_weeks=specific_weeks,
                      taper_weeks=taper_weeks)


# --------------------------------------------------------------------------
# 7. the method's offsets against Daniels
# --------------------------------------------------------------------------
OFFSET_COLUMNS = ("five_k_s", "zone", "source", "pace_fast_s_per_km", "pace_slow_s_per_km",
                  "offset_fast_s_per_mi", "offset_slow_s_per_mi")


def offsets_vs_daniels(five_k_times_s: Iterable[float]) -> pd.DataFrame:
    """The method's threshold and VO2max paces against Daniels' T and I, for many 5K times.

    The method sets its paces by fixed offsets from 5K pace (threshold 15–18
    s/mi slower, VO2max 6–9 s/mi faster; :func:`speedfirst.zones.pace_zones`);
    Daniels sets them by fractions of VO2max (T at 88 %, I at 97.5–100 %;
    :func:`speedfirst.zones.daniels_paces`), so the gap to 5K pace grows for
    slower runners.

    Parameters
    ----------
    five_k_times_s : iterable of float
        5K times [s].

    Returns
    -------
    pandas.DataFrame
        Four rows per 5K time, columns ``five_k_s``, ``zone`` (``"acidosis
        threshold"`` or ``"VO2max"``), ``source`` (``"speed-first"``,
        ``"Daniels T"`` or ``"Daniels I"``), ``pace_fast_s_per_km``,
        ``pace_slow_s_per_km`` and ``offset_fast_s_per_mi``,
        ``offset_slow_s_per_mi`` (pace − 5K pace [s/mi]; positive = slower).

    Examples
    --------
    >>> f = offsets_vs_daniels([1088.0])
    >>> ours = f[f.source == "speed-first"]
    >>> ours[["offset_fast_s_per_mi", "offset_slow_s_per_mi"]].values.tolist()
    [[15.0, 18.0], [-9.0, -6.0]]
    """
    rows = []
    times = list(five_k_times_s)
    if not times:
        raise InputError("give at least one 5K time", field="five_k_times_s")
    for value in times:
        t = five_k_time(value, "five_k_times_s")
        ref_mi = t / 5000.0 * METERS_PER_MILE
        ours = pace_zones({5000.0: t}).set_index("zone")
        theirs = daniels_paces(min(max(vdot(5000.0, t), 20.0), 90.0)).set_index("zone")
        for zone, src, row in (
            ("acidosis threshold", "speed-first", ours.loc["acidosis threshold"]),
            ("acidosis threshold", "Daniels T", theirs.loc["T"]),
            ("VO2max", "speed-first", ours.loc["VO2max"]),
            ("VO2max", "Daniels I", theirs.loc["I"]),
        ):
            fast, slow = float(row["pace_fast_s_per_km"]), float(row["pace_slow_s_per_km"])
            rows.append({
                "five_k_s": t, "zone": zone, "source": src,
                "pace_fast_s_per_km": fast, "pace_slow_s_per_km": slow,
                "offset_fast_s_per_mi": fast * METERS_PER_MILE / 1000.0 - ref_mi,
                "offset_slow_s_per_mi": slow * METERS_PER_MILE / 1000.0 - ref_mi,
            })
    df = pd.DataFrame(rows, columns=list(OFFSET_COLUMNS))
    for col in ("offset_fast_s_per_mi", "offset_slow_s_per_mi"):
        df[col] = df[col].round(9)
    return df


# --------------------------------------------------------------------------
# explore: tables for a runner's own plan
# --------------------------------------------------------------------------
def model_disagreement(predictions: pd.DataFrame) -> pd.DataFrame:
    """Each model's predicted time per distance, and how far apart the models are.

    Parameters
    ----------
    predictions : pandas.DataFrame
        :func:`speedfirst.equivalence.race_predictions` frame.

    Returns
    -------
    pandas.DataFrame
        One row per distance (shortest first): ``distance``, one text column
        per model (``h:mm:ss``), ``spread_s`` (slowest − fastest [s]) and
        ``spread_pct`` (of the fastest [%], one decimal).

    Examples
    --------
    >>> from speedfirst.equivalence import race_predictions
    >>> t = model_disagreement(race_predictions({5000.0: 1088.0}))
    >>> t.set_index("distance").loc["marathon", ["daniels", "riegel", "cameron"]].tolist()
    ['2:53:40', '2:53:55', '2:56:58']
    """
    wide = predictions.pivot_table(index=["distance_m", "distance"], columns="model",
                                   values="time_s", aggfunc="first", sort=True)
    models = [m for m in dict.fromkeys(predictions["model"]) if m in wide.columns]
    out = pd.DataFrame({"distance": [d for _, d in wide.index]})
    for m in models:
        out[m] = [format_time(t) for t in wide[m]]
    fastest = wide[models].min(axis=1).to_numpy()
    slowest = wide[models].max(axis=1).to_numpy()
    out["spread_s"] = (slowest - fastest).round(0)
    out["spread_pct"] = ((slowest - fastest) / fastest * 100.0).round(1)
    return out


def week_table(plan: Plan, units: str | None = None) -> pd.DataFrame:
    """The plan's weeks as a readable table (one row per week, text and rounded numbers).

    Columns: ``week``, ``starts`` (``Mon 23 Nov 2026``), ``phase``, ``cycle``,
    ``emphasis``, ``distance (<units>)``, ``long run (<units>)``, ``goal pace
    (min)``, ``threshold (min)`` and ``key sessions`` (titles, race
    included).
    """
    u = check_unit(units or plan.inputs.units)
    k = 1.0 if u == "km" else 1000.0 / METERS_PER_MILE
    keys = {week: " · ".join(t) for week, t in plan.key_session_titles().items()}
    w = plan.weeks
    return pd.DataFrame({
        "week": w["week"].astype(int),
        "starts": [f"{d:%a} {d.day} {d:%b %Y}" for d in w["start_date"]],
        "phase": w["phase"].astype(str),
        "cycle": w["cycle"].astype(str),
        "emphasis": w["emphasis"].astype(str),
        f"distance ({u})": (w["distance_km"] * k).round(1),
        f"long run ({u})": (w["long_run_km"] * k).round(1),
        "goal pace (min)": w["goal_pace_min"].round(0).astype(int),
        "threshold (min)": w["threshold_min"].round(0).astype(int),
        "key sessions": [keys.get(x, "—") for x in w["week"]],
    })


def plan_kwargs(plan: Plan) -> dict[str, Any]:
    """The :func:`~speedfirst.plan.build_plan` keyword arguments that rebuild ``plan``."""
    i = plan.inputs
    return dict(race_date=i.race_date, race_distance=i.race_distance,
                peak_weekly=i.peak_weekly, units=i.units, races=dict(i.races),
                goal_time_s=i.goal_time_s, general_weeks=i.general_weeks,
                specific_weeks=i.specific_weeks, taper_weeks=i.taper_weeks,
                cycle_weeks=i.cycle_weeks, method=i.method, runs_per_week=i.runs_per_week,
                long_run_day=i.long_run_day, hr_max=i.hr_max, week_start=i.week_start,
                today=i.today, recovery_every=i.recovery_every)


def compare_plans(plans: Mapping[str, Plan], units: str = "mi") -> pd.DataFrame:
    """Headline numbers of several plans side by side.

    Returns
    -------
    pandas.DataFrame
        One row per plan: ``plan``, ``weeks``, ``total (<units>)``, ``peak
        week (<units>)``, ``goal pace (min)``, ``threshold (min)`` (plan
        totals, the race excluded) and ``easy share`` (of all running time,
        0–1, three decimals).
    """
    u = check_unit(units)
    k = 1.0 if u == "km" else 1000.0 / METERS_PER_MILE
    rows = []
    for name, plan in plans.items():
        inten = intensity_distribution(plan)
        total_min = float(inten["minutes"].sum())
        easy_min = float(inten.loc[inten["zone"] == "easy", "minutes"].sum())
        rows.append({
            "plan": name,
            "weeks": len(plan.weeks),
            f"total ({u})": round(float(plan.weeks["distance_km"].sum()) * k, 1),
            f"peak week ({u})": round(float(plan.weeks["distance_km"].max()) * k, 1),
            "goal pace (min)": round(float(plan.weeks["goal_pace_min"].sum())),
            "threshold (min)": round(float(plan.weeks["threshold_min"].sum())),
            "easy share": round(easy_min / total_min, 3) if total_min else 0.0,
        })
    return pd.DataFrame(rows)




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


