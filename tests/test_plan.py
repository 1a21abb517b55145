"""The plan engine: the method's rules, dates, invariants and input errors."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speedfirst import InputError
from speedfirst.plan import SESSION_COLUMNS, WEEK_COLUMNS, build_plan, check_plan
from speedfirst.templates import SPEED_FIRST, TRADITIONAL

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
    build = plan.weeks[~plan.weeks.is_recovery_week]
    by_cycle = build.groupby("cycle", sort=False).fraction_of_peak
    assert by_cycle.min()[["1", "2", "3", "4", "5"]].tolist() == [0.55, 0.60, 0.65, 0.70, 0.75]
    assert by_cycle.max()[["1", "2", "3", "4", "5"]].tolist() == [0.55, 0.60, 0.65, 0.70, 0.75]
    assert by_cycle.min()["6"] >= 0.85 and by_cycle.max()["6"] <= 0.90
    for c in ("7", "8", "9"):
        assert by_cycle.min()[c] >= 0.90 and by_cycle.max()[c] <= 1.00
    assert by_cycle.max()["9"] == 1.0  # the peak is reached
    taper = w[w.phase == "Taper"].fraction_of_peak
    assert taper.between(0.30, 0.50).all()
    assert taper.is_monotonic_decreasing
    # a range ramps smoothly: equal steps across cycles 7-9 (cut-back weeks aside)
    ramp = w[w.cycle.isin(["7", "8", "9"]) & ~w.is_recovery_week].fraction_of_peak
    steps = np.diff(ramp.to_numpy()) / np.diff(ramp.index.to_numpy())
    assert steps == pytest.approx([steps[0]] * len(steps))
    assert (steps > 0).all()


def test_cut_back_weeks_every_fourth_build_week(plan):
    w = plan.weeks.set_index("week")
    assert w.index[w.is_recovery_week].tolist() == [4, 8, 12, 16]  # 3:1 (Pfitzinger)
    spec = {c.cycle: c.fraction for c in SPEED_FIRST}
    for week in (4, 8, 12, 16):  # at most 80 % of the cycle's share and of the week before
        lo, hi = spec[w.loc[week, "cycle"]]
        assert w.loc[week, "fraction_of_peak"] <= 0.8 * hi + 1e-9
        assert w.loc[week, "distance_km"] <= 0.8 * w.loc[week - 1, "distance_km"] + 0.2
        assert w.loc[week, "fraction_of_peak"] >= 0.8 * min(lo, w.loc[week - 1,
                                                                    "fraction_of_peak"]) - 0.01
    none = build_plan(**{**BASE, "recovery_every": 0})
    assert not none.weeks.is_recovery_week.any()
    three = build_plan(**{**BASE, "recovery_every": 3})
    assert three.weeks.week[three.weeks.is_recovery_week].tolist() == [3, 6, 9, 12, 15]
    with pytest.raises(InputError, match="recovery_every") as exc:
        build_plan(**{**BASE, "recovery_every": 2})
    assert exc.value.field == "recovery_every"


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


def test_hard_days_never_consecutive(plan):
    """Key sessions, long runs and the race: never two on consecutive days (the method)."""
    s = plan.sessions
    hard = s[s.kind.isin(["key", "long", "race"])].date
    assert (hard.diff().dropna().dt.days >= 2).all()
    w = plan.weeks
    build = w[~w.is_race_week & ~w.is_recovery_week & (w.phase == "General Preparation")]
    assert build.key_sessions.eq(2).all()  # two speed sessions a week in General Preparation


def test_time_at_goal_pace_grows_through_specific_preparation(plan):
    w = plan.weeks
    sp = w[(w.phase == "Specific Preparation") & ~w.is_recovery_week].goal_pace_min.to_numpy()
    assert (np.diff(sp) >= 0).all()
    assert sp[-1] >= 70 and sp[-1] > sp[0]
    assert (w[w.phase == "General Preparation"].goal_pace_min == 0).all()
    # it lives in the long run: "the last N min at goal pace"
    gp = plan.sessions[(plan.sessions.zone == "goal pace") & (plan.sessions.kind == "long")]
    last = gp.iloc[-1]
    assert f"the last {last.work_min:.0f} min" in last.description


def test_key_workouts_follow_the_cycle_table(plan):
    s = plan.sessions[plan.sessions.kind.isin(["key", "long"]) & (plan.sessions.work_min > 0)]
    s = s.merge(plan.weeks[["week", "cycle"]], on="week")
    zones = s.groupby("cycle").zone.agg(set)
    assert zones["1"] == {"speed"}
    assert zones["2"] == {"anaerobic capacity"}
    assert zones["3"] == {"anaerobic capacity", "VO2max"}
    assert zones["4"] == {"VO2max"}
    assert zones["5"] == {"VO2max", "acidosis threshold"}
    assert zones["9"] == {"acidosis threshold", "goal pace"}
    s = s[s.kind == "key"]
    sprints = s[s.zone == "speed"]
    assert sprints.rep_s.between(5, 20).all()
    assert (sprints.recovery_s.between(180, 300)).all()
    long_sprints = s[s.zone == "anaerobic capacity"]
    assert long_sprints.rep_s.between(30, 90).all()
    assert (long_sprints.recovery_s >= 2 * long_sprints.rep_s).all()
    vo2 = s[s.zone == "VO2max"]
    assert vo2.rep_s.between(180, 300).all()
    assert (vo2.recovery_s <= vo2.rep_s).all()
    reps = s[s.zone.isin(["speed", "anaerobic capacity", "VO2max"])]
    assert (reps.reps_min == 2).all()  # the method: start with two repeats
    assert (reps.reps_min < reps.reps_max).all()
    assert reps.description.str.contains("Start with 2 and add reps").all()
    assert reps.description.str.contains("stop when one more would be exhausting").all()


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


def test_three_runs_a_week_keep_the_defining_work():
    p3 = build_plan(**{**BASE, "runs_per_week": 3})
    s = p3.sessions.merge(p3.weeks[["week", "cycle"]], on="week")
    hard = s[(s.kind.isin(["key", "long"])) & (s.work_min > 0)]
    by_cycle = hard.groupby("cycle").zone.agg(set)
    assert "VO2max" in by_cycle["3"] and "VO2max" in by_cycle["4"]
    assert "acidosis threshold" in by_cycle["5"]
    for c in ("6", "7", "8", "9"):  # goal pace at the end of the long run
        assert "goal pace" in by_cycle[c]
    running = s[s.kind.isin(["easy", "long", "key"])].groupby("week").size()
    assert (running <= 3).all()
    for _week, days in s[s.week < s.week.max()].groupby("week"):  # the long run is longest
        runs = days[days.kind.isin(["easy", "long", "key"])]
        assert runs[runs.kind == "long"].distance_km.max() >= runs.distance_km.max() - 1e-9


def test_strength_in_general_preparation(plan):
    s = plan.sessions.merge(plan.weeks[["week", "phase"]], on="week")
    gp = s[s.phase == "General Preparation"]
    assert gp.groupby("week").strength.sum().eq(2).all()  # 2 days a week (seed 001: 2-4)
    assert gp.groupby("week").description.apply(
        lambda d: d.str.contains("plyometrics").sum()).eq(1).all()  # plyometrics once a week
    assert not s[s.phase != "General Preparation"].strength.any()
    focus = gp.groupby("week").description.apply(lambda d: " ".join(d))
    assert "Strength endurance" in focus.iloc[0]  # 6-week blocks: endurance, then stability
    assert "Stability" in focus.iloc[6] and "Strength endurance" not in focus.iloc[6]


def test_warnings_for_aggressive_choices(plan):
    assert any("10%" in w for w in plan.warnings)  # cycle 6 jumps from 75% to 85%
    assert any("not yet realistic" in w for w in build_plan(
        **{**BASE, "goal_time_s": 9300}).warnings)


@pytest.mark.parametrize(
    ("change", "field", "needle"),
    [
        ({"race_date": dt.date(2026, 11, 1)}, "race_date", "in the past"),
        ({"race_date": dt.date(2027, 1, 10)}, "phases", "only 7 whole weeks.*at least 10 weeks"),
        ({"race_date": dt.date(2027, 3, 14)}, "phases", "shorten the phases to 16 weeks"),
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


RACE_MONDAY = dt.date(2027, 9, 6)  # room for 30 weeks after TODAY


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    race_weekday=st.integers(0, 6),
    runs=st.integers(3, 7),
    long_day=st.integers(0, 6),
    week_start=st.integers(0, 6),
    taper=st.integers(1, 4),
    peak=st.floats(10, 200),
    distance=st.sampled_from(["marathon", "half"]),
    method=st.sampled_from(["speed-first", "traditional"]),
    five_k=st.sampled_from([900.0, 1088.0, 1300.0, 1680.0, 2100.0, 2700.0]),
    recovery=st.sampled_from([0, 3, 4, 5, 6]),
    general=st.integers(4, 10),
    specific=st.integers(5, 12),
)
def test_every_plan_keeps_the_coaching_rules(race_weekday, runs, long_day, week_start, taper,
                                             peak, distance, method, five_k, recovery,
                                             general, specific):
    """The issue's grid: no plan from valid input breaks an error-level rule."""
    race = RACE_MONDAY + dt.timedelta(days=race_weekday)
    p = build_plan(race_date=race, peak_weekly=peak, races={5000.0: five_k}, today=TODAY,
                   general_weeks=general, specific_weeks=specific, taper_weeks=taper,
                   runs_per_week=runs, long_run_day=long_day, week_start=week_start,
                   method=method, race_distance=distance, recovery_every=recovery)
    errors = [f for f in check_plan(p) if f.severity == "error"]
    assert errors == []
    s = p.sessions
    assert len(p.weeks) == general + specific + taper
    assert (s.kind == "race").sum() == 1 and s.date.max().date() == race
    assert s.kind.iloc[-1] == "race"
    assert (s.distance_km >= 0).all() and (s.work_min <= s.minutes + 1e-9).all()
    sums = s.groupby("week").distance_km.sum().round(1).to_numpy()
    assert sums == pytest.approx(p.weeks.distance_km.to_numpy(), abs=0.05)
    running = s[s.kind.isin(["easy", "long", "key"])].groupby("week").size()
    assert (running <= runs).all()
    training = s[s.kind != "race"].groupby("week").distance_km.sum()
    # never much over the planned week: only the 30-min floor of each run may add some,
    # so a week well over its plan has its easy runs at that floor
    planned = p.weeks.set_index("week").fraction_of_peak * peak * 1.609344
    over = training[training > planned * 1.1 + 0.5].index
    easy = s[(s.kind == "easy") & s.week.isin(over) & (s.title != "Shakeout")]
    assert (easy.minutes <= 31).all()


