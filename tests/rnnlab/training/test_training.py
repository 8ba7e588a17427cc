"""rnnlab.training: validation, training results checked against Keras itself, determinism
(also on a reused pooled model), stop, divergence, export round trip, forecast, slots."""

import json
import math
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from rnnlab import training
from rnnlab.data import Series, noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.declarations.messages import Message
from rnnlab.forecasting.baselines import metrics
from rnnlab.i18n import STRINGS, t
from rnnlab.training import TrainConfig, TrainingCancelled, TrainingError, TrainingSlots

VALUES = noisy_sine()
SMALL = dict(cell="LSTM", layers=1, units=8, epochs=3, batch_size=16, lookback=8, seed=3)


def small(**changes) -> TrainConfig:
    return TrainConfig(**{**SMALL, **changes})


# ---------------------------------------------------------------- no TensorFlow needed


def test_importing_training_does_not_import_tensorflow():
    code = "import sys, rnnlab.training, rnnlab.forecasting.baselines; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_seed_notebook_is_the_notebook_model():
    config = TrainConfig.seed_notebook()
    assert (config.cell, config.layers, config.units, config.activation) == ("LSTM", 2, 50, "relu")
    assert (config.lookback, config.epochs, config.batch_size, config.optimizer) == (10, 20, 16, "adam")
    assert config.default_name() == "LSTM 2x50 relu"
    assert config.validate(100) == []
    assert TrainConfig.from_dict(config.to_dict()) == config


def _keys(problems):
    return [key for key, _ in problems]


def test_validate_explains_impossible_combinations():
    assert _keys(TrainConfig(lookback=70).validate(100)) == ["training.problem.lookback_too_long"]
    problems = TrainConfig(lookback=10, batch_size=64).validate(100)  # 50 training windows
    assert problems == [Message("training.problem.batch_too_large", {"batch": 64, "windows": 50})]
    assert _keys(TrainConfig(lookback=1, batch_size=1, test_fraction=0.1).validate(4)) == ["training.problem.test_empty"]
    assert _keys(TrainConfig(lookback=1, batch_size=1, val_fraction=0.1).validate(4)) == ["training.problem.val_empty"]
    assert _keys(TrainConfig(cell="Transformer").validate(100)) == ["training.problem.choice.cell"]
    assert _keys(TrainConfig(layers=4).validate(100)) == ["training.problem.range.layers"]
    assert _keys(TrainConfig(units=2.5).validate(100)) == ["training.problem.range.units"]
    assert _keys(TrainConfig(learning_rate=float("nan")).validate(100)) == ["training.problem.range.learning_rate"]
    assert _keys(TrainConfig(epochs=True).validate(100)) == ["training.problem.range.epochs"]
    assert _keys(TrainConfig(clipnorm=-1.0).validate(100)) == ["training.problem.clipnorm"]
    assert TrainConfig(clipnorm=1.0, dropout=0.2, cell="GRU").validate(100) == []
    assert TrainConfig(units=np.int64(16), learning_rate=np.float32(0.01)).validate(100) == []
    assert _keys(TrainConfig(lookback=500, batch_size=32).validate(20_000)) == ["training.problem.too_big"]


def test_window_counts_match_prepare():
    for n, config in [(100, TrainConfig()), (57, TrainConfig(lookback=5, val_fraction=0.3)),
                      (200, TrainConfig(lookback=30, test_fraction=0.1))]:
        data = prepare(noisy_sine(n), config.lookback, config.val_fraction, config.test_fraction)
        assert config.window_counts(n) == data.counts()


