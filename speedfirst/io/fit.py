"""FIT workout files for a plan's key sessions and long runs.

A session of :attr:`speedfirst.plan.Plan.sessions` becomes a list of timed
steps (:func:`session_steps`), and the steps become one FIT workout file
(:func:`workout_fit`) that a Garmin watch or Garmin Connect can load:

* a key session: warm-up jog, the work (one continuous block, or a rep and
  its recovery inside a repeat), cool-down jog;
* a long run with goal-pace work: the easy part, then the goal-pace block
  that ends the run;
* an easy run, a long run or a shakeout: one easy step.

Every running step has a time duration and a speed-range target from the
pace band (speed [m/s] = 1000 / pace [s/km]); recoveries have no target.
The plan's rep range becomes a repeat of ``reps_max`` (the week's ceiling);
the method's stop rule ("stop when one more would be exhausting") is in the
repeat step's name and in the step notes, since a FIT repeat has a fixed
count [FITWKT]_.

File layout [FITWKT]_ [FITCOOK]_: a ``file_id`` message of type
``workout``, one ``workout`` message (name, sport running,
``num_valid_steps``) and the ``workout_step`` messages, indexed from 0 by
``message_index``. A repeat step has duration type
``repeat_until_steps_cmplt``, its ``duration_value`` is the index of the
first step to repeat and its ``target_value`` the repeat count [FITPROF]_.

The encoder is the Garmin FIT Python SDK (package ``garmin-fit-sdk``); its
``Encoder`` writes main fields only and ignores sub-field names [FITPY]_, so
the time and speed sub-fields (``duration_time``,
``custom_target_speed_low/high``) are written through their main fields
(``duration_value``, ``custom_target_value_low/high``) with the scale that
the SDK's own profile gives for the sub-field (1000: ms and mm/s).

References
----------
.. [FITWKT] Garmin. *FIT SDK: Workout file type*.
   https://developer.garmin.com/fit/file-types/workout/
.. [FITCOOK] Garmin. *FIT Cookbook: Encoding Workout Files*.
   https://developer.garmin.com/fit/cookbook/encoding-workout-files/
.. [FITPROF] Garmin. *FIT SDK Profile* (``Profile.xlsx``): messages
   ``workout`` and ``workout_step``, types ``wkt_step_duration``,
   ``wkt_step_target`` and ``intensity``; shipped in ``garmin_fit_sdk.Profile``.
.. [FITPY] Garmin. *FIT Python SDK*, README section "Encoder".
   https://github.com/garmin/fit-python-sdk
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from speedfirst.io.files import atomic_write
from speedfirst.io.workout_steps import (
    STOP_RULE,
    WORKOUT_KINDS,
    PaceBand,
    Repeat,
    Step,
    _date,
    _get,
    easy_band,
    session_steps,
    workout_sessions,
)

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = [
    "STOP_RULE",
    "WORKOUT_KINDS",
    "Repeat",
    "Step",
    "easy_band",
    "plan_workouts_zip",
    "plan_workouts_zip_bytes",
    "session_fit_name",
    "session_steps",
    "workout_fit",
    "workout_sessions",
]

# FIT intensity of each step role [FITPROF]_ (type ``intensity``).
_INTENSITY = {"warmup": "warmup", "work": "active", "easy": "active",
              "recovery": "recovery", "rest": "rest", "cooldown": "cooldown"}


# --------------------------------------------------------------------------
# FIT encoding
# --------------------------------------------------------------------------
def _sub_field_scale(profile: Any, field: str, sub_field: str) -> float:
    """Scale of ``sub_field`` of ``workout_step.field`` in the SDK's profile."""
    mesg = profile["messages"][profile["mesg_num"]["WORKOUT_STEP"]]
    for f in mesg["fields"].values():
        if f["name"] == field:
            for s in f["sub_fields"]:
                if s["name"] == sub_field:
                    scale = s["scale"]
                    return float(scale[0] if isinstance(scale, list) else scale)
    raise LookupError(  # pragma: no cover
        f"workout_step.{field}.{sub_field} not in the FIT profile")


def _fit_steps(steps: list[Step | Repeat], profile: Any) -> list[dict[str, Any]]:
    """FIT ``workout_step`` messages (without mesg_num) for ``steps``, repeats flattened."""
    ms = _sub_field_scale(profile, "duration_value", "duration_time")
    mm_s = _sub_field_scale(profile, "custom_target_value_low", "custom_target_speed_low")
    out: list[dict[str, Any]] = []

    def add(items: tuple[Step | Repeat, ...] | list[Step | Repeat]) -> None:
        for item in items:
            if isinstance(item, Repeat):
                first = len(out)
                add(item.steps)
                out.append({
                    "message_index": len(out),
                    "wkt_step_name": f"Up to {item.count}x",
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,  # sub-field duration_step: first step to repeat
                    "target_value": item.count,  # sub-field repeat_steps
                    "notes": f"Repeat up to {item.count} times; {item.rule}.",
                })
                continue
            mesg: dict[str, Any] = {
                "message_index": len(out),
                "wkt_step_name": item.name,
                "duration_type": "time",
                "duration_value": round(item.seconds * ms),  # sub-field duration_time
                "intensity": _INTENSITY[item.role],
            }
            if item.pace is None:
                mesg["target_type"] = "open"
            else:
                fast, slow = item.pace
                mesg.update({
                    "target_type": "speed",
                    "target_value": 0,  # 0: custom range, not a speed zone
                    "custom_target_value_low": round(1000.0 / slow * mm_s),
                    "custom_target_value_high": round(1000.0 / fast * mm_s),
                })
            if item.notes:
                mesg["notes"] = item.notes
            out.append(mesg)

    add(steps)
    return out


