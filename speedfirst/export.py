"""Write a plan to CSV, JSON, iCalendar and a self-contained HTML report.

Every file is written atomically (:func:`_atomic_write`): the bytes go to a
temporary file in the target's directory, are flushed and ``fsync``-ed, and
only then renamed onto the target with :func:`os.replace`. A reader (or a
crash) therefore sees either the old file or the complete new one, never a
half-written file; on any error the temporary file is removed and the error
re-raised.

Formats
-------
CSV (:func:`to_csv`)
    Two files, because a spreadsheet wants one table per file: the daily
    sessions at the given path and the weekly summary beside it
    (``plan.csv`` → ``plan.weeks.csv``, see :func:`weeks_csv_path`).
JSON (:func:`to_json`, :func:`from_json`)
    Lossless: inputs, every frame with its column order and dtypes, the goal
    check and the warnings; ``from_json(to_json(plan))`` reproduces the plan.
iCalendar (:func:`to_ics`)
    One all-day event per running or strength day (RFC 5545 [RFC5545]_).
HTML (:func:`to_html`)
    One file with everything inlined (styles, plotly.js), readable offline.

References
----------
.. [RFC5545] Desruisseaux, B. (2009). *Internet Calendaring and Scheduling
   Core Object Specification (iCalendar)*, RFC 5545, IETF.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import html
import io
import json
import math
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from speedfirst.errors import InputError
from speedfirst.models import GoalAssessment, RaceResult
from speedfirst.parsing import format_distance, format_pace, format_time
from speedfirst.units import METERS_PER_MILE

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from speedfirst.plan import Plan, PlanInputs

__all__ = [
    "EXPORT_FORMATS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "from_json",
    "to_bytes",
    "to_csv",
    "to_html",
    "to_ics",
    "to_json",
    "weeks_csv_path",
    "write_text",
]

FORMAT_NAME = "speedfirst-plan"
"""Value of the ``format`` key of the JSON export."""
FORMAT_VERSION = 1
"""Version of the JSON layout written by :func:`to_json` (and the newest read)."""

Writer = Callable[[IO[bytes]], None]
"""Writes one file's bytes to an open binary file."""

_FRAMES = ("weeks", "sessions", "zones")


# --------------------------------------------------------------------------
# atomic writes
# --------------------------------------------------------------------------
def _new_temp(target: Path) -> tuple[int, Path]:
    """Create an empty, exclusive temporary file beside ``target``.

    Created with ``os.open(..., 0o666)`` so the process umask applies, as for a
    normal ``open(path, "w")`` (``mkstemp`` would always give mode 0600).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); silently skipped where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _bytes_writer(data: bytes) -> Writer:
    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    return write


def _atomic_write(files: Mapping[str | Path, Writer]) -> list[Path]:
    """Write several files so that each target is replaced only by a complete file.

    Every writer first fills its own temporary file in the target's directory
    (flushed and fsync-ed); only when *all* succeeded are the temporary files
    renamed onto their targets with :func:`os.replace` (atomic on POSIX and
    Windows within one file system). On any exception every temporary file
    is removed and the exception re-raised, so existing targets stay as they
    were. An existing target keeps its permission bits.

    Parameters
    ----------
    files : mapping of path to writer
        Target path → function writing the file's bytes to a binary file.

    Returns
    -------
    list of pathlib.Path
        The targets, in the order given.
    """
    done: list[tuple[Path, Path]] = []
    try:
        for target, writer in files.items():
            path = Path(target)
            fd, tmp = _new_temp(path)
            done.append((path, tmp))
            with os.fdopen(fd, "wb") as fh:
                writer(fh)
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileNotFoundError):
                os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        for path, tmp in done:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp in done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for parent in dict.fromkeys(path.parent for path, _ in done):
        _fsync_dir(parent)
    return [path for path, _ in done]


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_text(p, "hello").read_text()
    'hello'
    """
    return _atomic_write({path: _bytes_writer(text.encode("utf-8"))})[0]


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------
def weeks_csv_path(path: str | Path) -> Path:
    """Where :func:`to_csv` puts the weekly table for sessions at ``path``.

    Examples
    --------
    >>> weeks_csv_path("out/plan.csv").as_posix()
    'out/plan.weeks.csv'
    >>> weeks_csv_path("plan").as_posix()
    'plan.weeks.csv'
    """
    path = Path(path)
    return path.with_name(path.stem + ".weeks.csv" if path.suffix else path.name + ".weeks.csv")


