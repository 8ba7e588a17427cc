"""Keras recurrent models from a config, trained with live callbacks into a Run.

TensorFlow is imported inside the functions that build or train models, never at import.

Why training is fast here (see ../shared/notes/keras-and-numerics.md): ``model.fit`` spends
almost all of its time on framework overhead for these tiny models. So ``train()`` runs its
own loop around one traced ``tf.function`` training step, and keeps compiled models of each
architecture in a small process-wide pool: a second training of the same architecture skips
tracing entirely. A pooled model is checked out by one training at a time, and its weights,
dropout seeds and optimizer state are reset to exactly what a fresh model with the new seed
would have, so reusing it never changes a single number.
"""

from __future__ import annotations

import io
import json
import math
import numbers
import os
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import numpy as np

from rnnlab.baselines import (
    BASELINES,
    baseline_metrics,
    baseline_predictions,
    mase_scale,
    metrics,
    run_mase,
)
from rnnlab.windows import SCALERS, SPLITS, prepare, split_points

CELLS = ("SimpleRNN", "LSTM", "GRU")
ACTIVATIONS = ("tanh", "relu")
OPTIMIZERS = ("adam", "sgd", "rmsprop")
HISTORY_KEYS = ("loss", "val_loss", "mae", "val_mae", "seconds")

# Allowed ranges of the numeric settings (inclusive); pages can use them for their sliders.
LIMITS = {
    "layers": (1, 3),
    "units": (1, 256),
    "dropout": (0.0, 0.8),
    "lookback": (1, 500),
    "epochs": (1, 500),
    "batch_size": (1, 4096),
    "learning_rate": (1e-6, 1.0),
    "val_fraction": (0.05, 0.45),
    "test_fraction": (0.05, 0.45),
}

# Train's quick model (TrainConfig.quick): enough epochs, and a step size that gets there in them.
QUICK_DEFAULTS = {"cell": "LSTM", "layers": 1, "units": 32, "activation": "tanh",
                  "epochs": 40, "learning_rate": 0.01, "batch_size": 16}

# Windows are copied into memory (windows x lookback numbers): cap them on a shared server.
MAX_WINDOW_VALUES = 5_000_000
# The values one training may use: more makes every Run (values, predictions, baselines) big on
# a server that all the class shares. The Data page's step picker thins a longer series.
MAX_TRAIN_VALUES = 20_000
PREDICT_CHUNK = 2048  # windows per predict call: bounds the activations' memory
FORECAST_BLOWUP = 1e6  # scaled units: a fed-back forecast this far out of [0, 1] has blown up
STOP_CHECK_SECONDS = 0.2  # how often a training asks should_stop() between batches


