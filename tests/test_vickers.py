"""Vickers–Vertosick marathon models against hand calculations (docs/vickers-notes.md)."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speedfirst import mileage, vickers
from speedfirst.equivalence import REALISTIC_GAP_PCT, assess_goal
from speedfirst.errors import InputError
from speedfirst.mileage import mileage_message, readiness
from speedfirst.results import RaceResult
from speedfirst.vickers import (
    OutsideFittedRange,
    vickers_marathon,
    vickers_one_race,
    vickers_two_races,
    weekly_mi_for,
    weekly_mi_from_km,
)

M = 42195.0
HALF = 21097.5
FIVE_MI = 5 * 1609.344
TEN_MI = 10 * 1609.344


# The formulas exactly as printed in the notes, with literal coefficients.
def hand_one_race(d1: float, t1: float, mpw: float, c: float = 0.06423826) -> float:
    v_r = M / (t1 * (M / d1) ** 1.07)
    return M / (0.16018617 + 0.83076202 * v_r + c * (mpw / 10))


def hand_two_race(d1: float, t1: float, d2: float, t2: float, mpw: float) -> float:  # d1 < d2
    k_obs = math.log(t2 / t1) / math.log(d2 / d1)
    k = 1.4510756 - 0.23797948 * k_obs - 0.01410023 * (mpw / 10)
    return t2 * (M / d2) ** k


def slower_than_half_pace(marathon_s: float, half_s: float) -> bool:
    """A marathon cannot be run at or faster than the same runner's half-marathon pace."""
    return marathon_s / M > half_s / HALF


# --------------------------------------------------------------------------
# Hand-computed check values
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mpw", "expected"), [(20, 12481.22), (40, 12024.26), (60, 11599.58)]
)
def test_one_race_half_matches_hand_values(mpw: float, expected: float) -> None:
    assert hand_one_race(HALF, 5400.0, mpw) == pytest.approx(expected, abs=0.5)
    assert vickers_one_race(HALF, 5400.0, mpw) == pytest.approx(expected, abs=0.5)


def test_one_race_5k_matches_hand_value() -> None:
    assert hand_one_race(5000.0, 1200.0, 40) == pytest.approx(12415.51, abs=0.5)
    assert vickers_one_race(5000.0, 1200.0, 40) == pytest.approx(12415.51, abs=0.5)


def test_two_races_matches_hand_value_in_either_order() -> None:
    assert hand_two_race(10000.0, 2400.0, HALF, 5400.0, 40) == pytest.approx(11869.10, abs=0.5)
    assert vickers_two_races(10000.0, 2400.0, HALF, 5400.0, 40) == pytest.approx(11869.10,
                                                                                 abs=0.5)
    assert vickers_two_races(HALF, 5400.0, 10000.0, 2400.0, 40) == pytest.approx(11869.10,
                                                                                 abs=0.5)


def test_prediction_slower_than_half_pace_catches_the_10x_coefficient(monkeypatch) -> None:
    # The real coefficient gives a marathon slower than half-marathon pace ...
    assert slower_than_half_pace(vickers_one_race(HALF, 5400.0, 40), 5400.0)
    # ... the 10x-wrong one (0.6423826, one family of ports) would not: 2:00:48.
    wrong = hand_one_race(HALF, 5400.0, 40, c=0.6423826)
    assert wrong == pytest.approx(7247.84, abs=0.5)
    assert not slower_than_half_pace(wrong, 5400.0)
    # And the module, patched with it, fails the same check.
    a, b, _ = vickers.MODEL1_COEFFS
    monkeypatch.setattr(vickers, "MODEL1_COEFFS", (a, b, 0.6423826))
    with pytest.warns(OutsideFittedRange, match="faster than the pace"):
        patched = vickers_one_race(HALF, 5400.0, 40)
    assert not slower_than_half_pace(patched, 5400.0)


# --------------------------------------------------------------------------
# Model choice in vickers_marathon
# --------------------------------------------------------------------------
def test_marathon_one_race_uses_model_1() -> None:
    assert vickers_marathon({HALF: 5400.0}, 40) == pytest.approx(12024.26, abs=0.5)


