"""rnnlab.plots.hidden: the figures show the data they are given."""

import numpy as np

from rnnlab.data import noisy_sine
from rnnlab.pages import hidden as hd
from rnnlab.plots import hidden as ph
from rnnlab.plots.style import FONT_SIZE


def _hidden(cell="SimpleRNN", units=6, length=30):
    settings = hd.Settings(cell=cell, units=units)
    inp = hd.make_input(noisy_sine(), "series", length=length)
    return hd.forward_pass(hd.build_network(settings), inp.x).hidden


def test_lines_figure_draws_one_line_per_neuron():
    hidden = _hidden(units=6, length=30)
    fig = ph.lines_figure(hidden, "en")
    assert len(fig.data) == 6
    for j, trace in enumerate(fig.data):
        np.testing.assert_allclose(trace.y, hidden[:, j])
        np.testing.assert_array_equal(trace.x, np.arange(1, 31))
    assert fig.layout.font.size >= FONT_SIZE


def test_legend_only_when_it_fits():
    few = ph.lines_figure(_hidden(units=4), "en")
    many = ph.lines_figure(_hidden(units=32), "en")
    assert sum(bool(t.showlegend) for t in few.data) == 4
    assert not any(t.showlegend for t in many.data)


def test_titles_follow_the_language():
    hidden = _hidden()
    assert ph.lines_figure(hidden, "es").layout.title.text.startswith("Evolución")
    assert ph.lines_figure(hidden, "en").layout.title.text.startswith("Evolution")
    assert ph.lines_figure(hidden, "es").data[0].name == "Neurona 1"


def test_gradient_figure_one_log_panel_per_cell_zeros_as_gaps():
    profiles = {"SimpleRNN": np.array([4.0, 0.5, 0.0]), "LSTM": np.ones(3), "GRU": np.ones(3)}
    fig = ph.gradient_figure(profiles, "en")
    assert [t.name for t in fig.data] == ["SimpleRNN", "LSTM", "GRU"]
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis3.type == "log"
    y = np.asarray(fig.data[0].y, dtype=float)
    assert y[1] == 0.5 and np.isnan(y[2])


def test_memory_and_loss_figures():
    fig = ph.memory_figure({"LSTM": np.array([1e-3, 1e-4]), "GRU": np.array([2e-3, 0.0])}, "es")
    assert [t.name for t in fig.data] == ["LSTM", "GRU"]
    # memory_probe's index k = 0 is the last input: the axis starts at 0, not 1.
    np.testing.assert_array_equal(fig.data[0].x, [0, 1])
    assert fig.layout.separators == ",."
    loss = ph.loss_figure([1.0, 0.5, 0.25], "en", epochs=10)
    np.testing.assert_allclose(loss.data[0].y, [1.0, 0.5, 0.25])
    assert tuple(loss.layout.xaxis.range) == (0.5, 10.5)
