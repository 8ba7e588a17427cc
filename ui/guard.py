"""No traceback ever reaches a student: unexpected errors become a clear message."""

from __future__ import annotations

import contextlib
import logging

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from ui.i18n import tr

log = logging.getLogger("rnnlab")


@contextlib.contextmanager
def friendly_errors(what: str = ""):
    """Show an st.error in the user's language instead of a traceback; log the details."""
    try:
        yield
    except (StopException, RerunException):  # Streamlit's own control flow
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence before the student
        log.exception("unexpected error in %s", what or "page")
        st.error(tr("error.unexpected", what=f"{type(exc).__name__}: {exc}"))
