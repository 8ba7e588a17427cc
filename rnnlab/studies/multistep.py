"""The recurrent network on a rolling origin: H-step forecasts, two strategies, conformal bands.

- recursive: the one-step model of rnnlab.training, its predictions fed back as inputs;
- direct: the same recurrent stack with H outputs, one per horizon step, trained on
  (window, next H values) pairs.

Both run on the folds of rnnlab.forecasting.backtest (origins o_k = n - H (K - k)). Each fold fits its
own scaler and model on ``values[:o_k]`` only (the last ``val_fraction`` of it for
validation). Fold 0 trains from the config's seed for ``config.epochs``; later folds continue
from the previous fold's weights for ``refit_fraction`` of the epochs (their data is fold 0's
plus H values), which keeps K = 3 under 2.5 trainings' time. Models come from the training
pool (the recursive one is exactly the Train page's model), so no fold traces a new graph.

Every fold's model also forecasts from each origin up to the next fold's (o_k .. o_k + H - 1:
values it never trained on), so every origin is forecast by the newest model fitted before it,
as a forecaster refitting every H steps would. Their errors are the conformal calibration set
of rnnlab.forecasting.intervals; coverage is judged leaving one fold's model out at a time.

TensorFlow is imported only inside the functions that train.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

import numpy as np

from rnnlab.data.windows import Scaler
from rnnlab.declarations.messages import Message
from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals
from rnnlab.training import fit, models, queue
from rnnlab.training.config import TrainConfig

STRATEGIES = ("recursive", "direct")
REFIT_FRACTION = 0.25


@dataclass
class RnnBacktest:
    """One strategy's rolling-origin backtest of a TrainConfig on one series."""

    strategy: str
    horizon: int
    folds: int
    season: int
    config: dict
    origins: list[int]
    forecasts: np.ndarray  # (folds, horizon): the forecast from each origin, original units
    residuals: np.ndarray  # (rows, horizon): truth - forecast of every calibration forecast
    row_fold: np.ndarray  # (rows,): which fold's model made each calibration forecast
    row_origin: np.ndarray  # (rows,): its origin
    future: np.ndarray  # (horizon,): the last fold's model forecasting from the series' end
    widths: dict[float, np.ndarray]  # level -> half width per step, from all residuals
    held_out_widths: dict[float, dict]  # level -> fold -> widths calibrated without that fold
    coverage: dict[float, float]  # level -> held-out coverage (leave one fold out)
    fold_seconds: list[float] = field(default_factory=list)
    fold_epochs: list[int] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "completed"  # or "stopped"

    @property
    def method(self) -> str:
        return f"rnn_{self.strategy}"


# --------------------------------------------------------------------------------------
# Windows of one fold


def fold_windows(values: np.ndarray, origin: int, lookback: int, outputs: int,
                 val_fraction: float, scaler: str, flat: bool | None = None):
    """Scaled (window, next ``outputs`` values) pairs cut from ``values[:origin]`` alone.

    The scaler is fitted on ``values[:origin]``; the last ``val_fraction`` of it is the
    validation part (windows whose last target lies there). Targets are (N,) when ``flat``
    (the one-step model; default: one output), else (N, outputs). Returns (data, scaler).
    """
    flat = outputs == 1 if flat is None else flat
    part = np.asarray(values[:origin], dtype=np.float64)
    fitted = Scaler(scaler).fit(part)
    scaled = fitted.transform(part)
    count = len(part) - lookback - outputs + 1
    if count < 1:
        empty = np.empty((0, lookback, 1))
        y_empty = np.empty(0) if flat else np.empty((0, outputs))
        return SimpleNamespace(X={"train": empty, "val": empty},
                               y={"train": y_empty, "val": y_empty}), fitted
    starts = np.arange(count)
    X = np.stack([scaled[s:s + lookback] for s in starts])[..., None]
    Y = np.stack([scaled[s + lookback:s + lookback + outputs] for s in starts])
    if flat:
        Y = Y[:, 0]
    train_end = origin - int(round(origin * val_fraction))
    last_target = starts + lookback + outputs - 1
    is_train = last_target < train_end
    data = SimpleNamespace(X={"train": X[is_train], "val": X[~is_train]},
                           y={"train": Y[is_train], "val": Y[~is_train]})
    return data, fitted


