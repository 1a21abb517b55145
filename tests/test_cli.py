"""The command line: tables, JSON and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from speedfirst.cli import main


def test_predict_tables(capsys):
    assert main(["predict", "5K=18:08", "10K=37:40", "--goal", "marathon=2:35:00"]) == 0
    out = capsys.readouterr().out
    assert "not yet realistic" in out
    assert "16:10" in out  # the 5K the goal needs
    assert "marathon" in out and "VO2max" in out and "/mi" in out


def test_predict_json_in_km(capsys):
    assert main(["predict", "5K=20:00", "--units", "km", "--json", "--hr-max", "190"]) == 0
    data = json.loads(capsys.readouterr().out)
    zones = {z["zone"]: z for z in data["zones"]}
    assert zones["VO2max"]["pace_fast_s_per_mi"] == pytest.approx(1200 / 5 * 1.609344 - 9)
    assert zones["speed"]["hr_low_bpm"] is None  # NaN becomes null
    assert zones["acidosis threshold"]["hr_low_bpm"] == 162
    assert {p["model"] for p in data["predictions"]} == {"daniels", "riegel", "cameron"}
    assert "goal" not in data


def test_predict_goal_json(capsys):
    assert main(["predict", "5K=18:08", "--goal", "2:35:00", "--json"]) == 0
    goal = json.loads(capsys.readouterr().out)["goal"]
    assert goal["verdict"] == "not yet realistic"
    assert 960 <= goal["required_times_s"]["5000.0"] <= 975


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["predict", "5K=18:6O"], "18:6O"),
        (["predict", "5K=11:00"], "world record"),
        (["predict", "fivek=18:00"], "fivek"),
        (["predict", "5K=18:08", "--goal", "marathon=1:30:00"], "goal"),
        (["predict"], "DIST=TIME"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, needle, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_console_script_runs_as_a_process():
    bad = subprocess.run([sys.executable, "-m", "speedfirst.cli", "predict", "10K=abc"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "'abc'" in bad.stderr and "Traceback" not in bad.stderr


PLAN_ARGS = ["--race-date", "2027-04-18", "--peak", "55mi", "5K=18:08", "--goal", "2:45:00",
             "--today", "2026-11-23"]


def test_plan_prints_week_table(capsys):
    assert main(["plan", *PLAN_ARGS]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("speed-first plan for the marathon on 2027-04-18 (21 weeks)")
    assert "Sprints, Sprints" in lines[2]  # week 1 key sessions
    assert "Race: marathon" in out and "Specific Preparation" in out


@pytest.mark.parametrize("ext", [".csv", ".ics", ".json", ".html"])
def test_plan_out_format_from_extension(ext, tmp_path, capsys):
    from speedfirst import build_plan_from_json

    out = tmp_path / f"plan{ext}"
    assert main(["plan", *PLAN_ARGS, "--method", "traditional", "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    data = out.read_bytes()
    if ext == ".json":
        plan = build_plan_from_json(data.decode())
        assert plan.inputs.method == "traditional" and plan.inputs.peak_weekly == 55
    elif ext == ".ics":
        assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.count(b"BEGIN:VEVENT") > 100
    elif ext == ".csv":
        assert data.decode("utf-8-sig").startswith("date,")
        assert (tmp_path / "plan.weeks.csv").exists()
    else:
        assert b"<html" in data[:300].lower() and b"Plotly" in data


def test_report_and_km_peak(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--race-date", "2027-04-18", "--peak", "90km", "10K=40:00",
                 "--goal", "half=1:25:00", "--today", "2026-11-23", "--out", str(out)]) == 0
    text = out.read_text()
    assert "half" in text.lower() and "km" in text


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--race-date", "2020-01-01"], "in the past"),
        (["--peak", "5000mi"], "10 to 200 mi"),
        (["--peak", "lots"], "55mi or 90km"),
        (["--out", "plan.pdf"], ".csv, .ics, .json, .html"),
        (["--method", "magic"], "invalid choice"),
        (["--general-weeks", "2"], "from 4 to 24"),
    ],
)
def test_plan_bad_input(extra, needle, capsys):
    assert main(["plan", *PLAN_ARGS, *extra]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


# --------------------------------------------------------------------------
# --mileage (Vickers–Vertosick) and workout exports
# --------------------------------------------------------------------------
def test_predict_mileage_adds_vickers_row_and_sentence(capsys):
    assert main(["predict", "half=1:30:00", "--goal", "3:15:00", "--mileage", "40mi"]) == 0
    out = capsys.readouterr().out
    marathon = next(line for line in out.splitlines() if line.startswith("marathon"))
    assert marathon.split()[-1] == "3:20:24"  # 12024.26 s, hand-computed
    assert "at 40 mi a week Vickers predicts about 3:20" in out


@pytest.mark.parametrize("volume", ["64.37km", "64.37 km"])
def test_predict_mileage_in_km_json(volume, capsys):
    assert main(["predict", "half=1:30:00", "--json", "--mileage", volume]) == 0
    data = json.loads(capsys.readouterr().out)
    (row,) = [p for p in data["predictions"] if p["model"] == "vickers"]
    assert row["distance"] == "marathon"
    assert row["time_s"] == pytest.approx(12024.26, abs=0.2)
    assert data["weekly_mileage"] == {"value": 64.37, "units": "km"}


def test_predict_without_mileage_has_no_vickers(capsys):
    assert main(["predict", "half=1:30:00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "vickers" not in {p["model"] for p in data["predictions"]}


@pytest.mark.parametrize(
    ("volume", "needle"),
    [("lots", "weekly volume"), ("250mi", "0 to 200 mi"), ("400km", "0 to 321.9 km")],
)
def test_predict_bad_mileage_is_one_line_exit_2(volume, needle, capsys):
    assert main(["predict", "half=1:30:00", "--mileage", volume]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def cli_plan():
    from speedfirst import build_plan

    return build_plan(race_date="2027-04-18", peak_weekly=55, units="mi",
                      races={5000.0: 18 * 60 + 8}, goal_time_s=2 * 3600 + 45 * 60,
                      today="2026-11-23")


def test_plan_out_zip_holds_one_fit_workout_per_key_session_and_long_run(tmp_path, cli_plan,
                                                                        capsys):
    import zipfile

    from garmin_fit_sdk import Decoder, Stream

    from speedfirst.io.fit import session_fit_name

    out = tmp_path / "workouts.zip"
    assert main(["plan", *PLAN_ARGS, "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    s = cli_plan.sessions
    rows = s[s["kind"].isin(["key", "long"])]
    assert len(rows) > 20
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert sorted(names) == sorted(session_fit_name(r) for _, r in rows.iterrows())
        data = z.read(names[0])
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    (workout,) = messages["workout_mesgs"]
    assert workout["num_valid_steps"] >= 1


def test_plan_out_txt_is_the_intervals_icu_text(tmp_path, cli_plan, capsys):
    from speedfirst.io.intervals_icu import plan_workouts_text

    out = tmp_path / "workouts.txt"
    assert main(["plan", *PLAN_ARGS, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == plan_workouts_text(cli_plan)


def test_plan_out_into_missing_folder_is_exit_2(tmp_path, capsys):
    out = tmp_path / "nope" / "workouts.txt"
    code = main(["plan", *PLAN_ARGS, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
