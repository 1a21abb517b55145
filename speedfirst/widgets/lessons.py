"""The lessons' widgets: a few sliders, a chart per figure and a note each.

``periodization.ipynb`` ("why speed first?") and
``explore.ipynb`` ("your plan, step by step") call these builders
(:func:`two_ways`, :func:`specificity`, :func:`speed_reserve`,
:func:`rep_volume`, :func:`eighty_twenty`, :func:`taper_form`,
:func:`model_offsets`, :func:`what_if`); each returns a :class:`Lesson`
(:mod:`speedfirst.widgets.lesson`, which also holds the sliders). The
numbers come from :mod:`speedfirst.analysis`; a view is a pure function of
the slider values that returns the figures and a short note.

Like the dashboard, a lesson shows each figure in a
:class:`~speedfirst.widgets.chart.Chart` (redrawn in place), validates every
slider value through the library, and turns any failure into a one-line
message while the last good charts stay on screen. No traceback reaches a
reader.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias
import pandas as pd
import plotly.graph_objects as go

from speedfirst import critical_speed, figures
from speedfirst.analysis import (
    FIVE_K_RANGE_S,
    METHOD_NAMES,
    PLAN_WEEKS,
    WORKED_CASE,
    compare_plans,
    easy_share_frame,
    lesson_dates,
    method_pair,
    offsets_vs_daniels,
    plan_kwargs,
    rep_volume_frame,
    specificity_frame,
    speed_reserve_frame,
    taper_plan,
)
from speedfirst.equivalence import assess_goal
from speedfirst.plan import LIMITS, Plan, build_plan
from speedfirst.text import format_pace, format_time
from speedfirst.training_load import fitness_fatigue, intensity_distribution
from speedfirst.units import MARATHON_M, check_unit
from speedfirst.widgets.chart import chart
from speedfirst.widgets.lesson import Lesson, View, int_slider, paragraph, time_slider

__all__ = [
    "Lesson",
    "chart",
    "eighty_twenty",
    "model_offsets",
    "rep_volume",
    "specificity",
    "speed_reserve",
    "taper_form",
    "two_ways",
    "what_if",
]


# --------------------------------------------------------------------------
# widget builders (views are pure: values in, figures and a note out)
# --------------------------------------------------------------------------
def _plan_view(view: View, today: dt.date | None, race_date: dt.date | None,
               **plan_args: Any) -> View:
    """``view`` with the runner, the race and the plan's fixed arguments bound.

    The dates are settled here, once, so every redraw plans for the same days.
    """
    today, race_date = lesson_dates(today, race_date)
    return functools.partial(view, today=today, race_date=race_date, **plan_args)


def _two_ways_view(weeks: int, *, units: str, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plans = method_pair(weeks, units=units, **plan_args)
    sf, tr = plans["speed-first"], plans["traditional"]
    inten = {k: intensity_distribution(p) for k, p in plans.items()}
    figs = [
        figures.comparison_chart(sf.weeks, tr.weeks, inten["speed-first"], inten["traditional"],
                                names=METHOD_NAMES, units=units),
        figures.intensity_panels_chart(inten["speed-first"], inten["traditional"],
                                        names=METHOD_NAMES, share=True),
    ]
    counts = {k: p.weeks["phase"].value_counts(sort=False) for k, p in plans.items()}
    parts = [f"{k}: " + ", ".join(f"{n} {ph}" for ph, n in c.items()) for k, c in counts.items()]
    return figs, paragraph(f"{weeks} weeks to race day. " + "; ".join(parts) + " (weeks).")


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

    Charts: :func:`speedfirst.figures.comparison_chart` and
    :func:`speedfirst.figures.intensity_panels_chart`. Control ``weeks``.
    """
    view = _plan_view(_two_ways_view, today, race_date, races=races, goal_time_s=goal_time_s,
                      peak_weekly=peak_weekly, units=units)
    return Lesson("two-ways", {"weeks": int_slider("Plan length (weeks)", weeks, *PLAN_WEEKS)},
                  view, 2)


