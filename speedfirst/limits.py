"""Plausibility limits: the race results and goals a human can run, and their checks.

Every bound the library uses to reject an impossible input lives here, with
the validators that apply them (race times, heart rate), so the parser, the
result dataclasses, the plan and the dashboard all say the same thing.
"""

from __future__ import annotations

import math

from speedfirst.errors import InputError
from speedfirst.text import (
    format_distance,
    format_time,
    is_number,
    parse_distance,
    parse_time,
    race_error,
)
from speedfirst.units import HALF_MARATHON_M, MARATHON_M, METERS_PER_MILE

__all__ = ["HR_MAX_RANGE", "RACE_DISTANCE_RANGE_M", "check_hr_max", "check_race_time",
           "parse_race"]

RACE_DISTANCE_RANGE_M = (800.0, 50_000.0)
"""Race distances the equivalence models are used for [m]."""
_MIN_RACE_M, _MAX_RACE_M = RACE_DISTANCE_RANGE_M
HR_MAX_RANGE = (120.0, 230.0)
"""Accepted maximum heart rates [beats/min]."""

# (distance [m], time [s]) anchors for plausible race results. The fast side
# sits a little under the world records, the slow side around walking pace.
_FAST_ANCHORS = (
    (METERS_PER_MILE, 210.0),  # 3:30
    (5000.0, 720.0),  # 12:00
    (10000.0, 1500.0),  # 25:00
    (HALF_MARATHON_M, 3360.0),  # 56:00
    (MARATHON_M, 7140.0),  # 1:59:00
)
_SLOW_ANCHORS = (
    (METERS_PER_MILE, 1800.0),  # 30:00
    (5000.0, 7200.0),  # 2:00:00
    (10000.0, 14400.0),  # 4:00:00
    (HALF_MARATHON_M, 16200.0),  # 4:30:00
    (MARATHON_M, 28800.0),  # 8:00:00
)


def _loglog_bound(anchors: tuple[tuple[float, float], ...], distance_m: float) -> float:
    """Time [s] at ``distance_m`` on the log-log line through the nearest anchors."""
    for anchor_m, anchor_s in anchors:
        if distance_m == anchor_m:  # exact, free of rounding in the power law
            return anchor_s
    index = 0
    while index < len(anchors) - 2 and distance_m > anchors[index + 1][0]:
        index += 1
    (d0, t0), (d1, t1) = anchors[index], anchors[index + 1]
    slope = math.log(t1 / t0) / math.log(d1 / d0)
    return t0 * math.exp(slope * math.log(distance_m / d0))


def _with_article(name: str) -> str:
    # "an 8.0 km", "an 800 m", "an 11.0 km" but "a 5K", "a marathon".
    whole = name.split(".")[0].split(" ")[0]
    vowel_sound = name[0] in "aeiou8" or whole in ("11", "18")
    return f"{'an' if vowel_sound else 'a'} {name}"


def _keyword(what: str, label: str) -> str:
    """The build_plan / assess_goal keyword a race or goal value arrives by."""
    if what == "race":
        return "races"
    return "goal_time_s" if label == "time" else "goal_distance_m"


