"""The interactive layer: the dashboard controller, its share-link codec, the
lessons' widgets, and the base they share (:mod:`speedfirst.widgets.base`).

Only this package and :mod:`speedfirst.figures` / :mod:`speedfirst.report`
import ipywidgets or plotly.
"""
