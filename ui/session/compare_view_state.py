"""The Compare page's session state, with one owner: its keys and typed accessors.

views/compare.py writes these entries; other modules (the saved-state schema, tests) reach
them only through this module, never by their string keys:

- ``SELECTED`` (set of run ids): the runs overlaid in the charts (saved);
- ``SEEN`` (set of run ids): the runs the page has already shown; new ones join the
  selection (saved);
- ``COLORS`` ({run id: colour}): each run's colour, fixed for the life of the run (saved);
- ``FOCUS_JOB``: the three-cell job started here, whose runs get the charts when it ends;
- ``VIEW``: what the page last drew of the job; a change redraws the page (not saved);
- ``LOG``: the charts' log-scale toggle (a widget).

Each reader takes the session state to read (``ss``): the current session's by default, a
test's ``AppTest.session_state`` in tests.
"""

from __future__ import annotations

import streamlit as st

SELECTED = "compare_selected"
SEEN = "compare_seen"
COLORS = "compare_colors"
FOCUS_JOB = "_compare_focus_job"
VIEW = "_compare_view"
LOG = "compare_log"


def _ss(ss=None):
    return st.session_state if ss is None else ss


def selected(ss=None) -> set:
    return set(_ss(ss).get(SELECTED) or set())


def seen(ss=None) -> set:
    return set(_ss(ss).get(SEEN) or set())


def set_selection(chosen: set, shown: set | None = None) -> None:
    """The runs overlaid in the charts (and, when given, every run the page has shown)."""
    st.session_state[SELECTED] = set(chosen)
    if shown is not None:
        st.session_state[SEEN] = set(shown)


def colors(ss=None) -> dict:
    """{run id: colour} of the runs the page has shown ({} before the first)."""
    return dict(_ss(ss).get(COLORS) or {})


def set_colors(value: dict) -> None:
    st.session_state[COLORS] = dict(value)


def focus_job(ss=None) -> str | None:
    return _ss(ss).get(FOCUS_JOB)


def set_focus_job(job_id: str | None) -> None:
    """Remember the job started here (None: forget it, its runs are shown)."""
    if job_id is None:
        st.session_state.pop(FOCUS_JOB, None)
    else:
        st.session_state[FOCUS_JOB] = job_id


def drawn_view(ss=None):
    return _ss(ss).get(VIEW)


def set_drawn_view(value) -> None:
    st.session_state[VIEW] = value


def log_scale(ss=None) -> bool:
    return bool(_ss(ss).get(LOG, False))
