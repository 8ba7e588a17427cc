"""Trainings in a worker process, so that the server's own Python thread stays free for the pages.

Why: Python runs one thread at a time per process (the GIL). A training's loop is mostly Python
around tiny TensorFlow steps, so ten students training inside the server process took the GIL
away from forty students' page switches (p95 7.5 s in bench/bench_classroom.py). In a process
of its own, a training uses the machine's other core and the server answers pages meanwhile.

The app's server calls ``enable()``; without it (scripts, AppTest) the same functions run
in-process. The dispatching functions below have the signatures of the ones they replace (``train``, ``run_study``, ``forecast``, ``export_run``, ``verify_against_keras``,
``warm``), so the server process itself never imports TensorFlow:

- the queue stays in the server (``queue.slots``: places and estimates as before); a training
  holds its slot while the worker trains it;
- progress callbacks (``on_epoch``, ...) come back as events and run in the server;
- ``should_stop()`` is asked in the server and a stop is sent to the worker (within 0.05 s);
- the worker is one long-lived child process (TensorFlow imported once, traced models pooled
  there); if it dies (killed, out of memory) every task it held fails with a message the
  student can read, and the next call starts a new one.

Nothing here imports TensorFlow; the child does, when its first task needs it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from rnnlab.declarations import settings
from rnnlab.declarations.messages import Message
from rnnlab.training import queue
from rnnlab.training.config import TrainingError

log = logging.getLogger("rnnlab")

STOP_POLL_SECONDS = 0.05  # how often a waiting call asks should_stop() (a freed slot is news)


class WorkerUnavailable(Exception):
    """The worker process could not be started (the host forbids it): train in-process."""


class WorkerLost(TrainingError):
    """The worker process ended while it held this task (killed, out of memory)."""

    def __init__(self):
        super().__init__([Message("training.worker_lost")])


# --------------------------------------------------------------------------------------
# The tasks, as the worker runs them (and as the server runs them when the worker is off)


def _train(values, config, series_name="", on_epoch=None, should_stop=None):
    from rnnlab.training import fit

    return fit.train(values, config, on_epoch=on_epoch, should_stop=should_stop,
                     series_name=series_name)


def _study(values, config, horizon, folds, season, strategies, run_id="", run_name="",
           on_progress=None, should_stop=None):
    from rnnlab.studies import study

    return study.run_study(values, config, horizon, folds, season, strategies, run_id=run_id,
                           run_name=run_name, on_progress=on_progress, should_stop=should_stop)


def _forecast(run, steps, start=None, should_stop=None):
    from rnnlab.training import forecasting

    return forecasting.forecast(run, steps, start=start)


def _export(run, should_stop=None):
    from rnnlab.training import export

    return export.export_run(run)


def _warm(config=None, should_stop=None):
    from rnnlab.training.models import warm_timed

    return warm_timed(config)


def _verify(cell, params, x, hidden, activation="tanh", should_stop=None):
    from rnnlab.pages import hidden as hd

    return hd.verify_against_keras(cell, params, x, hidden, activation)


def _scratch(network, data, epochs, seed=0, on_epoch=None, should_stop=None):
    from rnnlab.pages import hidden as hd  # numpy only: no TensorFlow for this one

    return hd.train_on(network, data, epochs=epochs, seed=seed, on_epoch=on_epoch,
                       should_stop=should_stop)


def _probe(x, radius, data, should_stop=None):
    from rnnlab.pages import hidden as hd

    return hd.probe_gradients(x, radius, data)


TASKS = {"train": _train, "study": _study, "forecast": _forecast, "export": _export, "warm": _warm,
         "verify": _verify, "scratch": _scratch, "probe": _probe}


# --------------------------------------------------------------------------------------
# The server's side


@dataclass
class _Task:
    callbacks: dict
    conn: Connection | None = None  # the worker process it was sent to
    done: threading.Event = field(default_factory=threading.Event)
    result: object = None
    error: BaseException | None = None


class Worker:
    """The one child process and the tasks it is running."""

    def __init__(self):
        self._lock = threading.Lock()  # the process, the connection, the task table
        self._send_lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._tasks: dict[int, _Task] = {}
        self._ids = itertools.count(1)
        self.started = 0  # processes started (a lost worker is replaced by a new one)

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def _ensure(self) -> Connection:
        if self._conn is not None and self._proc is not None and self._proc.poll() is None:
            return self._conn
        ours, theirs = socket.socketpair()
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL=os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"))
        try:
            proc = subprocess.Popen([sys.executable, "-m", "rnnlab.runtime.worker",
                                     str(theirs.fileno())], pass_fds=(theirs.fileno(),), env=env,
                                    close_fds=True, stdin=subprocess.DEVNULL)
        except OSError as exc:
            ours.close()
            raise WorkerUnavailable(str(exc)) from exc
        finally:
            theirs.close()
        self._proc, self._conn = proc, Connection(ours.detach())
        self.started += 1
        threading.Thread(target=self._read, args=(self._conn, proc), name="rnnlab-worker-reader",
                         daemon=True).start()
        log.info("training worker started (pid %s)", proc.pid)
        return self._conn

    def _send(self, conn: Connection, message) -> None:
        with self._send_lock:
            conn.send(message)

    def _read(self, conn: Connection, proc: subprocess.Popen) -> None:
        """Events and results from the worker, until it goes away."""
        while True:
            try:
                kind, task_id, *rest = conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # noqa: BLE001 - a result that does not unpickle fails its task only
                log.exception("unreadable message from the training worker")
                continue
            task = self._tasks.get(task_id)
            if task is None:
                continue
            if kind == "event":
                name, args = rest
                try:
                    task.callbacks[name](*args)
                except Exception:  # noqa: BLE001 - a page callback must not end the reader
                    log.exception("training progress callback failed")
                continue
            if kind == "done":
                task.result = rest[0]
            else:  # "fail": the exception, and whether TensorFlow itself would not import
                task.error, broken = rest
                if broken:
                    from rnnlab.training import backend

                    backend.mark_broken(task.error)
            with self._lock:
                self._tasks.pop(task_id, None)
            task.done.set()
        self._lost(conn, proc)

    def _lost(self, conn: Connection, proc: subprocess.Popen) -> None:
        with self._lock:
            if self._conn is conn:
                self._conn = self._proc = None
            pending = {i: t for i, t in self._tasks.items() if t.conn is conn}
            for task_id in pending:
                del self._tasks[task_id]
        if pending:
            log.error("training worker (pid %s) ended with %d task(s) running", proc.pid, len(pending))
        for task in pending.values():
            task.error = WorkerLost()
            task.done.set()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()

    def call(self, kind: str, kwargs: dict, callbacks: dict | None = None, should_stop=None):
        """Run TASKS[kind](**kwargs) in the worker; ``callbacks`` run here when it calls them."""
        task = _Task(dict(callbacks or {}))
        with self._lock:
            conn = task.conn = self._ensure()
            task_id = next(self._ids)
            self._tasks[task_id] = task
        try:
            self._send(conn, ("run", task_id, kind, kwargs, sorted(task.callbacks)))
        except (OSError, ValueError):
            with self._lock:
                self._tasks.pop(task_id, None)
            raise WorkerLost() from None
        stop_sent = False
        while not task.done.wait(STOP_POLL_SECONDS):
            if not stop_sent and should_stop is not None and should_stop():
                stop_sent = True
                with contextlib.suppress(OSError, ValueError):  # gone: the reader fails the task
                    self._send(conn, ("stop", task_id))
        if task.error is not None:
            raise task.error
        return task.result

    def stop(self) -> None:
        """End the worker (tests, shutdown); running tasks fail with WorkerLost."""
        with self._lock:
            proc, conn = self._proc, self._conn
        if proc is not None:
            proc.kill()
            proc.wait()
        if conn is not None:
            conn.close()


_worker = Worker()
_enabled = False


def enable(on: bool = True) -> None:
    """Send the trainings of this process to the worker from now on (the app's server does)."""
    global _enabled
    _enabled = bool(on) and settings.TRAIN_WORKER.value()


def enabled() -> bool:
    return _enabled


def worker() -> Worker:
    return _worker


# --------------------------------------------------------------------------------------
# What the app calls: the same functions, in the worker when it is enabled


def _unavailable(exc: WorkerUnavailable) -> None:
    """From now on this process trains in-process: the host would not start the worker."""
    log.error("the training worker could not start (%s): training inside the server", exc)
    enable(False)


def train(values, config, on_epoch=None, should_stop=None, series_name: str = "",
          on_wait=None, on_start=None):
    """rnnlab.training.train, trained in the worker: checked and queued here first."""
    from rnnlab.training import fit

    if _enabled:
        values, series_name = fit.checked(values, config, series_name)  # refused before queueing
        queued = time.perf_counter()
        try:
            with queue.slots.acquire(on_wait=on_wait, should_stop=should_stop):
                waited = time.perf_counter() - queued
                if on_start is not None:
                    on_start()
                callbacks = {"on_epoch": on_epoch} if on_epoch is not None else {}
                run = _worker.call("train", {"values": values, "config": config,
                                             "series_name": series_name}, callbacks, should_stop)
            run.seconds_waiting = waited
            return fit.share_values(run, values)
        except WorkerUnavailable as exc:  # the slot is free again: queue in-process below
            _unavailable(exc)
    return fit.train(values, config, on_epoch=on_epoch, should_stop=should_stop,
                     series_name=series_name, on_wait=on_wait, on_start=on_start)


def run_study(values, config, horizon, folds=3, season=1, strategies=("recursive", "direct"),
              run_id="", run_name="", on_progress=None, should_stop=None, on_wait=None):
    """rnnlab.studies.study.run_study in the worker; the whole study holds one training slot."""
    from rnnlab.studies import study

    if _enabled:
        try:
            with queue.slots.acquire(on_wait=on_wait, should_stop=should_stop):
                callbacks = {"on_progress": on_progress} if on_progress is not None else {}
                return _worker.call("study", {
                    "values": values, "config": config, "horizon": horizon, "folds": folds,
                    "season": season, "strategies": tuple(strategies), "run_id": run_id,
                    "run_name": run_name}, callbacks, should_stop)
        except WorkerUnavailable as exc:
            _unavailable(exc)
    return study.run_study(values, config, horizon, folds, season, strategies, run_id=run_id,
                           run_name=run_name, on_progress=on_progress, should_stop=should_stop,
                           on_wait=on_wait)


def train_scratch(network, data, epochs: int, seed: int = 0, on_epoch=None, should_stop=None,
                  on_wait=None, on_start=None):
    """rnnlab.pages.hidden.train_on (Hidden states' "Train with BPTT", numpy) in the worker, holding a
    training slot like every training; returns (the trained network, its TrainResult)."""
    kwargs = {"network": network, "data": data, "epochs": int(epochs), "seed": int(seed)}
    callbacks = {"on_epoch": on_epoch} if on_epoch is not None else {}
    with queue.slots.acquire(on_wait=on_wait, should_stop=should_stop):
        if on_start is not None:
            on_start()
        if _enabled:
            try:
                return _worker.call("scratch", kwargs, callbacks, should_stop)
            except WorkerUnavailable as exc:
                _unavailable(exc)
        return _scratch(**kwargs, **callbacks, should_stop=should_stop)


def _quick(kind: str, kwargs: dict, local):
    """A short task (no slot, no progress) in the worker, or here when there is none."""
    if _enabled:
        try:
            return _worker.call(kind, kwargs)
        except WorkerUnavailable as exc:
            _unavailable(exc)
    return local(**kwargs)


def forecast(run, steps: int, start: int | None = None):
    """rnnlab.training.forecast, with the run's model in the worker."""
    return _quick("forecast", {"run": run, "steps": steps, "start": start}, _forecast)


def export_run(run) -> bytes:
    """rnnlab.training.export_run (the .keras file), built in the worker."""
    return _quick("export", {"run": run}, _export)


def verify_against_keras(cell: str, params: dict, x, hidden, activation: str = "tanh") -> float:
    """rnnlab.pages.hidden.verify_against_keras (Hidden states' check), with Keras in the worker."""
    return _quick("verify", {"cell": cell, "params": params, "x": x, "hidden": hidden,
                             "activation": activation}, _verify)


def probe_gradients(x, radius: float, data) -> dict:
    """rnnlab.pages.hidden.probe_gradients (Hidden states' probe cells trained: a bounded few seconds
    of numpy), in the worker so that the server's Python stays free."""
    return _quick("probe", {"x": x, "radius": radius, "data": data}, _probe)


def warm(config=None) -> tuple[float, float]:
    """rnnlab.training.models.warm_timed in the worker: TensorFlow imported and the default model traced
    there. Returns (seconds, seconds of the timed default training)."""
    return _quick("warm", {"config": config}, _warm)


# --------------------------------------------------------------------------------------
# The worker's side: python -m rnnlab.runtime.worker FD


def serve(conn: Connection) -> None:
    """Run each task in a thread of its own until the server closes the connection."""
    send_lock = threading.Lock()
    stops: dict[int, threading.Event] = {}
    queue.slots.limit = 1_000_000  # the server's slots already admit every task

    def send(message) -> None:
        with send_lock:
            conn.send(message)

    def run(task_id: int, kind: str, kwargs: dict, names: list[str], stop: threading.Event):
        def relay(name):
            return lambda *args: send(("event", task_id, name, args))

        try:
            callbacks = {name: relay(name) for name in names}
            result = TASKS[kind](**kwargs, **callbacks, should_stop=stop.is_set)
            send(("done", task_id, result))
        except Exception as exc:  # noqa: BLE001 - sent to the server, which shows it
            if not isinstance(exc, (TrainingError, queue.TrainingCancelled)):
                log.exception("training worker task %s failed", kind)
            from rnnlab.training import backend

            try:
                send(("fail", task_id, exc, not backend.tensorflow_available()))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                send(("fail", task_id, RuntimeError(f"{type(exc).__name__}: {exc}"), False))
        finally:
            stops.pop(task_id, None)

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone: so is this process
        if message[0] == "run":
            _, task_id, kind, kwargs, names = message
            stops[task_id] = threading.Event()
            threading.Thread(target=run, args=(task_id, kind, kwargs, names, stops[task_id]),
                             name=f"rnnlab-task-{task_id}", daemon=True).start()
        elif message[0] == "stop" and message[1] in stops:
            stops[message[1]].set()


def main(fd: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        os.nice(settings.WORKER_NICE.value())
    logging.basicConfig(level=logging.WARNING, format="rnnlab worker: %(levelname)s %(message)s")
    serve(Connection(fd))
    os._exit(0)  # daemon task threads may still be inside TensorFlow: leave at once


if __name__ == "__main__":
    main(int(sys.argv[1]))
