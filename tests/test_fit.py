"""FIT workout files: every key session and long run of several plans, encoded
with speedfirst.io.fit and decoded by two independent decoders (Garmin's FIT
SDK and fitdecode); expectations come from the session rows themselves."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import fitdecode
import pandas as pd
import pytest
from garmin_fit_sdk import Decoder, Stream

from speedfirst.io import fit
from speedfirst.io.fit import easy_band, plan_workouts_zip, session_fit_name, workout_fit
from speedfirst.plan import build_plan

COMMON = dict(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
              today="2026-11-23")
PLANS = {
    "speed-first-km": dict(COMMON, goal_time_s=9900, units="km"),
    "traditional-mi": dict(COMMON, goal_time_s=9900, units="mi", method="traditional"),
    "half-mi": dict(COMMON, goal_time_s=4700, units="mi", race_distance="half"),
    "traditional-half-km": dict(COMMON, goal_time_s=4700, units="km", method="traditional",
                                race_distance="half"),
}
SPEED_TOL = 0.001  # m/s: FIT stores speed in mm/s
CREATED = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module", params=list(PLANS))
def plan(request: pytest.FixtureRequest) -> Any:
    return build_plan(**PLANS[request.param])


def _workout_rows(plan: Any) -> list[pd.Series]:
    s = plan.sessions
    return [row for _, row in s[s["kind"].isin(["key", "long"])].iterrows()]


# --------------------------------------------------------------------------
# decoding, two ways, to one plain form
# --------------------------------------------------------------------------
def _sdk(data: bytes) -> dict[str, Any]:
    def decoder() -> Decoder:  # a fresh stream each time: every call reads it from the start
        return Decoder(Stream.from_byte_array(bytearray(data)))

    assert decoder().is_fit()
    assert decoder().check_integrity()
    messages, errors = decoder().read()
    assert errors == []
    steps = [{
        "index": m["message_index"],
        "duration_type": m["duration_type"],
        "seconds": m.get("duration_time"),
        "first": m.get("duration_step"),
        "count": m.get("repeat_steps"),
        "target_type": m.get("target_type"),
        "low": m.get("custom_target_speed_low"),
        "high": m.get("custom_target_speed_high"),
        "intensity": m.get("intensity"),
        "name": m.get("wkt_step_name"),
        "notes": m.get("notes"),
    } for m in messages["workout_step_mesgs"]]
    (file_id,) = messages["file_id_mesgs"]
    (workout,) = messages["workout_mesgs"]
    return {"type": file_id["type"], "num_valid_steps": workout["num_valid_steps"],
            "sport": workout["sport"], "name": workout["wkt_name"],
            "serial": file_id["serial_number"], "steps": steps}


def _fitdecode(data: bytes) -> dict[str, Any]:
    msgs: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                             error_handling=fitdecode.ErrorHandling.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                msgs.setdefault(frame.name, []).append(
                    {f.name: f.value for f in frame.fields})
    steps = [{
        "index": m["message_index"],
        "duration_type": m["duration_type"],
        "seconds": m.get("duration_time"),
        "first": m.get("duration_step"),
        "count": m.get("repeat_steps"),
        "target_type": m.get("target_type"),
        "low": m.get("custom_target_speed_low"),
        "high": m.get("custom_target_speed_high"),
        "intensity": m.get("intensity"),
        "name": m.get("wkt_step_name"),
        "notes": m.get("notes"),
    } for m in msgs["workout_step"]]
    (file_id,) = msgs["file_id"]
    (workout,) = msgs["workout"]
    return {"type": file_id["type"], "num_valid_steps": workout["num_valid_steps"],
            "sport": workout["sport"], "name": workout["wkt_name"],
            "serial": file_id["serial_number"], "steps": steps}


def _decode_both(data: bytes) -> dict[str, Any]:
    """Decode with both decoders and require that they agree."""
    a, b = _sdk(data), _fitdecode(data)
    assert a["type"] == b["type"] == "workout"
    assert a["sport"] == b["sport"] == "running"
    assert a["name"] == b["name"]
    assert a["num_valid_steps"] == b["num_valid_steps"] == len(a["steps"]) == len(b["steps"])
    for sa, sb in zip(a["steps"], b["steps"], strict=True):
        for key in ("seconds", "low", "high"):
            if sa[key] is None or sb[key] is None:
                assert sa[key] is sb[key] is None, key
            else:
                assert sa[key] == pytest.approx(sb[key], abs=1e-9), key
        for key in ("index", "duration_type", "first", "count", "target_type", "intensity",
                    "name", "notes"):
            assert sa[key] == sb[key], key
    assert [s["index"] for s in a["steps"]] == list(range(len(a["steps"])))
    return a


# --------------------------------------------------------------------------
# expectations from the row
# --------------------------------------------------------------------------
def _speeds(fast: float, slow: float) -> tuple[float, float]:
    return 1000.0 / slow, 1000.0 / fast


def _assert_speed(step: dict[str, Any], fast: float, slow: float) -> None:
    low, high = _speeds(fast, slow)
    assert step["target_type"] == "speed"
    assert step["low"] == pytest.approx(low, abs=SPEED_TOL)
    assert step["high"] == pytest.approx(high, abs=SPEED_TOL)
    assert step["low"] <= step["high"]


def _warm_cool(description: str) -> tuple[float, float]:
    warm = re.search(r"Warm up (\d+) min", description)
    cool = re.search(r"cool down (\d+) min", description)
    assert warm and cool, description
    return float(warm.group(1)) * 60.0, float(cool.group(1)) * 60.0


def _check_session(row: pd.Series, easy: tuple[float, float], decoded: dict[str, Any]) -> str:
    """Assert the decoded steps match the row; returns the session's shape."""
    steps = decoded["steps"]
    fast, slow = row["pace_fast_s_per_km"], row["pace_slow_s_per_km"]
    if row["kind"] == "long" and row["zone"] == "goal pace":
        assert len(steps) == 2
        easy_part, gp = steps
        assert easy_part["seconds"] == pytest.approx(row["minutes"] * 60.0 - row["rep_s"])
        _assert_speed(easy_part, *easy)
        assert gp["seconds"] == pytest.approx(row["rep_s"])  # the run ends at goal pace
        _assert_speed(gp, fast, slow)
        assert all(s["duration_type"] == "time" for s in steps)
        return "goal-pace long run"
    if row["kind"] == "long":
        (only,) = steps
        assert only["seconds"] == pytest.approx(row["minutes"] * 60.0)
        _assert_speed(only, *easy)
        return "easy long run"
    assert row["kind"] == "key"
    warm, cool = _warm_cool(row["description"])
    assert steps[0]["intensity"] == "warmup" and steps[0]["seconds"] == pytest.approx(warm)
    assert steps[-1]["intensity"] == "cooldown" and steps[-1]["seconds"] == pytest.approx(cool)
    _assert_speed(steps[0], *easy)
    _assert_speed(steps[-1], *easy)
    work = steps[1]
    assert work["duration_type"] == "time"
    assert work["seconds"] == pytest.approx(row["rep_s"])
    _assert_speed(work, fast, slow)
    if math.isnan(row["recovery_s"]) or row["reps_max"] == 1:
        assert len(steps) == 3
        assert not any(s["duration_type"] == "repeat_until_steps_cmplt" for s in steps)
        assert row["reps_max"] == 1
        return "continuous"
    assert len(steps) == 5
    rec, rep = steps[2], steps[3]
    assert rec["duration_type"] == "time"
    assert rec["seconds"] == pytest.approx(row["recovery_s"])
    assert rec["target_type"] == "open"
    jog = "jog" in row["description"]
    assert rec["intensity"] == ("recovery" if jog else "rest")
    assert rep["duration_type"] == "repeat_until_steps_cmplt"
    assert rep["first"] == work["index"] == 1
    assert rep["count"] == int(row["reps_max"])
    assert "stop when one more would be exhausting" in rep["notes"]
    return "jog reps" if jog else "walk reps"


