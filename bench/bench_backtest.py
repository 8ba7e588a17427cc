"""Issue 15's figures for the rolling-origin backtest; prints them.

1. A 3-fold backtest (H = 10) of the Train page's quick LSTM with all the benchmarks, against
   one warm training of the same model (the model pool already holds its architecture), on the
   notebook's series and on the CO2 record. Target: at most 2.5x one training per strategy.
2. ETS fit time per fold (statsmodels Holt-Winters, additive trend and season) on up to 2,000
   values. Target: under 1 s per fold.
2b. Issue 22's fair ETS: the app's ETS MASE against standard fits (statsmodels
   ExponentialSmoothing additive trend + season with its defaults, statsmodels ETSModel AAA) on
   every built-in series at H = 10, K = 3 and H = 50, K = 10 (``--ets`` prints only this).
3. Empirical coverage of the 80 % and 95 % split-conformal bands on three series (each fold's
   forecasts judged by bands calibrated on the other folds' errors).

    .venv/bin/python bench/bench_backtest.py [--reps 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _quick():
    from rnnlab.training import TrainConfig

    return TrainConfig.quick() if hasattr(TrainConfig, "quick") else TrainConfig()


def _series():
    from rnnlab import data
    from rnnlab.data import noisy_sine
    from rnnlab.datasets import BUILTIN, load

    notebook = getattr(data, "notebook_series", noisy_sine)  # the app's opening series
    return {
        "notebook sine (100)": (notebook(), 50),
        "CO2 weekly (last 2,000)": (load("co2").values[-2000:], BUILTIN["co2"].season),
        "El Nino monthly": (load("elnino").values, BUILTIN["elnino"].season),
        "sunspots yearly": (load("sunspots").values, BUILTIN["sunspots"].season),
        "noisy sine (600, noise 0.3)": (noisy_sine(600, periods=12, noise=0.3, seed=3), 50),
    }


def cost(reps: int) -> None:
    from rnnlab import training
    from rnnlab.forecasting import backtest as bt
    from rnnlab.studies import study

    config = _quick()
    print(f"1. Backtest cost: {config.default_name()}, {config.epochs} epochs, H = 10, K = 3 "
          f"(later folds: {round(config.epochs * 0.25)} epochs from the previous weights)")
    series = _series()
    for name in ("notebook sine (100)", "CO2 weekly (last 2,000)"):
        values, season = series[name]
        training.train(values, config)  # warm the pool (tracing) for both timings
        study.run_study(values, config, 10, 3, season, ("recursive", "direct"))
        one, one_cpu, rows, cpu = [], [], {"recursive": [], "direct": []}, {"recursive": [], "direct": []}
        bench_s = []
        for _ in range(reps):
            started, cpu_started = time.perf_counter(), time.process_time()
            training.train(values, config)
            one.append(time.perf_counter() - started)
            one_cpu.append(time.process_time() - cpu_started)
            for strategy in rows:
                started, cpu_started = time.perf_counter(), time.process_time()
                result = study.run_study(values, config, 10, 3, season, (strategy,))
                rows[strategy].append(time.perf_counter() - started)
                cpu[strategy].append(time.process_time() - cpu_started)
                bench_s.append(result.seconds_benchmarks)
        base, base_cpu = statistics.median(one), statistics.median(one_cpu)
        print(f"   {name}: one warm training {base:.2f} s wall, {base_cpu:.2f} s CPU; benchmarks "
              f"(5 methods x 3 folds) {statistics.median(bench_s):.2f} s wall")
        for strategy, times in rows.items():
            t, c = statistics.median(times), statistics.median(cpu[strategy])
            print(f"     {strategy:9s} backtest with all benchmarks {t:.2f} s = {t / base:.2f}x "
                  f"one training wall, {c / base_cpu:.2f}x in CPU time (target <= 2.5x)")
    del bt


def ets_time() -> None:
    from rnnlab.forecasting import backtest as bt

    print("2. ETS fit + forecast per fold (H = 20, 3 folds)")
    bt.ets_forecast(bt._clean(range(40)), 2)  # import statsmodels outside the timing
    for name, (values, season) in _series().items():
        times, cpu = [], []
        for origin in bt.origins(len(values), 20, 3):
            started, cpu_started = time.perf_counter(), time.process_time()
            bt.ets_forecast(values[:origin], 20, season)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        print(f"   {name:28s} n = {len(values):5d}, m = {season:2d}: max {max(times):.3f} s wall "
              f"({max(cpu):.3f} s CPU) per fold, model {bt.ets_forecast.last_model} (target < 1 s)")


def _standard_fits(season: int):
    """The standard fits the app's ETS is held against: (name, fit(train, horizon))."""
    import warnings

    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    def es_default(train, horizon):
        seasonal = season > 1 and len(train) >= 2 * season + 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ExponentialSmoothing(train, trend="add", seasonal="add" if seasonal else None,
                                        seasonal_periods=season if seasonal else None
                                        ).fit().forecast(horizon)

    def ets_aaa(train, horizon):
        seasonal = season > 1 and len(train) >= 2 * season + 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ETSModel(train, error="add", trend="add", seasonal="add" if seasonal else None,
                            seasonal_periods=season if seasonal else None
                            ).fit(disp=False).forecast(horizon)

    return (("statsmodels ExponentialSmoothing (defaults)", es_default),
            ("statsmodels ETSModel AAA", ets_aaa))


