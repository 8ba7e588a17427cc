"""A reload gives back exactly what was on screen: the Hidden states stage at the same step, and
a training that was running when F5 was pressed (still running, or finished with its run).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_fold, open_page, wait_ready
from tests.browser.test_persist import real_errors, snap

pytestmark = pytest.mark.browser


def test_the_stage_comes_back_at_the_step_it_settled_on(page, app_url, console_errors):
    open_page(page, app_url, "Hidden states", "Hidden states, step by step")
    stage = page.get_by_test_id("rnnlab-stage")
    expect(stage).to_be_visible(timeout=30_000)
    open_fold(page, "hidden_math")  # the arithmetic that follows the settled step (folded)
    stage.scroll_into_view_if_needed()
    stage.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    marker = page.locator("[data-rnnlab-step]")
    expect(marker).to_have_attribute("data-rnnlab-step", "9")
    # settled: the server heard the step (the arithmetic below follows it) and saved it
    expect(page.get_by_text("Neuron 1 at step t = 9,")).to_be_visible(timeout=20_000)
    wait_ready(page)

    page.reload()
    wait_ready(page)
    expect(page.get_by_test_id("rnnlab-stage")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-rnnlab-step]")).to_have_attribute("data-rnnlab-step", "9", timeout=30_000)
    expect(page.get_by_text("Step t = 9 of 50")).to_be_visible()
    open_fold(page, "hidden_math")  # a reload opens the page folded again
    expect(page.get_by_text("Neuron 1 at step t = 9,")).to_be_visible()
    page.get_by_test_id("rnnlab-stage").scroll_into_view_if_needed()
    snap(page, "persist_stage_reloaded_en")
    assert real_errors(console_errors) == []


@pytest.mark.keras
def test_a_training_running_during_a_reload_carries_on_with_its_result(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="es-ES")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_page(page, app_url, "Entrenar", "Entrenar una red recurrente")
        # the notebook's 2 x 50 LSTM: it trains for seconds, long enough to reload in between
        page.get_by_role("button", name="Preajuste del cuaderno").click()
        wait_ready(page)
        page.locator(".st-key-train_start button").first.click()
        expect(page.get_by_role("button", name="Detener").first).to_be_visible(timeout=60_000)

        page.reload()  # F5 while it trains
        wait_ready(page)
        notice = page.get_by_text(re.compile(  # running, then finished; or finished meanwhile
            "Tu entrenamiento sigue en marcha|Tu entrenamiento terminó mientras se recargaba"
            "|Tu entrenamiento, que siguió durante la recarga, ha terminado"))
        expect(notice).to_be_visible(timeout=30_000)
        snap(page, "persist_training_reloaded_es")
        # the run arrives in this new session's results (its download is there once it has)
        expect(page.locator(".st-key-train_dl_predictions button").first).to_be_visible(timeout=180_000)
        expect(page.get_by_text("Todavía no hay modelos entrenados", exact=False)).to_have_count(0)
        wait_ready(page)
        snap(page, "persist_training_done_es")

        page.reload()  # the run that finished in the new session was saved there
        wait_ready(page)
        expect(page.locator(".st-key-train_dl_predictions button").first).to_be_visible(timeout=30_000)
        expect(notice).to_have_count(0)  # said once, not on every later reload
    finally:
        context.close()
    assert real_errors(errors) == []
