"""AppTest of Draw the future: the teacher opens it on the room's series, students send drawings
(resent = replaced, bad ones explained), the teacher reveals, each student sees their own
place, and a lesson scene can open it through ``open_draw``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rnnlab.activities.draw import Draws
from rnnlab.classroom.rooms import Rooms
from tests.conftest import open_app, shown_text
from ui.classroom.room import info as room_info
from ui.i18n import LANG_KEY
from ui.persistence import persist


def rooms() -> Rooms:
    return Rooms(persist.shared_store())


def _teacher(lang="en", h=5):
    teacher = open_app("app.py", lang).run()
    teacher.button(key="live_start").click().run()
    teacher.number_input(key="live_draw_h").set_value(h).run()
    teacher.button(key="live_draw_open").click().run()
    assert not teacher.exception
    return teacher


def _student(code, lang="en"):
    at = open_app("app.py", lang)
    at.query_params["room"] = code
    at.run()
    at.run()  # the poll saw the activity and asked for a rerun
    assert not at.exception
    return at


def _html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _draw(at, values):
    """What the surface reports when a student lifts the finger: {"id", "values"}."""
    aid = room_info(at.session_state)["draw_stamp"]["id"]
    at.session_state[f"live_draw_surface_{aid}"] = {"points": {"id": aid, "values": list(values)}}
    return at


def test_teacher_opens_students_send_and_the_reveal_places_each_one_privately():
    teacher = _teacher("en", h=5)
    info = room_info(teacher.session_state)
    code, mine = info["code"], info["draw"]
    spec = Draws(rooms()).spec(code)
    # the room's current series (the notebook's, 100 values) cut at its test start (80)
    assert (spec.horizon, spec.cut, len(spec.shown)) == (5, 80, 80)
    assert "truth" not in json.dumps(spec.to_dict())  # the truth stays in the teacher's session
    truth = np.asarray(mine["truth"])
    assert len(truth) == 5 and teacher.button(key="live_reveal")
    assert "Draw the next 5 points" in shown_text(teacher)
    hidden = "st-key-live_draw_slot) ~ * { display: none"  # the page below may show the future
    assert hidden in _html(teacher)

    good = _student(code, "es")
    assert good.button(key="live_draw_send").label == "Enviar mi dibujo"
    assert hidden in _html(good)
    _draw(good, truth + 0.01).button(key="live_draw_send").click().run()
    assert not good.exception
    assert "Dibujo enviado" in _html(good)
    # sent twice: replaced, counted once
    _draw(good, truth).button(key="live_draw_send").click().run()
    flat = _student(code, "en")
    _draw(flat, [spec.last] * 5).button(key="live_draw_send").click().run()
    bad = _student(code, "en")
    _draw(bad, [1.0, None, 2.0, 3.0, 4.0]).button(key="live_draw_send").click().run()
    assert "2 of the 5 points are missing" not in shown_text(bad)
    assert "1 of the 5 points are missing" in shown_text(bad)
    assert Draws(rooms()).count(code, spec.id) == 2

    teacher.button(key="live_reveal").click().run()
    assert not teacher.exception
    result = Draws(rooms()).result(code, spec)
    assert result is not None and len(result.drawings) == 2
    assert {r["who"] for r in result.rows} == {"class", "seasonal_naive", "ets"}  # no Train run
    assert "The network is missing" in shown_text(teacher)
    assert "1 of 2 drawings carry the last value on flat" in _html(teacher)
    assert 'data-count="2"' in _html(teacher)
    assert hidden not in _html(teacher)  # the page is back

    good.run()
    good.run()  # the poll saw the reveal
    score = [h for h in good.main.get("html") if "rnnlab-draw-score" in h.proto.body]
    assert score and 'data-place="1"' in score[0].proto.body and "Puesto 1 de 2" in score[0].proto.body
    assert hidden not in _html(good)
    flat.run()
    flat.run()
    score = [h for h in flat.main.get("html") if "rnnlab-draw-score" in h.proto.body]
    assert 'data-place="2"' in score[0].proto.body
    # nobody's id is anywhere in what the room shows
    sids = [room_info(good.session_state)["sid"], room_info(flat.session_state)["sid"]]
    body = json.dumps(result.to_dict())
    assert not any(sid in body for sid in sids)
    # the chart has alt text
    alt = next(c.proto.alt for c in good.get("plotly_chart") if c.key == "live_draw_reveal")
    assert "posición 80" in alt and "La realidad va de" in alt and "Mediana de la clase" in alt


def test_absurd_values_are_clipped_with_a_message_and_nan_is_refused():
    teacher = _teacher("en", h=3)
    code = room_info(teacher.session_state)["code"]
    at = _student(code, "en")
    _draw(at, [0.1, 1e9, 0.2]).button(key="live_draw_send").click().run()
    assert "1 points were out of any reasonable range" in shown_text(at)
    spec = Draws(rooms()).spec(code)
    assert Draws(rooms()).drawings(code, spec)[0][1] == pytest.approx(spec.band()[1])
    _draw(at, [0.1, float("nan"), 0.2]).button(key="live_draw_send").click().run()
    assert "not a finite number" in shown_text(at)


def test_closed_drawings_refuse_a_late_send_and_the_page_comes_back_after_the_reveal():
    teacher = _teacher("es", h=4)
    code = room_info(teacher.session_state)["code"]
    at = _student(code, "en")
    teacher.button(key="live_draw_close").click().run()
    assert "Dibujos cerrados" in shown_text(teacher)
    at.run()
    at.run()
    assert not [b for b in at.button if b.key == "live_draw_send"]
    assert "wait for the teacher to show the answer" in shown_text(at)


def _scene_script():
    """What a lesson scene's player does in the teacher's run: open the drawing of its horizon."""
    import streamlit as st

    from ui.classroom import live, live_draw, room
    from ui.session import state

    state.ensure_defaults()
    if room.info() is None:
        live._start()
    st.session_state["opened"] = live_draw.open_draw(room.info(), st.session_state.get("h", 7))


def test_a_lesson_scene_opens_the_drawing_through_open_draw():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_scene_script, default_timeout=60)
    at.session_state[LANG_KEY] = "es"
    at.run()
    assert not at.exception and at.session_state["opened"] is True
    code = room_info(at.session_state)["code"]
    assert Draws(rooms()).spec(code).horizon == 7
    at.session_state["h"] = 60  # a scene's horizon outside 1..48: refused, said in the sidebar
    at.run()
    assert at.session_state["opened"] is False
    assert at.session_state["_live_notice"].key == "draw.error.horizon"
    assert Draws(rooms()).spec(code).horizon == 7  # the open one stays


def test_the_network_row_is_the_teachers_newest_train_run_on_that_series(monkeypatch):
    from dataclasses import replace

    from rnnlab.data import notebook_series
    from rnnlab.runtime import worker
    from testkit import fake_run

    calls = []

    def forecast(run, steps, start=None):  # the network's own forecast is tested with Train's
        calls.append((run.name, steps, start))
        return np.linspace(-1.0, 1.0, steps)

    monkeypatch.setattr(worker, "forecast", forecast)
    teacher = open_app("app.py", "en").run()
    teacher.button(key="live_start").click().run()
    runs = teacher.session_state["session"].runs
    runs.append(replace(fake_run(1), status="completed", name="old GRU", run_id="00000001",
                        values=notebook_series()))
    runs.append(replace(fake_run(2), status="completed", name="new LSTM", run_id="00000002",
                        values=notebook_series()))
    runs.append(replace(fake_run(3), status="completed", name="another series", run_id="00000003"))
    runs.append(replace(fake_run(4), status="stopped", name="stopped", run_id="00000004",
                        values=notebook_series()))
    teacher.number_input(key="live_draw_h").set_value(4).run()
    teacher.button(key="live_draw_open").click().run()
    assert calls == [("new LSTM", 4, 80)]  # the newest finished run on this very series, from the cut
    code = room_info(teacher.session_state)["code"]
    student = _student(code, "en")
    _draw(student, [0.0, 0.1, 0.2, 0.3]).button(key="live_draw_send").click().run()
    teacher.button(key="live_reveal").click().run()
    assert not teacher.exception
    spec = Draws(rooms()).spec(code)
    result = Draws(rooms()).result(code, spec)
    assert result.forecasts["network"] == pytest.approx(np.linspace(-1.0, 1.0, 4).tolist())
    assert result.network == "new LSTM"
    row = next(r for r in result.rows if r["who"] == "network")
    truth = np.asarray(result.truth)
    from rnnlab.activities.draw import scale

    expected = np.mean(np.abs(np.linspace(-1.0, 1.0, 4) - truth)) / scale(spec.shown, spec.season)[0]
    assert row["mase"] == pytest.approx(expected)
    table = next(d.value for d in teacher.dataframe if "Who" in d.value.columns)
    assert "Network: new LSTM" in table["Who"].tolist()
    assert "The network is missing" not in shown_text(teacher)