def test_templates_are_data():
    assert [c.cycle for c in SPEED_FIRST] == [str(i) for i in range(1, 10)] + ["taper"]
    assert [c.fraction for c in SPEED_FIRST][:6] == [
        (0.55, 0.55), (0.60, 0.60), (0.65, 0.65), (0.70, 0.70), (0.75, 0.75), (0.85, 0.90)]
    assert TRADITIONAL[0].phase == "Base"


# --------------------------------------------------------------------------
# the cases a coach would not sign (plan engine v2)
# --------------------------------------------------------------------------
def _days_before(p, kinds):
    s = p.sessions
    race = p.inputs.race_date
    return {(race - d.date()).days: k for d, k in zip(s.date, s.kind, strict=True)
            if k in kinds}


@pytest.mark.parametrize(("race", "week_start"), [
    (dt.date(2027, 4, 19), "monday"),     # Boston: a Monday race
    (dt.date(2027, 4, 21), "monday"),     # a Wednesday race
    (dt.date(2027, 4, 18), "sunday"),     # a Sunday race, weeks starting on Sunday
    (dt.date(2027, 4, 24), "monday"),     # a Saturday race
])
def test_race_week_is_counted_back_from_race_day(race, week_start):
    p = build_plan(**{**BASE, "race_date": race, "week_start": week_start})
    s = p.sessions
    assert s.date.iloc[-1].date() == race and s.kind.iloc[-1] == "race"
    assert (race - p.weeks.start_date.iloc[-1].date()).days == 6  # the last week ends on it
    hard = _days_before(p, ("key", "long"))
    assert not {1, 2} & set(hard)  # nothing hard in the last 2 days
    assert not [k for k, kind in hard.items() if kind == "long" and k <= 5]
    tune_ups = s[(s.kind == "key") & ((race - s.date.dt.date).apply(lambda d: d.days) <= 5)]
    assert len(tune_ups) == 1 and tune_ups.zone.iloc[0] == "goal pace"
    assert tune_ups.work_min.iloc[0] <= 20
    eve = s.iloc[-2]
    assert eve.kind == "rest" or eve.minutes <= 30
    runs_before = s[(s.week == s.week.max()) & s.kind.isin(["easy", "key"])]
    assert len(runs_before) >= 3  # a midweek race still has its race-week runs before it


