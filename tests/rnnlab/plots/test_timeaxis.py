"""A series' own time labels on the charts of a run (issue 26, item 13): an upload with years
was plotted on Train against an index 0-100 while the Data page used the years."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.i18n import t
from rnnlab.plots import compare as compare_plots
from rnnlab.plots import timeaxis
from rnnlab.plots import train as train_plots
from tests.rnnlab.test_compare import make_run
from ui.session.state import session_of

YEARS = np.arange(1901, 2001).astype(float)  # as read from a CSV's year column
VALUES = np.sin(np.arange(100) / 5.0)


def test_positions_become_labels_and_the_future_continues_the_step():
    assert list(timeaxis.at(YEARS, [0, 99, 100, 102])) == [1901, 2000, 2001, 2003]
    assert timeaxis.between(YEARS, 60) == 1960.5 and timeaxis.between(None, 60) == 59.5
    days = np.arange("2024-01-01", "2024-01-11", dtype="datetime64[D]")
    assert timeaxis.at(days, [10])[0] == np.datetime64("2024-01-11")
    assert timeaxis.between(days, 1) == "2024-01-01T12:00:00"  # text: Plotly reads it as a date
    assert list(timeaxis.at(None, [3, 4])) == [3, 4]
    # Labels that cannot place the values: positions, as before.
    assert timeaxis.usable(YEARS[:50], 100) is None and timeaxis.usable(YEARS[::-1], 100) is None
    assert timeaxis.usable(np.array(["a", "b"]), 2) is None


def test_train_predictions_and_forecast_use_the_years():
    index = {"train": np.arange(10, 60), "val": np.arange(60, 80), "test": np.arange(80, 100)}
    preds = {s: VALUES[i] + 0.1 for s, i in index.items()}
    fig = train_plots.predictions_figure(VALUES, index, preds, 60, 80, "en", x=YEARS)
    truth = next(tr for tr in fig.data if tr.name == t("train.plot.truth", "en"))
    assert list(truth.x) == list(YEARS)
    test = next(tr for tr in fig.data if tr.name == t("train.plot.pred_test", "en"))
    assert list(test.x) == list(YEARS[80:])
    assert sorted(round(s.x0, 1) for s in fig.layout.shapes if s.type == "line") == [1960.5, 1980.5]
    assert fig.layout.xaxis.title.text == t("data.chart.x", "en")
    fig = train_plots.forecast_figure(
        VALUES,
        index["test"],
        preds["test"],
        index["test"],
        preds["test"],
        future=np.zeros(5),
        lang="es",
        x=YEARS,
    )
    assert list(fig.data[-1].x) == [2001, 2002, 2003, 2004, 2005]
    # Without labels: positions, exactly as before.
    fig = train_plots.predictions_figure(VALUES, index, preds, 60, 80, "en")
    assert list(fig.data[0].x) == list(range(100)) and fig.layout.xaxis.title.text == t(
        "train.plot.time_axis", "en"
    )


def test_compare_predictions_use_the_years():
    runs = [make_run("LSTM", values=VALUES), make_run("GRU", 0.2, values=VALUES)]
    fig = compare_plots.predictions_figure(runs, {}, "en", x=YEARS)
    test = runs[0].target_index["test"]
    assert all(list(tr.x) == list(YEARS[test]) for tr in fig.data if tr.x is not None and len(tr.x))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_compare_page_draws_an_uploaded_series_years(app_test, plotly_specs, decode, lang):
    from rnnlab.data import Series
    from ui.session.state import Session

    series = Series(VALUES, name="años", index=YEARS)
    runs = [
        make_run("LSTM", values=VALUES, run_id="a"),
        make_run("GRU", 0.2, values=VALUES, run_id="b"),
    ]
    at = app_test(
        "views/compare.py", lang=lang, session=Session(series=series, range=(0, 100, 1), runs=runs)
    )
    at.run()
    assert not at.exception, at.exception
    pred = next(
        s
        for s in plotly_specs(at)
        if s["layout"]["xaxis"]["title"]["text"] == t("data.chart.x", lang)
    )
    xs = decode(pred["data"][0]["x"])
    assert list(xs) == list(YEARS[runs[0].target_index["test"]])


def test_backtest_bands_use_the_years():
    from rnnlab.plots import backtest as backtest_plots

    widths = {0.8: np.full(5, 0.1)}
    fig = backtest_plots.forecast_bands(
        VALUES, 90, VALUES[90:95], widths, np.zeros(3), {0.8: np.full(3, 0.2)}, "es", x=YEARS
    )
    named = {tr.name: tr for tr in fig.data if tr.name}
    assert list(named[t("backtest.plot.future", "es")].x) == [2001, 2002, 2003]
    assert list(named[t("backtest.plot.heldout", "es")].x) == list(YEARS[90:95])
    assert fig.layout.shapes[0].x0 == 1990.5 and fig.layout.xaxis.title.text == t(
        "data.chart.x", "es"
    )


@pytest.mark.keras
def test_train_page_draws_an_uploaded_series_years(app_test, plotly_specs, decode):
    """The Train page passes the series' years to its predictions and forecast charts."""
    from rnnlab.data import Series
    from ui.session.state import Session

    series = Series(VALUES, name="years", index=YEARS)
    at = app_test(
        "views/train.py", session=Session(series=series, range=(0, 100, 1)), _sync_training=True
    ).run()
    for key, value in {"train_units": 4, "train_epochs": 2}.items():
        at.slider(key=key).set_value(value)
    at.segmented_control(key="train_cell").set_value("GRU")
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    run = session_of(at.session_state).runs[-1]
    specs = plotly_specs(at)
    pred = next(
        s
        for s in specs
        if any(tr.get("name") == t("train.plot.pred_test", "en") for tr in s["data"])
    )
    test = next(tr for tr in pred["data"] if tr.get("name") == t("train.plot.pred_test", "en"))
    assert list(decode(test["x"])) == list(YEARS[run.target_index["test"]])
    forecast = next(
        s for s in specs if any(tr.get("name") == t("train.plot.future", "en") for tr in s["data"])
    )
    future = next(tr for tr in forecast["data"] if tr.get("name") == t("train.plot.future", "en"))
    assert decode(future["x"])[0] == 2001
