"""Using a trained run: its recursive multi-step forecast, each prediction fed back as input."""

from __future__ import annotations

import math

import numpy as np

from rnnlab.data.windows import split_points
from rnnlab.training.fit import _inverse
from rnnlab.training.models import pool
from rnnlab.training.run import Run

FORECAST_BLOWUP = 1e6  # scaled units: a fed-back forecast this far out of [0, 1] has blown up


def _fitted_scaler(run: Run):
    from rnnlab.data.windows import Scaler

    train_end = run.split[0] or split_points(len(run.values), run.config.val_fraction,
                                             run.config.test_fraction)[0]
    return Scaler(run.config.scaler).fit(run.values[:train_end])


def forecast(run: Run, steps: int, start: int | None = None) -> np.ndarray:
    """Recursive multi-step forecast in original units: each prediction is fed back as input.

    By default it continues beyond the end of the data; with ``start`` it begins at that
    position of the series (e.g. the first test position), using only the ``lookback`` values
    before it, so its error can be compared with the truth and with one-step predictions.
    """
    values = np.asarray(run.values, dtype=np.float64)
    lookback = run.config.lookback
    start = len(values) if start is None else int(start)
    if not lookback <= start <= len(values):
        raise ValueError(f"start must be between the lookback ({lookback}) and {len(values)}")
    steps = int(steps)
    if steps < 1:
        return np.empty(0)
    scaler = _fitted_scaler(run)
    window = list(scaler.transform(values[start - lookback:start]))
    entry, _ = pool.checkout(run.config)
    try:
        entry.model.set_weights(run.weights)
        out = []
        for _ in range(steps):
            nxt = float(entry.predict(np.asarray(window[-lookback:], dtype=np.float32)[None, :, None])[0])
            if not math.isfinite(nxt) or abs(nxt) > FORECAST_BLOWUP:
                break  # the feedback blew up: the rest is NaN (the page says so), never a crash
            out.append(nxt)
            window.append(nxt)
    finally:
        pool.checkin(entry)
    result = np.full(steps, np.nan)
    result[:len(out)] = _inverse(scaler, np.asarray(out)) if out else []
    return result

