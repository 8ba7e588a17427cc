"""Lessons on the Streamlit side (AppTest of app.py): a scene captured from a page and played
again in a fresh session gives the same page state; the player steps through scenes, opens
``?lesson=`` links and checks a scene's question against the engine and the reader's runs; the
editor adds, edits, moves, deletes, saves and imports, refusing bad files with a message."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from rnnlab import data as rdata
from rnnlab.lessons import builtin, loads
from rnnlab.training import TrainConfig
from testkit import fake_run
from ui.persistence import saved_state
from ui.session import data_view_state, train_view_state
from ui.session.state import Session, SplitSettings, session_of

BASE = {"values": {}, "settings": {}, "hidden": None, "hide": [], "focus": None, "question": None,
        "activity": None, "needs_run": False, "data": None, "text": {"en": "", "es": ""}}


def lesson_text(*scenes) -> str:
    return json.dumps({"format": "rnnlab-lesson", "version": 1, "title": {"en": "T", "es": "T"},
                       "scenes": [{**BASE, **s} for s in scenes]})


def draft_of(*scenes) -> str:
    return json.dumps({"title": {"es": "", "en": ""}, "scenes": [{**BASE, **s} for s in scenes],
                       "code": None})


def scenes_of(at) -> list[dict]:
    return json.loads(at.session_state["_lesson_draft"])["scenes"]


def finished(cell: str, mase: float, persistence_mase: float = 1.0, name: str | None = None):
    """A finished run of ``cell`` with test MASE ``mase`` (numbers set, not trained)."""
    run = fake_run()
    metrics = {s: {"mse": 0.1, "mae": 0.1, "rmse": 0.1, "mase": mase} for s in ("train", "val", "test")}
    baselines = {"persistence": {s: {"rmse": 0.3, "mase": persistence_mase} for s in ("train", "val", "test")}}
    return dataclasses.replace(run, config=TrainConfig(cell=cell, units=4, clipnorm=None),
                               metrics=metrics, baselines=baselines, status="completed",
                               name=name or f"{cell} run", run_id=f"{cell.lower()[:4]}{int(mase * 1000):04d}")


@pytest.fixture
def no_training(monkeypatch):
    """Trainings a scene starts are recorded, not run (the training job is the Train page's)."""
    from ui.jobs import training_job

    started = []
    monkeypatch.setattr(training_job, "start_job",
                        lambda configs, values, name="": started.append((configs, len(values))))
    return started


# ----- capture -> apply: the same page state in a fresh session -----

def test_hidden_states_scene_round_trip(app_test):
    split = SplitSettings(val_fraction=0.15, test_fraction=0.25, lookback=12, scaler="standard")
    series = rdata.Series(rdata.noisy_sine(180, 3.0, 0.2, 7), name="x")
    source = {"kind": "generate", "n": 180, "periods": 3.0, "noise": 0.2, "seed": 7}
    at = app_test("app.py", session=Session(series=series, source=source, range=(10, 170, 1), split=split),
                  hidden_cell="GRU", hidden_units=5, hidden_seed=3, hidden_t=7, hidden_unit=2,
                  lesson_write=True)
    at.switch_page("views/hidden_states.py").run()
    assert not at.exception
    at.button(key="lesson_add").click().run()
    assert not at.exception
    [scene] = scenes_of(at)
    assert scene["page"] == "hidden"
    assert scene["data"] == {"source": {"kind": "noisy_sine", "n": 180, "periods": 3.0, "noise": 0.2, "seed": 7},
                             "range": [10, 170, 1], "split": dataclasses.asdict(split)}
    assert scene["hidden"] == {"t": 7, "unit": 2, "hide_future": False}
    before = at.session_state["hidden_view"]

    fresh = app_test("app.py", _lesson_draft=at.session_state["_lesson_draft"], lesson_write=True).run()
    assert fresh.session_state["session"].source == {"kind": "notebook"}  # a new reader's state
    fresh.button(key="lesson_preview").click().run()
    assert not fresh.exception
    after = fresh.session_state["hidden_view"]  # the page ran: the scene's page
    assert after["settings"] == before["settings"]
    np.testing.assert_array_equal(after["inp"].x, before["inp"].x)
    np.testing.assert_array_equal(after["forward"].hidden, before["forward"].hidden)
    assert fresh.session_state["hidden_t"] == 7 and fresh.session_state["hidden_unit"] == 2
    s = fresh.session_state["session"]
    assert (s.source, s.range, s.split) == (source, (10, 170, 1), split)
    np.testing.assert_array_equal(s.series.values, series.values)


def test_train_settings_round_trip(app_test):
    at = app_test("app.py", train_cell="GRU", train_units=16, train_epochs=7, train_lookback=6,
                  lesson_write=True)
    at.switch_page("views/train.py").run()
    assert not at.exception
    at.button(key="lesson_add").click().run()
    [scene] = scenes_of(at)
    assert scene["page"] == "train"
    assert {k: scene["settings"][k] for k in ("train_cell", "train_units", "train_epochs", "train_lookback")} \
        == {"train_cell": "GRU", "train_units": 16, "train_epochs": 7, "train_lookback": 6}
    fresh = app_test("app.py", _lesson_draft=at.session_state["_lesson_draft"], lesson_write=True).run()
    fresh.button(key="lesson_preview").click().run()
    assert not fresh.exception
    config = train_view_state.config(fresh.session_state)  # what the Train page built from its widgets
    assert (config.cell, config.units, config.epochs, config.lookback) == ("GRU", 16, 7, 6)


def test_an_uploaded_series_travels_as_values_and_the_data_page_keeps_it(app_test):
    values = np.round(np.sin(np.linspace(0, 9, 90)) * 3 + 10, 3)
    series = rdata.Series(values, name="my upload")
    at = app_test("app.py", session=Session(series=series, source={"kind": "upload", "file_id": "f1"},
                                            range=(0, 90, 1)), lesson_write=True)
    at.switch_page("views/data.py").run()
    at.button(key="lesson_add").click().run()
    [scene] = scenes_of(at)
    assert scene["data"]["source"] == {"kind": "values", "name": "my upload", "values": list(values)}
    fresh = app_test("app.py", _lesson_draft=at.session_state["_lesson_draft"], lesson_write=True,
                     _data_kind="generate").run()
    fresh.button(key="lesson_preview").click().run()
    assert not fresh.exception
    shown = session_of(fresh.session_state)
    np.testing.assert_array_equal(shown.series.values, values)  # the Data page did not replace it
    assert data_view_state.kind(fresh.session_state) == "upload"


# ----- the player -----

def test_the_builtin_lesson_plays_through_every_scene(app_test, no_training):
    at = app_test("app.py", session=Session(runs=[finished("LSTM", 0.8)]))
    at.query_params["lesson"] = "notebook"
    at.run()
    n = len(builtin("notebook"))
    for i in range(n):
        assert not at.exception, i
        assert at.session_state["_lesson_play"]["scene"] == i
        assert at.button(key="lesson_back").disabled == (i == 0)
        if i < n - 1:
            at.button(key="lesson_next").click().run()
    assert at.button(key="lesson_next").disabled
    started = list(no_training)
    at.button(key="lesson_back").click().run()
    assert at.session_state["_lesson_play"]["scene"] == n - 2
    no_training[:] = started
    # The scenes that need a run of their own settings started one each (the finished LSTM run
    # of other settings does not count): the notebook's model, the fix, the three cells...
    needing = [s for s in builtin("notebook") if s.needs_run]
    assert len(no_training) == len(needing)
    notebook = TrainConfig.seed_notebook()
    [first], _ = no_training[0]
    assert (first.cell, first.layers, first.units, first.activation, first.epochs, first.batch_size) == \
        (notebook.cell, notebook.layers, notebook.units, notebook.activation, notebook.epochs, notebook.batch_size)
    three = next(configs for configs, _ in no_training if len(configs) == 3)
    assert sorted(c.cell for c in three) == ["GRU", "LSTM", "SimpleRNN"]


def test_a_scene_that_needs_a_run_starts_one_within_the_limits(app_test, no_training):
    text = lesson_text({"page": "train", "needs_run": True, "title": {"en": "Run"}})
    at = app_test("app.py", _lesson_draft=json.dumps({"title": {}, "scenes": json.loads(text)["scenes"]}),
                  lesson_write=True, train_epochs=3)
    at.run().button(key="lesson_preview").click().run()
    assert not at.exception
    assert len(no_training) == 1  # once for the scene, not at every rerun
    [config], n = no_training[0]
    assert config.epochs == 3 and n == 100
    at.run()
    assert len(no_training) == 1


def test_lesson_state_survives_a_reload_by_the_declared_schema():
    lesson = loads(lesson_text({"page": "home"}, {"page": "data"}))
    play = {"code": "notebook", "text": lesson.dumps(), "scene": 1, "seq": 4}
    kept = saved_state.validate({"p:_lesson_play": play, "p:_lesson_draft": draft_of({"page": "home"}),
                                 "p:_lesson_link": "notebook", "w:lesson_write": True})
    assert set(kept) == {"p:_lesson_play", "p:_lesson_draft", "p:_lesson_link", "w:lesson_write"}
    with pytest.raises(saved_state.sch.Invalid):
        saved_state.validate({"p:_lesson_play": {**play, "scene": "1"}})


def test_a_saved_lesson_opens_by_its_code_and_an_unknown_code_says_so(app_test):
    at = app_test("app.py", _lesson_draft=draft_of({"page": "data", "title": {"en": "Look", "es": "Mira"}}),
                  lesson_write=True).run()
    at.button(key="lesson_save").click().run()
    assert not at.exception
    code = json.loads(at.session_state["_lesson_draft"])["code"]
    assert code and any(f"?lesson={code}" in c.value for c in at.code)

    reader = app_test("app.py", lang="es")
    reader.query_params["lesson"] = code.lower()  # as typed
    reader.run()
    assert not reader.exception
    assert reader.session_state["_lesson_play"]["code"] == code
    assert reader.session_state["_lesson_play"]["scene"] == 0

    lost = app_test("app.py", lang="es")
    lost.query_params["lesson"] = "ZZZZZZ"
    lost.run()
    assert not lost.exception and "_lesson_play" not in lost.session_state
    assert any("No hay ninguna lección con el código ZZZZZZ" in w.value for w in lost.warning)


def _gate_question(t: int, unit: int, gate: str = "forget") -> dict:
    return {"id": "0123abcd", "kind": "value", "preset": "gate", "text": "",
            "params": {"t": t, "unit": unit, "gate": gate}, "options": [], "revealed": False,
            "truth": None, "how": None, "source": ""}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_value_question_is_checked_against_the_engine(app_test, lang):
    scene = {"page": "hidden", "settings": {"hidden_cell": "LSTM", "hidden_units": 4},
             "hidden": {"t": 9, "unit": 2, "hide_future": True}, "question": _gate_question(9, 2)}
    at = app_test("app.py", lang=lang, _lesson_draft=draft_of(scene), lesson_write=True).run()
    at.button(key="lesson_preview").click().run()
    assert not at.exception
    truth = float(at.session_state["hidden_view"]["forward"].gates["forget"][8, 1])  # step 9, unit 2
    wrong = truth + 0.5
    typed = f"{wrong:.3f}".replace(".", "," if lang == "es" else ".")
    at.text_input(key="lesson_q_value_0").input(typed).run()
    at.button(key="lesson_q_check_0").click().run()
    [verdict] = at.warning
    written = f"{truth:.3f}".replace(".", "," if lang == "es" else ".")
    assert written in verdict.value
    typed = f"{truth:.4f}".replace(".", "," if lang == "es" else ".")
    at.text_input(key="lesson_q_value_0").input(typed).run()
    at.button(key="lesson_q_check_0").click().run()
    assert len(at.success) == 1 and written in at.success[0].value


def test_a_choice_question_is_checked_against_the_readers_own_runs(app_test):
    question = {"id": "89abcdef", "kind": "choice", "preset": "winner", "text": "", "params": {},
                "options": ["SimpleRNN", "LSTM", "GRU"], "revealed": False, "truth": None,
                "how": None, "source": ""}
    runs = [finished("SimpleRNN", 1.2), finished("GRU", 0.7), finished("LSTM", 0.9)]
    at = app_test("app.py", session=Session(runs=runs), _lesson_draft=draft_of({"page": "home", "question": question}),
                  lesson_write=True).run()
    at.button(key="lesson_preview").click().run()
    at.radio(key="lesson_q_choice_0").set_value(1).run()  # LSTM
    at.button(key="lesson_q_check_0").click().run()
    assert len(at.warning) == 1 and "GRU" in at.warning[0].value
    at.radio(key="lesson_q_choice_0").set_value(2).run()  # GRU: the reader's runs say so
    at.button(key="lesson_q_check_0").click().run()
    assert len(at.success) == 1 and "GRU run" in at.success[0].value


def bar_data(at) -> dict:
    """What the player's text element was given (components v2 data, as JSON)."""
    def find(node):
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else children or []):
            if getattr(child, "type", None) == "bidi_component" and child.proto.component_name == "rnnlab_lesson":
                return child
            found = find(child)
            if found is not None:
                return found
        return None

    element = find(at.main)
    assert element is not None, "no lesson bar"
    return json.loads(element.proto.json)


