"""The small computed figures of the Concepts page: activation functions and their slopes.

Plain numpy, no Streamlit, no TensorFlow. The gradient-decay curve comes from rnnlab.scratch.
"""

from __future__ import annotations

import numpy as np

from rnnlab import scratch
from rnnlab.declarations import vocab

ACTIVATIONS = ("sigmoid", "tanh", "relu")


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, written to stay finite for large |x|."""
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


def activation(name: str, x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if name == "sigmoid":
        return sigmoid(x)
    if name == "tanh":
        return np.tanh(x)
    if name == "relu":
        return np.maximum(x, 0.0)
    raise ValueError(f"unknown activation {name!r}; expected one of {ACTIVATIONS}")


def derivative(name: str, x: np.ndarray) -> np.ndarray:
    """The slope of each activation: what the gradient is multiplied by at every time step."""
    x = np.asarray(x, dtype=float)
    if name == "sigmoid":
        s = sigmoid(x)
        return s * (1.0 - s)  # at most 0.25, at x = 0
    if name == "tanh":
        return 1.0 - np.tanh(x) ** 2  # at most 1, at x = 0
    if name == "relu":
        return (x > 0).astype(float)  # 0 or 1: no squashing, but no bound on the value either
    raise ValueError(f"unknown activation {name!r}; expected one of {ACTIVATIONS}")


def activation_curves(names=ACTIVATIONS, lo: float = -5.0, hi: float = 5.0, n: int = 401):
    """x, and for each activation its values and its slope on [lo, hi]."""
    x = np.linspace(lo, hi, n)
    return x, {k: activation(k, x) for k in names}, {k: derivative(k, x) for k in names}


def latex_number(x: float, lang: str = "en", digits: int = 2) -> str:
    """``x`` for LaTeX with the language's decimal mark: 0.25 -> ``0{,}25``, 9.5e-07 ->
    ``9{,}5 \\cdot 10^{-7}`` in Spanish (plain decimals between 0.001 and 10**digits)."""
    from rnnlab.i18n.numbers import fmt_power, fmt_tex

    if x == 0 or 1e-3 <= abs(x) < 10**digits:
        return fmt_tex(float(x), lang, sig=digits)
    return fmt_power(x, lang, sig=digits, tex=True)


def percent(x: float, lang: str = "en") -> str:
    """A share as a percentage with two significant digits: 0.0081 -> '0.81%' ('0,81 %' in es)."""
    from rnnlab.i18n.numbers import fmt

    sign = "\u00a0%" if lang == "es" else "%"  # Spanish leaves a (non-breaking) space: 38 %
    return fmt(100 * float(x), lang, sig=2) + sign


def decay_after(factor: float, steps: int) -> float:
    """How much of a gradient survives ``steps`` multiplications by ``factor`` (e.g. 0.25**10)."""
    return float(factor) ** int(steps)


# The equations of the lesson, with the symbols and gate order of rnnlab.scratch and Keras:
# row vectors, x_t W_x + h_{t-1} W_h + b; LSTM blocks i, f, g, o; GRU blocks z, r, h.
EQUATIONS = {
    "simple": [r"h_t = \tanh\left(x_t W_x + h_{t-1} W_h + b\right)",
               r"\hat{y} = h_T W_y + b_y"],
    "lstm": [r"i_t = \sigma\left(x_t W_{xi} + h_{t-1} W_{hi} + b_i\right)",
             r"f_t = \sigma\left(x_t W_{xf} + h_{t-1} W_{hf} + b_f\right)",
             r"g_t = \tanh\left(x_t W_{xg} + h_{t-1} W_{hg} + b_g\right)",
             r"o_t = \sigma\left(x_t W_{xo} + h_{t-1} W_{ho} + b_o\right)",
             r"c_t = f_t \odot c_{t-1} + i_t \odot g_t",
             r"h_t = o_t \odot \tanh(c_t)"],
    "lstm_blocks": [r"W_x = \left[\,W_{xi} \mid W_{xf} \mid W_{xg} \mid W_{xo}\,\right]"],
    "gru": [r"z_t = \sigma\left(x_t W_{xz} + b_{xz} + h_{t-1} W_{hz} + b_{hz}\right)",
            r"r_t = \sigma\left(x_t W_{xr} + b_{xr} + h_{t-1} W_{hr} + b_{hr}\right)",
            r"\tilde{h}_t = \tanh\left(x_t W_{xh} + b_{xh} + r_t \odot \left(h_{t-1} W_{hh} + b_{hh}\right)\right)",
            r"h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t"],
    "gru_textbook": [r"\tilde{h}_t = \tanh\left(x_t W_{xh} + \left(r_t \odot h_{t-1}\right) W_{hh} + b_h\right)"],
    "bptt": [r"\delta_T = \frac{\partial L}{\partial h_T}",
             r"\delta_{t-1} = \left(\delta_t \odot \left(1 - h_t^2\right)\right) W_h^{\top}",
             r"\lVert \delta_{T-k} \rVert \le \lVert \delta_T \rVert \, \lVert W_h \rVert^{k}"],
    "gated_paths": [r"\text{LSTM:}\quad \frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t)",
                    r"\text{GRU:}\quad \frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(z_t) + \dots"],
}


def latex_block(name: str) -> str:
    """The equations of ``EQUATIONS[name]`` as one centred LaTeX block, one per line."""
    return r"\begin{gathered}" + r" \\[4pt] ".join(EQUATIONS[name]) + r"\end{gathered}"


DECAY_CELLS = vocab.CELLS
KEEP_GATE = {"LSTM": "forget", "GRU": "update"}  # the gate whose value 1 keeps the old memory


def _set_keep_bias(cell, bias: float) -> None:
    """Set the bias of the gate that keeps the memory (LSTM f, GRU z): sigma(bias) ~ how open."""
    k = cell.gate_names.index(KEEP_GATE[cell.kind])
    block = slice(k * cell.units, (k + 1) * cell.units)
    b = cell.params["b"]
    if b.ndim == 2:  # GRU reset_after: input and recurrent bias rows; put it all in the first
        b[0, block], b[1, block] = bias, 0.0
    else:
        b[block] = bias


def gradient_decay(values, length: int = 40, radius: float = 0.9, keep_bias: float = 1.0,
                   units: int = 16, seed: int = 0) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """How much of the gradient reaches k steps back, for each cell type, with random weights.

    Each cell (same seed) reads the first ``length`` values of ``values`` (standardised), its
    recurrent blocks scaled to spectral radius ``radius`` and its keep gate's bias set to
    ``keep_bias``. Returns lags k = 0..T-1 and, per cell, ||dh_T/dh_{T-k}|| / sqrt(units)
    (k = 0 is the identity, so every curve starts at 1).
    """
    values = np.asarray(values, dtype=float)[: int(length)]
    if len(values) < 2:
        raise ValueError("the gradient curve needs a sequence of at least 2 values")
    spread = values.std()
    x = ((values - values.mean()) / (spread if spread > 0 else 1.0))[:, None]
    norms = {}
    for kind in DECAY_CELLS:
        cell = scratch.with_spectral_radius(scratch.CELLS[kind](1, units, seed=seed), radius)
        if kind in KEEP_GATE:
            _set_keep_bias(cell, keep_bias)
        norms[kind] = scratch.jacobian_norms(cell, x)[::-1] / np.sqrt(units)
    return np.arange(len(values)), norms
