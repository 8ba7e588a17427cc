"""ui/persist.py under AppTest: what a session saves, what comes back, and every failure path.

The browser's cookie is simulated by patching ``persist._cookie_id`` (AppTest has no browser);
the real cookie and localStorage are exercised by tests/browser/test_persist.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rnnlab import session_codec as codec
from rnnlab.store import open_store
from testkit import fake_run
from tests.redis_server import free_port, redis_server
from tests.rnnlab.test_session_codec import same
from ui import persist

SCRIPT = """
import pandas as pd
import streamlit as st
from ui import persist, state

persist.begin()
state.ensure_defaults()
st.slider("units", 1, 64, key="probe_units")
st.radio("cell", ["LSTM", "GRU"], key="probe_cell")
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
    data = store.get(f"session:{browser_id}")
    assert data is not None
    return codec.loads(data, modules=persist.MODULES)[0]


def first_visit(monkeypatch, **state):
    at = app(None, monkeypatch)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.slider(key="probe_units").set_value(17).run()  # a second run: now it is saved
    at.radio(key="probe_cell").set_value("GRU").run()
    assert not at.exception
    return at, at.session_state[persist.BOOK]["id"]


def test_a_session_is_saved_and_a_reload_restores_it(store_url, monkeypatch):
    run = fake_run(3)
    at, browser_id = first_visit(monkeypatch, runs=[run])
    saved = saved_state(open_store(store_url), browser_id)
    assert saved["w:probe_units"] == 17 and saved["w:probe_cell"] == "GRU"
    assert same(saved["p:session"].runs[0], run)
    assert {"w:probe_button", "w:probe_upload", "w:probe_editor", "p:probe_button"}.isdisjoint(saved)
    assert "p:" + persist.BOOK not in saved

    again = app(browser_id, monkeypatch).run()  # the same browser reloads
    assert not again.exception
    assert again.slider(key="probe_units").value == 17
    assert again.radio(key="probe_cell").value == "GRU"
    restored = again.session_state["session"].runs
    assert len(restored) == 1 and same(restored[0], run)
    assert np.array_equal(again.session_state["session"].series.values, at.session_state["session"].series.values)
    assert [t.value for t in again.toast] == ["Your session was restored: the same series, settings and runs."]

    other = app("x" * 32, monkeypatch).run()  # another browser: nothing of the first one
    assert other.session_state["session"].runs == [] and other.slider(key="probe_units").value == 1


def test_unchanged_runs_do_not_write_again(sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch)
    digest = at.session_state[persist.BOOK]["digest"]
    sqlite_store.delete(f"session:{browser_id}")
    at.run()  # nothing changed: no write (the digest matches)
    assert sqlite_store.get(f"session:{browser_id}") is None
    at.slider(key="probe_units").set_value(5).run()
    assert sqlite_store.get(f"session:{browser_id}") is not None
    assert at.session_state[persist.BOOK]["digest"] != digest


@pytest.mark.parametrize("garbage", [b"not a saved session", b"PK\x03\x04broken zip"])
def test_a_corrupt_saved_state_is_dropped_with_a_notice(sqlite_store, monkeypatch, garbage):
    browser_id = "c" * 32
    sqlite_store.put(f"session:{browser_id}", garbage, ttl=60)
    at = app(browser_id, monkeypatch).run()
    assert not at.exception
    assert any("could not be read" in i.value for i in at.sidebar.info)
    assert at.session_state["session"].runs == []
    stored = sqlite_store.get(f"session:{browser_id}")
    assert stored != garbage  # dropped (and the fresh session saved in its place)


def test_an_oversized_saved_state_is_dropped_and_an_oversized_session_not_saved(
        sqlite_store, monkeypatch):
    at, browser_id = first_visit(monkeypatch, runs=[fake_run(i) for i in range(3)])
    size = len(sqlite_store.get(f"session:{browser_id}"))
    monkeypatch.setenv("RNNLAB_SESSION_MAX_MB", str(size / 2 / 2**20))  # now half of it fits
    again = app(browser_id, monkeypatch).run()
    assert any("over the size limit" in i.value for i in again.sidebar.info)
    assert again.session_state["session"].runs == []
    again.session_state["session"].runs = [fake_run(i) for i in range(3)]
    again.slider(key="probe_units").set_value(9).run()
    warnings = [w.value for w in again.sidebar.warning]
    assert len(warnings) == 1 and "Latest changes not saved" in warnings[0] and " MB" in warnings[0]
    assert not again.exception


def test_a_store_that_is_down_means_not_saved_and_the_app_keeps_working(monkeypatch):
    monkeypatch.setenv("RNNLAB_STORE", f"redis://127.0.0.1:{free_port()}/0")  # nobody listens
    persist.reset_store_for_tests()
    try:
        at = app("d" * 32, monkeypatch).run()
        assert not at.exception
        at.slider(key="probe_units").set_value(3).run()
        assert not at.exception and at.slider(key="probe_units").value == 3
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
    assert sqlite_store.get(f"session:{browser_id}") is None
    assert at.session_state["session"].runs == [] and at.slider(key="probe_units").value == 1
    assert at.session_state[persist.BOOK]["id"] != browser_id
    assert at.session_state["_lang"] == "en"
    again = app(browser_id, monkeypatch).run()  # the old id brings nothing back
    assert again.session_state["session"].runs == []


def test_spanish_texts(sqlite_store, monkeypatch):
    at = app(None, monkeypatch)
    at.session_state["_lang"] = "es"
    at.run()
    assert at.button(key="persist_forget").label == "Olvidar mi sesión"


def test_the_hidden_states_page_comes_back_with_its_trained_network(app_test):
    """The real page's state (trained network, its result, the step): saved, loaded into a new
    session, the page shows the same numbers without training again."""
    at = app_test("views/hidden_states.py", hidden_cell="GRU", hidden_epochs=10).run()
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
