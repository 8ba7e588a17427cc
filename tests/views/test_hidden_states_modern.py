"""The Hidden states stage steps minGRU and minLSTM like the other cells (issue 25): gates z, or
f and i, the arithmetic of one unit with no h_{t-1} terms, training and the Keras check."""

import json

import numpy as np
import pytest

from rnnlab.i18n import t
from rnnlab.pages import hidden as hd
from rnnlab.scratch import MinGRU, MinLSTM

PAGE = "views/hidden_states.py"


def _payload(at):
    (found,) = [el for el in at.get("bidi_component") if el.proto.component_name == "rnnlab_stage"]
    return json.loads(found.proto.json)


@pytest.mark.parametrize("cell, gates", [("minGRU", ["update", "candidate"]),
                                         ("minLSTM", ["forget", "input", "candidate"])])
def test_the_stage_steps_the_minimal_cells(app_test, texts, cell, gates):
    at = app_test(PAGE, hidden_cell=cell, hidden_t=7, hidden_math=True).run()
    assert not at.exception
    payload = _payload(at)
    assert payload["cell"] == cell and [g["name"] for g in payload["gates"]] == gates
    assert payload["c"] is None  # no separate cell state
    shown = texts(at)
    assert t(f"hidden.explain_{cell.lower()}", "en") in shown
    assert t("hidden.math_no_recurrent", "en") in shown  # the gates read x_t only
    view = at.session_state["hidden_view"]
    layer = view["network"].layers[0]
    assert isinstance(layer, {"minGRU": MinGRU, "minLSTM": MinLSTM}[cell])
    # The shown h_t is recomputed from the weights; the engine's trace is the independent value.
    ar = hd.step_arithmetic(cell, layer.params, view["inp"].x, view["forward"].hidden, 6, 0, "tanh")
    assert abs(ar.h - view["forward"].hidden[6, 0]) <= 1e-12
    assert f"{ar.h:.6f}" in shown
    latex = "\n".join(el.value for el in at.latex)
    assert ("a_t &= 1 - z_t" in latex) if cell == "minGRU" else ("f'_t &= \\frac{f_t}{f_t + i_t}" in latex)


@pytest.mark.parametrize("cell", ["minGRU", "minLSTM"])
def test_step_arithmetic_of_every_unit_and_step_equals_the_engine(cell):
    settings = hd.Settings(cell=cell, units=5, seed=3)
    network = hd.build_network(settings)
    network.layers[0].params["b"][:] = np.random.default_rng(0).normal(size=network.layers[0].params["b"].shape)
    x = np.random.default_rng(1).normal(size=12)
    forward = hd.forward_pass(network, x)
    for step in range(12):
        for unit in range(5):
            ar = hd.step_arithmetic(cell, network.layers[0].params, x, forward.hidden, step, unit, "tanh")
            assert abs(ar.h - forward.hidden[step, unit]) <= 1e-12


def test_training_a_mingru_on_the_page_lowers_the_loss(app_test):
    at = app_test(PAGE, hidden_cell="minGRU", hidden_epochs=20, _sync_training=True).run()
    at.button(key="hidden_train").click().run()
    assert not at.exception
    loss = at.session_state["hidden_nets"]["result"].history["loss"]
    assert loss[-1] < loss[0]


@pytest.mark.keras
@pytest.mark.parametrize("cell", ["minGRU", "minLSTM"])
def test_verify_against_keras_for_the_minimal_cells(cell):
    settings = hd.Settings(cell=cell, units=4)
    network = hd.build_network(settings)
    x = np.random.default_rng(2).normal(size=15)
    forward = hd.forward_pass(network, x)
    assert hd.verify_against_keras(cell, network.layers[0].params, x, forward.hidden, "tanh") <= 1e-12
