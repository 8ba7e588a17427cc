"""What a recurrent network remembers: Jacobian-norm profiles, a memory probe, spectral radius.

- jacobian_norms: ||dh_T/dh_t|| for every step t. How strongly the last state still depends on
  the state t steps ago: it shrinks geometrically when gradients vanish, grows when they explode.
- memory_probe: nudge the input k steps back and measure how much the output moves, for every k.
  The same question asked of the whole model, from the outside, without any gradients.
- with_spectral_radius: rescale the recurrent weights, the knob that moves a SimpleRNN between
  vanishing (radius < 1) and exploding (radius > 1) gradients.
"""

from __future__ import annotations

import numpy as np

from rnnlab.scratch.blas import single_blas_thread
from rnnlab.scratch.cells import _Cell
from rnnlab.scratch.network import Network


def _as_batch(x, dtype) -> tuple[np.ndarray, bool]:
    """x as (batch, time, features), and whether it was a single (time, features) sequence."""
    x = np.asarray(x, dtype=dtype)
    if x.ndim == 1:
        x = x[:, None]
    single = x.ndim == 2
    return (x[None] if single else x), single


@single_blas_thread
def jacobian_norms(cell: _Cell, x, h0=None) -> np.ndarray:
    """Frobenius norm of the Jacobian dh_{T-1}/dh_t for every step t = 0..T-1 (0-based steps).

    x: one sequence (time, features) -> shape (time,), or a batch (batch, time, features) ->
    (batch, time). The last entry is the norm of the identity, sqrt(units). For an LSTM it is
    the Jacobian through h with c_t held fixed (c has its own path). For a layer inside a
    Network, pass the hidden states of the layer below as x.

    One backward pass does it: each sample is repeated `units` times and seeded with one row of
    the identity, so the per-copy gradient norms are the Jacobian's rows.
    """
    x, single = _as_batch(x, cell.dtype)
    units = cell.units
    batch = x.shape[0]
    tiled = np.repeat(x, units, axis=0)
    h0_tiled = None if h0 is None else np.repeat(np.broadcast_to(h0, (batch, units)), units, axis=0)
    trace = cell.forward(tiled, h0=h0_tiled)
    seeds = np.tile(np.eye(units, dtype=cell.dtype), (batch, 1))
    per_copy = cell.backward(trace, seeds)["dh_norms_per_sample"]  # (batch*units, time)
    norms = np.sqrt((per_copy**2).reshape(batch, units, -1).sum(axis=1))
    return norms[0] if single else norms


@single_blas_thread
def memory_probe(model: Network | _Cell, x, eps: float = 1e-3) -> np.ndarray:
    """|change of the final output| when the input k steps back is increased by eps, for k = 0..T-1.

    k = 0 is the last step. model: a Network (its output at the last step) or a single cell
    (its final hidden state; the change is the Euclidean norm over units). x: one window
    (time, features) -> (time,), or a batch -> (batch, time). Every feature of the step moves.
    All T perturbed copies run in one batched forward pass.
    """
    dtype = model.dtype
    x, single = _as_batch(x, dtype)
    batch, steps = x.shape[:2]
    copies = np.repeat(x[:, None], steps + 1, axis=1)  # (batch, 1 + T, time, features)
    for k in range(steps):  # copy k + 1 has the step k back nudged
        copies[:, k + 1, steps - 1 - k] += eps
    out = _final_output(model, copies.reshape(batch * (steps + 1), steps, -1))
    out = out.reshape(batch, steps + 1, -1)
    change = np.linalg.norm(out[:, 1:] - out[:, :1], axis=-1)
    return change[0] if single else change


def _final_output(model, x: np.ndarray) -> np.ndarray:
    if isinstance(model, Network):
        out = model.forward(x).output
        return out[:, -1] if model.readout == "every" else out
    return model.forward(x).last


def spectral_radius(matrix: np.ndarray) -> float:
    """The largest |eigenvalue| of a square matrix."""
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(matrix, dtype=np.float64)))))


def recurrent_blocks(cell: _Cell) -> dict[str, np.ndarray]:
    """The square (units, units) blocks of the recurrent kernel, one per gate (views)."""
    names = getattr(cell, "gate_names", ("hidden",))
    H = cell.units
    return {name: cell.params["Wh"][:, k * H : (k + 1) * H] for k, name in enumerate(names)}


def recurrent_spectral_radii(cell: _Cell) -> dict[str, float]:
    """Spectral radius of each gate's recurrent block (SimpleRNN: one block, "hidden")."""
    return {name: spectral_radius(block) for name, block in recurrent_blocks(cell).items()}


def with_spectral_radius(cell: _Cell, radius: float) -> _Cell:
    """A copy of the cell whose every recurrent block has spectral radius `radius`.

    Blocks that are all zero stay zero (there is nothing to scale).
    """
    if radius < 0:
        raise ValueError("the spectral radius cannot be negative")
    scaled = cell.copy()
    for block in recurrent_blocks(scaled).values():
        current = spectral_radius(block)
        if current > 0:
            block *= radius / current
    return scaled
