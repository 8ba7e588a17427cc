"""The saved state is a declared schema (ui/persistence/saved_state.py), and a damaged one never reaches a
page: each hostile state below is written into the store as a saved session, the same browser
comes back, and the app runs the sidebar (its series figure) and reads the runs the way Train
and Compare do, without an exception; the state is dropped with the translated notice.
"""

from __future__ import annotations

import dataclasses
import io
import json
import time
import zipfile

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rnnlab.classroom import session_codec as codec
from rnnlab.classroom import session_schema as sch
from rnnlab.data import Series, noisy_sine
from rnnlab.store import open_store
from testkit import fake_run
from ui.persistence import persist, saved_state
from ui.session import state
from ui.session.state import Session, SplitSettings

SCRIPT = """
import streamlit as st
from ui.persistence import persist
from ui.elements import sidebar
from ui.session import state

persist.begin()
state.ensure_defaults()
sidebar.render()
st.slider("units", 2, 64, key="hidden_units")
persist.sidebar_controls()
with persist.saving():
    runs = state.runs()
    # what Train and Compare read of every run
    st.write("runs:", len(runs), [(r.config.cell, r.history.get("loss", [])[-1:], r.metrics["test"])
                                  for r in runs])
    values = state.working_values()
    st.write("mean:", float(values.mean()), "split:", state.get_split().val_fraction)
"""

BROWSER = "h" * 32
TAB = "t" * 24


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("RNNLAB_STORE", url)
    persist.reset_store_for_tests()
    monkeypatch.setattr(persist, "_cookie_id", lambda: BROWSER)
    yield open_store(url)
    persist.reset_store_for_tests()


def reload(lang="en") -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    at.session_state["_lang"] = lang
    return at.run()


def write_state(store, entries: dict) -> None:
    """A saved state as the app writes it (codec, schema version), with hostile values in it."""
    data, skipped = codec.dumps(entries, modules=persist.MODULES, meta={"schema": saved_state.VERSION})
    assert skipped == []
    persist.put_saved(store, BROWSER, TAB, data)


def session_with(**changes) -> Session:
    session = Session()
    session.series = Series(noisy_sine(60), name="sine")
    session.range = (0, 60, 1)
    for name, value in changes.items():
        setattr(session, name, value)
    return session


def assert_dropped(at: AppTest, notice="could not be read") -> None:
    assert not at.exception, at.exception
    assert any(notice in i.value for i in at.sidebar.info), [i.value for i in at.sidebar.info]
    assert not at.error, [e.value for e in at.error]  # no "Something went wrong"
    assert state.session_of(at.session_state).runs == []  # the fresh session, not the damaged one


