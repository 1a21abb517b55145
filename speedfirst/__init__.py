"""speedfirst: explore the speed-first method of marathon training.

The top-level package re-exports the public API. It imports pandas but never
plotly or ipywidgets: those load only with :mod:`speedfirst.figures` and
:mod:`speedfirst.widgets.dashboard`.
"""

from speedfirst.equivalence import MODELS, equivalent_time, vdot
from speedfirst.errors import InputError
from speedfirst.io import from_json, to_csv, to_ics, to_json
from speedfirst.limits import parse_race
from speedfirst.mileage import assess_goal, goal_readiness, race_predictions
from speedfirst.plan import Plan, PlanInputs, build_plan
from speedfirst.results import GoalAssessment, RaceResult
from speedfirst.text import (
    format_distance,
    format_pace,
    format_time,
    parse_distance,
    parse_pace,
    parse_time,
)
from speedfirst.training_load import fitness_fatigue, intensity_distribution, phase_summary
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE
from speedfirst.version import __version__ as __version__
from speedfirst.zones import daniels_paces, pace_zones

build_plan_from_json = from_json
"""Rebuild a plan from :func:`to_json` text (alias of :func:`speedfirst.io.json.from_json`)."""

__all__ = [
    "HALF_MARATHON_M",
    "MARATHON_M",
    "METERS_PER_MILE",
    "MODELS",
    "GoalAssessment",
    "InputError",
    "Plan",
    "PlanInputs",
    "RaceResult",
    "assess_goal",
    "build_plan",
    "build_plan_from_json",
    "daniels_paces",
    "equivalent_time",
    "fitness_fatigue",
    "format_distance",
    "format_pace",
    "format_time",
    "from_json",
    "goal_readiness",
    "intensity_distribution",
    "pace_zones",
    "parse_distance",
    "parse_pace",
    "parse_race",
    "parse_time",
    "phase_summary",
    "race_predictions",
    "to_csv",
    "to_ics",
    "to_json",
    "vdot",
]
