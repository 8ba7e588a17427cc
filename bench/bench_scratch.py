"""Benchmark of the numpy engine (rnnlab.scratch) against its targets and against Keras.

    .venv/bin/python bench/bench_scratch.py [--repeats 3] [--no-keras]

Prints figures; it does not pass or fail. Targets (issue 3):
  - train a 1-layer 32-unit LSTM + readout, Adam, default noisy sine windows (lookback 10,
    batch 16), 100 epochs: under 1.5 s; and the ratio against Keras on the same job;
  - forward of a 64-unit LSTM over 1,000 steps (batch 1) with the full trace: under 50 ms.
Timings are medians over repeats; the machine's load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.data import noisy_sine  # noqa: E402
from rnnlab.data.windows import prepare  # noqa: E402
from rnnlab.scratch import LSTM, Network, jacobian_norms, train_windows  # noqa: E402

EPOCHS, UNITS, LOOKBACK, BATCH = 100, 32, 10, 16


class Timing:
    """Median wall time and median CPU time (of this process) over repeats.

    On a loaded machine the wall time grows with the other work; the CPU time is closer to
    what a quiet machine would show (one BLAS thread, so CPU time ~ wall time when idle).
    """

    def __init__(self, run, repeats: int):
        walls, cpus = [], []
        for _ in range(repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        self.wall, self.cpu = statistics.median(walls), statistics.median(cpus)

    def __str__(self) -> str:
        return f"{self.wall:.3f} s wall, {self.cpu:.3f} s CPU"

    def ms(self) -> str:
        return f"{self.wall * 1e3:.1f} ms wall, {self.cpu * 1e3:.1f} ms CPU"


def bench_scratch_training(data, repeats: int, dtype) -> tuple[Timing, float]:
    def run():
        net = Network.build("LSTM", units=UNITS, seed=0, dtype=dtype)
        result = train_windows(net, data, epochs=EPOCHS, batch_size=BATCH, optimizer="adam",
                               learning_rate=0.001, seed=0)
        run.val_loss = result.history["val_loss"][-1]

    return Timing(run, repeats), run.val_loss


def bench_keras_training(data, repeats: int) -> tuple[Timing, float, float]:
    """Build + compile + fit of the same model (float32, Keras' default), plain model.fit."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    start = time.perf_counter()
    import keras

    import_seconds = time.perf_counter() - start

    def run():
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((LOOKBACK, 1)), keras.layers.LSTM(UNITS),
                                  keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.Adam(0.001), loss="mse")
        history = model.fit(data.X["train"], data.y["train"], batch_size=BATCH, epochs=EPOCHS,
                            validation_data=(data.X["val"], data.y["val"]), verbose=0)
        run.val_loss = history.history["val_loss"][-1]

    return Timing(run, repeats), run.val_loss, import_seconds


def bench_forward(repeats: int) -> tuple[Timing, Timing]:
    cell = LSTM(1, 64, seed=0)
    x = np.random.default_rng(0).normal(size=(1, 1000, 1))
    forward = Timing(lambda: cell.forward(x), max(repeats, 20))
    trace = cell.forward(x)
    backward = Timing(lambda: cell.backward(trace, np.ones((1, 64))), max(repeats, 10))
    return forward, backward


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-keras", action="store_true", help="skip the Keras comparison")
    args = parser.parse_args()

    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} (other work on the machine makes these numbers noisy)")
    data = prepare(noisy_sine(), lookback=LOOKBACK)
    print(f"data: default noisy sine, lookback {LOOKBACK}: {data.counts()} windows, "
          f"batch {BATCH}, {EPOCHS} epochs, LSTM {UNITS} units + Dense(1), Adam 1e-3")

    scratch64, val64 = bench_scratch_training(data, args.repeats, np.float64)
    scratch32, val32 = bench_scratch_training(data, args.repeats, np.float32)
    print(f"numpy engine, float64: {scratch64}  (target < 1.5 s)  final val_loss {val64:.4f}")
    print(f"numpy engine, float32: {scratch32}  final val_loss {val32:.4f}")

    if not args.no_keras:
        keras_t, keras_val, import_s = bench_keras_training(data, args.repeats)
        print(f"keras build+compile+fit (float32): {keras_t}  final val_loss {keras_val:.4f}  "
              f"(import keras/tensorflow once: {import_s:.2f} s wall, not counted)")
        print(f"ratio keras / numpy engine, wall: {keras_t.wall / scratch64.wall:.1f}x (float64), "
              f"{keras_t.wall / scratch32.wall:.1f}x (float32); CPU: "
              f"{keras_t.cpu / scratch64.cpu:.1f}x (float64), {keras_t.cpu / scratch32.cpu:.1f}x "
              f"(float32; Keras may use both cores)")

    forward, backward = bench_forward(args.repeats)
    print(f"LSTM 64 units, 1,000 steps, batch 1: forward with full trace {forward.ms()} "
          f"(target < 50 ms); backward (BPTT) {backward.ms()}")
    cell = LSTM(1, 64, seed=0)
    x = np.random.default_rng(0).normal(size=(200, 1))
    print(f"jacobian_norms, LSTM 64 units, 200 steps: {Timing(lambda: jacobian_norms(cell, x), 5).ms()}")


if __name__ == "__main__":
    main()
