"""Draw the future with a whole class: a teacher and N students (Streamlit's websocket protocol,
bench/classroom.py and bench/bench_live.py's LiveClient) on one server, with each store.

    python bench/bench_live_draw.py                    # 40 students, SQLite then Redis
    python bench/bench_live_draw.py --students 10 --stores sqlite

For each store (SQLite in a temporary data folder; Redis: a redis-server this script starts on a
free port and stops): the teacher starts a room and opens "draw the next 12 points"; every
student joins with ?room=CODE and polls the room every second as a browser tab does; within
``--window`` seconds (10) every student "draws" (the surface reports its points as the
component's state, as ui/classroom/draw.js does when a finger lifts) and presses Send; ``--resend`` of them
(a fifth) draw again and send a second time. Then the teacher presses Show the answer.

Prints, per store:
- sends: how many, server time of a send (p50 / p95), refused sends;
- stored: drawings in the room against students who sent (a resend counts once), and whether
  every student's LAST drawing is among them (no lost answer, no stale one);
- reveal: from the teacher's click to each student's screen receiving their own score
  (p50 / p95 / max; the issue's target p95 < 2 s), and from the result being in the room
  (the click's run includes scoring: ETS's fit);
- the server's RSS before the class, and its peak (VmHWM);
- store traffic during the drawing window and the reveal: Redis INFO (commands, bytes in/out);
  SQLite: bytes the server process wrote to disk (/proc/PID/io) and the database's growth.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_live import LiveClient  # noqa: E402
from bench.classroom import Server, _run_async  # noqa: E402
from testkit import free_port  # noqa: E402

SURFACE = re.compile(r"live_draw_surface_([0-9a-f]{8})$")
SCORE = 'data-testid="rnnlab-draw-score"'
HORIZON = 12  # ui/live_draw's default H (the teacher's number input is left as it is)


class DrawClient(LiveClient):
    """A LiveClient that also notes when its own score (the reveal) reaches it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.score_at: float | None = None
        self._lock = asyncio.Lock()  # one run at a time, as a browser tab queues them
        self.sent: list[list[float]] = []
        self.send_seconds: list[float] = []
        self.refused = 0

    def _delta(self, delta) -> None:
        super()._delta(delta)
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        if element.WhichOneof("type") == "html" and SCORE in element.html.body and self.score_at is None:
            self.score_at = time.perf_counter()
        if element.WhichOneof("type") == "alert" and "block" in element.alert.icon:
            self.refused += 1

    async def _run(self, *args, **kwargs) -> float:
        async with self._lock:
            return await super()._run(*args, **kwargs)

    async def poll_forever(self, stop: asyncio.Event) -> None:
        """Run EVERY auto-rerunning fragment at its interval, as the browser does (the room's
        poll in the sidebar, and the drawing card's own until the reveal), each on its clock."""
        due: dict[str, float] = {}
        while not stop.is_set():
            now = time.perf_counter()
            fragments = dict(self.auto_fragments)
            for fragment in list(due):
                if fragment not in fragments:
                    due.pop(fragment)
            for fragment, interval in fragments.items():
                due.setdefault(fragment, now + interval)
            if not due:
                await asyncio.sleep(0.2)
                continue
            fragment = min(due, key=due.get)
            await asyncio.sleep(max(0.0, due[fragment] - time.perf_counter()))
            if stop.is_set():
                return
            due[fragment] = time.perf_counter() + fragments[fragment]
            try:
                self.poll_seconds.append(await self._run(fragment_id=fragment, auto=True))
            except Exception as exc:  # noqa: BLE001 - reported, the class goes on
                self.errors.append(f"poll: {type(exc).__name__}: {exc}")
                await asyncio.sleep(1)

    def surface(self) -> tuple[str, str] | None:
        for key in self.widgets:
            match = SURFACE.search(key)
            if match:
                return key, match.group(1)
        return None

    async def draw_and_send(self, rng: random.Random) -> None:
        """As the browser: the stroke's end reports the points (a fragment rerun), then Send."""
        key, aid = self.surface()
        values = [round(rng.uniform(-1.5, 1.5), 6) for _ in range(HORIZON)]
        widget_id, fragment = self.widgets[key]
        self.values[widget_id] = ("json_value", json.dumps({"points": {"id": aid, "values": values}}))
        started = time.perf_counter()
        await self._run(fragment_id=fragment)
        await self.click("live_draw_send")
        self.send_seconds.append(time.perf_counter() - started)
        self.sent.append(values)


