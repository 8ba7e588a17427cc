"""The numpy trainer: same updates as Keras, learns the noisy sine, repeats exactly, stops safely."""

import os

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.scratch import Adam, Network, clip_by_global_norm, train, train_windows

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@pytest.fixture(scope="module")
def windows():
    return prepare(noisy_sine(), lookback=10)  # 50 train, 20 val windows


@pytest.fixture
def keras_float64():
    """Keras in float64 throughout: fit() casts data, and the optimizer its learning rate, to floatx."""
    keras = pytest.importorskip("keras")
    previous = keras.config.floatx()
    keras.config.set_floatx("float64")
    yield keras
    keras.config.set_floatx(previous)


@pytest.mark.keras
@pytest.mark.parametrize("optimizer, clipnorm", [("adam", None), ("sgd", 0.05)])
def test_training_steps_equal_keras_fit(windows, keras_float64, optimizer, clipnorm):
    """Same batches (no shuffling), same optimizer: same weights and losses as model.fit."""
    keras = keras_float64
    model = keras.Sequential([keras.Input((10, 1), dtype="float64"),
                              keras.layers.GRU(6, dtype="float64"),
                              keras.layers.Dense(1, dtype="float64")])
    net = Network.from_keras(model)
    X, y = windows.X["train"], windows.y["train"]
    if clipnorm is not None:  # the clipping must really act for this test to mean anything
        _, grads = net.loss_and_grads(X[:16], y[:16])
        assert clip_by_global_norm({k: grads[k] for k in net.params}, clipnorm) > 2 * clipnorm
    if optimizer == "adam":
        # Keras' TF backend rounds Adam's betas through float32 (ops.cast of a Python float), so
        # 0.9/0.999 would differ from exact arithmetic by ~1e-5 relative: pick exact binary betas.
        betas = {"beta_1": 0.875, "beta_2": 1 - 2.0**-9}
        keras_opt = keras.optimizers.Adam(learning_rate=0.01, global_clipnorm=clipnorm, **betas)
        optimizer = Adam(learning_rate=0.01, **betas)
    else:
        keras_opt = keras.optimizers.SGD(learning_rate=0.01, global_clipnorm=clipnorm)
    model.compile(optimizer=keras_opt, loss="mse")
    keras_history = model.fit(X, y[:, None], batch_size=16, epochs=3, shuffle=False,
                              validation_data=(windows.X["val"], windows.y["val"][:, None]),
                              verbose=0).history

    result = train_windows(net, windows, epochs=3, batch_size=16, optimizer=optimizer,
                           learning_rate=0.01, clipnorm=clipnorm, shuffle=False)
    assert result.status == "completed" and result.epochs == 3
    expected = Network.from_keras(model)
    for name, p in net.params.items():
        assert np.abs(p - expected.params[name]).max() <= 1e-9, name
    assert np.allclose(result.history["loss"], keras_history["loss"], rtol=1e-9, atol=0)
    assert np.allclose(result.history["val_loss"], keras_history["val_loss"], rtol=1e-9, atol=0)


def test_training_lowers_the_loss_on_the_noisy_sine(windows):
    net = Network.build("LSTM", units=16, seed=0)
    before_val = net.mse(windows.X["val"], windows.y["val"])
    result = train_windows(net, windows, epochs=40, batch_size=16, learning_rate=0.01, seed=1)
    loss, val_loss = result.history["loss"], result.history["val_loss"]
    assert result.status == "completed" and len(loss) == len(val_loss) == 40
    assert loss[-1] < 0.2 * loss[0]
    assert val_loss[-1] < 0.2 * before_val
    # it beats predicting the training mean on the validation windows
    mean_guess = np.mean((windows.y["val"] - windows.y["train"].mean()) ** 2)
    assert val_loss[-1] < 0.5 * mean_guess
    assert result.seconds > 0 and result.history["seconds"][-1] <= result.seconds


def test_same_seed_repeats_exactly_and_another_seed_differs(windows):
    def run(seed):
        net = Network.build("GRU", units=8, seed=3)
        result = train_windows(net, windows, epochs=5, batch_size=16, seed=seed)
        return result.history["loss"], net.get_weights()

    loss_a, weights_a = run(7)
    loss_b, weights_b = run(7)
    loss_c, _ = run(8)
    assert loss_a == loss_b
    assert all(np.array_equal(weights_a[k], weights_b[k]) for k in weights_a)
    assert loss_a != loss_c  # the seed drives the shuffling


def test_callback_sees_every_epoch_and_can_stop(windows):
    seen = []

    def on_epoch(epoch, loss, val_loss):
        seen.append((epoch, loss, val_loss))
        return epoch < 3

    net = Network.build("SimpleRNN", units=4)
    result = train_windows(net, windows, epochs=10, on_epoch=on_epoch)
    assert [e for e, _, _ in seen] == [1, 2, 3]
    assert result.status == "stopped" and result.epochs == 3 and len(result.history["loss"]) == 3
    assert [loss for _, loss, _ in seen] == result.history["loss"]
    assert [v for _, _, v in seen] == result.history["val_loss"]
    assert "3" in result.message.text("es")


def test_without_validation_the_callback_gets_none():
    values = []
    X = np.random.default_rng(0).normal(size=(8, 5, 1))
    train(Network.build("SimpleRNN", 3), X, X[:, -1, 0], epochs=2,
          on_epoch=lambda e, loss, val: values.append(val))
    assert values == [None, None]


def test_divergence_stops_and_keeps_the_last_finite_weights(windows):
    """relu LSTM, unscaled targets x100, SGD with learning rate 10: trains a while, then blows up."""
    net = Network.build("LSTM", units=8, activation="relu", seed=0)
    result = train(net, windows.X["train"] * 100, windows.y["train"] * 100, epochs=30,
                   optimizer="sgd", learning_rate=10.0)
    assert result.status == "diverged" and result.message.key == "scratch.diverged"
    assert 0 < result.epochs < 30 and len(result.history["loss"]) == result.epochs
    assert all(np.isfinite(p).all() for p in net.params.values())
    for lang in ("es", "en"):
        message = result.message.text(lang)
        assert str(result.message.values["epoch"]) in message and "{" not in message


def test_non_finite_loss_on_the_first_batch_leaves_the_weights_untouched():
    net = Network.build("GRU", units=3)
    before = net.get_weights()
    X = np.ones((4, 3, 1))
    result = train(net, X, np.full(4, np.inf), epochs=2)
    assert result.status == "diverged" and result.epochs == 0 and result.history["loss"] == []
    assert all(np.array_equal(before[k], p) for k, p in net.params.items())


def test_clip_by_global_norm_by_hand():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}  # joint norm 5
    assert clip_by_global_norm(grads, 10.0) == 5.0 and grads["a"][0] == 3.0  # under: unchanged
    assert clip_by_global_norm(grads, 1.0) == 5.0
    assert np.allclose(grads["a"], [0.6, 0.0]) and np.allclose(grads["b"], [[0.8]])


def test_float32_training_and_bad_arguments(windows):
    net = Network.build("LSTM", units=4, dtype=np.float32)
    result = train_windows(net, windows, epochs=2)
    assert result.completed and net.params["0.Wh"].dtype == np.float32
    with pytest.raises(ValueError, match="optimizer"):
        train_windows(net, windows, optimizer="lbfgs")
    with pytest.raises(ValueError, match="targets"):
        train(net, windows.X["train"], windows.y["val"])
