"""The server in front of Voila: read-only share links, a bounded pool of live kernels.

Voila gives every page load a kernel of its own (a Python process of about
170 MB), keeps it until an idle cull, and has no cap (voila#617): ten
athletes opening a coach's link at once queue behind each other on a small
machine, and a loop of plain GETs can start kernels until memory runs out.
This Tornado server listens on the public port and runs Voila as a child on
a private one:

* ``/plan?<query>`` is the read-only view of a share link
  (:mod:`speedfirst.readonly`): no kernel, rendered once per distinct query
  and cached, so any number of readers get it in milliseconds. Its
  "Adjust this plan" link opens the live dashboard with the same settings.
* ``/`` (the live dashboard) and everything under it are proxied to Voila,
  HTTP and websockets alike. A page load is let through only while fewer
  than ``max_kernels`` live kernels exist; past the cap the visitor gets the
  read-only view with a "busy, try again in a minute" notice (HTTP 503).
* The server learns each page's kernel from the page it proxies and watches
  that kernel's websockets. A kernel whose page never connected, or whose
  last websocket closed, is shut down after ``orphan_after_s`` seconds, not
  at the 10-minute idle cull.
* ``/sf-static/plotly-<version>.min.js`` serves plotly.js to the read-only
  pages (cached by the browser for a year; the name changes with the version).
* With several Voila children (``speedfirst dashboard --processes N``), a page
  load goes to the child with the fewest live kernels, and every later request
  or websocket whose path names that page's kernel goes to the same child (a
  kernel is known only to the Voila process that started it); an unknown
  kernel id gets a 404. The cap is over all children (``docs/deploy.md``).
"""


from speedfirst.front.app import make_app, run, serve, wait_for
from speedfirst.front.guard import FrontSettings, KernelGuard
from speedfirst.front.pages import plotly_js_name

__all__ = ["FrontSettings", "KernelGuard", "make_app", "plotly_js_name", "run", "serve",
           "wait_for"]
