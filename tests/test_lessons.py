"""Teaching widgets and their pure functions (speedfirst.widgets.lessons).

Widgets are driven the way a reader drives them, by setting a control's
``value``; assertions read the figure data assigned to the lesson's outputs.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pandas as pd
import pytest

import speedfirst as sf
from speedfirst import analysis, critical_speed, figures
from speedfirst.errors import InputError
from speedfirst.widgets import lessons
from speedfirst.widgets.chart import Chart

TODAY = dt.date(2026, 11, 23)
RACE = dt.date(2027, 9, 5)
KW = {"today": TODAY, "race_date": RACE}


def shown(lesson: lessons.Lesson, i: int = 0) -> dict:
    """The plotly JSON on show in chart ``i``."""
    fig = lesson.charts[i].figure
    assert fig, f"chart {i} shows nothing"
    return fig


def trace(fig: dict, name: str) -> dict:
    found = [t for t in fig["data"] if t.get("name") == name]
    assert found, f"no trace {name!r} in {[t.get('name') for t in fig['data']]}"
    return found[0]


def shape(fig: dict, name: str) -> dict:
    return next(s for s in fig["layout"]["shapes"] if s.get("name") == name)


# --------------------------------------------------------------------------
# pure functions
# --------------------------------------------------------------------------
@pytest.mark.parametrize("taper", [1, 2, 3, 4])
def test_phase_split_adds_up_and_respects_the_limits(taper):
    for total in range(9 + taper, 40):
        g, s, t = analysis.phase_split(total, taper)
        assert g + s + t == total and t == taper
        assert 4 <= g <= 24 and 5 <= s <= 30
        assert abs(g / (g + s) - 8 / 18) < 0.15 or g == 4


def test_phase_split_rejects_lengths_that_cannot_be_split():
    with pytest.raises(InputError) as e:
        analysis.phase_split(8)
    assert e.value.field == "total_weeks"
    with pytest.raises(InputError) as e:
        analysis.phase_split(20, taper_weeks=6)
    assert e.value.field == "taper_weeks"


def test_method_pair_builds_both_methods_for_the_same_race():
    plans = analysis.method_pair(18, **KW)
    assert list(plans) == ["speed-first", "traditional"]
    for name, plan in plans.items():
        assert plan.inputs.method == name
        assert len(plan.weeks) == 18 and plan.inputs.race_date == RACE
        assert plan.sessions.kind.iloc[-1] == "race"


def test_specificity_frame_counts_back_from_race_week():
    plans = analysis.method_pair(21, **KW)
    f = analysis.specificity_frame(plans)
    assert len(f) == 2 * 2 * 21
    sf_goal = f[(f.method == "speed-first") & (f.zone == "goal pace")]
    assert sf_goal.sort_values("week").minutes.tolist() == \
        plans["speed-first"].weeks.goal_pace_min.tolist()
    assert sf_goal[sf_goal.week == 21].weeks_to_race.item() == 0
    # speed-first runs nothing at goal pace in General Preparation, plenty late
    gp = plans["speed-first"].weeks.phase == "General Preparation"
    assert sf_goal.sort_values("week").minutes[gp.to_numpy()].sum() == 0
    assert sf_goal[sf_goal.weeks_to_race.between(4, 8)].minutes.min() > 0


def test_speed_reserve_frame_worked_case():
    f = analysis.speed_reserve_frame(1088.0, 9300.0).set_index(["series", "distance"])
    assert f.loc[("now", "5K"), "time_s"] == 1088.0
    assert f.loc[("needed", "marathon"), "time_s"] == 9300.0
    assert sf.format_time(f.loc[("needed", "5K"), "time_s"]) == "16:10"
    # paces slow down with distance in both series
    for series in ("now", "needed"):
        assert f.loc[series].sort_values("distance_m").pace_s_per_km.is_monotonic_increasing
    with pytest.raises(InputError) as e:
        analysis.speed_reserve_frame(100.0, 9300.0)
    assert e.value.field == "five_k_s"
    with pytest.raises(InputError) as e:
        analysis.speed_reserve_frame(1088.0, 6000.0)
    assert e.value.field == "goal_time_s"


def test_rep_volume_frame_uses_the_runner_critical_speed():
    t = analysis.rep_volume_frame(1088.0, 7.5, 1.0, "stand")
    cs = critical_speed.critical_speed_from_race(5000.0, 1088.0)
    pace = (1088.0 / 5000.0 * sf.METERS_PER_MILE - 7.5) / 1.609344
    assert t.pace_s_per_km.iloc[0] == pytest.approx(pace)
    assert t.cs_m_per_s.iloc[0] == pytest.approx(cs.cs_m_per_s)
    expected = critical_speed.reps_table(cs.cs_m_per_s, cs.d_prime_m, pace, recovery_ratio=1.0)
    pd.testing.assert_frame_equal(t, expected, check_exact=False)
    with pytest.raises(InputError) as e:
        analysis.rep_volume_frame(1088.0, recovery="lie down")
    assert e.value.field == "recovery"
    with pytest.raises(InputError) as e:
        analysis.rep_volume_frame(1088.0, 200)
    assert e.value.field == "faster_than_5k_s_per_mi"


def test_easy_share_frame_is_phase_summary_of_each_plan():
    plans = analysis.method_pair(21, **KW)
    f = analysis.easy_share_frame(plans)
    for name, plan in plans.items():
        mine = f[f.method == name]
        s = sf.phase_summary(plan)
        assert mine.phase.tolist() == s.phase.tolist()
        assert mine.easy_share.tolist() == pytest.approx(s.easy_share.tolist())


def test_taper_plan_changes_only_the_taper():
    a, b = analysis.taper_plan(1, **KW), analysis.taper_plan(4, **KW)
    assert (a.weeks.phase == "Taper").sum() == 1 and (b.weeks.phase == "Taper").sum() == 4
    assert (a.weeks.phase != "Taper").sum() == (b.weeks.phase != "Taper").sum() == 18


def test_offsets_vs_daniels():
    times = [900.0, 1088.0, 1500.0]
    f = analysis.offsets_vs_daniels(times)
    assert list(f.columns) == list(analysis.OFFSET_COLUMNS)
    assert len(f) == 4 * len(times)
    ours = f[f.source == "speed-first"].set_index(["five_k_s", "zone"])
    # threshold is the method's 5K + 15…18 s/mi, held at 10K-equivalent pace when that is
    # slower: by the VDOT tables a 25:00 5K runner's 10K is about 51:53 (8:21/mi against
    # a 5K pace of 8:03/mi), so the slower runner's band starts ~18 s/mi behind 5K pace
    expected_fast = {900.0: 15.0, 1088.0: 15.0, 1500.0: 18.24}
    for t in times:
        fast, slow = ours.loc[(t, "acidosis threshold"), ["offset_fast_s_per_mi",
                                                          "offset_slow_s_per_mi"]].tolist()
        assert fast == pytest.approx(expected_fast[t], abs=0.05)
        assert slow == pytest.approx(expected_fast[t] + 3.0, abs=0.05)
        assert ours.loc[(t, "VO2max"), ["offset_fast_s_per_mi",
                                        "offset_slow_s_per_mi"]].tolist() == \
            pytest.approx([-9.0, -6.0])
    # Daniels' paces are fractions of VO2max, so their gap to 5K pace changes with the
    # runner: T drifts slower, the slow end of I moves well ahead of 5K pace
    d_t = f[f.source == "Daniels T"].sort_values("five_k_s").offset_fast_s_per_mi
    assert d_t.is_monotonic_increasing and d_t.iloc[-1] > d_t.iloc[0]
    d_i = f[f.source == "Daniels I"].sort_values("five_k_s").offset_slow_s_per_mi
    assert d_i.is_monotonic_decreasing and d_i.iloc[0] - d_i.iloc[-1] > 10
    # every pace matches the library's own zone tables
    d = sf.daniels_paces(sf.vdot(5000.0, 1500.0)).set_index("zone")
    row = f[(f.source == "Daniels T") & (f.five_k_s == 1500.0)].iloc[0]
    assert row.pace_fast_s_per_km == pytest.approx(d.loc["T", "pace_fast_s_per_km"])
    with pytest.raises(InputError) as e:
        analysis.offsets_vs_daniels([])
    assert e.value.field == "five_k_times_s"
    with pytest.raises(InputError) as e:
        analysis.offsets_vs_daniels([1088.0, -3.0])
    assert e.value.field == "five_k_times_s"


def test_model_disagreement():
    preds = sf.race_predictions({5000.0: 1088.0, 10000.0: 2260.0})
    t = analysis.model_disagreement(preds).set_index("distance")
    assert list(t.index) == ["mile", "5K", "10K", "half", "marathon"]
    assert t.loc["5K", "spread_s"] == 0 and t.loc["10K", "spread_s"] == 0  # raced
    m = preds[preds.distance == "marathon"].time_s
    assert t.loc["marathon", "spread_s"] == round(m.max() - m.min())
    assert t.loc["marathon", "daniels"] == sf.format_time(
        preds[(preds.distance == "marathon") & (preds.model == "daniels")].time_s.item())


def test_week_table_and_compare_plans():
    plan = sf.build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
                         goal_time_s=9900, today="2026-11-23")
    wt = analysis.week_table(plan)
    assert len(wt) == len(plan.weeks)
    assert wt["starts"].iloc[0] == "Mon 23 Nov 2026"
    assert wt["distance (mi)"].tolist() == pytest.approx(plan.weeks.distance_mi.tolist(), abs=0.06)
    assert "Race" in wt["key sessions"].iloc[-1]
    assert analysis.week_table(plan, "km")["distance (km)"].tolist() == \
        plan.weeks.distance_km.round(1).tolist()
    rebuilt = sf.build_plan(**analysis.plan_kwargs(plan))
    pd.testing.assert_frame_equal(rebuilt.weeks, plan.weeks)
    c = analysis.compare_plans({"a": plan, "b": rebuilt})
    assert c["total (mi)"].iloc[0] == c["total (mi)"].iloc[1]
    assert c["goal pace (min)"].iloc[0] == round(plan.weeks.goal_pace_min.sum())
    assert 0.5 < c["easy share"].iloc[0] < 1.0


def test_chart_is_a_chart_widget_with_the_figure():
    fig = figures.mileage_chart(analysis.taper_plan(**KW).weeks)
    out = lessons.chart(fig)
    assert isinstance(out, Chart)
    assert out.figure == figures.figure_json(fig)
    assert out.title == figures.figure_title(out.figure) != ""


# --------------------------------------------------------------------------
# widgets
# --------------------------------------------------------------------------
def test_two_ways_follows_the_plan_length_slider():
    w = lessons.two_ways(**KW)
    assert isinstance(w, widgets.VBox) and w.error.value == ""
    assert len(w.charts) == 2
    compare, panels = shown(w, 0), shown(w, 1)
    assert len(trace(compare, "speed-first")["x"]) == 21
    w.controls["weeks"].value = 15
    compare, panels = shown(w, 0), shown(w, 1)
    plans = analysis.method_pair(15, **KW)
    for name, plan in plans.items():
        assert trace(compare, name)["y"] == pytest.approx(plan.weeks.distance_mi.tolist())
        inten = sf.intensity_distribution(plan)
        easy = inten[inten.zone == "easy"].share.tolist()
        assert trace(panels, f"{name}: easy")["y"] == pytest.approx(easy)
    general, specific, _ = analysis.phase_split(15)
    assert "15 weeks" in w.note.value
    assert f"{general} General Preparation, {specific} Specific Preparation" in w.note.value
    assert panels["layout"]["meta"]["chart"] == "method_intensity_panels"


def test_two_ways_shows_a_message_and_keeps_the_charts_when_the_plan_does_not_fit():
    w = lessons.two_ways(today=TODAY, race_date=TODAY + dt.timedelta(weeks=18), weeks=16)
    assert w.error.value == "" and len(trace(shown(w), "speed-first")["x"]) == 16
    w.controls["weeks"].value = 25
    assert "weeks remain" in w.error.value and "Traceback" not in w.error.value
    assert len(trace(shown(w), "speed-first")["x"]) == 16  # last good chart stays
    w.controls["weeks"].value = 12
    assert w.error.value == "" and len(trace(shown(w), "speed-first")["x"]) == 12


def test_an_unexpected_error_shows_a_short_message(monkeypatch):
    w = lessons.two_ways(**KW)

    def boom(*args, **kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(figures, "comparison_chart", boom)
    w.controls["weeks"].value = 14
    assert "Something went wrong" in w.error.value
    assert "internal detail" not in w.error.value
    assert isinstance(w.last_exception, RuntimeError)
    assert len(trace(shown(w), "speed-first")["x"]) == 21


def test_specificity_lines_are_the_plans_minutes():
    w = lessons.specificity(**KW)
    w.controls["weeks"].value = 24
    fig = shown(w)
    assert len(fig["data"]) == 4
    plans = analysis.method_pair(24, **KW)
    t = trace(fig, "speed-first · goal pace")
    assert t["x"] == list(range(-23, 1))
    assert t["y"] == plans["speed-first"].weeks.goal_pace_min.tolist()
    t = trace(fig, "traditional · acidosis threshold")
    assert t["y"] == plans["traditional"].weeks.threshold_min.tolist()
    assert "goal pace" in w.note.value


def test_specificity_note_sums_the_six_weeks_before_the_taper():
    w = lessons.specificity(**KW)
    w.controls["weeks"].value = 24
    plans = analysis.method_pair(24, **KW)
    note = w.note.value
    taper = plans["speed-first"].inputs.taper_weeks
    assert taper == 3 and "weeks 4–9 before the race week" in note
    for name, plan in plans.items():
        # the six weeks before the taper: plan weeks 16-21 of 24 (race week = 24)
        weeks = plan.weeks[(plan.weeks.week >= 24 - taper - 5) & (plan.weeks.week <= 24 - taper)]
        assert (weeks.phase != "Taper").all() and len(weeks) == 6
        gp, thr = weeks.goal_pace_min.sum(), weeks.threshold_min.sum()
        assert f"{name} {gp:.0f} min at goal pace and {thr:.0f} min at threshold" in note


def test_speed_reserve_worked_case_and_slider():
    w = lessons.speed_reserve()
    fig = shown(w)
    assert fig["layout"]["meta"]["verdict"] == "not yet realistic"
    assert "16:10" in w.note.value
    assert trace(fig, "now")["text"][1] == "18:08"
    assert trace(fig, "needed")["text"][1] == "16:10"
    w.controls["five_k_s"].value = 970.0
    fig = shown(w)
    assert fig["layout"]["meta"]["verdict"] == "realistic"
    assert trace(fig, "now")["text"][1] == "16:10"
    # a goal at or faster than mile pace
    w.controls["goal_time_s"].value = 2.5 * 3600
    w.controls["five_k_s"].value = 1560.0
    fig = shown(w)
    assert fig["layout"]["meta"]["verdict"] == "impossible"
    assert fig["layout"]["meta"]["reserve_s_per_mi"] < 0


def test_speed_reserve_explains_a_time_the_library_refuses():
    w = lessons.speed_reserve(five_k_s=700.0)  # faster than the world record
    assert "world record" in w.error.value and "Traceback" not in w.error.value
    assert w.charts[0].figure == {}
    w.controls["five_k_s"].value = 1088.0
    assert w.error.value == ""
    assert shown(w)["layout"]["meta"]["verdict"] == "not yet realistic"


def test_rep_volume_bars_follow_pace_and_recovery():
    w = lessons.rep_volume()
    fig = shown(w)
    table = analysis.rep_volume_frame(1088.0, 7, 1.0, "jog")
    bars = fig["data"][0]
    assert bars["y"] == pytest.approx(table.time_at_pace_min.tolist())
    assert bars["x"] == ["30 s", "1 min", "2 min", "4 min", "8 min"]
    assert bars["text"][2] == f"{table.reps.iloc[2]} × 2 min"
    w.controls["faster_than_5k_s_per_mi"].value = 30
    faster = shown(w)["data"][0]["y"]
    assert all(f <= s for f, s in zip(faster, bars["y"], strict=True))
    assert sum(faster) < sum(bars["y"])
    w.controls["recovery"].value = "stand"
    w.controls["recovery_ratio"].value = 2.0
    expected = analysis.rep_volume_frame(1088.0, 30, 2.0, "stand").time_at_pace_min.tolist()
    assert shown(w)["data"][0]["y"] == pytest.approx(expected)
    assert "stand" in w.note.value
    w.controls["faster_than_5k_s_per_mi"].value = -30  # slower than critical speed
    assert set(shown(w)["data"][0]["y"]) == {critical_speed.MAX_WORK_S / 60}
    assert "slower than critical speed" in w.note.value


def test_eighty_twenty_follows_the_peak_slider():
    w = lessons.eighty_twenty(**KW)
    for peak in (55, 30):
        w.controls["peak_weekly"].value = peak
        fig = shown(w)
        frame = analysis.easy_share_frame(analysis.method_pair(21, peak_weekly=peak, **KW))
        for name in analysis.METHOD_NAMES:
            t = trace(fig, name)
            assert t["x"][1] == frame[frame.method == name].phase.tolist()
            assert t["y"] == pytest.approx(frame[frame.method == name].easy_share.tolist())
        assert shape(fig, "80/20")["y0"] == 0.8
    # a lower peak leaves less easy running around the same key sessions
    low = analysis.easy_share_frame(analysis.method_pair(21, peak_weekly=30, **KW))
    high = analysis.easy_share_frame(analysis.method_pair(21, peak_weekly=55, **KW))
    assert low.easy_share.mean() < high.easy_share.mean()


def test_taper_form_shows_race_day_form():
    w = lessons.taper_form(**KW)
    forms = {}
    for taper in (1, 2, 3, 4):
        w.controls["taper_weeks"].value = taper
        fig = shown(w)
        ff = sf.fitness_fatigue(analysis.taper_plan(taper, **KW))
        assert trace(fig, "form")["y"] == pytest.approx(ff.form.tolist())
        assert f"{taper}-week taper" in fig["layout"]["title"]["text"]
        forms[taper] = ff.form.iloc[-1]
        assert f"{forms[taper]:+.1f}" in w.note.value
        assert fig["layout"]["meta"]["race_date"] == RACE.isoformat()
    assert forms[1] < forms[2] < forms[3]


def test_model_offsets_marks_the_chosen_5k():
    w = lessons.model_offsets()
    fig = shown(w)
    assert shape(fig, "your 5K")["x0"] == 1088.0
    ours = trace(fig, "speed-first (acidosis threshold)")
    assert ours["y"][:7] == pytest.approx([15.0] * 7)  # 15:00-18:00: the method's +15 s/mi
    assert ours["y"][-1] == pytest.approx(18.24, abs=0.05)  # 25:00: held at 10K pace
    assert all(b >= a - 1e-9 for a, b in zip(ours["y"], ours["y"][1:], strict=False))
    assert ours["x"][0] == 900.0 and ours["x"][-1] == 1500.0
    w.controls["five_k_s"].value = 1400.0
    assert shape(shown(w), "your 5K")["x0"] == 1400.0
    assert "23:20" in w.note.value and "Daniels T" in w.note.value


def test_what_if_compares_with_the_original_plan():
    plan = sf.build_plan(race_date="2027-05-02", peak_weekly=55, races={5000.0: 1088.0},
                         goal_time_s=9900, today="2026-11-23")
    w = lessons.what_if(plan)
    fig = shown(w)
    assert trace(fig, "changed")["y"] == trace(fig, "your plan")["y"]
    w.controls["peak_weekly"].value = 70
    fig = shown(w)
    assert max(trace(fig, "changed")["y"]) > max(trace(fig, "your plan")["y"])
    assert trace(fig, "your plan")["y"] == pytest.approx(plan.weeks.distance_mi.tolist())
    assert "70" not in w.error.value and w.error.value == ""
    assert "<table" in w.note.value and "changed" in w.note.value
    w.controls["method"].value = "traditional"
    kwargs = {**analysis.plan_kwargs(plan), "peak_weekly": 70, "method": "traditional"}
    expected = sf.build_plan(**kwargs).weeks.distance_mi.tolist()
    assert trace(shown(w), "changed")["y"] == pytest.approx(expected)
    w.controls["general_weeks"].value = 20  # no room before the race
    assert "weeks remain" in w.error.value
    assert trace(shown(w), "changed")["y"] == pytest.approx(expected)


def test_lessons_use_their_own_css_classes():
    w = lessons.speed_reserve()
    assert "sf-lesson" in w._dom_classes and "sf-lesson-speed-reserve" in w._dom_classes
    assert all("sf-lesson-chart" in c._dom_classes for c in w.charts)
    assert all(not c.continuous_update for c in w.controls.values())