def test_text_from_the_file_stays_text_and_values_are_filled_in(app_test):
    scene = {"page": "data", "text": {"en": "<script>alert(1)</script> **b** has {n} values", "es": "{n}"},
             "values": {"n": {"kind": "series_len"}},
             "data": {"source": {"kind": "noisy_sine", "n": 140, "periods": 2.0, "noise": 0.1, "seed": 1},
                      "range": [0, 120, 1], "split": None}}
    at = app_test("app.py", _lesson_draft=draft_of(scene), lesson_write=True).run()
    at.button(key="lesson_preview").click().run()
    assert not at.exception
    data = bar_data(at)
    assert (data["scene"], data["scenes"], data["count"]) == (1, 1, "Scene 1 of 1")
    # the file's text is one plain-text part (the element sets it with textContent)...
    assert data["parts"][0] == {"text": "<script>alert(1)</script> **b** has "}
    # ...and the value is the page's own number, pointing at its chart
    assert data["parts"][1]["value"] == str(len(at.session_state["session"].series.values[0:120]))
    assert data["parts"][1]["target"] == "data:chart"
    assert all("<script>" not in str(m.value) for m in at.markdown)


# ----- the editor -----

def test_editor_adds_edits_moves_and_deletes_scenes(app_test):
    at = app_test("app.py", lesson_write=True).run()
    at.button(key="lesson_add").click().run()  # Home
    at.switch_page("views/data.py").run()
    at.button(key="lesson_add").click().run()  # Data
    assert [s["page"] for s in scenes_of(at)] == ["home", "data"]
    second = [b for b in at.button if b.key and b.key.startswith("lesson_ed_1_") and b.key.endswith("_up")][0]
    second.click().run()
    assert [s["page"] for s in scenes_of(at)] == ["data", "home"]
    first = next(k for k in (w.key for w in at.text_input) if k and k.startswith("lesson_ed_0_") and k.endswith("_title_es"))
    prefix = first[: -len("_title_es")]
    # (a form's values reach the script with its submit: set them, then submit, in one run)
    at.text_input(key=first).input("La serie")
    at.text_area(key=prefix + "_text_en").input("Look at {nothing} here")
    submit = next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{prefix}_form"))
    submit.click().run()
    assert not at.exception
    # {nothing} is not a declared value: refused with the format's own message; nothing kept
    assert any("nothing" in e.value for e in at.error)
    assert scenes_of(at)[0]["title"] == {}
    at.text_input(key=first).input("La serie")
    at.text_area(key=prefix + "_text_en").input("Look at the series")
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{prefix}_form")).click().run()
    assert scenes_of(at)[0]["title"] == {"es": "La serie"}
    assert scenes_of(at)[0]["text"] == {"en": "Look at the series"}
    delete = [b for b in at.button if b.key and b.key.startswith("lesson_ed_1_") and b.key.endswith("_delete")][0]
    delete.click().run()
    assert [s["page"] for s in scenes_of(at)] == ["data"]


