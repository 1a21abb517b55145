"""How ready a runner is for a goal under each model, and what the weekly mileage says about it.

:func:`readiness` is the table behind :func:`speedfirst.mileage.goal_readiness`
(the race times and weekly mileage that would make a goal realistic under
Daniels, Riegel, Cameron and Vickers–Vertosick); :func:`mileage_message` the
sentence :func:`speedfirst.mileage.assess_goal` adds to a marathon verdict.
Both are importable from :mod:`speedfirst.mileage` as well.

References
----------
.. [1] Vickers, A. J. & Vertosick, E. A. (2016). An empirical study of race
   times in recreational endurance runners. *BMC Sports Science, Medicine and
   Rehabilitation* 8:26. doi:10.1186/s13102-016-0052-y
"""

from __future__ import annotations

import math

import pandas as pd

from speedfirst import equivalence
from speedfirst.equivalence import (
    REALISTIC_GAP_PCT,
    STRETCH_GAP_PCT,
    equivalent_time,
    nearest_race,
)
from speedfirst.equivalence.models import _race_or_equivalent
from speedfirst.limits import check_race_time
from speedfirst.results import RaceResult, as_races
from speedfirst.text import format_distance, format_time
from speedfirst.units import MARATHON_M
from speedfirst.vickers import (
    MODEL1_COEFFS,
    READINESS_MODELS,
    RIEGEL_EXPONENT,
    Races,
    _select,
)
from speedfirst.vickers_range import _check_mileage, _clip_mileage, _same_distance, _warn_pace

__all__ = ["mileage_message", "readiness"]


def _realistic_limit(goal_time_s: float) -> float:
    """Slowest prediction [s] under which a goal is still *realistic*.

    :func:`~speedfirst.equivalence.assess_goal` calls a goal realistic when
    (predicted − goal) / predicted ≤ REALISTIC_GAP_PCT / 100, i.e. when
    predicted ≤ goal / (1 − REALISTIC_GAP_PCT / 100).
    """
    return goal_time_s / (1.0 - REALISTIC_GAP_PCT / 100.0)


def _vickers_required_race(distance_m: float, marathon_s: float, mpw: float) -> float:
    """Time [s] over ``distance_m`` for which Model 1 at ``mpw`` predicts ``marathon_s``."""
    a, b, c = MODEL1_COEFFS
    v_r = (MARATHON_M / marathon_s - a - c * mpw / 10.0) / b
    if v_r <= 0:  # the mileage term alone reaches the goal
        return math.inf
    return MARATHON_M / v_r / (MARATHON_M / distance_m) ** RIEGEL_EXPONENT


def _verdict(gap_pct: float) -> str:
    if gap_pct <= REALISTIC_GAP_PCT:
        return "realistic"
    if gap_pct <= STRETCH_GAP_PCT:
        return "stretch"
    return "not yet realistic"


def _fmt_mi(mpw: float) -> str:
    return f"{round(mpw, 1):g}"


