"""What a session's background jobs share (ui/jobs/training_job.py, ui/jobs/backtest_job.py,
ui/jobs/hidden_job.py): a stop flag the work reads between batches, a lock over the progress the page
reads, the thread, and how a job starts.

A job starts the same way whatever it trains: it is kept in the session under its key (the page
polls it there), tracked by ui.session.sessions (a closed tab stops it and frees its training slot), and
run in a thread of its own, or in the script thread when a test asks for it (``SYNC_KEY``: an
AppTest then sees the finished job at once). The thread never touches ``st.*``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import streamlit as st

SYNC_KEY = "_sync_training"  # tests only: True runs every job in the script thread (deterministic)


@dataclass(kw_only=True)
class BackgroundJob:
    """The shared part of a job; a subclass has ``run()`` (the work) and ``running``."""

    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    running = False  # a subclass says whether its work is still under way

    def run(self) -> None:  # pragma: no cover - every job has its own
        raise NotImplementedError

    def request_stop(self) -> None:
        """End the work within a batch or two (what was done is kept)."""
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests, scripts). True if it ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running


def launch(job: BackgroundJob, key: str, thread_name: str) -> BackgroundJob:
    """Keep ``job`` in the session under ``key``, track it (a closed tab stops it), and run it
    in a thread named ``thread_name`` (in the script thread when a test set ``SYNC_KEY``)."""
    from ui.session import sessions

    st.session_state[key] = job
    sessions.track(job)
    if st.session_state.get(SYNC_KEY):
        job.run()
    else:
        job._thread = threading.Thread(target=job.run, name=thread_name, daemon=True)
        job._thread.start()
    return job
