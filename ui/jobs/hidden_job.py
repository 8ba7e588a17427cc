"""Hidden states' "Train with BPTT" as a background job, bounded like every training.

It trained inside the script run, in the server's Python, on every window of the series: a long
upload held hundreds of MB per tab and the server's GIL for hours (issue 27). Now the page
checks the estimate first (rnnlab.pages.hidden.train_problems), a thread here only waits while the
training worker process trains (rnnlab.runtime.worker.train_scratch; in-process when there is
no worker: scripts, AppTest), holding one of the server's training slots; the page polls the
job's progress from a fragment, with a Stop button. Like ui/jobs/training_job.py, the thread never
touches st.* and the page adopts the result on its next run.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import streamlit as st

from ui.jobs import background_job as jobs

log = logging.getLogger("rnnlab")

JOB_KEY = "hidden_job"  # session-state key of this session's latest Hidden states training
SYNC_KEY = jobs.SYNC_KEY  # tests: train in the script thread (the same key as Train's)
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass
class HiddenJob(jobs.BackgroundJob):
    """One "Train with BPTT": ``network`` (a copy of the untrained one) on ``data``."""

    net_key: tuple  # the page's network it trains (a settings change makes another network)
    network: object
    data: object  # rnnlab.pages.hidden.TrainingData: the capped, scaled values (counted in the budget)
    epochs: int
    seed: int = 0
    state: str = QUEUED
    epoch: int = 0
    losses: list = field(default_factory=list)
    queue_position: int | None = None
    result: object = None  # rnnlab.scratch.trainer.TrainResult once it ended
    trained: object = None  # the trained network (from the worker)
    error: BaseException | None = None  # what went wrong (a MessageError: readable messages)
    adopted: bool = False  # the page has taken the result
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    browser_id: str | None = None  # not taken over by a reload (sessions' watchdog reads it)

    @property
    def running(self) -> bool:
        return self.state in (QUEUED, RUNNING)

    def snapshot(self) -> dict:
        """A consistent copy of the progress, for the page to draw."""
        with self._lock:
            elapsed = (self.finished or time.perf_counter()) - self.started
            eta = None
            if self.epoch and self.state == RUNNING:
                eta = elapsed / self.epoch * (self.epochs - self.epoch)
            return {"state": self.state, "epoch": self.epoch, "epochs": self.epochs,
                    "losses": list(self.losses), "queue_position": self.queue_position,
                    "eta": eta, "stop_requested": self._stop.is_set()}

    def run(self) -> None:
        from rnnlab.runtime import worker
        from rnnlab.training.queue import TrainingCancelled

        def on_wait(position: int) -> None:
            with self._lock:
                self.state, self.queue_position = QUEUED, position

        def on_start() -> None:
            with self._lock:
                self.state, self.queue_position = RUNNING, None
                self.started = time.perf_counter()

        def on_epoch(epoch: int, loss: float, _val=None) -> None:
            with self._lock:
                self.state, self.epoch = RUNNING, int(epoch)
                self.losses.append(float(loss))

        try:
            trained, result = worker.train_scratch(self.network, self.data, self.epochs, self.seed,
                                                   on_epoch=on_epoch, should_stop=self._stop.is_set,
                                                   on_wait=on_wait, on_start=on_start)
            with self._lock:
                self.trained, self.result, self.state = trained, result, DONE
        except TrainingCancelled:  # Stop while waiting for a slot: nothing trained
            with self._lock:
                self.state = DONE
        except Exception as exc:  # noqa: BLE001 - shown on the page, never a traceback
            if not hasattr(exc, "messages"):
                log.exception("Hidden states training failed")
            with self._lock:
                self.error, self.state = exc, FAILED
        finally:
            with self._lock:
                self.queue_position = None
                self.finished = time.perf_counter()


def current() -> HiddenJob | None:
    return st.session_state.get(JOB_KEY)


def running() -> bool:
    job = current()
    return job is not None and job.running


def start(net_key: tuple, network, data, epochs: int, seed: int) -> HiddenJob:
    """Start training ``network`` (trained as a copy) for this session, unless one is running."""
    job = current()
    if job is not None and job.running:
        return job
    job = HiddenJob(net_key=net_key, network=network.copy(), data=data, epochs=int(epochs),
                    seed=int(seed))
    return jobs.launch(job, JOB_KEY, "rnnlab-hidden-training")  # a closed tab stops it
