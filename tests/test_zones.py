"""Pace zones: the method's offsets, Daniels' paces, ordering and HR."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speedfirst import InputError, daniels_paces, pace_zones
from speedfirst.zones import ZONE_COLUMNS, ZONE_NAMES

MI = 1.609344


def test_columns_and_order():
    z = pace_zones({5000.0: 1200.0})
    assert tuple(z.columns) == ZONE_COLUMNS
    assert tuple(z.zone) == ZONE_NAMES
    assert (z.pace_fast_s_per_km <= z.pace_slow_s_per_km).all()
    assert z.pace_fast_s_per_mi.tolist() == pytest.approx((z.pace_fast_s_per_km * MI).tolist())


def test_offsets_from_a_20_00_5k():
    z = pace_zones({5000.0: 1200.0}).set_index("zone")
    five_k = 1200 / 5 * MI  # 386.24 s/mi
    assert z.loc["VO2max", "pace_fast_s_per_mi"] == pytest.approx(five_k - 9)
    assert z.loc["VO2max", "pace_slow_s_per_mi"] == pytest.approx(five_k - 6)
    assert z.loc["acidosis threshold", "pace_fast_s_per_mi"] == pytest.approx(five_k + 15)
    assert z.loc["acidosis threshold", "pace_slow_s_per_mi"] == pytest.approx(five_k + 18)
    assert "5K" in z.loc["VO2max", "source"]


def test_offsets_from_a_41_30_10k():
    z = pace_zones({10000.0: 2490.0}).set_index("zone")
    ten_k = 2490 / 10 * MI  # 400.73 s/mi
    assert z.loc["VO2max", "pace_fast_s_per_mi"] == pytest.approx(ten_k - 18)
    assert z.loc["VO2max", "pace_slow_s_per_mi"] == pytest.approx(ten_k - 15)
    assert z.loc["acidosis threshold", "pace_fast_s_per_mi"] == pytest.approx(ten_k + 9)
    assert z.loc["acidosis threshold", "pace_slow_s_per_mi"] == pytest.approx(ten_k + 12)
    assert "10K" in z.loc["acidosis threshold", "source"]


def test_5k_wins_over_10k_and_estimates_are_labelled():
    both = pace_zones({5000.0: 1200.0, 10000.0: 2490.0}).set_index("zone")
    assert both.loc["VO2max", "pace_fast_s_per_mi"] == pytest.approx(1200 / 5 * MI - 9)
    mile_only = pace_zones({1609.344: 330.0}).set_index("zone")
    assert "estimated" in mile_only.loc["VO2max", "source"]
    assert "estimate" in mile_only.loc["speed", "source"]


def test_goal_pace_band_and_half():
    z = pace_zones({5000.0: 1088.0}, goal_time_s=9300.0).set_index("zone")
    goal = 9300 / 42195 * 1609.344
    assert z.loc["goal pace", "pace_fast_s_per_mi"] == pytest.approx(goal - 3)
    assert z.loc["goal pace", "pace_slow_s_per_mi"] == pytest.approx(goal + 3)
    assert z.loc["goal pace", "label"] == "marathon pace"
    h = pace_zones({5000.0: 1088.0}, goal_time_s=4500.0, goal_distance_m=21097.5)
    assert h.set_index("zone").loc["goal pace", "label"] == "half-marathon pace"


def test_heart_rate():
    z = pace_zones({5000.0: 1200.0}, hr_max=190).set_index("zone")
    assert z.loc["acidosis threshold", ["hr_low_pct", "hr_high_pct"]].tolist() == [85, 90]
    assert z.loc["acidosis threshold", ["hr_low_bpm", "hr_high_bpm"]].tolist() == [162, 171]
    assert z.loc["VO2max", "hr_high_bpm"] == 190
    assert math.isnan(z.loc["speed", "hr_low_bpm"])
    no_hr = pace_zones({5000.0: 1200.0})
    assert no_hr.hr_low_bpm.isna().all()
    with pytest.raises(InputError, match="HRmax"):
        pace_zones({5000.0: 1200.0}, hr_max=300)


def test_daniels_paces_vdot_50():
    # Daniels' table for VDOT 50: T 4:15/km, M 4:31/km, R near mile pace
    t = daniels_paces(50.0).set_index("zone")
    assert list(t.index) == ["E", "M", "T", "I", "R"]
    assert t.loc["T", "pace_fast_s_per_km"] == pytest.approx(255, abs=1.5)
    assert t.loc["M", "pace_fast_s_per_km"] == pytest.approx((3 * 3600 + 649) / 42.195, abs=0.5)
    assert t.loc["I", "pace_fast_s_per_km"] == pytest.approx(230, abs=2)
    assert t.loc["E", "pace_fast_s_per_km"] == pytest.approx(293, abs=2)
    ordered = t.pace_fast_s_per_km.tolist()
    assert ordered == sorted(ordered, reverse=True)
    with pytest.raises(InputError, match="VDOT"):
        daniels_paces(5.0)


def test_method_zones_do_not_overlap():
    z = pace_zones({5000.0: 1200.0}).set_index("zone")
    order = ["speed", "anaerobic capacity", "VO2max", "acidosis threshold"]
    for faster, slower in itertools.pairwise(order):
        assert z.loc[faster, "pace_slow_s_per_km"] <= z.loc[slower, "pace_fast_s_per_km"]
    assert z.loc["easy", "pace_fast_s_per_km"] > z.loc["acidosis threshold", "pace_slow_s_per_km"]


@settings(max_examples=50, deadline=None)
@given(
    t5=st.floats(min_value=14 * 60, max_value=35 * 60),
    slower=st.floats(min_value=0.5, max_value=240.0),
    which=st.sampled_from([1609.344, 5000.0, 10000.0]),
)
def test_slower_races_never_give_faster_zones(t5, slower, which):
    from speedfirst.equivalence import equivalent_time

    t = equivalent_time(5000, t5, which)
    fast = pace_zones({which: t})
    slow = pace_zones({which: equivalent_time(5000, t5 + slower, which)})
    for col in ("pace_fast_s_per_km", "pace_slow_s_per_km"):
        assert (slow[col].to_numpy() >= fast[col].to_numpy() - 1e-9).all()
    order = ["speed", "anaerobic capacity", "VO2max", "acidosis threshold"]
    zz = fast.set_index("zone")
    for a, b in itertools.pairwise(order):
        assert zz.loc[a, "pace_slow_s_per_km"] <= zz.loc[b, "pace_fast_s_per_km"] + 1e-9
