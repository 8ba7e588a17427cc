"""The first Train click of a fresh server: how long until the results are there, with the
TensorFlow warm-up (default) and without it (RNNLAB_WARMUP=0). One student (Streamlit's
websocket protocol, bench/classroom.py) opens the app, reads for ``--read`` seconds, opens
Train and presses Train with the quick default (LSTM 32, 20 epochs, the default series).

    python bench/bench_first_train.py [--read 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.classroom import Server, Student, Timings, _run_async  # noqa: E402


async def first_click(url: str, read: float) -> tuple[float, float]:
    student = Student(url, "first", Timings(), timeout=300)
    await student.open()
    await asyncio.sleep(read)
    await student.goto("train")
    started = time.perf_counter()
    await student.click("train_start")
    assert await student.follow_until("train_dl_predictions", 300), student.errors
    waited = time.perf_counter() - started
    await student.close()
    return student.timings.open[0], waited


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--read", type=float, default=15.0,
                        help="seconds between the first page and the Train click")
    args = parser.parse_args()
    print(f"CPUs {os.cpu_count()}, load {os.getloadavg()[0]:.1f} (other processes share this machine)")
    for label, warm in (("with warm-up", "1"), ("without warm-up", "0")):
        env = {"RNNLAB_WARMUP": warm, "RNNLAB_DATA_DIR": tempfile.mkdtemp()}
        with Server(Path(tempfile.mkstemp(suffix=".log")[1]), env=env) as server:
            opened, waited = _run_async(first_click(server.url, args.read))
        print(f"{label:16s} first page {opened:.2f} s, first Train click to results {waited:.2f} s")


if __name__ == "__main__":
    main()
