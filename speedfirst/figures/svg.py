"""Charts as plain SVG, for pages that must show a chart before any script runs.

The read-only view of a share link (:mod:`speedfirst.readonly`) may be opened
by a whole club at once on a small server and on phones; its weekly-distance
chart is drawn here as inline SVG, so it appears with the page's first paint
while plotly.js (for the interactive charts further down) is still loading.
Same data, colours and phase names as :func:`speedfirst.figures.mileage_chart`.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from speedfirst.figures.style import PHASE_COLORS
from speedfirst.units import METERS_PER_KM, check_unit, metres_per_unit

__all__ = ["mileage_svg"]

_W, _H = 720, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 12, 64, 36


def _ticks(top: float) -> list[float]:
    """Round y-axis ticks from 0 to at least ``top``: 4–8 of them."""
    raw = top / 5 if top > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step) + 1)]


def mileage_svg(weeks: pd.DataFrame, units: str = "mi") -> str:
    """Weekly distance as an inline SVG bar chart, one bar per week coloured by phase.

    Parameters
    ----------
    weeks : pandas.DataFrame
        Plan weeks: ``week``, ``phase``, ``distance_km``.
    units : {"mi", "km"}

    Returns
    -------
    str
        An ``<svg>`` element (``viewBox`` 720 × 320, scales to its box's width)
        with ``role="img"``, a ``<title>``, one ``<rect class="sf-bar">`` per
        week (its own ``<title>`` with week, phase and distance), y ticks in
        ``units`` and a legend of the phases present. All text is escaped.

    Examples
    --------
    >>> w = pd.DataFrame({"week": [1, 2], "phase": ["Taper", "Taper"],
    ...                   "distance_km": [16.09344, 32.18688]})
    >>> svg = mileage_svg(w)
    >>> svg.count('class="sf-bar"'), "Week 2 · Taper · 20.0 mi" in svg
    (2, True)
    """
    unit = check_unit(units)
    per = METERS_PER_KM / metres_per_unit(unit)
    dist = (weeks["distance_km"].astype(float) * per).tolist()
    phases = [str(p) for p in weeks["phase"]]
    numbers = [int(w) for w in weeks["week"]]
    ticks = _ticks(max(dist, default=0.0))
    top = ticks[-1] or 1.0
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    slot = plot_w / max(len(dist), 1)

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - value / top)

    title = f"Weekly distance ({unit})"
    out = [f'<svg class="sf-svg-chart" viewBox="0 0 {_W} {_H}" width="100%" role="img" '
           f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg" '
           f'style="max-width:{_W}px;font:12px system-ui,sans-serif">',
           f"<title>{html.escape(title)}</title>",
           f'<text x="0" y="16" font-size="16" fill="#2a3f5f">{html.escape(title)}</text>']
    for t in ticks:
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                   f'stroke="#e5e8ee"/><text x="{_LEFT - 6}" y="{y(t) + 4:.1f}" '
                   f'text-anchor="end" fill="#506784">{t:g}</text>')
    every = max(1, math.ceil(len(dist) / 12))
    for i, (week, phase, d) in enumerate(zip(numbers, phases, dist, strict=True)):
        x = _LEFT + i * slot + slot * 0.12
        label = html.escape(f"Week {week} · {phase} · {d:.1f} {unit}")
        colour = PHASE_COLORS.get(phase, "#888888")
        out.append(f'<rect class="sf-bar" x="{x:.1f}" y="{y(d):.1f}" width="{slot * 0.76:.1f}" '
                   f'height="{max(y(0) - y(d), 0):.1f}" fill="{colour}"><title>{label}</title>'
                   "</rect>")
        if i % every == 0 or i == len(dist) - 1:
            out.append(f'<text x="{x + slot * 0.38:.1f}" y="{_H - _BOTTOM + 16}" '
                       f'text-anchor="middle" fill="#506784">{week}</text>')
    out.append(f'<text x="{_LEFT + plot_w / 2:.0f}" y="{_H - 4}" text-anchor="middle" '
               'fill="#506784">Week</text>')
    x = 0.0
    for phase in dict.fromkeys(phases):
        out.append(f'<rect x="{x:.0f}" y="30" width="12" height="12" '
                   f'fill="{PHASE_COLORS.get(phase, "#888888")}"/>'
                   f'<text x="{x + 16:.0f}" y="40" fill="#2a3f5f">{html.escape(phase)}</text>')
        x += 24 + 7 * len(phase)
    out.append("</svg>")
    return "".join(out)