def window_counts(n: int, config: TrainConfig, horizon: int, folds: int,
                  strategy: str) -> tuple[int, int]:
    """(train, val) windows of the first (smallest) fold."""
    origin = bt.origins(n, horizon, folds)[0]
    outputs = horizon if strategy == "direct" else 1
    count = max(0, origin - config.lookback - outputs + 1)
    train_end = origin - int(round(origin * config.val_fraction))
    train = max(0, min(count, train_end - config.lookback - outputs + 1))
    return train, count - train


def problems(n: int, config: TrainConfig, horizon: int, folds: int, season: int,
             strategies=STRATEGIES) -> list[Message]:
    """What stops this backtest; empty when it can run."""
    try:
        bt.check(n, horizon, folds, season, min_train=config.lookback + 2)
    except bt.BacktestError as exc:
        return exc.messages
    found = []
    for strategy in strategies:
        train, val = window_counts(n, config, horizon, folds, strategy)
        if train < 1 or val < 1:
            found.append(Message("backtest.problem.windows", {
                "strategy": strategy, "train": train, "val": val,
                "origin": bt.origins(n, horizon, folds)[0], "lookback": config.lookback,
                "horizon": horizon}))
    return found


# --------------------------------------------------------------------------------------
# The direct model: the recurrent stack of training.build_model with H outputs


def build_direct_model(config: TrainConfig, outputs: int, compile: bool = True):
    """The config's recurrent layers (same seeds as build_model) and a Dense(outputs) head."""
    keras = models._keras()
    base = models.build_model(config, compile=False, any_lookback=True)
    head_seed = models._seeds(config.seed + 7919, 1)[0]  # a seed of its own: not the 1-output head's
    inputs = keras.Input((None, 1), name="window")
    x = inputs
    for layer in base.layers[:-1]:
        x = layer(x)
    out = keras.layers.Dense(outputs, name="outputs",
                             kernel_initializer=keras.initializers.GlorotUniform(seed=head_seed))(x)
    model = keras.Model(inputs, out, name=f"{config.cell.lower()}_direct_{outputs}")
    if compile:
        model.compile(optimizer=models._make_optimizer(config), loss="mse", metrics=["mae"])
    return model


class _DirectCompiled(models._Compiled):
    """A pooled model with H outputs: same interface as training.models._Compiled (train_step,
    predict, reset), so training.fit._fit trains it unchanged."""

    def __init__(self, config: TrainConfig, outputs: int):
        self.outputs = int(outputs)
        self.architecture = direct_architecture(config, outputs)
        self._trace(build_direct_model(config, outputs))

    def _fresh(self, config: TrainConfig):
        return build_direct_model(config, self.outputs, compile=False)


def direct_architecture(config: TrainConfig, outputs: int) -> tuple:
    return models._architecture(config) + ("direct", int(outputs))


def _checkout(config: TrainConfig, strategy: str, horizon: int):
    """A pooled model for this strategy (the training pool holds both kinds)."""
    if strategy == "recursive":
        return models.pool.checkout(config)
    wanted = direct_architecture(config, horizon)
    with models.pool._lock:
        for i, entry in enumerate(models.pool._idle):
            if entry.architecture == wanted:
                return models.pool._idle.pop(i), True
    return _DirectCompiled(config, horizon), False


# --------------------------------------------------------------------------------------
# Forecasting from many origins with one fold's model


def _forecast_from(entry, scaled: np.ndarray, starts: np.ndarray, lookback: int, horizon: int,
                   strategy: str) -> np.ndarray:
    """Scaled H-step forecasts from each origin in ``starts`` (uses scaled[o - lookback:o])."""
    windows = np.stack([scaled[o - lookback:o] for o in starts]).astype(np.float32)
    if strategy == "direct":
        return entry.predict(windows[..., None]).reshape(len(starts), horizon)
    out = np.empty((len(starts), horizon))
    for h in range(horizon):  # all origins at once, one step at a time
        step = entry.predict(windows[..., None])
        out[:, h] = step
        windows = np.concatenate([windows[:, 1:], step.astype(np.float32)[:, None]], axis=1)
    return out


# --------------------------------------------------------------------------------------
# The backtest


