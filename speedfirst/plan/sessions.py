"""Step 5 of a plan: each session's prescription, sized to the week.

Every function returns one day as a dict of the columns of
:data:`~speedfirst.plan.model.SESSION_COLUMNS` (except the date columns).
Numbers are final before the text is written, and the text states exactly
what the numeric columns hold: running minutes (``minutes``, whole minutes),
distance (``distance_km``, to 0.1 km, shown in the plan's units), the rep
range (``reps_min``–``reps_max``), the rep or block length (``rep_s``) and
the pace band (``pace_fast_s_per_km``–``pace_slow_s_per_km``).

Sizes follow :mod:`speedfirst.plan.rules`: Daniels' per-session caps set the
rep ceiling (``reps_max``), so the ceiling is a real safety limit; the
runner still stops earlier when one more rep would be exhausting (the
method's unlimited-reps rule). Planned distance counts the middle of the rep
range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from speedfirst.plan.rules import RULES
from speedfirst.templates import Workout
from speedfirst.text import format_pace, format_time, pace_range_text
from speedfirst.units import METERS_PER_MILE

__all__ = [
    "KeySize",
    "ZoneRows",
    "distance_text",
    "duration_text",
    "easy_pace",
    "easy_run",
    "key_session",
    "key_session_day",
    "key_session_size",
    "long_run",
    "pace_range_text",
    "race_day",
    "rep_range_text",
    "rest_day",
    "strength_text",
    "tune_up",
]

ZoneRows = dict[str, Any]
"""Zone name -> row (a named tuple of the zones frame)."""

Day = dict[str, Any]


@lru_cache(maxsize=512)
def _pace(z: Any, units: str) -> str:
    return pace_range_text(z.pace_fast_s_per_km, z.pace_slow_s_per_km, units)


def _hr(z: Any) -> str:
    if math.isnan(z.hr_low_bpm):
        return ""
    return f", HR {z.hr_low_bpm:.0f}–{z.hr_high_bpm:.0f}"


def rep_range_text(reps_min: int, reps_max: int) -> str:
    """``"2–6"``, or ``"2"`` when the floor is the ceiling."""
    return f"{reps_min}–{reps_max}" if reps_max > reps_min else f"{reps_min}"


def duration_text(seconds: float) -> str:
    """``"45 s"``, ``"4 min"`` or ``"2.5 min"``."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = seconds / 60.0
    return f"{minutes:.0f} min" if minutes == round(minutes) else f"{minutes:.1f} min"


def about_duration_text(seconds: float) -> str:
    """An approximate duration a runner can read off a watch: to the nearest 15 s.

    For recoveries worked out from a rep's length (e.g. a little less than a
    3 min rep), where ``duration_text``'s "2.7 min" would leave the runner to
    convert tenths of a minute.

    >>> [about_duration_text(s) for s in (40, 75, 120, 162, 216, 600)]
    ['45 s', '75 s', '2 min', '2 min 45 s', '3 min 30 s', '10 min']
    """
    q = max(15, round(seconds / 15.0) * 15)
    if q < 90:
        return f"{q} s"
    minutes, rest = divmod(q, 60)
    return f"{minutes} min" if rest == 0 else f"{minutes} min {rest} s"


def distance_text(distance_km: float, units: str) -> str:
    """``"12.4 km"`` or ``"7.7 mi"``."""
    if units == "km":
        return f"{distance_km:.1f} km"
    return f"{distance_km * 1000.0 / METERS_PER_MILE:.1f} mi"


def easy_pace(zones: ZoneRows) -> float:
    """Middle of the easy band [s/km]: the pace used to size easy running."""
    e = zones["easy"]
    return 0.5 * (e.pace_fast_s_per_km + e.pace_slow_s_per_km)


def _mid(z: Any) -> float:
    return 0.5 * (z.pace_fast_s_per_km + z.pace_slow_s_per_km)


