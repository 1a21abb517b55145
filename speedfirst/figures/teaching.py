"""The teaching charts behind the lessons (:mod:`speedfirst.widgets.lessons`): plans' time in zones.

Two plans' intensity side by side, race-specific minutes as race day nears and
the easy share per phase; the pace and time charts of the lessons are in
:mod:`speedfirst.figures.teaching_paces`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.figures.style import (
    _FALLBACK_COLOR,
    _REFERENCE_COLOR,
    EASY_SHARE_GUIDE,
    METHOD_COLORS,
    PHASE_COLORS,
    ZONE_COLORS,
    _hline,
    _layout,
    _require,
    _zone_order,
)

# --------------------------------------------------------------------------
# 7. Teaching charts (used by speedfirst.widgets.lessons)
# --------------------------------------------------------------------------


def intensity_panels_chart(
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
        Tidy frame (see :func:`speedfirst.analysis.specificity_frame`):
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


def easy_share_chart(frame: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Easy share of running time in every phase of one or more plans, with 80 %.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.analysis.easy_share_frame`):
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
