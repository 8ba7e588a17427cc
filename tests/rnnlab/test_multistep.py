"""The network on a rolling origin: strategies, no leakage, coverage of the conformal bands."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.data.windows import Scaler
from rnnlab.forecasting import backtest as bt
from rnnlab.studies import multistep, study
from rnnlab.training import TrainConfig

pytestmark = pytest.mark.keras

TINY = TrainConfig(cell="GRU", units=8, epochs=4, batch_size=16, lookback=8, learning_rate=0.01)


def test_fold_windows_use_only_the_fold_training_part():
    values = np.arange(40.0)
    data, scaler = multistep.fold_windows(values, 30, lookback=5, outputs=3, val_fraction=0.2,
                                          scaler="minmax")
    # scaler fitted on values[:30]: 29 maps to 1
    assert scaler.transform(np.array([29.0]))[0] == pytest.approx(1.0)
    unscaled_targets = scaler.inverse_transform(np.concatenate([data.y["train"], data.y["val"]]))
    assert unscaled_targets.max() == pytest.approx(29.0)  # nothing at or after the origin
    assert data.X["train"].shape[1:] == (5, 1) and data.y["train"].shape[1] == 3
    # validation = windows whose last target lies in the last 20 % (values 24..29)
    last_train = scaler.inverse_transform(data.y["train"][-1])[-1]
    assert last_train == pytest.approx(23.0)


def test_no_value_at_or_after_an_origin_reaches_a_fold_fit_or_scaler(monkeypatch):
    values = noisy_sine(160, periods=4, noise=0.1)
    horizon, folds = 6, 3
    origins = bt.origins(len(values), horizon, folds)
    fitted_lengths = []
    real_fit = Scaler.fit

    def spy(self, part):
        fitted_lengths.append(len(part))
        return real_fit(self, part)

    monkeypatch.setattr(Scaler, "fit", spy)
    clean = multistep.run_backtest(values, TINY, horizon, folds, strategy="direct")
    assert fitted_lengths == origins  # each fold's scaler saw values[:o_k] exactly
    monkeypatch.setattr(Scaler, "fit", real_fit)
    spoiled = values.copy()
    spoiled[origins[1]:] = 50.0  # everything from fold 1's origin on, made absurd
    again = multistep.run_backtest(spoiled, TINY, horizon, folds, strategy="direct")
    # folds 0 and 1 were trained and forecast before origin 1: identical; fold 2 saw the change
    np.testing.assert_allclose(again.forecasts[:2], clean.forecasts[:2], rtol=1e-5, atol=1e-6)
    assert not np.allclose(again.forecasts[2], clean.forecasts[2])


def test_recursive_and_direct_forecast_every_fold_and_report_coverage():
    values = noisy_sine(200, periods=5, noise=0.1)
    for strategy in multistep.STRATEGIES:
        result = multistep.run_backtest(values, TINY, 5, 3, season=40, strategy=strategy)
        assert result.forecasts.shape == (3, 5) and np.isfinite(result.forecasts).all()
        assert result.future.shape == (5,) and np.isfinite(result.future).all()
        assert result.fold_epochs == [4, 1, 1]  # later folds continue with a quarter
        assert result.residuals.shape == (15, 5)  # 5 origins per fold
        # the residual of each fold's own origin is truth - its forecast
        first = np.flatnonzero(result.row_origin == result.origins[1])[0]
        np.testing.assert_allclose(result.residuals[first],
                                   values[result.origins[1]:result.origins[1] + 5] - result.forecasts[1])
        assert set(result.coverage) == {0.8, 0.95}
        one = multistep.run_backtest(values, TINY, 1, 2, strategy=strategy)  # H = 1: one output
        assert one.forecasts.shape == (2, 1) and np.isfinite(one.forecasts).all()


def test_80_percent_bands_cover_70_to_90_percent_of_held_out_points_on_a_noisy_sine():
    values = noisy_sine(600, periods=12, noise=0.3, seed=3)  # independent N(0, 0.3^2) noise
    config = TrainConfig(cell="GRU", units=16, epochs=8, batch_size=32, lookback=12,
                         learning_rate=0.01)
    result = multistep.run_backtest(values, config, horizon=8, folds=8, season=50,
                                    strategy="direct")
    assert 0.7 <= result.coverage[0.8] <= 0.9
    assert result.coverage[0.95] >= 0.85


def test_study_scores_the_network_next_to_the_benchmarks_and_judges_by_mase():
    values = noisy_sine(200, periods=5, noise=0.1)
    result = study.run_study(values, TINY, 5, 3, 40, ("recursive",), run_name="GRU")
    summary = result.summary()
    assert list(summary.index) == ["rnn_recursive", *bt.BENCHMARKS]
    # the benchmarks' rows are exactly the public API's
    api = bt.summary(bt.benchmark_scores(values, 5, 3, 40))
    np.testing.assert_allclose(summary.loc[list(bt.BENCHMARKS)].to_numpy(), api.to_numpy())
    lines = study.verdict_lines(result, "en")
    assert "MASE" in lines[0][1] and "seasonal naive (m = 40)" in lines[0][1]
    beats = summary.loc["rnn_recursive", "MASE"] < summary.loc["seasonal_naive", "MASE"]
    assert lines[0][0] is bool(beats)
    assert "MASE" in study.verdict_lines(result, "es")[0][1]


def test_problems_explain_a_backtest_the_series_cannot_hold():
    found = multistep.problems(60, TINY, 10, 6, 1)
    assert found and found[0].key == "backtest.problem.too_short"
    found = multistep.problems(40, TrainConfig(lookback=20), 12, 1, 1, ("direct",))
    assert found[0].key == "backtest.problem.windows"
    assert multistep.problems(200, TINY, 10, 3, 12) == []
