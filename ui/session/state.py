"""Per-user state shared by every page: one typed Session in st.session_state, never in a cache.

The Session (series, where it came from, the part of it training uses, its split, the runs)
lives under one plain key, not widget keys: Streamlit forgets a widget's key when the page that
draws it is not shown, and the series must survive page changes. ui/persistence/persist.py saves it with
the rest of the session state (rnnlab.classroom.session_codec rebuilds the dataclass by its fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from rnnlab.data import Series, notebook_series

KEY = "session"  # the Session


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


@dataclass
class Session:
    """What one user is working on; every page reads it, the Data page and links change it."""

    series: Series = field(default_factory=default_series)
    source: dict = field(default_factory=lambda: dict(NOTEBOOK_SOURCE))  # kind + parameters
    range: tuple = (0, 100, 1)  # (start, stop, step) of the part the training pages use
    split: SplitSettings = field(default_factory=SplitSettings)
    runs: list = field(default_factory=list)  # rnnlab.training.Run, oldest first


def session() -> Session:
    """This user's Session (made on the first visit, with the notebook's series)."""
    ss = st.session_state
    current = ss.get(KEY)
    if not isinstance(current, Session):
        current = ss[KEY] = Session()
    return current


def session_of(ss) -> Session | None:
    """The Session held by a session state ``ss`` (a test's AppTest.session_state), if any."""
    current = ss.get(KEY)
    return current if isinstance(current, Session) else None


def ensure_defaults() -> None:
    """Fill in what a first visit needs: the notebook's series and its split."""
    session()


def set_series(series: Series, source: dict, working_range: tuple[int, int, int] | None = None) -> None:
    s = session()
    s.series, s.source, s.range = series, source, working_range or (0, len(series), 1)


def get_series() -> Series:
    return session().series


def working_range() -> tuple[int, int, int]:
    """The range, clipped to the series (a shorter series may have replaced the one it was for)."""
    s = session()
    start, stop, step = s.range
    n = len(s.series)
    start = max(0, min(int(start), n))
    stop = max(start, min(int(stop), n))
    return start, stop, max(1, int(step))


def working_values() -> np.ndarray:
    """The part of the series (range and step chosen on the Data page) that training uses."""
    start, stop, step = working_range()
    return get_series().values[start:stop:step]


def get_split() -> SplitSettings:
    return session().split


def runs() -> list:
    return session().runs


def get_source() -> dict:
    """Where the current series came from: {"kind": "notebook" | "generate" | "builtin" | "upload", ...}."""
    return session().source or {}  # a series set without its source: unknown origin


def set_range(start: int, stop: int, step: int = 1) -> None:
    """The part of the series (rows start:stop, every step-th) that the training pages use."""
    session().range = (int(start), int(stop), max(1, int(step)))


def set_split(settings: SplitSettings) -> None:
    session().split = settings


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
