"""The numpy cells compute exactly what Keras computes: forward, BPTT gradients, truncated BPTT.

Independent references: Keras layers (forward), tf.GradientTape (gradients), central
differences (gradients, without any framework).
"""

import os

import numpy as np
import pytest

from rnnlab.scratch import GRU, LSTM, SimpleRNN

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# (numpy class, Keras layer name, extra constructor arguments)
KINDS = [
    (SimpleRNN, "SimpleRNN", {}),
    (LSTM, "LSTM", {}),
    (GRU, "GRU", {}),
    (GRU, "GRU", {"reset_after": False}),
]
KIND_IDS = ["simple", "lstm", "gru", "gru_reset_before"]


def keras_layer(name, units, features, activation, dtype, rng, **extra):
    """A built Keras layer returning every step, with random non-zero biases."""
    keras = pytest.importorskip("keras")
    layer = getattr(keras.layers, name)(units, activation=activation, return_sequences=True,
                                        dtype=dtype, **extra)
    layer.build((None, None, features))
    weights = layer.get_weights()
    weights[2] = rng.normal(scale=0.5, size=weights[2].shape).astype(dtype)
    layer.set_weights(weights)
    return layer


@pytest.mark.keras
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("dtype, tolerance", [("float32", 1e-5), ("float64", 1e-9)])
@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_forward_equals_keras(cls, name, extra, dtype, tolerance, activation):
    rng = np.random.default_rng(3)
    layer = keras_layer(name, 6, 3, activation, dtype, rng, **extra)
    x = rng.normal(size=(4, 9, 3)).astype(dtype)
    expected = np.asarray(layer(x))
    cell = cls.from_keras(layer)
    assert cell.dtype == np.dtype(dtype) and cell.activation == activation
    trace = cell.forward(x)
    assert trace.hidden.dtype == np.dtype(dtype)
    assert trace.hidden.shape == (4, 9, 6)
    assert np.abs(trace.hidden - expected).max() <= tolerance


@pytest.mark.keras
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_gradients_equal_gradient_tape(cls, name, extra, activation):
    tf = pytest.importorskip("tensorflow")
    rng = np.random.default_rng(4)
    layer = keras_layer(name, 5, 2, activation, "float64", rng, **extra)
    x = rng.normal(size=(3, 8, 2))
    weight = rng.normal(size=(3, 8, 5))  # L = sum(h * weight): a gradient on every step
    x_var = tf.Variable(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x_var) * weight)
    kernel, recurrent, bias, dx = tape.gradient(loss, [*layer.trainable_variables, x_var])

    cell = cls.from_keras(layer)
    grads = cell.backward(cell.forward(x), weight)
    for mine, theirs in [("Wx", kernel), ("Wh", recurrent), ("b", bias), ("x", dx)]:
        assert np.abs(grads[mine] - np.asarray(theirs)).max() <= 1e-9, mine


@pytest.mark.keras
@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_per_step_gradient_norms_equal_gradient_tape(cls, name, extra):
    """||dL/dh_t|| for a loss on the last state: Keras restarted at step t+1 from h_t (and c_t)."""
    tf = pytest.importorskip("tensorflow")
    rng = np.random.default_rng(5)
    layer = keras_layer(name, 4, 1, "tanh", "float64", rng, **extra)
    x = rng.normal(size=(2, 7, 1))
    weight = rng.normal(size=(2, 4))
    cell = cls.from_keras(layer)
    trace = cell.forward(x)
    norms = cell.backward(trace, weight)["dh_norms"]
    for t in (0, 3, 5):
        h_t = tf.Variable(trace.hidden[:, t])
        state = [h_t, tf.constant(trace.cell[:, t])] if cls is LSTM else [h_t]
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(layer(x[:, t + 1 :], initial_state=state)[:, -1] * weight)
        expected = np.linalg.norm(np.asarray(tape.gradient(loss, h_t)))
        assert abs(norms[t] - expected) <= 1e-9 * max(1.0, expected)
    assert abs(norms[-1] - np.linalg.norm(weight)) <= 1e-12  # dL/dh_T is the seed itself


