"""Run one page inside st.navigation under AppTest, the way app.py runs it.

A page run alone has no navigation, so its st.page_link targets cannot resolve and the shared
sidebar is missing. This writes a tiny entry script at the repo root (page paths are relative
to the entry script) that registers every page, draws the sidebar and runs the chosen one.
"""

from __future__ import annotations

import contextlib
import os
import uuid

from tests.helpers import ROOT

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
TARGET = "_nav_entry_target"  # session-state key naming the page to run

ENTRY = """
import streamlit as st
from ui import sidebar, state
state.ensure_defaults()
target = st.session_state["{target}"]
nav = st.navigation([st.Page(p, default=(p == target)) for p in {pages!r}])
sidebar.render()
nav.run()
"""


@contextlib.contextmanager
def entry_file():
    """The entry script's name (relative to the repo root), removed afterwards."""
    path = ROOT / f"_nav_entry_{os.getpid()}_{uuid.uuid4().hex[:8]}.py"
    path.write_text(ENTRY.format(target=TARGET, pages=PAGES))
    try:
        yield path.name
    finally:
        path.unlink(missing_ok=True)
