"""Live-lesson rooms on both store backends: SQLite in tmp_path and a real redis-server."""

from __future__ import annotations

import math
import threading

import pytest

from rnnlab import rooms as rm
from rnnlab.rooms import RoomError, Rooms
from tests.test_store import redis_url, store  # noqa: F401 - the store's fixtures, both backends


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def rooms(store, clock):  # noqa: F811 - the imported fixture
    return Rooms(store, clock=clock)


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
        assert err.value.reason == "forbidden"
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
        assert err.value.reason == "ended"


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
    assert err.value.reason == "missing"
    # the store itself forgets the keys with the room: their TTL is the room's remaining time
    real = Rooms(store)
    fresh = real.create()
    real.publish(fresh.code, fresh.token, {"step": 1})
    assert real.status(fresh.code) == "open"


def test_unknown_and_malformed_codes(rooms):
    assert rooms.status("ZZZZZZ") == "missing"
    with pytest.raises(RoomError) as err:
        rooms.status("room:x")
    assert err.value.reason == "bad_code"
    with pytest.raises(RoomError):
        rooms.heartbeat("ZZZZZZ", "student-0000")


def test_untrusted_store_contents_are_ignored(rooms, store):  # noqa: F811
    room = rooms.create()
    key = f"room:{room.code}:state"
    for junk in (b"not json", b"[1, 2]", b'{"seq": "1", "shown": {}}', b'{"seq": 1, "shown": 5}',
                 b"{" * 100_000):
        store.put(key, junk, ttl=60)
        assert rooms.state(room.code) is None
    store.put(f"room:{room.code}:students", b'{"a": "x", "student-0001": 1e99}', ttl=60)
    assert rooms.count(room.code) == 0  # a heartbeat from the future is not a student present
    with pytest.raises(ValueError):
        rooms.publish(room.code, room.token, {"blob": "x" * (rm.MAX_STATE_BYTES + 1)})
