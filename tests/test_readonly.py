"""The read-only page of a share link (rendered by the front server, no kernel)."""

from __future__ import annotations

import datetime as dt
import json
import re

from speedfirst.readonly import render_page

TODAY = dt.date(2026, 11, 23)
QUERY = "5k=18:08&goal=2:45:00&peak=55&race_date=2027-05-23"


def test_each_lazy_chart_gets_the_room_its_figure_takes():
    page = render_page(QUERY, plotlyjs="/sf-static/plotly.js", today=TODAY).decode()
    boxes = re.findall(r'id="sf-chart-(\d+)" style="height:(\d+)px"', page)
    assert len(boxes) >= 3
    for n, height in boxes:
        figure = json.loads(re.search(
            rf'id="sf-chart-{n}-figure">(.*?)</script>', page, re.S).group(1))
        # a box shorter than the chart would cut its last rows off (the zones chart)
        assert int(height) == figure["layout"].get("height", 480), (n, height)
    assert any(int(h) > 480 for _, h in boxes)  # the zones chart is taller than the default
