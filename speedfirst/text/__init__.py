"""Reading and writing the human text forms of times, distances and paces.

This is the only package that turns text into numbers (or numbers into text).
Everything it returns uses the library's internal units: time in seconds,
distance in metres, pace in seconds per kilometre. Every rejection raises
:class:`~speedfirst.errors.InputError` with a message that quotes the bad
text and lists what would have been accepted, so a CLI or dashboard can
show it to the user unchanged.

* :mod:`~speedfirst.text.messages` — the hints and errors of rejected text;
* :mod:`~speedfirst.text.times` — durations (and the rounding to whole seconds);
* :mod:`~speedfirst.text.distances` — distances and race names;
* :mod:`~speedfirst.text.paces` — paces per kilometre or mile.
"""

from speedfirst.text.distances import format_distance, parse_distance
from speedfirst.text.messages import (
    DISTANCE_FORMS,
    PACE_FORMS,
    RACE_FORMS,
    TIME_FORMS,
    race_error,
)
from speedfirst.text.paces import format_pace, pace_range_text, parse_pace
from speedfirst.text.times import MAX_TIME_S, format_time, is_number, parse_time

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
    "pace_range_text",
    "parse_distance",
    "parse_pace",
    "parse_time",
    "race_error",
]
