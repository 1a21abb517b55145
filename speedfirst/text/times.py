"""Durations written by people: ``18:08``, ``2:48:39``, ``1h25m30s``, and back."""

from __future__ import annotations

import math
import numbers
import re

from speedfirst.errors import InputError
from speedfirst.text.messages import _time_error

__all__ = ["MAX_TIME_S", "format_time", "is_number", "parse_time"]

MAX_TIME_S: float = 24 * 3600.0
"""Longest time :func:`parse_time` accepts [s]."""

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
