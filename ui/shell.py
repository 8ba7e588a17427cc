"""Keep every page inside app.py's navigation, even when a lesson link is the server's first visit.

Streamlit quirk (1.67): with a folder named ``pages/`` beside the entry script, a fresh server
starts in the legacy multipage mode. If its very first request is a page URL (``/data``), the
page script runs alone, without app.py's sidebar and navigation, and the server stays in that
mode until someone opens ``/``. Each page calls ``ensure_navigation()`` first: it switches the
server to app.py's ``st.navigation`` and reruns, which opens the same page properly (app.py's
url paths equal the file names, so the page is found again).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
