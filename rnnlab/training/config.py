"""What defines one training and whether it can run: TrainConfig, its allowed values, validate().

Validation returns Messages (rnnlab.declarations.messages); ``train()`` raises them as a TrainingError.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass

from rnnlab.data.windows import SCALERS, split_points
from rnnlab.declarations.messages import Message, MessageError
from rnnlab.declarations.vocab import ACTIVATIONS, CELLS, MODERN_CELLS, OPTIMIZERS  # noqa: F401 - the names every page uses

TRAIN_CELLS = CELLS + MODERN_CELLS  # what Train and Compare can train (minGRU, minLSTM: issue 25)

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

    def validate(self, n_values: int) -> list[Message]:
        """What is wrong with this config for a series of ``n_values`` values.

        Returns messages, empty when the config can be trained; their keys live in
        rnnlab/i18n/training.py and each says what to change. Whether this server admits the
        training (its time limit) is another question: ``rnnlab.training.estimate.admit``.
        """
        problems: list[Message] = []
        for name, allowed in (("cell", TRAIN_CELLS), ("activation", ACTIVATIONS),
                              ("optimizer", OPTIMIZERS), ("scaler", SCALERS)):
            value = getattr(self, name)
            if value not in allowed:
                problems.append(Message(f"training.problem.choice.{name}",
                                 {"value": value, "choices": ", ".join(allowed)}))
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
            if ok and name in ("layers", "units", "lookback", "epochs", "batch_size"):
                ok = float(value).is_integer()
            if not ok or not low <= value <= high:
                problems.append(Message(f"training.problem.range.{name}",
                                 {"value": value, "low": low, "high": high}))
        if self.clipnorm is not None and not (
            isinstance(self.clipnorm, numbers.Real) and math.isfinite(self.clipnorm) and self.clipnorm > 0
        ):
            problems.append(Message("training.problem.clipnorm", {"value": self.clipnorm}))
        if problems:  # the checks below need sane numbers
            return problems

        train_end, _ = split_points(n_values, self.val_fraction, self.test_fraction)
        counts = self.window_counts(n_values)
        if train_end <= self.lookback:
            problems.append(Message("training.problem.lookback_too_long",
                             {"lookback": self.lookback, "train_values": train_end,
                              "max_lookback": max(1, train_end - 1)}))
        elif self.batch_size > counts["train"]:
            problems.append(Message("training.problem.batch_too_large",
                             {"batch": self.batch_size, "windows": counts["train"]}))
        if sum(counts.values()) * self.lookback > MAX_WINDOW_VALUES:
            problems.append(Message("training.problem.too_big",
                             {"windows": sum(counts.values()), "lookback": self.lookback,
                              "max_windows": MAX_WINDOW_VALUES // self.lookback}))
        if counts["val"] < 1:
            problems.append(Message("training.problem.val_empty", {"n": n_values}))
        if counts["test"] < 1:
            problems.append(Message("training.problem.test_empty", {"n": n_values}))
        if n_values > MAX_TRAIN_VALUES:
            problems.append(Message("training.problem.too_many_values",
                             {"n": n_values, "limit": MAX_TRAIN_VALUES,
                              "step": math.ceil(n_values / MAX_TRAIN_VALUES)}))
        return problems


class TrainingError(MessageError):
    """The config or the data cannot be trained; ``messages`` say what to change."""

    def __init__(self, messages: list[Message]):
        super().__init__(*messages)
