"""How many reps one session holds: D′ drained by the reps, restored in the recoveries.

The model and its assumptions are in :mod:`speedfirst.critical_speed`.

References
----------
.. [Skiba2012] Skiba, P. F., Chidnok, W., Vanhatalo, A. & Jones, A. M.
   (2012). Modeling the expenditure and reconstitution of work capacity
   above critical power. *Medicine & Science in Sports & Exercise* 44(8),
   1526–1532.
.. [Skiba2021] Skiba, P. F. & Clarke, D. C. (2021). The W′ balance model:
   mathematical and methodological considerations. *International Journal
   of Sports Physiology and Performance* 16(11), 1561–1572.
.. [Karp] Karp, J. R. *The Endurance of Speed*: unlimited reps and a high
   volume of reps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from speedfirst.errors import InputError

__all__ = [
    "DEFAULT_REP_DURATIONS_S",
    "MAX_WORK_S",
    "REPS_COLUMNS",
    "SessionCapacity",
    "recovery_time_constant",
    "reps_table",
    "session_capacity",
]

MAX_WORK_S: float = 2400.0
"""Safety ceiling on the total time at pace in one session [s] (40 min)."""

DEFAULT_REP_DURATIONS_S: tuple[float, ...] = (30.0, 60.0, 120.0, 240.0, 480.0)
"""Rep durations of :func:`reps_table` [s]: each a multiple of the one before."""

REPS_COLUMNS: tuple[str, ...] = (
    "pace_s_per_km", "rep_s", "recovery_s", "reps", "time_at_pace_s", "time_at_pace_min",
    "distance_at_pace_m", "limited_by", "tau_s", "cs_m_per_s", "d_prime_m",
)
"""Columns of :func:`reps_table`."""

_TOL = 1e-9  # relative tolerance when comparing a deficit with D′


class SessionCapacity(NamedTuple):
    """Reps a session holds and the time they spend at pace [s]."""

    reps: int
    time_at_pace_s: float


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------
def _number(value: object, field: str, what: str, lo: float, hi: float,
            *, lo_open: bool = True) -> float:
    """``value`` as a float within (lo, hi] (or [lo, hi]), else InputError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InputError(f"{what} must be a number, got {value!r}", field=field)
    x = float(value)
    ok = math.isfinite(x) and (lo < x if lo_open else lo <= x) and x <= hi
    if not ok:
        bracket = "(" if lo_open else "["
        raise InputError(f"{what} must be in {bracket}{lo:g}, {hi:g}], got {value!r}",
                         field=field)
    return x


def _check_cs(cs_m_per_s: object, d_prime_m: object) -> tuple[float, float]:
    cs = _number(cs_m_per_s, "cs_m_per_s", "critical speed [m/s]", 0.5, 12.0)
    dp = _number(d_prime_m, "d_prime_m", "D′ [m]", 0.0, 5000.0)
    return cs, dp


# --------------------------------------------------------------------------
# recovery and one session
# --------------------------------------------------------------------------
def recovery_time_constant(cs_m_per_s: float, recovery_pace_s_per_km: float | None = None) -> float:
    """Time constant τ [s] of D′ recovery at a recovery pace.

    ``τ = 546 · e^(−0.01 · DCS) + 316`` [Skiba2012]_ with
    ``DCS = 100 · (CS − v_recovery) / CS``, the gap below critical speed as a
    percentage of it (our adaptation of the watts-based fit to running; see
    the module notes).

    Parameters
    ----------
    cs_m_per_s : float
        Critical speed [m/s].
    recovery_pace_s_per_km : float, optional
        Jog pace during recoveries [s/km]; ``None`` for standing or walking
        (speed 0). Must be slower than critical speed.

    Returns
    -------
    float
        τ [s].

    Examples
    --------
    >>> round(recovery_time_constant(4.4))   # standing
    517
    >>> round(recovery_time_constant(4.4, 1000 / 3.3))   # jogging at 75 % of CS
    741
    """
    cs = _number(cs_m_per_s, "cs_m_per_s", "critical speed [m/s]", 0.5, 12.0)
    v_rec = 0.0
    if recovery_pace_s_per_km is not None:
        pace = _number(recovery_pace_s_per_km, "recovery_pace_s_per_km",
                       "recovery pace [s/km]", 60.0, 3600.0)
        v_rec = 1000.0 / pace
        if v_rec >= cs:
            raise InputError(
                f"the recovery pace ({pace:.0f} s/km) must be slower than critical speed "
                f"({1000.0 / cs:.0f} s/km): a recovery at or above it restores nothing",
                field="recovery_pace_s_per_km")
    dcs = 100.0 * (cs - v_rec) / cs
    return 546.0 * math.exp(-0.01 * dcs) + 316.0


