"""What every widget of the project shares: showing an error, and keeping the
number of widget models small.

An error is a one-line message with ``role="alert"``. Figures are shown by
:mod:`speedfirst.widgets.chart` (never by displaying into an ``Output`` while
the notebook runs, which can hang a Voila page load).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

import ipywidgets as W  # noqa: N812 - the conventional alias

__all__ = ["error_html", "share_layouts"]


def error_html(message: str) -> str:
    """A one-line error message, HTML-escaped, announced to screen readers."""
    return f'<span class="sf-error-text" role="alert">{html.escape(message)}</span>'


def _tree(root: W.Widget) -> Iterator[W.Widget]:
    """``root`` and every widget it holds in a synced trait (children, ...), once each."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        for name in widget.keys:
            if name in ("layout", "style"):
                continue
            value = getattr(widget, name, None)
            items = value if isinstance(value, (list, tuple)) else (value,)
            stack.extend(v for v in items if isinstance(v, W.Widget))


def share_layouts(root: W.Widget) -> int:
    """Let widgets with equal layouts (and equal styles) share one model each.

    Every ipywidget comes with its own ``Layout`` and, for most kinds, its own
    style model, nearly all of them at their defaults. A page fetches the state
    of every model before it draws anything, so on the dashboard these copies
    were more than half of the models a viewer waited for. This walks the tree
    under ``root`` and, among layouts (and styles of one class) whose synced
    state is equal, keeps the first and closes the others. Shared models must
    not be mutated afterwards; change a widget's look with CSS classes or by
    assigning it a new ``Layout``.

    Parameters
    ----------
    root : ipywidgets.Widget
        Top of the tree, before it is displayed.

    Returns
    -------
    int
        How many models were closed.
    """
    kept: dict[tuple[str, str], W.Widget] = {}
    closed = 0
    for widget in list(_tree(root)):
        for name in ("layout", "style"):
            model = getattr(widget, name, None) if widget.has_trait(name) else None
            if not isinstance(model, W.Widget):
                continue
            key = (type(model).__qualname__,
                   json.dumps(model.get_state(), sort_keys=True, default=str))
            first = kept.setdefault(key, model)
            if first is not model:
                setattr(widget, name, first)
                model.close()
                closed += 1
    return closed
