"""The HTML report of a plan: tables, charts and the goal verdict.

As a file, one page with everything inlined (styles, plotly.js), readable
offline. The server's read-only view of a share link (:mod:`speedfirst.
readonly`) is the same page with plotly.js loaded from the server and a
header of its own.
"""

from __future__ import annotations

import functools
import html
import json
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from speedfirst import figures, training_load
from speedfirst.equivalence import vdot
from speedfirst.figures.svg import mileage_svg
from speedfirst.io.files import atomic_write, bytes_writer
from speedfirst.plan.sessions import distance_text
from speedfirst.text import format_distance, format_pace, format_time
from speedfirst.version import __version__
from speedfirst.zones import daniels_paces

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from speedfirst.plan import Plan

__all__ = ["ICON_SVG", "html_bytes", "to_html"]

ICON_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            '<rect width="32" height="32" rx="7" fill="#0072B2"/>'
            '<path d="M7 9l7 7-7 7M17 9l7 7-7 7" fill="none" stroke="#fff" stroke-width="3.5" '
            'stroke-linecap="round" stroke-linejoin="round"/></svg>')
"""speedfirst's icon (a fast-forward mark): the report's favicon, inline as a
``data:`` URL so the file stays self-contained and a browser asks no server for
``/favicon.ico``; the front server also answers that path with it."""


