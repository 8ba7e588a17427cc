"""The answer flood and code guessing against a live-lesson room, as fast as one client can go.

    python bench/bench_room_flood.py                 # SQLite in a temporary folder, 10 s per attack
    python bench/bench_room_flood.py --seconds 5 --store redis://127.0.0.1:6379/0

Three attacks on rnnlab.classroom.rooms (the calls the app makes, without the web page in between, so
faster than a browser could go), each for ``--seconds`` of real time:

1. join, answer, leave, repeat from one browser (the issue: this filled the 1,000-answer cap in
   3.4 minutes and then silenced the class): how many answers the room holds afterwards;
2. the same with a new student id each time from one network address (a client that drops its
   cookie): how many joins get through, and how many answers;
3. guessing room codes from one client (the issue: 18 tries a second, no limit): how many
   look-ups the room store answered.

Then an honest student joins from the same address and answers: prints whether it counted.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.classroom import questions as qs  # noqa: E402
from rnnlab.classroom.rooms import RoomError, Rooms  # noqa: E402
from rnnlab.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--store", default="", help="redis://HOST:PORT/DB (default: SQLite in a temp folder)")
    args = parser.parse_args()
    url = args.store or f"sqlite:///{tempfile.mkdtemp(prefix='rnnlab-flood-')}/store.db"
    rooms = Rooms(open_store(url))
    room = rooms.create()
    q = qs.value_question("hidden", t=4, unit=1)
    rooms.ask(room.code, room.token, q)
    address = ("address", "addr-" + secrets.token_hex(4))

    # 1. one browser: join, answer, leave, repeat
    me = [("session", "s-" + secrets.token_hex(4)), ("browser", "b-" + secrets.token_hex(4)), address]
    tries = refused = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        tries += 1
        try:
            rooms.join(room.code, "flooder-0000", me)
            rooms.answer(room.code, "flooder-0000", q.id, float(tries))
        except RoomError:
            refused += 1
        rooms.leave(room.code, "flooder-0000")
    print(f"1. one browser, join-answer-leave: {tries / args.seconds:.0f} tries/s, {refused} refused "
          f"(rate limit); the room holds {rooms.answer_count(room.code, q.id)} answer(s)")

    # 2. a new student id each time, one address (a client that drops its cookie each time)
    tries = joins = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        tries += 1
        sid = "fake-" + secrets.token_hex(6)
        who = [("session", "s-" + secrets.token_hex(4)), ("browser", "b-" + secrets.token_hex(4)), address]
        try:
            rooms.join(room.code, sid, who)
            rooms.answer(room.code, sid, q.id, 1.0)
            joins += 1
        except RoomError:
            pass
        rooms.leave(room.code, sid)
    print(f"2. new ids from one address: {tries / args.seconds:.0f} tries/s, {joins} joined and answered "
          f"(limit: 120 per 10 minutes per address); the room holds {rooms.answer_count(room.code, q.id)} answers")

    # 3. guessing codes from one client
    guesser = [("session", "s-" + secrets.token_hex(4)), ("browser", "b-" + secrets.token_hex(4)),
               ("address", "addr-" + secrets.token_hex(4))]
    tries = looked_up = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        tries += 1
        try:
            rooms.join("ZZZZZZ", "guesser-0000", guesser)
        except RoomError as exc:
            looked_up += exc.reason == "missing"
    print(f"3. code guesses from one client: {tries / args.seconds:.0f} tries/s, {looked_up} looked up "
          f"({looked_up / args.seconds:.2f}/s; limit: 5 a minute per session and browser)")

    # Honest students after all that: one who had joined before (same router), one new behind
    # the same router, one new from elsewhere.
    for name, who, before in (
            ("joined before the flood, same address", [("session", "s-h1"), ("browser", "b-h1"), address], True),
            ("new, same address", [("session", "s-h2"), ("browser", "b-h2"), address], False),
            ("new, another address", [("session", "s-h3"), ("browser", "b-h3"), ("address", "addr-other")], False)):
        sid = "honest-" + secrets.token_hex(4)
        if before:
            rooms.heartbeat(room.code, sid)  # (joined at the start of the lesson)
        try:
            rooms.join(room.code, sid, who)
            rooms.answer(room.code, sid, q.id, 0.42)
            print(f"honest student ({name}): answered, counted: {sid in rooms._answers(room.code, q)}")
        except RoomError as exc:
            wait = exc.message.values.get("seconds", "")
            print(f"honest student ({name}): refused: {exc.reason} {wait} s")
    rooms.end(room.code, room.token)


if __name__ == "__main__":
    main()