@pytest.mark.keras
@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_truncated_bptt_equals_keras_with_detached_chunks(cls, name, extra):
    """truncate=k equals running Keras over chunks of k steps (from the end), stopping the
    gradient at every chunk boundary."""
    tf = pytest.importorskip("tensorflow")
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(6)
    layer = keras_layer(name, 4, 2, "tanh", "float64", rng, **extra)
    stateful_layer = getattr(keras.layers, name)(4, return_sequences=True, return_state=True,
                                                 dtype="float64", **extra)
    stateful_layer.build((None, None, 2))
    stateful_layer.set_weights(layer.get_weights())
    x = rng.normal(size=(2, 7, 2))
    weight = rng.normal(size=(2, 7, 4))
    x_var = tf.Variable(x)
    with tf.GradientTape() as tape:
        state, outputs = None, []
        for lo, hi in [(0, 1), (1, 4), (4, 7)]:  # truncate=3 over 7 steps: chunks from the end
            result = stateful_layer(x_var[:, lo:hi], initial_state=state)
            outputs.append(result[0])
            state = [tf.stop_gradient(s) for s in result[1:]]
        loss = tf.reduce_sum(tf.concat(outputs, axis=1) * weight)
    expected = tape.gradient(loss, [*stateful_layer.trainable_variables, x_var])

    cell = cls.from_keras(layer)
    grads = cell.backward(cell.forward(x), weight, truncate=3)
    for mine, theirs in zip(["Wx", "Wh", "b", "x"], expected, strict=True):
        assert np.abs(grads[mine] - np.asarray(theirs)).max() <= 1e-9, mine
    full = cell.backward(cell.forward(x), weight)
    assert np.abs(full["Wh"] - grads["Wh"]).max() > 1e-6  # truncation really changed something


def central_difference_check(cell, x, weight, truncate=None):
    """Largest relative error between backward() and central differences, per parameter + "x"."""
    def loss():
        return float(np.sum(cell.forward(x).hidden * weight))

    grads = cell.backward(cell.forward(x), weight)
    errors = {}
    for name, array in [*cell.params.items(), ("x", x)]:
        numeric = np.zeros_like(array)
        for idx in np.ndindex(array.shape):
            saved = array[idx]
            array[idx] = saved + 1e-5
            up = loss()
            array[idx] = saved - 1e-5
            down = loss()
            array[idx] = saved
            numeric[idx] = (up - down) / 2e-5
        analytic = grads[name]
        errors[name] = np.abs(analytic - numeric).max() / max(
            1e-8, (np.abs(analytic) + np.abs(numeric)).max())
    return errors


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_gradients_pass_central_difference_check(cls, name, extra, activation):
    rng = np.random.default_rng(7)
    cell = cls(2, 3, seed=1, activation=activation, **extra)
    for p in cell.params.values():
        p[...] = rng.normal(scale=0.6, size=p.shape)
    x = rng.normal(size=(2, 5, 2))
    weight = rng.normal(size=(2, 5, 3))
    errors = central_difference_check(cell, x, weight)
    assert set(errors) == {"Wx", "Wh", "b", "x"}
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize(("cls", "name", "extra"), KINDS, ids=KIND_IDS)
def test_keras_like_initialisation(cls, name, extra):
    cell = cls(3, 8, seed=11, **extra)
    blocks = cls.blocks
    Wx, Wh, b = cell.params["Wx"], cell.params["Wh"], cell.params["b"]
    assert Wx.shape == (3, blocks * 8) and Wh.shape == (8, blocks * 8)
    assert np.abs(Wx).max() <= np.sqrt(6 / (3 + blocks * 8))  # glorot-uniform limit
    assert np.allclose(Wh @ Wh.T, np.eye(8))  # orthogonal rows, as Keras' Orthogonal
    if cls is LSTM:
        assert np.all(b[8:16] == 1.0) and np.all(np.delete(b, np.s_[8:16]) == 0.0)
    else:
        assert np.all(b == 0.0)
    assert b.shape == ((2, 24) if extra.get("reset_after", True) and cls is GRU else (blocks * 8,))
    assert np.array_equal(cls(3, 8, seed=11, **extra).params["Wh"], Wh)  # the seed repeats
    assert not np.array_equal(cls(3, 8, seed=12, **extra).params["Wh"], Wh)