def ets_fair() -> None:
    import numpy as np

    from rnnlab.data import notebook_series
    from rnnlab.datasets import BUILTIN, load
    from rnnlab.forecasting import backtest as bt

    print("2b. ETS MASE against standard fits (mean over folds and steps; * = app)")
    series = {"notebook sine": (notebook_series(), 50)}
    series.update({name: (load(name).values, BUILTIN[name].season) for name in BUILTIN})
    for name, (values, season) in series.items():
        for horizon, folds in ((10, 3), (50, 10)):
            try:
                bt.check(len(values), horizon, folds, season)
            except bt.BacktestError:
                continue
            row = []
            for label, fit in (("app", lambda tr, h, s=season: bt.ets_fit(tr, h, s)[0]),
                               *_standard_fits(season)):
                started = time.process_time()
                forecasts = np.stack([fit(values[:o], horizon)
                                      for o in bt.origins(len(values), horizon, folds)])
                per_fold = (time.process_time() - started) / folds
                mase = float(np.mean(bt.fold_errors(values, forecasts, horizon, folds, season)["mase"]))
                row.append(f"{label.split(' (')[0].replace('statsmodels ', '')} {mase:.2f} "
                           f"({per_fold:.2f} s)")
            models = []
            bt.benchmark_forecasts(values, horizon, folds, season, methods=("ets",), models=models)
            print(f"   {name:14s} n = {len(values):4d}, m = {season:2d}, H = {horizon}, K = {folds:2d}: "
                  + " | ".join(row) + f" | app fitted {sorted(set(models))}", flush=True)


def coverage() -> None:
    from rnnlab.studies import multistep

    config = _quick()
    print(f"3. Coverage of the conformal bands ({config.default_name()}, H = 8, K = 8; each fold "
          "judged by bands from the other folds)")
    series = _series()
    for name in ("noisy sine (600, noise 0.3)", "El Nino monthly", "sunspots yearly"):
        values, season = series[name]
        for strategy in multistep.STRATEGIES:
            result = multistep.run_backtest(values, config, 8, 8, season, strategy)
            points = int(len(result.residuals) * 8 - (result.residuals != result.residuals).sum())
            print(f"   {name:28s} {strategy:9s}: 80 % band covers {100 * result.coverage[0.8]:5.1f} %,"
                  f" 95 % band covers {100 * result.coverage[0.95]:5.1f} % of {points} held-out "
                  f"points ({result.seconds:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--ets", action="store_true", help="only the fair-ETS comparison")
    args = parser.parse_args()
    if args.ets:
        ets_fair()
        return
    from rnnlab.training import thread_count

    print(f"threads: {thread_count()}; load average {os.getloadavg()[0]:.1f} (wall times grow "
          "with it; CPU times do not)")
    ets_time()
    ets_fair()
    cost(args.reps)
    coverage()


if __name__ == "__main__":
    main()
