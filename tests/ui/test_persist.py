"""ui/persistence/persist.py under AppTest: what a session saves, what comes back, and every failure path.

The browser's cookie is simulated by patching ``persist._cookie_id`` (AppTest has no browser);
the real cookie and localStorage are exercised by tests/browser/test_persist.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rnnlab.classroom import session_codec as codec
from rnnlab.store import open_store
from testkit import fake_run
from tests.conftest import preset
from tests.redis_server import free_port, redis_server
from tests.rnnlab.test_session_codec import same
from ui.persistence import persist
from ui.persistence import saved_state as schema
from ui.session import state

SCRIPT = """
import pandas as pd
import streamlit as st
from ui.persistence import persist
from ui.session import state

if "probe_tab" in st.session_state:  # the component reports this tab's id (its callback runs first)
    st.session_state[persist.browser.COMPONENT_KEY] = {"tab": st.session_state.pop("probe_tab")}
    persist._on_tab()
persist.begin()
state.ensure_defaults()
st.slider("units", 2, 64, key="hidden_units")  # declared widgets (ui/persistence/saved_state.py)
st.radio("cell", ["LSTM", "GRU"], key="hidden_cell")
st.button("go", key="probe_button")
st.file_uploader("file", key="probe_upload")
st.data_editor(pd.DataFrame({"a": [1, 2]}), key="probe_editor")
persist.sidebar_controls()
with persist.saving():
    st.write("runs:", len(state.runs()))
