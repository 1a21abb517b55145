"""Charts of one plan: weekly distance, intensity distribution, fitness and fatigue.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from speedfirst.figures.style import (
    _FALLBACK_COLOR,
    _REFERENCE_COLOR,
    EASY_SHARE_GUIDE,
    OKABE_ITO,
    PHASE_COLORS,
    SERIES_COLORS,
    ZONE_COLORS,
    _cycle_label,
    _date_text,
    _distance,
    _fmt_distance,
    _hline,
    _layout,
    _per_km,
    _present,
    _require,
    _zone_order,
)
from speedfirst.units import check_unit


# --------------------------------------------------------------------------
# 1. Weekly distance
# --------------------------------------------------------------------------
def _week_axis(week_no: list[int]) -> dict[str, Any]:
    """The x axis of a chart with one bar per plan week: every week ticked (up to 30),
    and the range ending half a bar past the first and last week, so that no week 0
    or week after the race is labelled."""
    axis: dict[str, Any] = {"title": {"text": "Week"}, "dtick": 1 if len(week_no) <= 30 else None}
    if week_no:
        axis["range"] = [min(week_no) - 0.5, max(week_no) + 0.5]
    return axis


def mileage_chart(
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
        xaxis=_week_axis(week_no),
        yaxis={"title": {"text": f"Weekly distance ({u})"}, "rangemode": "tozero"},
        shapes=shapes,
        annotations=annotations,
        uniformtext={"minsize": 8, "mode": "hide"},
    )
    return go.Figure(traces, layout, _validate=False)




# --------------------------------------------------------------------------
# 2. Intensity distribution
# --------------------------------------------------------------------------


def intensity_chart(
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
        xaxis=_week_axis(week_no),
        yaxis=yaxis,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0,
                "traceorder": "reversed"},
        shapes=shapes,
        annotations=annotations,
    )
    return go.Figure(traces, layout, _validate=False)



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
                       "line": {"color": OKABE_ITO["black"], "width": 2, "dash": "dash"}})
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


