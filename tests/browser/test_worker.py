"""The training worker, the way a class meets it: the server never loads TensorFlow itself, a
worker that dies mid-training (the kernel's OOM killer) is told on the page, and the next
training, forecast and model download work with a new worker."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from rnnlab.i18n import t
from tests.browser.conftest import open_page, shot, streamlit_server, wait_ready

pytestmark = pytest.mark.keras


def _workers(server_pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        if ppid == server_pid and "rnnlab.runtime.worker" in command:
            found.append(int(entry))
    return found


def _loads_tensorflow(pid: int) -> bool:
    return "libtensorflow" in Path(f"/proc/{pid}/maps").read_text()


def _one_worker(server_pid: int, timeout: float = 60) -> int:
    deadline = time.time() + timeout
    while time.time() < deadline:
        workers = _workers(server_pid)
        if len(workers) == 1:
            return workers[0]
        time.sleep(0.2)
    raise AssertionError(f"expected one training worker, found {_workers(server_pid)}")


def test_a_worker_killed_mid_training_is_told_and_the_next_training_works(page, tmp_path,
                                                                         console_errors):
    with streamlit_server(tmp_path / "server.log") as (url, server):
        open_page(page, url, "Train", "Train a recurrent network")
        page.get_by_text("All settings: data, architecture and training").click()  # folded
        expect(page.locator(".st-key-train_epochs input[type=range]")).to_be_visible()
        for key in ("train_units", "train_epochs"):  # long enough to be killed while it trains
            handle = page.locator(f".st-key-{key} input[type=range]")
            handle.focus()
            handle.press("End")
            wait_ready(page)
        expect(page.locator(".st-key-train_epochs input[type=range]")).to_have_value("300")
        page.locator(".st-key-train_start button").first.click()
        expect(page.get_by_test_id("stProgress")).to_contain_text(
            re.compile(r"Epoch ([2-9]|\d\d+) of 300"), timeout=90_000)

        worker = _one_worker(server.pid)
        assert _loads_tensorflow(worker) and not _loads_tensorflow(server.pid)
        os.kill(worker, signal.SIGKILL)
        expect(page.get_by_text(t("training.worker_lost", "en"))).to_be_visible(timeout=30_000)
        assert page.get_by_test_id("stException").count() == 0  # a message, never a traceback
        shot(page, "train_worker_lost_en")

        # In Spanish now: the quick defaults train again, with a new worker
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        expect(page.get_by_role("heading", name="Entrenar una red recurrente")).to_be_visible()
        page.locator(".st-key-train_quick button").first.click()
        wait_ready(page)
        page.locator(".st-key-train_start button").first.click()
        expect(page.get_by_role("heading", name="Resultados")).to_be_visible(timeout=120_000)
        wait_ready(page)
        # the forecast came from the new worker (which first loads TensorFlow: slow on a busy machine)
        expect(page.locator(".st-key-train_forecast_chart .js-plotly-plot .scatterlayer .trace").first
               ).to_be_attached(timeout=120_000)
        assert _one_worker(server.pid) != worker and not _loads_tensorflow(server.pid)

        with page.expect_download() as info:
            page.locator(".st-key-train_dl_model button").first.click()
        model = Path(info.value.path()).read_bytes()
        assert model[:2] == b"PK" and len(model) > 10_000  # a .keras file (a zip) built over there
        wait_ready(page)
        # Streamlit draws a button with help twice (one hidden for its tooltip): one is seen
        expect(page.locator(".st-key-train_dl_model button:visible")).to_have_count(1)
    assert console_errors == []
