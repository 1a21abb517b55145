"""A share link's settings, read without widgets (speedfirst.analysis.settings).

The live dashboard and the kernel-free read-only view both read a link through
this module; the property test checks that they end with the same controls, the
same plan and the same notes for any link, valid or not.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speedfirst.analysis.settings import (
    PLAN_KEYS,
    default_settings,
    first_plan,
    mileage_now_mi,
    peak_range,
    plan_keywords,
    settings_from_query,
    whole_number_range,
)
from speedfirst.errors import InputError
from speedfirst.widgets.dashboard import Dashboard
from speedfirst.widgets.dashboard_text import link_notes_html, status_html
from tests.processes import imported_by

TODAY = dt.date(2026, 11, 23)


def test_defaults_cover_every_control_and_make_a_plan():
    d = default_settings(TODAY)
    assert tuple(sorted(d)) == tuple(sorted(PLAN_KEYS))
    assert d["race_date"] == dt.date(2027, 5, 16) and d["race_date"].weekday() == 6
    first = first_plan(d, TODAY)
    assert first.plan is not None and first.rejected == () and first.error is None
    assert len(first.plan.weeks) == 8 + 10 + 3


def test_ranges():
    assert peak_range("mi") == (10, 200)
    assert peak_range("km") == (17, 321)  # 10 mi = 16.09 km and 200 mi = 321.87 km, inwards
    assert whole_number_range("runs", "km") == (3, 7)
    assert whole_number_range("taper", "mi") == (1, 4)


def test_km_link_reads_the_peak_in_km_and_converts_the_default():
    assert settings_from_query("units=km", TODAY).values["peak"] == 89  # 55 mi
    s = settings_from_query("peak=300&units=km", TODAY)  # 300 km is in the km range
    assert s.values["peak"] == 300 and s.invalid == ()
    assert settings_from_query("peak=300", TODAY).invalid == ("peak",)  # not 300 mi


@pytest.mark.parametrize("query, key", [
    ("runs_per_week=2", "runs"), ("general_weeks=4.5", "general"), ("taper=0", "taper"),
    ("distance=ultra", "distance"), ("method=magic", "method"),
    ("race_date=next%20sunday", "race_date"), ("units=furlongs", "units"),
])
def test_values_that_cannot_be_set_are_named_and_left_at_their_default(query, key):
    s = settings_from_query(query, TODAY)
    assert s.invalid == (key,)
    assert s.values[key] == default_settings(TODAY)[key]


@pytest.mark.parametrize("field, text, words", [
    ("5k", "18;08", "18;08"), ("goal", "fast", "fast"), ("hr_max", "lots", "lots"),
    ("mile", "1:00", "mile"),
])
def test_plan_keywords_errors_name_the_control(field, text, words):
    values = {**default_settings(TODAY), field: text}
    with pytest.raises(InputError) as err:
        plan_keywords(values, TODAY)
    assert err.value.field == field and words in str(err.value)


def test_no_race_and_no_goal_is_an_error_on_the_5k_box():
    values = {**default_settings(TODAY), "5k": "", "goal": " "}
    with pytest.raises(InputError, match="at least one race time") as err:
        plan_keywords(values, TODAY)
    assert err.value.field == "5k"


def test_mileage_now():
    assert mileage_now_mi("", "mi") is None
    assert mileage_now_mi("64.37", "km") == pytest.approx(40.0, abs=0.01)
    with pytest.raises(InputError, match="'forty'") as err:
        mileage_now_mi("forty", "mi")
    assert err.value.field == "mileage"


def test_phases_that_do_not_fit_reset_the_phases_then_the_race_date():
    # 24 + 30 + 4 weeks cannot fit before a race 10 weeks away, nor can the default 21
    race = TODAY + dt.timedelta(weeks=10)
    values = {**default_settings(TODAY), "general": 24, "specific": 30, "taper": 4,
              "race_date": race}
    first = first_plan(values, TODAY)
    assert first.plan is not None
    assert first.rejected == ("general", "specific", "taper", "race_date")
    assert first.values["race_date"] == default_settings(TODAY)["race_date"]
    # phases that fit a race 10 weeks away keep it: only the phases go
    values = {**values, "race_date": TODAY + dt.timedelta(weeks=30)}
    first = first_plan(values, TODAY)
    assert first.rejected == ("general", "specific", "taper")
    assert first.values["race_date"] == TODAY + dt.timedelta(weeks=30)


def test_a_bad_goal_is_reset_and_the_rest_of_the_link_kept():
    s = settings_from_query("goal=%E2%9C%93&peak=80&5k=19:30", TODAY)
    first = first_plan(s.values, TODAY)
    assert first.rejected == ("goal",)
    assert first.values["goal"] == "2:45:00"
    assert first.values["peak"] == 80 and first.values["5k"] == "19:30"
    assert first.plan.inputs.peak_weekly == 80


def test_the_read_only_page_and_its_server_never_import_widgets():
    code = ("import datetime as dt\n"
            "import speedfirst.readonly as r, speedfirst.front\n"
            "r.render_page('5k=18:08&peak=70', plotlyjs='p.js', today=dt.date(2026, 11, 23))")
    assert imported_by(code, ("ipywidgets", "traitlets", "anywidget")) == []


_TEXT = st.sampled_from(["", "18:08", "17:05", "37:40", "5:20", "2:45:00", "1:20:00", "3:59",
                         "2:59:59", "fast", "0:10", "185", "250", "40", "64.5", "-3", "✓"])
_NUMBER = st.sampled_from(["", "1", "3", "5", "7", "8", "10", "24", "30", "55", "120", "300",
                           "4.5", "x"])
_VALUE = {
    "5k": _TEXT, "10k": _TEXT, "mile": _TEXT, "goal": _TEXT, "hr_max": _TEXT, "mileage": _TEXT,
    "distance": st.sampled_from(["marathon", "half", "10k"]),
    "units": st.sampled_from(["mi", "km", "yd"]),
    "method": st.sampled_from(["speed-first", "traditional", "x"]),
    "race_date": st.sampled_from(["2027-05-23", "2026-12-20", "2027-01-31", "2028-03-05",
                                  "2020-01-01", "soon"]),
    "peak": _NUMBER, "general": _NUMBER, "specific": _NUMBER, "taper": _NUMBER, "runs": _NUMBER,
}
_QUERY = st.lists(
    st.one_of(st.sampled_from(sorted(_VALUE)).flatmap(
        lambda k: st.tuples(st.just(k), _VALUE[k])),
        st.tuples(st.sampled_from(["evil", "<b>", "general_weeks"]), _TEXT)),
    max_size=8,
).map(urllib.parse.urlencode)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_QUERY)
def test_the_dashboard_and_the_read_only_view_read_a_link_the_same_way(query):
    link = settings_from_query(query, TODAY)
    first = first_plan(link.values, TODAY)
    app = Dashboard(query, today=TODAY, debounce_s=0)
    try:
        assert app.values() == first.values
        assert first.plan is not None and app.plan is not None
        assert app.plan.inputs == first.plan.inputs
        notes = link_notes_html(link.invalid, link.ignored, first.rejected)
        assert app.status.value == notes + status_html(first.plan)
    finally:
        app.widget.close_all()
