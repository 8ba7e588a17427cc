"""Keras recurrent models from a config, trained with live callbacks into a Run.

One idea per module; every public name is re-exported here, so ``from rnnlab.training import X``
keeps working. Importing this package never imports TensorFlow.

- ``config``: TrainConfig, its allowed values (CELLS, LIMITS, ...) and ``validate()``
- ``estimate``: how long a training will take, refused when over the server's limit
- ``models``: lazy TensorFlow, ``build_model``, the pool of traced models (``pool``)
- ``queue``: ``TrainingSlots`` and ``slots``, at most N trainings at once
- ``fit``: ``train()`` and its epoch loop
- ``run``: ``Run``, the result of a training
- ``forecasting``, ``verdicts``, ``export``: using a trained run
"""

from rnnlab.data.windows import SCALERS  # pages read the scalers next to the other choices
from rnnlab.training.config import (
    ACTIVATIONS,
    CELLS,
    HISTORY_KEYS,
    LIMITS,
    MAX_TRAIN_VALUES,
    MAX_WINDOW_VALUES,
    OPTIMIZERS,
    PREDICT_CHUNK,
    QUICK_DEFAULTS,
    TRAIN_CELLS,
    TrainConfig,
    TrainingError,
)
from rnnlab.training.estimate import (
    FIRST_EPOCH,
    admit,
    estimate_seconds,
    max_train_seconds,
)
from rnnlab.training.export import export_run, history_csv, load_model, predictions_csv, run_to_json
from rnnlab.training.fit import frozen, train
from rnnlab.training.forecasting import FORECAST_BLOWUP, forecast
from rnnlab.training.models import (
    build_model,
    count_params,
    model_summary,
    pool,
    thread_count,
)
from rnnlab.training.queue import TrainingCancelled, TrainingSlots, slots
from rnnlab.training.run import Run
from rnnlab.training.verdicts import (
    VERDICT_METRIC,
    divergence_advice,
    improvement_fraction,
    verdict_text,
)

__all__ = [
    "ACTIVATIONS", "CELLS", "TRAIN_CELLS", "FIRST_EPOCH", "FORECAST_BLOWUP", "HISTORY_KEYS", "LIMITS",
    "MAX_TRAIN_VALUES", "MAX_WINDOW_VALUES", "OPTIMIZERS", "PREDICT_CHUNK", "QUICK_DEFAULTS",
    "SCALERS", "VERDICT_METRIC", "Run", "TrainConfig", "TrainingCancelled", "TrainingError",
    "TrainingSlots", "admit", "build_model", "count_params", "divergence_advice",
    "estimate_seconds", "export_run", "forecast", "frozen", "history_csv",
    "improvement_fraction", "load_model", "max_train_seconds", "model_summary", "pool",
    "predictions_csv", "run_to_json", "slots", "thread_count", "train", "verdict_text",
]
