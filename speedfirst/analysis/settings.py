"""A plan's settings as the dashboard and its share links hold them: plain values.

A share link carries the dashboard's state as ``?5k=18:08&peak=55&...``. On the
way in nothing is trusted: values stay text and go through the same validation
as typed input. The longer names of :data:`QUERY_NAMES` are what links carry;
the short control keys are accepted too.

Everything here is pure (no widgets), so the live dashboard
(:class:`speedfirst.widgets.dashboard.Dashboard`, which sets its controls from
these values) and the kernel-free read-only view (:mod:`speedfirst.readonly`)
read a link the same way and build the same plan from it:

* :func:`parse_query` / :func:`encode_query` — the query string, untrusted in;
* :func:`default_settings` and :func:`settings_from_query` — every control's
  value, with what the link gave that was not valid or not known;
* :func:`plan_keywords` — the values checked through the library into
  :func:`~speedfirst.plan.build_plan`'s keywords, errors naming the control;
* :func:`first_plan` — the plan of a link, resetting the values that make no
  plan to their defaults (and saying which).
"""

from __future__ import annotations

import datetime as dt
import math
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from speedfirst.analysis.inputs import default_race_date
from speedfirst.errors import InputError
from speedfirst.limits import check_hr_max, check_race_time
from speedfirst.mileage import weekly_mileage_mi
from speedfirst.plan import LIMITS, PEAK_MI_RANGE, Plan, build_plan
from speedfirst.text import parse_time
from speedfirst.units import METERS_PER_MILE

__all__ = ["CHOICES", "CONTROL_FOR_KEYWORD", "MAX_QUERY_PARAMS", "PLAN_KEYS", "QUERY_NAMES",
           "RACE_FIELDS", "WHOLE_NUMBERS", "FirstPlan", "LinkSettings", "default_settings",
           "encode_query", "first_plan", "mileage_now_mi", "parse_query", "peak_range",
           "plan_keywords", "settings_from_query", "whole_number_range"]

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


CHOICES: dict[str, tuple[str, ...]] = {
    "distance": ("marathon", "half"),
    "units": ("mi", "km"),
    "method": ("speed-first", "traditional"),
}
"""Controls with a fixed set of values, by query key."""

WHOLE_NUMBERS = ("peak", "general", "specific", "taper", "runs")
"""Controls that hold a whole number in a range (:func:`whole_number_range`)."""


def default_settings(today: dt.date) -> dict[str, Any]:
    """Every control's value when a link sets nothing, by query key, in the dashboard's order.

    Text boxes hold text (race times, goal, HRmax, mileage now), the
    whole-number controls ints, the race date a date. The race date is the
    first Sunday 24 weeks from ``today``: room for the default 21-week plan.

    >>> default_settings(dt.date(2026, 11, 23))["race_date"]
    datetime.date(2027, 5, 16)
    """
    return {
        "5k": "18:08", "10k": "", "mile": "", "goal": "2:45:00", "distance": "marathon",
        "peak": 55, "general": 8, "specific": 10, "taper": 3,
        "race_date": default_race_date(today, weeks_ahead=24), "units": "mi", "runs": 6,
        "hr_max": "", "mileage": "", "method": "speed-first",
    }


def peak_range(units: str) -> tuple[int, int]:
    """Whole peak weekly distances accepted in ``units`` ("mi" or "km").

    :data:`~speedfirst.plan.PEAK_MI_RANGE` in the unit, rounded inwards.

    >>> peak_range("mi"), peak_range("km")
    ((10, 200), (17, 321))
    """
    lo, hi = PEAK_MI_RANGE
    factor = 1.0 if units == "mi" else METERS_PER_MILE / 1000.0
    return math.ceil(lo * factor), math.floor(hi * factor)


def whole_number_range(key: str, units: str) -> tuple[int, int]:
    """``(lowest, highest)`` accepted by the whole-number control ``key``.

    The phase lengths and runs per week are :data:`~speedfirst.plan.LIMITS`;
    the peak depends on ``units`` (:func:`peak_range`).
    """
    if key == "peak":
        return peak_range(units)
    return LIMITS[QUERY_NAMES[key]]


def convert_peak(peak: int, units: str, *, convert: bool) -> int:
    """The peak slider's value when the units become ``units``.

    With ``convert`` the distance is kept (55 mi → 89 km); without it the
    number is kept. Either way it is clamped to :func:`peak_range`.
    """
    if convert:
        factor = METERS_PER_MILE / 1000.0 if units == "km" else 1000.0 / METERS_PER_MILE
        peak = round(peak * factor)
    lo, hi = peak_range(units)
    return min(max(peak, lo), hi)


@dataclass(frozen=True)
class LinkSettings:
    """What a share link sets.

    Attributes
    ----------
    values : dict
        Every control's value by query key (:func:`default_settings` where the
        link gives none, or none that is valid).
    invalid : tuple of str
        Keys whose value the link gave but could not be set (a whole number
        out of range, an unknown choice, a date that is not ``YYYY-MM-DD``).
    ignored : tuple of str
        Unknown or repeated parameters, as :func:`parse_query` reports them.
    """

    values: dict[str, Any]
    invalid: tuple[str, ...]
    ignored: tuple[str, ...]