def _deficit(drain_m: float, n: int, k: float) -> float:
    """Deficit [m] at the end of rep ``n``: ``drain · (1 − qⁿ) / (1 − q)``, q = e^(−k)."""
    if k == 0.0:
        return drain_m * n
    return drain_m * math.expm1(-n * k) / math.expm1(-k)


def session_capacity(
    cs_m_per_s: float,
    d_prime_m: float,
    pace_s_per_km: float,
    rep_s: float,
    recovery_s: float,
    recovery_pace_s_per_km: float | None = None,
    *,
    max_work_s: float = MAX_WORK_S,
) -> SessionCapacity:
    """Reps a runner can do at a pace before one more would be exhausting.

    Each rep drains D′ by ``(v − CS) · rep_s`` [Monod1965]_ [Jones2010]_;
    each recovery restores the deficit exponentially with the time constant
    of :func:`recovery_time_constant` [Skiba2012]_. The count is the largest
    number of reps whose deficit stays within D′ (the unlimited-reps rule
    [Karp]_), capped so the total time at pace stays within ``max_work_s``.

    Parameters
    ----------
    cs_m_per_s : float
        Critical speed [m/s].
    d_prime_m : float
        D′ [m].
    pace_s_per_km : float
        Rep pace [s/km].
    rep_s : float
        Duration of one rep [s].
    recovery_s : float
        Recovery after each rep [s], 0 or more.
    recovery_pace_s_per_km : float, optional
        Jog pace of the recoveries [s/km]; ``None`` stands or walks.
    max_work_s : float
        Safety ceiling on the total time at pace [s].

    Returns
    -------
    SessionCapacity
        ``reps`` and ``time_at_pace_s`` (= reps · rep_s) [s].

    Raises
    ------
    InputError
        Naming the field: a non-number, a non-positive value, a rep longer
        than an hour, a recovery pace at or faster than critical speed.

    Examples
    --------
    An 18:08 5K runner (CS 4.40 m/s, D′ 215 m) at 3:33/km, jogging at
    5:00/km for half as long as each rep: 4-minute reps hold 12 minutes at
    pace, 1-minute reps 16.

    >>> session_capacity(4.4, 215.0, 213.0, 240.0, 120.0, 300.0)
    SessionCapacity(reps=3, time_at_pace_s=720.0)
    >>> session_capacity(4.4, 215.0, 213.0, 60.0, 30.0, 300.0)
    SessionCapacity(reps=16, time_at_pace_s=960.0)

    Slower than critical speed, only the ceiling ends the session:

    >>> session_capacity(4.4, 215.0, 240.0, 600.0, 60.0)
    SessionCapacity(reps=4, time_at_pace_s=2400.0)
    """
    cs, dp = _check_cs(cs_m_per_s, d_prime_m)
    pace = _number(pace_s_per_km, "pace_s_per_km", "rep pace [s/km]", 60.0, 3600.0)
    rep = _number(rep_s, "rep_s", "rep duration [s]", 0.0, 3600.0)
    rec = _number(recovery_s, "recovery_s", "recovery [s]", 0.0, 3 * 3600.0, lo_open=False)
    ceiling = _number(max_work_s, "max_work_s", "ceiling on time at pace [s]", 0.0, 4 * 3600.0)
    tau = recovery_time_constant(cs, recovery_pace_s_per_km)
    n_cap = math.floor(ceiling / rep * (1.0 + _TOL))
    drain = (1000.0 / pace - cs) * rep  # D′ used by one rep [m]
    if drain <= 0.0:
        return SessionCapacity(n_cap, n_cap * rep)
    k = rec / tau
    limit = dp * (1.0 + _TOL)

    def fits(n: int) -> bool:
        return _deficit(drain, n, k) <= limit

    if k > 0.0 and drain / -math.expm1(-k) <= limit:  # the deficit levels off inside D′
        return SessionCapacity(n_cap, n_cap * rep)
    if k == 0.0:
        guess = math.floor(dp / drain)
    else:  # solve drain · (1 − qⁿ) / (1 − q) = D′ for n
        guess = math.floor(math.log1p(dp * math.expm1(-k) / drain) / -k)
    n = max(0, min(guess, n_cap))
    while n < n_cap and fits(n + 1):
        n += 1
    while n > 0 and not fits(n):
        n -= 1
    return SessionCapacity(n, n * rep)


