"""Periodization templates as data: the speed-first method and a traditional plan.

A template is a tuple of :class:`CycleSpec`; each names its phase, emphasis,
share of peak weekly volume and the key workouts of its weeks. The plan
builder (:mod:`speedfirst.plan`) turns a template into dated weeks and days;
nothing here knows about dates or a particular runner.

References
----------
.. [1] Karp, J. R. *The Endurance of Speed*: three phases (General
   Preparation: cycles 1–4; Specific Preparation: cycles 5–9; taper), the
   weekly volume of each cycle as a share of peak (55, 60, 65, 70, 75, 85–90,
   90–100 %, taper 30–50 %), the key workout of each cycle, unlimited reps
   ("until one more would be exhausting") and extending the time at goal pace.
.. [2] Bompa, T. & Haff, G. (2009). *Periodization*, 5th ed.: linear
   ("traditional") periodization, general volume first and intensity late.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "METHODS",
    "SPEED_FIRST",
    "TRADITIONAL",
    "CycleSpec",
    "Workout",
]

WorkoutKind = Literal["reps", "continuous", "strides"]
Placement = Literal["midweek", "long run"]


@dataclass(frozen=True)
class Workout:
    """A key-workout prescription.

    Attributes
    ----------
    zone : str
        Pace zone name (see :data:`speedfirst.zones.ZONE_NAMES`).
    title : str
        Short name shown in a calendar.
    kind : {"reps", "continuous", "strides"}
        Repetitions with recoveries, one continuous block, or strides after an
        easy run.
    rep_s : tuple of float
        Rep duration [s] at the first and at the last week in which the
        workout appears (it ramps across all of them, even across cycles); a
        continuous block's duration grows the same way (the "volume of
        intensity"); in the taper it shrinks.
    reps : tuple of int
        Sensible floor and safety ceiling of the rep count; the runner stops
        in between when one more rep would be exhausting.
    recovery_factor : float
        Recovery as a multiple of the rep time [-] (0 for continuous runs).
    recovery_s_min, recovery_s_max : float
        Fixed recovery bounds [s]; used when ``recovery_factor`` is 0.
    recovery_mode : str
        How to recover: ``"stand or walk"`` or ``"jog"``.
    recovery_rule : str
        The rule in words, for the session description.
    placement : {"midweek", "long run"}
        Where the work is run: a midweek session of its own, or inside the
        week's long run ("long run, the last N km at goal pace"), which is
        how goal-pace volume is usually extended late in a marathon build
        (Pfitzinger & Douglas, *Advanced Marathoning*).
    """

    zone: str
    title: str
    kind: WorkoutKind
    rep_s: tuple[float, float]
    reps: tuple[int, int] = (1, 1)
    recovery_factor: float = 0.0
    recovery_s_min: float = 0.0
    recovery_s_max: float = 0.0
    recovery_mode: str = "jog"
    recovery_rule: str = ""
    placement: Placement = "midweek"

    def __post_init__(self) -> None:
        if not (self.rep_s[0] > 0 and self.rep_s[1] > 0):
            raise ValueError(f"rep_s must be positive, got {self.rep_s}")
        if not 1 <= self.reps[0] <= self.reps[1]:
            raise ValueError(f"reps must be 1 <= floor <= ceiling, got {self.reps}")


@dataclass(frozen=True)
class CycleSpec:
    """One training cycle of a template.

    Attributes
    ----------
    phase : str
        Phase name, e.g. ``"General Preparation"``.
    cycle : str
        Cycle label (``"1"`` … ``"9"``, ``"taper"``, ``"base 1"`` …).
    emphasis : str
        What the cycle develops, in words.
    fraction : tuple of float
        Share of peak weekly volume at the cycle's first and last week [-].
        Cycles sharing a ``ramp_group`` ramp once across all their weeks.
    workouts : tuple of Workout
        Key sessions of each week, in weekday order; their count is the
        number of key sessions a week.
    strength : bool
        Whether the week includes strength endurance and plyometrics.
    ramp_group : str
        Cycles with the same non-empty group share one smooth ramp.
    primary : int
        Index in ``workouts`` of the cycle's defining workout (its emphasis):
        the one a week keeps when it has room for a single key session.
        ``-1``, the default, is the last, most race-specific one.
    """

    phase: str
    cycle: str
    emphasis: str
    fraction: tuple[float, float]
    workouts: tuple[Workout, ...]
    strength: bool = False
    ramp_group: str = ""
    primary: int = -1

    def __post_init__(self) -> None:
        if not -len(self.workouts) <= self.primary < len(self.workouts):
            raise ValueError(f"primary {self.primary} is not an index of the workouts")
        lo, hi = self.fraction
        if not 0.0 < lo <= 1.0 or not 0.0 < hi <= 1.0:
            raise ValueError(f"fractions of peak must be in (0, 1], got {self.fraction}")

    @property
    def primary_workout(self) -> Workout:
        """The cycle's defining workout (see ``primary``)."""
        return self.workouts[self.primary]


