"""The plan engine: a dated training plan a coach would sign.

The package's modules are the steps, in order:

* :mod:`~speedfirst.plan.inputs` — the runner's choices, checked;
* :mod:`~speedfirst.plan.volumes` — cycles over the weeks, each week's volume
  (counted back from race day, cut-back weeks, taper);
* :mod:`~speedfirst.plan.days` — which day holds which kind of run;
* :mod:`~speedfirst.plan.sessions` — each session's prescription and text;
* :mod:`~speedfirst.plan.week` — one week sized so it keeps every rule;
* :mod:`~speedfirst.plan.model` — the :class:`Plan` object and its tables;
* :mod:`~speedfirst.plan.build` — :func:`build_plan` ties the steps together;
* :mod:`~speedfirst.plan.rules` and :mod:`~speedfirst.plan.check` — the
  coaching rules as named numbers with sources, and :func:`check_plan`, which
  audits any plan against them.
"""

from speedfirst.plan.build import build_plan, trained_goal_time
from speedfirst.plan.check import RULE_NAMES, Finding, check_plan
from speedfirst.plan.inputs import (
    LIMITS,
    PEAK_MI_RANGE,
    RACE_DISTANCES_M,
    WEEKDAYS,
    PlanInputs,
)
from speedfirst.plan.model import SESSION_COLUMNS, WEEK_COLUMNS, Plan
from speedfirst.plan.rules import RULES, CoachingRules

__all__ = [
    "LIMITS",
    "PEAK_MI_RANGE",
    "RACE_DISTANCES_M",
    "RULES",
    "RULE_NAMES",
    "SESSION_COLUMNS",
    "WEEKDAYS",
    "WEEK_COLUMNS",
    "CoachingRules",
    "Finding",
    "Plan",
    "PlanInputs",
    "build_plan",
    "check_plan",
    "trained_goal_time",
]
