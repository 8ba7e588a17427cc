"""The live lesson's plumbing: this session's place in a room, the process' rooms, notices.

Both sides of the live lesson build on it: the room panel and following (ui/classroom/live.py) and
predict-then-reveal (ui/classroom/live_questions.py). It imports neither of them.

- ``info()``: this session's room record ({"role": "teacher" | "student", "code", ...}) or None;
- ``rooms()``: rnnlab.classroom.rooms.Rooms on the process' store (saved sessions' store), None while down;
- ``notice()`` / ``failed()``: a message shown once in the sidebar at the next draw;
- ``student_id(code)``: who this student is in room ``code``: derived from the browser's id
  (ui/persistence/persist.py), so that leaving and joining again is the same student;
- ``client()``: who is asking, for rate limits (the session, the browser, the network address).
"""

from __future__ import annotations

import hashlib
import secrets

import streamlit as st

from rnnlab.classroom.rooms import RoomError, Rooms
from rnnlab.declarations.messages import Message
from ui.persistence import persist

LIVE = "_live"  # {"role": "teacher" | "student", "code", ...} while in a room
PENDING = "_live_pending"  # a student's state from the room, applied at the next run's start
NOTICE = "_live_notice"  # a Message to show once
SESSION_KEY = "_live_client"  # a random id of this Streamlit session (rate limits per session)


def info(ss=None) -> dict | None:
    """This session's room record, or None outside a room. ``ss``: another session state to
    read (a test's AppTest.session_state)."""
    ss = st.session_state if ss is None else ss
    value = ss[LIVE] if LIVE in ss else None  # noqa: SIM401 - AppTest's state has no .get
    return value if isinstance(value, dict) and value.get("code") else None


def set_info(value: dict | None) -> None:
    if value is None:
        st.session_state.pop(LIVE, None)
    else:
        st.session_state[LIVE] = value


def rooms() -> Rooms | None:
    """The rooms on the process' store, or None while it is down."""
    store = persist.shared_store()
    return None if store is None else Rooms(store)


def notice(message: Message | str, code: str = "") -> None:
    """Say ``message`` (a Message, or an i18n key about the room ``code``) once, at the next draw."""
    st.session_state[NOTICE] = message if isinstance(message, Message) else Message(message, {"code": code})


def failed(exc: Exception, code: str = "") -> None:
    """A refused room operation (its own message) or a store failure ("not available now")."""
    if isinstance(exc, RoomError):
        st.session_state[NOTICE] = exc.message
    else:
        persist.store_failed(exc)
        notice("live.error.down")


def take_notice() -> Message | None:
    value = st.session_state.pop(NOTICE, None)
    return value if isinstance(value, Message) else None


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def _session() -> str:
    ss = st.session_state
    if not isinstance(ss.get(SESSION_KEY), str):
        ss[SESSION_KEY] = secrets.token_hex(12)
    return ss[SESSION_KEY]


def student_id(code: str) -> str:
    """This student's id in room ``code`` (24 hex digits): the same for every join from this
    browser (its id from ui/persist), a hash so that the browser's id never lands in the room."""
    browser = persist.browser_id() or _session()
    return _hash("student", code, browser)


def _address() -> str:
    """The client's network address. Behind a proxy on this machine or the local network (the
    deploy's HAProxy, ``option forwardfor``), the last X-Forwarded-For entry: the one the proxy
    added (earlier entries are whatever the client wrote)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no browser context (AppTest)
        return "local"
    peer = peer if isinstance(peer, str) else None  # AppTest's context is a mock
    forwarded = forwarded if isinstance(forwarded, str) else None
    if peer and forwarded and _private(peer):
        return forwarded.split(",")[-1].strip() or peer
    return peer or "local"


def _private(address: str) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private


def client() -> list[tuple[str, str]]:
    """Who is asking, as rnnlab.classroom.rooms' rate limits want it, from the narrowest to the widest:
    this session, this browser, this network address (a class behind one school router shares
    the last one: its limits are wider)."""
    return [("session", _hash("session", _session())),
            ("browser", _hash("browser", persist.browser_id() or _session())),
            ("address", _hash("address", _address()))]
