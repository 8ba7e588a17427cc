"""rnnlab.pages.hidden: the Hidden states page's logic, checked against hand computations, numpy and Keras."""

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.data.windows import split_points
from rnnlab.pages import hidden as hd

SINE = noisy_sine()


def _network(cell="LSTM", units=4, activation="tanh", seed=3):
    net = hd.build_network(hd.Settings(cell=cell, units=units, activation=activation, seed=seed))
    layer = net.layers[0]
    rng = np.random.default_rng(seed)
    layer.params["b"][...] = rng.normal(0, 0.3, layer.params["b"].shape)  # non-zero biases
    return net


# --- input -----------------------------------------------------------------------------------


def test_toy_input_is_the_notebooks_sequence():
    inp = hd.make_input(SINE, source="toy")
    np.testing.assert_array_equal(inp.x, [1, 2, 3, 4, 5])
    np.testing.assert_array_equal(inp.target, [2, 3, 4, 5, 6])
    assert inp.scaler is None
    np.testing.assert_array_equal(inp.to_original(inp.x), inp.x)


def test_series_window_is_scaled_on_the_training_part_only():
    inp = hd.make_input(SINE, "series", length=30, start=65)
    train_end, _ = split_points(len(SINE))
    lo, hi = SINE[:train_end].min(), SINE[:train_end].max()
    np.testing.assert_allclose(inp.x, (SINE[65:95] - lo) / (hi - lo))
    np.testing.assert_allclose(inp.raw, SINE[65:95])
    np.testing.assert_allclose(inp.target, (SINE[66:96] - lo) / (hi - lo))
    np.testing.assert_allclose(inp.to_original(inp.x), SINE[65:95])


def test_window_is_clamped_and_the_last_target_unknown():
    inp = hd.make_input(SINE, "series", length=500, start=40)
    assert len(inp.x) == 100 and inp.positions[0] == 0
    assert np.isnan(inp.target[-1]) and np.isfinite(inp.target[:-1]).all()
    inp = hd.make_input(SINE, "series", length=10, start=95)
    np.testing.assert_array_equal(inp.positions, np.arange(90, 100))


def test_too_short_series_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="at least"):
        hd.make_input(np.array([1.0]), "series")


def test_settings_refuse_unknown_values():
    with pytest.raises(ValueError):
        hd.Settings(cell="Transformer")
    with pytest.raises(ValueError):
        hd.Settings(activation="sigmoid")


# --- one step's arithmetic --------------------------------------------------------------------


def test_simple_rnn_step_by_hand():
    # Two units, hand-picked weights: the numbers below are worked out on paper.
    params = {"Wx": np.array([[0.5, -1.0]]), "Wh": np.array([[0.1, 0.2], [0.3, -0.4]]),
              "b": np.array([0.05, 0.0])}
    x = np.array([1.0, 2.0])
    h1 = np.tanh([0.5 + 0.05, -1.0])  # t = 1: h_0 = 0
    hidden = np.array([h1, [0.0, 0.0]])
    ar = hd.step_arithmetic("SimpleRNN", params, x, hidden, t=1, unit=0)
    s = ar.block("hidden")
    assert s.x_term == pytest.approx(1.0)  # 2 * 0.5
    np.testing.assert_allclose(s.h_terms, [h1[0] * 0.1, h1[1] * 0.3])
    assert s.pre == pytest.approx(1.0 + 0.1 * h1[0] + 0.3 * h1[1] + 0.05)
    assert ar.h == pytest.approx(np.tanh(s.pre))
    table = hd.recurrent_terms(ar, "hidden")
    np.testing.assert_allclose(table["product"], s.h_terms)
    np.testing.assert_allclose(table["h"], h1)


@pytest.mark.parametrize("cell", hd.CELLS)
@pytest.mark.parametrize("activation", hd.ACTIVATIONS)
def test_step_arithmetic_recomputes_the_engines_trace(cell, activation):
    net = _network(cell, units=5, activation=activation)
    x = hd.make_input(SINE, "series", length=12).x
    forward = hd.forward_pass(net, x)
    for t in range(12):
        for unit in range(5):
            ar = hd.step_arithmetic(cell, net.layers[0].params, x, forward.hidden, t, unit,
                                    activation, forward.cell_state)
            assert ar.h == pytest.approx(forward.hidden[t, unit], abs=1e-12)
            for block in ar.blocks:
                if block.name != "hidden":
                    assert block.value == pytest.approx(forward.gates[block.name][t, unit], abs=1e-12)
            if cell == "LSTM":
                assert ar.c == pytest.approx(forward.cell_state[t, unit], abs=1e-12)


def test_latex_shows_the_real_numbers():
    net = _network("GRU", units=3)
    x = np.array([0.2, 0.7, 0.4])
    forward = hd.forward_pass(net, x)
    ar = hd.step_arithmetic("GRU", net.layers[0].params, x, forward.hidden, 2, 1, "tanh")
    cand = ar.block("candidate")
    text = hd.block_latex(cand, "GRU", 1)
    assert f"{cand.pre:.4f}" in text and f"{cand.value:.4f}" in text and f"{cand.reset:.4f}" in text
    assert f"{ar.h:.4f}" in hd.state_latex(ar, "tanh")


