"""Defaults that teach: do Train's quick model and Compare's three cells beat persistence?

Issue 11's target, on the app's default series (rnnlab.data.notebook_series()), the default
split (validation 0.2, test 0.2, lookback 10, min-max) and seeds 0-4:
- the quick Train model and each of Compare's three cells beat persistence on the test part
  by test MASE (the measure every verdict on the pages uses), in the median over the seeds and
  at the pages' own default seed (42); the RMSE improvement is printed too;
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
DEFAULT_SEED = 42  # TrainConfig's: what a student gets without touching the seed
# name -> (list of TrainConfig keyword sets, one per cell trained in the job)
SETTINGS = {
    "train quick, before (LSTM 1x32, 20 epochs, lr 0.001)": [{}],
    "train quick, now": ["quick"],
    "train notebook preset (kept as is)": ["notebook"],
    "compare, before (32 units, 15 epochs, lr 0.001)": [
        {"cell": c, "units": 32, "epochs": 15, "batch_size": 16} for c in ("SimpleRNN", "LSTM", "GRU")],
    "compare, issue 11 (40 epochs, lr 0.01)": [
        {"cell": c, "compare": True, "epochs": 40, "learning_rate": 0.01} for c in ("SimpleRNN", "LSTM", "GRU")],
    "compare, now": [{"cell": c, "compare": True} for c in ("SimpleRNN", "LSTM", "GRU")],
}
# Candidates for Compare's defaults (issue 22), run with --candidates
CANDIDATES = {
    f"compare, {label}": [{"cell": c, "compare": True, **changes} for c in ("SimpleRNN", "LSTM", "GRU")]
    for label, changes in (("60 epochs", {"epochs": 60}), ("80 epochs", {"epochs": 80}),
                           ("40 epochs, batch 8", {"batch_size": 8}),
                           ("40 epochs, lr 0.005", {"learning_rate": 0.005}),
                           ("60 epochs, lr 0.005", {"epochs": 60, "learning_rate": 0.005}),
                           ("40 epochs, lr 0.003", {"learning_rate": 0.003}),
                           ("60 epochs, lr 0.003", {"epochs": 60, "learning_rate": 0.003}))}
ALL = {**SETTINGS, **CANDIDATES}


def _config(spec, seed):
    from rnnlab.pages.compare import COMPARE_DEFAULTS
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
    out = {"gains": {}, "mase": {}, "seconds": []}
    for seed in (*SEEDS, DEFAULT_SEED):
        started = time.perf_counter()
        for spec in ALL[name]:
            config = _config(spec, seed)
            run = train(values, config)
            gain = 100 * improvement_fraction(run, "persistence", "test", "rmse")
            out["gains"].setdefault(config.cell, []).append(gain)
            out["mase"].setdefault(config.cell, []).append(
                100 * improvement_fraction(run, "persistence", "test", "mase"))
        out["seconds"].append(time.perf_counter() - started)
    print(json.dumps(out))


def main() -> None:
    print("series: rnnlab.data.notebook_series(), split 0.2 / 0.2, lookback 10, min-max")
    print("MASE gain = 1 - MASE(model) / MASE(persistence) on the test part: median over seeds 0-4,"
          f" then [the default seed {DEFAULT_SEED}]; RMSE gain the same with RMSE\n")
    results = {}
    names = list(SETTINGS)
    if "--candidates" in sys.argv:  # all of them, or those named after it
        names = [n for n in CANDIDATES if not sys.argv[2:] or any(a in n for a in sys.argv[2:])]
    for name in names:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        res = results[name]
        n = len(SEEDS)
        lines = "\n".join(
            f"  {cell:9s} MASE {statistics.median(m[:n]):+6.1f} % [{m[n]:+6.1f} %] (seeds "
            f"{', '.join(f'{x:+.0f}' for x in m[:n])}) · RMSE {statistics.median(res['gains'][cell][:n]):+6.1f} %"
            f" [{res['gains'][cell][n]:+6.1f} %]"
            for cell, m in res["mase"].items())
        beat = all(statistics.median(m[:n]) > 0 and m[n] > 0 for m in res["mase"].values())
        print(f"{name}\n{lines}\n  beats persistence by test MASE (median and default seed): "
              f"{'yes' if beat else 'NO'} · first {res['seconds'][0]:.2f} s · again "
              f"{statistics.median(res['seconds'][1:]):.2f} s", flush=True)
    if "--candidates" in sys.argv:
        return
    for before, now in (("train quick, before (LSTM 1x32, 20 epochs, lr 0.001)", "train quick, now"),
                        ("compare, before (32 units, 15 epochs, lr 0.001)", "compare, now"),
                        ("compare, issue 11 (40 epochs, lr 0.01)", "compare, now")):
        b, n = results[before]["seconds"], results[now]["seconds"]
        print(f"\ntime ratio now / {before}: first {n[0] / b[0]:.2f}x · "
              f"again {statistics.median(n[1:]) / statistics.median(b[1:]):.2f}x")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
