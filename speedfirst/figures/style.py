"""The figures' shared look: palette, layout template, axis helpers, figure JSON.

Colours come from the Okabe–Ito palette, which stays distinguishable under the
common colour-vision deficiencies; every chart module builds its layout with
:func:`_layout` so titles, fonts, margins and the mode bar are alike.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.text import format_time
from speedfirst.units import METERS_PER_KM, metres_per_unit
from speedfirst.zones import ZONE_NAMES

__all__ = ["DANIELS_COLOR", "METHOD_COLORS", "OKABE_ITO", "PHASE_COLORS", "PLOTLY_CONFIG",
           "SERIES_COLORS", "TEMPLATE", "VERDICT_COLORS", "ZONE_COLORS", "figure_json",
           "figure_title", "narrow_layout_js"]

# --------------------------------------------------------------------------
# Colours and shared settings
# --------------------------------------------------------------------------
OKABE_ITO: dict[str, str] = {
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
    "General Preparation": OKABE_ITO["sky blue"],
    "Specific Preparation": OKABE_ITO["blue"],
    "Taper": OKABE_ITO["bluish green"],
    # traditional
    "Base": OKABE_ITO["orange"],
    "Build": OKABE_ITO["vermillion"],
    "Sharpening": OKABE_ITO["reddish purple"],
}
"""Bar colour of each training phase (both methods; ``Taper`` is shared)."""

ZONE_COLORS: dict[str, str] = {
    "speed": OKABE_ITO["reddish purple"],
    "anaerobic capacity": OKABE_ITO["vermillion"],
    "VO2max": OKABE_ITO["orange"],
    "acidosis threshold": OKABE_ITO["yellow"],
    "goal pace": OKABE_ITO["bluish green"],
    "easy": OKABE_ITO["sky blue"],
}
"""Colour of each zone in :data:`speedfirst.zones.ZONE_NAMES`: hot for fast, cool for easy."""

METHOD_COLORS: tuple[str, str] = (OKABE_ITO["blue"], OKABE_ITO["orange"])
"""Colours of the first and second plan in :func:`compare_methods`."""

SERIES_COLORS: dict[str, str] = {
    "fitness": OKABE_ITO["blue"],
    "fatigue": OKABE_ITO["vermillion"],
    "form": OKABE_ITO["bluish green"],
    "load": OKABE_ITO["grey"],
}
"""Line colours of the fitness–fatigue chart."""

VERDICT_COLORS: dict[str, str] = {
    "realistic": OKABE_ITO["bluish green"],
    "stretch": OKABE_ITO["orange"],
    "not yet realistic": OKABE_ITO["vermillion"],
    "impossible": OKABE_ITO["black"],
}
"""Colour of the goal line and verdict box for each goal verdict."""

DANIELS_COLOR: str = "#555555"
"""Neutral grey of Daniels' E/M/T/I/R ranges beside the method's zones."""

_FALLBACK_COLOR = OKABE_ITO["grey"]
_REFERENCE_COLOR = "#444444"

_AXIS_STYLE = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
               "automargin": True, "ticks": "", "title": {"standoff": 15},
               "ticklabeloverflow": "allow"}
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
much for a slider's hot path (see ``make bench``).

``ticklabeloverflow="allow"``: plotly.js's default for a numeric axis ("hide
past div") measures every tick label against the others each time a label is
drawn; on the weekly-distance chart (21 week ticks) that took 10.7 ms of a
~50 ms ``Plotly.react`` per slider move (a CPU profile in Chromium). Our labels
sit outside the plot and inside the figure, so there is nothing to hide."""

PLOTLY_CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True}
"""Plotly.js config put in every :func:`figure_json`."""

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


TITLE_LINE_CHARS = 34
"""Longest title line that fits a phone's width (390 px) at the title font size."""


def _wrap_title(title: str) -> str:
    """Break a long ``"head: detail"`` title after the colon, the detail smaller.

    SVG text does not wrap, so a long title runs off a phone's screen.

    >>> _wrap_title("speed-first vs traditional: weekly distance")
    'speed-first vs traditional:<br><span style="font-size:0.85em">weekly distance</span>'
    >>> _wrap_title("Pace zones")
    'Pace zones'
    """
    if len(_TAG_RE.sub("", title)) <= TITLE_LINE_CHARS or ": " not in title:
        return title
    head, tail = title.split(": ", 1)
    return f'{head}:<br><span style="font-size:0.85em">{tail}</span>'


