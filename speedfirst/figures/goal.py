"""The goal check: what each model predicts against the goal.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

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
        marker={"color": [OKABE_ITO["blue"] if m == assessment.model else OKABE_ITO["sky blue"]
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


