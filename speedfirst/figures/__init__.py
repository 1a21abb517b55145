"""Plotly charts of plans, zones, goals and fitness, one function per chart.

Every function takes the library's frames (plan weeks, intensity, pace zones,
race predictions, fitness–fatigue) and returns a
:class:`plotly.graph_objects.Figure`, named ``*_chart``. Nothing is shown and
nothing is computed beyond what a chart needs for display. One module per
subject; :mod:`~speedfirst.figures.style` holds the palette, the layout
template and :func:`figure_json`, the figure as the JSON the chart widget sends.

Conventions
-----------
* ``units`` is ``"mi"`` or ``"km"`` for distances and paces; axis titles name
  the unit and pace axes show ``m:ss``.
* ``fig.layout.meta["chart"]`` names the chart; traces, shapes and
  annotations carry a ``name`` so tests (and browser tests) can find them.
"""

from speedfirst.figures.comparison import comparison_chart
from speedfirst.figures.goal import goal_chart, goal_range_chart
from speedfirst.figures.paces import pace_zones_chart
from speedfirst.figures.plan import fitness_fatigue_chart, intensity_chart, mileage_chart
from speedfirst.figures.style import (
    BASIC_TRACE_TYPES,
    DANIELS_COLOR,
    METHOD_COLORS,
    PHASE_COLORS,
    PLOTLY_BASIC_JS,
    PLOTLY_CONFIG,
    SERIES_COLORS,
    TEMPLATE,
    VERDICT_COLORS,
    ZONE_COLORS,
    figure_json,
    figure_title,
    narrow_layout_js,
    plotly_basic_version,
)
from speedfirst.figures.teaching import easy_share_chart, intensity_panels_chart, specificity_chart
from speedfirst.figures.teaching_paces import (
    offsets_chart,
    rep_volume_chart,
    speed_reserve_chart,
)

__all__ = [
    "BASIC_TRACE_TYPES",
    "DANIELS_COLOR",
    "METHOD_COLORS",
    "PHASE_COLORS",
    "PLOTLY_BASIC_JS",
    "PLOTLY_CONFIG",
    "SERIES_COLORS",
    "TEMPLATE",
    "VERDICT_COLORS",
    "ZONE_COLORS",
    "comparison_chart",
    "easy_share_chart",
    "figure_json",
    "figure_title",
    "fitness_fatigue_chart",
    "goal_chart",
    "goal_range_chart",
    "intensity_chart",
    "intensity_panels_chart",
    "mileage_chart",
    "narrow_layout_js",
    "offsets_chart",
    "pace_zones_chart",
    "plotly_basic_version",
    "rep_volume_chart",
    "specificity_chart",
    "speed_reserve_chart",
]
