"""Is TensorFlow installed? Answered without importing it (importing costs seconds and ~660 MB)."""

from __future__ import annotations

import importlib.util


def tensorflow_available() -> bool:
    try:
        return importlib.util.find_spec("tensorflow") is not None
    except (ImportError, ValueError):
        return False
