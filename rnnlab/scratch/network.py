"""Stacked recurrent layers plus a dense readout: the notebook's model, built from scratch.

    x -> cell 0 -> h^0 (every step) -> cell 1 -> ... -> h^L -> y = h W + b

The readout reads the last step's state ("last", like Keras' return_sequences=False) or every
step's ("every", like return_sequences=True followed by Dense).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnnlab.scratch.cells import CELLS as CLASSIC_CELLS
from rnnlab.scratch.cells import Trace, _Cell, glorot_uniform
from rnnlab.scratch.minimal import MINIMAL_CELLS

CELLS = {**CLASSIC_CELLS, **MINIMAL_CELLS}  # what Network.build stacks

READOUTS = ("last", "every")


@dataclass
class NetworkTrace:
    """One trace per recurrent layer (bottom first) and the readout's output."""

    layers: list[Trace]
    output: np.ndarray  # (batch, outputs) for readout "last", (batch, time, outputs) for "every"


class Network:
    """Recurrent layers (each feeding its whole sequence of states to the next) + a dense readout."""

    def __init__(self, layers: list[_Cell], output_size: int = 1, readout: str = "last",
                 seed: int = 0):
        if not layers:
            raise ValueError("a network needs at least one recurrent layer")
        if readout not in READOUTS:
            raise ValueError(f"readout must be one of {READOUTS}, not {readout!r}")
        for below, above in zip(layers, layers[1:], strict=False):
            if above.input_size != below.units:
                raise ValueError(f"a layer with {below.units} units cannot feed one expecting "
                                 f"{above.input_size} inputs")
        self.layers = list(layers)
        self.readout = readout
        self.dtype = layers[-1].dtype
        rng = np.random.default_rng(seed + len(layers))  # not the seeds the layers used
        self.dense = {  # Keras Dense: glorot-uniform kernel, zero bias
            "W": glorot_uniform(rng, (layers[-1].units, output_size)).astype(self.dtype),
            "b": np.zeros(output_size, dtype=self.dtype),
        }

    @classmethod
    def build(cls, cell: str = "LSTM", units: int | list[int] = 32, input_size: int = 1,
              output_size: int = 1, activation: str = "tanh", readout: str = "last",
              seed: int = 0, dtype=np.float64, reset_after: bool = True) -> Network:
        """A stack of identical cells; units is one number per layer (or one number = one layer)."""
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {tuple(CELLS)}, not {cell!r}")
        sizes = [units] if np.isscalar(units) else list(units)
        extra = {"reset_after": reset_after} if cell == "GRU" else {}
        layers, inputs = [], input_size
        for k, size in enumerate(sizes):
            layers.append(CELLS[cell](inputs, size, seed=seed + k, dtype=dtype,
                                      activation=activation, **extra))
            inputs = size
        return cls(layers, output_size=output_size, readout=readout, seed=seed)

    def __repr__(self) -> str:
        stack = ", ".join(repr(layer) for layer in self.layers)
        return f"Network([{stack}], outputs={self.output_size}, readout={self.readout!r})"

    @property
    def output_size(self) -> int:
        return self.dense["b"].shape[0]

    @property
    def params(self) -> dict[str, np.ndarray]:
        """Every weight, keyed "<layer>.<name>" and "out.W", "out.b": the live arrays, not copies."""
        flat = {f"{k}.{name}": p for k, layer in enumerate(self.layers)
                for name, p in layer.params.items()}
        flat.update({f"out.{name}": p for name, p in self.dense.items()})
        return flat

    @property
    def n_params(self) -> int:
        return sum(p.size for p in self.params.values())

    def get_weights(self) -> dict[str, np.ndarray]:
        return {name: p.copy() for name, p in self.params.items()}

    def set_weights(self, weights: dict[str, np.ndarray]) -> None:
        for name, p in self.params.items():
            p[...] = weights[name]

    def copy(self) -> Network:
        twin = object.__new__(Network)
        twin.__dict__.update(self.__dict__)
        twin.layers = [layer.copy() for layer in self.layers]
        twin.dense = {name: p.copy() for name, p in self.dense.items()}
        return twin

    # -- forward / backward

    def forward(self, x, h0: list | None = None) -> NetworkTrace:
        """x: (batch, time, features). h0: optional initial state per layer (None = zeros)."""
        traces, inputs = [], x
        for k, layer in enumerate(self.layers):
            trace = layer.forward(inputs, h0=None if h0 is None else h0[k])
            traces.append(trace)
            inputs = trace.hidden
        states = traces[-1].last if self.readout == "last" else traces[-1].hidden
        return NetworkTrace(traces, states @ self.dense["W"] + self.dense["b"])

    def predict(self, x) -> np.ndarray:
        """The readout's output for x (batch, time, features); one output per window squeezed."""
        out = self.forward(x).output
        return out[..., 0] if self.output_size == 1 else out

    def backward(self, trace: NetworkTrace, d_output, truncate: int | None = None) -> dict:
        """Gradients of every parameter (keys as `params`), of the input ("x"), and the per-layer
        per-step norms ||dL/dh_t|| ("<layer>.dh_norms"), given dL/d(output)."""
        d_output = np.asarray(d_output, dtype=self.dtype).reshape(trace.output.shape)
        top = trace.layers[-1]
        states = top.last if self.readout == "last" else top.hidden
        features = states.shape[-1]
        grads = {
            "out.W": states.reshape(-1, features).T @ d_output.reshape(-1, self.output_size),
            "out.b": d_output.reshape(-1, self.output_size).sum(axis=0),
        }
        d_hidden = d_output @ self.dense["W"].T  # (batch, units) or (batch, time, units)
        for k in range(len(self.layers) - 1, -1, -1):
            layer_grads = self.layers[k].backward(trace.layers[k], d_hidden, truncate=truncate)
            for name, g in layer_grads.items():
                if name != "x":
                    grads[f"{k}.{name}"] = g
            d_hidden = layer_grads["x"]
        grads["x"] = d_hidden
        return grads

    def loss_and_grads(self, x, y, truncate: int | None = None) -> tuple[float, dict]:
        """Mean squared error against y (one target per output value) and its gradients."""
        trace = self.forward(x)
        error = trace.output - np.asarray(y, dtype=self.dtype).reshape(trace.output.shape)
        loss = float(np.mean(error * error))
        return loss, self.backward(trace, 2.0 * error / error.size, truncate=truncate)

    def mse(self, x, y) -> float:
        out = self.forward(x).output
        error = out - np.asarray(y, dtype=self.dtype).reshape(out.shape)
        return float(np.mean(error * error))

    # -- Keras interop

    @classmethod
    def from_keras(cls, model, dtype=None) -> Network:
        """A copy of a built Keras Sequential model: recurrent layers, then one linear Dense.

        Dropout layers (and recurrent dropout) are identity at prediction time, so they are skipped.
        """
        layers, dense, readout = [], None, "last"
        for layer in model.layers:
            kind = type(layer).__name__
            if kind in ("InputLayer", "Dropout"):
                continue
            if dense is not None:
                raise ValueError(f"only a single Dense layer may follow the recurrent layers, "
                                 f"found {kind} after it")
            if kind in CELLS:
                if layers and readout == "last":
                    raise ValueError("a recurrent layer below another must have "
                                     "return_sequences=True")
                cell_cls = CELLS[kind]
                layers.append(cell_cls.from_keras(layer, dtype=dtype))
                readout = "every" if layer.get_config().get("return_sequences") else "last"
            elif kind == "Dense":
                if not layers:
                    raise ValueError("the model must start with a recurrent layer")
                config = layer.get_config()
                if config.get("activation") != "linear":
                    raise ValueError("the Dense readout must be linear (activation=None)")
                dense = layer.get_weights()
            else:
                raise ValueError(f"layer type {kind} is not supported by the numpy engine")
        if dense is None:
            raise ValueError("the model must end with a Dense readout")
        network = cls(layers, output_size=dense[0].shape[1], readout=readout)
        network.dense["W"][...] = dense[0]
        if len(dense) > 1:
            network.dense["b"][...] = dense[1]
        return network


__all__ = ["Network", "NetworkTrace", "READOUTS"]
