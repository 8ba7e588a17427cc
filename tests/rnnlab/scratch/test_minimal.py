"""minGRU and minLSTM: the parallel scan equals the loop, and backward is the true gradient.

Independent references: the step loop (for the scan and the log-space form), central
differences (gradients, no framework), and tf.GradientTape on the paper's equations written
again in TensorFlow, step by step (gradients).
"""

import os

import numpy as np
import pytest

from rnnlab.scratch import MinGRU, MinLSTM
from rnnlab.scratch.minimal import g
from rnnlab.scratch.scan import associative_scan, linear_scan, reverse_linear_scan, scan_tree

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

CELLS = [MinGRU, MinLSTM]
LENGTHS = [1, 2, 3, 5, 7, 8, 13, 64, 100, 257, 1000]


def random_cell(cls, units=5, features=3, activation="g", seed=0):
    cell = cls(features, units, seed=seed, activation=activation)
    rng = np.random.default_rng(seed + 100)
    cell.params["b"][:] = rng.normal(size=cell.params["b"].shape)  # not all zeros
    return cell


@pytest.mark.parametrize("steps", LENGTHS)
def test_associative_scan_of_a_sum_and_a_max_equals_the_running_ones(steps):
    values = np.random.default_rng(steps).normal(size=(steps, 4))
    (total,) = associative_scan(lambda a, b: (a[0] + b[0],), (values,))
    (top,) = associative_scan(lambda a, b: (np.maximum(a[0], b[0]),), (values,))
    assert np.abs(total - np.cumsum(values, axis=0)).max() <= 1e-12 * steps
    assert np.array_equal(top, np.maximum.accumulate(values, axis=0))


@pytest.mark.parametrize("steps", LENGTHS)
def test_linear_scan_modes_equal_the_loop(steps):
    rng = np.random.default_rng(steps)
    a = rng.uniform(0.05, 1.0, size=(steps, 3, 4))
    b = rng.normal(size=(steps, 3, 4))
    h0 = rng.normal(size=(3, 4))
    loop = linear_scan(a, b, h0, "loop")
    assert np.allclose(loop[0], a[0] * h0 + b[0], rtol=0, atol=1e-15)
    scale = 1.0 + np.abs(loop).max()
    assert np.abs(linear_scan(a, b, h0, "scan") - loop).max() <= 1e-13 * scale
    assert np.abs(linear_scan(a, b, h0, "log") - loop).max() <= 1e-11 * scale


def test_the_log_space_form_survives_a_long_run_of_tiny_coefficients():
    """a* = cumsum(log a) reaches -1e5: the product of the a's underflows to 0, yet neither form
    breaks. The log form pays in precision: its logs are ~1e5 in size, so their round-off
    (1e5 * 2.2e-16 = 2e-11) is its error in h, against ~1e-16 for the scan."""
    steps = 100_000
    rng = np.random.default_rng(0)
    a = np.full((steps, 2), np.exp(-1.0))
    b = rng.normal(size=(steps, 2))
    loop = linear_scan(a, b, np.ones(2), "loop")
    assert np.abs(linear_scan(a, b, np.ones(2), "scan") - loop).max() <= 1e-13
    log_error = np.abs(linear_scan(a, b, np.ones(2), "log") - loop).max()
    assert log_error <= 1e3 * np.finfo(float).eps * steps


@pytest.mark.parametrize("steps", [1, 2, 3, 5, 6, 8, 11, 16, 33])
def test_scan_tree_lists_log_depth_rounds_that_build_every_prefix(steps):
    rounds = scan_tree(steps)
    depth = int(np.ceil(np.log2(steps))) if steps > 1 else 0
    assert len(rounds) <= 2 * depth
    known = {(t, t) for t in range(steps)}  # the single steps
    for r in rounds:
        for (l0, l1), (r0, r1) in r["pairs"]:
            assert (l0, l1) in known and (r0, r1) in known and l1 + 1 == r0
        known |= {(l0, r1) for (l0, _), (_, r1) in r["pairs"]}
    assert all((0, t) in known for t in range(steps))
    phases = [r["phase"] for r in rounds]
    assert phases == sorted(phases, key=lambda p: p != "up")  # all rounds up, then all down


