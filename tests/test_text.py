"""Tests for speedfirst.text: the text <-> number boundary."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speedfirst.errors import InputError
from speedfirst.limits import check_race_time, parse_race
from speedfirst.text import (
    DISTANCE_FORMS,
    PACE_FORMS,
    RACE_FORMS,
    TIME_FORMS,
    format_distance,
    format_pace,
    format_time,
    parse_distance,
    parse_pace,
    parse_time,
)
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE

FAST = settings(max_examples=150, deadline=None)
GARBAGE = settings(max_examples=200, deadline=None)

# Characters that build near misses: mostly valid pieces in invalid orders.
NEAR_MISS = st.text(alphabet="0123456789:.=/- hmsHMkKiIlepr\t", max_size=16)
ANY_TEXT = st.one_of(st.text(max_size=30), NEAR_MISS)


# --------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("18:08", 1088.0),
        ("0:45", 45.0),
        ("5:00", 300.0),
        ("05:00", 300.0),
        ("2:48:39", 10119.0),
        ("0:18:08", 1088.0),
        ("4:05.3", 245.3),
        ("2:48:39.5", 10119.5),
        ("999:00", 59940.0),
        ("  18:08\n", 1088.0),
        ("2h", 7200.0),
        ("45m", 2700.0),
        ("1h 25m", 5100.0),
        ("90s", 90.0),
        ("25m30s", 1530.0),
        ("1h05m", 3900.0),
        ("1h25m30s", 5130.0),
        ("1H 25M 30S", 5130.0),
        ("1h30s", 3630.0),
        ("12.5s", 12.5),
        ("24:00:00", 86400.0),
        ("24h", 86400.0),
    ],
)
def test_parse_time_accepts(text: str, seconds: float) -> None:
    assert parse_time(text) == pytest.approx(seconds, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", None),
        ("25:61", "seconds must be below 60"),
        ("18:60", "seconds must be below 60"),
        ("18:6O", None),
        ("18:6", "two digits"),
        ("18:068", "two digits"),
        ("1:5:00", "two digits"),
        ("1:60:00", "below 60"),
        ("-18:08", "positive"),
        ("-5m", "positive"),
        ("0:00", "above zero"),
        ("0h", "above zero"),
        ("0:00:00", "above zero"),
        ("nan", None),
        ("inf", None),
        ("NaN:00", None),
        ("24:00:01", "24 hours"),
        ("25h", "24 hours"),
        ("1500:00", "24 hours"),
        ("1h60m", "below 60"),
        ("5m60s", "below 60"),
        ("18", None),
        ("18:", None),
        (":08", None),
        ("1:02:03:04", None),
        ("30s 5m", None),
        ("18:08 pm", None),
        ("1e3", None),
        ("١٨:٠٨", None),  # Arabic-Indic digits are not accepted
        ("9" * 5000 + ":00", "24 hours"),
    ],
)
def test_parse_time_rejects(text: str, reason: str | None) -> None:
    with pytest.raises(InputError) as info:
        parse_time(text)
    message = str(info.value)
    assert repr(text) in message
    assert TIME_FORMS in message
    assert info.value.field == "time"
    if reason is not None:
        assert reason in message


def test_parse_time_message_matches_documented_example() -> None:
    with pytest.raises(InputError) as info:
        parse_time("18:6O")
    assert str(info.value) == (
        "not a time: '18:6O'. Use m:ss, h:mm:ss or 1h25m30s (e.g. 18:08, 2:48:39, 4:05.3)."
    )


@pytest.mark.parametrize("bad", [None, 1088, 18.08])
def test_parse_time_rejects_non_text(bad: object) -> None:
    with pytest.raises(InputError, match="expected text"):
        parse_time(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1088, "18:08"),
        (10119, "2:48:39"),
        (45, "0:45"),
        (0, "0:00"),
        (59.4, "0:59"),
        (59.5, "1:00"),
        (3599.5, "1:00:00"),
        (3600, "1:00:00"),
        (3660, "1:01:00"),
        (36000, "10:00:00"),
        (86400, "24:00:00"),
        (600.0, "10:00"),
    ],
)
def test_format_time(seconds: float, text: str) -> None:
    assert format_time(seconds) == text


@pytest.mark.parametrize("bad", [-1, -0.6, math.nan, math.inf, -math.inf, "18:08", None])
def test_format_time_rejects(bad: object) -> None:
    with pytest.raises(InputError):
        format_time(bad)  # type: ignore[arg-type]


@FAST
@given(st.integers(min_value=1, max_value=86400))
def test_time_round_trip_whole_seconds(seconds: int) -> None:
    assert parse_time(format_time(seconds)) == seconds


@FAST
@given(st.floats(min_value=0.5, max_value=86400.49))
def test_format_time_rounds_to_nearest_second(seconds: float) -> None:
    text = format_time(seconds)
    assert parse_time(text) == math.floor(seconds + 0.5)
    assert ":60" not in text


# ----------------------------------------------------------------- distances


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("mile", METERS_PER_MILE),
        ("Mile", METERS_PER_MILE),
        ("1500m", 1500.0),
        ("3K", 3000.0),
        ("5K", 5000.0),
        ("5k", 5000.0),
        ("8K", 8000.0),
        ("10K", 10000.0),
        ("15K", 15000.0),
        ("10 mi", 16093.44),
        ("half", HALF_MARATHON_M),
        ("half marathon", HALF_MARATHON_M),
        ("Half  Marathon", HALF_MARATHON_M),
        ("half-marathon", HALF_MARATHON_M),
        ("hm", HALF_MARATHON_M),
        ("HM", HALF_MARATHON_M),
        ("marathon", MARATHON_M),
        ("Marathon", MARATHON_M),
        ("full", MARATHON_M),
        ("full marathon", MARATHON_M),
        ("26.2mi", 26.2 * METERS_PER_MILE),
        ("21.0975 km", HALF_MARATHON_M),
        ("800 m", 800.0),
        ("3000m", 3000.0),
        ("2 miles", 2 * METERS_PER_MILE),
        ("1 mile", METERS_PER_MILE),
        ("42.195km", MARATHON_M),
        (" 10 KM ", 10000.0),
        (".5 mi", 0.5 * METERS_PER_MILE),
        ("100 m", 100.0),
        ("500 km", 500000.0),
    ],
)
def test_parse_distance_accepts(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres, rel=1e-12)


def test_26_2_miles_is_not_snapped_to_marathon() -> None:
    assert parse_distance("26.2mi") == pytest.approx(42164.8128, abs=1e-6)
    assert parse_distance("26.2mi") != MARATHON_M


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("banana", None),
        ("m", "ambiguous"),
        ("M", "ambiguous"),
        ("0 km", "above zero"),
        ("0m", "above zero"),
        ("-5km", "positive"),
        ("-5 K", "positive"),
        ("nan km", None),
        ("inf km", None),
        ("nan", None),
        ("5000", "unit is required"),
        ("26.2", "unit is required"),
        ("50 m", "100 m to 500 km"),
        ("99m", "100 m to 500 km"),
        ("501 km", "100 m to 500 km"),
        ("1000 mi", "100 m to 500 km"),
        ("9" * 400 + " km", "too large"),
        ("5 K 5", None),
        ("5 parsecs", None),
        ("km", None),
        ("half half", None),
        ("1,500 m", None),
        ("5e3 m", None),
    ],
)
def test_parse_distance_rejects(text: str, reason: str | None) -> None:
    with pytest.raises(InputError) as info:
        parse_distance(text)
    message = str(info.value)
    assert repr(text) in message
    assert DISTANCE_FORMS in message
    assert info.value.field == "distance"
    if reason is not None:
        assert reason in message


@pytest.mark.parametrize(
    ("metres", "name"),
    [
        (METERS_PER_MILE, "mile"),
        (5000.0, "5K"),
        (10000.0, "10K"),
        (HALF_MARATHON_M, "half marathon"),
        (MARATHON_M, "marathon"),
        (8000.0, "8.0 km"),
        (15000.0, "15.0 km"),
        (26.2 * METERS_PER_MILE, "42.2 km"),
        (800.0, "800 m"),
        (5000.3, "5K"),
        (5001.0, "5.0 km"),
    ],
)
def test_format_distance(metres: float, name: str) -> None:
    assert format_distance(metres) == name


@pytest.mark.parametrize("bad", [0.0, -5000.0, math.nan, math.inf, "5K", True])
def test_format_distance_rejects(bad: object) -> None:
    with pytest.raises(InputError):
        format_distance(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------- paces


@pytest.mark.parametrize(
    ("text", "s_per_km"),
    [
        ("6:15/mi", 375.0 * 1000.0 / METERS_PER_MILE),
        ("6:15 /mile", 375.0 * 1000.0 / METERS_PER_MILE),
        ("6:15 per mile", 375.0 * 1000.0 / METERS_PER_MILE),
        ("4:00/km", 240.0),
        ("4:00 / km", 240.0),
        ("4:00 per km", 240.0),
        ("4:00 min/km", 240.0),
        ("4:00 MIN/KM", 240.0),
        ("4:05.5/km", 245.5),
        ("4m30s/km", 270.0),
        ("1:30/km", 90.0),
        ("30:00/km", 1800.0),
    ],
)
def test_parse_pace_accepts(text: str, s_per_km: float) -> None:
    assert parse_pace(text) == pytest.approx(s_per_km, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4:00", "unit is required"),
        ("6:15", "/km or /mi"),
        ("", "empty"),
        ("fast", None),
        ("/km", "time is missing"),
        ("abc/km", "'abc' is not a time"),
        ("4:0/km", "is not a time"),
        ("1:29/km", "faster than 1:30/km"),
        ("1:00/km", "faster than 1:30/km"),
        ("2:20/mi", "faster than 1:30/km"),
        ("30:01/km", "slower than 30:00/km"),
        ("49:00/mi", "slower than 30:00/km"),
        ("4:00/hour", None),
        ("4:00/parsec", None),
        ("-4:00/km", "is not a time"),
        ("nan/km", "is not a time"),
    ],
)
def test_parse_pace_rejects(text: str, reason: str | None) -> None:
    with pytest.raises(InputError) as info:
        parse_pace(text)
    message = str(info.value)
    assert repr(text) in message
    assert PACE_FORMS in message
    assert info.value.field == "pace"
    if reason is not None:
        assert reason in message


@pytest.mark.parametrize(
    ("pace", "unit", "text"),
    [
        (240.0, "km", "4:00/km"),
        (375.0 * 1000.0 / METERS_PER_MILE, "mi", "6:15/mi"),
        (233.0, "mi", "6:15/mi"),
        (359.6, "km", "6:00/km"),
        (359.4, "km", "5:59/km"),
        (299.5, "km", "5:00/km"),
        (4000.0, "km", "66:40/km"),
    ],
)
def test_format_pace(pace: float, unit: str, text: str) -> None:
    assert format_pace(pace, unit) == text


def test_format_pace_defaults_to_miles() -> None:
    assert format_pace(240.0) == "6:26/mi"


@pytest.mark.parametrize(
    ("pace", "unit"),
    [(240.0, "mile"), (240.0, "KM"), (240.0, ""), (0.0, "km"), (-1.0, "mi"), (math.nan, "km")],
)
def test_format_pace_rejects(pace: float, unit: str) -> None:
    with pytest.raises(InputError):
        format_pace(pace, unit)


@FAST
@given(st.floats(min_value=90.0, max_value=1800.0), st.sampled_from(["mi", "km"]))
def test_pace_round_trip_within_half_second(pace: float, unit: str) -> None:
    text = format_pace(pace, unit)
    assert ":60" not in text
    assert text.endswith(f"/{unit}")
    metres = METERS_PER_MILE if unit == "mi" else 1000.0
    error_in_unit = abs(parse_pace(text) - pace) * metres / 1000.0
    assert error_in_unit <= 0.5 + 1e-9


# --------------------------------------------------------------------- races


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5K=18:08", (5000.0, 1088.0)),
        ("marathon=2:48:39", (MARATHON_M, 10119.0)),
        ("half=1:25:00", (HALF_MARATHON_M, 5100.0)),
        ("mile=5:10", (METERS_PER_MILE, 310.0)),
        ("10K = 40:00", (10000.0, 2400.0)),
        ("half marathon=1h25m", (HALF_MARATHON_M, 5100.0)),
    ],
)
def test_parse_race_accepts(text: str, expected: tuple[float, float]) -> None:
    assert parse_race(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5K 18:08", "expected one '='"),
        ("5K=18:08=x", "expected one '='"),
        ("", "expected one '='"),
        ("=", "not a distance"),
        ("5K=", "not a time"),
        ("=18:08", "not a distance"),
        ("5=18:08", "unit is required"),
        ("5K=18:6O", "not a time: '18:6O'"),
        ("5K=11:00", "faster than the world record"),
        ("5K=2:00:01", "slower than"),
        ("300m=1:00", "800 m to 50 km"),
        ("60km=5:00:00", "800 m to 50 km"),
        ("18:08=5K", "not a distance"),
    ],
)
def test_parse_race_rejects(text: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        parse_race(text)
    message = str(info.value)
    assert repr(text) in message
    assert RACE_FORMS in message
    assert "DIST=TIME" in message
    assert reason in message
    assert info.value.field == "race"


# Anchors restated here so the tests check the documented numbers.
FAST_ANCHORS = [
    (METERS_PER_MILE, 210.0),
    (5000.0, 720.0),
    (10000.0, 1500.0),
    (HALF_MARATHON_M, 3360.0),
    (MARATHON_M, 7140.0),
]
SLOW_ANCHORS = [
    (METERS_PER_MILE, 1800.0),
    (5000.0, 7200.0),
    (10000.0, 14400.0),
    (HALF_MARATHON_M, 16200.0),
    (MARATHON_M, 28800.0),
]


def _power_law(d: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    exponent = math.log(b[1] / a[1]) / math.log(b[0] / a[0])
    return a[1] * (d / a[0]) ** exponent


def test_check_race_time_message_matches_documented_example() -> None:
    with pytest.raises(InputError) as info:
        check_race_time(5000.0, 660.0)
    assert str(info.value) == (
        "a 5K in 11:00 is faster than the world record; check the time "
        "(accepted: 12:00 to 2:00:00 for 5K)"
    )


@pytest.mark.parametrize(("distance", "fast"), FAST_ANCHORS)
def test_fast_anchor_is_the_limit(distance: float, fast: float) -> None:
    check_race_time(distance, fast)
    with pytest.raises(InputError, match="faster than the world record"):
        check_race_time(distance, fast - 1.0)


@pytest.mark.parametrize(("distance", "slow"), SLOW_ANCHORS)
def test_slow_anchor_is_the_limit(distance: float, slow: float) -> None:
    check_race_time(distance, slow)
    with pytest.raises(InputError, match="slower than"):
        check_race_time(distance, slow + 1.0)


@pytest.mark.parametrize(
    ("distance", "fast_segment", "slow_segment"),
    [
        (800.0, (0, 1), (0, 1)),  # extrapolated below the mile
        (3000.0, (0, 1), (0, 1)),
        (8000.0, (1, 2), (1, 2)),
        (15000.0, (2, 3), (2, 3)),
        (30000.0, (3, 4), (3, 4)),
        (50000.0, (3, 4), (3, 4)),  # extrapolated beyond the marathon
    ],
)
def test_limits_are_log_log_interpolated(
    distance: float, fast_segment: tuple[int, int], slow_segment: tuple[int, int]
) -> None:
    fast = _power_law(distance, *(FAST_ANCHORS[i] for i in fast_segment))
    slow = _power_law(distance, *(SLOW_ANCHORS[i] for i in slow_segment))
    check_race_time(distance, fast * 1.0001)
    check_race_time(distance, slow * 0.9999)
    with pytest.raises(InputError, match="faster"):
        check_race_time(distance, fast * 0.9999)
    with pytest.raises(InputError, match="slower"):
        check_race_time(distance, slow * 1.0001)


@pytest.mark.parametrize(
    ("distance", "time", "expected"),
    [
        (MARATHON_M, 30000.0, "a marathon in 8:20:00 is slower"),
        (HALF_MARATHON_M, 3000.0, "a half marathon in 50:00 is faster"),
        (METERS_PER_MILE, 200.0, "a mile in 3:20 is faster"),
        (8000.0, 100.0, "an 8.0 km in 1:40 is faster"),
        (800.0, 60.0, "an 800 m in 1:00 is faster"),
    ],
)
def test_check_race_time_names_the_distance(distance: float, time: float, expected: str) -> None:
    with pytest.raises(InputError) as info:
        check_race_time(distance, time)
    assert str(info.value).startswith(expected)
    assert f"for {format_distance(distance)})" in str(info.value)


@pytest.mark.parametrize("distance", [799.0, 400.0, 50001.0, 100000.0])
def test_check_race_time_rejects_distances_outside_range(distance: float) -> None:
    with pytest.raises(InputError, match="race distances from 800 m to 50 km are supported"):
        check_race_time(distance, 3600.0)


@pytest.mark.parametrize(
    ("distance", "time"),
    [(5000.0, 0.0), (5000.0, -1.0), (5000.0, math.nan), (math.nan, 1000.0), (5000.0, math.inf)],
)
def test_check_race_time_rejects_non_numbers(distance: float, time: float) -> None:
    with pytest.raises(InputError, match="finite number above zero"):
        check_race_time(distance, time)


@pytest.mark.parametrize(
    ("distance", "time"),
    [(800.0, 100.0), (5000.0, 1088.0), (MARATHON_M, 10119.0), (50000.0, 9000.0)],
)
def test_check_race_time_accepts_real_results(distance: float, time: float) -> None:
    assert check_race_time(distance, time) is None


# ------------------------------------------------- garbage never escapes as other errors


def _assert_positive_finite(value: float) -> None:
    assert isinstance(value, float)
    assert math.isfinite(value)
    assert value > 0


@pytest.mark.parametrize(
    ("parser", "forms"),
    [(parse_time, TIME_FORMS), (parse_distance, DISTANCE_FORMS), (parse_pace, PACE_FORMS)],
    ids=["time", "distance", "pace"],
)
@GARBAGE
@given(text=ANY_TEXT)
def test_garbage_gives_value_or_input_error(parser, forms: str, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        value = parser(text)
    except InputError as err:
        assert repr(text) in str(err)
        assert forms in str(err)
    else:
        _assert_positive_finite(value)


@GARBAGE
@given(text=st.one_of(ANY_TEXT, st.builds("{}={}".format, ANY_TEXT, ANY_TEXT)))
def test_garbage_race_gives_value_or_input_error(text: str) -> None:
    try:
        distance, time = parse_race(text)
    except InputError as err:
        assert repr(text) in str(err)
        assert RACE_FORMS in str(err)
    else:
        _assert_positive_finite(distance)
        _assert_positive_finite(time)
