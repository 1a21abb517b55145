"""The share link's query string: reading it without trusting it, and writing it.

A share link carries the dashboard's state as ``?5k=18:08&peak=55&...``. On the
way in nothing is trusted: values stay text and go through the same validation
as typed input. The longer names of :data:`QUERY_NAMES` are what links carry;
the short control keys are accepted too.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from typing import Any

from speedfirst.units import METERS_PER_MILE

__all__ = ["CONTROL_FOR_KEYWORD", "MAX_QUERY_PARAMS", "PLAN_KEYS", "QUERY_NAMES", "RACE_FIELDS",
           "encode_query", "parse_query"]

RACE_FIELDS = {"mile": METERS_PER_MILE, "5k": 5000.0, "10k": 10000.0}
"""Race-time boxes: query/field key -> distance [m]."""

PLAN_KEYS = ("5k", "10k", "mile", "goal", "distance", "peak", "general", "specific", "taper",
             "race_date", "units", "runs", "hr_max", "method", "mileage")
"""Every control, by its query-string key."""

QUERY_NAMES: dict[str, str] = {
    "general": "general_weeks", "specific": "specific_weeks", "taper": "taper_weeks",
    "runs": "runs_per_week",
}
"""Controls whose share-link parameter has a longer name (the short one is accepted too)."""
_FROM_QUERY = {v: k for k, v in QUERY_NAMES.items()}

MAX_QUERY_PARAMS = 30


def _default_race_date(today: dt.date) -> dt.date:
    """A Sunday about 24 weeks ahead: room for the default 21-week plan."""
    d = today + dt.timedelta(weeks=24)
    return d + dt.timedelta(days=(6 - d.weekday()) % 7)


def parse_query(query: str) -> tuple[dict[str, str], list[str]]:
    """Split a query string into known keys and a list of ignored items.

    Nothing here is trusted: values stay text and are validated later by the
    same code that validates typed input. Unknown keys, repeated keys, values
    over 40 characters and anything past :data:`MAX_QUERY_PARAMS` parameters
    are ignored and reported (the rest of a huge query is never parsed).

    >>> parse_query("5k=18:08&peak=55&evil=<script>")
    ({'5k': '18:08', 'peak': '55'}, ['evil'])
    """
    known: dict[str, str] = {}
    ignored: list[str] = []
    parts = (query or "").lstrip("?").split("&", MAX_QUERY_PARAMS)
    overflow = parts.pop() if len(parts) > MAX_QUERY_PARAMS else None
    for part in parts:
        if not part:
            continue
        raw_key, _, raw_value = part.partition("=")
        key = urllib.parse.unquote_plus(raw_key[:200])
        value = urllib.parse.unquote_plus(raw_value[:200])
        k = key.strip().lower()
        k = _FROM_QUERY.get(k, k)
        if k in PLAN_KEYS and len(value) <= 40 and k not in known:
            known[k] = value
        else:
            ignored.append(key[:20] + ("…" if len(key) > 20 else ""))
    if overflow is not None:
        ignored.append(f"{overflow.count('&') + 1} more parameters")
    return known, ignored


CONTROL_FOR_KEYWORD: dict[str, str] = {
    "race_date": "race_date", "phases": "general", "general_weeks": "general",
    "specific_weeks": "specific", "taper_weeks": "taper", "peak_weekly": "peak",
    "runs_per_week": "runs", "hr_max": "hr_max", "goal_time_s": "goal",
    "goal_distance_m": "distance", "race_distance": "distance", "method": "method",
    "units": "units", "races": "5k", "weekly_mileage": "mileage",
}
"""The dashboard control that shows an :class:`~speedfirst.errors.InputError`, by the
library keyword the error names (``build_plan``/``assess_goal`` keywords; ``phases``
is the phase lengths together). A race-time box names itself (``5k``, ``10k``,
``mile``): the dashboard reads each box on its own."""


def encode_query(values: Mapping[str, Any]) -> str:
    """The query string of a share link for control ``values`` (empty ones left out).

    >>> encode_query({"5k": "18:08", "goal": "", "runs": 6, "race_date": dt.date(2027, 4, 18)})
    '5k=18%3A08&runs_per_week=6&race_date=2027-04-18'
    """
    out = {}
    for k, v in values.items():
        if v in ("", None):
            continue
        out[QUERY_NAMES.get(k, k)] = v.isoformat() if isinstance(v, dt.date) else str(v)
    return urllib.parse.urlencode(out)
