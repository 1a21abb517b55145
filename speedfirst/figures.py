"""Plotly charts of plans, zones, goals and fitness, one function per chart.

Every function takes the library's frames (plan weeks, intensity, pace zones,
race predictions, fitness–fatigue) and returns a
:class:`plotly.graph_objects.Figure`. Nothing is shown and nothing is
computed beyond what a chart needs for display: unit conversion, ordering,
formatting and, where a chart says so, a per-week sum of the frame's own
minutes. The figures are rebuilt on every slider move in the dashboard, so
they carry plain lists and short hover strings only.

Conventions
-----------
* ``units`` is ``"mi"`` or ``"km"`` for distances and paces; axis titles name
  the unit and pace axes show ``m:ss``.
* Colours come from :data:`PHASE_COLORS`, :data:`ZONE_COLORS` and the other
  module constants, all taken from the Okabe–Ito palette, which stays
  distinguishable under the common colour-vision deficiencies.
* ``fig.layout.meta["chart"]`` names the chart; traces, shapes and
  annotations carry a ``name`` so tests (and browser tests) can find them.

:func:`figure_bundle` turns a figure into the Jupyter mime bundle the
dashboard assigns to an ``Output`` widget.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.results import GoalAssessment
from speedfirst.text import format_distance, format_pace, format_time
from speedfirst.units import METERS_PER_KM, check_unit, metres_per_unit
from speedfirst.zones import ZONE_NAMES

__all__ = [
    "DANIELS_COLOR",
    "METHOD_COLORS",
    "PHASE_COLORS",
    "PLOTLY_CONFIG",
    "SERIES_COLORS",
    "TEMPLATE",
    "VERDICT_COLORS",
    "ZONE_COLORS",
    "compare_methods",
    "figure_bundle",
    "fitness_fatigue_chart",
    "goal_check",
    "intensity_distribution",
    "mileage_ramp",
    "pace_zones_chart",
]

# --------------------------------------------------------------------------
# Colours and shared settings
# --------------------------------------------------------------------------
_OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "grey": "#999999",
}

PHASE_COLORS: dict[str, str] = {
    # speed-first
    "General Preparation": _OKABE_ITO["sky blue"],
    "Specific Preparation": _OKABE_ITO["blue"],
    "Taper": _OKABE_ITO["bluish green"],
    # traditional
    "Base": _OKABE_ITO["orange"],
    "Build": _OKABE_ITO["vermillion"],
    "Sharpening": _OKABE_ITO["reddish purple"],
}
"""Bar colour of each training phase (both methods; ``Taper`` is shared)."""

ZONE_COLORS: dict[str, str] = {
    "speed": _OKABE_ITO["reddish purple"],
    "anaerobic capacity": _OKABE_ITO["vermillion"],
    "VO2max": _OKABE_ITO["orange"],
    "acidosis threshold": _OKABE_ITO["yellow"],
    "goal pace": _OKABE_ITO["bluish green"],
    "easy": _OKABE_ITO["sky blue"],
}
"""Colour of each zone in :data:`speedfirst.zones.ZONE_NAMES`: hot for fast, cool for easy."""

METHOD_COLORS: tuple[str, str] = (_OKABE_ITO["blue"], _OKABE_ITO["orange"])
"""Colours of the first and second plan in :func:`compare_methods`."""

SERIES_COLORS: dict[str, str] = {
    "fitness": _OKABE_ITO["blue"],
    "fatigue": _OKABE_ITO["vermillion"],
    "form": _OKABE_ITO["bluish green"],
    "load": _OKABE_ITO["grey"],
}
"""Line colours of the fitness–fatigue chart."""

VERDICT_COLORS: dict[str, str] = {
    "realistic": _OKABE_ITO["bluish green"],
    "stretch": _OKABE_ITO["orange"],
    "not yet realistic": _OKABE_ITO["vermillion"],
    "impossible": _OKABE_ITO["black"],
}
"""Colour of the goal line and verdict box for each goal verdict."""

DANIELS_COLOR: str = "#555555"
"""Neutral grey of Daniels' E/M/T/I/R ranges beside the method's zones."""

_FALLBACK_COLOR = _OKABE_ITO["grey"]
_REFERENCE_COLOR = "#444444"

_AXIS_STYLE = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
               "automargin": True, "ticks": "", "title": {"standoff": 15}}
TEMPLATE: dict[str, Any] = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hovermode": "closest",
        "xaxis": _AXIS_STYLE,
        "yaxis": _AXIS_STYLE,
    }
}
"""House template of every figure: the look of plotly's ``plotly_white`` in a
few keys. The full named template costs ~9 ms of validation per figure, too
much for a slider's hot path (see ``make bench``)."""

PLOTLY_CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True}
"""Plotly.js config put in every :func:`figure_bundle`."""

EASY_SHARE_GUIDE = 0.8
"""The 80/20 guideline: about 80 % of running time easy [-]."""

_TAG_RE = re.compile(r"<[^>]+>")


# --------------------------------------------------------------------------
# Helpers: checks, units and formatting for display
# --------------------------------------------------------------------------
def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ``ValueError`` naming the columns ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s) {', '.join(missing)}")


def _per_km(units: str) -> float:
    """Display units in one kilometre (1 for km, 0.621… for mi)."""
    return METERS_PER_KM / metres_per_unit(units)


def _s_per_unit(units: str) -> float:
    """Factor from a pace [s/km] to a pace [s per ``units``]."""
    return metres_per_unit(units) / METERS_PER_KM


def _distance(weeks: pd.DataFrame, units: str) -> pd.Series:
    """Weekly distance in ``units``: the frame's own column if it has one, else converted km."""
    col = f"distance_{units}"
    if col in weeks.columns:
        return weeks[col].astype(float)
    _require(weeks, ("distance_km",), "plan weeks")
    return weeks["distance_km"].astype(float) * _per_km(units)


def _fmt_distance(value: float) -> str:
    """A distance for a label: whole numbers from 20 up, one decimal below."""
    return f"{value:.0f}" if abs(value) >= 20 else f"{value:.1f}"


def _pace_range(fast_s_per_km: float, slow_s_per_km: float, units: str) -> str:
    """``6:02–6:05/mi`` (or a single pace when both ends format the same)."""
    fast, slow = format_pace(fast_s_per_km, units), format_pace(slow_s_per_km, units)
    return fast if fast == slow else f"{fast.split('/')[0]}–{slow}"


def _nice_step(span: float, steps: Sequence[float], max_ticks: int = 8) -> float:
    """The smallest step in ``steps`` giving at most ``max_ticks`` ticks over ``span``."""
    for step in steps:
        if span / step <= max_ticks:
            return step
    return steps[-1]


def _time_ticks(lo: float, hi: float, steps: Sequence[float]) -> tuple[list[float], list[str]]:
    """Tick values [s] from ``lo`` to ``hi`` and their ``m:ss`` / ``h:mm:ss`` text."""
    step = _nice_step(max(hi - lo, 1.0), steps)
    first = math.ceil(lo / step) * step
    vals = []
    v = first
    while v <= hi + 1e-9:
        vals.append(float(v))
        v += step
    return vals, [format_time(v) for v in vals]


_PACE_STEPS = (5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 300.0)
_TIME_STEPS = (5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0)


def _cycle_label(cycle: object) -> str:
    """``C3`` for a numbered cycle, else the cycle's own name (``taper``)."""
    text = str(cycle)
    return f"C{text}" if text.isdigit() else text


