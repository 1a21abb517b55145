"""Step 6 of a plan: the :class:`Plan` data object and its two tables.

A plan is data: inputs, a weekly table, a daily table, the zones and the
goal check. Its file methods are thin delegates to the functions that
:mod:`speedfirst.io` registers here; the HTML report is
:func:`speedfirst.report.to_html`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from speedfirst.plan.inputs import PlanInputs
from speedfirst.results import GoalAssessment

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = ["SESSION_COLUMNS", "WEEK_COLUMNS", "Plan", "frame", "register_format"]

WEEK_COLUMNS = (
    "week", "start_date", "phase", "cycle", "emphasis", "fraction_of_peak", "distance_km",
    "distance_mi", "long_run_km", "key_sessions", "is_race_week", "goal_pace_min",
    "threshold_min", "is_recovery_week", "runs",
)
"""Columns of :attr:`Plan.weeks`."""

SESSION_COLUMNS = (
    "date", "week", "weekday", "kind", "title", "description", "zone", "distance_km",
    "minutes", "work_min", "reps_min", "reps_max", "rep_s", "rep_m", "recovery_s",
    "pace_fast_s_per_km", "pace_slow_s_per_km", "strength",
)
"""Columns of :attr:`Plan.sessions`."""

WEEK_DTYPES = {"week": "int64", "start_date": "date", "phase": "str", "cycle": "str",
               "emphasis": "str", "key_sessions": "int64", "is_race_week": "bool",
               "is_recovery_week": "bool", "runs": "int64"}
SESSION_DTYPES = {"date": "date", "week": "int64", "weekday": "str", "kind": "str",
                  "title": "str", "description": "str", "zone": "str", "reps_min": "Int64",
                  "reps_max": "Int64", "strength": "bool"}


@dataclass(frozen=True, eq=False)
class Plan:
    """A dated plan: inputs, weekly and daily tables, zones and the goal check.

    Attributes
    ----------
    inputs : PlanInputs
    weeks : pandas.DataFrame
        One row per week, columns :data:`WEEK_COLUMNS`: ``week`` (1…n),
        ``start_date`` (weeks are counted back from race day, so the last
        week ends on it), ``phase``, ``cycle``, ``emphasis``,
        ``fraction_of_peak`` (planned training volume / peak [-], after a
        cut-back), ``distance_km`` and ``distance_mi`` (sum of the week's
        sessions, race included), ``long_run_km`` (the week's longest run,
        the race included), ``key_sessions`` (count of key sessions; a long
        run with goal-pace work is counted with the long runs, not here),
        ``is_race_week``, ``goal_pace_min`` and ``threshold_min`` (planned
        minutes in those zones, the race excluded), ``is_recovery_week``
        (a cut-back week) and ``runs`` (running days, the race included).
    sessions : pandas.DataFrame
        One row per day up to race day, columns :data:`SESSION_COLUMNS`:
        ``kind`` is rest, easy, long, key, strength or race; ``minutes`` is
        running time in whole minutes (standing recoveries excluded);
        ``work_min`` the part in ``zone`` (a long run with goal-pace work
        has zone ``"goal pace"``); the rep columns are filled for key
        sessions and goal-pace long runs (``rep_s`` is then the goal-pace
        block); ``strength`` marks days with strength work.
    zones : pandas.DataFrame
        The pace zones trained at (see :func:`speedfirst.zones.pace_zones`).
    goal : GoalAssessment
        The goal check of the runner's goal.
    warnings : tuple of str
        What the runner should know: a goal trained at a slower pace, weeks
        with fewer runs or less volume than asked, big jumps, a short taper.
    """

    inputs: PlanInputs
    weeks: pd.DataFrame
    sessions: pd.DataFrame
    zones: pd.DataFrame
    goal: GoalAssessment
    warnings: tuple[str, ...] = field(default=())

    @property
    def trained_goal_time_s(self) -> float:
        """The race time whose pace the plan trains as goal pace [s]."""
        z = self.zones.set_index("zone").loc["goal pace"]
        pace = 0.5 * (z.pace_fast_s_per_km + z.pace_slow_s_per_km)
        return float(pace * self.inputs.race_m / 1000.0)

    def key_session_titles(self) -> dict[int, list[str]]:
        """Titles of each week's key sessions, goal-pace long runs and race, in day order.

        ``{week: [title, ...]}``; weeks without one are absent. Built from plain
        lists: the dashboard calls it on every slider move.
        """
        s = self.sessions
        titles: dict[int, list[str]] = {}
        for week, kind, zone, title in zip(s["week"].tolist(), s["kind"].tolist(),
                                           s["zone"].tolist(), s["title"].tolist(), strict=True):
            if kind in ("key", "race") or (kind == "long" and zone == "goal pace"):
                titles.setdefault(int(week), []).append(str(title))
        return titles

    # file formats: thin delegates to the functions speedfirst.io registers
    def to_csv(self, path: str | Path) -> Path:
        """Write sessions and weeks as CSV (see :func:`speedfirst.io.csv.to_csv`)."""
        return _format("csv")(self, path)

    def to_json(self) -> str:
        """Inputs and frames as JSON text (see :func:`speedfirst.io.json.to_json`)."""
        return _format("json")(self)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """Rebuild a plan written by :meth:`to_json`."""
        return _format("from_json")(text)

    def to_ics(self, path: str | Path) -> Path:
        """Write an iCalendar file (see :func:`speedfirst.io.ics.to_ics`)."""
        return _format("ics")(self, path)


_FORMATS: dict[str, Callable[..., Any]] = {}


def register_format(name: str, fn: Callable[..., Any]) -> None:
    """Make ``fn`` the implementation of ``Plan``'s ``name`` method (:mod:`speedfirst.io` does)."""
    _FORMATS[name] = fn


