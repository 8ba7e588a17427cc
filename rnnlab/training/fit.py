"""Training: validate, wait for a slot, check out a pooled model, run the epoch loop, score the Run."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable

import numpy as np

from rnnlab.data.windows import SPLITS, prepare
from rnnlab.declarations.messages import Message
from rnnlab.forecasting.baselines import baseline_metrics, baseline_predictions, mase_scale, metrics
from rnnlab.training import queue
from rnnlab.training.config import HISTORY_KEYS, TrainConfig, TrainingError
from rnnlab.training.estimate import admit
from rnnlab.training.models import _Compiled, _tf, model_summary, pool
from rnnlab.training.run import Run, epoch_values

STOP_CHECK_SECONDS = 0.2  # how often a training asks should_stop() between batches


def train(values, config: TrainConfig, on_epoch=None, should_stop=None, series_name: str = "",
          on_wait: Callable[[int], None] | None = None,
          on_start: Callable[[], None] | None = None) -> Run:
    """Train ``config`` on a series (1-D array or rnnlab.data.Series) and return its Run.

    - ``on_epoch(epoch_index, logs, partial_history)`` after each epoch; logs has loss,
      val_loss, mae, val_mae (scaled units, like Keras) and seconds.
    - ``should_stop()`` is asked after each epoch: True ends training there (status "stopped"),
      with predictions and metrics computed on the weights reached so far.
    - A non-finite loss stops training at once, restores the last weights that gave finite
      losses and sets status "diverged" with an explanation (a Message in ``message``).
    - Waits for a free slot in ``slots``; ``on_wait(position)`` reports the place in line,
      ``on_start()`` says the slot was granted.

    Raises TrainingError (with i18n problems) for a config or series that cannot be trained.
    """
    values, series_name = checked(values, config, series_name)
    data = prepare(values, config.lookback, config.val_fraction, config.test_fraction, config.scaler)

    importing = time.perf_counter()
    _tf()  # the first training of the process loads TensorFlow here: timed on its own
    queued = time.perf_counter()
    with queue.slots.acquire(on_wait=on_wait, should_stop=should_stop):
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
        message=Message(message, epoch_values(epochs_done, config.epochs)) if message else None,
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


def checked(values, config: TrainConfig, series_name: str = "") -> tuple[np.ndarray, str]:
    """The series as train() keeps it, and its name; raises TrainingError when ``config``
    cannot be trained on it (before any queueing or TensorFlow)."""
    values, series_name = _as_values(values, series_name)
    problems = [] if np.all(np.isfinite(values)) else [Message("training.problem.not_finite")]
    problems += admit(config, len(values))
    if problems:
        raise TrainingError(problems)
    return values, series_name


def share_values(run: Run, values: np.ndarray) -> Run:
    """Point a Run that came back from another process at the caller's copy of its series (the
    runs of one series keep one copy): its values and its targets, which are views of them."""
    if run.values is not None and run.values.shape == values.shape and np.array_equal(run.values, values):
        run.values = values
        run.targets = {s: _view_of(values, np.asarray(index)) for s, index in run.target_index.items()}
    return run


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