@pytest.mark.parametrize("cls", CELLS)
@pytest.mark.parametrize("activation", ["g", "linear", "tanh"])
@pytest.mark.parametrize("steps", [1, 6, 13, 100, 333])
def test_forward_scan_and_log_give_the_loop_trace(cls, activation, steps):
    cell = random_cell(cls, activation=activation)
    rng = np.random.default_rng(steps)
    x = rng.normal(size=(4, steps, 3))
    h0 = rng.normal(size=(4, 5))
    loop = cell.forward(x, h0=h0, mode="loop")
    for mode, tolerance in [("scan", 1e-13), ("log", 1e-11)]:
        other = cell.forward(x, h0=h0, mode=mode)
        scale = 1.0 + np.abs(loop.hidden).max()
        assert np.abs(other.hidden - loop.hidden).max() <= tolerance * scale, mode
        assert other.gates.keys() == loop.gates.keys()
        for name in loop.gates:
            assert np.array_equal(other.gates[name], loop.gates[name])
        assert other.mode == mode


@pytest.mark.parametrize("cls", CELLS)
def test_trace_fits_the_equations_step_by_step(cls):
    cell = random_cell(cls, activation="linear")
    x = np.random.default_rng(1).normal(size=(2, 6, 3))
    trace = cell.forward(x)
    H = cell.units
    pre = x @ cell.params["Wx"] + cell.params["b"]
    sig = 1.0 / (1.0 + np.exp(-pre))
    h = np.zeros((2, H))
    for t in range(6):
        if cls is MinGRU:
            z, cand = sig[:, t, :H], pre[:, t, H:]
            h = (1 - z) * h + z * cand
            assert np.allclose(trace.gates["update"][:, t], z, atol=1e-14)
        else:
            f, i, cand = sig[:, t, :H], sig[:, t, H:2 * H], pre[:, t, 2 * H:]
            h = f / (f + i) * h + i / (f + i) * cand
            assert np.allclose(trace.gates["forget_norm"][:, t] + trace.gates["input_norm"][:, t], 1.0)
        assert np.allclose(trace.hidden[:, t], h, atol=1e-13)
    assert np.allclose(trace.hidden[:, 1:], trace.a[:, 1:] * trace.hidden[:, :-1] + trace.b[:, 1:], atol=1e-13)


def test_the_paper_activation_g_is_positive_and_continuous():
    v = np.array([-30.0, -1.0, -1e-12, 0.0, 1e-12, 2.0])
    out = g(v)
    assert np.all(out > 0)
    assert out[3] == 0.5 and abs(out[2] - 0.5) < 1e-12 and abs(out[4] - 0.5) < 1e-12
    assert out[5] == 2.5


def central_differences(cell, x, h0, weight, name, truncate=None):
    """Central differences of L = sum(h * weight) with respect to a parameter, x or h0."""
    target = {"x": x, "h0": h0}.get(name)
    target = cell.params[name] if target is None else target
    numeric = np.zeros_like(target)
    step = 1e-6
    for idx in np.ndindex(target.shape):
        saved = target[idx]
        target[idx] = saved + step
        up = np.sum(cell.forward(x, h0=h0).hidden * weight)
        target[idx] = saved - step
        down = np.sum(cell.forward(x, h0=h0).hidden * weight)
        target[idx] = saved
        numeric[idx] = (up - down) / (2 * step)
    return numeric


