"""Hostile lesson files: each is refused with a LessonError whose message names the place, in
Spanish and in English (rnnlab.lessons.loads; the contract in README, "Lessons")."""

from __future__ import annotations

import json

import pytest

from rnnlab.declarations.messages import MessageError
from rnnlab.lessons import LessonError, loads
from rnnlab.lessons.model import MAX_BYTES, MAX_DEPTH, MAX_SCENES, MAX_SERIES, MAX_TEXT, nesting


def lesson(*scenes, **top) -> dict:
    return {"format": "rnnlab-lesson", "version": 1, "title": "t",
            "scenes": list(scenes) or [{"page": "home"}], **top}


def refused(text) -> LessonError:
    with pytest.raises(LessonError) as caught:
        loads(text if isinstance(text, (str, bytes)) else json.dumps(text))
    error = caught.value
    assert isinstance(error, MessageError)
    es, en = error.message.text("es"), error.message.text("en")
    assert es != en and es.strip() and en.strip()
    assert error.message.key.startswith("lessons.err.")
    return error


def says(error: LessonError, es: list[str], en: list[str]) -> None:
    """Both languages name the place (and what is wrong)."""
    text_es, text_en = error.message.text("es"), error.message.text("en")
    for part in es:
        assert part in text_es, (part, text_es)
    for part in en:
        assert part in text_en, (part, text_en)


def test_a_good_file_loads():
    assert len(loads(json.dumps(lesson()))) == 1


