"""A whole class on one server: N simulated students (Streamlit's websocket protocol, see
testkit.py) open pages, step Hidden states, change settings; some train at once.

    python bench/bench_classroom.py                 # N = 40 students, 10 trainings
    python bench/bench_classroom.py --students 6 --trainers 2

Prints p50/p95 of page switches and settings changes, the time until every queued training
is done, the queue as the students saw it, errors, and the server's peak RSS. The issue's
targets: no error box, peak RSS < 1.6 GB, p95 page switch < 3 s, every training done < 2 min.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit import run_classroom  # noqa: E402


def pct(values: list[float], q: float) -> str:
    return f"{np.percentile(values, q):.2f} s" if values else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--trainers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warm-wait", type=float, default=15.0,
                        help="seconds between the teacher's first visit and the class (TF warm-up)")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 8.0), metavar=("MIN", "MAX"),
                        help="seconds a student spends between two actions (uniform)")
    parser.add_argument("--store", default="", help="RNNLAB_STORE for the server (default: SQLite)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="rnnlab-classroom-")
    env = {"RNNLAB_DATA_DIR": data_dir, "RNNLAB_STORE": args.store}
    load = os.getloadavg()
    result = run_classroom(args.students, args.trainers, seed=args.seed, env=env,
                           warm_wait=args.warm_wait, training_limit=600, think=tuple(args.think))
    t = result.timings
    print(f"students {result.students}, trainings {result.trainers}, CPUs {os.cpu_count()}, "
          f"think time {args.think[0]:g}-{args.think[1]:g} s, "
          f"load before {load[0]:.1f} (other processes share this machine)")
    print(f"page switch      n={len(t.page_switch):4d}  p50 {pct(t.page_switch, 50)}  "
          f"p95 {pct(t.page_switch, 95)}  max {pct(t.page_switch, 100)}")
    print(f"settings change  n={len(t.setting):4d}  p50 {pct(t.setting, 50)}  "
          f"p95 {pct(t.setting, 95)}  max {pct(t.setting, 100)}")
    print(f"hidden step      n={len(t.step):4d}  p50 {pct(t.step, 50)}  p95 {pct(t.step, 95)}")
    print(f"first page       n={len(t.open):4d}  p50 {pct(t.open, 50)}  p95 {pct(t.open, 95)}")
    done = result.all_trainings_seconds
    print(f"trainings done   {result.trainings_done}/{result.trainers}, all within "
          f"{done:.1f} s of the common click" if done is not None else "trainings done   none")
    if result.training_seconds:
        print("  each done after " + ", ".join(f"{s:.1f}" for s in result.training_seconds) + " s")
    print(f"queue            {result.queue_messages} waiting messages seen, highest place "
          f"{result.queue_max_position}, {result.queue_messages_with_estimate} with an estimate")
    print(f"RSS              server + training worker: start {result.start_rss_mb:.0f} MB, "
          f"peak seen {result.sampled_peak_rss_mb:.0f} MB, sum of each one's peak "
          f"{result.peak_rss_mb:.0f} MB")
    print(f"errors           {len(result.errors)} in pages, {result.server_tracebacks} tracebacks "
          "in the server log")
    for error in result.errors[:10]:
        print("  " + error)
    print(f"wall time        {result.wall_seconds:.0f} s; the server used "
          f"{result.server_cpu_seconds:.0f} CPU-s ({result.server_cpu_seconds / result.wall_seconds:.2f} "
          f"cores on average), the training worker {result.worker_cpu_seconds:.0f} CPU-s, "
          f"this simulation {result.client_cpu_seconds:.0f} CPU-s")
    print(f"load after       {os.getloadavg()[0]:.1f}")
    return 0 if not result.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
