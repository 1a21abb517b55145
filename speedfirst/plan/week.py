"""Steps 4–5 together: one week's days, sized so the week keeps every rule.

:func:`training_week` and :func:`race_week` return the week's days (offset
0…6 from the week's first day -> day dict) and notes for ``plan.warnings``.

A training week is filled in this order: the long run (its share of the
week, within the time and distance caps, with the cycle's goal-pace work in
its last part when the cycle has some), the midweek key sessions (capped per
session), then easy runs share what is left. An easy run shorter than the
minimum run is dropped rather than scheduled (the week gets fewer runs); an
easy run longer than the long run is cut to it (the week falls short of its
planned volume, and the plan says so). When the long run and key sessions
alone exceed the week, the long run shrinks first (never below the longest
key session nor the minimum run), then the key sessions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from speedfirst.plan.days import race_week_days, training_week_days
from speedfirst.plan.rules import RULES
from speedfirst.plan.sessions import (
    KeySize,
    ZoneRows,
    easy_pace,
    easy_run,
    key_session_day,
    key_session_size,
    long_run,
    race_day,
    rest_day,
    shakeout,
    strength_day,
    strength_text,
    strides_run,
    tune_up,
)
from speedfirst.plan.volumes import WeekSpec
from speedfirst.templates import Workout

__all__ = ["WeekResult", "race_week", "training_week"]

Day = dict[str, Any]


@dataclass
class WeekResult:
    """A laid-out week: days by offset from the week's start, and what fell short."""

    days: dict[int, Day]
    planned_km: float = 0.0
    dropped_runs: int = 0
    shortfall_km: float = 0.0
    shrunk: bool = False
    notes: list[str] = field(default_factory=list)


def _min_run_km(zones: ZoneRows) -> float:
    """Shortest easy run [km] that lasts :attr:`~CoachingRules.min_run_min` after rounding."""
    return math.ceil(RULES.min_run_min * 60.0 / easy_pace(zones) * 10.0 + 0.5) / 10.0


def _midweek_workouts(spec: WeekSpec, slots: int) -> list[Workout]:
    cyc = spec.cycle
    order = [cyc.primary_workout] + [w for i, w in enumerate(cyc.workouts)
                                     if i != cyc.primary % len(cyc.workouts)]
    mids = [w for w in order if w.placement == "midweek"]
    return mids[:slots]


def _long_workout(spec: WeekSpec) -> Workout | None:
    return next((w for w in spec.cycle.workouts if w.placement == "long run"), None)


def _long_cap(week_km: float, runs: int, race: str, zones: ZoneRows, peak_km: float) -> float:
    """Longest long run [km] this week allows: share, distance and time caps.

    The share is the relaxed low-volume one only for runners whose peak is low,
    so that a taper week does not lengthen the long run. The time cap is the
    easy one (150 min at easy pace) even when the run ends at goal pace, which
    keeps goal-pace long runs well inside their own 180-min cap.
    """
    share = RULES.long_share(max(week_km, peak_km), runs)
    by_time = RULES.long_run_max_min * 60.0 / easy_pace(zones)
    return min(share * week_km, RULES.long_cap_km(race), by_time)


def _goal_pace_min(workout: Workout | None, progress: float, long_km: float,
                   zones: ZoneRows, goal_time_s: float, block_share: float,
                   floor_min: float = RULES.min_run_min) -> float:
    """Goal-pace minutes in a long run of ``long_km`` [km] (whole minutes, may be 0).

    The run keeps lasting at least ``floor_min`` [min] (the minimum run, or the
    week's easy runs) although its goal-pace part is faster than easy.
    """
    if workout is None:
        return 0.0
    lo, hi = workout.rep_s
    want = (lo + (hi - lo) * progress) / 60.0
    g = zones["goal pace"]
    g_pace = 0.5 * (g.pace_fast_s_per_km + g.pace_slow_s_per_km)
    room = RULES.goal_pace_long_run_share * long_km * g_pace / 60.0
    e = easy_pace(zones)
    # the run stays at least the minimum run although its goal-pace part is faster
    spare = long_km * e / 60.0 - max(floor_min, RULES.min_run_min) - 1.0
    keep_long = spare / (e / g_pace - 1.0) if e > g_pace else (
        math.inf if spare >= -1.0 else 0.0)  # a goal pace slower than easy lengthens the run
    gp = math.floor(min(want, block_share * goal_time_s / 60.0, room, keep_long))
    return float(gp) if gp >= MIN_GOAL_PACE_MIN else 0.0


