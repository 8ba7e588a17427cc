"""The Hidden states page in a real browser: step, play, see the heatmap and the gates drawn."""

import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import open_page, shot, wait_ready


def _open_hidden_states(page, app_url):
    open_page(page, app_url, "Hidden states", "Hidden states, step by step")


def _current_step(page) -> int:
    text = page.get_by_text(re.compile(r"Step t = \d+ of 50")).first.inner_text()
    return int(re.search(r"t = (\d+)", text).group(1))


def _wait_for_step_at_least(page, step: int, seconds: float = 30) -> None:
    """Playing moves on by itself; a busy machine may skip drawing a step, so poll for >= step."""
    deadline = time.time() + seconds
    while _current_step(page) < step:
        assert time.time() < deadline, f"playing did not reach step {step}"
        page.wait_for_timeout(200)


def test_step_play_and_figures(page, app_url, console_errors):
    _open_hidden_states(page, app_url)
    expect(page.get_by_text("Step t = 1 of 50")).to_be_visible()
    for expected in (2, 3, 4):
        page.locator(".st-key-hidden_next button").click()
        expect(page.get_by_text(f"Step t = {expected} of 50")).to_be_visible()
    # The LSTM (default cell) draws the hidden state, cell state and gate heatmaps, and gate bars.
    expect(page.locator(".st-key-hidden_fig_heatmap .heatmaplayer .hm")).to_have_count(1)
    expect(page.locator(".st-key-hidden_fig_gate_maps .heatmaplayer .hm")).to_have_count(4)
    expect(page.locator(".st-key-hidden_fig_gate_bars .barlayer .trace")).to_have_count(4)
    shot(page, "hidden_lstm_step4_en", whole=True)

    page.locator(".st-key-hidden_play button").click()
    _wait_for_step_at_least(page, 6)
    page.locator(".st-key-hidden_pause button").click()
    expect(page.locator(".st-key-hidden_play button")).to_be_visible(timeout=20_000)
    wait_ready(page)
    paused_at = page.get_by_text("of 50", exact=False).first.inner_text()
    page.wait_for_timeout(2000)  # paused: the step stays where it is
    assert page.get_by_text("of 50", exact=False).first.inner_text() == paused_at

    # Train: the loss curve appears and the page switches to the trained network.
    page.get_by_role("button", name="Train with BPTT").click()
    expect(page.get_by_text("Trained in")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Showing the trained network")).to_be_visible()
    expect(page.locator(".st-key-hidden_loss .scatterlayer .trace")).to_have_count(1)
    shot(page, "hidden_lstm_trained_en", whole=True)

    # GRU: its three gates; then the page in Spanish, for the projector check.
    page.locator(".st-key-hidden_cell").get_by_text("GRU").click()
    wait_ready(page)
    expect(page.locator(".st-key-hidden_fig_gate_maps .heatmaplayer .hm")).to_have_count(3)
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Estados ocultos, paso a paso")).to_be_visible()
    wait_ready(page)
    shot(page, "hidden_gru_es", whole=True)
    assert console_errors == []
