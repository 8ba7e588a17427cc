"""When a browser tab closes (or reloads), its session's training stops and its data is freed.

Streamlit 1.67 has no "session ended" callback. What it has (runtime/websocket_session_manager.py):
a closed websocket calls ``disconnect_session``, which takes the session out of the *active*
sessions and keeps it in a ``MemorySessionStorage`` for ``server.disconnectedSessionTTL``
seconds, so that a reconnecting client can resume it; a TTLCache that expires lazily, and with
``runner.postScriptGC = false`` (see .streamlit/config.toml) the reference cycles of a closed
session's state are not collected for a long time.

So one process-wide watchdog thread (infrastructure, holds no student data of its own beyond the
job handles it was given) asks the runtime twice a second whether each known session is still
active:

- inactive for ``RNNLAB_SESSION_GRACE`` seconds (default 1: more than a network blip): its
  training is asked to stop; a training its browser may take over after a reload
  (ui/training_job.take_over) waits ``RNNLAB_RELOAD_GRACE`` seconds (default 10) instead, and is
  left running if the reloaded session holds it by then. Stop acts within a batch, the partial run is kept in the session,
  and the training slot is free for the next student within a few seconds.
- inactive for the server's ``disconnectedSessionTTL``: nobody can resume it any more. It is
  closed, its session state cleared and a garbage collection run, so its upload, runs and
  figures leave the process.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from rnnlab.declarations import settings
from ui.session import streamlit_internals

log = logging.getLogger("rnnlab")

POLL_SECONDS = 0.5


@dataclass
class _Tracked:
    jobs: list = field(default_factory=list)  # this session's training jobs (to stop)
    gone_since: float | None = None  # when it was first seen inactive
    stopped: bool = False


class Watchdog:
    """Stops the trainings of sessions that went away and frees sessions nobody can resume.

    ``is_active(session_id)`` and ``release(session_id)`` talk to the runtime; tests pass their own.
    """

    def __init__(self, is_active: Callable[[str], bool], release: Callable[[str], None],
                 grace: float, ttl: float, clock: Callable[[], float] = time.monotonic,
                 reload_grace: float | None = None):
        self.is_active, self.release = is_active, release
        self.grace, self.ttl, self.clock = grace, ttl, clock
        # A job its browser may take over on a reload (job.browser_id set) waits this long.
        self.reload_grace = max(grace, reload_grace if reload_grace is not None else grace)
        self._sessions: dict[str, _Tracked] = {}
        self._failed: set[str] = set()  # sessions whose check failed (logged once each)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def track(self, session_id: str, job=None) -> None:
        with self._lock:
            entry = self._sessions.setdefault(session_id, _Tracked())
            entry.gone_since, entry.stopped = None, False
            if job is not None:
                entry.jobs = [j for j in entry.jobs if j.running] + [job]

    def tracked(self) -> list[str]:
        with self._lock:
            return list(self._sessions)

    def tick(self) -> None:
        """One look at every known session (the thread calls this every POLL_SECONDS)."""
        now = self.clock()
        with self._lock:
            entries = list(self._sessions.items())
        for session_id, entry in entries:
            try:
                active = self.is_active(session_id)
            except Exception:  # noqa: BLE001 - the runtime is shutting down: try again later
                if session_id not in self._failed:  # never silently: it hid a bug once
                    self._failed.add(session_id)
                    log.exception("session watchdog: is %s still connected?", session_id)
                continue
            if active:
                entry.gone_since, entry.stopped = None, False
                continue
            if entry.gone_since is None:
                entry.gone_since = now
                log.info("session %s disconnected", session_id)
                log.info("session %s disconnected", session_id)
            gone = now - entry.gone_since
            if gone >= self.grace and not entry.stopped:
                reloadable = any(job.running and getattr(job, "browser_id", None) for job in entry.jobs)
                if not reloadable or gone >= self.reload_grace:
                    entry.stopped = True
                    for job in entry.jobs:
                        if job.running and not self._taken_over(job, session_id):
                            log.info("session %s closed: stopping its training", session_id)
                            job.request_stop()
            if gone >= self.ttl:
                with self._lock:
                    self._sessions.pop(session_id, None)
                try:
                    self.release(session_id)
                except Exception:  # noqa: BLE001 - freeing memory must never kill the watchdog
                    log.exception("could not release session %s", session_id)

    def _taken_over(self, job, session_id: str) -> bool:
        """Does another session, still there, hold ``job`` now (a reload of the same browser)?"""
        with self._lock:
            return any(other != session_id and entry.gone_since is None and any(j is job for j in entry.jobs)
                       for other, entry in self._sessions.items())

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="rnnlab-sessions", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self.tick()
            except Exception:  # noqa: BLE001
                log.exception("session watchdog")


# ----- the Streamlit runtime side (through ui/session/streamlit_internals.py) ----------------------------


_stored: dict[str, weakref.ref] = {}  # session id -> its AppSession, seen while still stored


def _is_active(session_id: str) -> bool:
    manager = streamlit_internals.session_manager()
    if manager is None:
        return True
    if streamlit_internals.is_active(manager, session_id):
        _stored.pop(session_id, None)
        return True
    if session_id not in _stored:  # just disconnected: still in storage, for a reconnect
        session = streamlit_internals.stored_session(manager, session_id)
        if session is not None:
            _stored[session_id] = weakref.ref(session)
    return False


def is_open(session_id: str | None) -> bool:
    """Is this session's tab still connected? (False outside a real server.)"""
    manager = streamlit_internals.session_manager()
    return bool(session_id) and manager is not None and streamlit_internals.is_active(manager, session_id)


def current_session_id() -> str | None:
    return _session_id()


def _release(session_id: str) -> None:
    """Close a disconnected session for good and let its memory go."""
    manager = streamlit_internals.session_manager()
    if manager is None or streamlit_internals.is_active(manager, session_id):
        return  # no server, or it came back after all
    ref = _stored.pop(session_id, None)
    streamlit_internals.close_session(manager, session_id, ref() if ref is not None else None)
    gc.collect()
    _return_memory_to_the_system()
    log.info("session %s released", session_id)


def _return_memory_to_the_system() -> None:
    """glibc keeps freed blocks in its heap: without a trim the process' RSS (what Community
    Cloud counts against its 2.7 GB) would not go down after a big upload is freed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim this way
        pass


def _ttl() -> float:
    if settings.SESSION_TTL.raw() is not None:
        return settings.SESSION_TTL.value(default=120.0)
    try:
        from streamlit import config

        return float(config.get_option("server.disconnectedSessionTTL"))
    except Exception:  # noqa: BLE001
        return 120.0


_watchdog: Watchdog | None = None
_watchdog_lock = threading.Lock()


def watchdog() -> Watchdog:
    global _watchdog
    with _watchdog_lock:
        if _watchdog is None:
            _watchdog = Watchdog(_is_active, _release, grace=settings.SESSION_GRACE.value(),
                                 ttl=_ttl(), reload_grace=settings.RELOAD_GRACE.value())
            _watchdog.start()
        return _watchdog


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return None if ctx is None or not streamlit_internals.runtime_exists() else ctx.session_id


def track(job=None) -> None:
    """Called on every script run (app.py) and when a training or a backtest starts."""
    session_id = _session_id()
    if session_id is not None:
        watchdog().track(session_id, job)