def _specificity_view(weeks: int, **plan_args: Any) -> tuple[list[go.Figure], str]:
    plans = method_pair(weeks, **plan_args)
    frame = specificity_frame(plans)
    taper = next(iter(plans.values())).inputs.taper_weeks
    last = frame[frame["weeks_to_race"].between(taper, taper + 5)]
    sums = last.groupby(["method", "zone"])["minutes"].sum()
    note = (f"In the six weeks before the taper (weeks {taper + 1}–{taper + 6} before the race "
            "week): ") + "; ".join(
        f"{m} {sums.get((m, 'goal pace'), 0):.0f} min at goal pace and "
        f"{sums.get((m, 'acidosis threshold'), 0):.0f} min at threshold" for m in plans) + "."
    return [figures.specificity_chart(frame)], paragraph(note)


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
    view = _plan_view(_specificity_view, today, race_date, races=races,
                      goal_time_s=goal_time_s, peak_weekly=peak_weekly, units=units)
    return Lesson("specificity",
                  {"weeks": int_slider("Plan length (weeks)", weeks, *PLAN_WEEKS)}, view, 1)


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
        "five_k_s": time_slider("Your 5K", five_k_s, *FIVE_K_RANGE_S, 2),
        "goal_time_s": time_slider("Marathon goal", goal_time_s, 2 * 3600, 4 * 3600 + 30 * 60,
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
    return [fig], paragraph(note)


def rep_volume(*, five_k_s: float = WORKED_CASE["five_k_s"], units: str = "mi") -> Lesson:
    """Time at pace per session against rep length, with pace and recovery controls.

    Chart: :func:`speedfirst.figures.rep_volume_chart`. Controls
    ``faster_than_5k_s_per_mi``, ``recovery_ratio`` and ``recovery``.
    """
    controls = {
        "faster_than_5k_s_per_mi": int_slider("Rep pace: s/mi faster than 5K pace", 7, -30, 60),
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
    return [figures.easy_share_chart(frame)], paragraph(note)


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
    view = _plan_view(_eighty_twenty_view, today, race_date, total_weeks=weeks, races=races,
                      goal_time_s=goal_time_s, units=units)
    hi = 120 if check_unit(units) == "mi" else 190
    lo = 25 if units == "mi" else 40
    return Lesson("eighty-twenty",
                  {"peak_weekly": int_slider(f"Peak weekly volume ({units})", peak_weekly,
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
    return [fig], paragraph(note)


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
    view = _plan_view(_taper_view, today, race_date, races=races, goal_time_s=goal_time_s,
                      peak_weekly=peak_weekly, units=units)
    return Lesson("taper",
                  {"taper_weeks": int_slider("Taper (weeks)", taper_weeks,
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
    return [fig], paragraph(note)


def model_offsets(*, five_k_s: float = WORKED_CASE["five_k_s"],
                  grid_s: Sequence[float] = _OFFSET_GRID_S) -> Lesson:
    """The method's threshold and VO2max offsets against Daniels T and I, with a 5K slider.

    Chart: :func:`speedfirst.figures.offsets_chart` over ``grid_s`` (15:00 to
    25:00 every 30 s), the slider's 5K marked. Control ``five_k_s``.
    """
    frame = offsets_vs_daniels(grid_s)
    return Lesson("offsets",
                  {"five_k_s": time_slider("Your 5K", five_k_s, int(min(grid_s)),
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
    fig = figures.comparison_chart(base.weeks, changed.weeks, intensity_distribution(base),
                                  intensity_distribution(changed), names=names, units=units,
                                  title="Your plan against the changed one")
    table = compare_plans(dict(zip(names, (base, changed), strict=True)), units=units)
    return [fig], table.to_html(index=False, classes="sf-what-if", border=0)


def what_if(plan: Plan) -> Lesson:
    """Change one choice of ``plan`` (peak, phase lengths, method) and compare with the original.

    Chart: :func:`speedfirst.figures.comparison_chart` (original against
    changed); note: :func:`compare_plans` as a table. Controls
    ``peak_weekly``, ``general_weeks``, ``specific_weeks``, ``taper_weeks``
    and ``method``; they start at the plan's own values.
    """
    i = plan.inputs
    peak_hi = 200 if i.units == "mi" else 320
    controls = {
        "peak_weekly": int_slider(f"Peak weekly volume ({i.units})", round(i.peak_weekly),
                                   10 if i.units == "mi" else 16, peak_hi),
        "general_weeks": int_slider("General Preparation (weeks)", i.general_weeks,
                                     *LIMITS["general_weeks"]),
        "specific_weeks": int_slider("Specific Preparation (weeks)", i.specific_weeks,
                                      *LIMITS["specific_weeks"]),
        "taper_weeks": int_slider("Taper (weeks)", i.taper_weeks, *LIMITS["taper_weeks"]),
        "method": W.ToggleButtons(options=[("Speed-first", "speed-first"),
                                           ("Traditional", "traditional")],
                                  value=i.method, description="Method"),
    }
    return Lesson("what-if", controls, functools.partial(_what_if_view, base=plan), 1)
