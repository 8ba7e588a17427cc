"""A live lesson on one server: a teacher and N joined students (Streamlit's websocket protocol,
testkit.py), the room in Redis, started by deploy/run.py as in a deployment.

    python bench/bench_live.py                      # 40 students on one process, 10 steps 8 s apart
    python bench/bench_live.py --students 10 --steps 4
    python bench/bench_live.py --replicas 2         # the same class on two replicas behind HAProxy

The teacher (a protocol client) starts a room, opens Hidden states and settles on a new step
every ``--gap`` seconds: it sends the stage's {"step": t} state exactly as the browser's stage
does 300 ms after the last arrow key. Each student joined with ?room=CODE and runs its room
poll fragment every time the server asks for it (1 s), as a browser tab does; when the room has
a new state the server reruns the student's page and sends the stage with {"goto": {"step": t}}.

Prints:
- the time from the teacher settling on a step (the state sent) to each student receiving
  the stage that shows it: p50 / p95 / max over students x steps (the issue: p95 < 2 s), and
  the server time of a student's poll and of a poll that follows (its page rerun);
- the server's peak RSS (VmHWM) with those students, and before they came;
- Redis traffic (INFO for bytes, MONITOR for each command by verb and kind of key): per second
  while nothing moves (polls, heartbeats), and what each step adds (the teacher's publish,
  each student's saved session);
- the server CPU a step costs beyond the polling: on one process those reruns queue (the GIL),
  so it bounds the p95 from below whatever the machine's load.

With one replica the clients talk to it directly; with more, through HAProxy, spread over the
replicas by its cookie (the teacher on the first). Not included: drawing in a browser (one stage
draw is about 1 ms; bench_stepper measures it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.run import COOKIE  # noqa: E402
from testkit import Student, Timings, _run_async  # noqa: E402

CODE = re.compile(r'data-testid="rnnlab-room-code"[^>]*>([0-9A-Z]{6})<')
GOTO = re.compile(r'"goto":\s*\{"step":\s*(\d+),\s*"seq":\s*(\d+)(,\s*"report":\s*true)?')
STAGE_KEY = "hidden_stage"
LEAD_KEY = "live_stage_lead"  # ui/classroom/live.py: a step-only change reaches the stage from the poll
REPORT_SECONDS = 1.5  # ui/elements/stage.js REPORT_MS: a moved stage reports its step 1.5-3 s later


class LiveClient(Student):
    """A Student that also reads what a live lesson shows: the room code, the stage's goto."""

    def __init__(self, url: str, name: str, query: str = "", replica: str = ""):
        super().__init__(url, name, Timings(), timeout=120.0)
        self.query_string = query
        self.replica = replica  # through HAProxy: the replica this "browser" is stuck to
        self.code: str | None = None
        self.stage_steps: list[tuple[float, int]] = []  # (arrival, step) of every stage with a goto
        self.stage_id = ""
        self.poll_seconds: list[float] = []  # a poll that found nothing new
        self.follow_seconds: list[float] = []  # a poll that found a new step: it and the page's rerun
        self.seen_seq: int | None = None  # the teacher's last state this stage followed
        self.to_report: int | None = None  # a step the stage was moved to and must report back
        self.report_seconds: list[float] = []  # the stage fragment's rerun after such a report

    async def connect(self) -> None:
        import websockets

        cookie = f"rnnlab_sid={self.sid}" + (f"; {COOKIE}={self.replica}" if self.replica else "")
        self._ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
            max_size=None, open_timeout=120, ping_interval=None,
            additional_headers={"Origin": self.url, "Cookie": cookie})
        self._reader = asyncio.create_task(self._read())

    def _delta(self, delta) -> None:
        super()._delta(delta)
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "html" and self.code is None:
            match = CODE.search(element.html.body)
            if match:
                self.code = match.group(1)
        elif kind == "bidi_component" and element.bidi_component.id.endswith("-" + STAGE_KEY):
            self.stage_id = element.bidi_component.id
        elif kind == "bidi_component" and element.bidi_component.id.endswith(
                (f"-{STAGE_KEY}_follow", f"-{LEAD_KEY}")):
            # the teacher's step reaches the stage through a small follow component (ui/elements/stage.py):
            # the stage's own after a page rerun, or the poll's (LEAD_KEY) for a step-only change
            body = element.bidi_component
            match = GOTO.search(body.json or body.mixed.json)
            # as the stage does: each seq moves it once (the poll redraws the same order every second)
            if match and int(match.group(2)) != self.seen_seq:
                self.seen_seq = int(match.group(2))
                self.stage_steps.append((time.perf_counter(), int(match.group(1))))
                if match.group(3):
                    self.to_report = int(match.group(1))

    async def poll_forever(self, stop: asyncio.Event) -> None:
        """Run the page's auto-rerunning fragments at their interval, as the browser does."""
        while not stop.is_set():
            if not self.auto_fragments:
                await asyncio.sleep(0.5)
                continue
            fragment, interval = next(iter(self.auto_fragments.items()))
            await asyncio.sleep(interval)
            if stop.is_set():
                return
            try:
                before = len(self.stage_steps)
                seconds = await self._run(fragment_id=fragment, auto=True)
                (self.follow_seconds if len(self.stage_steps) > before else self.poll_seconds).append(seconds)
                if self.to_report is not None and STAGE_KEY in self.widgets:
                    # as the browser does: the moved stage settles and reports its step
                    step, self.to_report = self.to_report, None
                    await asyncio.sleep(REPORT_SECONDS * (1 + random.random()))
                    widget_id, stage_fragment = self.widgets[STAGE_KEY]
                    self.values[widget_id] = ("json_value", json.dumps({"step": step}))
                    self.report_seconds.append(await self._run(fragment_id=stage_fragment))
            except Exception as exc:  # noqa: BLE001 - reported, the class goes on
                self.errors.append(f"poll: {type(exc).__name__}: {exc}")
                await asyncio.sleep(1)

    async def settle(self, step: int) -> float:
        """The teacher's stage reports a settled step; returns the moment it was sent."""
        widget_id, fragment = self.widgets[STAGE_KEY]
        self.values[widget_id] = ("json_value", json.dumps({"step": step}))
        sent = time.perf_counter()
        await self._run(fragment_id=fragment)
        return sent


