"""The lessons' frames: two ways to race day, specificity, speed reserve, reps, 80/20, taper.

One function per lesson (numbered as in :mod:`speedfirst.widgets.lessons`),
each a pure frame over the library's plans, zones, race equivalence and
critical speed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from speedfirst import critical_speed
from speedfirst.analysis.inputs import five_k_time, lesson_dates, whole_number
from speedfirst.equivalence import vdot
from speedfirst.equivalence.models import _race_or_equivalent
from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.plan import LIMITS, Plan, build_plan
from speedfirst.text import format_time  # noqa: F401  (the doctests use it)
from speedfirst.training_load import phase_summary
from speedfirst.units import MARATHON_M, METERS_PER_MILE, STANDARD_DISTANCES_M
from speedfirst.zones import daniels_paces, pace_zones

__all__ = [
    "FIVE_K_RANGE_S",
    "LESSON_RACES",
    "METHOD_NAMES",
    "OFFSET_COLUMNS",
    "PLAN_WEEKS",
    "RECOVERY_MODES",
    "WORKED_CASE",
    "easy_share_frame",
    "method_pair",
    "offsets_vs_daniels",
    "phase_split",
    "rep_volume_frame",
    "specificity_frame",
    "speed_reserve_frame",
    "taper_plan",
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
            t = _race_or_equivalent(src_m, src_s, d, model)
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
