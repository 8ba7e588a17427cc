"""rnnlab.data.windows: windows against the notebook's loop, the chronological split, train-only scaling."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from rnnlab.data import noisy_sine
from rnnlab.data.windows import Scaler, make_windows, notebook_scaling_cell, prepare, split_points


def notebook_sequences(data, seq_length):
    """The seed notebook's create_sequences, verbatim."""
    X, y = [], []
    for i in range(len(data) - seq_length):
        X.append(data[i:i + seq_length])
        y.append(data[i + seq_length])
    return np.array(X), np.array(y)


@pytest.mark.parametrize("lookback", [1, 3, 10, 50])
def test_windows_equal_the_notebooks_loop(lookback):
    data = noisy_sine()
    X, y = make_windows(data, lookback)
    X_nb, y_nb = notebook_sequences(data, lookback)
    assert np.array_equal(X, X_nb) and np.array_equal(y, y_nb)
    assert X.shape == (100 - lookback, lookback)


def test_horizon_and_too_short():
    X, y = make_windows(np.arange(10.0), 3, horizon=2)
    assert np.array_equal(X[0], [0, 1, 2]) and y[0] == 4 and len(y) == 6
    X, y = make_windows(np.arange(3.0), 5)
    assert X.shape == (0, 5) and y.shape == (0,)
    with pytest.raises(ValueError):
        make_windows(np.arange(10.0), 0)


def test_split_points_are_chronological_fractions():
    assert split_points(100, 0.2, 0.2) == (60, 80)
    assert split_points(100, 0.0, 0.2) == (80, 80)
    assert split_points(10, 0.25, 0.25) == (6, 8)  # Python rounds 2.5 to 2 (half to even)
    for n in range(12, 200, 7):
        train_end, val_end = split_points(n, 0.15, 0.3)
        assert 0 < train_end <= val_end <= n
        assert abs((n - val_end) - 0.3 * n) <= 0.5 and abs((val_end - train_end) - 0.15 * n) <= 0.5
    for bad in [(-0.1, 0.2), (0.5, 0.5), (0.2, 1.0)]:
        with pytest.raises(ValueError):
            split_points(100, *bad)


@pytest.mark.parametrize("kind", ["minmax", "standard"])
def test_scaler_is_fitted_on_the_training_part_only(kind):
    values = np.concatenate([noisy_sine(80), np.linspace(5, 9, 20)])  # the future drifts up
    prepared = prepare(values, lookback=10, val_fraction=0.2, test_fraction=0.2, scaler=kind)
    reference = (MinMaxScaler() if kind == "minmax" else StandardScaler()).fit(values[:60, None])
    scaled = reference.transform(values[:, None]).ravel()
    assert np.allclose(prepared.y["test"], scaled[prepared.target_index["test"]])
    assert np.allclose(prepared.X["val"][..., 0], make_windows(scaled, 10)[0][prepared.target_index["val"] - 10])
    if kind == "minmax":
        assert prepared.y["train"].min() >= 0 and prepared.y["train"].max() <= 1
        assert prepared.y["test"].max() > 1  # honest: the drift is outside the training range


def test_windows_belong_to_the_split_of_their_target():
    prepared = prepare(noisy_sine(), lookback=10)
    assert prepared.counts() == {"train": 50, "val": 20, "test": 20}
    assert prepared.target_index["train"].max() < prepared.train_end <= prepared.target_index["val"].min()
    assert prepared.target_index["val"].max() < prepared.val_end <= prepared.target_index["test"].min()
    assert prepared.X["train"].shape == (50, 10, 1)
    assert np.allclose(prepared.targets("test"), noisy_sine()[80:])


def test_inverse_transform_round_trip_and_constant_series():
    values = noisy_sine(50) * 7 + 3
    for kind in ("minmax", "standard"):
        scaler = Scaler(kind).fit(values[:30])
        assert np.allclose(scaler.inverse_transform(scaler.transform(values)), values)
    flat = Scaler("minmax").fit(np.ones(30))  # nothing divides by zero
    assert np.all(np.isfinite(flat.transform(np.ones(5))))
    standard_flat = Scaler("standard").fit(np.ones(30))
    assert np.all(np.isfinite(standard_flat.transform(np.full(5, 2.0))))


def test_prepare_refuses_a_training_part_shorter_than_the_window():
    with pytest.raises(ValueError, match="lookback"):
        prepare(np.arange(20.0), lookback=15)
    with pytest.raises(ValueError):
        Scaler("robust")


def test_the_notebooks_scaling_cell_crashes_as_in_the_notebook():
    """The seed notebook's cell: fit on X.T (one column per window), then transform y (1 column)."""
    values = noisy_sine()
    report = notebook_scaling_cell(values, lookback=10)
    assert report["windows"] == 90 and report["fitted_columns"] == 90
    # The same error scikit-learn gives when the notebook's lines are run as written.
    X = np.array([values[i:i + 10] for i in range(90)])
    y = values[10:]
    scaler = MinMaxScaler()
    scaler.fit_transform(X.T)
    with pytest.raises(ValueError) as raised:
        scaler.transform(y.reshape(-1, 1))
    assert report["error"] == str(raised.value)
    assert "90" in report["error"] and "1" in report["error"]


def test_the_notebook_cell_on_a_long_series_reports_every_window_without_building_them():
    """2M values: the cell's figures are the whole series', its run is on a head (issue 12)."""
    import tracemalloc

    values = np.sin(np.arange(2_000_000) / 50.0)
    tracemalloc.start()
    report = notebook_scaling_cell(values, lookback=10)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report["windows"] == report["fitted_columns"] == 2_000_000 - 10
    assert "1999990 features" in report["error"]
    assert peak < 20e6  # the full windows alone would be 160 MB
