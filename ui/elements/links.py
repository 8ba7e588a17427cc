"""Links between pages that also work when a page runs on its own (AppTest, bare mode)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError


def page_link(page: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` to ``page`` (path from app.py); without st.navigation, the label as text.

    A page run alone (AppTest) has no navigation, so Streamlit cannot resolve the target; the
    reader still sees where to go, and the real app (app.py) always gets a working link.
    """
    from ui.elements import nav

    try:
        st.page_link(nav.made_page(page), label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.markdown(f"→ {label}")


def next_link(url_path: str) -> None:
    """At the end of a page of the path: a link to the next one ("Next: 3. Train")."""
    from ui.elements import nav
    from ui.i18n import tr

    page = next((p for p in nav.PAGES if p.url == url_path), None)
    target = nav.next_page(page) if page is not None else None
    if target is None:
        return
    st.divider()
    with st.container(key="next_page"):
        page_link(target.path, tr("nav.next", page=nav.label(target, tr(target.title))),
                  icon=":material/arrow_forward:")


PHONE_MENU_CSS = """<style>
@media (min-width: 700px) { .st-key-phone_nav { display: none; } }
.st-key-phone_nav a { padding: 0.15rem 0.4rem; }
</style>"""


def phone_menu(current_url: str) -> None:
    """On a phone, the pages as a visible row of links at the top (the sidebar hides behind
    the » button there); wider screens hide it (they show the sidebar)."""
    from ui.elements import nav
    from ui.i18n import tr

    current_url = current_url or nav.HOME.url  # the default page's url path is ""
    st.html(PHONE_MENU_CSS)
    with st.container(key="phone_nav", horizontal=True, gap="small"):
        for page in nav.PAGES:
            if page.url != current_url:
                page_link(page.path, nav.label(page, tr(page.title)), icon=page.icon)
