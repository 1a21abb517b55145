"""File formats of a plan, all written atomically (:mod:`speedfirst.io.files`).

* :mod:`~speedfirst.io.csv` — sessions and weeks as two CSV files;
* :mod:`~speedfirst.io.json` — the whole plan, losslessly, and back;
* :mod:`~speedfirst.io.ics` — an iCalendar file, one event per training day;
* :mod:`~speedfirst.io.fit` — FIT workout files for a watch (Garmin's SDK);
* :mod:`~speedfirst.io.intervals_icu` — workouts as intervals.icu text.

Nothing here loads plotly; the HTML report is :mod:`speedfirst.report`. Importing
this package registers CSV, JSON and iCalendar with :class:`~speedfirst.plan.Plan`,
so ``plan.to_csv(path)`` works as a thin delegate while the arrow of imports
points one way: from ``io`` to ``plan``.
"""

from speedfirst.io.csv import to_csv
from speedfirst.io.ics import to_ics
from speedfirst.io.json import from_json, to_json
from speedfirst.plan.model import register_format

for _name, _fn in (("csv", to_csv), ("json", to_json), ("from_json", from_json),
                   ("ics", to_ics)):
    register_format(_name, _fn)

__all__ = ["from_json", "to_csv", "to_ics", "to_json"]