def test_oversize_refused_before_parsing():
    text = json.dumps(lesson({"page": "home", "text": "x" * 100}))
    big = text[:-1] + " " * (MAX_BYTES + 10 - len(text)) + "}"
    error = refused(big)
    says(error, ["ocupa", "2.000.000"], ["2,000,000"])
    assert error.message.key == "lessons.err.too_big"
    # multi-byte characters count as the bytes they take
    assert refused(json.dumps(lesson({"page": "home", "text": "é" * (MAX_BYTES // 2 + 10)}), ensure_ascii=False))
    refused(big.encode("utf-8"))


def test_deep_nesting_refused_before_parsing():
    deep = '{"format": "rnnlab-lesson", "a": ' + "[" * 50_000 + "]" * 50_000 + "}"
    assert nesting(deep) == 50_001
    error = refused(deep)  # json.loads would hit the recursion limit
    says(error, ["50.001", str(MAX_DEPTH)], ["50,001", "levels"])
    # brackets inside strings are text, not nesting
    assert nesting('{"a": "[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{"}') == 1
    assert len(loads(json.dumps(lesson({"page": "home", "text": "[" * 500 + "{" * 500})))) == 1
    nested = lesson({"page": "home", "settings": {"x": {"a": {"b": {"c": {"d": {"e": 1}}}}}}})
    says(refused(nested), ["9"], ["9"])


@pytest.mark.parametrize("scene,place,es,en", [
    ({"page": 3}, "page", "no es una página", "is not a page"),
    ({"page": "home", "title": ["a"]}, "title", "texto", "text"),
    ({"page": "home", "text": {"es": 5}}, "text.es", "texto", "text"),
    ({"page": "home", "needs_run": "yes"}, "needs_run", "true o false", "true or false"),
    ({"page": "home", "hide": "train_cell"}, "hide", "lista", "list"),
    ({"page": "hidden", "hidden": {"t": 1.5}}, "hidden.t", "entero", "whole number"),
    ({"page": "hidden", "hidden": {"t": True}}, "hidden.t", "entero", "whole number"),
    ({"page": "hidden", "hidden": {"t": 0}}, "hidden.t", "fuera del rango", "outside the allowed range"),
    ({"page": "hidden", "hidden": {"t": 10**400}}, "hidden.t", "fuera", "outside"),
    ({"page": "home", "activity": {"kind": "draw", "horizon": 49}}, "activity.horizon", "48", "48"),
    ({"page": "home", "values": []}, "values", "objeto", "object"),
    ({"page": "home", "data": {"source": {"kind": "values", "values": "1,2,3"}}}, "data.source.values",
     "lista", "list"),
    ({"page": "home", "data": {"source": {"kind": "values", "values": [1, "2"]}}},
     "data.source.values[1]", "número", "number"),
    ({"page": "home", "data": {"source": {"kind": "notebook"}, "range": [5, 2, 1]}}, "data.range",
     "fuera del rango", "outside"),
])
def test_wrong_types_and_ranges(scene, place, es, en):
    error = refused(lesson({"page": "home"}, scene))
    says(error, ["Escena 2", place, es], ["Scene 2", place, en])


def test_unknown_pages_and_sections():
    says(refused(lesson({"page": "foo"})), ["Escena 1, page", "«foo»", "no es una página", "hidden"],
         ["Scene 1, page", "“foo”", "is not a page", "hidden"])
    says(refused(lesson({"page": "data", "focus": "stage"})), ["focus", "«stage»", "windows"],
         ["focus", "“stage”", "windows"])


@pytest.mark.parametrize("text,place", [
    (lesson(extra=1), "extra"),
    (lesson({"page": "home", "script": "x"}), "script"),
    (lesson({"page": "hidden", "hidden": {"t": 1, "speed": 2}}), "hidden.speed"),
    (lesson({"page": "home", "values": {"a": {"kind": "series_len", "x": 1}}}), "values.a.x"),
    (lesson({"page": "home", "data": {"source": {"kind": "notebook", "url": "http://x"}}}), "data.source.url"),
    (lesson({"page": "home", "question": {"kind": "value", "preset": "hidden", "params": {"t": 1, "unit": 1, "x": 2}}}),
     "question.params.x"),
    (lesson({"page": "home", "text": {"es": "a", "fr": "b"}}), "text.fr"),
])
def test_unknown_keys(text, place):
    error = refused(text)
    key = place.split(".")[-1]
    says(error, [place, f"«{key}»", "no es un campo"], [place, f"“{key}”", "is not a field"])


def test_duplicate_keys_refused():
    text = '{"format": "rnnlab-lesson", "version": 1, "version": 1, "scenes": [{"page": "home"}]}'
    says(refused(text), ["«version»", "dos veces"], ["“version”", "twice"])


def test_script_in_text_is_only_text():
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> [a](javascript:alert(3)) **b**'
    got = loads(json.dumps(lesson({"page": "home", "title": evil, "text": {"es": evil, "en": evil}})))
    assert got[0].text.es == evil and got[0].title.en == evil  # kept verbatim: the player shows text
    from rnnlab.lessons.values import render_text

    assert render_text(got[0], "en") == [{"text": evil}]  # one plain-text part, nothing parsed


def test_too_long_text_and_title():
    says(refused(lesson({"page": "home", "text": "x" * (MAX_TEXT + 1)})),
         ["Escena 1, text.es", "1.501", "1.500"], ["Scene 1, text.es", "1,501", "1,500"])
    says(refused(lesson({"page": "home", "title": {"en": "y" * 121}})), ["title.en", "121"], ["title.en", "120"])


def test_100000_scenes():
    text = json.dumps(lesson(*[{"page": "home"}] * 100_000))
    assert len(text.encode()) < MAX_BYTES  # the size limit alone would let it in
    says(refused(text), ["100.000 escenas", str(MAX_SCENES)], ["100,000 scenes", str(MAX_SCENES)])
    says(refused(lesson(*[{"page": "home"}] * (MAX_SCENES + 1))), ["61"], ["61"])
    refused(json.dumps({**lesson(), "scenes": []}))


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_nan_and_infinity(token):
    text = json.dumps(lesson({"page": "home", "data": {"source": {"kind": "values", "values": [1, 2]}}}))
    text = text.replace("[1, 2]", f"[1, {token}]")
    says(refused(text), ["no es un número"], ["is not a number"])


def test_series_too_long_or_too_short():
    scene = {"page": "data", "data": {"source": {"kind": "values", "values": [0.5] * (MAX_SERIES + 1)}}}
    says(refused(lesson(scene)), ["Escena 1, data.source.values", "5.001", "5.000"],
         ["Scene 1, data.source.values", "5,001", "5,000"])
    scene = {"page": "data", "data": {"source": {"kind": "values", "values": [0.5]}}}
    says(refused(lesson(scene)), ["al menos 2"], ["at least 2"])
    big = {"page": "data", "data": {"source": {"kind": "values", "values": [1, 10**400]}}}
    says(refused(lesson(big)), ["data.source.values[1]"], ["data.source.values[1]"])


@pytest.mark.parametrize("question,place", [
    ({"kind": "essay"}, "question.kind"),
    ({"kind": "value", "preset": "winner"}, "question.preset"),
    ({"kind": "value", "preset": "gate", "params": {"t": 1, "unit": 1, "gate": "memory"}}, "question"),
    ({"kind": "value", "preset": "gate", "params": {"t": 1, "unit": 1}}, "question"),
    ({"kind": "choice", "text": "Which?", "options": ["only one"]}, "question"),
    ({"kind": "value", "text": ""}, "question"),
    ({"kind": "choice", "preset": "winner", "truth": 1, "revealed": True}, "question.revealed"),
    ({"kind": "choice", "preset": "persistence", "options": ["no", "yes"]}, "question"),
])
def test_bad_questions(question, place):
    says(refused(lesson({"page": "hidden", "question": question})), ["Escena 1", place],
         ["Scene 1", place])


def test_good_questions():
    got = loads(json.dumps(lesson(
        {"page": "hidden", "question": {"kind": "value", "preset": "gate",
                                        "params": {"t": 16, "unit": 1, "gate": "forget"}}},
        {"page": "compare", "question": {"kind": "choice", "preset": "winner"}},
        {"page": "home", "question": {"id": "abcdef01", "kind": "choice", "text": "¿Sí?",
                                       "options": ["Sí", "No"]}})))
    assert got[0].question["id"] == "00000001" and got[1].question["options"] == ["SimpleRNN", "LSTM", "GRU"]
    assert got[2].question["id"] == "abcdef01"


@pytest.mark.parametrize("settings,place,problem_es,problem_en", [
    ({"train_units": 0}, "settings.train_units", "fuera del rango permitido (de 1 a 128)", "(1 to 128)"),
    ({"train_units": 8.5}, "settings.train_units", "entero", "whole number"),
    ({"train_learning_rate": 2.0}, "settings.train_learning_rate", "de 0,000001 a 1", "0.000001 to 1"),
    ({"train_units": "8"}, "settings.train_units", "no es un valor válido", "is not a valid value"),
    ({"train_cell": "Transformer"}, "settings.train_cell", "«Transformer»", "“Transformer”"),
    ({"compare_modern": 1}, "settings.compare_modern", "no es un valor válido", "is not a valid value"),
    ({"train_learning_rate": float("nan")}, "settings.train_learning_rate", "", ""),
    ({"train_preset": True}, "settings.train_preset", "no es un valor válido", "is not a valid value"),
    ({"rm_rf": 1}, "settings.rm_rf", "no es ningún control", "is not a control"),
    ({"data_lookback": [10]}, "settings.data_lookback", "no es un valor válido", "is not a valid value"),
])
def test_bad_settings(settings, place, problem_es, problem_en):
    text = json.dumps(lesson({"page": "train", "settings": settings}))
    says(refused(text), ["Escena 1", place, problem_es], ["Scene 1", place, problem_en])


def test_bad_values_and_marks():
    says(refused(lesson({"page": "home", "values": {"X": {"kind": "series_len"}}})), ["values.X", "«X»"],
         ["values.X"])
    says(refused(lesson({"page": "home", "values": {"a": {"kind": "weather"}}})), ["values.a.kind", "«weather»"],
         ["values.a.kind"])
    says(refused(lesson({"page": "home", "values": {"a": {"kind": "gate", "gate": "forget", "unit": 1}}})),
         ["values.a.t", "falta"], ["values.a.t", "missing"])
    says(refused(lesson({"page": "home", "values": {"a": {"kind": "gate", "gate": "forget", "unit": 65, "t": 1}}})),
         ["values.a.unit"], ["values.a.unit"])
    says(refused(lesson({"page": "home", "text": "x = {x}"})), ["text", "{x}"], ["text", "{x}"])
    many = {f"v{i}": {"kind": "series_len"} for i in range(13)}
    says(refused(lesson({"page": "home", "values": many})), ["values", "13"], ["values", "13"])
    # braces that do not name a value are just text
    assert loads(json.dumps(lesson({"page": "home", "text": "a {B} {1} { x } {"})))[0].text.es == "a {B} {1} { x } {"


def test_not_a_lesson():
    says(refused("not json at all"), ["JSON", "línea 1"], ["JSON", "line 1"])
    says(refused(b"\xff\xfe\x00garbage"), ["UTF-8"], ["UTF-8"])
    says(refused({"format": "other", "version": 1, "scenes": []}), ["format", "«other»"], ["format"])
    says(refused({"format": "rnnlab-lesson", "version": 2, "scenes": [{"page": "home"}]}), ["versión 2"],
         ["version 2"])
    says(refused([1, 2]), ["objeto"], ["object"])
    refused('{"format": "rnnlab-lesson", "version": 1, "scenes": [{"page": "home"}], "n": ' + "9" * 5000 + "}")
    with pytest.raises(LessonError):
        loads(12)


def test_nesting_count_is_linear_and_exact_on_escapes():
    r"""Escaped quotes and backslashes inside strings; a run of \" that made a regular expression
    for strings backtrack quadratically (40 KB took 33 s) is counted in one pass."""
    assert nesting('[["\\\\", ["x"]]]') == 3
    assert nesting(json.dumps({"a": ["\\", {"b": '\\"[['}, [[["é"]]]]})) == 5
    assert nesting('{"a": "ü[", "b": [[1]]}') == 3
    hostile = '{"a": "' + '\\"' * 500_000  # 1 MB, never closed
    assert nesting(hostile) == 1
    says(refused(hostile), ["JSON"], ["JSON"])


def test_a_gate_the_scenes_cell_does_not_have():
    value = {"page": "hidden", "settings": {"hidden_cell": "LSTM"}, "text": "{r}",
             "values": {"r": {"kind": "gate", "gate": "reset", "unit": 1, "t": 2}}}
    says(refused(lesson(value)), ["values.r.gate", "«reset»", "LSTM", "forget"],
         ["values.r.gate", "“reset”", "LSTM", "forget"])
    asked = {"page": "hidden", "settings": {"hidden_cell": "SimpleRNN"},
             "question": {"kind": "value", "preset": "gate", "params": {"t": 2, "unit": 1, "gate": "forget"}}}
    says(refused(lesson(asked)), ["question.params.gate", "SimpleRNN", "—"], ["question.params.gate"])
    # without a cell of its own, the scene follows the reader's: nothing to check yet
    assert len(loads(json.dumps(lesson({**value, "settings": {}})))) == 1


def test_lessons_and_scenes_hash_by_content():
    one = loads(json.dumps(lesson({"page": "train", "settings": {"train_units": 16}})))
    two = loads(json.dumps(lesson({"page": "train", "settings": {"train_units": 16}})))
    assert one == two and hash(one) == hash(two) and len({one, two}) == 1
    assert hash(one[0]) == hash(two[0])


def test_steps_and_units_past_the_scenes_own_stage():
    toy = {"page": "hidden", "settings": {"hidden_source": "toy"}, "hidden": {"t": 6, "unit": 1}}
    says(refused(lesson(toy)), ["hidden.t", "de 1 a 5"], ["hidden.t", "1 to 5"])
    short = {"page": "hidden", "settings": {"hidden_length": 20, "hidden_units": 4}, "text": "{h}",
             "values": {"h": {"kind": "hidden", "unit": 5, "t": 3}}}
    says(refused(lesson(short)), ["values.h.unit", "de 1 a 4"], ["values.h.unit", "1 to 4"])
    asked = {"page": "hidden", "settings": {"hidden_length": 20},
             "question": {"kind": "value", "preset": "prediction", "params": {"t": 21}}}
    says(refused(lesson(asked)), ["question.params.t", "de 1 a 20"], ["question.params.t"])
    # the reader's own stage is not known when the file is read: nothing to check then
    assert len(loads(json.dumps(lesson({**short, "settings": {}})))) == 1