@dataclass
class TrainConfig:
    """Everything that defines one training run. Same config + same data + same seed = same Run."""

    cell: str = "LSTM"
    layers: int = 1  # stacked recurrent layers, 1-3
    units: int = 32  # units in each recurrent layer
    activation: str = "tanh"
    dropout: float = 0.0
    lookback: int = 10
    epochs: int = 20
    batch_size: int = 16
    optimizer: str = "adam"
    learning_rate: float = 0.001
    clipnorm: float | None = None  # global-norm gradient clipping; None = off
    val_fraction: float = 0.2
    test_fraction: float = 0.2
    scaler: str = "minmax"
    seed: int = 42

    @classmethod
    def quick(cls, **changes) -> TrainConfig:
        """The first run that teaches: a 1 x 32 tanh LSTM, 40 epochs at learning rate 0.01.

        On the notebook's series it beats persistence on the test part (median over seeds 0-4,
        bench/bench_defaults.py); 20 epochs at 0.001 (the field defaults) lose to it by 160 %.
        """
        return cls(**{**QUICK_DEFAULTS, **changes})

    @classmethod
    def seed_notebook(cls) -> TrainConfig:
        """The notebook's model: stacked 2 x 50-unit relu LSTM, lookback 10, 20 epochs, batch 16."""
        return cls(cell="LSTM", layers=2, units=50, activation="relu", lookback=10, epochs=20,
                   batch_size=16, optimizer="adam", learning_rate=0.001,
                   val_fraction=0.2, test_fraction=0.2, seed=42)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> TrainConfig:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def default_name(self) -> str:
        """A short label for tables and legends, e.g. "LSTM 2x50 relu"."""
        return f"{self.cell} {self.layers}x{self.units} {self.activation}"

    def window_counts(self, n_values: int) -> dict[str, int]:
        """How many (input window, target) pairs each split gets from a series of n values."""
        train_end, val_end = split_points(n_values, self.val_fraction, self.test_fraction)
        return {
            "train": max(0, train_end - self.lookback),
            "val": max(0, val_end - max(train_end, self.lookback)),
            "test": max(0, n_values - max(val_end, self.lookback)),
        }

    def validate(self, n_values: int) -> list[tuple[str, dict]]:
        """What is wrong with this config for a series of ``n_values`` values.

        Returns (i18n key, values) pairs, empty when the config can be trained; the keys live
        in rnnlab/i18n/training.py and each message says what to change.
        """
        problems: list[tuple[str, dict]] = []
        for name, allowed in (("cell", CELLS), ("activation", ACTIVATIONS),
                              ("optimizer", OPTIMIZERS), ("scaler", SCALERS)):
            value = getattr(self, name)
            if value not in allowed:
                problems.append((f"training.problem.choice.{name}",
                                 {"value": value, "choices": ", ".join(allowed)}))
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
            if ok and name in ("layers", "units", "lookback", "epochs", "batch_size"):
                ok = float(value).is_integer()
            if not ok or not low <= value <= high:
                problems.append((f"training.problem.range.{name}",
                                 {"value": value, "low": low, "high": high}))
        if self.clipnorm is not None and not (
            isinstance(self.clipnorm, numbers.Real) and math.isfinite(self.clipnorm) and self.clipnorm > 0
        ):
            problems.append(("training.problem.clipnorm", {"value": self.clipnorm}))
        if problems:  # the checks below need sane numbers
            return problems

        train_end, _ = split_points(n_values, self.val_fraction, self.test_fraction)
        counts = self.window_counts(n_values)
        if train_end <= self.lookback:
            problems.append(("training.problem.lookback_too_long",
                             {"lookback": self.lookback, "train_values": train_end,
                              "max_lookback": max(1, train_end - 1)}))
        elif self.batch_size > counts["train"]:
            problems.append(("training.problem.batch_too_large",
                             {"batch": self.batch_size, "windows": counts["train"]}))
        if sum(counts.values()) * self.lookback > MAX_WINDOW_VALUES:
            problems.append(("training.problem.too_big",
                             {"windows": sum(counts.values()), "lookback": self.lookback,
                              "max_windows": MAX_WINDOW_VALUES // self.lookback}))
        if counts["val"] < 1:
            problems.append(("training.problem.val_empty", {"n": n_values}))
        if counts["test"] < 1:
            problems.append(("training.problem.test_empty", {"n": n_values}))
        if n_values > MAX_TRAIN_VALUES:
            problems.append(("training.problem.too_many_values",
                             {"n": n_values, "limit": MAX_TRAIN_VALUES,
                              "step": math.ceil(n_values / MAX_TRAIN_VALUES)}))
        if not problems:
            problems += _time_problem(self, n_values)
        return problems


# ----- how long a training will take, before it starts ----------------------------------------
# Measured on this server's class (2 shared cores, TF 2.21, the traced step of _Compiled): a
# batch costs a fixed framework overhead, an overhead per time step of every layer (the
# recurrent loop), and its arithmetic at the speed these small matrices reach. Within a factor
# of about 2 of what bench/bench_training.py measures: enough to refuse an 85-minute request.
BATCH_OVERHEAD = 1.2e-3  # seconds per train step
STEP_OVERHEAD = 1.0e-4  # seconds per time step and layer, per batch
FLOPS = 12e9  # floating point operations per second reached by one training
FIRST_EPOCH = 3.0  # tracing the train and predict steps of a new architecture
GATES = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}


def max_train_seconds() -> float:
    """The longest training this server accepts (RNNLAB_MAX_TRAIN_SECONDS, default 10 minutes;
    0 turns the limit off)."""
    try:
        return float(os.environ.get("RNNLAB_MAX_TRAIN_SECONDS", 600))
    except ValueError:
        return 600.0


def estimate_seconds(config: TrainConfig, n_values: int) -> float:
    """Seconds this config should take to train on ``n_values`` values here (all epochs)."""
    counts = config.window_counts(n_values)
    batch = max(1, int(config.batch_size))
    per_layer = 2 * GATES.get(config.cell, 4) * config.units * (config.units + 1)  # flops per value
    step_flops = config.lookback * config.layers * per_layer
    batches = math.ceil(counts["train"] / batch)
    train = batches * (BATCH_OVERHEAD + STEP_OVERHEAD * config.lookback * config.layers) \
        + counts["train"] * 3 * step_flops / FLOPS  # forward and backward
    chunks = math.ceil(counts["val"] / PREDICT_CHUNK)
    validate = chunks * (BATCH_OVERHEAD + STEP_OVERHEAD * config.lookback * config.layers) \
        + counts["val"] * step_flops / FLOPS
    return FIRST_EPOCH + config.epochs * (train + validate)


def _time_problem(config: TrainConfig, n_values: int) -> list[tuple[str, dict]]:
    limit = max_train_seconds()
    estimate = estimate_seconds(config, n_values)
    if limit <= 0 or estimate <= limit:
        return []
    per_epoch = (estimate - FIRST_EPOCH) / max(1, config.epochs)
    fit = max(1, int((limit - FIRST_EPOCH) / per_epoch)) if per_epoch > 0 else config.epochs
    return [("training.problem.too_slow", {"estimate": format_duration(estimate),
                                           "limit": format_duration(limit), "epochs": fit})]


def format_duration(seconds: float) -> str:
    """"45 s", "3 min 05 s", "1 h 25 min": the same in Spanish and English."""
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


@dataclass
class Run:
    """The result of one training: what was trained, how it went, and how good it is."""

    config: TrainConfig
    history: dict[str, list[float]]  # per epoch: loss, val_loss, mae, val_mae, seconds
    predictions: dict[str, np.ndarray]  # split ("train", "val", "test") -> one-step predictions, original units
    targets: dict[str, np.ndarray]  # split -> true values, original units
    target_index: dict[str, np.ndarray]  # split -> position of each target in the series
    metrics: dict[str, dict[str, float]]  # split -> {"mse", "mae", "rmse", "mase"}, original units
    baselines: dict[str, dict[str, dict[str, float]]]  # "persistence"/"linear" -> split -> metrics
    n_params: int
    summary: list[tuple[str, str, int]]  # (layer name, output shape, params)
    seconds: float  # wall time of the training
    weights: list[np.ndarray] = field(default_factory=list)  # trained Keras weights
    status: str = "completed"  # "completed" | "stopped" | "diverged"
    message: str = ""  # what happened and what to try, when not completed (i18n key or text)
    name: str = ""  # shown in tables and legends; the user can rename it
    run_id: str = ""  # stable id within the session (colours and selection follow it)
    series_name: str = ""
    values: np.ndarray | None = None  # the series the run was trained on, original units
    message_values: dict = field(default_factory=dict)  # placeholders of ``message``
    baseline_predictions: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    split: tuple[int, int] = (0, 0)  # (train_end, val_end) positions in ``values``
    epochs_done: int = 0
    seconds_waiting: float = 0.0  # time spent in the queue for a training slot
    seconds_import: float = 0.0  # time spent loading TensorFlow (the process's first training)
    reused_model: bool = False  # True when a traced model of this architecture was reused
    optimizer_state: list[np.ndarray] = field(default_factory=list)  # to continue training later


class TrainingError(ValueError):
    """The config or the data cannot be trained. ``problems`` holds (i18n key, values) pairs."""

    def __init__(self, problems: list[tuple[str, dict]]):
        from rnnlab.i18n import t

        self.problems = problems
        super().__init__("; ".join(t(key, "en", **values) for key, values in problems))


class TrainingCancelled(Exception):
    """``should_stop()`` said stop while the training was still waiting for a slot."""


# --------------------------------------------------------------------------------------
# TensorFlow, imported lazily, its threads limited to the machine once


_TF_LOCK = threading.Lock()
_tf_configured = False


def thread_count() -> int:
    """CPUs this process may use (RNNLAB_TF_THREADS overrides)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        return max(1, int(os.environ.get("RNNLAB_TF_THREADS", cpus)))
    except ValueError:
        return cpus


def _tf():
    """Import TensorFlow; the first call limits its thread pools to the machine's CPUs."""
    global _tf_configured
    with _TF_LOCK:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        try:
            import tensorflow as tf
        except Exception as exc:  # installed but broken: the pages show the install page
            from rnnlab import backend

            backend.mark_broken(exc)
            raise

        if not _tf_configured:
            threads = thread_count()
            try:
                tf.config.threading.set_intra_op_parallelism_threads(threads)
                tf.config.threading.set_inter_op_parallelism_threads(threads)
            except RuntimeError:  # TF already ran an op in this process: keep its pools
                pass
            _tf_configured = True
    return tf


def _keras():
    _tf()
    import keras

    return keras


# --------------------------------------------------------------------------------------
# Models


def _seeds(seed: int, count: int) -> list[int]:
    """Independent, reproducible seeds for each initializer and dropout layer."""
    return [int(s) for s in np.random.SeedSequence(int(seed)).generate_state(count) % (2**31 - 1)]


def _make_optimizer(config: TrainConfig):
    keras = _keras()
    kinds = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD,
             "rmsprop": keras.optimizers.RMSprop}
    clip = {"global_clipnorm": float(config.clipnorm)} if config.clipnorm else {}
    return kinds[config.optimizer](learning_rate=float(config.learning_rate), **clip)


def build_model(config: TrainConfig, compile: bool = True, any_lookback: bool = False):
    """The Keras model of a config: stacked recurrent layers, then one Dense output.

    Every initializer and dropout layer gets an explicit seed derived from ``config.seed``,
    so the initial weights depend on the config alone (not on global random state that
    other sessions' threads may be touching). ``any_lookback`` leaves the window length open
    (the weights do not depend on it), so one traced model serves every lookback.
    """
    keras = _keras()
    layer_class = {"SimpleRNN": keras.layers.SimpleRNN, "LSTM": keras.layers.LSTM,
                   "GRU": keras.layers.GRU}[config.cell]
    seeds = _seeds(config.seed, 3 * config.layers + 1)
    stack = [keras.Input((None if any_lookback else config.lookback, 1), name="window")]
    for i in range(config.layers):
        stack.append(layer_class(
            config.units,
            activation=config.activation,
            dropout=float(config.dropout),
            return_sequences=i < config.layers - 1,
            kernel_initializer=keras.initializers.GlorotUniform(seed=seeds[3 * i]),
            recurrent_initializer=keras.initializers.Orthogonal(seed=seeds[3 * i + 1]),
            seed=seeds[3 * i + 2],
            name=f"{config.cell.lower()}_{i + 1}",
        ))
    stack.append(keras.layers.Dense(
        1, kernel_initializer=keras.initializers.GlorotUniform(seed=seeds[-1]), name="output"))
    model = keras.Sequential(stack, name=config.cell.lower())
    if compile:
        model.compile(optimizer=_make_optimizer(config), loss="mse", metrics=["mae"])
    return model


_PARAM_CACHE: dict[tuple, int] = {}


def count_params(config: TrainConfig) -> int:
    """Keras' count of trainable parameters for this architecture."""
    key = (config.cell, config.layers, config.units)
    if key not in _PARAM_CACHE:
        _PARAM_CACHE[key] = int(build_model(config, compile=False).count_params())
    return _PARAM_CACHE[key]


def model_summary(model) -> list[tuple[str, str, int]]:
    """(layer name, output shape, parameters) per layer, like ``model.summary()``."""
    return [(layer.name, str(tuple(layer.output.shape)), int(layer.count_params()))
            for layer in model.layers]


def _architecture(config: TrainConfig) -> tuple:
    """What a traced training step depends on. Seed, learning rate, epochs, batch size,
    lookback, scaler, split and data can all change on a reused model; these cannot."""
    return (config.cell, config.layers, config.units, config.activation, float(config.dropout),
            config.optimizer, config.clipnorm)


def _skip_single_replica_all_reduce(optimizer) -> None:
    """Keras' TF optimizer sums gradients across replicas with a ``tf.custom_gradient``, which
    registers a gradient function in TensorFlow's global registry on every trace and never
    removes it: each traced train step (and its whole graph, ~6 MB) stays alive forever.
    With one replica (never a distribution strategy here) the sum is the identity: skip it."""
    tf = _tf()
    if not tf.distribute.has_strategy() and hasattr(optimizer, "_all_reduce_sum_gradients"):
        optimizer._all_reduce_sum_gradients = lambda grads_and_vars: list(grads_and_vars)


class _Compiled:
    """One model with its optimizer and traced train / predict steps, reusable across runs."""

    def __init__(self, config: TrainConfig):
        tf = _tf()
        self.architecture = _architecture(config)
        self.model = build_model(config, any_lookback=True)
        self.optimizer = self.model.optimizer
        self.optimizer.build(self.model.trainable_variables)  # no variables created while tracing
        _skip_single_replica_all_reduce(self.optimizer)
        model, optimizer = self.model, self.optimizer
        x_spec = tf.TensorSpec((None, None, 1), tf.float32)  # (batch, lookback, 1)
        y_spec = tf.TensorSpec((None,), tf.float32)

        @tf.function(input_signature=[x_spec, y_spec], autograph=False)  # no Python control flow
        def train_step(x, y):
            with tf.GradientTape() as tape:
                error = tf.squeeze(model(x, training=True), -1) - y
                loss = tf.reduce_mean(tf.square(error))
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply(gradients, model.trainable_variables)
            return loss, tf.reduce_mean(tf.abs(error))

        @tf.function(input_signature=[x_spec], autograph=False)
        def predict(x):
            return tf.squeeze(model(x, training=False), -1)

        self.train_step = train_step
        self.predict_step = predict

    def reset(self, config: TrainConfig):
        """Exactly the state of a fresh model built for ``config``: weights and dropout seeds
        from its seed, optimizer moments and step counter at zero, its learning rate.
        Returns that fresh (untraced) model, whose layer shapes show the config's lookback."""
        fresh = build_model(config, compile=False)
        for variable, value in zip(self.model.variables, fresh.variables, strict=True):
            variable.assign(value)
        learning_rate = self.optimizer._learning_rate  # a variable: not part of the reset
        for variable in self.optimizer.variables:
            if variable is not learning_rate:
                variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
        learning_rate.assign(float(config.learning_rate))
        return fresh

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float32)
        chunks = [self.predict_step(x[i:i + PREDICT_CHUNK]).numpy()
                  for i in range(0, len(x), PREDICT_CHUNK)]
        return np.concatenate(chunks).astype(np.float64) if chunks else np.empty(0)


