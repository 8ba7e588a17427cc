"""minGRU and minLSTM (Feng et al. 2024, "Were RNNs All We Needed?") in plain numpy.

Both drop h_{t-1} from their gates, which turns the cell into the linear recurrence

    h_t = a_t * h_{t-1} + b_t        (a_t, b_t: functions of x_t only)

minGRU:   z = sigma(x Wx_z + b_z);  h~ = act(x Wx_h + b_h)
          h_t = (1 - z) * h_{t-1} + z * h~                 a = 1 - z,  b = z * h~
minLSTM:  f = sigma(x Wx_f + b_f);  i = sigma(x Wx_i + b_i);  h~ = act(x Wx_h + b_h)
          f' = f / (f + i);  i' = i / (f + i)               (the paper's normalised gates)
          h_t = f' * h_{t-1} + i' * h~                      a = f',    b = i' * h~

`act` is the paper's g(v) = v + 0.5 for v >= 0, sigma(v) below (its log-space version, which
keeps h~ > 0), or "linear" (its plain version), or "tanh" / "relu" (as the other cells offer). Note z weighs the NEW candidate here,
as in the paper; Keras' GRU (rnnlab.scratch.GRU) lets z weigh the old state.

`forward(x, mode=...)` computes the gates for every step at once (they do not depend on h), then
h by `rnnlab.scratch.scan.linear_scan`: "loop" (T steps), "scan" (log-depth associative scan) or
"log" (the paper's log-space form). `backward` runs the gradient recurrence
g_t = dL/dh_t + a_{t+1} g_{t+1}, itself a linear recurrence, by the same modes.

Weights in Keras' layout, gate blocks side by side: Wx (D, kH) with blocks [z | h~] (minGRU) or
[f | i | h~] (minLSTM), b (kH,). There is no recurrent kernel.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from rnnlab.scratch.blas import single_blas_thread
from rnnlab.scratch.cells import (
    Trace,
    _add_norms,
    _batch_major,
    _Cell,
    _previous,
    glorot_uniform,
    sigmoid,
)
from rnnlab.scratch.scan import MODES, linear_scan, reverse_linear_scan

ACTIVATIONS = ("g", "linear", "tanh", "relu")


def g(v: np.ndarray) -> np.ndarray:
    """The paper's positive activation: v + 0.5 for v >= 0, sigma(v) below (continuous at 0)."""
    return np.where(v >= 0, v + 0.5, sigmoid(np.minimum(v, 0.0)))


def _activate(name: str, v: np.ndarray) -> np.ndarray:
    if name == "g":
        return g(v)
    if name == "tanh":
        return np.tanh(v)
    if name == "relu":
        return np.maximum(v, 0.0)
    return v.copy()


def _activate_slope(name: str, v: np.ndarray, value: np.ndarray) -> np.ndarray:
    if name == "g":
        s = sigmoid(np.minimum(v, 0.0))
        return np.where(v >= 0, 1.0, s * (1.0 - s))
    if name == "tanh":
        return 1.0 - value * value
    if name == "relu":
        return (v > 0).astype(v.dtype)
    return np.ones_like(v)


@dataclass
class MinTrace(Trace):
    """A Trace plus the unified form's coefficients: h_t = a_t * h_{t-1} + b_t, batch-major."""

    a: np.ndarray | None = None
    b: np.ndarray | None = None
    mode: str = "loop"