def check_race_time(distance_m: float, time_s: float, *, what: str = "race") -> None:
    """Reject race results (or goals) that cannot be real.

    The fast limit sits just under the world records (mile 3:30, 5K 12:00,
    10K 25:00, half 56:00, marathon 1:59:00) and the slow limit around
    walking pace (mile 30:00, 5K 2:00:00, 10K 4:00:00, half 4:30:00,
    marathon 8:00:00). Between anchors the limits are interpolated on a
    log-log scale; beyond them the nearest segment is extended.

    Parameters
    ----------
    distance_m : float
        Race distance [m], from 800 m to 50 km.
    time_s : float
        Finishing time [s].
    what : str
        ``"race"`` for a result, ``"goal"`` for a goal; used in the message.
        The error's ``field`` is the keyword the value arrives by in
        :func:`~speedfirst.plan.build_plan` and
        :func:`~speedfirst.equivalence.assess_goal`: ``races`` for a result,
        ``goal_time_s`` (or ``goal_distance_m``) for a goal.

    Raises
    ------
    InputError
        If the distance is outside 800 m to 50 km, the time is not a finite
        number above zero, or it is faster or slower than the limits above.
        The message names the distance and the accepted range of times.

    Examples
    --------
    >>> check_race_time(5000.0, 1088.0)
    >>> check_race_time(5000.0, 660.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: a 5K in 11:00 is faster than the world record; ...
    >>> check_race_time(42195.0, 30000.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: ... (accepted: 1:59:00 to 8:00:00 for marathon)
    """
    for value, label in ((distance_m, "distance"), (time_s, "time")):
        if not is_number(value) or not math.isfinite(value) or not value > 0:
            raise InputError(
                f"{what} {label} must be a finite number above zero, got {value!r}",
                field=_keyword(what, label),
            )
    if not _MIN_RACE_M <= distance_m <= _MAX_RACE_M:
        raise InputError(
            f"{what} distances from 800 m to 50 km are supported, "
            f"got {format_distance(distance_m)}",
            field=_keyword(what, "distance"),
        )
    fastest = _loglog_bound(_FAST_ANCHORS, distance_m)
    slowest = _loglog_bound(_SLOW_ANCHORS, distance_m)
    name = format_distance(distance_m)
    # Show limits that are themselves accepted once rounded to whole seconds.
    accepted = (
        f"accepted: {format_time(math.ceil(fastest))} to "
        f"{format_time(math.floor(slowest))} for {name}"
    )
    race = f"{_with_article(name)} in {format_time(time_s)}"
    if what != "race":
        race = f"{what}: {race}"
    field = _keyword(what, "time")
    if time_s < fastest:
        raise InputError(
            f"{race} is faster than the world record; check the time ({accepted})", field=field
        )
    if time_s > slowest:
        raise InputError(
            f"{race} is slower than this tool supports; check the time ({accepted})", field=field
        )


def parse_race(text: str) -> tuple[float, float]:
    """Read a race result token such as ``5K=18:08``.

    Parameters
    ----------
    text : str
        ``DIST=TIME`` where ``DIST`` is anything :func:`parse_distance`
        reads and ``TIME`` anything :func:`parse_time` reads.

    Returns
    -------
    distance_m : float
        Race distance [m].
    time_s : float
        Finishing time [s].
    what : str
        ``"race"`` for a result, ``"goal"`` for a goal; used in the message.
        The error's ``field`` is the keyword the value arrives by in
        :func:`~speedfirst.plan.build_plan` and
        :func:`~speedfirst.equivalence.assess_goal`: ``races`` for a result,
        ``goal_time_s`` (or ``goal_distance_m``) for a goal.

    Raises
    ------
    InputError
        If the token has no single ``=``, either side is invalid, or the
        result fails :func:`check_race_time`. The message quotes the whole
        token and shows the ``DIST=TIME`` form.

    Examples
    --------
    >>> parse_race("5K=18:08")
    (5000.0, 1088.0)
    >>> parse_race("marathon=2:48:39")
    (42195.0, 10119.0)
    >>> parse_race("half 1:25:00")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: not a race: 'half 1:25:00': expected one '='. Use DIST=TIME...
    """
    if not isinstance(text, str):
        raise race_error(text, "expected text")
    if text.count("=") != 1:
        raise race_error(text, "expected one '='")
    distance_text, time_text = text.split("=")
    try:
        distance_m = parse_distance(distance_text)
        time_s = parse_time(time_text)
        check_race_time(distance_m, time_s)
    except InputError as err:
        raise race_error(text, str(err)) from None
    return distance_m, time_s


def check_hr_max(hr_max: object) -> float | None:
    """``hr_max`` as a float in :data:`HR_MAX_RANGE`, None for None, else InputError.

    >>> check_hr_max(185)
    185.0
    >>> check_hr_max(300)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    speedfirst.errors.InputError: HRmax must be between 120 and 230 beats/min, got 300
    """
    if hr_max is None:
        return None
    lo, hi = HR_MAX_RANGE
    if not is_number(hr_max) or not math.isfinite(float(hr_max)) or not lo <= hr_max <= hi:
        raise InputError(f"HRmax must be between {lo:.0f} and {hi:.0f} beats/min, got "
                         f"{hr_max!r}", field="hr_max")
    return float(hr_max)
