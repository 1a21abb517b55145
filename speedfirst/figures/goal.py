"""The goal check: what each model predicts against the goal.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from speedfirst.equivalence import REALISTIC_GAP_PCT, STRETCH_GAP_PCT
from speedfirst.figures.style import (
    _REFERENCE_COLOR,
    _TIME_STEPS,
    OKABE_ITO,
    VERDICT_COLORS,
    _hline,
    _layout,
    _require,
    _time_ticks,
)
from speedfirst.results import GoalAssessment
from speedfirst.text import format_distance, format_pace, format_time
from speedfirst.units import METERS_PER_KM, check_unit


# --------------------------------------------------------------------------
# 5. Goal check
# --------------------------------------------------------------------------
def goal_chart(
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
        annotation named ``"verdict"`` with the message. (What the mile, 5K
        and 10K would need to be is a table of its own,
        :func:`speedfirst.analysis.goal_needs`: plotly.js's basic bundle, which
        speedfirst's pages load, has no table trace.) If the predictions lack
        the goal distance, the single bar is the assessment's own prediction.
        ``layout.meta``: ``chart``, ``verdict``, ``goal_time_s``, ``models``,
        ``units``.
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
        marker={"color": [OKABE_ITO["blue"] if m == assessment.model else OKABE_ITO["sky blue"]
                          for m in models]},
        text=[format_time(t) for t in times], textposition="inside", insidetextanchor="end",
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", width=0.55,
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
        height=440,
        showlegend=False,
        xaxis={"domain": [0.0, 1.0], "anchor": "y", "title": {"text": "Model"}},
        yaxis={"domain": [0.0, 0.72], "range": [lo, hi], "tickvals": tickvals,
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
        margin={"l": 70, "r": 30, "t": 60, "b": 50},
    )
    return go.Figure([bar], layout, _validate=False)


# --------------------------------------------------------------------------
# 5b. Goal range: the models side by side
# --------------------------------------------------------------------------
_READINESS_COLUMNS = ("model", "predicted_time_s", "verdict")


def goal_range_chart(
    readiness_frame: pd.DataFrame,
    goal_time_s: float,
    units: str = "mi",
    title: str | None = None,
) -> go.Figure:
    """Each model's predicted goal time as a point with its realistic band, against the goal.

    A goal is *realistic* under a model when it is at most
    :data:`~speedfirst.equivalence.REALISTIC_GAP_PCT` (1.5 %) faster than the
    model's prediction P, and a *stretch* up to
    :data:`~speedfirst.equivalence.STRETCH_GAP_PCT` (4 %) faster
    (:func:`speedfirst.equivalence.assess_goal`). So each model gets a
    horizontal band of goal times from P·(1 − 0.015) to P (realistic) and a
    lighter one from P·(1 − 0.04) to P·(1 − 0.015) (stretch); the goal line
    falls in or right of the realistic band exactly when that model calls the
    goal realistic.

    Parameters
    ----------
    readiness_frame : pandas.DataFrame
        :func:`speedfirst.mileage.readiness` /
        :func:`~speedfirst.mileage.goal_readiness` frame: ``model``,
        ``predicted_time_s`` [s] and ``verdict``. Rows with no prediction (the
        Vickers row of a non-marathon goal) are left out.
    goal_time_s : float
        The goal [s].
    units : {"mi", "km"}
        Checked for symmetry with the other charts (times need no unit).
    title : str, optional
        Figure title; by default the goal.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bar traces ``"stretch band"`` and ``"realistic band"``
        (``base`` = band start [s], ``x`` = band width [s], ``y`` = model),
        a marker trace ``"predicted"`` (``x`` = P [s], coloured by verdict),
        and a vertical shape and annotation named ``"goal"`` at ``goal_time_s``.
        What would make the goal realistic under each model (5K, 10K, weekly
        mileage) is a table of its own, :func:`speedfirst.analysis.readiness_table`
        (plotly.js's basic bundle, which speedfirst's pages load, has no table trace).
        The time axis spans the data (bands, predictions and goal) with a
        small margin, ticks in ``h:mm:ss``. ``layout.meta``: ``chart``
        (``"goal_range"``), ``goal_time_s``, ``models``, ``verdicts``,
        ``units``.

    Raises
    ------
    ValueError
        When the frame lacks a column, or no model has a prediction.
    """
    u = check_unit(units)
    _require(readiness_frame, _READINESS_COLUMNS, "readiness_frame")
    goal_s = float(goal_time_s)
    plotted = readiness_frame[readiness_frame["predicted_time_s"].notna()]
    if plotted.empty:
        raise ValueError("readiness_frame has no prediction to plot")
    models = [str(m) for m in plotted["model"]]
    preds = plotted["predicted_time_s"].astype(float).tolist()
    verdicts = [str(v) for v in plotted["verdict"]]
    real_lo = [p * (1.0 - REALISTIC_GAP_PCT / 100.0) for p in preds]
    stretch_lo = [p * (1.0 - STRETCH_GAP_PCT / 100.0) for p in preds]

    stretch = go.Bar(
        name="stretch band", orientation="h", y=models, base=stretch_lo,
        x=[r - s for r, s in zip(real_lo, stretch_lo, strict=True)],
        marker={"color": OKABE_ITO["orange"], "opacity": 0.25}, width=0.5,
        xaxis="x", yaxis="y",
        hovertext=[f"<b>{m}</b>: stretch goals {format_time(s)}–{format_time(r)}"
                   for m, s, r in zip(models, stretch_lo, real_lo, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    realistic = go.Bar(
        name="realistic band", orientation="h", y=models, base=real_lo,
        x=[p - r for p, r in zip(preds, real_lo, strict=True)],
        marker={"color": OKABE_ITO["bluish green"], "opacity": 0.45}, width=0.5,
        xaxis="x", yaxis="y",
        hovertext=[f"<b>{m}</b>: realistic from {format_time(r)} (predicted {format_time(p)})"
                   for m, r, p in zip(models, real_lo, preds, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    point = go.Scatter(
        name="predicted", mode="markers+text", y=models, x=preds,
        marker={"size": 12, "symbol": "diamond", "line": {"color": "#FFFFFF", "width": 1},
                "color": [VERDICT_COLORS.get(v, _REFERENCE_COLOR) for v in verdicts]},
        text=[format_time(p) for p in preds], textposition="middle right",
        xaxis="x", yaxis="y",
        hovertext=[f"<b>{m}</b>: predicts {format_time(p)}<br>goal: {v}"
                   for m, p, v in zip(models, preds, verdicts, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )

    lo_data = min(*stretch_lo, goal_s)
    hi_data = max(*preds, goal_s)
    pad = max((hi_data - lo_data) * 0.08, 30.0)
    lo, hi = lo_data - pad, hi_data + pad
    tickvals, ticktext = _time_ticks(lo, hi, _TIME_STEPS)
    goal_color = OKABE_ITO["black"]
    layout = _layout(
        title or f"Goal {format_time(goal_s)}: each model's prediction and realistic band",
        {"chart": "goal_range", "goal_time_s": goal_s, "models": models,
         "verdicts": verdicts, "units": u},
        height=360,
        barmode="overlay",
        showlegend=True,
        xaxis={"domain": [0.0, 1.0], "anchor": "y", "range": [lo, hi], "tickvals": tickvals,
               "ticktext": ticktext, "title": {"text": "finish time (left = faster)"}},
        yaxis={"domain": [0.0, 1.0], "type": "category", "autorange": "reversed",
               "title": {"text": "Model"}},
        shapes=[{"type": "line", "name": "goal", "xref": "x", "x0": goal_s, "x1": goal_s,
                 "yref": "paper", "y0": 0.0, "y1": 1.0, "layer": "above",
                 "line": {"color": goal_color, "width": 2.5, "dash": "dash"}}],
        annotations=[
            {"name": "goal", "text": f"goal {format_time(goal_s)}", "xref": "x", "x": goal_s,
             "xanchor": "left", "yref": "paper", "y": 1.0, "yanchor": "bottom",
             "showarrow": False, "font": {"color": goal_color, "size": 12},
             "bgcolor": "rgba(255,255,255,0.8)"},
        ],
        margin={"l": 80, "r": 30, "t": 110, "b": 50},
    )
    return go.Figure([stretch, realistic, point], layout, _validate=False)

