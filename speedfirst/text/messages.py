"""What a rejection says: the accepted forms of each kind of text, and the errors quoting it.

Every error quotes the rejected text, gives the reason when there is one and
ends with the forms that would have been accepted, so a CLI or dashboard can
show it to the user unchanged.
"""

from __future__ import annotations

from speedfirst.errors import InputError

__all__ = ["DISTANCE_FORMS", "PACE_FORMS", "RACE_FORMS", "TIME_FORMS", "race_error"]

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


def _rejected(kind: str, forms: str, text: object, reason: str | None) -> InputError:
    """``not a <kind>: '<text>' (<reason>). <forms>``, with ``field=kind``."""
    detail = f" ({reason})" if reason else ""
    return InputError(f"not a {kind}: {text!r}{detail}. {forms}", field=kind)


def _time_error(text: object, reason: str | None = None) -> InputError:
    return _rejected("time", TIME_FORMS, text, reason)


def _distance_error(text: object, reason: str | None = None) -> InputError:
    return _rejected("distance", DISTANCE_FORMS, text, reason)


def _pace_error(text: object, reason: str | None = None) -> InputError:
    return _rejected("pace", PACE_FORMS, text, reason)


def race_error(text: object, reason: str) -> InputError:
    # The reason may be a whole message from a nested parser, ending in a full stop.
    return InputError(f"not a race: {text!r}: {reason.rstrip('.')}. {RACE_FORMS}", field="race")