MIN_GOAL_PACE_MIN = 10.0
"""Shortest goal-pace finish worth writing into a long run [min]."""


def _long_floor_km(zones: ZoneRows, with_goal_pace: bool) -> float:
    """Shortest long run [km]: the minimum run, with room for a goal-pace finish."""
    e = easy_pace(zones)
    if not with_goal_pace:
        return _min_run_km(zones)
    g = zones["goal pace"]
    g_pace = 0.5 * (g.pace_fast_s_per_km + g.pace_slow_s_per_km)
    minutes = RULES.min_run_min + 2.0 + MIN_GOAL_PACE_MIN * max(e / g_pace - 1.0, 0.0)
    return math.ceil(minutes * 60.0 / e * 10.0) / 10.0


def _easy_cap_km(long_km: float, zones: ZoneRows) -> float:
    """Longest easy run [km] beside a long run of ``long_km`` [km]: shorter in time.

    The long run is timed at easy pace here; its goal-pace finish makes it a
    little shorter in time, which the caller's margin
    (:attr:`~CoachingRules.easy_vs_long`) covers.
    """
    return RULES.easy_vs_long * long_km


@dataclass
class _Sizes:
    """A week's sizes, numbers only: the days' text is written once they are final."""

    long_km: float
    keys: list[KeySize]
    n_easy: int
    per_easy: float
    shrunk: bool

    @property
    def total_km(self) -> float:
        return self.long_km + sum(k.distance_km for k in self.keys) + (
            self.n_easy * round(self.per_easy, 1))


def _size_week(spec: WeekSpec, mids: list[Workout], week_km: float, basis_km: float,
               runs: int, race: str, zones: ZoneRows, goal_time_s: float,
               peak_km: float) -> _Sizes:
    """Sizes of the long run, key sessions and easy runs of a week of ``week_km`` [km].

    ``basis_km`` [km] is the week volume the caps are computed from: the
    planned volume first, the volume actually laid out when that is less.
    Numbers only: no day's text is written here.
    """
    warm = RULES.warmup_min if peak_km >= RULES.low_volume_km else RULES.warmup_min_low_volume
    quality = RULES.recovery_quality if spec.is_recovery else 1.0
    min_km = _min_run_km(zones)
    long_min = _long_floor_km(zones, _long_workout(spec) is not None)
    keys = [w for w in mids if w.kind != "strides"]
    n_strides = len(mids) - len(keys)

    def key_sizes(scale: float) -> list[KeySize]:
        return [key_session_size(w, spec.progress.get(w, 0.0), zones, basis_km, warm,
                                 goal_time_s, scale * quality, RULES.goal_block(race))
                for w in keys]

    scale, sessions = 1.0, key_sizes(1.0)
    key_km = sum(k.distance_km for k in sessions)
    longest_key = max((k.distance_km for k in sessions), default=0.0)
    cap = _long_cap(basis_km, runs, race, zones, peak_km)
    long_km = cap
    while (key_km + max(long_min, longest_key) + n_strides * min_km > week_km * 1.02
           and scale > 0.45):
        scale -= 0.1  # too little volume for the key sessions: shorten them
        sessions = key_sizes(scale)
        key_km = sum(k.distance_km for k in sessions)
        longest_key = max((k.distance_km for k in sessions), default=0.0)
    if key_km + long_km + n_strides * min_km > week_km:  # the long run shrinks first
        long_km = max(long_min, longest_key, week_km - key_km - n_strides * min_km)
    rest = week_km - key_km - long_km
    slots = runs - 1 - len(mids)
    n_easy = max(n_strides, min(slots + n_strides, math.floor(rest / min_km + 1e-9)))
    c = RULES.easy_vs_long
    if n_easy == 0:
        long_km = max(long_km, min(cap, long_km + rest))  # the long run takes what is left
        per_easy = 0.0
    else:
        per_easy = rest / n_easy
        if per_easy > c * long_km:  # the long run stays clearly the longest run
            long_km = max(long_km, min(cap, (week_km - key_km) / (1 + n_easy * c)))
            per_easy = min(c * long_km, (week_km - key_km - long_km) / n_easy)
        per_easy = max(per_easy, min_km)
    long_km = max(long_km, longest_key, long_min, per_easy / c)
    # when the easy runs are held at their cap the week falls short, and the long run
    # must still fit its share of the week actually run: L <= share * (K + n * p + L)
    share = RULES.long_share(max(basis_km, peak_km), runs)
    total = key_km + long_km + n_easy * per_easy
    if long_km > share * total + 0.05:
        held = n_easy and per_easy >= c * long_km - 1e-9
        denom = 1.0 - share * (1 + n_easy * c) if held else 1.0 - share
        other = key_km if held else key_km + n_easy * per_easy
        if denom > 0:
            long_km = max(longest_key, long_min, share * other / denom)
            per_easy = min(per_easy, c * long_km)
    while n_easy > n_strides and per_easy < min_km - 1e-9:  # too short to be worth a run
        n_easy -= 1
    if n_easy and per_easy < min_km:
        per_easy = min_km
        long_km = max(long_km, per_easy / c)
    return _Sizes(long_km=round(long_km, 1), keys=sessions, n_easy=n_easy, per_easy=per_easy,
                  shrunk=scale < 1.0)