HOSTILE = {
    "text in the series": lambda: {"p:session": session_with(
        series=Series(np.array(["1", "2", "x"] * 20), name="sine"))},
    "an empty series": lambda: {"p:session": session_with(series=Series(np.array([], float)))},
    "a negative split fraction": lambda: {"p:session": session_with(
        split=SplitSettings(val_fraction=-0.3))},
    "nan in the series": lambda: {"p:session": session_with(
        series=Series(np.full(60, np.nan), name="sine"))},
    "a run without its history": lambda: {"p:session": session_with(
        runs=[dataclasses.replace(fake_run(), history="oops")])},
    "a run with metrics of text": lambda: {"p:session": session_with(
        runs=[dataclasses.replace(fake_run(), metrics={"test": "bad"})])},
    "a run whose config is not a TrainConfig": lambda: {"p:session": session_with(
        runs=[dataclasses.replace(fake_run(), config={"cell": "LSTM"})])},
    "a widget out of its range": lambda: {"p:session": session_with(), "w:hidden_units": 10**9},
    "a widget of the wrong type": lambda: {"p:session": session_with(), "w:hidden_units": "many"},
    "a session of another type": lambda: {"p:session": [1, 2, 3]},
    "a language that does not exist": lambda: {"p:session": session_with(), "p:_lang": "xx"},
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_damaged_saved_state_is_dropped_before_any_page_uses_it(store, case):
    write_state(store, HOSTILE[case]())
    at = reload()
    assert_dropped(at)
    at.slider(key="hidden_units").set_value(5).run()  # the app goes on, and saves afresh
    assert not at.exception


def test_the_notice_is_spanish_in_spanish(store):
    write_state(store, HOSTILE["an empty series"]())
    at = reload("es")
    assert any("No se pudo leer la sesión guardada" in i.value for i in at.sidebar.info)
    assert not at.exception


def test_ten_million_empty_lists_are_refused_at_once(store):
    """Ten million empty lists (30 MB of JSON, 29 KB deflated) took 44 s and 860 MB to decode."""
    doc = {"format": codec.FORMAT, "meta": {}, "state": {"p:x": [[] for _ in range(10_000_000)]}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(codec.DOCUMENT, json.dumps(doc, separators=(",", ":")))
    data = buffer.getvalue()
    del doc
    started = time.perf_counter()
    with pytest.raises(codec.TooLarge):
        codec.loads(data, max_bytes=32 * 2**20)
    assert time.perf_counter() - started < 1.0
    persist.put_saved(store, BROWSER, TAB, data)
    assert_dropped(reload(), notice="over the size limit")


@pytest.mark.parametrize("count", [300_000, 1_000_000])
def test_a_small_document_with_too_many_values_is_refused_before_parsing(count):
    doc = {"format": codec.FORMAT, "meta": {}, "state": {"p:x": [0] * count}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(codec.DOCUMENT, json.dumps(doc, separators=(",", ":")))
    with pytest.raises(codec.TooLarge, match="too many values"):
        codec.loads(buffer.getvalue(), max_bytes=32 * 2**20)


def test_a_zip_announcing_too_many_files_is_refused_before_reading_them():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(codec.DOCUMENT, json.dumps({"format": codec.FORMAT, "meta": {}, "state": {}}))
        for i in range(codec.MAX_ARRAYS + 1):
            archive.writestr(f"{i}.npy", b"")
    with pytest.raises(codec.TooLarge, match="too many files"):
        codec.loads(buffer.getvalue(), max_bytes=64 * 2**20)


def test_every_page_s_real_state_passes_the_schema(app_test):
    """The schema accepts what the pages really save (else every reload would drop them)."""
    from tests.ui.test_persist import saved_entries_of

    for page, click in [("views/data.py", None), ("views/hidden_states.py", "hidden_train"),
                        ("views/concepts.py", None), ("views/train.py", None),
                        ("views/compare.py", None)]:
        at = app_test(page, timeout=120, runs=[fake_run(1)]).run()
        if click:
            at.button(key=click).click().run()
        assert not at.exception
        entries = saved_entries_of(at)
        back, _ = codec.loads(codec.dumps(entries, modules=persist.MODULES)[0], modules=persist.MODULES)
        assert saved_state.validate(back).keys() == entries.keys(), page
        assert "p:session" in entries and "p:hidden_view" not in entries  # caches never saved
        assert not any(k.startswith("p:_figures") for k in entries)


def test_caches_and_live_objects_are_not_in_the_schema():
    for cache in ("hidden_view", "_figures", "_train_forecasts", "hidden_trained_probe",
                  "_stage_shown_id", "_training_job", "_backtest_job", "_compare_view",
                  persist.BOOK):
        assert not saved_state.is_saved(cache)
    assert saved_state.widget_check("train_start") is None  # a button: no value to keep
    assert saved_state.widget_check("csv_upload") is None
    assert saved_state.widget_check("hidden_units").ok(8)
    assert not saved_state.widget_check("hidden_units").ok(65)


def test_an_older_state_s_undeclared_entries_are_left_out_not_fatal():
    state = {"p:session": session_with(), "p:hidden_view": {"payload": "big"}, "p:_figures": {}}
    assert saved_state.validate(state).keys() == {"p:session"}


def test_invalid_names_the_place():
    with pytest.raises(sch.Invalid, match=r"session\.split\.val_fraction"):
        saved_state.validate({"p:session": session_with(split=SplitSettings(val_fraction=-1.0))})
