"""AppTest of the Hidden states page: every cell, the stage's payload, the settled step, training,
Keras check, bad input. (Stepping and playing happen in the browser: tests/browser/test_hidden.py.)"""

import numpy as np
import pytest

from rnnlab.data import Series
from rnnlab.i18n import t
from rnnlab.pages import hidden as hd
from rnnlab.pages import stage
from ui.session.state import session_of

PAGE = "views/hidden_states.py"


def _spec(at, key):
    import json

    for el in at.get("plotly_chart"):
        if el.proto.id.endswith(key):
            return json.loads(el.proto.spec)
    raise AssertionError(f"no chart {key}")


def _payload(at):
    """What the stage got from the server (the component's data)."""
    import json

    (found,) = [el for el in at.get("bidi_component") if el.proto.component_name == "rnnlab_stage"]
    return json.loads(found.proto.json)


@pytest.fixture
def _run(app_test):
    def _run(**state):
        state.setdefault("_sync_training", True)  # "Train with BPTT" in the script thread
        for fold in ("hidden_math", "hidden_grads", "hidden_lines"):  # folded, drawn only when open: opened
            state.setdefault(fold, True)
        at = app_test(PAGE, **state).run()
        assert not at.exception, at.exception
        return at
    return _run


@pytest.mark.parametrize("cell,gates", [
    ("SimpleRNN", []),
    ("LSTM", ["input", "forget", "candidate", "output"]),
    ("GRU", ["update", "reset", "candidate"]),
])
def test_page_runs_for_each_cell(_run, texts, cell, gates):
    at = _run(hidden_cell=cell)
    keys = {el.proto.id.split("-hidden_fig_")[-1] for el in at.get("plotly_chart")}
    assert keys == {"lines", "gradients", "memory"}  # the step-synced charts are the stage's
    payload = _payload(at)
    assert payload["cell"] == cell and (payload["T"], payload["H"]) == (50, 8)
    assert [g["name"] for g in payload["gates"]] == gates
    assert (payload["c"] is not None) == (cell == "LSTM")
    assert payload["text"]["play"] == "Play" and payload["start"] == 1
    assert "at step t = 1" in texts(at)
    assert at.latex  # the step's arithmetic


def test_the_arithmetic_follows_the_settled_step_and_the_stage_is_not_resent(_run, texts):
    at = _run()
    first = _payload(at)
    at.session_state["hidden_t"] = 20  # what the stage's on_step callback stores when it settles
    at.run()
    assert not at.exception
    assert "Neuron 1 at step t = 20" in texts(at)
    view = at.session_state["hidden_view"]
    ar = hd.step_arithmetic("LSTM", view["network"].layers[0].params, view["inp"].x,
                            view["forward"].hidden, 19, 0, "tanh", view["forward"].cell_state)
    assert f"{ar.h:.6f}" in texts(at)
    # the payload did not change: Streamlit sends a reference to it, not the trace again
    assert _payload(at) == first
    at.session_state["hidden_t"] = 999  # out of range (a hand-edited link): clamped
    at.run()
    assert "at step t = 50" in texts(at)


def test_the_terms_table_lists_every_product_written_the_readers_way(_run):
    at = _run(lang="es", hidden_cell="GRU", hidden_units=6, hidden_t=9)
    view = at.session_state["hidden_view"]
    ar = hd.step_arithmetic("GRU", view["network"].layers[0].params, view["inp"].x,
                            view["forward"].hidden, 8, 0, "tanh", view["forward"].cell_state)
    tables = [m.value for m in at.markdown if m.value.startswith("| k |")]
    assert len(tables) == len(ar.blocks)  # one per block (tab): update, reset, candidate
    rows = tables[0].splitlines()[2:]
    terms = hd.recurrent_terms(ar, ar.blocks[0].name)
    assert len(rows) == 6
    k, h, w, product = (cell.strip() for cell in rows[2].strip("|").split("|"))
    assert k == "3" and "," in product and "." not in product  # 0,1234: the Spanish way
    assert float(product.replace(",", ".")) == pytest.approx(terms["product"][2], abs=5e-5)
    assert float(h.replace(",", ".")) * float(w.replace(",", ".")) == pytest.approx(
        terms["product"][2], abs=1e-3)


