"""AppTest of a lesson played live in the room (ui/classroom/lesson_live.py): the teacher plays a lesson
and moves with Next/Back, a following student's app applies each scene (page, step, text) and
gets the scene's question by itself; a student pages back through the scenes seen so far only,
and "Follow again" returns to the teacher's scene; what the room holds is untrusted."""

from __future__ import annotations

import json

import pytest

from rnnlab.classroom.rooms import Rooms
from rnnlab.i18n.numbers import fmt
from rnnlab.lessons import lesson_room as lr
from tests.conftest import open_app
from tests.rnnlab.test_lesson_room import lesson_text
from ui.classroom.room import info as room_info
from ui.persistence import persist


def rooms() -> Rooms:
    return Rooms(persist.shared_store())


def bar(at) -> dict:
    """The data of the lesson bar's scene element (the player's, ``rnnlab-lesson``), {} if none."""
    found = [json.loads(c.proto.json) for c in at.get("bidi_component")
             if c.proto.id.endswith("-lesson_live_text")]
    assert len(found) <= 1
    return found[0] if found else {}


def scene_shown(at) -> int | None:
    return bar(at).get("scene")


def teacher_playing(lang: str = "en", n: int = 4):
    text = lesson_text(n)
    at = open_app("app.py", lang)
    at.run()
    at.button(key="live_start").click().run()
    at.session_state["_lesson_play"] = {"code": "", "text": text, "scene": 0, "seq": 1}  # the player's
    at.run()
    at.button(key="live_lesson_play_open").click().run()
    assert not at.exception, at.exception
    return at, room_info(at.session_state)["code"]


def student_in(code: str, lang: str = "en"):
    at = open_app("app.py", lang)
    at.query_params["room"] = code
    at.run()
    at.run()  # the poll saw the teacher's state and asked for a rerun, as the browser does
    assert not at.exception, at.exception
    return at


def poll(at, times: int = 2):
    for _ in range(times):
        at.run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("lang", ["en", "es"])
def test_teacher_next_moves_the_following_student_to_the_scene_and_its_question_opens(lang):
    teacher, code = teacher_playing(lang)
    assert "_lesson_play" not in teacher.session_state  # one player on the screen: the room's bar
    assert scene_shown(teacher) == 1
    student = student_in(code, lang)
    assert scene_shown(student) == 1
    assert room_info(student.session_state)["lesson_applied"][1] == 0
    assert rooms().question(code) is None  # scene 1 asks nothing

    teacher.button(key="live_lesson_next").click().run()
    assert not teacher.exception, teacher.exception
    assert scene_shown(teacher) == 2
    q = rooms().question(code)
    assert q is not None and q.preset == "hidden" and q.params == {"t": 4, "unit": 1} and not q.revealed
    poll(student)
    assert scene_shown(student) == 2
    assert room_info(student.session_state)["at"] == "hidden_states"  # the scene's page
    assert student.session_state["hidden_t"] == 3  # the scene's step (its "hidden": t)
    title = "Scene 2" if lang == "en" else "Escena 2"
    assert bar(student)["title"] == title and bar(student)["scenes"] == 4
    # its text names a live value (h of unit 1 at t = 3): written from the engine, the same
    # number the student's own stage computes, in the student's language
    value = [p for p in bar(student)["parts"] if p.get("name") == "h"][0]
    h = float(student.session_state["hidden_view"]["forward"].hidden[2, 0])
    assert value["value"] == fmt(h, lang, sig=4)
    # the scene's question opened by itself on the student's screen (the room's own card)
    assert room_info(student.session_state)["q_stamp"][:2] == [q.id, False]
    assert [w for w in student.text_input if w.key == "live_answer_value"]
    # the teacher reveals (the room's usual button): the engine's truth, from the stage shown
    teacher.button(key="live_reveal").click().run()
    assert not teacher.exception, teacher.exception
    revealed = rooms().question(code)
    view = teacher.session_state["hidden_view"]
    assert revealed.revealed and revealed.how == "engine"
    assert revealed.truth == pytest.approx(float(view["forward"].hidden[3, 0]))
    # Next again (from the room panel's own Next, in view at the projector): the scene after
    # has no question: the previous one goes
    teacher.button(key="live_lesson_side_next").click().run()
    assert rooms().question(code) is None
    poll(student)
    assert scene_shown(student) == 3 and room_info(student.session_state)["at"] == "data"
    rooms().end(code, rooms_token(teacher))


