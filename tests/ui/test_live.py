"""AppTest of the live lesson's server side: starting and ending a room, a student joining by
link and applying the teacher's state, bad codes, and nothing new outside a room."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from rnnlab.classroom.rooms import Rooms
from tests.conftest import decode_array, open_app
from ui.classroom.room import PENDING
from ui.classroom.room import info as room_info
from ui.i18n import LANG_KEY
from ui.persistence import persist


def rooms() -> Rooms:
    return Rooms(persist.shared_store())  # the app's own store (same process as AppTest)


def warnings(at) -> str:
    return "\n".join(str(w.value) for w in at.sidebar.warning)


def test_outside_a_room_only_the_start_and_join_controls_are_new(app_test):
    at = app_test("app.py").run()
    assert not at.exception
    assert at.button(key="live_start").label == "Start a live lesson"
    assert room_info(at.session_state) is None
    assert not [b for b in at.button if b.key in ("live_end", "live_unfollow", "live_leave")]


def test_teacher_starts_publishes_and_ends_a_room(app_test):
    at = app_test("app.py").run()
    at.button(key="live_start").click().run()
    assert not at.exception
    info = room_info(at.session_state)
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
    assert room_info(at.session_state) is None


def test_student_joins_by_link_and_takes_the_teachers_series_and_split(app_test):
    room = rooms().create()
    rooms().publish(room.code, room.token, {
        "page": "home", "params": {"src": "builtin", "name": "nile", "lb": "7",
                                   "vf": "0.15", "tf": "0.1"}, "settings": {}})
    at = app_test("app.py")
    at.query_params["room"] = room.code.lower()
    at.run()
    assert not at.exception
    info = room_info(at.session_state)
    assert info["role"] == "student" and info["code"] == room.code and info["follow"]
    assert rooms().count(room.code) == 1
    at.run()  # the poll saw the state and asked for a rerun; AppTest reruns on request
    assert at.session_state["session"].source == {"kind": "builtin", "name": "nile"}
    split = at.session_state["session"].split
    assert (split.lookback, split.val_fraction, split.test_fraction) == (7, 0.15, 0.1)
    # Stop following: a later change of the teacher's does not reach this student.
    at.button(key="live_unfollow").click().run()
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "sine", "n": "60"},
                                            "settings": {}})
    at.run()
    assert at.session_state["session"].source == {"kind": "builtin", "name": "nile"}
    rooms().end(room.code, room.token)
    at.run()
    at.run()
    assert room_info(at.session_state)["ended"]
    assert "ended lesson" in "\n".join(str(i.value) for i in at.sidebar.info)


def test_bad_and_unknown_codes_get_a_clear_message(app_test):
    at = app_test("app.py", lang="es")
    at.query_params["room"] = "12"
    at.run()
    assert not at.exception and room_info(at.session_state) is None
    assert "no es un código de sala" in warnings(at)
    at = app_test("app.py")
    at.query_params["room"] = "ZZZZZZ"
    at.run()
    assert "No lesson is open with code ZZZZZZ" in warnings(at)


def test_a_typed_code_refused_is_said_in_the_join_popover_too_a_link_only_above(app_test):
    """The Join popover, open after Join, covers the sidebar's notice above it: the refusal of
    a typed code is said inside the popover as well, at its top; a ?room= link's, with no popover open, above only."""
    def in_popover(at) -> list[str]:
        return [str(w.value) for w in at.sidebar.get("popover")[0].warning]

    at = _app("es").run()
    at.text_input(key="live_code").input("ZZZZZ7")
    at.button(key="live_join").click().run()
    assert not at.exception and room_info(at.session_state) is None
    said = "No hay ninguna clase abierta con el código ZZZZZ7"
    assert [said in w for w in in_popover(at)] == [True]
    assert said in str(at.sidebar.warning[0].value)  # above the buttons, as before
    at.run()
    assert in_popover(at) == [] and not at.sidebar.warning  # said once
    link = app_test("app.py")
    link.query_params["room"] = "ZZZZZ7"
    link.run()
    assert "No lesson is open with code ZZZZZ7" in warnings(link) and in_popover(link) == []


