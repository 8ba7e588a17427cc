"""A real server and real tabs (issue 12): a closed tab frees its training slot within 10 s, and
closed sessions give their memory back.

These tests start their own server: one training slot (RNNLAB_MAX_TRAININGS=1), a short grace
(RNNLAB_SESSION_GRACE=2) and a short reconnect window (disconnectedSessionTTL=6), so that what
takes a minute on the class server takes seconds here. The memory test closes three
19 MB-upload sessions (the issue's case: +240 MB before); the target is 150 MB for two.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, shot, streamlit_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TTL = 6


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # RNNLAB_RELOAD_GRACE: a closed tab's training waits no longer for a reload than the grace
    env = {"RNNLAB_MAX_TRAININGS": "1", "RNNLAB_SESSION_GRACE": "2", "RNNLAB_RELOAD_GRACE": "2",
           "RNNLAB_MAX_TRAIN_SECONDS": "0"}
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with streamlit_server(log_path, [f"--server.disconnectedSessionTTL={TTL}"], env) as (url, proc):
        yield url, proc.pid


def _open_train(context, url: str, query: str = ""):
    page = context.new_page()
    page.goto(url + query)
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Train").click()
    expect(page.get_by_role("heading", name="Train a recurrent network")).to_be_visible(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    return page


def test_closing_a_training_tab_frees_the_slot_within_10_seconds(server, browser):
    url, _ = server
    first = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    # A long training: 300 epochs of one-window batches (minutes), set through a lesson link.
    a = _open_train(first, url, "/?train_epochs=300&train_batch_size=1&train_units=64")
    a.locator(".st-key-train_start button").click()
    expect(a.get_by_text(re.compile(r"Epoch [1-9]\d* of 300"))).to_be_visible(timeout=120_000)

    second = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    b = _open_train(second, url)
    b.locator(".st-key-train_start button").click()
    expect(b.get_by_text(re.compile("Waiting for a free training slot"))).to_be_visible(timeout=30_000)

    closed = time.perf_counter()
    first.close()  # the student closes the tab in the middle of the training
    expect(b.get_by_text(re.compile("Waiting for a free training slot"))).to_have_count(0, timeout=15_000)
    released = time.perf_counter() - closed
    expect(b.get_by_text(re.compile(r"Trained for \d+ epochs?"))).to_be_visible(timeout=120_000)
    shot(b, "sessions_slot_released")
    second.close()
    print(f"slot freed {released:.1f} s after the tab closed")
    assert released < 10, f"the slot was freed {released:.1f} s after the tab closed"


def _csv(path: Path, rows: int) -> Path:
    rng = np.random.default_rng(1)
    values = np.cumsum(rng.normal(size=rows)).round(4)
    path.write_text("fecha,valor\n" + "\n".join(
        f"{2000 + i // 8760}-01-01 {i % 24:02d}:00,{v}" for i, v in enumerate(values)))
    return path


def test_closed_sessions_give_their_memory_back(server, browser, tmp_path):
    url, pid = server
    upload = _csv(tmp_path / "big.csv", 700_000)  # about 19 MB, as in the issue

    def session_with_upload():
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Data").click()
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_test_id("stRadio").filter(has_text="Upload").get_by_text("Upload").click()
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
        expect(page.get_by_text(re.compile("700,000|700\u202f000")).first).to_be_visible(timeout=120_000)
        page.wait_for_selector(READY, timeout=120_000)
        return context, page

    warm, page = session_with_upload()  # imports and caches that any first session pays
    shot(page, "sessions_upload")
    warm.close()
    time.sleep(TTL + 6)
    before = rss_mb(pid)
    contexts = [session_with_upload()[0] for _ in range(3)]  # the three closed tabs
    during = rss_mb(pid)
    for context in contexts:
        context.close()
    closed = time.perf_counter()
    time.sleep(TTL + 8)  # the reconnect window, then the watchdog frees them
    after = rss_mb(pid)
    while after - before > 150 and time.perf_counter() - closed < TTL + 40:
        time.sleep(2)  # a loaded machine: the freeing may come a few seconds later
        after = rss_mb(pid)
    print(f"server RSS: before {before:.0f} MB, three sessions open {during:.0f} MB, "
          f"all closed {after:.0f} MB ({time.perf_counter() - closed:.0f} s after closing)")
    assert after - before <= 150, f"three closed sessions left {after - before:.0f} MB"
