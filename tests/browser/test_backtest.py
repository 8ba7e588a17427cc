"""The backtest sections in a real browser: Train (English, then Spanish), Compare, phone size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import open_page, wait_ready, wait_settled

pytestmark = [pytest.mark.keras, pytest.mark.browser]

SHOTS = Path("/tmp/rnnlab_browser_backtest")


def _shot(page, key: str, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A rerun may replace the element between locating it and scrolling to it (Playwright then
    # says "not attached to the DOM"): wait for the page to settle, locate it again and retry.
    for attempt in range(3):
        wait_settled(page)
        try:
            page.locator(f".st-key-{key}:not([data-stale='true'])").first \
                .scroll_into_view_if_needed(timeout=10_000)
            break
        except PlaywrightError as error:
            if "not attached" not in str(error) or attempt == 2:
                raise
    wait_settled(page)  # Plotly finishes its resize
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _traces(page, key: str) -> int:
    return page.evaluate(
        """(key) => { const gd = document.querySelector(
             `.st-key-${key}:not([data-stale="true"]) .js-plotly-plot`);
           return gd && gd.data ? gd.data.length : 0; }""", key)


def test_backtest_on_train_and_compare_in_both_languages(page, app_url, console_errors):
    open_page(page, app_url, "Train", "Train a recurrent network")
    page.get_by_text("All settings: data, architecture and training").click()  # folded
    page.locator(".st-key-train_epochs input[type=range]").focus()
    page.locator(".st-key-train_epochs input[type=range]").press("Home")  # 1 epoch: quick
    wait_ready(page)
    expect(page.locator(".st-key-train_epochs input[type=range]")).to_have_value("1")
    page.locator(".st-key-train_start button").first.click()
    expect(page.get_by_role("heading", name="Forecasting like a forecaster")).to_be_visible(
        timeout=90_000)
    wait_ready(page)
    expect(page.get_by_text("No backtest of this run yet")).to_be_visible()
    page.locator(".st-key-bt_start button").click()
    expect(page.get_by_text(re.compile(r"beats seasonal naive|does not beat seasonal naive"))
           .first).to_be_visible(timeout=120_000)
    wait_ready(page)
    verdict = page.locator(".st-key-bt_train_section [data-testid=stAlert]").first
    expect(verdict).to_contain_text("MASE")
    expect(page.locator(".st-key-bt_by_h_chart .js-plotly-plot")).to_be_attached()
    assert _traces(page, "bt_by_h_chart") == 7  # two strategies and five benchmarks
    assert _traces(page, "bt_band_strategy_chart") >= 5  # bands, series, two forecasts
    expect(page.get_by_text(re.compile(r"Recursive: the 80% band held \d+% of the real values"))
           ).to_be_visible()
    _shot(page, "bt_by_h_chart", "train_backtest_en")
    # issue 22: the rolling origin, the bands' scores, the residuals, the copycat
    assert _traces(page, "bt_origin_chart") == 6  # a training span and a horizon per fold
    expect(page.locator(".st-key-bt_coverage_chart .js-plotly-plot")).to_be_attached()
    _shot(page, "bt_origin_chart", "train_origin_en")
    _shot(page, "bt_coverage_chart", "train_scores_en")
    _shot(page, "train_res_acf_chart", "train_residuals_en")
    before = _traces(page, "train_pred_chart")
    assert before > 0
    page.locator(".st-key-train_copycat_shift label").first.click()
    # the shifted input is drawn on the prediction chart: one trace more
    page.wait_for_function(
        """([key, n]) => { const gd = document.querySelector(
             `.st-key-${key}:not([data-stale="true"]) .js-plotly-plot`);
           return gd && gd.data && gd.data.length === n; }""",
        arg=["train_pred_chart", before + 1], timeout=30_000)
    wait_ready(page)
    _shot(page, "train_pred_chart", "train_copycat_en")

    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Pronosticar como un pronosticador")).to_be_visible(
        timeout=60_000)
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"supera al ingenuo estacional")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"Recursiva: la banda del 80\s% contuvo \d+\s%"))).to_be_visible()
    _shot(page, "bt_band_strategy_chart", "train_backtest_bands_es")

    page.get_by_test_id("stSidebarNavLink").filter(has_text="Comparar").click()
    expect(page.get_by_role("heading", name="Backtest: MASE por método")).to_be_visible(
        timeout=30_000)
    wait_ready(page)
    # the run's backtest from Train has the same settings: shown at once, nothing to redo
    expect(page.get_by_text(re.compile(r"Mejor en MASE: .*MASE \d+,\d\d"))).to_be_visible()
    expect(page.locator(".st-key-bt_cmp_start button")).to_be_disabled()
    assert _traces(page, "bt_cmp_by_h_chart") == 7
    _shot(page, "bt_cmp_by_h_chart", "compare_backtest_es")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_role("heading", name="Backtest: MASE by method")).to_be_visible(
        timeout=30_000)
    expect(page.get_by_text(re.compile(r"Best by MASE: .*MASE \d+\.\d\d"))).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    wait_ready(page)
    _shot(page, "bt_cmp_by_h_chart", "compare_backtest_phone_en")
    _shot(page, "compare_res_acf_chart", "compare_residuals_phone_en")
    assert console_errors == []
