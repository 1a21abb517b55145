"""The dashboard controller, driven by setting widget values (no browser)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speedfirst.analysis.settings import parse_query
from speedfirst.widgets.dashboard import (
    FIGURE_INPUTS,
    PLAN_KEYS,
    TAB_OUTPUTS,
    TAB_TITLES,
    Dashboard,
)

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def app():
    return Dashboard(today=TODAY, debounce_s=0)


def _open_tab(app, name):
    """Open the tab that holds output ``name`` (as a viewer clicks it)."""
    app.tabs.selected_index = next(i for i, names in enumerate(TAB_OUTPUTS) if name in names)


def _fig(app, name):
    _open_tab(app, name)
    fig = app.outputs[name].figure
    assert fig, f"{name} shows no figure"
    return fig


def _bar_total(app):
    """Sum of the weekly distance bars in the mileage-ramp chart."""
    fig = _fig(app, "ramp")
    return sum(sum(t["y"]) for t in fig["data"] if t.get("type") == "bar")


def test_initial_state_shows_everything(app):
    assert app.plan is not None and app.plan.inputs.method == "speed-first"
    # only the open tab is drawn at first; the others when they are opened
    assert app.visible_outputs() == ("ramp", "table")
    assert app.outputs["compare"].figure == {} and app.compare_plan is None
    for name in ("ramp", "intensity", "zones", "compare", "goal", "fitness"):
        fig = _fig(app, name)
        assert fig["data"], name
        json.dumps(fig)  # plain JSON, ready for the front end
    assert app.table.columns[0] == "Week" and app.table.columns[5] == "Distance (mi)"
    assert [r[0] for r in app.table.rows] == [str(w) for w in range(1, 22)]
    assert "Sprints" in app.table.rows[0][7] and app.table.numeric == [0, 5, 6]
    # the distance column is the plan's, to a tenth of a mile
    assert [float(r[5]) for r in app.table.rows] == pytest.approx(
        app.plan.weeks["distance_mi"].round(1).tolist())
    # the default goal (2:45:00 on an 18:08 5K) is 5.0 % faster than predicted
    assert 'class="sf-verdict-not-yet-realistic"' in app.verdict.value
    assert all(e.value == "" for e in app.errors.values())
    assert set(app.refreshed) == set(FIGURE_INPUTS)
    assert app.compare_plan.inputs.method == "traditional"


def test_every_control_has_a_visible_label(app):
    for key, w in app.controls.items():
        assert w.description and len(w.description) > 3, key


def test_slider_changes_the_plan(app):
    before = _bar_total(app)
    app.controls["peak"].value = 70
    assert app.plan.inputs.peak_weekly == 70
    assert _bar_total(app) == pytest.approx(before * 70 / 55, rel=0.01)


def test_only_dependent_figures_refresh(app):
    for name in ("zones", "goal", "compare", "ramp"):  # draw every tab once
        _fig(app, name)
    counts = dict(app.refreshed)
    app.controls["peak"].value = 60  # plan changes, zones do not (goal: Vickers at the peak)
    assert app.refreshed["ramp"] == counts["ramp"] + 1
    assert app.refreshed["compare"] == counts["compare"]  # hidden tab: not drawn yet
    _open_tab(app, "compare")
    assert app.refreshed["compare"] == counts["compare"] + 1  # drawn once opened
    _open_tab(app, "zones")
    _open_tab(app, "goal")
    assert app.refreshed["zones"] == counts["zones"]  # unchanged inputs: never rebuilt
    assert app.refreshed["goal"] == counts["goal"] + 1  # the peak is the Vickers mileage
    _open_tab(app, "ramp")
    counts = dict(app.refreshed)
    app.controls["method"].value = "traditional"
    _open_tab(app, "compare")
    assert app.refreshed["compare"] == counts["compare"]  # both methods already shown
    assert app.refreshed["ramp"] == counts["ramp"] + 1
    assert app.plan.inputs.method == "traditional"


def test_hidden_tabs_show_the_current_plan_when_opened(app):
    app.controls["peak"].value = 70
    app.controls["taper"].value = 2
    fig = _fig(app, "compare")
    names = [t["name"] for t in fig["data"]]
    sf = fig["data"][names.index("speed-first")]
    assert sum(sf["y"]) == pytest.approx(app.plan.weeks.distance_mi.sum(), abs=0.05)


def test_bad_time_shows_message_and_keeps_last_plan(app):
    plan = app.plan
    ramp = app.outputs["ramp"].figure
    app.controls["5k"].value = "18:6O"
    assert "18:6O" in app.errors["5k"].value
    assert "m:ss" in app.errors["5k"].value  # accepted forms are named
    assert app.plan is plan
    assert app.outputs["ramp"].figure == ramp
    assert "last valid plan" in app.status.value
    app.controls["5k"].value = "17:50"
    assert app.errors["5k"].value == ""
    assert app.plan is not plan


def test_goal_faster_than_world_record(app):
    app.controls["goal"].value = "1:50:00"
    assert "world record" in app.errors["goal"].value


def test_phases_that_do_not_fit(app):
    app.controls["race_date"].value = TODAY + dt.timedelta(weeks=12)
    assert "weeks" in app.errors["general"].value
    assert app.plan.inputs.race_date != TODAY + dt.timedelta(weeks=12)


def test_crafted_widget_values_are_validated(app):
    # a client can raise a slider's max and value together: the library still says no
    s = app.controls["peak"]
    s.max = 10000
    s.value = 5000
    assert "10 to 200 mi" in app.errors["peak"].value
    assert app.plan.inputs.peak_weekly <= 200
    app.controls["hr_max"].value = "<script>alert(1)</script>"
    assert "<script>" not in app.errors["hr_max"].value
    assert "&lt;script&gt;" in app.errors["hr_max"].value


def test_failed_change_is_refreshed_after_a_later_fix(app):
    counts = dict(app.refreshed)
    app.controls["5k"].value = "bad"
    app.controls["units"].value = "km"  # fails too: 5K still bad
    app.controls["5k"].value = "18:00"
    zones = _fig(app, "zones")
    assert app.refreshed["zones"] == counts["zones"] + 1
    assert "/km" in json.dumps(zones)


def test_units_switch_converts_peak(app):
    app.controls["units"].value = "km"
    s = app.controls["peak"]
    assert s.value == round(55 * 1.609344)
    assert s.max == 321 and "(km)" in s.description
    assert app.plan.inputs.units == "km"
    app.controls["units"].value = "mi"
    assert s.value == 55 and s.max == 200


def test_share_link_round_trip(app):
    app.controls["peak"].value = 63
    app.controls["10k"].value = "37:40"
    app.controls["units"].value = "km"
    q = app.query_string()
    again = Dashboard(q, today=TODAY, debounce_s=0)
    assert again.values() == app.values()
    assert again.plan.weeks.distance_km.tolist() == app.plan.weeks.distance_km.tolist()
    assert "sf-share-link" in app.share.value and "10k=37%3A40" in app.share.value
    assert 'class="sf-share-readonly" href="plan?' in app.share.value


def test_query_garbage_is_ignored_and_reported():
    q = "peak=abc&evil=%3Cscript%3E&5k=" + "9" * 500 + "&general=99&" + "&".join(
        f"x{i}=1" for i in range(10_000))
    app = Dashboard(q, today=TODAY, debounce_s=0)
    assert app.values()["peak"] == 55 and app.values()["general"] == 8
    assert "Ignored from the link" in app.status.value
    assert "peak" in app.status.value and "more parameters" in app.status.value
    assert "<script>" not in app.status.value
    assert app.plan is not None


def test_parse_query_limits():
    known, ignored = parse_query("5k=18:08&5k=17:00&units=km")
    assert known == {"5k": "18:08", "units": "km"}
    assert ignored == ["5k"]
    assert parse_query("")[0] == {}
    assert parse_query("a=" + "x" * 10_000)[1] == ["a"]
    assert parse_query("&".join(["z=1"] * 100))[1][-1] == "70 more parameters"


def test_downloads(app):
    app.prepare.click()
    links = app.downloads.value
    for ext in (".csv", ".ics", ".json", ".html"):
        assert ext in links
    assert links.count("data:") >= 4


def test_callback_exception_never_shows_a_traceback(app, monkeypatch):
    from speedfirst.widgets import dashboard

    def boom(**kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(dashboard, "build_plan", boom)
    plan = app.plan
    app.controls["peak"].value = 61
    assert "Something went wrong" in app.status.value
    assert "internal detail" not in app.status.value and "Traceback" not in app.status.value
    assert app.plan is plan


_values = {
    "5k": st.sampled_from(["18:08", "", "20:00", "bad", "9:00", "1:00:00"]),
    "10k": st.sampled_from(["", "37:40", "41:30", "x"]),
    "goal": st.sampled_from(["2:45:00", "3:30:00", "", "1:20:00", "2:35"]),
    "peak": st.integers(-50, 400),
    "general": st.integers(0, 30),
    "specific": st.integers(0, 35),
    "taper": st.integers(0, 6),
    "runs": st.integers(1, 9),
    "hr_max": st.sampled_from(["", "185", "abc", "500"]),
    "units": st.sampled_from(["mi", "km"]),
    "method": st.sampled_from(["speed-first", "traditional"]),
    "distance": st.sampled_from(["marathon", "half"]),
}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(*[st.tuples(st.just(k), v) for k, v in _values.items()]),
                      min_size=1, max_size=6))
def test_fuzz_controls_always_leave_a_valid_plan(steps):
    app = Dashboard(today=TODAY, debounce_s=0)
    for key, value in steps:
        w = app.controls[key]
        if hasattr(w, "max") and isinstance(value, int):
            w.max, w.min = max(w.max, value), min(w.min, value)  # a crafted client
        w.value = value
        assert app.plan is not None
        assert 10 <= app.plan.inputs.peak_weekly * (
            1 if app.plan.inputs.units == "mi" else 1 / 1.609344) <= 200.5
        assert _fig(app, "ramp")["data"]
        assert "Traceback" not in app.status.value
        # the charts show the plan now held (the last valid one), not a stale one
        dist = app.plan.weeks[f"distance_{app.plan.inputs.units}"].sum()
        assert _bar_total(app) == pytest.approx(dist, abs=0.05)
        assert all(app.outputs[o].figure["data"] for o in app.visible_outputs()
                   if o != "table")


@pytest.mark.parametrize("query", ["", "units=km&hr_max=185&method=traditional",
                                   "distance=half&runs=3&taper=1&10k=41:30&goal="])
def test_every_figure_passes_plotly_validation(query):
    # the slider path skips plotly's validation (go.Figure(..., _validate=False)) for speed,
    # so check here, in full, that every chart the dashboard sends is valid plotly
    import plotly.graph_objects as go

    app = Dashboard(query, today=TODAY, debounce_s=0)
    assert "sf-ignored" not in app.status.value
    for name in app.outputs:
        fig = {k: v for k, v in _fig(app, name).items() if k != "config"}
        go.Figure(fig)  # raises ValueError on any invalid property


def test_keys_are_complete():
    assert set(PLAN_KEYS) == set(Dashboard(today=TODAY, debounce_s=0).controls)


def test_link_with_values_that_make_no_plan_falls_back_to_defaults():
    app = Dashboard("goal=%E2%9C%93&general=24&specific=30&race_date=2020-01-01&peak=80",
                    today=TODAY, debounce_s=0)
    assert app.plan is not None
    v = app.values()
    assert v["goal"] == "2:45:00" and v["general"] == 8 and v["specific"] == 10
    assert v["peak"] == 80  # the valid part of the link is kept
    assert v["race_date"] > TODAY
    assert "do not make a valid plan for goal" in app.status.value
    assert _fig(app, "ramp")["data"]


def test_fast_slider_moves_are_throttled_on_the_kernel_loop():
    import asyncio

    async def drag():
        app = Dashboard(today=TODAY, debounce_s=0.05)
        start = dict(app.refreshed)
        app.controls["peak"].value = 56  # a lone move after a quiet spell: drawn at once
        assert app.refreshed["ramp"] == start["ramp"] + 1
        assert app.plan.inputs.peak_weekly == 56
        for v in range(57, 66):  # nine quick moves right after it, as a drag sends them
            app.controls["peak"].value = v
        assert app.refreshed["ramp"] == start["ramp"] + 1  # work does not pile up
        await asyncio.sleep(0.3)
        return app, start

    # a fresh thread: its own event loop, as a kernel has (Playwright's sync API may
    # already run one in this thread when the browser tests went first)
    import threading

    result = {}
    worker = threading.Thread(target=lambda: result.update(out=asyncio.run(drag())))
    worker.start()
    worker.join(30)
    app, start = result["out"]
    assert app.refreshed["ramp"] == start["ramp"] + 2  # one more update, for the last value
    assert app.plan.inputs.peak_weekly == 65


def test_share_link_parameter_names():
    q = ("5k=18:08&goal=2:45:00&peak=60&units=mi&race_date=2027-05-16&general_weeks=9"
         "&specific_weeks=9&taper_weeks=2&distance=marathon&runs_per_week=5")
    app = Dashboard(q, today=TODAY, debounce_s=0)
    v = app.values()
    assert (v["general"], v["specific"], v["taper"], v["runs"], v["peak"]) == (9, 9, 2, 5, 60)
    assert "sf-ignored" not in app.status.value
    link = app.query_string()
    assert "general_weeks=9" in link and "taper_weeks=2" in link and "runs_per_week=5" in link
    assert Dashboard("taper=1", today=TODAY, debounce_s=0).values()["taper"] == 1  # short too


# ---------------------------------------------------------------- the Week tab
def _day_rows(app):
    """(data-date, title) of each row of the Week tab's day table."""
    import re

    html_ = app.week_view.days.value
    return re.findall(r'<tr class="sf-day-row sf-kind-\w+" data-date="([\d-]+)">'
                      r'<td class="sf-day">.*?<b>(.*?)</b>', html_)


