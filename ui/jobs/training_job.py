"""A per-session background training job: a thread trains, the page only reads its progress.

The thread only waits: on a real server the training itself runs in rnnlab.runtime.worker's
process (the server's Python stays free for pages); the thread relays its progress here.

Why a thread: any widget click during a script run aborts that run at its next st.* call, so a
training loop inside the script would be killed by a stray click. Here the training runs in a
plain thread that never touches st.* (it has no ScriptRunContext, so it must not); it only
updates this Python object. The page keeps the job in st.session_state and polls it from an
``@st.fragment(run_every=...)`` that draws the progress bar and the live loss curve. Stop only
sets a flag that train() reads between batches (at most every 0.2 s). Changing page loses nothing: the job and its
finished Runs live on in the session.

The Compare page reuses this module: ``start_job`` takes a list of configs, trained one by one.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from ui.jobs import background_job as jobs
from ui.jobs.keras_state import keep_keras_state_between_reruns

log = logging.getLogger("rnnlab")

JOB_KEY = "_training_job"  # session-state key of the current TrainingJob
SYNC_KEY = jobs.SYNC_KEY  # tests only: True trains in the script thread (deterministic AppTest)
POLL_SECONDS = 1.0  # how often the page's fragment redraws the progress while a job runs
WAIT_SILENCE = 1.5  # train() reports the queue every 0.5 s; quiet for longer = it got a slot

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass
class Progress:
    """A consistent copy of a job's progress, safe to draw from the script thread."""

    state: str
    run_number: int  # 1-based number of the run being trained
    n_runs: int
    epoch: int  # epochs finished in the current run
    epochs: int  # epochs planned for the current run
    eta_seconds: float | None  # None until one epoch has been timed
    elapsed: float
    history: dict[str, list[float]]  # live history of the current run
    queue_position: int | None  # when waiting for a free training slot: 1 = next
    stop_requested: bool
    config: object  # the TrainConfig being trained

    @property
    def fraction(self) -> float:
        """Overall progress in [0, 1], counting every run's epochs."""
        if self.n_runs == 0 or self.epochs == 0:
            return 0.0
        done = (self.run_number - 1) + min(self.epoch, self.epochs) / self.epochs
        return max(0.0, min(1.0, done / self.n_runs))


