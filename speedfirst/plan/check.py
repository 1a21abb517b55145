"""Audit any plan against the coaching rules: :func:`check_plan`.

The audit reads only the plan's tables and inputs, so it checks plans built
by this engine, read back from JSON, or edited by hand alike. Each rule is
one small function; :data:`RULE_NAMES` lists them in order. Error-level
findings break a rule a coach would not sign; warnings point at choices
worth a second look.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from speedfirst.equivalence import STRETCH_GAP_PCT, equivalent_time, nearest_race
from speedfirst.plan.model import Plan
from speedfirst.plan.rules import RULES
from speedfirst.plan.sessions import (
    distance_text,
    duration_text,
    pace_range_text,
    rep_range_text,
)
from speedfirst.templates import METHODS

__all__ = ["RULE_NAMES", "Finding", "check_plan"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One broken rule: which, where, what, and how bad.

    Attributes
    ----------
    rule : str
        One of :data:`RULE_NAMES`.
    week : int or None
        Plan week (1…n), None for plan-wide findings.
    date : datetime.date or None
        The day at fault, if one.
    message : str
    severity : {"error", "warning"}
    """

    rule: str
    week: int | None
    date: dt.date | None
    message: str
    severity: Severity = "error"


Rows = list[dict[str, Any]]


def _runs(rows: Rows) -> Rows:
    return [r for r in rows if r["kind"] in ("easy", "long", "key")]


def _hard(r: dict[str, Any]) -> bool:
    return r["kind"] in ("key", "long", "race")


def _days_before(plan: Plan, r: dict[str, Any]) -> int:
    return (plan.inputs.race_date - r["date"]).days


def _f(week: int | None, r: dict[str, Any] | None, rule: str, msg: str,
       severity: Severity = "error") -> Finding:
    return Finding(rule, week, None if r is None else r["date"], msg, severity)