def test_every_problem_message_exists_in_both_languages():
    configs = [TrainConfig(cell="x", activation="x", optimizer="x", scaler="x"),
               TrainConfig(layers=0, units=0, dropout=2.0, lookback=0, epochs=0, batch_size=0,
                           learning_rate=0.0, val_fraction=0.0, test_fraction=0.9, clipnorm=0.0),
               TrainConfig(lookback=99), TrainConfig(batch_size=4000), TrainConfig(lookback=2)]
    problems = [p for c in configs for p in c.validate(100)]
    problems += TrainConfig(lookback=1, batch_size=1, test_fraction=0.1).validate(4)
    problems += TrainConfig(lookback=1, batch_size=1, val_fraction=0.1).validate(4)
    problems += TrainConfig(lookback=500).validate(20_000)
    problems += TrainConfig(lookback=5, batch_size=256).validate(25_000)  # more than a training uses
    problems += training.admit(TrainConfig(layers=3, units=128, batch_size=1, epochs=300), 2_000)  # too slow
    produced = {key for key, _ in problems} | {"training.problem.not_finite"}
    assert produced == {key for key in STRINGS if key.startswith("training.problem.")}
    for key, values in problems:
        assert key in STRINGS, key
        for lang in ("es", "en"):
            text = t(key, lang, **values)
            assert "{" not in text and len(text) > 20


def test_train_refuses_bad_input_before_importing_anything():
    with pytest.raises(TrainingError) as info:
        training.train(np.arange(12.0), TrainConfig())
    assert "training.problem.lookback_too_long" in _keys(info.value.messages)
    with pytest.raises(TrainingError) as info:
        training.train(np.r_[VALUES[:50], np.nan, VALUES[51:]], small())
    assert _keys(info.value.messages) == ["training.problem.not_finite"]
    assert "finite" in str(info.value) or "missing" in str(info.value)


def test_slots_queue_in_order_report_positions_and_cancel():
    slots = TrainingSlots(limit=1)
    positions, order = [], []
    first_in = threading.Event()
    release = threading.Event()

    def holder():
        with slots.acquire():
            first_in.set()
            release.wait(5)
            order.append("first")

    def waiter():
        with slots.acquire(on_wait=positions.append, poll=0.05):
            order.append("second")

    a = threading.Thread(target=holder)
    a.start()
    first_in.wait(5)
    b = threading.Thread(target=waiter)
    b.start()
    deadline = time.time() + 5
    while not positions and time.time() < deadline:
        time.sleep(0.01)
    assert positions and positions[0] == 1
    assert slots.active() == 1 and slots.waiting() == 1

    # A third asks to stop while waiting: it leaves the queue, the slot is not lost.
    with pytest.raises(TrainingCancelled), slots.acquire(should_stop=lambda: True, poll=0.05):
        pass
    release.set()
    a.join(5)
    b.join(5)
    assert order == ["first", "second"]
    assert slots.active() == 0 and slots.waiting() == 0


def test_the_queue_is_first_come_first_served_and_each_waiter_knows_its_place():
    slots = TrainingSlots(limit=1)
    slots.record(12.0)  # one training timed: the queue can give estimates
    release, held = threading.Event(), threading.Event()
    seen: dict[int, list[int]] = {}
    order: list[int] = []

    def holder():
        with slots.acquire():
            held.set()
            release.wait(120)  # until the test says: a busy machine is slow

    def student(k: int):
        with slots.acquire(on_wait=seen.setdefault(k, []).append, poll=0.02):
            order.append(k)
            time.sleep(0.05)  # trains a little; the next one waits for it

    first = threading.Thread(target=holder)
    first.start()
    assert held.wait(120)
    threads = []
    for k in range(4):  # they arrive one after another
        threads.append(threading.Thread(target=student, args=(k,)))
        threads[-1].start()
        deadline = time.time() + 120
        while slots.waiting() < k + 1 and time.time() < deadline:
            time.sleep(0.005)
    deadline = time.time() + 120
    while any(not seen.get(k) or seen[k][-1] != k + 1 for k in range(4)) and time.time() < deadline:
        time.sleep(0.01)
    assert [seen[k][-1] for k in range(4)] == [1, 2, 3, 4]  # each sees its own place
    estimates = [slots.expected_wait(seen[k][-1]) for k in range(4)]
    assert estimates == sorted(estimates) and estimates[0] == pytest.approx(12.0)
    release.set()
    for thread in [first, *threads]:
        thread.join(120)
    assert order == [0, 1, 2, 3]  # served in the order they came
    for k in range(4):  # nobody's place ever went backwards, and each reached the front
        assert seen[k] == sorted(seen[k], reverse=True) and seen[k][-1] == 1


