"""serve.py: the same app, with the training worker started and warmed as the server starts
(issue 26, item 8: the first Train click waited for the worker and TensorFlow)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from testkit import start_app

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.keras


def _children(pid: int) -> list[str]:
    """Command lines of the processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_the_worker_starts_with_the_server_before_any_page(tmp_path):
    try:
        proc, url = start_app(ROOT, tmp_path / "serve.log", env={"RNNLAB_DATA_DIR": str(tmp_path)},
                              timeout=90, script="serve.py")
    except SystemExit:
        pytest.fail(f"serve.py did not start: {(tmp_path / 'serve.log').read_text()}")
    try:
        # nobody has opened a page: with app.py there would be no worker yet
        deadline = time.time() + 60
        while time.time() < deadline and not any("-m rnnlab.runtime.worker" in c for c in _children(proc.pid)):
            time.sleep(0.2)
        assert any("-m rnnlab.runtime.worker" in c for c in _children(proc.pid)), _children(proc.pid)
        assert urllib.request.urlopen(url + "/", timeout=10).status == 200  # the app is served
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
