"""A lesson played live in a room: a teacher and N following students move through S scenes,
on one server, with the SQLite store and then with Redis.

    python bench/bench_lesson_room.py                      # 40 students, 10 scenes, both stores
    python bench/bench_lesson_room.py --students 6 --stores sqlite
    python bench/bench_lesson_room.py --lesson notebook     # the built-in guided lesson
    python bench/bench_lesson_room.py --replicas 2          # deploy/run.py: 2 replicas, HAProxy, Redis
    python bench/bench_lesson_room.py --stores sqlite --profile   # where the server's time goes

The server is ``streamlit run app.py`` (testkit.start_app) with a data folder of its own; with
Redis, a redis-server this script starts on a free port (RNNLAB_STORE=redis://127.0.0.1:PORT/0).
With ``--replicas N`` it is deploy/run.py's stack (bench/bench_live.py's Replicas), the teacher
and the students spread over the replicas by HAProxy's cookie, CPU and RSS summed over them.
The teacher and the students are clients of Streamlit's websocket protocol (bench/classroom.py,
bench/bench_live.py's LiveClient), as in the other classroom benches: each student opened
``?room=CODE`` and runs its room poll whenever the server asks for it (every second), as a
browser tab does. The teacher opens the lesson in the player (``?lesson=CODE``, saved in the
store beforehand), starts a room, plays the lesson live, and presses Next every ``--gap``
seconds.

Prints:
- from the teacher's Next (the click sent) to each student's screen showing the scene: the run
  that draws the scene's page has finished, its lesson bar naming the new scene (and, first,
  when that bar arrived): p50 / p95 / max over students x scenes (the issue: p95 < 2 s), and the
  p95 of each scene (which page is slow), and the teacher's own run in each (the room hears of
  the scene only as it ends);
- the server's RSS (VmRSS before the class and at the end, VmHWM peak);
- the store's traffic: calls and bytes per second while nothing moves (polls, heartbeats) and
  what each scene adds beyond that, by call and kind of key, counted inside the server
  (bench/store_counts: the SQLite and Redis store classes wrapped alike); with Redis also its
  own INFO commandstats (commands per scene) and network bytes;
- the server's CPU (polling, each scene) and its cycle collector's work while the scenes change
  (collections and seconds, counted by bench/store_counts; rnnlab/runtime/collector.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_live import LiveClient  # noqa: E402
from bench.classroom import FINISHED, _run_async  # noqa: E402
from testkit import free_port, start_app  # noqa: E402

BAR = "-lesson_live_text"  # ui/classroom/lesson_live.py: the scene element's key


class SceneClient(LiveClient):
    """A LiveClient that also notes the lesson scene its screen shows: when the scene's bar
    arrives, and when the run that drew it (the whole page) has finished."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scene: int | None = None
        self.bar_at: list[tuple[float, int]] = []  # (arrival of a bar with a new scene, scene)
        self.done_at: list[tuple[float, int]] = []  # (end of the run that drew it, scene)
        self._drawn: int | None = None

    def _delta(self, delta) -> None:
        super()._delta(delta)
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        if element.WhichOneof("type") == "bidi_component" and element.bidi_component.id.endswith(BAR):
            body = element.bidi_component
            try:
                k = int(json.loads(body.json or body.mixed.json)["scene"])
            except (ValueError, KeyError, TypeError):
                return
            if k != self.scene:
                self.scene = k
                self.bar_at.append((time.perf_counter(), k))
                self._drawn = k

    def _handle(self, msg) -> None:
        if (msg.WhichOneof("type") == "script_finished" and self._drawn is not None
                and msg.script_finished == FINISHED.FINISHED_SUCCESSFULLY):
            self.done_at.append((time.perf_counter(), self._drawn))
            self._drawn = None
        super()._handle(msg)


