"""The lesson model: round trips, the editor's immutable operations, the declared sections."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import pytest

from rnnlab.lessons import (
    FOCUS,
    PAGES,
    VALUE_KINDS,
    Lesson,
    LessonError,
    LText,
    Scene,
    loads,
    model,
)


def small() -> Lesson:
    return loads(json.dumps({"format": "rnnlab-lesson", "version": 1, "title": {"es": "Hola", "en": "Hi"},
                             "scenes": [{"page": "home", "title": "one"}, {"page": "data", "title": "two"},
                                        {"page": "train", "title": "three"}]}))


def titles(lesson: Lesson) -> list[str]:
    return [s.title.en for s in lesson]


def test_round_trip_and_defaults():
    lesson = small()
    assert len(lesson) == 3 and lesson.title == LText("Hola", "Hi")
    again = loads(lesson.dumps())
    assert again == lesson and again.dumps() == lesson.dumps()
    scene = lesson[0]
    assert scene.values == {} and scene.settings == {} and scene.hide == () and scene.question is None
    assert scene.text.get("es") == "" and scene.title.get("es") == "one"
    # a text in one language falls back to the other for a reader of the missing one
    one = Scene.from_dict({"page": "home", "text": {"es": "solo español"}})
    assert one.text.get("en") == "solo español" and one.to_dict()["text"] == {"es": "solo español"}
    assert loads(lesson.dumps().encode("utf-8")) == lesson  # bytes too


def test_scenes_are_frozen_and_own_their_dicts():
    raw = {"page": "train", "settings": {"train_units": 16}}
    scene = Scene.from_dict(raw)
    raw["settings"]["train_units"] = 99
    assert scene.settings == {"train_units": 16}
    with pytest.raises(dataclasses.FrozenInstanceError):
        scene.page = "data"
    exported = scene.to_dict()
    exported["settings"]["train_units"] = 5
    assert scene.settings == {"train_units": 16}


def test_editor_operations_return_new_lessons():
    lesson = small()
    added = lesson.add(Scene.from_dict({"page": "compare", "title": "four"}))
    assert titles(added) == ["one", "two", "three", "four"] and titles(lesson) == ["one", "two", "three"]
    assert titles(lesson.add(Scene(page="home", title=LText("zero", "zero")), at=0))[0] == "zero"
    assert titles(lesson.move(0, 2)) == ["two", "three", "one"]
    assert titles(lesson.move(2, 0)) == ["three", "one", "two"]
    assert titles(lesson.delete(1)) == ["one", "three"]
    assert titles(lesson.replace(1, lesson[2])) == ["one", "three", "three"]
    assert lesson.with_title("Nuevo").title == LText("Nuevo", "Nuevo")
    with pytest.raises(IndexError):
        lesson.delete(3)
    with pytest.raises(LessonError):  # an empty lesson is not a lesson
        lesson.delete(0).delete(0).delete(0)


def test_editor_changes_are_checked_like_a_file():
    scene = Scene.from_dict({"page": "hidden"})
    changed = scene.with_(settings={"hidden_cell": "GRU"}, hidden={"t": 3, "unit": 2, "hide_future": True},
                          focus="stage", text=LText("f = {f}", "f = {f}"),
                          values={"f": {"kind": "gate", "gate": "update", "unit": 2, "t": 3}})
    assert changed.settings == {"hidden_cell": "GRU"} and changed.focus == "stage" and scene.focus is None
    assert changed.marks() == ["f"]
    with pytest.raises(LessonError) as caught:
        scene.with_(focus="curve")
    assert "curve" in caught.value.message.text("es")
    with pytest.raises(LessonError):
        scene.with_(settings={"hidden_units": 1000})
    lesson = small()
    with pytest.raises(LessonError) as caught:  # the message names the scene where it lands
        lesson.replace(2, Scene(page="home", focus="nowhere"))
    assert caught.value.message.values["scene"] == 3
    full = lesson
    for _ in range(model.MAX_SCENES - 3):
        full = full.add(lesson[0])
    with pytest.raises(LessonError):
        full.add(lesson[0])


def test_focus_sections_are_documented_for_the_player():
    """Each FOCUS id is written in the module's docstring under its page (the player's anchors)."""
    doc = model.__doc__
    assert set(FOCUS) == set(PAGES)
    for page, sections in FOCUS.items():
        block = re.search(rf"^- {page}: (.*?)(?=^- |\Z)", doc, re.S | re.M)
        assert block, page
        assert set(re.findall(r"``([a-z_]+)``", block.group(1))) == set(sections), page


def test_value_kinds_have_targets_and_resolvers():
    for name, kind in VALUE_KINDS.items():
        params = {p: spec.default for p, spec in kind.params.items()}
        assert kind.target_id(params) and kind.resolve is not None, name
        assert kind.required <= set(kind.params), name


def test_importing_lessons_stays_light():
    code = ("import sys, rnnlab.lessons as L; L.builtin('notebook'); "
            "L.loads(L.builtin('notebook').dumps()); "
            "print('tensorflow' in sys.modules, 'streamlit' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_a_byte_order_mark_is_not_an_error():
    text = small().dumps()
    assert loads("\ufeff" + text) == small() == loads(("\ufeff" + text).encode("utf-8"))
