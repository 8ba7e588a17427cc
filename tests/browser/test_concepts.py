"""The Concepts page in a real browser: reached from the sidebar, figures drawn, calculator live."""

from playwright.sync_api import expect

from tests.browser.conftest import open_page, shot, wait_ready


def test_concepts_lesson_figures_and_calculator(page, app_url, console_errors):
    open_page(page, app_url, "Concepts")
    expect(page.get_by_role("heading", name="Concepts: how a recurrent network thinks")).to_be_visible()
    # The live figures: unrolled diagram, activations, parameter bars.
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_attached()
    expect(page.locator(".katex").first).to_be_visible()  # the equations are typeset

    # Calculator: 32 units, 1 feature -> one LSTM layer has 4*32*(1+32+1) = 4352 parameters.
    units = page.get_by_test_id("stNumberInput").first.locator("input")
    units.fill("32")
    units.press("Enter")
    wait_ready(page)
    lstm = page.get_by_test_id("stMetric").filter(has_text="LSTM")
    expect(lstm).to_contain_text("4,352")
    shot(page, "concepts_en", whole=True)

    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Conceptos: cómo piensa una red recurrente")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="LSTM")).to_contain_text("4.352")
    shot(page, "concepts_es", whole=True)
    assert console_errors == []
