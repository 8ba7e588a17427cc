"""Sessions that survive a reload: the session's state is saved on the server after each run
and restored when the same browser comes back.

Who is "the same browser": an anonymous random id kept in the browser itself (a cookie, mirrored
in localStorage), never in the URL, so a copied or shared link never opens another person's
work. The cookie reaches the server with the websocket handshake (``st.context.cookies``), so
a reload restores everything in its very first script run. A tiny components-v2 component
(inline JS, no iframe) writes the id into the browser; when the cookie is gone but
localStorage still has an id, it reports that id and the session adopts it.

What is saved: exactly the declared schema of ui/persistence/saved_state.py (the Session with series,
split and runs with their weights; the uploaded file; the Hidden states network; the room;
page settings...), with its version. Caches and live objects are never saved. Widget values
are saved only for declared widgets whose value may be set through session state (not
buttons, uploads or editors). Saves are skipped when nothing changed (a digest of the bytes),
expire after 24 h, and are capped in size.

Failure is never fatal: a store that is down means "not saved" (sidebar warning, retried
later); a saved state that is corrupt, too large, or not what the schema declares (checked
whole, before any page sees it) is dropped with a notice.
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
import time

import streamlit as st

from rnnlab.classroom import session_codec as codec
from rnnlab.classroom import session_schema
from rnnlab.declarations import settings
from rnnlab.i18n.numbers import fmt_size
from rnnlab.store import Store, StoreError, open_store
from ui.i18n import lang, tr
from ui.persistence import saved_state
from ui.session import browser, streamlit_internals

log = logging.getLogger("rnnlab")

COOKIE, TAB_COOKIE, COMPONENT_KEY, ID_PATTERN = (browser.COOKIE, browser.TAB_COOKIE,
                                                  browser.COMPONENT_KEY, browser.ID_PATTERN)
BOOK = "_persist"  # per-session bookkeeping (never saved itself)
TTL_SECONDS = 24 * 3600
RETRY_SECONDS = 15.0  # after a store failure, the next attempt waits this long
MODULES = ("rnnlab.", "ui.")  # classes a saved state may contain (see rnnlab.classroom.session_codec)
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
        ss[BOOK] = {"digest": None, "widgets": {}, "status": "new", "notice": None, "runs": 0,
                    "indexed": False}
    return ss[BOOK]


# ----- where a browser's saved states live: one per tab -----
# Two tabs of one browser share its id. Each tab saves under its own key and stamps the time in
# the browser's index (a field key: each tab's stamp is written on its own, atomically), so a
# save from one tab never overwrites what another holds. A reloaded tab gets its own state back
# (its tab id travels in a short-lived cookie the page sets as it unloads, and stays in the
# tab's sessionStorage); a new tab opens the newest state of any tab of the browser.

MAX_TABS = 6  # saved states kept per browser (the oldest tab's goes when a seventh tab saves)


def _key(browser_id: str, tab: str | None = None) -> str:
    return f"session:{browser_id}" if tab is None else f"session:{browser_id}:{tab}"


def _index(browser_id: str) -> str:
    return f"tabs:{browser_id}"


def put_saved(store: Store, browser_id: str, tab: str, data: bytes, stamp: float | None = None) -> None:
    """Write one tab's saved state and stamp it in the browser's index (raises StoreError)."""
    store.put(_key(browser_id, tab), data, ttl=TTL_SECONDS)
    stamp = time.time() if stamp is None else stamp
    store.set_field(_index(browser_id), tab, repr(stamp).encode(), ttl=TTL_SECONDS)


def _tabs(store: Store, browser_id: str) -> list[str]:
    """The browser's tabs with a saved state, newest first (raises StoreError)."""
    stamps = {}
    for tab, raw in store.fields(_index(browser_id)).items():
        try:
            stamps[tab] = float(raw.decode())
        except (UnicodeDecodeError, ValueError):
            stamps[tab] = 0.0  # a damaged stamp: the oldest
    return sorted(stamps, key=lambda tab: -stamps[tab])


def saved_bytes(store: Store, browser_id: str, tab: str | None = None) -> tuple[str | None, bytes | None]:
    """(tab, bytes) of the state a session of this browser restores: the tab's own when it has
    one, else the newest tab's, else a state saved before tabs had their own (tab None)."""
    if tab is not None and ID_PATTERN.match(tab):
        data = store.get(_key(browser_id, tab))
        if data is not None:
            return tab, data
    for newest in _tabs(store, browser_id):
        data = store.get(_key(browser_id, newest))
        if data is not None:
            return newest, data
    return None, store.get(_key(browser_id))


