"""Issue 22: sentences about the forecasts that were false, and numbers written as what they are."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals
from rnnlab.i18n import t
from rnnlab.plots import alt
from rnnlab.studies import study

LANGS = ("es", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_mase_below_one_is_said_to_beat_the_in_sample_naive_not_the_benchmark(lang):
    """Train's note and the backtest intro said "below 1 = better than that benchmark": out of
    sample, persistence's own test MASE is 0.75 and seasonal naive's 0.94-1.34."""
    for key in ("train.metrics_note", "backtest.ui.intro"):
        text = t(key, lang)
        assert "better than that benchmark" not in text and "mejor que esa referencia" not in text
        assert "below 1 is better" not in text
        assert ("in-sample" in text) if lang == "en" else ("dentro de" in text)
    note = t("train.metrics_note", lang)
    assert ("Persistence row's own MASE" in note) if lang == "en" else ("MASE de la fila Persistencia" in note)


@pytest.mark.parametrize("lang", LANGS)
def test_ets_is_named_by_the_model_it_fitted(lang):
    assert "Holt-Winters" not in study.method_label("ets", lang, 1, ets_models=["holt"] * 3)
    assert "Holt" in study.method_label("ets", lang, 1, ets_models=["holt"] * 3)
    label = study.method_label("ets", lang, 52, ets_models=["holt", "holt_winters", "holt_winters"])
    assert "Holt-Winters" in label and "×2" in label and "×1" in label
    assert "52" in label


def test_the_default_series_folds_name_the_ets_they_fit():
    """The notebook's sine at m = 50: each fold trains on fewer than two seasons, so no season is
    fitted and the table must not say Holt-Winters."""
    from rnnlab.data import notebook_series

    values = notebook_series()
    result = study.ForecastStudy(values, 10, 3, 50, {})
    models = []
    result.benchmarks = bt.benchmark_forecasts(values, 10, 3, 50, models=models)
    result.ets_models = models
    assert set(models) <= {"holt", "holt_damped"} and len(models) == 3
    rows = study.summary_rows(result, "en")
    assert study.ets_label(models, "en", 50) in list(rows["Method"])
    assert any("Holt's" in str(m) for m in rows["Method"])
    assert not any("Holt-Winters" in str(m) for m in rows["Method"])


@pytest.mark.parametrize("lang", LANGS)
def test_seasonal_naive_with_m_1_is_called_naive_and_shown_once(lang):
    values = np.sin(np.arange(80) / 3.0) + np.arange(80) / 40
    result = study.ForecastStudy(values, 5, 3, 1, bt.benchmark_forecasts(values, 5, 3, 1))
    rows = study.summary_rows(result, lang)
    labels = list(rows.iloc[:, 0])
    naive = t("backtest.method.naive", lang)
    assert labels.count(naive) == 1
    assert not any("m = 1" in label for label in labels)
    assert study.yardstick_column(lang, 1) in rows.columns
    assert "m = 1" not in study.yardstick_label(lang, 1)


def test_years_in_a_data_view_are_labels_and_counts_are_grouped():
    """The Data page's data view wrote the Nile's years 1,871 (1.871); Compare's wrote parameter
    counts 1121 where the text writes 4.385."""
    years = go.Figure(go.Scatter(x=np.array([1871.0, 1872.0]), y=[1120.0, 1160.0], name="Nile"))
    for lang in LANGS:
        shown = alt.display_table(alt.data_table(years, lang), lang)
        assert list(shown.iloc[:, 1]) == ["1871", "1872"]
    counts = go.Figure(go.Bar(orientation="h", x=[1121, 4385], y=["SimpleRNN 32", "LSTM 32"]))
    assert list(alt.display_table(alt.data_table(counts, "es"), "es").iloc[:, 1]) == ["SimpleRNN 32", "LSTM 32"]
    assert list(alt.display_table(alt.data_table(counts, "es"), "es").iloc[:, 2]) == ["1.121", "4.385"]
    assert list(alt.display_table(alt.data_table(counts, "en"), "en").iloc[:, 2]) == ["1,121", "4,385"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_coverage_sentence_says_it_is_an_estimate_on_so_many_points(lang):
    text = t("backtest.ui.coverage", lang, strategy="S", c80="70 %", c95="90 %", points="64",
             lo80="58 %", hi80="80 %", lo95="81 %", hi95="95 %")
    assert "64" in text and "58 %" in text
    assert ("estimate" in text) if lang == "en" else ("estimación" in text)


def test_coverage_points_and_range_are_counted_from_the_held_out_folds():
    rng = np.random.default_rng(0)
    residuals = rng.normal(size=(30, 2))
    groups = np.repeat(np.arange(3), 10)
    counts = intervals.held_out_points(residuals, groups)
    covered, _ = intervals.leave_one_group_out(residuals, groups)
    for level, (inside, judged) in counts.items():
        assert judged == 60  # 20 calibration residuals per step: every level is finite
        assert inside / judged == pytest.approx(covered[level])
    low, high = intervals.coverage_range(30, 40)
    # Wilson interval by hand: p = 0.75, n = 40, z = 1.959964
    z, p, n = 1.959963985, 0.75, 40
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert (low, high) == pytest.approx((centre - half, centre + half))