def _pace_texts(values: pd.Series, units: str) -> pd.Series:
    return pd.Series([format_pace(v, units) if pd.notna(v) and v > 0 else "" for v in values],
                     index=values.index, dtype="str")


def _csv_sessions(plan: Plan) -> pd.DataFrame:
    df = plan.sessions.copy()
    units = plan.inputs.units
    df["pace_fast"] = _pace_texts(df["pace_fast_s_per_km"], units)
    df["pace_slow"] = _pace_texts(df["pace_slow_s_per_km"], units)
    return df


def _write_csv(frame: pd.DataFrame, fh: IO[bytes]) -> None:
    """A frame as UTF-8 CSV (with BOM, so spreadsheets detect the encoding)."""
    floats = [c for c in frame.columns if frame[c].dtype == "float64"]
    frame = frame.assign(**{c: frame[c].round(3) for c in floats})
    text = frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    fh.write(text.encode("utf-8-sig"))


def to_csv(plan: Plan, path: str | Path) -> Path:
    """Write the plan as two CSV files: sessions at ``path``, weeks beside it.

    A spreadsheet opens one table per file, so the daily sessions (one row
    per day, :data:`speedfirst.plan.SESSION_COLUMNS`) go to ``path`` and the
    weekly summary (:data:`speedfirst.plan.WEEK_COLUMNS`) to
    :func:`weeks_csv_path` (``plan.csv`` → ``plan.weeks.csv``). Both are
    written atomically and replaced together: both temporary files are
    complete before either target is touched.

    Dates are ISO ``YYYY-MM-DD``; numbers keep their numeric columns,
    rounded to 3 decimals (the JSON export is the lossless one). The
    sessions table gains two text columns ``pace_fast`` and ``pace_slow``
    with the paces in the plan's units (``6:18/mi``; empty where a session
    has no target pace). Encoding UTF-8 with a byte-order mark (Excel needs
    it to read "–" and "×"), lines end in CRLF (RFC 4180).

    Parameters
    ----------
    plan : Plan
    path : str or pathlib.Path
        The sessions file; its directory must exist.

    Returns
    -------
    pathlib.Path
        ``path`` (the sessions file).
    """
    sessions_path = Path(path)
    weeks_path = weeks_csv_path(sessions_path)
    sessions = _csv_sessions(plan)
    weeks = plan.weeks
    _atomic_write({
        sessions_path: lambda fh: _write_csv(sessions, fh),
        weeks_path: lambda fh: _write_csv(weeks, fh),
    })
    return sessions_path


# --------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------
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
    from speedfirst.plan import PlanInputs

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
    from speedfirst.plan import Plan

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
# --------------------------------------------------------------------------
def _distance_text(distance_km: float, units: str) -> str:
    if units == "mi":
        return f"{distance_km * 1000.0 / METERS_PER_MILE:.1f} mi"
    return f"{distance_km:.1f} km"


def _race_name(plan: Plan) -> str:
    return "half marathon" if plan.inputs.race_distance == "half" else "marathon"


