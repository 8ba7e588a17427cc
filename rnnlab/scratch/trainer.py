"""Training a from-scratch Network: MSE, mini-batches, SGD or Adam, global-norm clipping.

The updates follow Keras' formulas (same Adam, same global-norm clipping, same per-epoch loss:
the batch losses averaged by batch size), so a run here and a Keras run on the same batches
agree. A seed fixes the shuffling, so the same network + data + seed repeats exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rnnlab.declarations.messages import Message
from rnnlab.scratch.blas import single_blas_thread
from rnnlab.scratch.network import Network

OPTIMIZERS = ("adam", "sgd")


class SGD:
    """p <- p - lr * g (with optional momentum, as keras.optimizers.SGD)."""

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        # p is the network's own array, so it is updated in place; the rest are plain values.
        for name, p in params.items():
            g = grads[name]
            if self.momentum:
                v = self.momentum * self.velocity.get(name, 0.0) - self.learning_rate * g
                self.velocity[name] = v
                p += v
            else:
                p -= self.learning_rate * g


class Adam:
    """Adam exactly as keras.optimizers.Adam (epsilon outside the square root, bias-corrected lr)."""

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7):
        self.learning_rate, self.beta_1, self.beta_2, self.epsilon = (
            learning_rate, beta_1, beta_2, epsilon)
        self.iterations = 0
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.iterations += 1
        alpha = (self.learning_rate * np.sqrt(1.0 - self.beta_2**self.iterations)
                 / (1.0 - self.beta_1**self.iterations))
        for name, p in params.items():
            g = grads[name]
            # Keras' own form of m = beta_1 m + (1 - beta_1) g and v = beta_2 v + (1 - beta_2) g^2
            m = self.m.get(name, 0.0)
            m = m + (g - m) * (1.0 - self.beta_1)
            v = self.v.get(name, 0.0)
            v = v + (g * g - v) * (1.0 - self.beta_2)
            self.m[name], self.v[name] = m, v
            p -= (alpha * m / (np.sqrt(v) + self.epsilon)).astype(p.dtype, copy=False)


def make_optimizer(name, learning_rate: float):
    """"adam" or "sgd" with this learning rate; an optimizer object (anything with .step) as is."""
    if hasattr(name, "step"):
        return name
    if name == "adam":
        return Adam(learning_rate)
    if name == "sgd":
        return SGD(learning_rate)
    raise ValueError(f"optimizer must be one of {OPTIMIZERS}, not {name!r}")


def clip_by_global_norm(grads: dict[str, np.ndarray], clipnorm: float) -> float:
    """Scale all gradients together so their joint norm is at most clipnorm; returns the norm before."""
    norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))
    if norm > clipnorm:
        for g in grads.values():
            g *= clipnorm / norm
    return norm


@dataclass
class TrainResult:
    """How training went; `message` (rnnlab/i18n/scratch.py) says why it ended early."""

    history: dict[str, list[float]]  # per epoch: "loss", "val_loss" (if validation), "seconds"
    status: str = "completed"  # "completed" | "stopped" (callback said so) | "diverged"
    message: Message | None = None
    epochs: int = 0  # epochs completed
    seconds: float = 0.0

    @property
    def completed(self) -> bool:
        return self.status == "completed"


EpochCallback = Callable[[int, float, float | None], bool | None]


@single_blas_thread
@np.errstate(over="ignore", invalid="ignore")  # overflow is detected and reported, not warned
def train(network: Network, X, y, X_val=None, y_val=None, *, epochs: int = 20,
          batch_size: int = 16, optimizer: str | Adam | SGD = "adam", learning_rate: float = 0.001,
          clipnorm: float | None = None, seed: int = 0, shuffle: bool = True,
          truncate: int | None = None, on_epoch: EpochCallback | None = None,
          should_stop: Callable[[], bool] | None = None) -> TrainResult:
    """Train `network` in place on windows X (N, time, features) -> targets y (N,) or (N, outputs).

    optimizer: "adam" or "sgd" (with `learning_rate`), or an Adam/SGD object for other settings.
    on_epoch(epoch, loss, val_loss) is called after each epoch (epoch counts from 1; val_loss is
    None without validation data) and may return False to stop; ``should_stop()`` is asked
    before every batch (a Stop button: training ends within one batch, status "stopped", the
    weights as far as they got). A non-finite loss, gradient or
    weight stops training at once and leaves the last finite weights in the network.
    """
    X = np.asarray(X, dtype=network.dtype)
    y = np.asarray(y, dtype=network.dtype)
    if len(X) == 0 or len(X) != len(y):
        raise ValueError(f"need as many targets as windows (at least one), got {len(X)} and {len(y)}")
    if batch_size < 1 or epochs < 0:
        raise ValueError("batch_size must be at least 1 and epochs not negative")
    has_val = X_val is not None and len(X_val) > 0
    rng = np.random.default_rng(seed)
    opt = make_optimizer(optimizer, learning_rate)
    params = network.params
    history: dict[str, list[float]] = {"loss": [], "seconds": []}
    if has_val:
        history["val_loss"] = []
    result = TrainResult(history)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(X)) if shuffle else np.arange(len(X))
        total = 0.0
        for first in range(0, len(X), batch_size):
            if should_stop is not None and should_stop():
                result.status, result.message = "stopped", Message("scratch.stopped", {"epoch": epoch - 1})
                result.seconds = time.perf_counter() - start
                return result
            batch = order[first : first + batch_size]
            loss, grads = network.loss_and_grads(X[batch], y[batch], truncate=truncate)
            grads = {name: grads[name] for name in params}
            if not (np.isfinite(loss) and all(np.isfinite(g).all() for g in grads.values())):
                return _diverged(result, epoch, start)
            if clipnorm is not None:
                clip_by_global_norm(grads, clipnorm)
            before = {name: p.copy() for name, p in params.items()}
            opt.step(params, grads)
            if not all(np.isfinite(p).all() for p in params.values()):
                network.set_weights(before)
                return _diverged(result, epoch, start)
            total += loss * len(batch)
        history["loss"].append(total / len(X))
        val_loss = network.mse(X_val, y_val) if has_val else None
        if has_val:
            history["val_loss"].append(val_loss)
        history["seconds"].append(time.perf_counter() - start)
        result.epochs = epoch
        if val_loss is not None and not np.isfinite(val_loss):
            return _diverged(result, epoch, start)
        if on_epoch is not None and on_epoch(epoch, history["loss"][-1], val_loss) is False:
            result.status, result.message = "stopped", Message("scratch.stopped", {"epoch": epoch})
            break
    result.seconds = time.perf_counter() - start
    return result


def train_windows(network: Network, data, **options) -> TrainResult:
    """Train on a `rnnlab.data.windows.WindowedData`: its training windows, validated on its val split."""
    return train(network, data.X["train"], data.y["train"], data.X["val"], data.y["val"], **options)


def _diverged(result: TrainResult, epoch: int, start: float) -> TrainResult:
    result.status, result.message = "diverged", Message("scratch.diverged", {"epoch": epoch})
    result.seconds = time.perf_counter() - start
    return result
