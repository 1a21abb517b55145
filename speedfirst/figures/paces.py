"""The pace-zone chart: the method's zones beside Daniels' paces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.figures.style import (
    _FALLBACK_COLOR,
    _PACE_STEPS,
    DANIELS_COLOR,
    ZONE_COLORS,
    _layout,
    _present,
    _require,
    _s_per_unit,
    _time_ticks,
)
from speedfirst.text import pace_range_text
from speedfirst.units import check_unit


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
        rng = pace_range_text(fast, slow, u)
        tick = f"<b>{label}</b><br><span style='font-size:11px'>{rng}"
        tick += f" · {hr}</span>" if hr else "</span>"
        rows.append((fast, i, label, tick))
        cats.append(label)
        names.append(str(r["zone"]))
        base.append(fast * k)
        length.append((slow - fast) * k)
        colors.append(ZONE_COLORS.get(str(r["zone"]), _FALLBACK_COLOR))
        lines = [f"<b>{label}</b>", rng, pace_range_text(fast, slow, other),
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
            rng = pace_range_text(fast, slow, u)
            pct = f" · {r['pct_vo2max']}" if _present(r.get("pct_vo2max")) else ""
            rows.append((fast, len(records) + j, label,
                         f"{label}<br><span style='font-size:11px'>{rng}{pct}</span>"))
            text = f"<b>{label}</b><br>{rng}<br>{pace_range_text(fast, slow, other)}{pct}"
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


