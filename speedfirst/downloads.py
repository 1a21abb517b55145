"""Every export of a plan in memory, for the dashboard's download links."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from speedfirst.errors import InputError
from speedfirst.io.csv import csv_sessions, write_csv
from speedfirst.io.fit import plan_workouts_zip_bytes
from speedfirst.io.ics import ics_bytes
from speedfirst.io.intervals_icu import plan_workouts_text
from speedfirst.io.json import to_json
from speedfirst.report import html_bytes

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = ["EXPORT_FORMATS", "to_bytes"]

# --------------------------------------------------------------------------
EXPORT_FORMATS = ("csv", "json", "ics", "html", "fit", "intervals")
"""Formats :func:`to_bytes` can produce."""


def to_bytes(plan: Plan, formats: tuple[str, ...] = EXPORT_FORMATS) -> dict[str, tuple[str, bytes]]:
    """Every export in memory, for download links: file name → (MIME type, bytes).

    The bytes are exactly what the file writers produce. File names start
    with ``speedfirst-<race date>``; ``"csv"`` gives two files (sessions and
    ``.weeks.csv``). The HTML report inlines plotly.js, so it is several MB.
    ``"fit"`` is a zip of one FIT workout per key session and long run
    (``.workouts.zip``, :func:`speedfirst.io.fit.plan_workouts_zip_bytes`);
    ``"intervals"`` the same sessions as intervals.icu text
    (``.workouts.txt``, :func:`speedfirst.io.intervals_icu.plan_workouts_text`).

    Parameters
    ----------
    plan : Plan
    formats : tuple of {"csv", "json", "ics", "html", "fit", "intervals"}
        Which exports, in this order.

    Returns
    -------
    dict of str to (str, bytes)

    Raises
    ------
    InputError
        For an unknown format name.
    """
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise InputError(f"unknown export format(s) {unknown}; choose from "
                         f"{', '.join(EXPORT_FORMATS)}", field="formats")
    stem = f"speedfirst-{plan.inputs.race_date.isoformat()}"
    out: dict[str, tuple[str, bytes]] = {}
    for fmt in formats:
        if fmt == "csv":
            for name, frame in ((f"{stem}.csv", csv_sessions(plan)),
                                (f"{stem}.weeks.csv", plan.weeks)):
                buf = io.BytesIO()
                write_csv(frame, buf)
                out[name] = ("text/csv", buf.getvalue())
        elif fmt == "json":
            out[f"{stem}.json"] = ("application/json", to_json(plan).encode("utf-8"))
        elif fmt == "ics":
            out[f"{stem}.ics"] = ("text/calendar", ics_bytes(plan))
        elif fmt == "html":
            out[f"{stem}.html"] = ("text/html", html_bytes(plan))
        elif fmt == "fit":
            out[f"{stem}.workouts.zip"] = ("application/zip", plan_workouts_zip_bytes(plan))
        else:
            out[f"{stem}.workouts.txt"] = ("text/plain",
                                           plan_workouts_text(plan).encode("utf-8"))
    return out
