"""The copycat detector (issue 22) on synthetic cases with a known answer."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.forecasting import copycat


def _series(n=200, seed=0):
    rng = np.random.default_rng(seed)
    return np.sin(np.arange(n) / 4.0) + 0.3 * rng.normal(size=n)


def test_a_pure_persistence_forecast_is_flagged_with_lag_one():
    values = _series()
    index = np.arange(150, 200)
    result = copycat.check(values, index, values[index - 1])
    assert result.flagged and result.best_lag == 1
    assert result.mae_previous == 0.0
    assert result.mae_current == pytest.approx(np.mean(np.abs(values[index - 1] - values[index])))
    assert result.closer_to_previous == pytest.approx(1.0)


def test_a_good_forecast_is_not_flagged():
    values = _series()
    index = np.arange(150, 200)
    truth_signal = np.sin(index / 4.0)  # the noiseless wave: the best possible forecast
    result = copycat.check(values, index, truth_signal)
    assert not result.flagged and result.best_lag == 0
    assert result.mae_current < result.mae_previous


def test_a_copy_of_an_older_value_aligns_at_its_lag_and_a_slightly_noisy_copy_still_flags():
    values = _series(seed=1)
    index = np.arange(100, 200)
    assert copycat.check(values, index, values[index - 2]).best_lag == 2
    noisy = values[index - 1] + 0.05 * np.random.default_rng(2).normal(size=len(index))
    assert copycat.check(values, index, noisy).flagged


def test_lag_errors_by_hand_and_edge_cases():
    values = np.array([0.0, 1.0, 3.0, 6.0, 10.0, 15.0])
    index = np.array([2, 3, 4, 5])
    pred = np.array([2.0, 4.0, 7.0, 11.0])
    result = copycat.check(values, index, pred, max_lag=2)
    # lag 0: |2-3|,|4-6|,|7-10|,|11-15| = 1,2,3,4 -> 2.5 ; lag 1: |2-1|,|4-3|,|7-6|,|11-10| -> 1
    # lag 2: |2-0|,|4-1|,|7-3|,|11-6| -> 3.5
    np.testing.assert_allclose(result.lag_mae, [2.5, 1.0, 3.5])
    assert result.best_lag == 1 and result.points == 4
    assert copycat.check(values, index[:2], pred[:2], max_lag=2) is None  # too few points
    assert copycat.check(values, index, [1.0, np.nan, 2.0, 3.0], max_lag=2) is None
    with pytest.raises(ValueError):
        copycat.check(values, index, pred[:3])
    np.testing.assert_allclose(copycat.shifted(values, [0, 3, 5]), [np.nan, 3.0, 10.0])
