"""rnnlab.pages.concepts and rnnlab.plots.concepts: activations, gradient decay, number formats, figures."""

import numpy as np
import pytest

from rnnlab import scratch
from rnnlab.data import noisy_sine
from rnnlab.pages import concepts
from rnnlab.plots import concepts as figs


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_derivative_matches_central_differences(name):
    x = np.array([-4.0, -1.3, -0.2, 0.3, 0.9, 2.5])  # away from relu's kink at 0
    eps = 1e-6
    numeric = (concepts.activation(name, x + eps) - concepts.activation(name, x - eps)) / (2 * eps)
    np.testing.assert_allclose(concepts.derivative(name, x), numeric, atol=1e-8)


def test_activation_values_by_hand():
    assert concepts.activation("sigmoid", np.array(0.0)) == 0.5
    np.testing.assert_allclose(concepts.activation("sigmoid", np.array([2.0])), 1 / (1 + np.exp(-2.0)))
    big = concepts.activation("sigmoid", np.array([-1000.0, 1000.0]))
    assert np.all(np.isfinite(big)) and big[0] == 0.0 and big[1] == 1.0
    assert concepts.derivative("sigmoid", np.array(0.0)) == 0.25  # the largest slope
    assert concepts.derivative("tanh", np.array(0.0)) == 1.0
    np.testing.assert_array_equal(concepts.activation("relu", np.array([-2.0, 3.0])), [0.0, 3.0])
    with pytest.raises(ValueError):
        concepts.activation("softmax", np.zeros(2))


def test_curves_cover_the_range_and_the_requested_functions():
    x, values, slopes = concepts.activation_curves(["tanh", "relu"], lo=-3, hi=3, n=61)
    assert x[0] == -3 and x[-1] == 3 and len(x) == 61
    assert set(values) == set(slopes) == {"tanh", "relu"}
    np.testing.assert_allclose(values["tanh"], np.tanh(x))


def test_number_formats_follow_the_language():
    assert concepts.latex_number(0.25, "es") == "0{,}25"
    assert concepts.latex_number(0.25, "en") == "0.25"
    assert concepts.latex_number(0.25**10, "en") == "9.5 \\cdot 10^{-7}"
    assert concepts.decay_after(0.25, 10) == pytest.approx(9.5367e-7, rel=1e-4)
    assert concepts.percent(0.0081, "es") == "0,81\u00a0%"
    assert concepts.percent(1.0) == "100%"
    assert concepts.percent(3.27e-7) == "0.000033%"
    assert concepts.latex_number(0.0653, "es", digits=3) == "0{,}0653"


def _numeric_jacobian_norm(cell, x, k, eps=1e-6):
    """||dh_T/dh_{T-k}|| by central differences: rerun the last k steps from a nudged state."""
    trace = cell.forward(x[None])
    steps = x.shape[0]
    t = steps - 1 - k
    h = trace.hidden[0, t]
    extra = {"c0": trace.cell[0, t][None]} if cell.kind == "LSTM" else {}  # c held fixed
    columns = []
    for i in range(cell.units):
        bump = np.zeros(cell.units)
        bump[i] = eps
        up = cell.forward(x[None, t + 1:], h0=(h + bump)[None], **extra).hidden[0, -1]
        down = cell.forward(x[None, t + 1:], h0=(h - bump)[None], **extra).hidden[0, -1]
        columns.append((up - down) / (2 * eps))
    return np.linalg.norm(np.array(columns))


@pytest.mark.parametrize("kind", concepts.DECAY_CELLS)
def test_gradient_decay_matches_finite_differences(kind):
    values = noisy_sine()
    units, radius, keep = 6, 1.1, 2.0
    lags, norms = concepts.gradient_decay(values, length=12, radius=radius, keep_bias=keep, units=units)
    assert list(lags) == list(range(12))
    assert norms[kind][0] == pytest.approx(1.0)  # k = 0: the identity
    # Rebuild the same cell independently and differentiate its forward pass numerically.
    cell = scratch.with_spectral_radius(scratch.CELLS[kind](1, units, seed=0), radius)
    if kind == "LSTM":
        cell.params["b"][units:2 * units] = keep
    elif kind == "GRU":
        cell.params["b"][0, :units], cell.params["b"][1, :units] = keep, 0.0
    x = ((values[:12] - values[:12].mean()) / values[:12].std())[:, None]
    for k in (1, 5, 11):
        expected = _numeric_jacobian_norm(cell, x, k) / np.sqrt(units)
        assert norms[kind][k] == pytest.approx(expected, rel=1e-6)


def test_open_keep_gate_lets_the_gradient_through():
    values = noisy_sine()
    _, closed = concepts.gradient_decay(values, length=40, radius=0.9, keep_bias=-1.0)
    _, open_ = concepts.gradient_decay(values, length=40, radius=0.9, keep_bias=4.0)
    np.testing.assert_array_equal(closed["SimpleRNN"], open_["SimpleRNN"])  # it has no gate
    for kind in ("LSTM", "GRU"):
        assert open_[kind][30] > 100 * closed[kind][30]
        assert open_[kind][30] > 100 * open_["SimpleRNN"][30]


def test_gradient_decay_refuses_too_short_and_handles_flat_series():
    with pytest.raises(ValueError):
        concepts.gradient_decay(np.array([1.0]))
    _, norms = concepts.gradient_decay(np.full(20, 3.0), length=20)
    assert all(np.all(np.isfinite(v)) for v in norms.values())


def test_equations_use_the_gate_order_of_the_code():
    firsts = [line.split("=")[0].strip() for line in concepts.EQUATIONS["lstm"][:4]]
    letters = {"input": "i", "forget": "f", "candidate": "g", "output": "o"}
    assert firsts == [f"{letters[g]}_t" for g in scratch.LSTM.gate_names]
    gru = [line.split("=")[0].strip() for line in concepts.EQUATIONS["gru"][:2]]
    assert gru == ["z_t", "r_t"] and scratch.GRU.gate_names[:2] == ("update", "reset")
    assert "z_t \\odot h_{t-1}" in concepts.EQUATIONS["gru"][-1]  # z weighs the OLD state
    block = concepts.latex_block("simple")
    assert block.startswith(r"\begin{gathered}") and "x_t W_x + h_{t-1} W_h + b" in block


def test_unrolled_diagram_draws_one_cell_per_step_plus_the_folded_one(texts):
    fig = figs.unrolled_rnn(5, "RNN", "folded", "shared weights", title="t")
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(rects) == 6
    texts = [a.text for a in fig.layout.annotations]
    assert [f"x<sub>{k}</sub>" for k in range(1, 6)] == [t for t in texts if t.startswith("x<sub>") and t != "x<sub>t</sub>"]
    assert "shared weights" in texts and "folded" in texts


def test_figures_carry_the_computed_data(decode):
    x, values, slopes = concepts.activation_curves()
    fig = figs.activations(x, values, slopes, ("f", "f'"), "z")
    assert len(fig.data) == 6
    spec = fig.to_plotly_json()
    np.testing.assert_allclose(decode(spec["data"][1]["y"]), slopes["sigmoid"])
    assert fig.layout.font.size >= 16
    lags, norms = concepts.gradient_decay(noisy_sine(), length=15)
    fig = figs.gradient_decay(lags, norms, "k", "norm")
    assert fig.layout.yaxis.type == "log" and [t.name for t in fig.data] == list(norms)
    bars = figs.param_bars({"SimpleRNN": 10, "LSTM": 40}, "n")
    assert list(bars.data[0].y) == [10, 40]