def test_taper_is_race_relative_and_shrinks():
    p = build_plan(**{**BASE, "taper_weeks": 4, "general_weeks": 7})
    w = p.weeks[p.weeks.phase == "Taper"]
    assert (p.inputs.race_date - w.start_date.iloc[0].date()).days == 4 * 7 - 1
    thr = p.sessions[(p.sessions.title == "Threshold run (taper)")].rep_s.tolist()
    assert thr == sorted(thr, reverse=True) and thr[0] > thr[-1]  # it does shrink
    gp = p.sessions[p.sessions.title.str.startswith("Long run with goal pace (taper)")]
    assert gp.work_min.is_monotonic_decreasing


def test_one_week_taper_eases_in_and_warns():
    p = build_plan(**{**BASE, "taper_weeks": 1})
    assert p.weeks.fraction_of_peak.iloc[-2] <= 0.75 + 1e-9  # the peak does not run into race week
    assert any("1-week taper" in w and "Bosquet" in w for w in p.warnings)


def test_half_marathon_defaults_and_heart_rate():
    p = build_plan(race_date=RACE, peak_weekly=80, units="km", race_distance="half",
                   races={10000.0: 2400.0}, goal_time_s=5280, today=TODAY, hr_max=185)
    assert p.inputs.taper_weeks == 2  # Bosquet 2007: about two weeks
    z = p.zones.set_index("zone").loc["goal pace"]
    assert (z.hr_low_pct, z.hr_high_pct) == (85.0, 92.0)
    assert z.label == "half-marathon pace"
    assert p.sessions[p.sessions.kind == "race"].distance_km.iloc[0] == pytest.approx(21.1)
    gp = p.sessions[p.sessions.zone == "goal pace"]
    assert (gp[gp.kind != "race"].work_min * 60 <= 0.6 * 5280).all()
    assert "/km" in gp.description.iloc[0] and "HR" in gp.description.iloc[0]
    m = build_plan(**BASE)
    assert m.inputs.taper_weeks == 3
    zm = m.zones.set_index("zone").loc["goal pace"]
    assert (zm.hr_low_pct, zm.hr_high_pct) == (80.0, 90.0)


