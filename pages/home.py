"""Landing page: what rnnlab teaches, and a link to each page."""

import streamlit as st

from ui.i18n import tr
from ui.shell import ensure_navigation

ensure_navigation()  # before anything is drawn: see ui/shell.py

st.title(tr("home.title"))
st.markdown(tr("home.intro"))
st.subheader(tr("home.path"))
for path, nav_key, text_key, icon in [
    ("pages/data.py", "nav.data", "home.data", ":material/show_chart:"),
    ("pages/hidden_states.py", "nav.hidden", "home.hidden", ":material/memory:"),
    ("pages/train.py", "nav.train", "home.train", ":material/model_training:"),
    ("pages/compare.py", "nav.compare", "home.compare", ":material/compare_arrows:"),
    ("pages/concepts.py", "nav.concepts", "home.concepts", ":material/school:"),
]:
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.page_link(path, label=tr(nav_key), icon=icon)
    right.markdown(tr(text_key))
