"""Figures shared between sessions by value (ui.elements.charts.shared): the same values give the very
same figure, anything else (another value, an object, big data) is built for its own session."""

from __future__ import annotations

import json
import threading
import time

import numpy as np
import plotly.graph_objects as go

from rnnlab.plots import concepts as figs
from ui.elements import charts


def counting(calls: list):
    def build():
        calls.append(1)
        return go.Figure()
    return build


def test_the_same_values_share_one_figure_and_other_values_do_not():
    shared, calls = charts.SharedFigures(), []
    first = shared.get("f", (3, "en", np.arange(5.0)), counting(calls))
    again = shared.get("f", (3, "en", np.arange(5.0)), counting(calls))  # equal, not the same array
    assert again is first and len(calls) == 1
    assert shared.get("f", (3, "es", np.arange(5.0)), counting(calls)) is not first
    assert shared.get("f", (3, "en", np.arange(5.0) + 1e-12), counting(calls)) is not first
    assert shared.get("g", (3, "en", np.arange(5.0)), counting(calls)) is not first  # by name too
    assert shared.get("f", (3.0, "en", np.arange(5.0)), counting(calls)) is not first  # 3.0 is not 3
    assert len(calls) == 5


def test_objects_and_big_arrays_stay_in_their_session():
    shared, calls = charts.SharedFigures(max_values=1000), []

    class Run:  # a run is compared by identity: another session's run is never "equal"
        pass

    run = Run()
    assert shared.get("f", (run, "en"), counting(calls)) is not shared.get("f", (run, "en"), counting(calls))
    big = np.zeros(1001)
    assert shared.get("f", (big,), counting(calls)) is not shared.get("f", (big,), counting(calls))
    assert len(shared) == 0 and len(calls) == 4


def test_the_shared_figures_are_bounded():
    shared = charts.SharedFigures(size=3)
    figures = [shared.get("f", (i,), go.Figure) for i in range(5)]
    assert len(shared) == 3
    assert shared.get("f", (4,), go.Figure) is figures[4]
    assert shared.get("f", (0,), go.Figure) is not figures[0]  # the oldest went first


def test_forty_sessions_asking_at_once_build_one_figure():
    # A lesson's Next moves a class to the same scene at once: one session builds, the others
    # wait for its figure (they used to build it forty times over, each one).
    shared, calls = charts.SharedFigures(), []
    started, release = threading.Event(), threading.Event()

    def build():
        calls.append(1)
        started.set()
        release.wait(timeout=30)
        return go.Figure()

    got: list = []
    first = threading.Thread(target=lambda: got.append(shared.get("decay", (3, "es"), build)))
    first.start()
    assert started.wait(timeout=30)
    others = [threading.Thread(target=lambda: got.append(shared.get("decay", (3, "es"), build)))
              for _ in range(39)]
    for t in others:
        t.start()
    (building,) = shared._building.values()
    deadline = time.monotonic() + 30
    while len(building._cond._waiters) < 39 and time.monotonic() < deadline:  # all 39 waiting
        time.sleep(0.01)
    assert len(building._cond._waiters) == 39
    release.set()
    for t in [first, *others]:
        t.join(timeout=30)
    assert len(calls) == 1 and len(got) == 40 and all(fig is got[0] for fig in got)


def test_a_failed_build_lets_the_waiting_session_build_its_own():
    shared, calls = charts.SharedFigures(), []
    started, release = threading.Event(), threading.Event()

    def failing():
        calls.append("failing")
        started.set()
        release.wait(timeout=30)
        raise ValueError("bad data")

    def fine():
        calls.append("fine")
        return go.Figure()

    errors, got = [], []

    def first_session():
        try:
            shared.get("x", (1,), failing)
        except ValueError as exc:
            errors.append(exc)

    first = threading.Thread(target=first_session)
    first.start()
    assert started.wait(timeout=30)
    second = threading.Thread(target=lambda: got.append(shared.get("x", (1,), fine)))
    second.start()
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert len(errors) == 1 and len(got) == 1 and calls == ["failing", "fine"]


def test_two_students_on_the_same_concepts_slider_share_the_diagram_and_its_text(app_test, monkeypatch):
    built = []
    original = figs.unrolled_rnn

    def unrolled_rnn(*args, **kwargs):
        built.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(figs, "unrolled_rnn", unrolled_rnn)
    described = []
    original_describe = charts.alt_text.describe
    monkeypatch.setattr(charts.alt_text, "describe",
                        lambda fig, *a, **k: described.append(fig) or original_describe(fig, *a, **k))
    first = app_test("views/concepts.py").run()
    second = app_test("views/concepts.py", keep_shared=True).run()
    assert not first.exception and not second.exception
    assert built == [first.session_state["concepts_steps"]]  # built once for both sessions
    figure = first.session_state["_figures"]["concepts_unrolled"][1]
    assert second.session_state["_figures"]["concepts_unrolled"][1] is figure
    assert described.count(figure) <= 1  # its text too (the diagram's own alt is given)
    spanish = app_test("views/concepts.py", lang="es", keep_shared=True).run()
    assert spanish.session_state["_figures"]["concepts_unrolled"][1] is not figure  # words differ


