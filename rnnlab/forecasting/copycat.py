"""The copycat check: are a network's one-step predictions just its input shifted by one step?

A one-step network that learnt "tomorrow = today" draws a curve that hugs the truth and looks
excellent, yet it is the series moved one step to the right: the most common illusion in
LSTM forecasting posts. Two plain measures tell it apart from a real forecast:

- the predictions' mean absolute distance to the *previous* true value against their distance
  to the *current* one: a copycat is closer to the previous value;
- the lag that best aligns the predictions with the series: the L minimising
  mean |p_t - y_{t-L}| over L = 0 .. max_lag. A real one-step forecast aligns at 0; a copycat
  at 1 (or more, if it copies an older value).

Pure numpy; positions are the targets' positions in ``values``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_LAG = 5


@dataclass(frozen=True)
class CopycatCheck:
    mae_current: float  # mean |p_t - y_t|
    mae_previous: float  # mean |p_t - y_{t-1}|
    lag_mae: np.ndarray  # mean |p_t - y_{t-L}| for L = 0 .. max_lag
    best_lag: int  # argmin of lag_mae
    points: int  # predictions judged

    @property
    def flagged(self) -> bool:
        """A copycat: the predictions align best with a past value and sit closer to the
        previous true value than to the one they predict."""
        return self.best_lag >= 1 and self.mae_previous < self.mae_current

    @property
    def closer_to_previous(self) -> float:
        """How much closer to the previous value than to the current one: 0.4 = 40 % closer
        (negative: farther). NaN without a distance to the current value."""
        if not self.mae_current > 0:
            return float("nan")
        return 1.0 - self.mae_previous / self.mae_current


def check(values, target_index, predictions, max_lag: int = MAX_LAG) -> CopycatCheck | None:
    """The copycat measures of ``predictions`` made for ``values[target_index]``.

    Only targets with ``max_lag`` earlier values are judged, so every lag is measured on the
    same points. None when fewer than 3 such points are left or a prediction is not finite.
    """
    values = np.asarray(values, dtype=np.float64)
    index = np.asarray(target_index, dtype=int)
    predictions = np.asarray(predictions, dtype=np.float64)
    if len(index) != len(predictions):
        raise ValueError(f"{len(index)} targets but {len(predictions)} predictions")
    keep = index >= max_lag
    index, predictions = index[keep], predictions[keep]
    if len(index) < 3 or not np.all(np.isfinite(predictions)):
        return None
    lag_mae = np.array([np.mean(np.abs(predictions - values[index - lag]))
                        for lag in range(max_lag + 1)])
    return CopycatCheck(mae_current=float(lag_mae[0]), mae_previous=float(lag_mae[1]),
                        lag_mae=lag_mae, best_lag=int(np.argmin(lag_mae)), points=len(index))


def shifted(values, target_index, lag: int = 1) -> np.ndarray:
    """The input shifted by ``lag`` steps at the targets' positions: what a copycat draws."""
    values = np.asarray(values, dtype=np.float64)
    index = np.asarray(target_index, dtype=int)
    out = np.full(len(index), np.nan)
    ok = index >= lag
    out[ok] = values[index[ok] - lag]
    return out