def _format(name: str) -> Callable[..., Any]:
    try:
        return _FORMATS[name]
    except KeyError:  # pragma: no cover - speedfirst/__init__ imports speedfirst.io
        raise RuntimeError(f"no {name} writer registered: import speedfirst.io") from None


def frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], dtypes: Mapping[str, str],
          default: str | None = "float64",
          given: Mapping[str, Sequence[Any]] | None = None) -> pd.DataFrame:
    """A frame from row dicts, built column by column (several times faster than
    ``DataFrame(rows)`` plus ``astype``: this runs on every slider move).

    Missing keys are NaN (NA in ``Int64``, False in ``bool``); dtype ``"date"``
    means :class:`datetime.date` values stored as ``datetime64[s]``; columns
    not in ``dtypes`` get ``default`` (None: inferred by numpy). Columns in
    ``given`` take their values from it (one per row) instead of the rows.
    """
    given = given or {}
    data: dict[str, Any] = {}
    for col in columns:
        kind = dtypes.get(col, default)
        missing = False if kind == "bool" else np.nan
        values = given[col] if col in given else [r.get(col, missing) for r in rows]
        if kind == "date":
            data[col] = _dates(values)
        elif kind == "str":
            data[col] = pd.array([str(v) for v in values], dtype=_STR)
        elif kind == "Int64":
            data[col] = _nullable_ints(values)
        else:
            data[col] = np.array(values, dtype=kind)
    return pd.DataFrame(data)  # the dict is in column order


_STR = pandas_dtype("str")
"""pandas' default string dtype, resolved once (looking up ``"str"`` on every column is slow)."""
_UNIX_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _dates(values: Sequence[dt.date]) -> np.ndarray:
    """Dates as ``datetime64[s]``, by their day numbers (numpy parses date objects slowly)."""
    days = np.array([v.toordinal() for v in values], dtype="int64") - _UNIX_EPOCH_ORDINAL
    return days.astype("datetime64[D]").astype("datetime64[s]")


def _nullable_ints(values: Sequence[Any]) -> pd.arrays.IntegerArray:
    """Whole numbers as ``Int64``, NA where a value is None or NaN.

    Through float64, so exact up to 2**53 (counts and rep numbers); fractions
    are truncated, as ``int()`` does.
    """
    floats = np.array(values, dtype="float64")  # None -> NaN
    missing = np.isnan(floats)
    return pd.arrays.IntegerArray(np.where(missing, 0.0, floats).astype("int64"), missing)