"""


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
        monkeypatch.setenv("RNNLAB_STORE", url)
        persist.reset_store_for_tests()
        yield url
    else:
        with redis_server(tmp_path) as url:
            monkeypatch.setenv("RNNLAB_STORE", url)
            persist.reset_store_for_tests()
            yield url
    persist.reset_store_for_tests()


@pytest.fixture
def sqlite_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("RNNLAB_STORE", url)
    persist.reset_store_for_tests()
    yield open_store(url)
    persist.reset_store_for_tests()


def app(browser_id=None, monkeypatch=None) -> AppTest:
    if monkeypatch is not None:
        monkeypatch.setattr(persist, "_cookie_id", lambda: browser_id)
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    at.session_state["_lang"] = "en"
    return at


def saved_state(store, browser_id):
    _tab, data = persist.saved_bytes(store, browser_id)
    assert data is not None
    return codec.loads(data, modules=persist.MODULES)[0]


def first_visit(monkeypatch, **state):
    at = preset(app(None, monkeypatch), **state)  # runs=[...]: the Session's runs
    at.run()
    at.slider(key="hidden_units").set_value(17).run()  # a second run: now it is saved
    at.radio(key="hidden_cell").set_value("GRU").run()
    assert not at.exception
    return at, persist.browser_id(at.session_state)


def test_a_session_is_saved_and_a_reload_restores_it(store_url, monkeypatch):
    run = fake_run(3)
    at, browser_id = first_visit(monkeypatch, runs=[run])
    saved = saved_state(open_store(store_url), browser_id)
    assert saved["w:hidden_units"] == 17 and saved["w:hidden_cell"] == "GRU"
    assert same(saved["p:session"].runs[0], run)
    assert {"w:probe_button", "w:probe_upload", "w:probe_editor", "p:probe_button"}.isdisjoint(saved)
    assert "p:" + persist.BOOK not in saved

    again = app(browser_id, monkeypatch).run()  # the same browser reloads
    assert not again.exception
    assert again.slider(key="hidden_units").value == 17
    assert again.radio(key="hidden_cell").value == "GRU"
    restored = state.session_of(again.session_state).runs
    assert len(restored) == 1 and same(restored[0], run)
    assert np.array_equal(state.session_of(again.session_state).series.values, state.session_of(at.session_state).series.values)
    assert not again.toast  # Streamlit's toast is an alertdialog without a name (axe)
    assert restored_notice(again) == ["Your session was restored: the same series, settings and runs."]

    other = app("x" * 32, monkeypatch).run()  # another browser: nothing of the first one
    assert state.session_of(other.session_state).runs == [] and other.slider(key="hidden_units").value == 2


def test_unchanged_runs_do_not_write_again(sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch)
    digest = persist.save_info(at.session_state)["digest"]
    tab = persist.save_info(at.session_state)["tab"]
    sqlite_store.delete(f"session:{browser_id}:{tab}")
    at.run()  # nothing changed: no write (the digest matches)
    assert persist.saved_bytes(sqlite_store, browser_id) == (None, None)
    at.slider(key="hidden_units").set_value(5).run()
    assert persist.saved_bytes(sqlite_store, browser_id)[0] == tab
    assert persist.save_info(at.session_state)["digest"] != digest


@pytest.mark.parametrize("garbage", [b"not a saved session", b"PK\x03\x04broken zip"])
def test_a_corrupt_saved_state_is_dropped_with_a_notice(sqlite_store, monkeypatch, garbage):
    browser_id = "c" * 32
    persist.put_saved(sqlite_store, browser_id, "g" * 24, garbage)
    at = app(browser_id, monkeypatch).run()
    assert not at.exception
    assert any("could not be read" in i.value for i in at.sidebar.info)
    assert state.session_of(at.session_state).runs == []
    assert sqlite_store.get(f"session:{browser_id}:{'g' * 24}") is None
    assert persist.saved_bytes(sqlite_store, browser_id)[1] != garbage  # dropped (and the fresh session saved in its place)


def test_an_oversized_saved_state_is_dropped_and_an_oversized_session_not_saved(
        sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch, runs=[fake_run(i) for i in range(3)])
    size = len(persist.saved_bytes(sqlite_store, browser_id)[1])
    monkeypatch.setenv("RNNLAB_SESSION_MAX_MB", str(size / 2 / 2**20))  # now half of it fits
    again = app(browser_id, monkeypatch).run()
    assert any("over the size limit" in i.value for i in again.sidebar.info)
    assert state.session_of(again.session_state).runs == []
    state.session_of(again.session_state).runs = [fake_run(i) for i in range(3)]
    again.slider(key="hidden_units").set_value(9).run()
    warnings = [w.value for w in again.sidebar.warning]
    assert len(warnings) == 1 and "Latest changes not saved" in warnings[0]
    # the sizes the reader's way, in kB when under a tenth of a megabyte (was "the limit is 0 MB")
    assert f"the limit is {round(int(size / 2) / 1048.576)} kB" in warnings[0] and "0 MB" not in warnings[0]
    assert not again.exception


def test_a_store_that_is_down_means_not_saved_and_the_app_keeps_working(monkeypatch):
    monkeypatch.setenv("RNNLAB_STORE", f"redis://127.0.0.1:{free_port()}/0")  # nobody listens
    persist.reset_store_for_tests()
    try:
        at = app("d" * 32, monkeypatch).run()
        assert not at.exception
        at.slider(key="hidden_units").set_value(3).run()
        assert not at.exception and at.slider(key="hidden_units").value == 3
        assert [w.value for w in at.sidebar.warning] == [
            "Not saved: the session store does not answer. The app keeps working, but "
            "reloading the page will start afresh."]
        assert "runs:" in " ".join(m.value for m in at.markdown)
    finally:
        persist.reset_store_for_tests()


def test_forget_my_session_deletes_the_saved_work_and_starts_afresh(sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch, runs=[fake_run()])
    at.button(key="persist_forget").click().run()
    assert not at.exception
    assert persist.saved_bytes(sqlite_store, browser_id)[1] is not None  # it asks first
    assert "cannot be undone" in " ".join(m.value for m in at.sidebar.markdown)
    at.button(key="persist_forget_yes").click().run()
    assert not at.exception
    assert persist.saved_bytes(sqlite_store, browser_id) == (None, None)
    assert state.session_of(at.session_state).runs == [] and at.slider(key="hidden_units").value == 2
    assert persist.browser_id(at.session_state) != browser_id
    assert at.session_state["_lang"] == "en"
    again = app(browser_id, monkeypatch).run()  # the old id brings nothing back
    assert state.session_of(again.session_state).runs == []


def restored_notice(at) -> list[str]:
    """The text of the "session restored" live region (role=status), if the run drew it."""
    import re

    return [re.sub(r"<[^>]+>", "", m.value.split("</style>")[-1]).strip() for m in at.main.markdown
            if 'data-testid="rnnlab-restored"' in m.value]


def test_forget_asks_first_and_cancel_keeps_everything(sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch, runs=[fake_run()])
    at.button(key="persist_forget").click().run()
    assert [b.key for b in at.sidebar.button if b.key.startswith("persist_forget")] == [
        "persist_forget_yes", "persist_forget_no"]
    at.button(key="persist_forget_no").click().run()
    assert not at.exception
    assert len(state.session_of(at.session_state).runs) == 1
    assert persist.browser_id(at.session_state) == browser_id
    assert persist.saved_bytes(sqlite_store, browser_id)[1] is not None
    assert [b.key for b in at.sidebar.button if b.key.startswith("persist_forget")] == ["persist_forget"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_forgetting_keeps_a_teacher_s_live_room(sqlite_store, monkeypatch, lang):
    room = {"role": "teacher", "code": "ABCDEF", "token": "t" * 20, "expires": 1e12,
            "page": None, "sent": None}
    at, browser_id = first_visit(monkeypatch, runs=[fake_run()], **{schema.LIVE_ROOM: room})
    at.session_state["_lang"] = lang
    at.button(key="persist_forget").click().run()
    said = " ".join(c.value for c in at.sidebar.caption)
    assert ("Your live lesson stays open" if lang == "en" else "Tu clase en directo sigue abierta") in said
    at.button(key="persist_forget_yes").click().run()
    assert not at.exception
    assert state.session_of(at.session_state).runs == []  # the work is forgotten
    assert at.session_state[schema.LIVE_ROOM] == room  # the room is not: the teacher keeps it
    new_id = persist.browser_id(at.session_state)
    at.slider(key="hidden_units").set_value(9).run()
    again = app(new_id, monkeypatch).run()  # and a reload under the new id still holds the room
    assert again.session_state[schema.LIVE_ROOM]["code"] == "ABCDEF"


def test_spanish_texts(sqlite_store, monkeypatch):
    at = app(None, monkeypatch)
    at.session_state["_lang"] = "es"
    at.run()
    assert at.button(key="persist_forget").label == "Olvidar mi sesión"


def test_the_hidden_states_page_comes_back_with_its_trained_network(app_test):
    """The real page's state (trained network, its result, the step): saved, loaded into a new
    session, the page shows the same numbers without training again."""
    at = app_test("views/hidden_states.py", hidden_cell="GRU", hidden_epochs=10,
                  _sync_training=True).run()  # "Train with BPTT" in the script thread
    at.button(key="hidden_train").click().run()
    assert not at.exception
    state = {k: at.session_state[k] for k in ("hidden_nets", "hidden_cell", "hidden_units",
                                              "hidden_epochs", "hidden_show_trained", "session")}
    data, skipped = codec.dumps(state, modules=persist.MODULES)
    assert skipped == []
    back, _ = codec.loads(data, modules=persist.MODULES)
    again = app_test("views/hidden_states.py", **back).run()
    assert not again.exception
    nets = again.session_state["hidden_nets"]
    assert nets["key"] == at.session_state["hidden_nets"]["key"]  # not rebuilt: same network
    assert nets["result"].history == at.session_state["hidden_nets"]["result"].history
    assert again.session_state["hidden_view"]["mse"] == at.session_state["hidden_view"]["mse"]
    assert again.success[0].value == at.success[0].value  # "Trained in ... loss from ... to ..."


def saved_entries_of(at) -> dict:
    """What ui/persistence/persist.py would save of an AppTest's session (its widgets read from Streamlit's
    widget registry, through ui/session/streamlit_internals.py)."""
    from ui.session import streamlit_internals

    kinds = streamlit_internals.widget_value_types(at.session_state)
    return persist.entries_to_save(at.session_state, kinds, {})


def test_each_tab_has_its_own_state_a_reload_gets_its_own_and_a_new_tab_the_newest(sqlite_store):
    browser_id = "b" * 32
    tabs = [f"{i}" * 24 for i in range(8)]
    for stamp, tab in enumerate(tabs[:3]):
        persist.put_saved(sqlite_store, browser_id, tab, tab.encode(), stamp=float(stamp))
    assert persist.saved_bytes(sqlite_store, browser_id, tabs[0]) == (tabs[0], tabs[0].encode())
    assert persist.saved_bytes(sqlite_store, browser_id, None) == (tabs[2], tabs[2].encode())
    assert persist.saved_bytes(sqlite_store, browser_id, "z" * 24) == (tabs[2], tabs[2].encode())
    for stamp, tab in enumerate(tabs[3:], start=3):
        persist.put_saved(sqlite_store, browser_id, tab, tab.encode(), stamp=float(stamp))
    persist._prune(sqlite_store, browser_id)  # a browser keeps its newest MAX_TABS states
    kept = [tab for tab in tabs if sqlite_store.get(f"session:{browser_id}:{tab}") is not None]
    assert kept == tabs[-persist.MAX_TABS:]
    persist._forget_browser(sqlite_store, browser_id)
    assert persist.saved_bytes(sqlite_store, browser_id) == (None, None)


def test_a_state_saved_before_tabs_is_still_restored(sqlite_store, monkeypatch):
    browser_id = "o" * 32
    data, _ = codec.dumps({"p:session": state.Session(runs=[fake_run(5)])}, modules=persist.MODULES)
    sqlite_store.put(f"session:{browser_id}", data, ttl=60)  # the one key of a browser, before
    again = app(browser_id, monkeypatch).run()
    assert not again.exception
    assert len(state.session_of(again.session_state).runs) == 1


def test_two_tabs_of_one_browser_do_not_overwrite_each_other(sqlite_store, monkeypatch):
    """AppTest's side of tests/browser/test_persist_tabs.py: tab 1 changes a setting, tab 2
    saves later with its own; tab 1's reload (its tab id back from the cookie) gets its own."""
    one, browser_id = first_visit(monkeypatch, runs=[fake_run()])
    tab_one = persist.save_info(one.session_state)["tab"]
    two = app(browser_id, monkeypatch).run()  # tab 2 opens: the newest state (tab 1's)
    two.slider(key="hidden_units").set_value(40).run()
    two.button(key="persist_forget").click().run()  # (asks only: nothing forgotten)
    state.session_of(two.session_state).runs.clear()
    two.slider(key="hidden_units").set_value(41).run()  # tab 2 saves: no runs, 41 units
    newest = app(browser_id, monkeypatch).run()  # a new tab: the newest state (tab 2's)
    assert newest.slider(key="hidden_units").value == 41
    monkeypatch.setattr(persist.browser, "cookie_tab", lambda: tab_one)
    reloaded = app(browser_id, monkeypatch).run()  # F5 in tab 1: its own state, not tab 2's
    assert reloaded.slider(key="hidden_units").value == 17
    assert len(state.session_of(reloaded.session_state).runs) == 1