def test_a_new_network_opens_the_stage_at_the_current_step(_run):
    at = _run(hidden_t=12)
    assert _payload(at)["start"] == 12
    at.slider(key="hidden_units").set_value(5).run()
    payload = _payload(at)
    assert payload["H"] == 5 and payload["start"] == 12


def test_teacher_task_hides_the_future_by_default(_run):
    assert _payload(_run())["hide_future"] is False
    at = _run(_teacher={"hide": (), "task": "forget_peak"})
    assert _payload(at)["hide_future"] is True


def test_training_lowers_the_loss_and_the_toggle_compares(_run, texts):
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
def test_verify_against_keras_shows_a_tiny_difference(_run):
    at = _run(hidden_cell="LSTM", hidden_units=4)
    at.button(key="hidden_verify").click().run()
    assert not at.exception
    diff = at.session_state["hidden_view"]["verify"]
    assert diff < 1e-5
    assert at.success and "agree" in at.success[0].value


def test_toy_sequence_in_spanish(app_test, texts):
    at = app_test(PAGE, lang="es", hidden_source="toy", hidden_cell="SimpleRNN").run()
    assert not at.exception
    assert "1, 2, 3, 4, 5" in texts(at)
    payload = _payload(at)
    np.testing.assert_array_equal(payload["x"], [1, 2, 3, 4, 5])
    assert payload["text"]["play"] == "Reproducir" and "de {T}" in payload["text"]["status"]


def test_a_series_too_short_falls_back_to_the_toy_with_a_message(_run):
    at = _run(series=Series(np.array([3.0]), name="one"), series_range=(0, 1, 1))
    assert any("at least 2" in w.value for w in at.warning)
    np.testing.assert_array_equal(_payload(at)["x"], [1, 2, 3, 4, 5])


def test_units_and_window_change_the_stage(_run):
    at = _run(hidden_cell="SimpleRNN")
    at.slider(key="hidden_units").set_value(12).run()
    at.slider(key="hidden_length").set_value(80).run()
    assert not at.exception
    payload = _payload(at)
    assert (payload["T"], payload["H"]) == (80, 12)
    np.testing.assert_allclose(stage.unpack(payload["h"]), at.session_state["hidden_view"]["forward"].hidden,
                               atol=1e-4)


def test_gradient_sliders_redraw_the_probe(_run, decode):
    at = _run()
    before = decode(_spec(at, "hidden_fig_gradients")["data"][1]["y"])  # SimpleRNN, untrained
    at.select_slider(key="hidden_grad_radius").set_value(1.5).run()
    at.slider(key="hidden_grad_length").set_value(30).run()
    after = decode(_spec(at, "hidden_fig_gradients")["data"][1]["y"])
    assert len(after) == 30 and len(before) == 50
    assert after[-1] > before[29]  # a larger radius: gradients reach further back


@pytest.fixture
def _memory_y(decode):
    def _memory_y(at, key="hidden_fig_memory"):
        return {tr["name"]: decode(tr["y"]) for tr in _spec(at, key)["data"]}
    return _memory_y


def test_memory_probe_follows_the_scaler_and_the_split(_memory_y, _run, decode):
    """The probe's charts depend on the scaler and the split: changing them redraws them."""
    from ui.session.state import SplitSettings

    at = _run()
    before = _memory_y(at)
    assert _spec(at, "hidden_fig_memory")["data"][0]["x"] is not None
    x_axis = decode(_spec(at, "hidden_fig_memory")["data"][0]["x"])
    assert x_axis[0] == 0  # k = 0 is the last input
    session_of(at.session_state).split = SplitSettings(scaler="standard")
    at.run()
    assert not at.exception
    after = _memory_y(at)
    assert any(not np.allclose(before[name], after[name], equal_nan=True) for name in before)
    session_of(at.session_state).split = SplitSettings(val_fraction=0.1, test_fraction=0.1)
    at.run()
    assert any(not np.allclose(after[name], value, equal_nan=True)
               for name, value in _memory_y(at).items())


