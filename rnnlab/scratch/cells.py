"""SimpleRNN, LSTM and GRU cells in plain numpy: a forward pass that keeps everything, and BPTT.

The code follows the row-vector equations Keras uses (see the project's numerics notes), with
the same symbols: x_t input, h_{t-1} previous state, i f g o the LSTM gates and candidate,
c_t the cell state, z r hh the GRU update gate, reset gate and candidate.

Weights use Keras' layout, so `from_keras` is a plain copy:
    Wx (D, k*H)   kernel             (gate blocks side by side: LSTM i f c o, GRU z r h)
    Wh (H, k*H)   recurrent kernel
    b  (k*H,)     bias; GRU with reset_after=True has two rows (2, 3H): input bias, recurrent bias

Inside, arrays are stored time-major (time, batch, ...) so that the one loop over time reads
contiguous slices; the trace shows them batch-major (batch, time, ...) as numpy views.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from rnnlab.scratch.blas import single_blas_thread

ACTIVATIONS = ("tanh", "relu")


# --- activations ---------------------------------------------------------------------------------


def sigmoid(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """The exact logistic function 1 / (1 + e^-a), written with tanh so it never overflows."""
    out = np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def _act(name: str):
    """The activation as a ufunc-like callable f(a, out=None)."""
    return np.tanh if name == "tanh" else _relu


def _relu(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    return np.maximum(a, 0.0, out=out)


def _act_grad(name: str, pre: np.ndarray, out: np.ndarray) -> np.ndarray:
    """d act(pre) / d pre, from the pre-activation and the activation already computed."""
    if name == "tanh":
        return 1.0 - out * out
    return (pre > 0).astype(out.dtype)


# --- Keras-like initialisation ---------------------------------------------------------------------


def glorot_uniform(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, size=shape)


def orthogonal(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """A (rows, cols) matrix with orthonormal rows or columns, as Keras' Orthogonal initializer."""
    rows, cols = shape
    flat = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(flat)
    q *= np.sign(np.diag(r))  # makes the decomposition unique, so the result is uniform
    return q if rows >= cols else q.T


# --- traces ----------------------------------------------------------------------------------------


@dataclass
class Trace:
    """Everything a forward pass computed, batch-major: (batch, time, units) per quantity.

    `gates` maps a gate name to its activations and `pre` to its pre-activations. `cache`
    holds what `backward` needs (time-major, internal).
    """

    x: np.ndarray
    h0: np.ndarray
    hidden: np.ndarray
    gates: dict[str, np.ndarray]
    pre: dict[str, np.ndarray]
    cell: np.ndarray | None = None
    c0: np.ndarray | None = None
    cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def last(self) -> np.ndarray:
        """The final hidden state h_T, shape (batch, units)."""
        return self.hidden[:, -1]


def _batch_major(a: np.ndarray) -> np.ndarray:
    return a.transpose(1, 0, 2)


# --- the cells -------------------------------------------------------------------------------------


