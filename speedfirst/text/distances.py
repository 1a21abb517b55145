"""Distances written by people: ``5K``, ``half``, ``26.2mi``, and the names runners give them."""

from __future__ import annotations

import math
import re

from speedfirst.errors import InputError
from speedfirst.text.messages import _distance_error
from speedfirst.text.times import is_number
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_KM, METERS_PER_MILE

__all__ = ["format_distance", "parse_distance"]

_MIN_DISTANCE_M = 100.0
_MAX_DISTANCE_M = 500_000.0

_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_DISTANCE_RE = re.compile(
    rf"(?P<num>{_NUMBER})\s*"
    r"(?P<unit>m|metres?|meters?|km|k|kilometres?|kilometers?|mi|miles?)"
)
_BARE_NUMBER_RE = re.compile(_NUMBER)
_UNIT_METRES = {
    "m": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "k": METERS_PER_KM,
    "km": METERS_PER_KM,
    "kilometre": METERS_PER_KM,
    "kilometres": METERS_PER_KM,
    "kilometer": METERS_PER_KM,
    "kilometers": METERS_PER_KM,
    "mi": METERS_PER_MILE,
    "mile": METERS_PER_MILE,
    "miles": METERS_PER_MILE,
}
_NAMED_DISTANCES_M = {
    "mile": METERS_PER_MILE,
    "half": HALF_MARATHON_M,
    "half marathon": HALF_MARATHON_M,
    "hm": HALF_MARATHON_M,
    "marathon": MARATHON_M,
    "full": MARATHON_M,
    "full marathon": MARATHON_M,
}

# Display names for the distances people race; anything else is shown in km.
_DISTANCE_NAMES = (
    (METERS_PER_MILE, "mile"),
    (5000.0, "5K"),
    (10000.0, "10K"),
    (HALF_MARATHON_M, "half marathon"),
    (MARATHON_M, "marathon"),
)


def parse_distance(text: str) -> float:
    """Read a distance written by a person.

    Parameters
    ----------
    text : str
        A race name (``mile``, ``half``, ``half marathon``, ``half-marathon``,
        ``hm``, ``marathon``, ``full``, ``full marathon``) or a positive
        number with a unit: ``m``, ``km``, ``k``, ``mi``, ``mile``/``miles``
        (spelled-out metres and kilometres work too), as in ``1500m``, ``5K``,
        ``10 mi``, ``21.0975 km``, ``26.2mi``. Case and spaces do not matter.
        A unit is required, and ``m`` alone is not a distance.

    Returns
    -------
    float
        Distance [m], from 100 m to 500 km. Numbers are converted exactly,
        never snapped to a race (``26.2mi`` is 42164.8 m, not a marathon).

    Raises
    ------
    InputError
        If the text is not one of the forms above, has no unit, or is zero,
        negative, shorter than 100 m or longer than 500 km. The message
        quotes ``text``.

    Examples
    --------
    >>> parse_distance("5K")
    5000.0
    >>> parse_distance("Half Marathon")
    21097.5
    >>> parse_distance("mile")
    1609.344
    >>> round(parse_distance("26.2mi"), 2)
    42164.81
    >>> parse_distance("5000")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: not a distance: '5000' (a unit is required, e.g. 5000 m...
    """
    if not isinstance(text, str):
        raise _distance_error(text, "expected text")
    cleaned = " ".join(text.lower().split())
    cleaned = re.sub(r"(?<=[a-z])\s*-\s*(?=[a-z])", " ", cleaned)
    if not cleaned:
        raise _distance_error(text, "it is empty")
    if cleaned.startswith("-"):
        raise _distance_error(text, "a distance must be positive")

    if cleaned in _NAMED_DISTANCES_M:
        return _NAMED_DISTANCES_M[cleaned]
    if cleaned == "m":
        raise _distance_error(text, "'m' alone is ambiguous; write marathon or a number of metres")
    if _BARE_NUMBER_RE.fullmatch(cleaned):
        raise _distance_error(
            text, f"a unit is required, e.g. {cleaned} m, {cleaned} km or {cleaned} mi"
        )
    match = _DISTANCE_RE.fullmatch(cleaned)
    if not match:
        raise _distance_error(text)

    metres = float(match.group("num")) * _UNIT_METRES[match.group("unit")]
    if not math.isfinite(metres):
        raise _distance_error(text, "the number is too large")
    if not metres > 0:
        raise _distance_error(text, "a distance must be above zero")
    if not _MIN_DISTANCE_M <= metres <= _MAX_DISTANCE_M:
        raise _distance_error(text, "distances from 100 m to 500 km are supported")
    return metres


def format_distance(distance_m: float) -> str:
    """Name a distance the way runners say it.

    Parameters
    ----------
    distance_m : float
        Distance [m], above zero.

    Returns
    -------
    str
        ``mile``, ``5K``, ``10K``, ``half marathon`` or ``marathon`` when the
        distance is within half a metre of one of them; otherwise metres below
        1 km (``800 m``) and kilometres with one decimal above (``8.0 km``).

    Raises
    ------
    InputError
        If ``distance_m`` is not a finite number above zero.

    Examples
    --------
    >>> format_distance(5000)
    '5K'
    >>> format_distance(42195)
    'marathon'
    >>> format_distance(8000)
    '8.0 km'
    >>> format_distance(800)
    '800 m'
    """
    if not is_number(distance_m) or not math.isfinite(distance_m) or not distance_m > 0:
        raise InputError(
            f"cannot name the distance {distance_m!r}; need a finite number of metres above zero",
            field="distance",
        )
    for metres, name in _DISTANCE_NAMES:
        if abs(distance_m - metres) <= 0.5:
            return name
    if distance_m < METERS_PER_KM:
        return f"{distance_m:.0f} m"
    return f"{distance_m / METERS_PER_KM:.1f} km"
