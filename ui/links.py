"""Links between pages that also work when a page runs on its own (AppTest, bare mode)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError


def page_link(page: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` to ``page`` (path from app.py); without st.navigation, the label as text.

    A page run alone (AppTest) has no navigation, so Streamlit cannot resolve the target; the
    reader still sees where to go, and the real app (app.py) always gets a working link.
    """
    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.markdown(f"→ {label}")