@pytest.mark.parametrize(("content", "expected"), [
    (b"{not json", "not valid JSON"),
    (lesson_text({"page": "foo"}).encode(), "foo"),
    (b"[" * 50 + b"]" * 50, "50 levels deep"),
    (json.dumps({"format": "rnnlab-lesson", "version": 1, "title": "t",
                 "scenes": [{**BASE, "page": "home"}] * 100_000}).encode(), "at most 2,000,000"),
    (json.dumps({"format": "rnnlab-lesson", "version": 1, "title": "t",
                 "scenes": [{"page": "home"}] * 100_000}).encode(), "100,000 scenes"),
    (lesson_text({"page": "home", "settings": {"evil_key": 1}}).encode(), "evil_key"),
    (lesson_text({"page": "hidden", "settings": {"hidden_units": 10_000}}).encode(), "hidden_units"),
])
def test_import_refuses_hostile_files_with_a_message(app_test, content, expected):
    at = app_test("app.py", lesson_write=True).run()
    at.file_uploader(key="lesson_import").upload("lesson.json", content, "application/json").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # as Markdown shows it
    assert errors and expected.lower() in errors.lower(), errors
    assert "Traceback" not in errors
    assert scenes_of(at) == [] if "_lesson_draft" in at.session_state else True


def test_import_then_export_gives_the_same_lesson(app_test):
    from ui.classroom import lesson_editor

    text = builtin("notebook").dumps()
    at = app_test("app.py", lang="es", lesson_write=True).run()
    at.file_uploader(key="lesson_import").upload("l.json", text.encode(), "application/json").run()
    assert not at.exception
    assert any("14 escenas importadas" in s.value for s in at.success)
    draft = json.loads(at.session_state["_lesson_draft"])
    assert lesson_editor.lesson_of(draft).scenes == builtin("notebook").scenes
    at.run()
    assert [d for d in at.get("download_button") if "lesson_export" in d.proto.id]