def test_a_shared_figure_is_sent_as_the_same_spec_made_once(app_test, monkeypatch):
    # st.plotly_chart sends fig.to_dict() (a deep copy, arrays as base64): a memoised figure
    # never changes, so the copy is made once and every session sends that same spec.
    import plotly.io

    first = app_test("views/concepts.py").run()
    figure = first.session_state["_figures"]["concepts_unrolled"][1]
    specs = [json.loads(c.proto.spec) for c in first.get("plotly_chart")]
    fresh = go.Figure(figure)  # the same figure, never sent: its own to_dict
    assert json.loads(plotly.io.to_json(go.Figure.to_dict(fresh), validate=False)) in specs
    made = []
    original = go.Figure.to_dict
    monkeypatch.setattr(go.Figure, "to_dict", lambda self: made.append(self) or original(self))
    second = app_test("views/concepts.py", keep_shared=True).run()
    assert not second.exception and second.session_state["_figures"]["concepts_unrolled"][1] is figure
    assert not any(m is figure for m in made)  # not copied again for the second session
    decay = second.session_state["_figures"]["concepts_decay"][1][2]  # memo's (lags, norms, figure)
    assert decay is first.session_state["_figures"]["concepts_decay"][1][2]
    assert not any(m is decay for m in made)  # a figure memoised in a tuple is sent as made once too
    assert [json.loads(c.proto.spec) for c in second.get("plotly_chart")] == specs
    unmarked = go.Figure(go.Scatter(y=[1, 2]))
    charts.send_as_made_once(unmarked)
    assert "to_dict" not in unmarked.__dict__  # a figure memo() did not return is left alone


def test_the_sidebars_sparkline_is_sent_as_made_once(app_test, monkeypatch):
    # Every page of every session draws it: its copy was a tenth of a following class's server time.
    first = app_test("app.py").run()
    spark = first.session_state["_figures"]["sidebar_spark"][1][0]
    spec = [c.proto.spec for c in first.sidebar.get("plotly_chart")]
    made = []
    original = go.Figure.to_dict
    monkeypatch.setattr(go.Figure, "to_dict", lambda self: made.append(self) or original(self))
    second = app_test("app.py", keep_shared=True).run()
    assert not second.exception and second.session_state["_figures"]["sidebar_spark"][1][0] is spark
    assert not any(m is spark for m in made)
    assert [c.proto.spec for c in second.sidebar.get("plotly_chart")] == spec


def test_long_titles_wrap_for_a_phone_and_short_ones_stay():
    """Item 11: Plotly never wraps a title: on a 390-px phone it ran off the edge."""
    import plotly.graph_objects as go

    from ui.elements.charts import TITLE_CHARS, fit_titles

    long = "Predicciones en la parte de prueba frente a la realidad"
    fig = go.Figure(layout=dict(title=dict(text=long), margin=dict(t=70), xaxis=dict(
        title=dict(text="Pasos hacia atrás desde la salida (distancia en el tiempo)"))))
    fit_titles(fig)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= TITLE_CHARS for line in lines)
    assert " ".join(lines) == long and fig.layout.margin.t == 96
    assert len(fig.layout.xaxis.title.text.split("<br>")) == 2
    fit_titles(fig)  # a shared figure drawn again: unchanged
    assert fig.layout.title.text.count("<br>") == 1 and fig.layout.margin.t == 96
    short = go.Figure(layout=dict(title=dict(text="Curvas de aprendizaje")))
    fit_titles(short)
    assert short.layout.title.text == "Curvas de aprendizaje"


def test_a_wrapped_title_at_the_top_keeps_inside_the_figure_and_above_the_legend():
    """A title placed at the top by style.place_legend (Train's curve, residuals, Hidden states'
    gradients) that fit_titles wraps: Plotly centres a title of several lines on its top anchor,
    so its first line went above the figure on a phone, and the legend stayed where one line of
    title ended (tests/browser/test_phone.py measures it in the browser)."""
    from rnnlab.plots import style
    from ui.elements.charts import fit_titles

    fig = style.apply(go.Figure(go.Scatter(y=[1, 2], name="a")), height=400,
                      title="Autocorrelación de los residuos (ACF)")
    one_line = (fig.layout.margin.t, fig.layout.legend.y, fig.layout.title.pad.t)
    fit_titles(fig)
    assert fig.layout.title.text.count("<br>") == 1
    line = 1.3 * (style.FONT_SIZE + 4)  # Plotly's line spacing of the title's font
    # half a line lower (Plotly lifts it by as much), one line more of room, the legend under it
    assert fig.layout.title.pad.t == one_line[2] + round(line / 2)
    assert fig.layout.margin.t == round(one_line[0] + line)
    assert fig.layout.legend.y == 1 - fig.layout.margin.t / 400 < one_line[1]
