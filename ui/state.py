"""Per-user state shared by every page. It lives in st.session_state, never in a cache.

Canonical values live under plain keys (not widget keys): Streamlit forgets a widget's key
when the page that draws it is not shown, and the series must survive page changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from rnnlab.data import Series, notebook_series

SERIES = "series"  # rnnlab.data.Series: the series the user chose
SOURCE = "series_source"  # dict describing where it came from (kind + parameters)
RANGE = "series_range"  # (start, stop, step) of the part the training pages use
SPLIT = "split"  # SplitSettings
RUNS = "runs"  # list of rnnlab.training.Run, oldest first


@dataclass
class SplitSettings:
    val_fraction: float = 0.2
    test_fraction: float = 0.2
    lookback: int = 10
    scaler: str = "minmax"


NOTEBOOK_SOURCE = {"kind": "notebook"}  # the series the seed notebook computes, run top to bottom


def default_series(lang: str = "es") -> Series:
    """The app opens on the notebook's series (rnnlab.data.notebook_series), not noisy_sine()."""
    from rnnlab.i18n import t

    return Series(notebook_series(), name=t("data.notebook.name", lang), notes=[])


def ensure_defaults() -> None:
    """Fill in what a first visit needs: the notebook's series and its split."""
    ss = st.session_state
    if SERIES not in ss:
        ss[SERIES] = default_series()
        ss[SOURCE] = dict(NOTEBOOK_SOURCE)
        ss[RANGE] = (0, 100, 1)
    if SPLIT not in ss:
        ss[SPLIT] = SplitSettings()
    if RUNS not in ss:
        ss[RUNS] = []


def set_series(series: Series, source: dict, working_range: tuple[int, int, int] | None = None) -> None:
    st.session_state[SERIES] = series
    st.session_state[SOURCE] = source
    st.session_state[RANGE] = working_range or (0, len(series), 1)


def get_series() -> Series:
    ensure_defaults()
    return st.session_state[SERIES]


def working_range() -> tuple[int, int, int]:
    ensure_defaults()
    start, stop, step = st.session_state[RANGE]
    n = len(get_series())
    start = max(0, min(int(start), n))
    stop = max(start, min(int(stop), n))
    return start, stop, max(1, int(step))


def working_values() -> np.ndarray:
    """The part of the series (range and step chosen on the Data page) that training uses."""
    start, stop, step = working_range()
    return get_series().values[start:stop:step]


def get_split() -> SplitSettings:
    ensure_defaults()
    return st.session_state[SPLIT]


def runs() -> list:
    ensure_defaults()
    return st.session_state[RUNS]


def get_source() -> dict:
    """Where the current series came from: {"kind": "notebook" | "generate" | "builtin" | "upload", ...}."""
    ensure_defaults()
    return st.session_state.get(SOURCE) or {}  # a series set without its source: unknown origin


def set_range(start: int, stop: int, step: int = 1) -> None:
    """The part of the series (rows start:stop, every step-th) that the training pages use."""
    st.session_state[RANGE] = (int(start), int(stop), max(1, int(step)))


def set_split(settings: SplitSettings) -> None:
    st.session_state[SPLIT] = settings


def series_name(lang: str) -> str:
    """The series' name in ``lang`` (generated and built-in series have translated names).

    Also renames the stored Series, so that every page (and new runs) use the same words.
    """
    from rnnlab.datasets import BUILTIN
    from rnnlab.i18n import t

    series, source = get_series(), get_source()
    if source.get("kind") == "notebook":
        series.name = t("data.notebook.name", lang)
    elif source.get("kind") == "generate" and "n" in source:
        series.name = t("data.gen.name", lang, n=source["n"])
    elif source.get("kind") == "builtin" and source.get("name") in BUILTIN:
        series.name = t(BUILTIN[source["name"]].title_key, lang)
    return series.name
