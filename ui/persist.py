"""Sessions that survive a reload: the session's state is saved on the server after each run
and restored when the same browser comes back.

Who is "the same browser": an anonymous random id kept in the browser itself (a cookie, mirrored
in localStorage), never in the URL, so a copied or shared link never opens another person's
work. The cookie reaches the server with the websocket handshake (``st.context.cookies``), so
a reload restores everything in its very first script run. A tiny components-v2 component
(inline JS, no iframe) writes the id into the browser; when the cookie is gone but
localStorage still has an id, it reports that id and the session adopts it.

What is saved: every session-state entry the codec can encode (series, uploaded file, split,
runs with their weights, the Hidden states networks, page settings...), minus live objects
(training jobs, figures). Widget values are saved only for widgets whose value may be set
through session state (not buttons, uploads or editors). Saves are skipped when nothing
changed (a digest of the bytes), expire after 24 h, and are capped in size.

Failure is never fatal: a store that is down means "not saved" (sidebar warning, retried
later); a saved state that is corrupt or too large is dropped with a notice.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import threading
import time

import streamlit as st

from rnnlab import session_codec as codec
from rnnlab import settings
from rnnlab.store import Store, StoreError, open_store
from ui.i18n import lang, tr

log = logging.getLogger("rnnlab")

COOKIE = "rnnlab_sid"  # cookie and localStorage name of the browser's id
COMPONENT_KEY = "_rnnlab_browser_id"
BOOK = "_persist"  # per-session bookkeeping (never saved itself)
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
TTL_SECONDS = 24 * 3600
RETRY_SECONDS = 15.0  # after a store failure, the next attempt waits this long
MODULES = ("rnnlab.", "ui.")  # classes a saved state may contain (see rnnlab.session_codec)
# Live objects and caches that are rebuilt from the rest: never saved.
SKIP = {BOOK, COMPONENT_KEY, "_training_job", "persist_forget", "_figures"}
# Widget value types Streamlit refuses to set through session state (or that hold files).
UNSETTABLE = {"trigger_value", "string_trigger_value", "json_trigger_value",
              "file_uploader_state_value", "chat_input_value"}


def max_bytes() -> int:
    """Per-session size cap of a saved state, ``RNNLAB_SESSION_MAX_MB`` (default 32 MB)."""
    return int(settings.SESSION_MAX_MB.value() * 1024 * 1024)


# ----- the process' store (shared infrastructure, not per-user data) -----

_store_lock = threading.Lock()
_store: Store | None = None
_down_until = 0.0


def _get_store() -> Store | None:
    """The store, or None while it is down (opening and calls are retried after a pause)."""
    global _store, _down_until
    with _store_lock:
        if time.monotonic() < _down_until:
            return None
        if _store is None:
            try:
                _store = open_store()
            except StoreError as exc:
                log.warning("session store unavailable: %s", exc)
                _down_until = time.monotonic() + RETRY_SECONDS
                return None
        return _store


def _store_failed(exc: Exception) -> None:
    global _down_until
    log.warning("session store failed: %s", exc)
    with _store_lock:
        _down_until = time.monotonic() + RETRY_SECONDS


def shared_store() -> Store | None:
    """The process' store for other features (live lessons), or None while it is down."""
    return _get_store()


def store_failed(exc: Exception) -> None:
    """Tell the store's keeper that a call failed: it is left alone for RETRY_SECONDS."""
    _store_failed(exc)


def reset_store_for_tests(store: Store | None = None) -> None:
    """Forget the process' store (tests point RNNLAB_STORE elsewhere between cases)."""
    global _store, _down_until
    with _store_lock:
        _store, _down_until = store, 0.0


# ----- bookkeeping -----

def _book() -> dict:
    ss = st.session_state
    if BOOK not in ss:
        ss[BOOK] = {"id": None, "adopt": False, "digest": None, "widgets": {}, "status": "new",
                    "notice": None, "runs": 0}
    return ss[BOOK]


def _key(browser_id: str) -> str:
    return f"session:{browser_id}"


def _new_id() -> str:
    return secrets.token_urlsafe(24)


def _cookie_id() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser context (AppTest)
        return None
    return value if isinstance(value, str) and ID_PATTERN.match(value) else None


# ----- restore -----

