"""No traceback ever reaches a student: unexpected errors become a clear message."""

from __future__ import annotations

import contextlib
import logging

import streamlit as st

from ui.i18n import tr
from ui.session.streamlit_internals import CONTROL_FLOW

log = logging.getLogger("rnnlab")


@contextlib.contextmanager
def friendly_errors(what: str = ""):
    """Show an st.error in the user's language instead of a traceback; log the details."""
    try:
        yield
    except CONTROL_FLOW:  # Streamlit's own control flow (StopException, RerunException)
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence before the student
        log.exception("unexpected error in %s", what or "page")
        st.error(tr("error.unexpected", what=f"{type(exc).__name__}: {exc}"))


def guarded(what: str = ""):
    """Kept for callers that write ``@st.fragment`` over ``@guarded(...)``: the same as
    ``ui.elements.fragments.guarded_and_saved``. New code uses ``@ui.elements.fragments.fragment(what)``, the one
    helper that is a fragment, guards and saves."""
    from ui.elements import fragments

    return fragments.guarded_and_saved(what)