# --- forward, training ----------------------------------------------------------------------------


def test_run_gives_the_readout_at_every_step():
    net = _network("SimpleRNN", units=4)
    x = np.linspace(0, 1, 7)
    forward = hd.forward_pass(net, x)
    expected = forward.hidden @ net.dense["W"][:, 0] + net.dense["b"][0]
    np.testing.assert_allclose(forward.prediction, expected)
    assert forward.gates == {} and forward.cell_state is None
    assert hd.window_mse(np.array([1.0, 2.0]), np.array([0.0, np.nan])) == 1.0


def test_same_settings_same_network_different_seed_different_network():
    a = hd.build_network(hd.Settings(cell="GRU", units=6, seed=1))
    b = hd.build_network(hd.Settings(cell="GRU", units=6, seed=1))
    c = hd.build_network(hd.Settings(cell="GRU", units=6, seed=2))
    np.testing.assert_array_equal(a.layers[0].params["Wh"], b.layers[0].params["Wh"])
    assert not np.allclose(a.layers[0].params["Wh"], c.layers[0].params["Wh"])


def test_training_sequences_stay_in_the_training_part():
    scaler = hd.fit_scaler(SINE)
    X, y = hd.training_sequences(SINE, "series", scaler)
    train_end, _ = split_points(len(SINE))
    assert X.shape == (train_end - hd.TRAIN_WINDOW, hd.TRAIN_WINDOW, 1)
    scaled = scaler.transform(SINE)
    np.testing.assert_allclose(X[0, :, 0], scaled[: hd.TRAIN_WINDOW])
    np.testing.assert_allclose(y[-1], scaled[train_end - hd.TRAIN_WINDOW : train_end])


@pytest.mark.parametrize("cell", hd.CELLS)
def test_training_lowers_the_loss_and_repeats(cell):
    settings = hd.Settings(cell=cell, units=8)
    inp = hd.make_input(SINE, "series", length=60)
    X, y = hd.training_sequences(SINE, "series", inp.scaler)
    before = hd.window_mse(hd.forward_pass(hd.build_network(settings), inp.x).prediction, inp.target)
    nets = [hd.build_network(settings) for _ in range(2)]
    results = [hd.train_network(net, X, y, epochs=25, seed=1) for net in nets]
    losses = results[0].history["loss"]
    assert results[0].status == "completed" and losses[-1] < 0.5 * losses[0]
    assert results[1].history["loss"] == losses  # same seed, same run
    after = hd.window_mse(hd.forward_pass(nets[0], inp.x).prediction, inp.target)
    assert after < before


def test_training_on_the_toy_sequence():
    net = hd.build_network(hd.Settings(cell="SimpleRNN", units=10, source="toy"))
    X, y = hd.training_sequences(SINE, "toy", None)
    np.testing.assert_array_equal(y, [[2, 3, 4, 5, 6]])
    result = hd.train_network(net, X, y, epochs=200)
    assert result.history["loss"][-1] < 0.1 * result.history["loss"][0]


# --- PCA ---------------------------------------------------------------------------------------


def test_pca_of_a_planar_path_keeps_all_its_variance():
    rng = np.random.default_rng(0)
    angle = np.linspace(0, 2 * np.pi, 40)
    plane = np.linalg.qr(rng.normal(size=(6, 2)))[0]  # two orthonormal directions in 6-D
    hidden = np.c_[3 * np.cos(angle), np.sin(angle)] @ plane.T + 0.5
    path = hd.pca_path(hidden)
    assert path.explained.sum() == pytest.approx(1.0)
    assert path.explained[0] > path.explained[1]
    # An orthogonal projection keeps every distance between points in the plane.
    d_path = np.linalg.norm(path.coords[:, None] - path.coords[None], axis=-1)
    d_hidden = np.linalg.norm(hidden[:, None] - hidden[None], axis=-1)
    np.testing.assert_allclose(d_path, d_hidden, atol=1e-9)


def test_pca_of_a_still_state_stays_at_the_origin():
    assert not hd.pca_path(np.ones((10, 4))).coords.any()
    assert not hd.pca_path(np.ones((2, 4))).explained.any()


# --- gradients and memory -------------------------------------------------------------------------


def test_gradient_profiles_vanish_or_explode_with_the_radius():
    x = hd.make_input(SINE, "series", length=40).x
    small = hd.gradient_profiles(x, hd.probe_cells(0.5))
    large = hd.gradient_profiles(x, hd.probe_cells(1.5))
    for profiles in (small, large):
        assert set(profiles) == set(hd.CELLS)
        for norms in profiles.values():
            assert len(norms) == 40
            assert norms[0] == pytest.approx(np.sqrt(hd.PROBE_UNITS))  # dh_T/dh_T = identity
    assert small["SimpleRNN"][30] < 1e-3 * small["SimpleRNN"][0]
    assert large["SimpleRNN"][30] > 100 * small["SimpleRNN"][30]


