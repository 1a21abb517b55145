"""Two plans side by side: distance, intensity and time at goal pace.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.figures.style import (
    METHOD_COLORS,
    _distance,
    _layout,
    _require,
)
from speedfirst.units import check_unit


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


def comparison_chart(
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