class _MinCell:
    kind = ""
    blocks = 2
    gate_names: tuple[str, ...] = ()
    gate_symbols: tuple[str, ...] = ()

    def __init__(self, input_size: int, units: int, seed: int = 0, dtype=np.float64,
                 activation: str = "g"):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
        if input_size < 1 or units < 1:
            raise ValueError("input_size and units must be at least 1")
        self.input_size = int(input_size)
        self.units = int(units)
        self.dtype = np.dtype(dtype)
        self.activation = activation
        rng = np.random.default_rng(seed)
        self.params = {
            "Wx": glorot_uniform(rng, (self.input_size, self.blocks * self.units)).astype(self.dtype),
            "b": np.zeros(self.blocks * self.units, dtype=self.dtype),
        }

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(input_size={self.input_size}, units={self.units}, "
                f"activation={self.activation!r}, dtype={self.dtype.name})")

    @property
    def n_params(self) -> int:
        return sum(p.size for p in self.params.values())

    def copy(self):
        twin = copy.copy(self)
        twin.params = {name: p.copy() for name, p in self.params.items()}
        return twin

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        for name, current in self.params.items():
            new = np.asarray(params[name], dtype=self.dtype)
            if new.shape != current.shape:
                raise ValueError(f"{name} has shape {new.shape}, expected {current.shape}")
            current[...] = new

    @classmethod
    def from_keras(cls, layer, dtype=None):
        """A cell holding a copy of a built rnnlab.training.minimal_layers layer's weights."""
        if type(layer).__name__ != cls.__name__ or getattr(layer, "blocks", 0) != cls.blocks:
            raise ValueError(f"expected a Keras {cls.__name__} layer, got {type(layer).__name__}")
        if not layer.built:
            raise ValueError("the Keras layer is not built yet: call it on data or build the model")
        kernel, bias = layer.get_weights()
        cell = cls(kernel.shape[0], kernel.shape[1] // cls.blocks, dtype=np.dtype(dtype or kernel.dtype),
                   activation=layer.activation)
        cell.set_params({"Wx": kernel, "b": bias})
        return cell

    _prepare = _Cell._prepare
    _cuts = staticmethod(_Cell._cuts)
    _check_d_hidden = _Cell._check_d_hidden

    @staticmethod
    def _check_mode(mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")

    @single_blas_thread
    def forward(self, x, h0=None, mode: str = "loop") -> MinTrace:
        """Every step's gates (at once: they read x only), then h by `mode` (loop, scan, log)."""
        self._check_mode(mode)
        x, h0 = self._prepare(x, h0)
        x_tm = np.ascontiguousarray(x.transpose(1, 0, 2))
        pre = x_tm @ self.params["Wx"] + self.params["b"]  # (T, B, kH) for every t at once
        seq = self._gates(pre)
        a, b = self._coefficients(seq)
        hidden = linear_scan(a, b, h0, mode)
        cache = {"x_tm": x_tm, "pre": pre, "a": a, "b": b, "h": hidden, **seq}
        H = self.units
        return MinTrace(
            x=x, h0=h0, hidden=_batch_major(hidden),
            gates={name: _batch_major(seq[sym]) for name, sym in zip(self.gate_names, self.gate_symbols, strict=True)},
            pre={name: _batch_major(pre[..., k * H:(k + 1) * H]) for k, name in enumerate(self.pre_names)},
            cache=cache, a=_batch_major(a), b=_batch_major(b), mode=mode,
        )

    @single_blas_thread
    def backward(self, trace: MinTrace, d_hidden, truncate: int | None = None,
                 mode: str = "loop") -> dict:
        """BPTT. d_hidden: dL/dh_t for every step (batch, time, units), or for h_T only.

        The gradient reaching h_t from later steps obeys g_t = dL/dh_t + a_{t+1} g_{t+1}: a
        linear recurrence backwards in time, computed by `mode` like the forward pass.
        """
        self._check_mode(mode)
        dh_out = self._check_d_hidden(trace, d_hidden)
        s = trace.cache
        a = s["a"]
        keep = ~self._cuts(len(a), truncate)  # where the gradient may flow from step t to t-1
        a_flow = a * keep[:, None, None]
        g_total = reverse_linear_scan(a_flow, dh_out, mode)  # dL/dh_t, every path
        h_prev = _previous(trace.h0, s["h"])
        d_a, d_b = g_total * h_prev, g_total  # h_t = a_t h_{t-1} + b_t
        d_pre = self._pre_grads(s, d_a, d_b)
        features = s["x_tm"].shape[-1]
        width = d_pre.shape[-1]
        grads = {
            "Wx": s["x_tm"].reshape(-1, features).T @ d_pre.reshape(-1, width),
            "b": d_pre.sum(axis=(0, 1)),
            "x": _batch_major(d_pre @ self.params["Wx"].T),
            "h0": a_flow[0] * g_total[0],
        }
        _add_norms(grads, np.einsum("tbh,tbh->tb", g_total, g_total))
        return grads


class MinGRU(_MinCell):
    """h_t = (1 - z_t) * h_{t-1} + z_t * h~_t with z = sigma(x Wx_z + b_z), h~ = act(x Wx_h + b_h)."""

    kind = "minGRU"
    blocks = 2
    gate_names = ("update", "candidate")
    gate_symbols = ("z", "h_tilde")
    pre_names = ("update", "candidate")

    def _gates(self, pre: np.ndarray) -> dict[str, np.ndarray]:
        H = self.units
        return {"z": sigmoid(pre[..., :H]), "h_tilde": _activate(self.activation, pre[..., H:])}

    def _coefficients(self, seq: dict) -> tuple[np.ndarray, np.ndarray]:
        return 1.0 - seq["z"], seq["z"] * seq["h_tilde"]

    def _pre_grads(self, s: dict, d_a: np.ndarray, d_b: np.ndarray) -> np.ndarray:
        H = self.units
        z, h_tilde = s["z"], s["h_tilde"]
        d_z = -d_a + d_b * h_tilde  # a = 1 - z, b = z h~
        d_h_tilde = d_b * z
        d_pre = np.empty_like(s["pre"])
        d_pre[..., :H] = d_z * z * (1.0 - z)
        d_pre[..., H:] = d_h_tilde * _activate_slope(self.activation, s["pre"][..., H:], h_tilde)
        return d_pre


class MinLSTM(_MinCell):
    """h_t = f'_t * h_{t-1} + i'_t * h~_t with f' = f/(f+i), i' = i/(f+i), f, i sigmoid gates."""

    kind = "minLSTM"
    blocks = 3
    gate_names = ("forget", "input", "forget_norm", "input_norm", "candidate")
    gate_symbols = ("f", "i", "f_norm", "i_norm", "h_tilde")
    pre_names = ("forget", "input", "candidate")

    def _gates(self, pre: np.ndarray) -> dict[str, np.ndarray]:
        H = self.units
        f, i = sigmoid(pre[..., :H]), sigmoid(pre[..., H:2 * H])
        total = f + i
        return {"f": f, "i": i, "f_norm": f / total, "i_norm": i / total,
                "h_tilde": _activate(self.activation, pre[..., 2 * H:])}

    def _coefficients(self, seq: dict) -> tuple[np.ndarray, np.ndarray]:
        return seq["f_norm"], seq["i_norm"] * seq["h_tilde"]

    def _pre_grads(self, s: dict, d_a: np.ndarray, d_b: np.ndarray) -> np.ndarray:
        H = self.units
        f, i, h_tilde = s["f"], s["i"], s["h_tilde"]
        total_sq = (f + i) ** 2
        d_f_norm = d_a  # a = f'
        d_i_norm = d_b * h_tilde  # b = i' h~
        # f' = f/(f+i), i' = i/(f+i):  df'/df = i/s^2, df'/di = -f/s^2, di'/df = -i/s^2, di'/di = f/s^2
        d_f = (d_f_norm - d_i_norm) * i / total_sq
        d_i = (d_i_norm - d_f_norm) * f / total_sq
        d_pre = np.empty_like(s["pre"])
        d_pre[..., :H] = d_f * f * (1.0 - f)
        d_pre[..., H:2 * H] = d_i * i * (1.0 - i)
        d_pre[..., 2 * H:] = d_b * s["i_norm"] * _activate_slope(self.activation, s["pre"][..., 2 * H:], h_tilde)
        return d_pre


MINIMAL_CELLS = {cls.kind: cls for cls in (MinGRU, MinLSTM)}
