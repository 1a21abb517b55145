"""The dashboard: one controller that owns every control and figure output.

The notebook ``dashboard.ipynb`` only creates :class:`Dashboard`
and displays it; Voila serves that notebook. Everything the viewer enters goes
through the library (parsers, :func:`~speedfirst.plan.build_plan`), so bad
input is caught there and shown beside its field while the charts keep the
last valid plan.

Design notes (measured on Voila 0.5 / ipywidgets 8 / plotly 7):

* figures are shown by assigning their mime bundle to ``Output.outputs``;
  displaying into an ``Output`` while the notebook runs can hang Voila page
  loads;
* each figure lists the controls it depends on and is rebuilt only when one
  of them changed;
* slider moves are debounced on the kernel's event loop so a fast drag
  computes only the latest state;
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
import base64
import datetime as dt
import html
import logging
import math
import weakref
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import ipywidgets as W  # noqa: N812 - the conventional alias

from speedfirst import downloads, figures, training_load
from speedfirst.analysis import default_race_date
from speedfirst.equivalence import vdot
from speedfirst.errors import InputError
from speedfirst.limits import check_hr_max, check_race_time
from speedfirst.mileage import goal_readiness, mileage_message, weekly_mileage_mi
from speedfirst.plan import LIMITS, PEAK_MI_RANGE, Plan, build_plan
from speedfirst.text import parse_time
from speedfirst.units import METERS_PER_MILE
from speedfirst.widgets.base import bundle_output, error_html, share_layouts
from speedfirst.widgets.race_time import UNSET_CSS, RaceTimeField
from speedfirst.widgets.share_link import (
    CONTROL_FOR_KEYWORD,
    PLAN_KEYS,
    RACE_FIELDS,
    encode_query,
    parse_query,
)
from speedfirst.widgets.week_view import WeekView
from speedfirst.zones import daniels_paces

__all__ = ["FIGURE_INPUTS", "TIME_SLIDERS", "Dashboard", "parse_query"]

log = logging.getLogger(__name__)

CALLBACK_FAILED = "Something went wrong with that change; the last valid plan is shown."

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


def _week_table_html(plan: Plan, units: str) -> str:
    """The week table as plain HTML (readable without hovering)."""
    # plain lists, not itertuples/groupby: this runs on every slider move
    keys = {week: " · ".join(t) for week, t in plan.key_session_titles().items()}
    w = plan.weeks
    dist_col = "distance_mi" if units == "mi" else "distance_km"
    rows = []
    for week, start, phase, cycle, emphasis, dist, long_km in zip(
            w["week"].tolist(), w["start_date"].tolist(), w["phase"].tolist(),
            w["cycle"].tolist(), w["emphasis"].tolist(), w[dist_col].tolist(),
            w["long_run_km"].tolist(), strict=True):
        long_run = long_km if units == "km" else long_km * 1000 / METERS_PER_MILE
        rows.append(
            "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in (
                week, start.strftime("%d %b %Y"), phase, cycle, emphasis,
                f"{dist:.1f}", f"{long_run:.1f}", keys.get(week, "—"),
            )) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in (
        "Week", "Starts", "Phase", "Cycle", "Emphasis", f"Distance ({units})",
        f"Long run ({units})", "Key sessions"))
    return (f'<table class="sf-weeks"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


WATCH_NOTE = (
    '<p class="sf-note sf-watch-note"><b>Workouts on the watch.</b> '
    "<code>.workouts.zip</code> holds one FIT workout per key session and long run: "
    "unzip it and copy the <code>.fit</code> files to the watch's "
    "<code>GARMIN/NEWFILES</code> folder over USB (Garmin Connect's web upload "
    "does not take workout files). <code>.workouts.txt</code> holds the same sessions "
    "as intervals.icu text: paste a block into a new intervals.icu workout.</p>")
"""Shown under the download links: how the workout files reach a watch."""


class Dashboard:
    """Controls, outputs and the update logic of the speedfirst dashboard.

    Parameters
    ----------
    query : str
        A query string with initial values (e.g. from a share link).
    today : date, optional
        Today's date (tests pin it).
    debounce_s : float, optional
        Delay before recomputing after a change [s]; ``None`` picks 0.03 s
        when an event loop is running (a kernel) and 0 otherwise.
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
        self.refreshed: dict[str, int] = dict.fromkeys(FIGURE_INPUTS, 0)
        self._syncing = False
        self._units_seen = "mi"
        self._dirty: set[str] = set()
        self._stale: set[str] = set()
        self._query_note = ""
        self._status_body = ""
        self._build_controls()
        self._build_outputs()
        self._defaults = self.values()
        values, ignored = parse_query(query)
        self._apply_query(values, ignored)
        self._update(set(PLAN_KEYS), first=True)
        for key, widget in self.controls.items():
            widget.observe(self._make_handler(key), names="value")
        self.tabs.observe(self._on_tab, names="selected_index")

    # ------------------------------------------------------------------ widgets
    def _build_controls(self) -> None:
        style = {"description_width": "190px"}

        def text(desc: str, value: str, placeholder: str) -> W.Text:
            return W.Text(value=value, description=desc, placeholder=placeholder,
                          continuous_update=False, style=style,
                          layout=W.Layout(width="320px"))

        def slider(desc: str, value: int, lo: int, hi: int) -> W.IntSlider:
            return W.IntSlider(value=value, min=lo, max=hi, description=desc, style=style,
                               continuous_update=True, layout=W.Layout(width="440px"))

        self.controls: dict[str, W.ValueWidget] = {
            "5k": text("5K time", "18:08", "e.g. 18:08"),
            "10k": text("10K time", "", "e.g. 37:40"),
            "mile": text("Mile time", "", "e.g. 5:20"),
            "goal": text("Goal time", "2:45:00", "e.g. 2:45:00"),
            "distance": W.ToggleButtons(options=[("Marathon", "marathon"), ("Half", "half")],
                                        value="marathon", description="Race", style=style),
            "peak": slider("Peak weekly mileage (mi)", 55, 10, 200),
            "general": slider("General Preparation (weeks)", 8, *LIMITS["general_weeks"]),
            "specific": slider("Specific Preparation (weeks)", 10, *LIMITS["specific_weeks"]),
            "taper": slider("Taper (weeks)", 3, *LIMITS["taper_weeks"]),
            "race_date": W.DatePicker(value=default_race_date(self.today, weeks_ahead=24),
                                      description="Race date", style=style,
                                      layout=W.Layout(width="360px")),
            "units": W.ToggleButtons(options=[("miles", "mi"), ("km", "km")], value="mi",
                                     description="Units", style=style),
            "runs": slider("Runs per week", 6, *LIMITS["runs_per_week"]),
            "hr_max": text("Max heart rate (optional)", "", "e.g. 185"),
            "mileage": text("Weekly mileage now (optional)", "", "e.g. 40"),
            "method": W.ToggleButtons(options=[("Speed-first", "speed-first"),
                                               ("Traditional", "traditional")],
                                      value="speed-first", description="Plan method",
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
        self.outputs: dict[str, W.Output] = {
            k: W.Output(layout=W.Layout(min_height="420px"))
            for k in ("ramp", "intensity", "zones", "compare", "goal", "fitness")
        }
        for k, o in self.outputs.items():
            o.add_class(f"sf-chart-{k}")
        self.table = W.HTML(value="")
        self.table.add_class("sf-table")
        self.verdict = W.HTML(value="")
        self._mileage_note = ""
        self.verdict.add_class("sf-verdict")
        self.share = W.HTML(value="")
        self.share.add_class("sf-share")
        self.downloads = W.HTML(value="")
        self.downloads.add_class("sf-downloads")
        self.prepare = W.Button(description="Prepare downloads", icon="")
        self.prepare.add_class("sf-prepare")
        self.prepare.on_click(self._safe(self._prepare_downloads))
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
            W.VBox([self.verdict, self.outputs["goal"]]),
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

    @classmethod
    def from_request(cls, **kwargs: Any) -> Dashboard:
        """A dashboard set from the page's query string (a share link).

        Under Voila with pre-heated kernels this waits for the viewer's request
        (:func:`voila.utils.get_query_string`); elsewhere (JupyterLab, nbval)
        there is no query string and the defaults are used.
        """
        query = ""
        try:
            from voila.utils import get_query_string

            query = get_query_string() or ""
        except Exception:  # not under Voila, or no request info: use defaults
            log.debug("no query string available", exc_info=True)
        return cls(query, **kwargs)

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in Voila
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ state
    def _apply_query(self, values: Mapping[str, str], ignored: list[str]) -> None:
        notes = []
        if values.get("units") in ("mi", "km"):
            self.controls["units"].value = values["units"]
            self._sync_peak_units(values["units"], convert=values["units"] != "mi")
        for key, text in values.items():
            if key == "units":
                continue
            w = self.controls[key]
            try:
                if isinstance(w, W.IntSlider):
                    v = int(text)
                    if not w.min <= v <= w.max:
                        raise ValueError
                    w.value = v
                elif isinstance(w, W.DatePicker):
                    w.value = dt.date.fromisoformat(text)
                elif isinstance(w, W.ToggleButtons):
                    allowed = [o[1] for o in w.options]
                    if text not in allowed:
                        raise ValueError
                    w.value = text
                else:
                    w.value = text
            except (ValueError, TypeError):
                notes.append(key)
        parts = []
        if notes:
            parts.append("values not valid for " + ", ".join(notes))
        unknown = [i for i in ignored if not i.endswith("more parameters")]
        overflow = [i for i in ignored if i.endswith("more parameters")]
        if unknown:
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            parts.append("unknown or repeated " + ", ".join(unknown[:5]) + more)
        parts += overflow
        if parts:
            text = html.escape("; ".join(parts))
            self._query_note = f'<p class="sf-note sf-ignored">Ignored from the link: {text}.</p>'

    def values(self) -> dict[str, Any]:
        """Current control values by query key."""
        return {k: w.value for k, w in self.controls.items()}

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
        if self._handle is not None:
            self._handle.cancel()
        self._handle = loop.call_later(delay, self._flush)

    def _flush(self) -> None:
        self._handle = None
        changed, self._pending = self._pending, set()
        if changed:
            self._update(changed)

    # ------------------------------------------------------------------ update
    _PLAN_CACHE_SIZE: ClassVar[int] = 6

    def _plan_for(self, kwargs: Mapping[str, Any]) -> Plan:
        """``build_plan(**kwargs)``, reusing one of the last few plans built."""
        key = tuple((k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
                    for k, v in sorted(kwargs.items()))
        plan = self._plans.pop(key, None)
        if plan is None:
            plan = build_plan(**kwargs)
        self._plans[key] = plan  # most recently used last
        while len(self._plans) > self._PLAN_CACHE_SIZE:
            del self._plans[next(iter(self._plans))]
        return plan

    def _mileage_mi(self, units: str) -> float | None:
        """The 'weekly mileage now' box in miles, None when empty (InputError if bad)."""
        text = str(self.controls["mileage"].value or "").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"weekly mileage must be a number of {units} a week such as 40, "
                             f"got {text!r}", field="mileage") from None
        try:
            return weekly_mileage_mi(value, units)
        except InputError as exc:
            raise InputError(str(exc), field="mileage") from None

    def _goal_figure(self, plan: Plan, units: str) -> Any:
        """The Goal tab: every model's prediction as a range against the goal.

        The mileage the Vickers model is given is the 'weekly mileage now' box, or
        the plan's peak when it is empty; the verdict line says which.
        """
        races = dict(plan.inputs.races)
        now_mi = self._mileage_mi(units)
        peak_mi = plan.inputs.peak_km * 1000.0 / METERS_PER_MILE
        frame = goal_readiness(races, plan.inputs.race_m, plan.goal.goal_time_s,
                               now_mi if now_mi is not None else peak_mi)
        self._mileage_note = (
            mileage_message(races, plan.goal.goal_time_s, now_mi,
                            peak_mi if abs(peak_mi - now_mi) > 0.5 else None)
            if now_mi is not None and plan.inputs.race_distance == "marathon" else "")
        return figures.goal_range_chart(frame, plan.goal.goal_time_s, units=units)

    def _derive(self, plan: Plan, name: str, fn: Callable[[Plan], Any]) -> Any:
        """``fn(plan)``, computed once per plan."""
        memo = self._derived.setdefault(plan, {})
        if name not in memo:
            memo[name] = fn(plan)
        return memo[name]

    def _inputs(self) -> dict[str, Any]:
        """Read and validate every control through the library.

        Returns the keyword arguments for build_plan; raises InputError with
        ``field`` set to the control's key.
        """
        v = self.values()
        races: dict[float, float] = {}
        for key, dist in RACE_FIELDS.items():
            text = str(v[key] or "").strip()
            if text:
                try:
                    t = parse_time(text)
                    check_race_time(dist, t)
                except InputError as exc:
                    raise InputError(str(exc), field=key) from None
                races[dist] = t
        goal_text = str(v["goal"] or "").strip()
        goal_s = None
        if goal_text:
            try:
                goal_s = parse_time(goal_text)
            except InputError as exc:
                raise InputError(str(exc), field="goal") from None
        if not races and goal_s is None:
            raise InputError("enter at least one race time (5K, 10K or mile) or a goal",
                             field="5k")
        hr_text = str(v["hr_max"] or "").strip()
        hr = None
        if hr_text:
            try:
                hr = float(hr_text)
            except ValueError:
                raise InputError(f"HRmax must be a number of beats/min such as 185, got "
                                 f"{hr_text!r}", field="hr_max") from None
            hr = check_hr_max(hr)
        units = v["units"]
        peak = v["peak"]
        return dict(
            race_date=v["race_date"], race_distance=v["distance"], peak_weekly=peak,
            units=units, races=races or None, goal_time_s=goal_s,
            general_weeks=v["general"], specific_weeks=v["specific"],
            taper_weeks=v["taper"], method=v["method"], runs_per_week=v["runs"],
            hr_max=hr, today=self.today,
        )

    def _show_error(self, exc: InputError) -> None:
        key = exc.field if exc.field in self.controls else CONTROL_FOR_KEYWORD.get(exc.field or "")
        for k, e in self.errors.items():
            e.value = error_html(str(exc)) if k == key else ""
        if key is None:
            self.status.value = error_html(str(exc))
        else:
            self.status.value = ('<span class="sf-note">Showing the last valid plan; fix the '
                                 "highlighted field.</span>")

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

    def _update(self, changed: set[str], first: bool = False,
                force: set[str] | frozenset[str] = frozenset()) -> None:
        try:
            self._recompute(changed, force)
        except InputError as exc:
            if first:  # a share link with a bad value: fall back to defaults, say so
                self._recover_first(exc)
            else:
                self._show_error(exc)
        except Exception:  # never show a traceback to a viewer
            log.exception("dashboard update failed")
            self.status.value = error_html(CALLBACK_FAILED)

    def _recover_first(self, exc: InputError) -> None:
        """Reset the fields a link set badly until a plan builds; report them."""
        rejected: list[str] = []
        for _ in range(len(self.controls) + 1):
            key = (exc.field if exc.field in self.controls
                   else CONTROL_FOR_KEYWORD.get(exc.field or ""))
            if key is None or key in rejected:
                key = next((k for k in self.controls if self.values()[k] != self._defaults[k]
                            and k not in rejected), None)
            if key is None:
                self._show_error(exc)
                return
            keys = (["general", "specific", "taper"] if exc.field == "phases" else [key])
            rejected += [k for k in keys if k not in rejected]
            if key == "units":
                self.controls["units"].value = self._defaults["units"]
                self._sync_peak_units(self._defaults["units"], convert=False)
            self._syncing = True
            try:
                for k in keys:
                    self.controls[k].value = self._defaults[k]
            finally:
                self._syncing = False
            try:
                self._recompute(set(PLAN_KEYS))
                break
            except InputError as again:
                exc = again
        note = html.escape(", ".join(rejected))
        self._query_note += (f'<p class="sf-note sf-ignored">Ignored from the link: values '
                             f"that do not make a valid plan for {note}.</p>")
        self.status.value = self._query_note + self._status_body

    def visible_outputs(self) -> tuple[str, ...]:
        """Names of the outputs on the open tab."""
        return TAB_OUTPUTS[self.tabs.selected_index or 0]

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
        kwargs = self._inputs()
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
        intensity = self._derive(plan, "intensity", training_load.intensity_distribution)
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
        if "goal" in need:
            new["goal"] = self._goal_figure(plan, units)
        if "compare" in need and compare is not None:
            sf, tr = (plan, compare) if kwargs["method"] == "speed-first" else (compare, plan)
            other_intensity = self._derive(compare, "intensity",
                                           training_load.intensity_distribution)
            sf_i, tr_i = ((intensity, other_intensity) if sf is plan
                          else (other_intensity, intensity))
            new["compare"] = figures.comparison_chart(
                sf.weeks, tr.weeks, sf_i, tr_i, names=("speed-first", "traditional"),
                units=units)
        table = _week_table_html(plan, units) if "table" in need else None
        # swap in
        for name, fig in new.items():
            self.outputs[name].outputs = bundle_output(fig)
            self.refreshed[name] += 1
        if table is not None:
            self.table.value = table
            self.refreshed["table"] += 1
        if "week" in need:  # the Week tab: HTML from the sessions frame
            self.week_view.show(plan, units)
            self.refreshed["week"] += 1
        self.plan, self.compare_plan = plan, compare
        self._stale = stale
        self._dirty.clear()
        self._clear_errors()
        self.verdict.value = (f'<p class="sf-verdict-{plan.goal.verdict.replace(" ", "-")}">'
                              f"<b>{html.escape(plan.goal.verdict.capitalize())}.</b> "
                              f"{html.escape(plan.goal.message)}</p>"
                              + (f'<p class="sf-mileage-note">{html.escape(self._mileage_note)}</p>'
                                 if self._mileage_note else ""))
        warn = "".join(f"<li>{html.escape(w)}</li>" for w in plan.warnings
                       if not w.startswith("goal "))
        self._status_body = (f'<span class="sf-ok">Plan: {len(plan.weeks)} weeks, race on '
                             f'{plan.inputs.race_date:%A %d %B %Y}.</span>'
                             + (f'<ul class="sf-warnings">{warn}</ul>' if warn else ""))
        self.status.value = self._query_note + self._status_body
        self.share.value = self._share_html()
        self.downloads.value = ""

    def _sync_peak_units(self, units: str, convert: bool) -> None:
        """Switch the peak slider between miles and km (keeping the distance if ``convert``)."""
        s = self.controls["peak"]
        lo, hi = PEAK_MI_RANGE
        factor = METERS_PER_MILE / 1000.0 if units == "km" else 1000.0 / METERS_PER_MILE
        lo_u, hi_u = (lo, hi) if units == "mi" else (lo * 1.609344, hi * 1.609344)
        new = round(s.value * factor) if convert else s.value
        self._syncing = True
        try:
            # widen first so neither bound clips the value on the way
            s.min, s.max = 0, 1000
            s.value = min(max(new, math.ceil(lo_u)), math.floor(hi_u))
            s.min, s.max = math.ceil(lo_u), math.floor(hi_u)
            s.description = f"Peak weekly mileage ({units})"
        finally:
            self._syncing = False
        self._units_seen = units

    # ------------------------------------------------------------------ share/export
    def query_string(self) -> str:
        """The current state as a query string for a share link."""
        return encode_query(self.values())

    def _share_html(self) -> str:
        q = html.escape(self.query_string(), quote=True)
        return (f'<p>Share this plan: <a class="sf-share-link" href="?{q}" target="_blank">'
                f"link with these settings</a> (copy it from your browser's address bar "
                f"after opening).</p>")

    def _prepare_downloads(self, _button: Any = None) -> None:
        if self.plan is None:
            return
        files = downloads.to_bytes(self.plan)
        links = []
        for name, (mime, data) in files.items():
            b64 = base64.b64encode(data).decode("ascii")
            links.append(f'<a class="sf-download" download="{html.escape(name)}" '
                         f'href="data:{mime};base64,{b64}">{html.escape(name)}</a>')
        self.downloads.value = " · ".join(links) + WATCH_NOTE
