"""The week, day by day: :func:`week_days` and :func:`plan_calendar`."""

from __future__ import annotations

import datetime as dt

import pytest

from speedfirst import build_plan
from speedfirst.analysis import WEEK_DAY_COLUMNS, plan_calendar, week_days
from speedfirst.errors import InputError

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def plan():
    return build_plan(race_date=dt.date(2027, 4, 18), peak_weekly=55, units="mi",
                      races={5000.0: 1088.0}, goal_time_s=9900.0, hr_max=185, today=TODAY)


@pytest.fixture(scope="module")
def monday_plan():
    # a Monday race: Tuesday–Monday weeks, kilometres, no HRmax
    return build_plan(race_date=dt.date(2027, 4, 19), peak_weekly=90, units="km",
                      races={10000.0: 2400.0}, today=TODAY, runs_per_week=4)


def test_seven_days_match_the_sessions_frame(plan):
    days = week_days(plan, 12)
    s = plan.sessions[plan.sessions["week"] == 12]
    assert list(days.columns) == list(WEEK_DAY_COLUMNS)
    assert len(days) == 7
    assert days["date"].tolist() == [d.date() for d in s["date"]]
    assert days["weekday"].tolist() == ["Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"]
    assert days["kind"].tolist() == s["kind"].tolist()
    assert days["title"].tolist() == s["title"].tolist()
    # the exports' words, unchanged
    assert days["description"].tolist() == s["description"].tolist()
    assert days["minutes"].tolist() == [round(m) for m in s["minutes"]]
    assert days["distance"].tolist() == pytest.approx(
        [round(km / 1.609344, 1) for km in s["distance_km"]], abs=1e-9)
    assert days.attrs == {"units": "mi", "week": 12}


def test_week_12_prescription(plan):
    days = week_days(plan, 12).set_index("weekday")
    thu = days.loc["Thursday"]
    assert (thu["kind"], thu["title"]) == ("key", "Threshold run")
    assert thu["pace"] == "6:05–6:08/mi" and thu["pace"] in thu["description"]
    assert thu["hr"] == "157–166" and "HR 157–166" in thu["description"]
    assert thu["distance"] == 6.4 and thu["minutes"] == 46
    assert days.loc["Friday", "kind"] == "rest"
    assert days.loc["Friday", "pace"] == "" and days.loc["Friday", "hr"] == ""
    assert days.loc["Sunday", "kind"] == "long" and days.loc["Sunday", "distance"] == 11.2


def test_units_convert_distance_and_pace(plan):
    mi = week_days(plan, 12, "mi")
    km = week_days(plan, 12, "km")
    assert km["distance"].tolist() == pytest.approx(
        plan.sessions.loc[plan.sessions.week == 12, "distance_km"].round(1).tolist())
    assert km.loc[3, "pace"] == "3:47–3:49/km"
    assert mi.loc[3, "pace"] == "6:05–6:08/mi"
    assert km["minutes"].tolist() == mi["minutes"].tolist()


def test_race_week_ends_on_race_day(plan):
    days = week_days(plan, len(plan.weeks))
    assert days["date"].iloc[-1] == dt.date(2027, 4, 18)
    assert days["kind"].iloc[-1] == "race"
    assert days["title"].iloc[-1] == "Race: marathon"


def test_monday_race_gives_tuesday_weeks_and_no_hr(monday_plan):
    days = week_days(monday_plan, 1)
    assert days["weekday"].iloc[0] == "Tuesday" and days["weekday"].iloc[-1] == "Monday"
    assert set(days["hr"]) == {""}
    assert days.attrs["units"] == "km"
    assert days["strength"].any()  # general preparation: strength twice a week
    last = week_days(monday_plan, len(monday_plan.weeks))
    assert last["date"].iloc[-1] == dt.date(2027, 4, 19) and last["kind"].iloc[-1] == "race"


@pytest.mark.parametrize("bad", [0, 22, -1, 1.5, "3", True, None])
def test_bad_week_is_an_input_error(plan, bad):
    with pytest.raises(InputError) as err:
        week_days(plan, bad)
    assert err.value.field == "week"
    assert "1 to 21" in str(err.value)


def test_bad_units(plan):
    with pytest.raises(InputError):
        week_days(plan, 1, "furlongs")


def test_calendar_is_the_sessions_grid(plan):
    cal = plan_calendar(plan)
    assert cal.shape == (21, 7)
    assert cal.index.name == "week" and cal.index.tolist() == list(range(1, 22))
    assert cal.columns.tolist() == ["monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday"]
    s = plan.sessions
    for week in (1, 12, 21):
        assert cal.loc[week].tolist() == s.loc[s.week == week, "kind"].tolist()
    assert cal.loc[21, "sunday"] == "race"
    assert (cal == "race").to_numpy().sum() == 1
    assert set(cal.to_numpy().ravel()) <= {"rest", "easy", "long", "key", "race"}
    # every week has its long run on Sunday except race week
    assert (cal.loc[1:20, "sunday"] == "long").all()


def test_calendar_follows_the_plan_weekdays(monday_plan):
    cal = plan_calendar(monday_plan)
    assert cal.columns[0] == "tuesday" and cal.columns[-1] == "monday"
    assert cal.iloc[-1, -1] == "race"
    assert len(cal) == len(monday_plan.weeks)
