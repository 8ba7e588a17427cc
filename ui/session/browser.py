"""Which browser is this: an anonymous random id kept in the browser itself, and which of its
tabs.

The id lives in a cookie (mirrored in localStorage), never in the URL, so a copied or shared
link never opens another person's work. The cookie reaches the server with the websocket
handshake (``st.context.cookies``), so a reload knows the browser in its very first script run.
Each tab has its own id too (sessionStorage; a reload carries it in a short-lived cookie the
page sets as it unloads), so that two tabs of one browser keep their own saved work.

A tiny components-v2 component (inline JS, no iframe) writes the ids into the browser; when the
cookie is gone but localStorage still has an id it reports that id, and when the tab's cookie
did not come it reports the tab's id: ``mount`` takes the callbacks that adopt them.

ui/persistence/persist.py saves and restores a browser's work by these ids; ui/jobs/training_job.py keeps a
training for a reload of the same browser. Neither imports the other for it.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable

import streamlit as st

log = logging.getLogger("rnnlab")

COOKIE = "rnnlab_sid"  # cookie and localStorage name of the browser's id
TAB_COOKIE = "rnnlab_tab"  # a reloading tab's id (set as the page unloads, read by the next one)
COMPONENT_KEY = "_rnnlab_browser_id"
KEY = "_browser"  # session state: {"id", "adopt", "tab"} of this session's browser and tab
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_id() -> str:
    """192 random bits from the OS source, URL-safe."""
    return secrets.token_urlsafe(24)


def valid(value) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def identity(ss=None) -> dict:
    """This session's {"id", "adopt", "tab"}: id None until ``identify``; adopt True while a
    new id may still give way to one the browser reports. ``ss``: another session state to read
    (a test's AppTest.session_state; then a copy, maybe empty)."""
    if ss is not None:
        found = ss.get(KEY) if KEY in ss else None
        return dict(found) if isinstance(found, dict) else {"id": None, "adopt": False, "tab": None}
    state = st.session_state
    if KEY not in state:
        state[KEY] = {"id": None, "adopt": False, "tab": new_id()}
    return state[KEY]


def browser_id(ss=None) -> str | None:
    """This browser's anonymous id (None before the first run knows it)."""
    return identity(ss)["id"]


def identify(cookie: str | None) -> None:
    """The first run: the browser's id from its cookie, or a new one (to be adopted if the
    browser reports an older one); the tab's from the reload's cookie, if it came."""
    ident = identity()
    ident["id"], ident["adopt"] = (cookie, False) if cookie else (new_id(), True)
    ident["tab"] = cookie_tab() or ident["tab"]  # a reload goes on saving as the same tab


def start_afresh() -> None:
    """A new id for this browser (Forget my session); the tab stays the same tab."""
    identity().update(id=new_id(), adopt=False)


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # noqa: BLE001 - no browser context (AppTest)
        return None
    return value if valid(value) else None  # a crafted cookie is ignored


def cookie_id() -> str | None:
    return _cookie(COOKIE)


def cookie_tab() -> str | None:
    return _cookie(TAB_COOKIE)


def reported(name: str) -> str | None:
    """An id the component reported ("id" or "tab"), if it is a valid one."""
    value = (st.session_state.get(COMPONENT_KEY) or {}).get(name)
    return value if valid(value) else None


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
  // This tab's own id: kept in sessionStorage (per tab, survives a reload).
  const tabName = data.tab_name;
  let tab = null;
  try { tab = window.sessionStorage.getItem(tabName); } catch (e) { /* storage blocked */ }
  if (valid(tab) && tab !== data.tab) {
    setStateValue("tab", tab);  // the server saves as this tab again
  } else {
    try { window.sessionStorage.setItem(tabName, data.tab); } catch (e) { /* storage blocked */ }
    tab = data.tab;
  }
  window.__rnnlabTab = tab;
  // The reload's cookie has done its work once this page is up: another tab must not read it.
  // Only this tab's own: another tab may be reloading right now, its cookie on the way.
  const left = document.cookie.split("; ").find((c) => c.startsWith(tabName + "="));
  if (left && left.slice(tabName.length + 1) === tab) {
    document.cookie = tabName + "=; Max-Age=0; Path=/; SameSite=Strict" + secure;
  }
  if (!window.__rnnlabTabHook) {
    window.__rnnlabTabHook = true;
    // As the page unloads (F5, a link), leave the tab's id for the next page of this tab: the
    // cookie reaches the server with its websocket, so its first run restores this tab's work.
    window.addEventListener("pagehide", () => {
      document.cookie = tabName + "=" + window.__rnnlabTab + "; Max-Age=30; Path=/; SameSite=Strict" + secure;
    });
  }
}
"""

_component = None


def _browser_id_component():
    global _component
    if _component is None:
        _component = st.components.v2.component("rnnlab_browser_id", html="", js=_JS)
    return _component


def mount(max_age: int, on_id: Callable[[], None], on_tab: Callable[[], None]) -> None:
    """Write this session's ids into the browser (cookie for ``max_age`` seconds)."""
    ident = identity()
    try:
        _browser_id_component()(
            key=COMPONENT_KEY, data={"id": ident["id"], "adopt": bool(ident["adopt"]), "name": COOKIE,
                                     "max_age": max_age, "tab": ident["tab"], "tab_name": TAB_COOKIE},
            on_id_change=on_id, on_tab_change=on_tab)
    except Exception as exc:  # noqa: BLE001 - AppTest has no component runtime: nothing to keep
        log.debug("browser id component not mounted: %s", exc)
