"""The Train page's session state, with one owner: its keys and typed accessors.

views/train.py writes these entries; other modules (the memory budget, the saved-state schema,
tests) reach them only through this module, never by their string keys:

- ``CONFIG``: the TrainConfig the page's widgets make, as last drawn (saved);
- ``SPLIT_SEEN``: the Data page's split last copied into Train's data widgets (saved);
- ``SHOWN_JOB``: the job whose newest run the results already jumped to (saved);
- ``CURVE_SHOWN``: (job id, run number, epochs) the live curve has drawn (not saved);
- ``FORECASTS``: (run id, steps) -> forecast arrays, a cache (never saved; ui.jobs.memory counts it);
- the widgets: ``"train_" + field`` for each TrainConfig field, ``RESULT_RUN`` the shown run.

Each accessor takes the session state to read (``ss``): the current session's by default, a
test's ``AppTest.session_state`` in tests.
"""

from __future__ import annotations

import streamlit as st

CONFIG = "train_config"
SPLIT_SEEN = "_train_split_seen"
SHOWN_JOB = "_train_shown_job"
CURVE_SHOWN = "_train_curve_shown"
FORECASTS = "_train_forecasts"
W = "train_"  # widget key prefix: "train_" + a TrainConfig field
RESULT_RUN = W + "result_run"  # the results' run picker


def _ss(ss=None):
    return st.session_state if ss is None else ss


def config(ss=None):
    """The TrainConfig the widgets made when the page was last drawn (None before)."""
    return _ss(ss).get(CONFIG)


def set_config(value) -> None:
    st.session_state[CONFIG] = value


def widget(name: str, default=None, ss=None):
    """The value of the control of TrainConfig field ``name`` (``default`` before it is drawn)."""
    return _ss(ss).get(W + name, default)


def set_widget(name: str, value) -> None:
    """Give the control of field ``name`` a value (before it is drawn, or in a callback)."""
    st.session_state[W + name] = value


def widget_values(names) -> dict:
    """{field: value} of the controls among ``names`` that have a value."""
    ss = st.session_state
    return {name: ss[W + name] for name in names if W + name in ss}


def split_seen(ss=None):
    """The Data page's split (lookback, validation, test, scaler) last copied, or None."""
    return _ss(ss).get(SPLIT_SEEN)


def set_split_seen(seen) -> None:
    st.session_state[SPLIT_SEEN] = seen


def shown_job(ss=None) -> str | None:
    return _ss(ss).get(SHOWN_JOB)


def set_shown_job(job_id: str) -> None:
    st.session_state[SHOWN_JOB] = job_id


def result_run(ss=None):
    """The index of the run the results show (the picker's value), or None."""
    return _ss(ss).get(RESULT_RUN)


def set_result_run(index: int) -> None:
    st.session_state[RESULT_RUN] = index


def curve_shown(ss=None) -> tuple | None:
    return _ss(ss).get(CURVE_SHOWN)


def set_curve_shown(job_id: str, run_number: int, epochs: int) -> None:
    st.session_state[CURVE_SHOWN] = (job_id, run_number, epochs)


def forecasts(ss=None) -> dict:
    """The session's forecast cache, made on first use."""
    return _ss(ss).setdefault(FORECASTS, {})


def forecasts_held(ss=None) -> dict | None:
    """The forecast cache if there is one (ui.jobs.memory counts its bytes), without making it."""
    return _ss(ss).get(FORECASTS)
