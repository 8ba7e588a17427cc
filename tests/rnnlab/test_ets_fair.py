"""Issue 22: the app's ETS is as good a benchmark as the standard fits, and says what it fitted."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from rnnlab.datasets import BUILTIN, load
from rnnlab.forecasting import backtest as bt


def _mase(values, forecasts, horizon, folds, season) -> float:
    return float(np.mean(bt.fold_errors(values, forecasts, horizon, folds, season)["mase"]))


def _statsmodels(values, horizon, folds, season, which: str) -> np.ndarray:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    out = []
    for origin in bt.origins(len(values), horizon, folds):
        train = values[:origin]
        seasonal = season > 1 and len(train) >= 2 * season + 2
        kw = dict(trend="add", seasonal="add" if seasonal else None,
                  seasonal_periods=season if seasonal else None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if which == "es":  # ExponentialSmoothing with all its defaults
                out.append(ExponentialSmoothing(train, **kw).fit().forecast(horizon))
            else:
                out.append(ETSModel(train, error="add", **kw).fit(disp=False).forecast(horizon))
    return np.stack(out)


def test_ets_on_weekly_co2_is_within_the_standard_fits():
    """CO2 at m = 52, H = 10, 3 folds: the app's ETS had MASE 1.00 against 0.27 (statsmodels'
    own ExponentialSmoothing) and 0.54 (ETSModel AAA)."""
    values = load("co2").values
    horizon, folds, season = 10, 3, 52
    models = []
    app = _mase(values, bt.benchmark_forecasts(values, horizon, folds, season, methods=("ets",),
                                               models=models)["ets"], horizon, folds, season)
    standard = [_mase(values, _statsmodels(values, horizon, folds, season, which), horizon, folds,
                      season) for which in ("es", "ets")]
    assert all(m.startswith("holt_winters") for m in models) and len(models) == folds
    assert app <= max(standard) * 1.05, (app, standard)
    assert app < 0.6


@pytest.mark.parametrize(("name", "horizon", "folds"),
                         [("sunspots", 10, 3), ("elnino", 10, 3), ("elnino", 50, 10), ("nile", 10, 3)])
def test_ets_on_the_other_builtins_is_no_weaker_than_statsmodels_default(name, horizon, folds):
    """El Niño at H = 50, 10 folds: 1.19 against 1.02 before the damped trend was an option."""
    values = load(name).values
    season = BUILTIN[name].season
    app = _mase(values, bt.benchmark_forecasts(values, horizon, folds, season,
                                               methods=("ets",))["ets"], horizon, folds, season)
    standard = _mase(values, _statsmodels(values, horizon, folds, season, "es"), horizon, folds,
                     season)
    assert app <= standard * 1.1, (app, standard)


def test_ets_fit_names_the_model_it_fitted():
    t = np.arange(60, dtype=float)
    seasonal = 5 + 0.1 * t + np.tile([1.0, -1.0, 2.0, 0.0], 15)
    assert bt.ets_fit(seasonal, 4, 4)[1].startswith("holt_winters")
    assert bt.ets_fit(seasonal[:9], 4, 4)[1].startswith("holt")  # fewer than two seasons + 2
    assert not bt.ets_fit(seasonal[:9], 4, 4)[1].startswith("holt_winters")
    assert bt.ets_fit(seasonal, 4, 1)[1] in ("holt", "holt_damped")  # m = 1: no season to fit
    assert bt.ets_fit(seasonal[:3], 2, 1)[1] == "ses"