def run_backtest(values, config: TrainConfig, horizon: int, folds: int = 3, season: int = 1,
                 strategy: str = "recursive", refit_fraction: float = REFIT_FRACTION,
                 on_progress: Callable[[int, int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 on_wait: Callable[[int], None] | None = None) -> RnnBacktest:
    """Backtest ``config`` with ``strategy`` on the folds of rnnlab.forecasting.backtest.

    ``on_progress(fold, epochs_done, epochs_of_fold)`` after each epoch; ``should_stop()``
    ends the current fold after its epoch and skips the rest (status "stopped": the folds
    not trained keep NaN forecasts). Waits for a training slot like train().
    Raises BacktestError for settings the series cannot hold.
    """
    values = bt._clean(values)
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {STRATEGIES}")
    found = problems(len(values), config, horizon, folds, season, (strategy,))
    if found:
        raise bt.BacktestError(found[0].key, **found[0].values)
    n, lookback = len(values), int(config.lookback)
    outputs = horizon if strategy == "direct" else 1
    fold_origins = bt.origins(n, horizon, folds)
    forecasts = np.full((folds, horizon), np.nan)
    future = np.full(horizon, np.nan)
    rows, row_fold, row_origin = [], [], []
    fold_seconds, fold_epochs = [], []
    status = "completed"
    started = time.perf_counter()
    with queue.slots.acquire(on_wait=on_wait, should_stop=should_stop):
        entry, _ = _checkout(config, strategy, horizon)
        try:
            for k, origin in enumerate(fold_origins):
                fold_started = time.perf_counter()
                if k == 0:
                    entry.reset(config)
                    fold_config = config
                else:  # continue from the previous fold: same data plus H new values
                    epochs = max(1, int(round(config.epochs * refit_fraction)))
                    fold_config = replace(config, epochs=epochs, seed=config.seed + k)
                data, scaler = fold_windows(values, origin, lookback, outputs,
                                            config.val_fraction, config.scaler,
                                            flat=strategy == "recursive")

                def on_epoch(epoch, logs, history, k=k, epochs=fold_config.epochs):
                    if on_progress is not None:
                        on_progress(k, epoch + 1, epochs)

                history, fold_status, _ = fit._fit(entry, data, fold_config, on_epoch, should_stop)
                fold_epochs.append(len(history["loss"]))
                if fold_status == "diverged":
                    raise bt.BacktestError("backtest.problem.diverged", fold=k + 1)
                # Scaled with this fold's scaler; inputs before each origin are known then.
                scaled = scaler.transform(values)
                # Origins o_k .. o_k + H - 1, up to the next fold's: each origin is forecast by
                # the newest model trained before it. The last fold also forecasts from n.
                starts = np.arange(origin, origin + horizon + (1 if k == folds - 1 else 0))
                predicted = scaler.inverse_transform(
                    _forecast_from(entry, scaled, starts, lookback, horizon, strategy))
                forecasts[k] = predicted[0]
                if k == folds - 1:
                    future = predicted[-1]
                    predicted, starts = predicted[:-1], starts[:-1]
                for row, o in zip(predicted, starts, strict=True):
                    truth = np.full(horizon, np.nan)
                    available = values[o:o + horizon]
                    truth[:len(available)] = available
                    rows.append(truth - row)
                    row_fold.append(k)
                    row_origin.append(o)
                fold_seconds.append(time.perf_counter() - fold_started)
                if fold_status == "stopped" or (should_stop is not None and should_stop()):
                    status = "stopped" if k < folds - 1 or fold_status == "stopped" else status
                    break
        finally:
            models.pool.checkin(entry)
    residuals = np.array(rows).reshape(-1, horizon)
    row_fold, row_origin = np.array(row_fold, dtype=int), np.array(row_origin, dtype=int)
    covered, held_widths = intervals.leave_one_group_out(residuals, row_fold)
    return RnnBacktest(
        strategy=strategy, horizon=int(horizon), folds=int(folds), season=int(season),
        config=config.to_dict(), origins=fold_origins, forecasts=forecasts, residuals=residuals,
        row_fold=row_fold, row_origin=row_origin, future=future,
        widths=intervals.half_widths(residuals), held_out_widths=held_widths, coverage=covered,
        fold_seconds=fold_seconds, fold_epochs=fold_epochs,
        seconds=time.perf_counter() - started, status=status)
