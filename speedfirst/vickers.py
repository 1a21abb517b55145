"""Vickers–Vertosick marathon predictions: recent races plus weekly training mileage.

Riegel's power law is well calibrated up to the half marathon but too fast at
the marathon for most recreational runners [1]_. Vickers & Vertosick fitted two
corrections on an internet survey of 2303 runners:

*Model 1* (one prior race D1 [m] in T1 [s], ``mpw`` miles a week)::

    T_R = T1 · (M / D1)^1.07,   v_R = M / T_R                       [s], [m/s]
    v   = 0.16018617 + 0.83076202 · v_R + 0.06423826 · mpw / 10     [m/s]
    T   = M / v                                                      [s]

*Model 2* (two prior races at different distances, D1 < D2)::

    k_obs = ln(T2 / T1) / ln(D2 / D1)                                [-]
    k     = 1.4510756 − 0.23797948 · k_obs − 0.01410023 · mpw / 10   [-]
    T     = T2 · (M / D2)^k                                          [s]

with M = 42195 m. Both models predict the marathon only; the mileage term is
per 10 *miles* a week. Weekly mileage is ``weekly_mi`` [mi/week] throughout;
convert kilometres with :func:`weekly_mi_from_km`.

Mileage-aware wrappers
----------------------
:func:`race_predictions`, :func:`assess_goal` and :func:`goal_readiness` are
the :mod:`speedfirst.equivalence` functions with ``weekly_mileage`` (and
``mileage_units``) added: a ``"vickers"`` marathon row, the mileage sentence
of :func:`mileage_message` appended to a marathon verdict, and the readiness
table. They live here, not in ``equivalence``, because this module builds on
``equivalence`` (nearest race, Daniels comparison, verdicts) and the import
direction must not form a cycle.

Validity range
--------------
The paper's own sample range (spread of weekly mileage, finish times and input
race distances) could not be read: only the abstract was available, and the
supplement with the equations was not found. The limits used here are those of
the public calculator, as enforced by its ports: input pace 3:30–16:00 per
mile (:data:`PACE_S_PER_MI_RANGE`), 5–150 miles a week
(:data:`WEEKLY_MI_RANGE`), and input races from 5K up to the half marathon
(:data:`INPUT_DISTANCE_RANGE_M`; the calculator offers 5K, 5 mi, 10K, 10 mi
and the half, :data:`CALCULATOR_DISTANCES_M`). Outside them the functions
still predict, but warn with :class:`OutsideFittedRange`. They also warn when
a prediction is at or faster than the pace of the race it extrapolates from,
which the linear mileage terms produce at high mileage (about 100 mi a week
for a 1:30 half in Model 1). Weekly mileage outside 0–200 mi
(:data:`SANE_WEEKLY_MI`) raises :class:`~speedfirst.errors.InputError`.

The coefficients come from public implementations of the calculator that agree
to all 8 significant figures (see ``docs/vickers-notes.md``); one family of
ports prints the mileage coefficient 10× too large (0.6423826), which predicts
a 2:00:48 marathon from a 1:30 half at 40 mi a week and is not used.

References
----------
.. [1] Vickers, A. J. & Vertosick, E. A. (2016). An empirical study of race
   times in recreational endurance runners. *BMC Sports Science, Medicine and
   Rehabilitation* 8:26. doi:10.1186/s13102-016-0052-y.
.. [2] Riegel, P. S. (1981). Athletic records and human endurance.
   *American Scientist* 69(3), 285–290.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from speedfirst.equivalence import (
    nearest_race,
)
from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.results import RaceResult, as_races
from speedfirst.text import format_time
from speedfirst.units import HALF_MARATHON_M, MARATHON_M
from speedfirst.vickers_range import (
    _DISTANCE_TOL_REL,
    CALCULATOR_DISTANCES_M,
    INPUT_DISTANCE_RANGE_M,
    PACE_S_PER_MI_RANGE,
    SANE_WEEKLY_MI,
    WEEKLY_MI_RANGE,
    OutsideFittedRange,
    _check_mileage,
    _clip_mileage,
    _race,
    _same_distance,
    _warn_mileage,
    _warn_pace,
    _warn_race,
    weekly_mi_from_km,
)

__all__ = [
    "CALCULATOR_DISTANCES_M",
    "INPUT_DISTANCE_RANGE_M",
    "MODEL1_COEFFS",
    "MODEL2_COEFFS",
    "PACE_S_PER_MI_RANGE",
    "READINESS_MODELS",
    "RIEGEL_EXPONENT",
    "SANE_WEEKLY_MI",
    "WEEKLY_MI_RANGE",
    "OutsideFittedRange",
    "vickers_marathon",
    "vickers_one_race",
    "vickers_two_races",
    "weekly_mi_for",
    "weekly_mi_from_km",
]

Races = Mapping[float, float] | tuple[RaceResult, ...]

RIEGEL_EXPONENT = 1.07
"""Riegel exponent inside Model 1 [-] (``riegel_time`` defaults to 1.06)."""

MODEL1_COEFFS: tuple[float, float, float] = (0.16018617, 0.83076202, 0.06423826)
"""Model 1 ``(a, b, c)``: v = a + b·v_R + c·mpw/10, speeds [m/s], mpw [mi/week]."""

MODEL2_COEFFS: tuple[float, float, float] = (1.4510756, -0.23797948, -0.01410023)
"""Model 2 ``(a, b, c)``: k = a + b·k_obs + c·mpw/10, exponents [-], mpw [mi/week]."""

READINESS_MODELS: tuple[str, ...] = ("daniels", "riegel", "cameron", "vickers")
"""Row order of :func:`readiness`."""


# --------------------------------------------------------------------------
# The two models (no checks, no warnings)
# --------------------------------------------------------------------------
def _model1(race: RaceResult, mpw: float) -> float:
    a, b, c = MODEL1_COEFFS
    v_r = MARATHON_M / (race.time_s * (MARATHON_M / race.distance_m) ** RIEGEL_EXPONENT)
    return MARATHON_M / (a + b * v_r + c * mpw / 10.0)


def _k_obs(short: RaceResult, long: RaceResult) -> float:
    return math.log(long.time_s / short.time_s) / math.log(long.distance_m / short.distance_m)


def _model2(short: RaceResult, long: RaceResult, mpw: float) -> float:
    a, b, c = MODEL2_COEFFS
    k = a + b * _k_obs(short, long) + c * mpw / 10.0
    return long.time_s * (MARATHON_M / long.distance_m) ** k


@dataclass(frozen=True)
class _Selection:
    """The races a prediction uses: one (Model 1) or two, shorter first (Model 2)."""

    races: tuple[RaceResult, ...]

    @property
    def source(self) -> RaceResult:
        """The race the marathon is extrapolated from (the longer one)."""
        return self.races[-1]

    def predict(self, mpw: float) -> float:
        if len(self.races) == 1:
            return _model1(self.races[0], mpw)
        return _model2(self.races[0], self.races[1], mpw)

    def mileage_for(self, goal_time_s: float) -> float:
        """Unclipped mileage [mi/week] at which :meth:`predict` equals ``goal_time_s``."""
        if len(self.races) == 1:
            a, b, c = MODEL1_COEFFS
            race = self.races[0]
            v_r = MARATHON_M / (race.time_s * (MARATHON_M / race.distance_m) ** RIEGEL_EXPONENT)
            return 10.0 * (MARATHON_M / goal_time_s - a - b * v_r) / c
        a, b, c = MODEL2_COEFFS
        short, long = self.races
        k_goal = math.log(goal_time_s / long.time_s) / math.log(MARATHON_M / long.distance_m)
        return 10.0 * (k_goal - a - b * _k_obs(short, long)) / c

    def describe(self) -> str:
        if len(self.races) == 1:
            r = self.races[0]
            return f"your {r.label} of {format_time(r.time_s)}"
        return f"your {self.races[0].label} and {self.races[1].label}"

    def warn(self) -> None:
        for race in self.races:
            _warn_race(race)


def _select(races: Races) -> _Selection:
    rs = as_races(races) if not isinstance(races, tuple) else races
    rs = tuple(r if isinstance(r, RaceResult) else RaceResult(*r) for r in rs)
    inputs = [r for r in rs if not _same_distance(r.distance_m, MARATHON_M)]
    if not inputs:
        raise InputError(
            "Vickers–Vertosick predicts the marathon from shorter races; enter at least one "
            "race from 5K to the half marathon (e.g. half=1:30:00), not only a marathon",
            field="races",
        )
    # Best (fastest-paced) result at each distinct distance up to the half.
    by_distance: list[RaceResult] = []
    limit = HALF_MARATHON_M * (1 + _DISTANCE_TOL_REL)
    for r in sorted((r for r in inputs if r.distance_m <= limit),
                    key=lambda r: (r.distance_m, r.time_s / r.distance_m)):
        if by_distance and _same_distance(by_distance[-1].distance_m, r.distance_m):
            continue
        by_distance.append(r)
    if len(by_distance) >= 2:
        return _Selection(tuple(by_distance[-2:]))
    return _Selection((nearest_race(tuple(inputs), MARATHON_M),))


# --------------------------------------------------------------------------
# Public predictions
# --------------------------------------------------------------------------
def vickers_one_race(distance_m: float, time_s: float, weekly_mi: float) -> float:
    """Marathon time [s] from one race and weekly mileage (Vickers–Vertosick Model 1 [1]_).

    v_R = M / (T1 · (M / D1)^1.07) is the Riegel marathon speed [m/s] and the
    predicted speed is v = 0.16018617 + 0.83076202·v_R + 0.06423826·mpw/10.

    Parameters
    ----------
    distance_m : float
        Race distance [m], ideally 5K to half marathon.
    time_s : float
        Race time [s].
    weekly_mi : float
        Average weekly training distance [mi/week], 0–200 (5–150 without a warning).

    Returns
    -------
    float
        Predicted marathon time [s].

    Raises
    ------
    InputError
        For an impossible race (``field`` ``"distance_m"`` or ``"time_s"``) or
        a mileage outside 0–200 (``field="weekly_mi"``).

    Warns
    -----
    OutsideFittedRange
        Outside the calculator's limits (see the module docstring), or when the
        prediction is at or faster than the input race's pace.

    Examples
    --------
    >>> format_time(vickers_one_race(21097.5, 90 * 60, 40))
    '3:20:24'
    >>> round(vickers_one_race(5000, 1200, 40), 2)
    12415.51
    """
    race = _race(distance_m, time_s, "distance_m", "time_s")
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    sel = _Selection((race,))
    sel.warn()
    t = sel.predict(mpw)
    _warn_pace(t, race)
    return t


def vickers_two_races(d1: float, t1: float, d2: float, t2: float, weekly_mi: float) -> float:
    """Marathon time [s] from two races and weekly mileage (Vickers–Vertosick Model 2 [1]_).

    The races are sorted by distance; with the shorter (D1, T1) and longer
    (D2, T2), k_obs = ln(T2/T1) / ln(D2/D1), k = 1.4510756 − 0.23797948·k_obs −
    0.01410023·mpw/10, and the marathon is T2 · (42195 / D2)^k, extrapolated
    from the longer race.

    Parameters
    ----------
    d1, t1 : float
        First race: distance [m] and time [s].
    d2, t2 : float
        Second race: distance [m] and time [s]; must differ from ``d1`` by more
        than 1 %.
    weekly_mi : float
        Average weekly training distance [mi/week], 0–200 (5–150 without a warning).

    Returns
    -------
    float
        Predicted marathon time [s].

    Raises
    ------
    InputError
        For an impossible race (``field`` ``"d1"``, ``"t1"``, ``"d2"`` or
        ``"t2"``), equal distances (``field="d2"``), or a mileage outside 0–200
        (``field="weekly_mi"``).

    Warns
    -----
    OutsideFittedRange
        Outside the calculator's limits, or when the prediction is at or faster
        than the longer race's pace (k ≤ 1, e.g. above ~140 mi a week for
        k_obs = 1.06).

    Examples
    --------
    >>> round(vickers_two_races(21097.5, 5400, 10000, 2400, 40), 2)
    11869.1
    >>> vickers_two_races(5000, 1200, 5000, 1190, 40)
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: the two races must be different distances (got 5K and 5K); ...
    """
    r1 = _race(d1, t1, "d1", "t1")
    r2 = _race(d2, t2, "d2", "t2")
    if _same_distance(r1.distance_m, r2.distance_m):
        raise InputError(
            f"the two races must be different distances (got {r1.label} and {r2.label}); "
            f"use vickers_one_race for a single distance",
            field="d2",
        )
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    sel = _Selection(tuple(sorted((r1, r2), key=lambda r: r.distance_m)))
    sel.warn()
    t = sel.predict(mpw)
    _warn_pace(t, sel.source)
    return t


def vickers_marathon(races: Races, weekly_mi: float) -> float:
    """Marathon time [s] from recent races and weekly mileage, picking the model.

    Marathon results are ignored as inputs. If two or more distinct distances
    (more than 1 % apart) up to the half marathon remain, Model 2 uses the two
    longest of them (the fastest-paced result where a distance repeats);
    otherwise Model 1 uses the race nearest the marathon on a log scale
    (:func:`~speedfirst.equivalence.nearest_race`).

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    weekly_mi : float
        Average weekly training distance [mi/week], 0–200 (5–150 without a warning).

    Returns
    -------
    float
        Predicted marathon time [s].

    Raises
    ------
    InputError
        No race, only marathons (``field="races"``), an impossible race, or
        mileage outside 0–200 (``field="weekly_mi"``).

    Warns
    -----
    OutsideFittedRange
        As :func:`vickers_one_race` / :func:`vickers_two_races`.

    Examples
    --------
    >>> format_time(vickers_marathon({21097.5: 5400.0}, 40))
    '3:20:24'
    >>> format_time(vickers_marathon({5000.0: 1150.0, 10000.0: 2400.0, 21097.5: 5400.0}, 40))
    '3:17:49'
    """
    sel = _select(races)
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    sel.warn()
    t = sel.predict(mpw)
    _warn_pace(t, sel.source)
    return t


# --------------------------------------------------------------------------
# Readiness table and message
# --------------------------------------------------------------------------


def weekly_mi_for(races: Races, goal_time_s: float) -> float:
    """Weekly mileage [mi/week] at which the Vickers prediction equals a marathon goal.

    Both models are linear in mileage, so this is closed form, with the races
    chosen as in :func:`vickers_marathon`: Model 1 solves
    M / goal = a + b·v_R + c·mpw/10 for mpw; Model 2 solves
    ln(goal / T2) / ln(M / D2) = a + b·k_obs + c·mpw/10.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_time_s : float
        Marathon goal [s].

    Returns
    -------
    float
        The mileage [mi/week], never NaN:

        * ``0.0`` when the model predicts the goal or faster even at zero
          mileage (the exact solution would be negative);
        * ``math.inf`` when no mileage up to 200 mi a week
          (:data:`SANE_WEEKLY_MI`) reaches the goal: the races, not the
          mileage, are what must change;
        * otherwise the exact solution, not rounded.

    Raises
    ------
    InputError
        For an impossible goal (``field="goal_time_s"``, as
        :func:`~speedfirst.text.check_race_time`) or bad races.

    Warns
    -----
    OutsideFittedRange
        For inputs outside the calculator's limits, or a finite answer outside
        5–150 mi a week.

    Examples
    --------
    >>> round(weekly_mi_for({21097.5: 5400.0}, 12024.26), 1)
    40.0
    >>> weekly_mi_for({21097.5: 5400.0}, 2 * 3600 + 30 * 60)
    inf
    """
    check_race_time(MARATHON_M, float(goal_time_s), what="goal")
    sel = _select(races)
    sel.warn()
    mpw = _clip_mileage(sel.mileage_for(float(goal_time_s)))
    if 0.0 < mpw < math.inf:
        _warn_mileage(mpw, "the required mileage", stacklevel=3)
    return mpw
