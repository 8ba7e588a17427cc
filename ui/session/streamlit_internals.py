"""Every use of Streamlit's private API, in one place, each with what it needs and why.

Checked against Streamlit ``CHECKED_WITH`` (requirements.txt pins it). A Streamlit upgrade may
move any of these: ``check()`` looks at every one of them without a running app, and
tests/ui/test_streamlit_internals.py runs it (and fails loudly on another version until
someone re-checks this file). At run time a use that no longer holds raises nothing at the
caller: it is logged once and named by ``broken()``, and the sidebar tells the user what no
longer works (``notice_keys()``); the app goes on without that feature.

The uses:

1. ``widget_value_types`` (ui/persistence/persist.py: which session-state keys are widgets, and of which
   value type, so that only values Streamlit lets a script set are saved): SessionState's
   ``_key_id_mapper._key_id_mapping`` (user key -> widget id) and
   ``_new_widget_state.widget_metadata[id].value_type``.
2. ``fragment_rerun`` (ui/persistence/persist.py: a fragment's own rerun does not run app.py, so it saves by
   itself): ``get_script_run_ctx().fragment_ids_this_run``.
3. ``session_manager`` (ui/session/sessions.py: is a closed tab's session still connected, keep a weak
   reference to it, close it and free its memory): ``Runtime.instance()._session_mgr``, its
   ``is_active_session``, ``close_session``, ``_session_storage.get(id).session`` (an
   AppSession: weakly referable, ``shutdown()``, ``session_state.clear()``) and the storage's
   TTL cache ``_session_storage._cache.expire()``. (1.67's SessionState has ``__slots__``: a
   weak reference to it raised TypeError, which a silent ``except Exception`` in the watchdog
   hid until Streamlit's storage let the session go, so a session was freed after twice the
   configured time.)
4. ``keep_keras_state`` (ui/jobs/keras_state.py: Streamlit clears Keras' session after every rerun,
   which starved background trainings): ``script_runner._clean_problem_modules``.
5. ``CONTROL_FLOW`` (ui/elements/guard.py, ui/persistence/persist.py: Streamlit's own StopException and
   RerunException must pass through the error guard): ``streamlit.runtime.scriptrunner_utils
   .exceptions``.
"""

from __future__ import annotations

import logging
import threading

import streamlit
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

log = logging.getLogger("rnnlab")

CHECKED_WITH = "1.67.0"
CONTROL_FLOW = (StopException, RerunException)

# What each use gives the user; the i18n key of what no longer works when it breaks.
FEATURES = {
    "widget_value_types": "internals.widgets_not_saved",
    "fragment_rerun": "internals.fragments_not_saved",
    "session_manager": "internals.sessions_not_freed",
    "keep_keras_state": "internals.keras_cleared",
}

_broken: dict[str, str] = {}
_lock = threading.Lock()


class InternalsChanged(RuntimeError):
    """A private Streamlit API this module relies on is not there any more."""


def _failed(use: str, exc: BaseException) -> None:
    """Log a broken use once (with the Streamlit version) and remember it for the notice."""
    with _lock:
        if use in _broken:
            return
        _broken[use] = f"{type(exc).__name__}: {exc}"
    log.error("Streamlit %s: %s no longer works (checked with %s): %s", streamlit.__version__,
              use, CHECKED_WITH, _broken[use])


def broken() -> dict[str, str]:
    """The uses that failed in this process: name -> what went wrong."""
    with _lock:
        return dict(_broken)


def notice_keys() -> list[str]:
    """i18n keys of the features that no longer work (for the sidebar)."""
    return [FEATURES[use] for use in broken() if use in FEATURES]


def reset_for_tests() -> None:
    with _lock:
        _broken.clear()


# ----- 1. widgets and their value types -----

def _session_state_of(ss=None):
    """Streamlit's SessionState behind ``ss`` (this run's when None; an AppTest's
    ``at.session_state`` too: both wrap it in ``_state`` attributes)."""
    if ss is None:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        ss = get_session_state()
    for _ in range(3):
        if hasattr(type(ss), "_key_id_mapper") or "_key_id_mapper" in getattr(ss, "__dict__", {}):
            return ss
        ss = object.__getattribute__(ss, "_state")
    raise InternalsChanged("no SessionState with _key_id_mapper")


def widget_value_types(ss=None) -> dict[str, str]:
    """User key -> Streamlit's value type ("double_value", "trigger_value"...) of each widget
    this session drew. {} when the internals moved (logged once, shown in the sidebar)."""
    try:
        state = _session_state_of(ss)
        mapping = state._key_id_mapper._key_id_mapping
        metadata = state._new_widget_state.widget_metadata
        kinds = {key: metadata[wid].value_type for key, wid in mapping.items() if wid in metadata}
    except (AttributeError, TypeError, InternalsChanged) as exc:
        _failed("widget_value_types", exc)
        return {}
    return {key: kind for key, kind in kinds.items() if not key.startswith("$$")}