def _summary(minutes: float, distance_km: float, units: str) -> str:
    return f"About {minutes:.0f} min, {distance_text(distance_km, units)}."


def _round_km(km: float) -> float:
    return round(max(km, 0.0), 1)


# --------------------------------------------------------------------------
# key sessions
# --------------------------------------------------------------------------
def _rep_step(workout: Workout, seconds: float) -> float:
    if workout.kind == "continuous":
        return 60.0
    return 1.0 if seconds < 30 else (5.0 if seconds < 120 else 30.0)


def _ramp(workout: Workout, progress: float) -> float:
    lo, hi = workout.rep_s
    seconds = lo + (hi - lo) * progress
    step = _rep_step(workout, seconds)
    return math.floor(seconds / step + 0.5) * step  # half up: a shrinking ramp does shrink


def _recovery_s(workout: Workout, rep_s: float) -> float:
    if workout.recovery_factor:
        return round(workout.recovery_factor * rep_s / 5.0) * 5.0
    return 0.5 * (workout.recovery_s_min + workout.recovery_s_max)


@dataclass(slots=True)
class KeySize:
    """A key session's numbers, final before its text is written.

    :func:`key_session_size` computes them; :func:`key_session_day` writes the
    day (columns and text) from them. A week is sized on these numbers alone,
    so sizing passes make many of them (not frozen: that makes creating one
    several times slower).

    Attributes
    ----------
    workout : Workout
    reps_min, reps_max : int
        Rep range (1 and 1 for a continuous block).
    rep_s : float
        Rep or block length [s].
    recovery_s : float
        Recovery between reps [s] (NaN for a continuous block).
    warm_min : float
        Warm-up, and again cool-down [min].
    work_min : float
        Work at the middle of the rep range [min].
    minutes : float
        Running minutes, whole [min].
    standing_min : float
        Standing or walking recoveries, not counted in ``minutes`` [min].
    distance_km : float
        Distance, to 0.1 km [km].
    """

    workout: Workout
    reps_min: int
    reps_max: int
    rep_s: float
    recovery_s: float
    warm_min: float
    work_min: float
    minutes: float
    standing_min: float
    distance_km: float


def key_session_size(workout: Workout, progress: float, zones: ZoneRows, week_km: float,
                     warm_min: float, goal_time_s: float, scale: float = 1.0,
                     block_share: float = 0.6) -> KeySize:
    """The numbers of a midweek key session at ``progress`` (0…1) of its ramp.

    ``scale`` (≤ 1) shrinks the work when the week's volume cannot hold the
    full session. Reps: the ceiling is the largest count whose work stays
    under the zone's per-session cap; when even two reps would not fit, the
    reps get shorter (down to the workout's shortest rep). Continuous runs:
    the block is cut to the cap (whole minutes).
    """
    z = zones[workout.zone]
    cap_km = RULES.cap_km(workout.zone, week_km) * RULES.cap_margin
    rep_s = _ramp(workout, progress)
    if workout.kind == "continuous":
        if workout.zone == "goal pace":
            rep_s = min(rep_s, block_share * goal_time_s)
        rep_s = max(60.0, math.floor(min(rep_s * scale, cap_km * z.pace_slow_s_per_km) / 60.0)
                    * 60.0) if math.isfinite(cap_km) else max(60.0, math.floor(
                        rep_s * scale / 60.0) * 60.0)
        if rep_s / z.pace_fast_s_per_km > cap_km:  # never over the cap at the band's fast end
            rep_s = max(60.0, math.floor(cap_km * z.pace_fast_s_per_km / 60.0) * 60.0)
        reps_min = reps_max = 1
        recovery_s = float("nan")
    else:
        reps_min, reps_max = workout.reps
        reps_max = max(reps_min, round(reps_max * scale)) if scale < 1 else reps_max
        lo_rep = workout.rep_s[0]
        fit = math.floor(cap_km * z.pace_fast_s_per_km / rep_s)
        while fit < reps_min and rep_s > lo_rep:
            rep_s = max(lo_rep, rep_s - _rep_step(workout, rep_s))
            fit = math.floor(cap_km * z.pace_fast_s_per_km / rep_s)
        reps_max = max(1, min(reps_max, fit))
        reps_min = min(reps_min, reps_max)
        recovery_s = _recovery_s(workout, rep_s)
    reps_mid = 0.5 * (reps_min + reps_max)
    work_min = reps_mid * rep_s / 60.0
    jog = workout.kind != "continuous" and workout.recovery_mode == "jog"
    recovery_run_min = (reps_mid - 1) * recovery_s / 60.0 if jog else 0.0
    # a session is a run like any other: at least the minimum run, by a longer warm-up
    warm_min = max(warm_min, math.ceil((RULES.min_run_min - work_min - recovery_run_min) / 2))
    minutes = float(round(2 * warm_min + work_min + recovery_run_min))
    standing_min = 0.0 if jog or workout.kind == "continuous" else (
        (reps_mid - 1) * recovery_s / 60.0)
    distance_km = _round_km(2 * warm_min * 60.0 / easy_pace(zones) + work_min * 60.0 / _mid(z)
                            + recovery_run_min * 60.0 / zones["easy"].pace_slow_s_per_km)
    return KeySize(workout=workout, reps_min=reps_min, reps_max=reps_max, rep_s=rep_s,
                   recovery_s=recovery_s, warm_min=warm_min, work_min=work_min,
                   minutes=minutes, standing_min=standing_min, distance_km=distance_km)


