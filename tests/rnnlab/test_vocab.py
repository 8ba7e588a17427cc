"""One vocabulary: the cells, their gates and symbols, the same on every page; one palette."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab import training
from rnnlab.declarations import vocab
from rnnlab.pages import concepts, hidden, stage
from rnnlab.plots.backtest import forecast_bands
from rnnlab.plots.style import CELL_COLORS
from rnnlab.scratch import cells


def test_engine_keras_and_pages_use_the_same_names():
    assert vocab.CELLS == training.CELLS == hidden.CELLS
    assert vocab.ACTIVATIONS == training.ACTIVATIONS == cells.ACTIVATIONS
    assert vocab.OPTIMIZERS == training.OPTIMIZERS and set(vocab.OPTIMIZER_NAMES) == set(vocab.OPTIMIZERS)
    for cell in ("LSTM", "GRU"):
        assert cells.CELLS[cell].gate_names == vocab.gate_names(cell) == hidden.GATE_NAMES[cell]
    assert set(CELL_COLORS) == set(vocab.CELLS + vocab.MODERN_CELLS)
    assert training.TRAIN_CELLS == vocab.CELLS + vocab.MODERN_CELLS == hidden.STAGE_CELLS


@pytest.mark.parametrize("cell", ["LSTM", "GRU"])
def test_every_page_writes_a_gate_with_the_concepts_symbol(cell):
    equations = " ".join(concepts.EQUATIONS[cell.lower()])
    for gate in vocab.GATES[cell]:
        assert gate.tex in equations or gate.tex.replace("{h}", "h") in equations, gate
        assert stage.gate_symbol(cell, gate.name) == gate.symbol


def test_the_lstm_candidate_is_g_t_in_the_step_arithmetic():
    settings = hidden.Settings(cell="LSTM", units=3, activation="tanh", seed=0, source="toy",
                               length=5, start=0)
    network = hidden.build_network(settings)
    inp = hidden.make_input(hidden.TOY, "toy", 5, 0, None)
    forward = hidden.forward_pass(network, inp.x)
    layer = network.layers[0]
    ar = hidden.step_arithmetic("LSTM", layer.params, inp.x, forward.hidden, 2, 0, "tanh",
                                forward.cell_state)
    text = hidden.state_latex(ar, "tanh") + hidden.block_latex(ar.block("candidate"), "LSTM", 0)
    assert "g_t" in text and r"\tilde{c}" not in text


def test_a_backtest_draws_the_network_in_its_cells_colour():
    values = np.sin(np.arange(60.0))
    widths = {0.8: np.ones(5), 0.95: 2 * np.ones(5)}
    fig = forecast_bands(values, 50, values[50:55], widths, np.zeros(5), widths, "en",
                         color=CELL_COLORS["GRU"])
    assert [tr.line.color for tr in fig.data if tr.mode == "lines+markers"] == [CELL_COLORS["GRU"]] * 2
