"""deploy/run.py without a browser: the HAProxy configuration it writes, and what it does when a
process of the set-up dies. (tests/browser/test_replicas.py drives the whole set-up.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.run import COOKIE, ROOT, haproxy_status, parse_servers, render_haproxy

DOCKER_CFG = ROOT / "deploy" / "docker" / "haproxy.cfg"
# the command written in deploy/docker/Dockerfile (and deploy/README.md)
DOCKER_ARGS = ["--print-haproxy-config", "--bind", "0.0.0.0", "--servers", "app1=app1:8501,app2=app2:8501",
               "--stats-socket", "/tmp/haproxy.sock", "--resolver", "127.0.0.11:53"]


def _binary(name: str, fallback: str) -> str:
    found = shutil.which(name) or (fallback if Path(fallback).exists() else None)
    if found is None:
        if os.environ.get("RNNLAB_REQUIRE_DEPLOY") == "1":
            pytest.fail(f"{name} is required here (RNNLAB_REQUIRE_DEPLOY=1) but not installed")
        pytest.skip(f"{name} is not installed (apt-get install haproxy redis-server)")
    return found


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "deploy/run.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, **kw)


def test_config_sticks_each_replica_by_its_cookie_and_keeps_websockets_open(tmp_path):
    cfg = render_haproxy(bind="127.0.0.1", port=8500, stats_port=8404, stats_socket=tmp_path / "s.sock",
                         servers=[("app1", "127.0.0.1:8501"), ("app2", "127.0.0.1:8502")])
    assert f"cookie {COOKIE} insert indirect nocache" in cfg
    assert "server app1 127.0.0.1:8501 cookie app1" in cfg and "server app2 127.0.0.1:8502 cookie app2" in cfg
    assert "option httpchk GET /_stcore/health" in cfg and "http-check expect string ok" in cfg
    assert "timeout tunnel 2h" in cfg  # an idle student's websocket is not cut after timeout client
    assert "resolvers" not in cfg and not re.search(r"\$[a-z_{]", cfg)  # every placeholder filled
    path = tmp_path / "haproxy.cfg"
    path.write_text(cfg)
    check = subprocess.run([_binary("haproxy", "/usr/sbin/haproxy"), "-c", "-f", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr


def test_docker_config_is_the_template_rendered():
    out = _run(*DOCKER_ARGS)
    assert out.returncode == 0, out.stderr
    assert DOCKER_CFG.read_text() == out.stdout, (
        "deploy/docker/haproxy.cfg is stale: regenerate it with python deploy/run.py " + " ".join(DOCKER_ARGS))
    assert "nameserver dns1 127.0.0.11:53" in out.stdout and "init-addr last,libc,none resolvers dns" in out.stdout


def test_servers_are_name_equals_address():
    assert parse_servers("app1=10.0.0.2:8501, app2=h:1") == [("app1", "10.0.0.2:8501"), ("app2", "h:1")]
    for bad in ("app1", "app1=host", "=h:1", ""):
        with pytest.raises(Exception, match="NAME=HOST:PORT|no servers"):
            parse_servers(bad)


def test_a_missing_haproxy_is_said_and_nothing_is_left_running(tmp_path):
    out = _run("--port", "0", "--app-port", "0", "--redis-port", "0", "--stats-port", "0",
               "--work-dir", str(tmp_path), "--haproxy", str(tmp_path / "no-haproxy"))
    assert out.returncode == 1
    assert "no-haproxy is not installed (apt-get install haproxy redis-server)" in out.stderr
    assert not (tmp_path / "logs").exists()  # refused before starting anything


def test_a_crashed_replica_starts_again_and_a_crashed_redis_stops_everything(tmp_path):
    _binary("haproxy", "/usr/sbin/haproxy")
    _binary("redis-server", "/usr/bin/redis-server")
    ready = tmp_path / "ready.json"
    proc = subprocess.Popen([sys.executable, "deploy/run.py", "--replicas", "1", "--port", "0",
                             "--app-port", "0", "--redis-port", "0", "--stats-port", "0",
                             "--work-dir", str(tmp_path), "--ready-file", str(ready)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait(condition, what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert proc.poll() is None and time.monotonic() < deadline, (what, proc.communicate())
            time.sleep(0.2)

    try:
        wait(ready.exists, "ready")
        info = json.loads(ready.read_text())
        first = info["replicas"][0]["pid"]
        assert haproxy_status(info["stats_url"]) == {"app1": "UP"}
        os.kill(first, 9)  # the replica crashes: run.py starts it again, HAProxy sees it come back
        wait(lambda: ready.exists() and json.loads(ready.read_text())["replicas"][0]["pid"] != first,
             "restarted")
        wait(lambda: haproxy_status(info["stats_url"]) == {"app1": "UP"}, "UP again")
        replica = json.loads(ready.read_text())["replicas"][0]["pid"]
        os.kill(info["redis_pid"], 9)  # Redis crashes: that is not for run.py to paper over
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1
    assert "app1 exited with code -9; starting it again" in err
    assert "redis exited with code -9" in err
    for pid in (info["haproxy_pid"], replica):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not ready.exists()


def test_an_unreachable_redis_is_said_before_any_replica_starts(tmp_path):
    _binary("haproxy", "/usr/sbin/haproxy")
    out = _run("--port", "0", "--app-port", "0", "--stats-port", "0", "--work-dir", str(tmp_path),
               "--redis-url", "redis://127.0.0.1:1/0", "--timeout", "2")
    assert out.returncode == 1
    assert "Redis at redis://127.0.0.1:1/0 did not become healthy in time" in out.stderr
    assert not (tmp_path / "logs").exists()
