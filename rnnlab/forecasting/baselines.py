"""Honest yardsticks for a trained network: persistence and a linear autoregressive model.

A recurrent network is only worth its training time if it beats these. Both work on the
same windows as the network (same lookback, same chronological split, same targets), and
every metric is in the series' original units.
"""

from __future__ import annotations

import numpy as np

from rnnlab.data.windows import SPLITS, WindowedData

BASELINES = ("persistence", "linear")
METRICS = ("mse", "mae", "rmse", "mase")


def mase_scale(train) -> float:
    """One-step MASE's scale: persistence's mean absolute error inside the training part,
    mean |y_t - y_(t-1)| (Hyndman & Koehler, 2006). NaN when there is nothing to scale by."""
    train = np.asarray(train, dtype=np.float64)
    if len(train) < 2:
        return float("nan")
    scale = float(np.mean(np.abs(np.diff(train))))
    return scale if scale > 0 else float("nan")


def metrics(y_true, y_pred, scale: float = float("nan")) -> dict[str, float]:
    """MSE, MAE, RMSE and MASE (MAE / ``scale``) of predictions against the truth (NaN for an
    empty split, and MASE NaN without a scale)."""
    from sklearn.metrics import mean_absolute_error, mean_squared_error

    y_true = np.asarray(y_true, dtype=np.float64).ravel()
    y_pred = np.asarray(y_pred, dtype=np.float64).ravel()
    if len(y_true) != len(y_pred):
        raise ValueError(f"{len(y_true)} true values but {len(y_pred)} predictions")
    if len(y_true) == 0:
        return {name: float("nan") for name in METRICS}
    if not np.all(np.isfinite(y_pred)):  # sklearn refuses NaN; a diverged model has no score
        return {name: float("nan") for name in METRICS}
    mse = float(mean_squared_error(y_true, y_pred))
    mae = float(mean_absolute_error(y_true, y_pred))
    return {"mse": mse, "mae": mae, "rmse": float(np.sqrt(mse)), "mase": mae / scale}


def persistence(values, target_index) -> np.ndarray:
    """"Tomorrow = today": the prediction for position i is the value at i - 1."""
    values = np.asarray(values, dtype=np.float64)
    target_index = np.asarray(target_index, dtype=int)
    if len(target_index) and target_index.min() < 1:
        raise ValueError("persistence needs a previous value: target positions start at 1")
    return values[target_index - 1]


def linear_autoregressive(data: WindowedData) -> dict[str, np.ndarray]:
    """A least-squares linear model on the same lookback window, fitted on the training windows.

    Returns one-step predictions per split in original units. Fitting on scaled windows and
    unscaling gives the same predictions as fitting in original units (the model is linear).
    """
    from sklearn.linear_model import LinearRegression

    flat = {split: data.X[split].reshape(len(data.X[split]), -1) for split in SPLITS}
    model = LinearRegression().fit(flat["train"], data.y["train"])
    out = {}
    for split in SPLITS:
        scaled = model.predict(flat[split]) if len(flat[split]) else np.empty(0)
        out[split] = data.scaler.inverse_transform(scaled)
    return out


def baseline_predictions(data: WindowedData) -> dict[str, dict[str, np.ndarray]]:
    """{"persistence": {split: predictions}, "linear": {split: predictions}}, original units."""
    return {
        "persistence": {s: persistence(data.values, data.target_index[s]) for s in SPLITS},
        "linear": linear_autoregressive(data),
    }


def baseline_metrics(data: WindowedData, predictions: dict | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """{"persistence"/"linear": {split: {"mse", "mae", "rmse", "mase"}}} in original units."""
    predictions = predictions or baseline_predictions(data)
    scale = mase_scale(data.values[:data.train_end])
    return {
        name: {s: metrics(data.targets(s), predictions[name][s], scale) for s in SPLITS}
        for name in BASELINES
    }


def run_mase(run, split: str = "test", baseline: str | None = None) -> float:
    """A Run's one-step MASE on ``split`` (or a baseline's), from its metrics; runs saved before
    MASE was recorded get it from their MAE and the training part of their series."""
    source = run.metrics if baseline is None else run.baselines.get(baseline, {})
    scores = source.get(split, {})
    if scores.get("mase") is not None:
        return float(scores["mase"])
    mae, values = scores.get("mae"), getattr(run, "values", None)
    if mae is None or values is None:
        return float("nan")
    from rnnlab.data.windows import split_points

    train_end = run.split[0] or split_points(len(values), run.config.val_fraction,
                                             run.config.test_fraction)[0]
    return float(mae) / mase_scale(np.asarray(values)[:train_end])
