"""Hidden states' "Train with BPTT" is bounded like every training (issue 27, item 1): capped
windows (memory independent of the upload's length), an estimate refused above the server's
limit with what to change, Stop within a batch, and the training in the worker process."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from rnnlab.pages import hidden as hd
from rnnlab.runtime import worker
from rnnlab.runtime.memory import Footprint
from rnnlab.scratch.trainer import train

LONG = np.sin(np.linspace(0, 3000, 1_000_000)) + np.linspace(0, 1, 1_000_000)  # a long upload


def test_a_long_series_trains_on_a_capped_number_of_windows_holding_kilobytes():
    scaler = hd.fit_scaler(LONG)
    data = hd.training_data(LONG, "series", scaler)
    X, y = data.X, data.y
    assert len(X) == len(y) == data.windows == hd.MAX_TRAIN_WINDOWS
    assert data.available == 600_000 - hd.TRAIN_WINDOW  # the training part's windows, all of them
    # X and y are views of the 1,020 scaled values: nothing else is held (the old X and y were
    # copies of every window: 192 MB for this series)
    assert np.shares_memory(X, data.values) and np.shares_memory(y, data.values)
    assert Footprint().add(data) == data.values.nbytes < 10_000
    # the last windows of the training part, scaled, each followed by its next value
    train_end = 600_000
    expected = scaler.transform(LONG[train_end - hd.MAX_TRAIN_WINDOWS - hd.TRAIN_WINDOW: train_end])
    np.testing.assert_array_equal(X[-1, :, 0], expected[-hd.TRAIN_WINDOW - 1:-1])
    np.testing.assert_array_equal(y[-1], expected[-hd.TRAIN_WINDOW:])
    np.testing.assert_array_equal(X[0, 1:, 0], y[0, :-1])
    assert scaler.inverse_transform(y[-1:, -1])[0] == pytest.approx(LONG[train_end - 1])


def test_a_short_series_keeps_all_its_windows():
    values = np.arange(100.0)
    data = hd.training_data(values, "series", hd.fit_scaler(values))
    assert data.windows == data.available == 60 - hd.TRAIN_WINDOW


def test_above_the_limit_the_training_is_refused_with_the_epochs_that_fit(monkeypatch):
    data = hd.training_data(LONG, "series", hd.fit_scaler(LONG))
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "60")
    (problem,) = hd.train_problems("LSTM", 64, data, 300)
    assert problem.key == "hidden.too_slow"
    fit = problem.values["epochs"]
    assert 1 <= fit < 300
    assert hd.estimate_train_seconds("LSTM", 64, data.windows, data.window, fit) <= 60
    assert hd.estimate_train_seconds("LSTM", 64, data.windows, data.window, fit + 1) > 60
    assert "fewer epochs (about" in problem.text("en") and "menos épocas (caben unas" in problem.text("es")
    assert hd.train_problems("LSTM", 8, data, 10) == []  # a light one starts
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "0")  # 0 turns the limit off
    assert hd.train_problems("LSTM", 64, data, 300) == []


def test_the_estimate_grows_with_epochs_units_and_windows():
    base = hd.estimate_train_seconds("GRU", 8, 100, 20, 10)
    assert hd.estimate_train_seconds("GRU", 8, 100, 20, 20) == pytest.approx(2 * base)
    assert hd.estimate_train_seconds("GRU", 32, 100, 20, 10) > base
    assert hd.estimate_train_seconds("GRU", 8, 1000, 20, 10) > 9 * base


def test_should_stop_ends_training_within_a_batch_keeping_the_weights_so_far():
    values = np.sin(np.linspace(0, 60, 400))
    data = hd.training_data(values, "series", hd.fit_scaler(values))
    net = hd.build_network(hd.Settings(cell="GRU", units=4))
    before = net.get_weights()
    asked = []

    def should_stop():
        asked.append(1)
        return len(asked) > 3  # three batches, then stop

    result = train(net, data.X, data.y, epochs=50, batch_size=16, should_stop=should_stop)
    assert result.status == "stopped" and result.epochs == 0 and len(asked) == 4
    assert result.message.key == "scratch.stopped"
    assert any(not np.array_equal(before[k], v) for k, v in net.get_weights().items())


@pytest.fixture(scope="module")
def in_worker():
    worker.enable()
    yield worker.worker()
    worker.enable(False)
    worker.worker().stop()


def test_the_training_runs_in_the_worker_process_with_the_same_result(in_worker):
    values = np.sin(np.linspace(0, 60, 400))
    data = hd.training_data(values, "series", hd.fit_scaler(values))
    net = hd.build_network(hd.Settings(cell="LSTM", units=4, seed=2))
    here_net, here = hd.train_on(net.copy(), data, epochs=3, seed=1)
    epochs, started = [], []
    there_net, there = worker.train_scratch(net, data, 3, seed=1, on_epoch=lambda *a: epochs.append(a),
                                            on_start=lambda: started.append(1))
    assert in_worker.pid is not None and in_worker.pid != os.getpid()
    assert started == [1] and [e[0] for e in epochs] == [1, 2, 3]
    # the same arithmetic in another process (to the last bits BLAS may order differently)
    np.testing.assert_allclose(there.history["loss"], here.history["loss"], rtol=1e-12)
    for name, weights in here_net.get_weights().items():
        np.testing.assert_allclose(there_net.get_weights()[name], weights, rtol=1e-10, atol=1e-13)
    assert all(np.array_equal(a, b) for a, b in zip(net.get_weights().values(),
               hd.build_network(hd.Settings(cell="LSTM", units=4, seed=2)).get_weights().values(),
               strict=True))  # the caller's network is untouched: it was trained over there


def test_stop_reaches_the_worker(in_worker):
    data = hd.training_data(LONG, "series", hd.fit_scaler(LONG))
    net = hd.build_network(hd.Settings(cell="LSTM", units=32))
    stop = threading.Event()
    epochs = []

    def on_epoch(epoch, loss, _val):
        epochs.append(epoch)
        stop.set()

    _, result = worker.train_scratch(net, data, 300, on_epoch=on_epoch, should_stop=stop.is_set)
    assert result.status == "stopped" and result.epochs < 300
