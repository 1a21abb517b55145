"""One lesson: its controls, its charts and a note, recomputed on every change.

:class:`Lesson` is what every builder of :mod:`speedfirst.widgets.lessons`
returns; the slider factories and :func:`paragraph` here keep the lessons'
controls and notes alike.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias
import plotly.graph_objects as go

from speedfirst import figures
from speedfirst.errors import InputError
from speedfirst.text import format_time
from speedfirst.widgets.base import error_html, share_layouts
from speedfirst.widgets.chart import Chart

__all__ = ["Lesson", "View", "int_slider", "paragraph", "time_slider"]

log = logging.getLogger(__name__)

View = Callable[..., tuple[Sequence[go.Figure], str]]


class Lesson(W.VBox):
    """A lesson's controls, its chart outputs and a message line.

    Every change of a control calls :meth:`refresh`, which recomputes through
    ``view(**values)`` (a pure function returning the figures and a short
    HTML note) and swaps the new figures in. Errors leave the last charts in
    place and show a one-line message instead.

    Parameters
    ----------
    name : str
        Short name, used in CSS classes (``sf-lesson-<name>``).
    controls : dict of str to widget
        Keyword name → control; their values are passed to ``view``.
    view : callable
        ``view(**values) -> (figures, note_html)``.
    n_charts : int
        Number of chart outputs (the length of ``figures``).

    Attributes
    ----------
    controls : dict
    charts : list of speedfirst.widgets.chart.Chart
    note, error : ipywidgets.HTML
    figures : list of plotly.graph_objects.Figure
        The figures on show.
    last_exception : BaseException or None
        The last unexpected error (kept for developers; never shown).
    """

    def __init__(self, name: str, controls: dict[str, W.ValueWidget], view: View,
                 n_charts: int) -> None:
        charts = [Chart(layout=W.Layout(min_height="400px")) for _ in range(n_charts)]
        note, error = W.HTML(value=""), W.HTML(value="")
        bar = W.HBox(list(controls.values()),
                     layout=W.Layout(flex_flow="row wrap", grid_gap="8px 24px"))
        super().__init__(children=[bar, error, note, *charts])
        self.controls = controls
        self.view = view
        self.charts = charts
        self.note = note
        self.error = error
        self.figures: list[go.Figure] = []
        self.last_exception: BaseException | None = None
        self.add_class("sf-lesson")
        self.add_class(f"sf-lesson-{name}")
        note.add_class("sf-lesson-note")
        error.add_class("sf-lesson-error")
        for c in charts:
            c.add_class("sf-lesson-chart")
        for c in controls.values():
            c.observe(self._on_change, names="value")
        share_layouts(self)
        self.refresh()

    def values(self) -> dict[str, Any]:
        """Current control values by keyword."""
        return {k: w.value for k, w in self.controls.items()}

    def _on_change(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> bool:
        """Recompute and show; returns whether it succeeded."""
        try:
            figs, note = self.view(**self.values())
            figs = list(figs)
            shown = [figures.figure_json(f) for f in figs]
        except InputError as exc:
            self._fail(str(exc))
            return False
        except Exception as exc:  # never show a traceback to a reader
            self.last_exception = exc
            log.debug("lesson %s failed", self._dom_classes, exc_info=True)
            self._fail("Something went wrong with that choice; the last charts are shown.")
            return False
        for out, fig_json in zip(self.charts, shown, strict=False):
            out.figure = fig_json
        self.figures = figs
        self.note.value = note
        self.error.value = ""
        return True

    def _fail(self, message: str) -> None:
        self.error.value = error_html(message)


def int_slider(description: str, value: int, lo: int, hi: int, step: int = 1) -> W.IntSlider:
    """A lesson's integer slider, from ``lo`` to ``hi``, updating on release.

    Parameters
    ----------
    description : str
        The label.
    value, lo, hi, step : int
        Start value, bounds and step.
    """
    return W.IntSlider(value=value, min=lo, max=hi, step=step, description=description,
                       continuous_update=False, style={"description_width": "initial"},
                       layout=W.Layout(width="420px"))


def time_slider(description: str, value: float, lo: int, hi: int,
                step: int) -> W.SelectionSlider:
    """A slider over times [s] shown as ``m:ss`` / ``h:mm:ss``, updating on release.

    Parameters
    ----------
    description : str
        The label.
    value : float
        Start value [s]; added to the options when it is off the grid.
    lo, hi, step : int
        The grid of options [s].
    """
    values = set(range(lo, hi + 1, step)) | {round(value)}
    return W.SelectionSlider(options=[(format_time(v), float(v)) for v in sorted(values)],
                             value=float(round(value)), description=description,
                             continuous_update=False, style={"description_width": "initial"},
                             layout=W.Layout(width="420px"))


def paragraph(text: str) -> str:
    """``text`` HTML-escaped as one paragraph (a lesson's note)."""
    return f"<p>{html.escape(text)}</p>"
