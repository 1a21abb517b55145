"""Charts: the data inside each figure matches the frames it was built from.

Assertions read ``fig.data`` / ``fig.layout`` (never pixels). Plan, intensity
and fitness–fatigue frames are small synthetic ones with the documented
columns; zones, predictions and goal assessments are the library's own.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speedfirst as sf
from speedfirst import analysis
from speedfirst import figures as figs
from speedfirst.zones import ZONE_NAMES

MI = 1.609344  # km per mile


# --------------------------------------------------------------------------
# Synthetic frames
# --------------------------------------------------------------------------
def make_weeks(distances_km=None, phases=None, cycles=None, race_week=None) -> pd.DataFrame:
    """A plan-weeks frame with the documented columns."""
    km = np.asarray(distances_km if distances_km is not None
                    else [50, 55, 60, 66, 72, 80, 86, 90, 60, 40], dtype=float)
    n = len(km)
    if phases is None:
        phases = (["General Preparation"] * (n // 2) + ["Specific Preparation"] * (n - n // 2 - 2)
                  + ["Taper"] * 2)
    if cycles is None:
        cycles = [str(1 + i // 2) for i in range(n - 2)] + ["taper", "taper"]
    race = [False] * n
    race[n - 1 if race_week is None else race_week - 1] = True
    return pd.DataFrame({
        "week": np.arange(1, n + 1),
        "start_date": pd.date_range("2025-01-06", periods=n, freq="7D"),
        "phase": phases,
        "cycle": cycles,
        "emphasis": "speed and speed endurance",
        "fraction_of_peak": km / km.max(),
        "distance_km": km,
        "distance_mi": km / MI,
        "long_run_km": km * 0.3,
        "key_sessions": 2,
        "is_race_week": race,
        "goal_pace_min": np.linspace(0, 40, n),
        "threshold_min": np.linspace(10, 20, n),
    })


def make_intensity(n_weeks=6, easy=200.0, scale=1.0, drop=None) -> pd.DataFrame:
    """Tidy intensity frame; zone ``drop`` is left out of every week."""
    rows = []
    for w in range(1, n_weeks + 1):
        mins = {z: (easy + 10 * w if z == "easy" else scale * (5 * k + w))
                for k, z in enumerate(ZONE_NAMES) if z != drop}
        total = sum(mins.values())
        rows += [{"week": w, "zone": z, "minutes": m, "share": m / total}
                 for z, m in mins.items()]
    return pd.DataFrame(rows)


def make_ff(n_days=70) -> pd.DataFrame:
    t = np.arange(n_days, dtype=float)
    ff = pd.DataFrame({"date": pd.date_range("2025-03-01", periods=n_days, freq="D"),
                       "load": 40 + 30 * np.sin(t)})
    ff["fitness"] = 20 + 0.4 * t
    ff["fatigue"] = 25 + 10 * np.sin(t / 5)
    ff["form"] = ff["fitness"] - ff["fatigue"]
    return ff


RACES = {5000.0: 1088.0}


@pytest.fixture(scope="module")
def zones():
    return sf.pace_zones(RACES, goal_time_s=9300)


@pytest.fixture(scope="module")
def zones_hr():
    return sf.pace_zones(RACES, goal_time_s=9300, hr_max=190)


@pytest.fixture(scope="module")
def daniels():
    return sf.daniels_paces(sf.vdot(5000.0, 1088.0))


@pytest.fixture(scope="module")
def predictions():
    return sf.race_predictions(RACES)


@pytest.fixture(scope="module")
def assessment():
    return sf.assess_goal(RACES, 42195.0, 9300.0)


def traces(fig: go.Figure, cls=None) -> dict[str, object]:
    return {t.name: t for t in fig.data if cls is None or isinstance(t, cls)}


def named(items, name):
    return [x for x in items if x.name == name]


# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------
def test_colour_constants_cover_every_zone_and_phase_and_are_distinct():
    assert set(figs.ZONE_COLORS) == set(ZONE_NAMES)
    assert len(set(figs.ZONE_COLORS.values())) == len(ZONE_NAMES)
    phases = {"General Preparation", "Specific Preparation", "Taper", "Base", "Build",
              "Sharpening"}
    assert set(figs.PHASE_COLORS) == phases
    assert len(set(figs.PHASE_COLORS.values())) == len(phases)
    hexcol = re.compile(r"^#[0-9A-Fa-f]{6}$")
    assert all(hexcol.match(c) for c in [*figs.ZONE_COLORS.values(), *figs.PHASE_COLORS.values()])


# --------------------------------------------------------------------------
# 1. mileage_ramp
# --------------------------------------------------------------------------
@pytest.mark.parametrize("units", ["mi", "km"])
def test_ramp_bar_heights_are_the_weeks_distances_in_the_unit(units):
    weeks = make_weeks()
    fig = figs.mileage_chart(weeks, units=units)
    bars = traces(fig, go.Bar)
    got = {}
    for bar in bars.values():
        got.update(dict(zip(bar.x, bar.y, strict=True)))
    want = weeks.set_index("week")[f"distance_{units}"]
    assert sorted(got) == want.index.tolist()
    assert [got[w] for w in want.index] == pytest.approx(want.tolist())
    assert units in fig.layout.yaxis.title.text
    assert fig.layout.meta["units"] == units


def test_ramp_converts_km_when_the_frame_has_no_mile_column():
    weeks = make_weeks().drop(columns="distance_mi")
    fig = figs.mileage_chart(weeks, units="mi")
    heights = [y for bar in traces(fig, go.Bar).values() for y in bar.y]
    assert heights == pytest.approx((weeks.distance_km / MI).tolist())


def test_ramp_one_trace_per_phase_in_the_phase_colour():
    weeks = make_weeks()
    fig = figs.mileage_chart(weeks)
    bars = traces(fig, go.Bar)
    assert list(bars) == ["General Preparation", "Specific Preparation", "Taper"]
    for phase, bar in bars.items():
        assert bar.marker.color == figs.PHASE_COLORS[phase]
        assert list(bar.x) == weeks.week[weeks.phase == phase].tolist()


def test_ramp_traditional_phases_get_their_own_colours():
    phases = ["Base"] * 4 + ["Build"] * 3 + ["Sharpening"] + ["Taper"] * 2
    cycles = ["base"] * 4 + ["build"] * 3 + ["sharpening"] + ["taper"] * 2
    fig = figs.mileage_chart(make_weeks(phases=phases, cycles=cycles), units="km")
    bars = traces(fig, go.Bar)
    assert list(bars) == ["Base", "Build", "Sharpening", "Taper"]
    assert {p: b.marker.color for p, b in bars.items()} == {
        p: figs.PHASE_COLORS[p] for p in bars}


def test_ramp_bars_carry_cycle_labels():
    fig = figs.mileage_chart(make_weeks())
    text = [t for bar in traces(fig, go.Bar).values() for t in bar.text]
    assert text == ["C1", "C1", "C2", "C2", "C3", "C3", "C4", "C4", "taper", "taper"]


def test_ramp_long_run_series_in_the_unit():
    weeks = make_weeks()
    lr = traces(figs.mileage_chart(weeks, units="mi"))["long run"]
    assert list(lr.x) == weeks.week.tolist()
    assert list(lr.y) == pytest.approx((weeks.long_run_km / MI).tolist())
    assert "lines" in lr.mode and "markers" in lr.mode


def test_ramp_peak_line_is_the_given_peak_or_the_largest_week():
    weeks = make_weeks()
    given = figs.mileage_chart(weeks, units="mi", peak=60.0)
    (shape,) = named(given.layout.shapes, "peak")
    assert shape.y0 == shape.y1 == 60.0
    assert "60 mi" in named(given.layout.annotations, "peak")[0].text
    default = figs.mileage_chart(weeks, units="km")
    (shape,) = named(default.layout.shapes, "peak")
    assert shape.y0 == pytest.approx(weeks.distance_km.max())


def test_ramp_race_week_is_annotated_at_that_week():
    weeks = make_weeks(race_week=9)
    fig = figs.mileage_chart(weeks, units="km")
    (ann,) = named(fig.layout.annotations, "race week")
    assert ann.x == 9
    assert ann.y == pytest.approx(weeks.distance_km[8])
    assert fig.layout.meta["race_weeks"] == [9]


def test_ramp_hover_names_week_phase_and_distance():
    fig = figs.mileage_chart(make_weeks(), units="km")
    hover = traces(fig)["General Preparation"].hovertext[0]
    assert "Week 1" in hover and "General Preparation" in hover and "50.0 km" in hover
    assert "6 Jan 2025" in hover


@pytest.mark.parametrize("chart", ["ramp", "intensity"])
def test_week_axes_label_only_the_plan_weeks(chart):
    """One tick per week, and no week 0 or week after the race in the axis range."""
    if chart == "ramp":
        weeks = make_weeks()
        fig, n = figs.mileage_chart(weeks, units="km"), len(weeks)
    else:
        inten = make_intensity()
        fig, n = figs.intensity_chart(inten), int(inten["week"].max())
    assert fig.layout.xaxis.dtick == 1
    assert list(fig.layout.xaxis.range) == [0.5, n + 0.5]


def test_ramp_rejects_bad_units_and_missing_columns():
    with pytest.raises(sf.InputError):
        figs.mileage_chart(make_weeks(), units="furlong")
    with pytest.raises(ValueError, match="is_race_week"):
        figs.mileage_chart(make_weeks().drop(columns="is_race_week"))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(5.0, 250.0), min_size=3, max_size=26))
def test_ramp_heights_follow_any_plan(km):
    phases = ["Base"] * (len(km) - 1) + ["Taper"]
    cycles = ["base"] * (len(km) - 1) + ["taper"]
    weeks = make_weeks(km, phases=phases, cycles=cycles).drop(columns="distance_mi")
    fig = figs.mileage_chart(weeks, units="mi")
    heights = [y for bar in traces(fig, go.Bar).values() for y in bar.y]
    assert heights == pytest.approx([k / MI for k in km])
    assert named(fig.layout.shapes, "peak")[0].y0 == pytest.approx(max(km) / MI)


# --------------------------------------------------------------------------
# 2. intensity_distribution
# --------------------------------------------------------------------------
def test_intensity_zones_stack_from_easy_to_speed_in_zone_colours():
    fig = figs.intensity_chart(make_intensity())
    bars = traces(fig, go.Bar)
    assert list(bars) == list(reversed(ZONE_NAMES))
    assert all(b.marker.color == figs.ZONE_COLORS[z] for z, b in bars.items())
    assert fig.layout.barmode == "stack"


def test_intensity_stack_sums_to_each_weeks_total_minutes():
    inten = make_intensity()
    fig = figs.intensity_chart(inten)
    bars = traces(fig, go.Bar)
    stacked = np.sum([b.y for b in bars.values()], axis=0)
    want = inten.groupby("week").minutes.sum()
    assert stacked.tolist() == pytest.approx(want.tolist())
    assert list(bars["easy"].x) == want.index.tolist()
    assert list(bars["VO2max"].y) == pytest.approx(
        inten[inten.zone == "VO2max"].minutes.tolist())


def test_intensity_minutes_reference_is_80_percent_of_each_week():
    inten = make_intensity(scale=3.0)
    fig = figs.intensity_chart(inten, share=False)
    ref = traces(fig)["80% of week"]
    assert list(ref.y) == pytest.approx((0.8 * inten.groupby("week").minutes.sum()).tolist())
    assert ref.line.dash == "dash"


def test_intensity_share_stacks_to_one_with_an_80_20_line():
    inten = make_intensity()
    fig = figs.intensity_chart(inten, share=True)
    bars = traces(fig, go.Bar)
    assert np.sum([b.y for b in bars.values()], axis=0) == pytest.approx(1.0)
    assert list(bars["easy"].y) == pytest.approx(inten[inten.zone == "easy"].share.tolist())
    (line,) = named(fig.layout.shapes, "80/20")
    assert line.y0 == line.y1 == pytest.approx(0.8)
    assert line.line.dash == "dash"
    assert "80% of week" not in traces(fig)
    assert fig.layout.yaxis.tickformat == ".0%"


def test_intensity_missing_zone_is_left_out_and_weeks_are_sorted():
    inten = make_intensity(drop="speed").sample(frac=1.0, random_state=3)
    fig = figs.intensity_chart(inten)
    bars = traces(fig, go.Bar)
    assert "speed" not in bars
    assert list(bars["easy"].x) == sorted(inten.week.unique())


# --------------------------------------------------------------------------
# 3. pace_zones_chart
# --------------------------------------------------------------------------
@pytest.mark.parametrize("units", ["km", "mi"])
def test_zone_bars_span_fast_to_slow_pace_in_the_unit(zones, units):
    fig = figs.pace_zones_chart(zones, units=units)
    bar = traces(fig)["speed-first zones"]
    fast, slow = zones[f"pace_fast_s_per_{units}"], zones[f"pace_slow_s_per_{units}"]
    assert list(bar.base) == pytest.approx(fast.tolist())
    assert list(bar.x) == pytest.approx((slow - fast).tolist())
    assert list(bar.y) == zones.label.tolist()
    assert list(bar.meta) == list(ZONE_NAMES)
    assert bar.orientation == "h"
    assert f"min/{units}" in fig.layout.xaxis.title.text


def test_zone_chart_fastest_on_top_and_faster_to_the_right(zones):
    fig = figs.pace_zones_chart(zones)
    y = fig.layout.yaxis
    assert y.autorange == "reversed"
    assert list(y.categoryarray) == zones.label.tolist()
    lo, hi = fig.layout.xaxis.range
    assert lo > hi  # reversed pace axis: small (fast) values on the right
    assert "faster →" in fig.layout.xaxis.title.text
    assert all(re.fullmatch(r"\d+:\d\d", t) for t in fig.layout.xaxis.ticktext)


def test_zone_labels_show_pace_range_and_hr(zones_hr):
    fig = figs.pace_zones_chart(zones_hr, units="mi")
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    z = zones_hr.set_index("zone")
    vo2 = ticks[z.loc["VO2max", "label"]]
    assert sf.format_pace(z.loc["VO2max", "pace_slow_s_per_km"], "mi") in vo2
    assert "97–100% HRmax" in vo2
    assert f"{z.loc['VO2max', 'hr_low_bpm']:.0f}–{z.loc['VO2max', 'hr_high_bpm']:.0f} bpm" in vo2
    assert "HRmax" not in ticks[z.loc["speed", "label"]]


def test_zone_labels_leave_out_bpm_without_hr_max(zones):
    fig = figs.pace_zones_chart(zones)
    text = " ".join(fig.layout.yaxis.ticktext)
    assert "HRmax" in text and "bpm" not in text


def test_zone_hover_shows_both_units(zones):
    bar = traces(figs.pace_zones_chart(zones, units="km"))["speed-first zones"]
    thr = zones.set_index("zone").loc["acidosis threshold"]
    hover = bar.hovertext[list(ZONE_NAMES).index("acidosis threshold")]
    assert sf.format_pace(thr.pace_slow_s_per_km, "km") in hover
    assert sf.format_pace(thr.pace_slow_s_per_km, "mi") in hover


@pytest.mark.parametrize("units", ["km", "mi"])
def test_zone_chart_adds_daniels_ranges_only_when_given(zones, daniels, units):
    assert "Daniels" not in traces(figs.pace_zones_chart(zones, units=units))
    fig = figs.pace_zones_chart(zones, daniels, units=units)
    d = traces(fig)["Daniels"]
    pairs = [(d.x[i], d.x[i + 1]) for i in range(0, len(d.x), 3)]
    fast, slow = daniels[f"pace_fast_s_per_{units}"], daniels[f"pace_slow_s_per_{units}"]
    assert pairs == [pytest.approx((f, s)) for f, s in zip(fast, slow, strict=True)]
    assert [d.y[i] for i in range(0, len(d.y), 3)] == [f"Daniels {z}" for z in "EMTIR"]
    assert d.line.color == figs.DANIELS_COLOR
    cats = list(fig.layout.yaxis.categoryarray)
    # method zones keep their order; Daniels rows sit among them by pace
    assert [c for c in cats if not c.startswith("Daniels")] == zones.label.tolist()
    fast = dict(zip(zones.label, zones.pace_fast_s_per_km, strict=True))
    fast |= {f"Daniels {z}": p for z, p in zip(daniels.zone, daniels.pace_fast_s_per_km,
                                                strict=True)}
    for i, cat in enumerate(cats):
        if cat.startswith("Daniels"):
            before = [c for c in cats[:i] if not c.startswith("Daniels")]
            after = [c for c in cats[i + 1:] if not c.startswith("Daniels")]
            assert not before or fast[before[-1]] <= fast[cat]
            assert not after or fast[after[0]] > fast[cat]
    assert cats[-2:] == ["easy", "Daniels E"]  # same paces: the method's row first


def test_zone_pace_axis_covers_every_range(zones):
    slow_runner = sf.daniels_paces(35.0)  # E far slower than this runner's easy
    fig = figs.pace_zones_chart(zones, slow_runner, units="mi")
    slow_end, fast_end = fig.layout.xaxis.range
    ends = [*zones.pace_fast_s_per_mi, *zones.pace_slow_s_per_mi,
            *slow_runner.pace_fast_s_per_mi, *slow_runner.pace_slow_s_per_mi]
    assert fast_end < min(ends) and slow_end > max(ends)


# --------------------------------------------------------------------------
# 4. compare_methods
# --------------------------------------------------------------------------
def test_compare_shows_both_methods_distances():
    a = make_weeks([40, 45, 50, 55, 60, 66, 70, 75, 50, 30])
    b = make_weeks([60, 62, 64, 66, 68, 70, 72, 74, 55, 35])
    fig = figs.comparison_chart(a, b, units="km")
    tr = traces(fig)
    assert set(tr) == {"speed-first", "traditional"}
    assert list(tr["speed-first"].y) == pytest.approx(a.distance_km.tolist())
    assert list(tr["traditional"].y) == pytest.approx(b.distance_km.tolist())
    assert tr["speed-first"].line.color != tr["traditional"].line.color
    assert fig.layout.meta["names"] == ["speed-first", "traditional"]
    assert "km" in fig.layout.yaxis.title.text


def test_compare_adds_hard_minutes_panel_when_intensity_given():
    a, b = make_weeks(), make_weeks()
    ia, ib = make_intensity(10, scale=1.0), make_intensity(10, scale=2.0)
    fig = figs.comparison_chart(a, b, ia, ib, names=("SF", "trad"), units="mi")
    tr = traces(fig)
    assert set(tr) == {"SF", "trad", "SF hard", "trad hard"}
    for name, inten in (("SF hard", ia), ("trad hard", ib)):
        want = inten[inten.zone != "easy"].groupby("week").minutes.sum()
        assert list(tr[name].y) == pytest.approx(want.tolist())
        assert tr[name].yaxis == "y2"
    assert tr["SF"].yaxis in (None, "y")


def test_compare_hard_share():
    inten = make_intensity(10)
    fig = figs.comparison_chart(make_weeks(), make_weeks(), inten, None, share=True)
    tr = traces(fig)
    assert "traditional hard" not in tr
    easy = inten[inten.zone == "easy"].set_index("week").share
    assert list(tr["speed-first hard"].y) == pytest.approx((1 - easy).tolist())


def test_compare_without_intensity_has_one_panel():
    fig = figs.comparison_chart(make_weeks(), make_weeks())
    assert all(t.yaxis in (None, "y") for t in fig.data)
    assert "yaxis2" not in fig.to_plotly_json()["layout"]


# --------------------------------------------------------------------------
# 5. goal_check
# --------------------------------------------------------------------------
def test_goal_bars_are_the_models_marathon_predictions(predictions, assessment):
    fig = figs.goal_chart(predictions, assessment)
    bar = traces(fig)["predicted"]
    want = predictions[predictions.distance == "marathon"]
    assert list(bar.x) == want.model.tolist() == ["daniels", "riegel", "cameron"]
    assert list(bar.y) == pytest.approx(want.time_s.tolist())
    assert list(bar.text) == [sf.format_time(t) for t in want.time_s]


def test_goal_line_and_verdict(predictions, assessment):
    fig = figs.goal_chart(predictions, assessment, units="km")
    (line,) = named(fig.layout.shapes, "goal")
    assert line.y0 == line.y1 == assessment.goal_time_s
    assert line.line.color == figs.VERDICT_COLORS[assessment.verdict]
    assert assessment.verdict in fig.layout.title.text
    (verdict,) = named(fig.layout.annotations, "verdict")
    assert verdict.text.replace("<br>", " ") == assessment.message
    assert "/km" in named(fig.layout.annotations, "goal")[0].text
    lo, hi = fig.layout.yaxis.range
    assert lo < assessment.goal_time_s < hi
    assert "2:50:00" in fig.layout.yaxis.ticktext


def test_goal_needs_compares_required_and_current_times(predictions, assessment):
    table = analysis.goal_needs(predictions, assessment, units="km")
    assert list(table.columns) == ["distance", "now (daniels)", "needed for the goal",
                                   "pace now", "pace needed"]
    dist, now, needed = (table[c].tolist() for c in table.columns[:3])
    assert dist == ["mile", "5K", "10K"]
    assert table["pace now"].iloc[1] == "3:38/km"  # 18:08 over 5 km
    assert needed == [sf.format_time(assessment.required_times_s[d])
                      for d in sorted(assessment.required_times_s)]
    assert now[1] == "18:08"  # the race itself
    daniels_10k = predictions.query("model == 'daniels' and distance == '10K'").time_s.iloc[0]
    assert now[2] == sf.format_time(daniels_10k)
    # the goal chart has no table of its own: plotly.js's basic bundle draws none
    assert {t.type for t in figs.goal_chart(predictions, assessment).data} == {"bar"}


def test_goal_check_for_a_half_and_a_missing_distance():
    half = sf.assess_goal(RACES, 21097.5, 80 * 60.0, model="riegel")
    preds = sf.race_predictions(RACES)
    bar = traces(figs.goal_chart(preds, half))["predicted"]
    assert list(bar.y) == pytest.approx(preds[preds.distance == "half"].time_s.tolist())
    only_short = preds[preds.distance_m < 20000]
    bar = traces(figs.goal_chart(only_short, half))["predicted"]
    assert list(bar.x) == ["riegel"]
    assert list(bar.y) == pytest.approx([half.predicted_time_s])


# --------------------------------------------------------------------------
# 6. fitness_fatigue_chart
# --------------------------------------------------------------------------
def test_fitness_fatigue_three_named_lines():
    ff = make_ff()
    fig = figs.fitness_fatigue_chart(ff)
    tr = traces(fig, go.Scatter)
    assert list(tr) == ["fitness", "fatigue", "form"]
    for name, t in tr.items():
        assert list(t.y) == pytest.approx(ff[name].tolist())
        assert t.line.color == figs.SERIES_COLORS[name]
        assert t.x[0] == "2025-03-01" and len(t.x) == len(ff)
    (zero,) = named(fig.layout.shapes, "zero")
    assert zero.y0 == zero.y1 == 0.0
    assert not named(fig.layout.shapes, "race day")


@pytest.mark.parametrize("race", ["2025-04-27", pd.Timestamp("2025-04-27"),
                                  pd.Timestamp("2025-04-27").date()])
def test_fitness_fatigue_marks_race_day(race):
    fig = figs.fitness_fatigue_chart(make_ff(), race_date=race)
    (shape,) = named(fig.layout.shapes, "race day")
    assert shape.x0 == shape.x1 == "2025-04-27"
    assert shape.yref == "paper"
    assert named(fig.layout.annotations, "race day")[0].x == "2025-04-27"
    assert fig.layout.meta["race_date"] == "2025-04-27"


def test_fitness_fatigue_without_load_column():
    fig = figs.fitness_fatigue_chart(make_ff().drop(columns="load"))
    assert "load" not in traces(fig)
    assert traces(figs.fitness_fatigue_chart(make_ff()))["load"].yaxis == "y2"


# --------------------------------------------------------------------------
# Every figure: template, title, meta, bundle, weight
# --------------------------------------------------------------------------
def all_figures(zones, daniels, predictions, assessment):
    weeks, inten = make_weeks(), make_intensity(10)
    return {
        "mileage_ramp": figs.mileage_chart(weeks),
        "intensity_distribution": figs.intensity_chart(inten, share=True),
        "pace_zones": figs.pace_zones_chart(zones, daniels),
        "compare_methods": figs.comparison_chart(weeks, weeks, inten, inten),
        "goal_check": figs.goal_chart(predictions, assessment),
        "fitness_fatigue": figs.fitness_fatigue_chart(make_ff(), "2025-04-27"),
    }


def test_every_figure_has_template_title_and_meta(zones, daniels, predictions, assessment):
    for chart, fig in all_figures(zones, daniels, predictions, assessment).items():
        assert fig.layout.meta["chart"] == chart
        assert fig.layout.title.text
        assert fig.layout.template.layout.plot_bgcolor == "white"
        assert fig.layout.template == go.layout.Template(figs.TEMPLATE)


def test_figure_json_is_plain_json_with_config(zones, daniels, predictions, assessment):
    for fig in all_figures(zones, daniels, predictions, assessment).values():
        body = figs.figure_json(fig)
        assert set(body) == {"data", "layout", "config"}
        text = json.dumps(body, allow_nan=False)
        assert "bdata" not in text  # traces carry plain lists, readable by any plotly.js
        assert body["config"] == {"displaylogo": False, "responsive": True}
        assert len(body["data"]) == len(fig.data)
        title = figs.figure_title(body)
        assert "<" not in title and title
        assert len(text) < 60_000  # light: sent on every slider move


def test_figure_json_converts_numpy_arrays():
    fig = go.Figure(go.Scatter(x=np.arange(3), y=np.array([1.5, np.nan, 2.0])),
                    layout={"title": {"text": "<b>x</b>"}})
    body = figs.figure_json(fig)
    json.dumps(body, allow_nan=False)
    assert figs.figure_title(body) == "x"
    assert body["data"][0]["type"] == "scatter"
    assert body["data"][0]["y"] == [1.5, None, 2.0]


def test_empty_frames_give_empty_figures_not_errors():
    weeks = make_weeks().iloc[:0]
    inten = make_intensity().iloc[:0]
    assert not traces(figs.mileage_chart(weeks), go.Bar)
    assert not named(figs.mileage_chart(weeks).layout.shapes, "peak")
    assert not traces(figs.intensity_chart(inten), go.Bar)
    assert len(figs.comparison_chart(weeks, weeks, inten, inten).data) == 4
    assert len(figs.fitness_fatigue_chart(make_ff().iloc[:0], "2025-04-27").data) == 4


# --------------------------------------------------------------------------
# 7. Teaching charts (speedfirst.widgets.lessons frames)
# --------------------------------------------------------------------------
def test_method_panels_put_each_plan_in_its_own_panel():
    a, b = make_intensity(6), make_intensity(4, scale=3.0)
    fig = figs.intensity_panels_chart(a, b, names=("A", "B"), share=True)
    assert fig.layout.meta["chart"] == "method_intensity_panels"
    left = [t for t in fig.data if t.xaxis == "x"]
    right = [t for t in fig.data if t.xaxis == "x2"]
    assert len(left) == len(right) == len(ZONE_NAMES)
    easy_a = a[a.zone == "easy"].sort_values("week").share.tolist()
    assert list(traces(fig)["A: easy"].y) == pytest.approx(easy_a)
    assert list(traces(fig)["B: easy"].x) == [1, 2, 3, 4]
    assert traces(fig)["A: VO2max"].marker.color == figs.ZONE_COLORS["VO2max"]
    assert sum(t.showlegend is not False for t in fig.data) == len(ZONE_NAMES)
    assert len(named(fig.layout.shapes, "80/20")) == 2
    assert [x.text for x in named(fig.layout.annotations, "panel")] == ["<b>A</b>", "<b>B</b>"]
    minutes = figs.intensity_panels_chart(a, b, share=False)
    assert not named(minutes.layout.shapes, "80/20")
    easy_min = a[a.zone == "easy"].sort_values("week").minutes.tolist()
    assert list(traces(minutes)["speed-first: easy"].y) == pytest.approx(easy_min)


def test_specificity_chart_lines_count_back_to_race_week():
    frame = pd.DataFrame({
        "method": ["m1"] * 6 + ["m2"] * 6,
        "week": [1, 2, 3] * 4,
        "weeks_to_race": [2, 1, 0] * 4,
        "zone": (["goal pace"] * 3 + ["acidosis threshold"] * 3) * 2,
        "minutes": [0, 30, 20, 10, 25, 0, 5, 15, 20, 20, 20, 0],
    })
    fig = figs.specificity_chart(frame)
    t = traces(fig)
    assert set(t) == {"m1 · goal pace", "m1 · acidosis threshold", "m2 · goal pace",
                      "m2 · acidosis threshold"}
    assert list(t["m1 · goal pace"].x) == [-2, -1, 0]
    assert list(t["m1 · goal pace"].y) == [0, 30, 20]
    assert t["m2 · goal pace"].line.color == figs.METHOD_COLORS[1]
    assert t["m1 · acidosis threshold"].line.dash == "dot"


def test_speed_reserve_chart_worked_case(assessment):

    frame = analysis.speed_reserve_frame(1088.0, 9300.0)
    fig = figs.speed_reserve_chart(frame, assessment, units="mi")
    assert fig.layout.meta["verdict"] == "not yet realistic"
    assert fig.layout.meta["reserve_s_per_mi"] == pytest.approx(
        assessment.speed_reserve_s_per_mi)
    now, needed = traces(fig)["now"], traces(fig)["needed"]
    assert list(now.x) == ["mile", "5K", "10K", "half", "marathon"]
    assert now.text[1] == "18:08" and needed.text[1] == "16:10"
    pace_mi = frame[frame.series == "now"].pace_s_per_km * 1.609344
    assert list(now.y) == pytest.approx(pace_mi.tolist())
    goal = named(fig.layout.shapes, "goal pace")[0]
    assert goal.y0 == pytest.approx(9300.0 / 42195.0 * 1609.344)
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # faster at the top
    assert "slower than your mile pace" in named(fig.layout.annotations, "speed reserve")[0].text
    km = figs.speed_reserve_chart(frame, assessment, units="km")
    assert list(traces(km)["now"].y) == pytest.approx(
        frame[frame.series == "now"].pace_s_per_km.tolist())


def test_rep_volume_chart_bars_are_the_table():
    from speedfirst import critical_speed

    table = critical_speed.reps_table(4.4, 215.0, [213.0, 185.0], recovery_ratio=1.0,
                            recovery_pace_s_per_km=300.0)
    fig = figs.rep_volume_chart(table, units="km", ceiling_min=40.0)
    bars = traces(fig, go.Bar)
    assert set(bars) == {"3:33/km", "3:05/km"}
    slow = table[table.pace_s_per_km == 213.0]
    assert list(bars["3:33/km"].y) == pytest.approx(slow.time_at_pace_min.tolist())
    assert list(bars["3:33/km"].x) == ["30 s", "1 min", "2 min", "4 min", "8 min"]
    assert bars["3:33/km"].text[1] == f"{slow.reps.iloc[1]} × 1 min"
    capped = slow.limited_by.eq("ceiling").tolist()
    colours = list(bars["3:33/km"].marker.color)
    assert all((c == "#999999") == cap for c, cap in zip(colours, capped, strict=True))
    assert named(fig.layout.shapes, "ceiling")[0].y0 == 40.0


def test_easy_share_chart_groups_phases_by_method():
    frame = pd.DataFrame({"method": ["a", "a", "b"], "phase": ["General Preparation", "Taper",
                                                              "Base"],
                          "easy_share": [0.9, 0.55, 0.99]})
    fig = figs.easy_share_chart(frame)
    a = traces(fig)["a"]
    assert [list(level) for level in a.x] == [["a", "a"], ["General Preparation", "Taper"]]
    assert list(a.y) == [0.9, 0.55]
    assert list(a.marker.color) == [figs.PHASE_COLORS["General Preparation"],
                                    figs.PHASE_COLORS["Taper"]]
    assert list(a.text) == ["90%", "55%"]
    assert named(fig.layout.shapes, "80/20")[0].y0 == 0.8


def test_offsets_chart_bands_and_marker():

    frame = analysis.offsets_vs_daniels([900.0, 1200.0, 1500.0])
    fig = figs.offsets_chart(frame, five_k_s=1088.0)
    t = traces(fig)
    ours = t["speed-first (acidosis threshold)"]
    assert list(ours.x) == [900.0, 1200.0, 1500.0]
    # 20:00 and 25:00 5Ks: threshold held at 10K-equivalent pace (VDOT tables: 41:28, 51:53)
    assert list(ours.y) == pytest.approx([15.0, 15.0, 18.24], abs=0.05)
    assert list(t["speed-first (acidosis threshold), slow end"].y) == pytest.approx(
        [18.0, 18.0, 21.24], abs=0.05)
    assert t["speed-first (acidosis threshold), slow end"].fill == "tonexty"
    assert t["Daniels T (acidosis threshold)"].line.color == figs.DANIELS_COLOR
    assert t["speed-first (VO2max)"].line.color == figs.ZONE_COLORS["VO2max"]
    assert named(fig.layout.shapes, "your 5K")[0].x0 == 1088.0
    assert "18:08" in named(fig.layout.annotations, "your 5K")[0].text
    assert not named(figs.offsets_chart(frame).layout.shapes, "your 5K")


def test_teaching_charts_make_light_plain_bundles():
    from speedfirst import critical_speed

    today, race = pd.Timestamp("2026-11-23").date(), pd.Timestamp("2027-09-05").date()
    plans = analysis.method_pair(21, today=today, race_date=race)
    inten = [sf.intensity_distribution(p) for p in plans.values()]
    assessment = sf.assess_goal({5000.0: 1088.0}, 42195.0, 9300.0)
    charts = [
        figs.intensity_panels_chart(*inten),
        figs.specificity_chart(analysis.specificity_frame(plans)),
        figs.speed_reserve_chart(analysis.speed_reserve_frame(1088.0, 9300.0), assessment),
        figs.rep_volume_chart(critical_speed.reps_table(4.4, 215.0, 213.0)),
        figs.easy_share_chart(analysis.easy_share_frame(plans)),
        figs.offsets_chart(analysis.offsets_vs_daniels(range(900, 1501, 30)), 1088.0),
    ]
    for fig in charts:
        body = figs.figure_json(fig)
        text = json.dumps(body, allow_nan=False)
        assert "bdata" not in text and len(text) < 60_000
        assert figs.figure_title(body) and "<" not in figs.figure_title(body)
        go.Figure({"data": body["data"], "layout": body["layout"]})  # plotly accepts it back


# --------------------------------------------------------------------------
# goal_range_chart: the models side by side as ranges

GOAL_RANGE_RACES = {10000.0: 2400.0, 21097.5: 5400.0}
GOAL_RANGE_GOAL = 3 * 3600 + 12 * 60.0


@pytest.fixture(scope="module")
def readiness_frame():
    from speedfirst.mileage import goal_readiness

    return goal_readiness(GOAL_RANGE_RACES, 42195.0, GOAL_RANGE_GOAL, 40)


def test_goal_range_chart_points_bands_and_goal(readiness_frame):
    fig = figs.goal_range_chart(readiness_frame, GOAL_RANGE_GOAL)
    j = fig.to_plotly_json()
    data = {t["name"]: t for t in j["data"]}
    preds = readiness_frame["predicted_time_s"].tolist()
    assert j["layout"]["meta"]["chart"] == "goal_range"
    assert j["layout"]["meta"]["models"] == ["daniels", "riegel", "cameron", "vickers"]
    point = data["predicted"]
    assert list(point["y"]) == ["daniels", "riegel", "cameron", "vickers"]
    assert list(point["x"]) == pytest.approx(preds)
    assert list(point["x"])[3] == pytest.approx(11869.10, abs=0.01)  # Vickers Model 2, 40 mpw
    band = data["realistic band"]
    # realistic: goal up to 1.5 % faster than predicted, i.e. from 0.985 P to P
    assert list(band["base"]) == pytest.approx([p * 0.985 for p in preds])
    ends = [b + w for b, w in zip(band["base"], band["x"], strict=True)]
    assert ends == pytest.approx(preds)
    assert band["orientation"] == "h"
    stretch = data["stretch band"]
    assert list(stretch["base"]) == pytest.approx([p * 0.96 for p in preds])
    (goal,) = [s for s in j["layout"]["shapes"] if s["name"] == "goal"]
    assert goal["x0"] == goal["x1"] == GOAL_RANGE_GOAL and goal["xref"] == "x"
    # Realistic exactly when the goal line is in or right of (slower than) the band's start.
    assert [b <= GOAL_RANGE_GOAL for b in band["base"]] == [True, True, True, False]
    assert j["layout"]["meta"]["verdicts"] == ["realistic", "realistic", "realistic", "stretch"]


def test_goal_range_chart_axis_spans_the_data_not_from_2_20(readiness_frame):
    j = figs.goal_range_chart(readiness_frame, GOAL_RANGE_GOAL).to_plotly_json()
    lo, hi = j["layout"]["xaxis"]["range"]
    preds = readiness_frame["predicted_time_s"]
    assert lo < min(preds.min() * 0.96, GOAL_RANGE_GOAL)
    assert hi > max(preds.max(), GOAL_RANGE_GOAL)
    assert lo > 2 * 3600 + 55 * 60 and hi < 3 * 3600 + 25 * 60  # ~3:00 times, tight axis
    assert all(lo <= v <= hi for v in j["layout"]["xaxis"]["tickvals"])


@pytest.mark.parametrize(("units", "mileage"), [("mi", "55 mi"), ("km", "89 km")])
def test_readiness_table(readiness_frame, units, mileage):
    table = analysis.readiness_table(readiness_frame, units)
    assert list(table.columns) == ["model", "predicted", "verdict", "5K for realistic",
                                   "10K for realistic", f"weekly {units} for realistic"]
    assert table["model"].tolist() == ["daniels", "riegel", "cameron", "vickers"]
    assert table["predicted"].iloc[3] == "3:17:49"
    assert table["5K for realistic"].tolist() == [
        sf.format_time(t) for t in readiness_frame["required_5k_s"]]
    assert table.iloc[:, 5].tolist() == ["–", "–", "–", mileage]  # 55.1 mi a week = 88.7 km


def test_readiness_table_words_for_no_time_any_and_out_of_reach():
    frame = pd.DataFrame({"model": ["a", "b", "c"], "predicted_time_s": [np.nan, 9000.0, 9100.0],
                          "verdict": ["n/a", "realistic", "stretch"],
                          "required_5k_s": [np.nan, np.inf, 1000.0],
                          "required_10k_s": [np.nan, 2100.0, 2100.0],
                          "required_weekly_mi": [np.nan, 0.0, np.inf]})
    table = analysis.readiness_table(frame)
    assert table["predicted"].tolist() == ["–", "2:30:00", "2:31:40"]
    assert table["5K for realistic"].tolist() == ["–", "–", "16:40"]
    assert table["weekly mi for realistic"].tolist() == ["–", "any", "out of reach"]


def test_goal_range_chart_half_goal_drops_the_vickers_point():
    from speedfirst.mileage import goal_readiness

    df = goal_readiness({10000.0: 2400.0}, 21097.5, 88 * 60.0, 40)
    j = figs.goal_range_chart(df, 88 * 60.0).to_plotly_json()
    point = next(t for t in j["data"] if t["name"] == "predicted")
    assert list(point["y"]) == ["daniels", "riegel", "cameron"]
    assert analysis.readiness_table(df)["verdict"].iloc[3] == "not applicable"  # kept there
    with pytest.raises(ValueError, match="verdict"):
        figs.goal_range_chart(df.drop(columns="verdict"), 88 * 60.0)


def test_every_chart_the_pages_draw_uses_only_the_basic_bundles_trace_types():
    """The pages load plotly.js's basic bundle, which draws nothing else (a table trace,
    say, would be left out without a word)."""
    import datetime as dt

    from speedfirst.widgets import lessons
    from speedfirst.widgets.dashboard import TAB_TITLES, Dashboard

    today = dt.date(2026, 11, 23)
    app = Dashboard(today=today, debounce_s=0)
    for i in range(len(TAB_TITLES)):  # every tab's charts
        app.tabs.selected_index = i
    charts = list(app.outputs.values())
    kw = {"today": today, "race_date": dt.date(2027, 9, 5)}
    plan = sf.build_plan(race_date=kw["race_date"], peak_weekly=55, today=today,
                         races={5000.0: 1088.0})
    for lesson in (lessons.two_ways(**kw), lessons.specificity(**kw), lessons.speed_reserve(),
                   lessons.rep_volume(), lessons.eighty_twenty(**kw), lessons.taper_form(**kw),
                   lessons.model_offsets(), lessons.what_if(plan)):
        charts += lesson.charts
    types = {t.get("type", "scatter") for c in charts for t in c.figure["data"]}
    assert len(charts) >= 15 and all(c.figure["data"] for c in charts)
    assert {"bar", "scatter"} <= types <= figs.BASIC_TRACE_TYPES


def test_the_shipped_basic_bundle_is_plotlys_own_plotlyjs_version():
    from plotly.offline import get_plotlyjs_version

    head = figs.PLOTLY_BASIC_JS.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (basic - minified) v{figs.plotly_basic_version()}" in head
    # the same major version as the plotly package's own plotly.js (the figures'
    # JSON schema); `make vendor-plotly` fetches the matching bundle after an upgrade
    assert figs.plotly_basic_version().split(".")[0] == get_plotlyjs_version().split(".")[0]
