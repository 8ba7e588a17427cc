"""deploy/run.py without a browser: the HAProxy configuration it writes, and what it does when a
process of the set-up dies. (tests/browser/test_replicas.py drives the whole set-up.)"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.run import COOKIE, ROOT, haproxy_status, parse_servers, redis_pings, render_haproxy

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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_redis_dying_or_a_replica_crash_looping_never_stops_the_others(tmp_path):
    """Redis killed, and it will not start again for a while: the stack stays up, the replicas
    keep serving (they say "not saved"), Redis is started again once it can be. Then one replica
    crashes six times in a row: it is backed off and out of HAProxy's rotation (MAINT) while the
    other serves every request, and it comes back in rotation after the pause."""
    _binary("haproxy", "/usr/sbin/haproxy")
    real_redis = _binary("redis-server", "/usr/bin/redis-server")
    broken = tmp_path / "redis-broken"  # while this exists, redis-server "fails to start"
    fake = tmp_path / "redis-server"
    fake.write_text(f"#!/bin/sh\n[ -e {broken} ] && exit 1\nexec {real_redis} \"$@\"\n")
    fake.chmod(0o755)
    ready, log = tmp_path / "ready.json", tmp_path / "run.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "deploy/run.py", "--replicas", "2", "--port", "0",
                                 "--app-port", "0", "--redis-port", "0", "--stats-port", "0",
                                 "--max-backoff", "2", "--redis-server", str(fake),
                                 "--work-dir", str(tmp_path), "--ready-file", str(ready)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True)

    def wait(condition, what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert proc.poll() is None, (what, "run.py stopped", log.read_text())
            assert time.monotonic() < deadline, (what, log.read_text())
            time.sleep(0.1)

    def info() -> dict:
        return json.loads(ready.read_text())

    def serving() -> bool:  # through HAProxy, the app answers
        try:
            with urllib.request.urlopen(info()["url"] + "/_stcore/health", timeout=5) as answer:
                return answer.read() == b"ok"
        except OSError:
            return False

    try:
        wait(ready.exists, "ready")
        first = info()
        stats = first["stats_url"]
        assert haproxy_status(stats) == {"app1": "UP", "app2": "UP"}

        # Redis dies, and cannot start again for now.
        broken.touch()
        os.kill(first["redis_pid"], 9)
        wait(lambda: "redis exited with code 1 and keeps exiting" in log.read_text(), "Redis backing off")
        assert proc.poll() is None and serving()
        assert haproxy_status(stats) == {"app1": "UP", "app2": "UP"}
        assert all(_alive(r["pid"]) for r in first["replicas"])
        broken.unlink()  # Redis can start again: it does, after the pause
        wait(lambda: info()["redis_pid"] not in (None, first["redis_pid"])
             and redis_pings(first["redis_url"]), "Redis back")

        # app1 crash-loops: six crashes within a minute.
        killed: set[int] = set()
        while "app1 exited with code -9 and keeps exiting" not in log.read_text():
            pid = next(r["pid"] for r in info()["replicas"] if r["name"] == "app1")
            if pid and pid not in killed:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)
                killed.add(pid)
            assert proc.poll() is None and len(killed) <= 7, log.read_text()
            time.sleep(0.05)
        assert haproxy_status(stats)["app1"].startswith("MAINT")  # out of rotation at once
        app2 = next(r["pid"] for r in info()["replicas"] if r["name"] == "app2")
        assert _alive(app2) and serving()
        for _ in range(5):  # every new browser lands on the healthy replica
            with urllib.request.urlopen(info()["url"] + "/", timeout=10) as answer:
                assert answer.headers["X-Rnnlab-Replica"] == "app2"
        wait(lambda: haproxy_status(stats) == {"app1": "UP", "app2": "UP"}, "app1 back in rotation")
        assert "app1 is healthy: back in rotation" in log.read_text()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, log.read_text()
    assert not ready.exists()


def test_the_stats_page_stays_on_loopback_unless_it_has_a_login(tmp_path):
    """HAProxy's stats page: on 127.0.0.1 even when the app is bound to every address; elsewhere
    only with a login, which HAProxy then asks for."""
    public = _run("--print-haproxy-config", "--bind", "0.0.0.0")
    assert public.returncode == 0, public.stderr
    assert "bind 0.0.0.0:8500" in public.stdout and "bind 127.0.0.1:8404" in public.stdout
    assert "bind 0.0.0.0:8404" not in public.stdout
    refused = _run("--print-haproxy-config", "--stats-bind", "0.0.0.0")
    assert refused.returncode == 2 and "--stats-auth USER:PASSWORD" in refused.stderr
    cfg = render_haproxy(bind="0.0.0.0", port=8500, stats_port=8404, stats_socket=tmp_path / "s.sock",
                         servers=[("app1", "127.0.0.1:8501")], stats_bind="0.0.0.0",
                         stats_auth="teacher:s3cret")
    assert "bind 0.0.0.0:8404\n    stats auth teacher:s3cret\n    stats enable" in cfg
    path = tmp_path / "haproxy.cfg"
    path.write_text(cfg)
    check = subprocess.run([_binary("haproxy", "/usr/sbin/haproxy"), "-c", "-f", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_unreachable_redis_is_said_before_any_replica_starts(tmp_path):
    _binary("haproxy", "/usr/sbin/haproxy")
    out = _run("--port", "0", "--app-port", "0", "--stats-port", "0", "--work-dir", str(tmp_path),
               "--redis-url", "redis://127.0.0.1:1/0", "--timeout", "2")
    assert out.returncode == 1
    assert "Redis at redis://127.0.0.1:1/0 did not become healthy in time" in out.stderr
    assert not (tmp_path / "logs").exists()