def key_session_day(size: KeySize, zones: ZoneRows, units: str) -> Day:
    """The day of a key session sized by :func:`key_session_size`: columns and text."""
    workout = size.workout
    z = zones[workout.zone]
    pace = f"{_pace(z, units)}{_hr(z)}"
    if workout.kind == "continuous":
        body = f"{duration_text(size.rep_s)} continuous at {z.label} ({pace})"
    else:
        rec = workout.recovery_rule
        if workout.recovery_factor:
            rec = f"{rec} (about {about_duration_text(size.recovery_s)})"
        reps = rep_range_text(size.reps_min, size.reps_max)
        body = (f"{reps} × {duration_text(size.rep_s)} at {z.effort} effort, "
                f"{z.label} ({pace}); {rec}. Start with {size.reps_min} and add reps while "
                f"each still feels controlled; stop when one more would be exhausting "
                f"({size.reps_max} is the ceiling for this week's volume)")
    minutes = size.minutes
    summary = _summary(minutes, size.distance_km, units)
    if size.standing_min:
        summary = summary.replace(" min,", f" min of running (about "
                                  f"{minutes + size.standing_min:.0f} min with the standing "
                                  "recoveries),", 1)
    text = (f"Warm up {size.warm_min:.0f} min easy; {body}; cool down {size.warm_min:.0f} min. "
            f"{summary}")
    return {
        "kind": "key", "title": workout.title, "description": text, "zone": workout.zone,
        "distance_km": size.distance_km, "minutes": minutes, "work_min": size.work_min,
        "reps_min": size.reps_min, "reps_max": size.reps_max, "rep_s": size.rep_s,
        "rep_m": round(size.rep_s / _mid(z) * 1000.0 / 10.0) * 10.0,
        "recovery_s": size.recovery_s,
        "pace_fast_s_per_km": z.pace_fast_s_per_km, "pace_slow_s_per_km": z.pace_slow_s_per_km,
    }


def key_session(workout: Workout, progress: float, zones: ZoneRows, units: str,
                week_km: float, warm_min: float, goal_time_s: float,
                scale: float = 1.0, block_share: float = 0.6) -> Day:
    """A midweek key session at ``progress`` (0…1) of its ramp, capped for the week.

    The numbers are :func:`key_session_size`'s, the day
    :func:`key_session_day`'s.
    """
    size = key_session_size(workout, progress, zones, week_km, warm_min, goal_time_s, scale,
                            block_share)
    return key_session_day(size, zones, units)


