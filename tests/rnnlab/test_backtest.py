"""rnnlab.forecasting.backtest and rnnlab.forecasting.intervals against hand computations on small series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from rnnlab.data import noisy_sine
from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals

# n = 8, H = 2, K = 2: origins 4 and 6.
SMALL = np.array([1.0, 3.0, 2.0, 4.0, 3.0, 5.0, 4.0, 6.0])


def test_origins_follow_the_formula_and_the_last_fold_ends_at_the_end():
    assert bt.origins(8, 2, 2) == [4, 6]
    assert bt.origins(100, 10, 3) == [70, 80, 90]
    assert bt.origins(100, 10, 3)[-1] + 10 == 100


def test_each_benchmark_by_hand():
    train = np.array([1.0, 3.0, 2.0, 4.0])
    np.testing.assert_allclose(bt.mean_forecast(train, 3), [2.5, 2.5, 2.5])
    np.testing.assert_allclose(bt.naive_forecast(train, 3), [4, 4, 4])
    # season 2: the last season [2, 4] repeated; season 3: [3, 2, 4] then 3 again
    np.testing.assert_allclose(bt.seasonal_naive_forecast(train, 3, 2), [2, 4, 2])
    np.testing.assert_allclose(bt.seasonal_naive_forecast(train, 4, 3), [3, 2, 4, 3])
    np.testing.assert_allclose(bt.seasonal_naive_forecast(train, 2, 1), [4, 4])
    # drift: 4 + h (4 - 1) / 3
    np.testing.assert_allclose(bt.drift_forecast(train, 3), [5, 6, 7])


def test_ets_continues_a_straight_line_and_a_repeating_season():
    line = 2.0 + 0.5 * np.arange(40)
    np.testing.assert_allclose(bt.ets_forecast(line, 5), 2.0 + 0.5 * np.arange(40, 45), atol=1e-6)
    pattern = np.array([0.0, 3.0, -1.0, 2.0])
    seasonal = 0.1 * np.arange(48) + np.tile(pattern, 12)
    expected = 0.1 * np.arange(48, 56) + np.tile(pattern, 2)
    np.testing.assert_allclose(bt.ets_forecast(seasonal, 8, 4), expected, atol=1e-3)
    assert bt.ets_forecast.last_model == ("add", "add")


def test_ets_falls_back_when_a_fit_fails(monkeypatch):
    import statsmodels.tsa.holtwinters as hw

    real = hw.ExponentialSmoothing

    def seasonal_fails(*args, **kwargs):
        if kwargs.get("seasonal"):
            raise ValueError("optimizer gave up")
        return real(*args, **kwargs)

    monkeypatch.setattr(hw, "ExponentialSmoothing", seasonal_fails)
    line = 1.0 + np.arange(30.0)
    np.testing.assert_allclose(bt.ets_forecast(line, 3, 4), [31, 32, 33], atol=1e-5)
    assert bt.ets_forecast.last_model == ("add", None)

    monkeypatch.setattr(hw, "ExponentialSmoothing",
                        lambda *a, **k: (_ for _ in ()).throw(np.linalg.LinAlgError("singular")))
    np.testing.assert_allclose(bt.ets_forecast(line, 3, 4), [30, 30, 30])  # naive, not a crash
    assert bt.ets_forecast.last_model == ("naive", None)


def test_scores_by_hand_on_a_small_series():
    table = bt.benchmark_scores(SMALL, horizon=2, folds=2, season=2)
    assert list(table.columns) == ["MASE", "sMAPE", "RMSE", "MAE"]
    assert table.index.names == ["method", "h"]
    assert list(table.index.get_level_values("method").unique()) == list(bt.BENCHMARKS)
    assert list(table.loc["mean"].index) == [1, 2]
    # fold 0: train [1 3 2 4], truth [3 5]; fold 1: train [1 3 2 4 3 5], truth [4 6]
    # lag-2 in-sample scale: mean |y_t - y_{t-2}| = 1 in both folds
    forecasts = {  # (fold 0, fold 1) x (h = 1, 2)
        "mean": [[2.5, 2.5], [3.0, 3.0]],
        "naive": [[4, 4], [5, 5]],
        "seasonal_naive": [[2, 4], [3, 5]],
        "drift": [[5, 6], [5.8, 6.6]],
    }
    truth = [[3, 5], [4, 6]]
    for method, f in forecasts.items():
        for h in (1, 2):
            y0, y1 = truth[0][h - 1], truth[1][h - 1]
            f0, f1 = f[0][h - 1], f[1][h - 1]
            row = table.loc[(method, h)]
            assert row["MASE"] == pytest.approx((abs(y0 - f0) / 1 + abs(y1 - f1) / 1) / 2)
            assert row["RMSE"] == pytest.approx(math.sqrt(((y0 - f0) ** 2 + (y1 - f1) ** 2) / 2))
            assert row["MAE"] == pytest.approx((abs(y0 - f0) + abs(y1 - f1)) / 2)
            smape = (200 * abs(y0 - f0) / (abs(y0) + abs(f0))
                     + 200 * abs(y1 - f1) / (abs(y1) + abs(f1))) / 2
            assert row["sMAPE"] == pytest.approx(smape)
    assert table.loc[("mean", 1), "MASE"] == pytest.approx(0.75)
    assert table.loc[("drift", 2), "RMSE"] == pytest.approx(math.sqrt((1 + 0.36) / 2))


def test_mase_scale_uses_the_season_lag_and_one_without():
    train = np.array([1.0, 3.0, 2.0, 4.0])
    assert bt.mase_scale(train, 1) == pytest.approx((2 + 1 + 2) / 3)
    assert bt.mase_scale(train, 2) == pytest.approx(1.0)
    table = bt.benchmark_scores(SMALL, 2, 2, season=1)
    # fold 0 scale 5/3, fold 1 scale (2+1+2+1+2)/5 = 8/5; naive h=1 errors -1 and -1
    assert table.loc[("naive", 1), "MASE"] == pytest.approx((1 / (5 / 3) + 1 / (8 / 5)) / 2)
    assert math.isnan(bt.mase_scale(np.array([1.0, 2.0]), 2))


def test_smape_counts_zero_over_zero_as_zero():
    np.testing.assert_allclose(bt.smape_terms([0.0, 0.0, 1.0, -1.0], [0.0, 1.0, 1.0, 1.0]),
                               [0.0, 200.0, 0.0, 200.0])
    table = bt.benchmark_scores(np.zeros(12), 2, 2)  # every forecast and truth is 0
    assert (table["sMAPE"] == 0).all() and (table["RMSE"] == 0).all()
    assert table["MASE"].isna().all()  # a constant training part has no scale: no MASE


def test_summary_averages_steps_and_rmse_is_the_root_of_the_mean_square():
    table = bt.benchmark_scores(SMALL, 2, 2, season=2)
    summary = bt.summary(table)
    mean = table.loc["mean"]
    assert summary.loc["mean", "MASE"] == pytest.approx(mean["MASE"].mean())
    assert summary.loc["mean", "RMSE"] == pytest.approx(math.sqrt(np.mean(mean["RMSE"] ** 2)))


def test_no_value_at_or_after_an_origin_reaches_a_benchmark_fit():
    values = noisy_sine(120, periods=5)
    horizon, folds = 8, 3
    clean = bt.benchmark_forecasts(values, horizon, folds, season=24)
    for k, origin in enumerate(bt.origins(len(values), horizon, folds)):
        spoiled = values.copy()
        spoiled[origin:] += 10.0  # the future, made absurd
        again = bt.benchmark_forecasts(spoiled, horizon, folds, season=24)
        for method in bt.BENCHMARKS:
            np.testing.assert_allclose(again[method][k], clean[method][k], err_msg=method)


def test_settings_the_series_cannot_hold_are_explained():
    with pytest.raises(bt.BacktestError) as info:
        bt.benchmark_scores(np.arange(20.0), horizon=10, folds=3)
    assert info.value.message.key == "backtest.problem.too_short"
    assert "at most 1 folds" in str(info.value)
    with pytest.raises(bt.BacktestError):
        bt.benchmark_scores(np.arange(20.0), horizon=0, folds=1)
    with pytest.raises(bt.BacktestError):
        bt.benchmark_scores(np.array([1.0, np.nan] * 20), 2, 2)
    with pytest.raises(bt.BacktestError):  # season 12 needs 13 training values
        bt.benchmark_scores(np.arange(20.0), horizon=4, folds=2, season=12)


def test_relative_gain():
    assert bt.relative_gain(0.6, 0.8) == pytest.approx(0.25)
    assert bt.relative_gain(1.2, 0.8) == pytest.approx(-0.5)
    assert math.isnan(bt.relative_gain(float("nan"), 1.0))


# ----- conformal intervals -----


def test_conformal_quantile_by_hand():
    r = np.arange(1.0, 11.0)  # 10 residuals
    assert intervals.conformal_quantile(r, 0.8) == 9.0  # ceil(11 * 0.8) = 9th smallest
    assert intervals.conformal_quantile(r, 0.5) == 6.0  # ceil(5.5) = 6
    assert intervals.conformal_quantile(r, 0.95) == math.inf  # ceil(10.45) = 11 > 10
    assert intervals.conformal_quantile([1.0, np.nan, 2.0, 3.0, 4.0], 0.8) == 4.0
    assert intervals.min_residuals(0.8) == 4 and intervals.min_residuals(0.95) == 19


def test_half_widths_per_step_and_coverage():
    residuals = np.array([[1.0, -2.0], [-3.0, 4.0], [2.0, np.nan], [-4.0, 1.0], [0.5, -3.0]])
    widths = intervals.half_widths(residuals, levels=(0.8,))
    # step 1: |r| = .5 1 2 3 4, rank ceil(6 * .8) = 5 -> 4; step 2: 1 2 3 4, rank 4 -> 4
    np.testing.assert_allclose(widths[0.8], [4.0, 4.0])
    assert intervals.coverage([1, 2, 3, np.nan], [0, 2.5, 0, 0], [2, 3, 4, 0]) == pytest.approx(2 / 3)


def test_leave_one_group_out_judges_each_group_by_the_others():
    residuals = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    covered, widths = intervals.leave_one_group_out(residuals, [0, 0, 0, 0, 1], levels=(0.8,))
    assert widths[0.8][1][0] == 4.0  # group 1 judged by the four others
    assert math.isinf(widths[0.8][0][0])  # group 0 by one residual: no finite band
    assert covered[0.8] == 0.0  # 10 > 4 is out; group 0 has no finite band: not judged
    single, _ = intervals.leave_one_group_out(residuals, [0] * 5, levels=(0.8,))
    assert math.isnan(single[0.8])  # one group: nothing to calibrate on, no coverage claimed


def test_80_percent_bands_cover_70_to_90_percent_of_later_points_on_a_noisy_sine():
    """Calibrate on the first half's rolling-origin errors of seasonal naive, then judge the
    bands on the second half, which the calibration never saw (independent noise)."""
    values = noisy_sine(1200, periods=24, noise=0.3, seed=7)
    season, horizon = 50, 5
    def residuals(start, stop):
        rows = []
        for origin in range(start, stop - horizon + 1):
            forecast = bt.seasonal_naive_forecast(values[:origin], horizon, season)
            rows.append(values[origin:origin + horizon] - forecast)
        return np.array(rows)
    calibration, held_out = residuals(100, 600), residuals(600, 1200)
    widths = intervals.half_widths(calibration)
    inside = np.abs(held_out) <= widths[0.8][None, :]
    assert 0.7 <= inside.mean() <= 0.9
    assert 0.9 <= (np.abs(held_out) <= widths[0.95][None, :]).mean() <= 0.99


def test_score_table_accepts_any_forecasts_on_the_same_folds():
    table = bt.score_table(SMALL, {"perfect": np.array([[3.0, 5.0], [4.0, 6.0]])}, 2, 2, 2)
    assert isinstance(table, pd.DataFrame)
    assert (table.loc["perfect"] == 0).all().all()
