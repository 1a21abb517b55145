"""A plan as JSON, losslessly: inputs, every frame with its dtypes, the goal, warnings.

``from_json(to_json(plan))`` reproduces the plan (frames equal, dtypes too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from speedfirst.errors import InputError
from speedfirst.plan import Plan, PlanInputs
from speedfirst.results import GoalAssessment, RaceResult

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "from_json", "to_json"]

FORMAT_NAME = "speedfirst-plan"
"""Value of the ``format`` key of the JSON export."""
FORMAT_VERSION = 1
"""Version of the JSON layout written by :func:`to_json` (and the newest read)."""

_FRAMES = ("weeks", "sessions", "zones")


def _dtype_name(dtype: Any) -> str:
    """A dtype's name that :func:`_dtype_from_name` turns back into an equal dtype."""
    if isinstance(dtype, pd.StringDtype):
        base = "str" if dtype.na_value is not pd.NA else "string"
        return f"{base}[{dtype.storage}]"
    return str(dtype)


def _dtype_from_name(name: str) -> Any:
    for base, na in (("str", np.nan), ("string", pd.NA)):
        if name.startswith(base + "[") and name.endswith("]"):
            return pd.StringDtype(name[len(base) + 1:-1], na_value=na)
    return pandas_dtype(name)


def _float(v: float) -> float | str | None:
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def _encode_column(s: pd.Series) -> list[Any]:
    """JSON-able values of one column (missing values as ``null``)."""
    dtype = s.dtype
    na = s.isna().to_numpy()
    if dtype.kind == "M":
        ts = pd.DatetimeIndex(s)
        date_only = ts.tz is None and bool(((ts - ts.normalize()) == pd.Timedelta(0))[~na].all())
        return [None if m else (v.date().isoformat() if date_only else v.isoformat())
                for v, m in zip(ts, na, strict=True)]
    if dtype.kind == "m":
        ticks = s.to_numpy().view("int64").tolist()
        return [None if m else t for t, m in zip(ticks, na, strict=True)]
    if isinstance(dtype, pd.StringDtype) or dtype == np.dtype(object):
        out = []
        for v, m in zip(s.tolist(), na, strict=True):
            if m:
                out.append(None)
            elif isinstance(v, float | np.floating):
                out.append(_float(float(v)))
            elif isinstance(v, np.generic):
                out.append(v.item())
            elif isinstance(v, str | int | bool):
                out.append(v)
            else:
                raise TypeError(f"column {s.name!r}: cannot store {type(v).__name__} in JSON")
        return out
    if dtype.kind == "f":
        return [None if m else _float(float(v)) for v, m in zip(s.tolist(), na, strict=True)]
    if dtype.kind in "iub":
        return [None if m else v for v, m in zip(s.tolist(), na, strict=True)]
    raise TypeError(f"column {s.name!r}: dtype {dtype} is not supported by the JSON export")


def _decode_column(values: list[Any], name: str) -> pd.Series:
    dtype = _dtype_from_name(name)
    if dtype.kind == "M":
        tz = getattr(dtype, "tz", None)
        parsed = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601",
                                utc=tz is not None)
        if tz is not None:
            parsed = parsed.dt.tz_convert(tz)
        return parsed.astype(dtype)
    if dtype.kind == "m":
        unit = np.datetime_data(dtype)[0]
        ticks = np.array([np.iinfo("int64").min if v is None else v for v in values],
                         dtype="int64")
        return pd.Series(ticks.view(f"timedelta64[{unit}]"))
    if dtype.kind == "f" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return pd.Series(np.array([np.nan if v is None else float(v) for v in values],
                                  dtype=dtype))
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return pd.Series(pd.array(values, dtype=dtype))
    if dtype.kind == "O":
        return pd.Series(values, dtype=object)
    return pd.Series(np.array(values, dtype=dtype))


def _frame_to_dict(frame: pd.DataFrame, what: str) -> dict[str, Any]:
    columns = [str(c) for c in frame.columns]
    if len(set(columns)) != len(columns) or list(frame.columns) != columns:
        raise TypeError(f"{what}: column names must be unique strings")
    return {
        "columns": columns,
        "dtypes": {c: _dtype_name(frame[c].dtype) for c in columns},
        "data": {c: _encode_column(frame[c]) for c in columns},
    }


def _frame_from_dict(d: Mapping[str, Any], what: str) -> pd.DataFrame:
    columns = list(d["columns"])
    data = {c: _decode_column(list(d["data"][c]), d["dtypes"][c]) for c in columns}
    lengths = {len(s) for s in data.values()}
    if len(lengths) > 1:
        raise InputError(f"plan JSON: the {what} columns have different lengths", field="json")
    return pd.DataFrame(data, columns=pd.Index(columns, dtype="str"))