class _ModelPool:
    """Compiled models waiting to be reused, at most ``max_idle`` of them (oldest dropped).

    A model is checked out by one training at a time: two sessions training the same
    architecture at once simply get two models.
    """

    def __init__(self, max_idle: int = 6):
        self.max_idle = max_idle
        self._idle: list[_Compiled] = []
        self._lock = threading.Lock()

    def checkout(self, config: TrainConfig) -> tuple[_Compiled, bool]:
        wanted = _architecture(config)
        with self._lock:
            for i, entry in enumerate(self._idle):
                if entry.architecture == wanted:
                    return self._idle.pop(i), True
        return _Compiled(config), False

    def checkin(self, entry: _Compiled) -> None:
        with self._lock:
            self._idle.append(entry)
            while len(self._idle) > self.max_idle:
                self._idle.pop(0)  # the least recently used

    def clear(self) -> None:
        with self._lock:
            self._idle.clear()

    def __len__(self) -> int:
        return len(self._idle)


def _env_int(name: str, default: int, low: int) -> int:
    try:
        return max(low, int(os.environ.get(name, default)))
    except ValueError:
        return default


pool = _ModelPool(_env_int("RNNLAB_MODEL_POOL", 6, low=0))


# --------------------------------------------------------------------------------------
# At most N trainings at once in the process; the others wait in line


