"""The read-only view of a share link: the plan a link encodes, as a static page.

A coach posts a dashboard link in a group chat and the athletes open it within
the same minute. Reading a plan needs no kernel, so the server answers
``/plan?<share-link query>`` with the HTML report of that plan (the plan
table, charts, zones and goal verdict) plus an "Adjust this plan" link that
opens the live dashboard with the same settings. The page is rendered once
per distinct query (and day) and kept in a bounded cache.

The query goes through exactly the dashboard's own reading and validation
(:func:`~speedfirst.analysis.settings.settings_from_query` and
:func:`~speedfirst.analysis.settings.first_plan`, which the dashboard sets its
controls from), so a link shows the same plan here as in the dashboard, and a
bad or hostile value is ignored and reported the same way, never as a
traceback. No widget is built: the server that renders this page never
imports ipywidgets.
"""

from __future__ import annotations

import collections
import datetime as dt
import html
import threading

from speedfirst import report
from speedfirst.analysis.settings import encode_query, first_plan, parse_query, settings_from_query
from speedfirst.widgets.dashboard_text import link_notes_html, status_html

__all__ = ["ADJUST_TEXT", "BUSY_TEXT", "ReadOnlyCache", "render_page"]

ADJUST_TEXT = "Adjust this plan"
"""The link from the read-only view to the live dashboard."""

BUSY_TEXT = ("The live dashboard is busy: every live session is taken right now. "
             "Here is the plan, read-only; try “Adjust this plan” again in a minute.")
"""What a visitor past the live-kernel cap reads above the plan."""

_CSS = """
.sf-readonly { background: #eef4fb; border: 1px solid #c8d9ee; border-radius: 6px;
               padding: .6rem 1rem; margin-bottom: 1rem; }
.sf-readonly a.sf-adjust { display: inline-block; margin-top: .3rem; padding: .35rem .9rem;
               background: #0072B2; color: white; border-radius: 4px; text-decoration: none; }
.sf-busy { color: #8a4b00; font-weight: bold; }
.sf-readonly ul { margin: .3rem 0; }
"""


def render_page(query: str, *, plotlyjs: str, live_url: str = "./",
                today: dt.date | None = None, busy: bool = False) -> bytes:
    """The read-only page of the plan that ``query`` encodes.

    Parameters
    ----------
    query : str
        A share link's query string (with or without ``?``); untrusted.
    plotlyjs : str
        URL of plotly.js the page loads (served by the same server).
    live_url : str
        URL of the live dashboard; the settings are appended as a query.
    today : datetime.date, optional
        The day the plan is made (default today).
    busy : bool
        Say that no live session is free (the server is at its kernel cap).

    Returns
    -------
    bytes
        A complete HTML page (UTF-8).
    """
    today = today or dt.date.today()
    link = settings_from_query(query, today)
    first = first_plan(link.values, today)
    plan = first.plan
    assert plan is not None  # the defaults always make a plan
    # the dashboard's own status line: escaped notes about the link, the plan's warnings
    notes = link_notes_html(link.invalid, link.ignored, first.rejected) + status_html(plan)
    live = html.escape(f"{live_url}?{encode_query(first.values)}", quote=True)
    busy_html = f'<p class="sf-busy" role="status">{html.escape(BUSY_TEXT)}</p>' if busy else ""
    header = (f"<style>{_CSS}</style>"
              f'<div class="sf-readonly">{busy_html}'
              f"<p>A plan shared from the speedfirst dashboard, read-only.</p>"
              f'<a class="sf-adjust" href="{live}">{html.escape(ADJUST_TEXT)}</a>'
              f'<div class="sf-readonly-notes">{notes}</div></div>')
    return report.html_bytes(plan, plotlyjs=plotlyjs, header=header)


class ReadOnlyCache:
    """Rendered read-only pages by normalised query, day and busy flag (LRU, bounded).

    The key is what :func:`~speedfirst.analysis.settings.parse_query` keeps
    of the query (so parameter order, unknown keys and junk do not multiply
    entries) plus today's date. Thread-safe.

    Parameters
    ----------
    plotlyjs : str
        Passed to :func:`render_page`.
    live_url : str
        Passed to :func:`render_page`.
    size : int
        Most pages kept.
    """

    def __init__(self, plotlyjs: str, live_url: str = "./", size: int = 256) -> None:
        self.plotlyjs = plotlyjs
        self.live_url = live_url
        self.size = size
        self.hits = 0
        self.misses = 0
        self._pages: collections.OrderedDict[tuple, bytes] = collections.OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(query: str, today: dt.date, busy: bool) -> tuple:
        known, ignored = parse_query(query)
        return (tuple(sorted(known.items())), tuple(ignored), today.isoformat(), busy)

    def page(self, query: str, *, today: dt.date | None = None, busy: bool = False
             ) -> tuple[bytes, bool]:
        """``(page, from_cache)`` for ``query``; renders and stores it on a miss."""
        today = today or dt.date.today()
        key = self.key(query, today, busy)
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                self.hits += 1
                return self._pages[key], True
            body = render_page(query, plotlyjs=self.plotlyjs, live_url=self.live_url,
                               today=today, busy=busy)
            self.misses += 1
            self._pages[key] = body
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
            return body, False

    def __len__(self) -> int:
        return len(self._pages)
