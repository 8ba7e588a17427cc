"""Residual checks, the way a time-series course does them (Hyndman & Athanasopoulos, 5.4):
what a model leaves over, its autocorrelation (ACF) with the Ljung-Box test, its histogram.

Residuals that still correlate with their own past are structure the model did not learn; a
mean far from 0 is a bias. Pure numpy and scipy (the chi-squared tail); the test suite checks
the ACF and Ljung-Box against statsmodels' own ``acf`` and ``acorr_ljungbox``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ALPHA = 0.05  # the Ljung-Box test's level


def acf(residuals, lags: int) -> np.ndarray:
    """Sample autocorrelations r_1 .. r_lags: sum (e_t - m)(e_{t-k} - m) / sum (e_t - m)^2."""
    e = np.asarray(residuals, dtype=np.float64)
    e = e - e.mean()
    denominator = float(np.dot(e, e))
    if denominator == 0:
        return np.zeros(lags)
    return np.array([float(np.dot(e[k:], e[:-k])) / denominator for k in range(1, lags + 1)])


def ljung_box(residuals, lags: int, dof: int = 0) -> tuple[float, float]:
    """(Q, p-value): Q = n (n + 2) sum_k r_k^2 / (n - k), against chi-squared(lags - dof)."""
    from scipy.stats import chi2

    e = np.asarray(residuals, dtype=np.float64)
    n = len(e)
    r = acf(e, lags)
    q = float(n * (n + 2) * np.sum(r ** 2 / (n - np.arange(1, lags + 1))))
    return q, float(chi2.sf(q, max(1, lags - dof)))


def default_lags(n: int, season: int = 1) -> int:
    """FPP's choice: 10 lags without a season, 2m with one, at most n / 5."""
    lags = 10 if season <= 1 else 2 * int(season)
    return max(1, min(lags, n // 5))


@dataclass(frozen=True)
class ResidualCheck:
    residuals: np.ndarray
    positions: np.ndarray  # where in the series each residual falls
    acf: np.ndarray  # r_1 .. r_lags
    bound: float  # 1.96 / sqrt(n): the ACF bars inside it look like white noise
    q: float
    p_value: float
    lags: int
    mean: float
    std: float

    @property
    def white_noise(self) -> bool:
        """No evidence of autocorrelation left at the 5 % level (Ljung-Box)."""
        return self.p_value >= ALPHA

    @property
    def strongest_lag(self) -> int:
        """The lag whose |r_k| is largest (1-based)."""
        return int(np.argmax(np.abs(self.acf))) + 1


def check(truth, predictions, positions=None, season: int = 1,
          lags: int | None = None) -> ResidualCheck | None:
    """The residual check of one-step ``predictions`` of ``truth`` (None below 8 residuals or
    with non-finite predictions)."""
    truth = np.asarray(truth, dtype=np.float64).ravel()
    predictions = np.asarray(predictions, dtype=np.float64).ravel()
    if len(truth) != len(predictions):
        raise ValueError(f"{len(truth)} true values but {len(predictions)} predictions")
    if len(truth) < 8 or not np.all(np.isfinite(predictions)):
        return None
    e = truth - predictions
    n = len(e)
    lags = int(lags) if lags else default_lags(n, season)
    q, p = ljung_box(e, lags)
    positions = np.arange(n) if positions is None else np.asarray(positions)
    return ResidualCheck(residuals=e, positions=positions, acf=acf(e, lags),
                         bound=1.96 / np.sqrt(n), q=q, p_value=p, lags=lags,
                         mean=float(e.mean()), std=float(e.std(ddof=1)))


def bin_edges(residuals, bins: int | None = None) -> np.ndarray:
    """numpy's "auto" bin edges (at most 30 bins); one bin for a constant or a range too small
    to split."""
    e = np.asarray(residuals, dtype=np.float64)
    if not len(e) or np.ptp(e) == 0:
        return np.array([e[0] - 0.5, e[0] + 0.5]) if len(e) else np.array([0.0, 1.0])
    try:
        edges = np.histogram_bin_edges(e, bins=bins or "auto")
        if len(edges) > 31:
            edges = np.histogram_bin_edges(e, bins=30)
    except ValueError:  # a range too small to split into finite bins (float precision)
        edges = np.array([e.min(), e.max()])
    return edges


def histogram(residuals, bins: int | None = None, edges=None) -> tuple[np.ndarray, np.ndarray]:
    """(bin centres, counts) over ``edges`` (default: bin_edges of these residuals)."""
    e = np.asarray(residuals, dtype=np.float64)
    if edges is None and len(e) and np.ptp(e) == 0:  # all equal: one bar at that value
        return np.array([float(e[0])]), np.array([len(e)])
    edges = bin_edges(e, bins) if edges is None else np.asarray(edges, dtype=np.float64)
    counts, edges = np.histogram(e, bins=edges)
    return (edges[:-1] + edges[1:]) / 2, counts