def _io_written(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/io") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("write_bytes:"))
    except (OSError, StopIteration):
        return 0


def _draws(store_url: str, data_dir: Path):
    from rnnlab.activities.draw import Draws
    from rnnlab.classroom.rooms import Rooms
    from rnnlab.store import SQLiteStore, open_store

    return Draws(Rooms(open_store(store_url) if store_url else SQLiteStore(data_dir / "store.db")))


async def _revealed_at(store_url: str, data_dir: Path, code: str, limit: float = 60.0) -> float | None:
    """The moment the reveal is in the store (its stamp says "revealed"), looked at every 20 ms."""
    draws = _draws(store_url, data_dir)
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        stamp = await asyncio.to_thread(draws.stamp, code)
        if stamp is not None and stamp["phase"] == "revealed":
            return time.perf_counter()
        await asyncio.sleep(0.02)
    return None


def _store_counts(store_url: str, data_dir: Path, code: str) -> tuple[int, list[list[float]]]:
    """(the room's drawing count, every stored drawing), read from the store itself."""
    draws = _draws(store_url, data_dir)
    spec = draws.spec(code)
    return draws.count(code, spec.id), [d.tolist() for d in draws.drawings(code, spec)]


async def _lesson(url: str, students: int, window: float, resend: float, seed: int, server: Server,
                  traffic, store_url: str, data_dir: Path) -> dict:
    rng = random.Random(seed)
    out: dict = {"errors": []}
    teacher = DrawClient(url, "teacher")
    await teacher.open()
    await teacher.click("live_start")
    code = teacher.code
    if code is None:
        raise RuntimeError("the teacher's room code did not appear")
    await teacher.click("live_draw_open")
    out["rss_before"] = server.rss_mb()[0]
    stop = asyncio.Event()
    clients = [DrawClient(url, f"student{i}", query=f"room={code}") for i in range(students)]

    async def arrive(client: DrawClient) -> None:
        await asyncio.sleep(rng.uniform(0, 3))
        try:
            await client.open()
        except Exception as exc:  # noqa: BLE001
            client.errors.append(f"open: {type(exc).__name__}: {exc}")
            return
        await client.poll_forever(stop)

    tasks = [asyncio.create_task(arrive(c)) for c in clients]
    deadline = time.perf_counter() + 180
    while time.perf_counter() < deadline and not all(c.surface() and c.has("live_draw_send") for c in clients):
        await asyncio.sleep(0.5)
    out["ready"] = sum(1 for c in clients if c.surface() and c.has("live_draw_send"))
    await asyncio.sleep(1)

    # Everyone draws and sends within the window; some redo and send again.
    before = traffic.snapshot()
    began = time.perf_counter()

    async def draw(client: DrawClient, again: bool) -> None:
        await asyncio.sleep(rng.uniform(0, window * (0.6 if again else 1.0)))
        try:
            await client.draw_and_send(rng)
            if again:
                await asyncio.sleep(rng.uniform(0.5, window * 0.4))
                await client.draw_and_send(rng)
        except Exception as exc:  # noqa: BLE001
            client.errors.append(f"send: {type(exc).__name__}: {exc}")

    again = set(rng.sample(range(len(clients)), int(round(resend * len(clients)))))
    await asyncio.gather(*(draw(c, i in again) for i, c in enumerate(clients) if c.surface()))
    out["window"] = time.perf_counter() - began
    out["traffic_draw"] = traffic.diff(before, traffic.snapshot())
    out["sends"] = [s for c in clients for s in c.send_seconds]
    out["refused"] = sum(c.refused for c in clients)
    out["senders"] = sum(1 for c in clients if c.sent)
    out["resenders"] = sum(1 for c in clients if len(c.sent) > 1)
    count, stored = _store_counts(store_url, data_dir, code)
    out["count"] = count
    last = sorted(tuple(c.sent[-1]) for c in clients if c.sent)
    out["all_last_stored"] = sorted(tuple(round(v, 6) for v in d) for d in stored) == last

    # The reveal.
    before = traffic.snapshot()
    clicked = time.perf_counter()
    watch = asyncio.create_task(_revealed_at(store_url, data_dir, code))
    await teacher.click("live_reveal")
    stored_at = await watch or time.perf_counter()
    deadline = stored_at + 60
    while time.perf_counter() < deadline and not all(c.score_at for c in clients if c.sent):
        await asyncio.sleep(0.05)
    out["traffic_reveal"] = traffic.diff(before, traffic.snapshot())
    out["scoring"] = stored_at - clicked  # the click's callback: pool, score, write
    out["reveal_click"] = [c.score_at - clicked for c in clients if c.score_at]
    out["reveal_room"] = [max(0.0, c.score_at - stored_at) for c in clients if c.score_at]
    out["reveal_missing"] = sum(1 for c in clients if c.sent and not c.score_at)
    out["polls"] = [x for c in clients for x in c.poll_seconds]
    stop.set()
    await asyncio.gather(*tasks)
    for c in [teacher, *clients]:
        await c.close()
        out["errors"] += [f"{c.name}: {e}" for e in c.errors]
    return out


class RedisTraffic:
    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)

    def snapshot(self) -> dict:
        s = self.client.info("stats")
        return {"in": s["total_net_input_bytes"], "out": s["total_net_output_bytes"],
                "commands": s["total_commands_processed"]}

    def diff(self, a: dict, b: dict) -> str:
        return (f"Redis {b['commands'] - a['commands'] - 1} commands, {(b['in'] - a['in']) / 1024:.0f} KB in, "
                f"{(b['out'] - a['out']) / 1024:.0f} KB out")


