"""Is TensorFlow there, and does it import?

``find_spec`` alone answers "installed" without importing (importing costs seconds and ~660 MB),
but a TensorFlow that is installed and broken (a wheel for another CPU, a missing system library,
a NumPy it was not built for) passes that check and then fails with ImportError at the first
training. Opening a page must not import TensorFlow, so the first real import (a training, a
forecast, an export, in rnnlab.training) reports a failure here with ``mark_broken``; from then
on ``tensorflow_available()`` says False for the whole process and Train and Compare show the
install page instead of an ImportError.
"""

from __future__ import annotations

import importlib.util
import logging
import sys

log = logging.getLogger("rnnlab")

_importable: bool | None = None  # None: not tried yet in this process
_error = ""  # why the import failed, for the logs and the install page


def tensorflow_installed() -> bool:
    try:
        return importlib.util.find_spec("tensorflow") is not None
    except (ImportError, ValueError):
        return False


def tensorflow_available() -> bool:
    """Installed, and not seen failing to import (nothing is imported to answer)."""
    if _importable is not None:
        return _importable
    return tensorflow_installed()


def mark_broken(exc: BaseException) -> None:
    """Remember that importing TensorFlow failed (also called by a training that hit it)."""
    global _importable, _error
    _importable = False
    _error = f"{type(exc).__name__}: {exc}"[:300]
    log.error("TensorFlow is installed but cannot be imported: %s", _error)
    for name in [m for m in sys.modules if m == "tensorflow" or m.startswith("tensorflow.")]:
        sys.modules.pop(name, None)  # a half-imported package must not look usable


def import_error() -> str:
    return _error


def reset() -> None:
    """Forget the answer (tests)."""
    global _importable, _error
    _importable, _error = None, ""