def bench_lesson(scenes: int) -> str:
    """A lesson of ``scenes`` scenes as a class would have it: the data, the stage stepped at
    several steps with a question on some, the concepts; texts naming live values."""
    from rnnlab.lessons import loads

    out = []
    for k in range(scenes):
        kind = ("data", "hidden", "hidden", "concepts")[k % 4]
        scene = {"page": kind, "title": {"es": f"Escena {k + 1}", "en": f"Scene {k + 1}"},
                 "text": {"es": f"Paso {k + 1} de la lección.", "en": f"Step {k + 1} of the lesson."}}
        if kind == "data":
            scene["data"] = {"source": {"kind": "noisy_sine", "n": 100 + 20 * k, "periods": 2.0,
                                        "noise": 0.1, "seed": 42},
                             "range": [0, 100 + 20 * k, 1],
                             "split": {"val_fraction": 0.2, "test_fraction": 0.2, "lookback": 10,
                                       "scaler": "minmax"}}
            scene["values"] = {"n": {"kind": "series_len"}}
            scene["text"] = {"es": "La serie tiene {n} valores.", "en": "The series has {n} values."}
        if kind == "hidden":
            t = 3 + 4 * k
            scene["hidden"] = {"t": t, "unit": 1, "hide_future": k % 2 == 1}
            scene["values"] = {"f": {"kind": "gate", "gate": "forget", "unit": 1, "t": t}}
            scene["text"] = {"es": "La puerta de olvido vale {f}.", "en": "The forget gate is {f}."}
            if k % 2 == 1:
                scene["question"] = {"kind": "value", "preset": "gate",
                                     "params": {"t": t + 1, "unit": 1, "gate": "forget"}}
        out.append(scene)
    text = json.dumps({"format": "rnnlab-lesson", "version": 1,
                       "title": {"es": "Banco de pruebas", "en": "Bench lesson"}, "scenes": out})
    return loads(text).dumps()  # checked by the format, written as the app writes it


class Counts:
    """The store counts the server writes (bench/store_counts), and Redis' own INFO."""

    def __init__(self, folder: Path, redis_url: str | None):
        self.folder = folder
        self.redis = None
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url)

    def snapshot(self) -> dict:
        time.sleep(0.45)  # each server writes its counts every 0.2 s, to <its pid>.json
        counts = {"calls": {}, "kinds": {}, "written": 0, "read": 0, "gc": {"n": [0, 0, 0], "s": [0.0, 0.0, 0.0]}}
        for path in self.folder.glob("*.json"):
            try:
                one = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            for part in ("calls", "kinds"):
                for k, v in one.get(part, {}).items():
                    counts[part][k] = counts[part].get(k, 0) + v
            counts["written"] += one.get("written", 0)
            for part in ("n", "s"):
                for gen, v in enumerate(one.get("gc", {}).get(part, [0, 0, 0])):
                    counts["gc"][part][gen] += v
            counts["read"] += one.get("read", 0)
        snap = {"t": time.perf_counter(), **counts}
        if self.redis is not None:
            stats = self.redis.info("stats")
            commands = self.redis.info("commandstats")
            snap["redis"] = {"in": stats["total_net_input_bytes"], "out": stats["total_net_output_bytes"],
                             "commands": {k.removeprefix("cmdstat_"): v["calls"] for k, v in commands.items()}}
        return snap


def _diff(a: dict, b: dict) -> dict:
    def sub(x: dict, y: dict) -> dict:
        return {k: y.get(k, 0) - x.get(k, 0) for k in set(x) | set(y) if y.get(k, 0) - x.get(k, 0)}

    out = {"seconds": b["t"] - a["t"], "calls": sub(a["calls"], b["calls"]), "kinds": sub(a["kinds"], b["kinds"]),
           "written": b["written"] - a["written"], "read": b["read"] - a["read"],
           "gc": {part: [y - x for x, y in zip(a["gc"][part], b["gc"][part], strict=True)] for part in ("n", "s")}}
    if "redis" in a:
        out["redis"] = {"in": b["redis"]["in"] - a["redis"]["in"], "out": b["redis"]["out"] - a["redis"]["out"],
                        "commands": sub(a["redis"]["commands"], b["redis"]["commands"])}
        for own in ("info", "ping"):  # this measurement's own (INFO) and the clients' liveness
            out["redis"]["commands"].pop(own, None)
    return out


