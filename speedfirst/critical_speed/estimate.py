"""Critical speed and D′ of a runner, from two or more best efforts or from one race.

The model and its sources are in :mod:`speedfirst.critical_speed`.

References
----------
.. [Monod1965] Monod, H. & Scherrer, J. (1965). The work capacity of a
   synergic muscular group. *Ergonomics* 8(3), 329–338.
.. [Jones2010] Jones, A. M., Vanhatalo, A., Burnley, M., Morton, R. H. &
   Poole, D. C. (2010). Critical power: implications for determination of
   VO2max and exercise tolerance. *Medicine & Science in Sports & Exercise*
   42(10), 1876–1890. (Critical speed and D′ for running.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from speedfirst.equivalence.models import _race_or_equivalent
from speedfirst.errors import InputError
from speedfirst.results import as_races
from speedfirst.units import METERS_PER_MILE

__all__ = ["CriticalSpeed", "critical_speed", "critical_speed_from_race"]


class CriticalSpeed(NamedTuple):
    """Critical speed [m/s] and D′ [m] of a runner."""

    cs_m_per_s: float
    d_prime_m: float


# --------------------------------------------------------------------------
# critical speed from races
# --------------------------------------------------------------------------
def critical_speed(races: Mapping[float, float]) -> CriticalSpeed:
    """Critical speed and D′ from two or more best efforts.

    Fits ``distance = CS · time + D′`` by least squares [Monod1965]_
    [Jones2010]_. Efforts of about 2 to 20 minutes suit the model best.

    Parameters
    ----------
    races : mapping of distance [m] to time [s]
        At least two different distances.

    Returns
    -------
    CriticalSpeed
        ``cs_m_per_s`` [m/s] and ``d_prime_m`` [m].

    Raises
    ------
    InputError
        With fewer than two distances (field ``races``), or when the times
        give no positive D′ (the longer race is relatively faster than the
        shorter one, so the two do not describe one runner on one day).

    Examples
    --------
    >>> cs = critical_speed({1609.344: 317.0, 5000.0: 1088.0})
    >>> round(cs.cs_m_per_s, 3), round(cs.d_prime_m)
    (4.398, 215)
    """
    rs = as_races(races)
    if len({round(r.distance_m, 3) for r in rs}) < 2:
        raise InputError("critical speed needs efforts over at least two different distances",
                         field="races")
    t = np.array([r.time_s for r in rs])
    d = np.array([r.distance_m for r in rs])
    slope, intercept = np.polyfit(t, d, 1)
    if not slope > 0 or not intercept > 0:
        raise InputError("these race times give no positive D′: the longer race is too fast "
                         "for the shorter one; use races run close together in time",
                         field="races")
    return CriticalSpeed(float(slope), float(intercept))


def critical_speed_from_race(
    distance_m: float,
    time_s: float,
    *,
    model: str = "daniels",
    distances_m: Sequence[float] = (METERS_PER_MILE, 5000.0),
) -> CriticalSpeed:
    """Critical speed and D′ of a runner known by one race.

    The race is turned into equivalent times at ``distances_m`` with
    :func:`speedfirst.equivalence.equivalent_time` (the race itself where a
    distance matches) and :func:`critical_speed` is fitted to them.

    Parameters
    ----------
    distance_m : float
        Race distance [m].
    time_s : float
        Race time [s].
    model : {"daniels", "riegel", "cameron"}
        Equivalence model.
    distances_m : sequence of float
        Distances of the equivalent efforts [m]; the mile and 5K by default.

    Returns
    -------
    CriticalSpeed

    Examples
    --------
    The method's worked case, an 18:08 5K: CS about 3:47/km, D′ about 215 m.

    >>> cs = critical_speed_from_race(5000.0, 18 * 60 + 8)
    >>> round(1000 / cs.cs_m_per_s), round(cs.d_prime_m)
    (227, 215)
    """
    race = as_races({float(distance_m): float(time_s)})[0]
    efforts = {
        float(d): _race_or_equivalent(race.distance_m, race.time_s, float(d), model)
        for d in distances_m
    }
    return critical_speed(efforts)
