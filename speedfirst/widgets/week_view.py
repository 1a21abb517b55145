"""The week, day by day: a week picker, its seven days, and a calendar of the plan.

A runner's question is "what do I run on Tuesday?". This view answers it from
the plan's sessions frame (through :func:`speedfirst.analysis.week_days` and
:func:`speedfirst.analysis.plan_calendar`), so it shows the same sessions, in
the same words, as the CSV, calendar and HTML exports.

Choosing a week: the dropdown, or the week's button at the start of its
calendar row. A click on a bar of the mileage chart cannot choose one: the
dashboard's charts are static plotly bundles in ``Output`` widgets (see
:mod:`speedfirst.widgets.base`), which send no events back to the kernel; a
``FigureWidget`` would, but it is what made Voila page loads hang. The
calendar's buttons are plain ipywidgets, so no JavaScript of ours is needed.

The calendar keeps a pool of row widgets and only updates their values, so a
new plan with the same number of weeks creates no widget.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias

from speedfirst.analysis import plan_calendar, week_days
from speedfirst.plan import Plan
from speedfirst.units import METERS_PER_MILE
from speedfirst.widgets.base import error_html, share_layouts

__all__ = ["KIND_LABELS", "WeekView", "calendar_row_html", "days_html"]

log = logging.getLogger(__name__)

KIND_LABELS: dict[str, tuple[str, str]] = {
    "rest": ("·", "rest"),
    "easy": ("E", "easy run"),
    "long": ("L", "long run"),
    "key": ("K", "key session"),
    "race": ("R", "race"),
    "strength": ("S", "strength"),
    "": ("", "outside the plan"),
}
"""Calendar cell letter and spoken name by session kind."""

_CSS = """
<style>
.sf-week-view .sf-cal-head, .sf-week-view .sf-cal-cells {display:flex; gap:2px;
  align-items:center; font-size:12px;}