@dataclass
class TrainingJob(jobs.BackgroundJob):
    """Trains ``configs`` one after another on ``values``; the finished Runs go to ``runs_out``."""

    configs: list
    values: np.ndarray
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])  # pages remember a job by it
    series_name: str = ""
    runs_out: list | None = None  # the session's run list (a plain list object, not st.*)
    state: str = QUEUED
    run_index: int = 0
    epoch: int = 0
    history: dict[str, list[float]] = field(default_factory=dict)
    runs: list = field(default_factory=list)  # finished Runs of this job (completed/stopped/diverged)
    error: str = ""  # what went wrong, for the page to show (already a readable text)
    queue_position: int | None = None
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    problems: list = field(default_factory=list)  # Messages, when a config was refused
    browser_id: str | None = None  # set when a reload of the same browser may take the job over
    owner: str | None = None  # the Streamlit session showing it (a reload makes a new one)
    _epoch_seconds: list[float] = field(default_factory=list)
    _epoch_started: float = 0.0
    _last_wait: float = 0.0

    # ----- controls (called from the script thread; request_stop, stop_requested and wait are
    # jobs.BackgroundJob's: Stop ends training within a batch or two, the partial Run is kept) -----
    @property
    def running(self) -> bool:
        return self.state in (QUEUED, RUNNING)

    def progress(self) -> Progress:
        with self._lock:
            config = self.configs[min(self.run_index, len(self.configs) - 1)]
            state, position = self.state, self.queue_position
            if state == QUEUED and time.perf_counter() - self._last_wait > WAIT_SILENCE:
                state, position = RUNNING, None  # on_wait went quiet: the slot was granted
            return Progress(
                state=state,
                run_number=min(self.run_index + 1, len(self.configs)),
                n_runs=len(self.configs),
                epoch=self.epoch,
                epochs=int(config.epochs),
                eta_seconds=self._eta(),
                elapsed=(self.finished or time.perf_counter()) - self.started,
                history={k: list(v) for k, v in self.history.items()},
                queue_position=position,
                stop_requested=self._stop.is_set(),
                config=config,
            )

    # ----- the work (runs in the job's thread, or inline in sync mode) -----
    def run(self) -> None:
        from rnnlab import training  # imports TensorFlow lazily, inside train()

        try:
            for index, config in enumerate(self.configs):
                if self._stop.is_set():
                    break
                with self._lock:
                    self.run_index, self.epoch, self.history = index, 0, {}
                    self._epoch_seconds = []
                try:
                    run = self._train_one(training, config)
                except training.TrainingCancelled:  # Stop pressed while waiting in the queue
                    break
                with self._lock:  # under the lock: a reload may be swapping runs_out (take_over)
                    self.runs.append(run)
                    if self.runs_out is not None:
                        self.runs_out.append(run)  # pages read it on their next rerun
            with self._lock:
                self.state = DONE
        except training.TrainingError as exc:  # a config the page should have refused
            with self._lock:
                self.problems, self.state = list(exc.messages), FAILED
        except Exception as exc:  # noqa: BLE001 - reported on the page, never a traceback
            log.exception("training job failed")
            with self._lock:
                self.error = f"{type(exc).__name__}: {exc}"
                self.state = FAILED
        finally:
            with self._lock:
                self.queue_position = None
                self.finished = time.perf_counter()

    def _train_one(self, training, config):
        """train() waits for a free slot (at most N trainings per process) and reports the
        queue through on_wait; the first epoch, or a silence of on_wait, means it started."""

        def on_wait(position: int) -> None:
            with self._lock:
                self.state, self.queue_position = QUEUED, position
                self._last_wait = self._epoch_started = time.perf_counter()

        def on_epoch(epoch_index, logs, partial_history):
            now = time.perf_counter()
            with self._lock:
                self.state, self.queue_position = RUNNING, None
                self.epoch = epoch_index + 1
                self.history = {k: list(v) for k, v in partial_history.items()}
                self._epoch_seconds.append(now - self._epoch_started)
                self._epoch_started = now

        def on_start() -> None:  # the slot is ours: out of the queue at once, not 1.5 s later
            with self._lock:
                self.state, self.queue_position = RUNNING, None
                self._last_wait = 0.0
                self._epoch_started = time.perf_counter()

        with self._lock:
            self.state, self._epoch_started = RUNNING, time.perf_counter()
        from rnnlab.runtime import worker  # the app's server trains in its worker process

        return worker.train(self.values, config, on_epoch=on_epoch, should_stop=self._stop.is_set,
                            series_name=self.series_name, on_wait=on_wait, on_start=on_start)

    def _eta(self) -> float | None:
        """Seconds left: remaining epochs (this run and the next ones) times a typical epoch.

        The first epoch of a run includes tracing the model, so later epochs give the typical
        time when there are any; the first-epoch cost is added once per remaining run.
        """
        if self.state not in (QUEUED, RUNNING) or not self._epoch_seconds:
            return None
        first, later = self._epoch_seconds[0], self._epoch_seconds[1:]
        typical = float(np.median(later)) if later else first
        config = self.configs[self.run_index]
        left = max(0, int(config.epochs) - self.epoch) * typical
        for other in self.configs[self.run_index + 1:]:
            left += first + max(0, int(other.epochs) - 1) * typical
        return left


keep_keras_state_between_reruns()  # also done by app.py; here for pages run alone (tests)


def _preimport() -> None:
    """Finish importing pandas and scikit-learn here, in the script thread, before the job
    thread starts: if the thread imported them while the page draws a Plotly figure (Plotly
    looks pandas up in sys.modules), the page would meet a half-initialised pandas module.
    TensorFlow itself is imported by the job thread (slow, and the page never touches it)."""
    import pandas  # noqa: F401
    import sklearn.linear_model  # noqa: F401
    import sklearn.metrics  # noqa: F401
    import sklearn.preprocessing  # noqa: F401


def _shared_values(values, runs: list) -> np.ndarray:
    """The values to train on, stored once per session: a run already trained on the same
    numbers lends its (read-only) array; otherwise one read-only copy that the runs share."""
    from rnnlab.training import frozen

    values = np.asarray(values, dtype=np.float64).ravel()
    for run in reversed(runs):
        kept = getattr(run, "values", None)
        if kept is not None and kept.shape == values.shape and not kept.flags.writeable \
                and np.array_equal(kept, values):
            return kept
    return frozen(values)


