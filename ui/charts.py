"""Every chart of the app goes through ``chart()``: one look, a text alternative, a data view.

The text alternative (``alt``) is what a screen reader says instead of the picture; the data
view is a small table (or, for big charts, only the CSV) of exactly what the figure draws.
Both come from rnnlab.alt, which reads the figure itself.
"""

from __future__ import annotations

import streamlit as st

from rnnlab import alt as alt_text
from rnnlab.plots.style import PLOTLY_CONFIG
from ui.i18n import lang, tr

MAX_TABLE_ROWS = 120  # more rows: the CSV only (a long table would bury the page on a phone)


def chart(fig, key: str, alt: str | None = None, extra: str | None = None, *, data: bool | str = True,
          title: str | None = None, slot=None, config: dict | None = None) -> None:
    """Draw ``fig`` full width with rnnlab's fonts; ``alt`` defaults to rnnlab.alt.describe.

    ``extra``: a sentence added to the generated text (what the numbers alone do not say).
    ``slot``: an ``st.empty()`` to draw into (live charts); the data view is then left out,
    because a placeholder holds one element. ``data="csv"``: the CSV button only (a chart that is
    already inside an expander: Streamlit does not nest them).
    """
    language = lang()
    text = alt or alt_text.describe(fig, language, extra)
    target = slot if slot is not None else st
    # theme=None: keep rnnlab's projector-sized fonts instead of Streamlit's smaller ones.
    target.plotly_chart(fig, key=key, width="stretch", theme=None,
                        config={**PLOTLY_CONFIG, **(config or {})}, alt=text)
    if data == "csv" and slot is None:
        table = alt_text.data_table(fig, language)
        _csv_button(table, key)
    elif data and slot is None:
        data_view(fig, key, title)


def data_view(fig, key: str, title: str | None = None) -> None:
    language = lang()
    title = title if title is not None else alt_text.chart_title(fig)
    table = alt_text.data_table(fig, language)
    label = tr("chart.data", title=title) if title else tr("chart.data_untitled")
    with st.expander(label, icon=":material/table:"), st.container(key=f"{key}_data"):
        if len(table) <= MAX_TABLE_ROWS:
            st.dataframe(alt_text.display_table(table, language), hide_index=True, width="stretch",
                         height=min(36 * (len(table) + 1) + 3, 300))
        else:
            st.caption(tr("chart.rows", n=len(table)))
        _csv_button(table, key)


def _csv_button(table, key: str) -> None:
    st.download_button(tr("chart.csv"), lambda: alt_text.table_csv(table), mime="text/csv",
                       file_name=f"{key}.csv", key=f"{key}_csv", on_click="ignore",
                       icon=":material/download:")
