"""The Compare page in a real browser: train the three cells, see three curves in each chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from rnnlab.pages.compare import COMPARE_DEFAULTS
from tests.browser.conftest import ARTIFACTS, open_page, shot, wait_ready, wait_settled

pytestmark = pytest.mark.keras

CURVE_CHARTS = ("compare_loss", "compare_mae", "compare_pred", "compare_time")
CELLS = ("SimpleRNN", "LSTM", "GRU")

# Names of the run curves (one legend entry per run) of the Plotly chart inside a keyed element.
RUN_CURVES_JS = """
(key) => {
  const gd = document.querySelector(`.st-key-${key}:not([data-stale="true"]) .js-plotly-plot`);
  if (!gd || !gd.data) return null;
  return gd.data.filter(t => t.showlegend !== false && /^(SimpleRNN|LSTM|GRU) /.test(t.name || ""))
                .map(t => t.name);
}
"""


def _set_slider(page, key: str, presses: list[str]) -> None:
    handle = page.locator(f".st-key-{key} input[type=range]")
    for press in presses:
        handle.focus()
        handle.press(press)
        wait_ready(page)


def _shot_of(page, key: str, name: str) -> None:
    """Scroll a keyed element into view and save the screen (Streamlit scrolls inside its app)."""
    # While a rerun redraws, Streamlit keeps the old element too (data-stale="true").
    page.locator(f".st-key-{key}:not([data-stale='true'])").scroll_into_view_if_needed()
    wait_settled(page)  # Plotly finishes its resize
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


# Per chart: the legend's box, the figure's own box, the plot area's top, each run's line colour.
LEGEND_JS = """
(key) => {
  const root = document.querySelector(`.st-key-${key}:not([data-stale="true"]) .js-plotly-plot`);
  const box = s => { const e = root.querySelector(s); if (!e) return null;
                     const b = e.getBoundingClientRect(); return [b.top, b.bottom, b.left, b.right]; };
  return {legend: box('.legend'), svg: box('svg.main-svg'), plot: box('.cartesianlayer .bg') || box('.nsewdrag'),
          colors: root.data.filter(t => t.showlegend !== false && /^(SimpleRNN|LSTM|GRU) /.test(t.name || ""))
                               .map(t => [t.name.split(' ')[0], t.line.color])};
}
"""
CELL_COLORS = {"SimpleRNN": "#009E73", "LSTM": "#0072B2", "GRU": "#D55E00"}  # rnnlab.plots.style


def _legends_visible_and_cells_in_their_colours(page) -> None:
    """Every curve chart's legend inside the figure's own box and above the plot (it was drawn
    under the box, at y=-0.22 of the container), and each cell in its own colour."""
    for key in CURVE_CHARTS:
        found = page.evaluate(LEGEND_JS, key)
        legend, svg, plot = found["legend"], found["svg"], found["plot"]
        assert legend is not None, key
        assert svg[0] <= legend[0] and legend[1] <= svg[1] + 0.5, (key, legend, svg)
        assert legend[1] <= plot[0] + 0.5, (key, "legend above the plot", legend, plot)
        assert {cell: color.upper() for cell, color in found["colors"]} == CELL_COLORS, (key, found)


def test_compare_three_cells_and_see_three_curves_in_each_chart(page, app_url, console_errors):
    open_page(page, app_url, "Compare", "Compare networks")
    expect(page.get_by_text("No runs yet")).to_be_visible()
    shot(page, "compare_empty_en")

    # Compare's defaults (rnnlab.pages.compare.COMPARE_DEFAULTS: 60 epochs at rate 0.003, batch 16) with
    # 8 units instead of 32, to be quick (the settings are folded under the button).
    page.get_by_text("Settings: units, epochs, batch, rate and seed").click()
    _set_slider(page, "compare_units", ["Home", "ArrowRight"])
    expect(page.locator(".st-key-compare_units input[type=range]")).to_have_value("8")
    expect(page.locator(".st-key-compare_epochs input[type=range]")).to_have_value(
        str(COMPARE_DEFAULTS["epochs"]))
    page.locator(".st-key-compare_train button").click()

    # One progress display for the whole job; the settings are locked while it trains.
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_contain_text(re.compile(r"Training (SimpleRNN|LSTM|GRU) \([123] of 3\)"),
                                      timeout=90_000)
    expect(page.locator(".st-key-compare_units input[type=range]")).to_be_disabled()
    shot(page, "compare_training_en")

    # Each finished run appears at once; when the job ends: three runs, three curves per chart.
    expect(page.get_by_text(re.compile(r"is best: test MASE"))).to_be_visible(timeout=180_000)
    expect(progress).to_have_count(0, timeout=180_000)
    wait_ready(page)
    expect(page.locator(".st-key-compare_table")).to_be_visible()
    for key in CURVE_CHARTS:
        page.wait_for_function(f"({RUN_CURVES_JS})('{key}') !== null", timeout=30_000)
        names = page.evaluate(RUN_CURVES_JS, key)
        assert sorted(n.split()[0] for n in names) == sorted(CELLS), (key, names)
    _legends_visible_and_cells_in_their_colours(page)
    bars = page.locator(".st-key-compare_params .js-plotly-plot .barlayer .point")
    expect(bars).to_have_count(3)
    shot(page, "compare_results_en")
    _shot_of(page, "compare_loss", "compare_charts_en")
    _shot_of(page, "compare_params", "compare_params_en")

    # The log-scale switch redraws both curve charts on a log axis.
    page.locator(".st-key-compare_log label").click()
    page.wait_for_function(
        "['compare_loss', 'compare_mae'].every(key => {"
        " const gd = document.querySelector(`.st-key-${key}:not([data-stale=\"true\"]) .js-plotly-plot`);"
        " return gd && gd.layout && gd.layout.yaxis.type === 'log'; })",
        timeout=30_000)
    wait_ready(page)
    _shot_of(page, "compare_loss", "compare_charts_log_en")

    with page.expect_download() as info:
        page.locator(".st-key-compare_csv button").click()
    download = info.value
    assert download.suggested_filename == "run_comparison.csv"
    lines = Path(download.path()).read_text(encoding="utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,Name,Cell,Layers,Units")
    assert len(lines) == 4 and all(cell in "\n".join(lines) for cell in CELLS)

    # On a projector-sized screen, in Spanish.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Comparar redes")).to_be_visible()
    expect(page.get_by_text(re.compile(r"es la mejor: MASE de prueba"))).to_be_visible()
    wait_ready(page)
    shot(page, "compare_results_es")
    _legends_visible_and_cells_in_their_colours(page)
    _shot_of(page, "compare_loss", "compare_charts_es")
    _shot_of(page, "compare_table", "compare_table_es")
    _shot_of(page, "compare_params_explained", "compare_params_explained_es")
    assert console_errors == []
