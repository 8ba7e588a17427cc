"""Keras recurrent models from a config, and the process-wide pool of traced ones.

TensorFlow is imported inside the functions that build or train models, never at import.

Why training is fast here (bench/bench_training.py measures it): ``model.fit`` spends
almost all of its time on framework overhead for these tiny models. So ``train()`` runs its
own loop around one traced ``tf.function`` training step, and keeps compiled models of each
architecture in a small process-wide pool: a second training of the same architecture skips
tracing entirely. A pooled model is checked out by one training at a time, and its weights,
dropout seeds and optimizer state are reset to exactly what a fresh model with the new seed
would have, so reusing it never changes a single number.
"""

from __future__ import annotations

import os
import threading
import time

import numpy as np

from rnnlab.declarations import settings
from rnnlab.training.config import MODERN_CELLS, PREDICT_CHUNK, TrainConfig

# --------------------------------------------------------------------------------------
# TensorFlow, imported lazily, its threads limited to the machine once


_TF_LOCK = threading.Lock()
_tf_configured = False


def thread_count() -> int:
    """CPUs this process may use (RNNLAB_TF_THREADS overrides)."""
    return settings.TF_THREADS.value(default=settings.cpu_count())


def _tf():
    """Import TensorFlow; the first call limits its thread pools to the machine's CPUs."""
    global _tf_configured
    with _TF_LOCK:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        try:
            import tensorflow as tf
        except Exception as exc:  # installed but broken: the pages show the install page
            from rnnlab.training import backend

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
    seeds = _seeds(config.seed, 3 * config.layers + 1)
    stack = [keras.Input((None if any_lookback else config.lookback, 1), name="window")]
    if config.cell in MODERN_CELLS:
        stack += _minimal_stack(keras, config, seeds)
    layer_class = {"SimpleRNN": keras.layers.SimpleRNN, "LSTM": keras.layers.LSTM,
                   "GRU": keras.layers.GRU}.get(config.cell)
    for i in range(config.layers if layer_class else 0):
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


def _minimal_stack(keras, config: TrainConfig, seeds: list[int]) -> list:
    """minGRU / minLSTM layers (rnnlab.training.minimal_layers, a parallel scan over the window).

    They have no recurrent kernel and no built-in dropout: dropout, when asked for, is a
    seeded Dropout layer on each layer's input, as Keras' ``dropout=`` drops the input too.
    """
    from rnnlab.training.minimal_layers import LAYERS

    layers = []
    for i in range(config.layers):
        if config.dropout:
            layers.append(keras.layers.Dropout(float(config.dropout), seed=seeds[3 * i + 2],
                                               name=f"dropout_{i + 1}"))
        layers.append(LAYERS[config.cell](
            config.units, activation=config.activation, return_sequences=i < config.layers - 1,
            kernel_initializer=keras.initializers.GlorotUniform(seed=seeds[3 * i]),
            name=f"{config.cell.lower()}_{i + 1}"))
    return layers


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

    outputs = None  # one value per window, y of shape (batch,); multistep's direct model: H

    def __init__(self, config: TrainConfig):
        self.architecture = _architecture(config)
        self._trace(build_model(config, any_lookback=True))

    def _fresh(self, config: TrainConfig):
        """A fresh, untraced model for ``config`` (reset copies its weights)."""
        return build_model(config, compile=False)

    def _trace(self, model) -> None:
        """Keep ``model`` and its optimizer, and trace the train and predict steps once."""
        tf = _tf()
        self.model, self.optimizer = model, model.optimizer
        self.optimizer.build(model.trainable_variables)  # no variables created while tracing
        _skip_single_replica_all_reduce(self.optimizer)
        optimizer, outputs = self.optimizer, self.outputs
        x_spec = tf.TensorSpec((None, None, 1), tf.float32)  # (batch, lookback, 1)
        y_spec = tf.TensorSpec((None,) if outputs is None else (None, outputs), tf.float32)

        def forward(x, training):
            y = model(x, training=training)
            return tf.squeeze(y, -1) if outputs is None else y

        @tf.function(input_signature=[x_spec, y_spec], autograph=False)  # no Python control flow
        def train_step(x, y):
            with tf.GradientTape() as tape:
                error = forward(x, True) - y
                loss = tf.reduce_mean(tf.square(error))
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply(gradients, model.trainable_variables)
            return loss, tf.reduce_mean(tf.abs(error))

        @tf.function(input_signature=[x_spec], autograph=False)
        def predict(x):
            return forward(x, False)

        self.train_step = train_step
        self.predict_step = predict

    def reset(self, config: TrainConfig):
        """Exactly the state of a fresh model built for ``config``: weights and dropout seeds
        from its seed, optimizer moments and step counter at zero, its learning rate.
        Returns that fresh (untraced) model, whose layer shapes show the config's lookback."""
        fresh = self._fresh(config)
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


pool = _ModelPool(settings.MODEL_POOL.value())


def warm_timed(config=None) -> tuple[float, float]:
    """Import TensorFlow and trace ``config``'s model in this process (the warm-up's work, done
    where the trainings run: rnnlab.runtime.warmup asks the worker). Returns (seconds, seconds
    the default training's steps took: what a training holds its slot for, roughly)."""
    started = time.perf_counter()
    config = config or TrainConfig()
    entry, _ = pool.checkout(config)
    try:
        x = np.zeros((2, config.lookback, 1), dtype=np.float32)
        entry.train_step(x, np.zeros(2, dtype=np.float32))  # traces the step (the slow part)
        entry.predict(x)
        # Time the default training's steps on the default series' shapes: the queue's first
        # estimate ("your turn in about ...") before any real training has finished.
        windows = config.window_counts(100)
        batch = np.zeros((config.batch_size, config.lookback, 1), dtype=np.float32)
        target = np.zeros(config.batch_size, dtype=np.float32)
        timed = time.perf_counter()
        for _ in range(int(config.epochs)):
            for _ in range(-(-windows["train"] // config.batch_size)):
                entry.train_step(batch, target)
            entry.predict(x)
        held = time.perf_counter() - timed
    finally:
        pool.checkin(entry)
    return time.perf_counter() - started, held
