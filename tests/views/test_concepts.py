"""The Concepts page under AppTest: both languages, live figures, calculator, bad input."""

import numpy as np
import pytest

from rnnlab.data import Series, notebook_series
from rnnlab.pages import concepts


@pytest.fixture
def _figure(plotly_specs):
    def _figure(at, title_start):
        for spec in plotly_specs(at):
            title = (spec.get("layout", {}).get("title") or {}).get("text") or ""
            if title.startswith(title_start):
                return spec
        raise AssertionError(f"no figure titled {title_start!r}")
    return _figure


@pytest.mark.parametrize("lang,title,heading", [
    ("es", "Conceptos: cómo piensa una red recurrente", "4. LSTM: memoria con puertas"),
    ("en", "Concepts: how a recurrent network thinks", "4. LSTM: memory with gates"),
])
def test_lesson_renders_in_both_languages(app_test, plotly_specs, lang, title, heading):
    at = app_test("views/concepts.py", lang=lang).run()
    assert not at.exception
    assert at.title[0].value == title
    assert heading in [h.value for h in at.header]
    assert len(at.header) == 11
    latex = "\n".join(el.value for el in at.latex)
    assert "i_t = \\sigma" in latex and "z_t \\odot h_{t-1}" in latex and "4H(D+H+1)" in latex
    assert "h_t = a_t \\odot h_{t-1} + b_t" in latex and "f'_t = \\frac{f_t}{f_t + i_t}" in latex  # section 11
    assert len(plotly_specs(at)) == 4


def test_calculator_counts_what_a_hand_computation_gives(_figure, app_test, decode):
    at = app_test("views/concepts.py").run()
    at.number_input(key="concepts_units").set_value(32)
    at.number_input(key="concepts_input").set_value(3)
    at.slider(key="concepts_layers").set_value(1).run()
    assert not at.exception
    shown = {m.label.split(" ·")[0]: int(m.value.replace(",", "")) for m in at.metric}
    assert shown == {"SimpleRNN": 32 * (3 + 32 + 1), "LSTM": 4 * 32 * (3 + 32 + 1),
                     "GRU": 3 * 32 * (3 + 32 + 2)}
    bars = _figure(at, "Parameters")["data"][0]
    assert list(decode(bars["y"])) == [v + 33 for v in shown.values()]  # + Dense(32 -> 1)
    assert any("4 \\cdot 32 \\cdot (3+32+1) \\\\ = 4\\,608" in el.value for el in at.latex)  # total on its own line


def test_gradient_curve_is_computed_from_the_current_series_and_the_sliders(_figure, app_test, decode, texts):
    at = app_test("views/concepts.py").run()
    at.select_slider(key="concepts_radius").set_value(1.2)
    at.select_slider(key="concepts_keep").set_value(3.0)
    at.slider(key="concepts_length").set_value(30).run()
    assert not at.exception
    _, norms = concepts.gradient_decay(notebook_series(), length=30, radius=1.2, keep_bias=3.0)
    traces = _figure(at, "How much gradient")["data"]
    assert [t["name"] for t in traces] == list(norms)
    for trace in traces:
        np.testing.assert_allclose(decode(trace["y"]), norms[trace["name"]], rtol=1e-12)
    assert "At 20 steps back" in texts(at)


def test_unrolled_steps_and_activation_choice(_figure, app_test, texts):
    at = app_test("views/concepts.py").run()
    at.slider(key="concepts_steps").set_value(6)
    at.multiselect(key="concepts_acts").set_value(["tanh"]).run()
    unrolled = _figure(at, "An RNN")
    assert sum(1 for s in unrolled["layout"]["shapes"] if s["type"] == "rect") == 7
    act = _figure(at, "Activations")
    assert [t["name"] for t in act["data"]] == ["tanh", "tanh"]
    at.multiselect(key="concepts_acts").set_value([]).run()
    assert not at.exception
    assert "Choose at least one function" in texts(at)


def test_a_one_value_series_gets_a_message_not_a_traceback(app_test, plotly_specs, texts):
    tiny = Series(np.array([1.0]), name="tiny")
    at = app_test("views/concepts.py", lang="es", series=tiny, series_range=(0, 1, 1)).run()
    assert not at.exception and not at.error
    assert "menos de 3 valores" in texts(at)
    assert len(plotly_specs(at)) == 3  # the other figures still work