def _layout(title: str, meta: Mapping[str, Any], **kw: Any) -> dict[str, Any]:
    """Layout shared by every chart: template, title (:func:`_wrap_title`), meta, legend."""
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "title": {"text": _wrap_title(title), "x": 0.0, "xanchor": "left", "xref": "container",
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
# The figure as JSON for the page
# --------------------------------------------------------------------------
def figure_json(fig: go.Figure) -> dict[str, Any]:
    """A figure as the plain JSON plotly.js draws: ``{"data", "layout", "config"}``.

    The figure goes through plotly's JSON encoder (numpy values become plain
    JSON) and gets :data:`PLOTLY_CONFIG` as its ``config``. This is what the
    chart widget (:class:`speedfirst.widgets.chart.Chart`) sends to the page,
    and the ``application/vnd.plotly.v1+json`` part of plotly's mime bundle.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}, "config": {...}}`` (and ``"frames"``
        when the figure has any).

    Examples
    --------
    >>> f = figure_json(go.Figure(go.Bar(y=pd.Series([1.5, 2.0]).to_numpy()),
    ...                           layout={"title": {"text": "<b>Hi</b>"}}))
    >>> f["data"][0]["y"], f["config"]["displaylogo"], figure_title(f)
    ([1.5, 2.0], False, 'Hi')
    """
    # Encode the figure's own property dicts: fig.to_json() deep-copies them first
    # (to base64-encode numpy arrays in place), which doubles the cost on every slider move.
    from plotly.utils import PlotlyJSONEncoder

    raw: dict[str, Any] = {"data": fig._data, "layout": fig._layout}
    if fig.frames:
        raw["frames"] = [frame.to_plotly_json() for frame in fig.frames]
    fig_dict = json.loads(json.dumps(raw, cls=PlotlyJSONEncoder))
    fig_dict["config"] = dict(PLOTLY_CONFIG)
    return fig_dict


PLOTLY_BASIC_JS: Path = (Path(__file__).parents[1] / "share" / "voila" / "templates"
                         / "speedfirst-offline" / "static" / "plotly-basic.min.js")
"""plotly.js's official basic bundle (``plotly.js-basic-dist-min``), shipped with the package.

Every page speedfirst serves draws its charts with it: the dashboard and the
lessons (the Voila template points the chart widget at it), the read-only view
and the HTML report. It holds only :data:`BASIC_TRACE_TYPES`, which is all our
figures use, and costs about a quarter of the full bundle's 1.2 s to load and
evaluate in Chromium on our 2-core machine (1.2 MB against 4.8 MB). Its
version is plotly's own plotly.js version (``make vendor-plotly`` refreshes it,
``tools/vendor_plotly_basic.py``)."""

BASIC_TRACE_TYPES = frozenset({"bar", "scatter", "pie"})
"""The trace types plotly.js's basic bundle draws (:data:`PLOTLY_BASIC_JS`)."""


@functools.cache
def plotly_basic_version() -> str:
    """The plotly.js version of :data:`PLOTLY_BASIC_JS` (from ``plotly-basic.json``)."""
    info = json.loads(PLOTLY_BASIC_JS.with_name("plotly-basic.json").read_text(encoding="utf-8"))
    return str(info["version"])


@functools.cache
def narrow_layout_js() -> str:
    """The script that lays a figure out for a phone: ``fitted(fig, width)`` (``narrow.js``).

    Shared by the dashboard's chart widget and the read-only page's lazily drawn
    charts; a plain script (no module syntax), so both can put it in front of
    their own code.
    """
    return (Path(__file__).with_name("narrow.js")).read_text(encoding="utf-8")


def figure_title(fig_json: dict[str, Any]) -> str:
    """The title of a :func:`figure_json` result as plain text (markup removed)."""
    title = fig_json.get("layout", {}).get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return _TAG_RE.sub("", text or "")


def _present(value: object) -> bool:
    """True unless ``value`` is None, NaN or NaT."""
    return value is not None and not (pd.isna(value) if not isinstance(value, str) else False)


def _zone_order(zones: Iterable[str]) -> list[str]:
    """Zones easy first (stack bottom) to speed last (top); unknown names after."""
    present = list(dict.fromkeys(zones))
    known = [z for z in reversed(ZONE_NAMES) if z in present]
    return known + [z for z in present if z not in ZONE_NAMES]
