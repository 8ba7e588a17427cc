"""Stacked numpy layers + dense readout equal the equivalent Keras Sequential model."""

import os

import numpy as np
import pytest

from rnnlab.scratch import LSTM, Network, SimpleRNN

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def keras_model(cell, units, activation, dtype, return_last=True, outputs=1, dropout=0.0):
    """A Keras Sequential of stacked recurrent layers + Dense, with random non-zero biases."""
    keras = pytest.importorskip("keras")
    layer_cls = getattr(keras.layers, cell)
    layers = [keras.Input((None, 1), dtype=dtype)]
    for k, size in enumerate(units):
        last = k == len(units) - 1
        layers.append(layer_cls(size, activation=activation, dtype=dtype,
                                return_sequences=not (last and return_last)))
        if dropout:
            layers.append(keras.layers.Dropout(dropout, dtype=dtype))
    layers.append(keras.layers.Dense(outputs, dtype=dtype))
    model = keras.Sequential(layers)
    rng = np.random.default_rng(0)
    model.set_weights([w if w.ndim > 1 and w.shape[0] > 2 else
                       rng.normal(scale=0.3, size=w.shape).astype(dtype)
                       for w in model.get_weights()])
    return model


@pytest.mark.keras
@pytest.mark.parametrize("dtype, tolerance", [("float32", 1e-5), ("float64", 1e-9)])
def test_notebook_model_equals_keras(dtype, tolerance):
    """The notebook's stacked 2 x 50 relu LSTM + Dense(1)."""
    model = keras_model("LSTM", [50, 50], "relu", dtype, dropout=0.2)
    x = np.random.default_rng(1).uniform(size=(5, 10, 1)).astype(dtype)
    net = Network.from_keras(model)
    assert [type(layer) for layer in net.layers] == [LSTM, LSTM] and net.readout == "last"
    assert net.n_params == model.count_params()
    out = net.forward(x).output
    assert out.shape == (5, 1) and out.dtype == np.dtype(dtype)
    assert np.abs(out - np.asarray(model(x))).max() <= tolerance
    assert np.abs(net.predict(x) - np.asarray(model.predict(x, verbose=0))[:, 0]).max() <= tolerance


@pytest.mark.keras
@pytest.mark.parametrize("cell", ["SimpleRNN", "GRU"])
def test_readout_at_every_step_equals_keras(cell):
    model = keras_model(cell, [4, 3], "tanh", "float64", return_last=False, outputs=2)
    x = np.random.default_rng(2).normal(size=(3, 6, 1))
    net = Network.from_keras(model)
    assert net.readout == "every" and net.output_size == 2
    assert np.abs(net.forward(x).output - np.asarray(model(x))).max() <= 1e-9


@pytest.mark.keras
@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_network_gradients_equal_gradient_tape(cell):
    tf = pytest.importorskip("tensorflow")
    model = keras_model(cell, [5, 4], "tanh", "float64")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(6, 7, 1))
    y = rng.normal(size=(6, 1))
    x_var = tf.Variable(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x_var) - y) ** 2)
    expected = tape.gradient(loss, [*model.trainable_variables, x_var])

    net = Network.from_keras(model)
    mine_loss, grads = net.loss_and_grads(x, y)
    assert abs(mine_loss - float(loss)) <= 1e-12
    names = ["0.Wx", "0.Wh", "0.b", "1.Wx", "1.Wh", "1.b", "out.W", "out.b", "x"]
    for name, theirs in zip(names, expected, strict=True):
        assert np.abs(grads[name] - np.asarray(theirs)).max() <= 1e-9, name
    assert grads["0.dh_norms"].shape == (7,) and grads["1.dh_norms"].shape == (7,)


def test_network_gradients_pass_central_difference_check():
    rng = np.random.default_rng(4)
    net = Network.build("GRU", units=[3, 2], readout="every", seed=5)
    for p in net.params.values():
        p[...] = rng.normal(scale=0.5, size=p.shape)
    x = rng.normal(size=(2, 4, 1))
    y = rng.normal(size=(2, 4, 1))
    _, grads = net.loss_and_grads(x, y)
    for name, array in [*net.params.items(), ("x", x)]:
        numeric = np.zeros_like(array)
        for idx in np.ndindex(array.shape):
            saved = array[idx]
            array[idx] = saved + 1e-5
            up = net.mse(x, y)
            array[idx] = saved - 1e-5
            down = net.mse(x, y)
            array[idx] = saved
            numeric[idx] = (up - down) / 2e-5
        error = np.abs(grads[name] - numeric).max() / max(
            1e-8, (np.abs(grads[name]) + np.abs(numeric)).max())
        assert error < 1e-6, name


def test_params_are_live_and_copies_are_independent():
    net = Network.build("LSTM", units=[4, 4], seed=0)
    assert set(net.params) == {"0.Wx", "0.Wh", "0.b", "1.Wx", "1.Wh", "1.b", "out.W", "out.b"}
    net.params["1.Wh"][0, 0] = 123.0
    assert net.layers[1].params["Wh"][0, 0] == 123.0
    twin = net.copy()
    twin.params["1.Wh"][0, 0] = -1.0
    assert net.layers[1].params["Wh"][0, 0] == 123.0
    saved = net.get_weights()
    net.params["out.b"][:] = 9.0
    net.set_weights(saved)
    assert net.params["out.b"][0] == 0.0
    # layers get different seeds, so stacked layers do not start identical
    assert not np.array_equal(net.params["0.Wh"], net.params["1.Wh"])


def test_build_checks_its_arguments():
    with pytest.raises(ValueError, match="cell"):
        Network.build("Transformer")
    with pytest.raises(ValueError, match="readout"):
        Network([SimpleRNN(1, 2)], readout="first")
    with pytest.raises(ValueError, match="cannot feed"):
        Network([SimpleRNN(1, 2), SimpleRNN(3, 2)])


@pytest.mark.keras
def test_from_keras_refuses_unsupported_models():
    keras = pytest.importorskip("keras")
    no_sequences = keras.Sequential([keras.Input((None, 1)), keras.layers.LSTM(3),
                                     keras.layers.Reshape((3, 1)), keras.layers.LSTM(2),
                                     keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="Reshape"):
        Network.from_keras(no_sequences)
    not_stacked = keras.Sequential([keras.Input((None, 1)), keras.layers.LSTM(3),
                                    keras.layers.RepeatVector(2), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="RepeatVector"):
        Network.from_keras(not_stacked)
    relu_readout = keras.Sequential([keras.Input((None, 1)), keras.layers.GRU(3),
                                     keras.layers.Dense(1, activation="relu")])
    with pytest.raises(ValueError, match="linear"):
        Network.from_keras(relu_readout)
