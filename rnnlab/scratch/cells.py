"""SimpleRNN, LSTM and GRU cells in plain numpy: a forward pass that keeps everything, and BPTT.

The code follows the row-vector equations Keras uses, with the symbols of the Concepts page
(rnnlab/pages/concepts.py): x_t input, h_{t-1} previous state, i f g o the LSTM gates and candidate,
c_t the cell state, z r h~ (h_tilde) the GRU update gate, reset gate and candidate. Each time
step is written as its equations, `c = f * c + i * g`, `h = o * act(c)`, and its values are
kept in the trace; what does not depend on the step (the input products x_t Wx, the weight
gradients summed over time, the gates' slopes in backward) is computed once, outside the loop.

Weights use Keras' layout, so `from_keras` is a plain copy:
    Wx (D, k*H)   kernel             (gate blocks side by side: LSTM i f g o, GRU z r h~)
    Wh (H, k*H)   recurrent kernel
    b  (k*H,)     bias; GRU with reset_after=True has two rows (2, 3H): input bias, recurrent bias

Inside, arrays are stored time-major (time, batch, ...) so that the loops over time read
contiguous slices; the trace shows them batch-major (batch, time, ...) as numpy views.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from types import SimpleNamespace

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


def _act_grad(name: str, pre: np.ndarray, value: np.ndarray) -> np.ndarray:
    """act'(pre), from the pre-activation and its activation `value` = act(pre) already computed."""
    if name == "tanh":
        return 1.0 - value * value
    return (pre > 0).astype(value.dtype)


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

    def _gate_sequences(self, seq: SimpleNamespace) -> dict[str, np.ndarray]:
        """The trace's gates, by name, batch-major views of the forward loop's sequences."""
        return {name: _batch_major(getattr(seq, symbol))
                for name, symbol in zip(self.gate_names, self.gate_symbols, strict=True)}

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
        x, h = self._prepare(x, h0)
        h0, act, Wh = h, _act(self.activation), self.params["Wh"]
        xw = self._input_products(x, self.params["b"])  # x_t Wx + b for every t
        H = self.units
        seq = _sequences(xw.shape[:2], self.dtype, h=H)
        seq.a = xw  # becomes the pre-activations: each step adds its h_{t-1} Wh in place
        for t in range(len(xw)):
            a = xw[t]
            a += h @ Wh  # a = x_t Wx + b + h_{t-1} Wh
            h = act(a)
            seq.h[t] = h
        return Trace(x=x, h0=h0, hidden=_batch_major(seq.h), gates={},
                     pre={"hidden": _batch_major(seq.a)}, cache=_cache(x, seq))

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only (batch, units)."""
        dh_out = self._check_d_hidden(trace, d_hidden)
        s = trace.cache
        Wh_T = self.params["Wh"].T
        steps = len(dh_out)
        cut = self._cuts(steps, truncate)
        act_slope = _act_grad(self.activation, s["a"], s["h"])  # act'(a_t), every step at once
        d_a = np.empty_like(s["a"])  # dL/da_t
        dh_sq = np.empty((steps, dh_out.shape[1]))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        for t in range(steps - 1, -1, -1):
            dh = dh_out[t] + dh_next  # dL/dh_t: from the output at t and from step t+1
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            d_a[t] = da = dh * act_slope[t]
            dh_next = np.zeros_like(dh) if cut[t] else da @ Wh_T
        grads = self._weight_grads(trace, d_a, d_a, _previous(trace.h0, s["h"]))
        grads["b"] = d_a.sum(axis=(0, 1))
        grads["h0"] = dh_next
        _add_norms(grads, dh_sq)
        return grads


class LSTM(_Cell):
    """[a_i|a_f|a_g|a_o] = x_t Wx + h_{t-1} Wh + b;  i, f, o = sigma(.);  g = act(a_g);
    c_t = f * c_{t-1} + i * g;  h_t = o * act(c_t)."""

    kind = "LSTM"
    keras_class = "LSTM"
    blocks = 4
    gate_names = ("input", "forget", "candidate", "output")
    gate_symbols = ("i", "f", "g", "o")  # as on the Concepts page

    def __init__(self, input_size: int, units: int, seed: int = 0, dtype=np.float64,
                 activation: str = "tanh"):
        super().__init__(input_size, units, seed=seed, dtype=dtype, activation=activation)
        self.params["b"][units : 2 * units] = 1.0  # Keras' unit_forget_bias

    @single_blas_thread
    def forward(self, x, h0=None, c0=None) -> Trace:
        x, h = self._prepare(x, h0)
        c = (np.zeros_like(h) if c0 is None
             else np.broadcast_to(np.asarray(c0, self.dtype), h.shape).copy())
        h0, c0 = h, c
        act, Wh = _act(self.activation), self.params["Wh"]
        xw = self._input_products(x, self.params["b"])  # x_t Wx + b for every t: (T, B, 4H)
        H = self.units
        col_i, col_f, col_g, col_o = _blocks(H, 4)  # column slices of the gate blocks
        seq = _sequences(xw.shape[:2], self.dtype, i=H, f=H, g=H, o=H, c=H, h=H)
        seq.a = xw  # becomes the pre-activations: each step adds its h_{t-1} Wh in place
        for t in range(len(xw)):
            a = xw[t]
            a += h @ Wh  # [a_i|a_f|a_g|a_o] = x_t Wx + b + h_{t-1} Wh
            gate = sigmoid(a)  # every block at once; the g block is not a gate and is not read
            i, f, o = gate[:, col_i], gate[:, col_f], gate[:, col_o]
            g = act(a[:, col_g])
            c = f * c + i * g
            h = o * act(c)
            seq.i[t], seq.f[t], seq.g[t], seq.o[t], seq.c[t], seq.h[t] = i, f, g, o, c, h
        return Trace(
            x=x, h0=h0, c0=c0, hidden=_batch_major(seq.h), cell=_batch_major(seq.c),
            gates=self._gate_sequences(seq),
            pre=_split_blocks(_batch_major(seq.a), self.gate_names, H), cache=_cache(x, seq),
        )

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None, d_cell=None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only.

        d_cell (optional): dL/dc_T, a gradient on the final cell state.
        """
        dh_out = self._check_d_hidden(trace, d_hidden)
        H = self.units
        col_i, col_f, col_g, col_o = _blocks(H, 4)  # column slices of the gate blocks
        s = trace.cache
        i, f, g, o, c = s["i"], s["f"], s["g"], s["o"], s["c"]
        c_prev = _previous(trace.c0, c)
        # Everything that does not depend on the incoming gradient, for every step at once.
        act_c = _act(self.activation)(c)
        act_c_slope = _act_grad(self.activation, c, act_c)  # act'(c_t)
        g_slope = _act_grad(self.activation, s["a"][..., col_g], g)  # act'(a_g)
        i_slope, f_slope, o_slope = i * (1.0 - i), f * (1.0 - f), o * (1.0 - o)  # sigma' = s(1-s)
        Wh_T = self.params["Wh"].T
        steps = len(dh_out)
        cut = self._cuts(steps, truncate)
        d_a = np.empty_like(s["a"])  # dL/d[a_i|a_f|a_g|a_o]
        dh_sq = np.empty((steps, dh_out.shape[1]))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        dc_next = (np.zeros_like(trace.h0) if d_cell is None
                   else np.asarray(d_cell, self.dtype).copy())
        for t in range(steps - 1, -1, -1):
            dh = dh_out[t] + dh_next  # dL/dh_t: from the output at t and from step t+1
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            dc = dc_next + dh * o[t] * act_c_slope[t]  # dL/dc_t: from step t+1 and through h_t
            da = d_a[t]
            da[:, col_i] = dc * g[t] * i_slope[t]  # c_t = f * c_{t-1} + i * g, i = sigma(a_i)
            da[:, col_f] = dc * c_prev[t] * f_slope[t]
            da[:, col_g] = dc * i[t] * g_slope[t]
            da[:, col_o] = dh * act_c[t] * o_slope[t]  # h_t = o * act(c_t)
            if cut[t]:
                dh_next, dc_next = np.zeros_like(dh), np.zeros_like(dc)
            else:
                dh_next, dc_next = da @ Wh_T, dc * f[t]
        grads = self._weight_grads(trace, d_a, d_a, _previous(trace.h0, s["h"]))
        grads["b"] = d_a.sum(axis=(0, 1))
        grads["h0"] = dh_next
        grads["c0"] = dc_next
        _add_norms(grads, dh_sq)
        return grads


