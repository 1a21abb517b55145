"""Pure frames behind the lessons and comparisons: plans in, tidy tables out.

Everything here is plain computation over the library (plans, zones, race
equivalence, critical speed): no widgets and no plotly, so the lessons'
widgets (:mod:`speedfirst.widgets.lessons`), the notebooks and the tests all
read the same numbers. The one week table of the project is :func:`week_table`.

* :mod:`~speedfirst.analysis.inputs` — checked lesson inputs and default dates;
* :mod:`~speedfirst.analysis.lessons` — the lessons' frames, one per lesson;
* :mod:`~speedfirst.analysis.plans` — tables of a runner's own plans and goal (explore,
  the dashboard's Goal tab);
* :mod:`~speedfirst.analysis.settings` — the dashboard's settings and share links;
* :mod:`~speedfirst.analysis.weeks` — one week day by day, the plan as a calendar.
"""

from speedfirst.analysis.inputs import default_race_date, five_k_time, lesson_dates, whole_number
from speedfirst.analysis.lessons import (
    FIVE_K_RANGE_S,
    LESSON_RACES,
    METHOD_NAMES,
    OFFSET_COLUMNS,
    PLAN_WEEKS,
    RECOVERY_MODES,
    WORKED_CASE,
    easy_share_frame,
    method_pair,
    offsets_vs_daniels,
    phase_split,
    rep_volume_frame,
    specificity_frame,
    speed_reserve_frame,
    taper_plan,
)
from speedfirst.analysis.plans import (
    compare_plans,
    goal_needs,
    model_disagreement,
    plan_kwargs,
    readiness_table,
    week_table,
)
from speedfirst.analysis.weeks import WEEK_DAY_COLUMNS, plan_calendar, week_days

__all__ = [
    "FIVE_K_RANGE_S",
    "LESSON_RACES",
    "METHOD_NAMES",
    "OFFSET_COLUMNS",
    "PLAN_WEEKS",
    "RECOVERY_MODES",
    "WEEK_DAY_COLUMNS",
    "WORKED_CASE",
    "compare_plans",
    "default_race_date",
    "easy_share_frame",
    "five_k_time",
    "goal_needs",
    "lesson_dates",
    "method_pair",
    "model_disagreement",
    "offsets_vs_daniels",
    "phase_split",
    "plan_calendar",
    "plan_kwargs",
    "readiness_table",
    "rep_volume_frame",
    "specificity_frame",
    "speed_reserve_frame",
    "taper_plan",
    "week_days",
    "week_table",
    "whole_number",
]
