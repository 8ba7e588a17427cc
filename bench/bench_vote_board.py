"""Vote twice and the class board for a class of N students, on the store the app would use.

    python bench/bench_vote_board.py                       # 40 students, SQLite in a temp folder
    python bench/bench_vote_board.py --store redis://127.0.0.1:6379/0

The calls the app makes (rnnlab.activities, without the web page in between). Prints, for each
step, its wall time and its store traffic (calls by kind, bytes written): a vote in two rounds
(every answer sent twice: still one each), a student's poll while the class discusses, the
reveal's computation; then the board: every student posts 3 runs (one of them twice), the
teacher's board read and grouped, and one student trying to flood it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.activities import board as bd  # noqa: E402
from rnnlab.activities.board import Board  # noqa: E402
from rnnlab.activities.peer import Peer  # noqa: E402
from rnnlab.classroom import questions as qs  # noqa: E402
from rnnlab.classroom.rooms import RoomError, Rooms  # noqa: E402
from rnnlab.store import open_store  # noqa: E402
from rnnlab.training import TrainConfig  # noqa: E402


class Counted:
    """A store that counts its calls and the bytes written."""

    def __init__(self, store):
        self.store, self.calls, self.written = store, Counter(), 0

    def __getattr__(self, name):
        method = getattr(self.store, name)

        def counted(*args, **kwargs):
            self.calls[name] += 1
            self.written += sum(len(a) for a in args if isinstance(a, bytes))
            return method(*args, **kwargs)
        return counted

    def reset(self):
        self.calls, self.written = Counter(), 0


def step(store: Counted, label: str, fn, per: int = 1):
    store.reset()
    began = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - began
    calls = ", ".join(f"{k} {v}" for k, v in sorted(store.calls.items()))
    each = f" ({1000 * seconds / per:.2f} ms and {sum(store.calls.values()) / per:.1f} store calls each)" if per > 1 else ""
    print(f"{label}: {1000 * seconds:.1f} ms{each}; store: {calls}; {store.written} bytes written")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--store", default="", help="redis://HOST:PORT/DB (default: SQLite in a temp folder)")
    args = parser.parse_args()
    url = args.store or f"sqlite:///{tempfile.mkdtemp(prefix='rnnlab-vote-')}/store.db"
    store = Counted(open_store(url))
    rooms = Rooms(store)
    n = args.students
    print(f"store: {url.split('://')[0]}, {n} students")
    room = rooms.create()
    sids = [f"benchstudent{k:04d}" for k in range(n)]
    step(store, "join", lambda: [rooms.join(room.code, s) for s in sids], n)

    votes = Peer(rooms)
    q = qs.own_question("choice", "Which cell wins?", ["SimpleRNN", "LSTM", "GRU"])
    step(store, "ask round 1", lambda: votes.start(room.code, room.token, q))
    step(store, "round 1: every answer sent twice",
         lambda: [rooms.answer(room.code, s, q.id, k % 3) for k, s in enumerate(sids) for _ in range(2)], 2 * n)
    assert len(rooms.answers(room.code, q.id)) == n
    step(store, "close round 1", lambda: votes.close_first(room.code, room.token))
    from ui.classroom.live_vote import polled  # a student's poll, as ui/classroom/live.py makes it

    step(store, "a student's poll while the class discusses", lambda: [polled(rooms, room.code) for _ in sids], n)
    second = step(store, "ask round 2", lambda: votes.ask_second(room.code, room.token))
    step(store, "round 2: every answer sent twice",
         lambda: [rooms.answer(room.code, s, second.id, 2 if k % 2 else k % 3) for k, s in enumerate(sids)
                  for _ in range(2)], 2 * n)
    result = step(store, "reveal (both rounds and the moves)", lambda: votes.reveal(room.code, room.token, 2, "teacher"))
    m = result.moves
    print(f"  moves: {m.both} voted twice, {m.changed} changed, wrong->right {m.wrong_right}, "
          f"right->wrong {m.right_wrong}")
    step(store, "a student's poll after the reveal", lambda: [polled(rooms, room.code) for _ in sids], n)

    board = Board(rooms)

    def post(k: int, run: str):
        cfg = TrainConfig(units=(16, 32, 64)[k % 3], seed=k)
        return {"kind": "train", "run": run, "settings": asdict(cfg), "mase": 0.5 + (k % 7) / 10,
                "persistence": 1.05, "seasonal": 0.97, "season": 12, "seconds": 3.0, "epochs": 20,
                "series": "bench", "fingerprint": "0123456789abcdef"}
    step(store, "board: every student posts 3 runs (the first twice)",
         lambda: [board.post(room.code, s, post(k, f"r{j}")) for k, s in enumerate(sids) for j in (0, 0, 1, 2)],
         4 * n)
    groups = step(store, "board: the teacher reads and groups it", lambda: bd.groups(board.entries(room.code)))
    print(f"  {sum(len(g.entries) for g in groups)} posts in {len(groups)} groups")
    accepted = 0
    for k in range(100):
        try:
            board.post(room.code, sids[0], post(0, f"flood{k}"))
            accepted += 1
        except RoomError:
            pass
    print(f"board: one student trying 100 more posts: {accepted} accepted "
          f"(cap {bd.MAX_POSTS_PER_STUDENT} per student, {bd.POST_LIMIT.limit} per minute)")
    step(store, "end the room (the vote and the board go)", lambda: rooms.end(room.code, room.token))


if __name__ == "__main__":
    main()