def test_every_key_session_and_long_run_round_trips(plan: Any) -> None:
    easy = easy_band(plan)
    z = plan.zones.set_index("zone").loc["easy"]
    assert easy == (z.pace_fast_s_per_km, z.pace_slow_s_per_km)
    shapes: dict[str, int] = {}
    rows = _workout_rows(plan)
    assert len(rows) > 20
    for row in rows:
        data = workout_fit(row, easy, f"W {row['title']}", created=CREATED)
        decoded = _decode_both(data)
        assert decoded["name"] == f"W {row['title']}"
        shape = _check_session(row, easy, decoded)
        shapes[shape] = shapes.get(shape, 0) + 1
    # every shape the plan can make is exercised, so no check above is vacuous
    assert shapes.get("continuous", 0) > 0
    assert shapes.get("goal-pace long run", 0) > 0
    assert shapes.get("easy long run", 0) > 0
    assert shapes.get("jog reps", 0) > 0
    if plan.inputs.method == "speed-first":
        assert shapes.get("walk reps", 0) > 0


def test_known_session_bytes_decode_to_hand_numbers() -> None:
    """A synthetic row with round numbers: the raw FIT values are known exactly."""
    row = {"date": "2027-03-02", "title": "VO2max reps", "kind": "key", "zone": "VO2max",
           "description": "Warm up 12 min easy; 2–6 × 3 min; jog about as long as each rep; "
                          "cool down 10 min.",
           "minutes": 50.0, "rep_s": 180.0, "reps_min": 2, "reps_max": 6,
           "recovery_s": 150.0, "pace_fast_s_per_km": 200.0, "pace_slow_s_per_km": 250.0}
    data = workout_fit(row, (250.0, 400.0), "x", created=CREATED)
    decoded = _decode_both(data)
    s = decoded["steps"]
    assert [x["seconds"] for x in s] == [720.0, 180.0, 150.0, None, 600.0]
    assert (s[1]["low"], s[1]["high"]) == (4.0, 5.0)
    assert (s[0]["low"], s[0]["high"]) == (2.5, 4.0)
    assert (s[3]["first"], s[3]["count"]) == (1, 6)
    assert [x["intensity"] for x in s] == ["warmup", "active", "recovery", None, "cooldown"]


