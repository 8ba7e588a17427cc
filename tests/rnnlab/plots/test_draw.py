"""The reveal figure of Draw the future: what it draws is the result's numbers, on the window the
students drew on, in the reader's language."""

from __future__ import annotations

import random

import numpy as np
import pytest

from rnnlab.activities import draw as dr
from rnnlab.plots import alt
from rnnlab.plots.draw import reveal_figure


@pytest.fixture
def revealed():
    values = np.sin(np.arange(60) / 3.0)
    spec, truth = dr.make(values, 5, cut=50, season=1)
    drawings = [truth + k * 0.1 for k in range(-3, 4)]
    forecasts = {"seasonal_naive": np.full(5, spec.last), "ets": truth * 0.5}
    result = dr.score(spec, truth, drawings, forecasts=forecasts, network=truth + 0.2, network_name="LSTM",
                      rng=random.Random(1))
    return spec, result


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_line_is_the_results_own_numbers_on_the_drawn_window(revealed, lang):
    spec, result = revealed
    fig = reveal_figure(spec, result, lang, view_start=38)
    names = [trace.name for trace in fig.data]
    by = {trace.name: trace for trace in fig.data}
    truth = by["Realidad" if lang == "es" else "Truth"]
    # every future line starts at the last shown value, then the H values
    assert list(truth.y) == pytest.approx([spec.last, *result.truth])
    assert list(truth.x) == list(range(49, 55))
    median = by["Mediana de la clase" if lang == "es" else "Class median"]
    assert list(median.y)[1:] == pytest.approx(result.median)
    assert sum(1 for n in names if n and n.startswith(("Dibujos", "Drawings"))) == 1  # one trace for all
    drawn = by[next(n for n in names if n and n.startswith(("Dibujos", "Drawings")))]
    assert sum(1 for y in drawn.y if y is None) == len(result.drawings)  # one gap after each drawing
    assert fig.layout.xaxis.range == (37.5, 54.5)
    series = fig.data[0]
    assert series.showlegend is False and len(series.y) == len(spec.shown)  # all of it, in the data
    table = alt.data_table(fig, lang)  # the data view: the truth's rows are the truth
    rows = table[table.iloc[:, 0] == truth.name]
    assert rows.iloc[1:, 2].tolist() == pytest.approx(result.truth)
    assert truth.name in alt.describe(fig, lang)
