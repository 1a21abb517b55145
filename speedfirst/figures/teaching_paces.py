"""The teaching charts of paces and times (:mod:`speedfirst.widgets.lessons`).

Speed reserve (race times now and needed), rep volume (time at pace by rep
duration) and the method's pace offsets against Daniels'.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.figures.style import (
    _FALLBACK_COLOR,
    _PACE_STEPS,
    _REFERENCE_COLOR,
    _TIME_STEPS,
    DANIELS_COLOR,
    OKABE_ITO,
    VERDICT_COLORS,
    ZONE_COLORS,
    _hline,
    _layout,
    _require,
    _s_per_unit,
    _time_ticks,
)
from speedfirst.results import GoalAssessment
from speedfirst.text import format_distance, format_pace, format_time
from speedfirst.units import METERS_PER_KM, check_unit, metres_per_unit


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
        Tidy frame (see :func:`speedfirst.analysis.speed_reserve_frame`):
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
    styles = {"now": (OKABE_ITO["blue"], "solid", "your races now"),
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
    palette = (OKABE_ITO["vermillion"], OKABE_ITO["blue"], OKABE_ITO["bluish green"],
               OKABE_ITO["reddish purple"])
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


def offsets_chart(
    frame: pd.DataFrame,
    five_k_s: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Threshold and VO2max paces of the method and of Daniels, relative to 5K pace.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy frame (see :func:`speedfirst.analysis.offsets_vs_daniels`):
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
                       "line": {"color": OKABE_ITO["black"], "width": 1.5, "dash": "dot"}})
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
