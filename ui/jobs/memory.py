"""The session's memory budget: shown on Compare; past it, training more asks first.

Nothing is ever dropped to make room: the student decides (delete runs on Compare, or train
anyway). The budget (RNNLAB_SESSION_MB, default 100 MB) keeps one student from filling the
shared server.
"""

from __future__ import annotations

import streamlit as st

from rnnlab.i18n.numbers import fmt_pct, fmt_size
from rnnlab.runtime.memory import budget_bytes, session_footprint
from ui.i18n import lang, tr
from ui.jobs import hidden_job, training_job
from ui.session import data_view_state, state, train_view_state

CONFIRM = "memory_confirm"  # widget key prefix of "train anyway"


def usage() -> dict[str, int]:
    extra = [train_view_state.forecasts_held(), training_job.current_job(), hidden_job.current()]
    return session_footprint(state.get_series(), data_view_state.upload_bytes(), state.runs(), extra)


def _mb(n: int) -> str:
    """Written the user's way (100,0 MB in Spanish); kB when small, never "0.0 MB"."""
    return fmt_size(n, lang())


def over_budget() -> bool:
    budget = budget_bytes()
    return budget > 0 and usage()["total"] > budget


def usage_panel() -> None:
    """Compare: what this session holds, against its budget."""
    budget = budget_bytes()
    used = usage()
    if budget <= 0:
        st.caption(tr("memory.usage_nolimit", total=_mb(used["total"]), data=_mb(used["data"]),
                      runs=_mb(used["runs"])))
        return
    # A caption, not st.progress: the page's one progress bar is the training's.
    st.caption(tr("memory.usage", total=_mb(used["total"]), budget=_mb(budget),
                  data=_mb(used["data"]), runs=_mb(used["runs"]))
               + " · " + fmt_pct(min(1.0, used["total"] / budget), lang()))
    if used["total"] > budget:
        st.warning(tr("memory.over", total=_mb(used["total"]), budget=_mb(budget)),
                   icon=":material/memory:")


def confirmed(where: str) -> bool:
    """Has this session ticked "train anyway" on page ``where`` (past the budget)?"""
    return bool(st.session_state.get(f"{CONFIRM}_{where}"))


def allow_training(where: str) -> bool:
    """True when this session may start a training; past the budget, only once confirmed."""
    if not over_budget():
        return True
    used, budget = usage()["total"], budget_bytes()
    st.warning(tr("memory.ask", total=_mb(used), budget=_mb(budget)), icon=":material/memory:")
    return bool(st.checkbox(tr("memory.confirm"), key=f"{CONFIRM}_{where}"))
