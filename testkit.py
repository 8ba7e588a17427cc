"""What the tests and the benchmarks share (bench/ and tests/ import this, never each other's
helpers): a Run filled without training, a free port, the Chromium to drive, and the selectors
that say a page has finished its run and is laid out. Not part of the rnnlab package."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np

from rnnlab.data import noisy_sine
from rnnlab.messages import Message
from rnnlab.training import Run, TrainConfig

# The app is connected and its script run has finished: the page shows what it means to.
READY = ("[data-testid='stApp'][data-test-connection-state='CONNECTED']"
         "[data-test-script-state='notRunning']")

# Laid out for the window: every chart drawn and its size no longer changing (Plotly redraws
# after a resize, later on a busy machine; a chart of fixed width keeps its size), nothing stale
# from a rerun, and every box that scrolls sideways marked focusable by ui/a11y.py's script.
# Polled every 200 ms: true once the charts' sizes have been the same on three polls in a row.
SETTLED_JS = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(shown);
  const svgs = plots.map((p) => p.querySelector('.main-svg'));
  const sig = JSON.stringify(svgs.map((s) => s && [Math.round(s.getBoundingClientRect().width),
                                                   Math.round(s.getBoundingClientRect().height)]));
  const same = window.__rnnlabLayout === sig;
  window.__rnnlabLayout = sig;
  window.__rnnlabStable = same ? (window.__rnnlabStable || 0) + 1 : 0;
  const boxes = [...document.querySelectorAll(".katex-display, [data-testid='stMarkdownContainer']:has(> table), pre")]
    .filter((b) => shown(b) && b.scrollWidth > b.clientWidth + 1);
  return window.__rnnlabStable >= 2 && svgs.every(Boolean)
    && !document.querySelector('[data-stale=true]') && boxes.every((b) => b.tabIndex >= 0);
}"""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(cwd, log_path, extra_args=(), env=None, timeout: float = 60.0):
    """``streamlit run app.py`` in ``cwd`` on a free loopback port, its output in ``log_path``;
    returns (process, url) once /_stcore/health answers ok. The benches' one way to start it."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
           "--server.address=127.0.0.1", f"--server.port={port}",
           "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", *extra_args]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
                            env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the server did not start; see {log_path}")


def find_chromium() -> str | None:
    """RNNLAB_CHROMIUM, else a system Chromium/Chrome, else None (Playwright's own build)."""
    if os.environ.get("RNNLAB_CHROMIUM"):
        return os.environ["RNNLAB_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def fake_run(seed: int = 0) -> Run:
    """A Run with every kind of field filled (numbers from a generator, not a training)."""
    rng = np.random.default_rng(seed)
    splits = ("train", "val", "test")
    return Run(
        config=TrainConfig(cell="GRU", units=7, clipnorm=None),
        history={"loss": [0.5, 0.25, float("nan")], "val_loss": [0.6, 0.3, float("inf")]},
        predictions={s: rng.normal(size=5) for s in splits},
        targets={s: rng.normal(size=5) for s in splits},
        target_index={s: np.arange(5, dtype=np.int64) for s in splits},
        metrics={s: {"mse": float(rng.random()), "mae": 0.1, "rmse": 0.2} for s in splits},
        baselines={"persistence": {s: {"rmse": 0.3} for s in splits}},
        n_params=123, summary=[("gru", "(None, 7)", 210), ("dense", "(None, 1)", 8)],
        seconds=1.25, weights=[rng.normal(size=(1, 21)).astype(np.float32),
                               rng.normal(size=(7, 21)).astype(np.float32)],
        status="stopped", name="GRU run", run_id="ab12cd34", values=noisy_sine(),
        message=Message("training.stopped", {"epochs_done": 2}), split=(60, 80), epochs_done=2,
        optimizer_state=[np.array(3, dtype=np.int64)],
    )