def test_same_input_same_bytes_and_distinct_serials(plan: Any) -> None:
    easy = easy_band(plan)
    a, b = _workout_rows(plan)[:2]
    assert workout_fit(a, easy, "n", created=CREATED) == workout_fit(a, easy, "n",
                                                                     created=CREATED)
    assert _sdk(workout_fit(a, easy, "n"))["serial"] != _sdk(workout_fit(b, easy, "n"))["serial"]


def test_non_workout_days_and_missing_warm_up_fail_loudly() -> None:
    p = build_plan(**PLANS["speed-first-km"])
    easy = easy_band(p)
    s = p.sessions
    for kind in ("race", "rest"):
        row = s[s["kind"] == kind].iloc[0]
        with pytest.raises(ValueError, match=f"a {kind} day"):
            workout_fit(row, easy, "x")
    key = s[s["kind"] == "key"].iloc[0].copy()
    key["description"] = key["description"].replace("Warm up", "Jog")
    with pytest.raises(ValueError, match="Warm up N min"):
        workout_fit(key, easy, "x")
    reps = s[(s["kind"] == "key") & s["recovery_s"].notna() & (s["reps_max"] > 1)].iloc[0].copy()
    reps["description"] = re.sub(r"\b(jog|walk)\b", "go", reps["description"])
    with pytest.raises(ValueError, match="neither jog nor walk"):
        workout_fit(reps, easy, "x")


def test_session_fit_name() -> None:
    p = build_plan(**PLANS["traditional-mi"])
    s = p.sessions
    row = s[s["date"] == pd.Timestamp("2027-03-21")].iloc[0]
    assert session_fit_name(row) == "2027-03-21_long-run-with-goal-pace.fit"
    assert session_fit_name({"date": dt.date(2027, 1, 5), "title": "VO2max reps"}) == \
        "2027-01-05_vo2max-reps.fit"


# --------------------------------------------------------------------------
# the zip
# --------------------------------------------------------------------------
def test_zip_holds_one_decodable_file_per_workout(plan: Any, tmp_path: Path) -> None:
    target = tmp_path / "workouts.zip"
    assert plan_workouts_zip(plan, target) == target
    rows = _workout_rows(plan)
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert len(names) == len(set(names)) == len(rows)
        assert names == [session_fit_name(r) for r in rows]
        easy = easy_band(plan)
        for name, row in zip(names, rows, strict=True):
            decoded = _decode_both(zf.read(name))
            assert decoded["name"] == f"{name[:10]} {row['title']}"
            _check_session(row, easy, decoded)
    assert [p.name for p in tmp_path.iterdir()] == ["workouts.zip"]


def test_zip_in_memory_is_the_file(plan: Any, tmp_path: Path) -> None:
    when = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    data = fit.plan_workouts_zip_bytes(plan, created=when)
    assert data == plan_workouts_zip(plan, tmp_path / "w.zip", created=when).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == [session_fit_name(r) for r in _workout_rows(plan)]


def test_zip_names_stay_unique_for_same_day_same_title(tmp_path: Path) -> None:
    p = build_plan(**PLANS["speed-first-km"])
    s = p.sessions.copy()
    i, j = s.index[s["kind"] == "key"][:2]
    s.loc[j, "date"] = s.loc[i, "date"]
    dup = type(p)(inputs=p.inputs, weeks=p.weeks, sessions=s, zones=p.zones, goal=p.goal)
    with zipfile.ZipFile(plan_workouts_zip(dup, tmp_path / "w.zip")) as zf:
        names = zf.namelist()
    assert len(names) == len(set(names))
    first = session_fit_name(s.loc[i])
    assert first in names and first.replace(".fit", "-2.fit") in names


@pytest.mark.parametrize("existing", [False, True])
def test_interrupted_zip_write_leaves_target_alone(tmp_path: Path, monkeypatch: Any,
                                                  existing: bool) -> None:
    p = build_plan(**PLANS["speed-first-km"])
    target = tmp_path / "workouts.zip"
    if existing:
        target.write_bytes(b"old")
    real = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def failing(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(OSError, match="disk full"):
        plan_workouts_zip(p, target)
    assert calls["n"] == 3  # it did fail mid-write, after two members
    if existing:
        assert target.read_bytes() == b"old"
        assert [x.name for x in tmp_path.iterdir()] == ["workouts.zip"]
    else:
        assert not target.exists()
        assert list(tmp_path.iterdir()) == []


def test_encoding_error_writes_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    p = build_plan(**PLANS["speed-first-km"])
    real = fit.workout_fit
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> bytes:
        calls["n"] += 1
        if calls["n"] == 5:
            raise ValueError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(fit, "workout_fit", failing)
    with pytest.raises(ValueError, match="boom"):
        plan_workouts_zip(p, tmp_path / "w.zip")
    assert list(tmp_path.iterdir()) == []
