"""The ``speedfirst`` command line.

Every sub-command turns text into numbers at this edge, calls the library and
prints a table (or JSON). Bad input exits with code 2 and one line on stderr,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from speedfirst import serve
from speedfirst.errors import InputError
from speedfirst.io import to_csv, to_ics, to_json
from speedfirst.io.files import write_text
from speedfirst.io.fit import plan_workouts_zip
from speedfirst.io.intervals_icu import plan_workouts_text
from speedfirst.limits import parse_race
from speedfirst.mileage import assess_goal, race_predictions
from speedfirst.plan import Plan, build_plan
from speedfirst.text import format_distance, format_pace, format_time, parse_time
from speedfirst.zones import pace_zones

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(message)


def _races(tokens: Sequence[str]) -> dict[float, float]:
    races: dict[float, float] = {}
    for tok in tokens:
        d, t = parse_race(tok)
        races[d] = t
    if not races:
        raise InputError("give at least one race as DIST=TIME, e.g. 5K=18:08")
    return races


def _table(df: pd.DataFrame) -> str:
    return df.to_string(index=False)


def _clean(value: Any) -> Any:
    """JSON-safe: NaN becomes null, numpy scalars become Python numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _predict(args: argparse.Namespace) -> str:
    races = _races(args.races)
    if args.goal:
        args.goal = _goal_arg(args.goal)
    units = args.units
    mileage = _volume(args.mileage, units, "weekly_mileage") if args.mileage else None
    by_mileage: dict[str, Any] = (
        {} if mileage is None else {"weekly_mileage": mileage[0], "mileage_units": mileage[1]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pred = race_predictions(races, **by_mileage)
        goal = assess_goal(races, *args.goal, **by_mileage) if args.goal else None
    notes = list(dict.fromkeys(str(w.message) for w in caught))
    zones = pace_zones(races, goal_time_s=args.goal[1] if args.goal else None,
                       goal_distance_m=args.goal[0] if args.goal else 42195.0,
                       hr_max=args.hr_max)
    if args.json:
        out: dict[str, Any] = {
            "races": [{"distance_m": d, "time_s": t} for d, t in sorted(races.items())],
            "predictions": pred.to_dict(orient="records"),
            "zones": zones.to_dict(orient="records"),
        }
        if mileage is not None:
            out["weekly_mileage"] = {"value": mileage[0], "units": mileage[1]}
            out["notes"] = notes
        if goal is not None:
            out["goal"] = {
                "verdict": goal.verdict,
                "goal_distance_m": goal.goal_distance_m,
                "goal_time_s": goal.goal_time_s,
                "predicted_time_s": goal.predicted_time_s,
                "gap_pct": goal.gap_pct,
                "required_times_s": {str(k): v for k, v in goal.required_times_s.items()},
                "mile_time_s": goal.mile_time_s,
                "speed_reserve_s_per_mi": goal.speed_reserve_s_per_mi,
                "model": goal.model,
                "message": goal.message,
            }
        return json.dumps(_clean(out), indent=2, ensure_ascii=False)

    wide = pred.pivot(index="distance", columns="model", values="time_s")
    wide = wide.reindex(list(dict.fromkeys(pred.distance)))
    shown = wide.map(lambda t: "–" if pd.isna(t) else format_time(t))
    shown.insert(0, "distance", shown.index)
    lines = ["Predicted race times", _table(shown.reset_index(drop=True))]
    if mileage is not None:
        lines.append(f"vickers: Vickers–Vertosick at {mileage[0]:g} {mileage[1]} a week "
                     f"(marathon only)")
    lines += [f"Note: {n}" for n in notes]
    lines.append("")
    if goal is not None:
        req = ", ".join(f"{format_distance(d)} {format_time(t)}"
                        for d, t in goal.required_times_s.items())
        lines += [
            f"Goal: {format_time(goal.goal_time_s)} {format_distance(goal.goal_distance_m)}"
            f" -> {goal.verdict}",
            goal.message,
            f"Race times that predict the goal ({goal.model}): {req}",
            f"Speed reserve: {goal.speed_reserve_s_per_mi:.0f} s/mi between goal pace and "
            f"mile pace ({format_time(goal.mile_time_s)})",
            "",
        ]
    col = "mi" if units == "mi" else "km"
    zt = pd.DataFrame({
        "zone": zones.label,
        f"pace /{col}": [
            f"{format_pace(f, units)[:-len(col) - 1]}–{format_pace(s, units)}"
            for f, s in zip(zones.pace_fast_s_per_km, zones.pace_slow_s_per_km, strict=True)
        ],
        "HR %max": [
            "" if math.isnan(lo) else f"{lo:.0f}–{hi:.0f}%"
            for lo, hi in zip(zones.hr_low_pct, zones.hr_high_pct, strict=True)
        ],
        "reps": zones.rep_duration,
        "source": zones.source,
    })
    if args.hr_max:
        zt["HR bpm"] = [
            "" if math.isnan(lo) else f"{lo:.0f}–{hi:.0f}"
            for lo, hi in zip(zones.hr_low_bpm, zones.hr_high_bpm, strict=True)
        ]
    lines += ["Training zones (fastest first)", _table(zt)]
    return "\n".join(lines)


def _goal_arg(text: str) -> tuple[float, float]:
    """``--goal`` as DIST=TIME, or a bare time for a marathon goal."""
    try:
        return (42195.0, parse_time(text)) if "=" not in text else parse_race(text)
    except InputError as exc:
        raise InputError(f"goal {exc}", field="goal_time_s") from None


_PEAK_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mi|miles?|km|k)?\s*$", re.IGNORECASE)


def _volume(text: str, default_units: str, field: str) -> tuple[float, str]:
    """``55mi``, ``90 km`` or a bare ``55`` (in ``default_units``); errors name ``field``."""
    m = _PEAK_RE.match(text or "")
    if not m:
        raise InputError(f"not a weekly volume: {text!r}. Use a number with mi or km, "
                         f"e.g. 55mi or 90km", field=field)
    unit = (m.group(2) or default_units).lower()
    return float(m.group(1)), "km" if unit.startswith("k") else "mi"


def _peak(text: str, default_units: str) -> tuple[float, str]:
    """``--peak`` as a weekly volume (``55mi``, ``90 km`` or a bare ``55``)."""
    return _volume(text, default_units, "peak_weekly")


_FORMATS = (".csv", ".ics", ".json", ".html", ".zip", ".txt")


def _build(args: argparse.Namespace) -> Plan:
    peak, units = _peak(args.peak, args.units)
    races = _races(args.races) if args.races else None
    goal = _goal_arg(args.goal) if args.goal else None
    distance = args.distance
    if goal is not None and not args.distance_given:
        distance = "half" if math.isclose(goal[0], 21097.5) else "marathon"
    return build_plan(
        race_date=args.race_date, start_date=args.start_date, race_distance=distance,
        peak_weekly=peak, units=units, races=races,
        goal_time_s=goal[1] if goal else None, general_weeks=args.general_weeks,
        specific_weeks=args.specific_weeks, taper_weeks=args.taper_weeks, method=args.method,
        runs_per_week=args.runs, long_run_day=args.long_run_day, hr_max=args.hr_max,
        today=args.today, recovery_every=args.recovery_every,
    )


def _write(plan: Plan, out: str) -> str:
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise InputError(f"--out must end in {', '.join(_FORMATS)}, got {out!r}", field="out")
    try:
        if suffix == ".json":
            write_text(path, to_json(plan))
        elif suffix == ".csv":
            to_csv(plan, path)
        elif suffix == ".ics":
            to_ics(plan, path)
        elif suffix == ".zip":
            plan_workouts_zip(plan, path)
        elif suffix == ".txt":
            write_text(path, plan_workouts_text(plan))
        else:
            from speedfirst.report import to_html  # plotly: loaded only for the report

            to_html(plan, path)
    except OSError as exc:  # missing folder, no permission: one line, exit 2
        raise InputError(f"cannot write {out!r}: {exc.strerror or exc}", field="out") from None
    return f"wrote {path}"


def _plan_cmd(args: argparse.Namespace) -> str:
    plan = _build(args)
    if args.out:
        return _write(plan, args.out)
    units = plan.inputs.units
    w = plan.weeks
    keys = {week: ", ".join(t) for week, t in plan.key_session_titles().items()}
    table = pd.DataFrame({
        "week": w.week,
        "starts": w.start_date.dt.strftime("%Y-%m-%d"),
        "phase": w.phase,
        "cycle": w.cycle,
        f"{units}": (w.distance_mi if units == "mi" else w.distance_km).map("{:.1f}".format),
        "% peak": (w.fraction_of_peak * 100).round().astype(int),
        "key sessions": w.week.map(keys).fillna("—"),
    })
    lines = [f"{plan.inputs.method} plan for the {plan.inputs.race_distance} on "
             f"{plan.inputs.race_date.isoformat()} ({len(w)} weeks)", _table(table), "",
             f"Goal: {plan.goal.message}"]
    lines += [f"Note: {x}" for x in plan.warnings if not x.startswith("goal ")]
    return "\n".join(lines)


def _report_cmd(args: argparse.Namespace) -> str:
    plan = _build(args)
    out = args.out or "speedfirst-report.html"
    if not out.lower().endswith(".html"):
        raise InputError(f"the report is HTML: --out must end in .html, got {out!r}",
                         field="out")
    from speedfirst.report import to_html

    to_html(plan, Path(out))
    return f"wrote {out}"


def _plan_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("races", nargs="*", metavar="DIST=TIME",
                    help="recent races, e.g. 5K=18:08 10K=37:40")
    sp.add_argument("--race-date", help="race day, e.g. 2027-04-18")
    sp.add_argument("--start-date", help="first training day instead of a race date")
    sp.add_argument("--peak", required=True, help="peak weekly volume, e.g. 55mi or 90km")
    sp.add_argument("--units", choices=("mi", "km"), default="mi",
                    help="units for a bare --peak number and for descriptions")
    sp.add_argument("--goal", metavar="[DIST=]TIME", help="goal, e.g. 2:45:00 or half=1:20:00")
    sp.add_argument("--distance", choices=("marathon", "half"), default=None,
                    help="race distance (default: from --goal, else marathon)")
    sp.add_argument("--method", choices=("speed-first", "traditional"), default="speed-first")
    sp.add_argument("--general-weeks", type=int, default=8)
    sp.add_argument("--specific-weeks", type=int, default=10)
    sp.add_argument("--taper-weeks", type=int, default=None,
                    help="taper weeks, race week included (default: 3 marathon, 2 half)")
    sp.add_argument("--runs", type=int, default=6, help="runs per week (3-7)")
    sp.add_argument("--long-run-day", default="sunday")
    sp.add_argument("--recovery-every", type=int, default=None,
                    help="a cut-back week every N build weeks (3-6; 0: none; default 4)")
    sp.add_argument("--hr-max", type=float, default=None, help="maximum heart rate [bpm]")
    sp.add_argument("--today", help=argparse.SUPPRESS)
    sp.add_argument("--out", help="write plan.csv, plan.ics, plan.json or plan.html; "
                                  "workouts.zip (FIT workouts of the key sessions and long "
                                  "runs) or workouts.txt (the same as intervals.icu text)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and ``--help`` text)."""
    p = _Parser(prog="speedfirst", description="Speed-first marathon training tools.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("dashboard", help="serve the dashboard (or a lesson) with Voila",
                   description="Serve the dashboard with Voila: speedfirst dashboard "
                               "[--port N] [--host H] [dashboard|explore|periodization|PATH]",
                   add_help=False)
    pr = sub.add_parser("predict", help="race predictions, goal check and pace zones",
                        description="Predict race times from recent races, check a goal "
                                    "and list the training zones.")
    pr.add_argument("races", nargs="+", metavar="DIST=TIME",
                    help="recent races, e.g. 5K=18:08 10K=37:40 mile=5:30")
    pr.add_argument("--goal", metavar="DIST=TIME",
                    help="goal race, e.g. marathon=2:35:00 or half=1:20:00")
    pr.add_argument("--units", choices=("mi", "km"), default="mi", help="pace units")
    pr.add_argument("--hr-max", type=float, default=None, help="maximum heart rate [bpm]")
    pr.add_argument("--mileage", metavar="VOLUME", default=None,
                    help="average weekly training volume, e.g. 40mi or 64km: adds the "
                         "Vickers-Vertosick marathon prediction and, for a marathon goal, "
                         "what the mileage supports")
    pr.add_argument("--json", action="store_true", help="print JSON instead of tables")
    pr.set_defaults(func=_predict)
    pl = sub.add_parser("plan", help="build a dated plan (table, CSV, ICS, JSON or HTML)",
                        description="Build a speed-first (or traditional) plan ending on race "
                                    "day; the --out extension picks the format.")
    _plan_options(pl)
    pl.set_defaults(func=_plan_cmd)
    rp = sub.add_parser("report", help="write the self-contained HTML report",
                        description="Build a plan and write it as one HTML file with charts.")
    _plan_options(rp)
    rp.set_defaults(func=_report_cmd)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for bad input).

    ``speedfirst dashboard ...`` hands its arguments to :func:`speedfirst.serve.main`,
    which serves until it is stopped.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["dashboard"]:
        return serve.main(args_list[1:])
    try:
        args = build_parser().parse_args(args_list)
        if hasattr(args, "distance"):
            args.distance_given = args.distance is not None
            args.distance = args.distance or "marathon"
        print(args.func(args))
    except InputError as exc:
        print(f"speedfirst: error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, argparse.ArgumentTypeError) as exc:
        print(f"speedfirst: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
