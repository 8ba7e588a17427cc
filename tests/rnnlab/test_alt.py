"""Text alternatives and data views of charts (rnnlab.plots.alt): what is said matches what is drawn."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from rnnlab.plots import alt
from rnnlab.plots import concepts as concept_plots
from rnnlab.plots import data as data_plots
from rnnlab.plots import train as train_plots


@pytest.mark.parametrize("value, lang, text", [
    (0.25, "es", "0,25"), (0.25, "en", "0.25"), (10400, "es", "10400"), (-1.5, "en", "−1.5"),
    (1.23456e-5, "en", "1.23×10^-5"), (float("nan"), "en", "—"), (3.0, "es", "3"),
])
def test_numbers_are_short_and_in_the_users_format(value, lang, text):
    assert alt.number(value, lang) == text.replace("^-", "^−")


def test_learning_curves_text_names_each_curve_with_its_extremes():
    history = {"loss": [0.3, 0.1, 0.05], "val_loss": [0.4, 0.2, 0.25]}
    fig = train_plots.learning_curves(history, "en")
    text = alt.describe(fig, "en")
    assert text.startswith("Line chart: Learning curves.")
    assert "3 points from 1 to 3; starts at 0.3 and ends at 0.05; lowest 0.05 at 3" in text
    assert "starts at 0.4 and ends at 0.25; lowest 0.2 at 2, highest 0.4 at 1" in text
    es = alt.describe(train_plots.learning_curves(history, "es"), "es")
    assert es.startswith("Gráfico de líneas") and "mínimo 0,2 en 2" in es


def test_data_table_holds_exactly_the_drawn_points():
    x = np.linspace(0, 1, 7)
    fig = go.Figure([go.Scatter(x=x, y=x**2, name="a"), go.Scatter(x=[None], y=[None], name="key"),
                     go.Bar(x=["p", "q"], y=[3, 4], name="bars")])
    fig.update_xaxes(title_text="time")
    fig.update_yaxes(title_text="value")
    table = alt.data_table(fig, "en")
    assert list(table.columns) == ["series", "time", "value"]
    a = table[table["series"] == "a"]
    np.testing.assert_allclose(a["time"].astype(float), x)
    np.testing.assert_allclose(a["value"].astype(float), x**2)
    assert table[table["series"] == "bars"]["value"].tolist() == [3, 4]
    assert "key" not in set(table["series"])  # a legend-only entry draws no point
    back = pd.read_csv(io.BytesIO(alt.table_csv(table)), encoding="utf-8-sig")
    assert len(back) == len(table) and list(back.columns) == list(table.columns)


def test_heatmap_text_and_table_cover_every_cell():
    hidden = np.arange(12, dtype=float).reshape(4, 3) / 10 - 0.5  # 4 steps x 3 units
    fig = go.Figure(go.Heatmap(z=hidden.T, x=np.arange(1, 5), y=np.arange(1, 4), name="h"))
    fig.update_xaxes(title_text="step")
    fig.update_yaxes(title_text="unit")
    text = alt.describe(fig, "en")
    assert "Heatmap" in text and "3 rows (unit) by 4 columns (step), values from −0.5 to 0.6" in text
    table = alt.data_table(fig, "en")
    assert len(table) == 12
    np.testing.assert_allclose(np.sort(table["value"].astype(float)), np.sort(hidden.ravel()), atol=1e-6)


def test_split_chart_text_tells_the_parts_window_and_target():
    values = np.sin(np.arange(100) / 5)
    fig = data_plots.split_figure(values, None, 60, 80, window=3, lookback=10, lang="en")
    text = alt.describe(fig, "en")
    assert "Series: 100 points from 0 to 99" in text
    assert f"Target: {alt.number(values[13], 'en')} at 13" in text
    assert "Key: Training · 60, Validation · 20, Test · 20" in text


def test_bars_are_read_in_order_with_their_values():
    fig = concept_plots.param_bars({"SimpleRNN": 2600, "LSTM": 10400, "GRU": 7950}, "n", title="P")
    assert "SimpleRNN 2600; LSTM 10400; GRU 7950" in alt.describe(fig, "es")


def test_many_series_are_summarised_and_an_empty_chart_says_so():
    fig = go.Figure([go.Scatter(y=[i, i + 1], name=f"s{i}") for i in range(9)])
    assert "and 3 more series" in alt.describe(fig, "en")
    assert "No data drawn yet" in alt.describe(go.Figure(), "en")


def test_diagram_and_sparkline_texts_in_both_languages():
    assert "6 steps" in alt.unrolled(6, "en") and "x_1 to x_6" in alt.unrolled(6, "en")
    assert "6 pasos" in alt.unrolled(6, "es")
    text = alt.sparkline(np.array([1.0, -2.0, 0.5]), "Nile", "es")
    assert "3 valores entre −2 y 1" in text and "0,5" in text


def test_plotly_markup_becomes_plain_text():
    fig = go.Figure(go.Scatter(y=[1, 2], name="h<sub>t</sub>"))
    fig.update_layout(title=dict(text="‖∂h<sub>T</sub>/∂h<sub>t</sub>‖<br>e<sup>x</sup>"))
    assert alt.chart_title(fig) == "‖∂h_T/∂h_t‖ e^x"
    assert "h_t: 2 points" in alt.describe(fig, "en")


def test_the_shown_table_writes_numbers_the_languages_way_and_the_csv_does_not():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[0.5, 1234.25], name="s"))
    table = alt.data_table(fig, "es")
    shown = alt.display_table(table, "es")
    assert list(shown.iloc[:, 2]) == ["0,5", "1234,25"] or list(shown.iloc[:, 2])[0] == "0,5"
    assert b"0.5" in alt.table_csv(table)