class TrainingSlots:
    """A first-come, first-served limit on concurrent trainings in this process."""

    def __init__(self, limit: int | None = None):
        self.limit = max(1, _env_int("RNNLAB_MAX_TRAININGS", 2, low=1) if limit is None else limit)
        self._cond = threading.Condition()
        self._queue: list[object] = []
        self._active = 0
        self._held: deque[float] = deque(maxlen=20)  # seconds recent trainings held a slot

    def active(self) -> int:
        """Trainings running now."""
        with self._cond:
            return self._active

    def waiting(self) -> int:
        """Trainings waiting for a slot now."""
        with self._cond:
            return len(self._queue)

    def record(self, seconds: float) -> None:
        """Remember how long a training held its slot (the queue's estimates use it)."""
        with self._cond:
            self._held.append(float(seconds))

    def expected_wait(self, position: int) -> float | None:
        """Seconds until the trainee at ``position`` (1 = next) gets a slot, roughly: a slot
        frees up every typical training time / slots. None before any training was timed."""
        with self._cond:
            if not self._held:
                return None
            typical = float(np.median(self._held))
        return max(1, int(position)) * typical / self.limit

    def _ready(self, ticket) -> bool:
        return self._queue[0] is ticket and self._active < self.limit

    @contextmanager
    def acquire(self, on_wait: Callable[[int], None] | None = None,
                should_stop: Callable[[], bool] | None = None, poll: float = 0.5):
        """Hold a slot for the ``with`` block. While waiting, ``on_wait(position)`` is called
        (1 = next in line) when the position changes and every ``poll`` seconds otherwise,
        and ``should_stop()`` may cancel the wait (raises TrainingCancelled)."""
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
        try:
            while True:
                with self._cond:
                    if self._ready(ticket):
                        self._queue.pop(0)
                        self._active += 1
                        break
                    position = self._queue.index(ticket) + 1
                # Outside the lock: these may draw on a page or raise.
                if on_wait is not None:
                    on_wait(position)
                if should_stop is not None and should_stop():
                    raise TrainingCancelled()
                with self._cond:
                    if not self._ready(ticket):  # checked under the lock: no lost wake-up
                        self._cond.wait(timeout=poll)
        except BaseException:
            with self._cond:
                if ticket in self._queue:
                    self._queue.remove(ticket)
                self._cond.notify_all()
            raise
        held = time.perf_counter()
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                self._held.append(time.perf_counter() - held)
                self._cond.notify_all()


