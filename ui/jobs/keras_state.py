"""Keep Keras' global state across script reruns, so background trainings are not starved."""

from __future__ import annotations

import contextlib
import sys


def keep_keras_state_between_reruns() -> None:
    """Stop Streamlit from calling ``keras.backend.clear_session()`` after every script run.

    Streamlit 1.67 does that (its problem-module clean-up, see ui/session/streamlit_internals.py) once Keras is
    imported: every rerun of any session, including each poll of the progress fragment, would
    reset Keras' global state, empty TensorFlow's kernel cache and run a full garbage
    collection (~0.7 s holding the GIL here) while other sessions' threads are training. With
    polling every second that starved the training thread (a first epoch took minutes).
    The matplotlib clean-up it also does is kept.
    """
    from ui.session import streamlit_internals

    def clean_matplotlib_only() -> None:
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            with contextlib.suppress(Exception):
                plt.close("all")

    streamlit_internals.replace_problem_module_cleaner(clean_matplotlib_only)