# --------------------------------------------------------------------------
def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def table_html(headers: Iterable[Any], rows: Iterable[Iterable[Any]], cls: str = "") -> str:
    """An HTML table, every header and cell escaped; ``cls`` is its CSS class.

    Used by the report's tables and by the dashboard's (the Goal tab's readiness table).
    """
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    attr = f' class="{_e(cls)}"' if cls else ""
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _charts(plan: Plan) -> list[go.Figure]:
    """The report's figures, from :mod:`speedfirst.figures` .

    Weekly distance, share of time by zone, pace zones beside Daniels' paces
    (VDOT of the race the goal check used, as in the dashboard) and fitness,
    fatigue and form.
    """
    units = plan.inputs.units
    best = plan.goal.based_on
    daniels = daniels_paces(min(max(vdot(best.distance_m, best.time_s), 20.0), 90.0))
    return [
        figures.mileage_chart(plan.weeks, units=units, peak=plan.inputs.peak_weekly),
        figures.intensity_chart(training_load.intensity_distribution(plan), share=True),
        figures.pace_zones_chart(plan.zones, daniels=daniels, units=units),
        figures.fitness_fatigue_chart(training_load.fitness_fatigue(plan),
                                      race_date=plan.inputs.race_date),
    ]


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
table.kv th { width: 14rem; }
.verdict { font-weight: bold; font-size: 1.1rem; }
.verdict-realistic { color: #1a7f37; } .verdict-stretch { color: #9a6700; }
.verdict-not-yet-realistic, .verdict-impossible { color: #cf222e; }
.warnings li { color: #9a6700; }
.chart { margin: 1rem 0; }
.table-box { max-width: 100%; overflow-x: auto; }
/* the long tables below the charts are laid out only when scrolled near: ten
   readers opening a shared link at once share two cores with their browsers */
#zones, #intensity, #weeks, #sessions { content-visibility: auto;
  contain-intrinsic-size: auto 900px; }
@media (max-width: 640px) {
  body { margin: .5rem auto; padding: 0 .5rem; }
  table { font-size: .8rem; }
  th, td { padding: .2rem .35rem; }
  table.kv th { width: auto; }
}
footer { margin-top: 2rem; color: #777; font-size: .8rem; }
"""


def _inputs_rows(plan: Plan) -> list[list[Any]]:
    i = plan.inputs
    races = ", ".join(f"{format_distance(d)} {format_time(t)}" for d, t in i.races)
    phases = (f"{i.general_weeks} general + {i.specific_weeks} specific + "
              f"{i.taper_weeks} taper = {len(plan.weeks)} weeks")
    rows = [
        ["Race", f"{plan.inputs.race_name} on {i.race_date.isoformat()} "
                 f"({i.race_date.strftime('%A')})"],
        ["Method", i.method],
        ["Peak weekly volume", f"{i.peak_weekly:g} {i.units}"],
        ["Phases", phases],
        ["Runs per week", i.runs_per_week],
        ["Long run day", i.long_run_day],
        ["Recent races", races],
        ["Goal time", format_time(i.goal_time_s) if i.goal_time_s is not None
         else "none (predicted time used)"],
        ["HRmax", f"{i.hr_max:g} beats/min" if i.hr_max is not None else "not given"],
        ["Plan made on", i.today.isoformat()],
    ]
    if i.cycle_weeks:
        rows.insert(4, ["Weeks per cycle", ", ".join(str(w) for w in i.cycle_weeks)])
    return rows


def _zones_table(plan: Plan) -> str:
    units = plan.inputs.units
    with_bpm = plan.inputs.hr_max is not None
    headers = ["Zone", "Pace", "HR % max", *(["HR beats/min"] if with_bpm else []),
               "Reps", "Effort", "Source"]
    rows = []
    for z in plan.zones.itertuples(index=False):
        fast, slow = format_pace(z.pace_fast_s_per_km, units), format_pace(
            z.pace_slow_s_per_km, units)
        pace = fast if fast == slow else f"{fast.split('/')[0]}–{slow}"
        hr = "" if pd.isna(z.hr_low_pct) else f"{z.hr_low_pct:.0f}–{z.hr_high_pct:.0f} %"
        bpm = "" if pd.isna(z.hr_low_bpm) else f"{z.hr_low_bpm:.0f}–{z.hr_high_bpm:.0f}"
        rows.append([z.label, pace, hr, *([bpm] if with_bpm else []), z.rep_duration,
                     z.effort, z.source])
    return table_html(headers, rows)


def _weeks_table(plan: Plan) -> str:
    units = plan.inputs.units
    s = plan.sessions
    titles = plan.key_session_titles()
    last_day = s.groupby("week")["date"].max()
    rows = []
    for w in plan.weeks.itertuples(index=False):
        start = pd.Timestamp(w.start_date).date()
        end = pd.Timestamp(last_day.get(w.week, w.start_date)).date()
        dist = w.distance_mi if units == "mi" else w.distance_km
        rows.append([w.week, f"{start.isoformat()} – {end.isoformat()}", w.phase, w.cycle,
                     w.emphasis, f"{dist:.1f}", ", ".join(titles.get(int(w.week), []))])
    return table_html(["Week", "Dates", "Phase", "Cycle", "Emphasis", f"Distance [{units}]",
                   "Key sessions"], rows)


def _sessions_table(plan: Plan) -> str:
    units = plan.inputs.units
    rows = []
    for r in plan.sessions.itertuples(index=False):
        dist = "" if not r.distance_km else distance_text(r.distance_km, units)
        mins = "" if not r.minutes else f"{r.minutes:.0f}"
        rows.append([pd.Timestamp(r.date).date().isoformat(), r.weekday[:3].title(), r.kind,
                     r.title, dist, mins, r.zone, r.description])
    return table_html(["Date", "Day", "Kind", "Session", "Distance", "Minutes", "Zone",
                   "Description"], rows, cls="sessions")


def _load_table(plan: Plan) -> str:
    ps = training_load.phase_summary(plan)
    rows = [[r.phase, r.weeks, f"{r.minutes / 60:.1f}", f"{r.easy_share * 100:.0f} %",
             f"{(1 - r.easy_share) * 100:.0f} %", "yes" if r.meets_80_20 else "no"]
            for r in ps.itertuples(index=False)]
    return table_html(["Phase", "Weeks", "Running hours", "Easy", "Faster than easy",
                   "80/20 met"], rows)


def _icon_url() -> str:
    return _e("data:image/svg+xml," + urllib.parse.quote(ICON_SVG, safe=" ="))


def _report(plan: Plan, chart_html: list[str], header: str = "") -> str:
    i = plan.inputs
    title = f"{plan.inputs.race_name.capitalize()} plan – race on {i.race_date.isoformat()}"
    goal = plan.goal
    verdict_cls = "verdict-" + goal.verdict.replace(" ", "-")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f'<link rel="icon" type="image/svg+xml" href="{_icon_url()}">',
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        header,
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(i.method)} plan, {len(plan.weeks)} weeks from "
        f"{_e(pd.Timestamp(plan.weeks['start_date'].iloc[0]).date().isoformat())}, "
        f"peak {_e(f'{i.peak_weekly:g}')} {_e(i.units)} a week.</p>",
        '<section id="inputs"><h2>Inputs</h2>',
        table_html(["Input", "Value"], _inputs_rows(plan), cls="kv"),
        "</section>",
        '<section id="goal"><h2>Goal</h2>',
        f'<p class="verdict {_e(verdict_cls)}">{_e(goal.verdict.capitalize())}: '
        f"{_e(format_time(goal.goal_time_s))} goal, {_e(format_time(goal.predicted_time_s))} "
        f"predicted</p>",
        f"<p>{_e(goal.message)}</p>",
        "</section>",
    ]
    if plan.warnings:
        parts += ['<section id="warnings"><h2>Warnings</h2><ul class="warnings">',
                  *(f"<li>{_e(w)}</li>" for w in plan.warnings), "</ul></section>"]
    if chart_html:
        parts += ['<section id="charts"><h2>Charts</h2>',
                  *(f'<div class="chart">{c}</div>' for c in chart_html), "</section>"]
    parts += [
        '<section id="zones"><h2>Pace zones</h2>', _boxed(_zones_table(plan)), "</section>",
        '<section id="intensity"><h2>Intensity by phase</h2>', _boxed(_load_table(plan)),
        "</section>",
        '<section id="weeks"><h2>Weeks</h2>', _boxed(_weeks_table(plan)), "</section>",
        '<section id="sessions"><h2>Sessions</h2>', _boxed(_sessions_table(plan)),
        "</section>",
        f"<footer>Made with speedfirst {_e(__version__)}.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _boxed(table: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen, not the page."""
    return f'<div class="table-box">{table}</div>'


def to_html(plan: Plan, path: str | Path) -> Path:
    """Write a self-contained HTML report of the plan.

    Contents: title, inputs, the goal verdict and message, warnings, charts
    (from :func:`_charts`, i.e. :mod:`speedfirst.figures`), the pace zones,
    time at easy intensity per phase, the week table (dates, phase, cycle,
    emphasis, distance in the plan's units, key sessions) and every session.
    plotly.js (its basic bundle, :data:`speedfirst.figures.PLOTLY_BASIC_JS`:
    1.2 MB instead of 4.8) is inlined once, before the first chart, so the file
    works offline; there are no external scripts, stylesheets, fonts or images.
    All text is HTML-escaped. plotly is imported only here, so importing
    :mod:`speedfirst` stays light.

    Parameters
    ----------
    plan : Plan
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    return atomic_write({path: bytes_writer(html_bytes(plan))})[0]


_CHART_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}

_LAZY_CHARTS_JS = """
(function () {
NARROW
  var queue = [], script = null;
  function withPlotly(fn) {  // plotly.js is fetched when the first chart is needed
    if (window.Plotly) { fn(); return; }
    queue.push(fn);
    if (script) { return; }
    script = document.createElement("script");
    script.src = SRC;
    script.onload = function () { queue.splice(0).forEach(function (f) { f(); }); };
    document.head.appendChild(script);
  }
  function draw(div) {
    if (div.dataset.drawn) { return; }
    div.dataset.drawn = "1";
    withPlotly(function () {
      var fig = fitted(JSON.parse(document.getElementById(div.id + "-figure").textContent),
                       div.offsetWidth);
      div.style.height = (fig.layout.height || 480) + "px";  // a phone layout may be taller
      Plotly.newPlot(div, fig.data, fig.layout, Object.assign({}, CONFIG, fig.config));
    });
  }
  function start() {
    var divs = Array.prototype.slice.call(document.querySelectorAll("div.sf-lazy-chart"));
    if (!("IntersectionObserver" in window)) { divs.forEach(draw); return; }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { seen.unobserve(e.target); draw(e.target); }
      });
    }, {rootMargin: "400px"});
    divs.forEach(function (d) { seen.observe(d); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
"""


def _lazy_charts(figs: list[go.Figure], plotlyjs: str) -> list[str]:
    """Charts for a served page: each drawn when it nears the screen, plotly.js fetched then.

    The page's text, tables and SVG chart need no script; plotly.js (the
    basic bundle, 1.2 MB) is fetched only when the first plotly chart comes within 400 px of the
    screen, and each chart is drawn then.
    Figures are embedded as JSON in ``<script type="application/json">``
    (``</`` escaped, so no figure text can end the script).
    """
    parts = []
    for n, fig in enumerate(figs):
        data = fig.to_json().replace("</", "<\\/")
        height = int(fig.layout.height or 480)  # the room the chart will take (zones: more)
        parts.append(f'<div class="sf-lazy-chart" id="sf-chart-{n}" '
                     f'style="height:{height}px"></div>'
                     f'<script type="application/json" id="sf-chart-{n}-figure">{data}</script>')
    loader = (_LAZY_CHARTS_JS.replace("CONFIG", json.dumps(_CHART_CONFIG))
              .replace("SRC", json.dumps(plotlyjs).replace("</", "<\\/"))
              .replace("NARROW", figures.narrow_layout_js()))
    parts[-1] += f"<script>{loader}</script>"
    return parts


def html_bytes(plan: Plan, *, plotlyjs: str | None = None, header: str = "") -> bytes:
    """The report's bytes (see :func:`to_html`).

    Parameters
    ----------
    plan : Plan
    plotlyjs : str, optional
        URL of plotly.js (ending in ``.js``) to load instead of inlining it,
        as the server's read-only view does. The weekly distance is then
        inline SVG (:func:`speedfirst.figures.svg.mileage_svg`) and the other
        charts are drawn as they near the screen (:func:`_lazy_charts`).
    header : str
        Trusted HTML put first in the body (the caller escapes any text in it).
    """
    figs = _charts(plan)
    if plotlyjs is not None:  # weekly distance as SVG: drawn with the page, no script
        charts = [mileage_svg(plan.weeks, plan.inputs.units), *_lazy_charts(figs[1:], plotlyjs)]
        return _report(plan, charts, header).encode("utf-8")
    chart_html = [
        fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                    default_height="480px", config=_CHART_CONFIG)
        for fig in figs
    ]
    if chart_html:
        chart_html[0] = _inline_plotly() + chart_html[0]
    return _report(plan, chart_html, header).encode("utf-8")


@functools.cache
def _inline_plotly() -> str:
    """plotly.js's basic bundle as an inline script (a ``</script`` in it could not end it)."""
    js = re.sub(r"</(script)", r"<\\/\1", figures.PLOTLY_BASIC_JS.read_text(encoding="utf-8"),
                flags=re.IGNORECASE)
    return f'<script type="text/javascript">{js}</script>'



# --------------------------------------------------------------------------
# all formats in memory (dashboard downloads)
