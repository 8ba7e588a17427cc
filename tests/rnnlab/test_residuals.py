"""Residual checks against statsmodels' own ACF and Ljung-Box (issue 22)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.forecasting import residuals


def test_acf_and_ljung_box_equal_statsmodels():
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.tsa.stattools import acf

    rng = np.random.default_rng(3)
    for e in (rng.normal(size=60), np.cumsum(rng.normal(size=80)), np.sin(np.arange(50) / 2.0)):
        for lags in (1, 5, 10):
            np.testing.assert_allclose(residuals.acf(e, lags), acf(e, nlags=lags, fft=False)[1:],
                                       rtol=1e-10, atol=1e-12)
            q, p = residuals.ljung_box(e, lags)
            table = acorr_ljungbox(e, lags=[lags])
            assert q == pytest.approx(float(table["lb_stat"].iloc[0]), rel=1e-10)
            assert p == pytest.approx(float(table["lb_pvalue"].iloc[0]), rel=1e-8, abs=1e-300)


def test_white_noise_passes_and_a_leftover_wave_does_not():
    rng = np.random.default_rng(0)
    truth = np.sin(np.arange(120) / 3.0) + 0.1 * rng.normal(size=120)
    good = residuals.check(truth, np.sin(np.arange(120) / 3.0))
    assert good.white_noise and good.lags == 10
    lazy = residuals.check(truth, np.zeros(120))  # the whole wave is left in the residuals
    assert not lazy.white_noise and lazy.p_value < 1e-6
    assert lazy.acf[0] > lazy.bound
    assert lazy.mean == pytest.approx(float(np.mean(truth)))
    assert residuals.check(truth[:5], truth[:5]) is None
    assert residuals.check(truth, np.full(120, np.nan)) is None


def test_default_lags_follow_the_textbook_and_histogram_counts_everything():
    assert residuals.default_lags(200) == 10 and residuals.default_lags(200, 12) == 24
    assert residuals.default_lags(30, 12) == 6
    centres, counts = residuals.histogram(np.random.default_rng(1).normal(size=500))
    assert counts.sum() == 500 and len(centres) == len(counts) <= 30
    centres, counts = residuals.histogram(np.full(12, 0.5))  # a constant: one bar, no error
    assert list(centres) == [0.5] and list(counts) == [12]


def test_the_histogram_chart_counts_every_residual_of_each_model_on_shared_bins():
    from rnnlab.plots import diagnostics

    rng = np.random.default_rng(4)
    checks = {"a": residuals.check(rng.normal(size=50), np.zeros(50)),
              "b": residuals.check(0.3 * rng.normal(size=50), np.zeros(50))}
    fig = diagnostics.residual_histogram(checks, "en")
    assert [int(sum(tr.y)) for tr in fig.data] == [50, 50]
    np.testing.assert_allclose(fig.data[0].x, fig.data[1].x)  # the same bins for both
