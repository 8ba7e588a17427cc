"""The notebook's section-1 RNN on Hidden states: the same weights and the same prediction.

The notebook's own cells are executed (tests/fixtures/seed_notebook.txt, run top to bottom as in
tests/rnnlab/data/test_sources.py) up to the section-1 cell, which builds ``rnn`` right after
``np.random.seed(42)`` and prints its prediction for 1, 2, 3, 4, 5; the page's network for "the
notebook sequence" is then compared with it, weight by weight and output by output.
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings

import numpy as np
import pytest

from rnnlab.pages import hidden as hd
from tests.rnnlab.data.test_sources import SEED, _inert_module, code_cells


@pytest.fixture
def section_one(monkeypatch):
    """The namespace and the printed text of the notebook run up to its section-1 cell."""
    for name in ("matplotlib", "matplotlib.pyplot", "tensorflow", "tensorflow.keras"):
        monkeypatch.setitem(sys.modules, name, _inert_module(name))
    namespace: dict = {"__name__": "__notebook__"}
    printed = io.StringIO()
    state = np.random.get_state()
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(printed):
            for number, cell in enumerate(code_cells(SEED.read_text(encoding="utf-8")), start=1):
                exec(compile(cell, f"notebook cell {number}", "exec"), namespace)
                if "rnn" in namespace:
                    break
    finally:
        np.random.set_state(state)
    assert "rnn" in namespace and "outputs" in namespace, "the notebook's section-1 cell was not found"
    return namespace, printed.getvalue()


def _page_network():
    settings = hd.Settings(source="toy", **hd.NOTEBOOK_NET)
    network = hd.build_network(settings)
    inp = hd.make_input(np.zeros(10), source="toy")
    return network, hd.forward_pass(network, inp.x)


def test_the_notebook_sequence_gives_the_notebooks_weights(section_one):
    namespace, _ = section_one
    rnn = namespace["rnn"]
    network, _ = _page_network()
    layer = network.layers[0]
    np.testing.assert_array_equal(layer.params["Wx"], rnn.W_xh)
    np.testing.assert_array_equal(layer.params["Wh"], rnn.W_hh)
    np.testing.assert_array_equal(network.dense["W"], rnn.W_hy)
    np.testing.assert_array_equal(layer.params["b"], rnn.b_h.ravel())
    np.testing.assert_array_equal(network.dense["b"], rnn.b_y.ravel())


def test_the_notebook_sequence_predicts_what_the_notebook_prints(section_one):
    namespace, printed = section_one
    _, forward = _page_network()
    theirs = np.asarray(namespace["outputs"], dtype=np.float64).reshape(-1)  # (5,) one per step
    np.testing.assert_allclose(forward.prediction, theirs, rtol=0, atol=1e-14)
    hidden = np.array([h[0] for h in namespace["rnn"].hidden_states[1:]])
    np.testing.assert_allclose(forward.hidden, hidden, rtol=0, atol=1e-14)
    # the line the notebook prints, and the page's number written the same way
    line = next(text for text in printed.splitlines() if text.startswith("Salida predicha"))
    assert line == f"Salida predicha: {forward.prediction[-1]:.4f}"
    assert line == "Salida predicha: 0.0336"


def test_another_seed_draws_other_weights_the_notebooks_way():
    net = hd.build_network(hd.Settings(cell="SimpleRNN", units=4, source="toy", seed=7))
    rng = np.random.RandomState(7)
    np.testing.assert_array_equal(net.layers[0].params["Wx"], rng.randn(1, 4) * 0.1)
    np.testing.assert_array_equal(net.layers[0].params["Wh"], rng.randn(4, 4) * 0.1)
    # a series keeps Keras' initialisation (glorot / orthogonal), not randn * 0.1
    keras_like = hd.build_network(hd.Settings(cell="SimpleRNN", units=4, source="series", seed=7))
    assert not np.allclose(keras_like.layers[0].params["Wh"], net.layers[0].params["Wh"])
