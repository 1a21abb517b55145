"""The race-equivalence models (Daniels–Gilbert VDOT, Riegel, Cameron) and predictions from races.

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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd

from speedfirst.errors import InputError
from speedfirst.results import RaceResult, as_races
from speedfirst.text import format_time  # noqa: F401  (the doctests use it)
from speedfirst.units import METERS_PER_MILE, STANDARD_DISTANCES_M

__all__ = [
    "MODELS",
    "cameron_time",
    "daniels_time",
    "equivalent_time",
    "nearest_race",
    "race_predictions",
    "riegel_time",
    "sustainable_fraction",
    "vdot",
    "velocity_at_vo2",
    "vo2_cost",
]


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


def _race_or_equivalent(distance_m: float, time_s: float, target_m: float,
                        model: str = "daniels", *, exponent: float = 1.06) -> float:
    """``time_s`` itself when ``target_m`` is the race's distance, else :func:`equivalent_time`."""
    if math.isclose(distance_m, target_m):
        return time_s
    return equivalent_time(distance_m, time_s, target_m, model, exponent=exponent)


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
            t = _race_or_equivalent(src.distance_m, src.time_s, target, model, exponent=exponent)
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
