"""rnnlab: entry point. Page config, navigation, language and the shared sidebar."""

import streamlit as st

from ui import lesson, sessions, sidebar, state
from ui.i18n import tr
from ui.shell import keep_keras_state_between_reruns

st.set_page_config(page_title="rnnlab", page_icon="🔁", layout="wide")
keep_keras_state_between_reruns()  # see ui/shell.py: background trainings must not starve
state.ensure_defaults()
sessions.track()  # a closed tab stops its training and, later, frees its memory (ui/sessions.py)
lesson.apply_link()  # a lesson link opens the same series, split and teacher mode

PAGES = [
    ("pages/home.py", "nav.home", ":material/home:", "home"),
    ("pages/data.py", "nav.data", ":material/show_chart:", "data"),
    ("pages/hidden_states.py", "nav.hidden", ":material/memory:", "hidden_states"),
    ("pages/train.py", "nav.train", ":material/model_training:", "train"),
    ("pages/compare.py", "nav.compare", ":material/compare_arrows:", "compare"),
    ("pages/concepts.py", "nav.concepts", ":material/school:", "concepts"),
]

navigation = st.navigation(
    [
        st.Page(path, title=tr(key), icon=icon, url_path=url, default=(url == "home"))
        for path, key, icon, url in PAGES
    ]
)
sidebar.render()
lesson.share_panel(navigation.url_path)
lesson.seed_page(navigation.url_path)
lesson.decorate_page()
navigation.run()
