"""Unit constants and conversions.

Inside the library every time is in seconds, every distance in metres and
every pace in seconds per kilometre (``pace_s_per_km``) unless a name says
otherwise (``pace_s_per_mi``). Miles appear only through this module.
"""

from __future__ import annotations

from typing import Literal

from speedfirst.errors import InputError

__all__ = [
    "HALF_MARATHON_M",
    "MARATHON_M",
    "METERS_PER_KM",
    "METERS_PER_MILE",
    "STANDARD_DISTANCES_M",
    "Unit",
    "check_unit",
    "km_to_mi",
    "metres_per_unit",
    "mi_to_km",
    "pace_per_km_to_per_mi",
    "pace_per_mi_to_per_km",
    "pace_s_per_km",
    "speed_m_per_s",
]

Unit = Literal["mi", "km"]

METERS_PER_MILE: float = 1609.344
"""International mile [m]."""
METERS_PER_KM: float = 1000.0
MARATHON_M: float = 42195.0
HALF_MARATHON_M: float = 21097.5

STANDARD_DISTANCES_M: dict[str, float] = {
    "mile": METERS_PER_MILE,
    "5K": 5000.0,
    "10K": 10000.0,
    "half": HALF_MARATHON_M,
    "marathon": MARATHON_M,
}
"""The race distances shown in prediction tables, short name -> metres."""


def check_unit(units: str) -> Unit:
    """Return ``units`` if it is ``"mi"`` or ``"km"``, else raise ``InputError``.

    >>> check_unit("km")
    'km'
    """
    if units not in ("mi", "km"):
        raise InputError(f"units must be 'mi' or 'km', got {units!r}", field="units")
    return units  # type: ignore[return-value]


def metres_per_unit(units: str) -> float:
    """Metres in one ``units`` (``"mi"`` or ``"km"``).

    >>> metres_per_unit("mi")
    1609.344
    """
    return METERS_PER_MILE if check_unit(units) == "mi" else METERS_PER_KM


def km_to_mi(km: float) -> float:
    """Kilometres to miles.

    >>> round(km_to_mi(42.195), 3)
    26.219
    """
    return km * METERS_PER_KM / METERS_PER_MILE


def mi_to_km(mi: float) -> float:
    """Miles to kilometres.

    >>> mi_to_km(1.0)
    1.609344
    """
    return mi * METERS_PER_MILE / METERS_PER_KM


def pace_per_km_to_per_mi(pace_s_per_km: float) -> float:
    """Pace [s/km] to pace [s/mi].

    >>> round(pace_per_km_to_per_mi(240.0), 1)
    386.2
    """
    return pace_s_per_km * METERS_PER_MILE / METERS_PER_KM


def pace_per_mi_to_per_km(pace_s_per_mi: float) -> float:
    """Pace [s/mi] to pace [s/km].

    >>> round(pace_per_mi_to_per_km(360.0), 2)
    223.69
    """
    return pace_s_per_mi * METERS_PER_KM / METERS_PER_MILE


def pace_s_per_km(distance_m: float, time_s: float) -> float:
    """Average pace [s/km] of ``distance_m`` [m] run in ``time_s`` [s].

    >>> pace_s_per_km(5000.0, 1200.0)
    240.0
    """
    return time_s / distance_m * METERS_PER_KM


def speed_m_per_s(pace_s_per_km: float) -> float:
    """Speed [m/s] from pace [s/km].

    >>> speed_m_per_s(250.0)
    4.0
    """
    return METERS_PER_KM / pace_s_per_km
