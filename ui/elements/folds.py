"""A folded section whose contents are drawn only while it is open.

Streamlit runs an expander's body even when it is closed, and sends it all to the browser. A
section folded to keep a page short on a phone (Hidden states' arithmetic and gradient probes)
still cost every rerun its figures and probes: forty students following a lesson redrew them
forty times per scene without seeing them. ``fold`` tracks whether the section is open
(``on_change="rerun"``: opening it reruns the app, which then draws it), and the session state
under its key says so, so a lesson scene can open it before the page is drawn (``open_fold``).
"""

from __future__ import annotations

import streamlit as st


def fold(label: str, key: str, icon: str | None = None):
    """``with fold(...) as f: if f.open: ...``: the body drawn only while open."""
    return st.expander(label, icon=icon, key=key, on_change="rerun")


def open_fold(key: str) -> None:
    """Open the fold ``key`` at the next run (before its expander is created)."""
    st.session_state[key] = True
