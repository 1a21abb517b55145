"""Step 4 of a plan: which day of a week holds which kind of run.

A training week places the long run on the runner's long-run day and the
midweek key sessions two and four days after it (one key: four days after),
so that no two hard days (key sessions or the long run) are ever
consecutive, also across weeks: every training week uses the same weekdays.
Easy runs fill the other days in an order that leaves the day after the long
run as the first rest day. The race week is laid out by days counted back
from race day instead, whatever weekday that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from speedfirst.plan.rules import RULES

__all__ = ["RaceWeekDays", "WeekDays", "race_week_days", "training_week_days"]

KEY_OFFSETS = {0: (), 1: (4,), 2: (2, 4)}
"""Days after the long run [days] of the midweek key sessions, by their count. One
key sits where the second of two would: weeks with one and with two keys can
follow each other, across any week boundary, without two hard days in a row."""
EASY_ORDER = {0: (3, 5, 1, 6, 2, 4), 1: (2, 6, 3, 1, 5), 2: (6, 3, 5, 1)}
"""Days after the long run [days] of the easy runs, first filled first, by key count."""


@dataclass(frozen=True)
class WeekDays:
    """Weekday numbers (0 = Monday) of a training week's runs.

    ``easy`` is in filling order: a week with less volume uses a prefix of it.
    """

    long: int
    keys: tuple[int, ...]
    easy: tuple[int, ...]


@lru_cache(maxsize=128)
def training_week_days(long_day: int, n_keys: int, runs: int) -> WeekDays:
    """Days of the long run, ``n_keys`` key sessions and up to ``runs`` runs in all.

    Memoised (the answer is immutable): every week of a plan asks the same.
    """
    keys = tuple((long_day + o) % 7 for o in KEY_OFFSETS[n_keys])
    n_easy = max(0, runs - 1 - n_keys)
    easy = tuple((long_day + o) % 7 for o in EASY_ORDER[n_keys])[:n_easy]
    return WeekDays(long=long_day, keys=keys, easy=easy)


@dataclass(frozen=True)
class RaceWeekDays:
    """Days before the race [days] of the race week's runs.

    ``tune_up`` is the short goal-pace session, ``shakeout`` the optional
    run the day before (``None`` when not scheduled), ``easy`` the easy runs
    in filling order.
    """

    tune_up: int | None
    shakeout: int | None
    easy: tuple[int, ...]


RACE_WEEK_EASY_ORDER = (5, 2, 3, 6)
"""Days before the race of race-week easy runs, first filled first: the day
after the tune-up and the day before it stay free for runners on fewer days."""


def race_week_days(runs: int) -> RaceWeekDays:
    """The race week of a runner who runs ``runs`` days a week (the race is one)."""
    before = runs - 1
    tune_up = RULES.tuneup_days_before if before >= 1 else None
    shakeout = 1 if runs >= 6 else None
    n_easy = max(0, before - (tune_up is not None) - (shakeout is not None))
    return RaceWeekDays(tune_up=tune_up, shakeout=shakeout,
                        easy=RACE_WEEK_EASY_ORDER[:n_easy])