def test_week_tab_is_drawn_when_opened_and_matches_the_sessions(app):
    assert app.refreshed["week"] == 0 and app.week_view.days.value == ""  # hidden: not drawn
    _open_tab(app, "week")
    assert app.refreshed["week"] == 1
    view = app.week_view
    assert len(view.picker.options) == len(app.plan.weeks) == 21
    view.select(12)
    s = app.plan.sessions[app.plan.sessions.week == 12]
    rows = _day_rows(app)
    assert [d for d, _ in rows] == [f"{d:%Y-%m-%d}" for d in s["date"]]
    assert [t for _, t in rows] == s["title"].tolist()
    # the full prescription, in the exports' words, HTML-escaped
    import html as h

    for desc in s["description"]:
        assert h.escape(desc) in view.days.value
    assert "Week 12 of 21" in view.days.value
    assert app.refreshed["week"] == 1  # picking a week builds no plan, redraws no tab


def test_week_tab_follows_plan_changes_only_when_open(app):
    _open_tab(app, "week")
    app.week_view.select(5)
    n = app.refreshed["week"]
    app.controls["units"].value = "km"
    assert app.refreshed["week"] == n + 1
    assert "Distance (km)" in app.week_view.days.value and "/km" in app.week_view.days.value
    assert app.week_view.picker.value == 5  # the chosen week is kept
    _open_tab(app, "ramp")
    app.controls["peak"].value = 80
    assert app.refreshed["week"] == n + 1  # hidden: not redrawn
    _open_tab(app, "week")
    assert app.refreshed["week"] == n + 2
    km = app.plan.sessions.loc[app.plan.sessions.week == 5, "distance_km"]
    assert f"{km.sum():.1f} km" in app.week_view.days.value


