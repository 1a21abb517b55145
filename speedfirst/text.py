"""Reading and writing the human text forms of times, distances and paces.

This is the only module that turns text into numbers (or numbers into text).
Everything it returns uses the library's internal units: time in seconds,
distance in metres, pace in seconds per kilometre. Every rejection raises
:class:`~speedfirst.errors.InputError` with a message that quotes the bad
text and lists what would have been accepted, so a CLI or dashboard can
show it to the user unchanged.
"""

from __future__ import annotations

import math
import numbers
import re

from speedfirst.errors import InputError
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_KM, METERS_PER_MILE

__all__ = [
    "DISTANCE_FORMS",
    "MAX_TIME_S",
    "PACE_FORMS",
    "RACE_FORMS",
    "TIME_FORMS",
    "format_distance",
    "format_pace",
    "format_time",
    "is_number",
    "parse_distance",
    "parse_pace",
    "parse_time",
    "race_error",
]

TIME_FORMS = "Use m:ss, h:mm:ss or 1h25m30s (e.g. 18:08, 2:48:39, 4:05.3)."
"""Hint appended to every rejected time."""
DISTANCE_FORMS = (
    "Use a race name (mile, 5K, 10K, half, marathon) or a number with a unit "
    "m, km, k, mi or miles (e.g. 1500m, 21.0975 km, 26.2mi, 2 miles)."
)
"""Hint appended to every rejected distance."""
PACE_FORMS = "Use a time per km or per mile (e.g. 4:00/km, 6:15/mi, 4:00 min/km, 6:15 per mile)."
"""Hint appended to every rejected pace."""
RACE_FORMS = "Use DIST=TIME (e.g. 5K=18:08, half=1:25:00, marathon=2:48:39)."
"""Hint appended to every rejected race token."""

MAX_TIME_S: float = 24 * 3600.0
"""Longest time :func:`parse_time` accepts [s]."""

_MIN_DISTANCE_M = 100.0
_MAX_DISTANCE_M = 500_000.0
_MIN_PACE_S_PER_KM = 90.0  # 1:30/km
_MAX_PACE_S_PER_KM = 1800.0  # 30:00/km

# Colon forms. The pattern is deliberately loose about digit counts so that a
# near miss such as "18:6" can be told apart from garbage and get a reason.
_COLON_RE = re.compile(r"(?:(?P<h>[0-9]+):)?(?P<m>[0-9]+):(?P<s>[0-9]+)(?:\.(?P<frac>[0-9]+))?")
# Unit forms: any of hours, minutes, seconds, in that order.
_UNIT_RE = re.compile(
    r"(?:(?P<h>[0-9]+)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>[0-9]+)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(?P<s>[0-9]+(?:\.[0-9]+)?)\s*s(?:ec(?:onds?|s)?)?)?",
    re.IGNORECASE,
)

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

_PACE_RE = re.compile(
    r"(?P<time>.*?)\s*(?:min(?:utes?|s)?\s*)?(?:/|per)\s*"
    r"(?P<unit>km|k|kilometres?|kilometers?|mi|miles?)",
    re.IGNORECASE | re.DOTALL,
)

# Display names for the distances people race; anything else is shown in km.
_DISTANCE_NAMES = (
    (METERS_PER_MILE, "mile"),
    (5000.0, "5K"),
    (10000.0, "10K"),
    (HALF_MARATHON_M, "half marathon"),
    (MARATHON_M, "marathon"),
)



def _time_error(text: object, reason: str | None = None) -> InputError:
    detail = f" ({reason})" if reason else ""
    return InputError(f"not a time: {text!r}{detail}. {TIME_FORMS}", field="time")


def _distance_error(text: object, reason: str | None = None) -> InputError:
    detail = f" ({reason})" if reason else ""
    return InputError(f"not a distance: {text!r}{detail}. {DISTANCE_FORMS}", field="distance")


def _pace_error(text: object, reason: str | None = None) -> InputError:
    detail = f" ({reason})" if reason else ""
    return InputError(f"not a pace: {text!r}{detail}. {PACE_FORMS}", field="pace")


def race_error(text: object, reason: str) -> InputError:
    # The reason may be a whole message from a nested parser, ending in a full stop.
    return InputError(f"not a race: {text!r}: {reason.rstrip('.')}. {RACE_FORMS}", field="race")


