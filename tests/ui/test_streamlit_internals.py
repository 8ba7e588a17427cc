"""ui/session/streamlit_internals.py: the private Streamlit API the app relies on still holds.

Fails loudly on a Streamlit other than the one these uses were checked against: upgrade
Streamlit, re-check every use in ui/session/streamlit_internals.py, then move CHECKED_WITH.
"""

from __future__ import annotations

import logging

import streamlit
from streamlit.testing.v1 import AppTest

from ui.persistence import persist
from ui.session import streamlit_internals


def test_the_installed_streamlit_is_the_one_the_internals_were_checked_with():
    assert streamlit.__version__ == streamlit_internals.CHECKED_WITH, (
        f"Streamlit {streamlit.__version__} is installed; ui/session/streamlit_internals.py was checked "
        f"with {streamlit_internals.CHECKED_WITH}: re-check each use there, then update CHECKED_WITH")


def test_every_private_use_still_holds():
    assert streamlit_internals.check() == []


def test_widget_value_types_read_a_real_session():
    at = AppTest.from_string(
        'import streamlit as st\nst.slider("a", 0, 5, key="k")\nst.button("b", key="go")\n'
        'st.file_uploader("f", key="up")', default_timeout=30).run()
    kinds = streamlit_internals.widget_value_types(at.session_state)
    assert kinds == {"k": "double_array_value", "go": "trigger_value", "up": "file_uploader_state_value"}
    assert streamlit_internals.broken() == {}


SCRIPT = """
import streamlit as st
from ui.persistence import persist
from ui.session import state

persist.begin()
state.ensure_defaults()
st.slider("units", 2, 64, key="hidden_units")
persist.sidebar_controls()
with persist.saving():
    st.write("page")
"""


def test_a_use_that_no_longer_holds_is_logged_once_and_told_in_both_languages(monkeypatch, caplog):
    def moved(ss=None):
        raise streamlit_internals.InternalsChanged("SessionState._key_id_mapper is gone")

    monkeypatch.setattr(streamlit_internals, "_session_state_of", moved)
    monkeypatch.setattr(persist, "_cookie_id", lambda: None)
    streamlit_internals.reset_for_tests()
    try:
        with caplog.at_level(logging.ERROR, logger="rnnlab"):
            for lang, words in (("en", "page settings are no longer saved"),
                                ("es", "ya no se guardan los ajustes de las páginas")):
                at = AppTest.from_string(SCRIPT, default_timeout=30)
                at.session_state["_lang"] = lang
                at.run()
                at.slider(key="hidden_units").set_value(9).run()
                assert not at.exception
                assert any(words in w.value for w in at.sidebar.warning), [w.value for w in at.sidebar.warning]
        logged = [r for r in caplog.records if "widget_value_types no longer works" in r.getMessage()]
        assert len(logged) == 1 and "checked with 1.67.0" in logged[0].getMessage()
    finally:
        streamlit_internals.reset_for_tests()


def test_no_module_but_the_internals_one_reaches_into_streamlit_s_privates():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    private = re.compile(r"_session_mgr|_session_storage|_key_id_mapper|_new_widget_state|"
                         r"_clean_problem_modules|fragment_ids_this_run|scriptrunner_utils")
    offenders = [str(path.relative_to(root)) for folder in ("ui", "views")
                 for path in (root / folder).rglob("*.py")
                 if path.name != "streamlit_internals.py" and private.search(path.read_text())]
    offenders += ["app.py"] if private.search((root / "app.py").read_text()) else []
    assert offenders == []