def _app(lang: str = "en"):
    return open_app("app.py", lang)


def _main_text(at) -> str:
    return "\n".join(str(m.value) for m in at.main.markdown) + "\n".join(str(c.value) for c in at.main.caption)


def test_ask_sent_with_the_kind_just_changed_asks_that_kinds_question():
    # Seen under load in a browser: the teacher picks "choice" and Ask goes out before the
    # choice's presets are drawn; under one selectbox key the value preset ("gate") went with
    # it and Ask failed with a traceback. Each kind keeps its own preset.
    from rnnlab.classroom import questions as qs

    teacher = _app("en").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.selectbox(key="live_q_preset_value").set_value("gate")
    teacher.radio(key="live_q_kind").set_value("choice")
    teacher.button(key="live_ask").click().run()  # one message: the new kind and the click
    assert not teacher.exception, teacher.exception
    asked = rooms().question(code)
    assert asked.kind == "choice" and asked.preset == qs.CHOICE_PRESETS[0]
    assert teacher.selectbox(key="live_q_preset_choice").value == qs.CHOICE_PRESETS[0]


def _ask_popover(at):
    """The "Ask the class" popover drawn by the last run (its block's proto)."""
    from streamlit.testing.v1.element_tree import Block

    def walk(node):
        if isinstance(node, Block):
            if getattr(node, "type", "") == "popover" and "-live_ask_open" in node.proto.id:
                yield node.proto
            for child in node.children.values():
                yield from walk(child)

    found = list(walk(at._tree))
    assert len(found) == 1, found
    return found[0]


def _run_with_open_popover(at, popover_id: str):
    """A run as a browser sends it while the popover it drew with ``popover_id`` is open."""
    states = at._tree.get_widget_states()
    states.widgets.add(id=popover_id, bool_value=True)
    return at._run(states)


def test_asking_closes_the_popover_even_when_a_poll_sends_it_open_again():
    # Seen under load in a browser: Ask closed the popover on the server, but a poll's rerun
    # sent before the browser had the closed popover said "open" again, and it stayed open over
    # the question. Each question asked draws a new popover (a new key), closed.
    teacher = _app("en").run()
    teacher.button(key="live_start").click().run()
    teacher.radio(key="live_q_kind").set_value("choice").run()  # (a value question needs the stage)
    opened = _ask_popover(teacher).id
    _run_with_open_popover(teacher, opened)  # the teacher opens it
    assert _ask_popover(teacher).popover.open
    teacher.button(key="live_ask").click()
    _run_with_open_popover(teacher, opened)  # Ask, from the open popover
    assert not teacher.exception, teacher.exception
    assert room_info(teacher.session_state).get("q")
    assert not _ask_popover(teacher).popover.open
    _run_with_open_popover(teacher, opened)  # the poll, from a browser still showing it open
    assert not _ask_popover(teacher).popover.open


def test_a_question_that_cannot_be_asked_says_why_above_ask_and_keeps_the_popover_open():
    # The reason was said at the top of the sidebar: under the open popover on a phone, and
    # gone once the popover closed. It is said in the popover, above Ask, in the teacher's language.
    teacher = _app("es").run()
    teacher.button(key="live_start").click().run()
    teacher.radio(key="live_q_kind").set_value("choice").run()
    teacher.selectbox(key="live_q_preset_choice").set_value("own").run()
    opened = _ask_popover(teacher).id
    teacher.text_input(key="live_q_text").input("¿Cuál gana?")
    teacher.text_area(key="live_q_options").input("Solo una")
    teacher.button(key="live_ask").click()
    _run_with_open_popover(teacher, opened)
    assert not teacher.exception, teacher.exception
    assert not room_info(teacher.session_state).get("q")
    assert [w.value for w in teacher.sidebar.warning] == ["Escribe de 2 a 6 opciones, una por línea."]
    assert _ask_popover(teacher).id == opened and _ask_popover(teacher).popover.open
    teacher.text_area(key="live_q_options").input("Una\nOtra")
    teacher.button(key="live_ask").click()
    _run_with_open_popover(teacher, opened)
    assert room_info(teacher.session_state).get("q") and not teacher.sidebar.warning
    assert not _ask_popover(teacher).popover.open


