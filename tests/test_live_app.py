"""AppTest of the live lesson's server side: starting and ending a room, a student joining by
link and applying the teacher's state, bad codes, and nothing new outside a room."""

from __future__ import annotations

from rnnlab.rooms import Rooms
from ui import persist


def rooms() -> Rooms:
    return Rooms(persist._get_store())  # the app's own store (same process as AppTest)


def warnings(at) -> str:
    return "\n".join(str(w.value) for w in at.sidebar.warning)


def test_outside_a_room_only_the_start_and_join_controls_are_new(app_test):
    at = app_test("app.py").run()
    assert not at.exception
    assert at.button(key="live_start").label == "Start a live lesson"
    assert "_live" not in at.session_state
    assert not [b for b in at.button if b.key in ("live_end", "live_unfollow", "live_leave")]


def test_teacher_starts_publishes_and_ends_a_room(app_test):
    at = app_test("app.py").run()
    at.button(key="live_start").click().run()
    assert not at.exception
    info = at.session_state["_live"]
    assert info["role"] == "teacher"
    code = info["code"]
    assert rooms().status(code) == "open"
    shown = rooms().state(code)["shown"]
    assert shown["page"] == "home"
    assert shown["params"]["src"] == "notebook" and shown["params"]["range"] == "0,100,1"  # the opening series
    assert shown["params"]["lb"] == "10" and shown["params"]["vf"] == "0.2"
    assert any(code in str(e.value) for e in at.sidebar.code) or code in info["code"]
    at.button(key="live_end").click().run()
    assert not at.exception
    assert rooms().status(code) == "ended"
    assert "_live" not in at.session_state


def test_student_joins_by_link_and_takes_the_teachers_series_and_split(app_test):
    room = rooms().create()
    rooms().publish(room.code, room.token, {
        "page": "home", "params": {"src": "builtin", "name": "nile", "lb": "7",
                                   "vf": "0.15", "tf": "0.1"}, "settings": {}})
    at = app_test("app.py")
    at.query_params["room"] = room.code.lower()
    at.run()
    assert not at.exception
    info = at.session_state["_live"]
    assert info["role"] == "student" and info["code"] == room.code and info["follow"]
    assert rooms().count(room.code) == 1
    at.run()  # the poll saw the state and asked for a rerun; AppTest reruns on request
    assert at.session_state["series_source"] == {"kind": "builtin", "name": "nile"}
    split = at.session_state["split"]
    assert (split.lookback, split.val_fraction, split.test_fraction) == (7, 0.15, 0.1)
    # Stop following: a later change of the teacher's does not reach this student.
    at.button(key="live_unfollow").click().run()
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "sine", "n": "60"},
                                            "settings": {}})
    at.run()
    assert at.session_state["series_source"] == {"kind": "builtin", "name": "nile"}
    rooms().end(room.code, room.token)
    at.run()
    at.run()
    assert at.session_state["_live"]["ended"]
    assert "ended lesson" in "\n".join(str(i.value) for i in at.sidebar.info)


def test_bad_and_unknown_codes_get_a_clear_message(app_test):
    at = app_test("app.py", lang="es")
    at.query_params["room"] = "12"
    at.run()
    assert not at.exception and "_live" not in at.session_state
    assert "no es un código de sala" in warnings(at)
    at = app_test("app.py")
    at.query_params["room"] = "ZZZZZZ"
    at.run()
    assert "No lesson is open with code ZZZZZZ" in warnings(at)
