"""Sessions that survive a reload, in real Chromium: the same browser gets its work back after
F5, a fresh browser opening the copied URL gets nothing of it, and Forget my session clears it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_page, wait_ready
from tests.browser.test_data import spanish_export

SHOTS = Path("/tmp/rnnlab-shots")


def snap(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    wait_ready(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def real_errors(errors: list[str]) -> list[str]:
    # Reloading a page URL (/train) makes Streamlit's own frontend probe /train/_stcore/health
    # and /train/_stcore/host-config first (404, then it finds /_stcore/...): not ours.
    return [e for e in errors if "status of 404" not in e]


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def download_predictions(page) -> bytes:
    with page.expect_download() as info:
        page.locator(".st-key-train_dl_predictions button").click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.keras
def test_reload_keeps_series_and_runs_and_a_copied_url_opens_nothing(page, app_url, browser,
                                                                     console_errors):
    open_page(page, app_url, "Data", "Data: the time series")
    page.get_by_text("Built-in real series").click()
    expect(page.locator(".st-key-data_builtin")).to_be_visible(timeout=30_000)
    wait_ready(page)
    for attempt in range(3):  # a late rerun may redraw the select box and close its list
        page.locator(".st-key-data_builtin").click()
        option = page.get_by_role("option", name=re.compile("Nile"))
        try:
            option.click(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
            wait_ready(page)
    wait_ready(page)
    expect(sidebar(page).get_by_text(re.compile("Nile"))).to_be_visible(timeout=30_000)

    page.get_by_test_id("stSidebarNavLink").filter(has_text="Train").click()
    expect(page.locator(".st-key-train_start button").first).to_be_visible(timeout=30_000)
    wait_ready(page)
    page.locator(".st-key-train_start button").first.click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible(timeout=120_000)
    wait_ready(page)
    caption = page.get_by_text(re.compile(r"parameters")).first.inner_text()
    before = download_predictions(page)
    assert before.count(b"\n") > 50

    page.reload()  # F5
    wait_ready(page)
    # the toast first: it fades after a few seconds, and the checks below take longer than that
    # on a loaded machine
    expect(page.get_by_text("Your session was restored")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Results")).to_be_visible(timeout=30_000)
    expect(sidebar(page).get_by_text(re.compile("Nile"))).to_be_visible()
    assert page.get_by_text(re.compile(r"parameters")).first.inner_text() == caption
    assert download_predictions(page) == before  # the same run, the same numbers
    snap(page, "persist_reloaded_en")
    assert "rnnlab_sid" not in page.url and "session" not in page.url  # the id is never in the URL

    other = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    try:
        stranger = other.new_page()
        stranger.goto(page.url)  # the copied URL, in another browser
        stranger.wait_for_selector(READY, timeout=60_000)
        expect(stranger.get_by_text("No model trained in this session yet", exact=False)).to_be_visible(timeout=30_000)
        expect(stranger.get_by_test_id("stSidebar").get_by_text(re.compile("Nile"))).to_have_count(0)
        snap(stranger, "persist_copied_url_en")
    finally:
        other.close()
    assert real_errors(console_errors) == []


def test_phone_spanish_upload_survives_reload_and_forget_clears_it(browser, app_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-ES",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(app_url + "/data")
        wait_ready(page)
        expect(page.get_by_role("heading", name="Datos: la serie temporal")).to_be_visible()
        page.get_by_text("Subir un CSV").click()
        wait_ready(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            str(spanish_export(tmp_path / "temperaturas.csv")))
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("300")
        wait_ready(page)

        page.reload()
        wait_ready(page)
        expect(page.get_by_role("radio", name="Subir un CSV")).to_be_checked()
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("300")
        snap(page, "persist_phone_reloaded_es")

        # Cookie gone (cleared, or expired) but localStorage kept: the component reports the
        # id this browser had, the server adopts it and restores the same work.
        context.clear_cookies()
        page.reload()
        wait_ready(page)
        expect(page.get_by_text("Tu sesión se ha recuperado")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("radio", name="Subir un CSV")).to_be_checked()
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("300")
        assert any(c["name"] == "rnnlab_sid" for c in context.cookies())  # written again

        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar(page).get_by_text("temperaturas.csv")).to_be_visible()
        forget = sidebar(page).get_by_role("button", name="Olvidar mi sesión")
        snap(page, "persist_phone_sidebar_es")
        forget.click()
        wait_ready(page)
        expect(sidebar(page).get_by_text("No se puede deshacer")).to_be_visible()  # it asks first
        snap(page, "persist_phone_forget_confirm_es")
        sidebar(page).get_by_role("button", name="Sí, olvidarla").click()
        wait_ready(page)
        expect(page.get_by_text("Sesión olvidada")).to_be_visible()
        expect(sidebar(page).get_by_text(re.compile(r"Serie del cuaderno"))).to_be_visible()  # the default series (main: the notebook's)

        page.reload()  # nothing comes back after forgetting
        wait_ready(page)
        expect(page.get_by_role("radio", name="La serie del cuaderno")).to_be_checked()
        expect(sidebar(page).get_by_text("temperaturas.csv")).to_have_count(0)
    finally:
        context.close()
    assert real_errors(errors) == []
