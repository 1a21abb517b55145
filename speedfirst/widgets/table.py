"""A table widget whose cells are updated in place.

:class:`Table` holds a header and rows of cell texts in synced traits; its
front end (``static/table.js``, an anywidget module) builds the HTML table once
and then rewrites only the cells whose text changed. The dashboard's week table
changes on every slider move: as an ``ipywidgets.HTML`` value, each move made
the browser parse and lay out a new table of about 200 elements, some 550 KB of
garbage per move (Chromium's heap counters, measured 2026-12-02), which its
garbage collector then had to mark and sweep while ten viewers' pages were
competing for two cores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = ["Table"]

_STATIC = Path(__file__).with_name("static")

_CSS = """
.sf-rows { border-collapse: collapse; font-size: 13px; line-height: 1.35; }
.sf-rows th, .sf-rows td { padding: 4px 10px 4px 0; text-align: left; vertical-align: top;
                           border-bottom: 1px solid #e3e3e3; }
.sf-rows th { font-weight: 600; border-bottom: 1px solid #9e9e9e; white-space: nowrap; }
.sf-rows .sf-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
"""


class Table(anywidget.AnyWidget):
    """A table of text cells, redrawn in place when its rows change.

    Parameters
    ----------
    table_class : str, optional
        CSS class of the ``<table>`` element (besides ``sf-rows``).
    **kwargs
        Passed to :class:`anywidget.AnyWidget` (``layout``, ...).

    Examples
    --------
    >>> t = Table(table_class="sf-weeks")
    >>> t.show(["Week", "Distance (mi)"], [(1, "30.3"), (2, "31.0")], numeric=[1])
    >>> t.columns, t.rows, t.numeric
    (['Week', 'Distance (mi)'], [['1', '30.3'], ['2', '31.0']], [1])
    """

    _esm = (_STATIC / "table.js").read_text(encoding="utf-8")
    _css = _CSS
    columns = traitlets.List(traitlets.Unicode()).tag(sync=True)
    rows = traitlets.List(traitlets.List(traitlets.Unicode())).tag(sync=True)
    numeric = traitlets.List(traitlets.Int()).tag(sync=True)
    table_class = traitlets.Unicode("").tag(sync=True)

    def show(self, columns: Sequence[Any], rows: Iterable[Sequence[Any]],
             numeric: Iterable[int] | None = None) -> None:
        """Replace the header and rows (one message to the page; cells as text).

        Parameters
        ----------
        columns : sequence
            Header cells.
        rows : iterable of sequences
            Body rows; every cell is shown as ``str(cell)``.
        numeric : iterable of int, optional
            Indexes of the columns aligned right (numbers); unchanged if omitted.
        """
        with self.hold_sync():
            self.columns = [str(c) for c in columns]
            self.rows = [[str(c) for c in row] for row in rows]
            if numeric is not None:
                self.numeric = list(numeric)
