"""Every chart of the app goes through ``chart()``: one look, a text alternative, a data view.

The text alternative (``alt``) is what a screen reader says instead of the picture; the data
view is a small table (or, for big charts, only the CSV) of exactly what the figure draws.
Both come from rnnlab.plots.alt, which reads the figure itself.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import streamlit as st
from plotly.basedatatypes import BaseFigure

from rnnlab.declarations import settings
from rnnlab.plots import alt as alt_text
from rnnlab.plots import style
from rnnlab.plots.style import PLOTLY_CONFIG
from ui.i18n import lang, tr

MAX_TABLE_ROWS = 120  # more rows: the CSV only (a long table would bury the page on a phone)
MEMO = "_figures"  # {name: (key, figure)}: this session's last figure of each name
BUILD_WAIT = 30.0  # seconds a session waits for a figure another one is building
MEMOISED = "_rnnlab_memoised"  # a figure's mark: returned by memo(), so never changed again


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

    A key made of values only (numbers, text, small arrays: no run, no object) also finds the
    figure another session built with the same key: forty students on the same Concepts slider
    or the same built-in series share one figure (and its text and data table) instead of
    building forty (bench/bench_classroom.py: the Concepts diagram alone was a quarter of the
    server's time).
    """
    figures = st.session_state.setdefault(MEMO, {})
    hit = figures.get(name)
    if hit is not None and _same(hit[0], key):
        return hit[1]
    fig = shared.get(name, key, build)
    # never changed from now on: sent as made once (send_as_made_once), also the figure of a
    # (figure, text) or (values..., figure) that build() returned
    for made in fig if isinstance(fig, tuple) else (fig,):
        if isinstance(made, BaseFigure):
            made.__dict__[MEMOISED] = True
    figures[name] = (key, fig)
    return fig


class SharedFigures:
    """A small process-wide LRU of figures keyed by value. A hit needs the very same values,
    so a session only ever gets a figure of data it has itself; big data stays per session."""

    def __init__(self, size: int = 48, max_values: int = 100_000):
        self.size, self.max_values = size, max_values
        self._figures: OrderedDict[tuple, object] = OrderedDict()
        self._building: dict[tuple, threading.Event] = {}  # figures one session is building now
        self._lock = threading.Lock()

    def _cached(self, value_key: tuple):
        with self._lock:
            fig = self._figures.get(value_key)
            if fig is not None:
                self._figures.move_to_end(value_key)
            return fig

    def get(self, name: str, key, build: Callable[[], object]):
        budget = [self.max_values]
        value_key = _value_key(key, budget)
        if value_key is None:
            return build()
        value_key = (name, value_key)
        with self._lock:
            fig = self._figures.get(value_key)
            if fig is not None:
                self._figures.move_to_end(value_key)
                return fig
            building = self._building.get(value_key)
            if building is None:
                self._building[value_key] = threading.Event()
        if building is not None:
            # Another session builds this very figure (a class that a lesson's Next moved to the
            # same scene at once): wait for it instead of building it forty times over.
            building.wait(timeout=BUILD_WAIT)
            fig = self._cached(value_key)
            return fig if fig is not None else build()  # that build failed: build our own
        try:
            fig = build()  # outside the lock: other figures go on meanwhile
            with self._lock:
                self._figures[value_key] = fig
                while self._figures and len(self._figures) > self.size:
                    self._figures.popitem(last=False)
        finally:
            with self._lock:
                self._building.pop(value_key).set()
        return fig

    def clear(self) -> None:
        with self._lock:
            self._figures.clear()

    def __len__(self) -> int:
        return len(self._figures)


def _value_key(key, budget: list[int]):
    """A hashable stand-in for ``key`` when it is made of values only, else None."""
    if isinstance(key, (tuple, list)):
        parts = tuple(_value_key(part, budget) for part in key)
        return None if any(part is None for part in parts) else (type(key).__name__, parts)
    if isinstance(key, np.ndarray):
        budget[0] -= key.size
        if budget[0] < 0 or key.dtype.kind not in "biuf":
            return None
        digest = hashlib.blake2b(np.ascontiguousarray(key).tobytes(), digest_size=16).digest()
        return ("array", key.dtype.str, key.shape, digest)
    if key is None or isinstance(key, (str, int, float, bool, np.generic)):
        return (type(key).__name__, key)
    return None


shared = SharedFigures(size=settings.SHARED_FIGURES.value())


