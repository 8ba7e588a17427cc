"""Run: the result of one training, as the pages, the session store and the exports see it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnlab.declarations.messages import Message
from rnnlab.training.config import TrainConfig


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
    message: Message | None = None  # what happened and what to try, when not completed
    name: str = ""  # shown in tables and legends; the user can rename it
    run_id: str = ""  # stable id within the session (colours and selection follow it)
    series_name: str = ""
    values: np.ndarray | None = None  # the series the run was trained on, original units
    baseline_predictions: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    split: tuple[int, int] = (0, 0)  # (train_end, val_end) positions in ``values``
    epochs_done: int = 0
    seconds_waiting: float = 0.0  # time spent in the queue for a training slot
    seconds_import: float = 0.0  # time spent loading TensorFlow (the process's first training)
    reused_model: bool = False  # True when a traced model of this architecture was reused
    optimizer_state: list[np.ndarray] = field(default_factory=list)  # to continue training later

    def __post_init__(self):
        # Sessions saved before runs carried a Message hold its key alone, and its values in a
        # field that is gone (message_values): they are made again from what they came from.
        if isinstance(self.message, str):
            self.message = (Message(self.message, epoch_values(self.epochs_done, self.config.epochs))
                            if self.message else None)


def epoch_values(epochs_done: int, epochs: int) -> dict:
    """The placeholders of a Run's message: how far the training got."""
    return {"epochs_done": epochs_done, "epochs": epochs, "epoch": epochs_done + 1}
