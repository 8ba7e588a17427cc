"""A reload takes its browser's training over (ui/training_job.take_over), once, and never from a
tab that is still open. The browser test (tests/browser/test_persist_reload.py) does it for real."""

from __future__ import annotations

import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rnnlab.training import TrainConfig
from testkit import fake_run
from ui.jobs import training_job
from ui.session import sessions, state

BROWSER = "b" * 24


def _reloaded_session() -> None:  # the script AppTest runs: a fresh session of that browser
    import streamlit as st

    from ui.jobs import training_job
    from ui.session import state

    state.ensure_defaults()
    st.session_state["taken"] = training_job.take_over("b" * 24)
    st.session_state["n_runs"] = len(state.runs())


def _job(state: str, runs: list) -> training_job.TrainingJob:
    job = training_job.TrainingJob(configs=[TrainConfig()], values=np.zeros(30), state=state,
                                   runs=list(runs), runs_out=list(runs))
    if state == training_job.DONE:
        job.finished = time.perf_counter()
    job.owner = "old-session"
    return job


@pytest.fixture(autouse=True)
def _no_kept_jobs():
    training_job._kept.clear()
    yield
    training_job._kept.clear()


def test_a_run_finished_during_the_reload_lands_in_the_new_session_once():
    run = fake_run(3)
    training_job.keep_for_reload(BROWSER, _job(training_job.DONE, [run]))
    at = AppTest.from_function(_reloaded_session, default_timeout=30).run()
    assert not at.exception
    assert at.session_state["taken"] == "finished" and at.session_state["n_runs"] == 1
    assert state.session_of(at.session_state).runs[0] is run
    again = AppTest.from_function(_reloaded_session, default_timeout=30)
    again.session_state[state.KEY] = state.Session(runs=[run])  # the next reload restored it
    again.run()
    assert again.session_state["taken"] is None and again.session_state["n_runs"] == 1


def test_a_running_training_is_taken_over_and_its_next_run_goes_to_the_new_session():
    job = _job(training_job.RUNNING, [])
    training_job.keep_for_reload(BROWSER, job)
    at = AppTest.from_function(_reloaded_session, default_timeout=30).run()
    assert at.session_state["taken"] == "running"
    assert at.session_state[training_job.JOB_KEY] is job
    assert job.runs_out is state.session_of(at.session_state).runs  # where the thread appends the next run


def test_a_second_open_tab_of_the_same_browser_leaves_the_training_alone(monkeypatch):
    job = _job(training_job.RUNNING, [])
    training_job.keep_for_reload(BROWSER, job)
    monkeypatch.setattr(sessions, "is_open", lambda session_id: session_id == "old-session")
    at = AppTest.from_function(_reloaded_session, default_timeout=30).run()
    assert at.session_state["taken"] is None
    assert training_job.JOB_KEY not in at.session_state and job.owner == "old-session"


def test_kept_jobs_are_bounded_in_number_and_time(monkeypatch):
    monkeypatch.setattr(training_job, "MAX_KEPT", 3)
    for k in range(5):
        training_job.keep_for_reload(f"browser{k:020d}", _job(training_job.DONE, []))
    assert len(training_job._kept) == 3
    monkeypatch.setattr(training_job, "KEEP_SECONDS", 0.0)
    running = _job(training_job.RUNNING, [])
    training_job.keep_for_reload("r" * 24, running)
    assert list(training_job._kept) == ["r" * 24]  # finished ones expired; a running one stays


def test_the_next_in_line_sees_its_slot_within_the_poll_and_the_others_do_not_wait():
    import threading

    job = training_job.TrainingJob(configs=[TrainConfig()], values=np.zeros(30),
                                   state=training_job.QUEUED, queue_position=1)
    job._last_wait = time.perf_counter()

    def granted():
        time.sleep(0.2)
        with job._lock:
            job.state, job.queue_position = training_job.RUNNING, None

    threading.Thread(target=granted).start()
    started = time.perf_counter()
    progress = training_job.wait_for_turn(job, 2.0)
    assert progress.state == training_job.RUNNING and progress.queue_position is None
    assert 0.15 < time.perf_counter() - started < 1.0  # seen within 50 ms, not at the next poll

    second = training_job.TrainingJob(configs=[TrainConfig()], values=np.zeros(30),
                                      state=training_job.QUEUED, queue_position=2)
    second._last_wait = started = time.perf_counter()
    assert training_job.wait_for_turn(second, 2.0).queue_position == 2
    assert time.perf_counter() - started < 0.1  # only the next in line waits inside a poll