def test_calendar_rows_and_buttons(app):
    _open_tab(app, "week")
    view = app.week_view
    rows = view.calendar.children[1:]
    assert len(rows) == 21
    cal_html = rows[20].children[1].value
    assert cal_html.count("sf-cal-cell ") == 7 and "sf-kind-race" in cal_html
    kinds = app.plan.sessions.loc[app.plan.sessions.week == 3, "kind"].tolist()
    import re

    assert re.findall(r"sf-cal-cell sf-kind-(\w+)", rows[2].children[1].value) == kinds
    button = rows[2].children[0]
    assert button.description == "Week 3"
    button.click()
    assert view.picker.value == 3 and "Week 3 of 21" in view.days.value
    assert "sf-cal-selected" in rows[2]._dom_classes
    assert "sf-cal-selected" not in rows[11]._dom_classes
    # a shorter plan: fewer rows, the chosen week falls back when it no longer exists
    view.select(21)
    app.controls["specific"].value = 6
    assert len(view.calendar.children) - 1 == len(app.plan.weeks) == 17
    assert 1 <= view.picker.value <= 17


# ---------------------------------------------------------------- race-time sliders
def test_slider_ranges_are_plausible():
    from speedfirst.limits import check_race_time
    from speedfirst.widgets.race_time import SLIDER_RANGES

    dist = {"mile": 1609.344, "5k": 5000.0, "10k": 10000.0, "marathon": 42195.0,
            "half": 21097.5}
    for key, (lo, hi, step, rest) in SLIDER_RANGES.items():
        for t in (lo, hi, rest):
            check_race_time(dist[key], t)  # raises if implausible
        assert (hi - lo) % step == 0 and lo <= rest <= hi and (rest - lo) % step == 0
    assert SLIDER_RANGES["5k"][2] == 5 and SLIDER_RANGES["marathon"][2] == 60


