"""Sliding windows, a chronological train/validation/test split, and scaling fit on train only.

The split is made on the *series*: the first part is training, then validation, then test.
A window belongs to the split that holds its target; its inputs may reach back into the
previous part, which is fine: those values are known before the target happens. The scaler
is fitted on the training part alone, so nothing about the test period leaks into training
(the notebook scales before splitting, which leaks).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SPLITS = ("train", "val", "test")
SCALERS = ("minmax", "standard")


def make_windows(values: np.ndarray, lookback: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Inputs X[i] = values[i : i+lookback] and targets y[i] = values[i+lookback+horizon-1]."""
    values = np.asarray(values, dtype=np.float64)
    if lookback < 1 or horizon < 1:
        raise ValueError("lookback and horizon must be at least 1")
    count = len(values) - lookback - horizon + 1
    if count < 1:
        return np.empty((0, lookback)), np.empty((0,))
    X = np.lib.stride_tricks.sliding_window_view(values, lookback)[:count].copy()
    y = values[lookback + horizon - 1 : lookback + horizon - 1 + count].copy()
    return X, y


def split_points(n: int, val_fraction: float = 0.2, test_fraction: float = 0.2) -> tuple[int, int]:
    """Indices (train_end, val_end): train = [0, train_end), val = [train_end, val_end), test = rest."""
    if not (0.0 <= val_fraction < 1.0 and 0.0 <= test_fraction < 1.0):
        raise ValueError("fractions must be in [0, 1)")
    if val_fraction + test_fraction >= 1.0:
        raise ValueError("validation and test fractions must leave room for training")
    val_end = n - int(round(n * test_fraction))
    train_end = val_end - int(round(n * val_fraction))
    return train_end, val_end


class Scaler:
    """MinMax (default) or standard scaling, fitted on the training values only.

    Backed by scikit-learn; a constant training part scales to zeros instead of dividing by zero.
    """

    def __init__(self, kind: str = "minmax"):
        if kind not in SCALERS:
            raise ValueError(f"scaler must be one of {SCALERS}")
        self.kind = kind
        from sklearn.preprocessing import MinMaxScaler, StandardScaler

        self._scaler = MinMaxScaler() if kind == "minmax" else StandardScaler()

    def fit(self, values: np.ndarray) -> Scaler:
        self._scaler.fit(np.asarray(values, dtype=np.float64).reshape(-1, 1))
        return self

    def transform(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        return self._scaler.transform(values.reshape(-1, 1)).reshape(values.shape)

    def inverse_transform(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        return self._scaler.inverse_transform(values.reshape(-1, 1)).reshape(values.shape)


@dataclass
class WindowedData:
    """Scaled windows per split, ready for a recurrent network: X is (N, lookback, 1)."""

    lookback: int
    scaler: Scaler
    train_end: int
    val_end: int
    X: dict[str, np.ndarray]  # split -> scaled inputs (N, lookback, 1)
    y: dict[str, np.ndarray]  # split -> scaled targets (N,)
    target_index: dict[str, np.ndarray]  # split -> position of each target in the series
    values: np.ndarray  # the original series

    def targets(self, split: str) -> np.ndarray:
        """The targets of a split in original units."""
        return self.values[self.target_index[split]]

    def counts(self) -> dict[str, int]:
        return {s: len(self.y[s]) for s in SPLITS}


def prepare(
    values: np.ndarray,
    lookback: int = 10,
    val_fraction: float = 0.2,
    test_fraction: float = 0.2,
    scaler: str = "minmax",
) -> WindowedData:
    """Split chronologically, fit the scaler on the training part, cut scaled windows per split."""
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    train_end, val_end = split_points(n, val_fraction, test_fraction)
    if train_end <= lookback:
        raise ValueError(
            f"the training part has {train_end} values, not more than the lookback ({lookback}): "
            "use a shorter lookback, smaller validation/test fractions or a longer series"
        )
    fitted = Scaler(scaler).fit(values[:train_end])
    scaled = fitted.transform(values)
    X_all, _ = make_windows(scaled, lookback)
    target_pos = np.arange(lookback, n)
    bounds = {"train": (0, train_end), "val": (train_end, val_end), "test": (val_end, n)}
    X, y, idx = {}, {}, {}
    for split, (lo, hi) in bounds.items():
        mask = (target_pos >= lo) & (target_pos < hi)
        idx[split] = target_pos[mask]
        X[split] = X_all[mask][..., None]
        y[split] = scaled[idx[split]]
    return WindowedData(lookback, fitted, train_end, val_end, X, y, idx, values)


def notebook_scaling_cell(values: np.ndarray, lookback: int = 10) -> dict:
    """Run the notebook's scaling cell on ``values`` and report what happens.

    The notebook scales with ``MinMaxScaler().fit_transform(X.T).T``: X.T has one column per
    window, so the scaler learns one (min, max) per window (each window scaled by itself), and
    then ``scaler.transform(y.reshape(-1, 1))`` hands it a single column, which scikit-learn
    refuses. Returns the number of columns the scaler was fitted on and the error it raised
    (None if the cell happened to run, e.g. with a single window).
    """
    from sklearn.preprocessing import MinMaxScaler

    values = np.asarray(values, dtype=np.float64)
    windows = max(0, len(values) - lookback)
    # The cell fails the same way on any length; on a 2M-value series its windows alone would
    # take 160 MB (and its transposes as much again). Run it on a head of the series and state
    # the whole series' figures: one fitted column per window.
    head = values[:CELL_VALUES + lookback] if windows > CELL_VALUES else values
    X, y = make_windows(head, lookback)
    scaler = MinMaxScaler()
    try:
        scaler.fit_transform(X.T)  # the notebook transposes the result back; it fails next
        scaler.transform(y.reshape(-1, 1))
    except ValueError as exc:
        message = str(exc).replace(f"{X.T.shape[1]} features", f"{windows} features")
        return {"windows": windows, "fitted_columns": windows, "error": message}
    return {"windows": windows, "fitted_columns": int(X.T.shape[1]), "error": None}


CELL_VALUES = 5_000  # windows the notebook's cell really runs on (the figures cover them all)
