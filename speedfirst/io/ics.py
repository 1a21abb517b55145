"""A plan as an iCalendar file: one all-day event per running or strength day.

References
----------
.. [RFC5545] Desruisseaux, B. (2009). *Internet Calendaring and Scheduling
   Core Object Specification (iCalendar)*, RFC 5545, IETF.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from speedfirst.io.files import atomic_write, bytes_writer
from speedfirst.plan.sessions import distance_text
from speedfirst.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = ["ics_bytes", "to_ics"]


def _calendar(plan: Plan, dtstamp: dt.datetime) -> Any:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//speedfirst//speedfirst {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname",
            f"speedfirst: {plan.inputs.race_name} on {plan.inputs.race_date.isoformat()}")
    units = plan.inputs.units
    race_tag = f"{plan.inputs.race_date.isoformat()}-{plan.inputs.method}"
    for row in plan.sessions.itertuples(index=False):
        if row.kind == "rest":
            continue
        day = pd.Timestamp(row.date).date()
        summary = str(row.title)
        if row.distance_km and row.distance_km > 0:
            summary += f" – {distance_text(row.distance_km, units)}"
        event = icalendar.Event()
        event.add("uid", f"speedfirst-{race_tag}-{day.isoformat()}-{row.kind}@speedfirst")
        event.add("dtstamp", dtstamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", str(row.description))
        event.add("categories", [str(row.kind)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def to_ics(plan: Plan, path: str | Path, *, dtstamp: dt.datetime | None = None) -> Path:
    """Write an iCalendar file with one all-day event per session that is not rest.

    The calendar has PRODID, VERSION 2.0, CALSCALE GREGORIAN and an
    ``X-WR-CALNAME``. Each event: ``DTSTART`` the session's date (a DATE
    value), ``DTEND`` the next day, ``SUMMARY`` the title plus the distance
    in the plan's units (``Long run – 8.2 mi``; strength days have no
    distance), ``DESCRIPTION`` the session description, ``CATEGORIES`` the
    session kind, ``TRANSP:TRANSPARENT`` (training does not block the day).
    ``UID`` is ``speedfirst-<race date>-<method>-<date>-<kind>@speedfirst``:
    stable, so importing a rebuilt plan for the same race and method updates
    the same days instead of duplicating them, while plans for another race or
    method get their own events. Lines are
    CRLF-terminated and folded at 75 octets by :mod:`icalendar`.

    Parameters
    ----------
    plan : Plan
    path : str or pathlib.Path
    dtstamp : datetime, optional
        The ``DTSTAMP`` of every event (UTC); default now. Pass one for
        byte-identical output.

    Returns
    -------
    pathlib.Path
    """
    data = ics_bytes(plan, dtstamp)
    return atomic_write({path: bytes_writer(data)})[0]


def ics_bytes(plan: Plan, dtstamp: dt.datetime | None = None) -> bytes:
    """The iCalendar file's bytes (see :func:`to_ics`)."""
    if dtstamp is None:
        dtstamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    elif dtstamp.tzinfo is None:
        dtstamp = dtstamp.replace(tzinfo=dt.UTC)
    return bytes(_calendar(plan, dtstamp.astimezone(dt.UTC)).to_ical())


# --------------------------------------------------------------------------
# HTML
