"""The computations and small widgets behind the teaching notebooks.

``notebooks/periodization.ipynb`` ("why speed first?") and
``notebooks/explore.ipynb`` ("your plan, step by step") stay thin: they call
the functions here. Two layers:

* **pure functions** return tidy frames or plans and know nothing about
  widgets (:func:`method_pair`, :func:`specificity_frame`,
  :func:`speed_reserve_frame`, :func:`rep_volume_frame`,
  :func:`easy_share_frame`, :func:`taper_plan`, :func:`offsets_vs_daniels`,
  :func:`model_disagreement`, :func:`week_table`, :func:`compare_plans`);
* **widget builders** (:func:`two_ways`, :func:`specificity`,
  :func:`speed_reserve`, :func:`rep_volume`, :func:`eighty_twenty`,
  :func:`taper_form`, :func:`model_offsets`, :func:`what_if`) each return a
  :class:`Lesson`: a ``VBox`` with a few sliders and one ``Output`` per
  chart.

Like the dashboard, a lesson shows a chart by assigning the figure's mime
bundle to ``Output.outputs`` (never by displaying into the output while the
notebook runs: that can hang a Voila page load), validates every slider
value through the library, and turns any failure into a one-line message
while the last good charts stay on screen. No traceback reaches a reader.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias
import pandas as pd
import plotly.graph_objects as go

from speedfirst import critical_speed, figures
from speedfirst.equivalence import assess_goal, equivalent_time, vdot
from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.plan import LIMITS, Plan, build_plan
from speedfirst.text import format_pace, format_time
from speedfirst.training_load import fitness_fatigue, intensity_distribution, phase_summary
from speedfirst.units import MARATHON_M, METERS_PER_MILE, STANDARD_DISTANCES_M, check_unit
from speedfirst.zones import daniels_paces, pace_zones

__all__ = [
    "LESSON_RACES",
    "METHOD_NAMES",
    "PLAN_WEEKS",
    "WORKED_CASE",
    "Lesson",
    "chart",
    "compare_plans",
    "course",
    "default_race_date",
    "easy_share_frame",
    "eighty_twenty",
    "method_pair",
    "model_disagreement",
    "model_offsets",
    "offsets_vs_daniels",
    "phase_split",
    "plan_kwargs",
    "rep_volume",
    "rep_volume_frame",
    "specificity",
    "specificity_frame",
    "speed_reserve",
    "speed_reserve_frame",
    "tabs",
    "taper_form",
    "taper_plan",
    "two_ways",
    "week_table",
    "what_if",
]

log = logging.getLogger(__name__)

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
def default_race_date(today: dt.date) -> dt.date:
    """The first Sunday at least 40 weeks after ``today``: room for every lesson plan.

    >>> default_race_date(dt.date(2026, 11, 23))
    datetime.date(2027, 9, 5)
    """
    d = today + dt.timedelta(weeks=40)
    return d + dt.timedelta(days=(6 - d.weekday()) % 7)


def _dates(today: dt.date | None, race_date: dt.date | None) -> tuple[dt.date, dt.date]:
    today = today or dt.date.today()
    return today, race_date or default_race_date(today)


def _whole(value: Any, field: str, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            isinstance(value, float) and not value.is_integer()):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}",
                         field=field)
    if not lo <= int(value) <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}, got {int(value)}", field=field)
    return int(value)


def _five_k(value: Any, field: str = "five_k_s") -> float:
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
    taper = _whole(taper_weeks, "taper_weeks", "taper weeks", *LIMITS["taper_weeks"])
    lo = LIMITS["general_weeks"][0] + LIMITS["specific_weeks"][0] + taper
    hi = LIMITS["general_weeks"][1] + LIMITS["specific_weeks"][1] + taper
    total = _whole(total_weeks, "total_weeks", "plan length (weeks)", lo, hi)
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
    today, race_date = _dates(today, race_date)
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
    t5 = _five_k(five_k_s)
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
    t5 = _five_k(five_k_s)
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
    today, race_date = _dates(today, race_date)
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
        t = _five_k(value, "five_k_times_s")
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
# display helpers
# --------------------------------------------------------------------------
def chart(fig: go.Figure) -> W.Output:
    """An ``Output`` widget showing ``fig`` (its bundle assigned to ``outputs``).

    A plain mime bundle as a cell result also draws in Voila, but plotly's
    renderer then fails to cache its PNG preview there (a console error per
    chart); inside an ``Output`` widget it does not.
    """
    out = W.Output(layout=W.Layout(min_height="360px"))
    out.outputs = _bundle_output(fig)
    out.add_class("sf-chart-static")
    return out


def _bundle_output(fig: go.Figure) -> tuple[dict[str, Any], ...]:
    return ({"output_type": "display_data", "data": figures.figure_bundle(fig),
             "metadata": {}},)


View = Callable[..., tuple[Sequence[go.Figure], str]]


class Lesson(W.VBox):
    """A lesson's controls, its chart outputs and a message line.

    Every change of a control calls :meth:`refresh`, which recomputes through
    ``view(**values)`` (a pure function returning the figures and a short
    HTML note) and swaps the new figures in. Errors leave the last charts in
    place and show a one-line message instead.

    Parameters
    ----------
    name : str
        Short name, used in CSS classes (``sf-lesson-<name>``).
    controls : dict of str to widget
        Keyword name → control; their values are passed to ``view``.
    view : callable
        ``view(**values) -> (figures, note_html)``.
    n_charts : int
        Number of chart outputs (the length of ``figures``).

    Attributes
    ----------
    controls : dict
    charts : list of ipywidgets.Output
    note, error : ipywidgets.HTML
    figures : list of plotly.graph_objects.Figure
        The figures on show.
    last_exception : BaseException or None
        The last unexpected error (kept for developers; never shown).
    """

    def __init__(self, name: str, controls: dict[str, W.ValueWidget], view: View,
                 n_charts: int) -> None:
        charts = [W.Output(layout=W.Layout(min_height="400px")) for _ in range(n_charts)]
        note, error = W.HTML(value=""), W.HTML(value="")
        bar = W.HBox(list(controls.values()),
                     layout=W.Layout(flex_flow="row wrap", grid_gap="8px 24px"))
        super().__init__(children=[bar, error, note, *charts])
        self.controls = controls
        self.view = view
        self.charts = charts
        self.note = note
        self.error = error
        self.figures: list[go.Figure] = []
        self.last_exception: BaseException | None = None
        self.add_class("sf-lesson")
        self.add_class(f"sf-lesson-{name}")
        note.add_class("sf-lesson-note")
        error.add_class("sf-lesson-error")
        for c in charts:
            c.add_class("sf-lesson-chart")
        for c in controls.values():
            c.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """Current control values by keyword."""
        return {k: w.value for k, w in self.controls.items()}

    def _on_change(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> bool:
        """Recompute and show; returns whether it succeeded."""
        try:
            figs, note = self.view(**self.values())
            figs = list(figs)
            bundles = [_bundle_output(f) for f in figs]
        except InputError as exc:
            self._fail(str(exc))
            return False
        except Exception as exc:  # never show a traceback to a reader
            self.last_exception = exc
            log.debug("lesson %s failed", self._dom_classes, exc_info=True)
            self._fail("Something went wrong with that choice; the last charts are shown.")
            return False
        for out, bundle in zip(self.charts, bundles, strict=False):
            out.outputs = bundle
        self.figures = figs
        self.note.value = note
        self.error.value = ""
        return True

    def _fail(self, message: str) -> None:
        self.error.value = (f'<span class="sf-error-text" role="alert">'
                            f"{html.escape(message)}</span>")


def _int_slider(description: str, value: int, lo: int, hi: int, step: int = 1) -> W.IntSlider:
    return W.IntSlider(value=value, min=lo, max=hi, step=step, description=description,
                       continuous_update=False, style={"description_width": "initial"},
                       layout=W.Layout(width="420px"))


def _time_slider(description: str, value: float, lo: int, hi: int,
                 step: int) -> W.SelectionSlider:
    values = set(range(lo, hi + 1, step)) | {round(value)}
    return W.SelectionSlider(options=[(format_time(v), float(v)) for v in sorted(values)],
                             value=float(round(value)), description=description,
                             continuous_update=False, style={"description_width": "initial"},
                             layout=W.Layout(width="420px"))


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


# --------------------------------------------------------------------------
# widget builders (views are pure: values in, figures and a note out)
# --------------------------------------------------------------------------
def _two_ways_view(weeks: int, *, units: str, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plans = method_pair(weeks, units=units, **plan_args)
    sf, tr = plans["speed-first"], plans["traditional"]
    inten = {k: intensity_distribution(p) for k, p in plans.items()}
    figs = [
        figures.compare_methods(sf.weeks, tr.weeks, inten["speed-first"], inten["traditional"],
                                names=METHOD_NAMES, units=units),
        figures.method_intensity_panels(inten["speed-first"], inten["traditional"],
                                        names=METHOD_NAMES, share=True),
    ]
    counts = {k: p.weeks["phase"].value_counts(sort=False) for k, p in plans.items()}
    parts = [f"{k}: " + ", ".join(f"{n} {ph}" for ph, n in c.items()) for k, c in counts.items()]
    return figs, _p(f"{weeks} weeks to race day. " + "; ".join(parts) + " (weeks).")


def two_ways(
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    peak_weekly: float = 55.0,
    units: str = "mi",
    weeks: int = 21,
) -> Lesson:
    """Speed-first against traditional, week by week, with a plan-length slider.

    Charts: :func:`speedfirst.figures.compare_methods` and
    :func:`speedfirst.figures.method_intensity_panels`. Control ``weeks``.
    """
    today, race_date = _dates(today, race_date)
    view = functools.partial(_two_ways_view, today=today, race_date=race_date, races=races,
                             goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units)
    return Lesson("two-ways", {"weeks": _int_slider("Plan length (weeks)", weeks, *PLAN_WEEKS)},
                  view, 2)


def _specificity_view(weeks: int, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plans = method_pair(weeks, **plan_args)
    frame = specificity_frame(plans)
    last = frame[(frame["weeks_to_race"] >= 4) & (frame["weeks_to_race"] <= 9)]
    sums = last.groupby(["method", "zone"])["minutes"].sum()
    note = "In the six weeks before the taper: " + "; ".join(
        f"{m} {sums.get((m, 'goal pace'), 0):.0f} min at goal pace and "
        f"{sums.get((m, 'acidosis threshold'), 0):.0f} min at threshold" for m in plans) + "."
    return [figures.specificity_chart(frame)], _p(note)


def specificity(
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    peak_weekly: float = 55.0,
    units: str = "mi",
    weeks: int = 21,
) -> Lesson:
    """Minutes at goal pace and threshold per week in both plans, with a plan-length slider.

    Chart: :func:`speedfirst.figures.specificity_chart`. Control ``weeks``.
    """
    today, race_date = _dates(today, race_date)
    view = functools.partial(_specificity_view, today=today, race_date=race_date, races=races,
                             goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units)
    return Lesson("specificity",
                  {"weeks": _int_slider("Plan length (weeks)", weeks, *PLAN_WEEKS)}, view, 1)


def _speed_reserve_view(five_k_s: float, goal_time_s: float, *,
                        units: str) -> tuple[list[go.Figure], str]:
    frame = speed_reserve_frame(five_k_s, goal_time_s)
    goal = assess_goal({5000.0: float(five_k_s)}, MARATHON_M, float(goal_time_s))
    fig = figures.speed_reserve_chart(frame, goal, units=units)
    needed = format_time(goal.required_times_s[5000.0])
    note = (f"<p><b class='sf-verdict'>{html.escape(goal.verdict)}</b>: "
            f"{html.escape(goal.message)}</p>"
            f"<p>Speed reserve: goal pace is {abs(goal.speed_reserve_s_per_mi):.0f} s/mi "
            f"{'slower' if goal.speed_reserve_s_per_mi > 0 else 'faster'} than your mile pace "
            f"({format_time(goal.mile_time_s)}/mi). The goal needs a 5K of about "
            f"{needed}.</p>")
    return [fig], note


def speed_reserve(
    *,
    five_k_s: float = WORKED_CASE["five_k_s"],
    goal_time_s: float = WORKED_CASE["goal_time_s"],
    units: str = "mi",
) -> Lesson:
    """Race paces now against the goal's, with sliders for the 5K time and the marathon goal.

    Chart: :func:`speedfirst.figures.speed_reserve_chart`. Controls
    ``five_k_s`` (2-second steps) and ``goal_time_s`` (1-minute steps); the
    defaults are the method's worked case (18:08, 2:35).
    """
    controls = {
        "five_k_s": _time_slider("Your 5K", five_k_s, *FIVE_K_RANGE_S, 2),
        "goal_time_s": _time_slider("Marathon goal", goal_time_s, 2 * 3600, 4 * 3600 + 30 * 60,
                                    60),
    }
    return Lesson("speed-reserve", controls,
                  functools.partial(_speed_reserve_view, units=units), 1)


def _rep_volume_view(faster_than_5k_s_per_mi: int, recovery_ratio: float, recovery: str, *,
                     five_k_s: float, units: str) -> tuple[list[go.Figure], str]:
    table = rep_volume_frame(five_k_s, faster_than_5k_s_per_mi, recovery_ratio, recovery)
    fig = figures.rep_volume_chart(table, units=units, ceiling_min=critical_speed.MAX_WORK_S / 60.0)
    row = table.iloc[0]
    cs_pace = 1000.0 / float(row["cs_m_per_s"])
    pace = float(row["pace_s_per_km"])
    where = "faster" if pace < cs_pace else "slower"
    note = (f"5K {format_time(five_k_s)}: critical speed {format_pace(cs_pace, units)}, "
            f"D′ {row['d_prime_m']:.0f} m. Reps at {format_pace(pace, units)} are {where} "
            f"than critical speed; recoveries ({recovery}) restore D′ with a time constant of "
            f"{row['tau_s']:.0f} s. Each bar stops when one more rep would empty D′.")
    return [fig], _p(note)


def rep_volume(*, five_k_s: float = WORKED_CASE["five_k_s"], units: str = "mi") -> Lesson:
    """Time at pace per session against rep length, with pace and recovery controls.

    Chart: :func:`speedfirst.figures.rep_volume_chart`. Controls
    ``faster_than_5k_s_per_mi``, ``recovery_ratio`` and ``recovery``.
    """
    controls = {
        "faster_than_5k_s_per_mi": _int_slider("Rep pace: s/mi faster than 5K pace", 7, -30, 60),
        "recovery_ratio": W.FloatSlider(value=1.0, min=0.25, max=3.0, step=0.25,
                                        description="Recovery ÷ rep time",
                                        continuous_update=False,
                                        style={"description_width": "initial"},
                                        layout=W.Layout(width="420px")),
        "recovery": W.ToggleButtons(options=[("jog", "jog"), ("stand", "stand")], value="jog",
                                    description="Recovery"),
    }
    return Lesson("rep-volume", controls,
                  functools.partial(_rep_volume_view, five_k_s=five_k_s, units=units), 1)


def _eighty_twenty_view(peak_weekly: int, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plans = method_pair(peak_weekly=peak_weekly, **plan_args)
    frame = easy_share_frame(plans)
    short = [f"{r.method} {r.phase} ({r.easy_share:.0%})"
             for r in frame.itertuples() if not r.meets_80_20]
    note = ("Below 80% easy: " + ", ".join(short) + "." if short
            else "Every phase of both plans is at least 80% easy.")
    return [figures.easy_share_chart(frame)], _p(note)


def eighty_twenty(
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    units: str = "mi",
    weeks: int = 21,
    peak_weekly: int = 55,
) -> Lesson:
    """Easy share per phase of both plans against 80 %, with a peak-mileage slider.

    Chart: :func:`speedfirst.figures.easy_share_chart`. Control
    ``peak_weekly`` (in ``units``).
    """
    today, race_date = _dates(today, race_date)
    hi = 120 if check_unit(units) == "mi" else 190
    lo = 25 if units == "mi" else 40
    view = functools.partial(_eighty_twenty_view, total_weeks=weeks, today=today,
                             race_date=race_date, races=races, goal_time_s=goal_time_s,
                             units=units)
    return Lesson("eighty-twenty",
                  {"peak_weekly": _int_slider(f"Peak weekly volume ({units})", peak_weekly,
                                              lo, hi, 5)}, view, 1)


def _taper_view(taper_weeks: int, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plan = taper_plan(taper_weeks, **plan_args)
    ff = fitness_fatigue(plan)
    form, fitness = float(ff["form"].iloc[-1]), float(ff["fitness"].iloc[-1])
    peak = float(ff["fitness"].max())
    title = f"{taper_weeks}-week taper: race-day form {form:+.1f}"
    fig = figures.fitness_fatigue_chart(ff, race_date=plan.inputs.race_date, title=title)
    note = (f"Race-day form {form:+.1f}, fitness {fitness:.1f} ({fitness / peak:.0%} of its "
            f"peak of {peak:.1f}); load in TRIMP-minutes per day.")
    return [fig], _p(note)


def taper_form(
    *,
    today: dt.date | None = None,
    race_date: dt.date | None = None,
    races: Mapping[float, float] | None = None,
    goal_time_s: float | None = None,
    peak_weekly: float = 55.0,
    units: str = "mi",
    taper_weeks: int = 3,
) -> Lesson:
    """Fitness, fatigue and form through a speed-first plan, with a taper-length slider.

    Chart: :func:`speedfirst.figures.fitness_fatigue_chart`. Control
    ``taper_weeks``.
    """
    today, race_date = _dates(today, race_date)
    view = functools.partial(_taper_view, today=today, race_date=race_date, races=races,
                             goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units)
    return Lesson("taper",
                  {"taper_weeks": _int_slider("Taper (weeks)", taper_weeks,
                                              *LIMITS["taper_weeks"])}, view, 1)


_OFFSET_GRID_S = tuple(range(15 * 60, 25 * 60 + 1, 30))


def _offsets_view(five_k_s: float, *, frame: pd.DataFrame) -> tuple[list[go.Figure], str]:
    here = offsets_vs_daniels([five_k_s]).set_index(["zone", "source"])
    fig = figures.offsets_chart(frame, five_k_s=five_k_s)

    def rng(zone: str, source: str) -> str:
        a, b = here.loc[(zone, source), ["offset_fast_s_per_mi", "offset_slow_s_per_mi"]]
        return f"{a:+.0f}" if round(a) == round(b) else f"{a:+.0f} to {b:+.0f}"

    thr, vo2 = "acidosis threshold", "VO2max"
    note = (f"For a 5K of {format_time(five_k_s)}, in s/mi against 5K pace: threshold "
            f"{rng(thr, 'speed-first')} by the method, {rng(thr, 'Daniels T')} by Daniels T; "
            f"VO2max {rng(vo2, 'speed-first')} by the method, {rng(vo2, 'Daniels I')} by "
            f"Daniels I.")
    return [fig], _p(note)


def model_offsets(*, five_k_s: float = WORKED_CASE["five_k_s"],
                  grid_s: Sequence[float] = _OFFSET_GRID_S) -> Lesson:
    """The method's threshold and VO2max offsets against Daniels T and I, with a 5K slider.

    Chart: :func:`speedfirst.figures.offsets_chart` over ``grid_s`` (15:00 to
    25:00 every 30 s), the slider's 5K marked. Control ``five_k_s``.
    """
    frame = offsets_vs_daniels(grid_s)
    return Lesson("offsets",
                  {"five_k_s": _time_slider("Your 5K", five_k_s, int(min(grid_s)),
                                            int(max(grid_s)), 2)},
                  functools.partial(_offsets_view, frame=frame), 1)


def _what_if_view(peak_weekly: int, general_weeks: int, specific_weeks: int, taper_weeks: int,
                  method: str, *, base: Plan) -> tuple[list[go.Figure], str]:
    kwargs = plan_kwargs(base)
    kwargs.update(peak_weekly=peak_weekly, general_weeks=general_weeks,
                  specific_weeks=specific_weeks, taper_weeks=taper_weeks, method=method,
                  cycle_weeks=None)
    changed = build_plan(**kwargs)
    units = base.inputs.units
    names = ("your plan", "changed")
    fig = figures.compare_methods(base.weeks, changed.weeks, intensity_distribution(base),
                                  intensity_distribution(changed), names=names, units=units,
                                  title="Your plan against the changed one")
    table = compare_plans(dict(zip(names, (base, changed), strict=True)), units=units)
    return [fig], table.to_html(index=False, classes="sf-what-if", border=0)


def what_if(plan: Plan) -> Lesson:
    """Change one choice of ``plan`` (peak, phase lengths, method) and compare with the original.

    Chart: :func:`speedfirst.figures.compare_methods` (original against
    changed); note: :func:`compare_plans` as a table. Controls
    ``peak_weekly``, ``general_weeks``, ``specific_weeks``, ``taper_weeks``
    and ``method``; they start at the plan's own values.
    """
    i = plan.inputs
    peak_hi = 200 if i.units == "mi" else 320
    controls = {
        "peak_weekly": _int_slider(f"Peak weekly volume ({i.units})", round(i.peak_weekly),
                                   10 if i.units == "mi" else 16, peak_hi),
        "general_weeks": _int_slider("General Preparation (weeks)", i.general_weeks,
                                     *LIMITS["general_weeks"]),
        "specific_weeks": _int_slider("Specific Preparation (weeks)", i.specific_weeks,
                                      *LIMITS["specific_weeks"]),
        "taper_weeks": _int_slider("Taper (weeks)", i.taper_weeks, *LIMITS["taper_weeks"]),
        "method": W.ToggleButtons(options=[("Speed-first", "speed-first"),
                                           ("Traditional", "traditional")],
                                  value=i.method, description="Method"),
    }
    return Lesson("what-if", controls, functools.partial(_what_if_view, base=plan), 1)



# --------------------------------------------------------------------------
# one display per notebook
# --------------------------------------------------------------------------
def tabs(pages: Mapping[str, go.Figure | W.Widget]) -> W.Tab:
    """All of a notebook's interactive parts as the tabs of one widget.

    Voila 0.5 with ipywidgets 8.1 shows "Error displaying widget: model not
    found" at random for widgets displayed by *later* cells of a notebook
    (measured: 2–5 of 7 lesson widgets lost per load, with or without a
    pre-heated kernel), while a notebook that displays a single widget drew
    every chart on every load. So each notebook displays exactly one widget:
    this one. Figures are wrapped with :func:`chart`.

    Parameters
    ----------
    pages : mapping of str to Figure or widget
        Tab title → content, in order.
    """
    children = [chart(v) if isinstance(v, go.Figure) else v for v in pages.values()]
    tab = W.Tab(children=children)
    for i, title in enumerate(pages):
        tab.set_title(i, title)
    tab.add_class("sf-lesson-tabs")
    return tab


def course(*, today: dt.date | None = None, race_date: dt.date | None = None) -> W.Tab:
    """The seven interactive figures of the periodization lesson, one tab each.

    Tabs, in section order: two ways to race day, specificity, speed
    reserve, reps, 80/20, taper, models.
    """
    today, race_date = _dates(today, race_date)
    return tabs({
        "1 Two ways": two_ways(today=today, race_date=race_date),
        "2 Specificity": specificity(today=today, race_date=race_date),
        "3 Speed reserve": speed_reserve(),
        "4 Reps": rep_volume(),
        "5 80/20": eighty_twenty(today=today, race_date=race_date),
        "6 Taper": taper_form(today=today, race_date=race_date),
        "7 Models": model_offsets(),
    })