def key_session_km(workout: Workout, progress: float, zones: ZoneRows, week_km: float,
                   warm_min: float, goal_time_s: float, scale: float = 1.0) -> float:
    """Distance [km] of :func:`key_session` with the same arguments (no text is written)."""
    return key_session_size(workout, progress, zones, week_km, warm_min, goal_time_s,
                            scale).distance_km


def strides_run(workout: Workout, zones: ZoneRows, units: str, distance_km: float) -> Day:
    """An easy run of ``distance_km`` [km] followed by strides (the traditional base)."""
    z = zones[workout.zone]
    reps_min, reps_max = workout.reps
    day = easy_run(distance_km, zones, units, title=workout.title)
    strides = (f" Finish with {reps_min}–{reps_max} × {duration_text(workout.rep_s[0])} "
               f"strides, quick and relaxed ({_pace(z, units)}); {workout.recovery_rule}.")
    day.update(zone=workout.zone, reps_min=reps_min, reps_max=reps_max, rep_s=workout.rep_s[0],
               recovery_s=_recovery_s(workout, workout.rep_s[0]),
               work_min=0.5 * (reps_min + reps_max) * workout.rep_s[0] / 60.0,
               description=day["description"].replace(" About", strides + " About", 1))
    return day


# --------------------------------------------------------------------------
# easy and long runs
# --------------------------------------------------------------------------
def easy_run(distance_km: float, zones: ZoneRows, units: str, title: str = "Easy run",
             kind: str = "easy") -> Day:
    """An easy run of ``distance_km`` [km]."""
    e = zones["easy"]
    km = _round_km(distance_km)
    minutes = float(round(km * easy_pace(zones) / 60.0))
    text = (f"{distance_text(km, units)} at easy, conversational pace ({_pace(e, units)}"
            f"{_hr(e)}). {_summary(minutes, km, units)}")
    return {"kind": kind, "title": title, "description": text, "zone": "easy",
            "distance_km": km, "minutes": minutes, "work_min": 0.0,
            "pace_fast_s_per_km": e.pace_fast_s_per_km, "pace_slow_s_per_km": e.pace_slow_s_per_km}


def long_run(distance_km: float, zones: ZoneRows, units: str, goal_pace_min: float = 0.0,
             title: str = "Long run") -> Day:
    """A long run of ``distance_km`` [km], its last ``goal_pace_min`` [min] at goal pace."""
    if goal_pace_min <= 0:
        return easy_run(distance_km, zones, units, title=title, kind="long")
    g = zones["goal pace"]
    e = zones["easy"]
    km = _round_km(distance_km)
    gp_km = _round_km(goal_pace_min * 60.0 / _mid(g))
    easy_km = _round_km(km - gp_km)
    minutes = float(round(easy_km * easy_pace(zones) / 60.0 + goal_pace_min))
    text = (f"{distance_text(km, units)}: the first {distance_text(easy_km, units)} easy "
            f"({_pace(e, units)}), then the last {duration_text(goal_pace_min * 60.0)} "
            f"(about {distance_text(gp_km, units)}) at {g.label} ({_pace(g, units)}{_hr(g)}). "
            f"{_summary(minutes, km, units)}")
    return {"kind": "long", "title": title, "description": text, "zone": "goal pace",
            "distance_km": km, "minutes": minutes, "work_min": float(goal_pace_min),
            "rep_s": goal_pace_min * 60.0, "reps_min": 1, "reps_max": 1,
            "rep_m": round(gp_km * 100.0) * 10.0,
            "pace_fast_s_per_km": g.pace_fast_s_per_km, "pace_slow_s_per_km": g.pace_slow_s_per_km}


