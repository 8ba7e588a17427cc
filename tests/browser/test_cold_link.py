"""A lesson link as a fresh server's very first request opens that page inside app.py.

With a folder named pages/ beside app.py, Streamlit 1.67 started in its legacy multipage mode:
a first request for /data ran views' Data page alone, with no navigation and no shared sidebar.
Each case here starts its own server, so /data really is the first page it serves.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rnnlab.i18n import t
from tests.browser.conftest import shot, streamlit_server, wait_ready
from ui.elements import nav


@pytest.mark.parametrize("lang, locale", [("en", "en-US"), ("es", "es-ES")])
def test_a_deep_link_as_the_first_request_opens_the_page_in_the_navigation(
        browser, tmp_path, lang, locale):
    with streamlit_server(tmp_path / "server.log") as (url, _):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 720})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{url}/{nav.DATA.url}")
            wait_ready(page, timeout=180_000)  # a fresh server's first run imports everything
            expect(page.get_by_role("heading", name=t("data.title", lang))).to_be_visible(
                timeout=30_000)
            # app.py ran around the page: its navigation lists every page, Data is the current
            # one, and its own sidebar (the current series, the language switch) is drawn.
            links = page.get_by_test_id("stSidebarNavLink")
            expect(links).to_have_count(len(nav.PAGES))
            for target in nav.PAGES:
                expect(links.filter(has_text=t(target.title, lang))).to_have_count(1)
            expect(links.filter(has_text=t(nav.DATA.title, lang))).to_have_attribute(
                "aria-current", "page")
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_text(t("sidebar.series", lang)).first).to_be_visible()
            expect(sidebar.locator(".st-key-lang_switch")).to_be_visible()
            assert page.url.rstrip("/").endswith(f"/{nav.DATA.url}")
            shot(page, f"cold_link_data_{lang}")
            assert errors == []
        finally:
            context.close()
