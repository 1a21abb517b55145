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

import dataclasses
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from speedfirst import equivalence
from speedfirst.equivalence import (
    REALISTIC_GAP_PCT,
    STRETCH_GAP_PCT,
    equivalent_time,
    nearest_race,
)
from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.results import GoalAssessment, RaceResult, as_races
from speedfirst.text import format_distance, format_time
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE, STANDARD_DISTANCES_M

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
    "assess_goal",
    "goal_readiness",
    "mileage_message",
    "race_predictions",
    "readiness",
    "vickers_marathon",
    "vickers_one_race",
    "vickers_two_races",
    "weekly_mi_for",
    "weekly_mi_from_km",
    "weekly_mileage_mi",
]

Races = Mapping[float, float] | tuple[RaceResult, ...]

RIEGEL_EXPONENT = 1.07
"""Riegel exponent inside Model 1 [-] (``riegel_time`` defaults to 1.06)."""

MODEL1_COEFFS: tuple[float, float, float] = (0.16018617, 0.83076202, 0.06423826)
"""Model 1 ``(a, b, c)``: v = a + b·v_R + c·mpw/10, speeds [m/s], mpw [mi/week]."""

MODEL2_COEFFS: tuple[float, float, float] = (1.4510756, -0.23797948, -0.01410023)
"""Model 2 ``(a, b, c)``: k = a + b·k_obs + c·mpw/10, exponents [-], mpw [mi/week]."""

WEEKLY_MI_RANGE: tuple[float, float] = (5.0, 150.0)
"""Weekly mileage the public calculator accepts [mi/week]; outside it we warn."""

PACE_S_PER_MI_RANGE: tuple[float, float] = (210.0, 960.0)
"""Input race pace the public calculator accepts [s/mi] (3:30–16:00/mi); outside it we warn."""

INPUT_DISTANCE_RANGE_M: tuple[float, float] = (5000.0, HALF_MARATHON_M)
"""Input race distances the calculator offers, shortest to longest [m]; outside it we warn."""

CALCULATOR_DISTANCES_M: tuple[float, ...] = (
    5000.0,
    5 * METERS_PER_MILE,
    10000.0,
    10 * METERS_PER_MILE,
    HALF_MARATHON_M,
)
"""The five input distances of the public calculator [m] (5K, 5 mi, 10K, 10 mi, half)."""

SANE_WEEKLY_MI: tuple[float, float] = (0.0, 200.0)
"""Weekly mileage accepted at all [mi/week]; outside it :class:`InputError` is raised."""

READINESS_MODELS: tuple[str, ...] = ("daniels", "riegel", "cameron", "vickers")
"""Row order of :func:`readiness`."""

_SAME_DISTANCE_REL = 0.01
"""Distances within 1 % of each other count as the same race distance."""
_DISTANCE_TOL_REL = 1e-3
"""Slack on :data:`INPUT_DISTANCE_RANGE_M` (ports use 21097.44–21098 m for the half)."""


class OutsideFittedRange(UserWarning):
    """An input lies outside the range the Vickers–Vertosick model is known to handle.

    The range is the public calculator's (pace 3:30–16:00/mi, 5–150 mi a week,
    5K to half marathon inputs), not the paper's sample range, which could not
    be read. Also raised when a prediction is at or faster than the pace of the
    race it is extrapolated from.
    """


# --------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------
def weekly_mi_from_km(weekly_km: float) -> float:
    """Weekly training distance ``weekly_km`` [km/week] → [mi/week].

    Raises ``InputError`` (``field="weekly_km"``) unless it is a finite number
    from 0 to 200 mi (321.9 km) a week.

    >>> round(weekly_mi_from_km(64.37), 2)
    40.0
    >>> weekly_mi_from_km(-5)
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: weekly_km must be a number from 0 to 321.9 km a week, got -5
    """
    hi_km = SANE_WEEKLY_MI[1] * METERS_PER_MILE / 1000.0
    if not _is_real(weekly_km) or not 0.0 <= weekly_km <= hi_km:
        raise InputError(
            f"weekly_km must be a number from 0 to {hi_km:.1f} km a week, got {weekly_km!r}",
            field="weekly_km",
        )
    return float(weekly_km) * 1000.0 / METERS_PER_MILE


