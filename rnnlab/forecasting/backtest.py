"""Rolling-origin backtests: the textbook benchmarks and the scores forecasters use.

Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, ch. 5 and 8: a model is
judged by forecasting H steps ahead from several origins it never saw past, against the
mean, naive, seasonal naive, drift and ETS benchmarks, by MASE (scaled by the in-sample
seasonal naive error of each fold's training part), sMAPE, RMSE and MAE at each horizon step.

Fold k (k = 0 .. K-1) has origin o_k = n - H (K - k): it fits ``values[:o_k]`` only and
forecasts ``values[o_k : o_k + H]``, so the last fold ends exactly at the end of the series.
Everything here is numpy / pandas (statsmodels for ETS, imported when ETS runs).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from rnnlab.declarations.messages import Message, MessageError

BENCHMARKS = ("mean", "naive", "seasonal_naive", "drift", "ets")
MAX_HORIZON = 50
MAX_FOLDS = 10


class BacktestError(MessageError):
    """The series cannot be backtested this way. Its ``message`` (rnnlab/i18n/backtest.py)
    says what to change."""

    def __init__(self, key: str, **values):
        super().__init__(Message(key, values))


# --------------------------------------------------------------------------------------
# Folds


def origins(n: int, horizon: int, folds: int) -> list[int]:
    """o_k = n - horizon * (folds - k) for k = 0 .. folds-1 (ascending)."""
    return [int(n - horizon * (folds - k)) for k in range(folds)]


def check(n: int, horizon: int, folds: int, season: int = 1, min_train: int = 2) -> None:
    """Raise BacktestError when ``n`` values cannot hold these folds.

    The first fold must keep at least ``min_train`` values, and a full season (plus one, for
    its in-sample seasonal difference) when a season is set.
    """
    for name, value, low, high in (("horizon", horizon, 1, MAX_HORIZON),
                                   ("folds", folds, 1, MAX_FOLDS), ("season", season, 1, n)):
        if not (isinstance(value, (int, np.integer)) and low <= value <= high):
            raise BacktestError("backtest.problem.range", name=name, value=value, low=low,
                                high=high)
    first = n - horizon * folds
    needed = max(int(min_train), season + 1, 2)
    if first < needed:
        raise BacktestError("backtest.problem.too_short", n=n, horizon=horizon, folds=folds,
                            first=first, needed=needed,
                            max_folds=max(0, (n - needed) // horizon))


def _clean(values) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64).ravel()
    if not np.all(np.isfinite(values)):
        raise BacktestError("backtest.problem.not_finite")
    return values


# --------------------------------------------------------------------------------------
# The benchmarks: each takes the training part and returns ``horizon`` forecasts


def mean_forecast(train: np.ndarray, horizon: int, season: int = 1) -> np.ndarray:
    """Every future value = the mean of the training part."""
    return np.full(horizon, float(np.mean(train)))


def naive_forecast(train: np.ndarray, horizon: int, season: int = 1) -> np.ndarray:
    """Every future value = the last observed value."""
    return np.full(horizon, float(train[-1]))


def seasonal_naive_forecast(train: np.ndarray, horizon: int, season: int = 1) -> np.ndarray:
    """Each future value = the value one season earlier: y_{T+h-m(floor((h-1)/m)+1)}."""
    m = max(1, int(season))
    if len(train) < m:
        raise BacktestError("backtest.problem.season_long", season=m, n=len(train))
    last_season = np.asarray(train[-m:], dtype=np.float64)
    return last_season[np.arange(horizon) % m]


def drift_forecast(train: np.ndarray, horizon: int, season: int = 1) -> np.ndarray:
    """The line through the first and last observations, extended: y_T + h (y_T - y_1)/(T - 1)."""
    if len(train) < 2:
        return naive_forecast(train, horizon)
    slope = (train[-1] - train[0]) / (len(train) - 1)
    return train[-1] + slope * np.arange(1, horizon + 1)


ETS_MODELS = ("holt_winters", "holt_winters_damped", "holt", "holt_damped", "ses", "naive")
_ETS_SHAPES = {"holt_winters": ("add", "add"), "holt": ("add", None), "ses": (None, None)}


def _ets_fit_one(train: np.ndarray, horizon: int, m: int, model_name: str, damped: bool):
    """(forecast, aicc) of one statsmodels ExponentialSmoothing fit, or None if it failed."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    trend, seasonal = _ETS_SHAPES[model_name]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter: the result is checked below
            init = "heuristic" if len(train) >= (2 * m + 2 if seasonal else 10) else "estimated"
            model = ExponentialSmoothing(
                train, trend=trend, damped_trend=damped, seasonal=seasonal,
                seasonal_periods=m if seasonal else None, initialization_method=init)
            fitted = model.fit(optimized=True, use_brute=False, method="SLSQP")
            forecast = np.asarray(fitted.forecast(horizon), dtype=np.float64)
            aicc = float(fitted.aicc)
    except (ValueError, np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
        return None
    if forecast.shape != (horizon,) or not np.all(np.isfinite(forecast)):
        return None
    return forecast, aicc if math.isfinite(aicc) else float("inf")


def ets_fit(train: np.ndarray, horizon: int, season: int = 1) -> tuple[np.ndarray, str]:
    """(forecasts, model) of ETS from statsmodels: the richest model the training part holds,
    its trend damped or not, whichever has the lower AICc (what an automatic ETS does).

    - "holt_winters" / "holt_winters_damped": Holt-Winters additive (trend and season; needs
      two full seasons + 2);
    - "holt" / "holt_damped": Holt's linear trend (no season: season 1, or fewer than two
      seasons of data);
    - "ses": simple exponential smoothing (no trend);
    - "naive": the last value, when every fit above failed or gave non-finite forecasts.

    Heuristic starting states, then SLSQP (statsmodels' own default optimiser) on the
    smoothing parameters. L-BFGS-B from the same start stopped at the start on weekly CO2
    (m = 52: MASE 1.00 where statsmodels' default fit gets 0.27); this gets 0.24 there, in
    ~0.05 s CPU per fold instead of statsmodels' default ~1 s (tests/rnnlab/test_ets_fair.py,
    bench/bench_backtest.py --ets).
    """
    train = np.asarray(train, dtype=np.float64)
    m = int(season)
    attempts = []
    if m > 1 and len(train) >= 2 * m + 2:  # statsmodels needs two full seasons to start
        attempts.append("holt_winters")
    if len(train) >= 4:
        attempts.append("holt")
    if len(train) >= 2:
        attempts.append("ses")
    for model_name in attempts:
        fits = {}
        for damped in ((False, True) if _ETS_SHAPES[model_name][0] and len(train) >= 10 else (False,)):
            fitted = _ets_fit_one(train, horizon, m, model_name, damped)
            if fitted is not None:
                fits[model_name + ("_damped" if damped else "")] = fitted
        if fits:
            best = min(fits, key=lambda name: fits[name][1])
            return fits[best][0], best
    return naive_forecast(train, horizon), "naive"


def ets_forecast(train: np.ndarray, horizon: int, season: int = 1) -> np.ndarray:
    """ETS forecasts (ets_fit): a backtest never dies on one awkward fold, it falls back to
    simpler models. ``ets_forecast.last_model`` says which one was used, as (trend, season)
    ("naive", None) for the naive fallback); ``ets_fit`` names it."""
    forecast, model_name = ets_fit(train, horizon, season)
    ets_forecast.last_model = _ETS_SHAPES.get(model_name.removesuffix("_damped"), ("naive", None))
    return forecast


ets_forecast.last_model = None
METHODS: dict[str, Callable[[np.ndarray, int, int], np.ndarray]] = {
    "mean": mean_forecast,
    "naive": naive_forecast,
    "seasonal_naive": seasonal_naive_forecast,
    "drift": drift_forecast,
    "ets": ets_forecast,
}


# --------------------------------------------------------------------------------------
# Scores


def mase_scale(train: np.ndarray, season: int = 1) -> float:
    """In-sample mean absolute seasonal difference: mean |y_t - y_{t-m}| over the training part."""
    train = np.asarray(train, dtype=np.float64)
    m = max(1, int(season))
    if len(train) <= m:
        return float("nan")
    return float(np.mean(np.abs(train[m:] - train[:-m])))


def smape_terms(y: np.ndarray, f: np.ndarray) -> np.ndarray:
    """200 |y - f| / (|y| + |f|) per point, with 0/0 counted as 0."""
    y, f = np.asarray(y, dtype=np.float64), np.asarray(f, dtype=np.float64)
    denominator = np.abs(y) + np.abs(f)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = 200.0 * np.abs(y - f) / denominator
    return np.where(denominator == 0, 0.0, terms)


def fold_errors(values, forecasts: np.ndarray, horizon: int, folds: int, season: int = 1) -> dict:
    """Per-fold, per-step errors of forecasts shaped (folds, horizon), made from the origins.

    Returns {"error": y - f, "mase": |y - f| / scale_k, "smape": sMAPE terms}, each (folds, horizon).
    """
    values = np.asarray(values, dtype=np.float64)
    forecasts = np.asarray(forecasts, dtype=np.float64).reshape(folds, horizon)
    truth = np.stack([values[o:o + horizon] for o in origins(len(values), horizon, folds)])
    scales = np.array([mase_scale(values[:o], season) for o in origins(len(values), horizon, folds)])
    error = truth - forecasts
    with np.errstate(invalid="ignore", divide="ignore"):
        mase = np.abs(error) / np.where(scales > 0, scales, np.nan)[:, None]
    return {"error": error, "mase": mase, "smape": smape_terms(truth, forecasts), "truth": truth,
            "scales": scales}


def score_table(values, forecasts: dict[str, np.ndarray], horizon: int, folds: int,
                season: int = 1) -> pd.DataFrame:
    """MASE, sMAPE, RMSE, MAE per (method, h), averaged over folds (RMSE: root of the mean
    square)."""
    frames = []
    for method, forecast in forecasts.items():
        errors = fold_errors(values, forecast, horizon, folds, season)
        # A fold without a forecast (a stopped backtest) or without a scale (a constant
        # training part) makes the average NaN: never an average over fewer folds than the
        # benchmarks had.
        frame = pd.DataFrame({
            "MASE": np.mean(errors["mase"], axis=0),
            "sMAPE": np.mean(errors["smape"], axis=0),
            "RMSE": np.sqrt(np.mean(errors["error"] ** 2, axis=0)),
            "MAE": np.mean(np.abs(errors["error"]), axis=0),
        })
        frame.index = pd.MultiIndex.from_product([[method], range(1, horizon + 1)],
                                                 names=["method", "h"])
        frames.append(frame)
    return pd.concat(frames)


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per method: each score averaged over the horizon steps (RMSE: root of mean square)."""
    grouped = table.groupby(level="method", sort=False)
    out = grouped[["MASE", "sMAPE"]].mean()
    out["RMSE"] = grouped["RMSE"].apply(lambda r: float(np.sqrt(np.mean(np.square(r)))))
    if "MAE" in table.columns:
        out["MAE"] = grouped["MAE"].mean()
    return out


def smape_meaningful(values) -> bool:
    """sMAPE says something only on a strictly positive series: near zero |y| + |f| is tiny and
    one small miss scores up to 200 % (Hyndman & Athanasopoulos advise against it anyway)."""
    values = np.asarray(values, dtype=np.float64)
    return bool(len(values) and np.all(values > 0))


def benchmark_forecasts(values, horizon: int, folds: int, season: int = 1,
                        methods=BENCHMARKS, models: list | None = None) -> dict[str, np.ndarray]:
    """{method: forecasts (folds, horizon)}; each fold's method sees ``values[:o_k]`` only.

    ``models``: a list that receives the ETS model fitted in each fold (ets_fit's names)."""
    values = _clean(values)
    check(len(values), horizon, folds, season)
    out = {}
    for method in methods:
        if method == "ets":
            fits = [ets_fit(values[:o], horizon, season) for o in origins(len(values), horizon, folds)]
            out[method] = np.stack([f for f, _ in fits])
            if models is not None:
                models[:] = [name for _, name in fits]
            continue
        out[method] = np.stack([METHODS[method](values[:o], horizon, season)
                                for o in origins(len(values), horizon, folds)])
    return out


def benchmark_scores(values, horizon: int, folds: int, season: int = 1) -> pd.DataFrame:
    """Rolling-origin scores of mean, naive, seasonal naive, drift and ETS.

    Index (method, h), h = 1..horizon; columns "MASE", "sMAPE", "RMSE", "MAE" averaged over the
    folds (RMSE: root of the mean square over folds).
    Raises BacktestError when the series is too short for ``folds`` origins ``horizon`` apart.
    """
    values = _clean(values)
    forecasts = benchmark_forecasts(values, horizon, folds, season)
    return score_table(values, forecasts, horizon, folds, season)


def relative_gain(model_mase: float, benchmark_mase: float) -> float:
    """How much lower a MASE is than a benchmark's: 0.3 = 30 % lower; NaN if unknown."""
    if not (math.isfinite(model_mase) and math.isfinite(benchmark_mase)) or benchmark_mase <= 0:
        return float("nan")
    return 1.0 - model_mase / benchmark_mase