def rooms_token(at) -> str:
    return room_info(at.session_state)["token"]


def test_a_student_pages_back_through_the_seen_scenes_only_and_follows_again():
    teacher, code = teacher_playing()
    student = student_in(code)
    for _ in range(2):
        teacher.button(key="live_lesson_next").click().run()
    poll(student)
    assert scene_shown(student) == 3
    assert student.button(key="live_lesson_next").disabled  # the class has seen 3: not ahead
    student.button(key="live_lesson_back").click().run()
    poll(student, 1)
    assert scene_shown(student) == 2 and not room_info(student.session_state)["follow"]
    assert room_info(student.session_state)["at"] == "hidden_states"
    student.button(key="live_lesson_back").click().run()
    poll(student, 1)
    assert scene_shown(student) == 1 and student.button(key="live_lesson_back").disabled
    # the teacher goes on meanwhile: the student stays where they are, and may now go further
    teacher.button(key="live_lesson_next").click().run()
    poll(student)
    assert scene_shown(student) == 1
    assert room_info(student.session_state)["lesson"]["seen"] == 4
    for _ in range(3):
        student.button(key="live_lesson_next").click().run()
        poll(student, 1)
    assert scene_shown(student) == 4 and student.button(key="live_lesson_next").disabled
    student.button(key="live_lesson_back").click().run()
    poll(student, 1)
    assert scene_shown(student) == 3
    # Follow again: back to the teacher's scene (4)
    student.button(key="live_lesson_follow").click().run()
    poll(student)
    assert room_info(student.session_state)["follow"] and scene_shown(student) == 4
    # the teacher goes back: so does the student, and nothing more was seen
    teacher.button(key="live_lesson_back").click().run()
    poll(student)
    assert scene_shown(student) == 3 and room_info(student.session_state)["lesson"]["seen"] == 4
    rooms().end(code, rooms_token(teacher))


def test_the_teacher_stops_the_lesson_and_the_room_goes_on():
    teacher, code = teacher_playing()
    student = student_in(code)
    teacher.button(key="live_lesson_stop").click().run()
    assert not teacher.exception and not bar(teacher)
    assert rooms().status(code) == "open" and "lesson" not in rooms().state(code)["shown"]
    poll(student)
    assert not bar(student) and "lesson" not in room_info(student.session_state)
    rooms().end(code, rooms_token(teacher))


def test_a_damaged_lesson_or_place_in_the_room_shows_no_scene_and_no_error():
    room = rooms().create()
    text = lesson_text(3)
    lid = lr.LessonRoom(rooms()).publish_lesson(room.code, room.token, text)
    base = {"page": "home", "params": {}, "settings": {}}
    # a place past the scenes seen, then a lesson id the room does not hold
    rooms().publish(room.code, room.token, {**base, "lesson": {"id": lid, "at": 2, "seen": 1, "n": 3}})
    student = student_in(room.code)
    assert not bar(student) and "lesson" not in room_info(student.session_state)
    rooms().publish(room.code, room.token, {**base, "lesson": {"id": "f" * 32, "at": 0, "seen": 1, "n": 3}})
    poll(student)
    assert not bar(student) and not student.exception
    # the room's lesson record replaced by something else under the same id: refused
    lr._parsed.clear()
    rooms().store.put(f"room:{room.code}:lesson", lid.encode() + b"\n" + lesson_text(2).encode(), ttl=60)
    rooms().publish(room.code, room.token, {**base, "lesson": {"id": lid, "at": 0, "seen": 1, "n": 3}})
    poll(student)
    assert not bar(student) and not student.exception
    rooms().end(room.code, room.token)


def test_the_guided_lesson_plays_live_from_the_room_panel():
    from rnnlab.lessons import builtin

    at = open_app("app.py", "es")
    at.run()
    at.button(key="live_start").click().run()
    at.button(key="live_lesson_play").click().run()
    assert not at.exception, at.exception
    code = room_info(at.session_state)["code"]
    shown = rooms().state(code)["shown"]
    lesson = builtin("notebook")
    assert shown["lesson"]["n"] == len(lesson) and shown["lesson"]["at"] == 0
    assert shown["lesson"]["id"] == lr.lesson_id(lesson.dumps())
    assert bar(at)["scene"] == 1 and bar(at)["title"] == lesson.scenes[0].title.get("es")
    student = student_in(code, "es")
    assert scene_shown(student) == 1 and room_info(student.session_state)["at"] == "hidden_states"
    rooms().end(code, rooms_token(at))