slots = TrainingSlots()


# --------------------------------------------------------------------------------------
# Training


def train(values, config: TrainConfig, on_epoch=None, should_stop=None, series_name: str = "",
          on_wait: Callable[[int], None] | None = None,
          on_start: Callable[[], None] | None = None) -> Run:
    """Train ``config`` on a series (1-D array or rnnlab.data.Series) and return its Run.

    - ``on_epoch(epoch_index, logs, partial_history)`` after each epoch; logs has loss,
      val_loss, mae, val_mae (scaled units, like Keras) and seconds.
    - ``should_stop()`` is asked after each epoch: True ends training there (status "stopped"),
      with predictions and metrics computed on the weights reached so far.
    - A non-finite loss stops training at once, restores the last weights that gave finite
      losses and sets status "diverged" with an explanation (i18n key in ``message``).
    - Waits for a free slot in ``slots``; ``on_wait(position)`` reports the place in line,
      ``on_start()`` says the slot was granted.

    Raises TrainingError (with i18n problems) for a config or series that cannot be trained.
    """
    values, series_name = _as_values(values, series_name)
    problems = [] if np.all(np.isfinite(values)) else [("training.problem.not_finite", {})]
    problems += config.validate(len(values))
    if problems:
        raise TrainingError(problems)
    data = prepare(values, config.lookback, config.val_fraction, config.test_fraction, config.scaler)

    importing = time.perf_counter()
    _tf()  # the first training of the process loads TensorFlow here: timed on its own
    queued = time.perf_counter()
    with slots.acquire(on_wait=on_wait, should_stop=should_stop):
        started = time.perf_counter()
        if on_start is not None:
            on_start()
        entry, reused = pool.checkout(config)
        try:
            template = entry.reset(config)
            history, status, message = _fit(entry, data, config, on_epoch, should_stop)
            predictions = {s: _inverse(data.scaler, entry.predict(data.X[s])) for s in SPLITS}
            if status != "diverged" and not all(np.all(np.isfinite(p)) for p in predictions.values()):
                # Finite losses, yet some prediction overflowed to inf: the same blow-up.
                status, message = "diverged", "training.diverged_inf"
            weights = entry.model.get_weights()
            # A diverged optimizer may hold NaN moments: export a fresh one instead.
            optimizer_state = ([] if status == "diverged"
                               else [np.array(v.numpy()) for v in entry.optimizer.variables])
            summary = model_summary(template)
        finally:
            pool.checkin(entry)

    targets = {s: _view_of(values, data.target_index[s]) for s in SPLITS}
    base_predictions = baseline_predictions(data)
    scores = {s: metrics(targets[s], predictions[s], mase_scale(values[:data.train_end]))
              for s in SPLITS}
    base_scores = baseline_metrics(data, base_predictions)
    epochs_done = len(history["loss"])
    return Run(
        config=TrainConfig.from_dict(config.to_dict()),
        history=history,
        predictions=predictions,  # float64: the page's scores are recomputed from them exactly
        targets=targets,
        target_index={s: data.target_index[s].astype(np.int32) for s in SPLITS},
        metrics=scores,
        baselines=base_scores,
        n_params=int(sum(params for _, _, params in summary)),
        summary=summary,
        seconds=time.perf_counter() - started,
        weights=weights,
        status=status,
        message=message,
        message_values={"epochs_done": epochs_done, "epochs": config.epochs, "epoch": epochs_done + 1},
        name=config.default_name(),
        run_id=uuid.uuid4().hex[:8],
        series_name=series_name,
        values=values,  # read-only and shared: the runs of one series keep one copy
        # Only drawn and exported (their scores are computed above in float64): float32.
        baseline_predictions={b: {s: p.astype(np.float32) for s, p in by_split.items()}
                              for b, by_split in base_predictions.items()},
        split=(data.train_end, data.val_end),
        epochs_done=epochs_done,
        seconds_waiting=started - queued,
        seconds_import=queued - importing,
        reused_model=reused,
        optimizer_state=optimizer_state,
    )


