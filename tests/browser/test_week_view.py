"""The Week tab and the race-time sliders, as a runner uses them: real Voila, real Chromium."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.parse

import pytest

from speedfirst import build_plan
from speedfirst.analysis import default_race_date
from speedfirst.serve import DEFAULT_NOTEBOOK
from tests.browser.conftest import wait_for_dashboard

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ZONES_JS = """
() => {
  const el = document.querySelector('.sf-chart-zones .js-plotly-plot');
  return el && el.data ? JSON.stringify(el.data.map(t => [t.x, t.base])) : null;
}
"""


@pytest.fixture(scope="module")
def server(voila_server):
    return voila_server(DEFAULT_NOTEBOOK)


def _settings():
    """The dashboard's defaults, spelled out so the test can build the same plan."""
    race = default_race_date(dt.date.today(), weeks_ahead=24)
    return {"5k": "18:08", "goal": "2:45:00", "distance": "marathon", "peak": "55",
            "units": "mi", "race_date": race.isoformat(), "general_weeks": "8",
            "specific_weeks": "10", "taper_weeks": "3", "runs_per_week": "6",
            "hr_max": "185"}


def _expected_plan():
    s = _settings()
    return build_plan(race_date=dt.date.fromisoformat(s["race_date"]), race_distance="marathon",
                      peak_weekly=55, units="mi", races={5000.0: 1088.0}, goal_time_s=9900.0,
                      general_weeks=8, specific_weeks=10, taper_weeks=3, runs_per_week=6,
                      hr_max=185.0, today=dt.date.today())


def _open(page, url):
    page.goto(url)
    return wait_for_dashboard(page, 1, timeout_ms=90_000)


