"""Helpers for AppTest: run a page with preloaded state, read Plotly specs."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def page(path: str, lang: str = "en", timeout: float = 60, **state) -> AppTest:
    """An AppTest for ``pages/<path>`` (or app.py) with language and session state preset."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    at.session_state["_lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at


def decode(value):
    """Plotly 7 sends arrays as {"dtype", "bdata"}: turn them back into numpy arrays."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            dims = [int(s) for s in str(shape).split(",")]
            data = data.reshape(dims)
        return data
    if isinstance(value, list):
        return value
    return value


def plotly_specs(at: AppTest) -> list[dict]:
    """Every Plotly figure the run drew, as plain dicts."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    """All markdown, captions, titles and alerts of the run joined: for 'is this shown' checks."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                 "info", "success", "text", "latex"):
        parts += [str(getattr(el, "value", "")) for el in at.get(kind)]
    return "\n".join(parts)
