"""Keras layers for minGRU and minLSTM (Feng et al. 2024), computed by a parallel scan.

The equations are those of the numpy engine (rnnlab/scratch/minimal.py), with the same weight
layout, so `rnnlab.scratch.MinGRU.from_keras(layer)` copies them:

    pre = x Wx + b                       blocks [z | h~] (minGRU) or [f | i | h~] (minLSTM)
    minGRU:  a = 1 - sigma(pre_z),   b = sigma(pre_z) * act(pre_h)
    minLSTM: f, i = sigma(pre_f), sigma(pre_i);  a = f/(f+i),  b = i/(f+i) * act(pre_h)
    h_t = a_t * h_{t-1} + b_t,  h_0 = 0

`mode="scan"` uses `keras.ops.associative_scan` over time (log depth); `mode="loop"` uses
`keras.ops.scan` (T dependent steps): the same numbers, for timing the two.

Importing this module does not import TensorFlow: the layer classes are made on first use
(``layers()``, or the names ``MinGRU``, ``MinLSTM``, ``LAYERS``), which imports Keras and
registers them for loading saved ``.keras`` files.
"""

from __future__ import annotations

import threading

ACTIVATIONS = ("g", "linear", "tanh", "relu")
MODES = ("scan", "loop")


MAX_DOUBLINGS = 17  # 2**17 = 131,072 steps: longer than any window the app trains on

_LOCK = threading.Lock()
_LAYERS: dict | None = None


def layers() -> dict:
    """{"minGRU": MinGRU, "minLSTM": MinLSTM}: the Keras layer classes (imports Keras once)."""
    global _LAYERS
    with _LOCK:
        if _LAYERS is None:
            _LAYERS = _build()
        return _LAYERS


def __getattr__(name: str):
    if name == "LAYERS":
        return layers()
    if name in ("MinGRU", "MinLSTM"):
        return layers()[name[:3].lower() + name[3:]]
    raise AttributeError(name)


def _build() -> dict:
    import keras
    from keras import ops

    def _activate(name: str, v):
        if name == "g":  # the paper's positive activation: v + 0.5 for v >= 0, sigma(v) below
            return ops.where(v >= 0, v + 0.5, ops.sigmoid(v))
        if name == "tanh":
            return ops.tanh(v)
        if name == "relu":
            return ops.relu(v)
        return v

    def _compose(earlier, later):
        """(a1, b1) then (a2, b2) = (a2 a1, a2 b1 + b2): two steps h -> a h + b as one."""
        a1, b1 = earlier
        a2, b2 = later
        return a2 * a1, a2 * b1 + b2

    def _doubling_scan(a, b):
        """The prefixes of h_t = a_t h_{t-1} + b_t (h_0 = 0) when the length T is only known at run
        time: Hillis and Steele's scan, log2(T) rounds of "combine each step with the one 2^k
        before it" (identity (1, 0) before the start). Rounds past T change nothing, so a fixed
        number of them (written out once) serves every T up to 2**MAX_DOUBLINGS."""
        steps = ops.shape(a)[1]
        for k in range(MAX_DOUBLINGS):
            shift = ops.minimum(2**k, steps)
            earlier_a = ops.concatenate([ops.ones_like(a), a], axis=1)[:, steps - shift: 2 * steps - shift]
            earlier_b = ops.concatenate([ops.zeros_like(b), b], axis=1)[:, steps - shift: 2 * steps - shift]
            a, b = _compose((earlier_a, earlier_b), (a, b))
        return b

    class _MinRNN(keras.layers.Layer):
        blocks = 2

        def __init__(self, units: int, activation: str = "g", return_sequences: bool = False,
                     mode: str = "scan", kernel_initializer="glorot_uniform", **kwargs):
            super().__init__(**kwargs)
            if activation not in ACTIVATIONS:
                raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
            if mode not in MODES:
                raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
            self.units = int(units)
            self.activation = activation
            self.return_sequences = bool(return_sequences)
            self.mode = mode
            self.kernel_initializer = keras.initializers.get(kernel_initializer)

        def build(self, input_shape):
            width = self.blocks * self.units
            self.kernel = self.add_weight(shape=(input_shape[-1], width), initializer=self.kernel_initializer,
                                          name="kernel")
            self.bias = self.add_weight(shape=(width,), initializer="zeros", name="bias")

        def call(self, inputs):
            pre = ops.matmul(inputs, self.kernel) + self.bias  # (batch, time, kH), every step at once
            a, b = self._coefficients(pre)
            if self.mode == "scan" and a.shape[1] is not None:
                _, hidden = ops.associative_scan(_compose, (a, b), axis=1)  # h0 = 0: h_t = B_t
                # TensorFlow's scan loses the static shape inside tf.function; the next layer needs it.
                hidden = ops.reshape(hidden, (-1, *a.shape[1:]))
            elif self.mode == "scan":  # a window of any length (one traced model for every lookback)
                hidden = _doubling_scan(a, b)
            else:
                def step(h, ab):
                    h = ab[0] * h + ab[1]
                    return h, h

                h0 = ops.zeros_like(a[:, 0])
                _, hidden = ops.scan(step, h0, (ops.moveaxis(a, 1, 0), ops.moveaxis(b, 1, 0)))
                hidden = ops.moveaxis(hidden, 0, 1)
            return hidden if self.return_sequences else hidden[:, -1]

        def compute_output_shape(self, input_shape):
            if self.return_sequences:
                return (input_shape[0], input_shape[1], self.units)
            return (input_shape[0], self.units)

        def get_config(self):
            return {**super().get_config(), "units": self.units, "activation": self.activation,
                    "return_sequences": self.return_sequences, "mode": self.mode,
                    "kernel_initializer": keras.initializers.serialize(self.kernel_initializer)}

    @keras.saving.register_keras_serializable(package="rnnlab")
    class MinGRU(_MinRNN):
        """minGRU: h_t = (1 - z_t) h_{t-1} + z_t h~_t, z and h~ from x_t only."""

        blocks = 2

        def _coefficients(self, pre):
            H = self.units
            z = ops.sigmoid(pre[..., :H])
            return 1.0 - z, z * _activate(self.activation, pre[..., H:])

    @keras.saving.register_keras_serializable(package="rnnlab")
    class MinLSTM(_MinRNN):
        """minLSTM: h_t = f'_t h_{t-1} + i'_t h~_t with the normalised gates f' = f/(f+i), i' = i/(f+i)."""

        blocks = 3

        def _coefficients(self, pre):
            H = self.units
            f, i = ops.sigmoid(pre[..., :H]), ops.sigmoid(pre[..., H:2 * H])
            total = f + i
            return f / total, i / total * _activate(self.activation, pre[..., 2 * H:])

    return {"minGRU": MinGRU, "minLSTM": MinLSTM}
