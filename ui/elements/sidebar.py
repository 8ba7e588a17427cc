"""The sidebar on every page: the language switch and the current series at a glance."""

from __future__ import annotations

import streamlit as st

from rnnlab.i18n import LANG_NAMES, LANGS
from rnnlab.plots import alt
from rnnlab.plots.downsample import minmax_indices
from rnnlab.plots.style import sparkline
from ui.elements.charts import memo, send_as_made_once
from ui.i18n import LANG_KEY, lang, tr
from ui.session import state
from ui.text import md_escape

SPARK_POINTS = 400  # a sparkline needs no more; keeps every page light with a long series


def _on_lang_change() -> None:
    st.session_state[LANG_KEY] = st.session_state["lang_switch"]


def render() -> None:
    with st.sidebar:
        current = lang()
        st.radio(
            tr("app.language"), LANGS, index=LANGS.index(current), key="lang_switch",
            format_func=LANG_NAMES.get, horizontal=True, on_change=_on_lang_change,
        )
        values = state.working_values()
        # The name may come from an uploaded file: text, never Markdown (no remote images).
        st.markdown(f"**{tr('sidebar.series')}:** {md_escape(state.series_name(current))}")
        total = len(state.get_series())
        if len(values) != total:  # the Data page picked a part (or a step) of a long series
            st.caption(tr("sidebar.used", n=len(values), total=total))
        name = state.series_name(current)

        def build():
            shown = values[minmax_indices(values, SPARK_POINTS)]  # peaks kept, few points sent
            return sparkline(shown, lang=current), alt.sparkline(values, name, current)

        # Built again only when the series, its name or the language change (every page draws it).
        fig, text = memo("sidebar_spark", (values, name, current), build)
        send_as_made_once(fig)
        st.plotly_chart(fig, key="sidebar_spark", config={"staticPlot": True}, width="stretch", alt=text)
