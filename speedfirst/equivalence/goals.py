"""Is a goal realistic, given recent races? The verdicts and the speed-reserve rule.

References
----------
.. [5] Karp, J. R. *The Endurance of Speed* (speed-first method): a goal
   marathon pace at or faster than current mile pace is impossible; the
   18:08 5K / 2:35 marathon worked case.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from speedfirst.equivalence.models import _model, _race_or_equivalent, nearest_race
from speedfirst.limits import check_race_time
from speedfirst.results import GoalAssessment, RaceResult, Verdict, as_races
from speedfirst.text import format_distance, format_time
from speedfirst.units import METERS_PER_MILE

__all__ = [
    "REALISTIC_GAP_PCT",
    "SPEED_RESERVE_RATIOS",
    "STRETCH_GAP_PCT",
    "assess_goal",
    "speed_reserve_ratio",
]

REALISTIC_GAP_PCT = 1.5
"""A goal up to this much faster than predicted [%] is still *realistic*:
it is inside the scatter between the models themselves (they disagree by 1–3 %
at the marathon) and a good day."""

STRETCH_GAP_PCT = 4.0
"""Up to this much faster [%] is a *stretch*: roughly what one well-run
training block adds for a trained runner. Beyond it the goal is *not yet
realistic*: it needs faster short races first (the speed-first argument)."""

SPEED_RESERVE_RATIOS: tuple[tuple[float, float], ...] = (
    (METERS_PER_MILE, 1.00),
    (5000.0, 1.00),
    (10000.0, 1.01),
    (21097.5, 1.04),
    (42195.0, 1.08),
)
"""Fastest goal pace any runner can hold, as a multiple of their own mile pace, by
goal distance [m] -> [-]; log-linear in distance between rows, never below 1.

