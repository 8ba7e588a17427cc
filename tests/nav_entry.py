"""Run one page inside st.navigation under AppTest, the way app.py runs it.

A page run alone has no navigation, so its st.page_link targets cannot resolve and the shared
sidebar is missing. This writes a tiny entry script that registers app.py's pages
(ui/elements/nav.py), draws the sidebar and runs the chosen one. The script lives in a temporary folder
(never in the repository) beside a symlink to ``views/``: page paths are relative to the entry
script, and Streamlit resolves them through the link to the real files.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from ui.elements import nav

ROOT = Path(__file__).resolve().parents[1]
PAGES = [p.path for p in nav.PAGES]
TARGET = "_nav_entry_target"  # session-state key naming the page to run

ENTRY = """
import streamlit as st
from ui.elements import sidebar
from ui.session import state
state.ensure_defaults()
target = st.session_state["{target}"]
nav = st.navigation([st.Page(p, default=(p == target)) for p in {pages!r}])
sidebar.render()
nav.run()
"""


@contextlib.contextmanager
def entry_file():
    """The entry script's absolute path, removed (with its folder) afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="rnnlab-nav-entry-"))
    try:
        (folder / "views").symlink_to(ROOT / "views", target_is_directory=True)
        path = folder / "entry.py"
        path.write_text(ENTRY.format(target=TARGET, pages=PAGES))
        yield str(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
