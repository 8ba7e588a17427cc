"""Keras recurrent models from a config, trained with live callbacks into a Run.

TensorFlow is imported inside the functions that build or train models, never at import.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

CELLS = ("SimpleRNN", "LSTM", "GRU")
ACTIVATIONS = ("tanh", "relu")
OPTIMIZERS = ("adam", "sgd", "rmsprop")
SCALERS = ("minmax", "standard")


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


@dataclass
class Run:
    """The result of one training: what was trained, how it went, and how good it is."""

    config: TrainConfig
    history: dict[str, list[float]]  # per epoch: loss, val_loss, mae, val_mae, seconds
    predictions: dict[str, np.ndarray]  # split ("train", "val", "test") -> one-step predictions, original units
    targets: dict[str, np.ndarray]  # split -> true values, original units
    target_index: dict[str, np.ndarray]  # split -> position of each target in the series
    metrics: dict[str, dict[str, float]]  # split -> {"mse", "mae", "rmse"}, original units
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
