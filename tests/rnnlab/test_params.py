"""Parameter counts by formula against Keras count_params(), for every cell, several sizes, stacks."""

import pytest

from rnnlab.pages import params

SIZES = [(1, 1), (1, 50), (3, 7), (16, 4)]  # (input size D, units H)


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("keras")


def _layer(keras, cell, units, **kw):
    return getattr(keras.layers, cell)(units, **kw)


@pytest.mark.parametrize("cell", params.CELLS)
@pytest.mark.parametrize("d,h", SIZES)
def test_single_layer_matches_keras(keras, cell, d, h):
    layer = _layer(keras, cell, h)
    layer.build((None, 5, d))
    assert params.recurrent_params(cell, h, d) == layer.count_params()


@pytest.mark.parametrize("d,h", SIZES)
def test_textbook_gru_matches_keras_reset_before(keras, d, h):
    layer = keras.layers.GRU(h, reset_after=False)
    layer.build((None, 5, d))
    assert params.recurrent_params("GRU", h, d, reset_after=False) == layer.count_params()


@pytest.mark.parametrize("cell", params.CELLS)
@pytest.mark.parametrize("units,d", [([50, 50], 1), ([8, 3, 5], 2), ([12], 4)])
def test_stack_matches_keras_model(keras, cell, units, d):
    inputs = keras.Input((10, d))
    x = inputs
    for i, h in enumerate(units):
        x = _layer(keras, cell, h, return_sequences=i < len(units) - 1)(x)
    model = keras.Model(inputs, keras.layers.Dense(1)(x))
    counts = params.stack_counts(cell, units, input_size=d)
    assert [c.params for c in counts] == [layer.count_params() for layer in model.layers[1:]]
    assert params.stack_params(cell, units, input_size=d) == model.count_params()


def test_notebook_model_by_hand():
    # 2 x 50-unit LSTM on one feature, then Dense(1): 4*50*52 + 4*50*101 + 51
    assert params.stack_params("LSTM", 50, layers=2) == 10400 + 20200 + 51 == 30651


def test_formulas_read_like_the_lesson():
    assert params.formula_latex("SimpleRNN") == "H(D+H+1)"
    assert params.formula_latex("LSTM") == "4H(D+H+1)"
    assert params.formula_latex("GRU") == "3H(D+H+2)"
    assert params.formula_latex("GRU", reset_after=False) == "3H(D+H+1)"
    assert params.formula_numbers("LSTM", 50, 1) == "4 \\cdot 50 \\cdot (1+50+1) = 10\\,400"
    assert params.formula_numbers("SimpleRNN", 3, 2) == "3 \\cdot (2+3+1) = 18"


def test_stack_feeds_each_layer_the_previous_units():
    counts = params.stack_counts("GRU", [4, 6], input_size=3)
    assert [(c.kind, c.input_size, c.units) for c in counts] == [
        ("GRU", 3, 4), ("GRU", 4, 6), ("Dense", 6, 1)]


@pytest.mark.parametrize("bad", [dict(cell="Transformer", units=3, input_size=1),
                                 dict(cell="LSTM", units=0, input_size=1),
                                 dict(cell="GRU", units=3, input_size=0)])
def test_bad_input_is_a_value_error(bad):
    with pytest.raises(ValueError):
        params.recurrent_params(**bad)


def test_formula_numbers_on_two_lines_keeps_the_same_terms():
    one = params.formula_numbers("LSTM", 500, 1)
    two = params.formula_numbers("LSTM", 500, 1, two_lines=True)
    assert two.startswith(r"\begin{gathered}") and two.endswith(r"\end{gathered}")
    assert two.replace(r"\begin{gathered}", "").replace(r"\end{gathered}", "").replace(r" \\ ", " ") == one
    assert "1\\,004\\,000" in two  # 4 * 500 * (1 + 500 + 1)