def _is_real(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_mileage(value: float, field: str) -> float:
    """Raise outside :data:`SANE_WEEKLY_MI`; warn outside :data:`WEEKLY_MI_RANGE`."""
    lo, hi = SANE_WEEKLY_MI
    if not _is_real(value) or not lo <= value <= hi:
        raise InputError(
            f"{field} must be a number of miles a week from {lo:g} to {hi:g}, got {value!r}",
            field=field,
        )
    _warn_mileage(float(value), field)
    return float(value)


def _warn_mileage(mpw: float, what: str, stacklevel: int = 4) -> None:
    lo, hi = WEEKLY_MI_RANGE
    if not lo <= mpw <= hi:
        warnings.warn(
            f"{what} = {mpw:g} mi a week is outside {lo:g}–{hi:g}, the range the public "
            f"Vickers–Vertosick calculator accepts; the prediction is an extrapolation",
            OutsideFittedRange,
            stacklevel=stacklevel,
        )


def _race(distance_m: float, time_s: float, d_field: str, t_field: str) -> RaceResult:
    """A validated race whose InputError names the caller's keywords."""
    try:
        return RaceResult(distance_m, time_s)
    except InputError as exc:
        field = d_field if "distance" in str(exc) else t_field
        raise InputError(str(exc), field=field) from None


def _warn_race(race: RaceResult) -> None:
    lo_d, hi_d = INPUT_DISTANCE_RANGE_M
    if not lo_d * (1 - _DISTANCE_TOL_REL) <= race.distance_m <= hi_d * (1 + _DISTANCE_TOL_REL):
        warnings.warn(
            f"a {race.label} is outside the 5K to half marathon inputs of the public "
            f"Vickers–Vertosick calculator; the prediction is an extrapolation",
            OutsideFittedRange,
            stacklevel=4,
        )
    pace_mi = race.time_s / race.distance_m * METERS_PER_MILE
    lo_p, hi_p = PACE_S_PER_MI_RANGE
    if not lo_p <= pace_mi <= hi_p:
        warnings.warn(
            f"a {race.label} in {format_time(race.time_s)} is {format_time(pace_mi)}/mi, outside "
            f"the {format_time(lo_p)}–{format_time(hi_p)}/mi the public Vickers–Vertosick "
            f"calculator accepts; the prediction is an extrapolation",
            OutsideFittedRange,
            stacklevel=4,
        )


def _warn_pace(predicted_s: float, source: RaceResult) -> None:
    if predicted_s / MARATHON_M <= source.time_s / source.distance_m:
        warnings.warn(
            f"the predicted marathon ({format_time(predicted_s)}) is at or faster than the pace "
            f"of your {source.label} ({format_time(source.time_s)}); the mileage term is "
            f"extrapolating beyond what runners with this race time train",
            OutsideFittedRange,
            stacklevel=3,
        )


def _same_distance(d1: float, d2: float) -> bool:
    return math.isclose(d1, d2, rel_tol=_SAME_DISTANCE_REL)


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


def _clip_mileage(mpw: float) -> float:
    if mpw <= SANE_WEEKLY_MI[0]:
        return 0.0
    if mpw > SANE_WEEKLY_MI[1]:
        return math.inf
    return mpw


# --------------------------------------------------------------------------
# Readiness table and message
# --------------------------------------------------------------------------
def _realistic_limit(goal_time_s: float) -> float:
    """Slowest prediction [s] under which a goal is still *realistic*.

    :func:`~speedfirst.equivalence.assess_goal` calls a goal realistic when
    (predicted − goal) / predicted ≤ REALISTIC_GAP_PCT / 100, i.e. when
    predicted ≤ goal / (1 − REALISTIC_GAP_PCT / 100).
    """
    return goal_time_s / (1.0 - REALISTIC_GAP_PCT / 100.0)


def _vickers_required_race(distance_m: float, marathon_s: float, mpw: float) -> float:
    """Time [s] over ``distance_m`` for which Model 1 at ``mpw`` predicts ``marathon_s``."""
    a, b, c = MODEL1_COEFFS
    v_r = (MARATHON_M / marathon_s - a - c * mpw / 10.0) / b
    if v_r <= 0:  # the mileage term alone reaches the goal
        return math.inf
    return MARATHON_M / v_r / (MARATHON_M / distance_m) ** RIEGEL_EXPONENT


def _verdict(gap_pct: float) -> str:
    if gap_pct <= REALISTIC_GAP_PCT:
        return "realistic"
    if gap_pct <= STRETCH_GAP_PCT:
        return "stretch"
    return "not yet realistic"


def _fmt_mi(mpw: float) -> str:
    return f"{round(mpw, 1):g}"


def readiness(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    weekly_mi: float,
) -> pd.DataFrame:
    """How ready the runner is for a goal under each model, one tidy row per model.

    Rows, in order: ``"daniels"``, ``"riegel"``, ``"cameron"`` (each from
    :func:`~speedfirst.equivalence.assess_goal`, Riegel with k = 1.06) and
    ``"vickers"`` (from :func:`vickers_marathon`; the marathon only).

    A goal is *realistic* when it is at most
    :data:`~speedfirst.equivalence.REALISTIC_GAP_PCT` (1.5 %) faster than the
    prediction, exactly as in ``assess_goal``: predicted ≤ L with
    L = goal / (1 − 0.015) (the *realistic limit*). The ``required_*``
    columns are the inputs that would make the prediction equal L: the
    slowest 5K, 10K or mileage that still makes the goal realistic.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    weekly_mi : float
        Current average weekly training distance [mi/week], 0–200.

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``model`` : str
            ``"daniels"``, ``"riegel"``, ``"cameron"`` or ``"vickers"``.
        ``predicted_time_s`` : float
            Predicted goal-distance time [s]. Daniels/Riegel/Cameron: from the
            race nearest the goal distance (the race itself if it is that
            distance). Vickers: :func:`vickers_marathon` at ``weekly_mi``; NaN
            when the goal is not a marathon.
        ``gap_pct`` : float
            (predicted − goal) / predicted [%]; positive when the goal is
            faster than predicted. NaN where the prediction is.
        ``required_5k_s``, ``required_10k_s`` : float
            5K / 10K time [s] whose prediction of the goal distance equals L.
            Daniels/Riegel/Cameron:
            ``equivalent_time(goal_distance_m, L, 5000 or 10000, model)``
            (``L`` itself when the goal is that distance); this is the 5K/10K
            as the race the prediction is made from, ignoring the other races.
            Vickers: the 5K/10K for which Model 1 (that race alone) at
            ``weekly_mi`` predicts L; ``inf`` if the mileage alone reaches it;
            NaN when the goal is not a marathon.
        ``required_weekly_mi`` : float
            Vickers only: :func:`weekly_mi_for` with the current races and goal
            L [mi/week] (0.0 if already realistic at any mileage, ``inf`` if no
            mileage up to 200 reaches it). NaN for the other models and for
            non-marathon goals.
        ``verdict`` : str
            ``"realistic"``, ``"stretch"``, ``"not yet realistic"`` or
            ``"impossible"`` (assess_goal's rules; for Vickers only the gap
            thresholds apply, the speed-reserve "impossible" rule is not
            re-checked), or ``"not applicable"`` for the Vickers row of a
            non-marathon goal.
        ``verdict_text`` : str
            The verdict in a sentence or two; for a non-applicable row, why.

    Raises
    ------
    InputError
        As :func:`~speedfirst.equivalence.assess_goal` and
        :func:`vickers_marathon` (Vickers only if the goal is a marathon).

    Examples
    --------
    A 10K in 40:00 and a half in 1:30:00 at 40 mi a week, aiming at 3:12:00:

    >>> df = readiness({10000.0: 2400.0, 21097.5: 5400.0}, 42195.0, 3 * 3600 + 12 * 60, 40)
    >>> list(df.verdict)
    ['realistic', 'realistic', 'realistic', 'stretch']
    >>> vickers = df.set_index("model").loc["vickers"]
    >>> format_time(vickers.predicted_time_s), round(float(vickers.required_weekly_mi), 1)
    ('3:17:49', 55.1)
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    goal_d, goal_t = float(goal_distance_m), float(goal_time_s)
    check_race_time(goal_d, goal_t, what="goal")
    limit = _realistic_limit(goal_t)
    rows: list[dict[str, object]] = []
    for model in READINESS_MODELS[:3]:
        a = equivalence.assess_goal(rs, goal_d, goal_t, model)
        required = {
            d: (limit if math.isclose(d, goal_d) else equivalent_time(goal_d, limit, d, model))
            for d in (5000.0, 10000.0)
        }
        rows.append({
            "model": model,
            "predicted_time_s": a.predicted_time_s,
            "gap_pct": a.gap_pct,
            "required_5k_s": required[5000.0],
            "required_10k_s": required[10000.0],
            "required_weekly_mi": math.nan,
            "verdict": a.verdict,
            "verdict_text": a.message,
        })
    rows.append(_vickers_row(rs, goal_d, goal_t, mpw))
    df = pd.DataFrame(rows)
    floats = ["predicted_time_s", "gap_pct", "required_5k_s", "required_10k_s",
              "required_weekly_mi"]
    df[floats] = df[floats].astype("float64")
    return df


def _vickers_row(
    races: tuple[RaceResult, ...], goal_d: float, goal_t: float, mpw: float
) -> dict[str, object]:
    if not _same_distance(goal_d, MARATHON_M):
        return {
            "model": "vickers",
            "predicted_time_s": math.nan,
            "gap_pct": math.nan,
            "required_5k_s": math.nan,
            "required_10k_s": math.nan,
            "required_weekly_mi": math.nan,
            "verdict": "not applicable",
            "verdict_text": (f"Vickers–Vertosick predicts the marathon only "
                             f"(goal: {format_distance(goal_d)})."),
        }
    sel = _select(races)
    sel.warn()
    predicted = sel.predict(mpw)
    _warn_pace(predicted, sel.source)
    limit = _realistic_limit(goal_t)
    need_mi = _clip_mileage(sel.mileage_for(limit))
    gap = (predicted - goal_t) / predicted * 100.0
    verdict = _verdict(gap)
    goal_txt = f"{format_time(goal_t)} marathon"
    pred_txt = (f"at {_fmt_mi(mpw)} mi a week Vickers–Vertosick predicts {format_time(predicted)} "
                f"from {sel.describe()}")
    if verdict == "realistic":
        text = f"A {goal_txt} is realistic: {pred_txt}."
    else:
        how = "a stretch" if verdict == "stretch" else "not yet realistic"
        if math.isinf(need_mi):
            need = "no mileage up to 200 mi a week makes it realistic: faster races first"
        else:
            need = f"it needs about {_fmt_mi(need_mi)} mi a week to be realistic"
        text = f"A {goal_txt} is {how} ({gap:.1f}% faster than predicted): {pred_txt}; {need}."
    return {
        "model": "vickers",
        "predicted_time_s": predicted,
        "gap_pct": gap,
        "required_5k_s": _vickers_required_race(5000.0, limit, mpw),
        "required_10k_s": _vickers_required_race(10000.0, limit, mpw),
        "required_weekly_mi": need_mi,
        "verdict": verdict,
        "verdict_text": text,
    }


def _about(seconds: float) -> str:
    """A marathon-length time rounded to the minute, as ``h:mm``."""
    return format_time(round(seconds / 60.0) * 60.0).rsplit(":", 1)[0]


def mileage_message(
    races: Races,
    goal_time_s: float,
    weekly_mi: float,
    peak_mi: float | None = None,
) -> str:
    """One sentence on what the races and the mileage say about a marathon goal.

    Times are rounded to the minute (``h:mm``). The Daniels figure uses the
    race nearest the marathon; the Vickers figures use :func:`vickers_marathon`
    at ``weekly_mi`` and, if given, ``peak_mi``; the last clause uses
    :func:`weekly_mi_for` for the goal itself (prediction equal to the goal,
    not the realistic limit used by :func:`readiness`).

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_time_s : float
        Marathon goal [s].
    weekly_mi : float
        Current weekly mileage [mi/week], 0–200.
    peak_mi : float, optional
        Planned peak weekly mileage [mi/week], 0–200 (``field="peak_mi"``).

    Returns
    -------
    str

    Examples
    --------
    >>> print(mileage_message({5000.0: 18 * 60 + 8}, 3 * 3600, 40, peak_mi=55))
    ... # doctest: +NORMALIZE_WHITESPACE
    Your 5K supports 2:54 (Daniels); at 40 mi a week Vickers predicts about 3:10;
    at 55 mi about 3:05; a 3:00 goal needs about 71 mi a week.
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    goal_t = float(goal_time_s)
    check_race_time(MARATHON_M, goal_t, what="goal")
    mpw = _check_mileage(weekly_mi, "weekly_mi")
    peak = None if peak_mi is None else _check_mileage(peak_mi, "peak_mi")
    src = nearest_race(rs, MARATHON_M)
    daniels = (src.time_s if _same_distance(src.distance_m, MARATHON_M)
               else equivalent_time(src.distance_m, src.time_s, MARATHON_M, "daniels"))
    sel = _select(rs)
    sel.warn()
    now = sel.predict(mpw)
    _warn_pace(now, sel.source)
    parts = [f"Your {src.label} supports {_about(daniels)} (Daniels)",
             f"at {_fmt_mi(mpw)} mi a week Vickers predicts about {_about(now)}"]
    if peak is not None:
        at_peak = sel.predict(peak)
        _warn_pace(at_peak, sel.source)
        parts.append(f"at {_fmt_mi(peak)} mi about {_about(at_peak)}")
    need = _clip_mileage(sel.mileage_for(goal_t))
    goal_txt = f"a {_about(goal_t)} goal"
    if need == 0.0:
        parts.append(f"{goal_txt} is within reach at any mileage")
    elif math.isinf(need):
        parts.append(f"{goal_txt} is out of reach at any mileage up to 200 mi a week")
    else:
        parts.append(f"{goal_txt} needs about {need:.0f} mi a week")
    return "; ".join(parts) + "."


# --------------------------------------------------------------------------
# Mileage-aware predictions and goal checks
# --------------------------------------------------------------------------
# These extend :mod:`speedfirst.equivalence` rather than living in it: Vickers
# needs equivalence (the nearest race, the Daniels comparison, assess_goal's
# verdicts), so equivalence cannot import this module without a cycle.
def weekly_mileage_mi(weekly_mileage: float, mileage_units: str = "mi") -> float:
    """Weekly training distance in ``mileage_units`` → [mi/week], validated.

    Parameters
    ----------
    weekly_mileage : float
        Average weekly training distance [mi/week or km/week]: a finite number
        from 0 to 200 mi (321.9 km) a week.
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    float
        The mileage [mi/week]. No warning is given here; the predictions warn
        outside 5–150 mi a week (:class:`OutsideFittedRange`).

    Raises
    ------
    InputError
        ``field="mileage_units"`` for another unit, ``field="weekly_mileage"``
        for a value that is not a number from 0 to 200 mi (321.9 km) a week.

    Examples
    --------
    >>> round(weekly_mileage_mi(64.37, "km"), 2)
    40.0
    >>> weekly_mileage_mi(250)
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: weekly_mileage must be a number from 0 to 200 mi a week, got 250
    """
    if mileage_units not in ("mi", "km"):
        raise InputError(f"mileage_units must be 'mi' or 'km', got {mileage_units!r}",
                         field="mileage_units")
    per_unit = 1.0 if mileage_units == "mi" else 1000.0 / METERS_PER_MILE
    lo, hi = SANE_WEEKLY_MI
    hi_units = hi / per_unit
    if not _is_real(weekly_mileage) or not lo <= weekly_mileage <= hi_units:
        raise InputError(
            f"weekly_mileage must be a number from {lo:g} to {round(hi_units, 1):g} "
            f"{mileage_units} a week, got {weekly_mileage!r}",
            field="weekly_mileage",
        )
    return min(float(weekly_mileage) * per_unit, hi)


def race_predictions(
    races: Races,
    models: tuple[str, ...] = ("daniels", "riegel", "cameron"),
    distances_m: Mapping[str, float] | None = None,
    *,
    exponent: float = 1.06,
    weekly_mileage: float | None = None,
    mileage_units: str = "mi",
) -> pd.DataFrame:
    """:func:`speedfirst.equivalence.race_predictions` plus a Vickers–Vertosick marathon row.

    Without ``weekly_mileage`` the frame is exactly the equivalence one. With
    it, one row of model ``"vickers"`` is appended at the marathon, and only
    there: the model predicts marathons only [1]_. It uses
    :func:`vickers_marathon`'s choice of races and model; as for the other
    models, a raced marathon shows the race itself. No row is added when
    ``distances_m`` has no marathon.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    models, distances_m, exponent
        As :func:`speedfirst.equivalence.race_predictions`.
    weekly_mileage : float, optional
        Average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km); see :func:`weekly_mileage_mi`.
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    pandas.DataFrame
        The equivalence columns (``model``, ``distance``, ``distance_m`` [m],
        ``time_s`` [s], ``pace_s_per_km``, ``pace_s_per_mi``,
        ``from_distance_m`` [m], ``vdot``); the Vickers row's
        ``from_distance_m`` is the race it extrapolates from (the longer one
        for Model 2).

    Raises
    ------
    InputError
        As the equivalence function; ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage; ``field="races"`` when the
        marathon must be predicted but no race from 5K to the half was entered
        (see :func:`vickers_marathon`).

    Warns
    -----
    OutsideFittedRange
        As :func:`vickers_marathon`.

    Examples
    --------
    >>> df = race_predictions({21097.5: 5400.0}, weekly_mileage=40)
    >>> row = df[df.model == "vickers"].iloc[0]
    >>> row.distance, format_time(row.time_s)
    ('marathon', '3:20:24')
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    df = equivalence.race_predictions(rs, models, distances_m, exponent=exponent)
    if weekly_mileage is None:
        return df
    mpw = weekly_mileage_mi(weekly_mileage, mileage_units)
    targets = dict(distances_m or STANDARD_DISTANCES_M)
    at_marathon = [(n, float(d)) for n, d in targets.items() if _same_distance(d, MARATHON_M)]
    if not at_marathon:
        return df
    name, target = at_marathon[0]
    src = nearest_race(rs, target)
    if math.isclose(src.distance_m, target):
        t, from_m = src.time_s, src.distance_m
    else:
        sel = _select(rs)
        _warn_mileage(mpw, "weekly_mileage", stacklevel=3)
        sel.warn()
        t = sel.predict(mpw)
        _warn_pace(t, sel.source)
        from_m = sel.source.distance_m
    row = {
        "model": "vickers",
        "distance": name,
        "distance_m": target,
        "time_s": float(t),
        "pace_s_per_km": t / target * 1000.0,
        "pace_s_per_mi": t / target * METERS_PER_MILE,
        "from_distance_m": from_m,
        "vdot": equivalence.vdot(target, t),
    }
    return pd.concat([df, pd.DataFrame([row])], ignore_index=True)


def assess_goal(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    model: str = "daniels",
    *,
    exponent: float = 1.06,
    weekly_mileage: float | None = None,
    mileage_units: str = "mi",
) -> GoalAssessment:
    """:func:`speedfirst.equivalence.assess_goal`, plus what the weekly mileage supports.

    The verdict and every number come from ``model`` exactly as in
    :func:`speedfirst.equivalence.assess_goal`. With ``weekly_mileage`` and a
    marathon goal, the message gains one sentence, :func:`mileage_message`:
    what the nearest race supports (Daniels), what Vickers–Vertosick predicts
    at this mileage and the mileage the goal needs. For other goal distances
    the mileage is validated but the message is unchanged (the model predicts
    marathons only [1]_).

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    model, exponent
        As :func:`speedfirst.equivalence.assess_goal`.
    weekly_mileage : float, optional
        Average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km).
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    speedfirst.results.GoalAssessment

    Raises
    ------
    InputError
        As the equivalence function; ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage; ``field="races"`` for a marathon
        goal when the only race entered is a marathon.

    Examples
    --------
    >>> a = assess_goal({5000.0: 18 * 60 + 8}, 42195.0, 3 * 3600, weekly_mileage=40)
    >>> a.verdict
    'realistic'
    >>> print(a.message.split(". ", 1)[1])  # doctest: +NORMALIZE_WHITESPACE
    Your 5K supports 2:54 (Daniels); at 40 mi a week Vickers predicts about 3:10;
    a 3:00 goal needs about 71 mi a week.
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    mpw = None if weekly_mileage is None else weekly_mileage_mi(weekly_mileage, mileage_units)
    a = equivalence.assess_goal(rs, goal_distance_m, goal_time_s, model, exponent=exponent)
    if mpw is None or not _same_distance(float(goal_distance_m), MARATHON_M):
        return a
    return dataclasses.replace(a, message=f"{a.message} {mileage_message(rs, goal_time_s, mpw)}")


