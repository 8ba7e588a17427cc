"""AppTest of the backtest sections of Train and Compare, in both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.forecasting import backtest as bt
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_pct
from rnnlab.training import TrainConfig, train

pytestmark = pytest.mark.keras

TINY = TrainConfig(cell="GRU", units=4, epochs=3, lookback=10)


def _runs(names=("a",), cells=("GRU",)):
    runs = []
    for name, cell in zip(names, cells, strict=True):
        run = train(noisy_sine(), TrainConfig(cell=cell, units=4, epochs=2, lookback=10))
        run.name = name
        runs.append(run)
    return runs


def _mase_column(at) -> list[float]:
    """The MASE column as numbers, read back from the text the page writes (3 decimals)."""
    # the last table with a MASE column (charts' data views are tables too)
    table = [d.value for d in at.dataframe if "MASE" in d.value.columns][-1]
    return [float(str(v).replace(".", "").replace(",", ".")) if at.session_state["_lang"] == "es"
            else float(str(v).replace(",", "")) for v in table["MASE"]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_train_backtest_shows_mase_table_curve_bands_and_a_named_verdict(app_test, plotly_specs, texts, lang):
    at = app_test("views/train.py", lang=lang, _sync_training=True, runs=_runs()).run()
    assert not at.exception
    assert at.slider(key="bt_horizon").value == 10
    assert at.slider(key="bt_folds").value == 3
    assert at.number_input(key="bt_season").value == 50  # the notebook's sine: 99 / 2 periods
    assert t("backtest.ui.none", lang) in texts(at)
    at.slider(key="bt_horizon").set_value(6).run()
    at.button(key="bt_start").click().run()
    assert not at.exception
    shown = texts(at)
    assert "t(" not in shown and "backtest." not in shown  # no raw keys
    # the benchmark rows equal the public API's numbers, averaged over the 6 steps
    api = bt.summary(bt.benchmark_scores(noisy_sine(), 6, 3, 50))
    mase = _mase_column(at)
    assert len(mase) == 2 + len(bt.BENCHMARKS)
    np.testing.assert_allclose(mase[2:], api["MASE"].to_numpy(), atol=5e-4)
    verdict = [*at.success, *at.warning]
    words = {"en": "seasonal naive (m = 50)", "es": "ingenuo estacional (m = 50)"}[lang]
    assert any("MASE" in w.value and words in w.value for w in verdict)
    titles = [s["layout"].get("title", {}).get("text") for s in plotly_specs(at)]
    assert t("backtest.plot.by_h_title", lang) in titles
    bands = plotly_specs(at)[titles.index(t("backtest.plot.band_title", lang))]
    names = [tr.get("name") for tr in bands["data"]]
    assert t("backtest.plot.band", lang, level=fmt_pct(0.8, lang)) in names
    by_h = plotly_specs(at)[titles.index(t("backtest.plot.by_h_title", lang))]
    assert len(by_h["data"]) == 2 + len(bt.BENCHMARKS)
    coverage = t("backtest.ui.coverage", lang, strategy="", c80="§", c95="", points="", lo80="",
                 hi80="", lo95="", hi95="").split("§")[0]
    assert coverage in shown


def test_train_backtest_refuses_settings_the_series_cannot_hold(app_test, texts):
    at = app_test("views/train.py", _sync_training=True, runs=_runs()).run()
    at.slider(key="bt_horizon").set_value(50)
    at.slider(key="bt_folds").set_value(10).run()
    assert at.button(key="bt_start").disabled
    assert any("folds" in w.value for w in at.warning)
    at.pills(key="bt_strategies").set_value([]).run()
    assert t("backtest.ui.strategy_none", "en") in texts(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_compare_backtests_the_shown_runs_on_shared_folds(app_test, plotly_specs, texts, lang):
    runs = _runs(("uno", "dos"), ("GRU", "SimpleRNN"))
    at = app_test("views/compare.py", lang=lang, _sync_training=True, runs=runs).run()
    assert not at.exception
    assert t("backtest.cmp.none", lang) in texts(at)
    at.slider(key="cmp_bt_horizon").set_value(5)
    at.pills(key="cmp_bt_strategies").set_value(["recursive"]).run()
    at.button(key="bt_cmp_start").click().run()
    assert not at.exception
    mase = _mase_column(at)
    assert len(mase) == 2 + len(bt.BENCHMARKS)  # two runs, one strategy each, five benchmarks
    api = bt.summary(bt.benchmark_scores(noisy_sine(), 5, 3, 50))
    np.testing.assert_allclose(mase[2:], api["MASE"].to_numpy(), atol=5e-4)
    best = min(mase)
    best_words = t("backtest.cmp.verdict_best", lang, name="", mase="").split("**")[0]
    verdict = [i.value for i in at.info if best_words in i.value]
    assert verdict and "MASE" in verdict[0]
    shown_best = re.search(r"MASE (\d+[.,]\d\d)\)", verdict[0]).group(1)
    assert float(shown_best.replace(",", ".")) == pytest.approx(best, abs=0.006)
    assert ("," in shown_best) == (lang == "es")
    titles = [s["layout"].get("title", {}).get("text") for s in plotly_specs(at)]
    assert t("backtest.plot.by_h_title", lang) in titles
    assert at.button(key="bt_cmp_start").disabled  # nothing left to backtest with these settings