def test_slots_limit_from_environment(monkeypatch):
    monkeypatch.setenv("RNNLAB_MAX_TRAININGS", "3")
    assert TrainingSlots().limit == 3
    monkeypatch.setenv("RNNLAB_MAX_TRAININGS", "lots")
    assert TrainingSlots().limit == 2


# ---------------------------------------------------------------- Keras


def _predict_with(model, windows: np.ndarray) -> np.ndarray:
    return model.predict(windows.astype(np.float32), verbose=0).ravel().astype(np.float64)


@pytest.fixture(scope="module")
def run():
    return training.train(Series(VALUES, name="sine"), small())


@pytest.mark.keras
def test_run_contents(run):
    config = small()
    assert run.status == "completed" and run.message is None and run.epochs_done == 3
    assert run.series_name == "sine" and run.name == "LSTM 1x8 tanh"
    for key in training.HISTORY_KEYS:
        assert len(run.history[key]) == 3 and all(math.isfinite(v) for v in run.history[key])
    data = prepare(VALUES, config.lookback, config.val_fraction, config.test_fraction)
    for split in ("train", "val", "test"):
        np.testing.assert_array_equal(run.targets[split], VALUES[data.target_index[split]])
        # metrics in original units, recomputed from the stored arrays
        # MASE scaled by persistence's in-sample error on the training part, by hand
        scale = float(np.mean(np.abs(np.diff(VALUES[:data.train_end]))))
        assert run.metrics[split] == pytest.approx(
            metrics(run.targets[split], run.predictions[split], scale))
        mae = float(np.mean(np.abs(run.targets[split] - run.predictions[split])))
        assert run.metrics[split]["mase"] == pytest.approx(mae / scale)
    assert run.split == (data.train_end, data.val_end)
    # Keras' own parameter count and layer summary
    assert run.n_params == training.count_params(config) == 4 * (8 * (1 + 8) + 8) + 9
    assert [row[0] for row in run.summary] == ["lstm_1", "output"]
    assert run.summary[0][1] == "(None, 8)"


@pytest.mark.keras
def test_predictions_and_val_loss_agree_with_the_exported_keras_model(run):
    """Round trip through a .keras file; then Keras itself reproduces the Run's numbers."""
    model = training.load_model(training.export_run(run))
    for mine, theirs in zip(model.get_weights(), run.weights, strict=True):
        np.testing.assert_array_equal(mine, theirs)
    for mine, theirs in zip(model.optimizer.variables, run.optimizer_state, strict=True):
        np.testing.assert_array_equal(mine.numpy(), theirs)
    assert int(model.optimizer.iterations.numpy()) == 3 * 4  # 3 epochs of 4 batches
    config = run.config
    data = prepare(VALUES, config.lookback, config.val_fraction, config.test_fraction)
    for split in ("train", "val", "test"):
        keras_pred = data.scaler.inverse_transform(_predict_with(model, data.X[split]))
        np.testing.assert_allclose(run.predictions[split], keras_pred, rtol=1e-5, atol=1e-6)
    # the last epoch's val_loss / val_mae are Keras' MSE / MAE on the scaled validation windows
    model.compile(loss="mse", metrics=["mae"])
    val_loss, val_mae = model.evaluate(data.X["val"].astype(np.float32), data.y["val"], verbose=0)
    assert run.history["val_loss"][-1] == pytest.approx(val_loss, rel=1e-4)
    assert run.history["val_mae"][-1] == pytest.approx(val_mae, rel=1e-4)


