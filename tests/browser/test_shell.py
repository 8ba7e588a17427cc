"""The app shell in a real browser: landing page, navigation, language switch."""

from playwright.sync_api import expect

from tests.browser.conftest import shot, wait_ready


def test_landing_page_links_every_page(page, app_url, console_errors):
    page.goto(app_url)
    wait_ready(page)
    expect(page.get_by_role("heading", name="rnnlab: look inside a recurrent network")).to_be_visible()
    for label in ["Data", "Hidden states", "Train", "Compare", "Concepts"]:
        expect(page.get_by_test_id("stSidebarNavLink").filter(has_text=label)).to_have_count(1)
    shot(page, "landing_en")
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="rnnlab: mira dentro de una red recurrente")).to_be_visible()
    shot(page, "landing_es")
    assert console_errors == []