From the world records (mile 3:43.13; 5K 12:35.36; 10K 26:11.00; half
marathon 56:42; marathon 2:00:35) the record paces stand at 1.09 (5K), 1.14
(10K), 1.16 (half) and 1.24 (marathon) times the mile record's pace, and the
best individual runners have held about 1.16–1.18 (half) and 1.20–1.26
(marathon) times their own mile pace. The table takes the lowest of those
ratios less a margin of 0.12, because the runner's mile is usually predicted
from a longer race and the equivalence models disagree by 3–4 % there
(Riegel's mile from an 18:08 5K is 5:27, Daniels' 5:17). A goal faster than
this is *impossible*, not merely unrealistic: a 6:00 miler's 6:15/mi marathon
(ratio 1.04) is impossible, while the method's worked case, an 18:08 5K runner
(mile 5:17–5:27 by model) aiming at 2:35 (ratio 1.09–1.12), is "not yet
realistic": faster short races first.
"""


def speed_reserve_ratio(distance_m: float) -> float:
    """The :data:`SPEED_RESERVE_RATIOS` ratio at ``distance_m`` [m] (≥ a mile).

    >>> round(speed_reserve_ratio(42195.0), 2), round(speed_reserve_ratio(30000.0), 3)
    (1.08, 1.06)
    """
    rows = SPEED_RESERVE_RATIOS
    if distance_m <= rows[0][0]:
        return rows[0][1]
    for (d0, r0), (d1, r1) in itertools.pairwise(rows):
        if distance_m <= d1:
            return r0 + (r1 - r0) * math.log(distance_m / d0) / math.log(d1 / d0)
    return rows[-1][1]


def _mile_time(races: tuple[RaceResult, ...], model: str, exponent: float) -> float:
    src = nearest_race(races, METERS_PER_MILE)
    return _race_or_equivalent(src.distance_m, src.time_s, METERS_PER_MILE, model,
                               exponent=exponent)


def assess_goal(
    races: Mapping[float, float] | tuple[RaceResult, ...],
    goal_distance_m: float,
    goal_time_s: float,
    model: str = "daniels",
    *,
    exponent: float = 1.06,
) -> GoalAssessment:
    """Is a goal realistic, given recent races?

    Rules, in order:

    1. *impossible* when the goal pace is faster than
       :func:`speed_reserve_ratio` times the runner's current mile pace
       (entered, or predicted by ``model``): no runner has held a smaller
       multiple of their mile pace over the goal distance (the speed-reserve
       rule of the speed-first method [5]_; world records and the best
       runners' own ratios, see :data:`SPEED_RESERVE_RATIOS`). At a mile or
       less the floor is mile pace itself;
    2. *realistic* when the goal is at most :data:`REALISTIC_GAP_PCT` faster
       than the model's prediction from the race nearest in distance;
    3. *stretch* up to :data:`STRETCH_GAP_PCT` faster;
    4. otherwise *not yet realistic*, with the mile, 5K and 10K times that
       would predict the goal under the same model.

    :func:`speedfirst.mileage.assess_goal` takes ``weekly_mileage`` as well
    and adds what the mileage supports to a marathon verdict.

    Parameters
    ----------
    races : mapping of distance [m] to time [s]
        One or more recent races.
    goal_distance_m : float
        Goal race distance [m].
    goal_time_s : float
        Goal time [s]; a time faster than the world record raises InputError.
    model : {"daniels", "riegel", "cameron"}
    exponent : float
        Riegel exponent, used with ``model="riegel"``.

    Examples
    --------
    The method's worked case: an 18:08 5K runner aiming at 2:35.

    >>> a = assess_goal({5000.0: 18 * 60 + 8}, 42195.0, 2 * 3600 + 35 * 60)
    >>> a.verdict
    'not yet realistic'
    >>> format_time(a.required_times_s[5000.0])
    '16:10'
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    _model(model)
    check_race_time(float(goal_distance_m), float(goal_time_s), what="goal")
    src = nearest_race(rs, goal_distance_m)
    predicted = _race_or_equivalent(src.distance_m, src.time_s, goal_distance_m, model,
                                    exponent=exponent)
    gap_pct = (predicted - goal_time_s) / predicted * 100.0
    mile_s = _mile_time(rs, model, exponent)
    goal_pace_mi = goal_time_s / goal_distance_m * METERS_PER_MILE
    reserve = goal_pace_mi - mile_s
    required = {
        d: _race_or_equivalent(goal_distance_m, goal_time_s, d, model, exponent=exponent)
        for d in (METERS_PER_MILE, 5000.0, 10000.0)
    }
    verdict: Verdict
    goal_txt = f"{format_time(goal_time_s)} {format_distance(goal_distance_m)}"
    pred_txt = (f"your {format_distance(src.distance_m)} of {format_time(src.time_s)} predicts "
                f"{format_time(predicted)} ({model})")
    ratio = speed_reserve_ratio(goal_distance_m)
    if reserve <= 0:
        verdict = "impossible"
        message = (f"A {goal_txt} means {format_time(goal_pace_mi)}/mi, at or faster than your "
                   f"mile pace ({format_time(mile_s)}): no one holds mile pace beyond a mile. "
                   f"Build basic speed first.")
    elif goal_pace_mi < ratio * mile_s:
        verdict = "impossible"
        message = (f"A {goal_txt} means {format_time(goal_pace_mi)}/mi, only "
                   f"{goal_pace_mi / mile_s:.2f} × your mile pace ({format_time(mile_s)}/mi); "
                   f"no runner has held a {format_distance(goal_distance_m)} faster than about "
                   f"{ratio:.2f} × their mile pace. Build basic speed first.")
    elif gap_pct <= REALISTIC_GAP_PCT:
        verdict = "realistic"
        message = f"A {goal_txt} is realistic: {pred_txt}."
    elif gap_pct <= STRETCH_GAP_PCT:
        verdict = "stretch"
        message = (f"A {goal_txt} is a stretch ({gap_pct:.1f}% faster than predicted): "
                   f"{pred_txt}.")
    else:
        verdict = "not yet realistic"
        message = (f"A {goal_txt} is not yet realistic ({gap_pct:.1f}% faster than predicted): "
                   f"{pred_txt}. It needs about a {format_time(required[5000.0])} 5K or "
                   f"{format_time(required[10000.0])} 10K first.")
    return GoalAssessment(
        verdict=verdict,
        goal_distance_m=float(goal_distance_m),
        goal_time_s=float(goal_time_s),
        predicted_time_s=float(predicted),
        gap_pct=float(gap_pct),
        required_times_s=required,
        mile_time_s=float(mile_s),
        speed_reserve_s_per_mi=float(reserve),
        model=model,
        based_on=src,
        message=message,
    )
