"""Trainings in the worker process: the same numbers as in-process, progress and Stop across the
process boundary, the queue kept in the server, and a worker that dies is told and replaced."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from rnnlab import training
from rnnlab.data import noisy_sine
from rnnlab.declarations.messages import Message
from rnnlab.forecasting import backtest
from rnnlab.runtime import worker
from rnnlab.studies import study
from rnnlab.training import TrainConfig, TrainingError

pytestmark = pytest.mark.keras

VALUES = np.asarray(noisy_sine(160, seed=3), dtype=float)


def small(**changes) -> TrainConfig:
    base = {"cell": "GRU", "units": 6, "epochs": 3, "lookback": 8, "batch_size": 16, "seed": 5}
    return TrainConfig(**{**base, **changes})


@pytest.fixture(scope="module")
def in_worker():
    """Trainings of this module go to one worker process (started once: TensorFlow imports once)."""
    worker.enable()
    assert worker.enabled()
    yield worker.worker()
    worker.enable(False)
    worker.worker().stop()


def test_a_training_in_the_worker_gives_exactly_the_in_process_run(in_worker):
    config = small()
    worker.enable(False)
    here = training.train(VALUES, config)
    worker.enable()
    epochs, started = [], []
    values = training.frozen(VALUES)
    there = worker.train(values, config, on_epoch=lambda i, logs, history: epochs.append((i, history)),
                         on_start=lambda: started.append(True))
    assert in_worker.pid is not None and in_worker.pid != os.getpid()
    assert started == [True] and [i for i, _ in epochs] == [0, 1, 2]
    assert epochs[-1][1]["loss"] == there.history["loss"]  # the live history is the run's
    assert there.history["loss"] == here.history["loss"]
    for split in ("train", "val", "test"):
        np.testing.assert_array_equal(there.predictions[split], here.predictions[split])
        assert there.metrics[split] == here.metrics[split]
    for mine, theirs in zip(there.weights, here.weights, strict=True):
        np.testing.assert_array_equal(mine, theirs)
    # The run shares the caller's read-only series (one copy per series), its targets are views.
    assert there.values is values
    assert np.shares_memory(there.targets["test"], values)
    np.testing.assert_array_equal(there.targets["test"], here.targets["test"])


def test_forecast_export_and_the_keras_check_run_in_the_worker_with_the_same_results(in_worker):
    run = worker.train(VALUES, small(epochs=2))
    worker.enable(False)
    here_forecast = training.forecast(run, 7, start=int(run.target_index["test"][0]))
    worker.enable()
    np.testing.assert_array_equal(worker.forecast(run, 7, start=int(run.target_index["test"][0])),
                                  here_forecast)
    model = training.load_model(worker.export_run(run))  # a real .keras file, made over there
    for mine, theirs in zip(model.get_weights(), run.weights, strict=True):
        np.testing.assert_array_equal(mine, theirs)

    from rnnlab.pages import hidden as hd

    network = hd.build_network(hd.Settings(cell="LSTM", units=4, seed=1))
    x = hd.make_input(VALUES, "series", length=20).x
    forward = hd.forward_pass(network, x)
    params = network.layers[0].params
    assert worker.verify_against_keras("LSTM", params, x, forward.hidden) < 1e-9  # Keras over there
    assert worker.verify_against_keras("LSTM", params, x, forward.hidden + 1e-3) > 1e-4


def test_a_config_that_cannot_train_is_refused_before_the_queue(in_worker, monkeypatch):
    monkeypatch.setattr(training.slots, "limit", 1)
    with training.slots.acquire():  # every slot is taken: a refused config must not wait for one
        started = time.perf_counter()
        with pytest.raises(TrainingError) as refused:
            worker.train(VALUES, small(lookback=500))
    assert time.perf_counter() - started < 1.0
    assert refused.value.message.key == "training.problem.lookback_too_long"


def test_stop_reaches_the_worker_and_the_partial_run_comes_back(in_worker):
    stop = threading.Event()
    epochs = []

    def on_epoch(i, logs, history):
        epochs.append(i)
        if i == 1:
            stop.set()

    started = time.perf_counter()
    run = worker.train(VALUES, small(epochs=500), on_epoch=on_epoch, should_stop=stop.is_set)
    assert run.status == "stopped"
    assert 2 <= run.epochs_done < 20 and time.perf_counter() - started < 30


def test_the_queue_stays_in_the_server_one_slot_two_trainings(in_worker, monkeypatch):
    monkeypatch.setattr(training.slots, "limit", 1)
    positions: list[int] = []
    first_started = threading.Event()
    runs = {}

    def first():
        runs["first"] = worker.train(VALUES, small(epochs=30), on_start=first_started.set)

    thread = threading.Thread(target=first)
    thread.start()
    assert first_started.wait(60)
    runs["second"] = worker.train(VALUES, small(epochs=2), on_wait=positions.append)
    thread.join(60)
    assert positions and positions[0] == 1  # the second student saw their place while waiting
    assert runs["second"].seconds_waiting > 0
    assert runs["first"].status == runs["second"].status == "completed"


def test_a_study_in_the_worker_equals_the_one_in_process(in_worker):
    config = small(epochs=2, units=4)
    worker.enable(False)
    here = study.run_study(VALUES, config, 6, 2, 1, ("recursive", "direct"))
    worker.enable()
    progress = []
    there = worker.run_study(VALUES, config, 6, 2, 1, ("recursive", "direct"),
                             on_progress=lambda *a: progress.append(a))
    assert progress and progress[-1][0] == 1  # the second strategy reported too
    for strategy in ("recursive", "direct"):
        np.testing.assert_array_equal(there.rnn[strategy].forecasts, here.rnn[strategy].forecasts)
    with pytest.raises(backtest.BacktestError) as refused:  # a MessageError comes back whole
        worker.run_study(VALUES, config, 50, 10, 1, ("recursive",))
    assert refused.value.message.key.startswith("backtest.problem.")


def test_a_worker_that_dies_fails_its_training_with_a_message_and_is_replaced(in_worker):
    started_before = in_worker.started
    running = threading.Event()
    outcome = {}

    def doomed():
        try:
            worker.train(VALUES, small(epochs=500), on_epoch=lambda *a: running.set())
        except TrainingError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=doomed)
    thread.start()
    assert running.wait(60)
    os.kill(in_worker.pid, signal.SIGKILL)  # what the kernel's OOM killer does
    thread.join(30)
    assert isinstance(outcome.get("error"), worker.WorkerLost)
    assert outcome["error"].message == Message("training.worker_lost")
    run = worker.train(VALUES, small(epochs=2))  # the next training starts a new worker
    assert run.status == "completed" and in_worker.started == started_before + 1


def test_message_errors_pickle_whole():
    error = TrainingError([Message("training.problem.val_empty", {"n": 3}), Message("training.stopped")])
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is TrainingError and back.messages == error.messages and str(back) == str(error)
    values = {"n": 4, "folds": 3, "horizon": 2, "first": 1, "needed": 3, "max_folds": 1}
    bt = pickle.loads(pickle.dumps(backtest.BacktestError("backtest.problem.too_short", **values)))
    assert bt.message == Message("backtest.problem.too_short", values) and "4 values" in str(bt)


def test_the_server_process_never_imports_tensorflow_for_trainings_forecasts_and_exports():
    code = (
        "import sys, numpy as np\n"
        "from rnnlab import training\n"
        "from rnnlab.runtime import worker\n"
        "from rnnlab.data import noisy_sine\n"
        "worker.enable()\n"
        "run = worker.train(np.asarray(noisy_sine(120, seed=1)), training.TrainConfig(epochs=1, units=4))\n"
        "worker.forecast(run, 3); worker.export_run(run); worker.warm()\n"
        "print(run.status, 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240,
                         env={**os.environ, "RNNLAB_TRAIN_WORKER": "1"})
    assert out.stdout.split() == ["completed", "False", "False"], out.stderr[-2000:]


def test_a_host_that_cannot_start_the_worker_trains_in_process(monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("no new processes here")

    monkeypatch.setattr(worker, "_worker", worker.Worker())  # not the module's running worker
    monkeypatch.setattr(worker.subprocess, "Popen", refuse)
    monkeypatch.setattr(worker, "_enabled", True)
    run = worker.train(VALUES, small(epochs=1))
    assert run.status == "completed" and not worker.enabled()  # said in the log, once