def _beyond(step: dict, idle: dict, scenes: int) -> dict:
    """What only a scene does: in the scenes' window, the calls (by kind) that the quiet class
    hardly makes, less their quiet rate, per scene. (The polls go on meanwhile, slower while the
    server draws the new pages: a difference of totals would say less than nothing.)"""
    rate = step["seconds"] / idle["seconds"]

    def per(x: dict, y: dict) -> dict:
        out = {}
        for k, v in x.items():
            quiet = y.get(k, 0) * rate
            if quiet < 0.1 * v:
                out[k] = (v - quiet) / scenes
        return out

    out = {"kinds": per(step["kinds"], idle["kinds"]),
           "written": (step["written"] - idle["written"] * rate) / scenes}
    if "redis" in step:
        out["redis"] = {"commands": per(step["redis"]["commands"], idle["redis"]["commands"]),
                        "in": (step["redis"]["in"] - idle["redis"]["in"] * rate) / scenes}
    return out


class OneServer:
    """One ``streamlit run``: what bench_live.Replicas says of several, for one process."""

    def __init__(self, proc):
        self.proc = proc

    def name_for(self, i: int) -> str:
        return ""  # no HAProxy in between: no replica to stick to

    def cpu_seconds(self) -> float:
        return _cpu(self.proc.pid)

    def rss_mb(self) -> tuple[float, float]:
        return _rss(self.proc.pid)


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss(pid: int) -> tuple[float, float]:
    with open(f"/proc/{pid}/status") as handle:
        found = {k: int(v.split()[0]) / 1024 for k, v in (line.split(":", 1) for line in handle)
                 if k in ("VmRSS", "VmHWM")}
    return found["VmRSS"], found["VmHWM"]


