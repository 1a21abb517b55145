"""Running time of a plan in each pace zone, per week and per phase, and the 80/20 check.

How a session's minutes are split between zones is in
:mod:`speedfirst.training_load`.

References
----------
.. [Seiler2006] Seiler, K. S. & Kjerland, G. Ø. (2006). Quantifying training
   intensity distribution in elite endurance athletes: is there evidence for
   an "optimal" distribution? *Scand. J. Med. Sci. Sports* 16, 49–56.
.. [Seiler2010] Seiler, S. (2010). What is best practice for training
   intensity and duration distribution in endurance athletes? *Int. J. Sports
   Physiol. Perform.* 5, 276–291.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from speedfirst.zones import ZONE_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from speedfirst.plan import Plan

__all__ = ["EASY_TARGET", "ZONE_ORDER", "intensity_distribution", "phase_summary", "zone_minutes"]

ZONE_ORDER: tuple[str, ...] = tuple(ZONE_NAMES)
"""Zone names in the order of :data:`speedfirst.zones.ZONE_NAMES` (fastest first,
``"easy"`` last); the order of every zone column and row in this module."""

EASY_TARGET: float = 0.8
"""Share of running time at easy intensity that the 80/20 guideline asks for."""


def _snake(zone: str) -> str:
    """``"acidosis threshold"`` → ``"acidosis_threshold"``, ``"VO2max"`` → ``"vo2max"``."""
    return zone.lower().replace(" ", "_")


def zone_minutes(sessions: pd.DataFrame) -> np.ndarray:
    """Running minutes of every session in every zone.

    Parameters
    ----------
    sessions : pandas.DataFrame
        A plan's sessions table (columns ``minutes``, ``work_min``, ``zone``).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(sessions), len(ZONE_ORDER))`` [min]: ``work_min`` in the
        session's zone and ``minutes − work_min`` in ``"easy"``. Rows sum to
        ``minutes``.

    Examples
    --------
    >>> s = pd.DataFrame({"minutes": [40.0, 60.0], "work_min": [20.0, 0.0],
    ...                   "zone": ["goal pace", "easy"]})
    >>> zone_minutes(s)[:, [ZONE_ORDER.index("goal pace"), ZONE_ORDER.index("easy")]]
    array([[20., 20.],
           [ 0., 60.]])
    """
    minutes = np.nan_to_num(sessions["minutes"].to_numpy(dtype=float))
    work = np.nan_to_num(sessions["work_min"].to_numpy(dtype=float))
    work = np.clip(work, 0.0, minutes)
    easy_col = ZONE_ORDER.index("easy")
    col = {z: i for i, z in enumerate(ZONE_ORDER)}
    idx = np.array([col.get(z, easy_col) for z in sessions["zone"].astype(str)], dtype=int)
    out = np.zeros((len(sessions), len(ZONE_ORDER)))
    rows = np.arange(len(sessions))
    np.add.at(out, (rows, idx), work)
    out[:, easy_col] += minutes - work
    return out


def intensity_distribution(plan: Plan) -> pd.DataFrame:
    """Running minutes per week and zone, as a tidy table.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        One row for every (week, zone) pair, zeros included, weeks in order
        and zones in :data:`ZONE_ORDER` order. Columns ``week`` (int),
        ``zone`` (str), ``minutes`` (running minutes in that zone, see the
        module notes) and ``share`` (``minutes`` / the week's running minutes;
        0 in a week without running).

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> d = intensity_distribution(p)
    >>> len(d) == len(p.weeks) * len(ZONE_ORDER)
    True
    >>> bool(d.groupby("week").share.sum().round(9).eq(1.0).all())
    True
    """
    zm = zone_minutes(plan.sessions)
    weeks = plan.weeks["week"].to_numpy(dtype="int64")
    per_week = (pd.DataFrame(zm, columns=list(ZONE_ORDER))
                .groupby(plan.sessions["week"].to_numpy(dtype="int64")).sum()
                .reindex(weeks, fill_value=0.0))
    mins = per_week.to_numpy(dtype=float)
    total = mins.sum(axis=1, keepdims=True)
    share = np.divide(mins, total, out=np.zeros_like(mins), where=total > 0)
    n_zones = len(ZONE_ORDER)
    return pd.DataFrame({
        "week": np.repeat(weeks, n_zones),
        "zone": pd.array(list(ZONE_ORDER) * len(weeks), dtype="str"),
        "minutes": mins.ravel(),
        "share": share.ravel(),
    })


def phase_summary(plan: Plan) -> pd.DataFrame:
    """Time in each zone per training phase, with the 80/20 check.

    The 80/20 guideline [Seiler2006]_ [Seiler2010]_: well-trained endurance
    athletes do about 80 % of their training at low intensity (below the
    first ventilatory threshold) and about 20 % at or above threshold. Here
    "low intensity" is the ``easy`` zone, and shares are of running *time*.
    Seiler and Kjerland counted *sessions*; by time the easy share is usually
    higher still, so a phase that fails the check on time is clearly
    intensity-heavy.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        One row per phase in plan order, columns ``phase``, ``weeks`` (count),
        ``minutes`` (running minutes), ``share_<zone>`` for each zone of
        :data:`ZONE_ORDER` (snake case: ``share_speed``,
        ``share_anaerobic_capacity``, ``share_vo2max``,
        ``share_acidosis_threshold``, ``share_goal_pace``, ``share_easy``;
        0 when the phase has no running), ``easy_share`` (the same number as
        ``share_easy``, under the guideline's name) and ``meets_80_20``
        (``easy_share`` ≥ :data:`EASY_TARGET`).

    Examples
    --------
    >>> from speedfirst.plan import build_plan
    >>> p = build_plan(race_date="2027-04-18", peak_weekly=55, races={5000.0: 1088.0},
    ...                goal_time_s=9900, today="2026-11-23")
    >>> s = phase_summary(p)
    >>> s.phase.tolist()
    ['General Preparation', 'Specific Preparation', 'Taper']
    >>> s.weeks.tolist()
    [8, 10, 3]
    """
    zm = zone_minutes(plan.sessions)
    phase_of_week = dict(zip(plan.weeks["week"].astype("int64"), plan.weeks["phase"].astype(str),
                             strict=True))
    session_phase = plan.sessions["week"].astype("int64").map(phase_of_week)
    phases = list(dict.fromkeys(plan.weeks["phase"].astype(str)))
    mins = (pd.DataFrame(zm, columns=list(ZONE_ORDER))
            .groupby(session_phase.to_numpy()).sum()
            .reindex(phases, fill_value=0.0)
            .to_numpy(dtype=float))
    total = mins.sum(axis=1)
    share = np.divide(mins, total[:, None], out=np.zeros_like(mins), where=total[:, None] > 0)
    out = pd.DataFrame({
        "phase": pd.array(phases, dtype="str"),
        "weeks": plan.weeks["phase"].astype(str).value_counts().reindex(phases)
        .to_numpy(dtype="int64"),
        "minutes": total,
    })
    for i, zone in enumerate(ZONE_ORDER):
        out[f"share_{_snake(zone)}"] = share[:, i]
    out["easy_share"] = out["share_easy"]
    out["meets_80_20"] = out["easy_share"].to_numpy() >= EASY_TARGET - 1e-12
    return out