def test_a_choice_in_the_teachers_words_answered_and_revealed_in_two_languages():
    teacher = _app("en").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.radio(key="live_q_kind").set_value("choice").run()
    teacher.selectbox(key="live_q_preset_choice").set_value("own").run()
    teacher.text_input(key="live_q_text").input("Which curve is *smoother*?")
    teacher.text_area(key="live_q_options").input("Blue\nOrange\n\n")
    teacher.button(key="live_ask").click().run()
    assert not teacher.exception
    qid = room_info(teacher.session_state)["q"]["id"]
    assert rooms().question(code).options == ["Blue", "Orange"]

    students = []
    for lang, pick in (("es", 1), ("en", 1), ("en", 0)):
        at = _app(lang)
        at.query_params["room"] = code
        at.run()
        at.run()  # the poll saw the question and reran
        assert not at.exception
        assert "Which curve is \\*smoother\\*?" in _main_text(at)  # the teacher's words, as typed
        at.button(key=f"live_choice_{pick}").click().run()
        students.append(at)
    es = students[0]
    assert "Tu respuesta: Orange" in "\n".join(str(h.value) for h in es.main.get("html"))
    es.button(key="live_choice_0").click().run()  # changes their mind: replaces, not adds
    assert sorted(rooms().answers(code, qid)) == [0, 0, 1]

    teacher.run()
    assert 'data-count="3"' in "\n".join(str(h.value) for h in teacher.main.get("html"))
    teacher.selectbox(key="live_q_mark").set_value(1).run()
    teacher.button(key="live_reveal").click().run()
    teacher.run()
    assert not teacher.exception
    q = rooms().question(code)
    assert q.revealed and q.truth == 1 and q.how == "teacher"
    spec = json.loads(teacher.get("plotly_chart")[0].proto.spec)
    bars = spec["data"][0]
    assert bars["x"] == ["Blue", "Orange ✓"] and list(decode_array(bars["y"])) == [2, 1]

    es.run()
    es.run()
    assert not es.exception
    spec = json.loads(es.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Lo que eligió la clase"
    assert "Respuesta correcta: Orange" in "\n".join(str(h.value) for h in es.main.get("html"))
    assert room_info(es.session_state)["mine"] == {qid: 0}
    rooms().end(code, room_info(teacher.session_state)["token"])


def test_a_value_question_needs_the_stage_and_a_bad_number_is_explained():
    teacher = _app("es").run()
    teacher.button(key="live_start").click().run()
    teacher.button(key="live_ask").click().run()  # a value preset, but not on Hidden states
    assert "abre Estados ocultos" in warnings(teacher)
    assert "q" not in room_info(teacher.session_state)
    teacher.selectbox(key="live_q_preset_value").set_value("own").run()
    teacher.text_input(key="live_q_text").input("¿Cuántos estudiantes hay hoy?")
    teacher.button(key="live_ask").click().run()
    code = room_info(teacher.session_state)["code"]
    qid = room_info(teacher.session_state)["q"]["id"]
    student = _app("es")
    student.query_params["room"] = code
    student.run()
    student.run()
    student.text_input(key="live_answer_value").input("doce")
    student.button(key="live_answer_send").click().run()
    assert "«doce» no es un número" in "\n".join(str(w.value) for w in student.main.warning)
    student.text_input(key="live_answer_value").input("12,5")
    student.button(key="live_answer_send").click().run()
    assert rooms().answers(code, qid) == [12.5]
    teacher.text_input(key="live_q_truth").input("12")
    teacher.button(key="live_reveal").click().run()
    teacher.run()
    assert rooms().question(code).truth == 12.0
    spec = json.loads(teacher.get("plotly_chart")[0].proto.spec)
    assert [t["type"] for t in spec["data"]] == ["bar", "scatter"]  # the answers and the truth's line
    assert list(decode_array(spec["data"][1]["x"])) == [12.0, 12.0]
    rooms().end(code, room_info(teacher.session_state)["token"])


ASK_ON_HIDDEN = '''
import runpy
from pathlib import Path

import streamlit as st

runpy.run_path(str(Path(ROOT) / "views" / "hidden_states.py"), run_name="__main__")
from rnnlab.declarations.messages import MessageError
from ui.classroom import live_questions

ss = st.session_state
ss["live_q_kind"], ss["live_q_preset_value"] = "value", PRESET
ss["live_q_unit_8"] = 3
try:
    q, truth = live_questions._make_question({}, "hidden_states")
    ss["out"] = (q.to_dict(), truth)
except MessageError as exc:
    ss["out"] = exc.message.key
'''


def _ask_on_hidden(preset: str, **state):
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    script = f"ROOT = {str(root)!r}\nPRESET = {preset!r}\n" + ASK_ON_HIDDEN
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state[LANG_KEY] = "en"
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_value_question_on_hidden_states_takes_the_next_step_and_the_engines_truth():
    for cell, preset in (("SimpleRNN", "hidden"), ("LSTM", "gate"), ("GRU", "prediction")):
        at = _ask_on_hidden(preset, hidden_cell=cell, hidden_t=5)
        question, truth = at.session_state["out"]
        view = at.session_state["hidden_view"]
        assert question["params"]["t"] == 6 and question["params"].get("cell") == cell
        if preset == "hidden":
            expected = view["forward"].hidden[5, 2]
        elif preset == "gate":
            assert question["params"]["gate"] == "forget"
            expected = view["forward"].gates["forget"][5, 2]
        else:
            expected = view["inp"].to_original(view["forward"].prediction)[5]
        assert truth == {"truth": float(expected), "how": "engine", "source": "untrained"}
    at = _ask_on_hidden("gate", hidden_cell="SimpleRNN")
    assert at.session_state["out"] == "live.q.no_gate"
    at = _ask_on_hidden("hidden", hidden_t=50)  # the window's last step: no next one
    assert at.session_state["out"] == "live.q.at_last_step"


def _answers_in(at) -> str:
    return "\n".join(str(w.value) for w in at.main.warning)


def test_join_answer_leave_repeat_is_one_answer_and_a_refused_answer_is_explained(monkeypatch):
    """Issue 26 item 21, through the app: a student who answers, leaves and joins again (by
    link, then by typed code) keeps one answer; an answer refused by the rate limit is said in
    the question's card (it was set in the fragment's rerun and never drawn)."""
    teacher = _app("en").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.radio(key="live_q_kind").set_value("value").run()
    teacher.selectbox(key="live_q_preset_value").set_value("own").run()
    teacher.text_input(key="live_q_text").input("How many?")
    teacher.button(key="live_ask").click().run()
    qid = room_info(teacher.session_state)["q"]["id"]

    flooder = _app("en")
    flooder.query_params["room"] = code
    flooder.run()
    for n in range(8):
        flooder.run()  # the poll sees the question
        flooder.text_input(key="live_answer_value").input(str(n))
        flooder.button(key="live_answer_send").click().run()
        assert not flooder.exception
        flooder.button(key="live_leave").click().run()
        assert room_info(flooder.session_state) is None
        flooder.text_input(key="live_code").input(code.lower())
        flooder.button(key="live_join").click().run()
    assert rooms().answer_count(code, qid) == 1 and rooms().answers(code, qid) == [7.0]
    assert rooms().count(code) == 1  # one student, present

    honest = _app("es")
    honest.query_params["room"] = code
    honest.run()
    honest.run()
    # The limit counts per minute window: on a busy machine 21 sends can straddle two windows,
    # so the rate limit's clock stands still for them (they are 21 sends "within a minute").
    from rnnlab.classroom import ratelimit

    frozen, real_init = time.time(), ratelimit.Limiter.__init__

    def still_clock(self, store, clock=None):
        real_init(self, store, clock=lambda: frozen)

    monkeypatch.setattr(ratelimit.Limiter, "__init__", still_clock)
    for n in range(21):  # changing one's mind 20 times a minute is fine; the 21st is refused
        honest.text_input(key="live_answer_value").input(f"{n},5")
        honest.button(key="live_answer_send").click().run()
    assert "Demasiados intentos seguidos. Espera" in _answers_in(honest)
    assert sorted(rooms().answers(code, qid)) == [7.0, 19.5]
    rooms().end(code, room_info(teacher.session_state)["token"])


def test_option_labels_are_shown_as_typed_in_the_reveal_never_as_html_or_markdown_escapes():
    """Issue 27 item 6: the reveal chart showed `\\<b\\>` (Markdown escapes) in option labels."""
    teacher = _app("en").run()
    teacher.button(key="live_start").click().run()
    code = room_info(teacher.session_state)["code"]
    teacher.radio(key="live_q_kind").set_value("choice").run()
    teacher.selectbox(key="live_q_preset_choice").set_value("own").run()
    teacher.text_input(key="live_q_text").input("Which?")
    teacher.text_area(key="live_q_options").input("<b>bold</b>\nC:\\temp & *x*")
    teacher.button(key="live_ask").click().run()
    student = _app("en")
    student.query_params["room"] = code
    student.run()
    student.run()
    student.button(key="live_choice_0").click().run()
    mine = "\n".join(str(h.value) for h in student.main.get("html"))
    assert "Your answer: &lt;b&gt;bold&lt;/b&gt;." in mine  # as typed, as text
    teacher.selectbox(key="live_q_mark").set_value(1).run()
    teacher.button(key="live_reveal").click().run()
    teacher.run()
    assert not teacher.exception
    x = json.loads(teacher.get("plotly_chart")[0].proto.spec)["data"][0]["x"]
    # Plotly decodes the entities: the bars read "<b>bold</b>" and "C:\temp & *x* ✓", never bold
    assert x == ["&lt;b&gt;bold&lt;/b&gt;", "C:\\temp &amp; *x* ✓"]
    truth = "\n".join(str(h.value) for h in teacher.main.get("html"))
    assert "Right answer: C:\\temp &amp; *x*" in truth
    rooms().end(code, room_info(teacher.session_state)["token"])


def _hidden_page(**state):
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    at = AppTest.from_file(str(root / "views" / "hidden_states.py"), default_timeout=60)
    at.session_state[LANG_KEY] = "en"
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    (found,) = [el for el in at.get("bidi_component") if el.proto.component_name == "rnnlab_stage"]
    return at, json.loads(found.proto.json)


def test_while_a_question_is_open_a_students_stage_data_holds_no_value_past_the_shown_step():
    """Issue 27 item 4: the next step's true value was in every student's browser."""
    room = rooms().create()
    student = {"role": "student", "code": room.code, "sid": "student-0001", "follow": True, "seq": 3,
               "ended": False, "q_stamp": ["0a1b2c3d", False], "q_t": 6, "at": "hidden_states"}
    at, sent = _hidden_page(_live=student, hidden_t=5)
    forward = at.session_state["hidden_view"]["forward"]
    T = forward.hidden.shape[0]
    assert sent["hide_future"] and sent["x"][5:] == [None] * (T - 5) and sent["pred"][5:] == [None] * (T - 5)
    assert sent["x"][:5] == at.session_state["hidden_view"]["payload"]["x"][:5]
    from rnnlab.pages.stage import unpack

    assert not unpack(sent["h"])[5:].any() and unpack(sent["h"])[:5].any()
    # A question in the teacher's own words: nothing past the teacher's step.
    own = {**student, "q_t": None, "shown": {"page": "hidden_states", "settings": {"hidden_t": "9"}}}
    _, sent = _hidden_page(_live=own, hidden_t=9)
    assert sent["x"][9:] == [None] * (T - 9) and None not in sent["x"][:9]
    # Revealed: the whole window again.
    _, after = _hidden_page(_live={**student, "q_stamp": ["0a1b2c3d", True]}, hidden_t=5)
    assert None not in after["x"] and unpack(after["h"])[5:].any()
    # The teacher's stage holds everything while the question is open (it hides it, on the wall).
    teacher = {"role": "teacher", "code": room.code, "token": room.token, "expires": room.expires,
               "page": "hidden_states", "sent": None, "q": {"id": "0a1b2c3d", "revealed": False}}
    _, theirs = _hidden_page(_live=teacher, hidden_t=5)
    assert None not in theirs["x"] and unpack(theirs["h"])[5:].any()
    rooms().end(room.code, room.token)


TEACH_ON_HIDDEN = '''
import runpy
from pathlib import Path

from ui.classroom import live

runpy.run_path(str(Path(ROOT) / "views" / "hidden_states.py"), run_name="__main__")
live.publish()  # what app.py's room panel and the stage's settled step do
'''

FOLLOW_ON_HIDDEN = '''
import runpy
from pathlib import Path

from ui.classroom import live

live.follow("hidden_states", {"hidden_states": "views/hidden_states.py"})
runpy.run_path(str(Path(ROOT) / "views" / "hidden_states.py"), run_name="__main__")
'''


def _script(body: str, **state):
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    at = AppTest.from_string(f"ROOT = {str(root)!r}\n" + body, default_timeout=120)
    at.session_state[LANG_KEY] = "es"
    for key, value in state.items():
        at.session_state[key] = value
    return at


def test_students_following_the_teacher_get_the_network_the_teacher_trained():
    """Issue 26 item 2: after the teacher trained with BPTT on Hidden states, the projector
    said "trained network" and a following phone showed the untrained one."""
    room = rooms().create()
    info = {"role": "teacher", "code": room.code, "token": room.token, "expires": room.expires,
            "page": "hidden_states", "sent": None}
    teacher = _script(TEACH_ON_HIDDEN, _live=info, hidden_epochs=5, hidden_t=7).run()
    assert not teacher.exception, teacher.exception
    assert rooms().state(room.code)["shown"]["net"] is None  # initial weights: nothing to send
    teacher.button(key="hidden_train").click().run()
    assert not teacher.exception, teacher.exception
    deadline = time.monotonic() + 120  # the training runs beside the page: wait until it is done
    while not teacher.session_state["hidden_nets"].get("trained_id") and time.monotonic() < deadline:
        time.sleep(0.5)  # (a poll of the page, as its own progress fragment does)
        teacher.run()
    nets = teacher.session_state["hidden_nets"]
    assert nets.get("trained_id"), "the training did not finish"
    shown = rooms().state(room.code)["shown"]
    assert shown["net"] == nets["trained_id"] and rooms().net(room.code)["id"] == nets["trained_id"]
    theirs = teacher.session_state["hidden_view"]

    follower = {"role": "student", "code": room.code, "sid": "student-0001", "follow": True,
                "seq": None, "ended": False, "q_stamp": None}
    student = _script(FOLLOW_ON_HIDDEN, _live=follower, _live_pending=shown).run()
    assert not student.exception, student.exception
    mine = student.session_state["hidden_view"]
    assert mine["network"] is student.session_state["hidden_nets"]["trained"]
    np.testing.assert_array_equal(mine["forward"].prediction, theirs["forward"].prediction)
    untrained = student.session_state["hidden_nets"]["untrained"]
    assert not np.allclose(untrained.forward(mine["inp"].x.reshape(1, -1, 1)).output[0, :, 0],
                           mine["forward"].prediction)  # (training changed the numbers)
    assert any("Mostrando la red **entrenada**." in str(m.value) for m in student.markdown)

    # The teacher goes back to the initial weights: the class does too.
    teacher.toggle(key="hidden_show_trained").set_value(False).run()
    shown = rooms().state(room.code)["shown"]
    assert shown["net"] is None
    student.session_state["_live_pending"] = shown
    student.run()
    view = student.session_state["hidden_view"]
    assert view["network"] is student.session_state["hidden_nets"]["untrained"]
    rooms().end(room.code, room.token)


def _sidebar_text(at) -> str:
    return "\n".join(str(e.value) for e in (*at.sidebar.caption, *at.sidebar.warning))


def test_follow_again_says_it_replaces_the_students_own_series_and_keeps_it_to_go_back_to():
    """Issue 26 item 4: "Follow again" silently replaced a student's uploaded series."""
    from rnnlab.data import Series
    from ui.session.state import Session

    room = rooms().create()
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "builtin", "name": "nile"},
                                            "settings": {}})
    mine = Series(np.linspace(1.0, 9.0, 80), name="my_shop.csv")
    upload = {"kind": "upload", "name": "my_shop.csv"}
    at = _app("en")
    at.session_state["session"] = Session(series=mine, source=dict(upload), range=(0, 80, 1))
    at.query_params["room"] = room.code
    at.run()
    at.run()  # following from the start: the teacher's series, and the student's is kept aside
    assert at.session_state["session"].source == {"kind": "builtin", "name": "nile"}
    assert "Your series “my\\_shop.csv” is kept." in _sidebar_text(at)
    from ui.persistence import (
        saved_state,  # kept across a reload: the saved state declares it, and it passes
    )

    assert saved_state.is_saved("_live_own_series")
    saved_state.entries()["_live_own_series"].check(at.session_state["_live_own_series"])
    at.button(key="live_own_back").click().run()
    assert at.session_state["session"].source == upload and not room_info(at.session_state)["follow"]
    assert list(at.session_state["session"].series.values) == list(mine.values)

    at.button(key="live_follow").click().run()  # asks first: nothing is replaced yet
    assert not at.exception
    assert "your screen shows their series instead of yours (“my\\_shop.csv”)" in _sidebar_text(at)
    assert at.session_state["session"].source == upload and not room_info(at.session_state)["follow"]
    at.button(key="live_follow_cancel").click().run()
    assert at.session_state["session"].source == upload and not room_info(at.session_state)["follow"]
    at.button(key="live_follow").click().run()
    at.button(key="live_follow_confirm").click().run()
    at.run()
    assert room_info(at.session_state)["follow"]
    assert at.session_state["session"].source == {"kind": "builtin", "name": "nile"}
    at.button(key="live_own_back").click().run()
    assert at.session_state["session"].source == upload
    assert list(at.session_state["session"].series.values) == list(mine.values)
    rooms().end(room.code, room.token)


