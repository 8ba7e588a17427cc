"""Residual checks of a run's one-step predictions and of its best baseline (rnnlab.forecasting.residuals):
residuals over time, their ACF with Ljung-Box, their histogram, a plain sentence. Train and
Compare call ``section``."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from rnnlab.forecasting import residuals
from rnnlab.forecasting.baselines import run_mase
from rnnlab.plots import diagnostics as plots
from rnnlab.plots.style import CELL_COLORS, OKABE_ITO
from ui.elements.charts import chart, memo
from ui.i18n import lang, num, tr

SPLITS = ("train", "test")


def _best_baseline(run) -> str:
    """The baseline with the lower test MASE (persistence or linear)."""
    mase = {b: run_mase(run, "test", b) for b in ("persistence", "linear")}
    known = {b: m for b, m in mase.items() if math.isfinite(m)}
    return min(known, key=known.get) if known else "persistence"


def _sentence(name: str, check: residuals.ResidualCheck) -> str:
    words = dict(name=name, lags=check.lags, q=num(check.q, sig=3),
                 p=num(check.p_value, sig=2) if check.p_value >= 1e-4 else "< " + num(0.0001),
                 mean=num(check.mean, sig=3), std=num(check.std, sig=3))
    if check.white_noise:
        return tr("diag.res.white", **words)
    lag = check.strongest_lag
    return tr("diag.res.left", lag=lag, r=num(float(check.acf[lag - 1]), decimals=2), **words)


def section(run, values, key: str, season: int = 1) -> None:
    """The residual check of ``run`` (one-step predictions) and its best baseline."""
    st.subheader(tr("diag.res.header"))
    split = st.segmented_control(tr("diag.res.split"), SPLITS, key=key + "_split", default="train",
                                 required=True, format_func=lambda s: tr(f"data.split.{s}"))
    split = split or "train"
    baseline = _best_baseline(run)
    bench_name = tr(f"train.row.{baseline}")
    st.markdown(tr("diag.res.intro", split=tr(f"data.split.{split}").lower(),
                   benchmark=bench_name))
    truth = np.asarray(run.targets.get(split, []), dtype=float)
    index = np.asarray(run.target_index.get(split, []), dtype=int)
    network = tr("diag.res.network", cell=run.config.cell)
    checks = {}
    predictions = {network: run.predictions.get(split, []),
                   bench_name: (run.baseline_predictions or {}).get(baseline, {}).get(split)}
    for name, pred in predictions.items():
        if pred is None or len(pred) != len(truth):
            continue
        check = residuals.check(truth, pred, index, season)
        if check is not None:
            checks[name] = check
    if not checks:
        st.caption(tr("diag.res.none"))
        return
    for name, check in checks.items():
        (st.success if check.white_noise else st.warning)(_sentence(name, check))
    colors = (CELL_COLORS.get(run.config.cell, OKABE_ITO["green"]), "#64748b")
    memo_key = (run, split, lang())
    chart(memo(key + "_time", memo_key, lambda: plots.residuals_over_time(checks, lang(), colors)),
          key + "_time_chart")
    chart(memo(key + "_acf", memo_key, lambda: plots.residual_acf(checks, lang(), colors)),
          key + "_acf_chart")
    chart(memo(key + "_hist", memo_key, lambda: plots.residual_histogram(checks, lang(), colors)),
          key + "_hist_chart")


def compare_section(shown: list) -> None:
    """Compare's residual check: one of the shown runs (picked) and its best baseline."""
    if not shown:
        return
    ids = [r.run_id or str(i) for i, r in enumerate(shown)]
    names = {rid: (r.name or r.config.default_name()) for rid, r in zip(ids, shown, strict=True)}
    if st.session_state.get("compare_res_run") not in ids:
        st.session_state["compare_res_run"] = ids[0]
    chosen = st.selectbox(tr("diag.res.run"), ids, key="compare_res_run",
                          format_func=lambda rid: names.get(rid, rid))
    run = shown[ids.index(chosen)]
    values = run.values if run.values is not None else np.concatenate(
        [np.asarray(run.targets.get(s, []), float) for s in ("train", "val", "test")])
    section(run, values, "compare_res")
