"""The Hidden states stage as a Streamlit custom component (components v2: no iframe, its DOM
sits in the page). The browser draws every step from one payload (rnnlab.pages.stage); the server
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


# The live lesson's lightweight path: the teacher's step and the "hide the future" order travel
# in this tiny component (tens of bytes) and reach the stage in the page; the stage's own data
# stays the payload itself, which Streamlit then sends as a cached reference, not again.
FOLLOW_JS = """
export default function (component) {
  const data = component.data || {};
  const want = { for: data.for || null, goto: data.goto || null, hide: !!data.hide };
  window.__rnnlabStageFollow = want;
  for (const host of document.querySelectorAll(".rs-host")) {
    if (host.rnnlabStage) host.rnnlabStage.lead(want);
  }
  return undefined;
}
"""
_follow = st.components.v2.component(
    f"{NAME}_follow", html='<span hidden></span>', js=FOLLOW_JS, isolate_styles=False)


SHOWN_ID = "_stage_shown_id"  # the id of the payload this session's stage was last drawn with


def lead(goto: dict | None, hide: bool, key: str = "live_stage_lead") -> None:
    """Move the stage from another part of the page (a live lesson's poll, in the sidebar):
    the small follow component only, so a step-only change costs no page rerun."""
    _follow(key=key, data={"for": st.session_state.get(SHOWN_ID), "goto": goto, "hide": bool(hide)})


def stage(payload: dict, key: str, on_step: Callable[[int], None], goto: dict | None = None,
          hide: bool = False) -> None:
    """Mount the stage; ``on_step(t)`` runs (before the rerun) when the browser reports a step.

    ``goto`` ({"step": t, "seq": n}, a live lesson's student only) moves the stage to step t
    once per new n; ``hide`` keeps the future hidden (a question is open). Both go through a
    small component of their own: the data sent to the stage is always the payload, unchanged.
    """

    def changed() -> None:
        value = st.session_state.get(key) or {}
        step = value.get("step") if hasattr(value, "get") else None
        if isinstance(step, (int, float)) and not isinstance(step, bool):
            on_step(int(step))

    _render(key=key, data=payload, on_step_change=changed)
    st.session_state[SHOWN_ID] = payload.get("id")
    # Always mounted (a few bytes): when a question closes or a student leaves, it says so.
    _follow(key=f"{key}_follow", data={"for": payload.get("id"), "goto": goto, "hide": bool(hide)})
