"""The Hidden states stage in real Chromium against a real server: what stepping costs.

Prints:
- bytes the server sends for 20 arrow-key steps, settle rerun included (target < 60 KB), and
  how many rerun requests the browser sent, for the default network (LSTM 8 x 50) and LSTM 64 x 200;
- Play at the top speed on LSTM 64 units x 200 steps: steps/s drawn (target >= 30) and the
  requestAnimationFrame frame times (median, p95);
- a screenshot-sampled Play: how many sampled frames had a blank panel (target 0);
- the one-time payload for LSTM 64 x 200 (target < 400 KB): its JSON size, and the bytes the
  page load sent in total;
- the first-render time of Hidden states (open it from the sidebar until its run is over and its
  step charts are drawn), on main's code ("before") and on this tree ("after"), both servers up
  and measured in turns, after one warm-up turn each.

Run:  .venv/bin/python bench/bench_stepper.py [--base DIR]
DIR is a checkout of main (default /tmp/stage_base, made with `git worktree add` if missing).
Timings are noisy on a shared machine: each is the median of several runs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

READY = "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
BIG = "src=sine&n=400&periods=6&hidden_units=64&hidden_length=200"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tree: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"the server in {tree} did not start")


class Wire:
    def __init__(self, page):
        self.sent = self.received = 0
        page.on("websocket", self._watch)

    def _watch(self, ws):
        ws.on("framesent", lambda p: setattr(self, "sent", self.sent + 1))
        ws.on("framereceived", lambda p: setattr(self, "received", self.received + len(p or b"")))

    def reset(self):
        self.sent = self.received = 0


def step(page) -> int:
    return int(page.locator("[data-rnnlab-step]").get_attribute("data-rnnlab-step"))


def open_stage(page, url: str, query: str = ""):
    page.goto(f"{url}/hidden_states?{query}")
    page.wait_for_selector("[data-testid=rnnlab-stage]", timeout=120_000)
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(500)
    stage = page.get_by_test_id("rnnlab-stage")
    stage.scroll_into_view_if_needed()
    return stage


def twenty_steps(browser, url: str, query: str) -> tuple[int, int, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    wire = Wire(page)
    stage = open_stage(page, url, query)
    start = step(page)
    wire.reset()
    stage.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(60)  # a person pressing fast, still well under the settle delay
    page.get_by_text(f"Neuron 1 at step t = {start + 20},").wait_for(timeout=30_000)
    page.wait_for_selector(READY)
    page.wait_for_timeout(500)
    out = wire.received, wire.sent, step(page)
    page.close()
    return out


def play_top_speed(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    wire = Wire(page)
    open_stage(page, url, BIG)
    wire.reset()
    page.get_by_test_id("rnnlab-stage-speed").select_option("60")
    page.evaluate("() => { const s = document.querySelector('[data-testid=rnnlab-stage]').rnnlabStats;"
                  " s.draws = 0; s.frames.length = 0; s.drawMs.length = 0; }")
    t0 = time.perf_counter()
    page.get_by_role("button", name="Play", exact=True).click()
    # polled every 100 ms, not every animation frame: the check must not cost the Play frames
    page.wait_for_function("() => document.querySelector('[data-rnnlab-step]').dataset.rnnlabStep === '200'",
                           timeout=60_000, polling=100)
    seconds = time.perf_counter() - t0
    during = wire.sent  # before the end's settle (300 ms later)
    stats = page.evaluate("() => { const s = document.querySelector('[data-testid=rnnlab-stage]').rnnlabStats;"
                          " return {draws: s.draws, frames: s.frames.slice(), drawMs: s.drawMs.slice()}; }")
    frames = sorted(stats["frames"])
    play_ms = sum(stats["frames"])  # from the first to the last animation frame of the Play
    page.wait_for_timeout(800)
    out = {"draws": stats["draws"], "play_s": play_ms / 1000, "wall_s": seconds,
           "frame_median": statistics.median(frames), "frame_p95": frames[int(0.95 * (len(frames) - 1))],
           "draw_median": statistics.median(stats["drawMs"]), "draw_max": max(stats["drawMs"]),
           "reruns_while_playing": during}
    page.close()
    return out


def blank_frames(browser, url: str, samples: int = 24) -> tuple[int, int, set]:
    """Screenshots while it plays; a panel is blank when almost all its pixels are background."""
    from PIL import Image

    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    open_stage(page, url, BIG)
    page.get_by_test_id("rnnlab-stage-speed").select_option("15")
    page.get_by_role("button", name="Play", exact=True).click()
    panels = [page.locator(f".rs-{name} canvas") for name in ("input", "pca", "heat", "gates")]
    blank, steps = 0, set()
    for _ in range(samples):
        png = page.screenshot()
        steps.add(step(page))
        image = Image.open(io.BytesIO(png)).convert("L")
        for panel in panels:
            box = panel.bounding_box()
            crop = image.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]),
                               int(box["y"] + box["height"])))
            hist = crop.histogram()
            inked = sum(hist[:235]) / max(1, crop.width * crop.height)  # pixels darker than paper
            if inked < 0.02:
                blank += 1
    page.close()
    return blank, samples, steps


def payload_size(browser, url: str) -> tuple[int, int]:
    from rnnlab.data import noisy_sine
    from rnnlab.pages import hidden as hd
    from rnnlab.pages.stage import build_payload

    settings = hd.Settings(cell="LSTM", units=64, length=200)
    inp = hd.make_input(noisy_sine(n=400, periods=6), "series", length=200)
    forward = hd.forward_pass(hd.build_network(settings), inp.x)
    size = len(json.dumps(build_payload(settings, inp, forward, "es")).encode())
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    wire = Wire(page)
    open_stage(page, url, BIG)
    loaded = wire.received
    page.close()
    return size, loaded


def first_render(browser, url: str, stage: bool) -> float:
    """Seconds from the sidebar click to Hidden states drawn (run over, step charts on screen)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    page.goto(url)
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(300)
    t0 = time.perf_counter()
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Hidden states").click()
    if stage:
        page.wait_for_function("() => { const s = document.querySelector('[data-testid=rnnlab-stage]');"
                               " return s && s.rnnlabStats && s.rnnlabStats.draws > 0; }", timeout=120_000)
    else:
        page.wait_for_selector(".st-key-hidden_fig_heatmap .heatmaplayer", timeout=120_000)
    page.wait_for_selector(READY, timeout=120_000)
    seconds = time.perf_counter() - t0
    page.close()
    return seconds


