"""Test-wide settings and fixtures.

Fixtures for AppTest: ``app_test`` opens a page (or app.py) with its language and session state
preset; ``texts``, ``plotly_specs`` and ``decode`` read what a run drew. The functions behind
them are plain module functions too, for the scripts that some tests run in a fresh interpreter
(where no fixture reaches): ``from tests.conftest import open_app, shown_text``.

The app's session store lives in a temporary folder, never in the user's cache or the
repository (the browser tests' server inherits this environment), and so does Hypothesis'
example database. A run that leaves new files in the checkout fails (see
``pytest_sessionfinish``).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

# Every fold drawn only while open (ui/elements/folds.py), opened: a test that audits all a
# page shows (numbers, alt texts) passes these as state so the folded sections are drawn too.
OPEN_FOLDS = {"data_leak": True, "hidden_math": True, "hidden_grads": True, "hidden_lines": True}
ROOT = Path(__file__).resolve().parents[1]

# Markers applied by what a test uses (browser, keras, server) and the fast tier's guard.
pytest_plugins = ["tests.tiers"]

_DATA = tempfile.mkdtemp(prefix="rnnlab-test-data-")
os.environ["RNNLAB_DATA_DIR"] = _DATA
os.environ.pop("RNNLAB_STORE", None)  # tests choose their store explicitly
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "rnnlab-hypothesis"))


# --- AppTest ---------------------------------------------------------------------------------
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                 "info", "success", "text", "latex")


# open_app's shorthands for the fields of the session's ui.session.state.Session (its typed owner).
SESSION_FIELDS = {"series": "series", "series_source": "source", "series_range": "range",
                  "split": "split", "runs": "runs"}


def preset_session(**fields):
    """A ui.session.state.Session with these fields (``series``, ``source``, ``range``, ``split``,
    ``runs``); a series given without its source and range is an upload used whole."""
    from ui.session.state import Session

    session = Session()
    if "series" in fields:
        fields.setdefault("source", {})
        fields.setdefault("range", (0, len(fields["series"]), 1))
    for name, value in fields.items():
        setattr(session, name, value)
    return session


def open_app(path: str, lang: str = "en", timeout: float = 60, keep_shared: bool = False,
             **state) -> AppTest:
    """An AppTest of ``path`` (``views/data.py``, ``app.py``: from the repository root, or
    absolute), with the language and session state preset. Not run yet. The figures sessions
    share are forgotten first (each test starts like a new server) unless ``keep_shared``.

    ``series``, ``series_source``, ``series_range``, ``split`` and ``runs`` preset the fields of
    the session's Session (``preset_session``); any other name is a session-state key."""
    from streamlit.testing.v1 import AppTest  # here: unit tests need no Streamlit

    charts = sys.modules.get("ui.elements.charts")
    if charts is not None and not keep_shared:
        charts.shared.clear()
    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    at.session_state["_lang"] = lang
    return preset(at, **state)


def preset(at: AppTest, **state) -> AppTest:
    """Preset ``at``'s session state: ``series``, ``series_source``, ``series_range``, ``split``
    and ``runs`` as the fields of its Session (``preset_session``), any other name as a key."""
    from ui.session.state import KEY

    fields = {SESSION_FIELDS[key]: state.pop(key) for key in list(state) if key in SESSION_FIELDS}
    if fields:
        at.session_state[KEY] = preset_session(**fields)
    for key, value in state.items():
        at.session_state[key] = value
    return at


def shown_text(at: AppTest) -> str:
    """All titles, markdown, captions and alerts of the run joined: for 'is this shown' checks."""
    return "\n".join(str(getattr(el, "value", "")) for kind in TEXT_ELEMENTS for el in at.get(kind))