def test_gradient_profile_matches_finite_differences():
    # ||dh_T/dh_t|| of a SimpleRNN from central differences on h_t, independent of BPTT.
    cell = hd.probe_cells(0.9, units=4)["SimpleRNN"]
    x = np.sin(np.arange(8.0)).reshape(-1, 1)
    trace = cell.forward(x[None])
    Wx, Wh, b = (cell.params[k] for k in ("Wx", "Wh", "b"))

    def h_last_from(t, h_t):
        h = h_t
        for s in range(t + 1, 8):
            h = np.tanh(x[s] @ Wx + h @ Wh + b)
        return h

    profile = hd.gradient_profiles(x[:, 0], {"SimpleRNN": cell})["SimpleRNN"]
    for t in (0, 3, 6):
        h_t = trace.hidden[0, t]
        jac = np.stack([(h_last_from(t, h_t + e) - h_last_from(t, h_t - e)) / 2e-6
                        for e in 1e-6 * np.eye(4)])
        assert profile[7 - t] == pytest.approx(np.linalg.norm(jac), rel=1e-6)


def test_memory_profiles_match_a_direct_nudge():
    cells = hd.probe_cells(1.0, units=6)
    x = hd.make_input(SINE, "series", length=15).x
    effect = hd.memory_profiles(x, cells)
    for name, cell in cells.items():
        base = cell.forward(x.reshape(1, -1, 1)).hidden[0, -1]
        for k in (0, 5, 14):
            nudged = x.copy()
            nudged[14 - k] += hd.PROBE_EPS
            moved = cell.forward(nudged.reshape(1, -1, 1)).hidden[0, -1]
            assert effect[name][k] == pytest.approx(np.linalg.norm(moved - base), rel=1e-9)


# --- Keras ----------------------------------------------------------------------------------------


@pytest.mark.keras
@pytest.mark.parametrize("cell", hd.CELLS)
def test_verify_against_keras_agrees(cell):
    net = _network(cell, units=5, activation="relu" if cell == "LSTM" else "tanh")
    x = hd.make_input(SINE, "series", length=20).x
    forward = hd.forward_pass(net, x)
    activation = net.layers[0].activation
    diff = hd.verify_against_keras(cell, net.layers[0].params, x, forward.hidden, activation)
    assert diff < 1e-9
    # and it is a real comparison: a reference off by 1e-3 shows up
    assert hd.verify_against_keras(cell, net.layers[0].params, x, forward.hidden + 1e-3,
                                   activation) > 1e-4


def test_importing_the_module_does_not_import_tensorflow():
    import subprocess
    import sys

    code = "import sys, rnnlab.pages.hidden, rnnlab.plots.hidden; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_probe_gradients_trained_beside_untrained():
    """Issue 26, item 17: the probe cells trained on the series, beside the untrained ones; the
    trained profiles are those of the same cells trained independently here."""
    from rnnlab.data import notebook_series
    from rnnlab.scratch.analysis import jacobian_norms
    from rnnlab.scratch.network import Network

    values = notebook_series()
    scaler = hd.fit_scaler(values)
    x = hd.make_input(values, "series", 40, 0, scaler).x
    data = hd.training_data(values, "series", scaler, max_windows=hd.PROBE_WINDOWS)
    both = hd.probe_gradients(x, 1.0, data, epochs=10)
    assert set(both["trained"]) == set(both["untrained"]) == set(hd.CELLS)
    for name, cell in hd.probe_cells(1.0).items():
        np.testing.assert_allclose(both["untrained"][name], jacobian_norms(cell, x.reshape(-1, 1))[::-1])
        network = Network([cell.copy()], readout="every", seed=0)
        hd.train_on(network, data, epochs=10, seed=0)
        expected = jacobian_norms(network.layers[0], x.reshape(-1, 1))[::-1]
        np.testing.assert_allclose(both["trained"][name], expected, rtol=1e-9)
        first, last = both["loss"][name]
        assert last < first  # they did learn
    # the story the page's picture tells (its defaults: 50 steps, radius 1, PROBE_EPOCHS):
    # trained on the notebook's series, the GRU carries its gradient 10 steps back several
    # times better than untrained, where it vanished fastest of the three
    x = hd.make_input(values, "series", 50, 0, scaler).x
    both = hd.probe_gradients(x, 1.0, data)
    assert min(both["untrained"], key=lambda c: both["untrained"][c][10]) == "GRU"
    assert both["trained"]["GRU"][10] > 3 * both["untrained"]["GRU"][10]


def test_gradient_figure_draws_trained_and_untrained_in_each_panel():
    from rnnlab.plots.hidden import gradient_figure

    trained = {c: np.linspace(1, 0.1, 12) for c in hd.CELLS}
    untrained = {c: np.linspace(1, 0.01, 12) for c in hd.CELLS}
    fig = gradient_figure(trained, "es", untrained=untrained)
    names = [tr.name for tr in fig.data]
    assert names == [f"{c}, {w}" for c in hd.CELLS for w in ("entrenada", "sin entrenar")]
    assert [tr.line.dash for tr in fig.data[1::2]] == ["dot"] * 3
    np.testing.assert_allclose(fig.data[0].y, trained["SimpleRNN"])
    assert "entrenadas y sin entrenar" in fig.layout.title.text