def _delete_saved(store: Store, browser_id: str, tab: str | None) -> None:
    store.delete(_key(browser_id, tab))
    if tab is not None:
        store.delete_field(_index(browser_id), tab)


def _forget_browser(store: Store, browser_id: str) -> None:
    for tab in _tabs(store, browser_id):
        store.delete(_key(browser_id, tab))
    store.delete(_index(browser_id))
    store.delete(_key(browser_id))


def _prune(store: Store, browser_id: str) -> None:
    """Keep the newest MAX_TABS states of a browser."""
    for tab in _tabs(store, browser_id)[MAX_TABS:]:
        _delete_saved(store, browser_id, tab)


def _cookie_id() -> str | None:
    return browser.cookie_id()


# ----- restore -----

def _restore(book: dict) -> bool:
    """Load this browser's saved state into session state. True if something was restored."""
    store = _get_store()
    if store is None:
        book["status"] = "down"
        return False
    try:
        ident = browser.identity()
        tab, data = saved_bytes(store, ident["id"], ident["tab"])
    except StoreError as exc:
        _store_failed(exc)
        book["status"] = "down"
        return False
    if data is None:
        return False
    try:
        saved, _meta = codec.loads(data, modules=MODULES, max_bytes=max_bytes())
        saved = saved_state.validate(saved)  # the whole state, before anything uses it
    except (codec.CodecError, session_schema.Invalid) as exc:
        log.warning("dropping a saved session: %s", exc)
        too_big = isinstance(exc, codec.TooLarge)
        book["notice"] = "persist.dropped_big" if too_big else "persist.dropped_corrupt"
        try:
            _delete_saved(store, browser.identity()["id"], tab)
        except StoreError as err:
            _store_failed(err)
        return False
    ss = st.session_state
    # A second restore in one session (the tab's own state replacing another tab's, which the
    # first run restored because the reload's tab cookie did not come) replaces the first:
    # what only the other tab had (its upload, its widgets) must not stay behind.
    keep = {name.partition(":")[2] for name in saved}
    for key in book.get("restored_keys", ()):
        if key not in keep and key in ss:
            with contextlib.suppress(Exception):  # a widget Streamlit does not let go of
                del ss[key]
    book["restored_keys"] = sorted(keep)
    restored_widgets = {}
    for name, value in saved.items():
        kind, _, key_name = name.partition(":")
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
    book["restored_tab"] = tab
    book["notice"] = "persist.restored"
    _take_over_training(book)
    return True


def _take_over_training(book: dict) -> None:
    """A reload while a training ran: this session takes it over (ui/jobs/training_job.py)."""
    from ui.jobs import training_job

    try:
        taken = training_job.take_over(browser.browser_id())
    except Exception:  # noqa: BLE001 - never let a carried-over job break the restore
        log.exception("could not take the training over")
        return
    if taken:
        book["job_notice"] = f"persist.job_{taken}"


def _on_browser_id() -> None:
    """The component reported an id this browser already had: adopt it and restore its work."""
    book, ident = _book(), browser.identity()
    value = browser.reported("id")
    if ident["adopt"] and value is not None and value != ident["id"]:
        ident.update(id=value, adopt=False)
        _restore(book)


def _on_tab() -> None:
    """The component reported the id this tab had before (its sessionStorage): the reload's
    cookie did not come (a phone that dropped the tab). Save as that tab again, and bring its
    own state back if it has one and another tab's was restored."""
    book, ident = _book(), browser.identity()
    value = browser.reported("tab")
    if value is None or value == ident["tab"]:
        return
    ident["tab"] = value
    book.update(indexed=False, digest=None)
    if ident["id"] is not None and not ident["adopt"] and book.get("restored_tab") not in (None, value):
        store = _get_store()
        try:
            has_own = store is not None and store.get(_key(ident["id"], value)) is not None
        except StoreError as exc:
            _store_failed(exc)
            return
        if has_own:
            _restore(book)


def _mount() -> None:
    browser.mount(TTL_SECONDS, on_id=_on_browser_id, on_tab=_on_tab)


# ----- the hooks app.py calls -----

def begin() -> None:
    """First thing in app.py: know this browser and, on its first run, restore its work."""
    book = _book()
    book["runs"] += 1
    ident = browser.identity()
    if ident["id"] is None:
        cookie = _cookie_id()
        browser.identify(cookie)
        if cookie:
            _restore(book)


