"""intervals.icu workout text: exact text for rep, continuous and goal-pace sessions,
written out by hand from the rows' numbers."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import pytest

from speedfirst.errors import InputError
from speedfirst.io import intervals_icu
from speedfirst.io.fit import Repeat, Step, easy_band
from speedfirst.io.intervals_icu import plan_workouts_text, workout_text
from speedfirst.plan import build_plan

EASY = (300.0, 360.0)  # 5:00-6:00/km, 8:03-9:39/mi

REPS = {"date": "2027-01-05", "weekday": "tuesday", "title": "VO2max reps", "kind": "key",
        "zone": "VO2max", "minutes": 50.0, "rep_s": 180.0, "reps_min": 2, "reps_max": 6,
        "recovery_s": 150.0, "pace_fast_s_per_km": 240.0, "pace_slow_s_per_km": 250.0,
        "description": "Warm up 12 min easy; 2–6 × 3 min at hard effort; jog a little less "
                       "than each rep. Start with 2; cool down 12 min. About 50 min."}
SPRINTS = dict(REPS, title="Sprints", zone="speed", rep_s=8.0, reps_max=10, recovery_s=240.0,
               description="Warm up 15 min easy; 2–10 × 8 s; stand or walk 3–5 min between "
                           "sprints; cool down 15 min.")
CONTINUOUS = {"date": "2027-02-11", "weekday": "thursday", "title": "Threshold run",
              "kind": "key", "zone": "acidosis threshold", "minutes": 50.0, "rep_s": 1200.0,
              "reps_min": 1, "reps_max": 1, "recovery_s": math.nan,
              "pace_fast_s_per_km": 225.0, "pace_slow_s_per_km": 228.0,
              "description": "Warm up 15 min easy; 20 min continuous at acidosis threshold; "
                             "cool down 15 min."}
GOAL_LONG = {"date": "2027-03-21", "weekday": "sunday", "title": "Long run with goal pace",
             "kind": "long", "zone": "goal pace", "minutes": 110.0, "rep_s": 3000.0,
             "reps_min": 1, "reps_max": 1, "recovery_s": math.nan,
             "pace_fast_s_per_km": 235.0, "pace_slow_s_per_km": 235.4,
             "description": "25 km: the first 12 km easy, then the last 50 min at goal pace."}


def test_rep_session_exact_text() -> None:
    assert workout_text(REPS, EASY, "km") == (
        "Warm up\n"
        "- 12m 5:00-6:00/km Pace\n"
        "\n"
        "Stop when one more would be exhausting 6x\n"
        "- 3m 4:00-4:10/km Pace\n"
        "- Jog 2m30s\n"
        "\n"
        "Cool down\n"
        "- 12m 5:00-6:00/km Pace")
    # 240 s/km = 386.2 s/mi, 250 -> 402.3, 300 -> 482.8, 360 -> 579.4
    assert workout_text(REPS, EASY, "mi") == (
        "Warm up\n"
        "- 12m 8:03-9:39/mi Pace\n"
        "\n"
        "Stop when one more would be exhausting 6x\n"
        "- 3m 6:26-6:42/mi Pace\n"
        "- Jog 2m30s\n"
        "\n"
        "Cool down\n"
        "- 12m 8:03-9:39/mi Pace")


def test_sprints_stand_or_walk_exact_text() -> None:
    assert workout_text(SPRINTS, EASY) == (
        "Warm up\n- 15m 5:00-6:00/km Pace\n\n"
        "Stop when one more would be exhausting 10x\n- 8s 4:00-4:10/km Pace\n"
        "- Stand or walk 4m\n\n"
        "Cool down\n- 15m 5:00-6:00/km Pace")


def test_continuous_session_exact_text() -> None:
    assert workout_text(CONTINUOUS, EASY, "km") == (
        "Warm up\n- 15m 5:00-6:00/km Pace\n\n"
        "Acidosis threshold\n- 20m 3:45-3:48/km Pace\n\n"
        "Cool down\n- 15m 5:00-6:00/km Pace")
    assert "x\n" not in workout_text(CONTINUOUS, EASY, "km")  # no repeat block


def test_goal_pace_long_run_exact_text() -> None:
    # 110 min - 50 min = 1 h easy; the band 235.0-235.4 s/km rounds to one pace
    assert workout_text(GOAL_LONG, EASY, "km") == (
        "Easy\n- 1h 5:00-6:00/km Pace\n\n"
        "Goal pace\n- 50m 3:55/km Pace")


# --------------------------------------------------------------------------
# rows of real plans, expectations computed here from their numbers
# --------------------------------------------------------------------------
def _pace(s_per_km: float, units: str) -> str:
    per_unit = s_per_km * (1.609344 if units == "mi" else 1.0)
    total = math.floor(per_unit + 0.5)
    return f"{total // 60}:{total % 60:02d}"


def _band(fast: float, slow: float, units: str) -> str:
    a, b = _pace(fast, units), _pace(slow, units)
    return f"{a}/{units} Pace" if a == b else f"{a}-{b}/{units} Pace"


def _dur(seconds: float) -> str:
    s = round(seconds)
    return (f"{s // 3600}h" if s >= 3600 else "") + (f"{s % 3600 // 60}m" if s % 3600 >= 60
                                                     else "") + (f"{s % 60}s" if s % 60 else "")


def _first(plan: Any, **where: Any) -> pd.Series:
    s = plan.sessions
    mask = pd.Series(True, index=s.index)
    for col, value in where.items():
        mask &= s[col] == value
    return s[mask].iloc[0]


@pytest.mark.parametrize("units", ["km", "mi"])
def test_plan_rows_match_their_numbers(units: str) -> None:
    p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
                   goal_time_s=9900, today="2026-11-23", units=units)
    easy = easy_band(p)
    e = _band(*easy, units)
    warm_re = re.compile(r"Warm up (\d+) min")

    def work(row: pd.Series) -> str:
        return _band(row["pace_fast_s_per_km"], row["pace_slow_s_per_km"], units)

    row = _first(p, title="Long sprints")
    warm = int(warm_re.search(row["description"]).group(1))
    assert workout_text(row, easy, units) == (
        f"Warm up\n- {warm}m {e}\n\n"
        f"Stop when one more would be exhausting {int(row['reps_max'])}x\n"
        f"- {_dur(row['rep_s'])} {work(row)}\n"
        f"- Jog {_dur(row['recovery_s'])}\n\n"
        f"Cool down\n- {warm}m {e}")

    row = _first(p, title="Threshold run")
    warm = int(warm_re.search(row["description"]).group(1))
    assert workout_text(row, easy, units) == (
        f"Warm up\n- {warm}m {e}\n\n"
        f"Acidosis threshold\n- {_dur(row['rep_s'])} {work(row)}\n\n"
        f"Cool down\n- {warm}m {e}")

    row = _first(p, kind="long", zone="goal pace")
    assert workout_text(row, easy, units) == (
        f"Easy\n- {_dur(row['minutes'] * 60 - row['rep_s'])} {e}\n\n"
        f"Goal pace\n- {_dur(row['rep_s'])} {work(row)}")


def test_plan_text_has_a_dated_heading_per_workout() -> None:
    p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
                   goal_time_s=4700, today="2026-11-23", units="mi", race_distance="half",
                   method="traditional")
    text = plan_workouts_text(p)
    s = p.sessions
    rows = s[s["kind"].isin(["key", "long"])]
    headings = re.findall(r"^# (\d{4}-\d\d-\d\d) (\w+): (.+)$", text, re.MULTILINE)
    assert headings == [(d.date().isoformat(), w.capitalize(), t) for d, w, t in
                        zip(rows["date"], rows["weekday"], rows["title"], strict=True)]
    easy = easy_band(p)
    chunks = text.rstrip("\n").split("\n\n\n")
    assert len(chunks) == len(rows)
    for chunk, (_, row) in zip(chunks, rows.iterrows(), strict=True):
        _heading, body = chunk.split("\n\n", 1)
        assert body == workout_text(row, easy, "mi")
    assert "/mi Pace" in text and "/km" not in text  # the plan's units by default
    assert "/km Pace" in plan_workouts_text(p, "km")
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_nested_repeats_are_flattened(monkeypatch: Any) -> None:
    work = Step("work", 60.0, (240.0, 250.0), "Work")
    a, b = Step("work", 20.0, (200.0, 200.0), "Fast"), Step("recovery", 40.0, None, "Jog")
    nested = [Repeat((work, Repeat((a, b), 2)), 3)]
    monkeypatch.setattr(intervals_icu, "session_steps", lambda row, easy: nested)
    assert workout_text(REPS, EASY) == (
        "Stop when one more would be exhausting 3x\n"
        "- 1m 4:00-4:10/km Pace\n"
        "- 20s 3:20/km Pace\n- Jog 40s\n"
        "- 20s 3:20/km Pace\n- Jog 40s")


def test_bad_units_and_non_workout_days_fail() -> None:
    with pytest.raises(InputError):
        workout_text(REPS, EASY, "miles")
    with pytest.raises(ValueError, match="a race day"):
        workout_text(dict(GOAL_LONG, kind="race"), EASY)
    with pytest.raises(ValueError, match="Warm up N min"):
        workout_text(dict(REPS, description="3 × 3 min; jog."), EASY)
