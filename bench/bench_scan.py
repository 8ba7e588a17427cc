"""Loop vs parallel scan for minGRU, honestly timed on this machine's CPU.

    .venv/bin/python bench/bench_scan.py [--repeats 3] [--no-keras] [--write]

Two tables:
  1. numpy (rnnlab.scratch.MinGRU, one BLAS thread): forward and forward+backward, wall time
     and this process's CPU time, by "loop" (T dependent steps),
     "scan" (the log-depth associative scan) and "log" (the paper's log-space form), batch 1,
     against the sequence length T = 10 .. 100,000 and units 8 and 64. Also the largest
     difference between the scan's h and the loop's h (float64).
  2. Keras training (one optimizer step, batch 16, 32 units, Adam, MSE on the last state):
     minGRU by keras.ops.associative_scan and by keras.ops.scan, against keras.layers.GRU and
     keras.layers.LSTM, T = 10 .. 10,000 (the first call, which traces, is not counted).

Prints the tables, the CPU's name and the load average (other work on the machine slows
everything: read the ratios more than the absolute times). --write saves them to
rnnlab/datasets/scan_timing.json, which the Modern recurrences page draws.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.pages.modern import crossover  # noqa: E402
from rnnlab.scratch import MinGRU  # noqa: E402
from rnnlab.scratch.blas import one_blas_thread  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "rnnlab" / "datasets" / "scan_timing.json"
NUMPY_LENGTHS = (10, 100, 1_000, 10_000, 100_000)
NUMPY_UNITS = (8, 64)
KERAS_LENGTHS = (10, 100, 1_000, 10_000)
KERAS_UNITS, KERAS_BATCH = 32, 16


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return {"cpu": cpu_name(), "cores": cpus, "python": platform.python_version(),
            "numpy": np.__version__}


def median_seconds(run, repeats: int, budget: float = 20.0, cpu: list | None = None) -> float:
    """Median wall time over `repeats` calls (fewer once `budget` seconds are spent). With `cpu`
    (a list), the median CPU time of this process is appended to it: on a loaded machine the
    wall time includes waiting for a core, the CPU time does not."""
    walls, cpus = [], []
    start = time.perf_counter()
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        if time.perf_counter() - start > budget:
            break
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(walls)


def bench_numpy(repeats: int) -> list[dict]:
    rows = []
    rng = np.random.default_rng(0)
    for units in NUMPY_UNITS:
        cell = MinGRU(1, units, seed=0)
        cell.params["b"][:] = rng.normal(size=cell.params["b"].shape)
        for steps in NUMPY_LENGTHS:
            x = rng.normal(size=(1, steps, 1))
            seed = rng.normal(size=(1, steps, units))
            row = {"units": units, "T": steps}
            loop = cell.forward(x, mode="loop").hidden
            for mode in ("loop", "scan", "log"):
                cpu: list[float] = []
                row[f"{mode}_forward_s"] = median_seconds(lambda m=mode, c=cell, x=x: c.forward(x, mode=m),
                                                          repeats, cpu=cpu)
                row[f"{mode}_train_s"] = median_seconds(
                    lambda m=mode, c=cell, x=x, d=seed: c.backward(c.forward(x, mode=m), d, mode=m), repeats,
                    cpu=cpu)
                row[f"{mode}_forward_cpu_s"], row[f"{mode}_train_cpu_s"] = cpu
                if mode != "loop":
                    h = cell.forward(x, mode=mode).hidden
                    row[f"{mode}_max_error"] = float(np.abs(h - loop).max())
            rows.append(row)
            print(f"numpy  H={units:3d} T={steps:7d}  forward loop {row['loop_forward_s'] * 1e3:9.2f} ms"
                  f"  scan {row['scan_forward_s'] * 1e3:9.2f} ms  log {row['log_forward_s'] * 1e3:9.2f} ms"
                  f" | fwd+bwd loop {row['loop_train_s'] * 1e3:9.2f}  scan {row['scan_train_s'] * 1e3:9.2f}"
                  f"  log {row['log_train_s'] * 1e3:9.2f} ms (CPU loop {row['loop_train_cpu_s'] * 1e3:.2f}"
                  f" scan {row['scan_train_cpu_s'] * 1e3:.2f}) | |scan-loop| {row['scan_max_error']:.1e}"
                  f"  |log-loop| {row['log_max_error']:.1e}  load {os.getloadavg()[0]:.1f}", flush=True)
    return rows


def bench_keras(repeats: int) -> list[dict]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import tensorflow as tf

    from rnnlab.training.minimal_layers import MinGRU as KerasMinGRU

    makers = {
        "minGRU_scan": lambda: KerasMinGRU(KERAS_UNITS, mode="scan"),
        "minGRU_loop": lambda: KerasMinGRU(KERAS_UNITS, mode="loop"),
        "GRU": lambda: keras.layers.GRU(KERAS_UNITS),
        "LSTM": lambda: keras.layers.LSTM(KERAS_UNITS),
    }
    rows = []
    rng = np.random.default_rng(0)
    for steps in KERAS_LENGTHS:
        x = tf.constant(rng.normal(size=(KERAS_BATCH, steps, 1)).astype("float32"))
        y = tf.constant(rng.normal(size=(KERAS_BATCH, 1)).astype("float32"))
        row = {"T": steps}
        for name, make in makers.items():
            keras.utils.set_random_seed(0)
            model = keras.Sequential([keras.Input((steps, 1)), make(), keras.layers.Dense(1)])
            optimizer = keras.optimizers.Adam(1e-3)
            optimizer.build(model.trainable_variables)

            @tf.function
            def step(model=model, optimizer=optimizer, x=x, y=y):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
                grads = tape.gradient(loss, model.trainable_variables)
                optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
                return loss

            step()  # traces
            cpu: list[float] = []
            row[f"{name}_step_s"] = median_seconds(lambda s=step: s().numpy(), repeats, cpu=cpu)
            row[f"{name}_step_cpu_s"] = cpu[0]  # all of TensorFlow's threads together
        rows.append(row)
        print(f"keras  T={steps:6d}  " + "  ".join(
            f"{name} {row[f'{name}_step_s'] * 1e3:8.1f} ms (CPU {row[f'{name}_step_cpu_s'] * 1e3:.1f})"
            for name in makers)
            + f"  load {os.getloadavg()[0]:.1f}", flush=True)
    return rows


def crossovers(rows: list[dict], fast: str, slow: str) -> int | None:
    """The first T from which `fast` stays quicker than `slow` (None: never); as the page says."""
    return crossover([r["T"] for r in rows], [r[fast] for r in rows], [r[slow] for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-keras", action="store_true")
    parser.add_argument("--write", action="store_true", help=f"save the tables to {OUT}")
    args = parser.parse_args()
    info = machine()
    load_before = os.getloadavg()
    print(f"CPU: {info['cpu']} ({info['cores']} cores), load average {load_before[0]:.2f}")
    with one_blas_thread():
        numpy_rows = bench_numpy(args.repeats)
    keras_rows = [] if args.no_keras else bench_keras(args.repeats)
    load_after = os.getloadavg()
    summary = {}
    for units in NUMPY_UNITS:
        rows = [r for r in numpy_rows if r["units"] == units]
        summary[f"numpy_H{units}_scan_beats_loop_from_T"] = crossovers(rows, "scan_forward_s", "loop_forward_s")
        summary[f"numpy_H{units}_train_scan_beats_loop_from_T"] = crossovers(rows, "scan_train_s", "loop_train_s")
    if keras_rows:
        for rival in ("GRU", "LSTM"):
            summary[f"keras_scan_beats_{rival}_from_T"] = crossovers(keras_rows, "minGRU_scan_step_s", f"{rival}_step_s")
    print("crossovers:", summary)
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          f"(other processes share these {info['cores']} cores: times are noisy)")
    if args.write:
        data = {
            "machine": info, "measured": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
            "load_average": {"before": load_before[0], "after": load_after[0]},
            "repeats": args.repeats, "numpy": numpy_rows, "keras": keras_rows,
            "keras_setup": {"units": KERAS_UNITS, "batch": KERAS_BATCH, "optimizer": "adam"},
            "crossovers": summary,
        }
        OUT.write_text(json.dumps(data, indent=1) + "\n")
        print(f"written to {OUT}")


if __name__ == "__main__":
    main()
