"""Figures for lesson files (prints them; not a pass/fail test).

1. rnnlab.lessons.loads on the built-in lesson's file, and on hostile files at the limits: how
   long a refusal (or a full check) takes, so that an import cannot hold a server's thread:
   a 2 MB file of 60 scenes with long series (the largest that loads), 2 MB refused by size,
   100,000 scenes (under 2 MB), nesting 50,000 deep, 1.9 MB of escaped quotes in one string
   (the input that made a string regex backtrack quadratically), NaN in a series.
2. rnnlab.lessons.values.render_text over the built-in lesson's 14 scenes in one language:
   cold (a fresh process: imports, forward passes, the gradient probe, baselines) and again.

Run: .venv/bin/python bench/bench_lessons.py [--repeats K]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _files() -> dict[str, str]:
    from rnnlab.lessons import builtin
    from rnnlab.lessons.model import MAX_BYTES

    head = {"format": "rnnlab-lesson", "version": 1, "title": "bench"}
    series = [round(0.001 * i, 3) for i in range(5000)]
    big = {**head, "scenes": [{"page": "data", "text": "x" * 1500,
                               "data": {"source": {"kind": "values", "name": "s", "values": series}}}
                              for _ in range(60)]}
    big_text = json.dumps(big)
    while len(big_text.encode()) > MAX_BYTES:  # the largest such file that still loads
        series = series[:-100]
        for scene in big["scenes"]:
            scene["data"]["source"]["values"] = series
        big_text = json.dumps(big)
    return {
        "built-in lesson (14 scenes, loads)": builtin("notebook").dumps(),
        f"60 scenes, {len(big_text.encode()) / 1e6:.2f} MB, series of {len(series)} values (loads)": big_text,
        "2 MB + 1 byte (refused: size)": " " * (MAX_BYTES + 1),
        "100,000 scenes (refused: count)": json.dumps({**head, "scenes": [{"page": "home"}] * 100_000}),
        "nesting 50,000 deep (refused: depth)": "[" * 50_000 + "]" * 50_000,
        "1.9 MB of escaped quotes in a string (refused: not JSON)": '{"a": "' + '\\"' * 950_000,
        "NaN in a series (refused: not a number)": json.dumps(
            {**head, "scenes": [{"page": "data", "data": {"source": {"kind": "values",
                                                                  "values": [1.0] * 4000 + [float("nan")]}}}]}),
    }


def loads_figures(repeats: int) -> None:
    from rnnlab.lessons import LessonError, loads

    print("1. loads (median of", repeats, "runs)")
    for name, text in _files().items():
        def run(text=text):
            with contextlib.suppress(LessonError):
                loads(text)

        print(f"   {name}: {_median_seconds(run, repeats) * 1000:.0f} ms")


RENDER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
start = time.perf_counter()
from rnnlab.lessons import builtin
from rnnlab.lessons.values import context, render_text
lesson = builtin("notebook")
contexts = [context(scene) for scene in lesson]
for scene, ctx in zip(lesson, contexts):
    render_text(scene, "es", ctx)
cold = time.perf_counter() - start
start = time.perf_counter()
for scene, ctx in zip(lesson, contexts):
    render_text(scene, "en", ctx)
print(cold, time.perf_counter() - start, "tensorflow" in sys.modules)
"""


def render_figures() -> None:
    out = subprocess.run([sys.executable, "-c", RENDER, str(ROOT)], capture_output=True, text=True,
                         check=True).stdout.split()
    print("2. render_text, the built-in lesson's 14 scenes")
    print(f"   cold, in a fresh process (imports included): {float(out[0]):.2f} s")
    print(f"   again, the other language (contexts kept): {float(out[1]) * 1000:.0f} ms")
    print(f"   TensorFlow imported: {out[2]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    loads_figures(args.repeats)
    render_figures()


if __name__ == "__main__":
    main()
