"""The first Train click of a fresh server, and how soon a cold Home is usable.

One student (Streamlit's websocket protocol, testkit.Student) opens the app (Home: the time
until its first page is drawn is "cold Home"), reads for ``--read`` seconds (0: the teacher goes
straight to Train), opens Train and presses Train with the quick default; "first click" is the
time until the results are there (the live curve replays the epochs it has not shown
yet, 2 s for the quick 40), and the time until the live curve first shows an epoch is printed
too. Three servers, each fresh:

- ``serve.py``: the worker started and warmed as the server starts (st.App's lifespan);
- ``app.py``: the warm-up starts after the first page;
- ``app.py`` with ``RNNLAB_WARMUP=0``: no warm-up.

``--load N`` runs N busy processes meanwhile (a loaded classroom server); the machine's own load
average is printed too (other processes share it).

    python bench/bench_first_train.py [--read 0] [--idle 20] [--load 0] [--repeat 1] [--only serve.py]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from rnnlab.i18n import t  # noqa: E402
from testkit import Server, Student, Timings, _run_async  # noqa: E402

VARIANTS = (("serve.py (warm at server start)", "serve.py", "1"),
            ("app.py (warm after first page)", "app.py", "1"),
            ("app.py without warm-up", "app.py", "0"))


LIVE_TITLES = {t("train.live_title", language) for language in ("es", "en")}


def _points(spec: str) -> int:
    """The most points of one trace in a Plotly figure's JSON (plotly 7 packs arrays as bdata)."""
    most = 0
    for trace in json.loads(spec).get("data", []):
        y = trace.get("y")
        if isinstance(y, dict) and "bdata" in y:
            most = max(most, len(base64.b64decode(y["bdata"])) // np.dtype(y["dtype"]).itemsize)
        elif isinstance(y, list):
            most = max(most, len(y))
    return most


class Watcher(Student):
    """A student who notes when the live loss curve first shows an epoch (the click's effect)."""

    watch_from: float | None = None
    first_epoch: float | None = None

    def _delta(self, delta) -> None:
        super()._delta(delta)
        if self.watch_from is None or self.first_epoch is not None:
            return
        element = delta.new_element if delta.WhichOneof("type") == "new_element" else None
        if element is None or element.WhichOneof("type") != "plotly_chart":
            return
        spec = element.plotly_chart.spec
        title = (json.loads(spec).get("layout", {}).get("title") or {}).get("text", "")
        if any(live in title for live in LIVE_TITLES) and _points(spec) > 0:
            self.first_epoch = time.perf_counter() - self.watch_from


async def first_click(url: str, read: float) -> tuple[float, float, float]:
    """(cold Home, click to the first epoch on the live curve, click to the results)."""
    student = Watcher(url, "first", Timings(), timeout=600)
    await student.open()
    await asyncio.sleep(read)
    await student.goto("train")
    started = student.watch_from = time.perf_counter()
    await student.click("train_start")
    assert await student.follow_until("train_dl_predictions", 600), student.errors
    waited = time.perf_counter() - started
    await student.close()
    return student.timings.open[0], student.first_epoch or float("nan"), waited


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
    parser.add_argument("--only", default="", help="run the variants whose label contains this")
    args = parser.parse_args()
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_busy, args=(stop,), daemon=True) for _ in range(args.load)]
    for hog in hogs:
        hog.start()
    try:
        print(f"CPUs {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, busy processes {args.load},"
              f" read {args.read:.0f} s, server up {args.idle:.0f} s before the first visit")
        for label, script, warm in VARIANTS:
            if args.only not in label:
                continue
            opened, curve, waited = [], [], []
            for _ in range(args.repeat):
                env = {"RNNLAB_WARMUP": warm, "RNNLAB_DATA_DIR": tempfile.mkdtemp()}
                log = Path(tempfile.mkstemp(suffix=".log")[1])
                with Server(log, env=env, script=script) as server:
                    time.sleep(args.idle)  # the server was started before the teacher arrived
                    first, epoch, click = _run_async(first_click(server.url, args.read))
                opened.append(first)
                curve.append(epoch)
                waited.append(click)
            print(f"{label:34s} cold Home {statistics.median(opened):5.2f} s, first Train click to"
                  f" the first epoch on the curve {statistics.median(curve):5.2f} s, to results"
                  f" {statistics.median(waited):5.2f} s  (load average now {os.getloadavg()[0]:.1f})")
    finally:
        stop.set()
        for hog in hogs:
            hog.join(timeout=5)


if __name__ == "__main__":
    main()
