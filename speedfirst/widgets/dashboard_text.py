"""The dashboard's HTML text: the week table, the verdict and status lines, notes
about a share link, the share link itself and the download links.

Each function turns library results into the HTML of one widget of
:class:`~speedfirst.widgets.dashboard.Dashboard`; every value that comes from
the viewer or the plan is escaped. The CSS classes (``sf-...``) are what the
page's stylesheet and the browser tests look for.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from speedfirst.units import METERS_PER_MILE

if TYPE_CHECKING:
    from speedfirst.plan import Plan

__all__ = [
    "CALLBACK_FAILED",
    "FIX_FIELD_NOTE",
    "WATCH_NOTE",
    "WEEK_TABLE_NUMERIC",
    "downloads_html",
    "ignored_html",
    "link_notes_html",
    "share_html",
    "status_html",
    "verdict_html",
    "week_table",
]

CALLBACK_FAILED = "Something went wrong with that change; the last valid plan is shown."
"""The status line when a callback fails unexpectedly (never a traceback)."""

FIX_FIELD_NOTE = ('<span class="sf-note">Showing the last valid plan; fix the '
                  "highlighted field.</span>")
"""The status line while a field shows an error."""

WATCH_NOTE = (
    '<p class="sf-note sf-watch-note"><b>Workouts on the watch.</b> '
    "<code>.workouts.zip</code> holds one FIT workout per key session and long run: "
    "unzip it and copy the <code>.fit</code> files to the watch's "
    "<code>GARMIN/NEWFILES</code> folder over USB (Garmin Connect's web upload "
    "does not take workout files). <code>.workouts.txt</code> holds the same sessions "
    "as intervals.icu text: paste a block into a new intervals.icu workout.</p>")
"""Shown under the download links: how the workout files reach a watch."""


WEEK_TABLE_NUMERIC = (0, 5, 6)
"""Columns of :func:`week_table` that hold numbers (aligned right)."""


def week_table(plan: Plan, units: str) -> tuple[list[str], list[list[str]]]:
    """The week table's header and rows, as text (readable without hovering).

    Returns
    -------
    columns : list of str
        Week, start date (kept on one line), phase, cycle, emphasis, distance
        and long run in ``units``, key sessions.
    rows : list of list of str
        One row per week.
    """
    # plain lists, not itertuples/groupby: this runs on every slider move
    keys = {week: " · ".join(t) for week, t in plan.key_session_titles().items()}
    w = plan.weeks
    dist_col = "distance_mi" if units == "mi" else "distance_km"
    rows = []
    for week, start, phase, cycle, emphasis, dist, long_km in zip(
            w["week"].tolist(), w["start_date"].tolist(), w["phase"].tolist(),
            w["cycle"].tolist(), w["emphasis"].tolist(), w[dist_col].tolist(),
            w["long_run_km"].tolist(), strict=True):
        long_run = long_km if units == "km" else long_km * 1000 / METERS_PER_MILE
        rows.append([str(week), start.strftime("%d\u00a0%b\u00a0%Y"), str(phase), str(cycle),
                     str(emphasis), f"{dist:.1f}", f"{long_run:.1f}", keys.get(week, "—")])
    columns = ["Week", "Starts", "Phase", "Cycle", "Emphasis", f"Distance ({units})",
               f"Long run ({units})", "Key sessions"]
    return columns, rows


def verdict_html(plan: Plan, mileage_note: str) -> str:
    """The Goal tab's verdict on the plan's goal, and the mileage note if any."""
    verdict = plan.goal.verdict
    return (f'<p class="sf-verdict-{verdict.replace(" ", "-")}">'
            f"<b>{html.escape(verdict.capitalize())}.</b> "
            f"{html.escape(plan.goal.message)}</p>"
            + (f'<p class="sf-mileage-note">{html.escape(mileage_note)}</p>'
               if mileage_note else ""))


def status_html(plan: Plan) -> str:
    """The status line of a plan that built: its length, race day and warnings.

    Warnings about the goal are left out (the Goal tab's verdict says them).
    """
    warn = "".join(f"<li>{html.escape(w)}</li>" for w in plan.warnings
                   if not w.startswith("goal "))
    return (f'<span class="sf-ok">Plan: {len(plan.weeks)} weeks, race on '
            f'{plan.inputs.race_date:%A %d %B %Y}.</span>'
            + (f'<ul class="sf-warnings">{warn}</ul>' if warn else ""))


def ignored_html(what: str) -> str:
    """The note over the status line saying what of a share link was ignored."""
    return f'<p class="sf-note sf-ignored">Ignored from the link: {html.escape(what)}.</p>'


def link_notes_html(invalid: Sequence[str], ignored: Sequence[str],
                    rejected: Sequence[str]) -> str:
    """The notes over the status line about what of a share link was not used.

    Parameters
    ----------
    invalid, ignored : sequence of str
        :attr:`~speedfirst.analysis.settings.LinkSettings.invalid` and ``.ignored``.
    rejected : sequence of str
        :attr:`~speedfirst.analysis.settings.FirstPlan.rejected`.
    """
    parts = []
    if invalid:
        parts.append("values not valid for " + ", ".join(invalid))
    unknown = [i for i in ignored if not i.endswith("more parameters")]
    overflow = [i for i in ignored if i.endswith("more parameters")]
    if unknown:
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        parts.append("unknown or repeated " + ", ".join(unknown[:5]) + more)
    parts += overflow
    notes = ignored_html("; ".join(parts)) if parts else ""
    if rejected:
        notes += ignored_html("values that do not make a valid plan for " + ", ".join(rejected))
    return notes


def share_html(query: str) -> str:
    """The Share tab's links: the plan read-only, and the live dashboard, both with ``query``.

    The read-only view (``plan?...``, served by :mod:`speedfirst.front`) needs
    no kernel, so a link posted to a whole club opens at once for everyone;
    its "Adjust this plan" button leads to the live dashboard.
    """
    q = html.escape(query, quote=True)
    return (f'<p>Share this plan: <a class="sf-share-readonly" href="plan?{q}" '
            f'target="_blank">read-only view</a> (opens instantly for any number of '
            f"people, with a button to adjust it), or the "
            f'<a class="sf-share-link" href="?{q}" target="_blank">live dashboard with these '
            f"settings</a>. Copy a link from your browser's address bar after opening it.</p>")


def downloads_html(files: Mapping[str, tuple[str, bytes]]) -> str:
    """Download links as ``data:`` URLs, one per file, and :data:`WATCH_NOTE`.

    Parameters
    ----------
    files : mapping of str to (str, bytes)
        File name → (mime type, content), as :func:`speedfirst.downloads.to_bytes`
        returns them.
    """
    links = []
    for name, (mime, data) in files.items():
        b64 = base64.b64encode(data).decode("ascii")
        links.append(f'<a class="sf-download" download="{html.escape(name)}" '
                     f'href="data:{mime};base64,{b64}">{html.escape(name)}</a>')
    return " · ".join(links) + WATCH_NOTE
