"""The plan engine: the method's rules, dates, invariants and input errors."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speedfirst import InputError
from speedfirst.methods import SPEED_FIRST, TRADITIONAL
from speedfirst.plan import SESSION_COLUMNS, WEEK_COLUMNS, build_plan

TODAY = dt.date(2026, 11, 23)
RACE = dt.date(2027, 4, 18)  # a Sunday, 21 weeks from the week of TODAY
BASE = dict(race_date=RACE, peak_weekly=55, races={5000.0: 1088.0}, goal_time_s=9900,
            today=TODAY)


@pytest.fixture(scope="module")
def plan():
    return build_plan(**BASE)


def test_frames_have_documented_columns(plan):
    assert tuple(plan.weeks.columns) == WEEK_COLUMNS
    assert tuple(plan.sessions.columns) == SESSION_COLUMNS
    assert len(plan.weeks) == 8 + 10 + 3


def test_cycle_fractions_follow_the_method(plan):
    w = plan.weeks.set_index("week")
    by_cycle = plan.weeks.groupby("cycle", sort=False).fraction_of_peak
    assert by_cycle.min()[["1", "2", "3", "4", "5"]].tolist() == [0.55, 0.60, 0.65, 0.70, 0.75]
    assert by_cycle.max()[["1", "2", "3", "4", "5"]].tolist() == [0.55, 0.60, 0.65, 0.70, 0.75]
    assert by_cycle.min()["6"] >= 0.85 and by_cycle.max()["6"] <= 0.90
    for c in ("7", "8", "9"):
        assert by_cycle.min()[c] >= 0.90 and by_cycle.max()[c] <= 1.00
    assert by_cycle.max()["9"] == 1.0  # the peak is reached
    taper = w[w.phase == "Taper"].fraction_of_peak
    assert taper.between(0.30, 0.50).all()
    assert taper.is_monotonic_decreasing
    # a range ramps smoothly: equal steps across cycles 7-9
    steps = np.diff(w[w.cycle.isin(["7", "8", "9"])].fraction_of_peak.to_numpy())
    assert steps == pytest.approx([steps[0]] * len(steps))
    assert (steps > 0).all()


def test_weeks_add_up_to_phase_lengths():
    p = build_plan(**{**BASE, "general_weeks": 6, "specific_weeks": 11, "taper_weeks": 2,
                      "race_date": RACE})
    counts = p.weeks.phase.value_counts()
    assert counts["General Preparation"] == 6 and counts["Specific Preparation"] == 11
    assert counts["Taper"] == 2
    per_cycle = p.weeks.cycle.value_counts()
    assert per_cycle[["1", "2", "3", "4"]].tolist() == [1, 1, 2, 2]  # extras to later cycles
    assert per_cycle[["5", "6", "7", "8", "9"]].tolist() == [2, 2, 2, 2, 3]


def test_explicit_cycle_weeks():
    p = build_plan(**{**BASE, "cycle_weeks": [1, 1, 1, 1, 2, 2, 3, 3, 4]})
    assert p.weeks.cycle.value_counts()["9"] == 4
    assert p.inputs.general_weeks == 4 and p.inputs.specific_weeks == 14
    with pytest.raises(InputError, match="cycle_weeks"):
        build_plan(**{**BASE, "cycle_weeks": [1, 1, 1]})


def test_no_week_exceeds_peak_and_distance_is_sum_of_sessions(plan):
    peak_km = 55 * 1.609344
    sums = plan.sessions.groupby("week").distance_km.sum().round(1)
    assert sums.to_numpy() == pytest.approx(plan.weeks.distance_km.to_numpy(), abs=0.05)
    training = plan.sessions[plan.sessions.kind != "race"].groupby("week").distance_km.sum()
    assert (training <= peak_km + 0.5).all()
    # the training volume matches the planned share of peak
    planned = plan.weeks.fraction_of_peak.to_numpy() * peak_km
    assert training.to_numpy() == pytest.approx(planned, abs=0.5)
    assert plan.weeks.distance_mi.to_numpy() == pytest.approx(
        (plan.weeks.distance_km / 1.609344).to_numpy(), abs=0.06)


def test_race_is_on_race_day_in_last_week(plan):
    s = plan.sessions
    race = s[s.kind == "race"]
    assert len(race) == 1
    assert race.date.iloc[0].date() == RACE
    assert race.week.iloc[0] == plan.weeks.week.max()
    assert s.date.max().date() == RACE
    assert plan.weeks.is_race_week.tolist() == [False] * 20 + [True]
    assert race.distance_km.iloc[0] == pytest.approx(42.2)
    assert plan.weeks.start_date.iloc[0].weekday() == 0  # weeks start on Monday
    # one row per day, no gaps
    assert (s.date.diff().dropna() == np.timedelta64(1, "D")).all()


def test_key_sessions_never_on_consecutive_days(plan):
    keys = plan.sessions[plan.sessions.kind == "key"].date
    gaps = keys.diff().dropna().dt.days
    assert (gaps >= 2).all()
    assert plan.weeks.key_sessions.iloc[:-1].eq(2).all()


def test_time_at_goal_pace_grows_through_specific_preparation(plan):
    sp = plan.weeks[plan.weeks.phase == "Specific Preparation"].goal_pace_min.to_numpy()
    assert (np.diff(sp) >= 0).all()
    assert sp[-1] >= 80 and sp[-1] > sp[0]
    gp = plan.weeks[plan.weeks.phase == "General Preparation"].goal_pace_min
    assert (gp == 0).all()


def test_key_workouts_follow_the_cycle_table(plan):
    s = plan.sessions[plan.sessions.kind == "key"].merge(
        plan.weeks[["week", "cycle"]], on="week")
    zones = s.groupby("cycle").zone.agg(set)
    assert zones["1"] == {"speed"}
    assert zones["2"] == {"anaerobic capacity"}
    assert zones["3"] == {"anaerobic capacity", "VO2max"}
    assert zones["4"] == {"VO2max"}
    assert zones["5"] == {"VO2max", "acidosis threshold"}
    assert zones["9"] == {"acidosis threshold", "goal pace"}
    sprints = s[s.zone == "speed"]
    assert sprints.rep_s.between(5, 20).all()
    assert (sprints.recovery_s.between(180, 300)).all()
    long_sprints = s[s.zone == "anaerobic capacity"]
    assert long_sprints.rep_s.between(30, 90).all()
    assert (long_sprints.recovery_s >= 2 * long_sprints.rep_s).all()
    vo2 = s[s.zone == "VO2max"]
    assert vo2.rep_s.between(180, 300).all()
    assert (vo2.recovery_s <= vo2.rep_s).all()
    assert (s.reps_min < s.reps_max).where(s.zone.isin(["speed", "VO2max"]), True).all()
    assert s.description.str.contains("one more rep would be exhausting").where(
        s.zone.isin(["speed", "anaerobic capacity", "VO2max"]), True).all()


def test_paces_in_key_sessions_come_from_zones(plan):
    z = plan.zones.set_index("zone")
    s = plan.sessions[plan.sessions.kind == "key"]
    for _, row in s.iterrows():
        assert row.pace_fast_s_per_km == z.loc[row.zone, "pace_fast_s_per_km"]
    first = s.iloc[0]
    assert "/mi" in first.description


def test_km_units_and_half_marathon():
    p = build_plan(race_date=RACE, peak_weekly=80, units="km", race_distance="half",
                   races={10000.0: 2400.0}, goal_time_s=5280, today=TODAY, hr_max=185)
    assert p.weeks.distance_km.iloc[-2] <= 80
    assert p.sessions[p.sessions.kind == "race"].distance_km.iloc[0] == pytest.approx(21.1)
    assert p.zones.set_index("zone").loc["goal pace", "label"] == "half-marathon pace"
    gp = p.sessions[(p.sessions.zone == "goal pace") & (p.sessions.kind == "key")]
    assert (gp.rep_s <= 0.6 * 5280).all()  # a goal-pace block is never most of the race
    assert "/km" in gp.description.iloc[0] and "HR" in gp.description.iloc[0]


def test_traditional_has_same_weeks_and_intensity_late(plan):
    t = build_plan(**BASE, method="traditional")
    assert len(t.weeks) == len(plan.weeks)
    assert (t.weeks.start_date == plan.weeks.start_date).all()
    assert t.weeks.fraction_of_peak.max() == 1.0
    keys = t.sessions[t.sessions.kind == "key"].merge(t.weeks[["week", "phase"]], on="week")
    assert "Base" not in set(keys.phase)  # volume first: no key sessions in the base
    first_vo2 = keys[keys.zone == "VO2max"].week.min()
    sf_first_vo2 = plan.sessions[plan.sessions.zone == "VO2max"].week.min()
    assert first_vo2 > sf_first_vo2 + 8
    assert set(t.weeks.phase) == {"Base", "Build", "Sharpening", "Taper"}


def test_start_date_instead_of_race_date():
    p = build_plan(start_date="2026-11-25", peak_weekly=40, races={5000.0: 1500.0}, today=TODAY)
    assert p.weeks.start_date.iloc[0].date() == dt.date(2026, 11, 23)
    assert p.inputs.race_date == dt.date(2027, 4, 18)  # Sunday (long-run day) of week 21


def test_runs_per_week_and_days():
    p = build_plan(**{**BASE, "runs_per_week": 4, "long_run_day": "saturday"})
    wk = p.sessions[p.sessions.week == 5]
    assert (wk.kind.isin(["easy", "long", "key"])).sum() == 4
    assert wk[wk.kind == "long"].weekday.tolist() == ["saturday"]
    p3 = build_plan(**{**BASE, "runs_per_week": 3})
    assert p3.weeks.key_sessions.iloc[:-1].eq(1).all()


def test_strength_in_general_preparation(plan):
    s = plan.sessions.merge(plan.weeks[["week", "phase"]], on="week")
    gp = s[s.phase == "General Preparation"]
    assert gp.groupby("week").kind.apply(lambda k: (k == "strength").sum()).eq(1).all()
    assert (s[s.phase == "Specific Preparation"].kind != "strength").all()


def test_warnings_for_aggressive_choices(plan):
    assert any("10%" in w for w in plan.warnings)  # cycle 6 jumps from 75% to 85%
    assert any("not yet realistic" in w for w in build_plan(
        **{**BASE, "goal_time_s": 9300}).warnings)


@pytest.mark.parametrize(
    ("change", "field", "needle"),
    [
        ({"race_date": dt.date(2026, 11, 1)}, "race_date", "in the past"),
        ({"race_date": dt.date(2027, 1, 10)}, "phases", "only 7 weeks"),
        ({"peak_weekly": 5}, "peak_weekly", "10 to 200 mi"),
        ({"peak_weekly": 5000}, "peak_weekly", "10 to 200 mi"),
        ({"peak_weekly": float("nan")}, "peak_weekly", "10 to 200"),
        ({"method": "magic"}, "method", "'speed-first', 'traditional'"),
        ({"general_weeks": 3}, "general_weeks", "from 4 to 24"),
        ({"specific_weeks": 31}, "specific_weeks", "from 5 to 30"),
        ({"taper_weeks": 0}, "taper_weeks", "from 1 to 4"),
        ({"taper_weeks": 2.5}, "taper_weeks", "whole number"),
        ({"runs_per_week": 9}, "runs_per_week", "from 3 to 7"),
        ({"long_run_day": "someday"}, "long_run_day", "weekday"),
        ({"race_date": "18/04/2027"}, "race_date", "2027-04-18"),
        ({"units": "furlongs"}, "units", "'mi' or 'km'"),
        ({"race_distance": "ultra"}, "race_distance", "'marathon' or 'half'"),
        ({"races": {}, "goal_time_s": None}, "races", "race time"),
        ({"hr_max": 400}, "hr_max", "HRmax"),
    ],
)
def test_bad_input_names_field_and_range(change, field, needle):
    with pytest.raises(InputError, match=needle) as exc:
        build_plan(**{**BASE, **change})
    assert exc.value.field == field


def test_peak_in_km_range():
    with pytest.raises(InputError, match="16 to 322 km"):
        build_plan(**{**BASE, "units": "km", "peak_weekly": 400})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    general=st.integers(4, 12),
    specific=st.integers(5, 14),
    taper=st.integers(1, 4),
    peak=st.floats(10, 200),
    runs=st.integers(3, 7),
    long_day=st.sampled_from(["saturday", "sunday", "friday"]),
    method=st.sampled_from(["speed-first", "traditional"]),
    race_offset=st.integers(0, 6),
    distance=st.sampled_from(["marathon", "half"]),
)
def test_plan_invariants(general, specific, taper, peak, runs, long_day, method, race_offset,
                         distance):
    race = dt.date(2027, 9, 6) + dt.timedelta(days=race_offset)  # room for 30 weeks
    p = build_plan(race_date=race, peak_weekly=peak, races={5000.0: 1300.0}, today=TODAY,
                   general_weeks=general, specific_weeks=specific, taper_weeks=taper,
                   runs_per_week=runs, long_run_day=long_day, method=method,
                   race_distance=distance)
    s = p.sessions
    peak_km = peak * 1.609344
    assert len(p.weeks) == general + specific + taper
    assert (s[s.kind == "race"].date.dt.date == race).all() and (s.kind == "race").sum() == 1
    assert s.date.max().date() == race
    assert (s.distance_km >= 0).all()
    training = s[s.kind != "race"].groupby("week").distance_km.sum()
    assert (training <= peak_km + 0.05 * 7).all()
    sums = s.groupby("week").distance_km.sum().round(1).to_numpy()
    assert sums == pytest.approx(p.weeks.distance_km.to_numpy(), abs=0.05)
    gaps = s[s.kind == "key"].date.diff().dropna().dt.days
    assert (gaps >= 2).all()
    running = s.groupby("week").kind.apply(lambda k: k.isin(["easy", "long", "key"]).sum())
    assert (running.iloc[:-1] <= runs).all()
    assert (s.work_min <= s.minutes + 1e-9).all()
    if method == "speed-first" and not any("shortened" in w for w in p.warnings):
        sp = p.weeks[p.weeks.phase == "Specific Preparation"].goal_pace_min.to_numpy()
        assert (np.diff(sp) >= -1e-9).all()


def test_templates_are_data():
    assert [c.cycle for c in SPEED_FIRST] == [str(i) for i in range(1, 10)] + ["taper"]
    assert [c.fraction for c in SPEED_FIRST][:6] == [
        (0.55, 0.55), (0.60, 0.60), (0.65, 0.65), (0.70, 0.70), (0.75, 0.75), (0.85, 0.90)]
    assert TRADITIONAL[0].phase == "Base"