def test_a_revealed_question_ends_by_itself_when_the_teacher_moves_to_another_step():
    """Issue 26 item 10: after the reveal the old question stayed above every student's page."""
    from rnnlab.classroom import questions as qs

    room = rooms().create()
    q = qs.own_question("value", "How many?")
    rooms().ask(room.code, room.token, q)
    rooms().reveal(room.code, room.token, q.id)
    info = {"role": "teacher", "code": room.code, "token": room.token, "expires": room.expires,
            "page": "hidden_states", "sent": None,
            "q": {"id": q.id, "revealed": True, "at": ["hidden_states", "7"]}}
    teacher = _script(TEACH_ON_HIDDEN, _live=info, hidden_t=7).run()
    assert not teacher.exception, teacher.exception
    assert rooms().question(room.code) is not None  # still where it was revealed: it stays
    teacher.session_state["hidden_t"] = 8  # the stage settled on the next step
    teacher.run()
    assert rooms().question(room.code) is None and "q" not in room_info(teacher.session_state)
    rooms().end(room.code, room.token)


def test_room_code_guesses_are_slowed_down_and_the_student_is_told_how_long_to_wait():
    """Issue 26 item 21: 18 code guesses a second from one client, without limit."""
    room = rooms().create()
    at = _app("es").run()
    for n in range(5):
        at.text_input(key="live_code").input(f"ZZZZZ{n}")
        at.button(key="live_join").click().run()
        assert f"No hay ninguna clase abierta con el código ZZZZZ{n}" in warnings(at)
    at.text_input(key="live_code").input(room.code)  # even the right code waits now
    at.button(key="live_join").click().run()
    assert not at.exception
    assert "Demasiados intentos seguidos. Espera" in warnings(at) and room_info(at.session_state) is None
    assert rooms().count(room.code) == 0
    rooms().end(room.code, room.token)


