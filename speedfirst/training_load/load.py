"""Training load of a plan day by day, and fitness, fatigue and form through it.

The load unit (the TRIMP-minute) is explained in :mod:`speedfirst.training_load`.

References
----------
.. [Edwards1993] Edwards, S. (1993). *The Heart Rate Monitor Book*. Polar
   Electro Oy: summated heart-rate-zone TRIMP, minutes in each of five
   zones (50–60, 60–70, 70–80, 80–90, 90–100 % HRmax) multiplied by 1–5.
.. [Banister1975] Banister, E. W., Calvert, T. W., Savage, M. V. & Bach, T.
   (1975). A systems model of training for athletic performance. *Australian
   Journal of Sports Medicine* 7, 57–61.
.. [Allen2010] Allen, H. & Coggan, A. (2010). *Training and Racing with a
   Power Meter*, 2nd ed.: chronic and acute training load (42- and 7-day
   exponentially weighted averages) and training stress balance = CTL − ATL.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from speedfirst.errors import InputError
from speedfirst.training_load.distribution import ZONE_ORDER, zone_minutes

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from speedfirst.plan import Plan

__all__ = ["ZONE_INTENSITY", "daily_load", "ewma_load", "fitness_fatigue"]

ZONE_INTENSITY: dict[str, int] = {
    "speed": 5,
    "anaerobic capacity": 5,
    "VO2max": 5,
    "acidosis threshold": 4,
    "goal pace": 4,
    "easy": 2,
}
"""Intensity factor of each zone: its heart-rate zone number in Edwards' TRIMP.