def start_job(configs: list, values: np.ndarray, series_name: str = "") -> TrainingJob:
    """Start training ``configs`` one by one on ``values`` in the background for this session.

    Finished Runs are appended to the session's run list (ui.session.state.runs()). Refuses to start a
    second job while one is running (the page disables its buttons, so this is a safeguard).
    """
    from ui.session import state

    current = current_job()
    if current is not None and current.running:
        return current
    _preimport()
    job = TrainingJob(configs=list(configs), values=_shared_values(values, state.runs()),
                      series_name=series_name, runs_out=state.runs())
    from ui.session import browser, sessions

    job.owner = sessions.current_session_id()
    keep_for_reload(browser.browser_id(), job)
    # kept in the session, tracked (the tab closes: the job is stopped and its slot freed; a
    # reload takes it over), run in its thread
    return jobs.launch(job, JOB_KEY, "rnnlab-training")


TURN_WAIT = 0.6  # seconds the next in line waits inside one poll for its slot


def wait_for_turn(job: TrainingJob, seconds: float = TURN_WAIT) -> Progress:
    """The job's progress; when it is next in line, after waiting up to ``seconds`` for its slot
    (in steps of 50 ms): a quick training that starts and ends between two polls would otherwise
    keep "Waiting for a free training slot" on the page until the next full rerun. Only the
    one student who is next waits like this, and only in a poll (the whole page, drawn after
    Train, shows the place at once), so the server does no extra reruns."""
    deadline = time.perf_counter() + seconds
    progress = job.progress()
    while progress.queue_position == 1 and job.running and time.perf_counter() < deadline:
        time.sleep(0.05)
        progress = job.progress()
    return progress


def queue_estimate(position: int) -> str:
    """What a student waiting at ``position`` reads after their place: about how long until their
    turn, or when an estimate will exist (Train, Compare and backtests share the same slots)."""
    from rnnlab import training
    from rnnlab.i18n.numbers import fmt_seconds
    from ui.i18n import lang, tr

    wait = training.slots.expected_wait(position)
    if wait is None:
        return tr("train.queued_eta_unknown")
    return tr("train.queued_eta", eta=fmt_seconds(wait, lang()))


def current_job() -> TrainingJob | None:
    """This session's latest job (running or finished), if any."""
    return st.session_state.get(JOB_KEY)


def is_running() -> bool:
    job = current_job()
    return job is not None and job.running


# ----- a reload of the same browser takes its training over -------------------------------------
# A reload is a new Streamlit session: without this, the job (and a run that finished during the
# reload) stayed with the old session, which the watchdog then stopped. The process keeps each
# browser's latest job (handles only, like the watchdog) for a bounded time and count.

KEEP_SECONDS = 300.0  # a finished job waits this long for its browser to come back
MAX_KEPT = 64  # browsers; the oldest finished jobs go first
_kept: dict[str, tuple[TrainingJob, float]] = {}  # browser id -> (job, when it was kept)
_kept_lock = threading.Lock()


def _prune() -> None:
    for browser, (job, _when) in list(_kept.items()):
        if not job.running and job.finished is not None and time.perf_counter() - job.finished > KEEP_SECONDS:
            del _kept[browser]
    if len(_kept) > MAX_KEPT:
        finished = sorted((when, browser) for browser, (job, when) in _kept.items() if not job.running)
        for _when, browser in finished[:len(_kept) - MAX_KEPT]:
            del _kept[browser]


def keep_for_reload(browser_id: str | None, job: TrainingJob) -> None:
    if not browser_id:
        return
    job.browser_id = browser_id
    with _kept_lock:
        _kept[browser_id] = (job, time.monotonic())
        _prune()


def take_over(browser_id: str | None) -> str | None:
    """In a session that has just restored this browser's saved work: adopt the browser's
    training if the server still has it and it is news (still running, or finished with a run
    the saved session lacks). Its runs go to this session's run list from now on. Returns
    "running", "finished" or None (nothing taken over)."""
    from ui.session import sessions, state

    if not browser_id:
        return None
    with _kept_lock:
        _prune()
        entry = _kept.get(browser_id)
    if entry is None:
        return None
    job, ss = entry[0], st.session_state
    current = ss.get(JOB_KEY)
    if current is job or (current is not None and current.running):
        return None
    here = sessions.current_session_id()
    if job.owner != here and sessions.is_open(job.owner):
        return None  # a second tab of the same browser: the first one still shows its training
    runs = state.runs()
    with job._lock:
        known = {run.run_id for run in runs if run.run_id}
        missing = [run for run in job.runs if not (run.run_id and run.run_id in known)
                   and all(run is not other for other in runs)]
        if not job.running and not missing:
            return None  # nothing the saved session does not already show
        runs.extend(missing)
        job.runs_out = runs
    job.owner = here
    ss[JOB_KEY] = job
    sessions.track(job)
    return "running" if job.running else "finished"