def drawn_figures(at: AppTest) -> list[dict]:
    """Every Plotly figure the run drew, as plain dicts."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _plotly_strings(value) -> list[str]:
    """The human-readable strings inside a Plotly spec (not hover templates: d3 format codes)."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("hovertemplate", "texttemplate", "bdata", "dtype", "separators", "colorscale",
                       "color", "font", "line", "marker", "fillcolor", "bgcolor", "template"):
                continue
            if key in ("text", "ticktext", "name", "title") or isinstance(item, (dict, list)):
                out += _plotly_strings(item)
    elif isinstance(value, list):
        for item in value:
            out += _plotly_strings(item)
    elif isinstance(value, str):
        out.append(value)
    return out


def shown_everything(at: AppTest) -> str:
    """Everything a person reads on the page: texts, metrics, tables, options, chart texts."""
    parts = [shown_text(at)]
    for metric in at.metric:
        parts += [str(metric.label), str(metric.value)]
    for kind in ("table", "dataframe"):
        for element in at.get(kind):
            frame = element.value
            parts += [" ".join(map(str, frame.columns))]
            parts += [" ".join(map(str, row)) for row in frame.astype(str).values.tolist()]
    for element in at.get("arrow_data_frame"):
        frame = element.value
        parts += [" ".join(map(str, row)) for row in frame.astype(str).values.tolist()]
    for kind in ("select_slider", "radio", "selectbox", "segmented_control"):
        for widget in at.get(kind):
            parts += [str(o) for o in getattr(widget, "options", [])]
    for spec in drawn_figures(at):
        parts += _plotly_strings(spec.get("data", [])) + _plotly_strings(spec.get("layout", {}))
    return "\n".join(parts)


def decode_array(value):
    """Plotly 7 sends arrays as {"dtype", "bdata"[, "shape"]}: turn them back into numpy arrays
    (anything else is returned as it is)."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            data = data.reshape([int(s) for s in str(shape).split(",")])
        return data
    return value


@pytest.fixture(scope="session")
def app_test():
    """``app_test(path, lang="en", timeout=60, **state)``: see ``open_app``."""
    return open_app


@pytest.fixture(scope="session")
def texts():
    """``texts(at)``: see ``shown_text``."""
    return shown_text


@pytest.fixture(scope="session")
def all_text():
    """``all_text(at)``: see ``shown_everything``."""
    return shown_everything


@pytest.fixture(scope="session")
def plotly_specs():
    """``plotly_specs(at)``: see ``drawn_figures``."""
    return drawn_figures


@pytest.fixture(scope="session")
def decode():
    """``decode(value)``: see ``decode_array``."""
    return decode_array


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root folder (where app.py is)."""
    return ROOT


# --- Tests never write into the repository ---------------------------------------------------
# Python's and the linters' own caches are not the tests' doing; .venv is where CI installs.
_CACHES = {".venv", "__pycache__", ".pytest_cache", ".ruff_cache"}
_NOT_OURS = [":(exclude).venv", ":(exclude,glob)**/__pycache__/**", ":(exclude).pytest_cache",
             ":(exclude).ruff_cache"]


def _stray_files() -> set[str] | None:
    """Untracked, ignored or changed paths of the checkout (None: not a git checkout)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "-z", "--untracked-files=all",
             "--ignored", "--", ".", *_NOT_OURS], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return {entry for entry in out.stdout.split("\0")
            if entry and not _CACHES.intersection(Path(entry[3:]).parts)}


_BEFORE: list[set[str] | None] = [None]
_WRITTEN: list[str] = []


def pytest_sessionstart(session):
    _BEFORE[0] = _stray_files()  # before any test runs


def pytest_sessionfinish(session, exitstatus):
    after = _stray_files() if _BEFORE[0] is not None else None
    if after is None:
        return
    _WRITTEN[:] = sorted(entry[3:] for entry in after - _BEFORE[0])
    if _WRITTEN and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _WRITTEN:
        terminalreporter.write_sep("=", "tests wrote into the repository (use tmp_path or /tmp)",
                                   red=True)
        for path in _WRITTEN:
            terminalreporter.write_line(path)