def _goal_to_dict(goal: GoalAssessment) -> dict[str, Any]:
    d = {f.name: getattr(goal, f.name) for f in dataclasses.fields(goal)}
    d["required_times_s"] = [[float(k), float(v)] for k, v in goal.required_times_s.items()]
    d["based_on"] = {"distance_m": goal.based_on.distance_m, "time_s": goal.based_on.time_s}
    return d


def _goal_from_dict(d: Mapping[str, Any]) -> GoalAssessment:
    kw = dict(d)
    kw["required_times_s"] = {float(k): float(v) for k, v in kw["required_times_s"]}
    kw["based_on"] = RaceResult(float(kw["based_on"]["distance_m"]),
                                float(kw["based_on"]["time_s"]))
    return GoalAssessment(**kw)


def _inputs_from_dict(d: Mapping[str, Any]) -> PlanInputs:
    fields = dataclasses.fields(PlanInputs)
    names = [f.name for f in fields]
    optional = {f.name for f in fields if f.default is not dataclasses.MISSING}
    missing = [n for n in names if n not in d and n not in optional]
    unknown = [k for k in d if k not in names]
    if missing or unknown:
        raise InputError(f"plan JSON: inputs missing {missing} / unknown {unknown}", field="json")
    kw = dict(d)
    kw["race_date"] = dt.date.fromisoformat(kw["race_date"])
    kw["today"] = dt.date.fromisoformat(kw["today"])
    kw["races"] = tuple((float(a), float(b)) for a, b in kw["races"])
    kw["cycle_weeks"] = (None if kw["cycle_weeks"] is None
                         else tuple(int(w) for w in kw["cycle_weeks"]))
    for name in ("peak_weekly",):
        kw[name] = float(kw[name])
    for name in ("goal_time_s", "hr_max"):
        kw[name] = None if kw[name] is None else float(kw[name])
    for name in ("general_weeks", "specific_weeks", "taper_weeks", "runs_per_week"):
        kw[name] = int(kw[name])
    return PlanInputs(**kw)


def to_json(plan: Plan) -> str:
    """The whole plan as JSON text, readable back with :func:`from_json`.

    Layout (``version`` 1)::

        {"format": "speedfirst-plan", "version": 1,
         "inputs": {...PlanInputs.to_dict()...},
         "weeks": FRAME, "sessions": FRAME, "zones": FRAME,
         "goal": {...GoalAssessment fields...}, "warnings": [...]}

    where ``FRAME`` is ``{"columns": [names in order], "dtypes": {name:
    dtype}, "data": {name: [values]}}``. Missing values are ``null``;
    datetimes are ISO text (``YYYY-MM-DD`` when every value is a midnight);
    infinite floats are ``"Infinity"``/``"-Infinity"``; string dtypes are
    named with their storage (``str[python]``). In the goal,
    ``required_times_s`` is a list of ``[distance_m, time_s]`` pairs and
    ``based_on`` a ``{"distance_m", "time_s"}`` object. Frame indexes are not
    stored: plan frames have the default ``RangeIndex``.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    str
        Strict JSON (no ``NaN`` literals), UTF-8 characters kept as they are.
    """
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "inputs": plan.inputs.to_dict(),
        **{name: _frame_to_dict(getattr(plan, name), name) for name in _FRAMES},
        "goal": _goal_to_dict(plan.goal),
        "warnings": list(plan.warnings),
    }
    return json.dumps(doc, ensure_ascii=False, allow_nan=False)


def from_json(text: str | bytes) -> Plan:
    """Rebuild a :class:`~speedfirst.plan.Plan` written by :func:`to_json`.

    Parameters
    ----------
    text : str or bytes
        The JSON text.

    Returns
    -------
    Plan
        Equal to the original: every frame has the same columns, dtypes and
        values (``pandas.testing.assert_frame_equal`` passes), the inputs, goal
        and warnings compare equal.

    Raises
    ------
    InputError
        (``field="json"``) if the text is not JSON, not a speedfirst plan, from
        a newer format version, or damaged.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise InputError(f"plan JSON must be text, got {type(text).__name__}", field="json")
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}", field="json") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise InputError(f"not a speedfirst plan (expected \"format\": \"{FORMAT_NAME}\")",
                         field="json")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"plan JSON has an invalid version {version!r}", field="json")
    if version > FORMAT_VERSION:
        raise InputError(f"plan JSON has format version {version}, newer than this speedfirst "
                         f"reads ({FORMAT_VERSION}); update speedfirst", field="json")
    try:
        frames = {name: _frame_from_dict(doc[name], name) for name in _FRAMES}
        return Plan(inputs=_inputs_from_dict(doc["inputs"]), goal=_goal_from_dict(doc["goal"]),
                    warnings=tuple(str(w) for w in doc.get("warnings", ())), **frames)
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        what = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError(f"damaged plan JSON: {what}", field="json") from None


# --------------------------------------------------------------------------
# iCalendar
