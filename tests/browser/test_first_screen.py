"""The control and what it changes on one 1280x720 screen (a projector), and the loss falling
live, epoch by epoch, at the defaults (issue 26, items 6 and 7)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_page, shot, wait_ready

PROJECTOR = {"width": 1280, "height": 720}

BOX_JS = """(selector) => {
  const e = [...document.querySelectorAll(selector)].find(e => !e.closest('[data-stale="true"]'));
  if (!e) return null;
  const b = e.getBoundingClientRect();
  return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height};
}"""

# Every 20 ms: how many epochs the live chart draws (a set of the counts seen).
RECORD_JS = """() => {
  window.__epochs = new Set();
  window.__recorder = setInterval(() => {
    for (const gd of document.querySelectorAll('.st-key-train_live_chart .js-plotly-plot')) {
      // calcdata: the points Plotly drew (gd.data may still hold the encoded arrays)
      if (gd.calcdata && gd.calcdata[0]) window.__epochs.add(gd.calcdata[0].filter(p => Number.isFinite(p.y)).length);
    }
  }, 20);
}"""


def on_first_screen(page, selector: str) -> dict:
    """The element's box, asserted whole inside the 1280x720 window (no scrolling)."""
    page.wait_for_function(f"({BOX_JS})({selector!r}) !== null", timeout=60_000)
    box = page.evaluate(BOX_JS, selector)
    assert box["height"] > 0, selector
    assert box["top"] >= 0 and box["bottom"] <= PROJECTOR["height"], (selector, box)
    return box


@pytest.mark.keras
def test_train_and_its_curve_on_one_screen_and_every_epoch_drawn(page, app_url, console_errors):
    page.set_viewport_size(PROJECTOR)
    open_page(page, app_url, "Train", "Train a recurrent network")
    # before: the button and the empty curve saying where the loss will fall (was 1,018 px and
    # 2,499 px down)
    on_first_screen(page, ".st-key-train_start button")
    on_first_screen(page, ".st-key-train_curve_empty .js-plotly-plot")
    shot(page, "first_screen_train_before_en")

    page.evaluate(RECORD_JS)
    page.locator(".st-key-train_start button").click()
    # the quick model's 40 epochs: the curve that stays, next to the button, has all of them
    done = "() => { const gd = document.querySelector('.st-key-train_curves_chart .js-plotly-plot');" \
           " return !!(gd && gd.calcdata && gd.calcdata[0].length === 40); }"
    page.wait_for_function(done, timeout=180_000)
    wait_ready(page)
    seen = sorted(page.evaluate("() => [...window.__epochs]"))
    # intermediate states reached the browser: the loss fell on the page, not only at the end
    # (before: an epoch >= 1 was shown in 4 trainings of 20)
    intermediate = [n for n in seen if 0 < n < 40]
    assert len(intermediate) >= 5, seen  # a busy browser may skip some frames (8+ when quiet)
    on_first_screen(page, ".st-key-train_start button")
    on_first_screen(page, ".st-key-train_curves_chart .js-plotly-plot")
    expect(page.get_by_role("heading", name="Results")).to_be_attached()
    shot(page, "first_screen_train_after_en")
    assert console_errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_compare_and_data_controls_and_their_charts_on_one_screen(page, app_url, console_errors, lang):
    page.set_viewport_size(PROJECTOR)
    names = {"en": ("Compare", "Data"), "es": ("Comparar", "Datos")}[lang]
    page.goto(app_url)
    wait_ready(page)
    if lang == "es":
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_ready(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text=names[0]).click()
    # Compare: the button (was 647 px down, its charts far below) and the loss chart it fills
    on_first_screen(page, ".st-key-compare_train button")
    on_first_screen(page, ".st-key-compare_loss_empty .js-plotly-plot")
    shot(page, f"first_screen_compare_{lang}")
    page.get_by_test_id("stSidebarNavLink").filter(has_text=names[1]).click()
    # Data: the source, the split and the series chart (was 1,014 px down) together
    on_first_screen(page, ".st-key-data_kind")
    on_first_screen(page, ".st-key-data_split_chart .js-plotly-plot")
    on_first_screen(page, ".st-key-data_lookback")
    wait_ready(page)
    shot(page, f"first_screen_data_{lang}")
    assert console_errors == []


def test_phone_navigation_is_visible_and_every_page_leads_to_the_next(page, app_url, console_errors):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    wait_ready(page)
    # on a phone the sidebar hides behind »; the pages are a visible row of links on top
    menu = page.locator(".st-key-phone_nav")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="1. Data")).to_be_visible()
    menu.get_by_role("link", name="1. Data").click()
    expect(page.get_by_role("heading", name="Data: the time series")).to_be_visible(timeout=30_000)
    wait_ready(page)
    shot(page, "phone_nav_data_en")
    # the end of each page of the path: Next, to the following page, numbered as on Home
    for heading, following in (("Hidden states", "2. Hidden states"), ("Train a recurrent network", "3. Train"),
                                ("Compare networks", "4. Compare"), ("Concepts", "5. Concepts"),
                                ("Are RNNs back", "6. Modern recurrences")):
        link = page.locator(".st-key-next_page").get_by_role("link", name=f"Next: {following}")
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible(timeout=30_000)
        link.click()
        expect(page.get_by_role("heading", name=re.compile(heading)).first).to_be_visible(timeout=30_000)
        wait_ready(page)
    expect(page.locator(".st-key-next_page")).to_have_count(0)  # the path ends on its last page
    # the sidebar is numbered as Home's path
    page.set_viewport_size({"width": 1280, "height": 720})
    labels = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert [label.strip().splitlines()[-1] for label in labels][1:] == [
        "1. Data", "2. Hidden states", "3. Train", "4. Compare", "5. Concepts", "6. Modern recurrences"], labels
    assert console_errors == []
