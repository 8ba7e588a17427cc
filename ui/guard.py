"""No traceback ever reaches a student: unexpected errors become a clear message."""

from __future__ import annotations

import contextlib
import functools
import logging

import streamlit as st

from ui import persist
from ui.i18n import tr
from ui.streamlit_internals import CONTROL_FLOW

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
    """Decorator: the function's body runs inside ``friendly_errors``. For ``@st.fragment``
    functions (put it under the fragment decorator): a fragment rerun alone calls the function
    itself, outside any ``with friendly_errors()`` its first caller wrapped it in. After such a
    rerun the session is saved (ui.persist.after_fragment): app.py's save does not run then."""

    def wrap(function):
        @functools.wraps(function)
        def body(*args, **kwargs):
            result = None  # what an error (shown as a message instead) leaves
            with friendly_errors(what or function.__name__):
                result = function(*args, **kwargs)
            persist.after_fragment()  # a fragment rerun alone: save what it changed
            return result

        return body

    return wrap