@pytest.mark.parametrize("cls", CELLS)
@pytest.mark.parametrize("activation", ["g", "linear", "tanh"])
@pytest.mark.parametrize("mode", ["loop", "scan", "log"])
def test_gradients_pass_central_differences(cls, activation, mode):
    cell = random_cell(cls, units=3, features=2, activation=activation, seed=2)
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2, 7, 2))
    h0 = np.abs(rng.normal(size=(2, 3)))
    weight = rng.normal(size=(2, 7, 3))
    grads = cell.backward(cell.forward(x, h0=h0, mode=mode), weight, mode=mode)
    for name in ("Wx", "b", "x", "h0"):
        numeric = central_differences(cell, x, h0, weight, name)
        error = np.abs(grads[name] - numeric).max() / max(1.0, np.abs(numeric).max())
        assert error <= 1e-7, (name, error)


@pytest.mark.parametrize("cls", CELLS)
def test_truncated_backward_stops_the_gradient_k_steps_back(cls):
    cell = random_cell(cls)
    x = np.random.default_rng(3).normal(size=(2, 9, 3))
    last = np.random.default_rng(4).normal(size=(2, 5))  # a loss on h_T only
    trace = cell.forward(x)
    for mode in ("loop", "scan", "log"):
        grads = cell.backward(trace, last, truncate=3, mode=mode)
        assert np.all(grads["x"][:, :6] == 0) and np.abs(grads["x"][:, 6:]).max() > 0
        assert np.all(grads["h0"] == 0)
        full = cell.backward(trace, last, mode=mode)
        assert np.abs(full["x"][:, :6]).max() > 0


def test_reverse_scan_equals_the_backward_loop():
    rng = np.random.default_rng(9)
    a = rng.uniform(0.1, 1.0, size=(11, 2))
    d = rng.normal(size=(11, 2))
    expected = np.empty_like(d)
    carry = np.zeros(2)
    for t in range(10, -1, -1):
        carry = d[t] + (a[t + 1] * carry if t < 10 else 0.0)
        expected[t] = carry
    for mode in ("loop", "scan", "log"):
        assert np.abs(reverse_linear_scan(a, d, mode) - expected).max() <= 1e-12


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="mode must be one of"):
        MinGRU(1, 2).forward(np.zeros((1, 3, 1)), mode="fast")
    with pytest.raises(ValueError, match="activation must be one of"):
        MinLSTM(1, 2, activation="sigmoid")
    with pytest.raises(ValueError, match="x must have shape"):
        MinGRU(2, 2).forward(np.zeros((1, 3, 5)))
    with pytest.raises(ValueError, match="a_t > 0"):
        linear_scan(np.zeros((3, 1)), np.ones((3, 1)), np.zeros(1), "log")


def _tf_min_cell(tf, cls, params, x, h0, activation):
    """The paper's equations written again in TensorFlow, one step at a time (no scan)."""
    H = h0.shape[-1]
    pre = tf.einsum("btd,dk->btk", x, params["Wx"]) + params["b"]

    def act(v):
        if activation == "g":
            return tf.where(v >= 0, v + 0.5, tf.sigmoid(v))
        return tf.tanh(v) if activation == "tanh" else v

    h, out = h0, []
    for t in range(x.shape[1]):
        p = pre[:, t]
        if cls is MinGRU:
            z = tf.sigmoid(p[:, :H])
            h = (1.0 - z) * h + z * act(p[:, H:])
        else:
            f, i = tf.sigmoid(p[:, :H]), tf.sigmoid(p[:, H:2 * H])
            h = f / (f + i) * h + i / (f + i) * act(p[:, 2 * H:])
        out.append(h)
    return tf.stack(out, axis=1)