class _Cell:
    """What the three cells share: shapes, dtype, parameters, input checks, backward plumbing."""

    kind = ""
    blocks = 1  # gate blocks side by side in Wx, Wh, b
    keras_class = ""

    def __init__(self, input_size: int, units: int, seed: int = 0, dtype=np.float64,
                 activation: str = "tanh"):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
        if input_size < 1 or units < 1:
            raise ValueError("input_size and units must be at least 1")
        self.input_size = int(input_size)
        self.units = int(units)
        self.dtype = np.dtype(dtype)
        self.activation = activation
        rng = np.random.default_rng(seed)
        width = self.blocks * self.units
        self.params = {
            "Wx": glorot_uniform(rng, (self.input_size, width)).astype(self.dtype),
            "Wh": self._recurrent_init(rng).astype(self.dtype),
            "b": np.zeros(self._bias_shape(), dtype=self.dtype),
        }

    def _recurrent_init(self, rng: np.random.Generator) -> np.ndarray:
        # Keras initialises the whole (H, kH) recurrent kernel as one orthogonal matrix.
        return orthogonal(rng, (self.units, self.blocks * self.units))

    def _bias_shape(self) -> tuple[int, ...]:
        return (self.blocks * self.units,)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(input_size={self.input_size}, units={self.units}, "
                f"activation={self.activation!r}, dtype={self.dtype.name})")

    @property
    def n_params(self) -> int:
        return sum(p.size for p in self.params.values())

    def copy(self):
        """An independent copy (same weights, separate arrays)."""
        twin = copy.copy(self)
        twin.params = {name: p.copy() for name, p in self.params.items()}
        return twin

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        """Copy weights in (shapes must match), converting to this cell's dtype."""
        for name, current in self.params.items():
            new = np.asarray(params[name], dtype=self.dtype)
            if new.shape != current.shape:
                raise ValueError(f"{name} has shape {new.shape}, expected {current.shape}")
            current[...] = new

    # -- Keras interop

    @classmethod
    def _check_keras(cls, layer) -> dict:
        if type(layer).__name__ != cls.keras_class:
            raise ValueError(f"expected a Keras {cls.keras_class} layer, got {type(layer).__name__}")
        if not layer.built:
            raise ValueError("the Keras layer is not built yet: call it on data or build the model")
        config = layer.get_config()
        activation = config.get("activation")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation {activation!r} is not supported (only {ACTIVATIONS})")
        recurrent = config.get("recurrent_activation", "sigmoid")
        if recurrent != "sigmoid":
            raise ValueError(f"recurrent_activation {recurrent!r} is not supported (only 'sigmoid')")
        if config.get("go_backwards"):
            raise ValueError("go_backwards=True layers are not supported")
        return config

    @classmethod
    def from_keras(cls, layer, dtype=None):
        """A cell holding a copy of a built Keras layer's weights (dtype: the layer's, by default)."""
        config = cls._check_keras(layer)
        weights = layer.get_weights()
        kernel, recurrent = weights[0], weights[1]
        dtype = np.dtype(dtype or kernel.dtype)
        extra = {"reset_after": config.get("reset_after", True)} if cls is GRU else {}
        cell = cls(kernel.shape[0], recurrent.shape[0], dtype=dtype,
                   activation=config["activation"], **extra)
        bias = weights[2] if config.get("use_bias", True) else np.zeros(cell._bias_shape())
        cell.set_params({"Wx": kernel, "Wh": recurrent, "b": bias})
        return cell

    # -- forward / backward helpers

    def _prepare(self, x, h0, c0=None):
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim == 2:
            x = x[..., None] if self.input_size == 1 else x[None]
        if x.ndim != 3 or x.shape[2] != self.input_size:
            raise ValueError(
                f"x must have shape (batch, time, {self.input_size}), got {np.shape(x)}")
        batch = x.shape[0]
        h0 = (np.zeros((batch, self.units), self.dtype) if h0 is None
              else np.broadcast_to(np.asarray(h0, self.dtype), (batch, self.units)).copy())
        return x, h0

    def _input_products(self, x: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """x_t Wx + bias for every t at once, time-major (T, B, kH): one matmul outside the loop."""
        return np.ascontiguousarray(x.transpose(1, 0, 2)) @ self.params["Wx"] + bias

    @staticmethod
    def _cuts(steps: int, truncate: int | None) -> np.ndarray:
        """cut[t] is True where the gradient may NOT flow from step t back to step t-1.

        Truncated BPTT with k steps detaches the state every k steps, counting from the last
        step, so a loss on the final state reaches back exactly k steps.
        """
        cut = np.zeros(steps, dtype=bool)
        if truncate is not None:
            if truncate < 1:
                raise ValueError("truncate must be at least 1 step")
            cut[(steps - np.arange(steps)) % truncate == 0] = True
        return cut

    def _weight_grads(self, trace: Trace, d_in: np.ndarray, d_rec: np.ndarray,
                      rec_input: np.ndarray) -> dict[str, np.ndarray]:
        """Sum the per-step gradients over time and batch with three matmuls.

        d_in / d_rec: (T, B, kH) gradients of the input-side and recurrent-side pre-activations;
        rec_input: (T, B, H) what multiplied Wh at each step.
        """
        x_tm = trace.cache["x_tm"]
        features = x_tm.shape[-1]
        width = d_in.shape[-1]
        return {
            "Wx": x_tm.reshape(-1, features).T @ d_in.reshape(-1, width),
            "Wh": rec_input.reshape(-1, self.units).T @ d_rec.reshape(-1, d_rec.shape[-1]),
            "x": _batch_major(d_in @ self.params["Wx"].T),
        }

    def _check_d_hidden(self, trace: Trace, d_hidden) -> np.ndarray:
        d_hidden = np.asarray(d_hidden, dtype=self.dtype)
        if d_hidden.shape == trace.last.shape:  # gradient of the final state only
            full = np.zeros(trace.hidden.shape, self.dtype)
            full[:, -1] = d_hidden
            d_hidden = full
        if d_hidden.shape != trace.hidden.shape:
            raise ValueError(f"d_hidden must have shape {trace.hidden.shape} or "
                             f"{trace.last.shape}, got {d_hidden.shape}")
        return np.ascontiguousarray(d_hidden.transpose(1, 0, 2))


class SimpleRNN(_Cell):
    """h_t = act(x_t Wx + h_{t-1} Wh + b)."""

    kind = "SimpleRNN"
    keras_class = "SimpleRNN"
    blocks = 1

    @single_blas_thread
    def forward(self, x, h0=None) -> Trace:
        x, h_prev = self._prepare(x, h0)
        act = _act(self.activation)
        Wh = self.params["Wh"]
        pre = self._input_products(x, self.params["b"])  # starts as x_t Wx + b, completed below
        steps = pre.shape[0]
        hidden = np.empty_like(pre)
        h0 = h_prev
        for t in range(steps):
            pre[t] += h_prev @ Wh  # x_t Wx + b + h_{t-1} Wh
            h_prev = act(pre[t], out=hidden[t])
        return Trace(x=x, h0=h0, hidden=_batch_major(hidden), gates={},
                     pre={"hidden": _batch_major(pre)},
                     cache={"x_tm": x.transpose(1, 0, 2), "pre": pre, "hidden": hidden})

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only (batch, units)."""
        dh_out = self._check_d_hidden(trace, d_hidden)
        pre, hidden = trace.cache["pre"], trace.cache["hidden"]
        Wh_T = self.params["Wh"].T
        steps = pre.shape[0]
        cut = self._cuts(steps, truncate)
        d_pre = np.empty_like(pre)
        dh_sq = np.empty((steps, dh_out.shape[1]))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        for t in range(steps - 1, -1, -1):
            dh = dh_out[t] + dh_next  # dL/dh_t: from the output at t and from step t+1
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            d_pre[t] = da = dh * _act_grad(self.activation, pre[t], hidden[t])
            dh_next = da @ Wh_T if not cut[t] else np.zeros_like(dh)
        grads = self._weight_grads(trace, d_pre, d_pre, _previous(trace.h0, hidden))
        grads["b"] = d_pre.sum(axis=(0, 1))
        grads["h0"] = dh_next
        _add_norms(grads, dh_sq)
        return grads


class LSTM(_Cell):
    """[zi|zf|zg|zo] = x_t Wx + h_{t-1} Wh + b;  i, f, o = sigma(.);  g = act(zg);
    c_t = f * c_{t-1} + i * g;  h_t = o * act(c_t)."""

    kind = "LSTM"
    keras_class = "LSTM"
    blocks = 4
    gate_names = ("input", "forget", "candidate", "output")

    def __init__(self, input_size: int, units: int, seed: int = 0, dtype=np.float64,
                 activation: str = "tanh"):
        super().__init__(input_size, units, seed=seed, dtype=dtype, activation=activation)
        self.params["b"][units : 2 * units] = 1.0  # Keras' unit_forget_bias

    @single_blas_thread
    def forward(self, x, h0=None, c0=None) -> Trace:
        x, h_prev = self._prepare(x, h0)
        H = self.units
        c_prev = (np.zeros_like(h_prev) if c0 is None
                  else np.broadcast_to(np.asarray(c0, self.dtype), h_prev.shape).copy())
        h0, c0 = h_prev, c_prev
        act = _act(self.activation)
        Wh = self.params["Wh"]
        pre = self._input_products(x, self.params["b"])  # (T, B, 4H), completed step by step
        steps, batch = pre.shape[:2]
        gates = np.empty_like(pre)  # i, f, g, o activations side by side
        cell = np.empty((steps, batch, H), self.dtype)
        cell_act = np.empty_like(cell)  # act(c_t), kept for backward
        hidden = np.empty_like(cell)
        G = slice(2 * H, 3 * H)  # the candidate block
        # Results are written in place (out=) into this step's slice of the trace: fewer copies.
        for t in range(steps):
            z, gate, c_t, h_t = pre[t], gates[t], cell[t], hidden[t]
            z += h_prev @ Wh  # [zi|zf|zg|zo] = x_t Wx + b + h_{t-1} Wh
            sigmoid(z, out=gate)  # i, f, o = sigma(.)   (the g block is overwritten next)
            act(z[:, G], out=gate[:, G])  # g = act(zg)
            i, f, g, o = gate[:, :H], gate[:, H : 2 * H], gate[:, G], gate[:, 3 * H :]
            np.multiply(f, c_prev, out=c_t)
            c_t += i * g  # c_t = f * c_{t-1} + i * g
            act(c_t, out=cell_act[t])
            np.multiply(o, cell_act[t], out=h_t)  # h_t = o * act(c_t)
            h_prev, c_prev = h_t, c_t
        return Trace(
            x=x, h0=h0, c0=c0, hidden=_batch_major(hidden), cell=_batch_major(cell),
            gates=_split_blocks(_batch_major(gates), self.gate_names, H),
            pre=_split_blocks(_batch_major(pre), self.gate_names, H),
            cache={"x_tm": x.transpose(1, 0, 2), "pre": pre, "gates": gates, "cell": cell,
                   "cell_act": cell_act, "hidden": hidden},
        )

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None, d_cell=None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only.

        d_cell (optional): dL/dc_T, a gradient on the final cell state.
        """
        dh_out = self._check_d_hidden(trace, d_hidden)
        H = self.units
        cache = trace.cache
        pre, gates, cell, cell_act = cache["pre"], cache["gates"], cache["cell"], cache["cell_act"]
        c_before = _previous(trace.c0, cell)
        Wh_T = self.params["Wh"].T
        steps = pre.shape[0]
        cut = self._cuts(steps, truncate)
        d_pre = np.empty_like(pre)
        dh_sq = np.empty((steps, dh_out.shape[1]))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        dc_next = (np.zeros_like(trace.h0) if d_cell is None
                   else np.asarray(d_cell, self.dtype).copy())
        for t in range(steps - 1, -1, -1):
            g_t = gates[t]
            i, f, g, o = g_t[:, :H], g_t[:, H : 2 * H], g_t[:, 2 * H : 3 * H], g_t[:, 3 * H :]
            dh = dh_out[t] + dh_next
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            dc = dc_next + dh * o * _act_grad(self.activation, cell[t], cell_act[t])
            dz = d_pre[t]
            dz[:, :H] = dc * g * i * (1.0 - i)  # through i = sigma(zi)
            dz[:, H : 2 * H] = dc * c_before[t] * f * (1.0 - f)  # through f
            dz[:, 2 * H : 3 * H] = dc * i * _act_grad(self.activation, pre[t][:, 2 * H : 3 * H], g)
            dz[:, 3 * H :] = dh * cell_act[t] * o * (1.0 - o)  # through o
            if cut[t]:
                dh_next, dc_next = np.zeros_like(dh), np.zeros_like(dc)
            else:
                dh_next, dc_next = dz @ Wh_T, dc * f
        grads = self._weight_grads(trace, d_pre, d_pre, _previous(trace.h0, cache["hidden"]))
        grads["b"] = d_pre.sum(axis=(0, 1))
        grads["h0"] = dh_next
        grads["c0"] = dc_next
        _add_norms(grads, dh_sq)
        return grads


class GRU(_Cell):
    """reset_after=True (Keras' default):
        mx = x_t Wx + b[0];  mh = h_{t-1} Wh + b[1]
        z = sigma(mx_z + mh_z);  r = sigma(mx_r + mh_r);  hh = act(mx_h + r * mh_h)
        h_t = z * h_{t-1} + (1 - z) * hh            (z weighs the OLD state)
    reset_after=False (the textbook form): hh = act(x_t Wx_h + (r * h_{t-1}) Wh_h + b_h).
    """

    kind = "GRU"
    keras_class = "GRU"
    blocks = 3
    gate_names = ("update", "reset", "candidate")

    def __init__(self, input_size: int, units: int, seed: int = 0, dtype=np.float64,
                 activation: str = "tanh", reset_after: bool = True):
        self.reset_after = bool(reset_after)
        super().__init__(input_size, units, seed=seed, dtype=dtype, activation=activation)

    def _bias_shape(self) -> tuple[int, ...]:
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", reset_after={self.reset_after})"

    @single_blas_thread
    def forward(self, x, h0=None) -> Trace:
        x, h_prev = self._prepare(x, h0)
        H = self.units
        h0 = h_prev
        act = _act(self.activation)
        Wh, b = self.params["Wh"], self.params["b"]
        b_in, b_rec = (b[0], b[1]) if self.reset_after else (b, None)
        mx = self._input_products(x, b_in)  # (T, B, 3H): x_t Wx + input bias
        steps, batch = mx.shape[:2]
        pre = np.empty_like(mx)  # z, r, hh pre-activations
        gates = np.empty_like(mx)  # z, r, hh activations
        rec_candidate = np.empty((steps, batch, H), self.dtype)  # mh_h (or (r*h_{t-1}) Wh_h)
        hidden = np.empty_like(rec_candidate)
        ZR, C = slice(0, 2 * H), slice(2 * H, 3 * H)  # update+reset blocks, candidate block
        Wh_zr, Wh_h = Wh[:, ZR], Wh[:, C]
        for t in range(steps):
            p, g, mh_h, h_t = pre[t], gates[t], rec_candidate[t], hidden[t]
            if self.reset_after:
                mh = h_prev @ Wh + b_rec  # mh = h_{t-1} Wh + b[1]
                np.add(mx[t], mh, out=p)  # z, r pre-activations: mx + mh
                sigmoid(p[:, ZR], out=g[:, ZR])
                z, r = g[:, :H], g[:, H : 2 * H]
                mh_h[:] = mh[:, C]
                np.multiply(r, mh_h, out=p[:, C])
                p[:, C] += mx[t][:, C]  # mx_h + r * mh_h
            else:
                np.add(mx[t][:, ZR], h_prev @ Wh_zr, out=p[:, ZR])
                sigmoid(p[:, ZR], out=g[:, ZR])
                z, r = g[:, :H], g[:, H : 2 * H]
                np.matmul(r * h_prev, Wh_h, out=mh_h)  # (r * h_{t-1}) Wh_h
                np.add(mx[t][:, C], mh_h, out=p[:, C])
            hh = act(p[:, C], out=g[:, C])  # hh = act(.)
            np.subtract(h_prev, hh, out=h_t)
            h_t *= z
            h_t += hh  # h_t = z * h_{t-1} + (1 - z) * hh
            h_prev = h_t
        return Trace(
            x=x, h0=h0, hidden=_batch_major(hidden),
            gates=_split_blocks(_batch_major(gates), self.gate_names, H),
            pre=_split_blocks(_batch_major(pre), self.gate_names, H),
            cache={"x_tm": x.transpose(1, 0, 2), "pre": pre, "gates": gates,
                   "rec_candidate": rec_candidate, "hidden": hidden},
        )

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only."""
        dh_out = self._check_d_hidden(trace, d_hidden)
        H = self.units
        cache = trace.cache
        pre, gates, rec_candidate = cache["pre"], cache["gates"], cache["rec_candidate"]
        h_before = _previous(trace.h0, cache["hidden"])
        Wh = self.params["Wh"]
        Wh_T = Wh.T
        Wh_zr_T, Wh_h_T = Wh[:, : 2 * H].T, Wh[:, 2 * H :].T
        steps = pre.shape[0]
        cut = self._cuts(steps, truncate)
        d_in = np.empty_like(pre)  # dL/d(input-side pre-activations)  [z | r | hh]
        d_rec = np.empty_like(pre)  # dL/d(recurrent-side products)     [z | r | hh]
        dh_sq = np.empty((steps, dh_out.shape[1]))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        for t in range(steps - 1, -1, -1):
            g = gates[t]
            z, r, hh = g[:, :H], g[:, H : 2 * H], g[:, 2 * H :]
            h_prev = h_before[t]
            dh = dh_out[t] + dh_next
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            d_hh_pre = dh * (1.0 - z) * _act_grad(self.activation, pre[t][:, 2 * H :], hh)
            d_z_pre = dh * (h_prev - hh) * z * (1.0 - z)
            if self.reset_after:
                dr = d_hh_pre * rec_candidate[t]
                d_rec[t][:, 2 * H :] = d_hh_pre * r
            else:
                d_rh = d_hh_pre @ Wh_h_T  # gradient of r * h_{t-1}
                dr = d_rh * h_prev
                d_rec[t][:, 2 * H :] = d_hh_pre
            d_r_pre = dr * r * (1.0 - r)
            d_in[t][:, :H], d_in[t][:, H : 2 * H], d_in[t][:, 2 * H :] = d_z_pre, d_r_pre, d_hh_pre
            d_rec[t][:, : 2 * H] = d_in[t][:, : 2 * H]
            if cut[t]:
                dh_next = np.zeros_like(dh)
            elif self.reset_after:
                dh_next = dh * z + d_rec[t] @ Wh_T
            else:
                dh_next = dh * z + d_rec[t][:, : 2 * H] @ Wh_zr_T + d_rh * r
        if self.reset_after:
            grads = self._weight_grads(trace, d_in, d_rec, h_before)
            grads["b"] = np.stack([d_in.sum(axis=(0, 1)), d_rec.sum(axis=(0, 1))])
        else:
            grads = self._weight_grads(trace, d_in, d_rec[..., : 2 * H], h_before)
            reset_h = gates[..., H : 2 * H] * h_before  # what multiplied Wh_h
            d_Wh_h = reset_h.reshape(-1, H).T @ d_rec[..., 2 * H :].reshape(-1, H)
            grads["Wh"] = np.concatenate([grads["Wh"], d_Wh_h], axis=1)
            grads["b"] = d_in.sum(axis=(0, 1))
        grads["h0"] = dh_next
        _add_norms(grads, dh_sq)
        return grads


CELLS = {cls.kind: cls for cls in (SimpleRNN, LSTM, GRU)}


def _add_norms(grads: dict, dh_sq: np.ndarray) -> None:
    """||dL/dh_t|| over the whole batch ("dh_norms", (T,)) and per sample ("dh_norms_per_sample", (B, T))."""
    grads["dh_norms"] = np.sqrt(dh_sq.sum(axis=1))
    grads["dh_norms_per_sample"] = np.sqrt(dh_sq.T)


def _previous(first: np.ndarray, states: np.ndarray) -> np.ndarray:
    """(T, B, H) states shifted one step: the state each step started from (h_{t-1} or c_{t-1})."""
    return np.concatenate([first[None], states[:-1]], axis=0)


def _split_blocks(a: np.ndarray, names: tuple[str, ...], units: int) -> dict[str, np.ndarray]:
    return {name: a[..., k * units : (k + 1) * units] for k, name in enumerate(names)}