def is_number(value: object) -> bool:
    """True for real numbers (including numpy scalars), False for bools and text."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _whole_seconds(value: float) -> int:
    """Round half up to whole seconds, so 0.5 s always goes up."""
    return math.floor(value + 0.5)


def _colon_seconds(text: str, match: re.Match[str]) -> float:
    """Seconds from a matched colon form, or raise with the reason."""
    hours, minutes, secs, frac = match.group("h", "m", "s", "frac")
    if len(secs) != 2:
        raise _time_error(text, "seconds need two digits, e.g. 18:06")
    if hours is not None and len(minutes) != 2:
        raise _time_error(text, "minutes need two digits after the hours, e.g. 2:05:00")
    seconds = float(f"{secs}.{frac}") if frac else float(secs)
    if seconds >= 60:
        raise _time_error(text, "seconds must be below 60")
    total = float(minutes) * 60.0 + seconds
    if hours is not None:
        if float(minutes) >= 60:
            raise _time_error(text, "minutes must be below 60 when hours are given")
        total += float(hours) * 3600.0
    return total


def _unit_seconds(text: str, match: re.Match[str]) -> float:
    """Seconds from a matched ``1h25m30s`` form, or raise with the reason."""
    hours, minutes, secs = match.group("h", "m", "s")
    total = 0.0
    if hours is not None:
        total += float(hours) * 3600.0
    if minutes is not None:
        if hours is not None and float(minutes) >= 60:
            raise _time_error(text, "minutes must be below 60 when hours are given")
        total += float(minutes) * 60.0
    if secs is not None:
        if (hours is not None or minutes is not None) and float(secs) >= 60:
            raise _time_error(text, "seconds must be below 60 when minutes or hours are given")
        total += float(secs)
    return total


def parse_time(text: str) -> float:
    """Read a duration written by a person.

    Parameters
    ----------
    text : str
        ``m:ss`` or ``mm:ss`` (any number of minutes), ``h:mm:ss``, either
        with optional decimal seconds (``4:05.3``), or a unit form with any of
        hours, minutes and seconds in that order (``2h``, ``45m``,
        ``1h 25m``, ``90s``, ``25m30s``, ``1h05m``; case and spaces do not
        matter). Seconds after a colon need two digits; minutes need two
        digits and must be below 60 when hours are given. Surrounding
        whitespace is ignored.

    Returns
    -------
    float
        Duration [s], above zero and at most 24 hours.

    Raises
    ------
    InputError
        If the text is not one of the forms above, or the duration is zero,
        negative or longer than 24 hours. The message quotes ``text``.

    Examples
    --------
    >>> parse_time("18:08")
    1088.0
    >>> parse_time("2:48:39")
    10119.0
    >>> parse_time("4:05.3")
    245.3
    >>> parse_time("1h 25m 30s")
    5130.0
    >>> parse_time("25:61")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: not a time: '25:61' (seconds must be below 60). Use m:ss, ...
    """
    if not isinstance(text, str):
        raise _time_error(text, "expected text")
    stripped = text.strip()
    if not stripped:
        raise _time_error(text, "it is empty")
    if stripped.startswith("-"):
        raise _time_error(text, "a time must be positive")

    colon = _COLON_RE.fullmatch(stripped)
    unit = None if colon else _UNIT_RE.fullmatch(stripped)
    if colon:
        total = _colon_seconds(text, colon)
    elif unit and any(unit.group("h", "m", "s")):
        total = _unit_seconds(text, unit)
    else:
        raise _time_error(text)

    if not total > 0:
        raise _time_error(text, "a time must be above zero")
    if total > MAX_TIME_S:
        raise _time_error(text, "times up to 24 hours are supported")
    return total


def format_time(seconds: float) -> str:
    """Write a duration the way runners do, rounded to whole seconds.

    Parameters
    ----------
    seconds : float
        Duration [s], zero or more. Halves round up.

    Returns
    -------
    str
        ``m:ss`` below one hour, else ``h:mm:ss``. Hours are not zero padded
        and minutes are padded only after hours. Any text it returns for a
        duration in (0, 24 h] is read back exactly by :func:`parse_time`.

    Raises
    ------
    InputError
        If ``seconds`` is negative, NaN or infinite.

    Examples
    --------
    >>> format_time(1088)
    '18:08'
    >>> format_time(10119.4)
    '2:48:39'
    >>> format_time(45)
    '0:45'
    >>> format_time(3600)
    '1:00:00'
    """
    if not is_number(seconds) or not math.isfinite(seconds) or seconds < 0:
        raise InputError(
            f"cannot format {seconds!r} as a time; need a finite number of seconds >= 0",
            field="time",
        )
    total = _whole_seconds(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


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