def chart(fig, key: str, alt: str | None = None, extra: str | None = None, *, data: bool | str = True,
          title: str | None = None, slot=None, config: dict | None = None) -> None:
    """Draw ``fig`` full width with rnnlab's fonts; ``alt`` defaults to rnnlab.plots.alt.describe.

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
    fit_titles(fig)
    send_as_made_once(fig)
    # theme=None: keep rnnlab's projector-sized fonts instead of Streamlit's smaller ones.
    target.plotly_chart(fig, key=key, width="stretch", theme=None,
                        config={**PLOTLY_CONFIG, **(config or {})}, alt=text)
    if data == "csv" and slot is None:  # the table is read from the figure only when asked for
        _csv_button(lambda: _described(fig, key, language, extra, "table"), key)
    elif data and slot is None:
        data_view(fig, key, title, extra)


def send_as_made_once(fig) -> None:
    """Call before ``st.plotly_chart(fig)``. It sends ``fig.to_dict()``: a deep copy of the whole
    figure, its arrays written as base64, made again on every rerun of every session that draws
    it. A memoised figure never changes (memo's rule; fit_titles has run before it is shared),
    so its dict is made once and handed out again: forty students on a lesson's scene share
    one figure and now one dict (Streamlit and plotly.io only read it). Other figures are left
    as they are."""
    if not fig.__dict__.get(MEMOISED) or "to_dict" in fig.__dict__:
        return
    made = fig.to_dict()
    fig.__dict__["to_dict"] = lambda: made  # the instance's own to_dict: the class's is untouched


_describing = threading.RLock()  # re-entered: a display table is made from the table


def _described(fig, key: str, language: str, extra: str | None, what: str):
    """The alt text (``what="text"``), data table (``"table"``, ``"display"``) of ``fig``, kept on
    the figure itself while it is drawn again (a memoised one, maybe by other sessions):
    reading a figure back into words and a table costs about as much as drawing it."""
    kept = fig.__dict__.setdefault("_rnnlab_described", {})  # atomic: one dict per figure
    entry = (language, extra, what)
    if entry in kept:
        return kept[entry]
    with _describing:  # a shared figure is described once, not by every session at once
        if entry in kept:
            return kept[entry]
        if what == "text":
            kept[entry] = alt_text.describe(fig, language, extra)
        elif what == "table":
            kept[entry] = alt_text.data_table(fig, language)
        else:  # "display": the table written the language's way
            kept[entry] = alt_text.display_table(_described(fig, key, language, extra, "table"), language)
        return kept[entry]


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
        _csv_button(lambda: table, key)


def _csv_button(table: Callable, key: str) -> None:
    st.download_button(tr("chart.csv"), lambda: alt_text.table_csv(table()), mime="text/csv",
                       file_name=f"{key}.csv", key=f"{key}_csv", on_click="ignore",
                       icon=":material/download:")


def time_labels(values) -> np.ndarray | None:
    """The current series' time labels (years, dates) for ``values``, a run's series, when that
    run was trained on the current series' working range; None (positions) otherwise, e.g. a
    run made before another series was chosen, or a series without time labels."""
    from ui.session import state

    series = state.get_series()
    if series.index is None:
        return None
    start, stop, step = state.working_range()
    labels = np.asarray(series.index)[start:stop:step]
    values = np.asarray(values, dtype=float)
    if len(labels) != len(values) or not np.array_equal(series.values[start:stop:step], values):
        return None
    return labels


TITLE_CHARS = 36  # a line of a chart's title that fits a 390-px phone (with ui/elements/a11y.py's font)
X_AXIS_CHARS = 40  # an x-axis title longer than this is wider than a phone chart


def _lines(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, cut between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit_titles(fig) -> None:
    """A long chart title wraps (Plotly never wraps: on a phone it ran off the edge), and so does
    a long x-axis title, with the margin they need (a rotated y-axis title drawn on two lines
    came out upside down: those are kept short instead). Once per figure (a shared figure is drawn for many sessions): idempotent."""
    if getattr(fig, "_rnnlab_fitted", False):
        return
    layout = fig.layout
    title = layout.title.text if layout.title else None
    if title and "<br>" not in title and len(title) > TITLE_CHARS and not layout.title.subtitle.text:
        lines = _lines(title, TITLE_CHARS)
        if len(lines) > 1:
            layout.title.text = "<br>".join(lines)
            if style.placed_by_place_legend(fig):  # title, legend and plot placed again
                style.place_legend(fig)
            else:
                top = layout.margin.t if layout.margin.t is not None else 70
                layout.margin.t = top + 26 * (len(lines) - 1)
    axis = layout.xaxis.title.text if layout.xaxis and layout.xaxis.title else None
    if axis and "<br>" not in axis and len(axis) > X_AXIS_CHARS:
        lines = _lines(axis, max(X_AXIS_CHARS // 2, (len(axis) + 1) // 2 + 4))
        if len(lines) == 2:
            layout.xaxis.title.text = "<br>".join(lines)
            bottom = layout.margin.b if layout.margin.b is not None else 50
            layout.margin.b = bottom + 22
    fig._rnnlab_fitted = True
