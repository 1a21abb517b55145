"""A plotly chart as a widget that redraws in place.

:class:`Chart` holds one figure as plain JSON (``{"data", "layout",
"config"}``, see :func:`speedfirst.figures.figure_json`) in a synced trait; its
front end (``static/chart.js``, an anywidget module) draws every new value with
``Plotly.react`` on the same element. Measured on the dashboard's peak slider
(headless Chromium, 2 cores): assigning a mime bundle to an ``Output`` widget
cost 220-290 ms from key press to the chart redrawn, most of it in the browser
(the old graph torn down, a new one drawn, margins settled by a second draw,
and a PNG preview cached by plotly's renderer). ``Plotly.react`` on the
existing graph does only what changed.

The module carries no plotly.js of its own. On speedfirst's Voila pages it
loads plotly.js's basic bundle, which speedfirst ships
(:data:`speedfirst.figures.PLOTLY_BASIC_JS`, a static file of the page
template); elsewhere (JupyterLab) it takes the full bundle of the
jupyterlab-plotly extension that comes with the plotly package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as W  # noqa: N812 - the conventional alias
import traitlets

from speedfirst import figures

__all__ = ["Chart", "chart"]

_ESM = (figures.narrow_layout_js() + "\n"
        + (Path(__file__).with_name("static") / "chart.js").read_text(encoding="utf-8"))
"""The widget's module: the shared phone layout (figures/narrow.js), then chart.js."""


class Chart(anywidget.AnyWidget):
    """One plotly figure, shown and updated in place.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure, optional
        The figure shown first.
    **kwargs
        Passed to :class:`anywidget.AnyWidget` (``layout``, ...).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> c = Chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"title": {"text": "A"}}))
    >>> c.figure["data"][0]["y"], c.figure["config"]["displaylogo"]
    ([3, 4], False)
    >>> c.title
    'A'
    """

    _esm = _ESM
    figure = traitlets.Dict().tag(sync=True)

    def __init__(self, fig: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if fig is not None:
            self.show(fig)

    def show(self, fig: Any) -> None:
        """Replace the figure (one message to the page, redrawn in place)."""
        self.figure = figures.figure_json(fig)

    @property
    def title(self) -> str:
        """The figure's title as plain text ("" before a figure is shown)."""
        return figures.figure_title(self.figure) if self.figure else ""


def chart(fig: Any, *, min_height: str = "360px") -> Chart:
    """A :class:`Chart` showing ``fig``, with room reserved for it on the page."""
    out = Chart(fig, layout=W.Layout(min_height=min_height))
    out.add_class("sf-chart-static")
    return out