def workout_fit(session_row: Any, easy_band: PaceBand, name: str, *,
                created: dt.datetime | None = None) -> bytes:
    """One session as a FIT workout file.

    Parameters
    ----------
    session_row : pandas.Series, mapping or named tuple
        One row of :attr:`Plan.sessions <speedfirst.plan.Plan>`: a key
        session, a long run or an easy run (see :func:`session_steps`).
    easy_band : tuple of float
        ``(fast, slow)`` easy pace [s/km] (:func:`easy_band`).
    name : str
        Workout name (FIT ``wkt_name``), shown on the watch.
    created : datetime, optional
        ``file_id.time_created``; default now (UTC). Pin it for identical
        bytes from identical input.

    Returns
    -------
    bytes
        The FIT file [FITWKT]_: ``file_id`` (type workout, manufacturer
        development, a serial number derived from the date and name so that
        each workout is distinct on a device), ``workout`` and one
        ``workout_step`` per step, repeat steps included.

    Raises
    ------
    ValueError
        As :func:`session_steps`.
    """
    from garmin_fit_sdk import Encoder, Profile

    steps = _fit_steps(session_steps(session_row, easy_band), Profile)
    when = created if created is not None else dt.datetime.now(dt.UTC).replace(microsecond=0)
    serial = zlib.crc32(f"{_date(session_row).isoformat()} {name}".encode()) or 1
    mesg_num = Profile["mesg_num"]
    encoder = Encoder()
    encoder.write_mesg({
        "mesg_num": mesg_num["FILE_ID"], "type": "workout", "manufacturer": "development",
        "product": 0, "serial_number": serial, "time_created": when,
    })
    encoder.write_mesg({
        "mesg_num": mesg_num["WORKOUT"], "wkt_name": name, "sport": "running",
        "sub_sport": "generic", "num_valid_steps": len(steps),
    })
    for step in steps:
        encoder.write_mesg({"mesg_num": mesg_num["WORKOUT_STEP"], **step})
    return bytes(encoder.close())


# --------------------------------------------------------------------------
# a plan's workouts as one zip
# --------------------------------------------------------------------------
def session_fit_name(row: Any) -> str:
    """File name of a session's FIT file: ``2027-03-21_long-run-with-goal-pace.fit``.

    Parameters
    ----------
    row : pandas.Series, mapping or named tuple
        A row of :attr:`Plan.sessions <speedfirst.plan.Plan>`.

    Returns
    -------
    str
        ISO date, ``_``, the title in lower case with every run of other
        characters than ASCII letters and digits turned into one ``-``.

    Examples
    --------
    >>> session_fit_name({"date": "2027-03-14",
    ...                   "title": "Long run with goal pace (cut-back week)"})
    '2027-03-14_long-run-with-goal-pace-cut-back-week.fit'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", str(_get(row, "title")).lower()).strip("-")
    return f"{_date(row).isoformat()}_{slug or 'workout'}.fit"


def _unique(name: str, taken: set[str]) -> str:
    stem, n, out = name.removesuffix(".fit"), 2, name
    while out in taken:
        out, n = f"{stem}-{n}.fit", n + 1
    taken.add(out)
    return out


def _entries(plan: Plan, created: dt.datetime | None) -> Iterator[tuple[str, dt.date, bytes]]:
    easy = easy_band(plan)
    taken: set[str] = set()
    for _, row in workout_sessions(plan).iterrows():
        day = _date(row)
        name = f"{day.isoformat()} {row['title']}"
        yield _unique(session_fit_name(row), taken), day, workout_fit(row, easy, name,
                                                                      created=created)


def plan_workouts_zip_bytes(plan: Plan, *, created: dt.datetime | None = None) -> bytes:
    """The zip :func:`plan_workouts_zip` writes, in memory (for a download link).

    Parameters
    ----------
    plan : Plan
    created : datetime, optional
        ``time_created`` of every file (default now, UTC).

    Returns
    -------
    bytes
        A zip of one FIT workout per key session and long run, members named
        by :func:`session_fit_name` and dated like their session.
    """
    entries = list(_entries(plan, created))  # every workout encoded before the zip starts
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, day, data in entries:
            info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def plan_workouts_zip(plan: Plan, path: str | Path, *,
                      created: dt.datetime | None = None) -> Path:
    """Write a zip of one FIT workout per key session and long run, atomically.

    Parameters
    ----------
    plan : Plan
    path : str or path-like
        Target zip file; replaced only by a complete zip.
    created : datetime, optional
        ``time_created`` of every file (default now, UTC).

    Returns
    -------
    pathlib.Path
        The target. Members are named by :func:`session_fit_name` (a ``-2``
        suffix should two sessions share date and title) and dated like
        their session.

    Notes
    -----
    The whole zip is built in memory first (:func:`plan_workouts_zip_bytes`);
    it is then written to a temporary file in the target's folder, flushed,
    ``fsync``-ed and renamed onto the target with :func:`os.replace`. On any
    error the temporary file is removed and the error re-raised, so the
    target is either untouched or the complete new zip.
    """
    target = Path(path)
    data = plan_workouts_zip_bytes(plan, created=created)
    atomic_write({target: lambda fh: fh.write(data)})
    return target
