"""How long a training will take, before it starts: refuse what would not finish in class."""

from __future__ import annotations

import math

from rnnlab.declarations import settings
from rnnlab.declarations.messages import Message
from rnnlab.declarations.vocab import N_BLOCKS
from rnnlab.i18n.numbers import Seconds
from rnnlab.training.config import PREDICT_CHUNK, TrainConfig

# Measured on this server's class (2 shared cores, TF 2.21, the traced step of _Compiled): a
# batch costs a fixed framework overhead, an overhead per time step of every layer (the
# recurrent loop), and its arithmetic at the speed these small matrices reach. Within a factor
# of about 2 of what bench/bench_training.py measures: enough to refuse an 85-minute request.
BATCH_OVERHEAD = 1.2e-3  # seconds per train step
STEP_OVERHEAD = 1.0e-4  # seconds per time step and layer, per batch
FLOPS = 12e9  # floating point operations per second reached by one training
FIRST_EPOCH = 3.0  # tracing the train and predict steps of a new architecture


def max_train_seconds() -> float:
    """The longest training this server accepts (RNNLAB_MAX_TRAIN_SECONDS, default 10 minutes;
    0 turns the limit off)."""
    return settings.MAX_TRAIN_SECONDS.value()


def estimate_seconds(config: TrainConfig, n_values: int) -> float:
    """Seconds this config should take to train on ``n_values`` values here (all epochs)."""
    counts = config.window_counts(n_values)
    batch = max(1, int(config.batch_size))
    per_layer = 2 * N_BLOCKS.get(config.cell, 4) * config.units * (config.units + 1)  # flops per value
    step_flops = config.lookback * config.layers * per_layer
    batches = math.ceil(counts["train"] / batch)
    train = batches * (BATCH_OVERHEAD + STEP_OVERHEAD * config.lookback * config.layers) \
        + counts["train"] * 3 * step_flops / FLOPS  # forward and backward
    chunks = math.ceil(counts["val"] / PREDICT_CHUNK)
    validate = chunks * (BATCH_OVERHEAD + STEP_OVERHEAD * config.lookback * config.layers) \
        + counts["val"] * step_flops / FLOPS
    return FIRST_EPOCH + config.epochs * (train + validate)


def admit(config: TrainConfig, n_values: int) -> list[Message]:
    """Why this server will not start this training on ``n_values`` values (empty: it will):
    the config's own problems, then, for a sound config, the server's time limit."""
    return config.validate(n_values) or time_problems(config, n_values)


def time_problems(config: TrainConfig, n_values: int) -> list[Message]:
    limit = max_train_seconds()
    estimate = estimate_seconds(config, n_values)
    if limit <= 0 or estimate <= limit:
        return []
    per_epoch = (estimate - FIRST_EPOCH) / max(1, config.epochs)
    fit = max(1, int((limit - FIRST_EPOCH) / per_epoch)) if per_epoch > 0 else config.epochs
    return [Message("training.problem.too_slow", {"estimate": Seconds(estimate),
                                                  "limit": Seconds(limit), "epochs": fit})]