def _restore(book: dict) -> bool:
    """Load this browser's saved state into session state. True if something was restored."""
    store = _get_store()
    if store is None:
        book["status"] = "down"
        return False
    key = _key(book["id"])
    try:
        data = store.get(key)
    except StoreError as exc:
        _store_failed(exc)
        book["status"] = "down"
        return False
    if data is None:
        return False
    try:
        saved, _meta = codec.loads(data, modules=MODULES, max_bytes=max_bytes())
    except codec.CodecError as exc:
        log.warning("dropping a saved session: %s", exc)
        too_big = isinstance(exc, codec.TooLarge)
        book["notice"] = "persist.dropped_big" if too_big else "persist.dropped_corrupt"
        try:
            store.delete(key)
        except StoreError as err:
            _store_failed(err)
        return False
    ss = st.session_state
    restored_widgets = {}
    for name, value in saved.items():
        kind, _, key_name = name.partition(":")
        if key_name in SKIP or kind not in ("p", "w"):
            continue
        try:
            ss[key_name] = value
        except Exception as exc:  # noqa: BLE001 - a widget that refuses this value: skip it
            log.info("not restoring %s: %s", key_name, exc)
            continue
        if kind == "w":
            restored_widgets[key_name] = value
    book["widgets"] = restored_widgets
    book["digest"] = None  # the first save after a restore writes it again (digests are of the state)
    book["status"] = "saved"
    book["notice"] = "persist.restored"
    _take_over_training(book)
    return True


def _take_over_training(book: dict) -> None:
    """A reload while a training ran: this session takes it over (ui/training_job.py)."""
    from ui import training_job

    try:
        taken = training_job.take_over(book["id"])
    except Exception:  # noqa: BLE001 - never let a carried-over job break the restore
        log.exception("could not take the training over")
        return
    if taken:
        book["job_notice"] = f"persist.job_{taken}"


def _on_browser_id() -> None:
    """The component reported an id this browser already had: adopt it and restore its work."""
    book = _book()
    value = (st.session_state.get(COMPONENT_KEY) or {}).get("id")
    if book.get("adopt") and isinstance(value, str) and ID_PATTERN.match(value) and value != book["id"]:
        book["id"], book["adopt"] = value, False
        _restore(book)


# ----- the browser side -----

_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const name = data.name;
  const valid = (v) => typeof v === "string" && /^[A-Za-z0-9_-]{20,64}$/.test(v);
  let stored = null;
  try { stored = window.localStorage.getItem(name); } catch (e) { /* storage blocked */ }
  if (data.adopt && valid(stored) && stored !== data.id) {
    setStateValue("id", stored);  // this browser had an id before: the server adopts it
    return;
  }
  try { window.localStorage.setItem(name, data.id); } catch (e) { /* storage blocked */ }
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = name + "=" + data.id + "; Max-Age=" + data.max_age + "; Path=/; SameSite=Strict" + secure;
}
"""

_component = None


def _browser_id_component():
    global _component
    if _component is None:
        _component = st.components.v2.component("rnnlab_browser_id", html="", js=_JS)
    return _component


def _mount(book: dict) -> None:
    try:
        _browser_id_component()(
            key=COMPONENT_KEY, data={"id": book["id"], "adopt": bool(book["adopt"]), "name": COOKIE,
                                     "max_age": TTL_SECONDS},
            on_id_change=_on_browser_id)
    except Exception as exc:  # noqa: BLE001 - AppTest has no component runtime: nothing to keep
        log.debug("browser id component not mounted: %s", exc)


# ----- the hooks app.py calls -----

def begin() -> None:
    """First thing in app.py: know this browser and, on its first run, restore its work."""
    book = _book()
    book["runs"] += 1
    if book["id"] is None:
        cookie = _cookie_id()
        book["id"], book["adopt"] = (cookie, False) if cookie else (_new_id(), True)
        if cookie:
            _restore(book)


def browser_id() -> str | None:
    """This browser's anonymous id (None before the first run knows it)."""
    return _book()["id"]


def in_fragment_rerun() -> bool:
    """Is this script run a fragment's own rerun (a poll, a settled step), not the whole page?"""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
    except Exception:  # noqa: BLE001 - no runtime
        return False
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def after_fragment() -> None:
    """Save after a fragment's own rerun: it does not run app.py, so without this a settled
    stage step or a slider inside a fragment would be lost by a reload right after it."""
    if not in_fragment_rerun() or BOOK not in st.session_state:
        return  # a full run: app.py's saving() saves at its end
    _save(_book())


def _collect(book: dict) -> dict:
    """What to save now: plain entries and settable widget values (by "p:"/"w:" prefix)."""
    ss = st.session_state
    kinds = _widget_kinds()
    out: dict[str, object] = {}
    widgets = dict(book.get("widgets") or {})  # pages not shown now keep their saved settings
    for key in list(ss.keys()):
        if key in SKIP or key.startswith("$$"):
            continue
        try:
            value = ss[key]
        except KeyError:
            continue
        if key in kinds:
            if kinds[key] in UNSETTABLE or isinstance(value, dict):  # dict: a data editor's edits
                continue
            widgets[key] = value
        else:
            out["p:" + key] = value
    for key, value in widgets.items():
        if "p:" + key not in out:
            out["w:" + key] = value
    return out