def test_a_scenes_hidden_controls_are_hidden_on_its_page_only(app_test):
    scenes = ({"page": "hidden", "hide": ["hidden_units", "hidden_seed"]}, {"page": "data"})
    at = app_test("app.py", _lesson_draft=draft_of(*scenes), lesson_write=True).run()
    at.button(key="lesson_preview").click().run()
    styles = " ".join(str(h.proto.body) for h in at.get("html") if "<style>" in str(h.proto.body))
    assert ".st-key-hidden_units, .st-key-hidden_seed { display: none !important; }" in styles
    at.button(key="lesson_next").click().run()
    styles = " ".join(str(h.proto.body) for h in at.get("html") if "<style>" in str(h.proto.body))
    assert ".st-key-hidden_units" not in styles


def test_a_hostile_lesson_link_or_file_is_shown_as_text(app_test):
    raw = "![x](http://evil.example/a.png)" * 3
    at = app_test("app.py")
    at.query_params["lesson"] = raw
    at.run()
    assert not at.exception
    [warning] = at.warning
    assert "![x](" not in warning.value and "\\!\\[x\\]" in warning.value  # escaped, cut short
    assert len(at.session_state["_lesson_link"]) <= 40
    saved_state.validate({"p:_lesson_link": at.session_state["_lesson_link"]})  # a reload keeps it

    page = "![x](http://evil.example/a.png)"
    editor = app_test("app.py", lesson_write=True).run()
    editor.file_uploader(key="lesson_import").upload("l.json", lesson_text({"page": page}).encode(),
                                                     "application/json").run()
    [error] = editor.error
    assert "![x](http" not in error.value and "evil" in error.value


