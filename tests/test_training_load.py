"""Time in zones, the 80/20 check, daily load and the fitness–fatigue model."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speedfirst import training_load
from speedfirst.errors import InputError
from speedfirst.plan import build_plan
from speedfirst.zones import ZONE_NAMES

BASE = dict(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0}, goal_time_s=9900,
            today="2026-11-23")


@pytest.fixture(scope="module")
def plan():
    return build_plan(**BASE)


@pytest.fixture(scope="module")
def traditional():
    return build_plan(**BASE, method="traditional")


# --------------------------------------------------------------------------- zones
def test_zone_order_and_factors():
    assert list(training_load.ZONE_ORDER) == list(ZONE_NAMES)
    assert set(training_load.ZONE_INTENSITY) == set(ZONE_NAMES)
    # Edwards zone number of each zone's %HRmax band
    assert training_load.ZONE_INTENSITY == {"speed": 5, "anaerobic capacity": 5, "VO2max": 5,
                                   "acidosis threshold": 4, "goal pace": 4, "easy": 2}


def test_zone_minutes_rows_sum_to_minutes(plan):
    zm = training_load.zone_minutes(plan.sessions)
    assert zm.shape == (len(plan.sessions), len(training_load.ZONE_ORDER))
    np.testing.assert_allclose(zm.sum(axis=1), plan.sessions.minutes.to_numpy())
    assert (zm >= 0).all()


def test_intensity_distribution_every_pair(plan):
    d = training_load.intensity_distribution(plan)
    assert list(d.columns) == ["week", "zone", "minutes", "share"]
    assert len(d) == len(plan.weeks) * len(ZONE_NAMES)
    pairs = set(zip(d.week, d.zone, strict=True))
    assert pairs == {(w, z) for w in plan.weeks.week for z in ZONE_NAMES}
    assert d.zone.dtype == "str"
    assert d.week.dtype == "int64"
    assert d.zone.iloc[: len(ZONE_NAMES)].tolist() == list(ZONE_NAMES)
    assert (d.minutes == 0).any()  # zeros are kept


def test_intensity_distribution_values(plan):
    d = training_load.intensity_distribution(plan)
    s = plan.sessions
    weekly = d.groupby("week").minutes.sum()
    np.testing.assert_allclose(weekly.to_numpy(), s.groupby("week").minutes.sum().to_numpy())
    np.testing.assert_allclose(d.groupby("week").share.sum().to_numpy(), 1.0)
    # work minutes land in their zone; the race counts as goal pace
    for zone in ("VO2max", "acidosis threshold", "goal pace"):
        got = d[d.zone == zone].set_index("week").minutes
        want = s[s.zone == zone].groupby("week").work_min.sum().reindex(got.index,
                                                                         fill_value=0.0)
        np.testing.assert_allclose(got.to_numpy(), want.to_numpy())
    race_week = int(plan.weeks.week.iloc[-1])
    race_min = float(s[s.kind == "race"].minutes.iloc[0])
    goal = d[(d.week == race_week) & (d.zone == "goal pace")].minutes.iloc[0]
    assert goal >= race_min
    # easy = everything else
    easy = d[d.zone == "easy"].set_index("week").minutes
    want = (s.minutes - s.work_min.where(s.zone != "easy", 0.0)).groupby(s.week).sum()
    np.testing.assert_allclose(easy.to_numpy(), want.to_numpy())


def test_intensity_distribution_week_without_running(plan):
    s = plan.sessions.copy()
    s.loc[s.week == 1, ["minutes", "work_min"]] = 0.0
    p = dataclasses.replace(plan, sessions=s)
    d = training_load.intensity_distribution(p)
    w1 = d[d.week == 1]
    assert len(w1) == len(ZONE_NAMES)
    assert (w1.minutes == 0).all() and (w1.share == 0).all()


# --------------------------------------------------------------------------- phases
def test_phase_summary_columns(plan):
    ps = training_load.phase_summary(plan)
    share_cols = ["share_speed", "share_anaerobic_capacity", "share_vo2max",
                  "share_acidosis_threshold", "share_goal_pace", "share_easy"]
    assert list(ps.columns) == ["phase", "weeks", "minutes", *share_cols, "easy_share",
                                "meets_80_20"]
    assert ps.phase.tolist() == ["General Preparation", "Specific Preparation", "Taper"]
    assert ps.weeks.tolist() == [8, 10, 3]
    assert ps.meets_80_20.dtype == bool
    np.testing.assert_allclose(ps[share_cols].sum(axis=1), 1.0)
    np.testing.assert_allclose(ps.minutes.sum(), plan.sessions.minutes.sum())
    assert (ps.easy_share == ps.share_easy).all()
    assert (ps.meets_80_20 == (ps.easy_share >= 0.8)).all()


def test_phase_summary_traditional(traditional):
    ps = training_load.phase_summary(traditional)
    assert ps.phase.tolist() == ["Base", "Build", "Sharpening", "Taper"]
    assert ps.weeks.sum() == len(traditional.weeks)


def test_phase_summary_matches_intensity(plan):
    d = training_load.intensity_distribution(plan)
    phase = plan.weeks.set_index("week").phase
    gp = d.assign(phase=d.week.map(phase)).groupby(["phase", "zone"]).minutes.sum()
    ps = training_load.phase_summary(plan).set_index("phase")
    for ph in ps.index:
        np.testing.assert_allclose(gp[ph, "VO2max"] / ps.minutes[ph], ps.share_vo2max[ph])


# --------------------------------------------------------------------------- daily load
def test_daily_load_calendar(plan):
    dl = training_load.daily_load(plan)
    assert list(dl.columns) == ["date", "load"]
    assert dl.date.iloc[0] == plan.sessions.date.iloc[0]
    assert dl.date.iloc[-1].date() == plan.inputs.race_date
    assert (dl.date.diff().dropna() == pd.Timedelta(days=1)).all()
    assert dl.date.dtype == plan.sessions.date.dtype


def test_daily_load_values(plan):
    dl = training_load.daily_load(plan).set_index("date").load
    s = plan.sessions
    for kind in ("rest", "strength"):
        assert (dl[s[s.kind == kind].date] == 0).all()
    key = s[(s.kind == "key") & (s.zone == "VO2max")].iloc[0]
    want = key.work_min * 5 + (key.minutes - key.work_min) * 2
    assert dl[key.date] == pytest.approx(want)
    easy = s[s.kind == "easy"].iloc[0]
    assert dl[easy.date] == pytest.approx(easy.minutes * 2)
    assert dl.iloc[-1] == pytest.approx(9900 / 60 * 4)


# --------------------------------------------------------------------------- model
def test_single_impulse_hand_check():
    w, n = 100.0, np.arange(60)
    impulse = np.zeros(60)
    impulse[0] = w
    fit = training_load.ewma_load(impulse, 42.0)
    fat = training_load.ewma_load(impulse, 7.0)
    np.testing.assert_allclose(fit, (1 - math.exp(-1 / 42)) * w * np.exp(-n / 42), rtol=1e-12)
    np.testing.assert_allclose(fat, (1 - math.exp(-1 / 7)) * w * np.exp(-n / 7), rtol=1e-12)
    # day 10 by hand
    assert fit[10] == pytest.approx(100 * (1 - math.exp(-1 / 42)) * math.exp(-10 / 42))


def test_ewma_matches_pandas_alpha_not_span():
    rng = np.random.default_rng(1)
    w = rng.uniform(0, 400, 150)
    lam = 1 - math.exp(-1 / 42)
    ref = pd.Series([50.0, *w]).ewm(alpha=lam, adjust=False).mean().to_numpy()[1:]
    np.testing.assert_allclose(training_load.ewma_load(w, 42.0, initial=50.0), ref, rtol=1e-12)
    span = pd.Series([50.0, *w]).ewm(span=42, adjust=False).mean().to_numpy()[1:]
    assert not np.allclose(training_load.ewma_load(w, 42.0, initial=50.0), span)


def test_constant_load_is_steady_state():
    y = training_load.ewma_load(np.full(30, 120.0), 7.0, initial=120.0)
    np.testing.assert_allclose(y, 120.0)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1000), min_size=1, max_size=60), st.floats(0, 1000),
       st.floats(0.5, 100))
def test_ewma_stays_within_the_inputs(w, initial, tau):
    y = training_load.ewma_load(w, tau, initial)
    lo, hi = min(initial, *w), max(initial, *w)
    assert (y >= lo - 1e-9).all() and (y <= hi + 1e-9).all()


def test_fitness_fatigue_frame(plan):
    ff = training_load.fitness_fatigue(plan)
    dl = training_load.daily_load(plan)
    assert list(ff.columns) == ["date", "load", "fitness", "fatigue", "form"]
    pd.testing.assert_series_equal(ff.date, dl.date)
    start = dl.load.iloc[:7].mean()
    np.testing.assert_allclose(ff.fitness, training_load.ewma_load(dl.load, 42.0, start))
    np.testing.assert_allclose(ff.fatigue, training_load.ewma_load(dl.load, 7.0, start))
    # form: yesterday's fitness − yesterday's fatigue (TSB = CTL − ATL)
    np.testing.assert_allclose(ff.form.iloc[1:], (ff.fitness - ff.fatigue).iloc[:-1])
    assert ff.form.iloc[0] == pytest.approx(0.0)


def test_fitness_fatigue_gains_and_initial(plan):
    ff = training_load.fitness_fatigue(plan, k_fitness=2.0, k_fatigue=0.5, initial_fitness=0.0)
    assert ff.fitness.iloc[0] == pytest.approx((1 - math.exp(-1 / 42)) * ff.load.iloc[0])
    np.testing.assert_allclose(ff.form.iloc[1:],
                               (2 * ff.fitness - 0.5 * ff.fatigue).iloc[:-1])


def test_taper_makes_race_day_form_positive(plan):
    assert training_load.fitness_fatigue(plan).form.iloc[-1] > 0


def test_longer_taper_gives_fresher_race_day():
    short = build_plan(**BASE, taper_weeks=1)
    long = build_plan(**BASE, taper_weeks=3)
    assert short.inputs.race_date == long.inputs.race_date
    f1 = training_load.fitness_fatigue(short).form.iloc[-1]
    f3 = training_load.fitness_fatigue(long).form.iloc[-1]
    assert f1 < f3


@pytest.mark.parametrize(("field", "value"), [
    ("tau_fitness", 0.0), ("tau_fitness", -3.0), ("tau_fatigue", float("nan")),
    ("tau_fatigue", float("inf")), ("tau_fitness", "42"), ("tau_fatigue", True),
    ("k_fitness", -1.0), ("k_fatigue", float("nan")), ("initial_fitness", -5.0),
])
def test_bad_parameters_name_the_field(plan, field, value):
    with pytest.raises(InputError) as err:
        training_load.fitness_fatigue(plan, **{field: value})
    assert err.value.field == field
    assert field in str(err.value)


def test_ewma_rejects_bad_tau():
    with pytest.raises(InputError):
        training_load.ewma_load([1.0], 0.0)