def _widget_kinds() -> dict[str, str]:
    """User key -> Streamlit's value type of each widget drawn in this session."""
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        state = get_session_state()._state
        mapping = state._key_id_mapper._key_id_mapping
        metadata = state._new_widget_state.widget_metadata
        kinds = {key: metadata[wid].value_type for key, wid in mapping.items() if wid in metadata}
        return {key: kind for key, kind in kinds.items() if not key.startswith("$$")}
    except Exception:  # noqa: BLE001 - internals moved: save plain state only
        return {}


@contextlib.contextmanager
def saving():
    """Wrap the page's run: save afterwards, also when the page ended early with st.stop()
    (not on st.rerun(): the next run saves)."""
    try:
        yield
    except BaseException as exc:
        if type(exc).__name__ == "StopException":
            save()
        raise
    save()


def save() -> None:
    """After the page has run: save this session if anything changed."""
    book = _book()
    try:
        _save(book)
    finally:
        slot = book.pop("slot", None)  # this run's placeholder only, never a stale one
        if slot is not None:
            _show_status(book, slot)


def _show_status(book: dict, slot) -> None:
    status = book.get("status")
    if status == "down":
        slot.warning(tr("persist.down"), icon=":material/cloud_off:")
    elif status == "too_big":
        size = f"{book.get('size', 0) / 2**20:.1f}"
        if lang() == "es":
            size = size.replace(".", ",")
        slot.warning(tr("persist.too_big", size=size, limit=f"{max_bytes() / 2**20:.0f}"),
                     icon=":material/warning:")
    else:
        slot.empty()


def _save(book: dict) -> None:
    if book["id"] is None or (book["adopt"] and book["runs"] == 1):
        return  # a brand-new browser's first run: the component may still report an older id
    entries = _collect(book)
    encoded = codec.encode(entries, modules=MODULES)
    if encoded.skipped:
        log.debug("not saved (live objects): %s", encoded.skipped)
    # Every run ends here: hash what would be written, and pack the bytes only when it changed.
    digest = encoded.digest()
    if digest == book["digest"] and book["status"] == "saved":
        return
    data = encoded.pack()
    if len(data) > max_bytes():
        book["status"], book["size"] = "too_big", len(data)
        return
    store = _get_store()
    if store is None:
        book["status"] = "down"
        return
    try:
        store.put(_key(book["id"]), data, ttl=TTL_SECONDS)
    except StoreError as exc:
        _store_failed(exc)
        book["status"] = "down"
        return
    book.update(digest=digest, status="saved", size=len(data),
                widgets={k[2:]: v for k, v in entries.items() if k.startswith("w:")})


def _forget() -> None:
    """Delete this browser's saved work and start over with a new id (button callback)."""
    book = _book()
    old = book["id"]
    store = _get_store()
    if store is not None and old:
        try:
            store.delete(_key(old))
        except StoreError as exc:
            _store_failed(exc)
    ss = st.session_state
    job = ss.get("_training_job")
    if job is not None and getattr(job, "running", False):
        job.request_stop()  # its slot goes to the next student in line
    keep = {"_lang", BOOK}  # the language is the person's, not their work
    kinds = _widget_kinds()
    for key in list(ss.keys()):
        if key not in keep and kinds.get(key) not in UNSETTABLE and not key.startswith("$$"):
            with contextlib.suppress(Exception):  # a widget Streamlit does not let go of
                del ss[key]
    book.update(id=_new_id(), adopt=False, digest=None, widgets={}, status="new",
                notice="persist.forgotten")


def sidebar_controls() -> None:
    """The sidebar's "Forget my session" button, the save status and any notice."""
    book = _book()
    with st.sidebar:
        _mount(book)
        notice = book.pop("notice", None)
        if notice == "persist.restored":
            st.toast(tr("persist.restored"), icon=":material/restore:")
        elif notice:
            st.info(tr(notice), icon=":material/info:")
        job_notice = book.pop("job_notice", None)  # the training went on through the reload
        if job_notice:
            st.info(tr(job_notice), icon=":material/model_training:")
        slot = st.empty()
        _show_status(book, slot)  # the last known status now, updated by save() at the end
        book["slot"] = slot
        st.button(tr("persist.forget"), key="persist_forget", on_click=_forget,
                  icon=":material/delete_forever:", help=tr("persist.forget_help"))
