"""Probabilistic scores of the conformal bands against hand computations (issue 22)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals, scores


def _winkler(y, lower, upper, alpha):
    return (upper - lower) + 2 / alpha * max(lower - y, 0) + 2 / alpha * max(y - upper, 0)


def _pinball(y, q, tau):
    return (tau - (y < q)) * (y - q)


def _crps(y, ensemble):
    ensemble = np.asarray(ensemble, float)
    return np.mean(np.abs(ensemble - y)) - 0.5 * np.mean(np.abs(ensemble[:, None] - ensemble[None, :]))


def test_scores_of_held_out_folds_equal_a_hand_computation():
    rng = np.random.default_rng(5)
    residuals = rng.normal(size=(30, 2))
    residuals[3, 1] = np.nan  # a truth past the end of the series: not scored
    groups = np.repeat(np.arange(3), 10)
    got = scores.held_out(residuals, groups, levels=(0.8,))
    for h in range(2):
        wink, pin_lo, pin_hi, crps, inside = [], [], [], [], []
        for g in range(3):
            calib = residuals[groups != g, h]
            calib = calib[np.isfinite(calib)]
            w = intervals.conformal_quantile(np.abs(calib), 0.8)
            for e in residuals[groups == g, h]:
                if not np.isfinite(e):
                    continue
                wink.append(_winkler(e, -w, w, 0.2))
                pin_lo.append(_pinball(e, -w, 0.1))
                pin_hi.append(_pinball(e, w, 0.9))
                crps.append(_crps(e, calib))
                inside.append(abs(e) <= w)
        assert got["scores"]["interval"][0.8][h] == pytest.approx(np.mean(wink))
        assert got["scores"]["pinball"][0.1][h] == pytest.approx(np.mean(pin_lo))
        assert got["scores"]["pinball"][0.9][h] == pytest.approx(np.mean(pin_hi))
        assert got["scores"]["crps"][h] == pytest.approx(np.mean(crps))
        assert got["scores"]["coverage"][0.8][h] == pytest.approx(np.mean(inside))
        assert got["points"][h] == len(wink)
    summary = scores.summary(got)
    assert summary["interval_80"] == pytest.approx(np.mean(got["scores"]["interval"][0.8]))
    assert summary["points"] == 59


def test_a_too_short_calibration_gives_no_band_score_but_still_a_crps():
    residuals = np.arange(6.0).reshape(3, 2)
    got = scores.held_out(residuals, np.array([0, 1, 2]), levels=(0.95,))
    assert np.isnan(got["scores"]["interval"][0.95]).all()
    assert np.isfinite(got["scores"]["crps"]).all()


def test_benchmark_rows_are_made_from_the_networks_origins():
    values = np.arange(20.0) ** 1.5
    res, fold = scores.origin_residuals(values, 3, 2, 1, "naive")
    # origins 14 and 17: rows from 14, 15, 16 (fold 0) and 17, 18, 19 (fold 1)
    assert list(fold) == [0, 0, 0, 1, 1, 1]
    np.testing.assert_allclose(res[0], values[14:17] - values[13])
    np.testing.assert_allclose(res[4][:2], values[18:20] - values[17])
    assert np.isnan(res[4][2]) and np.isnan(res[5][1:]).all()
    assert res.shape == (6, 3)
    with pytest.raises(bt.BacktestError):
        scores.origin_residuals([1.0, np.nan], 1, 1, 1, "naive")