def test_editor_declares_live_values_the_text_can_name(app_test):
    at = app_test("app.py", lesson_write=True, _lesson_draft=draft_of({"page": "hidden"})).run()

    def form_key(suffix: str) -> str:
        return next(w.key for w in (*at.text_input, *at.selectbox) if w.key and w.key.endswith(suffix))

    def submit(prefix: str):
        return next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{prefix}"))

    prefix = form_key("_value_name")[: -len("_value_name")]
    at.text_input(key=prefix + "_value_name").input("f_peak")
    at.selectbox(key=prefix + "_value_kind").set_value("gate")
    at.text_input(key=prefix + "_value_params").input("gate=forget, unit=one, t=12")
    submit(prefix + "_values").click().run()
    assert any("unit" in e.value for e in at.error)  # the format's own words: not a whole number
    assert scenes_of(at)[0]["values"] == {}
    at.text_input(key=prefix + "_value_name").input("f_peak")
    at.selectbox(key=prefix + "_value_kind").set_value("gate")
    at.text_input(key=prefix + "_value_params").input("gate=forget, unit=1, t=12")
    submit(prefix + "_values").click().run()
    assert scenes_of(at)[0]["values"] == {"f_peak": {"kind": "gate", "gate": "forget", "unit": 1, "t": 12}}
    # the text may now name it, and the player fills it in from the engine
    prefix = form_key("_title_es")[: -len("_title_es")]
    at.text_area(key=prefix + "_text_en").input("The forget gate: {f_peak}.")
    submit(prefix + "_form").click().run()
    assert scenes_of(at)[0]["text"] == {"en": "The forget gate: {f_peak}."}
    at.button(key="lesson_preview").click().run()
    value = bar_data(at)["parts"][1]
    truth = float(at.session_state["hidden_view"]["forward"].gates["forget"][11, 0])
    assert abs(float(value["value"]) - truth) < 5e-4 and value["target"] == "stage:gate:forget:1"


