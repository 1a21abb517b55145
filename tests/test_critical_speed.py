"""Critical speed, D′ balance and session capacity (speedfirst.critical_speed)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from speedfirst import critical_speed
from speedfirst.equivalence import equivalent_time
from speedfirst.errors import InputError
from speedfirst.units import METERS_PER_MILE


def brute_force(cs, dp, pace, rep, rec, rec_pace=None, ceiling=critical_speed.MAX_WORK_S):
    """Step rep by rep through the D′ balance (the definition, without the closed form)."""
    tau = critical_speed.recovery_time_constant(cs, rec_pace)
    drain = (1000.0 / pace - cs) * rep
    deficit, n = 0.0, 0
    while (n + 1) * rep <= ceiling * (1 + 1e-9):
        peak = deficit + max(drain, 0.0)
        if peak > dp * (1 + 1e-9):
            break
        n += 1
        deficit = peak * math.exp(-rec / tau)
    return n


# --------------------------------------------------------------------------
# critical speed
# --------------------------------------------------------------------------
def test_two_points_give_the_line_through_them():
    cs = critical_speed.critical_speed({1500.0: 240.0, 5000.0: 900.0})
    assert cs.cs_m_per_s == pytest.approx(3500.0 / 660.0)
    assert cs.d_prime_m == pytest.approx(1500.0 - 3500.0 / 660.0 * 240.0)


def test_three_points_on_a_line_are_fitted_exactly():
    cs_true, dp_true = 4.5, 200.0
    races = {d: (d - dp_true) / cs_true for d in (1500.0, 3000.0, 5000.0)}
    cs = critical_speed.critical_speed(races)
    assert cs == pytest.approx((cs_true, dp_true))


def test_from_race_uses_the_mile_and_5k_equivalents():
    mile = equivalent_time(5000.0, 1088.0, METERS_PER_MILE)
    expected = critical_speed.critical_speed({METERS_PER_MILE: mile, 5000.0: 1088.0})
    assert critical_speed.critical_speed_from_race(5000.0, 1088.0) == pytest.approx(expected)
    # CS sits between 5K and half-marathon speed (close to 10K), D′ in the usual 150–300 m
    half = equivalent_time(5000.0, 1088.0, 21097.5)
    ten_k = equivalent_time(5000.0, 1088.0, 10000.0)
    assert 5000.0 / 1088.0 > expected.cs_m_per_s > 21097.5 / half
    assert expected.cs_m_per_s == pytest.approx(10000.0 / ten_k, rel=0.02)
    assert 150.0 < expected.d_prime_m < 300.0


def test_critical_speed_needs_two_distances_and_a_positive_d_prime():
    with pytest.raises(InputError) as e:
        critical_speed.critical_speed({5000.0: 1088.0})
    assert e.value.field == "races"
    with pytest.raises(InputError) as e:  # the 5K is relatively faster than the 1500
        critical_speed.critical_speed({1500.0: 300.0, 5000.0: 960.0})
    assert e.value.field == "races"


# --------------------------------------------------------------------------
# recovery
# --------------------------------------------------------------------------
def test_recovery_time_constant_follows_skiba_with_gap_in_percent_of_cs():
    assert critical_speed.recovery_time_constant(4.0) == pytest.approx(546 * math.exp(-1) + 316)
    jog = critical_speed.recovery_time_constant(4.0, 1000.0 / 3.0)  # 75 % of CS: gap 25 %
    assert jog == pytest.approx(546 * math.exp(-0.25) + 316)
    assert jog > critical_speed.recovery_time_constant(4.0)  # standing recovers faster


def test_recovery_at_or_above_cs_is_refused():
    with pytest.raises(InputError) as e:
        critical_speed.recovery_time_constant(4.0, 250.0)
    assert e.value.field == "recovery_pace_s_per_km"


# --------------------------------------------------------------------------
# session capacity
# --------------------------------------------------------------------------
def test_no_recovery_is_d_prime_over_the_drain():
    # 1 m/s above CS, 30 s reps: each rep uses 30 m of a 200 m D′ -> 6 reps
    got = critical_speed.session_capacity(4.0, 200.0, 200.0, 30.0, 0.0)
    assert got == (6, 180.0)
    assert isinstance(got, critical_speed.SessionCapacity)


def test_matches_the_rep_by_rep_definition():
    cases = [(4.4, 215.0, 213.0, 240.0, 120.0, 300.0), (4.4, 215.0, 185.0, 60.0, 120.0, None),
             (3.5, 150.0, 250.0, 90.0, 45.0, 400.0), (5.2, 300.0, 170.0, 20.0, 180.0, None)]
    for cs, dp, pace, rep, rec, rp in cases:
        assert critical_speed.session_capacity(cs, dp, pace, rep, rec, rp).reps == brute_force(
            cs, dp, pace, rep, rec, rp)


def test_one_rep_longer_than_d_prime_allows_gives_zero():
    assert critical_speed.session_capacity(4.0, 100.0, 200.0, 150.0, 60.0) == (0, 0.0)


def test_the_ceiling_stops_a_session_below_cs():
    got = critical_speed.session_capacity(4.0, 200.0, 300.0, 300.0, 60.0, max_work_s=1800.0)
    assert got == (6, 1800.0)


@pytest.mark.parametrize(("field", "args"), [
    ("cs_m_per_s", (0.0, 200.0, 200.0, 60.0, 60.0)),
    ("cs_m_per_s", ("4", 200.0, 200.0, 60.0, 60.0)),
    ("d_prime_m", (4.0, -5.0, 200.0, 60.0, 60.0)),
    ("d_prime_m", (4.0, math.nan, 200.0, 60.0, 60.0)),
    ("pace_s_per_km", (4.0, 200.0, 0.0, 60.0, 60.0)),
    ("pace_s_per_km", (4.0, 200.0, True, 60.0, 60.0)),
    ("rep_s", (4.0, 200.0, 200.0, 0.0, 60.0)),
    ("rep_s", (4.0, 200.0, 200.0, math.inf, 60.0)),
    ("recovery_s", (4.0, 200.0, 200.0, 60.0, -1.0)),
    ("recovery_pace_s_per_km", (4.0, 200.0, 200.0, 60.0, 60.0, 200.0)),
])
def test_invalid_inputs_name_the_field(field, args):
    with pytest.raises(InputError) as e:
        critical_speed.session_capacity(*args)
    assert e.value.field == field


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------
runner = st.tuples(st.floats(3.0, 6.5), st.floats(80.0, 400.0))  # CS [m/s], D′ [m]
rel_speed = st.floats(0.7, 1.6)  # rep speed / CS
ratio = st.floats(0.0, 3.0)
recovery = st.one_of(st.none(), st.floats(0.3, 0.95))  # jog speed / CS, or standing


def _jog(cs, rel):
    return None if rel is None else 1000.0 / (cs * rel)


@settings(max_examples=300, deadline=None)
@given(runner, rel_speed, st.floats(5.0, 300.0), st.integers(1, 16), ratio, recovery)
def test_shorter_reps_never_hold_less_time_at_pace(r, speed, short, m, k, jog):
    """Same pace and recovery ratio: exact when the long rep is a multiple of the short one."""
    cs, dp = r
    pace = 1000.0 / (cs * speed)
    long_ = short * m
    assume(long_ <= 3600.0)
    a = critical_speed.session_capacity(cs, dp, pace, short, k * short, _jog(cs, jog))
    b = critical_speed.session_capacity(cs, dp, pace, long_, k * long_, _jog(cs, jog))
    assert a.time_at_pace_s >= b.time_at_pace_s - 1e-6


@settings(max_examples=300, deadline=None)
@given(runner, rel_speed, st.floats(5.0, 600.0), st.floats(5.0, 600.0), ratio, recovery)
def test_any_shorter_rep_loses_at_most_one_short_rep_to_rounding(r, speed, x, y, k, jog):
    cs, dp = r
    short, long_ = sorted((x, y))
    pace = 1000.0 / (cs * speed)
    a = critical_speed.session_capacity(cs, dp, pace, short, k * short, _jog(cs, jog))
    b = critical_speed.session_capacity(cs, dp, pace, long_, k * long_, _jog(cs, jog))
    assert a.time_at_pace_s > b.time_at_pace_s - short - 1e-6


@settings(max_examples=300, deadline=None)
@given(runner, rel_speed, rel_speed, st.floats(5.0, 600.0), ratio, recovery)
def test_a_faster_pace_never_holds_more(r, s1, s2, rep, k, jog):
    cs, dp = r
    slow, fast = sorted((s1, s2))
    a = critical_speed.session_capacity(cs, dp, 1000.0 / (cs * fast), rep, k * rep, _jog(cs, jog))
    b = critical_speed.session_capacity(cs, dp, 1000.0 / (cs * slow), rep, k * rep, _jog(cs, jog))
    assert a.reps <= b.reps
    assert a.time_at_pace_s <= b.time_at_pace_s


@settings(max_examples=200, deadline=None)
@given(runner, st.floats(0.5, 1.0), st.floats(5.0, 900.0), ratio, recovery,
       st.floats(60.0, 7200.0))
def test_slower_than_cs_only_the_ceiling_stops(r, speed, rep, k, jog, ceiling):
    cs, dp = r
    got = critical_speed.session_capacity(cs, dp, 1000.0 / (cs * speed), rep, k * rep,
                                          _jog(cs, jog), max_work_s=ceiling)
    assert got.reps == math.floor(ceiling / rep * (1 + 1e-9))
    assert got.time_at_pace_s <= ceiling * (1 + 1e-9)


@settings(max_examples=200, deadline=None)
@given(runner, rel_speed, st.floats(5.0, 600.0), ratio, recovery)
def test_closed_form_agrees_with_stepping(r, speed, rep, k, jog):
    cs, dp = r
    pace = 1000.0 / (cs * speed)
    got = critical_speed.session_capacity(cs, dp, pace, rep, k * rep, _jog(cs, jog))
    assert got.reps == brute_force(cs, dp, pace, rep, k * rep, _jog(cs, jog))


@settings(max_examples=100, deadline=None)
@given(runner, rel_speed, st.floats(5.0, 600.0), st.floats(0.0, 2.0), st.floats(0.0, 2.0))
def test_more_recovery_never_holds_less(r, speed, rep, k1, k2):
    cs, dp = r
    less, more = sorted((k1, k2))
    pace = 1000.0 / (cs * speed)
    a = critical_speed.session_capacity(cs, dp, pace, rep, less * rep)
    b = critical_speed.session_capacity(cs, dp, pace, rep, more * rep)
    assert b.reps >= a.reps


# --------------------------------------------------------------------------
# table
# --------------------------------------------------------------------------
def test_reps_table_is_tidy_and_consistent():
    t = critical_speed.reps_table(4.4, 215.0, [213.0, 185.0], recovery_ratio=0.5,
                        recovery_pace_s_per_km=300.0)
    assert list(t.columns) == list(critical_speed.REPS_COLUMNS)
    assert len(t) == 2 * len(critical_speed.DEFAULT_REP_DURATIONS_S)
    assert (t.recovery_s == 0.5 * t.rep_s).all()
    assert (t.time_at_pace_s == t.reps * t.rep_s).all()
    assert t.distance_at_pace_m.tolist() == pytest.approx(
        (t.time_at_pace_s * 1000.0 / t.pace_s_per_km).tolist())
    for pace, part in t.groupby("pace_s_per_km"):
        assert part.time_at_pace_s.is_monotonic_decreasing, pace
        for row in part.itertuples():
            assert (row.reps, row.time_at_pace_s) == critical_speed.session_capacity(
                4.4, 215.0, pace, row.rep_s, row.recovery_s, 300.0)
    # the faster pace holds less at every rep length
    fast = t[t.pace_s_per_km == 185.0].time_at_pace_s.to_numpy()
    slow = t[t.pace_s_per_km == 213.0].time_at_pace_s.to_numpy()
    assert (fast <= slow).all() and (fast < slow).any()


def test_reps_table_marks_the_ceiling():
    t = critical_speed.reps_table(4.4, 215.0, 260.0)  # slower than CS
    assert set(t.limited_by) == {"ceiling"}
    assert (t.time_at_pace_s == critical_speed.MAX_WORK_S).all()


def test_reps_table_checks_its_own_inputs():
    with pytest.raises(InputError) as e:
        critical_speed.reps_table(4.4, 215.0, 213.0, recovery_ratio=-1)
    assert e.value.field == "recovery_ratio"
    with pytest.raises(InputError) as e:
        critical_speed.reps_table(4.4, 215.0, [], recovery_ratio=1)
    assert e.value.field == "rep_durations_s"