def goal_readiness(
    races: Races,
    goal_distance_m: float,
    goal_time_s: float,
    weekly_mileage: float,
    mileage_units: str = "mi",
) -> pd.DataFrame:
    """:func:`readiness` with the weekly mileage in ``mileage_units``.

    Parameters
    ----------
    races : mapping of distance [m] to time [s], or tuple of RaceResult
        Recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s].
    weekly_mileage : float
        Current average weekly training distance [mi/week or km/week], 0–200 mi
        (321.9 km).
    mileage_units : {"mi", "km"}
        Unit of ``weekly_mileage``.

    Returns
    -------
    pandas.DataFrame
        The :func:`readiness` frame; ``required_weekly_mi`` stays in
        [mi/week] whatever ``mileage_units``.

    Raises
    ------
    InputError
        As :func:`readiness`, with ``field="weekly_mileage"`` or
        ``"mileage_units"`` for the mileage.

    Examples
    --------
    >>> df = goal_readiness({21097.5: 5400.0}, 42195.0, 12024.26, 64.37, "km")
    >>> df.set_index("model").loc["vickers", "verdict"]
    'realistic'
    """
    mpw = weekly_mileage_mi(weekly_mileage, mileage_units)
    return readiness(races, goal_distance_m, goal_time_s, mpw)
