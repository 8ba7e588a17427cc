"""The figures of vote twice (both rounds) and of the class board."""

from __future__ import annotations

import numpy as np

from rnnlab.activities import board as bd
from rnnlab.plots.board import board_figure
from rnnlab.plots.peer import rounds_bars, rounds_histogram, shared_bins
from rnnlab.training import TrainConfig


def test_both_rounds_share_one_set_of_bins_holding_every_answer_and_the_truth():
    first, second, truth = [0.1, 0.2, 0.2, 0.9], [0.5, 0.55, 0.6, 0.62], 1.4
    edges, c1, c2 = shared_bins(first, second, truth)
    assert edges[0] < 0.1 and edges[-1] > 1.4
    assert list(c1) == list(np.histogram(first, bins=edges)[0]) and c1.sum() == 4
    assert list(c2) == list(np.histogram(second, bins=edges)[0]) and c2.sum() == 4
    fig = rounds_histogram(edges, c1, c2, truth, "es")
    names = [trace.name for trace in fig.data]
    assert names == ["Ronda 1", "Ronda 2", "Valor verdadero (1,4)"]
    assert fig.data[1].marker.pattern.shape == "/"  # round two told apart without colour
    assert fig.layout.separators == ",."


def test_rounds_bars_mark_the_right_option():
    fig = rounds_bars(["a<b", "GRU"], [3, 1], [1, 3], 1, "en")
    assert list(fig.data[0].x) == ["a&lt;b", "GRU ✓"]  # shown as typed
    assert list(fig.data[0].y) == [3, 1] and list(fig.data[1].y) == [1, 3]
    assert fig.layout.barmode == "group"


def _entry(k: int, units: int, seed: int, mase: float, persistence: float = 1.0, seasonal=None) -> bd.Entry:
    settings = {n: v for n, v in TrainConfig(units=units, seed=seed).__dict__.items() if n in bd.SETTINGS}
    return bd.Entry(f"{k:012x}", k, "train", settings, mase, persistence, seasonal, 12, 2.0, 20, "s",
                    "0123456789abcdef")


def test_board_rows_are_the_ranked_groups_with_their_spread_and_the_yardsticks():
    entries = [_entry(0, 32, 1, 0.9), _entry(1, 32, 2, 0.5), _entry(2, 32, 3, 1.3), _entry(3, 64, 1, 0.8, 1.2),
               _entry(4, 64, 2, 0.7, 0.8, 0.6)]
    groups = bd.groups(entries)
    fig = board_figure(groups, ["first", "second"], "en")
    spread = fig.data[0]
    assert list(spread.x) == [0.7, 0.8, None, 0.5, 1.3, None] and list(spread.y) == [0, 0, None, 1, 1, None]
    dots = [t for t in fig.data if t.name == "LSTM"][0]
    assert sorted(dots.x) == [0.5, 0.7, 0.8, 0.9, 1.3] and len(dots.customdata) == 5
    median = [t for t in fig.data if t.name == "Group median"][0]
    assert list(median.x) == [0.75, 0.9]
    persistence = [t for t in fig.data if t.name.startswith("Persistence")][0]
    assert persistence.name == "Persistence (1)" and list(persistence.x) == [1.0, 1.0]  # the median of 5 posts
    seasonal = [t for t in fig.data if t.name.startswith("Seasonal naive")][0]
    assert list(seasonal.x) == [0.6, 0.6]  # only one post knew it
    assert list(fig.layout.yaxis.ticktext) == ["first", "second"]
