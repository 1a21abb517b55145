"""A race time you can type or drag: a text box linked to a slider.

A runner knows a race time to the second, so the text box stays the value
(the dashboard reads it, the share link carries it); the slider beside it is a
faster way to explore. Dragging writes the slider's time into the box; typing
a time moves the slider to the nearest step (never writing back, so ``18:08``
stays ``18:08`` on a 5-second slider). A box that is empty, unreadable or
outside the slider's range leaves the slider where it is (clamped to its end
for a valid time beyond it), and the library's checks still judge the text.
While the box is empty the slider rests at a typical time, greyed out
(CSS class ``sf-time-unset``, :data:`UNSET_CSS`).

Every slider range sits inside :func:`speedfirst.limits.check_race_time`'s
limits, so a dragged time is always plausible (a test checks both ends).
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias

from speedfirst.errors import InputError
from speedfirst.text import format_time, parse_time

__all__ = ["SLIDER_RANGES", "UNSET_CSS", "RaceTimeField", "slider_range"]

log = logging.getLogger(__name__)

SLIDER_RANGES: dict[str, tuple[int, int, int, int]] = {
    "mile": (4 * 60, 12 * 60, 1, 6 * 60),
    "5k": (14 * 60, 45 * 60, 5, 20 * 60),
    "10k": (28 * 60, 90 * 60, 10, 42 * 60),
    "marathon": (2 * 3600, 6 * 3600, 60, 3 * 3600 + 30 * 60),
    "half": (3600, 3 * 3600, 30, 3600 + 40 * 60),
}
"""Slider range by field (race-time key, or the goal's race distance):
``(fastest, slowest, step, resting position)`` [s]. The resting position is
where the slider sits while its box is empty."""


UNSET_CSS = ("<style>.sf-time-unset .noUi-handle, .sf-time-unset .widget-readout "
             "{opacity: 0.35;}</style>")
"""Greys out a slider whose box is empty (show it once, in an ``HTML`` widget)."""


def slider_range(key: str) -> tuple[int, int, int, int]:
    """``(fastest, slowest, step, resting)`` [s] of the slider for ``key``.

    Parameters
    ----------
    key : str
        ``"mile"``, ``"5k"``, ``"10k"``, or a goal's race distance
        (``"marathon"``, ``"half"``).

    Raises
    ------
    InputError
        For any other key.
    """
    try:
        return SLIDER_RANGES[key]
    except KeyError:
        raise InputError(f"no race-time slider for {key!r}; use one of "
                         f"{', '.join(SLIDER_RANGES)}", field="distance") from None


def _options(key: str) -> list[tuple[str, int]]:
    lo, hi, step, _ = slider_range(key)
    return [(format_time(s), s) for s in range(lo, hi + 1, step)]


class RaceTimeField:
    """A text box and a slider of times [s] that follow each other.

    Parameters
    ----------
    text : ipywidgets.Text
        The box holding the time (its value is what counts).
    key : str
        Which range the slider uses (see :data:`SLIDER_RANGES`).
    description : str
        The slider's accessible label (it shows no visible one: the box has it).

    Attributes
    ----------
    text : ipywidgets.Text
    slider : ipywidgets.SelectionSlider
        Options are ``(label, seconds)`` pairs; its readout shows the time.
    key : str
        The current range.
    """

    def __init__(self, text: W.Text, key: str, description: str = "") -> None:
        self.text = text
        self.key = key
        self._syncing = False
        rest = slider_range(key)[3]
        self.slider = W.SelectionSlider(
            options=_options(key), value=rest, description="", continuous_update=True,
            readout=True, tooltip=description, layout=W.Layout(width="260px"))
        self.slider.add_class("sf-time-slider")
        self._follow_text(text.value)
        self.text.observe(self._on_text, names="value")
        self.slider.observe(self._on_slider, names="value")

    # ------------------------------------------------------------------ sync
    def _on_text(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        try:
            self._follow_text(change["new"])
        except Exception:  # never let a sync problem reach the viewer
            log.exception("race-time slider could not follow the text")

    def _on_slider(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.slider.remove_class("sf-time-unset")
            self.text.value = format_time(change["new"])
        finally:
            self._syncing = False

    def seconds(self) -> float | None:
        """The box's time [s], or None when it is empty or unreadable."""
        text = str(self.text.value or "").strip()
        if not text:
            return None
        try:
            return parse_time(text)
        except InputError:
            return None

    def _follow_text(self, _value: Any = None) -> None:
        """Move the slider to the box's time (nearest step, clamped); never write the box."""
        t = self.seconds()
        self.slider.remove_class("sf-time-unset")
        if t is None:
            if not str(self.text.value or "").strip():
                self.slider.add_class("sf-time-unset")
            return
        lo, hi, step, _ = slider_range(self.key)
        nearest = int(min(max(lo + round((t - lo) / step) * step, lo), hi))
        self._syncing = True
        try:
            self.slider.value = nearest
        finally:
            self._syncing = False

    def set_range(self, key: str) -> None:
        """Switch the slider to the range of ``key`` (e.g. the goal's race distance).

        The box keeps its text; the slider moves to it, or to the new range's
        resting position when the box is empty or unreadable.
        """
        if key == self.key:
            return
        options = _options(key)
        self._syncing = True
        try:
            self.key = key
            self.slider.options = options
            self.slider.value = slider_range(key)[3]
        finally:
            self._syncing = False
        self._follow_text()
