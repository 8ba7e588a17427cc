"""rnnlab.lessons.lesson_room: a lesson played live in a room, on SQLite and on a real Redis.

The lesson travels once, by value, bounded; where the class is travels as a small entry of the
room's state; everything a student reads back is checked as untrusted."""

from __future__ import annotations

import json

import pytest

from rnnlab.classroom.rooms import MAX_LESSON_BYTES, MAX_STATE_BYTES, RoomError, Rooms
from rnnlab.lessons import lesson_room as lr
from rnnlab.lessons import loads


def lesson_text(n: int = 3, pad: str = "") -> str:
    scenes = []
    for k in range(n):
        scene = {"page": "hidden" if k % 2 else "data", "title": {"es": f"Escena {k + 1}", "en": f"Scene {k + 1}"},
                 "text": {"es": f"Texto {k + 1}{pad}", "en": f"Text {k + 1}{pad}"}}
        if k % 2:
            scene["hidden"] = {"t": 2 + k, "unit": 1, "hide_future": False}
            scene["values"] = {"h": {"kind": "hidden", "unit": 1, "t": 2 + k}}
            scene["text"] = {"es": f"Texto {k + 1}: h = {{h}}{pad}", "en": f"Text {k + 1}: h = {{h}}{pad}"}
            scene["question"] = {"kind": "value", "preset": "hidden", "params": {"t": 3 + k, "unit": 1}}
        scenes.append(scene)
    return json.dumps({"format": "rnnlab-lesson", "version": 1, "title": {"es": "Prueba", "en": "Test"},
                       "scenes": scenes}, ensure_ascii=False)


@pytest.fixture
def rooms(store):
    return Rooms(store)  # the real clock (tests/rnnlab/conftest.py's store, both backends)


@pytest.fixture(autouse=True)
def fresh_cache():
    lr._parsed.clear()
    yield
    lr._parsed.clear()


def test_the_lesson_goes_once_and_comes_back_validated_and_the_same(rooms):
    room = rooms.create()
    lessons = lr.LessonRoom(rooms)
    text = lesson_text()
    lid = lessons.publish_lesson(room.code, room.token, text)
    assert lid == lr.lesson_id(text) and len(lid) == 32
    got = lessons.lesson(room.code, lid)
    assert got == loads(text) and len(got) == 3
    assert lessons.lesson(room.code, "0" * 32) is None  # another id: not this room's lesson
    # a second student of the same process gets the parsed lesson without reading the store
    reads = []
    real_get = rooms.store.get
    rooms.store.get = lambda key: reads.append(key) or real_get(key)
    assert lessons.lesson(room.code, lid) is got and reads == []


def test_only_the_teacher_publishes_and_the_end_of_the_room_takes_the_lesson(rooms):
    room = rooms.create()
    lessons = lr.LessonRoom(rooms)
    with pytest.raises(RoomError) as refused:
        lessons.publish_lesson(room.code, "not-the-token", lesson_text())
    assert refused.value.reason == "forbidden"
    lid = lessons.publish_lesson(room.code, room.token, lesson_text())
    rooms.end(room.code, room.token)
    assert rooms.store.get(f"room:{room.code}:lesson") is None
    lr._parsed.clear()
    assert lessons.lesson(room.code, lid) is None


def test_a_lesson_above_the_cap_is_refused_before_the_store_is_asked(rooms):
    room = rooms.create()
    lessons = lr.LessonRoom(rooms)
    big = lesson_text(pad="x" * 1400)
    assert len(big.encode()) < MAX_LESSON_BYTES
    huge = "x" * (MAX_LESSON_BYTES + 1)
    with pytest.raises(ValueError, match="capped"):
        lessons.publish_lesson(room.code, room.token, huge)
    assert rooms.store.get(f"room:{room.code}:lesson") is None


@pytest.mark.parametrize("damage", ["other_text", "bad_json", "not_a_lesson", "oversize", "no_head"])
def test_what_a_student_reads_is_untrusted_a_damaged_lesson_is_none(rooms, damage):
    room = rooms.create()
    lessons = lr.LessonRoom(rooms)
    text = lesson_text()
    lid = lessons.publish_lesson(room.code, room.token, text)
    lr._parsed.clear()
    key = f"room:{room.code}:lesson"
    written = {
        "other_text": lid.encode() + b"\n" + lesson_text(4).encode(),  # digest does not match the id
        "bad_json": None,
        "not_a_lesson": None,
        "oversize": lid.encode() + b"\n" + b" " * (MAX_LESSON_BYTES + 100),
        "no_head": text.encode(),
    }[damage]
    if damage == "bad_json":
        body = "{not json"
        lid = lr.lesson_id(body)
        written = lid.encode() + b"\n" + body.encode()
    if damage == "not_a_lesson":  # the id matches, but the format refuses the file (100 scenes)
        body = lesson_text(100)
        lid = lr.lesson_id(body)
        written = lid.encode() + b"\n" + body.encode()
    rooms.store.put(key, written, ttl=60)
    assert lessons.lesson(room.code, lid) is None


