"""Pace and heart-rate zones of the speed-first method, and Daniels' paces.

References
----------
.. [1] Karp, J. R. *The Endurance of Speed*: VO2max reps 6–9 s/mi faster than
   5K pace (15–18 s/mi faster than 10K pace) at ~100 % HRmax; acidosis
   threshold 15–18 s/mi slower than 5K pace (9–12 s/mi slower than 10K pace)
   at 85–90 % HRmax; sprints of 5–20 s and long sprints of 30–90 s.
.. [2] Daniels, J. (2014). *Daniels' Running Formula*, 3rd ed.: E pace at
   59–74 % of VO2max (65–79 % HRmax), T at about 88 % of VO2max, I at
   97.5–100 %, R near mile race pace; M at 80–90 % HRmax.
.. [3] Daniels, J. & Gilbert, J. (1979). *Oxygen Power*: the VO2(v) cost
   curve used to turn a %VO2max into a pace.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from speedfirst.equivalence import (
    daniels_time,
    equivalent_time,
    nearest_race,
    vdot,
    velocity_at_vo2,
)
from speedfirst.errors import InputError
from speedfirst.limits import check_hr_max, check_race_time
from speedfirst.results import RaceResult, as_races
from speedfirst.text import format_distance, format_pace
from speedfirst.units import MARATHON_M, METERS_PER_MILE

__all__ = ["ZONE_COLUMNS", "ZONE_NAMES", "daniels_paces", "pace_zones"]

ZONE_NAMES: tuple[str, ...] = (
    "speed",
    "anaerobic capacity",
    "VO2max",
    "acidosis threshold",
    "goal pace",
    "easy",
)
"""Zone names, fastest first. ``goal pace`` is marathon or half-marathon pace."""

ZONE_COLUMNS: tuple[str, ...] = (
    "zone", "label", "pace_fast_s_per_km", "pace_slow_s_per_km", "pace_fast_s_per_mi",
    "pace_slow_s_per_mi", "hr_low_pct", "hr_high_pct", "hr_low_bpm", "hr_high_bpm",
    "rep_duration", "effort", "source",
)

_KM_PER_MI = METERS_PER_MILE / 1000.0
GOAL_BAND_S_PER_MI = 3.0
"""Half-width of the goal-pace band [s/mi]: about what a runner can judge on feel."""


GOAL_HR_PCT = {"marathon": (80.0, 90.0), "half": (85.0, 92.0)}
"""Goal-pace heart rate [% HRmax]: marathon 80–90 % (Daniels' M), half marathon
about 85–92 % (between M and T: a race of about 1–2 h, Daniels)."""


def _anchors(rs: tuple[RaceResult, ...], by_dist: dict[int, RaceResult], model: str) -> tuple[
        float, tuple[float, float], str, float, tuple[float, float], str]:
    """Reference paces [s/mi], offsets and sources of the VO2max and threshold zones.

    Each zone is anchored on the race closest to its own effort when the runner
    entered it: VO2max on the 5K (a 5K is raced at about 95–98 % of VO2max),
    threshold on the 10K (the 10K is closer to threshold's hour-long effort).
    Otherwise the other race with its own offsets, or a 5K predicted by
    ``model`` from the race nearest in distance (labelled an estimate).
    """
    def ref(dist: int) -> tuple[float, str] | None:
        if dist in by_dist:
            return _race_pace_s_per_mi(by_dist[dist], float(dist), model), f"{dist // 1000}K pace"
        return None

    five, ten = ref(5000), ref(10000)
    if five is None and ten is None:
        near = nearest_race(rs, 5000.0)
        five = (_race_pace_s_per_mi(near, 5000.0, model),
                f"5K pace estimated from your {format_distance(near.distance_m)}")
    offsets = {"5K": ((-9.0, -6.0), (15.0, 18.0)), "10K": ((-18.0, -15.0), (9.0, 12.0))}
    vo2_ref, vo2_basis = five if five is not None else ten  # type: ignore[misc]
    thr_ref, thr_basis = ten if ten is not None else five  # type: ignore[misc]
    vo2_off = offsets["5K" if five is not None else "10K"][0]
    thr_off = offsets["10K" if ten is not None else "5K"][1]
    vo2_src = f"method: {vo2_basis} − {-vo2_off[1]:.0f}…{-vo2_off[0]:.0f} s/mi"
    thr_src = f"method: {thr_basis} + {thr_off[0]:.0f}…{thr_off[1]:.0f} s/mi"
    if five is not None and ten is not None:
        vo2_src += " (your 5K: the race closest to VO2max effort)"
        thr_src += " (your 10K: the race closest to threshold effort)"
    return vo2_ref, vo2_off, vo2_src, thr_ref, thr_off, thr_src


def _pace_at_fraction(vdot_value: float, fraction: float) -> float:
    """Pace [s/km] at ``fraction`` of VO2max for a runner of VDOT ``vdot_value``."""
    return 60_000.0 / velocity_at_vo2(fraction * vdot_value)


def daniels_paces(vdot_value: float) -> pd.DataFrame:
    """Daniels' training paces E, M, T, I, R for a VDOT, for comparison.

    E spans 59–74 % of VO2max, T is 88 %, I spans 97.5–100 % (each turned into
    a speed with the VO2 cost curve [3]_); M is the VDOT's marathon race pace
    and R spans the 1500 m to mile race paces [2]_.

    Parameters
    ----------
    vdot_value : float
        VDOT [ml/kg/min], 20 to 90.

    Returns
    -------
    pandas.DataFrame
        Rows ``E, M, T, I, R`` (slowest first), columns ``zone``,
        ``pace_fast_s_per_km``, ``pace_slow_s_per_km``, ``pace_fast_s_per_mi``,
        ``pace_slow_s_per_mi``, ``pct_vo2max`` (text).

    Examples
    --------
    >>> from speedfirst.text import format_pace
    >>> t = daniels_paces(50.0).set_index("zone")
    >>> format_pace(t.loc["T", "pace_fast_s_per_km"], "km")
    '4:15/km'
    """
    if not 20.0 <= vdot_value <= 90.0 or math.isnan(vdot_value):
        raise InputError(f"VDOT must be between 20 and 90, got {vdot_value!r}", field="vdot")
    m = daniels_time(vdot_value, MARATHON_M) / MARATHON_M * 1000.0
    rows = [
        ("E", _pace_at_fraction(vdot_value, 0.74), _pace_at_fraction(vdot_value, 0.59), "59–74%"),
        ("M", m, m, "marathon race pace"),
        ("T", _pace_at_fraction(vdot_value, 0.88), _pace_at_fraction(vdot_value, 0.88), "88%"),
        ("I", _pace_at_fraction(vdot_value, 1.0), _pace_at_fraction(vdot_value, 0.975),
         "97.5–100%"),
        ("R", daniels_time(vdot_value, 1500.0) / 1.5,
         daniels_time(vdot_value, METERS_PER_MILE) / _KM_PER_MI, "1500 m–mile race pace"),
    ]
    df = pd.DataFrame(rows, columns=["zone", "pace_fast_s_per_km", "pace_slow_s_per_km",
                                     "pct_vo2max"])
    df["pace_fast_s_per_mi"] = df.pace_fast_s_per_km * _KM_PER_MI
    df["pace_slow_s_per_mi"] = df.pace_slow_s_per_km * _KM_PER_MI
    return df[["zone", "pace_fast_s_per_km", "pace_slow_s_per_km", "pace_fast_s_per_mi",
               "pace_slow_s_per_mi", "pct_vo2max"]]


def _race_pace_s_per_mi(src: RaceResult, target_m: float, model: str) -> float:
    if math.isclose(src.distance_m, target_m):
        t = src.time_s
    else:
        t = equivalent_time(src.distance_m, src.time_s, target_m, model)
    return t / target_m * METERS_PER_MILE


def pace_zones(
    races: Mapping[float, float] | tuple[RaceResult, ...],
    goal_time_s: float | None = None,
    goal_distance_m: float = MARATHON_M,
    hr_max: float | None = None,
    *,
    model: str = "daniels",
) -> pd.DataFrame:
    """The method's training zones from recent race times, fastest first.

    VO2max and threshold use the method's offsets [1]_ from 5K pace when a
    5K was entered, else from 10K pace, else from a 5K predicted by ``model``
    from the nearest race (labelled an estimate). Speed and anaerobic
    capacity are efforts, shown with pace estimates from 400 m, 800 m and mile
    equivalents. Goal pace is the goal (or, without one, the predicted race
    time) ± :data:`GOAL_BAND_S_PER_MI`. Easy is Daniels' E [2]_.

    Parameters
    ----------
    races : mapping of distance [m] to time [s]
        One or more recent races.
    goal_time_s : float, optional
        Goal time [s] at ``goal_distance_m``; without it the model's
        prediction is used.
    goal_distance_m : float
        Goal race distance [m], marathon by default (21097.5 for the half).
    hr_max : float, optional
        Maximum heart rate [beats/min], 120–230; fills the ``*_bpm`` columns.
    model : {"daniels", "riegel", "cameron"}
        Equivalence model for the estimates.

    Returns
    -------
    pandas.DataFrame
        One row per zone in :data:`ZONE_NAMES` order, columns
        :data:`ZONE_COLUMNS`: paces [s/km] and [s/mi] (fast ≤ slow), HR
        [% of HRmax] and [beats/min] (NaN where HR is not a useful guide or no
        HRmax was given), ``rep_duration`` (text), ``effort`` (text) and
        ``source`` (the rule that produced the paces).

    Examples
    --------
    >>> z = pace_zones({5000.0: 1200.0}).set_index("zone")
    >>> z.loc["VO2max", ["pace_fast_s_per_mi", "pace_slow_s_per_mi"]].round(1).tolist()
    [377.2, 380.2]
    >>> z.loc["acidosis threshold", ["pace_fast_s_per_mi", "pace_slow_s_per_mi"]].round(1).tolist()
    [401.2, 404.2]
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    hr_max = check_hr_max(hr_max)
    by_dist = {round(r.distance_m): r for r in rs}
    vo2_ref, vo2_off, vo2_src, thr_ref, thr_off, thr_src = _anchors(rs, by_dist, model)
    p10k = _race_pace_s_per_mi(nearest_race(rs, 10000.0), 10000.0, model)
    thr_fast, thr_slow = thr_ref + thr_off[0], thr_ref + thr_off[1]
    if thr_fast < p10k:  # "comfortably hard" is slower than 10K race pace by definition
        thr_fast, thr_slow = p10k, max(thr_slow, p10k + (thr_off[1] - thr_off[0]))
        thr_src += (f"; held at your 10K-equivalent pace ({format_pace(p10k / _KM_PER_MI, 'mi')}"
                    ", threshold is never faster than 10K race pace)")
    near_5k = nearest_race(rs, 5000.0)
    v = vdot(near_5k.distance_m, near_5k.time_s)

    mile = _race_pace_s_per_mi(nearest_race(rs, METERS_PER_MILE), METERS_PER_MILE, model)
    p800 = _race_pace_s_per_mi(nearest_race(rs, 800.0), 800.0, model)
    p400 = _race_pace_s_per_mi(nearest_race(rs, 800.0), 400.0, "daniels")
    p400 = min(p400, p800)

    if goal_time_s is not None:
        check_race_time(float(goal_distance_m), float(goal_time_s), what="goal")
        goal = goal_time_s / goal_distance_m * METERS_PER_MILE
        goal_src = "your goal time"
    else:
        goal = _race_pace_s_per_mi(nearest_race(rs, goal_distance_m), goal_distance_m, model)
        goal_src = f"predicted race time ({model})"
    hr_goal = GOAL_HR_PCT["half" if goal_distance_m < 30000.0 else "marathon"]
    goal_name = "half-marathon pace" if math.isclose(goal_distance_m, 21097.5) else (
        "marathon pace" if math.isclose(goal_distance_m, MARATHON_M)
        else f"{format_distance(goal_distance_m)} pace")

    e = daniels_paces(min(max(v, 20.0), 90.0)).set_index("zone").loc["E"]
    nan = float("nan")
    rows = [
        ("speed", "speed (anaerobic power)", p400, p800, nan, nan, "5–20 s",
         "near-maximal sprint", "estimate: 400–800 m race pace"),
        ("anaerobic capacity", "speed endurance (anaerobic capacity)", p800, mile, nan, nan,
         "30–90 s", "very hard", "estimate: 800 m to mile race pace"),
        ("VO2max", "VO2max (aerobic power)", vo2_ref + vo2_off[0], vo2_ref + vo2_off[1], 97.0,
         100.0, "3–5 min", "hard", vo2_src),
        ("acidosis threshold", "acidosis threshold", thr_fast, thr_slow, 85.0,
         90.0, "sustained runs", "comfortably hard", thr_src),
        ("goal pace", goal_name, goal - GOAL_BAND_S_PER_MI, goal + GOAL_BAND_S_PER_MI, *hr_goal,
         "extended runs", "goal race effort", goal_src),
        ("easy", "easy", e.pace_fast_s_per_mi, e.pace_slow_s_per_mi, 65.0, 79.0, "any",
         "conversational", "Daniels E (59–74% VO2max)"),
    ]
    df = pd.DataFrame(rows, columns=["zone", "label", "pace_fast_s_per_mi", "pace_slow_s_per_mi",
                                     "hr_low_pct", "hr_high_pct", "rep_duration", "effort",
                                     "source"])
    df["pace_fast_s_per_km"] = df.pace_fast_s_per_mi / _KM_PER_MI
    df["pace_slow_s_per_km"] = df.pace_slow_s_per_mi / _KM_PER_MI
    hr = np.nan if hr_max is None else float(hr_max)
    df["hr_low_bpm"] = (df.hr_low_pct * hr / 100.0).round()
    df["hr_high_bpm"] = (df.hr_high_pct * hr / 100.0).round()
    return df[list(ZONE_COLUMNS)]
