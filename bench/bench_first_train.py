"""The first Train click of a fresh server, and how soon a cold Home is usable.

One student (Streamlit's websocket protocol, bench/classroom.py) opens the app (Home: the time
until its first page is drawn is "cold Home"), reads for ``--read`` seconds (0: the teacher goes
straight to Train), opens Train and presses Train with the quick default; "first click" is the
time until the results are there. Three servers, each fresh:

- ``serve.py``: the worker started and warmed as the server starts (st.App's lifespan);
- ``app.py``: the warm-up starts after the first page;
- ``app.py`` with ``RNNLAB_WARMUP=0``: no warm-up.

``--load N`` runs N busy processes meanwhile (a loaded classroom server); the machine's own load
average is printed too (other processes share it).

    python bench/bench_first_train.py [--read 0] [--idle 20] [--load 0] [--repeat 1]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.classroom import Server, Student, Timings, _run_async  # noqa: E402

VARIANTS = (("serve.py (warm at server start)", "serve.py", "1"),
            ("app.py (warm after first page)", "app.py", "1"),
            ("app.py without warm-up", "app.py", "0"))


async def first_click(url: str, read: float) -> tuple[float, float]:
    student = Student(url, "first", Timings(), timeout=600)
    await student.open()
    await asyncio.sleep(read)
    await student.goto("train")
    started = time.perf_counter()
    await student.click("train_start")
    assert await student.follow_until("train_dl_predictions", 600), student.errors
    waited = time.perf_counter() - started
    await student.close()
    return student.timings.open[0], waited


def _busy(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--read", type=float, default=0.0,
                        help="seconds between the first page and the Train click (0: straight to Train)")
    parser.add_argument("--load", type=int, default=0, help="busy processes running meanwhile")
    parser.add_argument("--repeat", type=int, default=1, help="fresh servers per variant (median)")
    parser.add_argument("--idle", type=float, default=20.0,
                        help="seconds the server is up before the first visitor (0: both at once)")
    args = parser.parse_args()
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_busy, args=(stop,), daemon=True) for _ in range(args.load)]
    for hog in hogs:
        hog.start()
    try:
        print(f"CPUs {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, busy processes {args.load},"
              f" read {args.read:.0f} s, server up {args.idle:.0f} s before the first visit")
        for label, script, warm in VARIANTS:
            opened, waited = [], []
            for _ in range(args.repeat):
                env = {"RNNLAB_WARMUP": warm, "RNNLAB_DATA_DIR": tempfile.mkdtemp()}
                log = Path(tempfile.mkstemp(suffix=".log")[1])
                with Server(log, env=env, script=script) as server:
                    time.sleep(args.idle)  # the server was started before the teacher arrived
                    first, click = _run_async(first_click(server.url, args.read))
                opened.append(first)
                waited.append(click)
            print(f"{label:34s} cold Home {statistics.median(opened):5.2f} s, first Train click to"
                  f" results {statistics.median(waited):5.2f} s  (load average now"
                  f" {os.getloadavg()[0]:.1f})")
    finally:
        stop.set()
        for hog in hogs:
            hog.join(timeout=5)


if __name__ == "__main__":
    main()
