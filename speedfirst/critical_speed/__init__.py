"""How many reps a session holds: critical speed, D′ and its balance.

The speed-first method prescribes *unlimited reps* (repeat until one more
would be exhausting) and a *high volume of reps* (shorter reps let a session
hold more total time at a pace). This module puts numbers on both with the
critical-speed model.

The model
---------
* **Critical speed and D′** [Monod1965]_ [Jones2010]_. Over runs lasting
  roughly 2 to 30 minutes, the distance a runner can cover at best in a time
  ``t`` is close to a straight line, ``distance = CS · t + D′``. The slope CS
  [m/s] is the fastest speed with a metabolic steady state; the intercept D′
  [m] is a fixed store of distance that can be run *above* CS. Running at
  speed ``v > CS`` uses D′ at the rate ``v − CS``; the runner is exhausted
  when it is empty. Below CS nothing is used.
* **Recovery: the D′ balance** [Skiba2012]_. Between reps the used part of
  D′ is restored exponentially, ``deficit(t) = deficit(0) · e^(−t/τ)``. Skiba
  et al. fitted the time constant for cycling as
  ``τ = 546 · e^(−0.01 · DCP) + 316`` s, with DCP the gap between critical
  power and recovery power in watts. Running has no watts, so we express the
  gap as a *percentage of critical speed*::

      DCS = 100 · (CS − v_recovery) / CS        [% of CS]
      τ   = 546 · e^(−0.01 · DCS) + 316         [s]

  Standing or walking recovery (``v_recovery = 0``) gives DCS = 100 and
  τ ≈ 517 s; a jog at 75 % of CS gives DCS = 25 and τ ≈ 741 s, so a
  standing recovery restores D′ faster, as in the cycling data. This
  mapping is *our* assumption (a percentage keeps the gap dimensionless and
  independent of body mass); absolute rep counts are therefore rough, while
  the comparisons the lesson draws (shorter reps, slower pace, longer or
  easier recovery all give more) follow from the structure of the model.
* **When D′ is restored.** We let D′ recover only during recoveries, as in
  the differential form of the balance model [Skiba2021]_; during a rep it
  only drains. With rep time ``r``, recovery ``k·r``, drain ``a = v − CS`` and
  ``q = e^(−k·r/τ)``, the deficit at the end of rep ``n`` is
  ``a · r · (1 − qⁿ) / (1 − q)``.
* **Unlimited reps.** The session's rep count is the largest ``n`` whose
  deficit stays within D′: one more rep would take the balance below zero,
  i.e. "one more would be exhausting". A ceiling on the total time at pace
  (:data:`MAX_WORK_S`) stops sessions the model would never end (any pace
  slower than CS): the model knows nothing about fuel, heat or muscle damage.

Because reps are whole, "shorter reps hold at least as much time at pace" is
exact when the longer rep is a whole multiple of the shorter (30 s, 1, 2, 4,
8 min: :data:`DEFAULT_REP_DURATIONS_S`); for other pairs the shorter reps can
lose at most one short rep to rounding.

* :mod:`~speedfirst.critical_speed.estimate` — critical speed and D′ from races;
* :mod:`~speedfirst.critical_speed.sessions` — D′ recovery and the reps one
  session holds.

References
----------
.. [Monod1965] Monod, H. & Scherrer, J. (1965). The work capacity of a
   synergic muscular group. *Ergonomics* 8(3), 329–338.
.. [Jones2010] Jones, A. M., Vanhatalo, A., Burnley, M., Morton, R. H. &
   Poole, D. C. (2010). Critical power: implications for determination of
   VO2max and exercise tolerance. *Medicine & Science in Sports & Exercise*
   42(10), 1876–1890. (Critical speed and D′ for running.)
.. [Skiba2012] Skiba, P. F., Chidnok, W., Vanhatalo, A. & Jones, A. M.
   (2012). Modeling the expenditure and reconstitution of work capacity
   above critical power. *Medicine & Science in Sports & Exercise* 44(8),
   1526–1532.
.. [Skiba2021] Skiba, P. F. & Clarke, D. C. (2021). The W′ balance model:
   mathematical and methodological considerations. *International Journal
   of Sports Physiology and Performance* 16(11), 1561–1572.
.. [Karp] Karp, J. R. *The Endurance of Speed*: unlimited reps and a high
   volume of reps.
"""

from speedfirst.critical_speed.estimate import (
    CriticalSpeed,
    critical_speed,
    critical_speed_from_race,
)
from speedfirst.critical_speed.sessions import (
    DEFAULT_REP_DURATIONS_S,
    MAX_WORK_S,
    REPS_COLUMNS,
    SessionCapacity,
    recovery_time_constant,
    reps_table,
    session_capacity,
)

__all__ = [
    "DEFAULT_REP_DURATIONS_S",
    "MAX_WORK_S",
    "REPS_COLUMNS",
    "CriticalSpeed",
    "SessionCapacity",
    "critical_speed",
    "critical_speed_from_race",
    "recovery_time_constant",
    "reps_table",
    "session_capacity",
]
