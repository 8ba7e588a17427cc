"""Several replicas (deploy/run.py): Redis, two Streamlit processes, HAProxy with sticky cookies.

A teacher's browser lands on one replica and a student's on the other (the student's context
carries the other replica's HAProxy cookie, as a browser that was sent there would), they share
a room through Redis, and the student's Hidden states stage follows the teacher's step. The
student's replica then crashes: the browser reconnects, its session comes back from Redis and
follows again. Last, SIGTERM stops the whole set-up, every process of it.

Needs Debian's haproxy and redis-server: skipped when they are missing, unless
RNNLAB_REQUIRE_DEPLOY=1 (CI's .ci/run sets it), which makes a missing one a failure.
"""

from __future__ import annotations

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
from playwright.sync_api import expect

from deploy.run import haproxy_sessions
from tests.browser.conftest import ROOT, wait_ready

SHOTS = Path("/tmp/rnnlab-shots")
HEADING = {"en": "Hidden states, step by step", "es": "Estados ocultos, paso a paso"}
NAV = {"en": "Hidden states", "es": "Estados ocultos"}
# The reconnect may be quicker than a poll of the page: the page itself notes the moment it is cut.
WATCH_DISCONNECT = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.rnnlabWentDown = false;
  new MutationObserver(() => {
    if (app.dataset.testConnectionState !== "CONNECTED") window.rnnlabWentDown = true;
  }).observe(app, {attributes: true});
}"""
DISCONNECTED = re.compile(r"disconnected from server|WebSocket|ERR_CONNECTION|Failed to load resource")


def _installed(name: str, fallback: str) -> str:
    found = shutil.which(name) or (fallback if Path(fallback).exists() else None)
    if found is None:
        if os.environ.get("RNNLAB_REQUIRE_DEPLOY") == "1":
            pytest.fail(f"{name} is required here (RNNLAB_REQUIRE_DEPLOY=1) but not installed")
        pytest.skip(f"{name} is not installed (apt-get install haproxy redis-server)")
    return found


def _start(work: Path) -> tuple[subprocess.Popen, dict]:
    ready = work / "ready.json"
    log = open(work / "run.log", "w")  # noqa: SIM115 - the child holds it; closed with the test
    proc = subprocess.Popen([sys.executable, "deploy/run.py", "--port", "0", "--app-port", "0",
                             "--redis-port", "0", "--stats-port", "0", "--work-dir", str(work),
                             "--ready-file", str(ready)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("deploy/run.py did not come up:\n" + (work / "run.log").read_text())
        time.sleep(0.2)
    return proc, json.loads(ready.read_text())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _person(browser, lang: str, errors: list[str], phone: bool = False):
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 720},
                                  locale="es-ES" if lang == "es" else "en-US")
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page


def _step(page) -> int:
    return int(page.locator("[data-rnnlab-step]").get_attribute("data-rnnlab-step"))


def _websockets_on(stats_url: str, name: str, n: int) -> None:
    """HAProxy's own count of the sessions it holds open to replica ``name`` reaches n (the
    Streamlit websockets: page loads are over within milliseconds)."""
    deadline = time.monotonic() + 20
    while (seen := haproxy_sessions(stats_url)).get(name) != n:
        assert time.monotonic() < deadline, (name, n, seen)
        time.sleep(0.25)


def test_teacher_and_student_on_two_replicas_share_a_room(browser, tmp_path):
    _installed("haproxy", "/usr/sbin/haproxy")
    _installed("redis-server", "/usr/bin/redis-server")
    SHOTS.mkdir(exist_ok=True)
    proc, info = _start(tmp_path)
    url, stats = info["url"], info["stats_url"]
    pids = [r["pid"] for r in info["replicas"]] + [info["haproxy_pid"], info["redis_pid"]]
    errors: list[str] = []
    try:
        # The teacher arrives with no cookie: HAProxy picks a replica and sets the cookie.
        t_context, teacher = _person(browser, "en", errors)
        answer = teacher.goto(url)
        mine = answer.headers["x-rnnlab-replica"]
        assert {c["name"]: c["value"] for c in t_context.cookies()}[info["cookie"]] == mine
        wait_ready(teacher)
        other = next(r["name"] for r in info["replicas"] if r["name"] != mine)
        _websockets_on(stats, mine, 1)
        _websockets_on(stats, other, 0)

        teacher.locator(".st-key-live_start button").click()
        code_box = teacher.get_by_test_id("rnnlab-room-code")
        expect(code_box).to_have_text(re.compile(r"^[0-9A-HJKMNP-TV-Z]{6}$"), timeout=30_000)
        code = code_box.inner_text().strip()
        wait_ready(teacher)

        # The student (Spanish, on a phone) carries the other replica's cookie and joins by link.
        s_context, student = _person(browser, "es", errors, phone=True)
        s_context.add_cookies([{"name": info["cookie"], "value": other, "url": url}])
        answer = student.goto(f"{url}/?room={code}")
        assert answer.headers["x-rnnlab-replica"] == other
        wait_ready(student)
        _websockets_on(stats, other, 1)
        _websockets_on(stats, mine, 1)  # the student's websocket did not land on the teacher's
        student.get_by_test_id("stExpandSidebarButton").click()
        expect(student.get_by_test_id("stSidebar").get_by_text(f"Clase en directo {code}")).to_be_visible(
            timeout=20_000)
        student.get_by_test_id("stSidebarCollapseButton").locator("button").click()  # the stage, full width
        # The student's heartbeat, written on the other replica, is counted on the teacher's.
        expect(teacher.get_by_test_id("rnnlab-room-students")).to_have_attribute("data-count", "1",
                                                                                  timeout=20_000)

        # The teacher opens Hidden states: the student's replica follows to that page...
        teacher.get_by_test_id("stSidebarNavLink").filter(has_text=NAV["en"]).click()
        expect(teacher.get_by_role("heading", name=HEADING["en"])).to_be_visible(timeout=30_000)
        wait_ready(teacher)
        expect(student.get_by_role("heading", name=HEADING["es"])).to_be_visible(timeout=30_000)
        wait_ready(student)
        # ...and to the step the teacher settles on, twice.
        for presses in (5, 3):
            target = _step(teacher) + presses
            teacher.get_by_test_id("rnnlab-stage").focus()
            for _ in range(presses):
                teacher.keyboard.press("ArrowRight")
            settled = time.monotonic() + 0.3  # the stage reports a step 300 ms after the last move
            student.wait_for_function(
                "t => document.querySelector('[data-rnnlab-step]')?.dataset.rnnlabStep === String(t)",
                arg=target, timeout=15_000)
            print(f"step {target} reached the other replica's student {time.monotonic() - settled:.2f} s "
                  "after the teacher settled")
        assert _step(student) == _step(teacher)
        teacher.screenshot(path=str(SHOTS / "replicas-teacher.png"))
        assert not errors, errors

        # The student's replica crashes. The browser reconnects through HAProxy (to the other
        # replica, or to this one once run.py has started it again), the session comes back
        # from Redis, still in the room, and follows the teacher's next step.
        student.evaluate(WATCH_DISCONNECT)
        os.kill(next(r["pid"] for r in info["replicas"] if r["name"] == other), signal.SIGKILL)
        crashed = len(errors)
        student.wait_for_function("() => window.rnnlabWentDown === true", timeout=15_000)
        wait_ready(student)
        target = _step(teacher) + 2
        teacher.get_by_test_id("rnnlab-stage").focus()
        for _ in range(2):
            teacher.keyboard.press("ArrowRight")
        student.wait_for_function(
            "t => document.querySelector('[data-rnnlab-step]')?.dataset.rnnlabStep === String(t)",
            arg=target, timeout=30_000)
        student.get_by_test_id("rnnlab-stage").scroll_into_view_if_needed()
        student.screenshot(path=str(SHOTS / "replicas-student.png"))
        # while disconnected, Streamlit says it could not send a rerun; nothing else may fail
        assert all(DISCONNECTED.search(e) for e in errors[crashed:]), errors[crashed:]
        t_context.close()
        s_context.close()
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    # SIGTERM stops everything cleanly: exit code 0, no process left, the port closed.
    assert code == 0, (tmp_path / "run.log").read_text()
    assert not [pid for pid in pids if _alive(pid)]
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/_stcore/health", timeout=2)
