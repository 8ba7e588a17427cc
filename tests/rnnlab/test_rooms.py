"""Live-lesson rooms on both store backends: SQLite in tmp_path and a real redis-server."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from rnnlab.classroom import questions as qs
from rnnlab.classroom import rooms as rm
from rnnlab.classroom.rooms import RoomError, Rooms
from rnnlab.store import SQLiteStore, open_store


def test_codes_are_six_symbols_of_an_unambiguous_32_symbol_alphabet():
    assert len(set(rm.ALPHABET)) == 32 and not set("ILOU") & set(rm.ALPHABET)
    codes = {rm.new_code() for _ in range(2000)}
    assert all(rm.CODE_PATTERN.match(c) for c in codes)
    assert len(codes) > 1990  # 32**6 codes: collisions among 2000 are rare
    used = set("".join(codes))
    assert used == set(rm.ALPHABET)  # every symbol is drawn
    assert math.log2(len(rm.ALPHABET) ** rm.CODE_LENGTH) == 30


def test_typed_codes_are_read_generously():
    assert rm.normalize_code(" abc-12o ") == "ABC120"
    assert rm.normalize_code("iLo9zz") == "110" + "9ZZ"
    for bad in ("", "ABC12", "ABC1234", "ABC12U", "ÁBC123", None, 123456):
        assert rm.normalize_code(bad) is None


def test_create_publish_and_read_back(rooms):
    room = rooms.create()
    assert rooms.status(room.code) == "open"
    assert rooms.state(room.code) is None
    shown = {"page": "hidden_states", "params": {"src": "sine", "n": "100"}, "step": 7}
    assert rooms.publish(room.code, room.token, shown) == 1
    got = rooms.state(room.code)
    assert got["seq"] == 1 and got["shown"] == shown
    assert rooms.publish(room.code, room.token, dict(shown)) == 1  # same again: no new step
    assert rooms.publish(room.code, room.token, {**shown, "step": 8}) == 2
    assert rooms.state(room.code)["shown"]["step"] == 8


def test_only_the_teacher_token_publishes_or_ends(rooms):
    room = rooms.create()
    for token in ("", "x" * 32, None):
        with pytest.raises(RoomError) as err:
            rooms.publish(room.code, token, {"step": 1})
        assert err.value.message.key == "live.error.forbidden"
        with pytest.raises(RoomError):
            rooms.end(room.code, token)
    assert rooms.status(room.code) == "open" and rooms.state(room.code) is None


def test_rooms_are_isolated(rooms):
    a, b = rooms.create(), rooms.create()
    assert a.code != b.code
    rooms.publish(a.code, a.token, {"step": 3})
    rooms.heartbeat(a.code, "student-aaaa")
    assert rooms.state(b.code) is None and rooms.count(b.code) == 0
    with pytest.raises(RoomError):
        rooms.publish(b.code, a.token, {"step": 4})  # A's token is nothing in B
    rooms.end(a.code, a.token)
    assert rooms.status(b.code) == "open"
    rooms.publish(b.code, b.token, {"step": 5})
    assert rooms.state(b.code)["shown"] == {"step": 5}
    assert rooms.state(a.code) is None


def test_students_count_and_go_stale(rooms, clock):
    room = rooms.create()
    assert rooms.count(room.code) == 0
    for n in range(5):
        rooms.heartbeat(room.code, f"student-{n:04d}")
    rooms.heartbeat(room.code, "student-0000")  # twice is still one student
    assert rooms.count(room.code) == 5
    rooms.leave(room.code, "student-0004")
    assert rooms.count(room.code) == 4
    clock.now += rm.STALE_SECONDS - 1
    rooms.heartbeat(room.code, "student-0001")
    assert rooms.count(room.code) == 4
    clock.now += 2  # the others were last heard STALE_SECONDS + 1 ago
    assert rooms.count(room.code) == 1
    with pytest.raises(ValueError):
        rooms.heartbeat(room.code, "short")


def test_heartbeats_from_many_threads_are_all_counted(rooms):
    room = rooms.create()
    errors = []

    def worker(n):
        try:
            for _ in range(3):
                rooms.heartbeat(room.code, f"student-{n:04d}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert rooms.count(room.code) == 20


def test_ending_a_room(rooms):
    room = rooms.create()
    rooms.publish(room.code, room.token, {"step": 2})
    rooms.heartbeat(room.code, "student-0000")
    rooms.end(room.code, room.token)
    assert rooms.status(room.code) == "ended"
    assert rooms.state(room.code) is None and rooms.count(room.code) == 0
    for call in (lambda: rooms.heartbeat(room.code, "student-0000"),
                 lambda: rooms.publish(room.code, room.token, {"step": 3}),
                 lambda: rooms.end(room.code, room.token)):
        with pytest.raises(RoomError) as err:
            call()
        assert err.value.message.key == "live.error.ended"


def test_rooms_expire_after_three_hours(rooms, store, clock):  # noqa: F811
    room = rooms.create()
    assert room.expires - room.created == 3 * 3600
    rooms.publish(room.code, room.token, {"step": 1})
    clock.now += 3 * 3600 - 5
    assert rooms.status(room.code) == "open"
    rooms.heartbeat(room.code, "student-0000")
    clock.now += 6
    assert rooms.status(room.code) == "missing"
    with pytest.raises(RoomError) as err:
        rooms.heartbeat(room.code, "student-0000")
    assert err.value.message.key == "live.error.missing"
    # the store itself forgets the keys with the room: their TTL is the room's remaining time
    real = Rooms(store)
    fresh = real.create()
    real.publish(fresh.code, fresh.token, {"step": 1})
    assert real.status(fresh.code) == "open"


def test_unknown_and_malformed_codes(rooms):
    assert rooms.status("ZZZZZZ") == "missing"
    with pytest.raises(RoomError) as err:
        rooms.status("room:x")
    assert err.value.message.key == "live.error.bad_code"
    with pytest.raises(RoomError):
        rooms.heartbeat("ZZZZZZ", "student-0000")


def test_untrusted_store_contents_are_ignored(rooms, store):  # noqa: F811
    room = rooms.create()
    key = f"room:{room.code}:state"
    for junk in (b"not json", b"[1, 2]", b'{"seq": "1", "shown": {}}', b'{"seq": 1, "shown": 5}',
                 b"{" * 100_000):
        store.put(key, junk, ttl=60)
        assert rooms.state(room.code) is None
    store.set_field(f"room:{room.code}:students", "student-0000", b"x", ttl=60)
    store.set_field(f"room:{room.code}:students", "student-0001", b"1e99", ttl=60)
    assert rooms.count(room.code) == 0  # junk, and a heartbeat from the future, are nobody
    with pytest.raises(ValueError):
        rooms.publish(room.code, room.token, {"blob": "x" * (rm.MAX_STATE_BYTES + 1)})


def _second_connection(store):  # noqa: F811 - another replica's connection to the same store
    if store.name == "sqlite":
        return SQLiteStore(store.path)
    port = store._client.connection_pool.connection_kwargs["port"]
    other = open_store(f"redis://127.0.0.1:{port}/0")
    other.prefix = store.prefix
    return other


def test_heartbeats_through_two_replicas_at_once_are_all_counted(rooms, store):  # noqa: F811
    """Two Rooms on two connections (two replicas): no heartbeat overwrites another."""
    room = rooms.create()
    other = Rooms(_second_connection(store), clock=rooms._clock)
    errors = []

    def worker(r, n):
        try:
            for k in range(10):
                r.heartbeat(room.code, f"student-{n:02d}-{k:02d}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(rooms if n % 2 else other, n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.store.close()
    assert not errors
    assert rooms.count(room.code) == 80


def test_predict_then_reveal_a_value(rooms):
    room = rooms.create()
    assert rooms.question(room.code) is None
    q = qs.value_question("gate", t=12, unit=3, gate="forget", cell="LSTM")
    rooms.ask(room.code, room.token, q)
    got = rooms.question(room.code)
    assert got.id == q.id and got.params == {"t": 12, "unit": 3, "gate": "forget", "cell": "LSTM"}
    assert not got.revealed and got.truth is None  # nothing of the answer is in the room yet
    for n, value in enumerate((0.2, 0.9, 0.5)):
        rooms.heartbeat(room.code, f"student-{n:04d}")
        rooms.answer(room.code, f"student-{n:04d}", q.id, value)
    rooms.answer(room.code, "student-0000", q.id, 0.25)  # answering again replaces the first
    assert rooms.answers(room.code, q.id) == [0.25, 0.5, 0.9]
    assert rooms.answer_count(room.code, q.id) == 3
    assert rooms.my_answer(room.code, "student-0000", q.id) == 0.25
    assert rooms.my_answer(room.code, "student-9999", q.id) is None
    for bad in (float("nan"), float("inf"), 1e9, "0.3", True, None):
        with pytest.raises(ValueError):
            rooms.answer(room.code, "student-0001", q.id, bad)
    with pytest.raises(RoomError) as err:
        rooms.answer(room.code, "student-0001", "0badc0de", 0.1)
    assert err.value.message.key == "live.error.no_question"
    with pytest.raises(RoomError) as err:
        rooms.reveal(room.code, "not the token", q.id, 0.7, "engine")
    assert err.value.message.key == "live.error.forbidden"
    shown = rooms.reveal(room.code, room.token, q.id, 0.7, "engine")
    assert shown.revealed and shown.truth == 0.7 and shown.how == "engine"
    back = rooms.question(room.code)
    assert back.revealed and back.truth == 0.7
    with pytest.raises(RoomError) as err:  # revealed: answers are closed
        rooms.answer(room.code, "student-0002", q.id, 0.1)
    assert err.value.message.key == "live.error.closed"
    assert rooms.answers(room.code, q.id) == [0.25, 0.5, 0.9]


def test_a_choice_a_new_question_and_the_end_clear_answers(rooms, store):  # noqa: F811
    room = rooms.create()
    q = qs.choice_question("winner")
    rooms.ask(room.code, room.token, q)
    for n, pick in enumerate((0, 2, 2, 1)):
        rooms.heartbeat(room.code, f"student-{n:04d}")
        rooms.answer(room.code, f"student-{n:04d}", q.id, pick)
    for bad in (3, -1, 0.5):
        with pytest.raises(ValueError):
            rooms.answer(room.code, "student-0000", q.id, bad)
    got = rooms.question(room.code)
    assert qs.choice_counts(got, rooms.answers(room.code, q.id)) == [1, 1, 2]
    own = qs.own_question("choice", "Which curve is smoother?", ["A", "B"])
    rooms.ask(room.code, room.token, own)  # a new question: the old answers are gone
    assert rooms.answers(room.code, q.id) == [] and rooms.answer_count(room.code, own.id) == 0
    assert store.fields(f"room:{room.code}:answers:{q.id}") == {}
    rooms.answer(room.code, "student-0000", own.id, 1)
    assert rooms.question(room.code).text == "Which curve is smoother?"
    rooms.close_question(room.code, room.token)
    assert rooms.question(room.code) is None
    rooms.ask(room.code, room.token, own)
    rooms.answer(room.code, "student-0000", own.id, 0)
    rooms.end(room.code, room.token)
    assert store.get(f"room:{room.code}:question") is None
    assert store.fields(f"room:{room.code}:answers:{own.id}") == {}


def test_questions_and_answers_stay_in_their_room(rooms):
    a, b = rooms.create(), rooms.create()
    q = qs.value_question("hidden", t=4, unit=1)
    rooms.ask(a.code, a.token, q)
    rooms.heartbeat(a.code, "student-0000")
    rooms.answer(a.code, "student-0000", q.id, 0.1)
    assert rooms.question(b.code) is None
    with pytest.raises(RoomError):
        rooms.answer(b.code, "student-0000", q.id, 0.1)  # A's question is nothing in B
    with pytest.raises(RoomError):
        rooms.ask(b.code, a.token, q)
    assert rooms.answers(b.code, q.id) == []


def test_untrusted_questions_and_answers_are_ignored(rooms, store):  # noqa: F811
    room = rooms.create()
    key = f"room:{room.code}:question"
    good = qs.value_question("hidden", t=4, unit=1).to_dict()
    for junk in ({**good, "id": "../../x"}, {**good, "kind": "essay"}, {**good, "preset": "secret"},
                 {**good, "kind": "choice", "options": ["only one"]}, {**good, "preset": None, "text": ""},
                 {**good, "text": "x" * 10_000}, [1, 2], "text"):
        store.put(key, rm._dumps(junk), ttl=60)
        assert rooms.question(room.code) is None, junk
    store.put(key, rm._dumps({**good, "revealed": True, "truth": "0.5", "how": "engine"}), ttl=60)
    assert rooms.question(room.code).truth is None  # a truth that is not a number is not shown
    store.put(key, rm._dumps(good), ttl=60)
    answers = f"room:{room.code}:answers:{good['id']}"
    for sid, raw in (("s-00000001", b"not json"), ("s-00000002", b"1e400"), ("s-00000003", b"[1]"),
                     ("s-00000004", b"0.5")):
        store.set_field(answers, sid, raw, ttl=60)
    assert rooms.answers(room.code, good["id"]) == [0.5]


def test_true_values_come_from_the_engine_the_stage_draws():
    from rnnlab.data import notebook_series
    from rnnlab.pages import hidden as hd

    settings = hd.Settings(cell="LSTM", units=4, activation="tanh", seed=0, source="series",
                           length=30, start=0)
    values = notebook_series()
    inp = hd.make_input(values, "series", 30, 0, hd.fit_scaler(values, 0.2, 0.2, "minmax"))
    network = hd.build_network(settings)
    forward = hd.forward_pass(network, inp.x)
    # independent: the scratch layer's own forward on the same input, unit 3 at t = 12
    trace = network.layers[0].forward(np.asarray(inp.x).reshape(1, -1, 1))
    gate = qs.value_question("gate", t=12, unit=3, gate="forget")
    assert qs.engine_value(gate, forward, inp) == pytest.approx(trace.gates["forget"][0, 11, 2], abs=1e-12)
    h = qs.value_question("hidden", t=12, unit=3)
    assert qs.engine_value(h, forward, inp) == pytest.approx(trace.hidden[0, 11, 2], abs=1e-12)
    pred = qs.value_question("prediction", t=12)
    assert qs.engine_value(pred, forward, inp) == pytest.approx(
        float(inp.to_original(forward.prediction)[11]), abs=1e-12)
    assert qs.engine_value(qs.value_question("hidden", t=31, unit=1), forward, inp) is None
    assert qs.engine_value(qs.value_question("hidden", t=3, unit=5), forward, inp) is None
    assert qs.engine_value(qs.value_question("gate", t=3, unit=1, gate="reset"), forward, inp) is None


def test_the_histogram_holds_every_answer_and_the_truth():
    edges, counts = qs.histogram([0.1, 0.2, 0.2, 0.9], truth=1.5)
    assert counts.sum() == 4 and edges[0] <= 0.1 and edges[-1] >= 1.5
    edges, counts = qs.histogram([0.3, 0.3], truth=0.3)  # all the same: one bin around it
    assert counts.sum() == 2 and edges[0] < 0.3 < edges[-1]
    assert qs.histogram([], None)[1].size == 0
    assert qs.parse_options("A\n\n B ;C;" + "x" * 99) == ["A", "B", "C", "x" * qs.MAX_OPTION_CHARS]
    with pytest.raises(ValueError):
        qs.own_question("choice", "Which?", ["only"])
    with pytest.raises(ValueError):
        qs.own_question("value", "   ")


# ----- one student, one voice (issue 26 item 21) -----

CLIENT = [("session", "sess-one"), ("browser", "browser-one"), ("address", "addr-one")]


def test_the_join_answer_leave_flood_counts_one_answer_and_honest_students_keep_their_place(rooms, clock):
    """The attack: join, answer, leave, repeat from one client filled the answer cap. A rejoin
    from the same browser is the same student, so however long it goes on it is one answer."""
    room = rooms.create()
    q = qs.value_question("hidden", t=4, unit=1)
    rooms.ask(room.code, room.token, q)
    for n in range(1100):  # past the 1,000 answers that silenced the class
        rooms.join(room.code, "flooder-0000", CLIENT)
        rooms.answer(room.code, "flooder-0000", q.id, float(n))
        rooms.leave(room.code, "flooder-0000")
        clock.now += 3.1  # no faster than 20 answers a minute: the limit never refuses it
    assert rooms.answer_count(room.code, q.id) == 1
    assert rooms.answers(room.code, q.id) == [1099.0]  # the last answer replaced the others
    rooms.join(room.code, "honest-0001", [("session", "s2"), ("browser", "b2"), ("address", "addr-one")])
    assert rooms.answer(room.code, "honest-0001", q.id, 0.3) == 0.3
    assert sorted(rooms.answers(room.code, q.id)) == [0.3, 1099.0]


def test_new_ids_from_one_client_are_slowed_and_joined_students_always_have_room(rooms, clock, monkeypatch):
    room = rooms.create()
    q = qs.choice_question("persistence")
    rooms.ask(room.code, room.token, q)
    for n in range(10):  # one browser, ten made-up student ids: the tenth is the last
        rooms.join(room.code, f"fake-{n:04d}", CLIENT)
    with pytest.raises(RoomError) as err:
        rooms.join(room.code, "fake-0010", CLIENT)
    assert err.value.reason == "slow_down" and 1 <= err.value.message.values["seconds"] <= 60
    assert not rooms.joined(room.code, "fake-0010")
    # A whole class behind one router (one address): 120 joins per 10 minutes, each its own browser.
    for n in range(110):
        rooms.join(room.code, f"class-{n:04d}", [("session", f"s{n}"), ("browser", f"b{n}"),
                                                 ("address", "addr-one")])
    with pytest.raises(RoomError) as err:
        rooms.join(room.code, "class-0110", [("session", "s110"), ("browser", "b110"), ("address", "addr-one")])
    assert err.value.reason == "slow_down"
    # The room is full at MAX_STUDENTS: a new student is told so; every joined one still answers.
    monkeypatch.setattr(rm, "MAX_STUDENTS", 125)
    clock.now += 601
    for n in range(5):
        rooms.join(room.code, f"late-{n:04d}", [("session", f"l{n}"), ("browser", f"lb{n}"), ("address", "a2")])
    with pytest.raises(RoomError) as err:
        rooms.join(room.code, "late-0005", [("session", "l5"), ("browser", "lb5"), ("address", "a2")])
    assert err.value.reason == "full" and err.value.message.values["n"] == 125
    clock.now += 3600  # everyone has gone quiet: present or not, a joined student keeps a place
    for n in range(110):
        rooms.answer(room.code, f"class-{n:04d}", q.id, n % 2)
    rooms.answer(room.code, "late-0004", q.id, 0)
    assert rooms.answer_count(room.code, q.id) == 111
    with pytest.raises(RoomError) as err:  # never joined: no voice
        rooms.answer(room.code, "outsider-0000", q.id, 0)
    assert err.value.reason == "not_joined"


def test_answers_and_code_guesses_are_rate_limited_per_client(rooms, clock):
    room = rooms.create()
    q = qs.value_question("hidden", t=4, unit=1)
    rooms.ask(room.code, room.token, q)
    rooms.join(room.code, "student-0000", CLIENT)
    for n in range(rm.ANSWER_LIMIT.limit):
        rooms.answer(room.code, "student-0000", q.id, float(n))
    with pytest.raises(RoomError) as err:
        rooms.answer(room.code, "student-0000", q.id, 99.0)
    assert err.value.reason == "slow_down"
    assert rooms.answers(room.code, q.id) == [float(rm.ANSWER_LIMIT.limit - 1)]
    clock.now += rm.ANSWER_LIMIT.window
    assert rooms.answer(room.code, "student-0000", q.id, 99.0) == 99.0
    # Guessing codes: five misses a minute, then even the right code waits.
    guesser = [("session", "sess-g"), ("browser", "browser-g"), ("address", "addr-g")]
    for n in range(5):
        with pytest.raises(RoomError) as err:
            rooms.join(f"ZZZZZ{n}", "guesser-0000", guesser)
        assert err.value.reason == "missing"
    began = clock.now
    with pytest.raises(RoomError) as err:
        rooms.join(room.code, "guesser-0000", guesser)
    assert err.value.reason == "slow_down"
    while True:  # tried once a second: the first success comes when the minute's window ends
        clock.now += 1.0
        try:
            rooms.join(room.code, "guesser-0000", guesser)
            break
        except RoomError as exc:
            assert exc.reason == "slow_down"
    assert clock.now - began <= 61
    assert rooms.joined(room.code, "guesser-0000")


def test_two_hundred_simultaneous_answers_none_lost(rooms):
    room = rooms.create()
    q = qs.value_question("hidden", t=4, unit=1)
    rooms.ask(room.code, room.token, q)
    for n in range(200):
        rooms.heartbeat(room.code, f"student-{n:04d}")
    barrier = threading.Barrier(20)

    def answer_some(k: int) -> None:
        barrier.wait()
        for n in range(k, 200, 20):
            rooms.answer(room.code, f"student-{n:04d}", q.id, n / 1000)

    threads = [threading.Thread(target=answer_some, args=(k,)) for k in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert rooms.answers(room.code, q.id) == [n / 1000 for n in range(200)]


def test_the_teachers_trained_network_travels_through_the_room(rooms, store):  # noqa: F811
    room = rooms.create()
    assert rooms.net(room.code) is None
    net = {"id": "0a1b2c3d", "key": ["LSTM", 8, "tanh", 0, "series", "abc", 0.2, 0.2, "standard"],
           "weights": {"0.Wx": [[0.1, -0.2]], "0.b": [0.0, 1.0]}}
    with pytest.raises(RoomError):
        rooms.publish_net(room.code, "not the token", net)
    rooms.publish_net(room.code, room.token, net)
    assert rooms.net(room.code) == net
    with pytest.raises(ValueError):  # too big for a room
        rooms.publish_net(room.code, room.token, {**net, "weights": {"w": [0.123456789] * 300_000}})
    for junk in ({**net, "id": "../x"}, {**net, "weights": "w"}, {**net, "key": [{"a": 1}]}, [1]):
        store.put(f"room:{room.code}:net", rm._dumps(junk), ttl=60)
        assert rooms.net(room.code) is None
    rooms.end(room.code, room.token)
    assert store.get(f"room:{room.code}:net") is None
