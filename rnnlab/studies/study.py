"""A forecasting study of one trained run: its network backtested with one or two strategies
next to the textbook benchmarks, on the same folds, scored and judged by MASE.

What the Train and Compare pages show; no Streamlit, and TensorFlow only while training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rnnlab.forecasting import backtest as bt
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt, fmt_pct

METHOD_ORDER = ("rnn_recursive", "rnn_direct") + bt.BENCHMARKS
YARDSTICK = "seasonal_naive"  # what every verdict is measured against (FPP's usual bar)


@dataclass
class ForecastStudy:
    values: np.ndarray
    horizon: int
    folds: int
    season: int
    benchmarks: dict[str, np.ndarray]  # method -> forecasts (folds, horizon)
    rnn: dict = field(default_factory=dict)  # strategy -> multistep.RnnBacktest
    run_id: str = ""
    run_name: str = ""
    seconds_benchmarks: float = 0.0
    ets_models: list = field(default_factory=list)  # the ETS model fitted in each fold (bt.ets_fit)

    def forecasts(self) -> dict[str, np.ndarray]:
        """Forecasts per method shown; with m = 1 seasonal naive *is* the naive method, so the
        naive row is not shown twice (seasonal_naive stays: it is every verdict's yardstick)."""
        found = {b.method: b.forecasts for b in self.rnn.values()}
        found.update(self.benchmarks)
        return {m: found[m] for m in METHOD_ORDER if m in found and shown(m, self.season)}

    def table(self) -> pd.DataFrame:
        """Scores per (method, h)."""
        return bt.score_table(self.values, self.forecasts(), self.horizon, self.folds, self.season)

    def summary(self) -> pd.DataFrame:
        """Scores per method, averaged over the horizon steps."""
        return bt.summary(self.table())

    def settings(self) -> tuple:
        return (self.horizon, self.folds, self.season)

    def probabilistic(self) -> dict:
        """{method: rnnlab.forecasting.scores.held_out(...)} for the network's strategies and the cheap
        benchmarks, scored from the same origins; computed once per study."""
        kept = self.__dict__.get("_probabilistic")
        if kept is not None:
            return kept
        from rnnlab.forecasting import scores

        out = {}
        for result in self.rnn.values():
            if len(result.residuals):
                out[result.method] = scores.held_out(result.residuals, result.row_fold)
        for method in scores.SCORED_BENCHMARKS:
            if method in self.benchmarks and shown(method, self.season):
                res, fold = scores.origin_residuals(self.values, self.horizon, self.folds,
                                                    self.season, method)
                out[method] = scores.held_out(res, fold)
        self.__dict__["_probabilistic"] = out
        return out


def run_study(values, config, horizon: int, folds: int = 3, season: int = 1,
              strategies=("recursive", "direct"), run_id: str = "", run_name: str = "",
              on_progress=None, should_stop=None, on_wait=None) -> ForecastStudy:
    """Benchmarks first (fast, no TensorFlow), then the network with each strategy.

    ``on_progress(strategy_index, fold, epochs_done, epochs_of_fold)``.
    """
    import time

    from rnnlab.studies import multistep

    values = bt._clean(values)
    started = time.perf_counter()
    models: list[str] = []
    study = ForecastStudy(values=values, horizon=int(horizon), folds=int(folds), season=int(season),
                          benchmarks=bt.benchmark_forecasts(values, horizon, folds, season,
                                                            models=models),
                          run_id=run_id, run_name=run_name, ets_models=models)
    study.seconds_benchmarks = time.perf_counter() - started
    for i, strategy in enumerate(strategies):
        if should_stop is not None and should_stop():
            break

        def progress(fold, epoch, epochs, i=i):
            if on_progress is not None:
                on_progress(i, fold, epoch, epochs)

        result = multistep.run_backtest(values, config, horizon, folds, season, strategy,
                                        on_progress=progress, should_stop=should_stop,
                                        on_wait=on_wait)
        study.rnn[strategy] = result
        if result.status == "stopped":
            break
    return study


def _num(value: float, lang: str, decimals: int = 2) -> str:
    return fmt(float(value), lang, decimals=decimals)


def _pct(fraction: float, lang: str) -> str:
    return fmt_pct(fraction, lang, nonzero=True)  # never "0 % higher" when it is higher


def shown(method: str, season: int) -> bool:
    """Is ``method`` a row of its own? Not "naive" when m = 1: seasonal naive is the same."""
    return not (method == "naive" and int(season) <= 1)


def ets_label(models, lang: str, season: int = 1) -> str:
    """The ETS model(s) actually fitted: "ETS: Holt's linear trend"; folds that fitted different
    models are counted: "ETS: Holt-Winters additive (m = 52) ×2, Holt's linear trend ×1"."""
    models = [str(m) for m in (models or [])]
    if not models:
        return t("backtest.method.ets", lang)
    counts = {m: models.count(m) for m in bt.ETS_MODELS if m in models}
    names = [t(f"backtest.ets.{m}", lang, m=str(season)) for m in counts]
    if len(counts) > 1:
        names = [t("backtest.ets.folds", lang, model=name, k=str(k))
                 for name, k in zip(names, counts.values(), strict=True)]
    return t("backtest.method.ets_fitted", lang, models=", ".join(names))


def method_label(method: str, lang: str, season: int = 1, run_name: str = "",
                 ets_models=None) -> str:
    if method.startswith("rnn_"):
        strategy = t(f"backtest.strategy.{method[4:]}", lang)
        return t("backtest.method.rnn", lang, name=run_name or "RNN", strategy=strategy)
    if method == "seasonal_naive":
        if int(season) <= 1:  # one value per season: the naive method itself
            return t("backtest.method.naive", lang)
        return t("backtest.method.seasonal_naive", lang, m=str(season))
    if method == "ets":
        return ets_label(ets_models, lang, season)
    return t(f"backtest.method.{method}", lang)


def yardstick_label(lang: str, season: int) -> str:
    """Seasonal naive inside a sentence; "naive" when m = 1."""
    if int(season) <= 1:
        return t("backtest.yardstick_naive", lang)
    return t("backtest.yardstick", lang, m=str(season))


def yardstick_column(lang: str, season: int) -> str:
    key = "backtest.col.vs_naive" if int(season) <= 1 else "backtest.col.vs_yardstick"
    return t(key, lang)


def verdict_lines(study: ForecastStudy, lang: str = "es") -> list[tuple[bool | None, str]]:
    """(beats the yardstick?, sentence) per strategy, naming MASE; then the best benchmark."""
    summary = study.summary()
    yard = float(summary.loc[YARDSTICK, "MASE"])
    yard_label = yardstick_label(lang, study.season)
    lines: list[tuple[bool | None, str]] = []
    for result in study.rnn.values():
        model = float(summary.loc[result.method, "MASE"])
        gain = bt.relative_gain(model, yard)
        name = method_label(result.method, lang, study.season, study.run_name)
        if not math.isfinite(gain):
            lines.append((None, t("backtest.verdict.unknown", lang, name=name)))
            continue
        key = "backtest.verdict.beats" if gain > 0 else "backtest.verdict.loses"
        lines.append((gain > 0, t(key, lang, name=name, benchmark=yard_label,
                                  pct=_pct(abs(gain), lang), model=_num(model, lang),
                                  base=_num(yard, lang), folds=str(study.folds),
                                  horizon=str(study.horizon))))
    bench = summary.loc[[m for m in bt.BENCHMARKS if m in summary.index], "MASE"].dropna()
    if len(bench):
        best = str(bench.idxmin())
        lines.append((None, t("backtest.verdict.best_benchmark", lang,
                              benchmark=method_label(best, lang, study.season,
                                                     ets_models=study.ets_models),
                              mase=_num(float(bench.min()), lang))))
    return lines


def summary_rows(study: ForecastStudy, lang: str = "es") -> pd.DataFrame:
    """The MASE table for a page: method name, MASE, MAE, RMSE, sMAPE, gain over the yardstick
    (the page drops sMAPE where it says nothing: bt.smape_meaningful)."""
    summary = study.summary()
    yard = float(summary.loc[YARDSTICK, "MASE"])
    rows = []
    for method, row in summary.iterrows():
        rows.append({
            t("backtest.col.method", lang): method_label(method, lang, study.season, study.run_name,
                                                         study.ets_models),
            "MASE": float(row["MASE"]), "MAE": float(row["MAE"]), "RMSE": float(row["RMSE"]),
            "sMAPE": float(row["sMAPE"]),
            yardstick_column(lang, study.season): 100 * bt.relative_gain(float(row["MASE"]), yard),
        })
    return pd.DataFrame(rows)


def score_rows(study: ForecastStudy, lang: str = "es") -> pd.DataFrame:
    """The probabilistic scores per method (rnnlab.forecasting.scores.summary), named for a page."""
    from rnnlab.forecasting import scores

    rows = []
    for method, scored in study.probabilistic().items():
        s = scores.summary(scored)
        rows.append({
            t("backtest.col.method", lang): method_label(method, lang, study.season, study.run_name),
            t("diag.score.col_cov80", lang): s.get("coverage_80", float("nan")),
            t("diag.score.col_cov95", lang): s.get("coverage_95", float("nan")),
            t("diag.score.col_w80", lang): s.get("interval_80", float("nan")),
            t("diag.score.col_w95", lang): s.get("interval_95", float("nan")),
            t("diag.score.col_pinball", lang): s["pinball"],
            t("diag.score.col_crps", lang): s["crps"],
            t("diag.score.col_points", lang): s["points"],
        })
    return pd.DataFrame(rows)


def suggested_season(source: dict, step: int = 1, n: int | None = None) -> int:
    """Values per cycle of the current series: known for built-ins (CO2 52, El Niño 12,
    sunspots 11) and generated sines ((n - 1) / periods), 1 otherwise; divided by the Data
    page's step (every step-th value kept), never below 1 nor above ``n // 2``."""
    from rnnlab.datasets import BUILTIN

    season = 1.0
    kind = source.get("kind")
    if kind == "builtin" and source.get("name") in BUILTIN:
        season = float(BUILTIN[source["name"]].season)
    elif kind == "notebook":  # the seed notebook's sine: 100 points over 2 periods
        season = 99 / 2
    elif kind == "generate" and float(source.get("periods") or 0) > 0 and source.get("n"):
        season = (int(source["n"]) - 1) / float(source["periods"])
    season = max(1, int(round(season / max(1, int(step)))))
    if n is not None:
        season = max(1, min(season, int(n) // 2))
    return season


def comparable(studies: list[ForecastStudy]) -> list[ForecastStudy]:
    """The studies made on the same values with the same settings as the first one."""
    if not studies:
        return []
    first = studies[0]
    return [s for s in studies if s.settings() == first.settings()
            and len(s.values) == len(first.values) and np.array_equal(s.values, first.values)]


def combined(studies: list[ForecastStudy], lang: str = "es") -> tuple[pd.DataFrame, dict, dict]:
    """Scores of every run's strategies and of the benchmarks (once), on the shared folds.

    Returns (table per (method, h), {method key: label}, {method key: run_id}); a network's
    method key is "<run_id>/rnn_<strategy>".
    """
    studies = comparable(studies)
    if not studies:
        return pd.DataFrame(), {}, {}
    first = studies[0]
    forecasts, labels, owners = {}, {}, {}
    for s in studies:
        for result in s.rnn.values():
            key = f"{s.run_id}/{result.method}"
            forecasts[key] = result.forecasts
            labels[key] = method_label(result.method, lang, s.season, s.run_name)
            owners[key] = s.run_id
    for method, forecast in first.benchmarks.items():
        if not shown(method, first.season):
            continue
        forecasts[method] = forecast
        labels[method] = method_label(method, lang, first.season,
                                      ets_models=getattr(first, "ets_models", None))
    table = bt.score_table(first.values, forecasts, first.horizon, first.folds, first.season)
    return table, labels, owners


def best_line(table: pd.DataFrame, labels: dict, lang: str = "es") -> str:
    """The method with the lowest MASE over all steps, named with its MASE."""
    mase = bt.summary(table)["MASE"].dropna()
    if mase.empty:
        return ""
    best = str(mase.idxmin())
    return t("backtest.cmp.verdict_best", lang, name=labels.get(best, best),
             mase=_num(float(mase.min()), lang))