Edwards [Edwards1993]_ scores 50–60 % HRmax as 1, 60–70 % as 2, 70–80 % as 3,
80–90 % as 4 and 90–100 % as 5. Easy running (65–79 % HRmax) is scored 2,
goal pace (80–90 %) and acidosis threshold (85–90 %) 4, VO2max (97–100 %) 5.
Speed and anaerobic-capacity reps are supramaximal: heart rate lags behind
them, so they take the top factor, 5.
"""


def _session_load(sessions: pd.DataFrame) -> np.ndarray:
    """Load of every session [TRIMP-min]."""
    factors = np.array([ZONE_INTENSITY[z] for z in ZONE_ORDER], dtype=float)
    return zone_minutes(sessions) @ factors


def daily_load(plan: Plan) -> pd.DataFrame:
    """Training load of every calendar day from the first plan day to race day.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64, one row per day, no gaps) and ``load``
        [TRIMP-min]: Σ minutes in zone × :data:`ZONE_INTENSITY` factor; 0 on
        rest and strength days.

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> d = daily_load(p)
    >>> str(d.date.iloc[0].date()), str(d.date.iloc[-1].date()), len(d)
    ('2026-11-23', '2027-04-18', 147)
    >>> float(d.load.iloc[-1])  # the race: 165 min at goal pace × 4
    660.0
    """
    sessions = plan.sessions
    dates = pd.to_datetime(sessions["date"]).to_numpy().astype("datetime64[D]")
    first = dates.min()
    last = max(dates.max(), np.datetime64(plan.inputs.race_date, "D"))
    day = (dates - first).astype("int64")
    n = int((last - first).astype("int64")) + 1
    load = np.bincount(day, weights=_session_load(sessions), minlength=n)
    all_days = np.arange(first, last + np.timedelta64(1, "D"), dtype="datetime64[D]")
    return pd.DataFrame({"date": all_days.astype(sessions["date"].dtype
                                                 if sessions["date"].dtype.kind == "M"
                                                 else "datetime64[s]"),
                         "load": load})


def _check_tau(value: float, name: str) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float | np.number)
            or not math.isfinite(value) or value <= 0):
        raise InputError(f"{name} must be a positive number of days, got {value!r}", field=name)
    return float(value)


def _check_gain(value: float, name: str) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float | np.number)
            or not math.isfinite(value) or value < 0):
        raise InputError(f"{name} must be a number of at least 0, got {value!r}", field=name)
    return float(value)


def ewma_load(load: Sequence[float] | np.ndarray, tau: float, initial: float = 0.0) -> np.ndarray:
    """Exponentially weighted average of a daily load with time constant ``tau``.

    ``y[t] = y[t−1]·exp(−1/τ) + (1 − exp(−1/τ))·load[t]``, starting from
    ``y[−1] = initial``: the chronic / acute training load of [Allen2010]_,
    i.e. Banister's recursive impulse–response sum [Banister1975]_ scaled by
    ``1 − exp(−1/τ)`` so the result is in load-per-day units (a constant
    load ``w`` settles at ``w``).

    This is *not* ``pandas.Series.ewm(span=τ)``: that uses
    ``α = 2/(span + 1)`` (0.047 for 42 days, against
    ``1 − exp(−1/42)`` = 0.0235 here) and a different start, so it is
    deliberately not used.

    Parameters
    ----------
    load : array-like of float
        Daily load, one value per consecutive day.
    tau : float
        Time constant [days], > 0.
    initial : float
        Value on the day before the first [load units/day].

    Returns
    -------
    numpy.ndarray of float
        Same length as ``load``; day ``t`` includes ``load[t]``.

    Examples
    --------
    A single impulse decays with ``exp(−n/τ)``:

    >>> y = ewma_load([100.0, 0.0, 0.0], tau=42.0)
    >>> bool(np.allclose(y, 100 * (1 - np.exp(-1 / 42)) * np.exp(-np.arange(3) / 42)))
    True
    """
    tau = _check_tau(tau, "tau")
    w = np.asarray(load, dtype=float)
    decay = math.exp(-1.0 / tau)
    gain = 1.0 - decay
    out = np.empty(len(w))
    y = float(initial)
    for t, x in enumerate(w.tolist()):  # plain floats: ~10x faster than numpy scalars
        y = y * decay + gain * x
        out[t] = y
    return out


def fitness_fatigue(
    plan: Plan,
    tau_fitness: float = 42.0,
    tau_fatigue: float = 7.0,
    k_fitness: float = 1.0,
    k_fatigue: float = 1.0,
    initial_fitness: float | None = None,
) -> pd.DataFrame:
    """Fitness, fatigue and form through the plan (impulse–response model).

    Uses the CTL / ATL / TSB convention [Allen2010]_ of the fitness–fatigue
    model [Banister1975]_: fitness (chronic training load, CTL) and fatigue
    (acute training load, ATL) are exponentially weighted averages of the
    daily load (:func:`ewma_load`) with time constants of 42 and 7 days, and
    form is the balance between them going *into* the day::

        fitness[t] = fitness[t−1]·e^(−1/τ1) + (1 − e^(−1/τ1))·w[t]
        fatigue[t] = fatigue[t−1]·e^(−1/τ2) + (1 − e^(−1/τ2))·w[t]
        form[t]    = k1·fitness[t−1] − k2·fatigue[t−1]

    Fitness and fatigue are in TRIMP-min per day and include day ``t``'s
    load; form, like the training stress balance of [Allen2010]_ (TSB =
    yesterday's CTL − yesterday's ATL), is the freshness before that day's
    session, so race-day form says how fresh the runner starts the race.
    With the default gains k1 = k2 = 1, form is exactly TSB = CTL − ATL.
    (Banister's original sums have no ``1 − e^(−1/τ)`` factor and typically
    k2 ≈ 2·k1; with the normalised averages used here, equal gains already
    weight a unit of load about six times more in fatigue than in fitness,
    ``(1 − e^(−1/7)) / (1 − e^(−1/42))`` ≈ 5.7; ``k_fatigue=2`` on top would
    leave even a three-week taper with negative race-day form.)
    ``pandas.Series.ewm(span=...)`` decays with ``α = 2/(span + 1)`` instead
    and is deliberately not used.

    Parameters
    ----------
    plan : Plan
    tau_fitness, tau_fatigue : float
        Time constants τ1 and τ2 [days], > 0.
    k_fitness, k_fatigue : float
        Gains k1 and k2 of the form, ≥ 0.
    initial_fitness : float, optional
        Load per day [TRIMP-min/day] the runner was absorbing before the
        plan; fitness and fatigue both start there (a steady state, form
        0 with equal gains). Default: the mean daily load of the first plan
        week, the volume the plan assumes the runner can already handle.

    Returns
    -------
    pandas.DataFrame
        One row per day from the first plan day to race day: ``date``,
        ``load`` [TRIMP-min], ``fitness``, ``fatigue`` (after the day's
        session) and ``form`` (before it) [TRIMP-min/day].

    Raises
    ------
    InputError
        For a time constant that is not a positive number or a gain or
        initial fitness that is negative, naming the field.

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> ff = fitness_fatigue(p)
    >>> list(ff.columns)
    ['date', 'load', 'fitness', 'fatigue', 'form']
    >>> bool(ff.form.iloc[-1] > 0)  # the taper leaves the runner fresh on race day
    True
    """
    tau1 = _check_tau(tau_fitness, "tau_fitness")
    tau2 = _check_tau(tau_fatigue, "tau_fatigue")
    k1 = _check_gain(k_fitness, "k_fitness")
    k2 = _check_gain(k_fatigue, "k_fatigue")
    daily = daily_load(plan)
    w = daily["load"].to_numpy(dtype=float)
    if initial_fitness is None:
        start = float(w[:7].mean()) if len(w) else 0.0
    else:
        start = _check_gain(initial_fitness, "initial_fitness")
    fitness = ewma_load(w, tau1, start)
    fatigue = ewma_load(w, tau2, start)
    before_fitness = np.concatenate(([start], fitness[:-1]))
    before_fatigue = np.concatenate(([start], fatigue[:-1]))
    return pd.DataFrame({
        "date": daily["date"],
        "load": w,
        "fitness": fitness,
        "fatigue": fatigue,
        "form": k1 * before_fitness - k2 * before_fatigue,
    })