def _layout(title: str, meta: Mapping[str, Any], **kw: Any) -> dict[str, Any]:
    """Layout shared by every chart: template, title, meta, legend on top."""
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "title": {"text": title, "x": 0.0, "xanchor": "left", "xref": "container",
                  "y": 0.985, "yanchor": "top", "yref": "container"},
        "meta": dict(meta),
        "margin": {"l": 60, "r": 30, "t": 110, "b": 50},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
        "hoverlabel": {"namelength": -1},
    }
    layout.update(kw)

    # The dashboard's charts skip plotly's re-validation (go.Figure(..., _validate=False),
    # ~2 ms a figure); validation used to drop unset (None) values, so drop them here.
    def drop_none(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: drop_none(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [drop_none(v) for v in value]
        return value

    return drop_none(layout)


def _hline(
    y: float, name: str, color: str, dash: str = "dash", width: float = 1.5, layer: str = "above"
) -> dict[str, Any]:
    """A horizontal reference line across the plot, as a named layout shape."""
    return {
        "type": "line", "name": name, "xref": "paper", "x0": 0.0, "x1": 1.0,
        "yref": "y", "y0": y, "y1": y, "layer": layer,
        "line": {"color": color, "width": width, "dash": dash},
    }


def _date_text(value: object) -> str:
    """ISO date (``YYYY-MM-DD``) of a date, datetime, Timestamp or date string."""
    if isinstance(value, datetime | date | pd.Timestamp | str):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    raise TypeError(f"race_date must be a date, datetime or ISO string, got {value!r}")


# --------------------------------------------------------------------------
# 1. Weekly distance
# --------------------------------------------------------------------------
def mileage_ramp(
    weeks: pd.DataFrame,
    units: str = "mi",
    peak: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Weekly distance of a plan: bars by phase, long run, peak line and race week.

    Parameters
    ----------
    weeks : pandas.DataFrame
        Plan weeks, one row per week: ``week`` (int from 1), ``phase``,
        ``cycle``, ``distance_km`` (or ``distance_mi`` / ``distance_km``
        matching ``units``), ``long_run_km``, ``is_race_week``; optional
        ``start_date``, ``emphasis``, ``fraction_of_peak``, ``key_sessions``,
        ``goal_pace_min``, ``threshold_min`` enrich the hover text.
    units : {"mi", "km"}
        Distance unit of the axis and labels.
    peak : float, optional
        Peak weekly distance in ``units`` for the reference line; by default
        the largest week of the frame.
    title : str, optional
        Figure title; a default names the unit.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per phase (named after it, coloured by
        :data:`PHASE_COLORS`, cycle labels such as ``C3`` as bar text), a
        ``"long run"`` line, a shape and annotation named ``"peak"`` and an
        annotation named ``"race week"`` per race week.
        ``layout.meta``: ``chart``, ``units``, ``peak``, ``race_weeks``.

    Raises
    ------
    InputError
        If ``units`` is not ``"mi"`` or ``"km"``.
    ValueError
        If a required column is missing.
    """
    u = check_unit(units)
    _require(weeks, ("week", "phase", "cycle", "long_run_km", "is_race_week"), "plan weeks")
    dist = _distance(weeks, u)
    long_run = (weeks["long_run_km"].astype(float) * _per_km(u)).tolist()
    week_no = [int(w) for w in weeks["week"]]
    phases = [str(p) for p in weeks["phase"]]
    cycles = [str(c) for c in weeks["cycle"]]
    dist_l = dist.tolist()

    def col(name: str) -> list[Any]:
        return weeks[name].tolist() if name in weeks.columns else [None] * len(weeks)

    starts, emph, frac = col("start_date"), col("emphasis"), col("fraction_of_peak")
    keys, gp, thr = col("key_sessions"), col("goal_pace_min"), col("threshold_min")
    hover = []
    for i, w in enumerate(week_no):
        head = f"<b>Week {w}</b>"
        if _present(starts[i]):
            day = pd.Timestamp(starts[i])
            head += f" · {day:%a} {day.day} {day:%b %Y}"
        lines = [head]
        lines.append(f"{phases[i]}, cycle {cycles[i]}")
        if _present(emph[i]):
            lines.append(str(emph[i]))
        share = f" ({frac[i]:.0%} of peak)" if _present(frac[i]) else ""
        lines.append(f"{dist_l[i]:.1f} {u}{share}; long run {long_run[i]:.1f} {u}")
        extra = []
        if _present(keys[i]):
            extra.append(f"{int(keys[i])} key sessions")
        if _present(gp[i]) and gp[i] > 0:
            extra.append(f"{gp[i]:.0f} min at goal pace")
        if _present(thr[i]) and thr[i] > 0:
            extra.append(f"{thr[i]:.0f} min at threshold")
        if extra:
            lines.append(", ".join(extra))
        hover.append("<br>".join(lines))

    traces: list[Any] = []
    for phase in dict.fromkeys(phases):
        idx = [i for i, p in enumerate(phases) if p == phase]
        traces.append(go.Bar(
            x=[week_no[i] for i in idx],
            y=[dist_l[i] for i in idx],
            name=phase,
            marker={"color": PHASE_COLORS.get(phase, _FALLBACK_COLOR)},
            text=[_cycle_label(cycles[i]) for i in idx],
            textposition="inside",
            insidetextanchor="start",
            textangle=0,
            hovertext=[hover[i] for i in idx],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    traces.append(go.Scatter(
        x=week_no, y=long_run, name="long run", mode="lines+markers",
        line={"color": _REFERENCE_COLOR, "width": 2}, marker={"size": 6},
        hovertemplate=f"Week %{{x}}: long run %{{y:.1f}} {u}<extra></extra>",
    ))

    peak_value = float(peak) if peak is not None else (max(dist_l) if dist_l else None)
    shapes, annotations = [], []
    if peak_value is not None and math.isfinite(peak_value):
        shapes.append(_hline(peak_value, "peak", _REFERENCE_COLOR, dash="dot"))
        annotations.append({
            "name": "peak", "text": f"peak {_fmt_distance(peak_value)} {u}",
            "xref": "paper", "x": 1.0, "xanchor": "right", "yref": "y", "y": peak_value,
            "yanchor": "bottom", "showarrow": False, "font": {"size": 11},
        })
    race_weeks = [w for w, r in zip(week_no, weeks["is_race_week"].tolist(), strict=True)
                  if bool(r)]
    for w in race_weeks:
        i = week_no.index(w)
        annotations.append({
            "name": "race week", "text": "<b>race</b>", "x": w, "y": dist_l[i],
            "xref": "x", "yref": "y", "showarrow": True, "arrowhead": 2, "ax": 0, "ay": -36,
        })

    layout = _layout(
        title or f"Weekly distance ({u}) by phase",
        {"chart": "mileage_ramp", "units": u, "peak": peak_value, "race_weeks": race_weeks},
        barmode="overlay",
        bargap=0.15,
        xaxis={"title": {"text": "Week"}, "dtick": 1 if len(week_no) <= 30 else None},
        yaxis={"title": {"text": f"Weekly distance ({u})"}, "rangemode": "tozero"},
        shapes=shapes,
        annotations=annotations,
        uniformtext={"minsize": 8, "mode": "hide"},
    )
    return go.Figure(traces, layout, _validate=False)


def _present(value: object) -> bool:
    """True unless ``value`` is None, NaN or NaT."""
    return value is not None and not (pd.isna(value) if not isinstance(value, str) else False)


# --------------------------------------------------------------------------
# 2. Intensity distribution
# --------------------------------------------------------------------------
def _zone_order(zones: Iterable[str]) -> list[str]:
    """Zones easy first (stack bottom) to speed last (top); unknown names after."""
    present = list(dict.fromkeys(zones))
    known = [z for z in reversed(ZONE_NAMES) if z in present]
    return known + [z for z in present if z not in ZONE_NAMES]


def intensity_distribution(
    intensity: pd.DataFrame,
    share: bool = False,
    title: str | None = None,
) -> go.Figure:
    """Stacked weekly minutes (or shares) in each zone, with the 80/20 guide.

    Parameters
    ----------
    intensity : pandas.DataFrame
        Tidy frame, one row per (week, zone): ``week`` (int), ``zone`` (a name
        in :data:`speedfirst.zones.ZONE_NAMES`), ``minutes`` and ``share``
        (0–1 of that week's running minutes).
    share : bool
        Stack shares (0–100 %) instead of minutes.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per zone, named after it and coloured by
        :data:`ZONE_COLORS`, stacked from easy (bottom) to speed (top). With
        ``share=True`` a dashed line (shape named ``"80/20"``) marks 80 % so
        the easy block should reach it; with minutes, a dashed step line
        (trace named ``"80% of week"``) marks 80 % of each week's summed
        minutes. ``layout.meta``: ``chart``, ``share``, ``zones``.
    """
    _require(intensity, ("week", "zone", "minutes", "share"), "intensity")
    zones = _zone_order(str(z) for z in intensity["zone"])
    wide = intensity.pivot(index="week", columns="zone", values=["minutes", "share"])
    wide = wide.sort_index().fillna(0.0)
    week_no = [int(w) for w in wide.index]
    value, other = ("share", "minutes") if share else ("minutes", "share")
    if share:
        template = "Week %{x}<br>{z}: %{y:.0%} of the week (%{customdata:.0f} min)<extra></extra>"
    else:
        template = "Week %{x}<br>{z}: %{y:.0f} min (%{customdata:.0%} of the week)<extra></extra>"

    traces: list[Any] = [
        go.Bar(
            x=week_no,
            y=wide[(value, z)].astype(float).tolist(),
            customdata=wide[(other, z)].astype(float).tolist(),
            name=z,
            marker={"color": ZONE_COLORS.get(z, _FALLBACK_COLOR),
                    "line": {"color": "white", "width": 0.5}},
            hovertemplate=template.replace("{z}", z),
        )
        for z in zones
    ]
    shapes, annotations = [], []
    if share:
        shapes.append(_hline(EASY_SHARE_GUIDE, "80/20", _REFERENCE_COLOR))
        annotations.append({
            "name": "80/20", "text": "80% easy (80/20 guideline)", "xref": "paper", "x": 1.0,
            "xanchor": "right", "yref": "y", "y": EASY_SHARE_GUIDE, "yanchor": "bottom",
            "showarrow": False, "font": {"size": 11}, "bgcolor": "rgba(255,255,255,0.7)",
        })
        yaxis = {"title": {"text": "Share of the week's running time"}, "tickformat": ".0%"}
    else:
        total = [0.0] * len(week_no)
        for z in zones:
            total = [t + m for t, m in zip(total, wide[("minutes", z)].astype(float), strict=True)]
        traces.append(go.Scatter(
            x=week_no, y=[t * EASY_SHARE_GUIDE for t in total], name="80% of week",
            mode="lines", line={"color": _REFERENCE_COLOR, "dash": "dash", "shape": "hvh",
                                "width": 1.5},
            hovertemplate="Week %{x}: 80% of the week is %{y:.0f} min<extra></extra>",
        ))
        yaxis = {"title": {"text": "Minutes per week"}}

    layout = _layout(
        title or ("Share of running time by zone" if share else "Weekly minutes by zone"),
        {"chart": "intensity_distribution", "share": bool(share), "zones": zones},
        barmode="stack",
        bargap=0.15,
        xaxis={"title": {"text": "Week"}, "dtick": 1 if len(week_no) <= 30 else None},
        yaxis=yaxis,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0,
                "traceorder": "reversed"},
        shapes=shapes,
        annotations=annotations,
    )
    return go.Figure(traces, layout, _validate=False)


# --------------------------------------------------------------------------
# 3. Pace zones
# --------------------------------------------------------------------------
def _hr_text(row: Mapping[str, Any]) -> str:
    """``85–90% HRmax (162–171 bpm)``, or ``""`` when the zone has no HR guide."""
    lo, hi = row.get("hr_low_pct"), row.get("hr_high_pct")
    if not (_present(lo) and _present(hi)):
        return ""
    text = f"{lo:.0f}–{hi:.0f}% HRmax"
    blo, bhi = row.get("hr_low_bpm"), row.get("hr_high_bpm")
    if _present(blo) and _present(bhi):
        text += f" ({blo:.0f}–{bhi:.0f} bpm)"
    return text


def pace_zones_chart(
    zones: pd.DataFrame,
    daniels: pd.DataFrame | None = None,
    units: str = "mi",
    title: str | None = None,
) -> go.Figure:
    """Pace range of each zone as a horizontal bar, fastest on top, faster to the right.

    Parameters
    ----------
    zones : pandas.DataFrame
        :func:`speedfirst.zones.pace_zones` frame: ``zone``,
        ``pace_fast_s_per_km`` ≤ ``pace_slow_s_per_km``; optional ``label``,
        ``hr_low_pct``, ``hr_high_pct``, ``hr_low_bpm``, ``hr_high_bpm`` (may
        be NaN), ``rep_duration``, ``effort``, ``source``.
    daniels : pandas.DataFrame, optional
        :func:`speedfirst.zones.daniels_paces` frame; its E/M/T/I/R ranges are
        drawn as grey ranges on rows of their own, placed among the method's
        zones by pace.
    units : {"mi", "km"}
        Pace unit of the axis and labels (hover shows both units).
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        A bar trace named ``"speed-first zones"`` (``base`` = fast pace,
        ``x`` = slow − fast, in s per ``units``; colours from
        :data:`ZONE_COLORS`; ``meta`` lists the zone names) and, with
        ``daniels``, a line trace named ``"Daniels"`` whose ``x`` holds
        ``fast, slow, None`` per zone. The row labels (y tick text) carry the
        pace range and the HR range when known. The pace axis is reversed:
        faster to the right. ``layout.meta``: ``chart``, ``units``.

    Examples
    --------
    >>> from speedfirst.zones import pace_zones
    >>> fig = pace_zones_chart(pace_zones({5000.0: 1200.0}), units="km")
    >>> fig.data[0].name, len(fig.data[0].y)
    ('speed-first zones', 6)
    """
    u = check_unit(units)
    _require(zones, ("zone", "pace_fast_s_per_km", "pace_slow_s_per_km"), "zones")
    k = _s_per_unit(u)
    other = "km" if u == "mi" else "mi"
    records = zones.to_dict("records")
    # each row: (fast s/km, order, category, tick text)
    rows: list[tuple[float, int, str, str]] = []
    base, length, colors, hover, names, cats = [], [], [], [], [], []
    for i, r in enumerate(records):
        fast, slow = float(r["pace_fast_s_per_km"]), float(r["pace_slow_s_per_km"])
        label = str(r.get("label") or r["zone"])
        hr = _hr_text(r)
        rng = _pace_range(fast, slow, u)
        tick = f"<b>{label}</b><br><span style='font-size:11px'>{rng}"
        tick += f" · {hr}</span>" if hr else "</span>"
        rows.append((fast, i, label, tick))
        cats.append(label)
        names.append(str(r["zone"]))
        base.append(fast * k)
        length.append((slow - fast) * k)
        colors.append(ZONE_COLORS.get(str(r["zone"]), _FALLBACK_COLOR))
        lines = [f"<b>{label}</b>", rng, _pace_range(fast, slow, other),
                 f"HR {hr}" if hr else "HR: not a useful guide at this effort"]
        detail = ", ".join(str(r[c]) for c in ("rep_duration", "effort")
                           if _present(r.get(c)) and str(r.get(c)))
        if detail:
            lines.append(detail)
        if _present(r.get("source")):
            lines.append(f"<i>{r['source']}</i>")
        hover.append("<br>".join(lines))
    traces: list[Any] = [go.Bar(
        y=cats, x=length, base=base, orientation="h", name="speed-first zones",
        marker={"color": colors, "line": {"color": "#333333", "width": 0.5}},
        meta=names, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        width=0.6,
    )]
    lo = min(base, default=0.0)
    hi = max((b + n for b, n in zip(base, length, strict=True)), default=0.0)

    if daniels is not None:
        _require(daniels, ("zone", "pace_fast_s_per_km", "pace_slow_s_per_km"), "Daniels paces")
        dx: list[float | None] = []
        dy: list[str | None] = []
        dh: list[str] = []
        for j, r in enumerate(daniels.to_dict("records")):
            fast, slow = float(r["pace_fast_s_per_km"]), float(r["pace_slow_s_per_km"])
            label = f"Daniels {r['zone']}"
            rng = _pace_range(fast, slow, u)
            pct = f" · {r['pct_vo2max']}" if _present(r.get("pct_vo2max")) else ""
            rows.append((fast, len(records) + j, label,
                         f"{label}<br><span style='font-size:11px'>{rng}{pct}</span>"))
            text = f"<b>{label}</b><br>{rng}<br>{_pace_range(fast, slow, other)}{pct}"
            dx += [fast * k, slow * k, None]
            dy += [label, label, None]
            dh += [text, text, ""]
            lo, hi = min(lo, fast * k), max(hi, slow * k)
        traces.append(go.Scatter(
            x=dx, y=dy, name="Daniels", mode="lines+markers", opacity=0.75,
            line={"color": DANIELS_COLOR, "width": 9},
            marker={"symbol": "line-ns", "size": 18, "line": {"color": DANIELS_COLOR, "width": 3}},
            hovertext=dh, hovertemplate="%{hovertext}<extra></extra>",
        ))

    order = _merge_by_pace(rows[: len(records)], rows[len(records):])
    pad = max((hi - lo) * 0.05, 5.0)
    tickvals, ticktext = _time_ticks(lo - pad, hi + pad, _PACE_STEPS)
    layout = _layout(
        title or f"Training paces (min/{u})",
        {"chart": "pace_zones", "units": u},
        height=max(340, 110 + 52 * len(order)),
        showlegend=False,
        xaxis={"title": {"text": f"Pace (min/{u}), faster →"}, "range": [hi + pad, lo - pad],
               "tickvals": tickvals, "ticktext": ticktext},
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": [t[2] for t in order], "autorange": "reversed",
               "tickvals": [t[2] for t in order], "ticktext": [t[3] for t in order],
               "automargin": True},
        margin={"l": 20, "r": 30, "t": 70, "b": 50},
    )
    return go.Figure(traces, layout, _validate=False)


def _merge_by_pace(
    method: list[tuple[float, int, str, str]], daniels: list[tuple[float, int, str, str]]
) -> list[tuple[float, int, str, str]]:
    """Method rows in their own order, each Daniels row slotted in before the
    first method row with a slower fast pace (rows are ``(fast, i, label, tick)``)."""
    out = list(method)
    for row in sorted(daniels):
        at = next((k for k, r in enumerate(out) if r[1] < len(method) and r[0] > row[0]),
                  len(out))
        out.insert(at, row)
    return out


# --------------------------------------------------------------------------
# 4. Two methods side by side
# --------------------------------------------------------------------------
def _hard(intensity: pd.DataFrame, share: bool) -> pd.Series:
    """Minutes (or share) per week in every zone but easy, summed from the frame."""
    _require(intensity, ("week", "zone", "minutes", "share"), "intensity")
    hard = intensity[intensity["zone"] != "easy"]
    weeks = pd.Index(sorted(intensity["week"].unique()), name="week")
    col = "share" if share else "minutes"
    return hard.groupby("week")[col].sum().reindex(weeks, fill_value=0.0).astype(float)


def compare_methods(
    weeks_a: pd.DataFrame,
    weeks_b: pd.DataFrame,
    intensity_a: pd.DataFrame | None = None,
    intensity_b: pd.DataFrame | None = None,
    names: tuple[str, str] = ("speed-first", "traditional"),
    units: str = "mi",
    share: bool = False,
    title: str | None = None,
) -> go.Figure:
    """Two plans over the same weeks: weekly distance and, if given, hard running.

    Parameters
    ----------
    weeks_a, weeks_b : pandas.DataFrame
        Plan weeks frames (see :func:`mileage_ramp`): ``week``, ``phase`` and
        ``distance_km`` (or ``distance_<units>``).
    intensity_a, intensity_b : pandas.DataFrame, optional
        Intensity frames (see :func:`intensity_distribution`). When either is
        given a lower panel shows each plan's weekly minutes outside the easy
        zone (their sum from the frame).
    names : tuple of str
        Names of plan a and plan b in the legend.
    units : {"mi", "km"}
        Distance unit.
    share : bool
        Lower panel in shares of the week instead of minutes.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces named ``"<name>"`` (distance, top panel, colours
        :data:`METHOD_COLORS`) and ``"<name> hard"`` (lower panel on
        ``x2``/``y2``). ``layout.meta``: ``chart``, ``units``, ``names``,
        ``share``.
    """
    u = check_unit(units)
    if len(names) != 2:
        raise ValueError(f"names must hold two plan names, got {names!r}")
    plans = (weeks_a, weeks_b)
    intens = (intensity_a, intensity_b)
    two_rows = intensity_a is not None or intensity_b is not None
    traces: list[Any] = []
    for name, weeks, color, dash in zip(names, plans, METHOD_COLORS, ("solid", "dash"),
                                        strict=True):
        _require(weeks, ("week", "phase"), f"{name} weeks")
        traces.append(go.Scatter(
            x=[int(w) for w in weeks["week"]], y=_distance(weeks, u).tolist(), name=name,
            legendgroup=name, mode="lines+markers",
            line={"color": color, "dash": dash, "width": 2.5}, marker={"size": 6},
            customdata=[str(p) for p in weeks["phase"]],
            hovertemplate=f"{name}, week %{{x}}: %{{y:.1f}} {u}<br>%{{customdata}}<extra></extra>",
        ))
    if two_rows:
        fmt = "%{y:.0%} of the week" if share else "%{y:.0f} min"
        for name, inten, color, dash in zip(names, intens, METHOD_COLORS, ("solid", "dash"),
                                            strict=True):
            if inten is None:
                continue
            hard = _hard(inten, share)
            traces.append(go.Scatter(
                x=[int(w) for w in hard.index], y=hard.tolist(), name=f"{name} hard",
                legendgroup=name, mode="lines+markers", xaxis="x2", yaxis="y2",
                line={"color": color, "dash": dash, "width": 2}, marker={"size": 5},
                hovertemplate=f"{name}, week %{{x}}: {fmt} hard<extra></extra>",
            ))
    hard_title = "Hard (not easy), share" if share else "Hard (not easy), min/week"
    if two_rows:
        axes = {
            "xaxis": {"anchor": "y", "showticklabels": False, "domain": [0.0, 1.0]},
            "yaxis": {"domain": [0.45, 1.0], "title": {"text": f"Distance ({u}/week)"},
                      "rangemode": "tozero"},
            "xaxis2": {"anchor": "y2", "matches": "x", "title": {"text": "Week"},
                       "domain": [0.0, 1.0]},
            "yaxis2": {"domain": [0.0, 0.36], "title": {"text": hard_title},
                       "rangemode": "tozero", "tickformat": ".0%" if share else None},
        }
    else:
        axes = {
            "xaxis": {"title": {"text": "Week"}},
            "yaxis": {"title": {"text": f"Distance ({u}/week)"}, "rangemode": "tozero"},
        }
    layout = _layout(
        title or f"{names[0]} vs {names[1]}: weekly distance"
        + (" and hard running" if two_rows else ""),
        {"chart": "compare_methods", "units": u, "names": list(names), "share": bool(share)},
        hovermode="x unified",
        height=520 if two_rows else 380,
        **axes,
    )
    return go.Figure(traces, layout, _validate=False)


# --------------------------------------------------------------------------
# 5. Goal check
# --------------------------------------------------------------------------
def goal_check(
    predictions: pd.DataFrame,
    assessment: GoalAssessment,
    units: str = "mi",
    title: str | None = None,
) -> go.Figure:
    """Predicted goal-distance time under each model against the goal, with the verdict.

    Parameters
    ----------
    predictions : pandas.DataFrame
        :func:`speedfirst.equivalence.race_predictions` frame: ``model``,
        ``distance``, ``distance_m``, ``time_s``.
    assessment : speedfirst.results.GoalAssessment
        The verdict from :func:`speedfirst.equivalence.assess_goal`.
    units : {"mi", "km"}
        Unit of the paces in labels.
    title : str, optional
        Figure title; by default the goal and the verdict.

    Returns
    -------
    plotly.graph_objects.Figure
        A bar trace named ``"predicted"`` (one bar per model, ``y`` = time
        [s], ticks in ``h:mm:ss``; the assessment's model in a darker blue),
        a shape and annotation named ``"goal"`` at the goal time, an
        annotation named ``"verdict"`` with the message, and a table trace
        named ``"needed"``: mile/5K/10K now (assessment's model) vs needed
        for the goal. If the predictions lack the goal distance, the single
        bar is the assessment's own prediction. ``layout.meta``: ``chart``,
        ``verdict``, ``goal_time_s``, ``models``, ``units``.
    """
    u = check_unit(units)
    _require(predictions, ("model", "distance_m", "time_s"), "predictions")
    goal_m, goal_s = assessment.goal_distance_m, assessment.goal_time_s
    at_goal = predictions[(predictions["distance_m"] - goal_m).abs() <= 0.5]
    if len(at_goal):
        models = [str(m) for m in at_goal["model"]]
        times = at_goal["time_s"].astype(float).tolist()
    else:
        models, times = [assessment.model], [assessment.predicted_time_s]
    color = VERDICT_COLORS.get(assessment.verdict, _REFERENCE_COLOR)
    goal_name = format_distance(goal_m)
    hover = []
    for m, t in zip(models, times, strict=True):
        pace = t / goal_m * METERS_PER_KM
        used = "<br><i>used for the verdict</i>" if m == assessment.model else ""
        hover.append(f"<b>{m}</b>: {format_time(t)} {goal_name}<br>{format_pace(pace, 'mi')}"
                     f" · {format_pace(pace, 'km')}{used}")
    bar = go.Bar(
        x=models, y=times, name="predicted", xaxis="x", yaxis="y",
        marker={"color": [_OKABE_ITO["blue"] if m == assessment.model else _OKABE_ITO["sky blue"]
                          for m in models]},
        text=[format_time(t) for t in times], textposition="inside", insidetextanchor="end",
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", width=0.55,
    )

    # Table: now (this model) vs needed for the goal, at mile/5K/10K.
    mine = predictions[predictions["model"] == assessment.model]
    dists, now, needed, pace_now, pace_needed = [], [], [], [], []
    for d, t_req in sorted(assessment.required_times_s.items()):
        match = mine[(mine["distance_m"] - d).abs() <= 0.5]["time_s"]
        t_now = float(match.iloc[0]) if len(match) else None
        dists.append(format_distance(d))
        now.append(format_time(t_now) if t_now is not None else "–")
        needed.append(format_time(t_req))
        pace_now.append(format_pace(t_now / d * METERS_PER_KM, u) if t_now is not None else "–")
        pace_needed.append(format_pace(t_req / d * METERS_PER_KM, u))
    table = go.Table(
        name="needed",
        domain={"x": [0.0, 1.0], "y": [0.0, 0.27]},
        header={"values": ["<b>Distance</b>", f"<b>Now ({assessment.model})</b>",
                           "<b>Needed for the goal</b>", "<b>Pace now</b>",
                           "<b>Pace needed</b>"],
                "fill": {"color": "#EEEEEE"}, "align": "left"},
        cells={"values": [dists, now, needed, pace_now, pace_needed], "align": "left",
               "height": 24},
    )

    everything = [*times, goal_s]
    lo, hi = min(everything) * 0.9, max(everything) * 1.04
    tickvals, ticktext = _time_ticks(lo, hi, _TIME_STEPS)
    goal_pace = goal_s / goal_m * METERS_PER_KM
    message = "<br>".join(textwrap.wrap(assessment.message, 95))
    layout = _layout(
        title or (f"Goal {format_time(goal_s)} {goal_name}: "
                  f"<b>{assessment.verdict}</b>"),
        {"chart": "goal_check", "verdict": assessment.verdict, "goal_time_s": goal_s,
         "models": models, "units": u},
        height=580,
        showlegend=False,
        xaxis={"domain": [0.0, 1.0], "anchor": "y", "title": {"text": "Model"}},
        yaxis={"domain": [0.40, 0.80], "range": [lo, hi], "tickvals": tickvals,
               "ticktext": ticktext, "title": {"text": f"{goal_name} time (lower = faster)"}},
        shapes=[_hline(goal_s, "goal", color, dash="dash", width=2.5)],
        annotations=[
            {"name": "goal", "text": f"goal {format_time(goal_s)} ({format_pace(goal_pace, u)})",
             "xref": "paper", "x": 1.0, "xanchor": "right", "yref": "y", "y": goal_s,
             "yanchor": "bottom", "showarrow": False, "font": {"color": color, "size": 12},
             "bgcolor": "rgba(255,255,255,0.8)"},
            {"name": "verdict", "text": message, "xref": "paper", "x": 0.0, "xanchor": "left",
             "yref": "paper", "y": 0.99, "yanchor": "top", "showarrow": False, "align": "left",
             "bordercolor": color, "borderwidth": 2, "borderpad": 6, "font": {"size": 12}},
        ],
        margin={"l": 70, "r": 30, "t": 60, "b": 20},
    )
    return go.Figure([bar, table], layout, _validate=False)


# --------------------------------------------------------------------------
# 6. Fitness, fatigue and form
# --------------------------------------------------------------------------
def fitness_fatigue_chart(
    ff: pd.DataFrame,
    race_date: date | datetime | pd.Timestamp | str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Fitness, fatigue and form by day, with race day marked.

    Parameters
    ----------
    ff : pandas.DataFrame
        Daily frame: ``date`` (datetime64), ``fitness``, ``fatigue``,
        ``form``; optional ``load`` (drawn as faint bars on a right-hand axis,
        behind the lines).
    race_date : date, datetime, Timestamp or ISO string, optional
        Race day, marked by a vertical line.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Line traces named ``"fitness"``, ``"fatigue"``, ``"form"`` (colours
        :data:`SERIES_COLORS`) on one axis with a shape named ``"zero"`` at
        form 0; with ``race_date`` a vertical shape and annotation named
        ``"race day"`` at that date (``YYYY-MM-DD``). ``layout.meta``:
        ``chart``, ``race_date``.
    """
    _require(ff, ("date", "fitness", "fatigue", "form"), "fitness–fatigue")
    days = pd.to_datetime(ff["date"]).dt.strftime("%Y-%m-%d").tolist()
    traces: list[Any] = []
    load_top = None
    if "load" in ff.columns:
        load = ff["load"].astype(float)
        # bars use the lower ~40 % of the plot so they stay behind the lines
        load_top = float(load.max()) * 2.5 if len(load) and load.max() > 0 else None
        traces.append(go.Bar(
            x=days, y=load.tolist(), name="load", yaxis="y2",
            marker={"color": SERIES_COLORS["load"]}, opacity=0.3,
            hovertemplate="load %{y:.0f}<extra></extra>",
        ))
    for name in ("fitness", "fatigue", "form"):
        traces.append(go.Scatter(
            x=days, y=ff[name].astype(float).tolist(), name=name, mode="lines",
            line={"color": SERIES_COLORS[name], "width": 2.5 if name == "form" else 2,
                  "dash": "solid" if name != "fatigue" else "dot"},
            hovertemplate=f"{name} %{{y:.1f}}<extra></extra>",
        ))
    shapes = [_hline(0.0, "zero", "#888888", dash="solid", width=1.0, layer="below")]
    annotations = []
    race = _date_text(race_date) if race_date is not None else None
    if race is not None:
        shapes.append({"type": "line", "name": "race day", "xref": "x", "x0": race, "x1": race,
                       "yref": "paper", "y0": 0.0, "y1": 1.0,
                       "line": {"color": _OKABE_ITO["black"], "width": 2, "dash": "dash"}})
        annotations.append({"name": "race day", "text": "<b>race day</b>", "xref": "x",
                            "x": race, "yref": "paper", "y": 1.0, "yanchor": "bottom",
                            "showarrow": False})
    layout = _layout(
        title or "Fitness, fatigue and form",
        {"chart": "fitness_fatigue", "race_date": race},
        hovermode="x unified",
        xaxis={"type": "date", "title": {"text": "Date"}},
        yaxis={"title": {"text": "Training load units (form = fitness − fatigue)"}},
        yaxis2={"overlaying": "y", "side": "right", "showgrid": False,
                "title": {"text": "Daily load"}, "rangemode": "tozero",
                "range": [0.0, load_top] if load_top else None, "visible": load_top is not None,
                "tickmode": "auto", "nticks": 4},
        shapes=shapes,
        annotations=annotations,
    )
    return go.Figure(traces, layout, _validate=False)


# --------------------------------------------------------------------------
# Jupyter mime bundle
# --------------------------------------------------------------------------
def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The Jupyter mime bundle of a figure, as plotly's notebook renderer builds it.

    The figure goes through plotly's JSON encoder (numpy values become plain
    JSON) and gets :data:`PLOTLY_CONFIG` as its ``config``. For an
    ``ipywidgets.Output`` wrap it as
    ``{"output_type": "display_data", "data": bundle, "metadata": {}}``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure

    Returns
    -------
    dict
        ``{"application/vnd.plotly.v1+json": {"data", "layout", "config"},
        "text/plain": <title without markup>}``.

    Examples
    --------
    >>> b = figure_bundle(go.Figure(layout={"title": {"text": "<b>Hi</b>"}}))
    >>> sorted(b)
    ['application/vnd.plotly.v1+json', 'text/plain']
    >>> b["text/plain"], b["application/vnd.plotly.v1+json"]["config"]["displaylogo"]
    ('Hi', False)
    """
    # Encode the figure's own property dicts: fig.to_json() deep-copies them first
    # (to base64-encode numpy arrays in place), which doubles the cost on every slider move.
    from plotly.utils import PlotlyJSONEncoder

    raw: dict[str, Any] = {"data": fig._data, "layout": fig._layout}
    if fig.frames:
        raw["frames"] = [frame.to_plotly_json() for frame in fig.frames]
    fig_dict = json.loads(json.dumps(raw, cls=PlotlyJSONEncoder))
    fig_dict["config"] = dict(PLOTLY_CONFIG)
    title = fig.layout.title.text or "plotly figure"
    return {
        "application/vnd.plotly.v1+json": fig_dict,
        "text/plain": _TAG_RE.sub("", title),
    }


# --------------------------------------------------------------------------
# 7. Teaching charts (used by speedfirst.widgets.lessons)
# --------------------------------------------------------------------------
__all__ += [  # the teaching charts extend the list at the top
    "easy_share_chart",
    "method_intensity_panels",
    "offsets_chart",
    "rep_volume_chart",
    "specificity_chart",
    "speed_reserve_chart",
]


def method_intensity_panels(
    intensity_a: pd.DataFrame,
    intensity_b: pd.DataFrame,
    names: tuple[str, str] = ("speed-first", "traditional"),
    share: bool = True,
    title: str | None = None,
) -> go.Figure:
    """Two plans' weekly time in each zone, stacked, in two panels side by side.

    Parameters
    ----------
    intensity_a, intensity_b : pandas.DataFrame
        Intensity frames (see :func:`intensity_distribution`): ``week``,
        ``zone``, ``minutes``, ``share``.
    names : tuple of str
        Panel titles (plan names).
    share : bool
        Stack shares of each week (with the 80 % line) instead of minutes.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per (plan, zone), named ``"<name>: <zone>"`` and
        coloured by :data:`ZONE_COLORS` (the left panel on ``x``/``y``, the
        right on ``x2``/``y2``; each zone shows once in the legend); panel
        titles are annotations named ``"panel"``; with ``share`` each panel
        has a shape named ``"80/20"``. ``layout.meta``: ``chart``,
        ``names``, ``share``, ``zones``.
    """
    if len(names) != 2:
        raise ValueError(f"names must hold two plan names, got {names!r}")
    value = "share" if share else "minutes"
    zones = _zone_order(str(z) for frame in (intensity_a, intensity_b) for z in frame["zone"])
    traces: list[Any] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    domains = ([0.0, 0.47], [0.53, 1.0])
    for i, (name, frame) in enumerate(zip(names, (intensity_a, intensity_b), strict=True)):
        _require(frame, ("week", "zone", "minutes", "share"), f"{name} intensity")
        wide = frame.pivot(index="week", columns="zone", values=value).sort_index().fillna(0.0)
        xa, ya = ("x", "y") if i == 0 else ("x2", "y2")
        for z in zones:
            y = wide[z].astype(float).tolist() if z in wide.columns else [0.0] * len(wide)
            fmt = "%{y:.0%}" if share else "%{y:.0f} min"
            traces.append(go.Bar(
                x=[int(w) for w in wide.index], y=y, name=f"{name}: {z}", legendgroup=z,
                showlegend=i == 0, xaxis=xa, yaxis=ya,
                marker={"color": ZONE_COLORS.get(z, _FALLBACK_COLOR),
                        "line": {"color": "white", "width": 0.5}},
                hovertemplate=f"{name}, week %{{x}}<br>{z}: {fmt}<extra></extra>",
            ))
        annotations.append({
            "name": "panel", "text": f"<b>{name}</b>", "xref": "paper",
            "x": sum(domains[i]) / 2, "xanchor": "center", "yref": "paper", "y": 1.0,
            "yanchor": "bottom", "showarrow": False,
        })
        if share:
            shape = _hline(EASY_SHARE_GUIDE, "80/20", _REFERENCE_COLOR)
            shape.update({"xref": f"{xa} domain", "yref": ya})
            shapes.append(shape)
    ytitle = "Share of the week's running time" if share else "Minutes per week"
    layout = _layout(
        title or "Time in each zone, week by week",
        {"chart": "method_intensity_panels", "names": list(names), "share": bool(share),
         "zones": zones},
        barmode="stack",
        bargap=0.1,
        height=460,
        xaxis={"domain": domains[0], "anchor": "y", "title": {"text": "Week"}},
        yaxis={"title": {"text": ytitle}, "tickformat": ".0%" if share else None},
        xaxis2={"domain": domains[1], "anchor": "y2", "title": {"text": "Week"}},
        yaxis2={"anchor": "x2", "matches": "y", "showticklabels": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.08, "x": 0.0,
                "traceorder": "normal"},
        shapes=shapes,
        annotations=annotations,
    )
    return go.Figure(traces, layout)


def specificity_chart(frame: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Minutes at goal pace and at threshold per week, counted back from race week.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.widgets.lessons.specificity_frame`):
        ``method``, ``weeks_to_race`` (0 = race week), ``zone`` and
        ``minutes``.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One line per (method, zone) named ``"<method> · <zone>"``; ``x`` is
        ``−weeks_to_race`` (race week at 0), colours :data:`METHOD_COLORS`
        by method order, goal pace solid and other zones dotted.
        ``layout.meta``: ``chart``, ``methods``, ``zones``.
    """
    _require(frame, ("method", "weeks_to_race", "zone", "minutes"), "specificity")
    methods = list(dict.fromkeys(str(m) for m in frame["method"]))
    zones = list(dict.fromkeys(str(z) for z in frame["zone"]))
    traces: list[Any] = []
    for i, method in enumerate(methods):
        color = METHOD_COLORS[i % len(METHOD_COLORS)]
        for zone in zones:
            part = frame[(frame["method"] == method) & (frame["zone"] == zone)]
            part = part.sort_values("weeks_to_race", ascending=False)
            traces.append(go.Scatter(
                x=[-int(w) for w in part["weeks_to_race"]],
                y=part["minutes"].astype(float).tolist(),
                name=f"{method} · {zone}", legendgroup=method, mode="lines+markers",
                line={"color": color, "width": 2.5 if zone == "goal pace" else 1.8,
                      "dash": "solid" if zone == "goal pace" else "dot"},
                marker={"size": 6, "symbol": "circle" if zone == "goal pace" else "diamond"},
                hovertemplate=(f"{method}, %{{x}} weeks to race<br>{zone}: %{{y:.0f}} min"
                               "<extra></extra>"),
            ))
    layout = _layout(
        title or "Race-specific minutes per week as race day nears",
        {"chart": "specificity", "methods": methods, "zones": zones},
        hovermode="x unified",
        xaxis={"title": {"text": "Weeks before race week (0 = race week)"}},
        yaxis={"title": {"text": "Minutes per week"}, "rangemode": "tozero"},
    )
    return go.Figure(traces, layout)


def speed_reserve_chart(
    frame: pd.DataFrame,
    assessment: GoalAssessment,
    units: str = "mi",
    title: str | None = None,
) -> go.Figure:
    """Race paces now and those the goal needs, with the goal pace and the speed reserve.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.widgets.lessons.speed_reserve_frame`):
        ``distance`` (short name), ``distance_m``, ``series`` (``"now"`` or
        ``"needed"``), ``time_s`` and ``pace_s_per_km``.
    assessment : speedfirst.results.GoalAssessment
        The goal check; its goal pace is drawn and its mile time gives the
        reserve.
    units : {"mi", "km"}
        Pace unit.
    title : str, optional
        Figure title; by default the verdict and the reserve.

    Returns
    -------
    plotly.graph_objects.Figure
        Line traces named after each series (``y`` in s per ``units``,
        faster at the top), a shape and annotation named ``"goal pace"``
        and an annotation named ``"speed reserve"``. ``layout.meta``:
        ``chart``, ``verdict``, ``reserve_s_per_mi``, ``units``.
    """
    u = check_unit(units)
    _require(frame, ("distance", "distance_m", "series", "time_s", "pace_s_per_km"),
             "speed reserve")
    k = _s_per_unit(u)
    order = (frame[["distance", "distance_m"]].drop_duplicates()
             .sort_values("distance_m")["distance"].astype(str).tolist())
    styles = {"now": (_OKABE_ITO["blue"], "solid", "your races now"),
              "needed": (VERDICT_COLORS.get(assessment.verdict, _REFERENCE_COLOR), "dash",
                         "needed for the goal")}
    traces: list[Any] = []
    values: list[float] = []
    for series in dict.fromkeys(str(s) for s in frame["series"]):
        part = frame[frame["series"] == series].set_index("distance").reindex(order).dropna(
            subset=["pace_s_per_km"])
        color, dash, label = styles.get(series, (_FALLBACK_COLOR, "dot", series))
        y = (part["pace_s_per_km"].astype(float) * k).tolist()
        values += y
        traces.append(go.Scatter(
            x=list(part.index), y=y, name=series, mode="lines+markers+text",
            line={"color": color, "dash": dash, "width": 2.5}, marker={"size": 8},
            text=[format_time(t) for t in part["time_s"]], textposition="top center",
            customdata=[format_pace(p, u) for p in part["pace_s_per_km"]],
            hovertemplate=f"{label}: %{{x}} in %{{text}} (%{{customdata}})<extra></extra>",
        ))
    goal_pace = assessment.goal_time_s / assessment.goal_distance_m * METERS_PER_KM
    goal_y = goal_pace * k
    values.append(goal_y)
    lo, hi = (min(values), max(values)) if values else (goal_y - 30, goal_y + 30)
    pad = max((hi - lo) * 0.08, 5.0)
    tickvals, ticktext = _time_ticks(lo - pad, hi + pad, _PACE_STEPS)
    reserve = assessment.speed_reserve_s_per_mi
    mile_pace = assessment.mile_time_s * METERS_PER_KM / metres_per_unit("mi")  # s/km
    color = VERDICT_COLORS.get(assessment.verdict, _REFERENCE_COLOR)
    reserve_text = (f"speed reserve: goal pace is {abs(reserve):.0f} s/mi "
                    f"{'slower' if reserve > 0 else 'faster'} than your mile pace "
                    f"({format_pace(mile_pace, u)})")
    layout = _layout(
        title or (f"Goal {format_time(assessment.goal_time_s)} "
                  f"{format_distance(assessment.goal_distance_m)}: "
                  f"<b>{assessment.verdict}</b>"),
        {"chart": "speed_reserve", "verdict": assessment.verdict,
         "reserve_s_per_mi": float(reserve), "units": u},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": order,
               "title": {"text": "Race distance"}},
        yaxis={"title": {"text": f"Race pace (min/{u}), faster ↑"},
               "range": [hi + pad, lo - pad], "tickvals": tickvals, "ticktext": ticktext},
        shapes=[_hline(goal_y, "goal pace", color, dash="dash", width=2)],
        annotations=[
            {"name": "goal pace", "text": f"goal pace {format_pace(goal_pace, u)}",
             "xref": "paper", "x": 1.0, "xanchor": "right", "yref": "y", "y": goal_y,
             "yanchor": "top", "showarrow": False, "font": {"color": color, "size": 12}},
            {"name": "speed reserve", "text": reserve_text, "xref": "paper", "x": 0.0,
             "xanchor": "left", "yref": "paper", "y": 0.02, "yanchor": "bottom",
             "showarrow": False, "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.8)"},
        ],
    )
    return go.Figure(traces, layout)


def _duration_label(seconds: float) -> str:
    """``30 s``, ``1 min``, ``1:30 min``."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if float(seconds) % 60 == 0:
        return f"{seconds / 60:.0f} min"
    return f"{format_time(seconds)} min"


def rep_volume_chart(
    table: pd.DataFrame,
    units: str = "mi",
    ceiling_min: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Total time at pace a session holds for each rep duration.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`speedfirst.critical_speed.reps_table` frame: ``pace_s_per_km``,
        ``rep_s``, ``recovery_s``, ``reps``, ``time_at_pace_min``,
        ``limited_by``.
    units : {"mi", "km"}
        Unit of the pace in trace names.
    ceiling_min : float, optional
        The safety ceiling [min], drawn as a line named ``"ceiling"``.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per pace, named after it (``"3:25/km"``); ``x`` the
        rep durations as text, ``y`` the minutes at pace, ``text``
        ``"<reps> × <rep>"``; bars stopped by the ceiling are grey.
        ``layout.meta``: ``chart``, ``units``, ``rep_s``.
    """
    u = check_unit(units)
    _require(table, ("pace_s_per_km", "rep_s", "recovery_s", "reps", "time_at_pace_min",
                     "limited_by"), "reps table")
    rep_values = sorted({float(r) for r in table["rep_s"]})
    labels = [_duration_label(r) for r in rep_values]
    traces: list[Any] = []
    paces = list(dict.fromkeys(float(p) for p in table["pace_s_per_km"]))
    palette = (_OKABE_ITO["vermillion"], _OKABE_ITO["blue"], _OKABE_ITO["bluish green"],
               _OKABE_ITO["reddish purple"])
    for i, pace in enumerate(paces):
        part = table[table["pace_s_per_km"] == pace].sort_values("rep_s")
        color = palette[i % len(palette)]
        colors = [_FALLBACK_COLOR if str(b) == "ceiling" else color for b in part["limited_by"]]
        hover = [
            f"{int(n)} × {_duration_label(r)} at {format_pace(pace, u)}, "
            f"{_duration_label(rec)} recovery<br>{m:.1f} min at pace"
            + ("<br><i>stopped by the safety ceiling</i>" if str(b) == "ceiling" else
               "<br>one more rep would be exhausting")
            for n, r, rec, m, b in zip(part["reps"], part["rep_s"], part["recovery_s"],
                                       part["time_at_pace_min"], part["limited_by"],
                                       strict=True)
        ]
        traces.append(go.Bar(
            x=[_duration_label(r) for r in part["rep_s"]],
            y=part["time_at_pace_min"].astype(float).tolist(),
            name=format_pace(pace, u), marker={"color": colors},
            text=[f"{int(n)} × {_duration_label(r)}" for n, r in
                  zip(part["reps"], part["rep_s"], strict=True)],
            textposition="outside", hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    shapes = []
    if ceiling_min is not None:
        shapes.append(_hline(float(ceiling_min), "ceiling", _REFERENCE_COLOR, dash="dot"))
    layout = _layout(
        title or "Time at pace one session holds, by rep length",
        {"chart": "rep_volume", "units": u, "rep_s": rep_values},
        barmode="group",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
               "title": {"text": "Rep duration"}},
        yaxis={"title": {"text": "Total minutes at pace"}, "rangemode": "tozero"},
        shapes=shapes,
    )
    return go.Figure(traces, layout)


def easy_share_chart(frame: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Easy share of running time in every phase of one or more plans, with 80 %.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.widgets.lessons.easy_share_frame`):
        ``method``, ``phase``, ``easy_share`` (0–1).
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per method (named after it) on a two-level category
        axis (method, phase), bars coloured by :data:`PHASE_COLORS`, and a
        shape named ``"80/20"`` at 80 %. ``layout.meta``: ``chart``,
        ``methods``.
    """
    _require(frame, ("method", "phase", "easy_share"), "easy share")
    methods = list(dict.fromkeys(str(m) for m in frame["method"]))
    traces: list[Any] = []
    for method in methods:
        part = frame[frame["method"] == method]
        phases = [str(p) for p in part["phase"]]
        share = part["easy_share"].astype(float).tolist()
        traces.append(go.Bar(
            x=[[method] * len(phases), phases], y=share, name=method,
            marker={"color": [PHASE_COLORS.get(p, _FALLBACK_COLOR) for p in phases],
                    "line": {"color": "#333333", "width": 0.5}},
            text=[f"{s:.0%}" for s in share], textposition="outside",
            hovertemplate=f"{method}<br>%{{x}}: %{{y:.0%}} easy<extra></extra>",
        ))
    layout = _layout(
        title or "Share of running time at easy intensity, phase by phase",
        {"chart": "easy_share", "methods": methods},
        showlegend=False,
        xaxis={"type": "multicategory", "title": {"text": ""}},
        yaxis={"title": {"text": "Easy share of running time"}, "tickformat": ".0%",
               "range": [0.0, 1.08]},
        shapes=[_hline(EASY_SHARE_GUIDE, "80/20", _REFERENCE_COLOR)],
        annotations=[{
            "name": "80/20", "text": "80% easy (80/20 guideline)", "xref": "paper", "x": 1.0,
            "xanchor": "right", "yref": "y", "y": EASY_SHARE_GUIDE, "yanchor": "top",
            "showarrow": False, "font": {"size": 11}, "bgcolor": "rgba(255,255,255,0.7)",
        }],
    )
    return go.Figure(traces, layout)


def offsets_chart(
    frame: pd.DataFrame,
    five_k_s: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Threshold and VO2max paces of the method and of Daniels, relative to 5K pace.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.widgets.lessons.offsets_vs_daniels`):
        ``five_k_s``, ``zone``, ``source``, ``offset_fast_s_per_mi`` and
        ``offset_slow_s_per_mi`` (pace − 5K pace [s/mi], positive = slower).
    five_k_s : float, optional
        A 5K time [s] to mark with a vertical line named ``"your 5K"``.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        For each (zone, source) a pair of line traces named
        ``"<source> (<zone>)"`` (fast end) and ``"<source> (<zone>), slow end"``
        filled between them; the method's in the zone's colour, a source
        starting with ``Daniels`` dashed in :data:`DANIELS_COLOR`. ``x`` is
        the 5K time [s] (ticks ``m:ss``), ``y`` the offset [s/mi].
        ``layout.meta``: ``chart``, ``zones``, ``sources``.
    """
    _require(frame, ("five_k_s", "zone", "source", "offset_fast_s_per_mi",
                     "offset_slow_s_per_mi"), "offsets")
    zones = list(dict.fromkeys(str(z) for z in frame["zone"]))
    sources = list(dict.fromkeys(str(s) for s in frame["source"]))
    traces: list[Any] = []
    for zone in zones:
        for source in sources:
            part = frame[(frame["zone"] == zone) & (frame["source"] == source)]
            if part.empty:
                continue
            part = part.sort_values("five_k_s")
            x = part["five_k_s"].astype(float).tolist()
            daniels = source.lower().startswith("daniels")
            color = DANIELS_COLOR if daniels else ZONE_COLORS.get(zone, _FALLBACK_COLOR)
            dash = "dash" if daniels else "solid"
            name = f"{source} ({zone})"
            text = [format_time(v) for v in x]
            traces.append(go.Scatter(
                x=x, y=part["offset_fast_s_per_mi"].astype(float).tolist(), name=name,
                legendgroup=name, mode="lines", line={"color": color, "dash": dash, "width": 2},
                text=text,
                hovertemplate=f"{name}, 5K %{{text}}: %{{y:+.0f}} s/mi<extra></extra>",
            ))
            traces.append(go.Scatter(
                x=x, y=part["offset_slow_s_per_mi"].astype(float).tolist(),
                name=f"{name}, slow end", legendgroup=name, showlegend=False, mode="lines",
                line={"color": color, "dash": dash, "width": 2}, fill="tonexty",
                opacity=0.6, text=text,
                hovertemplate=f"{name}, slow end, 5K %{{text}}: %{{y:+.0f}} s/mi<extra></extra>",
            ))
    xs = frame["five_k_s"].astype(float)
    lo, hi = (float(xs.min()), float(xs.max())) if len(xs) else (900.0, 1500.0)
    tickvals, ticktext = _time_ticks(lo, hi, _TIME_STEPS)
    shapes = [_hline(0.0, "5K pace", "#888888", dash="solid", width=1.0, layer="below")]
    annotations = [{"name": "5K pace", "text": "5K race pace", "xref": "paper", "x": 0.0,
                    "xanchor": "left", "yref": "y", "y": 0.0, "yanchor": "bottom",
                    "showarrow": False, "font": {"size": 11}}]
    if five_k_s is not None:
        x0 = float(five_k_s)
        shapes.append({"type": "line", "name": "your 5K", "xref": "x", "x0": x0, "x1": x0,
                       "yref": "paper", "y0": 0.0, "y1": 1.0,
                       "line": {"color": _OKABE_ITO["black"], "width": 1.5, "dash": "dot"}})
        annotations.append({"name": "your 5K", "text": f"your 5K {format_time(x0)}",
                            "xref": "x", "x": x0, "yref": "paper", "y": 1.0,
                            "yanchor": "bottom", "showarrow": False})
    layout = _layout(
        title or "Threshold and VO2max paces against 5K pace: the method and Daniels",
        {"chart": "offsets", "zones": zones, "sources": sources},
        hovermode="closest",
        xaxis={"title": {"text": "5K time"}, "tickvals": tickvals, "ticktext": ticktext},
        yaxis={"title": {"text": "Pace − 5K pace (s/mi); below 0 is faster"}},
        shapes=shapes,
        annotations=annotations,
    )
    return go.Figure(traces, layout)