def browser_id(ss=None) -> str | None:
    """This browser's anonymous id (None before the first run knows it). ``ss``: a session
    state to read instead of this run's (a test's AppTest.session_state). See ui/session/browser.py."""
    return browser.browser_id(ss)


def save_info(ss=None) -> dict:
    """What persistence knows of a session: {"id", "tab", "status", "digest", "size"} (a copy;
    ``ss`` as in browser_id). status: "new", "saved", "down" or "too_big"."""
    book = _book() if ss is None else ss.get(BOOK, {})
    ident = browser.identity(ss)
    return {"id": ident["id"], "tab": ident["tab"],
            **{name: book.get(name) for name in ("status", "digest", "size")}}


def in_fragment_rerun() -> bool:
    """Is this script run a fragment's own rerun (a poll, a settled step), not the whole page?"""
    return streamlit_internals.fragment_rerun()


def after_fragment() -> None:
    """Save after a fragment's own rerun: it does not run app.py, so without this a settled
    stage step or a slider inside a fragment would be lost by a reload right after it."""
    if not in_fragment_rerun() or BOOK not in st.session_state:
        return  # a full run: app.py's saving() saves at its end
    _save(_book())


def _collect(book: dict) -> dict:
    """What to save now: the declared entries and widget values (ui/persistence/saved_state.py), by
    "p:"/"w:" prefix."""
    return entries_to_save(st.session_state, _widget_kinds(), book.get("widgets") or {})


def entries_to_save(ss, kinds: dict[str, str], saved_widgets: dict) -> dict:
    """The saved state of session state ``ss`` (a mapping): declared plain entries as
    "p:name", values of declared widgets (``kinds``: key -> Streamlit's value type) as "w:key";
    ``saved_widgets``: widget values saved before, kept for pages not shown now."""
    out: dict[str, object] = {}
    widgets = dict(saved_widgets)
    for key in list(ss.keys()):
        # Decide from the key first, and read only the values that are saved: reading a
        # component's state builds a presenter object, on every run of every session.
        if key in kinds:
            if kinds[key] in UNSETTABLE or saved_state.widget_check(key) is None:
                continue
        elif not saved_state.is_saved(key):
            continue
        try:
            value = ss[key]
        except KeyError:
            continue
        if key not in kinds:
            out["p:" + key] = value
        elif not isinstance(value, dict):  # a dict: a data editor's edits
            widgets[key] = value
    for key, value in widgets.items():
        if "p:" + key not in out:
            out["w:" + key] = value
    return out


def _widget_kinds() -> dict[str, str]:
    """User key -> Streamlit's value type of each widget drawn in this session."""
    return streamlit_internals.widget_value_types()


@contextlib.contextmanager
def saving():
    """Wrap the page's run: save afterwards, also when the page ended early with st.stop()
    (not on st.rerun(): the next run saves)."""
    try:
        yield
    except streamlit_internals.CONTROL_FLOW as exc:
        if isinstance(exc, streamlit_internals.CONTROL_FLOW[0]):  # StopException: st.stop()
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
    """The save status, and what a Streamlit upgrade broke, in the sidebar's status slot."""
    status = book.get("status")
    broken = streamlit_internals.notice_keys()
    if status not in ("down", "too_big") and not broken:
        slot.empty()
        return
    with slot.container():
        if status == "down":
            st.warning(tr("persist.down"), icon=":material/cloud_off:")
        elif status == "too_big":
            size = fmt_size(book.get("size", 0), lang(), per_mb=2**20)  # RNNLAB_SESSION_MAX_MB: MiB
            limit = fmt_size(max_bytes(), lang(), decimals=0, per_mb=2**20)
            st.warning(tr("persist.too_big", size=size, limit=limit), icon=":material/warning:")
        for key in broken:
            st.warning(tr(key), icon=":material/build:")


def _save(book: dict) -> None:
    ident = browser.identity()
    if ident["id"] is None or (ident["adopt"] and book["runs"] == 1):
        return  # a brand-new browser's first run: the component may still report an older id
    entries = _collect(book)
    encoded = codec.encode(entries, modules=MODULES, meta={"schema": saved_state.VERSION})
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
        put_saved(store, ident["id"], ident["tab"], data)
        if not book.get("indexed"):  # this tab's first save: keep the newest MAX_TABS
            _prune(store, ident["id"])
            book["indexed"] = True
    except StoreError as exc:
        _store_failed(exc)
        book["status"] = "down"
        return
    book.update(digest=digest, status="saved", size=len(data),
                widgets={k[2:]: v for k, v in entries.items() if k.startswith("w:")})


