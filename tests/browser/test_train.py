"""The Train page in a real browser: train, watch the live curve, stop, results, download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_page, shot, wait_ready

pytestmark = pytest.mark.keras


def _slider_to_max(page, key: str) -> None:
    handle = page.locator(f".st-key-{key} input[type=range]")  # Streamlit's hidden range input
    handle.focus()
    handle.press("End")


def test_train_watch_stop_results_and_download(page, app_url, console_errors):
    open_page(page, app_url, "Train", "Train a recurrent network")
    page.get_by_text("All settings: data, architecture and training").click()  # folded under Train
    # widgets drawn, not skeletons: on a busy machine their code may take a while to arrive
    expect(page.locator(".st-key-train_seed input")).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-train_quick button").first).to_be_visible()
    shot(page, "train_config_en")

    # a model big enough to watch for a while: 3 x 128 LSTM, 300 epochs
    for key in ("train_layers", "train_units", "train_epochs"):
        _slider_to_max(page, key)
        wait_ready(page)
    expect(page.locator(".st-key-train_epochs input[type=range]")).to_have_value("300")
    page.locator(".st-key-train_start button").first.click()

    # live progress: the bar counts epochs and the chart fills in while the thread trains
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_contain_text(re.compile(r"Epoch ([3-9]|\d\d+) of 300"), timeout=90_000)
    expect(progress).to_contain_text("left")  # the ETA
    live = page.locator(".st-key-train_live_chart .js-plotly-plot .scatterlayer .trace")
    expect(live.first).to_be_attached()
    expect(page.locator(".st-key-train_epochs input[type=range]")).to_be_disabled()
    shot(page, "train_live_en")

    page.locator(".st-key-train_stop button").first.click()  # a fragment rerun may leave a stale copy
    expect(page.get_by_text(re.compile(r"Stopped after \d+ of 300 epochs"))).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_ready(page)
    expect(page.locator(".st-key-train_pred_chart .js-plotly-plot .scatterlayer .trace").first).to_be_attached()
    expect(page.locator(".st-key-train_forecast_chart .js-plotly-plot .scatterlayer .trace").first
           ).to_be_attached(timeout=30_000)
    page.set_viewport_size({"width": 1440, "height": 4200})  # the whole results in one picture
    wait_ready(page)
    shot(page, "train_results_en")
    page.set_viewport_size({"width": 1440, "height": 900})

    with page.expect_download() as info:
        page.locator(".st-key-train_dl_predictions button").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    lines = Path(download.path()).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0] == "position,split,actual,predicted,persistence,linear"
    assert len(lines) - 1 == 100 - 10  # every target of the default series (lookback 10)

    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Entrenar una red recurrente")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Resultados")).to_be_visible()
    # the settings survive the language switch (a radio keeps its selection)
    expect(page.locator(".st-key-train_scaler input[type=radio]").first).to_be_checked()
    page.set_viewport_size({"width": 1440, "height": 4200})
    wait_ready(page)
    shot(page, "train_results_es")
    assert console_errors == []
