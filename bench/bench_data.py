"""Figures for the data layer and the app shell (prints them; not a pass/fail test).

1. rnnlab.data.read_csv on a 2,000,000-row, two-column CSV (date-time, value; about 54 MB):
   wall time and peak memory, each parse in a fresh process. Peak memory is measured two
   ways: the rise of the process's peak RSS over its state just before the parse (what the
   machine sees), and tracemalloc's peak (Python and numpy allocations only).
   Targets: under 10 s, peak under 3x the file size.
2. The landing page's time to first full render in headless Chromium: from navigation start
   until the script has finished, the heading is shown and the sidebar sparkline is drawn.

Run: .venv/bin/python bench/bench_data.py [--rows N] [--repeats K] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Peak RSS comes from /proc/self/status (VmHWM): ru_maxrss would inherit the parent's peak
# across fork+exec on Linux, and the parent has just built the CSV with pandas.
PARSE_CHILD = r"""
import json, sys, time, tracemalloc
from rnnlab.data import read_csv

def peak_rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

read_csv(b"time,value\n" + b"".join(b"2024-01-01 00:%02d,%d.5\n" % (i, i) for i in range(30)))  # warm-up
mode, path = sys.argv[1], sys.argv[2]
before = peak_rss()
if mode == "tracemalloc":
    tracemalloc.start()
start = time.perf_counter()
series = read_csv(path)
seconds = time.perf_counter() - start
result = {"seconds": seconds, "n": len(series), "dated": series.index is not None}
if mode == "tracemalloc":
    result["traced_peak"] = tracemalloc.get_traced_memory()[1]
else:
    result["rss_rise"] = peak_rss() - before
print(json.dumps(result))
"""


def write_csv(path: Path, rows: int) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    times = pd.date_range("2020-01-01", periods=rows, freq="min").strftime("%Y-%m-%d %H:%M")
    values = 20 + 5 * np.sin(np.arange(rows) * 2 * np.pi / 1440) + rng.normal(0, 0.5, rows)
    pd.DataFrame({"time": times, "value": np.round(values, 6)}).to_csv(path, index=False)


def parse_once(path: Path, mode: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", PARSE_CHILD, mode, str(path)], capture_output=True,
                         text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_parse(rows: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        write_csv(path, rows)
        size = path.stat().st_size
        print(f"CSV: {rows:,} rows x 2 columns (date-time, value), {size / 1e6:.1f} MB")
        runs = [parse_once(path, "rss") for _ in range(repeats)]
        traced = parse_once(path, "tracemalloc")
    assert all(r["n"] == rows and r["dated"] for r in runs), runs
    seconds = [r["seconds"] for r in runs]
    rss = max(r["rss_rise"] for r in runs)
    print(f"read_csv time: median {statistics.median(seconds):.2f} s, "
          f"min {min(seconds):.2f} s, max {max(seconds):.2f} s over {repeats} runs (target < 10 s)")
    print(f"peak RSS rise during the parse: {rss / 1e6:.0f} MB = {rss / size:.2f}x the file "
          f"(target < 3x)")
    print(f"tracemalloc peak: {traced['traced_peak'] / 1e6:.0f} MB = "
          f"{traced['traced_peak'] / size:.2f}x the file (parse under tracemalloc took "
          f"{traced['seconds']:.2f} s)")


def bench_landing(repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from testkit import READY, find_chromium, free_port

    CHROMIUM = find_chromium()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        started = time.perf_counter()
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the Streamlit server did not start") from None
                time.sleep(0.1)
        print(f"server start to health: {time.perf_counter() - started:.2f} s")
        timings = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run", "--disable-quic"])
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(READY, timeout=120_000)
                page.get_by_role("heading", name="rnnlab: look inside a recurrent network").wait_for()
                page.wait_for_selector("[data-testid='stSidebar'] .js-plotly-plot .scatterlayer .trace",
                                       state="attached", timeout=60_000)
                timings.append(time.perf_counter() - start)
                context.close()
            browser.close()
        print(f"landing page, navigation to full render: first (cold) {timings[0]:.2f} s; "
              f"median of all {repeats}: {statistics.median(timings):.2f} s "
              f"(min {min(timings):.2f}, max {max(timings):.2f})")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    try:
        load = os.getloadavg()
        print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    except OSError:
        pass
    bench_parse(args.rows, args.repeats)
    if not args.no_browser:
        bench_landing(max(args.repeats, 5))


if __name__ == "__main__":
    main()