def readiness(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    weekly_mi: float,
) -> pd.DataFrame:
    """How ready the runner is for a goal under each model, one tidy row per model.

    Rows, in order: ``"daniels"``, ``"riegel"``, ``"cameron"`` (each from
    :func:`~speedfirst.equivalence.assess_goal`, Riegel with k = 1.06) and
    ``"vickers"`` (from :func:`vickers_marathon`; the marathon only).

    A goal is *realistic* when it is at most
    :data:`~speedfirst.equivalence.REALISTIC_GAP_PCT` (1.5 %) faster than the
    prediction, exactly as in ``assess_goal``: predicted ≤ L with
    L = goal / (1 − 0.015) (the *realistic limit*). The ``required_*``
    columns are the inputs that would make the prediction equal L: the
    slowest 5K, 10K or mileage that still makes the goal realistic.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    weekly_mi : float
        Current average weekly training distance [mi/week], 0–200.

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``model`` : str
            ``"daniels"``, ``"riegel"``, ``"cameron"`` or ``"vickers"``.
        ``predicted_time_s`` : float
            Predicted goal-distance time [s]. Daniels/Riegel/Cameron: from the
            race nearest the goal distance (the race itself if it is that
            distance). Vickers: :func:`vickers_marathon` at ``weekly_mi``; NaN
            when the goal is not a marathon.
        ``gap_pct`` : float
            (predicted − goal) / predicted [%]; positive when the goal is
            faster than predicted. NaN where the prediction is.
        ``required_5k_s``, ``required_10k_s`` : float
            5K / 10K time [s] whose prediction of the goal distance equals L.
            Daniels/Riegel/Cameron:
            ``equivalent_time(goal_distance_m, L, 5000 or 10000, model)``
            (``L`` itself when the goal is that distance); this is the 5K/10K
            as the race the prediction is made from, ignoring the other races.
            Vickers: the 5K/10K for which Model 1 (that race alone) at
            ``weekly_mi`` predicts L; ``inf`` if the mileage alone reaches it;
            NaN when the goal is not a marathon.
        ``required_weekly_mi`` : float
            Vickers only: :func:`weekly_mi_for` with the current races and goal
            L [mi/week] (0.0 if already realistic at any mileage, ``inf`` if no
            mileage up to 200 reaches it). NaN for the other models and for
            non-marathon goals.
        ``verdict`` : str
            ``"realistic"``, ``"stretch"``, ``"not yet realistic"`` or
            ``"impossible"`` (assess_goal's rules; for Vickers only the gap
            thresholds apply, the speed-reserve "impossible" rule is not
            re-checked), or ``"not applicable"`` for the Vickers row of a
            non-marathon goal.
        ``verdict_text`` : str
            The verdict in a sentence or two; for a non-applicable row, why.

    Raises
    ------
    InputError
        As :func:`~speedfirst.equivalence.assess_goal` and
        :func:`vickers_marathon` (Vickers only if the goal is a marathon).

    Examples
    --------
    A 10K in 40:00 and a half in 1:30:00 at 40 mi a week, aiming at 3:12:00:

    >>> df = readiness({10000.0: 2400.0, 21097.5: 5400.0}, 42195.0, 3 * 3600 + 12 * 60, 40)
    >>> list(df.verdict)
    ['realistic', 'realistic', 'realistic', 'stretch']
    >>> vickers = df.set_index("model").loc["vickers"]
    >>> format_time(vickers.predicted_time_s), round(float(vickers.required_weekly_mi), 1)
    ('3:17:49', 55.1)
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    goal_d, goal_t = float(goal_distance_m), float(goal_time_s)
    check_race_time(goal_d, goal_t, what="goal")
    limit = _realistic_limit(goal_t)
    rows: list[dict[str, object]] = []
    for model in READINESS_MODELS[:3]:
        a = equivalence.assess_goal(rs, goal_d, goal_t, model)
        required = {d: _race_or_equivalent(goal_d, limit, d, model) for d in (5000.0, 10000.0)}
        rows.append({
            "model": model,
            "predicted_time_s": a.predicted_time_s,
            "gap_pct": a.gap_pct,
            "required_5k_s": required[5000.0],
            "required_10k_s": required[10000.0],
            "required_weekly_mi": math.nan,
            "verdict": a.verdict,
            "verdict_text": a.message,
        })
    rows.append(_vickers_row(rs, goal_d, goal_t, mpw))
    df = pd.DataFrame(rows)
    floats = ["predicted_time_s", "gap_pct", "required_5k_s", "required_10k_s",
              "required_weekly_mi"]
    df[floats] = df[floats].astype("float64")
    return df


def _vickers_row(
    races: tuple[RaceResult, ...], goal_d: float, goal_t: float, mpw: float
) -> dict[str, object]:
    if not _same_distance(goal_d, MARATHON_M):
        return {
            "model": "vickers",
            "predicted_time_s": math.nan,
            "gap_pct": math.nan,
            "required_5k_s": math.nan,
            "required_10k_s": math.nan,
            "required_weekly_mi": math.nan,
            "verdict": "not applicable",
            "verdict_text": (f"Vickers–Vertosick predicts the marathon only "
                             f"(goal: {format_distance(goal_d)})."),
        }
    sel = _select(races)
    sel.warn()
    predicted = sel.predict(mpw)
    _warn_pace(predicted, sel.source)
    limit = _realistic_limit(goal_t)
    need_mi = _clip_mileage(sel.mileage_for(limit))
    gap = (predicted - goal_t) / predicted * 100.0
    verdict = _verdict(gap)
    goal_txt = f"{format_time(goal_t)} marathon"
    pred_txt = (f"at {_fmt_mi(mpw)} mi a week Vickers–Vertosick predicts {format_time(predicted)} "
                f"from {sel.describe()}")
    if verdict == "realistic":
        text = f"A {goal_txt} is realistic: {pred_txt}."
    else:
        how = "a stretch" if verdict == "stretch" else "not yet realistic"
        if math.isinf(need_mi):
            need = "no mileage up to 200 mi a week makes it realistic: faster races first"
        else:
            need = f"it needs about {_fmt_mi(need_mi)} mi a week to be realistic"
        text = f"A {goal_txt} is {how} ({gap:.1f}% faster than predicted): {pred_txt}; {need}."
    return {
        "model": "vickers",
        "predicted_time_s": predicted,
        "gap_pct": gap,
        "required_5k_s": _vickers_required_race(5000.0, limit, mpw),
        "required_10k_s": _vickers_required_race(10000.0, limit, mpw),
        "required_weekly_mi": need_mi,
        "verdict": verdict,
        "verdict_text": text,
    }


def _about(seconds: float) -> str:
    """A marathon-length time rounded to the minute, as ``h:mm``."""
    return format_time(round(seconds / 60.0) * 60.0).rsplit(":", 1)[0]


def mileage_message(
    races: Races,
    goal_time_s: float,
    weekly_mi: float,
    peak_mi: float | None = None,
) -> str:
    """One sentence on what the races and the mileage say about a marathon goal.

    Times are rounded to the minute (``h:mm``). The Daniels figure uses the
    race nearest the marathon; the Vickers figures use :func:`vickers_marathon`
    at ``weekly_mi`` and, if given, ``peak_mi``; the last clause uses
    :func:`weekly_mi_for` for the goal itself (prediction equal to the goal,
    not the realistic limit used by :func:`readiness`).

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_time_s : float
        Marathon goal [s].
    weekly_mi : float
        Current weekly mileage [mi/week], 0–200.
    peak_mi : float, optional
        Planned peak weekly mileage [mi/week], 0–200 (``field="peak_mi"``).

    Returns
    -------
    str

    Examples
    --------
    >>> print(mileage_message({5000.0: 18 * 60 + 8}, 3 * 3600, 40, peak_mi=55))
    ... # doctest: +NORMALIZE_WHITESPACE
    Your 5K supports 2:54 (Daniels); at 40 mi a week Vickers predicts about 3:10;
    at 55 mi about 3:05; a 3:00 goal needs about 71 mi a week.
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    goal_t = float(goal_time_s)
    check_race_time(MARATHON_M, goal_t, what="goal")
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    peak = None if peak_mi is None else _check_mileage(peak_mi, "peak_mi")
    src = nearest_race(rs, MARATHON_M)
    daniels = (src.time_s if _same_distance(src.distance_m, MARATHON_M)
               else equivalent_time(src.distance_m, src.time_s, MARATHON_M, "daniels"))
    sel = _select(rs)
    sel.warn()
    now = sel.predict(mpw)
    _warn_pace(now, sel.source)
    parts = [f"Your {src.label} supports {_about(daniels)} (Daniels)",
             f"at {_fmt_mi(mpw)} mi a week Vickers predicts about {_about(now)}"]
    if peak is not None:
        at_peak = sel.predict(peak)
        _warn_pace(at_peak, sel.source)
        parts.append(f"at {_fmt_mi(peak)} mi about {_about(at_peak)}")
    need = _clip_mileage(sel.mileage_for(goal_t))
    goal_txt = f"a {_about(goal_t)} goal"
    if need == 0.0:
        parts.append(f"{goal_txt} is within reach at any mileage")
    elif math.isinf(need):
        parts.append(f"{goal_txt} is out of reach at any mileage up to 200 mi a week")
    else:
        parts.append(f"{goal_txt} needs about {need:.0f} mi a week")
    return "; ".join(parts) + "."
