"""speedfirst: explore the speed-first method of marathon training.

The top-level package re-exports the public API. It imports pandas but never
plotly or ipywidgets: those load only with :mod:`speedfirst.figures` and
:mod:`speedfirst.dashboard`.
"""

from speedfirst.equivalence import (
    MODELS,
    assess_goal,
    equivalent_time,
    race_predictions,
    vdot,
)
from speedfirst.errors import InputError
from speedfirst.models import GoalAssessment, RaceResult
from speedfirst.parsing import (
    format_distance,
    format_pace,
    format_time,
    parse_distance,
    parse_pace,
    parse_race,
    parse_time,
)
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE
from speedfirst.zones import daniels_paces, pace_zones

__version__ = "0.1.0"

__all__ = [
    "HALF_MARATHON_M",
    "MARATHON_M",
    "METERS_PER_MILE",
    "MODELS",
    "GoalAssessment",
    "InputError",
    "RaceResult",
    "assess_goal",
    "daniels_paces",
    "equivalent_time",
    "format_distance",
    "format_pace",
    "format_time",
    "pace_zones",
    "parse_distance",
    "parse_pace",
    "parse_race",
    "parse_time",
    "race_predictions",
    "vdot",
]
