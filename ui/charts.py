"""Every chart of the app goes through ``chart()``: one look, a text alternative, a data view.

The text alternative (``alt``) is what a screen reader says instead of the picture; the data
view is a small table (or, for big charts, only the CSV) of exactly what the figure draws.
Both come from rnnlab.alt, which reads the figure itself.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from rnnlab import alt as alt_text
from rnnlab.plots.style import PLOTLY_CONFIG
from ui.i18n import lang, tr

MAX_TABLE_ROWS = 120  # more rows: the CSV only (a long table would bury the page on a phone)
MEMO = "_figures"  # {name: (key, figure)}: this session's last figure of each name
DESCRIBED = "_chart_text"  # {chart key: (figure, language, extra, alt text, data table)}


def _same(a, b) -> bool:
    """Is memo key ``a`` the same as ``b``? Arrays by value, objects (runs...) by identity."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and (a is b or np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if a is None or isinstance(a, (str, int, float, bool, np.generic)):
        return type(a) is type(b) and a == b
    return a is b


def memo(name: str, key, build: Callable[[], object]):
    """``build()``'s figure, built again only when ``key`` changes: a page switch or a widget
    elsewhere on the page reruns the whole script, and building a Plotly figure (validation)
    was most of a rerun's cost on a shared server. Per session (the figure draws this user's
    data), one figure per name, so the memory it holds is bounded. ``key`` holds everything
    the figure depends on, the language included; arrays compare by value, other objects
    (runs) by identity. Never mutate a memoised figure after it is returned.
    """
    figures = st.session_state.setdefault(MEMO, {})
    hit = figures.get(name)
    if hit is not None and _same(hit[0], key):
        return hit[1]
    fig = build()
    figures[name] = (key, fig)
    return fig


def chart(fig, key: str, alt: str | None = None, extra: str | None = None, *, data: bool | str = True,
          title: str | None = None, slot=None, config: dict | None = None) -> None:
    """Draw ``fig`` full width with rnnlab's fonts; ``alt`` defaults to rnnlab.alt.describe.

    ``extra``: a sentence added to the generated text (what the numbers alone do not say).
    ``slot``: an ``st.empty()`` to draw into (live charts); the data view is then left out,
    because a placeholder holds one element. ``data="csv"``: the CSV button only (a chart that is
    already inside an expander: Streamlit does not nest them).
    """
    language = lang()
    if alt:
        text = alt
    elif slot is not None:  # a live chart, redrawn under new keys: nothing to keep
        text = alt_text.describe(fig, language, extra)
    else:
        text = _described(fig, key, language, extra, "text")
    target = slot if slot is not None else st
    # theme=None: keep rnnlab's projector-sized fonts instead of Streamlit's smaller ones.
    target.plotly_chart(fig, key=key, width="stretch", theme=None,
                        config={**PLOTLY_CONFIG, **(config or {})}, alt=text)
    if data == "csv" and slot is None:
        table = _described(fig, key, language, extra, "table")
        _csv_button(table, key)
    elif data and slot is None:
        data_view(fig, key, title, extra)


def _described(fig, key: str, language: str, extra: str | None, what: str):
    """The alt text (``what="text"``), data table (``"table"``, ``"display"``) of ``fig``, kept while the
    same figure object is drawn again (a memoised one): reading a figure back into words and
    a table costs about as much as drawing it."""
    described = st.session_state.setdefault(DESCRIBED, {})
    entry = described.get(key)
    if entry is None or entry["fig"] is not fig or entry["lang"] != language or entry["extra"] != extra:
        entry = described[key] = {"fig": fig, "lang": language, "extra": extra}
    if what not in entry:
        if what == "text":
            entry[what] = alt_text.describe(fig, language, extra)
        elif what == "table":
            entry[what] = alt_text.data_table(fig, language)
        else:  # "display": the table written the language's way
            entry[what] = alt_text.display_table(_described(fig, key, language, extra, "table"), language)
    return entry[what]


def data_view(fig, key: str, title: str | None = None, extra: str | None = None) -> None:
    language = lang()
    title = title if title is not None else alt_text.chart_title(fig)
    table = _described(fig, key, language, extra, "table")
    label = tr("chart.data", title=title) if title else tr("chart.data_untitled")
    with st.expander(label, icon=":material/table:"), st.container(key=f"{key}_data"):
        if len(table) <= MAX_TABLE_ROWS:
            st.dataframe(_described(fig, key, language, extra, "display"), hide_index=True, width="stretch",
                         height=min(36 * (len(table) + 1) + 3, 300))
        else:
            st.caption(tr("chart.rows", n=len(table)))
        _csv_button(table, key)


def _csv_button(table, key: str) -> None:
    st.download_button(tr("chart.csv"), lambda: alt_text.table_csv(table), mime="text/csv",
                       file_name=f"{key}.csv", key=f"{key}_csv", on_click="ignore",
                       icon=":material/download:")