def base_tree(path: Path) -> Path:
    if not (path / "app.py").exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), "main"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="/tmp/stage_base", help="a checkout of main (before)")
    args = parser.parse_args()
    base = base_tree(Path(args.base))
    chromium = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    proc, url = start_server(ROOT)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            print("Hidden states stage, real Chromium against a real server (1280x720)")
            for label, query in (("LSTM 8 units x 50 steps (default)", ""), ("LSTM 64 units x 200 steps", BIG)):
                received, sent, end = twenty_steps(browser, url, query)
                print(f"  20 arrow-key steps, {label}: {received / 1000:.1f} KB from the server, "
                      f"{sent} rerun request(s) (the settle), stage at step {end}   (target < 60 KB)")
            play = play_top_speed(browser, url)
            print(f"  Play at 60 steps/s, LSTM 64 x 200: {199 / play['play_s']:.1f} steps/s, "
                  f"{play['draws'] / play['play_s']:.1f} draws/s ({play['draws']} draws in {play['play_s']:.2f} s)"
                  f"   (target >= 30 steps/s)")
            print(f"    requestAnimationFrame frame time: median {play['frame_median']:.1f} ms, "
                  f"p95 {play['frame_p95']:.1f} ms; one draw: median {play['draw_median']:.2f} ms, "
                  f"max {play['draw_max']:.1f} ms; reruns while playing: {play['reruns_while_playing']}")
            blank, samples, steps = blank_frames(browser, url)
            print(f"  screenshot-sampled Play: {blank} blank panels in {samples} screenshots x 4 panels "
                  f"({len(steps)} different steps seen)   (target 0)")
            size, loaded = payload_size(browser, url)
            print(f"  one-time payload, LSTM 64 x 200: {size / 1000:.0f} KB of JSON   (target < 400 KB); "
                  f"opening the page with it: {loaded / 1000:.0f} KB from the server in total")
            browser.close()
    finally:
        proc.terminate()
    # Before and after, both servers up, measured in turns: a busy machine slows both alike.
    servers = [start_server(base), start_server(ROOT)]
    before, after = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for k in range(5):  # the first turn warms each server up (imports): not counted
                b, a = first_render(browser, servers[0][1], False), first_render(browser, servers[1][1], True)
                if k:
                    before.append(b)
                    after.append(a)
            browser.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
    print(f"  first render of Hidden states (sidebar click to drawn): before (main) median "
          f"{statistics.median(before):.2f} s {[round(t, 2) for t in before]}, after median "
          f"{statistics.median(after):.2f} s {[round(t, 2) for t in after]}")
    print(f"  machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (shared: timings are noisy)")


if __name__ == "__main__":
    main()
