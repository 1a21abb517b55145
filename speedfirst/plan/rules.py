"""The coaching rules a plan keeps, as named numbers with their sources.

:func:`~speedfirst.plan.build.build_plan` lays weeks out with these numbers
and :func:`~speedfirst.plan.check.check_plan` audits any plan against them,
so the builder and the audit can never drift apart.

References
----------
.. [Daniels] Daniels, J. (2014). *Daniels' Running Formula*, 3rd ed. Human
   Kinetics: per-session limits of quality work (T ≤ 10 % of the week's
   distance; I ≤ the lesser of 10 km and 8 %; R ≤ the lesser of 8 km and
   5 %) and of the long run (about 25–30 % of the week, about 150 min).
.. [Pfitzinger] Pfitzinger, P. & Douglas, S. (2019). *Advanced Marathoning*,
   3rd ed.: recovery weeks (3:1), long runs with the last part at goal pace,
   race-week structure (a short goal-pace tune-up a few days out, easy and
   short runs after it).
.. [Bosquet] Bosquet, L., Montpetit, J., Arvisais, D. & Mujika, I. (2007).
   Effects of tapering on performance: a meta-analysis. *Med Sci Sports
   Exerc* 39(8), 1358–1365: a 2-week taper (8–14 days) with volume cut by
   41–60 %, intensity and frequency kept, is the most effective.
.. [Karp] Karp, J. R. *The Endurance of Speed* (the speed-first method):
   speed sessions never on consecutive days; new runners start with two
   repeats; goal pace is the *realistic* goal.
.. [Seed001] Context article in ``shared/seeds/001``: strength work 2–4 days
   a week in 4–6-week blocks; plyometrics about once a week; about 80 % of
   running at low intensity.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RULES", "CoachingRules"]


@dataclass(frozen=True)
class CoachingRules:
    """Every number the plan engine uses to lay out a week, with its source.

    Attributes
    ----------
    min_run_min : float
        Shortest run worth scheduling [min]: 30. Shorter runs do little for
        aerobic development; when a week's volume cannot fill the chosen
        number of runs at this length the plan schedules fewer runs and says
        so. The optional shakeout the day before a race is the one exception.
    shakeout_max_min : float
        Longest run allowed the day before the race [min]: 30 ([Pfitzinger]_).
    shakeout_min : float
        Length of the optional shakeout the day before the race [min]: 20,
        scheduled only for runners who run 6 or 7 days a week.
    long_run_share : float
        Long run as a share of the week's training distance [-]: at most
        0.30, the top of Daniels' 25–30 % ([Daniels]_), the share this plan
        aims for.
    long_run_share_low_volume : float
        The same cap for weeks under :attr:`low_volume_km` [-]: 0.40. With
        little volume a 30 % long run would be too short to be a long run;
        Daniels relaxes the rule for low-mileage runners.
    low_volume_km : float
        Week distance [km] below which the relaxed share applies: 40.
    long_run_max_min : float
        Longest easy long run [min]: 150 ([Daniels]_).
    long_run_goal_pace_max_min : float
        Longest long run that includes goal-pace work [min]: 180: goal-pace
        running is the point of such a run and Pfitzinger's longest marathon-
        pace long runs reach about 3 hours for 3:30+ runners.
    long_run_cap_km : dict
        Longest long run [km] by race: marathon 35, half 24 (longer runs add
        fatigue without adding specificity; [Pfitzinger]_).
    goal_pace_long_run_share : float
        At most this share of a long run at goal pace [-]: 0.70, with the
        easy part first (Pfitzinger's longest such runs put 14–16 of 20–22 mi
        at goal pace).
    goal_block_share : tuple
        Longest goal-pace block as a share of the goal race time [-] by race:
        marathon 0.60 (Pfitzinger's longest marathon-pace runs, 14–16 mi),
        half 0.40 (half-marathon pace is close to threshold: Pfitzinger's
        half plans hold it for about 6–8 km); beyond it a run becomes a race.
    recovery_quality : float
        Work of the key sessions and goal-pace blocks in a cut-back week as a
        share of the week before [-]: 0.70, so that a cut-back week eases the
        hard running too, not just the easy mileage ([Pfitzinger]_).
    easy_vs_long : float
        Longest easy run as a share of the long run's distance [-]: 0.85 (and
        never longer in time: a goal-pace finish is shortened first), so that
        the long run stays clearly the longest run of the week, also with
        few runs a week.
    i_cap_km, i_cap_share : float
        Interval (VO2max) work per session at most the lesser of 10 km and
        8 % of the week ([Daniels]_).
    r_cap_km, r_cap_share : float
        Repetition (sprints, anaerobic capacity) work per session at most the
        lesser of 8 km and 5 % of the week ([Daniels]_).
    t_cap_share : float
        Threshold work per session at most 10 % of the week ([Daniels]_).
    cap_margin : float
        The builder sizes sessions to this fraction of each cap [-]: 0.97, so
        that rounding distances to 0.1 km never tips a session over a cap.
    warmup_min, warmup_min_low_volume : float
        Warm-up and cool-down jog around a key session [min]: 15, or 10 for
        runners whose peak week is under :attr:`low_volume_km` (the same all
        plan long, so sessions do not jump in length from week to week).
    tuneup_work_min : float
        Goal-pace work in the race-week tune-up [min]: 15 (≤ 20, [Pfitzinger]_'s
        "dress rehearsal" of about 2 mi at goal pace).
    tuneup_days_before : int
        The tune-up's distance from race day [days]: 4 (3–5 is usual).
    hard_free_days : int
        Days before the race with nothing hard (no key session, no long run):
        2.
    no_long_run_days : dict
        Days before the race with no long run: marathon 5, half 3.
    race_week_easy_max_min : float
        Longest easy run in the race week [min]: 60, so that no race-week run
        becomes a long run.
    recovery_every : int
        Default spacing of cut-back weeks [weeks]: every 4th build week, the
        3:1 pattern of [Pfitzinger]_; 3 suits older or injury-prone runners,
        0 disables them.
    recovery_factor : float
        Volume of a cut-back week as a share of its planned volume [-]: 0.80
        (about a 20 % cut, [Pfitzinger]_).
    max_weekly_rise : float
        Week-to-week rise in planned volume above which the plan warns [-]:
        0.10, the common 10 % rule.
    strength_days : int
        Strength days a week in strength cycles: 2, the low end of 2–4
        ([Seed001]_), since the same weeks carry the method's speed work.
    strength_block_weeks : int
        Length of one strength block [weeks]: 6, the top of 4–6 ([Seed001]_);
        blocks alternate strength endurance and stability.
    default_taper_weeks : dict
        Default taper length [weeks]: marathon 3, half 2 ([Bosquet]_:
        8–14 days is the most effective in general; marathon plans keep a
        third week for the longer recovery from marathon-length long runs).
    min_taper_days_warning : int
        A taper shorter than this many days draws a warning: 8 ([Bosquet]_).
    """

    min_run_min: float = 30.0
    shakeout_max_min: float = 30.0
    shakeout_min: float = 20.0
    long_run_share: float = 0.30
    long_run_share_low_volume: float = 0.40
    low_volume_km: float = 40.0
    long_run_max_min: float = 150.0
    long_run_goal_pace_max_min: float = 180.0
    long_run_cap_km: tuple[tuple[str, float], ...] = (("marathon", 35.0), ("half", 24.0))
    goal_pace_long_run_share: float = 0.70
    goal_block_share: tuple[tuple[str, float], ...] = (("marathon", 0.60), ("half", 0.40))
    recovery_quality: float = 0.70
    easy_vs_long: float = 0.85
    i_cap_km: float = 10.0
    i_cap_share: float = 0.08
    r_cap_km: float = 8.0
    r_cap_share: float = 0.05
    t_cap_share: float = 0.10
    cap_margin: float = 0.97
    warmup_min: float = 15.0
    warmup_min_low_volume: float = 10.0
    tuneup_work_min: float = 15.0
    tuneup_days_before: int = 4
    hard_free_days: int = 2
    no_long_run_days: tuple[tuple[str, int], ...] = (("marathon", 5), ("half", 3))
    race_week_easy_max_min: float = 60.0
    recovery_every: int = 4
    recovery_factor: float = 0.80
    max_weekly_rise: float = 0.10
    strength_days: int = 2
    strength_block_weeks: int = 6
    default_taper_weeks: tuple[tuple[str, int], ...] = (("marathon", 3), ("half", 2))
    min_taper_days_warning: int = 8

    def long_share(self, week_km: float, runs: int = 7) -> float:
        """Cap on the long run's share of a week of ``week_km`` [km] and ``runs`` runs.

        With ``runs`` runs the longest is at least ``1/runs`` of the week, so the
        cap is never below ``1.2/runs`` (0.40 for 3 runs): Daniels' 25–30 % is
        written for runners on five or more days a week.
        """
        base = self.long_run_share_low_volume if week_km < self.low_volume_km else (
            self.long_run_share)
        return max(base, 1.2 / max(runs, 1))

    def cap_km(self, zone: str, week_km: float) -> float:
        """Per-session cap on work in ``zone`` [km] for a week of ``week_km`` [km].

        ``inf`` for zones without a cap (easy, goal pace).
        """
        if zone == "VO2max":
            return min(self.i_cap_km, self.i_cap_share * week_km)
        if zone in ("speed", "anaerobic capacity"):
            return min(self.r_cap_km, self.r_cap_share * week_km)
        if zone == "acidosis threshold":
            return self.t_cap_share * week_km
        return float("inf")

    def long_cap_km(self, race: str) -> float:
        """Longest long run for ``race`` [km]."""
        return dict(self.long_run_cap_km)[race]

    def goal_block(self, race: str) -> float:
        """Longest goal-pace block as a share of the race time for ``race`` [-]."""
        return dict(self.goal_block_share)[race]

    def no_long_days(self, race: str) -> int:
        """Days before ``race`` with no long run."""
        return dict(self.no_long_run_days)[race]

    def taper_default(self, race: str) -> int:
        """Default taper length for ``race`` [weeks]."""
        return dict(self.default_taper_weeks)[race]


RULES = CoachingRules()
"""The rules in force."""