.sf-week-view .sf-cal-cell {display:inline-block; width:26px; height:22px; line-height:22px;
  text-align:center; border-radius:3px; color:#1b1b1b;}
.sf-week-view .sf-cal-head span {display:inline-block; width:26px; text-align:center;
  color:#555;}
.sf-week-view .sf-kind-rest {background:#eeeeee;}
.sf-week-view .sf-kind-easy {background:#cfe8cf;}
.sf-week-view .sf-kind-long {background:#7fbf7f;}
.sf-week-view .sf-kind-key {background:#f4a261;}
.sf-week-view .sf-kind-race {background:#d62828; color:#fff; font-weight:bold;}
.sf-week-view .sf-kind-strength {background:#a9c5e8;}
.sf-week-view .sf-cal-note {margin-left:8px; color:#444;}
.sf-week-view .sf-cal-row.sf-cal-selected {outline:2px solid #1d3557; border-radius:3px;}
.sf-week-view table.sf-week-days {border-collapse:collapse; margin:6px 0 14px 0;}
.sf-week-view table.sf-week-days td, .sf-week-view table.sf-week-days th {
  border-bottom:1px solid #ddd; padding:4px 8px; vertical-align:top; text-align:left;}
.sf-week-view table.sf-week-days td.sf-num {text-align:right; white-space:nowrap;}
.sf-week-view table.sf-week-days td.sf-day {white-space:nowrap;}
.sf-week-view .sf-kind-badge {padding:1px 6px; border-radius:3px; font-size:11px;}
</style>
"""


def _km_to(units: str) -> float:
    return 1.0 if units == "km" else 1000.0 / METERS_PER_MILE


def days_html(plan: Plan, week: int, units: str) -> str:
    """The seven days of ``week`` as an HTML table (one row per day, full prescription).

    Parameters
    ----------
    plan : Plan
    week : int
        Week number, 1 to ``len(plan.weeks)``.
    units : {"mi", "km"}

    Returns
    -------
    str
        A heading and ``<table class="sf-week-days">`` with a row per day
        (``<tr class="sf-day-row sf-kind-<kind>" data-date="YYYY-MM-DD">``),
        every text HTML-escaped.
    """
    days = week_days(plan, week, units)
    weeks = plan.weeks
    i = week - 1
    w = {c: weeks[c].tolist()[i] for c in ("phase", "cycle", "emphasis", "distance_km",
                                           "is_recovery_week", "is_race_week")}
    start: dt.date = days["date"].iloc[0]
    dist = float(w["distance_km"]) * _km_to(units)
    cut = " · cut-back week" if bool(w["is_recovery_week"]) else ""
    race = " · race week" if bool(w["is_race_week"]) else ""
    head = (f'<h4 class="sf-week-title">Week {week} of {len(plan.weeks)} · starts '
            f"{start:%a} {start.day} {start:%b %Y} · {html.escape(str(w['phase']))}, cycle "
            f"{html.escape(str(w['cycle']))} ({html.escape(str(w['emphasis']))}) · "
            f"{dist:.1f} {units}{cut}{race}</h4>")
    rows = []
    cols = {c: days[c].tolist() for c in days.columns}  # plain lists: fast
    for d, kind, title, desc, distance, minutes, pace, hr in zip(
            cols["date"], cols["kind"], cols["title"], cols["description"], cols["distance"],
            cols["minutes"], cols["pace"], cols["hr"], strict=True):
        badge = (f'<span class="sf-kind-badge sf-kind-{html.escape(kind)}">'
                 f"{html.escape(KIND_LABELS.get(kind, ('', kind))[1])}</span>")
        running = kind not in ("rest", "")
        cells = [
            f'<td class="sf-day">{d:%A}<br>{d.day} {d:%b}</td>',
            f'<td class="sf-session"><b>{html.escape(title)}</b><br>{badge}</td>',
            f'<td class="sf-prescription">{html.escape(desc)}</td>',
            f'<td class="sf-num sf-distance">{f"{distance:.1f}" if running else "—"}</td>',
            f'<td class="sf-num sf-minutes">{minutes if running else "—"}</td>',
            f'<td class="sf-num sf-pace">{html.escape(pace) or "—"}</td>',
            f'<td class="sf-num sf-hr">{html.escape(hr) or "—"}</td>',
        ]
        rows.append(f'<tr class="sf-day-row sf-kind-{html.escape(kind)}" '
                    f'data-date="{d.isoformat()}">{"".join(cells)}</tr>')
    th = "".join(f"<th>{h}</th>" for h in (
        "Day", "Session", "Prescription", f"Distance ({units})", "Minutes", "Pace", "HR"))
    return (f"{head}<table class=\"sf-week-days\"><thead><tr>{th}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def calendar_row_html(kinds: list[str], days: list[str], titles: list[str], note: str) -> str:
    """One calendar row: a coloured cell per day (``sf-kind-<kind>``) and a short note."""
    cells = "".join(
        f'<span class="sf-cal-cell sf-kind-{html.escape(k)}" '
        f'title="{html.escape(day)}: {html.escape(t)}">{KIND_LABELS.get(k, ("?", k))[0]}</span>'
        for k, day, t in zip(kinds, days, titles, strict=True))
    return (f'<div class="sf-cal-cells">{cells}'
            f'<span class="sf-cal-note">{html.escape(note)}</span></div>')


class WeekView:
    """The Week tab: a week picker, the chosen week's days and a calendar of the plan.

    Call :meth:`show` with a plan whenever the plan changes; picking a week
    (dropdown or a calendar button) redraws the day table from the plan
    already shown, building nothing.

    Attributes
    ----------
    picker : ipywidgets.Dropdown
        The week (``value`` is the week number).
    days : ipywidgets.HTML
        The chosen week's days (:func:`days_html`).
    calendar : ipywidgets.VBox
        A header and one row per week: a ``Week N`` button and the coloured days.
    widget : ipywidgets.VBox
        Everything, to put in a tab.
    rendered : int
        How many times the day table was drawn (tests count it).
    """

    def __init__(self) -> None:
        self.plan: Plan | None = None
        self.units = "mi"
        self.rendered = 0
        self._syncing = False
        self.picker = W.Dropdown(options=[("Week 1", 1)], value=1, description="Week",
                                 layout=W.Layout(width="460px"))
        self.picker.add_class("sf-week-picker")
        self.days = W.HTML(value="")
        self.days.add_class("sf-week-days-html")
        self.error = W.HTML(value="")
        self.error.add_class("sf-error")
        self.error.add_class("sf-error-week")
        self._head = W.HTML(value="")
        self._rows: list[tuple[W.HBox, W.Button, W.HTML]] = []
        self.calendar = W.VBox([])
        self.calendar.add_class("sf-calendar")
        self.widget = W.VBox([
            W.HTML(_CSS),
            W.HBox([self.picker, self.error]),
            self.days,
            W.HTML("<h4>The whole plan</h4><p class=\"sf-note\">One row per week, one cell "
                   "per day: E easy, L long run, K key session, R race, · rest. Click a "
                   "week's button to see its days.</p>"),
            self.calendar,
        ])
        self.widget.add_class("sf-week-view")
        self.picker.observe(self._on_pick, names="value")
        share_layouts(self.widget)

    # ------------------------------------------------------------------ events
    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._render_days()

    def select(self, week: int) -> None:
        """Show ``week`` (as picking it in the dropdown does)."""
        self.picker.value = int(week)

    def _render_days(self) -> None:
        if self.plan is None:
            return
        week = self.picker.value
        try:
            self.days.value = days_html(self.plan, int(week), self.units)
            self.error.value = ""
        except Exception as exc:  # never a traceback: say it beside the picker
            log.exception("week view failed")
            self.error.value = error_html(f"Cannot show week {week}: {exc}"
                                          if isinstance(exc, ValueError)
                                          else "Cannot show that week.")
            return
        self.rendered += 1
        for i, (row, _b, _h) in enumerate(self._rows):
            if i + 1 == week:
                row.add_class("sf-cal-selected")
            else:
                row.remove_class("sf-cal-selected")

    # ------------------------------------------------------------------ plan
    def _default_week(self, plan: Plan) -> int:
        """The week holding the plan's ``today``, else week 1."""
        today = plan.inputs.today
        starts = plan.weeks["start_date"].to_numpy().astype("datetime64[D]").tolist()
        if today is not None:
            for i, start in enumerate(starts):
                if start <= today < start + dt.timedelta(days=7):
                    return i + 1
        return 1

    def show(self, plan: Plan, units: str) -> None:
        """Show ``plan`` in ``units``: refresh the picker, the days and the calendar.

        The chosen week is kept when the new plan still has it.
        """
        first = self.plan is None
        self.plan, self.units = plan, units
        n = len(plan.weeks)
        w = plan.weeks
        labels = []
        starts = w["start_date"].to_numpy().astype("datetime64[D]").tolist()
        for week, start, phase, rec in zip(w["week"].tolist(), starts, w["phase"].tolist(),
                                           w["is_recovery_week"].tolist(), strict=True):
            extra = " (cut-back)" if rec else ""
            labels.append((f"Week {week} · {start:%a} {start.day} {start:%b %Y} · "
                           f"{phase}{extra}", int(week)))
        labels[-1] = (labels[-1][0] + " · race week", labels[-1][1])
        current = self.picker.value
        week = self._default_week(plan) if first or not 1 <= int(current or 0) <= n else current
        self._syncing = True
        try:
            if list(self.picker.options) != labels:
                self.picker.options = labels
            self.picker.value = week
        finally:
            self._syncing = False
        self._render_calendar()
        self._render_days()

    def _render_calendar(self) -> None:
        plan = self.plan
        assert plan is not None
        cal = plan_calendar(plan)
        s = plan.sessions
        titles: dict[int, list[str]] = {}
        dates: dict[int, list[str]] = {}
        day_dates = s["date"].to_numpy().astype("datetime64[D]").tolist()
        for week, d, title in zip(s["week"].tolist(), day_dates, s["title"].tolist(),
                                  strict=True):
            titles.setdefault(int(week), []).append(str(title))
            dates.setdefault(int(week), []).append(f"{d:%a} {d.day} {d:%b}")
        k = _km_to(self.units)
        dist = dict(zip(plan.weeks["week"].tolist(),
                        (plan.weeks["distance_km"] * k).tolist(), strict=True))
        phase = dict(zip(plan.weeks["week"].tolist(), plan.weeks["phase"].tolist(),
                         strict=True))
        self._head.value = ('<div class="sf-cal-head"><span style="width:86px"></span>'
                            + "".join(f"<span>{html.escape(c[:2].capitalize())}</span>"
                                      for c in cal.columns) + "</div>")
        grown = len(self._rows) < len(cal)
        while len(self._rows) < len(cal):
            i = len(self._rows)
            button = W.Button(description=f"Week {i + 1}", layout=W.Layout(width="86px"),
                              tooltip=f"Show the days of week {i + 1}")
            button.add_class("sf-cal-week")
            button.on_click(lambda _b, week=i + 1: self._safe_select(week))
            cells = W.HTML(value="")
            row = W.HBox([button, cells])
            row.add_class("sf-cal-row")
            self._rows.append((row, button, cells))
        if grown:  # one Layout and one style model for all the rows' buttons and cells
            share_layouts(self.calendar)
        for week, kinds in zip(cal.index.tolist(), cal.to_numpy().tolist(), strict=True):
            _row, _button, cells = self._rows[week - 1]
            ts = titles.get(week, [])
            ds = dates.get(week, [])
            pad = len(kinds) - len(ts)
            note = f"{dist[week]:.1f} {self.units} · {phase[week]}"
            cells.value = calendar_row_html(kinds, ds + [""] * pad, ts + [""] * pad, note)
        rows = [r for r, _b, _h in self._rows[:len(cal)]]
        if len(self.calendar.children) != len(rows) + 1 or \
                list(self.calendar.children[1:]) != rows:
            self.calendar.children = [self._head, *rows]

    def _safe_select(self, week: int) -> None:
        try:
            self.select(week)
        except Exception:  # never a traceback
            log.exception("week selection failed")
            self.error.value = error_html("Cannot show that week.")