# --------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------
def _race_week(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 1: the taper's last days, counted back from race day."""
    rule = "race week"
    no_long = RULES.no_long_days(plan.inputs.race_distance)
    races = [r for r in rows if r["kind"] == "race"]
    if len(races) != 1 or races[0]["date"] != plan.inputs.race_date:
        yield _f(None, None, rule, "the plan must end with one race on race day")
    tune_ups = 0
    for r in rows:
        k = _days_before(plan, r)
        if not 1 <= k <= 6:
            continue
        if r["kind"] == "key":
            if k <= RULES.hard_free_days:
                yield _f(r["week"], r, rule, f"a key session {k} day(s) before the race")
            if k <= 5:
                tune_ups += 1
                if r["zone"] != "goal pace" or r["work_min"] > 20.0 + 1e-9:
                    yield _f(r["week"], r, rule, "the only hard run in the last 5 days is a "
                             "tune-up of at most 20 min at goal pace")
        if r["kind"] == "long" and k <= no_long:
            yield _f(r["week"], r, rule, f"a long run {k} days before the race")
        if k == 1 and r["kind"] != "rest" and r["minutes"] > RULES.shakeout_max_min:
            yield _f(r["week"], r, rule, "the day before the race is rest or at most "
                     f"{RULES.shakeout_max_min:.0f} min easy")
        if r["kind"] == "easy" and r["minutes"] > RULES.race_week_easy_max_min:
            yield _f(r["week"], r, rule, f"a {r['minutes']:.0f}-min run in race week")
    if tune_ups > 1:
        yield _f(None, None, rule, "more than one hard session in the last 5 days")


def _hard_days_apart(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Key sessions, long runs and the race never on consecutive days (the method)."""
    for a, b in itertools.pairwise(rows):
        if _hard(a) and _hard(b):
            yield _f(b["week"], b, "hard days apart",
                     f"{a['title']} and {b['title']} on consecutive days")


def _defining_work(plan: Plan, rows: Rows, weeks: pd.DataFrame) -> Iterator[Finding]:
    """Rule 2: every training week holds its cycle's defining work."""
    template = {c.cycle: c for c in METHODS[plan.inputs.method]}
    by_week: dict[int, set[str]] = {}
    for r in rows:
        if r["kind"] in ("key", "long", "easy") and r["work_min"] > 0:
            by_week.setdefault(r["week"], set()).add(r["zone"])
    for w in weeks.itertuples(index=False):
        if w.is_race_week:
            continue
        zone = template[w.cycle].primary_workout.zone
        if zone not in by_week.get(w.week, set()):
            yield _f(w.week, None, "defining work",
                     f"cycle {w.cycle} ({w.emphasis}) without its {zone} work")


def _min_duration(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 3: no run under the minimum but the shakeout the day before the race."""
    for r in _runs(rows):
        if r["minutes"] < RULES.min_run_min and not (
                _days_before(plan, r) == 1 and r["minutes"] <= RULES.shakeout_max_min):
            yield _f(r["week"], r, "minimum run", f"a {r['minutes']:.0f}-min run ({r['title']})")


def _long_run(plan: Plan, rows: Rows, weeks: pd.DataFrame) -> Iterator[Finding]:
    """Rule 4: the long run is the week's longest, within share, time and distance caps."""
    rule = "long run"
    by_week: dict[int, Rows] = {}
    for r in rows:
        by_week.setdefault(r["week"], []).append(r)
    for w in weeks.itertuples(index=False):
        days = by_week.get(w.week, [])
        runs = [r for r in days if r["kind"] in ("easy", "long", "key", "race")]
        longest = max((r["distance_km"] for r in runs), default=0.0)
        if not math.isclose(w.long_run_km, longest, abs_tol=0.05):
            yield _f(w.week, None, rule, f"long_run_km {w.long_run_km} is not the week's "
                     f"longest run ({longest})")
        week_km = sum(r["distance_km"] for r in days if r["kind"] != "race")
        for r in days:
            if r["kind"] != "long":
                continue
            others = [x["distance_km"] for x in runs if x is not r and x["kind"] != "race"]
            if others and max(others) > r["distance_km"] + 0.05:
                yield _f(w.week, r, rule, "a run longer than the long run")
            longer = [x for x in runs if x["kind"] == "easy" and x["minutes"] > r["minutes"]]
            if longer:
                yield _f(w.week, r, rule, f"{longer[0]['title']} lasts longer than the long run")
            share = RULES.long_share(week_km, sum(1 for x in runs if x["kind"] != "race"))
            if r["distance_km"] > share * week_km + 0.15 and r["minutes"] > RULES.min_run_min:
                yield _f(w.week, r, rule, f"long run {r['distance_km']:.1f} km is over "
                         f"{share:.0%} of the week ({week_km:.1f} km)")
            cap = (RULES.long_run_goal_pace_max_min if r["zone"] == "goal pace"
                   else RULES.long_run_max_min)
            if r["minutes"] > cap + 0.5:
                yield _f(w.week, r, rule, f"long run of {r['minutes']:.0f} min (cap {cap:.0f})")
            if r["distance_km"] > RULES.long_cap_km(plan.inputs.race_distance) + 0.05:
                yield _f(w.week, r, rule, f"long run of {r['distance_km']:.1f} km")


def _session_caps(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 5: Daniels' per-session caps, counted at the rep ceiling and the fast pace."""
    week_km: dict[int, float] = {}
    for r in rows:
        if r["kind"] != "race":
            week_km[r["week"]] = week_km.get(r["week"], 0.0) + r["distance_km"]
    for r in rows:
        if r["kind"] != "key":
            continue
        cap = RULES.cap_km(r["zone"], week_km[r["week"]])
        if not math.isfinite(cap):
            continue
        work_km = r["reps_max"] * r["rep_s"] / r["pace_fast_s_per_km"]
        if work_km > cap + 1e-6:
            yield _f(r["week"], r, "session caps", f"{r['title']}: up to {work_km:.1f} km of "
                     f"{r['zone']} work, over the cap of {cap:.1f} km")


def _trained_goal(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 6: goal pace is the realistic goal."""
    g = plan.goal
    fastest = g.predicted_time_s * (1.0 - STRETCH_GAP_PCT / 100.0)
    if plan.trained_goal_time_s < min(g.goal_time_s, fastest) - 60.0:
        yield _f(None, None, "realistic goal pace", "goal pace is trained faster than the "
                 "fastest stretch the goal check allows")
    if g.verdict in ("not yet realistic", "impossible") and plan.trained_goal_time_s < (
            fastest - 60.0):
        yield _f(None, None, "realistic goal pace", f"the goal is {g.verdict} but goal pace is "
                 "trained at the goal")


def _zones(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 8: threshold is never faster than the runner's 10K-equivalent pace."""
    z = plan.zones.set_index("zone")
    thr = z.loc["acidosis threshold"]
    src = nearest_race(plan.inputs.race_results(), 10000.0)
    t10 = (src.time_s if math.isclose(src.distance_m, 10000.0)
           else equivalent_time(src.distance_m, src.time_s, 10000.0))
    if thr.pace_fast_s_per_km < t10 / 10.0 - 0.5:
        yield _f(None, None, "zones", "threshold pace is faster than 10K race pace")


def _recovery_weeks(plan: Plan, rows: Rows, weeks: pd.DataFrame) -> Iterator[Finding]:
    """Rule 9: a cut-back week at least every ``recovery_every`` build weeks."""
    every = plan.inputs.recovery_every
    if not every:
        return
    build = weeks[weeks.phase != "Taper"]
    run = 0
    for w in build.itertuples(index=False):
        run = 0 if w.is_recovery_week else run + 1
        if run > every:
            yield _f(w.week, None, "recovery weeks", f"{run} build weeks without a cut-back",
                     "warning")


def _text_matches(plan: Plan, rows: Rows) -> Iterator[Finding]:
    """Rule 10: session text states the numbers of its columns."""
    units = plan.inputs.units
    for r in _runs(rows):
        text = r["description"]
        want = [f"About {r['minutes']:.0f} min", distance_text(r["distance_km"], units)]
        if r["kind"] == "key" and r["reps_max"] is not pd.NA and r["reps_max"] > 1:
            want.append(f"{rep_range_text(r['reps_min'], r['reps_max'])} × "
                        f"{duration_text(r['rep_s'])}")
        elif r["kind"] in ("key", "long") and r["zone"] != "easy" and r["rep_s"] == r["rep_s"]:
            want.append(duration_text(r["rep_s"]))
        if r["kind"] in ("key", "long", "easy") and r["zone"] != "speed":
            want.append(pace_range_text(r["pace_fast_s_per_km"], r["pace_slow_s_per_km"], units))
        for piece in want:
            if piece not in text:
                yield _f(r["week"], r, "text matches numbers",
                         f"{r['title']}: the text does not say {piece!r}")


RULES_IN_ORDER: tuple[tuple[str, Callable[..., Iterator[Finding]], bool], ...] = (
    ("race week", _race_week, False),
    ("hard days apart", _hard_days_apart, False),
    ("defining work", _defining_work, True),
    ("minimum run", _min_duration, False),
    ("long run", _long_run, True),
    ("session caps", _session_caps, False),
    ("realistic goal pace", _trained_goal, False),
    ("zones", _zones, False),
    ("recovery weeks", _recovery_weeks, True),
    ("text matches numbers", _text_matches, False),
)
RULE_NAMES = tuple(name for name, _, _ in RULES_IN_ORDER)
"""The rules :func:`check_plan` audits, in order."""


def check_plan(plan: Plan) -> list[Finding]:
    """Audit ``plan`` against the coaching rules of :mod:`speedfirst.plan.rules`.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding
        Empty for a plan a coach would sign; :func:`build_plan` never
        produces an error-level finding.

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-19", peak_weekly=55, races={5000.0: 1088.0},
    ...                today="2026-11-23")  # a Monday race
    >>> [f for f in check_plan(p) if f.severity == "error"]
    []
    """
    s = plan.sessions
    cols = ["date", "week", "kind", "title", "description", "zone", "distance_km", "minutes",
            "work_min", "reps_min", "reps_max", "rep_s", "pace_fast_s_per_km",
            "pace_slow_s_per_km"]
    data = {c: s[c].tolist() for c in cols}
    data["date"] = [d.date() for d in s["date"]]
    rows = [dict(zip(cols, vals, strict=True)) for vals in zip(*data.values(), strict=True)]
    out: list[Finding] = []
    for _, fn, needs_weeks in RULES_IN_ORDER:
        out += list(fn(plan, rows, plan.weeks) if needs_weeks else fn(plan, rows))
    return out
