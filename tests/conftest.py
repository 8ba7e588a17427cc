"""Test-wide settings and fixtures.

The app's session store lives in a temporary folder, never in the user's cache or the
repository (the browser tests' server inherits this environment), and so does Hypothesis'
example database. A run that leaves new files in the checkout fails (see
``pytest_sessionfinish``).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_DATA = tempfile.mkdtemp(prefix="rnnlab-test-data-")
os.environ["RNNLAB_DATA_DIR"] = _DATA
os.environ.pop("RNNLAB_STORE", None)  # tests choose their store explicitly
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "rnnlab-hypothesis"))


# --- Tests never write into the repository ---------------------------------------------------
# Python's and the linters' own caches are not the tests' doing; .venv is where CI installs.
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
    return {entry for entry in out.stdout.split("\0") if entry}


_BEFORE = _stray_files()  # at import, before any test runs
_WRITTEN: list[str] = []


def pytest_sessionfinish(session, exitstatus):
    if _BEFORE is None:
        return
    after = _stray_files()
    if after is None:
        return
    _WRITTEN[:] = sorted(entry[3:] for entry in after - _BEFORE)
    if _WRITTEN and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _WRITTEN:
        terminalreporter.write_sep("=", "tests wrote into the repository (use tmp_path or /tmp)",
                                   red=True)
        for path in _WRITTEN:
            terminalreporter.write_line(path)
