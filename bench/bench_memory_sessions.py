"""Server memory with several real students: prints the Streamlit server's RSS at each stage.

Target (issue 7): with three sessions that have each trained the notebook's model, the server's
RSS stays under 1.5 GB (Community Cloud allows 2.7 GB for the whole app).

It starts the app (`python -m streamlit run app.py`, so the PID is the server itself), opens
N separate browser sessions in Debian's Chromium (one browser context each = one Streamlit
session), and in every session: opens the Train page, presses "Notebook preset", presses
"Train". The trainings run at the same time, as in a class; it waits for every "Results"
heading, then reads VmRSS (now) and VmHWM (peak) of the server from /proc/PID/status.

    .venv/bin/python bench/bench_memory_sessions.py [--sessions 3] [--timeout 600]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from testkit import start_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
READY = ("[data-testid='stApp'][data-test-connection-state='CONNECTED']"
         "[data-test-script-state='notRunning']")
TARGET_MB = 1500  # 1.5 GB
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--disable-quic"]


def status_mb(pid: int) -> dict[str, float]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in MB (10^6 bytes)."""
    found = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(rest.split()[0]) * 1024 / 1e6  # the file counts KiB
    return found


def children(pid: int) -> list[int]:
    """Processes the server started: the training worker (rnnlab.runtime.worker)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def start_server(log_path: Path) -> tuple[subprocess.Popen, str]:
    return start_app(ROOT, log_path)


def report(stage: str, pid: int, rows: list) -> None:
    """The server and its training worker added up (the peak: each one's own peak, added)."""
    total = {"VmRSS": 0.0, "VmHWM": 0.0}
    for process in [pid, *children(pid)]:
        try:
            for name, value in status_mb(process).items():
                total[name] += value
        except OSError:  # it just ended
            continue
    rows.append((stage, total["VmRSS"], total["VmHWM"]))
    print(f"{stage:<44} VmRSS {total['VmRSS']:8.0f} MB   VmHWM {total['VmHWM']:8.0f} MB "
          f"(server + worker)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for training")
    args = parser.parse_args()

    from playwright.sync_api import expect, sync_playwright

    log_path = Path(tempfile.gettempdir()) / "rnnlab_bench_memory_sessions.log"
    proc, url = start_server(log_path)
    pid = proc.pid
    rows: list = []
    try:
        report("server started", pid, rows)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            pages = []
            for i in range(args.sessions):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
                page = context.new_page()
                page.goto(url)
                page.wait_for_selector(READY, timeout=60_000)
                page.get_by_test_id("stSidebarNavLink").filter(has_text="Train").click()
                expect(page.get_by_role("heading", name="Train a recurrent network")
                       ).to_be_visible(timeout=120_000)
                page.wait_for_selector(READY, timeout=60_000)
                page.locator(".st-key-train_preset").get_by_role("button", name="Notebook preset").click()
                page.wait_for_selector(READY, timeout=60_000)
                pages.append(page)
                report(f"session {i + 1} on Train, preset applied", pid, rows)

            started = time.perf_counter()
            for page in pages:  # the whole class presses Train at about the same moment
                page.locator(".st-key-train_start button").click()
            for i, page in enumerate(pages):
                done = page.get_by_text(re.compile(r"Trained for \d+ epochs"))
                try:
                    expect(done.first).to_be_visible(timeout=args.timeout * 1000)
                except AssertionError:
                    for k, p in enumerate(pages):
                        p.screenshot(path=str(log_path.with_name(f"rnnlab_bench_session{k + 1}.png")))
                    report(f"session {i + 1} NOT trained after {args.timeout:.0f} s", pid, rows)
                    raise SystemExit(f"session {i + 1} did not finish; screenshots and log "
                                     f"next to {log_path}") from None
                expect(page.get_by_role("heading", name="Results")).to_be_visible(timeout=60_000)
                report(f"session {i + 1} trained ({time.perf_counter() - started:.0f} s after start)",
                       pid, rows)
            for page in pages:
                page.wait_for_selector(READY, timeout=120_000)  # results fully drawn
            time.sleep(2)
            report(f"all {args.sessions} sessions trained, results shown", pid, rows)
            extra = children(pid)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()

    final_rss, peak = rows[-1][1], max(r[2] for r in rows)
    print()
    print(f"sessions: {args.sessions}; server child processes: {len(extra)}")
    print(f"server + worker RSS after all trainings: {final_rss:.0f} MB; peak (VmHWM): {peak:.0f} MB; "
          f"target < {TARGET_MB} MB -> {'OK' if peak < TARGET_MB else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