# ----- 2. a fragment's own rerun -----

def fragment_rerun() -> bool:
    """Is this script run a fragment's own rerun (not the whole page)? False outside a run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return False
    try:
        return bool(ctx.fragment_ids_this_run)
    except AttributeError as exc:
        _failed("fragment_rerun", exc)
        return False


# ----- 3. the runtime's sessions -----

def runtime_exists() -> bool:
    from streamlit.runtime import Runtime

    return Runtime.exists()


def session_manager():
    """The running server's session manager, or None outside a server (AppTest, bare mode)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    runtime = Runtime.instance()
    if not isinstance(runtime, Runtime) or "mock" in type(runtime).__module__:
        return None  # AppTest's stand-in runtime (a mock of Runtime): no sessions to watch
    try:
        manager = runtime._session_mgr
    except AttributeError as exc:
        _failed("session_manager", exc)
        return None
    if not all(hasattr(manager, name) for name in ("is_active_session", "close_session")):
        return None  # AppTest's stand-in runtime: no sessions to watch
    return manager


def is_active(manager, session_id: str) -> bool:
    return bool(manager.is_active_session(session_id))


def stored_session(manager, session_id: str):
    """The AppSession of a disconnected session still kept for a reconnect, or None.
    (Hold it weakly: Streamlit's SessionState has ``__slots__`` and cannot be referenced
    weakly, the AppSession can.)"""
    try:
        info = manager._session_storage.get(session_id)
    except AttributeError as exc:
        _failed("session_manager", exc)
        return None
    return None if info is None else info.session


def close_session(manager, session_id: str, session=None) -> None:
    """Close a disconnected session for good: out of the reconnect storage, shut down (its
    uploaded files go), its state cleared at once (no postScriptGC on this server), and the
    storage's expired entries dropped (its TTL cache drops them only when asked). ``session``:
    the AppSession seen while it was stored, shut down here if the storage let it go first."""
    manager.close_session(session_id)
    try:
        manager._session_storage._cache.expire()
    except AttributeError as exc:
        _failed("session_manager", exc)
    if session is not None:
        try:
            session.shutdown()  # idempotent: nothing happens if close_session did it
            session.session_state.clear()
        except AttributeError as exc:
            _failed("session_manager", exc)


# ----- 4. Keras' state between reruns -----

def replace_problem_module_cleaner(cleaner) -> None:
    """Have Streamlit call ``cleaner`` after each script run instead of its own clean-up of
    "problem modules" (which clears Keras' session)."""
    from streamlit.runtime.scriptrunner import script_runner

    if not callable(getattr(script_runner, "_clean_problem_modules", None)):
        _failed("keep_keras_state", InternalsChanged("script_runner._clean_problem_modules is gone"))
        return
    script_runner._clean_problem_modules = cleaner


# ----- the check the tests run -----

def check() -> list[str]:
    """Every assumption above, checked against the installed Streamlit without a server.
    Returns what no longer holds ([] when all hold)."""
    problems = []
    from streamlit.runtime import Runtime
    from streamlit.runtime.memory_session_storage import MemorySessionStorage
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
    from streamlit.runtime.state.session_state import SessionState
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    state = SessionState()
    for path in ("_key_id_mapper._key_id_mapping", "_new_widget_state.widget_metadata"):
        obj = state
        for part in path.split("."):
            obj = getattr(obj, part, None)
        if not isinstance(obj, dict):
            problems.append(f"SessionState.{path} is not a dict")
    if "fragment_ids_this_run" not in ScriptRunContext.__dataclass_fields__:
        problems.append("ScriptRunContext.fragment_ids_this_run is gone")
    if "_session_mgr" not in Runtime.__init__.__code__.co_names:
        problems.append("Runtime._session_mgr is gone")
    for name in ("is_active_session", "close_session"):
        if not callable(getattr(WebsocketSessionManager, name, None)):
            problems.append(f"WebsocketSessionManager.{name} is gone")
    if "_session_storage" not in WebsocketSessionManager.__init__.__code__.co_names:
        problems.append("WebsocketSessionManager._session_storage is gone")
    storage = MemorySessionStorage(ttl_seconds=1)
    if not callable(getattr(getattr(storage, "_cache", None), "expire", None)):
        problems.append("MemorySessionStorage._cache.expire is gone")
    from streamlit.runtime.app_session import AppSession

    if "__weakref__" not in dir(AppSession):
        problems.append("an AppSession can no longer be referenced weakly")
    for name in ("shutdown", "session_state"):
        if not hasattr(AppSession, name):
            problems.append(f"AppSession.{name} is gone")
    if not callable(getattr(script_runner, "_clean_problem_modules", None)):
        problems.append("script_runner._clean_problem_modules is gone")
    return problems
