"""The dashboard: one controller that owns every control and figure output.

The notebook ``dashboard.ipynb`` only creates :class:`Dashboard`
and displays it; Voila serves that notebook. Everything the viewer enters goes
through the library (parsers, :func:`~speedfirst.plan.build_plan`), so bad
input is caught there and shown beside its field while the charts keep the
last valid plan.

Design notes (measured on Voila 0.5 / ipywidgets 8 / plotly 7):

* each figure is a :class:`~speedfirst.widgets.chart.Chart` whose page side
  redraws in place with ``Plotly.react`` (a new figure through an ``Output``
  widget cost 3-5 times as much in the browser; displaying into an ``Output``
  while the notebook runs can hang Voila page loads);
* each figure lists the controls it depends on and is rebuilt only when one
  of them changed;
* changes are throttled on the kernel's event loop: a change after a quiet
  spell is computed at once (a key press or a click waits for nothing), and
  the changes of a fast drag that follow it within ``debounce_s`` are
  gathered into one more update with the latest state;
* the last few plans are kept by their inputs (with the intensity and
  fitness tables derived from each), so switching the method or going back
  to a value seen a moment ago rebuilds nothing; ``make bench`` times every
  control against the budget (median under 50 ms, p95 under 100 ms);
* widget values are client-controlled, so every value is validated again by
  the library, never trusted from widget bounds;
* callbacks catch every exception and show a short message: a traceback must
  never reach a viewer;
* every race-time and goal box has a linked slider
  (:mod:`speedfirst.widgets.race_time`): the box stays the control, so the plan
  and the share link read the same text whichever was moved;
* the Week tab (:mod:`speedfirst.widgets.week_view`) shows one week day by day
  and a calendar of the plan, from the sessions frame; it is rebuilt like a
  chart (only when its inputs changed and its tab is open).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
import weakref
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from speedfirst import downloads, figures, training_load
from speedfirst.analysis import readiness_table
from speedfirst.analysis.settings import (
    CONTROL_FOR_KEYWORD,
    PLAN_KEYS,
    encode_query,
    first_plan,
    mileage_now_mi,
    plan_keywords,
    settings_from_query,
)
from speedfirst.equivalence import vdot
from speedfirst.errors import InputError
from speedfirst.mileage import goal_readiness, mileage_message
from speedfirst.plan import Plan, build_plan
from speedfirst.report import table_html
from speedfirst.units import METERS_PER_MILE
from speedfirst.widgets.base import error_html
from speedfirst.widgets.dashboard_controls import (
    TAB_OUTPUTS,
    TAB_TITLES,
    TIME_SLIDERS,
    DashboardControls,
)
from speedfirst.widgets.dashboard_text import (
    CALLBACK_FAILED,
    FIX_FIELD_NOTE,
    downloads_html,
    link_notes_html,
    share_html,
    status_html,
    verdict_html,
    week_table,
)
from speedfirst.widgets.request import query_string
from speedfirst.zones import daniels_paces

__all__ = ["FIGURE_INPUTS", "PLAN_KEYS", "TAB_OUTPUTS", "TAB_TITLES", "TIME_SLIDERS", "Dashboard"]

log = logging.getLogger(__name__)

FIGURE_INPUTS: dict[str, tuple[str, ...]] = {
    "ramp": PLAN_KEYS,
    "intensity": PLAN_KEYS,
    "fitness": PLAN_KEYS,
    "table": PLAN_KEYS,
    "week": PLAN_KEYS,
    "compare": tuple(k for k in PLAN_KEYS if k not in ("method", "hr_max")),
    "zones": ("5k", "10k", "mile", "goal", "distance", "hr_max", "units"),
    "goal": ("5k", "10k", "mile", "goal", "distance", "units", "mileage", "peak"),
}
"""Which controls each output depends on: only those outputs are refreshed."""


def _rows(frame: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A readable table's headers and rows, for :func:`speedfirst.report.table_html`."""
    return list(frame.columns), list(frame.itertuples(index=False, name=None))