def training_week(spec: WeekSpec, *, peak_km: float, runs: int, long_day: int,
                  race: str, zones: ZoneRows, units: str, goal_time_s: float,
                  max_km: float = math.inf) -> WeekResult:
    """Lay out and size a week before the race week, at most ``max_km`` [km].

    ``max_km`` keeps a cut-back week below the weeks around it when those fell
    short of their planned volume (few runs a week).
    """
    week_km = min(spec.fraction * peak_km, max_km)
    slots = 1 if runs <= 4 else 2
    if spec.is_recovery:  # one key session fewer, but never the cycle's defining one
        slots = max(slots - 1, int(spec.cycle.primary_workout.placement == "midweek"))
    mids = _midweek_workouts(spec, slots)
    if not mids and _long_workout(spec) is None:  # the cycle's work must show up somewhere
        mids = _midweek_workouts(spec, 1)
    sizes = _fit_week(spec, mids, week_km, runs, race, zones, goal_time_s, peak_km)
    gp_workout = _long_workout(spec)
    easy_min = round(round(sizes.per_easy, 1) * easy_pace(zones) / 60.0) if sizes.n_easy else 0
    gp_min = _goal_pace_min(gp_workout, spec.progress.get(gp_workout, 0.0), sizes.long_km,
                            zones, goal_time_s, RULES.goal_block(race), easy_min)
    if spec.is_recovery and gp_min:
        gp_min = float(max(MIN_GOAL_PACE_MIN, math.floor(gp_min * RULES.recovery_quality)))
    result = WeekResult(days={}, shrunk=sizes.shrunk, planned_km=week_km)
    n_keys = len(sizes.keys)
    result.dropped_runs = max(0, runs - 1 - n_keys - sizes.n_easy)
    if week_km - sizes.total_km > 0.5 and sizes.n_easy >= runs - 1 - n_keys:
        result.shortfall_km = week_km - sizes.total_km
    cut = " (cut-back week)" if spec.is_recovery else ""
    title = (gp_workout.title if gp_min > 0 and gp_workout else "Long run") + cut
    result.days = _place_days(spec, mids, sizes, long_day, runs, zones, units,
                              long_run(sizes.long_km, zones, units, gp_min, title=title))
    _add_strength(result.days, spec)
    _add_rest_days(result.days)
    return result