def test_trained_networks_gradient_profile_beside_the_untrained_one(_run, decode, texts):
    from rnnlab.pages import hidden as hd
    from rnnlab.scratch.analysis import jacobian_norms

    at = _run(hidden_cell="LSTM", hidden_epochs=10)
    assert "Train the network above to see its trained profile" in texts(at)
    at.button(key="hidden_train").click().run()
    assert not at.exception
    spec = _spec(at, "hidden_fig_trained_gradients")
    assert [tr["name"] for tr in spec["data"]] == ["untrained", "trained"]
    nets = at.session_state["hidden_nets"]
    values = session_of(at.session_state).series.values
    n = at.slider(key="hidden_grad_length").value
    scaler = hd.fit_scaler(values)  # the Data page's default split and min-max scaler
    x = hd.make_input(values, "series", n, 0, scaler).x.reshape(-1, 1)
    expected = jacobian_norms(nets["trained"].layers[0], x)[::-1]
    np.testing.assert_allclose(decode(spec["data"][1]["y"]), expected, rtol=1e-9)
    assert not np.allclose(decode(spec["data"][0]["y"]), expected)
    assert "before and after training" in texts(at)


def test_choosing_the_notebook_sequence_brings_the_notebooks_network(_run, texts):
    """Issue 26, item 5: the notebook prints 0.0336 for 1..5; the page showed -1.625."""
    at = _run()
    at.selectbox(key="hidden_source").set_value("toy").run()
    assert not at.exception
    assert (at.session_state["hidden_cell"], at.session_state["hidden_units"],
            at.session_state["hidden_activation"], at.session_state["hidden_seed"]) == ("SimpleRNN", 10, "tanh", 42)
    payload = _payload(at)
    assert payload["pred_text"][-1] == "0.03359"
    assert f"{at.session_state['hidden_view']['forward'].prediction[-1]:.4f}" == "0.0336"
    assert "randn × 0.1" in texts(at)
    # the cell can be changed afterwards: the notebook's sequence keeps it
    at.session_state["hidden_cell"] = "GRU"
    at.run()
    assert not at.exception and _payload(at)["cell"] == "GRU"


LONG = np.sin(np.linspace(0, 3000, 200_000))  # a long upload (issue 27: ~500 MB per tab)


def _long(**state):
    return {"series": Series(LONG, name="long"), "series_range": (0, len(LONG), 1), **state}


def test_a_training_above_the_limit_is_refused_with_what_to_change(_run, monkeypatch):
    """Issue 27, item 1: an estimate is shown and a training over the limit does not start."""
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "20")
    at = _run(**_long(hidden_cell="LSTM", hidden_units=64, hidden_epochs=300))
    (warning,) = [w.value for w in at.warning if "would take about" in w.value]
    assert "fewer epochs (about" in warning and "more than the 20 s" in warning
    assert at.button(key="hidden_train").disabled
    assert at.session_state["hidden_nets"]["result"] is None
    assert "hidden_job" not in at.session_state
    at.number_input(key="hidden_epochs").set_value(5).run()  # lighter: allowed, with its estimate
    assert not at.button(key="hidden_train").disabled
    assert any("Estimated time: about" in c.value and "(limit 20 s)" in c.value for c in at.caption)


def test_a_long_series_trains_on_the_capped_windows_and_says_so(_run, texts):
    at = _run(**_long(hidden_cell="SimpleRNN", hidden_units=4, hidden_epochs=5))
    assert "Trains on the last 1,000 windows of 20 steps of the training part's 119,980" in texts(at)
    at.button(key="hidden_train").click().run()
    assert not at.exception
    job = at.session_state["hidden_job"]
    assert job.data.windows == hd.MAX_TRAIN_WINDOWS and job.data.values.nbytes < 10_000
    assert at.session_state["hidden_nets"]["result"].epochs == 5


def test_stop_ends_a_running_training_and_keeps_what_it_learnt(_run):
    import time

    at = _run(**_long(hidden_cell="LSTM", hidden_units=32, hidden_epochs=300, _sync_training=False))
    at.button(key="hidden_train").click().run()
    job = at.session_state["hidden_job"]
    deadline = time.monotonic() + 60
    while job.snapshot()["epoch"] < 1 and time.monotonic() < deadline:
        job.wait(0.1)
    assert job.running and job.snapshot()["epoch"] >= 1
    at.run()
    at.button(key="hidden_stop").click().run()
    assert job.wait(30), "Stop did not end the training"
    at.run()
    assert not at.exception
    result = at.session_state["hidden_nets"]["result"]
    assert result.status == "stopped" and 1 <= result.epochs < 300
    assert at.session_state["hidden_nets"]["trained"] is not None
    assert any("Stopped after epoch" in i.value for i in at.info)