def test_a_following_students_redraw_of_a_new_state_takes_a_turn(app_test, monkeypatch):
    # The class's redraws of the teacher's new scene go a few at a time (settings.SCENE_REDRAWS,
    # rnnlab.runtime.turns): the run that applies the room's new state takes a turn of the
    # process' queue; a run with nothing new from the room does not.
    from rnnlab.runtime.turns import Turns
    from ui.classroom import live

    class Counted(Turns):
        def __init__(self):
            super().__init__(2, wait=30)
            self.taken = 0

        def turn(self):
            self.taken += 1
            return super().turn()

    counted = Counted()
    monkeypatch.setattr(live, "_turns", {2: counted})
    monkeypatch.setenv("RNNLAB_SCENE_REDRAWS", "2")
    room = rooms().create()
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "sine", "n": "80"},
                                            "settings": {}})
    at = app_test("app.py")
    at.query_params["room"] = room.code
    at.run()  # joins; its poll finds the teacher's state and the rerun applies it, in its turn
    assert not at.exception
    assert at.session_state["session"].source["n"] == 80
    assert counted.taken == 1
    at.run()
    assert counted.taken == 1  # nothing new
    monkeypatch.setenv("RNNLAB_SCENE_REDRAWS", "0")  # all at once: no queue
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "sine", "n": "90"},
                                            "settings": {}})
    at.run()
    at.run()
    assert at.session_state["session"].source["n"] == 90
    assert counted.taken == 1
    rooms().end(room.code, room.token)


