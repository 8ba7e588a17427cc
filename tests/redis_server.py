"""A throw-away redis-server on 127.0.0.1 for tests: nothing saved to disk, killed afterwards.

CI installs Debian's redis-server (.ci/run); locally the tests that need it are skipped when
the binary is absent, with a reason that says so (CI sets RNNLAB_REQUIRE_REDIS=1 and then a
missing binary fails instead of skipping).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from testkit import free_port


def redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found is None and os.environ.get("RNNLAB_REQUIRE_REDIS") == "1":
        pytest.fail("redis-server is required here (RNNLAB_REQUIRE_REDIS=1) but not installed")
    return found


@contextmanager
def redis_server(tmp_dir):
    """Yield ``redis://127.0.0.1:PORT/0`` of a fresh redis-server; skip if none is installed."""
    binary = redis_binary()
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.time() > deadline or proc.poll() is not None:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
