"""Memory per tab of Hidden states' "Train with BPTT" with a long upload (issue 27, item 1).

Each tab (one browser context = one Streamlit session): opens the app, uploads a long CSV on
Data and keeps every value (Data's "take 1 in every" set to 1), opens Hidden states, presses "Train with BPTT", and 10 s later
the server's RSS (server + training worker, /proc) is read. Printed per tab: the growth from
"on Hidden states" to "10 s after Train", and the total after all tabs.

Before the fix each tab's training copied every window of the series into the server process
(about 500 MB per tab within 10 s; four tabs reached 3,035 MB). Run it on an older checkout to
see that figure: ``--app-dir /path/to/old/checkout``.

    .venv/bin/python bench/bench_hidden_training.py [--tabs 4] [--rows 1000000] [--app-dir DIR]
    .venv/bin/python bench/bench_hidden_training.py --estimate   # estimate vs measured time
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory_sessions import CHROMIUM, LAUNCH_ARGS, READY, children, status_mb  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    total = 0.0
    for process in [pid, *children(pid)]:
        try:
            total += status_mb(process)["VmRSS"]
        except (OSError, KeyError):
            continue
    return total


def start_server(app_dir: Path, log_path: Path):
    from testkit import start_app  # on the path since bench_memory_sessions

    return start_app(app_dir, log_path, ["--server.maxUploadSize=200"])


def estimate_check() -> None:
    """The estimate beside "Train with BPTT" against the measured time (in this process): the
    constants in rnnlab/pages/hidden.py (STEP_SECONDS...) come from these figures."""
    sys.path.insert(0, str(ROOT))
    from rnnlab.pages import hidden as hd

    values = np.sin(np.arange(20_000) / 50.0)
    scaler = hd.fit_scaler(values)
    data = hd.training_data(values, "series", scaler)
    print(f"{data.windows} windows of {data.window} steps, 3 epochs, batch {hd.TRAIN_BATCH}")
    for cell in hd.CELLS:
        for units in (2, 8, 32, 64):
            network = hd.build_network(hd.Settings(cell=cell, units=units))
            started = time.perf_counter()
            hd.train_on(network, data, epochs=3)
            took = time.perf_counter() - started
            guess = hd.estimate_train_seconds(cell, units, data.windows, data.window, 3)
            print(f"{cell:<10} {units:3d} units: measured {took:6.2f} s, estimated {guess:6.2f} s "
                  f"(x{took / guess:.2f})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=4)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--step", type=int, default=1, help="the Data page's 'take 1 in every'")
    parser.add_argument("--seconds", type=float, default=10.0, help="read the memory this long after Train")
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--estimate", action="store_true",
                        help="only compare the training estimate with measured times")
    args = parser.parse_args()
    if args.estimate:
        estimate_check()
        return 0

    from playwright.sync_api import expect, sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="rnnlab_bench_hidden_"))
    csv = tmp / "long.csv"
    t = np.arange(args.rows)
    values = np.sin(t / 50.0) + 0.1 * np.random.default_rng(0).standard_normal(args.rows)
    csv.write_text("value\n" + "\n".join(f"{v:.6f}" for v in values) + "\n")
    print(f"app: {args.app_dir} ({subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=args.app_dir, capture_output=True, text=True).stdout.strip()})")
    print(f"upload: {args.rows:,} rows, {csv.stat().st_size / 1e6:.1f} MB, step {args.step}; tabs: {args.tabs}")
    proc, url = start_server(args.app_dir, tmp / "server.log")
    growth = []
    try:
        print(f"server started: {rss_mb(proc.pid):.0f} MB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for tab in range(1, args.tabs + 1):
                page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US").new_page()
                page.set_default_timeout(300_000)  # a loaded machine: every step may take long
                page.goto(url + "/data")
                page.wait_for_selector(READY, timeout=120_000)
                page.get_by_text("Upload a CSV").click()
                page.wait_for_selector(READY, timeout=60_000)
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(csv))
                expect(page.get_by_test_id("stSidebar").get_by_text("long.csv")).to_be_visible(timeout=300_000)
                page.wait_for_selector(READY, timeout=300_000)
                step = page.locator(".st-key-data_step input")  # every value: "step 1"
                step.fill(str(args.step))
                step.press("Enter")
                expect(page.get_by_text(f"The part used has {len(range(0, args.rows, args.step)):,} values")
                       ).to_be_visible(timeout=300_000)
                page.wait_for_selector(READY, timeout=300_000)
                page.get_by_test_id("stSidebarNavLink").filter(has_text="Hidden states").click()
                expect(page.locator(".st-key-hidden_train button").first).to_be_visible(timeout=300_000)
                page.wait_for_selector(READY, timeout=300_000)
                used = page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Using [\d,]+ of"))
                shown = used.inner_text() if used.count() else f"Using all {args.rows:,} values"
                before = rss_mb(proc.pid)
                page.locator(".st-key-hidden_train button").first.click()
                time.sleep(args.seconds)  # the figure is "10 s after Train": a fixed wait is the point
                after = rss_mb(proc.pid)
                growth.append(after - before)
                print(f"tab {tab} ({shown}): on Hidden states {before:6.0f} MB -> {args.seconds:.0f} s after Train "
                      f"{after:6.0f} MB: +{after - before:.0f} MB", flush=True)
            print(f"after {args.tabs} tabs: server + worker {rss_mb(proc.pid):.0f} MB; "
                  f"growth per tab in the {args.seconds:.0f} s after Train: median "
                  f"{np.median(growth):.0f} MB, max {max(growth):.0f} MB")
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
