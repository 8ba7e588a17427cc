"""The Data page's session state, with one owner: its keys and typed accessors.

views/data.py writes these entries; other modules (the memory budget, the saved-state schema,
tests) reach them only through this module, never by their string keys:

- ``UPLOAD`` ({"name", "id", "bytes"}): the last uploaded file that parsed; the sheet, layout
  and column pickers read it again (saved);
- ``UPLOAD_ERROR`` ((file id, DataError)): the last file that did not parse, so a rerun says it
  again without parsing it again (not saved);
- ``KIND``: the source tab last chosen (it may differ from the series' source) (saved);
- the widgets the page moves itself: the range and its step (they follow a new series), the
  column, sheet and layout pickers (they follow a new file), the window slider (kept inside the
  series).

Each reader takes the session state to read (``ss``): the current session's by default, a
test's ``AppTest.session_state`` in tests.
"""

from __future__ import annotations

import streamlit as st

UPLOAD = "data_upload"
UPLOAD_ERROR = "data_upload_error"
KIND = "_data_kind"
UPLOADER = "csv_upload"  # the file uploader (a DESIGN test hook)
LEAK_FOLD = "data_leak"  # is "why the scaler sees only the training part" open (ui/elements/folds.py)
RANGE, STEP, WINDOW = "data_range", "data_step", "data_window"
COLUMN, SHEET, LAYOUT = "data_column", "data_sheet", "data_layout"


def _ss(ss=None):
    return st.session_state if ss is None else ss


def upload(ss=None) -> dict | None:
    """{"name", "id", "bytes"} of the last file that parsed, or None."""
    value = _ss(ss).get(UPLOAD)
    return value if isinstance(value, dict) else None


def upload_bytes(ss=None) -> bytes | None:
    return (upload(ss) or {}).get("bytes")


def keep_upload(name: str, file_id, content: bytes) -> None:
    """A file parsed: keep it (its pickers re-read it) and forget the last refusal."""
    st.session_state.pop(UPLOAD_ERROR, None)
    st.session_state[UPLOAD] = {"name": name, "id": file_id, "bytes": content}


def upload_error(ss=None) -> tuple | None:
    """(file id, DataError) of the last file that did not parse, or None."""
    return _ss(ss).get(UPLOAD_ERROR)


def refuse_upload(file_id, error) -> None:
    """A file did not parse: remember why (said again on reruns); its column picker goes."""
    st.session_state[UPLOAD_ERROR] = (file_id, error)
    st.session_state.pop(COLUMN, None)  # the picker of an older file must not stay


def file_chosen() -> bool:
    """Is a file in the uploader now?"""
    return st.session_state.get(UPLOADER) is not None


def kind(ss=None) -> str | None:
    """The source tab last chosen (None before the first visit)."""
    return _ss(ss).get(KIND)


def set_kind(value: str) -> None:
    st.session_state[KIND] = value


def init_widget(key: str, value) -> None:
    """Give a widget its value from the saved state (widget keys are forgotten on page change)."""
    if key not in st.session_state:
        st.session_state[key] = value


def widget(key: str, default=None, ss=None):
    return _ss(ss).get(key, default)


def set_widget(key: str, value) -> None:
    st.session_state[key] = value


def forget_widgets(*keys: str) -> None:
    """These widgets start again from the saved state (a new series, a new sheet)."""
    for key in keys:
        st.session_state.pop(key, None)