# --------------------------------------------------------------------------
# Key workouts of the speed-first method [1]_
# --------------------------------------------------------------------------
SPRINTS = Workout(
    zone="speed", title="Sprints", kind="reps", rep_s=(8.0, 20.0), reps=(2, 10),
    recovery_s_min=180.0, recovery_s_max=300.0, recovery_mode="stand or walk",
    recovery_rule="stand or walk 3–5 min between sprints",
)
LONG_SPRINTS = Workout(
    zone="anaerobic capacity", title="Long sprints", kind="reps", rep_s=(30.0, 90.0),
    reps=(2, 10), recovery_factor=2.0, recovery_mode="jog",
    recovery_rule="jog at least twice as long as each rep",
)
VO2MAX_REPS = Workout(
    zone="VO2max", title="VO2max reps", kind="reps", rep_s=(180.0, 300.0), reps=(2, 8),
    recovery_factor=0.9, recovery_mode="jog",
    recovery_rule="jog a little less than (at most as long as) each rep",
)
THRESHOLD_RUN = Workout(
    zone="acidosis threshold", title="Threshold run", kind="continuous", rep_s=(1200.0, 1800.0),
)
GOAL_PACE_RUN = Workout(
    zone="goal pace", title="Long run with goal pace", kind="continuous",
    rep_s=(1200.0, 5400.0), placement="long run",
)
TAPER_THRESHOLD = Workout(
    zone="acidosis threshold", title="Threshold run (taper)", kind="continuous",
    rep_s=(1200.0, 900.0),
)
TAPER_GOAL_PACE = Workout(
    zone="goal pace", title="Long run with goal pace (taper)", kind="continuous",
    rep_s=(2400.0, 1200.0), placement="long run",
)

GP, SP, TP = "General Preparation", "Specific Preparation", "Taper"

SPEED_FIRST: tuple[CycleSpec, ...] = (
    CycleSpec(GP, "1", "Speed (anaerobic power)", (0.55, 0.55), (SPRINTS, SPRINTS), True),
    CycleSpec(GP, "2", "Speed endurance (anaerobic capacity)", (0.60, 0.60),
              (LONG_SPRINTS, LONG_SPRINTS), True),
    CycleSpec(GP, "3", "Speed endurance, then VO2max (aerobic power)", (0.65, 0.65),
              (LONG_SPRINTS, VO2MAX_REPS), True),
    CycleSpec(GP, "4", "VO2max (aerobic power)", (0.70, 0.70), (VO2MAX_REPS, VO2MAX_REPS), True),
    CycleSpec(SP, "5", "VO2max, then acidosis threshold", (0.75, 0.75),
              (VO2MAX_REPS, THRESHOLD_RUN)),
    CycleSpec(SP, "6", "Acidosis threshold, then goal pace", (0.85, 0.90),
              (THRESHOLD_RUN, GOAL_PACE_RUN)),
    CycleSpec(SP, "7", "Acidosis threshold, then goal pace", (0.90, 1.00),
              (THRESHOLD_RUN, GOAL_PACE_RUN), ramp_group="7-9"),
    CycleSpec(SP, "8", "Acidosis threshold, then goal pace", (0.90, 1.00),
              (THRESHOLD_RUN, GOAL_PACE_RUN), ramp_group="7-9"),
    CycleSpec(SP, "9", "Acidosis threshold, then goal pace", (0.90, 1.00),
              (THRESHOLD_RUN, GOAL_PACE_RUN), ramp_group="7-9"),
    CycleSpec(TP, "taper", "Race-specific endurance", (0.50, 0.30),
              (TAPER_THRESHOLD, TAPER_GOAL_PACE)),
)
"""The speed-first method: 4 General Preparation cycles, 5 Specific Preparation
cycles and a taper [1]_."""

# --------------------------------------------------------------------------
# A traditional (linear) plan for contrast [2]_
# --------------------------------------------------------------------------
STRIDES = Workout(
    zone="speed", title="Easy run + strides", kind="strides", rep_s=(20.0, 20.0), reps=(4, 8),
    recovery_s_min=60.0, recovery_s_max=90.0, recovery_mode="walk",
    recovery_rule="walk back between strides",
)
TEMPO = Workout(
    zone="acidosis threshold", title="Tempo run", kind="continuous", rep_s=(1200.0, 2400.0),
)
INTERVALS = Workout(
    zone="VO2max", title="Intervals", kind="reps", rep_s=(180.0, 300.0), reps=(2, 6),
    recovery_factor=0.9, recovery_mode="jog", recovery_rule="jog about as long as each rep",
)
LATE_GOAL_PACE = Workout(
    zone="goal pace", title="Long run with goal pace", kind="continuous",
    rep_s=(1200.0, 3600.0), placement="long run",
)

BASE, BUILD, SHARP = "Base", "Build", "Sharpening"

TRADITIONAL: tuple[CycleSpec, ...] = (
    CycleSpec(BASE, "base", "Aerobic base (easy volume)", (0.55, 0.90), (STRIDES,), True),
    CycleSpec(BUILD, "build", "Threshold added", (0.90, 1.00), (TEMPO, LATE_GOAL_PACE),
              primary=0),
    CycleSpec(SHARP, "sharpen", "VO2max and goal pace", (1.00, 0.95), (INTERVALS, LATE_GOAL_PACE)),
    CycleSpec(TP, "taper", "Race-specific endurance", (0.50, 0.30),
              (TAPER_THRESHOLD, TAPER_GOAL_PACE)),
)
"""A linear plan over the same weeks: base volume first, threshold next, VO2max
and goal-pace work last, then the same taper [2]_."""

METHODS: dict[str, tuple[CycleSpec, ...]] = {
    "speed-first": SPEED_FIRST,
    "traditional": TRADITIONAL,
}
"""Templates by name."""