def test_marathon_two_distances_use_the_two_longest_up_to_the_half() -> None:
    races = {5000.0: 1150.0, 10000.0: 2400.0, HALF: 5400.0, M: 12000.0}
    assert vickers_marathon(races, 40) == pytest.approx(11869.10, abs=0.5)
    as_tuple = (RaceResult(10000.0, 2400.0), RaceResult(HALF, 5400.0))
    assert vickers_marathon(as_tuple, 40) == pytest.approx(11869.10, abs=0.5)


def test_marathon_same_distance_twice_uses_model_1_with_the_faster() -> None:
    races = (RaceResult(HALF, 5500.0), RaceResult(HALF, 5400.0))
    assert vickers_marathon(races, 40) == pytest.approx(12024.26, abs=0.5)


def test_marathon_only_a_marathon_is_refused() -> None:
    with pytest.raises(InputError) as err:
        vickers_marathon({M: 12000.0}, 40)
    assert err.value.field == "races"


# --------------------------------------------------------------------------
# Errors and warnings
# --------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [-1.0, 250.0, math.nan, math.inf])
def test_bad_mileage_names_the_keyword_and_range(bad: float) -> None:
    with pytest.raises(InputError, match="0 to 200") as err:
        vickers_one_race(HALF, 5400.0, bad)
    assert err.value.field == "weekly_mi"


def test_bad_peak_names_peak_mi() -> None:
    with pytest.raises(InputError) as err:
        mileage_message({HALF: 5400.0}, 3 * 3600, 40, peak_mi=-3)
    assert err.value.field == "peak_mi"


def test_equal_distances_raise_on_d2() -> None:
    with pytest.raises(InputError, match="different distances") as err:
        vickers_two_races(10000.0, 2400.0, 10000.0, 2380.0, 40)
    assert err.value.field == "d2"


@pytest.mark.parametrize(
    ("args", "field"),
    [((10000.0, -1.0, HALF, 5400.0), "t1"), ((10000.0, 2400.0, 99.0, 5400.0), "d2"),
     ((10000.0, 600.0, HALF, 5400.0), "t1")],
)
def test_bad_races_name_their_keyword(args: tuple[float, ...], field: str) -> None:
    with pytest.raises(InputError) as err:
        vickers_two_races(*args, 40)
    assert err.value.field == field


def test_one_race_bad_time_names_time_s() -> None:
    with pytest.raises(InputError) as err:
        vickers_one_race(HALF, 600.0, 40)
    assert err.value.field == "time_s"


def test_bad_goal_names_goal_time() -> None:
    with pytest.raises(InputError) as err:
        weekly_mi_for({HALF: 5400.0}, 3000.0)
    assert err.value.field == "goal_time_s"


def test_weekly_km_helper() -> None:
    assert weekly_mi_from_km(1.609344 * 40) == pytest.approx(40.0)
    with pytest.raises(InputError) as err:
        weekly_mi_from_km(math.nan)
    assert err.value.field == "weekly_km"


@pytest.mark.parametrize("mpw", [0.0, 4.9, 150.5, 200.0])
def test_mileage_outside_calculator_range_warns(mpw: float) -> None:
    with warnings.catch_warnings():
        # a 1:50 half at 150+ mi a week also predicts a marathon faster than half pace
        warnings.filterwarnings("ignore", "the predicted marathon", OutsideFittedRange)
        with pytest.warns(OutsideFittedRange, match="5–150"):
            vickers_one_race(HALF, 6600.0, mpw)


def test_input_distance_outside_5k_to_half_warns() -> None:
    with pytest.warns(OutsideFittedRange, match="5K to half marathon"):
        vickers_one_race(1609.344, 360.0, 40)
    with pytest.warns(OutsideFittedRange, match="5K to half marathon"):
        vickers_marathon({30000.0: 8400.0}, 40)


def test_input_pace_outside_calculator_range_warns() -> None:
    with pytest.warns(OutsideFittedRange, match="16:00/mi"):
        vickers_one_race(10000.0, 6500.0, 5)  # 17:26/mi


def test_prediction_faster_than_input_pace_warns() -> None:
    with pytest.warns(OutsideFittedRange, match="faster than the pace of your half"):
        vickers_one_race(HALF, 5400.0, 120)


