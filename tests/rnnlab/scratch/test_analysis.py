"""Jacobian-norm profile, memory probe and spectral-radius scaling, checked by independent means."""

import numpy as np
import pytest

from rnnlab.scratch import (
    GRU,
    LSTM,
    Network,
    SimpleRNN,
    jacobian_norms,
    memory_probe,
    recurrent_spectral_radii,
    spectral_radius,
    with_spectral_radius,
)


def finite_difference_jacobian_norm(cell, x, t, eps=1e-6):
    """||dh_{T-1}/dh_t||_F by restarting the forward pass at step t+1 from a nudged h_t."""
    trace = cell.forward(x[None])
    h_t = trace.hidden[0, t]
    c_t = None if trace.cell is None else trace.cell[0, t]
    rest = x[None, t + 1 :]
    columns = []
    for j in range(cell.units):
        nudge = np.zeros(cell.units)
        nudge[j] = eps
        extra = {} if c_t is None else {"c0": c_t[None]}
        up = cell.forward(rest, h0=(h_t + nudge)[None], **extra).last[0]
        down = cell.forward(rest, h0=(h_t - nudge)[None], **extra).last[0]
        columns.append((up - down) / (2 * eps))
    return np.linalg.norm(np.stack(columns, axis=1))


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_jacobian_norms_match_finite_differences(cls):
    rng = np.random.default_rng(0)
    cell = cls(2, 4, seed=3)
    cell.params["b"][...] = rng.normal(scale=0.3, size=cell.params["b"].shape)
    x = rng.normal(size=(9, 2))
    norms = jacobian_norms(cell, x)
    assert norms.shape == (9,)
    assert abs(norms[-1] - 2.0) < 1e-12  # identity: sqrt(4 units)
    for t in (0, 4, 7):
        expected = finite_difference_jacobian_norm(cell, x, t)
        assert abs(norms[t] - expected) <= 1e-6 * expected, t


def test_jacobian_norms_of_a_batch_are_per_sample():
    cell = LSTM(1, 3, seed=1)
    x = np.random.default_rng(1).normal(size=(4, 6, 1))
    together = jacobian_norms(cell, x)
    assert together.shape == (4, 6)
    for b in range(4):
        assert np.allclose(together[b], jacobian_norms(cell, x[b]), rtol=1e-12)


def test_smaller_spectral_radius_forgets_faster():
    cell = SimpleRNN(1, 8, seed=2)
    x = np.random.default_rng(2).normal(scale=0.1, size=(20, 1))
    fast = jacobian_norms(with_spectral_radius(cell, 0.3), x)
    slow = jacobian_norms(with_spectral_radius(cell, 0.9), x)
    assert fast[0] < 1e-6 * fast[-1]  # 19 steps back, 0.3**19 ~ 1e-10
    assert fast[0] < slow[0]
    assert np.all(np.diff(fast) > 0)  # monotone: every step back loses memory


def test_memory_probe_by_hand():
    """1 relu unit with Wx=1, Wh=0.5, readout 2h: output = 2 * sum_k 0.5**k x_{T-1-k}."""
    cell = SimpleRNN(1, 1, activation="relu")
    cell.set_params({"Wx": [[1.0]], "Wh": [[0.5]], "b": [0.0]})
    net = Network([cell])
    net.dense["W"][...] = 2.0
    x = np.linspace(0.5, 1.0, 6)[:, None]  # positive, so relu stays linear
    change = memory_probe(net, x, eps=1e-3)
    assert np.allclose(change, 2e-3 * 0.5 ** np.arange(6), rtol=1e-9, atol=0)
    assert np.allclose(memory_probe(cell, x, eps=1e-3), 1e-3 * 0.5 ** np.arange(6), rtol=1e-9)


@pytest.mark.parametrize("readout", ["last", "every"])
def test_memory_probe_agrees_with_the_input_gradient(readout):
    net = Network.build("LSTM", units=[5, 3], readout=readout, seed=4)
    x = np.random.default_rng(4).normal(size=(3, 7, 1))
    change = memory_probe(net, x, eps=1e-6)
    assert change.shape == (3, 7)
    trace = net.forward(x)
    seed = np.zeros(trace.output.shape)  # d(final output)/d(input)
    if readout == "every":
        seed[:, -1] = 1.0  # the last step's output
    else:
        seed[:] = 1.0
    grad_x = net.backward(trace, seed)["x"][..., 0]  # (batch, time)
    expected = 1e-6 * np.abs(grad_x[:, ::-1])  # k steps back = position T-1-k
    assert np.allclose(change, expected, rtol=1e-4, atol=1e-13)


def test_with_spectral_radius_scales_every_block_and_copies():
    lstm = LSTM(1, 6, seed=5)
    before = lstm.params["Wh"].copy()
    scaled = with_spectral_radius(lstm, 1.25)
    assert np.array_equal(lstm.params["Wh"], before)  # the original is untouched
    radii = recurrent_spectral_radii(scaled)
    assert set(radii) == {"input", "forget", "candidate", "output"}
    assert all(abs(r - 1.25) < 1e-9 for r in radii.values())
    assert np.array_equal(scaled.params["Wx"], lstm.params["Wx"])
    assert spectral_radius(np.diag([0.5, -2.0])) == 2.0
    simple = SimpleRNN(1, 3)
    simple.params["Wh"][...] = 0.0
    assert np.all(with_spectral_radius(simple, 0.9).params["Wh"] == 0.0)
    with pytest.raises(ValueError):
        with_spectral_radius(simple, -1.0)