class SQLiteTraffic:
    def __init__(self, server: Server, db: Path):
        self.server, self.db = server, db

    def _size(self) -> int:
        return sum(p.stat().st_size for p in self.db.parent.glob(self.db.name + "*") if p.exists())

    def snapshot(self) -> dict:
        return {"written": sum(_io_written(pid) for pid in self.server.pids()), "size": self._size()}

    def diff(self, a: dict, b: dict) -> str:
        return (f"SQLite: the server wrote {(b['written'] - a['written']) / 1024:.0f} KB to disk, "
                f"database + WAL {(b['size'] - a['size']) / 1024:+.0f} KB")


def start_redis(work: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed: run with --stores sqlite")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    import redis

    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            redis.Redis(port=port).ping()
            return proc, f"redis://127.0.0.1:{port}/0"
        except redis.RedisError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("redis-server did not start")


def pct(values: list[float], q: float) -> str:
    return f"{np.percentile(values, q):.2f} s" if values else "-"


def run(store: str, args) -> bool:
    work = Path(tempfile.mkdtemp(prefix=f"rnnlab-bench-draw-{store}-"))
    redis_proc, store_url = (start_redis(work) if store == "redis" else (None, ""))
    env = {"RNNLAB_DATA_DIR": str(work), "RNNLAB_STORE": store_url}
    try:
        with Server(work / "server.log", env=env) as server:
            start_rss = server.rss_mb()[0]
            traffic = RedisTraffic(store_url) if store_url else SQLiteTraffic(server, work / "store.db")
            out = _run_async(_lesson(server.url, args.students, args.window, args.resend, args.seed, server,
                                     traffic, store_url, work))
            _, peak = server.rss_mb()
            tracebacks = server.log_tracebacks()
    finally:
        if redis_proc is not None:
            redis_proc.terminate()
            redis_proc.wait(timeout=10)
    ok = (out["count"] == out["senders"] == args.students and out["all_last_stored"]
          and not out["reveal_missing"] and not out["errors"] and not tracebacks)
    print(f"== store {store}: {args.students} students (ready to draw: {out['ready']}), drawing window "
          f"{args.window:g} s (took {out['window']:.1f} s), CPUs {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    s = out["sends"]
    print(f"sends          n={len(s)} ({out['resenders']} students sent twice)  server time p50 {pct(s, 50)}  "
          f"p95 {pct(s, 95)}  max {pct(s, 100)}; refused {out['refused']}")
    print(f"stored         {out['count']} drawings for {out['senders']} students who sent; every student's "
          f"last drawing stored: {'yes' if out['all_last_stored'] else 'NO'}")
    r, rr = out["reveal_click"], out["reveal_room"]
    print(f"reveal         teacher's click -> each student's score: n={len(r)}  p50 {pct(r, 50)}  "
          f"p95 {pct(r, 95)}  max {pct(r, 100)} (target p95 < 2 s); click -> result in the store "
          f"{out['scoring']:.2f} s; result in the store -> each student's score p50 {pct(rr, 50)}  "
          f"p95 {pct(rr, 95)}; never shown {out['reveal_missing']}")
    p = out["polls"]
    print(f"polls          n={len(p)} fragment runs (the room's poll and the card's, 1 s each)  server time "
          f"p50 {pct(p, 50)}  p95 {pct(p, 95)}")
    print(f"server RSS     started {start_rss:.0f} MB, with the class before drawing {out['rss_before']:.0f} MB, "
          f"peak {peak:.0f} MB (VmHWM, server + training worker)")
    print(f"store traffic  drawing window: {out['traffic_draw']}; reveal: {out['traffic_reveal']}")
    print(f"errors         {len(out['errors'])}, server tracebacks {tracebacks}")
    for error in out["errors"][:10]:
        print("  " + error)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--window", type=float, default=10.0, help="seconds in which everyone draws and sends")
    parser.add_argument("--resend", type=float, default=0.2, help="fraction of students who send twice")
    parser.add_argument("--stores", nargs="+", default=["sqlite", "redis"], choices=["sqlite", "redis"])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    results = [run(store, args) for store in args.stores]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