def settings_from_query(query: str, today: dt.date) -> LinkSettings:
    """The control values a share link's ``query`` sets (untrusted text in).

    The units are set first: the peak is read in them, and with ``units=km``
    the default peak is the default distance in km. Text boxes take any text
    (:func:`plan_keywords` checks it later, naming the box).

    >>> s = settings_from_query("peak=300&units=km&runs_per_week=9&x=1", dt.date(2026, 12, 1))
    >>> s.values["peak"], s.values["runs"], s.invalid, s.ignored
    (300, 6, ('runs',), ('x',))
    """
    known, ignored = parse_query(query)
    values = default_settings(today)
    invalid = []
    units = known.get("units")
    if units in CHOICES["units"]:
        values["units"] = units
        values["peak"] = convert_peak(values["peak"], units, convert=units != "mi")
    for key, text in known.items():
        try:
            if key in WHOLE_NUMBERS:
                lo, hi = whole_number_range(key, values["units"])
                number = int(text)
                if not lo <= number <= hi:
                    raise ValueError(text)
                values[key] = number
            elif key == "race_date":
                values[key] = dt.date.fromisoformat(text)
            elif key in CHOICES:
                if text not in CHOICES[key]:
                    raise ValueError(text)
                values[key] = text
            else:
                values[key] = text
        except (ValueError, TypeError):
            invalid.append(key)
    return LinkSettings(values, tuple(invalid), tuple(ignored))


def mileage_now_mi(text: Any, units: str) -> float | None:
    """The 'weekly mileage now' box in miles a week; ``None`` when it is empty.

    Raises
    ------
    InputError
        ``field="mileage"``, naming the text, when it is not a number of
        ``units`` a week from 0 to 200 mi (:func:`~speedfirst.mileage.weekly_mileage_mi`).
    """
    text = str(text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"weekly mileage must be a number of {units} a week such as 40, "
                         f"got {text!r}", field="mileage") from None
    try:
        return weekly_mileage_mi(value, units)
    except InputError as exc:
        raise InputError(str(exc), field="mileage") from None


def plan_keywords(values: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """Every control's value checked through the library: ``build_plan``'s keywords.

    Parameters
    ----------
    values : mapping
        Control values by query key (:func:`default_settings`' keys and kinds).
    today : date
        The day the plan is made.

    Raises
    ------
    InputError
        With ``field`` set to the control's query key (``5k``, ``goal``,
        ``hr_max``...), so the message can be shown beside that control.
    """
    races: dict[float, float] = {}
    for key, dist in RACE_FIELDS.items():
        text = str(values[key] or "").strip()
        if text:
            try:
                t = parse_time(text)
                check_race_time(dist, t)
            except InputError as exc:
                raise InputError(str(exc), field=key) from None
            races[dist] = t
    goal_text = str(values["goal"] or "").strip()
    goal_s = None
    if goal_text:
        try:
            goal_s = parse_time(goal_text)
        except InputError as exc:
            raise InputError(str(exc), field="goal") from None
    if not races and goal_s is None:
        raise InputError("enter at least one race time (5K, 10K or mile) or a goal", field="5k")
    hr_text = str(values["hr_max"] or "").strip()
    hr = None
    if hr_text:
        try:
            hr = float(hr_text)
        except ValueError:
            raise InputError(f"HRmax must be a number of beats/min such as 185, got "
                             f"{hr_text!r}", field="hr_max") from None
        hr = check_hr_max(hr)
    return dict(
        race_date=values["race_date"], race_distance=values["distance"],
        peak_weekly=values["peak"], units=values["units"], races=races or None,
        goal_time_s=goal_s, general_weeks=values["general"],
        specific_weeks=values["specific"], taper_weeks=values["taper"],
        method=values["method"], runs_per_week=values["runs"], hr_max=hr, today=today,
    )


@dataclass(frozen=True)
class FirstPlan:
    """The plan a link makes, after any of its values were reset.

    Attributes
    ----------
    values : dict
        The control values the plan was built from.
    plan : Plan or None
        ``None`` only if even the reset values make no plan (``error`` says why).
    rejected : tuple of str
        Keys reset to their defaults because the link's values made no plan.
    error : InputError or None
        The last error when no plan could be built.
    """

    values: dict[str, Any]
    plan: Plan | None
    rejected: tuple[str, ...]
    error: InputError | None


def _control(exc: InputError, values: Mapping[str, Any]) -> str | None:
    return exc.field if exc.field in values else CONTROL_FOR_KEYWORD.get(exc.field or "")


def first_plan(values: Mapping[str, Any], today: dt.date,
               defaults: Mapping[str, Any] | None = None) -> FirstPlan:
    """The plan of a link's ``values``; values that make no plan are reset until one does.

    Each failure resets the control the error names; when it names none (or
    one already reset), the first control that still differs from its
    default. Phase lengths that do not fit before race day reset the three
    phase lengths first and, if that was not it, the race date. Resetting the
    units keeps the peak's number (clamped to the range in the default units).

    Parameters
    ----------
    values : mapping
        Control values (:attr:`LinkSettings.values`).
    today : date
        The day the plan is made.
    defaults : mapping, optional
        What a reset control goes back to (default :func:`default_settings`).
    """
    values = dict(values)
    defaults = default_settings(today) if defaults is None else defaults
    rejected: list[str] = []
    try:
        return FirstPlan(values, build_plan(**plan_keywords(values, today)), (), None)
    except InputError as exc:
        error = exc
    for _ in range(len(values) + 1):
        key = _control(error, values)
        if key is None or key in rejected:
            key = next((k for k in values if values[k] != defaults[k] and k not in rejected),
                       None)
        if key is None:
            break
        keys = [key]
        if error.field == "phases":
            keys = ["race_date"] if "general" in rejected else ["general", "specific", "taper"]
        rejected += [k for k in keys if k not in rejected]
        for k in keys:
            if k == "units":
                values["peak"] = convert_peak(values["peak"], defaults["units"], convert=False)
            values[k] = defaults[k]
        try:
            plan = build_plan(**plan_keywords(values, today))
        except InputError as again:
            error = again
        else:
            return FirstPlan(values, plan, tuple(rejected), None)
    return FirstPlan(values, None, tuple(rejected), error)
