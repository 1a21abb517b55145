"""CSV, JSON, iCalendar and HTML exports, and the atomic writes behind them."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from speedfirst import downloads
from speedfirst import report as html_report
from speedfirst.errors import InputError
from speedfirst.io import csv as io_csv
from speedfirst.io import files, ics
from speedfirst.io import json as io_json
from speedfirst.io.fit import workout_sessions
from speedfirst.io.intervals_icu import plan_workouts_text
from speedfirst.plan import SESSION_COLUMNS, WEEK_COLUMNS, Plan, build_plan
from speedfirst.text import format_pace

BASE = dict(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0}, goal_time_s=9900,
            today="2026-11-23")
PLANS = {
    "speed-first": BASE,
    "traditional": {**BASE, "method": "traditional"},
    "half-hr-km": {**BASE, "race_distance": "half", "goal_time_s": 4700, "hr_max": 188,
                   "units": "km", "peak_weekly": 70, "races": {5000.0: 1088.0, 10000.0: 2270.0}},
}


@pytest.fixture(scope="module")
def plan():
    return build_plan(**BASE)


@pytest.fixture(scope="module", params=list(PLANS))
def any_plan(request):
    return build_plan(**PLANS[request.param])


def _leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- atomic writes
def test_atomic_write_replaces_and_cleans_up(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    out = files.atomic_write({target: lambda fh: fh.write(b"new")})
    assert out == [target]
    assert target.read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_atomic_write_failure_keeps_original(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("original")

    def broken(fh):
        fh.write(b"half a fi")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        files.atomic_write({target: broken})
    assert target.read_text() == "original"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_all_or_nothing(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("A")
    b.write_text("B")

    def broken(fh):
        fh.write(b"x")
        raise OSError("no space left")

    with pytest.raises(OSError, match="no space"):
        files.atomic_write({a: lambda fh: fh.write(b"new A"), b: broken})
    assert (a.read_text(), b.read_text()) == ("A", "B")
    assert sorted(os.listdir(tmp_path)) == ["a", "b"]


def test_atomic_write_permissions(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x")
    old.chmod(0o640)
    files.atomic_write({old: lambda fh: fh.write(b"y")})
    assert old.stat().st_mode & 0o777 == 0o640
    new = tmp_path / "new.txt"
    files.atomic_write({new: lambda fh: fh.write(b"y")})
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask


def test_atomic_write_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        files.atomic_write({tmp_path / "nope" / "a": lambda fh: fh.write(b"")})


def test_csv_failure_midway_keeps_both_files(plan, tmp_path, monkeypatch):
    path = tmp_path / "plan.csv"
    io_csv.to_csv(plan, path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = []

    def failing(frame, fh):
        calls.append(1)
        fh.write(b"date,week\r\n2026-")
        if len(calls) == 2:
            raise RuntimeError("serialiser broke")

    monkeypatch.setattr(io_csv, "write_csv", failing)
    with pytest.raises(RuntimeError, match="serialiser broke"):
        io_csv.to_csv(plan, path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("writer", ["to_ics", "to_html"])
def test_ics_and_html_failure_midway(plan, tmp_path, monkeypatch, writer):
    path = tmp_path / "out"
    path.write_bytes(b"previous export")

    def half(data):
        def write(fh):
            fh.write(data[: len(data) // 2])
            raise RuntimeError("interrupted")
        return write

    module = ics if writer == "to_ics" else html_report
    monkeypatch.setattr(module, "bytes_writer", half)
    monkeypatch.setattr(html_report, "_charts", lambda plan: [])
    with pytest.raises(RuntimeError, match="interrupted"):
        getattr(module, writer)(plan, path)
    assert path.read_bytes() == b"previous export"
    assert os.listdir(tmp_path) == ["out"]


# --------------------------------------------------------------------------- CSV
def test_weeks_csv_path(tmp_path):
    assert io_csv.weeks_csv_path(tmp_path / "plan.csv") == tmp_path / "plan.weeks.csv"
    assert io_csv.weeks_csv_path(tmp_path / "my.plan.csv") == tmp_path / "my.plan.weeks.csv"
    assert io_csv.weeks_csv_path(tmp_path / "plan") == tmp_path / "plan.weeks.csv"


def test_csv_two_files(any_plan, tmp_path):
    out = any_plan.to_csv(str(tmp_path / "plan.csv"))
    assert out == tmp_path / "plan.csv"
    assert sorted(os.listdir(tmp_path)) == ["plan.csv", "plan.weeks.csv"]
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets detect UTF-8
    s = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(s.columns) == [*SESSION_COLUMNS, "pace_fast", "pace_slow"]
    assert len(s) == len(any_plan.sessions)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in s.date)
    assert s.date.tolist() == [d.strftime("%Y-%m-%d") for d in any_plan.sessions.date]
    assert s.description.tolist() == any_plan.sessions.description.tolist()
    np.testing.assert_allclose(s.distance_km, any_plan.sessions.distance_km)
    units = any_plan.inputs.units
    for got, pace in zip(s.pace_fast, any_plan.sessions.pace_fast_s_per_km, strict=True):
        assert got == ("" if np.isnan(pace) else format_pace(pace, units))
    w = pd.read_csv(tmp_path / "plan.weeks.csv", encoding="utf-8-sig")
    assert list(w.columns) == list(WEEK_COLUMNS)
    assert len(w) == len(any_plan.weeks)
    assert w.start_date.tolist() == [d.strftime("%Y-%m-%d") for d in any_plan.weeks.start_date]
    assert w.is_race_week.tolist() == any_plan.weeks.is_race_week.tolist()


# --------------------------------------------------------------------------- JSON
def _strict_loads(text):
    def bad(name):
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(text, parse_constant=bad)


def test_json_round_trip(any_plan):
    text = io_json.to_json(any_plan)
    doc = _strict_loads(text)
    assert doc["format"] == "speedfirst-plan" and doc["version"] == 1
    assert set(doc) == {"format", "version", "inputs", "weeks", "sessions", "zones", "goal",
                        "warnings"}
    assert doc["inputs"] == any_plan.inputs.to_dict()
    back = Plan.from_json(text)
    assert isinstance(back, Plan)
    for name in ("weeks", "sessions", "zones"):
        assert_frame_equal(getattr(back, name), getattr(any_plan, name), check_dtype=True,
                           check_exact=True, check_column_type=True)
    assert back.inputs == any_plan.inputs
    assert back.goal == any_plan.goal
    assert back.warnings == any_plan.warnings
    assert io_json.to_json(back) == text


def test_json_half_marathon_keeps_hr(plan):
    p = build_plan(**PLANS["half-hr-km"])
    back = io_json.from_json(p.to_json())
    assert back.inputs.hr_max == 188.0
    assert back.zones.hr_low_bpm.notna().sum() == p.zones.hr_low_bpm.notna().sum() > 0
    assert back.inputs.race_date == dt.date(2027, 4, 18)


def test_json_frame_codec_all_dtypes():
    df = pd.DataFrame({
        "i": np.array([1, -2, 3], dtype="int64"),
        "f": [1.5, np.nan, -np.inf],
        "b": [True, False, True],
        "I": pd.array([1, None, 3], dtype="Int64"),
        "B": pd.array([True, None, False], dtype="boolean"),
        "s": pd.array(["a", None, "ü–×"], dtype="str"),
        "S": pd.array(["x", None, "z"], dtype="string"),
        "o": pd.Series(["a", 1, None], dtype=object),
        "d": pd.to_datetime(["2027-04-18", None, "2027-01-01"]).astype("datetime64[s]"),
        "t": pd.to_datetime(["2027-04-18 10:30:00.123456789", None, "2027-01-01"],
                           format="ISO8601"),
        "z": pd.to_datetime(["2027-04-18 10:30", None, "2027-01-01"], format="ISO8601").tz_localize(
            "Europe/Berlin"),
        "td": pd.to_timedelta([1, None, 3], unit="s").astype("timedelta64[s]"),
    })
    enc = io_json._frame_to_dict(df, "test")
    _strict_loads(json.dumps(enc, allow_nan=False))
    back = io_json._frame_from_dict(json.loads(json.dumps(enc)), "test")
    assert_frame_equal(back, df, check_dtype=True, check_exact=True)


def test_json_unsupported_dtype():
    df = pd.DataFrame({"c": pd.Categorical(["a", "b"])})
    with pytest.raises(TypeError, match="'c'"):
        io_json._frame_to_dict(df, "test")


@pytest.mark.parametrize(("text", "match"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a speedfirst plan"),
    ('{"format": "other"}', "not a speedfirst plan"),
    ('{"format": "speedfirst-plan", "version": 99}', "newer"),
    ('{"format": "speedfirst-plan", "version": "1"}', "invalid version"),
    ('{"format": "speedfirst-plan", "version": 1}', "damaged"),
    (b"\xff\xfe\x00", "not valid JSON"),
])
def test_from_json_bad_input(text, match):
    with pytest.raises(InputError, match=match) as err:
        io_json.from_json(text)
    assert err.value.field == "json"


def test_from_json_damaged_frame(plan):
    doc = json.loads(io_json.to_json(plan))
    doc["sessions"]["data"]["week"] = doc["sessions"]["data"]["week"][:-1]
    with pytest.raises(InputError, match="different lengths"):
        io_json.from_json(json.dumps(doc))
    doc = json.loads(io_json.to_json(plan))
    doc["weeks"]["dtypes"]["week"] = "no-such-dtype"
    with pytest.raises(InputError, match="damaged"):
        io_json.from_json(json.dumps(doc))
    doc = json.loads(io_json.to_json(plan))
    del doc["inputs"]["method"]
    with pytest.raises(InputError, match="method"):
        io_json.from_json(json.dumps(doc))


def test_from_json_not_text():
    with pytest.raises(InputError, match="must be text"):
        io_json.from_json(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- iCalendar
def test_ics(any_plan, tmp_path):
    import icalendar

    stamp = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    out = any_plan.to_ics(tmp_path / "plan.ics")
    assert out == tmp_path / "plan.ics"
    ics.to_ics(any_plan, out, dtstamp=stamp)
    raw = out.read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert "speedfirst" in str(cal["PRODID"])
    assert "2027-04-18" in str(cal["X-WR-CALNAME"])
    s = any_plan.sessions
    todo = s[s.kind != "rest"]
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(todo)
    units = any_plan.inputs.units
    uids = set()
    for ev, row in zip(events, todo.itertuples(), strict=True):
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        assert type(start) is dt.date and start == row.date.date()
        assert end - start == dt.timedelta(days=1)
        assert str(ev["SUMMARY"]).startswith(row.title)
        if row.distance_km > 0:
            assert str(ev["SUMMARY"]).endswith(f" {units}")
        assert str(ev["DESCRIPTION"]) == row.description
        assert ev["DTSTAMP"].dt == stamp
        uid = str(ev["UID"])
        tag = f"{any_plan.inputs.race_date.isoformat()}-{any_plan.inputs.method}"
        assert uid == f"speedfirst-{tag}-{start.isoformat()}-{row.kind}@speedfirst"
        uids.add(uid)
    assert len(uids) == len(events)
    race = events[-1]
    assert str(race["SUMMARY"]).startswith("Race:")
    # RFC 5545: CRLF line ends, lines folded at 75 octets
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    # reproducible with a fixed DTSTAMP
    again = tmp_path / "again.ics"
    ics.to_ics(any_plan, again, dtstamp=stamp)
    assert again.read_bytes() == raw


# --------------------------------------------------------------------------- HTML
@pytest.fixture(scope="module")
def report(tmp_path_factory):
    p = build_plan(**PLANS["half-hr-km"])
    s = p.sessions.copy()
    s.loc[s.index[1], "title"] = '<script>alert("x")</script> & co'
    p = Plan(inputs=p.inputs, weeks=p.weeks, sessions=s, zones=p.zones, goal=p.goal,
             warnings=(*p.warnings, "<b>bold</b> warning"))
    path = tmp_path_factory.mktemp("html") / "plan.html"
    out = html_report.to_html(p, path)
    assert out == path
    return p, path.read_text(encoding="utf-8")


def _outside_scripts(text):
    return re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S | re.I)


def test_html_self_contained(report):
    _, text = report
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", text, re.I)
    # the one link is the icon, inline as a data: URL
    assert re.findall(r"<link\b[^>]*>", text, re.I) == [
        f'<link rel="icon" type="image/svg+xml" href="{html_report._icon_url()}">']
    assert html_report._icon_url().startswith("data:image/svg+xml,%3Csvg")
    assert not re.search(r"<img\b|<iframe\b|@import|url\(", _outside_scripts(text), re.I)
    assert "http://" not in _outside_scripts(text)
    assert "https://" not in _outside_scripts(text)


def test_html_plotly_inlined_once(report):
    _, text = report
    assert text.count('class="plotly-graph-div"') == 4
    # plotly.js's basic bundle (1.2 MB, not the full 4.8 MB one), once, before the charts
    assert len(re.findall(r"\* plotly\.js \(basic - minified\) v\d", text)) == 1
    assert text.index("* plotly.js (basic") < text.index('class="plotly-graph-div"')
    assert len(text) < 1_600_000


def test_html_contents(report):
    p, text = report
    assert '<meta charset="utf-8">' in text
    for section in ("inputs", "goal", "warnings", "charts", "zones", "weeks", "sessions"):
        assert f'<section id="{section}">' in text
    assert p.goal.verdict.capitalize() in text
    body = _outside_scripts(text)
    assert "Week" in body and "Key sessions" in body
    assert "Distance [km]" in body  # the plan's units
    assert body.count("<tr>") >= len(p.sessions) + len(p.weeks) + len(p.zones)
    assert "188 beats/min" in body  # HRmax in the inputs


def test_html_escapes_text(report):
    _, text = report
    body = _outside_scripts(text)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in body
    assert "&lt;b&gt;bold&lt;/b&gt; warning" in body
    assert "<b>bold</b>" not in text


def test_import_is_light():
    code = ("import sys, speedfirst, speedfirst.io, speedfirst.training_load, speedfirst.plan; "
            "print('plotly' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- in memory
def test_to_bytes_matches_files(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(html_report, "_charts", lambda plan: [])
    files = downloads.to_bytes(plan)
    stem = "speedfirst-2027-04-18"
    assert list(files) == [f"{stem}.csv", f"{stem}.weeks.csv", f"{stem}.json", f"{stem}.ics",
                           f"{stem}.html", f"{stem}.workouts.zip", f"{stem}.workouts.txt"]
    assert files[f"{stem}.csv"][0] == "text/csv"
    io_csv.to_csv(plan, tmp_path / "p.csv")
    assert files[f"{stem}.csv"][1] == (tmp_path / "p.csv").read_bytes()
    assert files[f"{stem}.weeks.csv"][1] == (tmp_path / "p.weeks.csv").read_bytes()
    assert io_json.from_json(files[f"{stem}.json"][1]).inputs == plan.inputs
    assert files[f"{stem}.ics"][1].startswith(b"BEGIN:VCALENDAR\r\n")
    assert files[f"{stem}.html"][1].startswith(b"<!DOCTYPE html>")
    assert files[f"{stem}.workouts.zip"][0] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}.workouts.zip"][1])) as zf:
        assert zf.testzip() is None and len(zf.namelist()) == len(workout_sessions(plan))
    assert files[f"{stem}.workouts.txt"] == ("text/plain",
                                             plan_workouts_text(plan).encode("utf-8"))
    assert list(downloads.to_bytes(plan, ("json",))) == [f"{stem}.json"]
    with pytest.raises(InputError, match="unknown export format"):
        downloads.to_bytes(plan, ("pdf",))


def test_csv_writer_to_memory(plan):
    buf = io.BytesIO()
    io_csv.write_csv(plan.weeks, buf)
    assert buf.getvalue().count(b"\r\n") == len(plan.weeks) + 1
