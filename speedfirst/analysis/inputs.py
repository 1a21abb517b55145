"""Checked inputs of the lessons and week views, and their default dates.

The lessons' sliders and text boxes, and the dashboard's week picker, pass
through these checks, so a bad value raises an
:class:`~speedfirst.errors.InputError` naming its field.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.plan import inputs as plan_inputs

__all__ = ["default_race_date", "five_k_time", "lesson_dates", "whole_number"]


def default_race_date(today: dt.date, weeks_ahead: int = 40) -> dt.date:
    """The first Sunday at least ``weeks_ahead`` weeks after ``today``.

    The lessons use 40 weeks (room for their longest plan, 30 weeks, from any
    week); the dashboard 24 (room for its default 21-week plan).

    >>> default_race_date(dt.date(2026, 11, 23))
    datetime.date(2027, 9, 5)
    >>> default_race_date(dt.date(2026, 11, 23), weeks_ahead=24)
    datetime.date(2027, 5, 16)
    """
    d = today + dt.timedelta(weeks=weeks_ahead)
    return d + dt.timedelta(days=(6 - d.weekday()) % 7)


def lesson_dates(today: dt.date | None, race_date: dt.date | None) -> tuple[dt.date, dt.date]:
    """``today`` (default: the real today) and the race date (:func:`default_race_date`)."""
    today = today or dt.date.today()
    return today, race_date or default_race_date(today)


def whole_number(value: Any, field: str, what: str, lo: int, hi: int) -> int:
    """``value`` as an int in ``lo…hi``, or an InputError naming ``field``.

    The plan's own check (:func:`speedfirst.plan.inputs.whole_number`), with
    the lessons' argument order.
    """
    return plan_inputs.whole_number(value, field, lo, hi, what)


def five_k_time(value: Any, field: str = "five_k_s") -> float:
    """A plausible 5K time [s], or an InputError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"the 5K time must be a number of seconds, got {value!r}", field=field)
    try:
        check_race_time(5000.0, float(value))
    except InputError as exc:
        raise InputError(str(exc), field=field) from None
    return float(value)
