"""Backtest figures: what is drawn comes from the numbers given, bands only where they exist."""

from __future__ import annotations

import numpy as np

from rnnlab.data import noisy_sine
from rnnlab.forecasting import backtest as bt
from rnnlab.i18n import t
from rnnlab.plots import backtest as plots


def test_error_by_horizon_draws_each_method_at_each_step():
    values = noisy_sine(120, periods=4)
    table = bt.benchmark_scores(values, 6, 3, season=30)
    labels = {m: t(f"backtest.method.{m}", "es", m=30) for m in bt.BENCHMARKS}
    fig = plots.error_by_horizon(table, labels, "es")
    assert [trace.name for trace in fig.data] == [labels[m] for m in bt.BENCHMARKS]
    for trace, method in zip(fig.data, bt.BENCHMARKS, strict=True):
        np.testing.assert_allclose(trace.y, table.loc[method, "MASE"].to_numpy())
        assert list(trace.x) == [1, 2, 3, 4, 5, 6]
    assert fig.layout.xaxis.title.text == t("backtest.plot.h_axis", "es")
    coloured = plots.error_by_horizon(table, labels, "en", colors={"naive": "#123456"})
    assert coloured.data[1].line.color == "#123456"


def test_forecast_bands_draw_finite_bands_around_the_forecasts():
    values = np.arange(50.0)
    held, future = np.full(5, 44.0), np.full(5, 51.0)
    widths = {0.8: np.full(5, 1.0), 0.95: np.full(5, np.inf)}  # no 95 % band: too few errors
    fig = plots.forecast_bands(values, 45, held, widths, future, {0.8: np.full(5, 2.0),
                                                                  0.95: np.full(5, np.inf)}, "en")
    fills = [trace for trace in fig.data if trace.fill == "tonexty"]
    assert len(fills) == 2  # the 80 % band on the held-out forecast and on the future one
    np.testing.assert_allclose(fills[0].y, held - 1.0)
    np.testing.assert_allclose(fills[1].y, future - 2.0)
    names = [trace.name for trace in fig.data]
    assert t("backtest.plot.band", "en", level="80%") in names
    assert t("backtest.plot.band", "en", level="95%") not in names
    forecast = next(tr for tr in fig.data if tr.name == t("backtest.plot.heldout", "en"))
    assert list(forecast.x) == [45, 46, 47, 48, 49]
