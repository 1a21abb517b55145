"""Paces written by people: ``4:00/km``, ``6:15/mi``, and back."""

from __future__ import annotations

import math
import re

from speedfirst.errors import InputError
from speedfirst.text.distances import _UNIT_METRES
from speedfirst.text.messages import _pace_error
from speedfirst.text.times import _whole_seconds, is_number, parse_time
from speedfirst.units import METERS_PER_KM, METERS_PER_MILE

__all__ = ["format_pace", "pace_range_text", "parse_pace"]

_MIN_PACE_S_PER_KM = 90.0  # 1:30/km
_MAX_PACE_S_PER_KM = 1800.0  # 30:00/km

_PACE_RE = re.compile(
    r"(?P<time>.*?)\s*(?:min(?:utes?|s)?\s*)?(?:/|per)\s*"
    r"(?P<unit>km|k|kilometres?|kilometers?|mi|miles?)",
    re.IGNORECASE | re.DOTALL,
)


def parse_pace(text: str) -> float:
    """Read a running pace written by a person.

    Parameters
    ----------
    text : str
        A time (any form :func:`parse_time` reads) per kilometre or per mile:
        ``4:00/km``, ``6:15/mi``, ``6:15 /mile``, ``4:00 per km``,
        ``4:00 min/km``. The unit is required.

    Returns
    -------
    float
        Pace [s/km], from 1:30/km to 30:00/km. The limits are checked to
        half a second in the unit written, so whatever :func:`format_pace`
        prints for a pace in that range reads back.

    Raises
    ------
    InputError
        If the text has no unit, its time part is not a time, or the pace is
        outside the range above. The message quotes ``text``.

    Examples
    --------
    >>> parse_pace("4:00/km")
    240.0
    >>> round(parse_pace("6:15/mi"), 2)
    233.01
    >>> parse_pace("4:00 min/km")
    240.0
    >>> parse_pace("4:00")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: not a pace: '4:00' (a unit is required: add /km or /mi)...
    """
    if not isinstance(text, str):
        raise _pace_error(text, "expected text")
    stripped = text.strip()
    if not stripped:
        raise _pace_error(text, "it is empty")
    match = _PACE_RE.fullmatch(stripped)
    if not match:
        try:
            parse_time(stripped)
        except InputError:
            raise _pace_error(text) from None
        raise _pace_error(text, "a unit is required: add /km or /mi")

    time_text = match.group("time")
    if not time_text.strip():
        raise _pace_error(text, "the time is missing")
    try:
        per_unit_s = parse_time(time_text)
    except InputError:
        raise _pace_error(text, f"{time_text!r} is not a time") from None

    metres = _UNIT_METRES[match.group("unit").lower()]
    pace = per_unit_s * METERS_PER_KM / metres
    # Half a second in the written unit, expressed in s/km.
    slack = 0.5 * METERS_PER_KM / metres
    if pace < _MIN_PACE_S_PER_KM - slack:
        raise _pace_error(text, "faster than 1:30/km; check the time and unit")
    if pace > _MAX_PACE_S_PER_KM + slack:
        raise _pace_error(text, "slower than 30:00/km; check the time and unit")
    return pace


def format_pace(pace_s_per_km: float, unit: str = "mi") -> str:
    """Write a pace per mile or per kilometre, rounded to whole seconds.

    Parameters
    ----------
    pace_s_per_km : float
        Pace [s/km], above zero.
    unit : {"mi", "km"}
        Distance unit to show the pace in.

    Returns
    -------
    str
        ``m:ss/mi`` or ``m:ss/km``; halves round up and 59.5 s or more
        carries into the next minute (never ``5:60``).

    Raises
    ------
    InputError
        If ``unit`` is not ``"mi"`` or ``"km"``, or the pace is not a finite
        number above zero.

    Examples
    --------
    >>> format_pace(240.0, "km")
    '4:00/km'
    >>> format_pace(233.0)
    '6:15/mi'
    >>> format_pace(359.6, "km")
    '6:00/km'
    """
    if unit not in ("mi", "km"):
        raise InputError(f"pace unit must be 'mi' or 'km', got {unit!r}", field="units")
    if not is_number(pace_s_per_km) or not math.isfinite(pace_s_per_km) or not pace_s_per_km > 0:
        raise InputError(
            f"cannot format {pace_s_per_km!r} as a pace; need a finite number of s/km above zero",
            field="pace",
        )
    metres = METERS_PER_MILE if unit == "mi" else METERS_PER_KM
    total = _whole_seconds(pace_s_per_km * metres / METERS_PER_KM)
    minutes, secs = divmod(total, 60)
    return f"{minutes}:{secs:02d}/{unit}"


def pace_range_text(fast: float, slow: float, units: str) -> str:
    """``"6:15–6:30/mi"`` from two paces in s/km (one pace when both round alike).

    >>> pace_range_text(233.0, 242.0, "mi")
    '6:15–6:29/mi'
    """
    a, b = format_pace(fast, units), format_pace(slow, units)
    return a if a == b else f"{a.split('/')[0]}–{b}"