def test_unrealistic_goal_trains_at_the_fastest_stretch():
    p = build_plan(**{**BASE, "goal_time_s": 2 * 3600 + 35 * 60})  # 18:08 5K, 2:35 goal
    assert p.goal.verdict == "not yet realistic"
    z = p.zones.set_index("zone")
    gp_fast = z.loc["goal pace", "pace_fast_s_per_mi"]
    assert gp_fast > z.loc["acidosis threshold", "pace_slow_s_per_mi"]
    # the trained time is 4 % faster than the Daniels prediction from the 18:08 5K (2:53:40)
    assert p.trained_goal_time_s == pytest.approx((2 * 3600 + 53 * 60 + 40) * 0.96, abs=3)
    assert any("trains goal pace at" in w and "2:35:00 as the race target" in w
               for w in p.warnings)
    race = p.sessions.iloc[-1]
    assert "2:35:00 goal" in race.description and "The plan trained you at" in race.description
    imp = build_plan(**{**BASE, "goal_time_s": 2 * 3600 + 10 * 60})
    assert imp.goal.verdict == "impossible"
    assert imp.trained_goal_time_s == pytest.approx(p.trained_goal_time_s, abs=3)
    real = build_plan(**{**BASE, "goal_time_s": 3 * 3600})
    assert real.trained_goal_time_s == 3 * 3600  # a realistic goal is trained as it is