@pytest.mark.keras
@pytest.mark.parametrize("cls", CELLS)
@pytest.mark.parametrize("activation", ["g", "linear", "tanh"])
def test_forward_and_gradients_equal_gradient_tape(cls, activation):
    tf = pytest.importorskip("tensorflow")
    cell = random_cell(cls, units=4, features=2, activation=activation, seed=3)
    rng = np.random.default_rng(11)
    x = rng.normal(size=(3, 10, 2))
    h0 = np.abs(rng.normal(size=(3, 4)))
    weight = rng.normal(size=(3, 10, 4))
    variables = {name: tf.Variable(p) for name, p in cell.params.items()}
    x_var, h0_var = tf.Variable(x), tf.Variable(h0)
    with tf.GradientTape() as tape:
        hidden = _tf_min_cell(tf, cls, variables, x_var, h0_var, activation)
        loss = tf.reduce_sum(hidden * weight)
    expected = tape.gradient(loss, [variables["Wx"], variables["b"], x_var, h0_var])
    for mode in ("loop", "scan", "log"):
        trace = cell.forward(x, h0=h0, mode=mode)
        assert np.abs(trace.hidden - hidden.numpy()).max() <= 1e-11, mode
        grads = cell.backward(trace, weight, mode=mode)
        for name, theirs in zip(["Wx", "b", "x", "h0"], expected, strict=True):
            assert np.abs(grads[name] - np.asarray(theirs)).max() <= 1e-10, (mode, name)


@pytest.mark.keras
@pytest.mark.parametrize("cls", CELLS)
@pytest.mark.parametrize("mode", ["scan", "loop"])
@pytest.mark.parametrize("steps", [1, 7, 64])
def test_keras_layer_equals_the_numpy_engine(cls, mode, steps):
    """The Keras layer (keras.ops.associative_scan, or keras.ops.scan) computes the engine's h."""
    pytest.importorskip("keras")
    from rnnlab.training.minimal_layers import LAYERS

    rng = np.random.default_rng(steps)
    layer = LAYERS[cls.kind](4, return_sequences=True, mode=mode, dtype="float64")
    layer.build((None, None, 2))
    kernel, bias = layer.get_weights()
    layer.set_weights([kernel, rng.normal(size=bias.shape)])
    x = rng.normal(size=(3, steps, 2))
    expected = cls.from_keras(layer).forward(x).hidden
    assert np.abs(np.asarray(layer(x)) - expected).max() <= 1e-12


@pytest.mark.keras
@pytest.mark.parametrize("kind", ["minGRU", "minLSTM"])
def test_keras_layer_trains_inside_a_model_in_a_traced_step(kind):
    """Inside tf.function TensorFlow's scan loses the output's static shape, which broke the
    next layer (Dense) of a Sequential model: the layer restores it."""
    tf = pytest.importorskip("tensorflow")
    keras = pytest.importorskip("keras")
    from rnnlab.training.minimal_layers import LAYERS

    model = keras.Sequential([keras.Input((9, 1)), LAYERS[kind](4), keras.layers.Dense(1)])
    x = tf.constant(np.random.default_rng(0).normal(size=(5, 9, 1)).astype("float32"))
    out = tf.function(lambda: model(x, training=True))()
    assert tuple(out.shape) == (5, 1) and np.all(np.isfinite(out.numpy()))


@pytest.mark.keras
@pytest.mark.parametrize("kind", ["minGRU", "minLSTM"])
def test_keras_layer_with_a_window_of_any_length_equals_the_engine(kind):
    """Train traces one model for every lookback (time dimension None): the layer then runs
    Hillis-Steele's doubling scan; it must give the engine's h for any T, powers of two or not."""
    tf = pytest.importorskip("tensorflow")
    from rnnlab.scratch.minimal import MINIMAL_CELLS
    from rnnlab.training.minimal_layers import LAYERS

    rng = np.random.default_rng(5)
    layer = LAYERS[kind](3, return_sequences=True, activation="tanh", dtype="float64")
    layer.build((None, None, 1))
    kernel, bias = layer.get_weights()
    layer.set_weights([kernel, rng.normal(size=bias.shape)])
    run = tf.function(lambda x: layer(x), input_signature=[tf.TensorSpec((None, None, 1), tf.float64)])
    cell = MINIMAL_CELLS[kind].from_keras(layer)
    for steps in (1, 2, 3, 5, 10, 33, 64, 100):
        x = rng.normal(size=(2, steps, 1))
        assert np.abs(run(x).numpy() - cell.forward(x).hidden).max() <= 1e-12, steps
