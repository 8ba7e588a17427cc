"""One helper for every fragment: it guards (errors become a message, never a traceback) and
saves (a fragment's own rerun does not run app.py, whose ``persist.saving()`` saves a full
run: without this a settled stage step or a slider inside a fragment would be lost by a reload
right after it).

    @fragment("train: metrics")                       # like @st.fragment
    def _metrics(run): ...

    @fragment("train: progress", run_every=1.0)        # a polling fragment
    def _progress(): ...

    fragments.run(_progress_panel, "compare: progress", run_every=poll)   # run_every decided now

ui/elements/guard.py only turns errors into messages; ui/persistence/persist.py only saves: this module puts them
together, so a page never saves after its fragments by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from ui.elements.guard import friendly_errors
from ui.persistence import persist


def guarded_and_saved(what: str = "") -> Callable:
    """Decorator: the body runs inside ``friendly_errors(what)``; after a fragment's own rerun
    the session is saved."""

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


def fragment(what: str = "", *, run_every: float | None = None) -> Callable:
    """Decorator: ``function`` as an ``st.fragment`` that guards and saves."""

    def wrap(function):
        return st.fragment(guarded_and_saved(what)(function), run_every=run_every)

    return wrap


def run(function: Callable, what: str = "", *args, run_every: float | None = None, **kwargs):
    """Run ``function(*args, **kwargs)`` now as a fragment that guards and saves (for a poll
    whose ``run_every`` is decided by this run)."""
    return fragment(what, run_every=run_every)(function)(*args, **kwargs)