@pytest.mark.keras
def test_training_loss_matches_keras_fit_from_the_same_start():
    """One epoch of full-batch Adam is deterministic whatever the shuffle: our loop and
    Keras' fit, started from the same weights, must end with the same weights."""
    import keras

    config = small(epochs=2, batch_size=52, learning_rate=0.01)  # 52 windows: one batch
    assert config.window_counts(len(VALUES))["train"] == 52
    mine = training.train(VALUES, config)
    data = prepare(VALUES, config.lookback, config.val_fraction, config.test_fraction)
    reference = training.build_model(config, compile=False)
    reference.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    fit = reference.fit(data.X["train"].astype(np.float32), data.y["train"], epochs=2,
                        batch_size=52, shuffle=False, verbose=0,
                        validation_data=(data.X["val"].astype(np.float32), data.y["val"]))
    for key in ("loss", "mae", "val_loss", "val_mae"):
        np.testing.assert_allclose(mine.history[key], fit.history[key], rtol=2e-4)
    for a, b in zip(mine.weights, reference.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


@pytest.mark.keras
def test_same_seed_same_numbers_also_on_a_reused_model(run):
    training.pool.clear()
    fresh = training.train(VALUES, small())
    assert not fresh.reused_model
    training.train(VALUES, small(seed=11, learning_rate=0.01))  # dirties the pooled model
    reused = training.train(VALUES, small())
    assert reused.reused_model
    for other in (fresh, reused):
        assert other.history["loss"] == run.history["loss"]
        assert other.history["val_loss"] == run.history["val_loss"]
        assert other.metrics == run.metrics
        for a, b in zip(other.weights, run.weights, strict=True):
            np.testing.assert_array_equal(a, b)
    different = training.train(VALUES, small(seed=4))
    assert different.history["loss"] != run.history["loss"]


@pytest.mark.keras
def test_a_new_lookback_reuses_the_traced_model_with_the_same_numbers(run):
    longer = training.train(VALUES, small(lookback=12))
    assert longer.reused_model and longer.summary[0][1] == "(None, 8)"
    training.pool.clear()
    fresh = training.train(VALUES, small(lookback=12))
    assert not fresh.reused_model
    assert fresh.history["val_loss"] == longer.history["val_loss"]
    assert fresh.metrics == longer.metrics


@pytest.mark.keras
def test_two_sessions_training_the_same_architecture_at_once_get_their_own_numbers(run):
    results = {}

    def job(seed):
        results[seed] = training.train(VALUES, small(seed=seed))

    threads = [threading.Thread(target=job, args=(seed,)) for seed in (3, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results[3].history["loss"] == run.history["loss"]
    assert results[5].history["loss"] == training.train(VALUES, small(seed=5)).history["loss"]


@pytest.mark.keras
def test_on_epoch_and_stop_keep_a_partial_run():
    seen = []

    def on_epoch(epoch, logs, partial):
        seen.append((epoch, sorted(logs), len(partial["loss"])))

    run = training.train(VALUES, small(epochs=6), on_epoch=on_epoch,
                         should_stop=lambda: len(seen) >= 2)
    assert run.status == "stopped" and run.message.key == "training.stopped"
    assert run.epochs_done == 2 and len(run.history["val_loss"]) == 2
    assert seen == [(0, sorted(training.HISTORY_KEYS), 1), (1, sorted(training.HISTORY_KEYS), 2)]
    assert all(np.all(np.isfinite(p)) for p in run.predictions.values())
    assert "2" in run.message.text("en")


@pytest.mark.keras
def test_divergence_keeps_the_last_finite_weights_and_explains():
    config = small(cell="SimpleRNN", units=16, activation="relu", optimizer="sgd",
                   learning_rate=1.0, scaler="standard", epochs=5, lookback=10)
    run = training.train(VALUES, config)
    assert run.status == "diverged" and run.message.key == "training.diverged"
    assert run.epochs_done < 5
    assert all(np.all(np.isfinite(w)) for w in run.weights)
    assert all(np.all(np.isfinite(p)) for p in run.predictions.values())
    assert all(math.isfinite(v) for v in run.history["loss"])
    for lang in ("es", "en"):
        text = run.message.text(lang)
        # One consistent statement: diverged in epoch k, weights of epoch k - 1 kept.
        epoch, done = run.message.values["epoch"], run.message.values["epochs_done"]
        assert epoch == done + 1 and "{" not in text
        assert f" {epoch} " in text and f" {done}," in text
    # Advice that applies to this config only: relu in use, clipping off; the data are scaled.
    advice = [key for key, _ in training.divergence_advice(run.config)]
    assert advice == ["training.advice.lower_lr", "training.advice.tanh", "training.advice.clip"]
    tanh = training.divergence_advice(small(activation="tanh", clipnorm=1.0))
    assert [key for key, _ in tanh] == ["training.advice.lower_lr", "training.advice.clip_lower"]


@pytest.mark.keras
def test_divergence_in_the_first_epoch_says_the_model_is_untrained():
    # Fifty SGD steps at rate 1 in the first epoch: the loss blows up before it ends.
    huge = small(cell="SimpleRNN", units=16, activation="relu", optimizer="sgd",
                 learning_rate=1.0, scaler="standard", epochs=3, lookback=10, batch_size=1)
    run = training.train(VALUES, huge)
    assert run.status == "diverged" and run.epochs_done == 0
    assert run.message.key == "training.diverged_untrained"
    initial = training.build_model(huge, compile=False).get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(run.weights, initial, strict=True))
    assert "untrained" in run.message.text("en")
    assert "sin entrenar" in run.message.text("es")


@pytest.mark.keras
def test_forecast_first_step_is_the_one_step_prediction_then_feeds_itself(run):
    model = training.load_model(training.export_run(run))
    data = prepare(VALUES, run.config.lookback)
    start = int(run.target_index["test"][0])
    steps = training.forecast(run, 3, start=start)
    assert steps[0] == pytest.approx(run.predictions["test"][0], rel=1e-5, abs=1e-6)
    # independent recursion with the reloaded Keras model
    window = list(data.scaler.transform(VALUES[start - 8:start]))
    expected = []
    for _ in range(3):
        nxt = float(_predict_with(model, np.array(window[-8:])[None, :, None])[0])
        expected.append(nxt)
        window.append(nxt)
    np.testing.assert_allclose(steps, data.scaler.inverse_transform(np.array(expected)), rtol=1e-5, atol=1e-6)
    beyond = training.forecast(run, 5)
    assert beyond.shape == (5,) and np.all(np.isfinite(beyond))


@pytest.mark.keras
def test_downloads_are_plain_text(run):
    document = json.loads(training.run_to_json(run))
    assert document["config"] == run.config.to_dict()
    assert document["metrics"]["test"]["rmse"] == pytest.approx(run.metrics["test"]["rmse"])
    history = training.history_csv(run).splitlines()
    assert history[0] == "epoch,loss,val_loss,mae,val_mae,seconds" and len(history) == 4
    rows = training.predictions_csv(run).splitlines()
    assert rows[0] == "position,split,actual,predicted,persistence,linear"
    assert len(rows) == 1 + sum(len(v) for v in run.targets.values())


@pytest.mark.keras
@pytest.mark.parametrize("cell", ["SimpleRNN", "GRU"])
def test_other_cells_and_options_train(cell):
    config = small(cell=cell, layers=2, units=4, epochs=2, dropout=0.2, clipnorm=1.0,
                   optimizer="rmsprop", scaler="standard")
    first = training.train(VALUES, config)
    again = training.train(VALUES, config)  # dropout masks repeat too
    assert first.status == "completed" and first.history == {**again.history, "seconds": first.history["seconds"]}
    per_layer = {"SimpleRNN": lambda d, h: h * (d + h) + h, "GRU": lambda d, h: 3 * (h * (d + h) + 2 * h)}[cell]
    assert first.n_params == per_layer(1, 4) + per_layer(4, 4) + 5


@pytest.mark.keras
def test_verdict_reads_well(run):
    for lang in ("es", "en"):
        text = training.verdict_text(run, "test", lang)
        assert "{" not in text and len(text) > 30
    gain = training.improvement_fraction(run, "persistence", "test")
    expected = 1 - run.metrics["test"]["mase"] / run.baselines["persistence"]["test"]["mase"]
    assert gain == pytest.approx(expected)  # judged by MASE: the same scale, so the MAE ratio
    assert gain == pytest.approx(
        1 - run.metrics["test"]["mae"] / run.baselines["persistence"]["test"]["mae"])
    assert "MASE" in training.verdict_text(run, "test", "en")


def test_verdict_by_hand():
    def scores(mase):  # RMSE ranks the other way round: the verdict must use MASE
        return {"test": {"mse": 1 / mase**2, "mae": 2 * mase, "rmse": 1 / mase, "mase": mase}}

    run = training.Run(config=small(), history={}, predictions={}, targets={}, target_index={},
                       metrics=scores(0.62), baselines={"persistence": scores(1.0), "linear": scores(0.5)},
                       n_params=0, summary=[], seconds=0.0)
    assert training.improvement_fraction(run, "persistence") == pytest.approx(0.38)
    assert training.improvement_fraction(run, "linear") == pytest.approx(-0.24)
    english = training.verdict_text(run, "test", "en")
    assert "It beats persistence on the test part: its MASE is 38% lower (0.62 vs 1)" in english
    assert ("It does not beat the linear model on the test part: its MASE is 24% higher "
            "(0.62 vs 0.5)") in english
    assert "tanh" not in english  # tanh is already in use: no advice to switch to it
    assert "random walk" in english and "nearly random" not in english
    spanish = training.verdict_text(run, "test", "es")
    assert ("Supera a la persistencia en la parte de prueba: su MASE es un 38\u00a0% menor "
            "(0,62 frente a 1)") in spanish
    assert "No supera al modelo lineal" in spanish and "Prueba con más épocas" in spanish
    assert "paseo aleatorio" in spanish
    run.metrics = scores(float("nan"))
    assert "not a finite number" in training.verdict_text(run, "test", "en")


@pytest.mark.keras
def test_the_first_training_times_the_tensorflow_import_on_its_own():
    """What the user waits is told in parts: loading TensorFlow is not "training time"."""
    code = (
        "import json, time, sys; sys.path.insert(0, '.')\n"
        "from rnnlab.data import notebook_series\n"
        "from rnnlab.training import TrainConfig, train\n"
        "t0 = time.perf_counter()\n"
        "run = train(notebook_series(), TrainConfig(units=4, epochs=2))\n"
        "again = train(notebook_series(), TrainConfig(units=4, epochs=2))\n"
        "print(json.dumps([time.perf_counter() - t0, run.seconds_import, run.seconds,"
        " run.seconds_waiting, again.seconds_import]))\n")
    root = __import__("pathlib").Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=root)
    total, imported, trained, waited, imported_again = json.loads(done.stdout.strip().splitlines()[-1])
    assert imported > 0.5  # importing TensorFlow takes seconds, and it is counted apart
    assert imported_again < 0.05  # only the first training of a process pays it
    assert imported + trained + waited <= total


def test_no_module_of_the_training_and_data_packages_imports_tensorflow():
    """Split by idea, every piece still keeps TensorFlow (and Streamlit) out until a model is built."""
    code = (
        "import importlib, json, pkgutil, sys; sys.path.insert(0, '.')\n"
        "import rnnlab.data, rnnlab.training, rnnlab.declarations.messages\n"
        "names = [m.name for p in (rnnlab.data, rnnlab.training)"
        " for m in pkgutil.iter_modules(p.__path__, p.__name__ + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(json.dumps([names, sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('tensorflow', 'keras', 'streamlit'))]))\n")
    root = __import__("pathlib").Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=root)
    names, heavy = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"rnnlab.training.models", "rnnlab.training.fit", "rnnlab.data.reading"} <= set(names)
    assert heavy == []
