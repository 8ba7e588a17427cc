"""ui.jobs.background_job: what the three background jobs share (start, stop, wait), checked on a job of its own."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from ui.jobs import background_job as jobs
from ui.jobs import backtest_job, hidden_job, training_job


@dataclass
class Counting(jobs.BackgroundJob):
    """Counts until stopped (or to ``limit``), in whatever thread runs it."""

    limit: int = 10**9
    count: int = 0
    running: bool = True
    thread_name: str = ""

    def run(self) -> None:
        self.thread_name = threading.current_thread().name
        while self.count < self.limit and not self._stop.is_set():
            with self._lock:
                self.count += 1
        self.running = False


def _start(sync: bool, limit: int) -> None:
    import streamlit as st

    from tests.ui.test_jobs import Counting
    from ui.jobs import background_job as jobs

    st.session_state[jobs.SYNC_KEY] = sync
    st.session_state["started"] = jobs.launch(Counting(limit=limit), "_counting", "rnnlab-counting")


def test_a_job_runs_in_its_own_thread_and_stops_when_asked():
    at = AppTest.from_function(_start, kwargs={"sync": False, "limit": 10**9}, default_timeout=30).run()
    assert not at.exception
    job = at.session_state["_counting"]
    assert job is at.session_state["started"] and job.running
    assert not job.wait(0.05) and not job.stop_requested  # still counting
    job.request_stop()
    assert job.stop_requested and job.wait(30) and not job.running
    assert job.thread_name == "rnnlab-counting" and 0 < job.count < 10**9


def test_a_test_runs_the_job_in_the_script_thread():
    at = AppTest.from_function(_start, kwargs={"sync": True, "limit": 5}, default_timeout=30).run()
    job = at.session_state["_counting"]
    assert job.count == 5 and not job.running and job.wait() and job._thread is None


def test_the_three_jobs_share_it():
    for job_class in (training_job.TrainingJob, backtest_job.BacktestJob, hidden_job.HiddenJob):
        assert issubclass(job_class, jobs.BackgroundJob)
        for name in ("request_stop", "stop_requested", "wait"):
            assert name not in vars(job_class), (job_class, name)  # one copy, in ui.jobs.background_job
