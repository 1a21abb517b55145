"""Race equivalence (Daniels–Gilbert VDOT, Riegel, Cameron) and goal feasibility.

Models are small functions looked up by name in :data:`MODELS`; each takes a
race (distance [m], time [s]) and a target distance [m] and returns the
equivalent time [s] at the target.

References
----------
.. [1] Daniels, J. & Gilbert, J. (1979). *Oxygen Power: Performance Tables for
   Distance Runners*. Tempe, AZ.
.. [2] Daniels, J. (2014). *Daniels' Running Formula*, 3rd ed. Human Kinetics.
   Table 5.1 (race times by VDOT) is the published check for this module.
.. [3] Riegel, P. S. (1981). Athletic records and human endurance.
   *American Scientist* 69(3), 285–290.
.. [4] Cameron, D. (1997). A formula for race-time prediction, published in
   the *Running Research News* letters; a(d) = 13.49681 − 0.048865·d +
   2.438936 / d^0.7905 with d in miles.
.. [5] Karp, J. R. *The Endurance of Speed* (speed-first method): a goal
   marathon pace at or faster than current mile pace is impossible; the
   18:08 5K / 2:35 marathon worked case.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping

import pandas as pd

from speedfirst.errors import InputError
from speedfirst.limits import check_race_time
from speedfirst.results import GoalAssessment, RaceResult, Verdict, as_races
from speedfirst.text import format_distance, format_time
from speedfirst.units import METERS_PER_MILE, STANDARD_DISTANCES_M

__all__ = [
    "MODELS",
    "REALISTIC_GAP_PCT",
    "STRETCH_GAP_PCT",
    "assess_goal",
    "cameron_time",
    "daniels_time",
    "equivalent_time",
    "nearest_race",
    "race_predictions",
    "riegel_time",
    "speed_reserve_ratio",
    "sustainable_fraction",
    "vdot",
    "velocity_at_vo2",
    "vo2_cost",
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


# --------------------------------------------------------------------------
# Daniels–Gilbert
# --------------------------------------------------------------------------
def vo2_cost(velocity_m_per_min: float) -> float:
    """Oxygen cost of running at ``velocity_m_per_min`` [m/min] → [ml/kg/min].

    VO2 = −4.60 + 0.182258·v + 0.000104·v²  (Daniels & Gilbert 1979 [1]_).

    >>> round(vo2_cost(250.0), 2)
    47.46
    """
    v = velocity_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def velocity_at_vo2(vo2: float) -> float:
    """Inverse of :func:`vo2_cost`: velocity [m/min] whose cost is ``vo2`` [ml/kg/min].

    >>> round(velocity_at_vo2(vo2_cost(250.0)), 6)
    250.0
    """
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def sustainable_fraction(duration_min: float) -> float:
    """Fraction of VO2max a runner can hold for ``duration_min`` [min].

    f(t) = 0.8 + 0.1894393·e^(−0.012778·t) + 0.2989558·e^(−0.1932605·t)
    (Daniels & Gilbert 1979 [1]_).

    >>> round(sustainable_fraction(60.0), 4)
    0.888
    """
    t = duration_min
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)


def vdot(distance_m: float, time_s: float) -> float:
    """Daniels–Gilbert VDOT of a race: ``distance_m`` [m] in ``time_s`` [s].

    VDOT = VO2(v) / f(t), with v the race velocity [m/min] and t its duration
    [min] (Daniels & Gilbert 1979 [1]_; Daniels 2014 [2]_, Table 5.1).

    Examples
    --------
    A 19:57 5K is the published VDOT 50 row:

    >>> round(vdot(5000, 19 * 60 + 57), 1)
    50.0
    """
    if not (distance_m > 0 and time_s > 0 and math.isfinite(distance_m + time_s)):
        raise InputError(f"distance and time must be positive, got {distance_m!r}, {time_s!r}")
    t_min = time_s / 60.0
    return vo2_cost(distance_m / t_min) / sustainable_fraction(t_min)


def daniels_time(vdot_value: float, distance_m: float) -> float:
    """Race time [s] over ``distance_m`` [m] for a runner of VDOT ``vdot_value``.

    Solves VDOT(d, t) = ``vdot_value`` for t (the VDOT of a fixed distance
    falls monotonically as the time grows) with Newton steps from a Riegel
    guess, bracketed by bisection so it always converges.

    >>> format_time(daniels_time(50.0, 42195))
    '3:10:40'
    """
    # Riegel-style first guess from an anchor: VDOT 50 runs 5K in ~1196 s.
    lo, hi = 1.0, 4.0 * 86400.0
    t = 1196.0 * (distance_m / 5000.0) ** 1.06 * (50.0 / vdot_value) ** 1.1
    for _ in range(60):
        if not lo < t < hi:
            t = 0.5 * (lo + hi)
        err = vdot(distance_m, t) - vdot_value
        if abs(err) < 1e-9:
            break
        if err > 0:  # too fast
            lo = t
        else:
            hi = t
        dt = t * 1e-6
        slope = (vdot(distance_m, t + dt) - vdot(distance_m, t)) / dt
        t = t - err / slope if slope < 0 else 0.5 * (lo + hi)
    return t


def _daniels(distance_m: float, time_s: float, target_m: float) -> float:
    return daniels_time(vdot(distance_m, time_s), target_m)


# --------------------------------------------------------------------------
# Riegel and Cameron
# --------------------------------------------------------------------------
def riegel_time(distance_m: float, time_s: float, target_m: float, exponent: float = 1.06) -> float:
    """Riegel's power law: T2 = T1 · (D2 / D1)^k, k = 1.06 by default [3]_.

    >>> format_time(riegel_time(5000, 18 * 60 + 8, 42195))
    '2:53:55'
    """
    if not 1.0 < exponent < 1.3:
        raise InputError(f"Riegel exponent must be between 1.0 and 1.3, got {exponent!r}",
                         field="exponent")
    return time_s * (target_m / distance_m) ** exponent


def _cameron_a(distance_m: float) -> float:
    d = distance_m / METERS_PER_MILE
    return 13.49681 - 0.048865 * d + 2.438936 / d**0.7905


def cameron_time(distance_m: float, time_s: float, target_m: float) -> float:
    """Cameron's model: T2 = T1 · (D2 / D1) · a(D1) / a(D2) [4]_.

    a(d) = 13.49681 − 0.048865·d + 2.438936 / d^0.7905, d in miles.

    >>> format_time(cameron_time(5000, 18 * 60 + 8, 42195))
    '2:56:58'
    """
    return time_s * (target_m / distance_m) * _cameron_a(distance_m) / _cameron_a(target_m)


ModelFn = Callable[..., float]

MODELS: dict[str, ModelFn] = {
    "daniels": _daniels,
    "riegel": riegel_time,
    "cameron": cameron_time,
}
"""Equivalence models by name: ``f(distance_m, time_s, target_m) -> time_s``."""


def _model(name: str) -> ModelFn:
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(k) for k in MODELS)
        hint = ("; the Vickers–Vertosick marathon model needs weekly mileage: use "
                "speedfirst.mileage (race_predictions or assess_goal with weekly_mileage=)"
                if name == "vickers" else "")
        raise ValueError(f"unknown model {name!r}; known models: {known}{hint}") from None


def equivalent_time(
    distance_m: float,
    time_s: float,
    target_distance_m: float,
    model: str = "daniels",
    *,
    exponent: float = 1.06,
) -> float:
    """Equivalent time [s] at ``target_distance_m`` [m] of a race result.

    Parameters
    ----------
    distance_m : float
        Race distance [m].
    time_s : float
        Race time [s].
    target_distance_m : float
        Distance to predict [m].
    model : {"daniels", "riegel", "cameron"}
        Model name, looked up in :data:`MODELS`; unknown names raise
        ``ValueError`` listing the known ones.
    exponent : float
        Riegel's fatigue exponent (only used by ``"riegel"``) [-].

    Examples
    --------
    >>> format_time(equivalent_time(5000, 19 * 60 + 57, 10000))
    '41:22'
    >>> format_time(equivalent_time(5000, 1200, 10000, "riegel"))
    '41:42'
    >>> equivalent_time(5000, 1200, 10000, "mcmillan")
    Traceback (most recent call last):
    ...
    ValueError: unknown model 'mcmillan'; known models: 'daniels', 'riegel', 'cameron'
    """
    fn = _model(model)
    if model == "riegel":
        return fn(distance_m, time_s, target_distance_m, exponent=exponent)
    return fn(distance_m, time_s, target_distance_m)


def nearest_race(races: tuple[RaceResult, ...], target_distance_m: float) -> RaceResult:
    """The race closest to ``target_distance_m`` on a log scale (ties: the faster).

    Predictions degrade with the ratio of distances, so the nearest race is
    the best single predictor.

    >>> rs = as_races({5000.0: 1088.0, 10000.0: 2260.0})
    >>> nearest_race(rs, 42195.0).distance_m
    10000.0
    """
    return min(
        races,
        key=lambda r: (abs(math.log(target_distance_m / r.distance_m)),
                       -vdot(r.distance_m, r.time_s)),
    )


def race_predictions(
    races: Mapping[float, float] | tuple[RaceResult, ...],
    models: tuple[str, ...] = ("daniels", "riegel", "cameron"),
    distances_m: Mapping[str, float] | None = None,
    *,
    exponent: float = 1.06,
) -> pd.DataFrame:
    """Predicted times at the standard distances under each model.

    Each prediction uses the entered race nearest in distance to the target
    (see :func:`nearest_race`); a distance that was raced shows the race.

    The Vickers–Vertosick model (races plus weekly mileage; marathon only)
    is not among :data:`MODELS`: :func:`speedfirst.mileage.race_predictions`
    takes ``weekly_mileage`` and adds its marathon row to this frame.

    Returns
    -------
    pandas.DataFrame
        One row per (model, distance), columns: ``model``, ``distance``
        (short name), ``distance_m`` [m], ``time_s`` [s], ``pace_s_per_km``,
        ``pace_s_per_mi``, ``from_distance_m`` [m] (the race used),
        ``vdot`` (VDOT of the predicted performance).

    Examples
    --------
    >>> df = race_predictions({5000.0: 1197.0})
    >>> row = df[(df.model == "daniels") & (df.distance == "marathon")].iloc[0]
    >>> format_time(row.time_s)
    '3:10:49'
    """
    rs = as_races(races) if not isinstance(races, tuple) else races
    targets = dict(distances_m or STANDARD_DISTANCES_M)
    rows = []
    for model in models:
        _model(model)
        for name, target in targets.items():
            src = nearest_race(rs, target)
            if math.isclose(src.distance_m, target):
                t = src.time_s
            else:
                t = equivalent_time(src.distance_m, src.time_s, target, model, exponent=exponent)
            rows.append(
                {
                    "model": model,
                    "distance": name,
                    "distance_m": float(target),
                    "time_s": float(t),
                    "pace_s_per_km": t / target * 1000.0,
                    "pace_s_per_mi": t / target * METERS_PER_MILE,
                    "from_distance_m": src.distance_m,
                    "vdot": vdot(target, t),
                }
            )
    return pd.DataFrame(rows)


def _mile_time(races: tuple[RaceResult, ...], model: str, exponent: float) -> float:
    src = nearest_race(races, METERS_PER_MILE)
    if math.isclose(src.distance_m, METERS_PER_MILE):
        return src.time_s
    return equivalent_time(src.distance_m, src.time_s, METERS_PER_MILE, model, exponent=exponent)


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
    if math.isclose(src.distance_m, goal_distance_m):
        predicted = src.time_s
    else:
        predicted = equivalent_time(src.distance_m, src.time_s, goal_distance_m, model,
                                    exponent=exponent)
    gap_pct = (predicted - goal_time_s) / predicted * 100.0
    mile_s = _mile_time(rs, model, exponent)
    goal_pace_mi = goal_time_s / goal_distance_m * METERS_PER_MILE
    reserve = goal_pace_mi - mile_s
    required = {
        d: (goal_time_s if math.isclose(d, goal_distance_m) else
            equivalent_time(goal_distance_m, goal_time_s, d, model, exponent=exponent))
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