# --------------------------------------------------------------------------
# race week
# --------------------------------------------------------------------------
def tune_up(zones: ZoneRows, units: str, warm_min: float) -> Day:
    """The race-week tune-up: a short block at goal pace between easy running."""
    g = zones["goal pace"]
    work = RULES.tuneup_work_min
    minutes = float(round(2 * warm_min + work))
    km = _round_km(2 * warm_min * 60.0 / easy_pace(zones) + work * 60.0 / _mid(g))
    text = (f"Warm up {warm_min:.0f} min easy; {duration_text(work * 60.0)} continuous at "
            f"{g.label} ({_pace(g, units)}{_hr(g)}), relaxed, to rehearse race pace; cool down "
            f"{warm_min:.0f} min. {_summary(minutes, km, units)}")
    return {"kind": "key", "title": "Goal-pace tune-up", "description": text,
            "zone": "goal pace", "distance_km": km, "minutes": minutes, "work_min": work,
            "reps_min": 1, "reps_max": 1, "rep_s": work * 60.0,
            "rep_m": round(work * 60.0 / _mid(g) * 100.0) * 10.0,
            "pace_fast_s_per_km": g.pace_fast_s_per_km, "pace_slow_s_per_km": g.pace_slow_s_per_km}


def shakeout(zones: ZoneRows, units: str) -> Day:
    """The optional short run the day before the race."""
    km = _round_km(RULES.shakeout_min * 60.0 / easy_pace(zones))
    day = easy_run(km, zones, units, title="Shakeout")
    day["description"] = day["description"].replace(
        " About", " Very relaxed, with 3–4 short pick-ups; skip it if you feel flat. About", 1)
    return day


def race_day(race_name: str, race_m: float, goal_time_s: float, trained_time_s: float,
             zones: ZoneRows, units: str) -> Day:
    """The race: the runner's goal, and the pace the plan trained for when it differs."""
    g = zones["goal pace"]
    pace = goal_time_s / race_m * 1000.0
    text = f"Race day: {format_time(goal_time_s)} goal, {format_pace(pace, units)}{_hr(g)}."
    if trained_time_s > goal_time_s + 0.5:
        trained = trained_time_s / race_m * 1000.0
        text += (f" The plan trained you at {format_pace(trained, units)} (a "
                 f"{format_time(trained_time_s)} race, the fastest your current races support);"
                 " start at that pace and speed up after halfway only if you feel strong.")
    else:
        text += " Start at goal pace, not faster."
    return {"kind": "race", "title": f"Race: {race_name}", "description": text,
            "zone": "goal pace", "distance_km": round(race_m / 1000.0, 1),
            "minutes": goal_time_s / 60.0,
            "work_min": goal_time_s / 60.0, "pace_fast_s_per_km": pace,
            "pace_slow_s_per_km": pace}


# --------------------------------------------------------------------------
# rest and strength
# --------------------------------------------------------------------------
STRENGTH_TEXT = {
    "strength endurance": ("Strength endurance: 2–3 sets of 8–12 reps (squats, lunges, "
                           "step-ups, calf raises, core)"),
    "stability": ("Stability: 2–3 sets of 12–20 reps (single-leg squats and deadlifts, "
                  "side planks, hip work)"),
}
PLYOMETRICS_TEXT = "then about 10 min of plyometrics (skips, bounds, hops)"


def strength_text(focus: str, plyometrics: bool) -> str:
    """The strength prescription of a block with ``focus``; plyometrics once a week."""
    return STRENGTH_TEXT[focus] + (f", {PLYOMETRICS_TEXT}." if plyometrics else ".")


def rest_day() -> Day:
    """A rest day."""
    return {"kind": "rest", "title": "Rest", "description": "Rest or an easy walk.",
            "zone": "", "distance_km": 0.0, "minutes": 0.0, "work_min": 0.0}


def strength_day(focus: str, plyometrics: bool) -> Day:
    """A day of strength work and no running."""
    return {"kind": "strength", "title": "Strength", "description":
            strength_text(focus, plyometrics), "zone": "", "distance_km": 0.0,
            "minutes": 0.0, "work_min": 0.0, "strength": True}


NAN = np.nan