def _calendar(plan: Plan, dtstamp: dt.datetime) -> Any:
    import icalendar

    from speedfirst import __version__

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//speedfirst//speedfirst {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname",
            f"speedfirst: {_race_name(plan)} on {plan.inputs.race_date.isoformat()}")
    units = plan.inputs.units
    race_tag = f"{plan.inputs.race_date.isoformat()}-{plan.inputs.method}"
    for row in plan.sessions.itertuples(index=False):
        if row.kind == "rest":
            continue
        day = pd.Timestamp(row.date).date()
        summary = str(row.title)
        if row.distance_km and row.distance_km > 0:
            summary += f" – {_distance_text(row.distance_km, units)}"
        event = icalendar.Event()
        event.add("uid", f"speedfirst-{race_tag}-{day.isoformat()}-{row.kind}@speedfirst")
        event.add("dtstamp", dtstamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", str(row.description))
        event.add("categories", [str(row.kind)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def to_ics(plan: Plan, path: str | Path, *, dtstamp: dt.datetime | None = None) -> Path:
    """Write an iCalendar file with one all-day event per session that is not rest.

    The calendar has PRODID, VERSION 2.0, CALSCALE GREGORIAN and an
    ``X-WR-CALNAME``. Each event: ``DTSTART`` the session's date (a DATE
    value), ``DTEND`` the next day, ``SUMMARY`` the title plus the distance
    in the plan's units (``Long run – 8.2 mi``; strength days have no
    distance), ``DESCRIPTION`` the session description, ``CATEGORIES`` the
    session kind, ``TRANSP:TRANSPARENT`` (training does not block the day).
    ``UID`` is ``speedfirst-<race date>-<method>-<date>-<kind>@speedfirst``:
    stable, so importing a rebuilt plan for the same race and method updates
    the same days instead of duplicating them, while plans for another race or
    method get their own events. Lines are
    CRLF-terminated and folded at 75 octets by :mod:`icalendar`.

    Parameters
    ----------
    plan : Plan
    path : str or pathlib.Path
    dtstamp : datetime, optional
        The ``DTSTAMP`` of every event (UTC); default now. Pass one for
        byte-identical output.

    Returns
    -------
    pathlib.Path
    """
    data = _ics_bytes(plan, dtstamp)
    return _atomic_write({path: _bytes_writer(data)})[0]


def _ics_bytes(plan: Plan, dtstamp: dt.datetime | None = None) -> bytes:
    if dtstamp is None:
        dtstamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    elif dtstamp.tzinfo is None:
        dtstamp = dtstamp.replace(tzinfo=dt.UTC)
    return bytes(_calendar(plan, dtstamp.astimezone(dt.UTC)).to_ical())


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------
def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    attr = f' class="{_e(cls)}"' if cls else ""
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _charts(plan: Plan) -> list[go.Figure]:
    """The report's figures, from :mod:`speedfirst.figures` (imported here, lazily).

    Weekly distance, share of time by zone, pace zones beside Daniels' paces
    (VDOT of the race the goal check used, as in the dashboard) and fitness,
    fatigue and form.
    """
    from speedfirst import figures, load
    from speedfirst.equivalence import vdot
    from speedfirst.zones import daniels_paces

    units = plan.inputs.units
    best = plan.goal.based_on
    daniels = daniels_paces(min(max(vdot(best.distance_m, best.time_s), 20.0), 90.0))
    return [
        figures.mileage_ramp(plan.weeks, units=units, peak=plan.inputs.peak_weekly),
        figures.intensity_distribution(load.intensity_distribution(plan), share=True),
        figures.pace_zones_chart(plan.zones, daniels=daniels, units=units),
        figures.fitness_fatigue_chart(load.fitness_fatigue(plan),
                                      race_date=plan.inputs.race_date),
    ]


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
table.kv th { width: 14rem; }
.verdict { font-weight: bold; font-size: 1.1rem; }
.verdict-realistic { color: #1a7f37; } .verdict-stretch { color: #9a6700; }
.verdict-not-yet-realistic, .verdict-impossible { color: #cf222e; }
.warnings li { color: #9a6700; }
.chart { margin: 1rem 0; }
footer { margin-top: 2rem; color: #777; font-size: .8rem; }
"""


def _inputs_rows(plan: Plan) -> list[list[Any]]:
    i = plan.inputs
    races = ", ".join(f"{format_distance(d)} {format_time(t)}" for d, t in i.races)
    phases = (f"{i.general_weeks} general + {i.specific_weeks} specific + "
              f"{i.taper_weeks} taper = {len(plan.weeks)} weeks")
    rows = [
        ["Race", f"{_race_name(plan)} on {i.race_date.isoformat()} "
                 f"({i.race_date.strftime('%A')})"],
        ["Method", i.method],
        ["Peak weekly volume", f"{i.peak_weekly:g} {i.units}"],
        ["Phases", phases],
        ["Runs per week", i.runs_per_week],
        ["Long run day", i.long_run_day],
        ["Recent races", races],
        ["Goal time", format_time(i.goal_time_s) if i.goal_time_s is not None
         else "none (predicted time used)"],
        ["HRmax", f"{i.hr_max:g} beats/min" if i.hr_max is not None else "not given"],
        ["Plan made on", i.today.isoformat()],
    ]
    if i.cycle_weeks:
        rows.insert(4, ["Weeks per cycle", ", ".join(str(w) for w in i.cycle_weeks)])
    return rows


def _zones_table(plan: Plan) -> str:
    units = plan.inputs.units
    with_bpm = plan.inputs.hr_max is not None
    headers = ["Zone", "Pace", "HR % max", *(["HR beats/min"] if with_bpm else []),
               "Reps", "Effort", "Source"]
    rows = []
    for z in plan.zones.itertuples(index=False):
        fast, slow = format_pace(z.pace_fast_s_per_km, units), format_pace(
            z.pace_slow_s_per_km, units)
        pace = fast if fast == slow else f"{fast.split('/')[0]}–{slow}"
        hr = "" if pd.isna(z.hr_low_pct) else f"{z.hr_low_pct:.0f}–{z.hr_high_pct:.0f} %"
        bpm = "" if pd.isna(z.hr_low_bpm) else f"{z.hr_low_bpm:.0f}–{z.hr_high_bpm:.0f}"
        rows.append([z.label, pace, hr, *([bpm] if with_bpm else []), z.rep_duration,
                     z.effort, z.source])
    return _table(headers, rows)


def _weeks_table(plan: Plan) -> str:
    units = plan.inputs.units
    s = plan.sessions
    titles = plan.key_session_titles()
    last_day = s.groupby("week")["date"].max()
    rows = []
    for w in plan.weeks.itertuples(index=False):
        start = pd.Timestamp(w.start_date).date()
        end = pd.Timestamp(last_day.get(w.week, w.start_date)).date()
        dist = w.distance_mi if units == "mi" else w.distance_km
        rows.append([w.week, f"{start.isoformat()} – {end.isoformat()}", w.phase, w.cycle,
                     w.emphasis, f"{dist:.1f}", ", ".join(titles.get(int(w.week), []))])
    return _table(["Week", "Dates", "Phase", "Cycle", "Emphasis", f"Distance [{units}]",
                   "Key sessions"], rows)


def _sessions_table(plan: Plan) -> str:
    units = plan.inputs.units
    rows = []
    for r in plan.sessions.itertuples(index=False):
        dist = "" if not r.distance_km else _distance_text(r.distance_km, units)
        mins = "" if not r.minutes else f"{r.minutes:.0f}"
        rows.append([pd.Timestamp(r.date).date().isoformat(), r.weekday[:3].title(), r.kind,
                     r.title, dist, mins, r.zone, r.description])
    return _table(["Date", "Day", "Kind", "Session", "Distance", "Minutes", "Zone",
                   "Description"], rows, cls="sessions")


def _load_table(plan: Plan) -> str:
    from speedfirst import load

    ps = load.phase_summary(plan)
    rows = [[r.phase, r.weeks, f"{r.minutes / 60:.1f}", f"{r.easy_share * 100:.0f} %",
             f"{(1 - r.easy_share) * 100:.0f} %", "yes" if r.meets_80_20 else "no"]
            for r in ps.itertuples(index=False)]
    return _table(["Phase", "Weeks", "Running hours", "Easy", "Faster than easy",
                   "80/20 met"], rows)


def _report(plan: Plan, chart_html: list[str]) -> str:
    from speedfirst import __version__

    i = plan.inputs
    title = f"{_race_name(plan).capitalize()} plan – race on {i.race_date.isoformat()}"
    goal = plan.goal
    verdict_cls = "verdict-" + goal.verdict.replace(" ", "-")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(i.method)} plan, {len(plan.weeks)} weeks from "
        f"{_e(pd.Timestamp(plan.weeks['start_date'].iloc[0]).date().isoformat())}, "
        f"peak {_e(f'{i.peak_weekly:g}')} {_e(i.units)} a week.</p>",
        '<section id="inputs"><h2>Inputs</h2>',
        _table(["Input", "Value"], _inputs_rows(plan), cls="kv"),
        "</section>",
        '<section id="goal"><h2>Goal</h2>',
        f'<p class="verdict {_e(verdict_cls)}">{_e(goal.verdict.capitalize())}: '
        f"{_e(format_time(goal.goal_time_s))} goal, {_e(format_time(goal.predicted_time_s))} "
        f"predicted</p>",
        f"<p>{_e(goal.message)}</p>",
        "</section>",
    ]
    if plan.warnings:
        parts += ['<section id="warnings"><h2>Warnings</h2><ul class="warnings">',
                  *(f"<li>{_e(w)}</li>" for w in plan.warnings), "</ul></section>"]
    if chart_html:
        parts += ['<section id="charts"><h2>Charts</h2>',
                  *(f'<div class="chart">{c}</div>' for c in chart_html), "</section>"]
    parts += [
        '<section id="zones"><h2>Pace zones</h2>', _zones_table(plan), "</section>",
        '<section id="intensity"><h2>Intensity by phase</h2>', _load_table(plan),
        "</section>",
        '<section id="weeks"><h2>Weeks</h2>', _weeks_table(plan), "</section>",
        '<section id="sessions"><h2>Sessions</h2>', _sessions_table(plan), "</section>",
        f"<footer>Made with speedfirst {_e(__version__)}.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def to_html(plan: Plan, path: str | Path) -> Path:
    """Write a self-contained HTML report of the plan.

    Contents: title, inputs, the goal verdict and message, warnings, charts
    (from :func:`_charts`, i.e. :mod:`speedfirst.figures`), the pace zones,
    time at easy intensity per phase, the week table (dates, phase, cycle,
    emphasis, distance in the plan's units, key sessions) and every session.
    plotly.js is inlined once, with the first chart, so the file works
    offline; there are no external scripts, stylesheets, fonts or images.
    All text is HTML-escaped. plotly is imported only here, so importing
    :mod:`speedfirst` stays light.

    Parameters
    ----------
    plan : Plan
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    return _atomic_write({path: _bytes_writer(_html_bytes(plan))})[0]


def _html_bytes(plan: Plan) -> bytes:
    chart_html = [
        fig.to_html(full_html=False, include_plotlyjs=(n == 0), include_mathjax=False,
                    default_height="480px",
                    config={"displaylogo": False, "responsive": True})
        for n, fig in enumerate(_charts(plan))
    ]
    return _report(plan, chart_html).encode("utf-8")


# --------------------------------------------------------------------------
# all formats in memory (dashboard downloads)
# --------------------------------------------------------------------------
EXPORT_FORMATS = ("csv", "json", "ics", "html")
"""Formats :func:`to_bytes` can produce."""


def to_bytes(plan: Plan, formats: tuple[str, ...] = EXPORT_FORMATS) -> dict[str, tuple[str, bytes]]:
    """Every export in memory, for download links: file name → (MIME type, bytes).

    The bytes are exactly what the file writers produce. File names start
    with ``speedfirst-<race date>``; ``"csv"`` gives two files (sessions and
    ``.weeks.csv``). The HTML report inlines plotly.js, so it is several MB.

    Parameters
    ----------
    plan : Plan
    formats : tuple of {"csv", "json", "ics", "html"}
        Which exports, in this order.

    Returns
    -------
    dict of str to (str, bytes)

    Raises
    ------
    InputError
        For an unknown format name.
    """
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise InputError(f"unknown export format(s) {unknown}; choose from "
                         f"{', '.join(EXPORT_FORMATS)}", field="formats")
    stem = f"speedfirst-{plan.inputs.race_date.isoformat()}"
    out: dict[str, tuple[str, bytes]] = {}
    for fmt in formats:
        if fmt == "csv":
            for name, frame in ((f"{stem}.csv", _csv_sessions(plan)),
                                (f"{stem}.weeks.csv", plan.weeks)):
                buf = io.BytesIO()
                _write_csv(frame, buf)
                out[name] = ("text/csv", buf.getvalue())
        elif fmt == "json":
            out[f"{stem}.json"] = ("application/json", to_json(plan).encode("utf-8"))
        elif fmt == "ics":
            out[f"{stem}.ics"] = ("text/calendar", _ics_bytes(plan))
        else:
            out[f"{stem}.html"] = ("text/html", _html_bytes(plan))
    return out