def reps_table(
    cs_m_per_s: float,
    d_prime_m: float,
    pace_s_per_km: float | Iterable[float],
    rep_durations_s: Iterable[float] = DEFAULT_REP_DURATIONS_S,
    recovery_ratio: float = 1.0,
    recovery_pace_s_per_km: float | None = None,
    *,
    max_work_s: float = MAX_WORK_S,
) -> pd.DataFrame:
    """Session capacity over rep durations (and paces), as a tidy frame.

    Every rep duration is paired with a recovery of ``recovery_ratio`` times
    it, and :func:`session_capacity` gives the reps and the time at pace.

    Parameters
    ----------
    cs_m_per_s, d_prime_m : float
        Critical speed [m/s] and D′ [m].
    pace_s_per_km : float or iterable of float
        Rep pace(s) [s/km].
    rep_durations_s : iterable of float
        Rep durations [s]; :data:`DEFAULT_REP_DURATIONS_S` by default.
    recovery_ratio : float
        Recovery / rep time [-], 0 to 10.
    recovery_pace_s_per_km : float, optional
        Jog pace of the recoveries [s/km]; ``None`` stands or walks.
    max_work_s : float
        Ceiling on the time at pace [s].

    Returns
    -------
    pandas.DataFrame
        One row per (pace, rep duration), columns :data:`REPS_COLUMNS`:
        ``reps``, ``time_at_pace_s`` [s], ``time_at_pace_min`` [min],
        ``distance_at_pace_m`` [m], ``limited_by`` (``"D′"`` or
        ``"ceiling"``), ``tau_s`` (recovery time constant [s]) and the
        runner's ``cs_m_per_s`` and ``d_prime_m``.

    Examples
    --------
    >>> t = reps_table(4.4, 215.0, 205.0, recovery_ratio=1.0, recovery_pace_s_per_km=300.0)
    >>> t[["rep_s", "reps", "time_at_pace_min"]].to_dict("list")
    {'rep_s': [30.0, 60.0, 120.0, 240.0, 480.0], 'reps': [22, 10, 5, 2, 0], \
'time_at_pace_min': [11.0, 10.0, 10.0, 8.0, 0.0]}
    """
    ratio = _number(recovery_ratio, "recovery_ratio", "recovery / rep ratio", 0.0, 10.0,
                    lo_open=False)
    paces = ([pace_s_per_km] if isinstance(pace_s_per_km, int | float | np.number)
             else list(pace_s_per_km))
    durations = list(rep_durations_s)
    if not paces or not durations:
        raise InputError("give at least one pace and one rep duration", field="rep_durations_s")
    tau = recovery_time_constant(cs_m_per_s, recovery_pace_s_per_km)
    rows = []
    for pace in paces:
        for rep in durations:
            cap = session_capacity(cs_m_per_s, d_prime_m, pace, rep, ratio * float(rep),
                                   recovery_pace_s_per_km, max_work_s=max_work_s)
            n_cap = math.floor(float(max_work_s) / float(rep) * (1.0 + _TOL))
            rows.append({
                "pace_s_per_km": float(pace),
                "rep_s": float(rep),
                "recovery_s": ratio * float(rep),
                "reps": cap.reps,
                "time_at_pace_s": cap.time_at_pace_s,
                "time_at_pace_min": cap.time_at_pace_s / 60.0,
                "distance_at_pace_m": cap.time_at_pace_s * 1000.0 / float(pace),
                "limited_by": "ceiling" if cap.reps >= n_cap else "D′",
                "tau_s": tau,
                "cs_m_per_s": float(cs_m_per_s),
                "d_prime_m": float(d_prime_m),
            })
    df = pd.DataFrame(rows, columns=list(REPS_COLUMNS))
    df["reps"] = df["reps"].astype("int64")
    df["limited_by"] = df["limited_by"].astype(str)
    return df
