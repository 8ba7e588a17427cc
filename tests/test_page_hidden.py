"""AppTest of the Hidden states page: every cell, stepping, training, Keras check, bad input."""

import numpy as np
import pytest

from rnnlab.data import Series
from tests.helpers import decode, page, texts

PAGE = "pages/hidden_states.py"


def _spec(at, key):
    import json

    for el in at.get("plotly_chart"):
        if el.proto.id.endswith(key):
            return json.loads(el.proto.spec)
    raise AssertionError(f"no chart {key}")


def _cursor(at, key):
    shapes = [s for s in _spec(at, key)["layout"]["shapes"] if s.get("name") == "cursor"]
    return [(s["x0"] + s["x1"]) / 2 for s in shapes]


def _run(**state):
    at = page(PAGE, **state).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("cell,charts", [
    ("SimpleRNN", {"input", "pca", "heatmap", "lines"}),
    ("LSTM", {"input", "pca", "heatmap", "lines", "gate_bars", "gate_maps", "cell"}),
    ("GRU", {"input", "pca", "heatmap", "lines", "gate_bars", "gate_maps"}),
])
def test_page_runs_for_each_cell(cell, charts):
    at = _run(hidden_cell=cell)
    keys = {el.proto.id.split("-hidden_fig_")[-1] for el in at.get("plotly_chart")}
    assert keys == charts | {"gradients", "memory"}
    assert "t = 1" in texts(at)
    assert at.latex  # the step's arithmetic


def test_moving_the_step_moves_the_cursors():
    at = _run()
    assert _cursor(at, "hidden_fig_heatmap") == [1]
    at.button(key="hidden_next").click().run()
    at.button(key="hidden_next").click().run()
    assert not at.exception
    assert _cursor(at, "hidden_fig_heatmap") == [3]
    assert _cursor(at, "hidden_fig_gate_maps") == [3] * 4
    prediction = _spec(at, "hidden_fig_input")["data"][1]
    np.testing.assert_array_equal(decode(prediction["x"]), [2, 3, 4])
    at.slider(key="hidden_step").set_value(20).run()
    assert _cursor(at, "hidden_fig_input") == [20]
    at.button(key="hidden_prev").click().run()
    assert _cursor(at, "hidden_fig_lines") == [19]
    assert "t = 19" in texts(at)


def test_play_advances_and_pause_stops():
    at = _run()
    at.button(key="hidden_play").click().run()
    assert at.session_state["hidden_playing"]
    assert at.button(key="hidden_pause")  # the button now pauses
    at.button(key="hidden_pause").click().run()
    assert not at.session_state["hidden_playing"]
    assert at.session_state["hidden_t"] >= 2  # at least one tick happened while playing


def test_training_lowers_the_loss_and_the_toggle_compares():
    at = _run(hidden_cell="GRU", hidden_epochs=30)
    before = at.session_state["hidden_view"]["mse"]
    at.button(key="hidden_train").click().run()
    assert not at.exception
    result = at.session_state["hidden_nets"]["result"]
    assert result.history["loss"][-1] < result.history["loss"][0]
    assert at.success and "Trained" in at.success[0].value
    after = at.session_state["hidden_view"]["mse"]
    assert after < before
    assert "**trained**" in texts(at)
    at.toggle(key="hidden_show_trained").set_value(False).run()
    assert at.session_state["hidden_view"]["mse"] == pytest.approx(before)
    assert "**untrained**" in texts(at)


@pytest.mark.keras
def test_verify_against_keras_shows_a_tiny_difference():
    at = _run(hidden_cell="LSTM", hidden_units=4)
    at.button(key="hidden_verify").click().run()
    assert not at.exception
    diff = at.session_state["hidden_view"]["verify"]
    assert diff < 1e-5
    assert at.success and "agree" in at.success[0].value


def test_toy_sequence_in_spanish():
    at = page(PAGE, lang="es", hidden_source="toy", hidden_cell="SimpleRNN").run()
    assert not at.exception
    assert "1, 2, 3, 4, 5" in texts(at) and "de 5" in texts(at)
    x = decode(_spec(at, "hidden_fig_input")["data"][0]["y"])
    np.testing.assert_array_equal(x, [1, 2, 3, 4, 5])


def test_a_series_too_short_falls_back_to_the_toy_with_a_message():
    at = _run(series=Series(np.array([3.0]), name="one"), series_range=(0, 1, 1))
    assert any("at least 2" in w.value for w in at.warning)
    x = decode(_spec(at, "hidden_fig_input")["data"][0]["y"])
    np.testing.assert_array_equal(x, [1, 2, 3, 4, 5])


def test_units_and_window_change_the_figures():
    at = _run(hidden_cell="SimpleRNN")
    at.slider(key="hidden_units").set_value(12).run()
    at.slider(key="hidden_length").set_value(80).run()
    assert not at.exception
    z = decode(_spec(at, "hidden_fig_heatmap")["data"][0]["z"])
    assert z.shape == (12, 80)


def test_gradient_sliders_redraw_the_probe():
    at = _run()
    before = decode(_spec(at, "hidden_fig_gradients")["data"][0]["y"])
    at.select_slider(key="hidden_grad_radius").set_value(1.5).run()
    at.slider(key="hidden_grad_length").set_value(30).run()
    after = decode(_spec(at, "hidden_fig_gradients")["data"][0]["y"])
    assert len(after) == 30 and len(before) == 50
    assert after[-1] > before[29]  # a larger radius: gradients reach further back


def _memory_y(at, key="hidden_fig_memory"):
    return {tr["name"]: decode(tr["y"]) for tr in _spec(at, key)["data"]}


def test_memory_probe_follows_the_scaler_and_the_split():
    """The probe's charts depend on the scaler and the split: changing them redraws them."""
    from ui.state import SplitSettings

    at = _run()
    before = _memory_y(at)
    assert _spec(at, "hidden_fig_memory")["data"][0]["x"] is not None
    x_axis = decode(_spec(at, "hidden_fig_memory")["data"][0]["x"])
    assert x_axis[0] == 0  # k = 0 is the last input
    at.session_state["split"] = SplitSettings(scaler="standard")
    at.run()
    assert not at.exception
    after = _memory_y(at)
    assert any(not np.allclose(before[name], after[name], equal_nan=True) for name in before)
    at.session_state["split"] = SplitSettings(val_fraction=0.1, test_fraction=0.1)
    at.run()
    assert any(not np.allclose(after[name], value, equal_nan=True)
               for name, value in _memory_y(at).items())


def test_trained_networks_gradient_profile_beside_the_untrained_one():
    from rnnlab import hidden as hd
    from rnnlab.scratch.analysis import jacobian_norms

    at = _run(hidden_cell="LSTM", hidden_epochs=10)
    assert "Train the network above to see its trained profile" in texts(at)
    at.button(key="hidden_train").click().run()
    assert not at.exception
    spec = _spec(at, "hidden_fig_trained_gradients")
    assert [tr["name"] for tr in spec["data"]] == ["untrained", "trained"]
    nets = at.session_state["hidden_nets"]
    values = at.session_state["series"].values
    n = at.slider(key="hidden_grad_length").value
    scaler = hd.fit_scaler(values)  # the Data page's default split and min-max scaler
    x = hd.make_input(values, "series", n, 0, scaler).x.reshape(-1, 1)
    expected = jacobian_norms(nets["trained"].layers[0], x)[::-1]
    np.testing.assert_allclose(decode(spec["data"][1]["y"]), expected, rtol=1e-9)
    assert not np.allclose(decode(spec["data"][0]["y"]), expected)
    assert "before and after training" in texts(at)