def test_the_gradient_chart_shows_trained_and_untrained_profiles_trained_first(_run, decode, texts):
    """Issue 26, item 17: the picture tells the true story first (the caption's numbers are the
    figure's own)."""
    at = _run()
    spec = _spec(at, "hidden_fig_gradients")
    names = [tr["name"] for tr in spec["data"]]
    assert names == [f"{c}, {w}" for c in hd.CELLS for w in ("trained", "untrained")]
    values = session_of(at.session_state).series.values
    scaler = hd.fit_scaler(values)
    x = hd.make_input(values, "series", 50, 0, scaler).x
    data = hd.training_data(values, "series", scaler, max_windows=hd.PROBE_WINDOWS)
    both = hd.probe_gradients(x, 1.0, data)
    for k, cell in enumerate(hd.CELLS):
        np.testing.assert_allclose(decode(spec["data"][2 * k]["y"]), both["trained"][cell], rtol=1e-9)
        np.testing.assert_allclose(decode(spec["data"][2 * k + 1]["y"]), both["untrained"][cell], rtol=1e-9)
    ratio = both["trained"]["GRU"][10] / both["untrained"]["GRU"][10]
    assert f"GRU ×{ratio:.2g}" in texts(at)
    assert "trained and untrained" in spec["layout"]["title"]["text"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_arithmetic_and_the_gradients_fold_under_the_stage(_run, lang):
    # Issue 26 item 11: the page was 7.1 screens on a 390x844 phone. The stage stays open; one
    # step's arithmetic and the gradients through time open on demand, their contents drawn.
    # Closed, they cost nothing: their contents are drawn once opened (a class following a
    # lesson draws this page forty times per scene; the probes were most of it).
    at = _run(lang=lang, hidden_math=False, hidden_grads=False, hidden_lines=False)
    labels = [t("hidden.math_header", lang), t("hidden.grad_header", lang), t("hidden.fig.lines_title", lang)]
    assert not set(labels) & {h.value for h in [*at.header, *at.subheader]}
    folds = {e.label: e for e in at.expander if e.label in labels}
    assert set(folds) == set(labels) and not any(f.proto.expanded for f in folds.values())
    assert not folds[labels[0]].latex and not folds[labels[1]].get("plotly_chart")
    assert not folds[labels[2]].get("plotly_chart")
    memo = at.session_state["_figures"] if "_figures" in at.session_state else {}  # noqa: SIM401 - no .get on AppTest state
    assert not {"hidden_gradients", "hidden_memory"} & set(memo)  # the probes never ran
    at.session_state["hidden_math"] = True  # what a click on the fold's title sends
    at.session_state["hidden_grads"] = True
    at.session_state["hidden_lines"] = True
    at.run()
    assert not at.exception, at.exception
    folds = {e.label: e for e in at.expander if e.label in labels}
    assert all(f.proto.expanded for f in folds.values())
    assert folds[labels[0]].latex and folds[labels[0]].number_input(key="hidden_unit")
    assert len(folds[labels[1]].get("plotly_chart")) >= 2  # gradients and memory, drawn inside
    assert len(folds[labels[2]].get("plotly_chart")) == 1  # every hidden state over time


def test_a_unit_set_while_its_fold_is_closed_is_there_when_it_opens(_run):
    # The arithmetic's fold is drawn only while open; a unit set by a link or a lesson scene
    # meanwhile is kept (the widget keeps its state across runs that do not draw it).
    at = _run(hidden_math=False, hidden_unit=3)
    at.run()  # a second run without the widget
    at.session_state["hidden_math"] = True
    at.run()
    assert not at.exception, at.exception
    assert at.number_input(key="hidden_unit").value == 3
    assert at.latex  # and its arithmetic is drawn
