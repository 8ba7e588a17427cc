"""AppTest of the class board (ui/classroom/live_board.py): a student in a room posts runs from Compare,
is told the nickname and place; the teacher opens the board and puts a run's settings into
Train's controls."""

from __future__ import annotations

import numpy as np

from rnnlab.activities import board as bd
from rnnlab.activities.board import Board
from rnnlab.classroom.rooms import Rooms
from rnnlab.data import notebook_series
from rnnlab.data.windows import split_points
from tests.conftest import open_app
from tests.rnnlab.test_compare import make_run
from ui.persistence import persist


def rooms() -> Rooms:
    return Rooms(persist.shared_store())


def _student(code: str, sid: str, runs, lang: str = "en"):
    rooms().join(code, sid)
    live = {"role": "student", "code": code, "sid": sid, "follow": False, "seq": None, "ended": False,
            "last_hb": 0.0, "q_stamp": None}
    return open_app("views/compare.py", lang, runs=runs, _live=live).run()


def _html(at) -> str:
    return "\n".join(str(h.value) for h in at.get("html"))


def test_a_student_posts_runs_and_the_teacher_opens_one_on_train():
    room = rooms().create()
    values = notebook_series()  # the page's own series: the season (49.5 -> 50) is known
    runs = [make_run("LSTM", 0.10, "b1", "LSTM 32", values=values),
            make_run("GRU", 0.30, "c1", "GRU 16", units=16, values=values)]
    student = _student(room.code, "student0001", runs, "es")
    assert not student.exception
    assert student.button(key="live_board_post_compare").label == "Publicar en el tablero de la clase"
    student.button(key="live_board_post_compare").click().run()
    student.selectbox(key="live_board_pick_compare").set_value("c1").run()
    student.button(key="live_board_post_compare").click().run()
    student.button(key="live_board_post_compare").click().run()  # twice: still one post
    assert not student.exception
    entries = Board(rooms()).entries(room.code)
    assert sorted(e.settings["units"] for e in entries) == [16, 32]
    nick = bd.nickname(entries[0].nick, "es")
    assert f"Publicada en el tablero como «{nick}»: puesto 2 de 2" in _html(student)
    gru = next(e for e in entries if e.settings["cell"] == "GRU")
    # the seasonal naive MASE by hand: test targets y_i against y_(i-50), over the training
    # part's mean absolute step
    train_end, _ = split_points(len(values), 0.2, 0.2)
    index = np.asarray(runs[1].target_index["test"])
    expected = np.mean(np.abs(values[index] - values[index - 50])) / np.mean(np.abs(np.diff(values[:train_end])))
    assert gru.season == 50 and gru.seasonal == expected
    assert gru.mase == runs[1].metrics["test"]["mae"] / np.mean(np.abs(np.diff(values[:train_end])))

    # another student, a run on another series: no seasonal naive (its season is unknown here)
    other = _student(room.code, "student0002", [make_run("LSTM", 0.05, "z9", "LSTM 32")])
    other.button(key="live_board_post_compare").click().run()
    theirs = [e for e in Board(rooms()).entries(room.code, "student0002") if e.mine]
    assert len(theirs) == 1 and theirs[0].seasonal is None and theirs[0].persistence is not None

    teacher = open_app("app.py", "en", _live={"role": "teacher", "code": room.code, "token": room.token,
                                              "expires": room.expires, "page": None, "sent": None})
    teacher.run()
    teacher.button(key="live_board_open").click().run()
    assert not teacher.exception
    page = _html(teacher)
    assert 'data-testid="rnnlab-board-count" data-count="3" data-groups="3"' in page
    ranks = [b for b in teacher.button if str(b.key).startswith("live_board_run_")]
    assert len(ranks) == 3
    gru_id = gru.id
    teacher.button(key=f"live_board_run_{gru_id}").click().run()
    assert not teacher.exception
    ss = teacher.session_state
    assert (ss["train_cell"], ss["train_units"], ss["train_seed"]) == ("GRU", 16, gru.settings["seed"])
    assert ss["train_clipnorm"] == 0.0
    rooms().end(room.code, room.token)
    assert Board(rooms()).entries(room.code) == []


def test_outside_a_room_and_for_the_teacher_there_is_no_post_button():
    at = open_app("views/compare.py", "en", runs=[make_run("LSTM", 0.1, "b1", "LSTM 32")]).run()
    assert not [b for b in at.button if str(b.key).startswith("live_board")]


def test_the_post_button_sits_with_the_run_shown_on_train(monkeypatch):
    from rnnlab.runtime import worker

    # these hand-made runs have no Keras weights: the page's forecast section (not what is
    # tested here) gets flat forecasts instead of loading TensorFlow
    monkeypatch.setattr(worker, "forecast", lambda run, steps, start=None: np.zeros(steps))
    room = rooms().create()
    rooms().join(room.code, "student0003")
    live = {"role": "student", "code": room.code, "sid": "student0003", "follow": False, "seq": None,
            "ended": False, "last_hb": 0.0, "q_stamp": None}
    runs = [make_run("LSTM", 0.10, "b1", "LSTM 32", values=notebook_series()),
            make_run("GRU", 0.20, "c1", "GRU 32", values=notebook_series())]
    at = open_app("views/train.py", "en", timeout=180, runs=runs, _live=live).run()
    assert not at.exception
    assert not [s for s in at.get("selectbox") if s.key == "live_board_pick_train"]  # the run shown, no picker
    at.button(key="live_board_post_train").click().run()
    entries = Board(rooms()).entries(room.code)
    assert [e.settings["cell"] for e in entries] == ["GRU"]  # the newest run is the one shown
    assert "Posted on the board as" in _html(at)
    rooms().end(room.code, room.token)