@pytest.mark.parametrize("distance", [5000.0, FIVE_MI, 10000.0, TEN_MI, HALF, 21098.0])
def test_no_warning_inside_the_range(distance: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vickers_one_race(distance, distance / 1609.344 * 480.0, 40)  # 8:00/mi


# --------------------------------------------------------------------------
# weekly_mi_for
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("races", "goal"),
    [({HALF: 5400.0}, 3 * 3600 + 15 * 60), ({HALF: 5400.0}, 3 * 3600 + 25 * 60),
     ({5000.0: 1200.0}, 3 * 3600 + 15 * 60), ({5000.0: 1200.0}, 3 * 3600 + 25 * 60),
     ({10000.0: 2400.0, HALF: 5400.0}, 3 * 3600 + 15 * 60),
     ({10000.0: 2400.0, HALF: 5400.0}, 3 * 3600 + 20 * 60),
     ({5000.0: 1500.0, TEN_MI: 5000.0}, 4 * 3600),
     ({5000.0: 1500.0, TEN_MI: 5000.0}, 3 * 3600 + 45 * 60)],
)
def test_weekly_mi_for_round_trip(races: dict[float, float], goal: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # all these goals need 5-150 mi a week
        mpw = weekly_mi_for(races, goal)
        assert 5.0 < mpw < 150.0
        assert vickers_marathon(races, mpw) == pytest.approx(goal, abs=1.0)


def test_weekly_mi_for_hand_value() -> None:
    assert weekly_mi_for({HALF: 5400.0}, 12024.26) == pytest.approx(40.0, abs=0.01)


def test_weekly_mi_for_unreachable_is_inf_and_easy_is_zero() -> None:
    assert weekly_mi_for({HALF: 5400.0}, 2 * 3600 + 30 * 60) == math.inf
    assert weekly_mi_for({HALF: 5400.0}, 4 * 3600) == 0.0


# --------------------------------------------------------------------------
# readiness
# --------------------------------------------------------------------------
COLUMNS = ["model", "predicted_time_s", "gap_pct", "required_5k_s", "required_10k_s",
           "required_weekly_mi", "verdict", "verdict_text"]
FLOATS = ["predicted_time_s", "gap_pct", "required_5k_s", "required_10k_s", "required_weekly_mi"]


def test_readiness_columns_and_dtypes() -> None:
    df = readiness({10000.0: 2400.0, HALF: 5400.0}, M, 3 * 3600 + 12 * 60, 40)
    assert list(df.columns) == COLUMNS
    assert list(df.model) == ["daniels", "riegel", "cameron", "vickers"]
    for col in FLOATS:
        assert df[col].dtype == "float64", col
    for col in ("model", "verdict", "verdict_text"):
        assert pd.api.types.is_string_dtype(df[col]), col
    assert df.required_weekly_mi.iloc[:3].isna().all()
    vick = df.set_index("model").loc["vickers"]
    assert vick.predicted_time_s == pytest.approx(11869.10, abs=0.5)
    assert vick.verdict == "stretch"


def test_readiness_required_values_make_the_goal_just_realistic() -> None:
    goal = 3 * 3600 + 12 * 60
    limit = goal / (1 - REALISTIC_GAP_PCT / 100)
    races = {10000.0: 2400.0, HALF: 5400.0}
    df = readiness(races, M, goal, 40).set_index("model")
    for model in ("daniels", "riegel", "cameron"):
        t5 = df.loc[model, "required_5k_s"]
        assert assess_goal({5000.0: t5 - 1.0}, M, goal, model).verdict == "realistic"
        assert assess_goal({5000.0: t5 + 3.0}, M, goal, model).verdict == "stretch"
    assert vickers_marathon(races, df.loc["vickers", "required_weekly_mi"]) == pytest.approx(
        limit, abs=1.0)
    assert vickers_one_race(5000.0, df.loc["vickers", "required_5k_s"], 40) == pytest.approx(
        limit, abs=1.0)
    assert vickers_one_race(10000.0, df.loc["vickers", "required_10k_s"], 40) == pytest.approx(
        limit, abs=1.0)


def test_readiness_non_marathon_goal_has_nan_vickers_row() -> None:
    df = readiness({5000.0: 1200.0}, HALF, 5400.0, 40)
    vick = df.set_index("model").loc["vickers"]
    assert math.isnan(vick.predicted_time_s) and math.isnan(vick.required_weekly_mi)
    assert vick.verdict == "not applicable"
    assert "marathon only" in vick.verdict_text
    assert df.predicted_time_s.iloc[:3].notna().all()


# --------------------------------------------------------------------------
# mileage_message
# --------------------------------------------------------------------------
def test_mileage_message_parts() -> None:
    msg = mileage_message({5000.0: 18 * 60 + 8}, 3 * 3600, 40, peak_mi=55)
    assert msg.startswith("Your 5K supports 2:54 (Daniels); at 40 mi a week Vickers predicts")
    at40 = hand_one_race(5000.0, 1088.0, 40)
    at55 = hand_one_race(5000.0, 1088.0, 55)
    assert f"about {round(at40 / 60) // 60}:{round(at40 / 60) % 60:02d};" in msg
    assert f"at 55 mi about {round(at55 / 60) // 60}:{round(at55 / 60) % 60:02d}" in msg
    assert "needs about" in msg
    assert "at 55 mi" not in mileage_message({5000.0: 1088.0}, 3 * 3600, 40)


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------
distances = st.sampled_from([5000.0, FIVE_MI, 10000.0, TEN_MI, HALF])
paces = st.floats(min_value=270.0, max_value=900.0)  # s/mi, inside 210-960 and world records
mileages = st.floats(min_value=5.0, max_value=149.0)


@settings(max_examples=200, deadline=None)
@given(d=distances, pace=paces, mpw=mileages, step=st.floats(min_value=0.5, max_value=50.0))
def test_more_mileage_is_faster_one_race(d: float, pace: float, mpw: float, step: float) -> None:
    t = d / 1609.344 * pace
    hi = min(mpw + step, 150.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideFittedRange)
        assert vickers_one_race(d, t, hi) < vickers_one_race(d, t, mpw)


@settings(max_examples=200, deadline=None)
@given(pair=st.lists(distances, min_size=2, max_size=2, unique=True), p1=paces,
       slow=st.floats(min_value=0.95, max_value=1.15), mpw=mileages,
       step=st.floats(min_value=0.5, max_value=50.0))
def test_more_mileage_is_faster_two_races(pair: list[float], p1: float, slow: float, mpw: float,
                                          step: float) -> None:
    d1, d2 = sorted(pair)
    p2 = min(p1 * slow, 900.0)
    races = {d1: d1 / 1609.344 * p1, d2: d2 / 1609.344 * p2}
    hi = min(mpw + step, 150.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideFittedRange)
        assert vickers_marathon(races, hi) < vickers_marathon(races, mpw)


# --------------------------------------------------------------------------
# Mileage-aware wrappers: race_predictions, assess_goal, goal_readiness
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("mpw", "expected"), [(20, 12481.22), (40, 12024.26), (60, 11599.58)])
def test_race_predictions_adds_the_hand_computed_vickers_marathon(mpw: float,
                                                                 expected: float) -> None:
    df = mileage.race_predictions({HALF: 5400.0}, weekly_mileage=mpw)
    rows = df[df.model == "vickers"]
    assert list(rows.distance) == ["marathon"]  # the marathon only
    row = rows.iloc[0]
    assert row.time_s == pytest.approx(expected, abs=0.01)
    assert row.distance_m == M and row.from_distance_m == HALF
    assert row.pace_s_per_km == pytest.approx(expected / M * 1000)


