"""Baselines and metrics against hand-computed cases and independent least squares."""

import math

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.forecasting.baselines import (
    baseline_metrics,
    baseline_predictions,
    linear_autoregressive,
    metrics,
    persistence,
)


def test_metrics_hand_computed():
    got = metrics([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    assert got["mse"] == pytest.approx(4 / 3)
    assert got["mae"] == pytest.approx(2 / 3)
    assert got["rmse"] == pytest.approx(math.sqrt(4 / 3))


def test_metrics_empty_nan_and_mismatch():
    assert all(math.isnan(v) for v in metrics([], []).values())
    assert all(math.isnan(v) for v in metrics([1.0, 2.0], [np.nan, 1.0]).values())
    with pytest.raises(ValueError):
        metrics([1.0, 2.0], [1.0])


def test_persistence_is_previous_value():
    values = np.array([1.0, 2.0, 4.0, 7.0])
    assert persistence(values, [2, 3]).tolist() == [2.0, 4.0]
    with pytest.raises(ValueError):
        persistence(values, [0, 1])


def test_persistence_metrics_on_windows_by_hand():
    values = np.arange(20, dtype=float) ** 2  # differences 2i - 1: persistence error is known
    data = prepare(values, lookback=3, val_fraction=0.2, test_fraction=0.2)
    got = baseline_metrics(data)["persistence"]
    for split in ("train", "val", "test"):
        idx = data.target_index[split]
        errors = values[idx] - values[idx - 1]  # = 2 * idx - 1
        assert np.array_equal(errors, 2 * idx - 1)
        assert got[split]["mae"] == pytest.approx(np.mean(np.abs(errors)))
        assert got[split]["mse"] == pytest.approx(np.mean(errors**2))


def test_linear_model_extrapolates_a_straight_line_exactly():
    # x_t = 2 x_{t-1} - x_{t-2} holds for any line: the linear model predicts test exactly,
    # persistence is off by the slope every step.
    values = 3.0 * np.arange(40) + 1.0
    data = prepare(values, lookback=2)
    got = baseline_metrics(data)
    assert got["linear"]["test"]["rmse"] == pytest.approx(0.0, abs=1e-9)
    assert got["persistence"]["test"]["mae"] == pytest.approx(3.0)


def test_linear_model_matches_numpy_least_squares():
    noise = np.random.RandomState(0).randn(80)
    values = [5.0, 1.0]
    for e in noise:
        values.append(0.6 * values[-1] - 0.3 * values[-2] + 2.0 + e)
    values = np.array(values)
    data = prepare(values, lookback=2, val_fraction=0.2, test_fraction=0.2)
    predictions = linear_autoregressive(data)
    # Independent: ordinary least squares in original units with numpy.
    idx = data.target_index["train"]
    design = np.column_stack([values[idx - 2], values[idx - 1], np.ones(len(idx))])
    coef, *_ = np.linalg.lstsq(design, values[idx], rcond=None)
    for split in ("train", "val", "test"):
        idx = data.target_index[split]
        expected = np.column_stack([values[idx - 2], values[idx - 1], np.ones(len(idx))]) @ coef
        np.testing.assert_allclose(predictions[split], expected, rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("scaler", ["minmax", "standard"])
def test_metrics_are_in_original_units(scaler):
    values = noisy_sine(120)
    small = baseline_metrics(prepare(values, 8, scaler=scaler))
    big = baseline_metrics(prepare(1000.0 * values + 5.0, 8, scaler=scaler))
    for name in ("persistence", "linear"):
        for split in ("train", "val", "test"):
            assert big[name][split]["rmse"] == pytest.approx(1000 * small[name][split]["rmse"], rel=1e-6)
            assert big[name][split]["mse"] == pytest.approx(1e6 * small[name][split]["mse"], rel=1e-6)


def test_baseline_predictions_shapes():
    data = prepare(noisy_sine(), 10)
    predictions = baseline_predictions(data)
    for name in ("persistence", "linear"):
        for split, count in data.counts().items():
            assert predictions[name][split].shape == (count,)