def _as_values(values, series_name: str) -> tuple[np.ndarray, str]:
    """The series as a read-only float64 array that the Run may keep: a caller's read-only
    array is shared as it is (several runs, one copy), anything else is copied once."""
    if hasattr(values, "values") and not isinstance(values, np.ndarray):  # rnnlab.data.Series
        series_name = series_name or str(getattr(values, "name", "") or "")
        values = values.values
    if not (isinstance(values, np.ndarray) and values.dtype == np.float64 and values.ndim == 1
            and not values.flags.writeable):
        values = np.array(values, dtype=np.float64).ravel()
        values.flags.writeable = False
    return values, series_name


def frozen(values) -> np.ndarray:
    """A read-only float64 copy of ``values``, to share between several trainings."""
    out = np.array(values, dtype=np.float64).ravel()
    out.flags.writeable = False
    return out


def _view_of(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index] without a copy when the positions are consecutive (they always are here)."""
    if len(index) and index[-1] - index[0] + 1 == len(index):
        return values[int(index[0]):int(index[-1]) + 1]
    return values[index]


def _fit(entry: _Compiled, data, config: TrainConfig, on_epoch, should_stop):
    """The epoch loop. Returns (history, status, message key)."""
    x_train = data.X["train"].astype(np.float32)
    y_train = data.y["train"].astype(np.float32)
    x_val, y_val = data.X["val"].astype(np.float32), data.y["val"]
    order_rng = np.random.default_rng(config.seed)  # the shuffle order: same seed, same order
    history: dict[str, list[float]] = {key: [] for key in HISTORY_KEYS}
    last_finite = entry.model.get_weights()
    n, batch = len(x_train), int(config.batch_size)

    for epoch in range(int(config.epochs)):
        started = asked = time.perf_counter()
        order = order_rng.permutation(n)
        loss_sum = mae_sum = 0.0
        seen = 0
        finite, stopped = True, False
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            loss, mae = entry.train_step(x_train[idx], y_train[idx])
            loss, mae = float(loss), float(mae)
            if not (math.isfinite(loss) and math.isfinite(mae)):
                finite = False
                break
            loss_sum += loss * len(idx)
            mae_sum += mae * len(idx)
            seen += len(idx)
            now = time.perf_counter()
            if should_stop is not None and now - asked >= STOP_CHECK_SECONDS:
                asked = now  # Stop acts within a batch or two, not at the end of a long epoch
                if should_stop() and seen < n:
                    stopped = True
                    break
        if finite:
            error = entry.predict(x_val) - y_val
            val_loss, val_mae = float(np.mean(error**2)), float(np.mean(np.abs(error)))
            finite = math.isfinite(val_loss) and math.isfinite(val_mae)
        if not finite:
            entry.model.set_weights(last_finite)
            # With no finished epoch the last finite weights are the initial ones: untrained.
            return history, "diverged", ("training.diverged" if epoch else "training.diverged_untrained")
        last_finite = entry.model.get_weights()
        logs = {"loss": loss_sum / max(1, seen), "val_loss": val_loss, "mae": mae_sum / max(1, seen),
                "val_mae": val_mae, "seconds": time.perf_counter() - started}
        for key in HISTORY_KEYS:
            history[key].append(logs[key])
        if on_epoch is not None:
            on_epoch(epoch, dict(logs), {k: list(v) for k, v in history.items()})
        if stopped:  # mid-epoch: this epoch's figures cover the batches it trained
            return history, "stopped", "training.stopped"
        if should_stop is not None and epoch < config.epochs - 1 and should_stop():
            return history, "stopped", "training.stopped"
    return history, "completed", ""


# --------------------------------------------------------------------------------------
# Using a trained run: forecast, verdict, export


def _inverse(scaler, scaled: np.ndarray) -> np.ndarray:
    """Original units; a value that overflowed (inf, NaN) stays NaN instead of raising."""
    scaled = np.asarray(scaled, dtype=np.float64)
    finite = np.isfinite(scaled)
    if finite.all():
        return scaler.inverse_transform(scaled)
    out = np.full(scaled.shape, np.nan)
    if finite.any():
        out[finite] = scaler.inverse_transform(scaled[finite])
    return out


def _fitted_scaler(run: Run):
    from rnnlab.windows import Scaler

    train_end = run.split[0] or split_points(len(run.values), run.config.val_fraction,
                                             run.config.test_fraction)[0]
    return Scaler(run.config.scaler).fit(run.values[:train_end])


def forecast(run: Run, steps: int, start: int | None = None) -> np.ndarray:
    """Recursive multi-step forecast in original units: each prediction is fed back as input.

    By default it continues beyond the end of the data; with ``start`` it begins at that
    position of the series (e.g. the first test position), using only the ``lookback`` values
    before it, so its error can be compared with the truth and with one-step predictions.
    """
    values = np.asarray(run.values, dtype=np.float64)
    lookback = run.config.lookback
    start = len(values) if start is None else int(start)
    if not lookback <= start <= len(values):
        raise ValueError(f"start must be between the lookback ({lookback}) and {len(values)}")
    steps = int(steps)
    if steps < 1:
        return np.empty(0)
    scaler = _fitted_scaler(run)
    window = list(scaler.transform(values[start - lookback:start]))
    entry, _ = pool.checkout(run.config)
    try:
        entry.model.set_weights(run.weights)
        out = []
        for _ in range(steps):
            nxt = float(entry.predict(np.asarray(window[-lookback:], dtype=np.float32)[None, :, None])[0])
            if not math.isfinite(nxt) or abs(nxt) > FORECAST_BLOWUP:
                break  # the feedback blew up: the rest is NaN (the page says so), never a crash
            out.append(nxt)
            window.append(nxt)
    finally:
        pool.checkin(entry)
    result = np.full(steps, np.nan)
    result[:len(out)] = _inverse(scaler, np.asarray(out)) if out else []
    return result


# Every verdict judges by one-step MASE (test MAE / persistence's MAE inside the training
# part), as the backtest's verdicts judge by multi-step MASE: one yardstick, named everywhere.
VERDICT_METRIC = "mase"


def improvement_fraction(run: Run, baseline: str = "persistence", split: str = "test",
                         metric: str = VERDICT_METRIC) -> float:
    """How much lower the run's error is than a baseline's: 0.38 = 38% better, negative = worse."""
    if metric == "mase":
        model, base = run_mase(run, split), run_mase(run, split, baseline)
    else:
        model = run.metrics[split][metric]
        base = run.baselines[baseline][split][metric]
    if not (math.isfinite(model) and math.isfinite(base)) or base == 0:
        return float("nan")
    return 1.0 - model / base


def verdict_text(run: Run, split: str = "test", lang: str = "es") -> str:
    """A plain-language sentence: does the run beat both baselines on ``split``?"""
    from rnnlab.i18n import t
    from rnnlab.i18n.numbers import Percent

    split_name = t(f"training.split.{split}", lang)
    exact = [b for b in BASELINES if run.baselines.get(b, {}).get(split, {}).get("rmse") == 0]
    if exact:  # a constant part: a baseline is exact, so a percentage "better" means nothing
        return t("training.verdict.exact", lang, split=split_name,
                 baseline=t(f"training.baseline.{exact[0]}", lang))
    gains = {baseline: improvement_fraction(run, baseline, split) for baseline in BASELINES}
    if not all(math.isfinite(gain) for gain in gains.values()):
        return t("training.verdict.unknown", lang, split=split_name)
    parts = []
    for baseline, gain in gains.items():
        key = "training.verdict.beats" if gain > 0 else "training.verdict.loses"
        parts.append(t(key, lang, baseline=t(f"training.baseline.{baseline}", lang),
                       split=split_name, pct=Percent(abs(gain)), model=run_mase(run, split),
                       base=run_mase(run, split, baseline)))
    if any(gain <= 0 for gain in gains.values()):
        relu = run.config.activation == "relu"
        parts.append(t("training.verdict.advice_relu" if relu else "training.verdict.advice", lang))
        parts.append(t("training.verdict.random_walk", lang))
    return " ".join(parts)


def divergence_advice(config: TrainConfig) -> list[tuple[str, dict]]:
    """What to change after a divergence, as (i18n key, values): only advice that applies to
    this config (no "use tanh" when tanh is in use; the data are always scaled already)."""
    advice: list[tuple[str, dict]] = [("training.advice.lower_lr", {})]
    if config.activation == "relu":
        advice.append(("training.advice.tanh", {}))
    if config.clipnorm:
        advice.append(("training.advice.clip_lower", {"clipnorm": float(config.clipnorm)}))
    else:
        advice.append(("training.advice.clip", {}))
    return advice


def export_run(run: Run) -> bytes:
    """The trained model as the bytes of a ``.keras`` file: architecture, weights, and the
    compiled loss and optimizer with its state, so training can continue where it stopped."""
    model = build_model(run.config)
    model.set_weights(run.weights)
    model.optimizer.build(model.trainable_variables)
    if run.optimizer_state:
        for variable, value in zip(model.optimizer.variables, run.optimizer_state, strict=True):
            variable.assign(value)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as handle:
            return handle.read()


def load_model(data: bytes):
    """A Keras model from the bytes of a ``.keras`` file (e.g. from ``export_run``)."""
    keras = _keras()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as handle:
            handle.write(data)
        return keras.saving.load_model(path)


def run_to_json(run: Run) -> str:
    """Config, status, metrics, baselines, history and summary as JSON text (no weights)."""
    def clean(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    document = {
        "name": run.name, "run_id": run.run_id, "series": run.series_name,
        "status": run.status, "message": run.message, "config": run.config.to_dict(),
        "epochs_done": run.epochs_done, "seconds": run.seconds, "n_params": run.n_params,
        "summary": [list(row) for row in run.summary], "metrics": run.metrics,
        "baselines": run.baselines, "history": run.history,
    }
    return json.dumps(clean(document), indent=2, ensure_ascii=False)


def history_csv(run: Run) -> str:
    """One row per epoch: epoch, loss, val_loss, mae, val_mae, seconds."""
    import pandas as pd

    from rnnlab.csvsafe import safe_frame

    frame = pd.DataFrame({key: run.history.get(key, []) for key in HISTORY_KEYS})
    frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
    return safe_frame(frame).to_csv(index=False)


def predictions_csv(run: Run) -> str:
    """One row per target: position, split, actual, predicted, persistence, linear."""
    import pandas as pd

    from rnnlab.csvsafe import safe_frame

    frames = []
    for split in SPLITS:
        frame = pd.DataFrame({"position": run.target_index[split], "split": split,
                              "actual": run.targets[split], "predicted": run.predictions[split]})
        for baseline in BASELINES:
            frame[baseline] = run.baseline_predictions.get(baseline, {}).get(split, np.nan)
        frames.append(frame)
    buffer = io.StringIO()
    safe_frame(pd.concat(frames, ignore_index=True)).to_csv(buffer, index=False)
    return buffer.getvalue()