def test_race_predictions_km_mileage_matches_miles() -> None:
    km = mileage.race_predictions({HALF: 5400.0}, weekly_mileage=40 * 1.609344,
                                  mileage_units="km")
    assert km[km.model == "vickers"].time_s.iloc[0] == pytest.approx(12024.26, abs=0.01)


def test_race_predictions_two_races_uses_model_2() -> None:
    df = mileage.race_predictions({10000.0: 2400.0, HALF: 5400.0}, weekly_mileage=40)
    assert df[df.model == "vickers"].time_s.iloc[0] == pytest.approx(11869.10, abs=0.01)


def test_race_predictions_without_mileage_is_the_equivalence_frame() -> None:
    from speedfirst.equivalence import race_predictions

    races = {5000.0: 1200.0, HALF: 5400.0}
    pd.testing.assert_frame_equal(mileage.race_predictions(races), race_predictions(races))
    with_mi = mileage.race_predictions(races, weekly_mileage=40)
    pd.testing.assert_frame_equal(with_mi[with_mi.model != "vickers"], race_predictions(races))


def test_race_predictions_no_marathon_target_no_row_and_raced_marathon_shows_race() -> None:
    df = mileage.race_predictions({HALF: 5400.0}, distances_m={"10K": 10000.0},
                                  weekly_mileage=40)
    assert "vickers" not in set(df.model)
    raced = mileage.race_predictions({HALF: 5400.0, M: 12300.0}, weekly_mileage=40)
    assert raced[raced.model == "vickers"].time_s.iloc[0] == 12300.0