def _forget() -> None:
    """Delete this browser's saved work and start over with a new id (button callback)."""
    book = _book()
    old = browser.browser_id()
    store = _get_store()
    if store is not None and old:
        try:
            _forget_browser(store, old)
        except StoreError as exc:
            _store_failed(exc)
    ss = st.session_state
    from ui.jobs import training_job  # persist -> training_job only: the job needs no persist

    job = training_job.current_job()
    if job is not None and getattr(job, "running", False):
        job.request_stop()  # its slot goes to the next student in line
    keep = {BOOK, browser.KEY, *saved_state.KEPT_ON_FORGET}  # the language and the live room: not their work
    kinds = _widget_kinds()
    for key in list(ss.keys()):
        if key not in keep and kinds.get(key) not in UNSETTABLE and not key.startswith("$$"):
            with contextlib.suppress(Exception):  # a widget Streamlit does not let go of
                del ss[key]
    browser.start_afresh()
    book.update(digest=None, widgets={}, status="new", notice="persist.forgotten",
                confirm_forget=False, indexed=False)


def _ask_to_forget() -> None:
    _book()["confirm_forget"] = True


def _cancel_forget() -> None:
    _book()["confirm_forget"] = False


def _room_role() -> str | None:
    """"teacher" or "student" while this session is in a live room (ui/classroom/live.py), else None."""
    info = st.session_state.get(saved_state.LIVE_ROOM)
    return info.get("role") if isinstance(info, dict) else None


RESTORED_CSS = """
<style>
.rnnlab-restored { position: fixed; top: 3.75rem; right: 1rem; z-index: 1000; max-width: 22rem;
  padding: .75rem 1rem; border-radius: .5rem; background: #ecfdf5; color: #065f46;
  border: 1px solid #047857; box-shadow: 0 2px 8px rgba(15, 23, 42, .15); pointer-events: none; }
@media (max-width: 640px) { .rnnlab-restored { left: 1rem; right: 1rem; max-width: none; } }
</style>
"""


def _restored_notice(text: str) -> None:
    """"Your session was restored", said in a polite live region (role=status): Streamlit's
    toast is an alertdialog without an accessible name (axe: aria-dialog-name). It floats at
    the top right (the whole width on a phone), lets clicks through to the page beneath, and the
    page's next run (any click or change) removes it."""
    st.markdown(f'{RESTORED_CSS}<div class="rnnlab-restored" role="status" '
                f'data-testid="rnnlab-restored">{html.escape(text)}</div>', unsafe_allow_html=True)


def _job_notice(book: dict) -> str | None:
    """What to say of a training taken over by a reload: "finished during the reload", or
    "still running" for as long as it runs and then "it has finished" (said for one run only,
    "still running" was gone at the run the training's end brought, before anyone read it)."""
    from ui.jobs import training_job

    notice = book.pop("job_notice", None)
    if notice == "persist.job_running" or book.get("job_watch"):
        running = training_job.is_running()
        book["job_watch"] = running
        if running:
            return "persist.job_running"
        return "persist.job_finished" if notice else "persist.job_done"
    return notice


def sidebar_controls() -> None:
    """The sidebar's "Forget my session" button (it asks first), the save status and any
    notice."""
    book = _book()
    notice = book.pop("notice", None)
    if notice == "persist.restored":
        _restored_notice(tr("persist.restored"))  # in the main area: seen on a phone too
    with st.sidebar:
        _mount()
        if notice and notice != "persist.restored":
            st.info(tr(notice), icon=":material/info:")
        job_notice = _job_notice(book)  # the training went on through the reload
        if job_notice:
            st.info(tr(job_notice), icon=":material/model_training:")
        slot = st.empty()
        _show_status(book, slot)  # the last known status now, updated by save() at the end
        book["slot"] = slot
        if not book.get("confirm_forget"):
            st.button(tr("persist.forget"), key="persist_forget", on_click=_ask_to_forget,
                      icon=":material/delete_forever:", help=tr("persist.forget_help"))
            return
        with st.container(border=True, key="persist_forget_confirm"):
            st.markdown(tr("persist.forget_confirm"))
            role = _room_role()
            if role:
                st.caption(tr(f"persist.forget_{role}"))
            yes, no = st.columns(2)
            yes.button(tr("persist.forget_yes"), key="persist_forget_yes", on_click=_forget,
                       type="primary", width="stretch")
            no.button(tr("persist.forget_no"), key="persist_forget_no", on_click=_cancel_forget,
                      width="stretch")
