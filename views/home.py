"""Landing page: a live picture of what rnnlab shows, a clear "start here", then the path."""

import streamlit as st

from rnnlab.data.windows import split_points
from rnnlab.plots.data import split_figure
from ui.classroom import lesson_player
from ui.elements import nav
from ui.elements.charts import chart, memo
from ui.elements.links import page_link
from ui.i18n import lang, tr
from ui.session import state

st.title(tr("home.title"))
text_col, picture_col = st.columns([2, 3], gap="large")
with text_col:
    st.markdown(tr("home.intro"))
    with st.container(key="home_start"):  # styled as the one big call to action (ui/elements/a11y.py)
        page_link(nav.DATA.path, tr("home.start"), icon=":material/arrow_forward:")
    lesson_player.home_button()  # or the guided lesson: the notebook's story, scene by scene
    st.caption(tr("home.start_help", last=len(nav.PATH)))  # the numbered path's length
with picture_col:
    # The picture is the app itself: the current series, its split and the first window that
    # the networks learn from (the Data page's chart, drawn live).
    values, split = state.working_values(), state.get_split()
    train_end, val_end = split_points(len(values), split.val_fraction, split.test_fraction)
    lookback = split.lookback if split.lookback < len(values) else None
    def build():
        fig = split_figure(values, None, train_end, val_end, window=0 if lookback else None,
                           lookback=lookback or 1, lang=lang(), height=380)
        return fig.update_layout(title=dict(text=tr("home.figure_title")))

    fig = memo("home_figure", (values, train_end, val_end, lookback, lang()), build)
    chart(fig, "home_figure", extra=tr("home.figure_alt", lookback=lookback or 0))

st.subheader(tr("home.path"))
for number, target in enumerate(nav.PATH, start=1):  # app.py's order
    left, right = st.columns([1, 3], vertical_alignment="center")
    with left:
        page_link(target.path, f"{number}. {tr(target.title)}", icon=target.icon)
    right.markdown(tr(target.blurb))
