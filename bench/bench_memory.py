"""Memory of many trainings in one process (one server, many students): prints RSS figures.

Target (issue 5): 20 trainings in a row grow the process's RSS by under 150 MB. Two scenarios,
each in a fresh process:
- "same": the notebook's architecture 20 times (new seeds, learning rates, epochs: the pool
  reuses one traced model);
- "mixed": 20 trainings cycling through 8 architectures, more than the model pool keeps
  (6), so traced models are also evicted and rebuilt.

    .venv/bin/python bench/bench_memory.py [--trainings 20]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker(scenario: str, count: int) -> dict:
    from rnnlab import training
    from rnnlab.data import noisy_sine
    from rnnlab.training import TrainConfig

    values = noisy_sine(200)
    base = TrainConfig.seed_notebook()
    start_rss = _status_mb("VmRSS")
    training.models._tf()
    after_import = _status_mb("VmRSS")
    mixed = [("LSTM", 2, 50, "relu"), ("LSTM", 1, 32, "tanh"), ("GRU", 1, 32, "tanh"),
             ("SimpleRNN", 1, 32, "tanh"), ("GRU", 2, 16, "tanh"), ("SimpleRNN", 3, 8, "relu"),
             ("LSTM", 3, 24, "tanh"), ("GRU", 1, 64, "relu")]
    rss = []
    runs = []  # kept like a session keeps its runs: the Run objects are part of the cost
    for i in range(count):
        if scenario == "same":
            config = TrainConfig.from_dict({**base.to_dict(), "seed": i,
                                            "learning_rate": 0.001 * (1 + i % 3), "epochs": 15 + i % 10})
        else:
            cell, layers, units, activation = mixed[i % len(mixed)]
            config = TrainConfig(cell=cell, layers=layers, units=units, activation=activation,
                                 epochs=15, seed=i)
        runs.append(training.train(values, config))
        gc.collect()
        rss.append(_status_mb("VmRSS"))
    return {"start": start_rss, "after_import": after_import, "rss": rss, "peak": _status_mb("VmHWM"),
            "pool": len(training.pool)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainings", type=int, default=20)
    parser.add_argument("--worker", choices=["same", "mixed"])
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args.worker, args.trainings)))
        return
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    print(f"{args.trainings} trainings in one process (series of 200 values); RSS in MB; "
          f"CPUs {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.2f}")
    for scenario in ("same", "mixed"):
        out = subprocess.run([sys.executable, __file__, "--worker", scenario, "--trainings",
                              str(args.trainings)], capture_output=True, text=True, env=env, cwd=ROOT)
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            sys.exit(f"{scenario} worker failed:\n{out.stderr[-3000:]}")
        r = json.loads(line[7:])
        rss = r["rss"]
        print(f"\n  scenario {scenario!r}: python+numpy {r['start']:.0f}, after TensorFlow import "
              f"{r['after_import']:.0f}, after training 1: {rss[0]:.0f}, after {len(rss)}: {rss[-1]:.0f}")
        print(f"    growth from training 1 to {len(rss)}: {rss[-1] - rss[0]:+.0f} MB (target < 150); "
              f"from import to the end: {rss[-1] - r['after_import']:+.0f} MB; peak RSS {r['peak']:.0f}; "
              f"models left in the pool: {r['pool']}")
        print("    RSS after each training: " + " ".join(f"{x:.0f}" for x in rss))


if __name__ == "__main__":
    main()
