"""What one page switch costs the server: one student, alone, switching pages over and over.

    python bench/profile_pages.py                  # 5 rounds through every page
    python bench/profile_pages.py --rounds 3 --top 25 --profile

A classroom's p95 page switch is mostly the queue of other students' reruns in front of one's
own (one process, one GIL), so the figure that says how much a class can do is the CPU time a
switch costs. This prints, per page, the wall time and the server's CPU time (user + system,
/proc, idle use subtracted) of a switch from the previous page, for a student with one
finished training in the session (``--train``) or none. ``--profile`` runs the server under
bench/profiled_server.py (cProfile per script run) and prints the top functions per page; the
profiler itself roughly doubles the times, so compare figures without it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import signal
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit import Server, Student, Timings, _run_async  # noqa: E402

PAGES = ("data", "hidden_states", "train", "compare", "concepts", "home")


async def _drive(server: Server, rounds: int, train: bool) -> dict[str, list[tuple[float, float]]]:
    student = Student(server.url, "solo", Timings(), timeout=600)
    await student.open()
    if train:
        await student.goto("train")
        await student.click("train_start")
        if not await student.follow_until("train_dl_predictions", 300):
            raise RuntimeError("the training did not finish")
    await asyncio.sleep(20.0)  # the TensorFlow warm-up (after the first page) is over
    t0, c0 = time.perf_counter(), server.cpu_seconds()
    await asyncio.sleep(3.0)
    idle = (server.cpu_seconds() - c0) / (time.perf_counter() - t0)  # watchdog, pollers...
    out: dict[str, list[tuple[float, float]]] = {page: [] for page in PAGES}
    for _ in range(rounds):
        for page in PAGES:
            cpu, started = server.cpu_seconds(), time.perf_counter()
            await student.goto(page)
            await asyncio.sleep(0.3)  # the server finishes sending what the run produced
            wall = time.perf_counter() - started
            out[page].append((student.timings.page_switch[-1], server.cpu_seconds() - cpu - idle * wall))
            if page == "hidden_states" and student.has("hidden_stage"):
                await student.set_stage_step(5)
    await student.close()
    if student.errors:
        raise RuntimeError("; ".join(student.errors))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--train", action="store_true", help="one finished training in the session first")
    parser.add_argument("--profile", action="store_true", help="cProfile every script run (slower)")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="rnnlab-profile-")
    profile_dir = Path(data_dir) / "profile"
    env = {"RNNLAB_DATA_DIR": data_dir, "RNNLAB_PROFILE_DIR": str(profile_dir)}
    launcher = [str(Path(__file__).with_name("profiled_server.py"))] if args.profile else None
    load = os.getloadavg()[0]
    with Server(Path(data_dir) / "server.log", env=env, launcher=launcher) as server:
        results = _run_async(_drive(server, args.rounds, args.train))
        if args.profile:
            os.kill(server.proc.pid, signal.SIGUSR1)
            deadline = time.time() + 30
            while not (profile_dir / "dumped").exists() and time.time() < deadline:
                time.sleep(0.2)
            pages = {h: name for name, h in _page_hashes(server).items()}
    print(f"one student, {args.rounds} rounds, {'one run' if args.train else 'no run'} in the session, "
          f"CPUs {os.cpu_count()}, load before {load:.1f}")
    total_wall, total_cpu = [], []
    for page, samples in results.items():
        wall = [w for w, _ in samples[1:]] or [w for w, _ in samples]  # the first visit builds caches
        cpu = [c for _, c in samples[1:]] or [c for _, c in samples]
        total_wall += wall
        total_cpu += cpu
        print(f"{page:14s} wall p50 {np.median(wall):.3f} s   server CPU p50 {np.median(cpu):.3f} s "
              f"(first visit {samples[0][0]:.3f} s wall, {samples[0][1]:.3f} s CPU)")
    print(f"{'all pages':14s} wall mean {np.mean(total_wall):.3f} s   server CPU mean {np.mean(total_cpu):.3f} s "
          "per switch (repeat visits)")
    if args.profile:
        for path in sorted(profile_dir.glob("*.prof")):
            name = pages.get(path.stem.split("-")[0], path.stem) + ("-frag" if "-frag" in path.stem else "")
            print(f"\n===== {name} =====")
            pstats.Stats(str(path)).sort_stats("cumulative").print_stats(args.top)
    return 0


def _page_hashes(server: Server) -> dict[str, str]:
    async def look() -> dict[str, str]:
        student = Student(server.url, "look", Timings())
        await student.open()
        await student.close()
        return student.pages

    return _run_async(look())


if __name__ == "__main__":
    raise SystemExit(main())
