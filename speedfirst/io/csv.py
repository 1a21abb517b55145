"""A plan as two CSV files: the daily sessions and, beside them, the weekly table.

A spreadsheet wants one table per file, so :func:`to_csv` writes the sessions
at the given path and the weeks beside it (``plan.csv`` → ``plan.weeks.csv``).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

import pandas as pd

from speedfirst.io.files import atomic_write
from speedfirst.text import format_pace

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = ["csv_sessions", "to_csv", "weeks_csv_path", "write_csv"]


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


def csv_sessions(plan: Plan) -> pd.DataFrame:
    """The sessions table with two text columns of paces in the plan's units."""
    df = plan.sessions.copy()
    units = plan.inputs.units
    df["pace_fast"] = _pace_texts(df["pace_fast_s_per_km"], units)
    df["pace_slow"] = _pace_texts(df["pace_slow_s_per_km"], units)
    return df


def write_csv(frame: pd.DataFrame, fh: IO[bytes]) -> None:
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
    sessions = csv_sessions(plan)
    weeks = plan.weeks
    atomic_write({
        sessions_path: lambda fh: write_csv(sessions, fh),
        weeks_path: lambda fh: write_csv(weeks, fh),
    })
    return sessions_path


# --------------------------------------------------------------------------
# JSON
