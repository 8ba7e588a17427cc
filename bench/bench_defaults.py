"""Defaults that teach: do Train's quick model and Compare's three cells beat persistence?

Issue 11's target, on the app's default series (rnnlab.data.notebook_series()), the default
split (validation 0.2, test 0.2, lookback 10, min-max) and seeds 0-4:
- the quick Train model and each of Compare's three cells beat persistence on the test part
  (median over the seeds of the RMSE improvement, the figure the pages show);
- within about twice today's training time.
It also prints the notebook's own preset, which keeps its settings (and loses).

Each setting runs in a fresh Python process: TensorFlow is imported first (not timed), then the
five seeds train one after the other. "first" is the first training in the process (what a
student's first click costs once TensorFlow is loaded, tracing included); "again" the median of
the four retrainings (the model is reused). Compare's times are the three cells together.

    .venv/bin/python bench/bench_defaults.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = range(5)
# name -> (list of TrainConfig keyword sets, one per cell trained in the job)
SETTINGS = {
    "train quick, before (LSTM 1x32, 20 epochs, lr 0.001)": [{}],
    "train quick, now": ["quick"],
    "train notebook preset (kept as is)": ["notebook"],
    "compare, before (32 units, 15 epochs, lr 0.001)": [
        {"cell": c, "units": 32, "epochs": 15, "batch_size": 16} for c in ("SimpleRNN", "LSTM", "GRU")],
    "compare, now": [{"cell": c, "compare": True} for c in ("SimpleRNN", "LSTM", "GRU")],
}


def _config(spec, seed):
    from rnnlab.compare import COMPARE_DEFAULTS
    from rnnlab.training import TrainConfig

    if spec == "quick":
        return TrainConfig.quick(seed=seed)
    if spec == "notebook":
        config = TrainConfig.seed_notebook()
        config.seed = seed
        return config
    spec = dict(spec)
    if spec.pop("compare", False):
        spec = {**COMPARE_DEFAULTS, **spec}
    return TrainConfig(**spec, seed=seed)


def child(name: str) -> None:
    import time

    from rnnlab.data import notebook_series
    from rnnlab.training import improvement_fraction, train
    from rnnlab.training.models import _tf

    _tf()  # TensorFlow's import is not part of the training time
    values = notebook_series()
    out = {"gains": {}, "seconds": []}
    for seed in SEEDS:
        started = time.perf_counter()
        for spec in SETTINGS[name]:
            config = _config(spec, seed)
            run = train(values, config)
            gain = 100 * improvement_fraction(run, "persistence", "test", "rmse")
            out["gains"].setdefault(config.cell, []).append(gain)
        out["seconds"].append(time.perf_counter() - started)
    print(json.dumps(out))


def main() -> None:
    print("series: rnnlab.data.notebook_series(), split 0.2 / 0.2, lookback 10, min-max")
    print("gain = 1 - RMSE(model) / RMSE(persistence) on the test part, median over seeds 0-4\n")
    results = {}
    for name in SETTINGS:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        res = results[name]
        cells = "  ".join(
            f"{cell} {statistics.median(g):+.1f} % (seeds {', '.join(f'{x:+.0f}' for x in g)})"
            for cell, g in res["gains"].items())
        beat = all(statistics.median(g) > 0 for g in res["gains"].values())
        print(f"{name}\n  {cells}\n  beats persistence: {'yes' if beat else 'NO'}"
              f" · first {res['seconds'][0]:.2f} s · again {statistics.median(res['seconds'][1:]):.2f} s",
              flush=True)
    for before, now in (("train quick, before (LSTM 1x32, 20 epochs, lr 0.001)", "train quick, now"),
                        ("compare, before (32 units, 15 epochs, lr 0.001)", "compare, now")):
        b, n = results[before]["seconds"], results[now]["seconds"]
        print(f"\ntime ratio now / before, {now.split(',')[0]}: first {n[0] / b[0]:.2f}x · "
              f"again {statistics.median(n[1:]) / statistics.median(b[1:]):.2f}x")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
