"""Steps 2 and 3 of a plan: cycles over the weeks, and each week's volume.

The template (:mod:`speedfirst.templates`) gives every cycle a share of the
runner's peak weekly volume; this module spreads the cycles over the weeks
before the race, ramps the shares, cuts every n-th build week back for
recovery and marks the taper and the race week. Weeks are counted back from
race day: week ``n`` (the last) is the seven days ending on race day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from speedfirst.errors import InputError
from speedfirst.plan.rules import RULES
from speedfirst.templates import CycleSpec, Workout

__all__ = ["WeekSpec", "cycle_weeks", "share_of_peak", "week_specs"]

ONE_WEEK_TAPER_SHARE = 0.75
"""With a one-week taper, the week before the race week is cut to this share of
peak [-], so that the peak week does not run straight into race week; Bosquet
et al. (2007) found 8–14 days of reduced volume work best."""


@dataclass(frozen=True)
class WeekSpec:
    """One week of a plan before its days are laid out.

    Attributes
    ----------
    index : int
        0-based week number.
    start : datetime.date
        First day of the week; the race week ends on race day.
    cycle : CycleSpec
        The template cycle of the week.
    fraction : float
        Planned training volume as a share of peak [-] (the race itself is
        not training volume), after any recovery cut.
    is_recovery : bool
        A cut-back week (:attr:`~speedfirst.plan.rules.CoachingRules.recovery_factor`).
    is_taper : bool
        A week of the taper (the race week included).
    is_race_week : bool
        The week that ends on race day.
    progress : dict
        Where each of the cycle's workouts stands on its ramp (0…1): a
        workout ramps over every non-recovery week it appears in; a
        recovery week repeats the previous week's step.
    strength_focus : str
        ``"strength endurance"`` or ``"stability"`` in strength cycles
        (alternating in blocks of
        :attr:`~speedfirst.plan.rules.CoachingRules.strength_block_weeks`), else ``""``.
    """

    index: int
    start: dt.date
    cycle: CycleSpec
    fraction: float
    is_recovery: bool
    is_taper: bool
    is_race_week: bool
    progress: dict[Workout, float]
    strength_focus: str = ""


def cycle_weeks(template: tuple[CycleSpec, ...], method: str, general: int, specific: int,
                taper: int, explicit: Sequence[int] | None) -> list[int]:
    """Weeks per cycle of ``template`` (the taper last).

    Each phase's weeks are spread over its cycles as evenly as possible, the
    extra weeks going to the later cycles, where the volume is higher;
    ``explicit`` gives the cycles before the taper instead.
    """
    training = [c for c in template if c.phase != "Taper"]
    if explicit is not None:
        explicit = list(explicit)
        if len(explicit) != len(training) or any(
            isinstance(w, bool) or not isinstance(w, int | np.integer) or w < 1 for w in explicit
        ):
            raise InputError(
                f"cycle_weeks must give {len(training)} whole numbers of at least 1 "
                f"(one per cycle before the taper), got {explicit!r}", field="cycle_weeks")
        return [int(w) for w in explicit] + [taper]
    if method == "speed-first":
        groups = [(general, 4), (specific, 5)]
    else:  # traditional: base, build, sharpening over the same training weeks
        n = general + specific
        sharpen = max(1, round(0.2 * n))
        base = max(1, round(0.45 * n))
        groups = [(base, 1), (n - base - sharpen, 1), (sharpen, 1)]
    weeks: list[int] = []
    for total, cycles in groups:
        base_w, extra = divmod(total, cycles)
        weeks += [base_w + (1 if i >= cycles - extra else 0) for i in range(cycles)]
    return [*weeks, taper]


def share_of_peak(template: tuple[CycleSpec, ...], weeks_per_cycle: Sequence[int]) -> list[float]:
    """Share of peak for every week: ranges ramp linearly (ramp groups share one ramp)."""
    out: list[float] = []
    i = 0
    while i < len(template):
        group = template[i].ramp_group
        j = i + 1
        while group and j < len(template) and template[j].ramp_group == group:
            j += 1
        n = sum(weeks_per_cycle[i:j])
        lo, hi = template[i].fraction[0], template[j - 1].fraction[1]
        out += [hi if n == 1 else lo + (hi - lo) * k / (n - 1) for k in range(n)]
        i = j
    return out


def recovery_weeks(n_build: int, every: int) -> set[int]:
    """0-based indices of the cut-back weeks among ``n_build`` build weeks.

    Every ``every``-th week is cut back (weeks 4, 8, … for 3:1), except the
    last build week, which is the peak before the taper.
    """
    if every <= 0:
        return set()
    return {i for i in range(every - 1, n_build - 1, every)}


def _ramp_progress(weeks: list[int], week: int) -> float:
    """Where ``week`` stands (0…1) on a ramp over ``weeks`` (sorted): at the last
    ramp week up to it, the first when none is (a cut-back week repeats a step)."""
    if len(weeks) <= 1:
        return 0.0
    return max(bisect_right(weeks, week) - 1, 0) / (len(weeks) - 1)


def week_specs(template: tuple[CycleSpec, ...], weeks_per_cycle: Sequence[int],
               race_date: dt.date, recovery_every: int) -> list[WeekSpec]:
    """Every week of the plan, counted back from ``race_date``."""
    cycle_of = [i for i, (_, n) in enumerate(zip(template, weeks_per_cycle, strict=True))
                for _ in range(n)]  # each week's cycle, as an index into the template
    shares = share_of_peak(template, weeks_per_cycle)
    total = len(cycle_of)
    n_taper = weeks_per_cycle[-1]
    n_build = total - n_taper
    cut = recovery_weeks(n_build, recovery_every)
    if n_taper == 1 and n_build >= 1:
        shares[n_build - 1] = min(shares[n_build - 1], ONE_WEEK_TAPER_SHARE)
    # each workout ramps over the non-recovery weeks it appears in, across cycles
    workouts = [tuple(dict.fromkeys(c.workouts)) for c in template]  # each cycle's, once
    ramp_weeks: dict[Workout, list[int]] = {wo: [] for ws in workouts for wo in ws}
    ramps = [[ramp_weeks[wo] for wo in ws] for ws in workouts]  # by cycle, as workouts
    for w, i in enumerate(cycle_of):
        if w not in cut:
            for weeks in ramps[i]:
                weeks.append(w)
    first = race_date - dt.timedelta(days=7 * total - 1)
    specs: list[WeekSpec] = []
    strength_week = 0
    for w, i in enumerate(cycle_of):
        cyc = template[i]
        progress = {wo: _ramp_progress(weeks, w)
                    for wo, weeks in zip(workouts[i], ramps[i], strict=True)}
        focus = ""
        if cyc.strength:
            block = strength_week // RULES.strength_block_weeks
            focus = "strength endurance" if block % 2 == 0 else "stability"
            strength_week += 1
        is_cut = w in cut
        specs.append(WeekSpec(
            index=w, start=first + dt.timedelta(weeks=w), cycle=cyc,
            fraction=shares[w] * (RULES.recovery_factor if is_cut else 1.0),
            is_recovery=is_cut, is_taper=w >= n_build, is_race_week=w == total - 1,
            progress=progress, strength_focus=focus))
    return specs