class Dashboard(DashboardControls):
    """Controls, outputs and the update logic of the speedfirst dashboard.

    The widgets, and reading and setting the controls, come from
    :class:`~speedfirst.widgets.dashboard_controls.DashboardControls`; this
    class owns the state and recomputes the plan and the open tab's outputs.

    Parameters
    ----------
    query : str
        A query string with initial values (e.g. from a share link).
    today : date, optional
        Today's date (tests pin it).
    debounce_s : float, optional
        Changes that follow an update within this time are gathered into one
        update at its end [s]; ``None`` picks 0.03 s when an event loop is
        running (a kernel) and 0 otherwise. A change after a quiet spell is
        computed at once.
    """

    def __init__(self, query: str = "", *, today: dt.date | None = None,
                 debounce_s: float | None = None) -> None:
        self.today = today or dt.date.today()
        self.debounce_s = debounce_s
        self.plan: Plan | None = None
        self.compare_plan: Plan | None = None
        # recent plans by their inputs, and what is derived from each: switching the
        # method, or back to a value seen a moment ago, rebuilds nothing
        self._plans: dict[tuple[Any, ...], Plan] = {}
        self._derived: weakref.WeakKeyDictionary[Plan, dict[str, Any]] = (
            weakref.WeakKeyDictionary())
        self._last: dict[str, Any] = {}
        self._pending: set[str] = set()
        self._handle: asyncio.TimerHandle | None = None
        self._last_flush = -math.inf  # event-loop time of the last update [s]
        self.refreshed: dict[str, int] = dict.fromkeys(FIGURE_INPUTS, 0)
        self._syncing = False
        self._units_seen = "mi"
        self._dirty: set[str] = set()
        self._stale: set[str] = set()
        self._query_note = ""
        self._status_body = ""
        self._mileage_note = ""
        self._build_controls()
        self._build_outputs()
        self.prepare.on_click(self._safe(self._prepare_downloads))
        # a link's values that make no plan go back to their defaults, and the
        # status line says which (the read-only view reads a link the same way)
        link = settings_from_query(query, self.today)
        first = first_plan(link.values, self.today)
        self._set_values(first.values)
        self._query_note = link_notes_html(link.invalid, link.ignored, first.rejected)
        if first.plan is not None:  # built once: the first update takes it from the cache
            self._plans[self._plan_key(plan_keywords(first.values, self.today))] = first.plan
        self._update(set(PLAN_KEYS))
        for key, widget in self.controls.items():
            widget.observe(self._make_handler(key), names="value")
        self.tabs.observe(self._on_tab, names="selected_index")

    @classmethod
    def from_request(cls, **kwargs: Any) -> Dashboard:
        """A dashboard set from the page's query string (a share link).

        Under Voila with pre-heated kernels this waits for the viewer's request
        (:func:`speedfirst.widgets.request.query_string`, which does what
        ``voila.utils.get_query_string`` does without importing Voila into the
        kernel); elsewhere (JupyterLab, nbval) there is no query string and the
        defaults are used.
        """
        query = query_string()
        return cls(query, **kwargs)

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in Voila
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ state
    def _make_handler(self, key: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            if self._syncing:
                return
            self._pending.add(key)
            self._schedule()

        return handler

    def _schedule(self) -> None:
        delay = self.debounce_s
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if delay is None:
            delay = 0.03 if loop is not None else 0.0
        if loop is None or delay <= 0:
            self._flush()
            return
        if self._handle is not None:  # an update is already due: it takes this change too
            return
        wait = self._last_flush + delay - loop.time()
        if wait <= 0:  # after a quiet spell: at once
            self._flush()
        else:  # during a drag: once, at the end of the window, with the latest values
            self._handle = loop.call_later(wait, self._flush)

    def _flush(self) -> None:
        self._handle = None
        changed, self._pending = self._pending, set()
        if changed:
            self._update(changed)
        with contextlib.suppress(RuntimeError):  # no loop: no throttling either
            self._last_flush = asyncio.get_running_loop().time()

    # ------------------------------------------------------------------ update
    _PLAN_CACHE_SIZE: ClassVar[int] = 6

    @staticmethod
    def _plan_key(kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple((k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
                     for k, v in sorted(kwargs.items()))

    def _plan_for(self, kwargs: Mapping[str, Any]) -> Plan:
        """``build_plan(**kwargs)``, reusing one of the last few plans built."""
        key = self._plan_key(kwargs)
        plan = self._plans.pop(key, None)
        if plan is None:
            plan = build_plan(**kwargs)
        self._plans[key] = plan  # most recently used last
        while len(self._plans) > self._PLAN_CACHE_SIZE:
            del self._plans[next(iter(self._plans))]
        return plan

    def _goal_outputs(self, plan: Plan, units: str) -> tuple[Any, str]:
        """The Goal tab: every model's prediction as a range against the goal, and the
        table of what would make the goal realistic under each.

        The mileage the Vickers model is given is the 'weekly mileage now' box, or
        the plan's peak when it is empty; the verdict line says which.
        """
        races = dict(plan.inputs.races)
        now_mi = mileage_now_mi(self.controls["mileage"].value, units)
        peak_mi = plan.inputs.peak_km * 1000.0 / METERS_PER_MILE
        frame = goal_readiness(races, plan.inputs.race_m, plan.goal.goal_time_s,
                               now_mi if now_mi is not None else peak_mi)
        self._mileage_note = (
            mileage_message(races, plan.goal.goal_time_s, now_mi,
                            peak_mi if abs(peak_mi - now_mi) > 0.5 else None)
            if now_mi is not None and plan.inputs.race_distance == "marathon" else "")
        return (figures.goal_range_chart(frame, plan.goal.goal_time_s, units=units),
                table_html(*_rows(readiness_table(frame, units)), cls="sf-readiness"))

    def _derive(self, plan: Plan, name: str, fn: Callable[[Plan], Any]) -> Any:
        """``fn(plan)``, computed once per plan."""
        memo = self._derived.setdefault(plan, {})
        if name not in memo:
            memo[name] = fn(plan)
        return memo[name]

    def _show_error(self, exc: InputError) -> None:
        key = exc.field if exc.field in self.controls else CONTROL_FOR_KEYWORD.get(exc.field or "")
        for k, e in self.errors.items():
            e.value = error_html(str(exc)) if k == key else ""
        if key is None:
            self.status.value = error_html(str(exc))
        else:
            self.status.value = FIX_FIELD_NOTE

    def _clear_errors(self) -> None:
        for e in self.errors.values():
            e.value = ""

    def _safe(self, fn: Callable[..., None]) -> Callable[..., None]:
        def wrapped(*args: Any) -> None:
            try:
                fn(*args)
            except InputError as exc:
                self._show_error(exc)
            except Exception:  # never show a traceback to a viewer
                log.exception("dashboard callback failed")
                self.status.value = error_html(CALLBACK_FAILED)

        return wrapped

    def _update(self, changed: set[str],
                force: set[str] | frozenset[str] = frozenset()) -> None:
        try:
            self._recompute(changed, force)
        except InputError as exc:
            self._show_error(exc)
        except Exception:  # never show a traceback to a viewer
            log.exception("dashboard update failed")
            self.status.value = error_html(CALLBACK_FAILED)

    def _on_tab(self, _change: dict[str, Any]) -> None:
        todo = self._stale & set(self.visible_outputs())
        if todo:
            self._update(set(), force=todo)

    def _recompute(self, changed: set[str], force: set[str] | frozenset[str] = frozenset()
                   ) -> None:
        # changes that failed earlier still need their figures refreshed
        self._dirty |= changed
        changed = set(self._dirty)
        units = self.controls["units"].value
        if units != self._units_seen:
            self._sync_peak_units(units, convert=True)
        kwargs = plan_keywords(self.values(), self.today)
        plan = self._plan_for(kwargs)
        other = "traditional" if kwargs["method"] == "speed-first" else "speed-first"
        need = {name for name, deps in FIGURE_INPUTS.items() if changed & set(deps)}
        need |= set(force)
        visible = set(self.visible_outputs())
        stale = (self._stale | need) - visible
        need &= visible
        compare = (self._plan_for({**kwargs, "method": other}) if "compare" in need
                   else self.compare_plan)
        # build every figure first, then swap them in: a failure leaves the old ones
        new: dict[str, Any] = {}
        # derived only for the outputs that show it: the Plan tab's slider moves skip it
        intensity = (self._derive(plan, "intensity", training_load.intensity_distribution)
                     if need & {"intensity", "compare"} else None)
        if "ramp" in need:
            new["ramp"] = figures.mileage_chart(plan.weeks, units=units,
                                               peak=kwargs["peak_weekly"])
        if "intensity" in need:
            new["intensity"] = figures.intensity_chart(intensity, share=True)
        if "fitness" in need:
            new["fitness"] = figures.fitness_fatigue_chart(
                self._derive(plan, "fitness", training_load.fitness_fatigue),
                race_date=plan.inputs.race_date)
        if "zones" in need:
            best = plan.goal.based_on
            new["zones"] = figures.pace_zones_chart(
                plan.zones, daniels=daniels_paces(min(max(vdot(best.distance_m, best.time_s),
                                                          20.0), 90.0)), units=units)
        goal_table = None
        if "goal" in need:
            new["goal"], goal_table = self._goal_outputs(plan, units)
        if "compare" in need and compare is not None:
            sf, tr = (plan, compare) if kwargs["method"] == "speed-first" else (compare, plan)
            other_intensity = self._derive(compare, "intensity",
                                           training_load.intensity_distribution)
            sf_i, tr_i = ((intensity, other_intensity) if sf is plan
                          else (other_intensity, intensity))
            new["compare"] = figures.comparison_chart(
                sf.weeks, tr.weeks, sf_i, tr_i, names=("speed-first", "traditional"),
                units=units)
        table = week_table(plan, units) if "table" in need else None
        # swap in
        for name, fig in new.items():
            self.outputs[name].show(fig)
            self.refreshed[name] += 1
        if table is not None:
            self.table.show(*table)
            self.refreshed["table"] += 1
        if goal_table is not None:
            self.goal_table.value = goal_table
        if "week" in need:  # the Week tab: HTML from the sessions frame
            self.week_view.show(plan, units)
            self.refreshed["week"] += 1
        self.plan, self.compare_plan = plan, compare
        self._stale = stale
        self._dirty.clear()
        self._clear_errors()
        self.verdict.value = verdict_html(plan, self._mileage_note)
        self._status_body = status_html(plan)
        self.status.value = self._query_note + self._status_body
        self.share.value = share_html(self.query_string())
        self.downloads.value = ""

    # ------------------------------------------------------------------ share/export
    def query_string(self) -> str:
        """The current state as a query string for a share link."""
        return encode_query(self.values())

    def _prepare_downloads(self, _button: Any = None) -> None:
        if self.plan is None:
            return
        self.downloads.value = downloads_html(downloads.to_bytes(self.plan))