def test_beginner_weeks_have_no_toy_runs():
    p = build_plan(race_date=RACE, peak_weekly=30, races={5000.0: 28 * 60.0},
                   goal_time_s=4.5 * 3600, today=TODAY)
    s = p.sessions
    runs = s[s.kind.isin(["easy", "long", "key"])]
    short = runs[runs.minutes < 30]
    assert short.title.eq("Shakeout").all() and len(short) <= 1
    for _week, days in runs[runs.week < p.weeks.week.max()].groupby("week"):
        assert days[days.kind == "long"].distance_km.max() == days.distance_km.max()
    assert p.weeks.long_run_km.iloc[:-1].tolist() == runs[runs.week < p.weeks.week.max()] \
        .groupby("week").distance_km.max().tolist()
    assert any("fewer than 6 a week" in w for w in p.warnings)


def test_vo2max_reps_respect_daniels_caps(plan):
    s = plan.sessions
    week_km = s[s.kind != "race"].groupby("week").distance_km.sum()
    vo2 = s[(s.kind == "key") & (s.zone == "VO2max")]
    assert len(vo2) > 0
    for r in vo2.itertuples():
        ceiling_km = r.reps_max * r.rep_s / r.pace_fast_s_per_km
        assert ceiling_km <= min(10.0, 0.08 * week_km[r.week]) + 1e-6
    # the 18:08 runner: at most about 4-5 reps of 4 min (critical-speed model: 4 x 4 min)
    assert vo2.reps_max.max() <= 6


def test_threshold_is_never_faster_than_10k_pace():
    p = build_plan(race_date=RACE, peak_weekly=30, races={5000.0: 28 * 60.0}, today=TODAY)
    thr = p.zones.set_index("zone").loc["acidosis threshold"]
    assert thr.pace_fast_s_per_mi >= 9 * 60 + 21.5  # 10K-equivalent pace 9:22/mi
    assert "10K-equivalent" in thr.source
    both = build_plan(**{**BASE, "races": {5000.0: 1088.0, 10000.0: 2260.0}})
    src = both.zones.set_index("zone").source
    assert "10K pace" in src["acidosis threshold"] and "closest to threshold" in \
        src["acidosis threshold"]
    assert "5K pace" in src["VO2max"]


def test_long_run_caps_at_high_volume():
    p = build_plan(**{**BASE, "peak_weekly": 120})
    longs = p.sessions[p.sessions.kind == "long"]
    assert longs.distance_km.max() <= 35.0
    assert longs.minutes.max() <= 150
    assert p.weeks.long_run_km.iloc[:-1].max() == longs.distance_km.max()


def test_session_text_states_the_numbers(plan):
    assert [f for f in check_plan(plan) if f.rule == "text matches numbers"] == []
    thr = plan.sessions[plan.sessions.title == "Threshold run"].iloc[0]
    assert f"{thr.rep_s / 60:.0f} min continuous" in thr.description
    assert f"About {thr.minutes:.0f} min" in thr.description


def test_check_plan_finds_a_broken_plan(plan):
    import dataclasses

    s = plan.sessions.copy()
    eve = len(s) - 2  # the day before the race becomes a long run
    s.loc[eve, ["kind", "title", "distance_km", "minutes"]] = ["long", "Long run", 20.0, 110.0]
    broken = dataclasses.replace(plan, sessions=s)
    rules = {f.rule for f in check_plan(broken) if f.severity == "error"}
    assert {"race week", "hard days apart"} <= rules


def test_frame_converts_columns_like_pandas():
    """frame()'s fast conversions give what numpy's and pandas' own conversions give."""
    import pandas as pd

    from speedfirst.plan.model import frame

    dates = [dt.date(2027, 4, 18), dt.date(1969, 12, 31), dt.date(2000, 2, 29)]
    rows = [{"d": dates[0], "n": 3, "s": "a", "b": True},
            {"d": dates[1], "n": None, "s": "b"},
            {"d": dates[2], "n": float("nan"), "x": 2.5}]
    f = frame(rows, ("d", "n", "s", "b", "x", "w"),
              {"d": "date", "n": "Int64", "s": "str", "b": "bool"}, given={"w": [1, 2, 3]})
    expected = pd.DataFrame({
        "d": np.array(dates, dtype="datetime64[D]").astype("datetime64[s]"),
        "n": pd.array([3, None, None], dtype="Int64"),
        "s": pd.array(["a", "b", "nan"], dtype="str"),
        "b": [True, False, False],
        "x": [np.nan, np.nan, 2.5],
        "w": [1.0, 2.0, 3.0],
    })
    pd.testing.assert_frame_equal(f, expected)