def test_dragging_a_slider_writes_the_box_and_updates_the_plan(app):
    slider = app.time_fields["5k"].slider
    assert slider.value == 1090 and slider.label == "18:10"  # nearest 5-s step to 18:08
    assert app.controls["5k"].value == "18:08"  # typing to the second is kept
    verdict = app.verdict.value
    slider.value = 16 * 60 + 30
    assert app.controls["5k"].value == "16:30"
    assert app.plan.inputs.races == ((5000.0, 990.0),)
    assert app.verdict.value != verdict and "sf-verdict-realistic" in app.verdict.value
    assert "5k=16%3A30" in app.query_string()


def test_typing_moves_the_slider_without_writing_back(app):
    box, slider = app.controls["5k"], app.time_fields["5k"].slider
    box.value = "17:32"
    assert slider.value == 17 * 60 + 30 and box.value == "17:32"
    box.value = "18:6O"  # unreadable: the slider stays, the error is beside the box
    assert slider.value == 17 * 60 + 30 and "18:6O" in app.errors["5k"].value
    box.value = "13:00"  # plausible but past the slider's end: clamped, the box keeps it
    assert slider.value == 14 * 60 and box.value == "13:00"
    assert app.plan.inputs.races == ((5000.0, 780.0),)


def test_empty_box_and_the_10k_slider(app):
    f = app.time_fields["10k"]
    assert app.controls["10k"].value == "" and "sf-time-unset" in f.slider._dom_classes
    f.slider.value = 38 * 60 + 10
    assert app.controls["10k"].value == "38:10"
    assert "sf-time-unset" not in f.slider._dom_classes
    assert dict(app.plan.inputs.races)[10000.0] == 2290.0


