"""What every widget of the project shares: showing a figure and showing an error.

A figure is shown by assigning its mime bundle to ``Output.outputs``, never by
displaying into the output while the notebook runs (that can hang a Voila page
load); an error is a one-line message with ``role="alert"``.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W  # noqa: N812 - the conventional alias

from speedfirst import figures

__all__ = ["bundle_output", "chart", "error_html"]


def bundle_output(fig: Any) -> tuple[dict[str, Any], ...]:
    """The ``Output.outputs`` value that shows ``fig``."""
    return ({"output_type": "display_data", "data": figures.figure_bundle(fig),
             "metadata": {}},)


def chart(fig: Any) -> W.Output:
    """An ``Output`` widget showing ``fig`` (its bundle assigned to ``outputs``).

    A plain mime bundle as a cell result also draws in Voila, but plotly's
    renderer then fails to cache its PNG preview there (a console error per
    chart); inside an ``Output`` widget it does not.
    """
    out = W.Output(layout=W.Layout(min_height="360px"))
    out.outputs = bundle_output(fig)
    out.add_class("sf-chart-static")
    return out


def error_html(message: str) -> str:
    """A one-line error message, HTML-escaped, announced to screen readers."""
    return f'<span class="sf-error-text" role="alert">{html.escape(message)}</span>'