class GRU(_Cell):
    """reset_after=True (Keras' default):
        mx = x_t Wx + b[0];  mh = h_{t-1} Wh + b[1]
        z = sigma(mx_z + mh_z);  r = sigma(mx_r + mh_r);  h~ = act(mx_h + r * mh_h)
        h_t = z * h_{t-1} + (1 - z) * h~            (z weighs the OLD state)
    reset_after=False (the textbook form): h~ = act(x_t Wx_h + (r * h_{t-1}) Wh_h + b_h).
    """

    kind = "GRU"
    keras_class = "GRU"
    blocks = 3
    gate_names = ("update", "reset", "candidate")
    gate_symbols = ("z", "r", "h_tilde")  # z, r and h~ on the Concepts page

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
        x, h = self._prepare(x, h0)
        h0, act = h, _act(self.activation)
        Wh, b = self.params["Wh"], self.params["b"]
        b_in, b_rec = (b[0], b[1]) if self.reset_after else (b, None)
        mx = self._input_products(x, b_in)  # x_t Wx + input bias for every t: (T, B, 3H)
        H = self.units
        ZR, C = slice(0, 2 * H), slice(2 * H, 3 * H)  # update+reset blocks, candidate block
        Wh_zr, Wh_h = Wh[:, ZR], Wh[:, C]
        # a_zr, a_h: the pre-activations of [z|r] and of h~; mh_h: the recurrent product the
        # candidate reads, h_{t-1} Wh_h + b[1]_h (textbook form: (r * h_{t-1}) Wh_h)
        seq = _sequences(mx.shape[:2], self.dtype, a_zr=2 * H, a_h=H, z=H, r=H, h_tilde=H,
                         mh_h=H, h=H)
        for t in range(len(mx)):
            if self.reset_after:
                mh = h @ Wh + b_rec  # [mh_z|mh_r|mh_h] = h_{t-1} Wh + b[1]
                a_zr = mx[t][:, ZR] + mh[:, ZR]
                zr = sigmoid(a_zr)  # z and r side by side
                z, r = zr[:, :H], zr[:, H:]
                mh_h = mh[:, C]
                a_h = mx[t][:, C] + r * mh_h
            else:
                a_zr = mx[t][:, ZR] + h @ Wh_zr
                zr = sigmoid(a_zr)
                z, r = zr[:, :H], zr[:, H:]
                mh_h = (r * h) @ Wh_h
                a_h = mx[t][:, C] + mh_h
            h_tilde = act(a_h)
            h = z * h + (1.0 - z) * h_tilde
            (seq.a_zr[t], seq.a_h[t], seq.z[t], seq.r[t], seq.h_tilde[t], seq.mh_h[t],
             seq.h[t]) = a_zr, a_h, z, r, h_tilde, mh_h, h
        pre = np.concatenate([seq.a_zr, seq.a_h], axis=-1)
        return Trace(
            x=x, h0=h0, hidden=_batch_major(seq.h),
            gates=self._gate_sequences(seq),
            pre=_split_blocks(_batch_major(pre), self.gate_names, H), cache=_cache(x, seq),
        )

    @single_blas_thread
    def backward(self, trace: Trace, d_hidden, truncate: int | None = None) -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only."""
        dh_out = self._check_d_hidden(trace, d_hidden)
        H = self.units
        Z, R, C = _blocks(H, 3)
        ZR = slice(0, 2 * H)  # update+reset blocks
        s = trace.cache
        z, r, h_tilde, mh_h = s["z"], s["r"], s["h_tilde"], s["mh_h"]
        h_prev = _previous(trace.h0, s["h"])
        # Everything that does not depend on the incoming gradient, for every step at once.
        h_tilde_slope = _act_grad(self.activation, s["a_h"], h_tilde)  # act'(a_h)
        z_slope, r_slope = z * (1.0 - z), r * (1.0 - r)  # sigma' = s(1-s)
        Wh = self.params["Wh"]
        Wh_T, Wh_zr_T, Wh_h_T = Wh.T, Wh[:, ZR].T, Wh[:, C].T
        steps = len(dh_out)
        cut = self._cuts(steps, truncate)
        batch = dh_out.shape[1]
        d_in = np.empty((steps, batch, 3 * H), self.dtype)  # dL/d(input-side)  [z | r | h~]
        d_rec = np.empty_like(d_in)  # dL/d(recurrent-side products)            [z | r | h~]
        dh_sq = np.empty((steps, batch))  # ||dL/dh_t||^2 per sample
        dh_next = np.zeros_like(trace.h0)
        for t in range(steps - 1, -1, -1):
            dh = dh_out[t] + dh_next  # dL/dh_t: from the output at t and from step t+1
            dh_sq[t] = np.einsum("bh,bh->b", dh, dh)
            # h_t = z * h_{t-1} + (1 - z) * h~
            d_a_h = dh * (1.0 - z[t]) * h_tilde_slope[t]
            d_a_z = dh * (h_prev[t] - h_tilde[t]) * z_slope[t]
            if self.reset_after:
                d_r = d_a_h * mh_h[t]
                d_rec[t][:, C] = d_a_h * r[t]
            else:
                d_rh = d_a_h @ Wh_h_T  # dL/d(r * h_{t-1})
                d_r = d_rh * h_prev[t]
                d_rec[t][:, C] = d_a_h
            d_a_r = d_r * r_slope[t]
            d_in[t][:, Z], d_in[t][:, R], d_in[t][:, C] = d_a_z, d_a_r, d_a_h
            d_rec[t][:, ZR] = d_in[t][:, ZR]  # z and r: the same sum on both sides
            if cut[t]:
                dh_next = np.zeros_like(dh)
            elif self.reset_after:
                dh_next = dh * z[t] + d_rec[t] @ Wh_T
            else:
                dh_next = dh * z[t] + d_rec[t][:, ZR] @ Wh_zr_T + d_rh * r[t]
        if self.reset_after:
            grads = self._weight_grads(trace, d_in, d_rec, h_prev)
            grads["b"] = np.stack([d_in.sum(axis=(0, 1)), d_rec.sum(axis=(0, 1))])
        else:
            grads = self._weight_grads(trace, d_in, d_rec[..., ZR], h_prev)
            reset_h = r * h_prev  # what multiplied Wh_h
            d_Wh_h = reset_h.reshape(-1, H).T @ d_rec[..., C].reshape(-1, H)
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


def _blocks(units: int, count: int) -> tuple[slice, ...]:
    """The column slices of `count` gate blocks side by side (Keras' layout), each `units` wide."""
    return tuple(slice(k * units, (k + 1) * units) for k in range(count))


def _sequences(shape: tuple[int, int], dtype, **widths: int) -> SimpleNamespace:
    """Empty time-major (time, batch, width) arrays, one per named quantity, filled step by step."""
    return SimpleNamespace(**{name: np.empty((*shape, w), dtype) for name, w in widths.items()})


def _cache(x: np.ndarray, seq: SimpleNamespace) -> dict[str, np.ndarray]:
    """What backward reads: the time-major input and every sequence the forward loop kept."""
    return {"x_tm": x.transpose(1, 0, 2), **vars(seq)}


def _split_blocks(a: np.ndarray, names: tuple[str, ...], units: int) -> dict[str, np.ndarray]:
    return {name: a[..., k * units : (k + 1) * units] for k, name in enumerate(names)}
