"""Keep every page inside app.py's navigation, even when a lesson link is the server's first visit.

Streamlit quirk (1.67): with a folder named ``pages/`` beside the entry script, a fresh server
starts in the legacy multipage mode. If its very first request is a page URL (``/data``), the
page script runs alone, without app.py's sidebar and navigation, and the server stays in that
mode until someone opens ``/``. Each page calls ``ensure_navigation()`` first: it switches the
server to app.py's ``st.navigation`` and reruns, which opens the same page properly (app.py's
url paths equal the file names, so the page is found again).
"""

from __future__ import annotations

import contextlib
import sys

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def keep_keras_state_between_reruns() -> None:
    """Stop Streamlit from calling ``keras.backend.clear_session()`` after every script run.

    Streamlit 1.67 does that (script_runner._clean_problem_modules) as soon as Keras is
    imported: every rerun of any session, including each poll of the progress fragment, would
    reset Keras' global state, empty TensorFlow's kernel cache and run a full garbage
    collection (~0.7 s holding the GIL here) while other sessions' threads are training. With
    polling every second that starved the training thread (a first epoch took minutes).
    The matplotlib clean-up it also does is kept.
    """
    from streamlit.runtime.scriptrunner import script_runner

    def clean_matplotlib_only() -> None:
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            with contextlib.suppress(Exception):
                plt.close("all")

    if getattr(script_runner, "_clean_problem_modules", None) is not None:
        script_runner._clean_problem_modules = clean_matplotlib_only