def test_the_rooms_bounds_are_the_lesson_formats():
    from rnnlab.lessons import model

    assert MAX_LESSON_BYTES == model.MAX_BYTES and lr.MAX_SCENES == model.MAX_SCENES == 60


def test_the_place_in_the_lesson_is_small_and_checked():
    lid = lr.lesson_id(lesson_text())
    place = lr.pointer(lid, 0, 1, 3)
    assert place == {"id": lid, "at": 0, "seen": 1, "n": 3}
    assert len(json.dumps(place)) < 100 < MAX_STATE_BYTES  # the state students poll stays small
    # the teacher moves on: the class has seen one more; Back keeps what was seen
    place = lr.move(place, 1)
    place = lr.move(place, 2)
    assert place == {"id": lid, "at": 2, "seen": 3, "n": 3}
    assert lr.move(place, 0) == {"id": lid, "at": 0, "seen": 3, "n": 3}
    assert lr.move(place, 9)["at"] == 2 and lr.move(place, -4)["at"] == 0  # clamped to the lesson
    # a student pages through the scenes seen so far, never ahead of the class
    seen_two = lr.pointer(lid, 1, 2, 3)
    assert [lr.page_to(seen_two, k) for k in (-1, 0, 1, 2, 7)] == [0, 0, 1, 1, 1]


@pytest.mark.parametrize("raw", [
    None, "x", [], {}, {"id": "A" * 32, "at": 0, "seen": 1, "n": 3},
    {"id": "a" * 31, "at": 0, "seen": 1, "n": 3},
    {"at": 0, "seen": 1, "n": 3},
    {"id": "a" * 32, "at": 0, "seen": 1, "n": 3, "extra": 1},
    {"id": "a" * 32, "at": 3, "seen": 4, "n": 3},  # seen past the lesson
    {"id": "a" * 32, "at": 2, "seen": 2, "n": 3},  # at a scene not seen
    {"id": "a" * 32, "at": -1, "seen": 1, "n": 3},
    {"id": "a" * 32, "at": True, "seen": 1, "n": 3},
    {"id": "a" * 32, "at": 0.0, "seen": 1, "n": 3},
    {"id": "a" * 32, "at": 0, "seen": 1, "n": 61},  # more scenes than a lesson has
    {"id": "a" * 32, "at": 0, "seen": 0, "n": 3},
    {"id": "a" * 32, "at": "0", "seen": 1, "n": 3},
])
def test_a_bad_place_read_back_is_none(raw):
    assert lr.read_pointer(raw) is None


def test_a_place_that_is_not_one_is_refused_when_made():
    with pytest.raises(ValueError):
        lr.pointer("a" * 32, 2, 2, 3)
    with pytest.raises(ValueError):
        lr.pointer("nope", 0, 1, 3)


def test_a_scenes_text_is_written_once_per_process_for_the_whole_class(monkeypatch):
    import threading

    from rnnlab.lessons import builtin
    from rnnlab.lessons import values as lv

    lesson = builtin("notebook")
    lid = lr.lesson_id(lesson.dumps())
    k = next(i for i, s in enumerate(lesson.scenes) if s.values)  # a scene with live values
    expected = {lang: lv.render_text(lesson.scenes[k], lang) for lang in ("es", "en")}
    calls = []
    real = lv.render_text
    monkeypatch.setattr(lv, "render_text", lambda scene, lang: calls.append(lang) or real(scene, lang))
    monkeypatch.setattr(lr, "_texts", type(lr._texts)())  # a fresh process' cache
    got = []
    students = [threading.Thread(target=lambda lang=lang: got.append(
        (lang, lr.scene_text(lid, lesson.scenes[k], k, lang)))) for lang in ["es"] * 30 + ["en"] * 10]
    for s in students:
        s.start()
    for s in students:
        s.join(timeout=60)
    assert sorted(calls) == ["en", "es"]  # forty students, written once per language
    assert len(got) == 40 and all(parts == expected[lang] for lang, parts in got)
    assert any(part.get("name") for part in expected["en"])  # live values were written in
