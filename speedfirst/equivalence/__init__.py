"""Race equivalence (Daniels–Gilbert VDOT, Riegel, Cameron) and goal feasibility.

Models are small functions looked up by name in :data:`MODELS`; each takes a
race (distance [m], time [s]) and a target distance [m] and returns the
equivalent time [s] at the target.

* :mod:`~speedfirst.equivalence.models` — the models, :func:`equivalent_time`,
  :func:`nearest_race` and :func:`race_predictions`;
* :mod:`~speedfirst.equivalence.goals` — :func:`assess_goal`: realistic,
  stretch, not yet realistic or impossible.

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

from speedfirst.equivalence.goals import (
    REALISTIC_GAP_PCT,
    STRETCH_GAP_PCT,
    assess_goal,
    speed_reserve_ratio,
)
from speedfirst.equivalence.goals import SPEED_RESERVE_RATIOS as SPEED_RESERVE_RATIOS
from speedfirst.equivalence.models import (
    MODELS,
    cameron_time,
    daniels_time,
    equivalent_time,
    nearest_race,
    race_predictions,
    riegel_time,
    sustainable_fraction,
    vdot,
    velocity_at_vo2,
    vo2_cost,
)
from speedfirst.equivalence.models import ModelFn as ModelFn

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
