"""The Hidden states stage as a Streamlit custom component (components v2: no iframe, its DOM
sits in the page). The browser draws every step from one payload (rnnlab.stage); the server
hears the step only when it settles, as the component's ``step`` state.

The HTML/CSS/JS are plain files next to this module, read once and sent inline: nothing is
loaded from a CDN and nothing needs a build step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

_HERE = Path(__file__).resolve().parent
NAME = "rnnlab_stage"

# Registered once per process at import; components v2 re-registers it on a new runtime
# (AppTest) by itself. isolate_styles=False keeps the stage in the page's DOM (no shadow root),
# so data-testid hooks and accessibility checks reach it; its CSS is scoped under .rs.
_render = st.components.v2.component(
    NAME,
    html='<div class="rs-host"></div>',
    css=(_HERE / "stage.css").read_text(encoding="utf-8"),
    js=(_HERE / "stage.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def stage(payload: dict, key: str, on_step: Callable[[int], None], goto: dict | None = None) -> None:
    """Mount the stage; ``on_step(t)`` runs (before the rerun) when the browser reports a step.

    ``goto`` ({"step": t, "seq": n}, a live lesson's student only) moves the stage to step t
    once per new n; without it the data sent is the payload itself, unchanged.
    """

    def changed() -> None:
        value = st.session_state.get(key) or {}
        step = value.get("step") if hasattr(value, "get") else None
        if isinstance(step, (int, float)) and not isinstance(step, bool):
            on_step(int(step))

    data = payload if goto is None else {**payload, "goto": goto}
    _render(key=key, data=data, on_step_change=changed)
