"""AppTest of the vote in two rounds (ui/classroom/live_vote.py): a teacher runs both rounds, students on
their own screens see round one, the discussion (no answers), round two and the reveal."""

from __future__ import annotations

import json

from rnnlab.activities.peer import Peer
from rnnlab.classroom.rooms import Rooms
from tests.conftest import decode_array, open_app
from ui.classroom.room import info as room_info
from ui.persistence import persist


def rooms() -> Rooms:
    return Rooms(persist.shared_store())


def _html(at) -> str:
    return "\n".join(str(h.value) for h in at.main.get("html"))


def _text(at) -> str:
    return "\n".join(str(m.value) for m in [*at.main.markdown, *at.main.caption])


def _charts(at) -> list[dict]:
    """The live room's charts (the page under it has its own)."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart") if str(el.key).startswith("live_")]


def _student(code: str, lang: str):
    at = open_app("app.py", lang)
    at.query_params["room"] = code
    at.run()
    at.run()  # the poll saw the question and reran
    assert not at.exception
    return at


def test_a_choice_in_two_rounds_discussion_hides_the_answers_and_the_reveal_counts_the_moves():
    teacher = open_app("app.py", "en").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.radio(key="live_q_kind").set_value("choice").run()
    teacher.selectbox(key="live_q_preset_choice").set_value("own").run()
    teacher.text_input(key="live_q_text").input("Which cell forgets?")
    teacher.text_area(key="live_q_options").input("SimpleRNN\nLSTM\nGRU")
    teacher.checkbox(key="live_q_twice").check()
    teacher.button(key="live_ask").click().run()
    assert not teacher.exception
    first_id = room_info(teacher.session_state)["q"]["id"]
    assert Peer(rooms()).vote(code).phase == "first"
    assert "Round 1 of 2" in _text(teacher)

    # round one: es picks LSTM (wrong), en1 picks GRU (right), en2 picks GRU (right)
    picks1 = (("es", 1), ("en", 2), ("en", 2))
    students = []
    for lang, pick in picks1:
        at = _student(code, lang)
        assert 'data-round="1"' in _html(at)
        at.button(key=f"live_choice_{pick}").click().run()
        students.append(at)
    assert "Ronda 1 de 2" in _html(students[0])

    teacher.run()
    teacher.button(key="live_vote_close").click().run()
    teacher.run()
    assert not teacher.exception
    assert rooms().question(code) is None  # off every student's screen
    spec = _charts(teacher)[0]  # round one, for the teacher only
    assert list(decode_array(spec["data"][0]["y"])) == [0, 1, 2]
    for at in students:
        at.run()
        at.run()
        assert not at.exception
        assert 'data-testid="rnnlab-vote-discuss"' in _html(at)
        assert not _charts(at)  # nobody's answers on a student's screen
        assert not [b for b in at.button if str(b.key).startswith("live_choice_")]
        assert room_info(at.session_state)["q_stamp"][1] is False  # the stage still hides the future
    assert "Coméntalo con quien tienes al lado" in _html(students[0])
    assert "Tu respuesta en la ronda 1: LSTM" in _text(students[0])

    teacher.button(key="live_vote_second").click().run()
    assert not teacher.exception
    second_id = room_info(teacher.session_state)["q"]["id"]
    assert second_id != first_id
    # round two: es moves to GRU (wrong -> right), en1 moves to SimpleRNN (right -> wrong), en2 keeps GRU
    for at, pick in zip(students, (2, 0, 2), strict=True):
        at.run()
        at.run()
        assert 'data-round="2"' in _html(at)
        at.button(key=f"live_choice_{pick}").click().run()
        at.button(key=f"live_choice_{pick}").click().run()  # sent twice: counted once
    assert sorted(rooms().answers(code, second_id)) == [0, 2, 2]

    teacher.run()
    teacher.selectbox(key="live_q_mark").set_value(2).run()  # GRU is right
    teacher.button(key="live_reveal").click().run()
    teacher.run()
    assert not teacher.exception
    page = _html(teacher)
    assert 'data-testid="rnnlab-vote-wrong_right" data-count="1"' in page
    assert 'data-testid="rnnlab-vote-right_wrong" data-count="1"' in page
    assert 'data-testid="rnnlab-vote-right_right" data-count="1"' in page
    assert 'data-testid="rnnlab-vote-changed" data-count="2"' in page
    spec = _charts(teacher)[0]
    r1, r2 = spec["data"][0], spec["data"][1]
    assert r1["x"] == ["SimpleRNN", "LSTM", "GRU ✓"]
    assert list(decode_array(r1["y"])) == [0, 1, 2] and list(decode_array(r2["y"])) == [1, 0, 2]
    assert r1["name"] == "Round 1" and r2["name"] == "Round 2"

    es = students[0]
    es.run()
    es.run()
    assert not es.exception
    page = _html(es)
    assert "De incorrecta a correcta: 1" in page and "Respuesta correcta: GRU" in page
    assert "Tú: LSTM en la ronda 1 → GRU en la ronda 2." in _text(es)
    spec = _charts(es)[0]
    assert spec["layout"]["title"]["text"] == "Lo que eligió la clase en cada ronda"
    assert [d["name"] for d in spec["data"]] == ["Ronda 1", "Ronda 2"]
    rooms().end(code, room_info(teacher.session_state)["token"])


def test_a_value_question_in_two_rounds_says_closer_further_and_the_tolerance():
    teacher = open_app("app.py", "es").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.selectbox(key="live_q_preset_value").set_value("own").run()
    teacher.text_input(key="live_q_text").input("¿Cuánto vale h?")
    teacher.checkbox(key="live_q_twice").check()
    teacher.button(key="live_ask").click().run()
    students = [_student(code, "es"), _student(code, "en")]
    for at, value in zip(students, ("0,1", "0.62"), strict=True):
        at.text_input(key="live_answer_value").input(value)
        at.button(key="live_answer_send").click().run()
    teacher.run()
    teacher.button(key="live_vote_close").click().run()
    teacher.button(key="live_vote_second").click().run()
    for at, value in zip(students, ("0,58", "0.8"), strict=True):
        at.run()
        at.run()
        at.text_input(key="live_answer_value").input(value)
        at.button(key="live_answer_send").click().run()
    teacher.run()
    teacher.text_input(key="live_q_truth").input("0,6")
    teacher.button(key="live_reveal").click().run()
    teacher.run()
    assert not teacher.exception
    page = _html(teacher)
    # truth 0.6, tolerance 0.06: es 0.1 -> 0.58 closer and wrong -> right; en 0.62 -> 0.8 further, right -> wrong
    for key, n in (("closer", 1), ("further", 1), ("wrong_right", 1), ("right_wrong", 1), ("changed", 2)):
        assert f'data-testid="rnnlab-vote-{key}" data-count="{n}"' in page
    assert "a menos de 0,06 del valor verdadero" in _text(teacher)
    spec = _charts(teacher)[0]
    assert [d["name"] for d in spec["data"]] == ["Ronda 1", "Ronda 2", "Valor verdadero (0,6)"]
    assert sum(decode_array(spec["data"][0]["y"])) == 2 and sum(decode_array(spec["data"][1]["y"])) == 2
    rooms().end(code, room_info(teacher.session_state)["token"])


def test_a_store_failure_during_a_students_poll_is_said_not_a_traceback(monkeypatch):
    from rnnlab.store import StoreError

    room = rooms().create()
    at = _student(room.code, "en")
    assert room_info(at.session_state)["role"] == "student"

    def down(self, code):
        raise StoreError("the store does not answer")

    store = persist.shared_store()
    monkeypatch.setattr(Rooms, "status", down)
    try:
        at.run()
        assert not at.exception
    finally:
        persist.reset_store_for_tests(store)  # the store is told down for a while: not for the next tests
    monkeypatch.undo()
    rooms().end(room.code, room.token)
