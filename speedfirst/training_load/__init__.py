"""Training load of a plan: time in zones, the 80/20 check, fitness and fatigue.

Three views of the same sessions table (:attr:`speedfirst.plan.Plan.sessions`):

* :func:`intensity_distribution` and :func:`phase_summary` split running time
  into the pace zones of :data:`speedfirst.zones.ZONE_NAMES` and compare the
  easy share with the 80/20 guideline [Seiler2006]_ [Seiler2010]_.
* :func:`daily_load` weights each minute by an intensity factor
  (:data:`ZONE_INTENSITY`, after Edwards' summated heart-rate-zone TRIMP
  [Edwards1993]_) to get one load number per calendar day.
* :func:`fitness_fatigue` runs the daily load through the fitness–fatigue
  (impulse–response) model [Banister1975]_ in its "CTL / ATL / TSB" form
  [Allen2010]_.

The first view is :mod:`~speedfirst.training_load.distribution`, the other two
:mod:`~speedfirst.training_load.load`.

How a session's minutes are split
---------------------------------
``minutes`` is a session's running time and ``work_min`` the part of it run
in the session's ``zone``; the rest (warm-up, cool-down, jogged recoveries,
easy and long runs) is easy running. A race counts entirely as goal pace.
Work minutes in a zone the module does not know (``""`` on rest and strength
days, which have no running time anyway) are counted as easy.

Load unit
---------
The load unit is the **TRIMP-minute**: one minute of running times the
intensity factor of its zone (:data:`ZONE_INTENSITY`). An hour of easy
running is 120 TRIMP-minutes; a 2:45 marathon at goal pace is 660.
Strength and plyometrics sessions carry **no load**: the plan gives them no
duration and heart rate does not describe them; their cost shows up only
indirectly (they replace a rest day).

References
----------
.. [Edwards1993] Edwards, S. (1993). *The Heart Rate Monitor Book*. Polar
   Electro Oy: summated heart-rate-zone TRIMP, minutes in each of five
   zones (50–60, 60–70, 70–80, 80–90, 90–100 % HRmax) multiplied by 1–5.
.. [Banister1975] Banister, E. W., Calvert, T. W., Savage, M. V. & Bach, T.
   (1975). A systems model of training for athletic performance. *Australian
   Journal of Sports Medicine* 7, 57–61.
.. [Allen2010] Allen, H. & Coggan, A. (2010). *Training and Racing with a
   Power Meter*, 2nd ed.: chronic and acute training load (42- and 7-day
   exponentially weighted averages) and training stress balance = CTL − ATL.
.. [Seiler2006] Seiler, K. S. & Kjerland, G. Ø. (2006). Quantifying training
   intensity distribution in elite endurance athletes: is there evidence for
   an "optimal" distribution? *Scand. J. Med. Sci. Sports* 16, 49–56.
.. [Seiler2010] Seiler, S. (2010). What is best practice for training
   intensity and duration distribution in endurance athletes? *Int. J. Sports
   Physiol. Perform.* 5, 276–291.
"""

from speedfirst.training_load.distribution import (
    EASY_TARGET,
    ZONE_ORDER,
    intensity_distribution,
    phase_summary,
    zone_minutes,
)
from speedfirst.training_load.load import ZONE_INTENSITY, daily_load, ewma_load, fitness_fatigue

__all__ = [
    "EASY_TARGET",
    "ZONE_INTENSITY",
    "ZONE_ORDER",
    "daily_load",
    "ewma_load",
    "fitness_fatigue",
    "intensity_distribution",
    "phase_summary",
    "zone_minutes",
]