def _wait_for(predicate, what, timeout_s=20.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _day_rows(page):
    return page.evaluate("""() => [...document.querySelectorAll(
        '.sf-week-days tbody tr.sf-day-row')].map(tr => ({
          date: tr.dataset.date,
          day: tr.querySelector('.sf-day').innerText.split('\\n')[0].trim(),
          title: tr.querySelector('.sf-session b').innerText.trim(),
          prescription: tr.querySelector('.sf-prescription').innerText.trim(),
          distance: tr.querySelector('.sf-distance').innerText.trim(),
          minutes: tr.querySelector('.sf-minutes').innerText.trim(),
        }))""")


def _week_title(page):
    el = page.locator(".sf-week-title")
    return el.inner_text() if el.count() else ""


def test_week_tab_shows_the_seven_days_of_the_picked_week(server, page):
    plan = _expected_plan()
    _open(page, server + "?" + urllib.parse.urlencode(_settings()))
    page.get_by_role("tab", name="Week", exact=True).click()
    page.locator(".sf-week-days tbody tr").first.wait_for(timeout=30_000)
    # pick week 12 in the dropdown
    page.locator(".sf-week-picker select").select_option(index=11)
    _wait_for(lambda: "Week 12 of 21" in _week_title(page), "week 12")
    rows = _day_rows(page)
    s = plan.sessions[plan.sessions.week == 12]
    assert len(rows) == 7
    assert [r["date"] for r in rows] == [f"{d:%Y-%m-%d}" for d in s["date"]]
    assert [r["day"] for r in rows] == [f"{d:%A}" for d in s["date"]]
    assert [r["title"] for r in rows] == s["title"].tolist()
    assert [r["prescription"] for r in rows] == s["description"].tolist()
    running = s["kind"] != "rest"
    assert [r["minutes"] for r, run in zip(rows, running, strict=True) if run] == [
        str(round(m)) for m in s.loc[running, "minutes"]]
    assert [float(r["distance"]) for r, run in zip(rows, running, strict=True) if run] == [
        pytest.approx(km / 1.609344, abs=0.051) for km in s.loc[running, "distance_km"]]
    # paces in the chosen units and HR (hr_max given) are in the prescription
    key = next(r for r in rows if r["title"] == "Threshold run")
    assert "/mi" in key["prescription"] and "HR " in key["prescription"]
    text = page.inner_text("body")
    assert "Traceback" not in text


def test_calendar_has_a_row_per_week_and_its_button_picks_the_week(server, page):
    plan = _expected_plan()
    _open(page, server + "?" + urllib.parse.urlencode(_settings()))
    page.get_by_role("tab", name="Week", exact=True).click()
    page.locator(".sf-calendar .sf-cal-row").first.wait_for(timeout=30_000)
    assert page.locator(".sf-calendar .sf-cal-row").count() == len(plan.weeks) == 21
    kinds = page.evaluate("""() => [...document.querySelectorAll('.sf-calendar .sf-cal-row')]
        .map(r => [...r.querySelectorAll('.sf-cal-cell')]
             .map(c => [...c.classList].find(k => k.startsWith('sf-kind-')).slice(8)))""")
    expected = [plan.sessions.loc[plan.sessions.week == w, "kind"].tolist()
                for w in range(1, 22)]
    assert kinds == expected
    # coloured by kind: a race cell and an easy cell have different backgrounds
    colours = page.evaluate("""() => ['race', 'easy', 'key'].map(k => getComputedStyle(
        document.querySelector('.sf-calendar .sf-cal-cell.sf-kind-' + k)).backgroundColor)""")
    assert len(set(colours)) == 3
    page.get_by_role("button", name="Week 3", exact=True).click()
    _wait_for(lambda: "Week 3 of 21" in _week_title(page), "week 3 from its button")
    s = plan.sessions[plan.sessions.week == 3]
    assert [r["title"] for r in _day_rows(page)] == s["title"].tolist()
    picked = page.locator(".sf-week-picker select").evaluate(
        "el => el.options[el.selectedIndex].text")
    assert picked.replace("\xa0", " ").startswith("Week 3 ·")  # ipywidgets uses nbsp


def test_moving_the_5k_slider_changes_text_verdict_and_zones(server, page):
    _open(page, server)
    box = page.locator(".sf-5k input")
    readout = page.locator(".sf-5k-slider .widget-readout")
    assert box.input_value() == "18:08"
    assert readout.inner_text().strip() == "18:10"  # nearest 5-s step; the box keeps 18:08
    page.get_by_role("tab", name="Goal", exact=True).click()
    verdict = page.locator(".sf-verdict p")
    verdict.wait_for(timeout=30_000)
    verdict_before = verdict.get_attribute("class")
    assert verdict_before == "sf-verdict-not-yet-realistic"
    page.get_by_role("tab", name="Paces", exact=True).click()
    page.wait_for_function(
        "document.querySelectorAll('.sf-chart-zones .js-plotly-plot .main-svg').length",
        timeout=30_000)
    zones_before = page.evaluate(ZONES_JS)
    # keyboard: 20 steps of 5 s down, 18:10 -> 16:30
    page.locator(".sf-5k-slider .noUi-handle").focus()
    for _ in range(20):
        page.keyboard.press("ArrowLeft")
    _wait_for(lambda: box.input_value() == "16:30", "the 5K box to read 16:30")
    assert readout.inner_text().strip() == "16:30"
    zones_after = _wait_for(
        lambda: (z := page.evaluate(ZONES_JS)) not in (None, zones_before) and z,
        "the zones chart to change")
    assert json.loads(zones_after) != json.loads(zones_before)
    page.get_by_role("tab", name="Goal", exact=True).click()
    _wait_for(lambda: verdict.get_attribute("class") != verdict_before, "a new verdict")
    assert verdict.get_attribute("class") == "sf-verdict-realistic"
    page.get_by_role("tab", name="Share & export", exact=True).click()
    _wait_for(lambda: "5k=16%3A30" in (page.locator(".sf-share-link").get_attribute("href")
                                       or ""), "the share link to carry 16:30")


def test_dragging_the_5k_slider_with_the_mouse(server, page):
    _open(page, server)
    box = page.locator(".sf-5k input")
    readout = page.locator(".sf-5k-slider .widget-readout")
    handle = page.locator(".sf-5k-slider .noUi-handle").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y, steps=8)
    page.mouse.up()
    _wait_for(lambda: box.input_value() not in ("18:08", ""), "the box to follow the drag")
    value = _wait_for(lambda: box.input_value() == readout.inner_text().strip()
                      and box.input_value(), "box and readout to agree")
    m, s = value.split(":")
    assert 18 * 60 + 10 < int(m) * 60 + int(s) <= 45 * 60  # dragged right: slower
    assert int(s) % 5 == 0
    assert page.locator(".sf-error-5k .sf-error-text").count() == 0


def test_typing_a_time_moves_the_slider(server, page):
    _open(page, server)
    box = page.locator(".sf-5k input")
    readout = page.locator(".sf-5k-slider .widget-readout")
    box.fill("21:02")
    box.press("Enter")
    _wait_for(lambda: readout.inner_text().strip() == "21:00", "the slider to reach 21:00")
    assert box.input_value() == "21:02"  # the box is never rounded to the slider's step
    # the goal box and its slider (1-min steps for the marathon)
    goal = page.locator(".sf-goal input")
    goal_readout = page.locator(".sf-goal-slider .widget-readout")
    assert goal_readout.inner_text().strip() == "2:45:00"
    goal.fill("3:05:20")
    goal.press("Enter")
    _wait_for(lambda: goal_readout.inner_text().strip() == "3:05:00", "goal slider at 3:05:00")
    # an unreadable time leaves the slider, with the message beside the box
    box.fill("21:0x")
    box.press("Enter")
    page.locator(".sf-error-5k .sf-error-text").wait_for(timeout=20_000)
    assert readout.inner_text().strip() == "21:00"


def test_share_link_sets_the_slider(server, page):
    _open(page, server + "?5k=19%3A40&goal=1%3A25%3A00&distance=half")
    assert page.locator(".sf-5k-slider .widget-readout").inner_text().strip() == "19:40"
    assert page.locator(".sf-goal-slider .widget-readout").inner_text().strip() == "1:25:00"