@pytest.mark.parametrize(
    ("value", "units", "field"),
    [(-1, "mi", "weekly_mileage"), (201, "mi", "weekly_mileage"), (322.0, "km", "weekly_mileage"),
     (math.nan, "mi", "weekly_mileage"), (math.inf, "mi", "weekly_mileage"),
     (True, "mi", "weekly_mileage"), (40, "miles", "mileage_units")],
)
def test_wrappers_name_weekly_mileage_or_mileage_units(value: float, units: str,
                                                       field: str) -> None:
    races = {HALF: 5400.0}
    calls = [
        lambda: mileage.race_predictions(races, weekly_mileage=value, mileage_units=units),
        lambda: mileage.assess_goal(races, M, 12000.0, weekly_mileage=value,
                                    mileage_units=units),
        lambda: mileage.goal_readiness(races, M, 12000.0, value, units),
    ]
    for call in calls:
        with pytest.raises(InputError) as exc:
            call()
        assert exc.value.field == field


def test_km_upper_limit_is_200_miles() -> None:
    assert mileage.weekly_mileage_mi(321.8, "km") == pytest.approx(321.8 / 1.609344)
    with pytest.raises(InputError, match=r"321\.9 km"):
        mileage.weekly_mileage_mi(322.0, "km")


def test_assess_goal_appends_the_mileage_sentence_to_a_marathon_verdict() -> None:
    races = {5000.0: 18 * 60 + 8}
    plain = assess_goal(races, M, 3 * 3600)
    with_mi = mileage.assess_goal(races, M, 3 * 3600, weekly_mileage=40)
    assert with_mi.message == plain.message + " " + mileage_message(races, 3 * 3600, 40)
    assert "at 40 mi a week Vickers predicts about 3:10" in with_mi.message
    assert "needs about 71 mi a week" in with_mi.message
    # the verdict and numbers are still the chosen model's
    assert (with_mi.verdict, with_mi.predicted_time_s, with_mi.model) == (
        plain.verdict, plain.predicted_time_s, plain.model)


def test_assess_goal_km_and_riegel() -> None:
    races = {HALF: 5400.0}
    a = mileage.assess_goal(races, M, 3 * 3600 + 20 * 60, "riegel", weekly_mileage=64.37376,
                            mileage_units="km")
    assert a.model == "riegel"
    assert "at 40 mi a week Vickers predicts about 3:20" in a.message


def test_assess_goal_non_marathon_goal_message_unchanged() -> None:
    races = {5000.0: 18 * 60 + 8}
    plain = assess_goal(races, HALF, 80 * 60)
    assert mileage.assess_goal(races, HALF, 80 * 60, weekly_mileage=40) == plain


def test_goal_readiness_is_readiness_in_either_unit() -> None:
    races = {10000.0: 2400.0, HALF: 5400.0}
    goal = 3 * 3600 + 12 * 60
    expected = readiness(races, M, goal, 40)
    pd.testing.assert_frame_equal(mileage.goal_readiness(races, M, goal, 40), expected)
    pd.testing.assert_frame_equal(
        mileage.goal_readiness(races, M, goal, 40 * 1.609344, "km"), expected)
    assert expected.set_index("model").loc["vickers", "predicted_time_s"] == pytest.approx(
        11869.10, abs=0.01)


def test_low_mileage_in_race_predictions_warns_once() -> None:
    with pytest.warns(OutsideFittedRange, match="weekly_mileage = 2 mi") as rec:
        mileage.race_predictions({HALF: 5400.0}, weekly_mileage=2)
    assert sum("weekly_mileage" in str(w.message) for w in rec) == 1
