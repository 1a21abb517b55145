"""Tables of a runner's own plans (the explore notebook): predictions, weeks, comparisons."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from speedfirst.plan import Plan
from speedfirst.results import GoalAssessment
from speedfirst.text import format_distance, format_pace, format_time
from speedfirst.training_load import intensity_distribution
from speedfirst.units import METERS_PER_KM, METERS_PER_MILE, check_unit

__all__ = ["compare_plans", "model_disagreement", "plan_kwargs", "week_table"]


# --------------------------------------------------------------------------
# explore: tables for a runner's own plan
# --------------------------------------------------------------------------
def model_disagreement(predictions: pd.DataFrame) -> pd.DataFrame:
    """Each model's predicted time per distance, and how far apart the models are.

    Parameters
    ----------
    predictions : pandas.DataFrame
        :func:`speedfirst.equivalence.race_predictions` frame.

    Returns
    -------
    pandas.DataFrame
        One row per distance (shortest first): ``distance``, one text column
        per model (``h:mm:ss``), ``spread_s`` (slowest − fastest [s]) and
        ``spread_pct`` (of the fastest [%], one decimal).

    Examples
    --------
    >>> from speedfirst.equivalence import race_predictions
    >>> t = model_disagreement(race_predictions({5000.0: 1088.0}))
    >>> t.set_index("distance").loc["marathon", ["daniels", "riegel", "cameron"]].tolist()
    ['2:53:40', '2:53:55', '2:56:58']
    """
    wide = predictions.pivot_table(index=["distance_m", "distance"], columns="model",
                                   values="time_s", aggfunc="first", sort=True)
    models = [m for m in dict.fromkeys(predictions["model"]) if m in wide.columns]
    out = pd.DataFrame({"distance": [d for _, d in wide.index]})
    for m in models:
        out[m] = [format_time(t) for t in wide[m]]
    fastest = wide[models].min(axis=1).to_numpy()
    slowest = wide[models].max(axis=1).to_numpy()
    out["spread_s"] = (slowest - fastest).round(0)
    out["spread_pct"] = ((slowest - fastest) / fastest * 100.0).round(1)
    return out


def week_table(plan: Plan, units: str | None = None) -> pd.DataFrame:
    """The plan's weeks as a readable table (one row per week, text and rounded numbers).

    Columns: ``week``, ``starts`` (``Mon 23 Nov 2026``), ``phase``, ``cycle``,
    ``emphasis``, ``distance (<units>)``, ``long run (<units>)``, ``goal pace
    (min)``, ``threshold (min)`` and ``key sessions`` (titles, race
    included).
    """
    u = check_unit(units or plan.inputs.units)
    k = 1.0 if u == "km" else 1000.0 / METERS_PER_MILE
    keys = {week: " · ".join(t) for week, t in plan.key_session_titles().items()}
    w = plan.weeks
    return pd.DataFrame({
        "week": w["week"].astype(int),
        "starts": [f"{d:%a} {d.day} {d:%b %Y}" for d in w["start_date"]],
        "phase": w["phase"].astype(str),
        "cycle": w["cycle"].astype(str),
        "emphasis": w["emphasis"].astype(str),
        f"distance ({u})": (w["distance_km"] * k).round(1),
        f"long run ({u})": (w["long_run_km"] * k).round(1),
        "goal pace (min)": w["goal_pace_min"].round(0).astype(int),
        "threshold (min)": w["threshold_min"].round(0).astype(int),
        "key sessions": [keys.get(x, "—") for x in w["week"]],
    })


def plan_kwargs(plan: Plan) -> dict[str, Any]:
    """The :func:`~speedfirst.plan.build_plan` keyword arguments that rebuild ``plan``."""
    i = plan.inputs
    return dict(race_date=i.race_date, race_distance=i.race_distance,
                peak_weekly=i.peak_weekly, units=i.units, races=dict(i.races),
                goal_time_s=i.goal_time_s, general_weeks=i.general_weeks,
                specific_weeks=i.specific_weeks, taper_weeks=i.taper_weeks,
                cycle_weeks=i.cycle_weeks, method=i.method, runs_per_week=i.runs_per_week,
                long_run_day=i.long_run_day, hr_max=i.hr_max, week_start=i.week_start,
                today=i.today, recovery_every=i.recovery_every)


def compare_plans(plans: Mapping[str, Plan], units: str = "mi") -> pd.DataFrame:
    """Headline numbers of several plans side by side.

    Returns
    -------
    pandas.DataFrame
        One row per plan: ``plan``, ``weeks``, ``total (<units>)``, ``peak
        week (<units>)``, ``goal pace (min)``, ``threshold (min)`` (plan
        totals, the race excluded) and ``easy share`` (of all running time,
        0–1, three decimals).
    """
    u = check_unit(units)
    k = 1.0 if u == "km" else 1000.0 / METERS_PER_MILE
    rows = []
    for name, plan in plans.items():
        inten = intensity_distribution(plan)
        total_min = float(inten["minutes"].sum())
        easy_min = float(inten.loc[inten["zone"] == "easy", "minutes"].sum())
        rows.append({
            "plan": name,
            "weeks": len(plan.weeks),
            f"total ({u})": round(float(plan.weeks["distance_km"].sum()) * k, 1),
            f"peak week ({u})": round(float(plan.weeks["distance_km"].max()) * k, 1),
            "goal pace (min)": round(float(plan.weeks["goal_pace_min"].sum())),
            "threshold (min)": round(float(plan.weeks["threshold_min"].sum())),
            "easy share": round(easy_min / total_min, 3) if total_min else 0.0,
        })
    return pd.DataFrame(rows)


def goal_needs(predictions: pd.DataFrame, assessment: GoalAssessment,
               units: str = "mi") -> pd.DataFrame:
    """The shorter races now and what the goal needs them to be, as a readable table.

    One row per distance the goal check weighs (mile, 5K, 10K: the keys of
    ``assessment.required_times_s``), in order of distance.

    Parameters
    ----------
    predictions : pandas.DataFrame
        :func:`speedfirst.equivalence.race_predictions` frame (``model``,
        ``distance_m``, ``time_s``).
    assessment : speedfirst.results.GoalAssessment
        From :func:`speedfirst.equivalence.assess_goal`; its ``model`` gives
        the "now" times.
    units : {"mi", "km"}
        Unit of the paces.

    Returns
    -------
    pandas.DataFrame
        Columns ``distance``, ``now (<model>)``, ``needed for the goal``,
        ``pace now``, ``pace needed`` (text; "–" where the model predicts no
        time at that distance).
    """
    u = check_unit(units)
    mine = predictions[predictions["model"] == assessment.model]
    rows = []
    for d, needed in sorted(assessment.required_times_s.items()):
        match = mine[(mine["distance_m"] - d).abs() <= 0.5]["time_s"]
        now = float(match.iloc[0]) if len(match) else None
        rows.append({
            "distance": format_distance(d),
            f"now ({assessment.model})": format_time(now) if now is not None else "–",
            "needed for the goal": format_time(needed),
            "pace now": format_pace(now / d * METERS_PER_KM, u) if now is not None else "–",
            "pace needed": format_pace(needed / d * METERS_PER_KM, u),
        })
    return pd.DataFrame(rows)


def _needed_time(value: float) -> str:
    """A time [s] for the readiness table: "–" for none (NaN) or none that would do (inf)."""
    return "–" if math.isnan(value) or math.isinf(value) else format_time(value)


def _needed_mileage(mpw: float, units: str) -> str:
    """A weekly mileage [mi/week] for the readiness table, in ``units``."""
    if math.isnan(mpw):
        return "–"
    if math.isinf(mpw):
        return "out of reach"
    if mpw == 0.0:
        return "any"
    value = mpw if units == "mi" else mpw * METERS_PER_MILE / METERS_PER_KM
    return f"{value:.0f} {units}"


def readiness_table(readiness_frame: pd.DataFrame, units: str = "mi") -> pd.DataFrame:
    """Each model's verdict on the goal and what would make it realistic, as a readable table.

    Parameters
    ----------
    readiness_frame : pandas.DataFrame
        :func:`speedfirst.mileage.goal_readiness` frame: ``model``,
        ``predicted_time_s`` [s], ``verdict``, ``required_5k_s`` [s],
        ``required_10k_s`` [s], ``required_weekly_mi`` [mi/week].
    units : {"mi", "km"}
        Unit of the weekly mileage.

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``predicted``, ``verdict``, ``5K for realistic``,
        ``10K for realistic``, ``weekly <units> for realistic`` (text): "–"
        where a model does not apply or nothing would do, "any" when every
        mileage would, "out of reach" when none would.
    """
    u = check_unit(units)
    f = readiness_frame
    return pd.DataFrame({
        "model": [str(m) for m in f["model"]],
        "predicted": [_needed_time(float(t)) for t in f["predicted_time_s"]],
        "verdict": [str(v) for v in f["verdict"]],
        "5K for realistic": [_needed_time(float(t)) for t in f["required_5k_s"]],
        "10K for realistic": [_needed_time(float(t)) for t in f["required_10k_s"]],
        f"weekly {u} for realistic": [_needed_mileage(float(m), u)
                                      for m in f["required_weekly_mi"]],
    })