async def _lesson(url: str, lesson_code: str, n_scenes: int, students: int, gap: float, idle: float,
                  counts: Counts, server, before_scenes=None) -> dict:
    out: dict = {"errors": []}
    teacher = SceneClient(url, "teacher", query=f"lesson={lesson_code}", replica=server.name_for(0))
    await teacher.open()
    await teacher.click("live_start")
    if teacher.code is None:
        raise RuntimeError("the teacher's room code did not appear")
    if not teacher.has("live_lesson_play_open"):
        raise RuntimeError("the teacher's room panel offers no lesson to play live (did ?lesson= open it?)")
    await teacher.click("live_lesson_play_open")
    if teacher.scene != 1 or not teacher.has("live_lesson_next"):
        raise RuntimeError("the lesson did not start in the room")
    out["rss_before"] = server.rss_mb()[0]

    stop = asyncio.Event()
    clients = [SceneClient(url, f"student{i}", query=f"room={teacher.code}", replica=server.name_for(i + 1))
               for i in range(students)]

    async def arrive(client: SceneClient, delay: float) -> None:
        await asyncio.sleep(delay)  # a class opens the link over a few seconds
        try:
            await client.open()
        except Exception as exc:  # noqa: BLE001 - reported, the class goes on
            client.errors.append(f"open: {type(exc).__name__}: {exc}")
            return
        await client.poll_forever(stop)

    tasks = [asyncio.create_task(arrive(c, 5.0 * i / max(1, students))) for i, c in enumerate(clients)]
    deadline = time.perf_counter() + 240
    while time.perf_counter() < deadline and not all(c.scene == 1 and c.done_at for c in clients):
        await asyncio.sleep(0.5)
    out["joined"] = sum(1 for c in clients if c.scene == 1)

    # Quiet: the class on scene 1, only polls and heartbeats.
    await asyncio.sleep(2)
    a, cpu = counts.snapshot(), server.cpu_seconds()
    await asyncio.sleep(idle)
    out["idle"] = _diff(a, counts.snapshot())
    out["idle"]["cpu"] = server.cpu_seconds() - cpu

    # The teacher presses Next every ``gap`` seconds.
    if before_scenes is not None:
        before_scenes()
    sends: list[tuple[float, int]] = []
    a, cpu, own = counts.snapshot(), server.cpu_seconds(), time.process_time()
    k = 1
    for _ in range(n_scenes - 1):
        sent = time.perf_counter()
        await teacher.click("live_lesson_next")
        if teacher.scene != k + 1:
            out["errors"].append(f"teacher: Next from scene {k} showed scene {teacher.scene}")
            break
        k = teacher.scene
        sends.append((sent, k))
        await asyncio.sleep(max(0.0, gap - (time.perf_counter() - sent)))
    out["moves"] = len(sends)
    # the last scene's stragglers
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and not all(any(s == k for _, s in c.done_at) for c in clients):
        await asyncio.sleep(0.5)
    out["scenes_window"] = _diff(a, counts.snapshot())
    out["scenes_window"]["cpu"] = server.cpu_seconds() - cpu
    out["clients_cpu"] = time.process_time() - own  # this script's 41 clients, on the same cores
    lags, bars, missed, by_scene = [], [], 0, {}
    for c in clients:
        for sent, scene in sends:
            done = [t - sent for t, s in c.done_at if s == scene and t >= sent]
            bar = [t - sent for t, s in c.bar_at if s == scene and t >= sent]
            if done:
                lags.append(done[0])
                by_scene.setdefault(scene, []).append(done[0])
            else:
                missed += 1
            if bar:
                bars.append(bar[0])
    # the teacher's own screen: the room hears of the scene as the teacher's run ends
    teacher_runs = {scene: min((t - sent for t, s in teacher.done_at if s == scene and t >= sent), default=None)
                    for sent, scene in sends}
    out.update(lags=lags, bars=bars, missed=missed, by_scene=by_scene, teacher_runs=teacher_runs)
    out["rss_end"], out["rss_peak"] = server.rss_mb()
    stop.set()
    await asyncio.gather(*tasks)
    for c in [teacher, *clients]:
        await c.close()
        out["errors"] += [f"{c.name}: {e}" for e in c.errors]
    return out


def _pct(xs: list[float], q: float) -> str:
    return f"{np.percentile(xs, q):.2f} s" if xs else "-"


def _top(d: dict, per: str, n: int = 8) -> str:
    items = sorted(((k, v) for k, v in d.items() if abs(v) >= 0.05), key=lambda kv: -kv[1])[:n]
    return ", ".join(f"{k} {v:.1f}" for k, v in items) + f" {per}" if items else "none"


def _dump_profile(pid: int, folder: Path) -> None:
    import signal

    (folder / "dumped").unlink(missing_ok=True)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.time() + 30
    while not (folder / "dumped").exists() and time.time() < deadline:
        time.sleep(0.2)


def _forget_profile(pid: int, folder: Path) -> None:
    """What the server did before the scenes (imports, the class arriving) left out."""
    _dump_profile(pid, folder)
    for path in folder.glob("*.prof"):
        path.unlink()