def _fit_week(spec: WeekSpec, mids: list[Workout], week_km: float, runs: int, race: str,
              zones: ZoneRows, goal_time_s: float, peak_km: float) -> _Sizes:
    """The week's sizes, with caps and long-run share computed from the volume laid out.

    The caps start from the planned volume ``week_km`` [km]; while the week
    laid out falls short of the volume they were computed from, they are
    computed again from what was laid out (at most 8 passes).
    """
    basis = week_km
    for _ in range(8):
        sizes = _size_week(spec, mids, week_km, basis, runs, race, zones, goal_time_s, peak_km)
        actual = sizes.total_km
        if actual >= basis - 0.05:
            break
        basis = actual
    return sizes


def _place_days(spec: WeekSpec, mids: list[Workout], sizes: _Sizes, long_day: int, runs: int,
                zones: ZoneRows, units: str, long: Day) -> dict[int, Day]:
    """The week's runs by offset from its first day, their text written from ``sizes``.

    ``long`` is the week's long run. The easy runs are alike: the text of
    one is written once and copied to every easy day.
    """
    wd = training_week_days(long_day, len(mids), runs)
    first = spec.start.weekday()
    offset = {(first + i) % 7: i for i in range(7)}
    days = {offset[wd.long]: long}
    key_iter = iter(sizes.keys)
    for day, w in zip(wd.keys, mids, strict=True):
        if w.kind == "strides":
            days[offset[day]] = strides_run(w, zones, units, sizes.per_easy)
        else:
            days[offset[day]] = key_session_day(next(key_iter), zones, units)
    n_plain = sizes.n_easy - (len(mids) - len(sizes.keys))
    easy_days = wd.easy[:max(0, n_plain)]
    if easy_days:
        easy = easy_run(sizes.per_easy, zones, units)
        for day in easy_days:
            days[offset[day]] = dict(easy)
    return days


def _add_strength(days: dict[int, Day], spec: WeekSpec) -> None:
    """Strength on the key days (hard days hard, easy days easy), else other days."""
    if not spec.strength_focus:
        return
    order = ([o for o in sorted(days) if days[o]["kind"] == "key"]
             + [o for o in sorted(days) if days[o]["kind"] in ("easy",)]
             + [o for o in range(7) if o not in days])
    for n, off in enumerate(order[:RULES.strength_days]):
        plyo = n == 0
        if off in days:
            d = days[off]
            d["description"] += " Afterwards: " + strength_text(spec.strength_focus, plyo)
            d["strength"] = True
        else:
            days[off] = strength_day(spec.strength_focus, plyo)


def _add_rest_days(days: dict[int, Day], last: int = 6) -> None:
    """A rest day on every day up to offset ``last`` that holds nothing else."""
    for off in range(last + 1):
        if off not in days:
            days[off] = rest_day()


def race_week(spec: WeekSpec, *, peak_km: float, runs: int, race: str, race_m: float,
              zones: ZoneRows, units: str, goal_time_s: float,
              trained_time_s: float) -> WeekResult:
    """Lay out the race week by days counted back from race day (offset 6)."""
    week_km = spec.fraction * peak_km
    layout = race_week_days(runs)
    result = WeekResult(days={}, planned_km=week_km)
    min_km = _min_run_km(zones)
    used = 0.0
    if layout.tune_up is not None:
        d = tune_up(zones, units, RULES.warmup_min_low_volume)
        result.days[6 - layout.tune_up] = d
        used += d["distance_km"]
    if layout.shakeout is not None:
        d = shakeout(zones, units)
        result.days[6 - layout.shakeout] = d
        used += d["distance_km"]
    left = week_km - used
    n = min(len(layout.easy), math.floor(left / min_km + 1e-9)) if left > 0 else 0
    max_km = RULES.race_week_easy_max_min * 60.0 / easy_pace(zones)
    per = min(max_km, left / n) if n else 0.0
    result.dropped_runs = len(layout.easy) - n
    if n and left - per * n > 0.5:
        result.shortfall_km = left - per * n
    if n:
        easy = easy_run(per, zones, units, title="Easy run (race week)")
        for k in layout.easy[:n]:
            result.days[6 - k] = dict(easy)
    _add_rest_days(result.days, last=5)
    result.days[6] = race_day(race, race_m, goal_time_s, trained_time_s, zones, units)
    return result
