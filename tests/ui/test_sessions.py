"""ui/session/sessions.py's watchdog against Streamlit's real session storage and session state: a
closed tab's session is freed when the configured reconnect window ends, not twice as late.

Streamlit 1.67's SessionState has ``__slots__``; a weak reference to it raised TypeError inside
the watchdog's check, which a silent ``except Exception`` turned into "look again later" until
Streamlit's own storage let the session go: a 60 s window freed sessions after ~121 s.
"""

from __future__ import annotations

from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.session_manager import SessionInfo
from streamlit.runtime.state.session_state import SessionState

from ui.session import sessions, streamlit_internals


class FakeAppSession:
    """What the watchdog touches of an AppSession, with Streamlit's real SessionState."""

    def __init__(self, session_id: str):
        self.id = session_id
        self.session_state = SessionState()
        self.session_state["upload"] = b"x" * 1000
        self.shut_down = False

    def shutdown(self) -> None:
        self.shut_down = True


class FakeManager:
    """WebsocketSessionManager's behaviour for connect, disconnect and close (same storage)."""

    def __init__(self, ttl: float):
        self._session_storage = MemorySessionStorage(ttl_seconds=ttl)
        self.active: dict[str, FakeAppSession] = {}

    def is_active_session(self, session_id: str) -> bool:
        return session_id in self.active

    def disconnect(self, session_id: str) -> None:
        session = self.active.pop(session_id)
        self._session_storage.save(SessionInfo(client=None, session=session))

    def close_session(self, session_id: str) -> None:
        info = self._session_storage.get(session_id)
        if info is not None:
            info.session.shutdown()
            self._session_storage.delete(session_id)


def test_a_closed_session_is_freed_when_the_configured_window_ends(monkeypatch):
    ttl = 60.0
    manager = FakeManager(ttl)
    monkeypatch.setattr(streamlit_internals, "session_manager", lambda: manager)
    now = [0.0]
    released = []

    def release(session_id):
        released.append(now[0])
        sessions._release(session_id)

    watchdog = sessions.Watchdog(sessions._is_active, release, grace=1.0, ttl=ttl, clock=lambda: now[0])
    session = manager.active["s1"] = FakeAppSession("s1")
    watchdog.track("s1")
    watchdog.tick()
    manager.disconnect("s1")  # the tab closes at t = 0
    while now[0] < 2 * ttl + 5 and not released:
        now[0] += sessions.POLL_SECONDS
        watchdog.tick()
    assert released and ttl <= released[0] <= ttl + 2 * sessions.POLL_SECONDS, released
    assert session.shut_down  # its uploaded files go with it
    assert "upload" not in session.session_state  # and its state at once
    assert watchdog.tracked() == []


def test_a_session_that_comes_back_is_not_freed(monkeypatch):
    manager = FakeManager(60.0)
    monkeypatch.setattr(streamlit_internals, "session_manager", lambda: manager)
    now = [0.0]
    watchdog = sessions.Watchdog(sessions._is_active, sessions._release, grace=1.0, ttl=60.0,
                                 clock=lambda: now[0])
    session = manager.active["s2"] = FakeAppSession("s2")
    watchdog.track("s2")
    manager.disconnect("s2")
    for _ in range(20):
        now[0] += 0.5
        watchdog.tick()
    manager.active["s2"] = session  # a phone that slept reconnects
    manager._session_storage.delete("s2")
    for _ in range(200):
        now[0] += 0.5
        watchdog.tick()
    assert watchdog.tracked() == ["s2"] and not session.shut_down
