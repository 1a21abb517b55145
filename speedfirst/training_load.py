"""Training load of a plan: time in zones, the 80/20 check, fitness and fatigue.

Three views of the same sessions table (:attr:`speedfirst.plan.Plan.sessions`):

* :func:`intensity_distribution` and :func:`phase_summary` split running time
  into the pace zones of :data:`speedfirst.zones.ZONE_NAMES` and compare the
  easy share with the 80/20 guideline [Seiler2006]_ [Seiler2010]_.
* :func:`daily_load` weights each minute by an intensity factor
  (:data:`ZONE_INTENSITY`, after Edwards' summated heart-rate-zone TRIMP
  [Edwards1993]_) to get one load number per calendar day.
* :func:`fitness_fatigue` runs the daily load through the fitness–fatigue
  (impulse–response) model [Banister1975]_ in its "CTL / ATL / TSB" form
  [Allen2010]_.

How a session's minutes are split
---------------------------------
``minutes`` is a session's running time and ``work_min`` the part of it run
in the session's ``zone``; the rest (warm-up, cool-down, jogged recoveries,
easy and long runs) is easy running. A race counts entirely as goal pace.
Work minutes in a zone the module does not know (``""`` on rest and strength
days, which have no running time anyway) are counted as easy.

Load unit
---------
The load unit is the **TRIMP-minute**: one minute of running times the
intensity factor of its zone (:data:`ZONE_INTENSITY`). An hour of easy
running is 120 TRIMP-minutes; a 2:45 marathon at goal pace is 660.
Strength and plyometrics sessions carry **no load**: the plan gives them no
duration and heart rate does not describe them; their cost shows up only
indirectly (they replace a rest day).

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
.. [Seiler2006] Seiler, K. S. & Kjerland, G. Ø. (2006). Quantifying training
   intensity distribution in elite endurance athletes: is there evidence for
   an "optimal" distribution? *Scand. J. Med. Sci. Sports* 16, 49–56.
.. [Seiler2010] Seiler, S. (2010). What is best practice for training
   intensity and duration distribution in endurance athletes? *Int. J. Sports
   Physiol. Perform.* 5, 276–291.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from speedfirst.errors import InputError
from speedfirst.zones import ZONE_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from speedfirst.plan import Plan

__all__ = [
    "EASY_TARGET",
    "ZONE_INTENSITY",
    "ZONE_ORDER",
    "daily_load",
    "ewma_load",
    "fitness_fatigue",
    "intensity_distribution",
    "phase_summary",
    "zone_minutes",
]

ZONE_ORDER: tuple[str, ...] = tuple(ZONE_NAMES)
"""Zone names in the order of :data:`speedfirst.zones.ZONE_NAMES` (fastest first,
``"easy"`` last); the order of every zone column and row in this module."""

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

EASY_TARGET: float = 0.8
"""Share of running time at easy intensity that the 80/20 guideline asks for."""


def _snake(zone: str) -> str:
    """``"acidosis threshold"`` → ``"acidosis_threshold"``, ``"VO2max"`` → ``"vo2max"``."""
    return zone.lower().replace(" ", "_")


def zone_minutes(sessions: pd.DataFrame) -> np.ndarray:
    """Running minutes of every session in every zone.

    Parameters
    ----------
    sessions : pandas.DataFrame
        A plan's sessions table (columns ``minutes``, ``work_min``, ``zone``).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(sessions), len(ZONE_ORDER))`` [min]: ``work_min`` in the
        session's zone and ``minutes − work_min`` in ``"easy"``. Rows sum to
        ``minutes``.

    Examples
    --------
    >>> s = pd.DataFrame({"minutes": [40.0, 60.0], "work_min": [20.0, 0.0],
    ...                   "zone": ["goal pace", "easy"]})
    >>> zone_minutes(s)[:, [ZONE_ORDER.index("goal pace"), ZONE_ORDER.index("easy")]]
    array([[20., 20.],
           [ 0., 60.]])
    """
    minutes = np.nan_to_num(sessions["minutes"].to_numpy(dtype=float))
    work = np.nan_to_num(sessions["work_min"].to_numpy(dtype=float))
    work = np.clip(work, 0.0, minutes)
    easy_col = ZONE_ORDER.index("easy")
    col = {z: i for i, z in enumerate(ZONE_ORDER)}
    idx = np.array([col.get(z, easy_col) for z in sessions["zone"].astype(str)], dtype=int)
    out = np.zeros((len(sessions), len(ZONE_ORDER)))
    rows = np.arange(len(sessions))
    np.add.at(out, (rows, idx), work)
    out[:, easy_col] += minutes - work
    return out


def intensity_distribution(plan: Plan) -> pd.DataFrame:
    """Running minutes per week and zone, as a tidy table.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        One row for every (week, zone) pair, zeros included, weeks in order
        and zones in :data:`ZONE_ORDER` order. Columns ``week`` (int),
        ``zone`` (str), ``minutes`` (running minutes in that zone, see the
        module notes) and ``share`` (``minutes`` / the week's running minutes;
        0 in a week without running).

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> d = intensity_distribution(p)
    >>> len(d) == len(p.weeks) * len(ZONE_ORDER)
    True
    >>> bool(d.groupby("week").share.sum().round(9).eq(1.0).all())
    True
    """
    zm = zone_minutes(plan.sessions)
    weeks = plan.weeks["week"].to_numpy(dtype="int64")
    per_week = (pd.DataFrame(zm, columns=list(ZONE_ORDER))
                .groupby(plan.sessions["week"].to_numpy(dtype="int64")).sum()
                .reindex(weeks, fill_value=0.0))
    mins = per_week.to_numpy(dtype=float)
    total = mins.sum(axis=1, keepdims=True)
    share = np.divide(mins, total, out=np.zeros_like(mins), where=total > 0)
    n_zones = len(ZONE_ORDER)
    return pd.DataFrame({
        "week": np.repeat(weeks, n_zones),
        "zone": pd.array(list(ZONE_ORDER) * len(weeks), dtype="str"),
        "minutes": mins.ravel(),
        "share": share.ravel(),
    })


def phase_summary(plan: Plan) -> pd.DataFrame:
    """Time in each zone per training phase, with the 80/20 check.

    The 80/20 guideline [Seiler2006]_ [Seiler2010]_: well-trained endurance
    athletes do about 80 % of their training at low intensity (below the
    first ventilatory threshold) and about 20 % at or above threshold. Here
    "low intensity" is the ``easy`` zone, and shares are of running *time*.
    Seiler and Kjerland counted *sessions*; by time the easy share is usually
    higher still, so a phase that fails the check on time is clearly
    intensity-heavy.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        One row per phase in plan order, columns ``phase``, ``weeks`` (count),
        ``minutes`` (running minutes), ``share_<zone>`` for each zone of
        :data:`ZONE_ORDER` (snake case: ``share_speed``,
        ``share_anaerobic_capacity``, ``share_vo2max``,
        ``share_acidosis_threshold``, ``share_goal_pace``, ``share_easy``;
        0 when the phase has no running), ``easy_share`` (the same number as
        ``share_easy``, under the guideline's name) and ``meets_80_20``
        (``easy_share`` ≥ :data:`EASY_TARGET`).

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> s = phase_summary(p)
    >>> s.phase.tolist()
    ['General Preparation', 'Specific Preparation', 'Taper']
    >>> s.weeks.tolist()
    [8, 10, 3]
    """
    zm = zone_minutes(plan.sessions)
    phase_of_week = dict(zip(plan.weeks["week"].astype("int64"), plan.weeks["phase"].astype(str),
                             strict=True))
    session_phase = plan.sessions["week"].astype("int64").map(phase_of_week)
    phases = list(dict.fromkeys(plan.weeks["phase"].astype(str)))
    mins = (pd.DataFrame(zm, columns=list(ZONE_ORDER))
            .groupby(session_phase.to_numpy()).sum()
            .reindex(phases, fill_value=0.0)
            .to_numpy(dtype=float))
    total = mins.sum(axis=1)
    share = np.divide(mins, total[:, None], out=np.zeros_like(mins), where=total[:, None] > 0)
    out = pd.DataFrame({
        "phase": pd.array(phases, dtype="str"),
        "weeks": plan.weeks["phase"].astype(str).value_counts().reindex(phases)
        .to_numpy(dtype="int64"),
        "minutes": total,
    })
    for i, zone in enumerate(ZONE_ORDER):
        out[f"share_{_snake(zone)}"] = share[:, i]
    out["easy_share"] = out["share_easy"]
    out["meets_80_20"] = out["easy_share"].to_numpy() >= EASY_TARGET - 1e-12
    return out


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
