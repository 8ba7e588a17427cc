"""The Compare page's figures: the right curves, one fixed colour per run, readable text."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from rnnlab.plots import compare as plots
from rnnlab.plots.style import (
    CELL_COLORS,
    CELL_DASHES,
    CELL_MARKERS,
    FONT_SIZE,
    RUN_PALETTE,
    SERIES_COLOR,
)
from tests.rnnlab.test_compare import three_runs

# What a page passes: run_id -> colour. A run of a cell is drawn in its cell's colour whatever
# this says (an older session may hold colours given by run order).
COLORS = {"a": "#111111", "b": "#222222", "c": "#333333"}
CELL_OF = {"SimpleRNN 32": "SimpleRNN", "LSTM 32": "LSTM", "GRU 32": "GRU"}
NAMES = ["SimpleRNN 32", "LSTM 32", "GRU 32"]


def _by_name(fig, name):
    return [tr for tr in fig.data if tr.name == name]


def _readable(fig):
    assert fig.layout.font.size >= FONT_SIZE
    assert fig.layout.title.font.size >= FONT_SIZE
    legend = fig.layout.legend.font.size
    assert legend is None or legend >= FONT_SIZE


def test_loss_figure_train_solid_val_dashed_same_colour_per_run():
    runs = three_runs()
    fig = plots.loss_figure(runs, COLORS, "en")
    for run in runs:
        train, val = _by_name(fig, run.name)
        assert train.line.color == val.line.color == CELL_COLORS[run.config.cell]
        assert train.marker.symbol == val.marker.symbol == CELL_MARKERS[run.config.cell]
        assert train.line.dash in (None, "solid") and val.line.dash == "dash"
        assert list(train.y) == pytest.approx(run.history["loss"])
        assert list(val.y) == pytest.approx(run.history["val_loss"])
        assert list(train.x) == list(range(1, len(run.history["loss"]) + 1))
        assert train.showlegend is not False and val.showlegend is False  # one legend entry per run
    assert len(fig.data) == 2 * len(runs)
    assert fig.layout.title.subtitle.text == "—— training · - - - validation"
    assert fig.layout.yaxis.type == "linear"
    _readable(fig)


def test_loss_figure_log_scale_and_spanish_text():
    fig = plots.loss_figure(three_runs(), COLORS, "es", log=True)
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "Pérdida por época (MSE)"
    assert "log" in fig.layout.yaxis.title.text
    assert fig.layout.title.subtitle.text == "—— entrenamiento · - - - validación"


def test_mae_can_be_log():
    assert plots.val_mae_figure(three_runs(), COLORS, "en", log=True).layout.yaxis.type == "log"


def test_val_mae_figure_one_line_per_run():
    runs = three_runs()
    fig = plots.val_mae_figure(runs, COLORS, "en")
    assert [tr.name for tr in fig.data] == NAMES
    for tr, run in zip(fig.data, runs, strict=True):
        assert (tr.line.color, tr.line.dash) == (CELL_COLORS[run.config.cell], CELL_DASHES[run.config.cell])
        assert list(tr.y) == pytest.approx(run.history["val_mae"])
    _readable(fig)


def test_predictions_figure_truth_then_each_run_on_the_test_positions():
    runs = three_runs()
    fig = plots.predictions_figure(runs, COLORS, "en")
    truth, *preds = fig.data
    assert truth.name == "truth" and truth.line.color == SERIES_COLOR
    np.testing.assert_allclose(truth.y, runs[0].targets["test"])
    np.testing.assert_array_equal(truth.x, runs[0].target_index["test"])
    for tr, run in zip(preds, runs, strict=True):
        assert tr.name == run.name and tr.line.color == CELL_COLORS[run.config.cell]
        np.testing.assert_allclose(tr.y, run.predictions["test"])
    _readable(fig)


def test_params_figure_bars_with_their_counts():
    runs = three_runs()
    fig = plots.params_figure(runs, COLORS, "en")
    (bar,) = fig.data
    assert bar.orientation == "h"
    assert list(bar.y) == NAMES and list(bar.x) == [1121, 4385, 3393]
    assert list(bar.marker.color) == [CELL_COLORS[run.config.cell] for run in runs]
    assert list(bar.text) == ["1,121", "4,385", "3,393"]
    assert fig.layout.separators == ".,"
    spanish = plots.params_figure(runs, COLORS, "es")
    assert list(spanish.data[0].text) == ["1.121", "4.385", "3.393"] and spanish.layout.separators == ",."
    assert fig.layout.xaxis.range[1] > 4385 * 1.1  # room beside the longest bar for its label
    assert fig.layout.yaxis.autorange == "reversed"  # first run on top, as in the table
    _readable(fig)


def test_time_figure_seconds_per_epoch_on_a_log_axis():
    runs = three_runs()
    fig = plots.time_figure(runs, COLORS, "en")
    assert fig.layout.yaxis.type == "log"
    for tr, run in zip(fig.data, runs, strict=True):
        assert list(tr.y) == pytest.approx(run.history["seconds"])


def test_runs_without_a_cell_get_palette_colours_and_empty_input_draws():
    runs = three_runs()
    for run in runs:
        run.config = None  # not a cell's run (a damaged or foreign record)
    fig = plots.val_mae_figure(runs, {}, "en")
    assert [tr.line.color for tr in fig.data] == RUN_PALETTE[:3]
    for build in (plots.loss_figure, plots.val_mae_figure, plots.predictions_figure,
                  plots.params_figure, plots.time_figure):
        build([], {}, "en").to_dict()  # nothing selected: an empty chart, not a crash


def test_epoch_axis_ticks_stay_readable_for_long_trainings():
    runs = three_runs()
    runs[0].history["loss"] = list(np.linspace(1, 0.1, 150))
    fig = plots.loss_figure(runs, COLORS, "en")
    assert fig.layout.xaxis.range[1] == pytest.approx(150.5)
    assert 150 / fig.layout.xaxis.dtick <= 12


def test_log_ticks_are_1_2_5_per_decade_and_cover_the_data():
    assert plots.log_ticks([0.03, 0.4]) == pytest.approx([0.02, 0.05, 0.1, 0.2, 0.5])
    assert plots.log_ticks([0.004, 2.5]) == pytest.approx(
        [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2])
    assert plots.log_ticks([0.0, float("nan"), None]) == []
    fig = plots.loss_figure(three_runs(), COLORS, "en", log=True)
    assert list(fig.layout.yaxis.ticktext) == [f"{v:g}" for v in fig.layout.yaxis.tickvals]
    losses = [v for r in three_runs() for v in r.history["loss"] + r.history["val_loss"]]
    assert min(fig.layout.yaxis.tickvals) <= min(losses) * 1.5
    assert max(fig.layout.yaxis.tickvals) >= max(losses) / 1.5


ALL_FIGURES = (plots.loss_figure, plots.val_mae_figure, plots.predictions_figure, plots.time_figure)


@pytest.mark.parametrize("build", ALL_FIGURES)
def test_a_cell_keeps_its_colour_dash_and_marker_whatever_the_run_order(build):
    # On the projector LSTM came out orange and GRU pink: its colour depended on the runs made
    # before. Now the cell decides, in every figure, in any order, with any colours map.
    runs = three_runs()
    for order in (runs, runs[::-1], [runs[2], runs[0], runs[1]]):
        fig = build(order, {r.run_id: c for r, c in zip(order, RUN_PALETTE[3:], strict=False)}, "en")
        for tr in fig.data:
            if tr.name not in CELL_OF:
                continue
            cell = CELL_OF[tr.name]
            assert tr.line.color == CELL_COLORS[cell], (build.__name__, tr.name)
            if tr.marker.symbol is not None:
                assert tr.marker.symbol == CELL_MARKERS[cell]
            if build is not plots.loss_figure:  # there the dash tells training from validation
                assert tr.line.dash == CELL_DASHES[cell]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("build", ALL_FIGURES)
def test_the_legend_is_above_the_plot_inside_the_figure(build, lang):
    # Compare put the legend at y=-0.22 of a container-referenced legend: under the figure's
    # own box, where nobody saw it. Now: under the title, above the plot, inside the figure.
    fig = build(three_runs(), COLORS, lang)
    legend, title = fig.layout.legend, fig.layout.title
    assert legend.yref == "container" and title.yref == "container"
    assert 0 < legend.y <= 1 and legend.yanchor == "top"
    title_px = (1 - legend.y) * fig.layout.height
    assert title_px >= 30 * (1 + (title.subtitle.text is not None))  # room for the title above it
    assert fig.layout.margin.t >= title_px - 0.5  # the plot starts below the title; Plotly adds the legend
    assert legend.orientation == "h" and (legend.font.size or FONT_SIZE) >= FONT_SIZE


def test_two_runs_of_one_cell_are_named_at_their_line_ends():
    runs = three_runs()
    twin = copy.deepcopy(runs[1])
    twin.run_id, twin.name = "d", "LSTM 32 (2)"
    fig = plots.val_mae_figure([*runs, twin], {}, "en")
    lstm = [tr for tr in fig.data if tr.name in ("LSTM 32", "LSTM 32 (2)")]
    assert [tr.line.color for tr in lstm] == [CELL_COLORS["LSTM"]] * 2
    assert [list(tr.text)[-1] for tr in lstm] == ["LSTM 32", "LSTM 32 (2)"]
    assert all(tr.text is None for tr in fig.data if tr.name in ("SimpleRNN 32", "GRU 32"))