class Replicas:
    """deploy/run.py's set-up: Redis, N replicas, HAProxy. With one replica the clients talk
    to it directly (one server, nothing in between); with more, through HAProxy."""

    def __init__(self, work: Path, replicas: int):
        self.work, self.n = work, replicas

    def __enter__(self) -> Replicas:
        ready = self.work / "ready.json"
        self._log = open(self.work / "run.log", "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "run.py"), "--replicas", str(self.n), "--port", "0",
             "--app-port", "0", "--redis-port", "0", "--stats-port", "0", "--work-dir", str(self.work),
             "--ready-file", str(ready)], stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while not ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("deploy/run.py did not come up: see " + str(self.work / "run.log"))
            time.sleep(0.2)
        info = json.loads(ready.read_text())
        self.redis_url, self.replicas = info["redis_url"], info["replicas"]
        self.url = self.replicas[0]["url"] if self.n == 1 else info["url"]
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        self._log.close()

    def name_for(self, i: int) -> str:
        return "" if self.n == 1 else self.replicas[i % self.n]["name"]

    def _status(self, pid: int) -> dict[str, float]:
        with open(f"/proc/{pid}/status") as handle:
            return {k: int(v.split()[0]) / 1024 for k, v in (line.split(":", 1) for line in handle)
                    if k in ("VmRSS", "VmHWM")}

    def rss_mb(self) -> tuple[float, float]:
        """(current, peak) RSS summed over the replicas, MB."""
        stats = [self._status(r["pid"]) for r in self.replicas]
        return sum(s["VmRSS"] for s in stats), sum(s["VmHWM"] for s in stats)

    def peaks(self) -> list[float]:
        return [self._status(r["pid"])["VmHWM"] for r in self.replicas]

    def cpu_seconds(self) -> float:
        total = 0.0
        for r in self.replicas:
            with open(f"/proc/{r['pid']}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def log_tracebacks(self) -> int:
        return sum((self.work / "logs" / f"{r['name']}.log").read_text(errors="replace")
                   .count("Traceback (most recent call last)") for r in self.replicas)


def _kind(key: str) -> str:
    """rnnlab:room:7K3Q9M:state -> room:state; rnnlab:session:abc -> session (ids and codes out)."""
    parts = key.removeprefix("rnnlab:").split(":")
    return ":".join(p for i, p in enumerate(parts) if i == 0 or i >= 2) if len(parts) > 1 else parts[0]


class RedisStats:
    """Totals from INFO (bytes, commands) and, from MONITOR, every command by verb and key kind."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)
        self.seen: list[tuple[float, str]] = []  # (server time, "SET session")
        self._stop = threading.Event()
        self._url = url
        self.failed = ""

    def start_monitor(self) -> None:
        """From now on every command is also sent to this MONITOR: the out-bytes count no more."""
        threading.Thread(target=self._monitor, args=(self._url,), daemon=True).start()
        time.sleep(0.5)

    def _monitor(self, url: str) -> None:
        import redis

        try:
            self._listen(redis.Redis.from_url(url))
        except redis.RedisError as exc:  # the end of the run closes Redis under it
            if not self._stop.is_set():
                self.failed = f"MONITOR stopped: {exc}"

    def _listen(self, client) -> None:
        with client.monitor() as monitor:
            for entry in monitor.listen():
                if self._stop.is_set():
                    return
                words = str(entry.get("command", "")).split(" ", 2)
                verb = words[0].upper()
                if verb in ("INFO", "MONITOR", "TIME"):
                    continue  # this measurement's own
                key = _kind(words[1]) if len(words) > 1 and verb not in ("HELLO", "PING", "CLIENT") else ""
                self.seen.append((float(entry["time"]), f"{verb} {key}".strip()))

    def close(self) -> None:
        self._stop.set()

    def snapshot(self) -> dict:
        stats = self.client.info("stats")
        server_time = self.client.time()
        return {"in": stats["total_net_input_bytes"], "out": stats["total_net_output_bytes"],
                "commands": stats["total_commands_processed"],
                "t": server_time[0] + server_time[1] / 1e6}

    def diff(self, a: dict, b: dict) -> dict:
        calls: dict[str, int] = {}
        for t, what in self.seen:
            if a["t"] <= t < b["t"]:
                calls[what] = calls.get(what, 0) + 1
        return {"in": b["in"] - a["in"], "out": b["out"] - a["out"], "seconds": b["t"] - a["t"],
                "commands": b["commands"] - a["commands"] - 2, "calls": calls}  # less INFO and TIME


async def _lesson(url: str, students: int, steps: int, gap: float, idle: float, server: Replicas,
                  redis: RedisStats, seed: int) -> dict:
    rng = random.Random(seed)
    out: dict = {"errors": []}
    teacher = LiveClient(url, "teacher", replica=server.name_for(0))
    await teacher.open()
    await teacher.click("live_start")
    if teacher.code is None:
        raise RuntimeError("the teacher's room code did not appear")
    code = teacher.code
    await teacher.goto("hidden_states")
    if not teacher.has(STAGE_KEY):
        raise RuntimeError("the teacher's Hidden states page has no stage")
    out["rss_before"] = server.rss_mb()[0]

    stop = asyncio.Event()
    clients = [LiveClient(url, f"student{i}", query=f"room={code}", replica=server.name_for(i + 1))
               for i in range(students)]

    async def arrive(client: LiveClient) -> None:
        await asyncio.sleep(rng.uniform(0, 5))  # a class opens the link over a few seconds
        try:
            await client.open()
        except Exception as exc:  # noqa: BLE001
            client.errors.append(f"open: {type(exc).__name__}: {exc}")
            return
        await client.poll_forever(stop)

    tasks = [asyncio.create_task(arrive(c)) for c in clients]
    rss_samples: list[float] = []

    async def watch() -> None:
        while not stop.is_set():
            rss_samples.append(server.rss_mb()[0])
            await asyncio.sleep(0.5)

    watcher = asyncio.create_task(watch())
    # Everyone joined and follows: each student's stage shows the teacher's step.
    first = 1  # the teacher's stage opens at step 1
    deadline = time.perf_counter() + 180
    while time.perf_counter() < deadline:
        if all(c.stage_steps for c in clients):
            break
        await asyncio.sleep(0.5)
    out["joined"] = sum(1 for c in clients if c.stage_steps)

    # Quiet: only polls and heartbeats. First bytes and commands (INFO), then the same with
    # MONITOR on, for which command on which kind of key.
    await asyncio.sleep(2)
    a, cpu = redis.snapshot(), server.cpu_seconds()
    await asyncio.sleep(idle)
    out["idle"] = redis.diff(a, redis.snapshot())
    out["idle"]["cpu"] = server.cpu_seconds() - cpu
    redis.start_monitor()
    a = redis.snapshot()
    await asyncio.sleep(idle)
    out["idle"]["calls"] = redis.diff(a, redis.snapshot())["calls"]

    # The teacher settles on a new step every ``gap`` seconds.
    sends: list[tuple[float, int]] = []
    step = first
    a, cpu = redis.snapshot(), server.cpu_seconds()
    for _ in range(steps):
        step += rng.choice([1, 2, 3, 5])
        sends.append((await teacher.settle(step), step))
        await asyncio.sleep(gap)
    out["stepping"] = redis.diff(a, redis.snapshot())
    out["stepping"]["cpu"] = server.cpu_seconds() - cpu
    # the last step's stragglers (they would not be cut off by a next step)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and not all(
            any(s == step and t >= sends[-1][0] for t, s in c.stage_steps) for c in clients):
        await asyncio.sleep(0.5)
    redis.close()
    if redis.failed:
        out["errors"].append(redis.failed)
    lags, superseded = [], 0
    for c in clients:
        for sent, shown in sends:
            got = [t for t, s in c.stage_steps if s == shown and t >= sent]
            if got:
                lags.append(got[0] - sent)
            else:  # never shown: the next step came first
                superseded += 1
    out["steps"], out["lags"], out["missed"] = steps, lags, superseded
    out["per_step"] = []  # (median, max) lag of each step over the students who saw it
    for sent, shown in sends:
        seen = [min(t for t, s in c.stage_steps if s == shown and t >= sent) - sent for c in clients
                if any(s == shown and t >= sent for t, s in c.stage_steps)]
        if seen:
            out["per_step"].append((float(np.median(seen)), max(seen)))
    out["poll"] = [x for c in clients for x in c.poll_seconds]
    out["follow"] = [x for c in clients for x in c.follow_seconds]
    out["report"] = [x for c in clients for x in c.report_seconds]
    stop.set()
    await asyncio.gather(*tasks, watcher)
    out["rss_peak_sampled"] = max(rss_samples, default=0.0)
    for c in [teacher, *clients]:
        await c.close()
        out["errors"] += [f"{c.name}: {e}" for e in c.errors]
    return out


def _calls(calls: dict, per: float, unit: str = "per second") -> str:
    return ", ".join(f"{k} {v / per:.1f}" for k, v in sorted(calls.items(), key=lambda kv: -kv[1])) + f" {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--gap", type=float, default=8.0, help="seconds between two of the teacher's steps")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds measured with nothing moving")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--replicas", type=int, default=1,
                        help="app processes (deploy/run.py); more than one: the clients go through "
                             "HAProxy, spread over them by its cookie")
    parser.add_argument("--warm-wait", type=float, default=15.0,
                        help="seconds after the first visit for the TensorFlow warm-up, as on a real server")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rnnlab-bench-live-"))
    load = os.getloadavg()
    with Replicas(work, args.replicas) as server:
        start_rss = server.rss_mb()[0]
        if args.warm_wait:  # each replica's first visitor starts its TensorFlow warm-up
            async def first_visits() -> None:
                firsts = [LiveClient(r["url"], "first") for r in server.replicas]
                for first in firsts:
                    await first.open()
                await asyncio.sleep(args.warm_wait)
                for first in firsts:
                    await first.close()

            _run_async(first_visits())
        cpu0, wall0 = server.cpu_seconds(), time.perf_counter()
        out = _run_async(_lesson(server.url, args.students, args.steps, args.gap, args.idle,
                                 server, RedisStats(server.redis_url), args.seed))
        cpu, wall = server.cpu_seconds() - cpu0, time.perf_counter() - wall0
        _, peak = server.rss_mb()
        peaks = server.peaks()
        tracebacks = server.log_tracebacks()

    lags = out["lags"]
    pct = lambda q: f"{np.percentile(lags, q):.2f} s" if lags else "-"  # noqa: E731
    print(f"replicas {args.replicas}, students {args.students} (joined and following: {out['joined']}), steps {args.steps} "
          f"every {args.gap:g} s, CPUs {os.cpu_count()}, load before {load[0]:.1f}")
    print(f"teacher settles -> student's stage shows it: n={len(lags)}  p50 {pct(50)}  p95 {pct(95)}  "
          f"max {pct(100)}  (never shown, the next step came first: {out['missed']}; target p95 < 2 s)")
    print("  each step, median / slowest student: " + ", ".join(
        f"{m:.1f}/{x:.1f}" for m, x in out.get("per_step", [])))
    for label, xs in (("a poll with nothing new", out["poll"]), ("a poll that brings a step", out["follow"]),
                      ("the stage's report after it moved (its fragment)", out["report"])):
        if xs:
            print(f"  server time of {label}: n={len(xs)}  p50 {np.percentile(xs, 50):.2f} s  "
                  f"p95 {np.percentile(xs, 95):.2f} s")
    each = f" = {' + '.join(f'{p:.0f}' for p in peaks)}" if len(peaks) > 1 else ""
    print(f"server RSS: started {start_rss:.0f} MB, before the students {out['rss_before']:.0f} MB, "
          f"peak {peak:.0f} MB{each} (VmHWM; sampled peak while they followed {out['rss_peak_sampled']:.0f} MB)")
    idle, stepping = out["idle"], out["stepping"]
    rate = stepping["seconds"] / idle["seconds"]
    print(f"Redis, nothing moving: {idle['commands'] / idle['seconds']:.1f} commands, "
          f"{idle['in'] / idle['seconds'] / 1024:.1f} KB in, {idle['out'] / idle['seconds'] / 1024:.1f} KB out "
          "per second; " + _calls(idle["calls"], idle["seconds"]))
    # What only a step does (the teacher's publish, each student's saved session): the stepping
    # window's count beyond the quiet rate, for the commands whose quiet rate is about zero.
    calls = {k: (v - idle["calls"].get(k, 0) * rate) for k, v in stepping["calls"].items()}
    calls = {k: v for k, v in calls.items() if v >= 0.5 * args.steps and idle["calls"].get(k, 0) * rate < 0.1 * v}
    written = (stepping["in"] - idle["in"] * rate) / args.steps
    print(f"Redis, what each step adds: {sum(calls.values()) / args.steps:.1f} commands, "
          f"{written / 1024:.1f} KB written; " + _calls(calls, args.steps, "per step")
          + " (bytes read per step: not measured, MONITOR's own copy of every command counts as "
          "output; the students' polls read the same whether or not the teacher moves)")
    cpu_step = (stepping["cpu"] - idle["cpu"] * rate) / args.steps
    print(f"server CPU per step beyond the polling: {cpu_step:.2f} CPU-s (the students' page reruns: "
          f"one process does them one after another); polling alone: {idle['cpu'] / idle['seconds']:.2f} "
          "cores")
    print(f"server CPU {cpu:.0f} s in {wall:.0f} s ({cpu / wall:.2f} cores); errors {len(out['errors'])}, "
          f"server tracebacks {tracebacks}; load after {os.getloadavg()[0]:.1f}")
    for error in out["errors"][:10]:
        print("  " + error)
    return 0 if not out["errors"] and not tracebacks else 1


if __name__ == "__main__":
    raise SystemExit(main())
