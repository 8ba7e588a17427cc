"""A per-session background backtest: a thread runs rnnlab.studies.study.run_study, the page polls it.

Same reasons and shape as ui.jobs.training_job (a click during a script run would kill a loop in
the script): the thread never touches st.*, it only updates this object. Finished studies
go to the session's study store, one per run (the newest settings win).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from rnnlab.declarations.messages import Message
from ui.jobs import background_job as jobs
from ui.jobs import training_job

log = logging.getLogger("rnnlab")

JOB_KEY = "_backtest_job"
STUDIES = "_studies"  # run_id -> rnnlab.studies.study.ForecastStudy (the latest of each run)
POLL_SECONDS = training_job.POLL_SECONDS


@dataclass
class Item:
    run_id: str
    run_name: str
    config: object  # TrainConfig
    values: np.ndarray


@dataclass
class BacktestJob(jobs.BackgroundJob):
    items: list[Item]
    horizon: int
    folds: int
    season: int
    strategies: tuple
    studies_out: dict | None = None
    running: bool = True
    item_index: int = 0
    strategy_index: int = 0
    fold: int = 0
    epoch: int = 0
    epochs: int = 0
    queue_position: int | None = None
    error: str = ""
    problem: Message | None = None  # why the backtest was refused
    studies: list = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @property
    def stopped(self) -> bool:
        return any(r.status == "stopped" for s in self.studies for r in s.rnn.values())

    def fraction(self) -> float:
        with self._lock:
            per_item = max(1, len(self.strategies)) * self.folds
            done = (self.item_index * per_item + self.strategy_index * self.folds + self.fold
                    + (self.epoch / self.epochs if self.epochs else 0.0))
            return max(0.0, min(1.0, done / (len(self.items) * per_item)))

    def run(self) -> None:
        from rnnlab.forecasting import backtest as bt
        from rnnlab.runtime import worker  # on a real server the study runs in the worker

        def on_progress(strategy_index, fold, epoch, epochs):
            with self._lock:
                self.strategy_index, self.fold, self.epoch, self.epochs = (
                    strategy_index, fold, epoch, epochs)
                self.queue_position = None

        def on_wait(position):
            with self._lock:
                self.queue_position = position

        try:
            for index, item in enumerate(self.items):
                if self._stop.is_set():
                    break
                with self._lock:
                    self.item_index, self.strategy_index, self.fold, self.epoch = index, 0, 0, 0
                result = worker.run_study(
                    item.values, item.config, self.horizon, self.folds, self.season,
                    self.strategies, run_id=item.run_id, run_name=item.run_name,
                    on_progress=on_progress, should_stop=self._stop.is_set, on_wait=on_wait)
                self.studies.append(result)
                if self.studies_out is not None:
                    self.studies_out[item.run_id] = result  # dict item assignment is atomic
        except (bt.BacktestError, worker.WorkerLost) as exc:
            self.problem = exc.message
        except Exception as exc:  # noqa: BLE001 - shown on the page, never a traceback
            from rnnlab.training import TrainingCancelled

            if not isinstance(exc, TrainingCancelled):
                log.exception("backtest job failed")
                self.error = f"{type(exc).__name__}: {exc}"
        finally:
            with self._lock:
                self.running, self.queue_position = False, None


def studies() -> dict:
    return st.session_state.setdefault(STUDIES, {})


def current_job() -> BacktestJob | None:
    return st.session_state.get(JOB_KEY)


def is_running() -> bool:
    job = current_job()
    return job is not None and job.running


def busy() -> bool:
    """A training or a backtest of this session is running: start neither."""
    return is_running() or training_job.is_running()


def start(items: list[Item], horizon: int, folds: int, season: int, strategies) -> BacktestJob:
    current = current_job()
    if current is not None and current.running:
        return current
    training_job._preimport()
    import statsmodels.tsa.holtwinters  # noqa: F401 - imported here, not half-way in the thread

    job = BacktestJob(items=list(items), horizon=int(horizon), folds=int(folds),
                      season=int(season), strategies=tuple(strategies), studies_out=studies())
    return jobs.launch(job, JOB_KEY, "rnnlab-backtest")  # like a training: a closed tab stops it
