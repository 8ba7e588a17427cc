"""rnnlab.plots.hidden: the figures show the data they are given, and follow the step."""

import numpy as np
import pytest

from rnnlab import hidden as hd
from rnnlab.data import noisy_sine
from rnnlab.plots import hidden as ph
from rnnlab.plots.style import FONT_SIZE


def _figures(cell="LSTM", units=6, length=30, lang="en"):
    settings = hd.Settings(cell=cell, units=units)
    inp = hd.make_input(noisy_sine(), "series", length=length)
    forward = hd.run(hd.build_network(settings), inp.x)
    data = hd.step_data(settings, inp, forward)
    return ph.StepFigures(data, lang), data


def _cursor_x(fig):
    return [(s.x0 + s.x1) / 2 for s in fig.layout.shapes if s.name == "cursor"]


@pytest.mark.parametrize("cell,expected", [
    ("SimpleRNN", {"input", "heatmap", "lines", "pca"}),
    ("LSTM", {"input", "heatmap", "lines", "pca", "gate_bars", "gate_maps", "cell_state"}),
    ("GRU", {"input", "heatmap", "lines", "pca", "gate_bars", "gate_maps"}),
])
def test_each_cell_gets_its_figures(cell, expected):
    figs, _ = _figures(cell)
    assert set(figs.at(1)) == expected


def test_moving_the_step_moves_every_cursor_and_the_step_data():
    figs, data = _figures("LSTM", units=6, length=30)
    for t in (1, 7, 30):
        out = figs.at(t)
        for name in ("input", "heatmap", "lines", "cell_state"):
            assert _cursor_x(out[name]) == [t]
        assert _cursor_x(out["gate_maps"]) == [t] * 4
        # the prediction so far: the readout at steps 1..t, drawn at the steps it predicts
        pred = out["input"].data[1]
        np.testing.assert_array_equal(pred.x, np.arange(2, t + 2))
        np.testing.assert_allclose(pred.y, data.prediction[:t])
        assert list(out["input"].data[2].y) == [data.x[t - 1]]
        # the neurons' current values and the gates at t
        np.testing.assert_allclose(out["lines"].data[-1].y, data.hidden[t - 1])
        for trace, name in zip(out["gate_bars"].data, data.gates, strict=True):
            np.testing.assert_allclose(trace.y, data.gates[name][t - 1])
            np.testing.assert_allclose(trace.marker.color, data.gates[name][t - 1])
        assert f"t = {t}" in out["gate_bars"].layout.title.text
        pca = out["pca"]
        np.testing.assert_allclose(pca.data[1].x, data.pca[:t, 0])
        np.testing.assert_allclose([pca.data[2].x[0], pca.data[2].y[0]], data.pca[t - 1])


def test_step_is_clamped():
    figs, _ = _figures("GRU", length=10)
    assert _cursor_x(figs.at(99)["heatmap"]) == [10]
    assert _cursor_x(figs.at(-3)["heatmap"]) == [1]


def test_heatmaps_show_the_states_with_readable_scales():
    figs, data = _figures("LSTM", units=5)
    heat = figs.at(1)["heatmap"]
    np.testing.assert_allclose(np.asarray(heat.data[0].z), data.hidden.T)
    assert heat.data[0].zmid == 0 and heat.data[0].zmin == -1 and heat.data[0].zmax == 1
    assert heat.data[0].colorbar.title.text == "h"
    maps = figs.at(1)["gate_maps"]
    assert maps.layout.coloraxis.cmin == 0 and maps.layout.coloraxis.cmax == 1  # gates: [0, 1]
    assert maps.layout.coloraxis2.cmid == 0  # candidate: diverging, centred
    assert maps.layout.coloraxis.colorbar.title.text and maps.layout.coloraxis2.colorbar.title.text
    for fig in figs.at(1).values():
        assert fig.layout.font.size >= FONT_SIZE


def test_relu_states_get_a_colour_range_that_fits_them():
    settings = hd.Settings(cell="SimpleRNN", units=4, activation="relu")
    inp = hd.make_input(np.arange(30.0) * 10, "series", length=30)
    forward = hd.run(hd.build_network(settings), inp.x * 50)  # large inputs, large relu states
    data = hd.step_data(settings, inp, forward)
    heat = ph.StepFigures(data, "en").at(1)["heatmap"]
    assert heat.data[0].zmax >= data.hidden.max() > 1


def test_legend_only_when_it_fits():
    few, _ = _figures("SimpleRNN", units=4)
    many, _ = _figures("SimpleRNN", units=32)
    assert sum(bool(t.showlegend) for t in few.at(1)["lines"].data) == 4
    assert not any(t.showlegend for t in many.at(1)["lines"].data)


def test_titles_follow_the_language():
    es, _ = _figures("SimpleRNN", lang="es")
    en, _ = _figures("SimpleRNN", lang="en")
    assert es.at(1)["heatmap"].layout.title.text.startswith("Estado oculto")
    assert en.at(1)["heatmap"].layout.title.text.startswith("Hidden state")


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
