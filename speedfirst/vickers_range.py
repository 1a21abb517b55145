"""Where the Vickers–Vertosick models are known to hold, and the checks and warnings at its edge.

The limits are those of the public calculator (see :mod:`speedfirst.vickers`,
"Validity range"): outside them :mod:`speedfirst.vickers` still predicts but
warns with :class:`OutsideFittedRange`; weekly mileage outside 0–200 mi
(:data:`SANE_WEEKLY_MI`) raises :class:`~speedfirst.errors.InputError`.
"""

from __future__ import annotations

import math
import warnings

from speedfirst.errors import InputError
from speedfirst.results import RaceResult
from speedfirst.text import format_time
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE

__all__ = [
    "CALCULATOR_DISTANCES_M",
    "INPUT_DISTANCE_RANGE_M",
    "PACE_S_PER_MI_RANGE",
    "SANE_WEEKLY_MI",
    "WEEKLY_MI_RANGE",
    "OutsideFittedRange",
    "weekly_mi_from_km",
]

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


def _clip_mileage(mpw: float) -> float:
    if mpw <= SANE_WEEKLY_MI[0]:
        return 0.0
    if mpw > SANE_WEEKLY_MI[1]:
        return math.inf
    return mpw
