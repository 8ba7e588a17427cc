"""Placeholder until its issue lands: says honestly that the page is coming."""

import streamlit as st

from ui.i18n import tr

st.title(tr("coming.title"))
st.info(tr("coming.body"))