def test_the_offline_download_builds_the_readers_file_only_when_clicked(monkeypatch):
    """The player's and editor's download: a deferred callable (nothing is built on a page run)
    that writes the lesson as one offline HTML file in the reader's language."""
    from ui.classroom import lesson_player

    monkeypatch.setattr(lesson_player, "lang", lambda: "es")
    monkeypatch.setattr(lesson_player.state, "runs", lambda: [])
    calls = []

    class Row:
        def download_button(self, label, **kw):
            calls.append((label, kw))

    lesson = builtin("notebook")
    lesson_player.offline_download(Row(), lesson, key="lesson_offline_play", short=True)
    (label, kw), = calls
    assert callable(kw["data"]) and kw["on_click"] == "ignore" and kw["mime"] == "text/html"
    assert kw["file_name"].endswith("-es.html") and label == "Para llevar (HTML)"
    html = kw["data"]().decode("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>") and 'lang="es"' in html
    assert html.count("<section") == len(lesson) and "https://" not in html


def test_the_editor_writes_a_question_that_the_player_checks_against_the_engine(app_test):
    """A teacher asks "the forget gate of unit 2 at the next step" on a Hidden states scene at
    step 8; the played scene checks the answer against the network's own gate at step 9."""
    scene = {"page": "hidden", "settings": {"hidden_cell": "LSTM", "hidden_units": 4},
             "hidden": {"t": 8, "unit": 2, "hide_future": True}}
    at = app_test("app.py", _lesson_draft=draft_of(scene), lesson_write=True).run()
    kind = next(k for k in (w.key for w in at.selectbox) if k and k.endswith("_q_kind"))
    prefix = kind[: -len("_q_kind")]
    at.selectbox(key=kind).set_value("own_choice")
    at.text_input(key=prefix + "_q_text").input("¿Qué puerta se abre?")
    at.text_area(key=prefix + "_q_options").input("una sola")
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{prefix}_question")).click().run()
    assert any("2" in e.value and "6" in e.value for e in at.error)  # 2 to 6 options
    assert scenes_of(at)[0].get("question") is None
    at.selectbox(key=kind).set_value("gate")
    at.selectbox(key=prefix + "_q_gate").set_value("forget")
    at.number_input(key=prefix + "_q_unit").set_value(2)
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{prefix}_question")).click().run()
    assert not at.exception
    asked = scenes_of(at)[0]["question"]
    assert (asked["kind"], asked["preset"], asked["params"]) == ("value", "gate", {"t": 9, "unit": 2, "gate": "forget"})
    at.button(key="lesson_preview").click().run()
    truth = float(at.session_state["hidden_view"]["forward"].gates["forget"][8, 1])  # step 9, unit 2
    at.text_input(key="lesson_q_value_0").input(f"{truth:.4f}").run()
    at.button(key="lesson_q_check_0").click().run()
    assert len(at.success) == 1
