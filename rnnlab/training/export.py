"""A trained run as files to download: the .keras model, its JSON summary, history and predictions CSV."""

from __future__ import annotations

import io
import json
import math
import os
import tempfile

import numpy as np

from rnnlab.data.windows import SPLITS
from rnnlab.forecasting.baselines import BASELINES
from rnnlab.training.config import HISTORY_KEYS
from rnnlab.training.models import _keras, build_model
from rnnlab.training.run import Run


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
    from rnnlab.training.minimal_layers import layers

    layers()  # minGRU / minLSTM registered, so a saved model of them loads
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
        "status": run.status, "message": run.message.key if run.message else "", "config": run.config.to_dict(),
        "epochs_done": run.epochs_done, "seconds": run.seconds, "n_params": run.n_params,
        "summary": [list(row) for row in run.summary], "metrics": run.metrics,
        "baselines": run.baselines, "history": run.history,
    }
    return json.dumps(clean(document), indent=2, ensure_ascii=False)


def history_csv(run: Run) -> str:
    """One row per epoch: epoch, loss, val_loss, mae, val_mae, seconds."""
    import pandas as pd

    from rnnlab.data.csvsafe import safe_frame

    frame = pd.DataFrame({key: run.history.get(key, []) for key in HISTORY_KEYS})
    frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
    return safe_frame(frame).to_csv(index=False)


def predictions_csv(run: Run) -> str:
    """One row per target: position, split, actual, predicted, persistence, linear."""
    import pandas as pd

    from rnnlab.data.csvsafe import safe_frame

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