def test_goal_slider_follows_the_race_distance(app):
    goal = app.time_fields["goal"]
    assert goal.slider.value == 2 * 3600 + 45 * 60
    assert goal.slider.options[1][1] - goal.slider.options[0][1] == 60
    goal.slider.value = 2 * 3600 + 50 * 60
    assert app.controls["goal"].value == "2:50:00" and app.plan.inputs.goal_time_s == 10200
    app.controls["distance"].value = "half"
    assert goal.key == "half"
    assert goal.slider.options[0][1] == 3600 and goal.slider.options[-1][1] == 3 * 3600
    assert goal.slider.options[1][1] - goal.slider.options[0][1] == 30
    app.controls["goal"].value = "1:21:10"
    assert goal.slider.value == 3600 + 21 * 60  # nearest 30-s step
    goal.slider.value = 3600 + 18 * 60 + 30
    assert app.controls["goal"].value == "1:18:30"
    assert "goal=1%3A18%3A30" in app.query_string()


def test_share_link_sets_the_sliders():
    app = Dashboard("5k=19:00&mile=5:40&goal=1:30:00&distance=half", today=TODAY,
                    debounce_s=0)
    assert app.time_fields["5k"].slider.value == 19 * 60
    assert app.time_fields["mile"].slider.value == 5 * 60 + 40
    assert app.time_fields["goal"].key == "half"
    assert app.time_fields["goal"].slider.value == 5400
    assert "sf-ignored" not in app.status.value