def _print_profile(pid: int, folder: Path, top: int) -> None:
    """The server's script runs while the scenes change, all pages and fragments added up, by
    own time and by total."""
    import pstats

    _dump_profile(pid, folder)
    paths = sorted(str(p) for p in folder.glob("*.prof"))
    if not paths:
        print("no profile written")
        return
    stats = pstats.Stats(*paths)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def run_store(store: str, args, lesson_text: str) -> int:
    from bench.bench_live import Replicas
    from rnnlab.lessons import lesson_codes, loads
    from rnnlab.store import open_store

    work = Path(tempfile.mkdtemp(prefix=f"rnnlab-bench-lesson-{store}-"))
    counts_dir = work / "counts"
    counts_dir.mkdir()
    env = {"RNNLAB_WARMUP": "0", "RNNLAB_BENCH_COUNTS": str(counts_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "bench" / "store_counts"), str(ROOT),
                                          os.environ.get("PYTHONPATH", "")])}
    load = os.getloadavg()
    if args.replicas > 1:  # deploy/run.py: Redis, the replicas, HAProxy in front (the counts hook inherited)
        os.environ.update(env)
        stack = Replicas(work, args.replicas).__enter__()
        redis_url, server, url, proc, redis_proc = stack.redis_url, stack, stack.url, None, None
        logs = [work / "logs" / f"{r['name']}.log" for r in stack.replicas]
    else:
        stack, redis_proc, redis_url = None, None, None
        if store == "redis":
            port = free_port()
            redis_proc = subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(work)], stdout=open(work / "redis.log", "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
            redis_url = f"redis://127.0.0.1:{port}/0"
            deadline = time.time() + 20
            while True:
                try:
                    open_store(redis_url).ping()
                    break
                except Exception:  # noqa: BLE001 - not up yet
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
        env.update(RNNLAB_DATA_DIR=str(work), RNNLAB_STORE=redis_url or "")
        profile_dir = work / "profile"
        launcher = None
        if args.profile:  # every script run under cProfile (roughly doubles the times: figures are off)
            env["RNNLAB_PROFILE_DIR"] = str(profile_dir)
            env["RNNLAB_PROFILE_CLOCK"] = "cpu"
            launcher = [str(Path(__file__).with_name("profiled_server.py"))]
        proc, url = start_app(ROOT, work / "server.log", env=env, launcher=launcher)
        server, logs = OneServer(proc), [work / "server.log"]
    try:
        saved = open_store(redis_url or f"sqlite:///{work / 'store.db'}")  # where the app's store is
        lesson_code = lesson_codes.save(saved, lesson_text)
        saved.close()
        start_rss = server.rss_mb()[0]
        counts = Counts(counts_dir, redis_url)
        n_scenes = len(loads(lesson_text))
        forget = (lambda: _forget_profile(proc.pid, profile_dir)) if args.profile and proc is not None else None
        out = _run_async(_lesson(url, lesson_code, n_scenes, args.students, args.gap, args.idle, counts,
                                 server, forget))
        tracebacks = sum(log.read_text(errors="replace").count("Traceback (most recent call last)")
                         for log in logs)
        if args.profile and proc is not None:
            _print_profile(proc.pid, profile_dir, args.top)
    finally:
        if stack is not None:
            stack.__exit__()
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        if redis_proc is not None:
            redis_proc.terminate()
            redis_proc.wait(timeout=10)

    lags, bars = out["lags"], out["bars"]
    moves = out["moves"]
    where = f"{args.replicas} replicas behind HAProxy, Redis" if args.replicas > 1 else f"one process, store {store}"
    print(f"== {where}: students {args.students} (following scene 1: {out['joined']}), "
          f"{moves} Next presses {args.gap:g} s apart, CPUs {os.cpu_count()}, load before {load[0]:.1f}")
    print(f"teacher's Next -> student's screen shows the scene (the run drawing it finished): n={len(lags)}  "
          f"p50 {_pct(lags, 50)}  p95 {_pct(lags, 95)}  max {_pct(lags, 100)}  (never shown: {out['missed']}; "
          "target p95 < 2 s)")
    print(f"  ... its lesson bar arrived: p50 {_pct(bars, 50)}  p95 {_pct(bars, 95)}")
    kinds = json.loads(lesson_text)["scenes"]
    print("  ... p95 by scene: " + ", ".join(
        f"{k} ({kinds[k - 1]['page']}) {np.percentile(v, 95):.2f}" for k, v in sorted(out["by_scene"].items())))
    print("  ... of which the teacher's own run (Next -> the teacher's page drawn, before the room hears of "
          "it): " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(out["teacher_runs"].items()) if v is not None))
    print(f"server RSS: started {start_rss:.0f} MB, teacher in the room {out['rss_before']:.0f} MB, "
          f"after the lesson {out['rss_end']:.0f} MB, peak (VmHWM) {out['rss_peak']:.0f} MB")
    idle, window = out["idle"], out["scenes_window"]
    per_s = idle["seconds"]
    print(f"store, nothing moving: {sum(idle['calls'].values()) / per_s:.1f} calls/s "
          f"({_top({k: v / per_s for k, v in idle['kinds'].items()}, 'per second')}), "
          f"{idle['written'] / per_s / 1024:.1f} KB/s written, {idle['read'] / per_s / 1024:.1f} KB/s read")
    if moves:
        each = _beyond(window, idle, moves)
        ws = window["seconds"]
        print(f"store, while the scenes change: {sum(window['calls'].values()) / ws:.1f} calls/s; what only "
              f"a scene does: {sum(each['kinds'].values()):.1f} calls ({_top(each['kinds'], 'per scene')}), "
              f"{each['written'] / 1024:.1f} KB written per scene")
        if "redis" in each:
            r, ri = each["redis"], idle["redis"]
            print(f"Redis INFO, nothing moving: {sum(ri['commands'].values()) / per_s:.1f} commands/s "
                  f"({_top({k: v / per_s for k, v in ri['commands'].items()}, 'per second')}), "
                  f"{ri['in'] / per_s / 1024:.1f} KB/s in, {ri['out'] / per_s / 1024:.1f} KB/s out")
            print(f"Redis INFO, while the scenes change: "
                  f"{sum(window['redis']['commands'].values()) / ws:.1f} commands/s; what only a scene "
                  f"does: {sum(r['commands'].values()):.1f} commands ({_top(r['commands'], 'per scene')}), "
                  f"{r['in'] / 1024:.1f} KB in per scene")
        cpu_scene = (window["cpu"] - idle["cpu"] * ws / per_s) / moves
        print(f"server CPU: polling alone {idle['cpu'] / per_s:.2f} cores; each scene beyond it "
              f"{cpu_scene:.2f} CPU-s (every student's page drawn again, one after another in one "
              f"process: the last student's wait on a core of its own is at least this); the bench's "
              f"own clients {out['clients_cpu'] / moves:.2f} CPU-s per scene on the same cores (in a "
              "class, forty phones)")
        n, secs = window["gc"]["n"], window["gc"]["s"]
        print(f"server's cycle collector in the scenes' window (the interpreter lock held: no page drawn "
              f"meanwhile): full collections {n[2]} ({secs[2]:.2f} s), young ones {n[0] + n[1]} "
              f"({secs[0] + secs[1]:.2f} s)")
    print(f"errors {len(out['errors'])}, server tracebacks {tracebacks}; load after {os.getloadavg()[0]:.1f}")
    for error in out["errors"][:10]:
        print("  " + error)
    return 0 if not out["errors"] and not tracebacks else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--scenes", type=int, default=10, help="scenes of the bench lesson (with --lesson bench)")
    parser.add_argument("--lesson", default="bench", help="'bench' (a lesson over Data, Hidden states and "
                        "Concepts made here) or 'notebook' (the built-in guided lesson)")
    parser.add_argument("--gap", type=float, default=8.0, help="seconds between two of the teacher's Next")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds measured with nothing moving")
    parser.add_argument("--stores", default="sqlite,redis")
    parser.add_argument("--replicas", type=int, default=1, help="more than 1: deploy/run.py's stack (Redis, "
                        "the replicas, HAProxy), the class spread over the replicas by HAProxy's cookie")
    parser.add_argument("--profile", action="store_true", help="cProfile the server's script runs "
                        "while the scenes change, by CPU time (bench/profiled_server.py), and print where "
                        "the time went")
    parser.add_argument("--top", type=int, default=40, help="functions printed with --profile")
    args = parser.parse_args()
    if args.lesson == "notebook":
        from rnnlab.lessons import builtin

        text = builtin("notebook").dumps()
    else:
        text = bench_lesson(args.scenes)
    code = 0
    for store in (["redis"] if args.replicas > 1 else args.stores.split(",")):
        code |= run_store(store.strip(), args, text)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