def test_trace_holds_gates_and_pre_activations_that_fit_the_equations():
    rng = np.random.default_rng(8)
    lstm = LSTM(1, 4, seed=0)
    lstm.params["b"][:] = rng.normal(size=16)
    x = rng.normal(size=(2, 6, 1))
    trace = lstm.forward(x)
    g = trace.gates
    assert set(g) == {"input", "forget", "candidate", "output"} and set(trace.pre) == set(g)
    for name in ("input", "forget", "output"):
        assert np.allclose(g[name], 1 / (1 + np.exp(-trace.pre[name])))
    assert np.allclose(g["candidate"], np.tanh(trace.pre["candidate"]))
    c_prev = np.concatenate([np.zeros((2, 1, 4)), trace.cell[:, :-1]], axis=1)
    assert np.allclose(trace.cell, g["forget"] * c_prev + g["input"] * g["candidate"])
    assert np.allclose(trace.hidden, g["output"] * np.tanh(trace.cell))

    gru = GRU(1, 4, seed=0)
    trace = gru.forward(x)
    assert set(trace.gates) == {"update", "reset", "candidate"}
    h_prev = np.concatenate([np.zeros((2, 1, 4)), trace.hidden[:, :-1]], axis=1)
    z, hh = trace.gates["update"], trace.gates["candidate"]
    assert np.allclose(trace.hidden, z * h_prev + (1 - z) * hh)

    simple = SimpleRNN(1, 4).forward(x)
    assert simple.gates == {} and np.allclose(simple.hidden, np.tanh(simple.pre["hidden"]))


def test_float32_on_request_and_initial_state():
    cell = LSTM(2, 3, dtype=np.float32)
    x = np.ones((2, 4, 2))
    trace = cell.forward(x, h0=np.full(3, 0.5), c0=np.full(3, -0.2))
    assert trace.hidden.dtype == np.float32 and trace.cell.dtype == np.float32
    grads = cell.backward(trace, np.ones((2, 3)))
    assert grads["Wh"].dtype == np.float32
    assert grads["h0"].shape == (2, 3) and grads["c0"].shape == (2, 3)
    assert not np.allclose(trace.hidden, cell.forward(x).hidden)  # h0/c0 were used


def test_input_gradient_is_zero_beyond_the_truncation_window():
    rng = np.random.default_rng(9)
    cell = SimpleRNN(1, 3)
    x = rng.normal(size=(2, 8, 1))
    trace = cell.forward(x)
    full = cell.backward(trace, np.ones((2, 3)))
    cut = cell.backward(trace, np.ones((2, 3)), truncate=3)
    assert np.all(cut["x"][:, :5] == 0) and np.allclose(cut["x"][:, 5:], full["x"][:, 5:])
    assert np.all(cut["dh_norms"][:5] == 0) and np.all(cut["dh_norms"][5:] > 0)
    assert np.all(full["dh_norms"] > 0)


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="activation"):
        LSTM(1, 4, activation="sigmoid")
    with pytest.raises(ValueError, match=r"\(batch, time, 2\)"):
        GRU(2, 4).forward(np.zeros((3, 5, 1)))
    with pytest.raises(ValueError, match="truncate"):
        SimpleRNN(1, 2).backward(SimpleRNN(1, 2).forward(np.zeros((1, 3, 1))), np.ones((1, 2)),
                                 truncate=0)


@pytest.mark.keras
def test_from_keras_refuses_what_it_cannot_copy():
    keras = pytest.importorskip("keras")
    layer = keras.layers.LSTM(3, recurrent_activation="hard_sigmoid")
    layer.build((None, None, 1))
    with pytest.raises(ValueError, match="recurrent_activation"):
        LSTM.from_keras(layer)
    gru = keras.layers.GRU(3)
    gru.build((None, None, 1))
    with pytest.raises(ValueError, match="LSTM"):
        LSTM.from_keras(gru)
    with pytest.raises(ValueError, match="not built"):
        GRU.from_keras(keras.layers.GRU(3))
