"""rnnlab.training.train() against a plain Keras script of the same model: prints the figures.

Issue 5's targets, measured side by side on the notebook's config (2 x 50 relu LSTM, lookback 10,
20 epochs, batch 16) and the notebook's noisy sine, same chronological split for both:
- first training of an architecture in a fresh process: at most 0.6x the plain script's fit time;
- retraining the same architecture in the same process (new seed / learning rate / epochs):
  at most 0.15x;
- the same final loss within seed-to-seed noise.

Every measurement runs in a fresh Python process (TensorFlow import not timed), plain and rnnlab
alternate, and the medians over the repetitions are reported. Repetition r uses seed 42 + r in
both, so the spread of the final losses over seeds is the noise to compare against.

    .venv/bin/python bench/bench_training.py [--reps 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _data():
    from rnnlab.data import noisy_sine
    from rnnlab.data.windows import prepare
    from rnnlab.training import TrainConfig

    config = TrainConfig.seed_notebook()
    values = noisy_sine()
    return values, config, prepare(values, config.lookback, config.val_fraction, config.test_fraction)


def worker_plain(seed: int) -> dict:
    """What a student would write: Sequential, compile, fit (validation on the val split)."""
    values, config, data = _data()
    started = time.perf_counter()
    import keras  # noqa: F401 - the import is not part of any timing below
    import_seconds = time.perf_counter() - started
    from keras import layers

    def build_and_fit(run_seed: int) -> tuple[float, float, dict]:
        keras.utils.set_random_seed(run_seed)
        t0 = time.perf_counter()
        model = keras.Sequential([
            keras.Input((config.lookback, 1)),
            layers.LSTM(50, activation="relu", return_sequences=True),
            layers.LSTM(50, activation="relu"),
            layers.Dense(1),
        ])
        model.compile(optimizer="adam", loss="mse", metrics=["mae"])
        t1 = time.perf_counter()
        history = model.fit(data.X["train"], data.y["train"], epochs=config.epochs,
                            batch_size=config.batch_size, verbose=0,
                            validation_data=(data.X["val"], data.y["val"]))
        t2 = time.perf_counter()
        return t2 - t1, t2 - t0, history.history

    fit, total, history = build_and_fit(seed)
    fit2, _, _ = build_and_fit(seed + 100)  # a second fresh model in the same process
    return {"import": import_seconds, "fit": fit, "build_compile_fit": total, "second_fit": fit2,
            "loss": history["loss"][-1], "val_loss": history["val_loss"][-1]}


def worker_rnnlab(seed: int) -> dict:
    values, config, _ = _data()
    from rnnlab import training

    started = time.perf_counter()
    training.models._tf()
    import keras  # noqa: F401
    import_seconds = time.perf_counter() - started
    config.seed = seed

    def timed(cfg):
        t0 = time.perf_counter()
        run = training.train(values, cfg)
        return time.perf_counter() - t0, run

    first, run = timed(config)
    retrain = {}
    for label, change in (("new seed", {"seed": seed + 100}), ("new learning rate", {"learning_rate": 0.003}),
                          ("30 epochs", {"epochs": 30})):
        cfg = training.TrainConfig.from_dict({**config.to_dict(), **change})
        retrain[label], again = timed(cfg)
        assert again.reused_model
    return {"import": import_seconds, "first": first, "retrain": retrain,
            "loss": run.history["loss"][-1], "val_loss": run.history["val_loss"][-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--worker", choices=["plain", "rnnlab"])
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.worker:
        result = (worker_plain if args.worker == "plain" else worker_rnnlab)(args.seed)
        print("RESULT " + json.dumps(result))
        return

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    results: dict[str, list[dict]] = {"plain": [], "rnnlab": []}
    for rep in range(args.reps):
        order = ["plain", "rnnlab"] if rep % 2 == 0 else ["rnnlab", "plain"]
        for kind in order:
            out = subprocess.run([sys.executable, __file__, "--worker", kind, "--seed", str(42 + rep)],
                                 capture_output=True, text=True, env=env, cwd=ROOT)
            line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                sys.exit(f"{kind} worker failed:\n{out.stderr[-3000:]}")
            results[kind].append(json.loads(line[7:]))
            print(f"rep {rep + 1}/{args.reps} {kind:6s} done", file=sys.stderr)

    def med(kind, key):
        return statistics.median(r[key] for r in results[kind])

    def spread(kind, key):
        vals = [r[key] for r in results[kind]]
        return f"median {statistics.median(vals):.4f} (min {min(vals):.4f}, max {max(vals):.4f})"

    plain_fit = med("plain", "fit")
    first = med("rnnlab", "first")
    print(f"\nNotebook config (LSTM 2x50 relu, 20 epochs, batch 16), {args.reps} fresh processes each, "
          f"alternating; CPUs: {len(os.sched_getaffinity(0))}; load average at end: "
          f"{os.getloadavg()[0]:.2f}")
    print(f"  import tensorflow+keras (not timed below): plain {med('plain', 'import'):.2f} s, "
          f"rnnlab {med('rnnlab', 'import'):.2f} s")
    print(f"  plain Keras model.fit                     {plain_fit:6.2f} s")
    print(f"  plain Keras build+compile+fit             {med('plain', 'build_compile_fit'):6.2f} s")
    print(f"  plain Keras 2nd fresh model, same process {med('plain', 'second_fit'):6.2f} s")
    print(f"  rnnlab train(), first in process          {first:6.2f} s   "
          f"ratio {first / plain_fit:.2f}x of plain fit  (target <= 0.60x)")
    for label in results["rnnlab"][0]["retrain"]:
        value = statistics.median(r["retrain"][label] for r in results["rnnlab"])
        print(f"  rnnlab retrain, {label:18s}        {value:6.2f} s   "
              f"ratio {value / plain_fit:.2f}x  (target <= 0.15x)")
    print("  final training loss (scaled MSE) over seeds 42..: plain " + spread("plain", "loss"))
    print("                                                  rnnlab " + spread("rnnlab", "loss"))
    print("  final validation loss over the same seeds:        plain " + spread("plain", "val_loss"))
    print("                                                  rnnlab " + spread("rnnlab", "val_loss"))


if __name__ == "__main__":
    main()
