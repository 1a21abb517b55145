"""The dashboard's widgets: its controls and their layout, outputs and tabs.

:class:`DashboardControls` builds them, reads the controls (validated through
the library, the errors naming the control) and sets them from a share link;
:class:`~speedfirst.widgets.dashboard.Dashboard` adds the update logic. The
CSS classes (``sf-<control>``, ``sf-error-<control>``, ``sf-chart-<output>``)
are what the page's stylesheet and the browser tests look for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias

from speedfirst.analysis.settings import (
    convert_peak,
    default_settings,
    peak_range,
    whole_number_range,
)
from speedfirst.widgets.base import share_layouts
from speedfirst.widgets.chart import Chart
from speedfirst.widgets.dashboard_text import WEEK_TABLE_NUMERIC
from speedfirst.widgets.race_time import UNSET_CSS, RaceTimeField
from speedfirst.widgets.table import Table
from speedfirst.widgets.week_view import WeekView

__all__ = ["TAB_OUTPUTS", "TAB_TITLES", "TIME_SLIDERS", "DashboardControls"]

log = logging.getLogger(__name__)

TAB_TITLES = ("Plan", "Week", "Paces", "Intensity", "Compare", "Goal", "Share & export")
TAB_OUTPUTS: tuple[tuple[str, ...], ...] = (
    ("ramp", "table"), ("week",), ("zones",), ("intensity", "fitness"), ("compare",),
    ("goal",), (),
)
"""The outputs on each tab. Only the open tab's outputs are rebuilt when a control
changes; the others are marked stale and rebuilt when their tab is opened, so a
slider drag never spends time drawing charts nobody can see."""

TIME_SLIDERS: dict[str, str] = {
    "5k": "5K time slider", "10k": "10K time slider", "mile": "Mile time slider",
    "goal": "Goal time slider",
}
"""Time boxes that have a linked slider (:class:`~speedfirst.widgets.race_time.RaceTimeField`),
with the slider's accessible label. The box stays the control (its query key and
value are what the plan and the share link use); the slider only writes into it."""


class DashboardControls:
    """The dashboard's controls, outputs and tabs, with no update logic.

    What the controls hold, their defaults and ranges, and how their values are
    checked are :mod:`speedfirst.analysis.settings`'; this class only shows them.

    The base of :class:`~speedfirst.widgets.dashboard.Dashboard`, which calls
    :meth:`_build_controls` then :meth:`_build_outputs` and owns the state
    declared below.

    Attributes
    ----------
    controls : dict of str to widget
        Query key → control.
    errors : dict of str to ipywidgets.HTML
        Query key → the error message beside its control.
    time_fields : dict of str to RaceTimeField
        The time boxes' linked sliders, by query key.
    outputs : dict of str to speedfirst.widgets.chart.Chart
        The charts, by name (keys of ``FIGURE_INPUTS``).
    table : speedfirst.widgets.table.Table
        The week table (cells updated in place).
    status, verdict, goal_table, share, downloads : ipywidgets.HTML
    prepare : ipywidgets.Button
    tabs : ipywidgets.Tab
    widget : ipywidgets.VBox
        The whole dashboard.
    """

    today: dt.date
    _syncing: bool
    """True while the code (not the viewer) sets controls: their handlers do nothing."""
    _units_seen: str
    _query_note: str

    # ------------------------------------------------------------------ widgets
    def _build_controls(self) -> None:
        style = {"description_width": "190px"}

        def text(desc: str, value: str, placeholder: str) -> W.Text:
            return W.Text(value=value, description=desc, placeholder=placeholder,
                          continuous_update=False, style=style,
                          layout=W.Layout(width="320px"))

        def slider(desc: str, key: str) -> W.IntSlider:
            lo, hi = whole_number_range(key, d["units"])
            return W.IntSlider(value=d[key], min=lo, max=hi, description=desc, style=style,
                               continuous_update=True, layout=W.Layout(width="440px"))

        d = default_settings(self.today)
        self.controls: dict[str, W.ValueWidget] = {
            "5k": text("5K time", d["5k"], "e.g. 18:08"),
            "10k": text("10K time", d["10k"], "e.g. 37:40"),
            "mile": text("Mile time", d["mile"], "e.g. 5:20"),
            "goal": text("Goal time", d["goal"], "e.g. 2:45:00"),
            "distance": W.ToggleButtons(options=[("Marathon", "marathon"), ("Half", "half")],
                                        value=d["distance"], description="Race", style=style),
            "peak": slider(f"Peak weekly mileage ({d['units']})", "peak"),
            "general": slider("General Preparation (weeks)", "general"),
            "specific": slider("Specific Preparation (weeks)", "specific"),
            "taper": slider("Taper (weeks)", "taper"),
            "race_date": W.DatePicker(value=d["race_date"], description="Race date",
                                      style=style, layout=W.Layout(width="360px")),
            "units": W.ToggleButtons(options=[("miles", "mi"), ("km", "km")], value=d["units"],
                                     description="Units", style=style),
            "runs": slider("Runs per week", "runs"),
            "hr_max": text("Max heart rate (optional)", d["hr_max"], "e.g. 185"),
            "mileage": text("Weekly mileage now (optional)", d["mileage"], "e.g. 40"),
            "method": W.ToggleButtons(options=[("Speed-first", "speed-first"),
                                               ("Traditional", "traditional")],
                                      value=d["method"], description="Plan method",
                                      style=style),
        }
        self.errors: dict[str, W.HTML] = {
            k: W.HTML(value="", layout=W.Layout(min_width="0")) for k in self.controls
        }
        for k, e in self.errors.items():
            e.add_class("sf-error")
            e.add_class(f"sf-error-{k.replace('_', '-')}")
        for k, c in self.controls.items():
            c.add_class(f"sf-{k.replace('_', '-')}")
        self.status = W.HTML(value="")
        self.status.add_class("sf-status")
        # a slider beside each time box: dragging writes the box, typing moves the slider
        self.time_fields: dict[str, RaceTimeField] = {
            k: RaceTimeField(self.controls[k],
                             self.controls["distance"].value if k == "goal" else k, label)
            for k, label in TIME_SLIDERS.items()
        }
        for k, f in self.time_fields.items():
            f.slider.add_class(f"sf-{k}-slider")
        self.controls["distance"].observe(self._on_distance, names="value")

    def _on_distance(self, change: dict[str, Any]) -> None:
        """The goal slider follows the race distance (marathon or half range)."""
        try:
            self.time_fields["goal"].set_range(str(change["new"]))
        except Exception:  # the plan update reports a bad distance; never a traceback
            log.exception("goal slider could not follow the race distance")

    def _row(self, *keys: str) -> W.Widget:
        def line(k: str) -> W.Widget:
            slider = [self.time_fields[k].slider] if k in self.time_fields else []
            return W.HBox([self.controls[k], *slider, self.errors[k]])

        return W.VBox([line(k) for k in keys])

    def _build_outputs(self) -> None:
        self.outputs: dict[str, Chart] = {
            k: Chart(layout=W.Layout(min_height="420px"))
            for k in ("ramp", "intensity", "zones", "compare", "goal", "fitness")
        }
        for k, o in self.outputs.items():
            o.add_class(f"sf-chart-{k}")
        self.table = Table(table_class="sf-weeks",  # cells updated in place on each move
                           numeric=list(WEEK_TABLE_NUMERIC))
        self.table.add_class("sf-table")
        self.verdict = W.HTML(value="")
        self.verdict.add_class("sf-verdict")
        self.goal_table = W.HTML(value="")
        self.goal_table.add_class("sf-goal-table")
        self.share = W.HTML(value="")
        self.share.add_class("sf-share")
        self.downloads = W.HTML(value="")
        self.downloads.add_class("sf-downloads")
        self.prepare = W.Button(description="Prepare downloads", icon="")
        self.prepare.add_class("sf-prepare")
        self._week_view: WeekView | None = None
        self._week_box = W.VBox([])  # the Week tab's widgets are built when first shown

        def section(title: str, *items: W.Widget) -> W.Widget:
            return W.VBox([W.HTML(f"<h3>{title}</h3>"), *items])

        controls = W.HBox([
            section("Your races and goal",
                    self._row("5k", "10k", "mile", "goal", "distance", "hr_max", "mileage")),
            section("Training choices",
                    self._row("race_date", "peak", "general", "specific", "taper", "runs",
                              "units", "method")),
        ], layout=W.Layout(flex_flow="row wrap", grid_gap="24px"))
        self.tabs = W.Tab(children=[
            W.VBox([self.outputs["ramp"], self.table]),
            self._week_box,
            W.VBox([self.outputs["zones"]]),
            W.VBox([self.outputs["intensity"], self.outputs["fitness"]]),
            W.VBox([self.outputs["compare"]]),
            W.VBox([self.verdict, self.outputs["goal"], self.goal_table]),
            W.VBox([self.share, self.prepare, self.downloads]),
        ])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.widget = W.VBox([W.HTML(UNSET_CSS), controls, self.status, self.tabs])
        self.widget.add_class("sf-dashboard")
        share_layouts(self.widget)

    @property
    def week_view(self) -> WeekView:
        """The Week tab's view, built (and put in its tab) on first use.

        Its two dozen widget models would otherwise be fetched by every page
        load, although most viewers never open the tab.
        """
        if self._week_view is None:
            self._week_view = WeekView()
            self._week_box.children = [self._week_view.widget]
        return self._week_view

    def visible_outputs(self) -> tuple[str, ...]:
        """Names of the outputs on the open tab."""
        return TAB_OUTPUTS[self.tabs.selected_index or 0]

    # ------------------------------------------------------------------ reading
    def values(self) -> dict[str, Any]:
        """Current control values by query key."""
        return {k: w.value for k, w in self.controls.items()}

    # ------------------------------------------------------------------ setting
    def _set_values(self, values: Mapping[str, Any]) -> None:
        """Set every control to ``values`` without triggering updates.

        The peak slider's range follows ``values["units"]`` first, so the peak
        is set in its own units.
        """
        self._sync_peak_units(values["units"], convert=False)
        self._syncing = True
        try:
            for key, value in values.items():
                self.controls[key].value = value
        finally:
            self._syncing = False

    def _sync_peak_units(self, units: str, convert: bool) -> None:
        """Switch the peak slider between miles and km (keeping the distance if ``convert``)."""
        s = self.controls["peak"]
        lo, hi = peak_range(units)
        self._syncing = True
        try:
            # widen first so neither bound clips the value on the way
            s.min, s.max = 0, 1000
            s.value = convert_peak(s.value, units, convert=convert)
            s.min, s.max = lo, hi
            s.description = f"Peak weekly mileage ({units})"
        finally:
            self._syncing = False
        self._units_seen = units
