"""Two tabs of one browser, and the "session restored" notice, in real Chromium.

- Issue 27: tabs 1 and 2 on Data; an upload in tab 1; tab 2 switches to Concepts; F5 in tab 1
  used to bring back tab 2's state (the upload gone) while saying "restored". Each tab saves its
  own state now: the reloaded tab gets its own work back, and a new tab opens the newest.
- Issue 26: Streamlit's toast was an alertdialog without an accessible name (axe serious on 16 of
  24 page views once a session was saved); the notice is a polite status region now.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import wait_ready
from tests.browser.test_data import spanish_export
from tests.browser.test_persist import real_errors, snap

pytestmark = pytest.mark.browser


def open_data(page, app_url: str) -> None:
    page.goto(app_url + "/data")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Data: the time series")).to_be_visible(timeout=60_000)


def serious(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def test_a_save_in_one_tab_does_not_erase_the_other_tab_s_work(browser, app_url, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    errors: list[str] = []
    try:
        one = context.new_page()
        one.on("pageerror", lambda exc: errors.append(str(exc)))
        open_data(one, app_url)
        two = context.new_page()  # the same browser: the same cookie, the same id
        open_data(two, app_url)

        one.get_by_text("Upload a CSV").click()
        wait_ready(one)
        one.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            str(spanish_export(tmp_path / "temperatures.csv")))
        expect(one.get_by_test_id("stMetricValue").first).to_have_text("300", timeout=60_000)
        wait_ready(one)

        two.bring_to_front()
        two.get_by_test_id("stSidebarNavLink").filter(has_text="Concepts").click()
        wait_ready(two)
        expect(two.get_by_role("heading", name=re.compile("Concepts"))).to_be_visible(timeout=60_000)
        wait_ready(two)  # tab 2 has saved its own state (the notebook's series, Concepts)

        one.bring_to_front()
        one.reload()  # F5 in tab 1
        expect(one.get_by_test_id("rnnlab-restored")).to_be_visible(timeout=60_000)
        wait_ready(one)
        expect(one.get_by_role("radio", name="Upload a CSV")).to_be_checked()
        expect(one.get_by_test_id("stMetricValue").first).to_have_text("300")
        expect(one.get_by_test_id("stSidebar").get_by_text("temperatures.csv")).to_be_visible()
        snap(one, "persist_tab_one_reloaded_en")

        two.reload()  # and tab 2 gets its own back: no upload there
        wait_ready(two)
        expect(two.get_by_role("heading", name=re.compile("Concepts"))).to_be_visible(timeout=60_000)
        expect(two.get_by_test_id("stSidebar").get_by_text("temperatures.csv")).to_have_count(0, timeout=30_000)

        three = context.new_page()  # a new tab opens the newest state of the browser (tab 2's)
        three.goto(app_url)
        expect(three.get_by_test_id("rnnlab-restored")).to_be_visible(timeout=60_000)
    finally:
        context.close()
    assert real_errors(errors) == []


@pytest.mark.parametrize("viewport,lang", [((1280, 720), "en"), ((390, 844), "es")])
def test_the_restored_notice_is_a_named_status_that_passes_axe(browser, app_url, viewport, lang):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="en-US" if lang == "en" else "es-ES")
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_ready(page)
        page.wait_for_function("document.cookie.includes('rnnlab_sid=')")  # the browser's id is kept
        page.goto(app_url + "/concepts")  # this browser again: now its work is saved
        wait_ready(page)
        page.get_by_test_id("stSidebarNavLink").first.wait_for(state="attached")
        page.locator(".st-key-concepts_units input").first.wait_for(timeout=60_000)
        wait_ready(page)
        page.reload()
        notice = page.get_by_test_id("rnnlab-restored")
        expect(notice).to_be_visible(timeout=60_000)
        wait_ready(page)
        expect(notice).to_have_attribute("role", "status")
        expect(notice).to_contain_text("Your session was restored" if lang == "en"
                                       else "Tu sesión se ha recuperado")
        assert page.locator("[role='alertdialog']").count() == 0
        snap(page, f"persist_restored_notice_{lang}_{width}")
        assert serious(page) == []
        if width > 640:  # (on a phone the sidebar is folded away)
            page.get_by_test_id("stSidebarNavLink").first.click()  # the next run removes it
            expect(notice).to_have_count(0, timeout=60_000)
    finally:
        context.close()