def test_a_following_student_is_taken_to_the_teachers_page_by_the_poll(app_test, monkeypatch):
    # The poll that finds the teacher on another page goes there itself (ui/classroom/live.py,
    # _to_its_page): the run on that page applies the state; no run of the old page is drawn
    # only to be left.
    from ui.classroom import live

    room = rooms().create()
    rooms().publish(room.code, room.token, {"page": "home", "params": {"src": "sine", "n": "80"},
                                            "settings": {}})
    at = app_test("app.py")
    at.query_params["room"] = room.code
    at.run()
    assert not at.exception and at.session_state["session"].source["n"] == 80
    switched, switch = [], live.st.switch_page
    monkeypatch.setattr(live.st, "switch_page", lambda page: switched.append(page) or switch(page))
    runs, follow = [], live.follow  # the page each run began on, while it had the new state

    def noted(page_path, pages):
        if live.st.session_state.get(PENDING) is not None:
            runs.append(page_path)
        return follow(page_path, pages)

    monkeypatch.setattr(live, "follow", noted)
    rooms().publish(room.code, room.token, {"page": "data", "params": {"src": "sine", "n": "90"},
                                            "settings": {}})
    at.run()
    assert not at.exception
    assert switched == ["views/data.py"]  # once, by the poll
    assert runs == ["data"]  # the first run with the new state was already on its page
    assert [t.value for t in at.title] == ["Data: the time series"]
    assert at.session_state["session"].source["n"] == 90
    rooms().end(room.code, room.token)