def test_a_reload_whose_tab_cookie_did_not_come_gets_its_own_state_whole(sqlite_store, monkeypatch):
    """The reload's tab cookie did not reach the server: the first run restores the newest state
    (another tab's), then the tab's id comes from its sessionStorage and its own state replaces
    that one whole. What only the other tab had (there: its upload) must not stay behind: CI
    once saw tab 1's uploaded file in tab 2's sidebar after tab 2's reload."""
    one, browser_id = first_visit(monkeypatch, runs=[fake_run()])
    tab_one = persist.save_info(one.session_state)["tab"]
    two = app(browser_id, monkeypatch).run()  # tab 2 opens with tab 1's state
    two.session_state["hidden_t"] = 7  # what only tab 2 has
    two.slider(key="hidden_units").set_value(40).run()  # tab 2 saves last: the newest

    reloaded = app(browser_id, monkeypatch).run()  # F5 in tab 1, its tab cookie lost
    assert reloaded.session_state["hidden_t"] == 7  # the newest state: tab 2's
    reloaded.session_state["probe_tab"] = tab_one  # then its sessionStorage tells its tab
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.slider(key="hidden_units").value == 17
    assert "hidden_t" not in reloaded.session_state
    assert persist.save_info(reloaded.session_state)["tab"] == tab_one


def test_a_taken_over_training_is_said_while_it_runs_then_that_it_finished(monkeypatch):
    # Said for one run only, "still running" was gone at the run the training's end brought,
    # before anyone (or the browser test) could read it.
    from ui.jobs import training_job

    running = [True]
    monkeypatch.setattr(training_job, "is_running", lambda: running[0])
    book = {"job_notice": "persist.job_running"}
    said = [persist._job_notice(book), persist._job_notice(book)]
    running[0] = False
    said += [persist._job_notice(book), persist._job_notice(book)]
    assert said == ["persist.job_running", "persist.job_running", "persist.job_done", None]
    # it ended while the page was being restored: "finished during the reload", once
    book = {"job_notice": "persist.job_running"}
    assert [persist._job_notice(book), persist._job_notice(book)] == ["persist.job_finished", None]
    book = {"job_notice": "persist.job_finished"}
    assert [persist._job_notice(book), persist._job_notice(book)] == ["persist.job_finished", None]