def test_goal_tab_shows_the_models_as_ranges_and_what_mileage_supports(app):
    app.tabs.selected_index = TAB_TITLES.index("Goal")
    fig = _fig(app, "goal")
    assert fig["layout"]["meta"]["chart"] == "goal_range"
    predicted = next(tr for tr in fig["data"] if tr.get("name") == "predicted")
    assert list(predicted["y"]) == ["daniels", "riegel", "cameron", "vickers"]  # Vickers at
    # the planned peak while the box is empty
    assert app._mileage_note == "" and "sf-mileage-note" not in app.verdict.value
    # under the chart, what would make the goal realistic under each model, as HTML
    table = app.goal_table.value
    assert table.startswith('<table class="sf-readiness">')
    assert table.count("<tr>") == 5 and "<th>weekly mi for realistic</th>" in table
    assert "<td>vickers</td>" in table
    app.controls["mileage"].value = "40"
    assert "at 40 mi a week Vickers predicts about" in app.verdict.value
    assert "at 55 mi about" in app.verdict.value  # the plan's peak
    assert "mileage=40" in app.query_string()
    app.controls["mileage"].value = "lots"
    assert "weekly mileage must be a number" in app.errors["mileage"].value
    app.controls["mileage"].value = "900"
    assert "mi" in app.errors["mileage"].value and app.plan is not None


# ---------------------------------------------------------------- widget models a page fetches
def _models(root):
    """Every distinct widget model under ``root``: widgets, layouts and styles."""
    from speedfirst.widgets.base import _tree

    found = {}
    for w in _tree(root):
        for m in (w, getattr(w, "layout", None), getattr(w, "style", None)):
            if m is not None:
                found[m.model_id] = m
    return found


def test_share_layouts_merges_equal_models_only():
    import ipywidgets as W  # noqa: N812 - the conventional alias

    from speedfirst.widgets.base import share_layouts

    a, b = W.HTML("a"), W.HTML("b")
    c = W.HTML("c", layout=W.Layout(width="10px"))
    box = W.VBox([a, b, c])
    assert share_layouts(box) == 4  # a's and b's default layouts, b's and c's styles
    assert a.layout is b.layout is box.layout and c.layout.width == "10px"
    assert a.style is b.style is c.style
    assert a.layout.comm is not None and all(m.comm is not None for m in _models(box).values())
    assert share_layouts(box) == 0


def test_a_page_load_fetches_about_a_hundred_models(app):
    # 221 before layouts were shared and the Week tab built on first use
    models = _models(app.widget)
    assert len(models) <= 110, len(models)
    assert "sf-week-view" not in str([w._dom_classes for w in models.values()
                                      if hasattr(w, "_dom_classes")])
    _open_tab(app, "week")  # built on first use, inside its tab
    assert app._week_box.children == (app.week_view.widget,)
    assert len(app.week_view.picker.options) == len(app.plan.weeks)


def test_a_link_whose_race_is_too_close_for_the_phases_still_gives_a_plan():
    # 20 weeks to the race; the default phases need 21: the link's date gives way
    app = Dashboard("5k=17:30&peak=60&race_date=2027-04-18", today=dt.date(2026, 12, 1),
                    debounce_s=0)
    assert app.plan is not None and app.values()["peak"] == 60
    assert app.plan.inputs.race_date != dt.date(2027, 4, 18)
    assert "race_date" in app.status.value and "Ignored from the link" in app.status.value
