"""The Hidden states page's session state, with one owner: its keys and typed accessors.

views/hidden_states.py writes these entries; other modules (the live lesson) read them only
through the accessors below, never by the string keys:

- ``NETS`` ({"key", "untrained", "trained", "trained_id", "result"}): the current network only,
  untrained and (once trained with BPTT) trained;
- ``VIEW`` ({"key", "settings", "inp", "forward", "network", "payload", ...}): what the stage shows;
- ``STEP``: the settled step of the stage, 1..T (lesson links and live lessons carry it);
- ``MATH_FOLD``, ``GRADS_FOLD``, ``LINES_FOLD``: is the arithmetic's / gradients' / hidden states'
  chart's fold open (ui/elements/folds.py: drawn only while open; a lesson scene about them
  opens them).
"""

from __future__ import annotations

import streamlit as st

PAGE = "hidden_states"  # the page's url path
NETS = "hidden_nets"
VIEW = "hidden_view"
STEP = "hidden_t"
SHOW_TRAINED = "hidden_show_trained"  # the page's "show the trained network" toggle
MATH_FOLD = "hidden_math"  # the one-step arithmetic's fold
GRADS_FOLD = "hidden_grads"  # the gradients-through-time and memory probe's fold
LINES_FOLD = "hidden_lines"  # the notebook's chart of every hidden state over time
ADOPT = "_hidden_adopt"  # a live lesson's trained network, waiting for the page's network to match


def step(default: int = 1) -> int:
    """The stage's settled step (1-based)."""
    try:
        return int(st.session_state.get(STEP, default))
    except (TypeError, ValueError):
        return default


def set_step(t: int) -> None:
    st.session_state[STEP] = int(t)


def view() -> dict | None:
    """What the stage shows (forward pass, input, network, settings), or None before the page ran."""
    value = st.session_state.get(VIEW)
    return value if isinstance(value, dict) and value.get("forward") is not None else None


def nets() -> dict:
    value = st.session_state.get(NETS)
    return value if isinstance(value, dict) else {}


def shows_trained(current: dict | None = None) -> bool:
    """Is the stage's pass the trained network's (not the initial weights)?"""
    current = view() if current is None else current
    trained = nets().get("trained")
    return current is not None and trained is not None and current.get("network") is trained


def shown_trained_id() -> str | None:
    """The id of the trained network the stage shows now, or None (initial weights, or no page)."""
    own = nets()
    return str(own["trained_id"]) if shows_trained() and own.get("trained_id") else None


def show_trained(on: bool) -> None:
    """Show the trained network (when there is one) or the initial weights, at the next draw."""
    st.session_state[SHOW_TRAINED] = bool(on)


def trained_network() -> tuple[str, list, dict] | None:
    """(trained id, the network's key as JSON values, its weights as lists) of the trained
    network the stage shows now, or None (what a live lesson's teacher shares with the class)."""
    current, own = view(), nets()
    if not shows_trained(current) or not own.get("trained_id"):
        return None
    weights = {name: p.tolist() for name, p in own["trained"].get_weights().items()}
    return str(own["trained_id"]), _plain(own.get("key")), weights


def _plain(key) -> list:
    return [v if isinstance(v, (str, int, float, bool)) or v is None else str(v) for v in (key or ())]


def adopt_trained(trained_id: str, key: list, weights: dict) -> None:
    """A trained network from elsewhere (the teacher's, in a live lesson): installed as this
    page's trained network as soon as the page's own network has the same key (same cell,
    units, seed, data and split), and shown."""
    st.session_state[ADOPT] = {"id": str(trained_id), "key": list(key), "weights": weights}
    show_trained(True)
    _install()


def adopted_id() -> str | None:
    """The id of the trained network the page holds (its own or adopted)."""
    value = nets().get("trained_id")
    return str(value) if value else None


def _install() -> None:
    import numpy as np

    pending, own = st.session_state.get(ADOPT), nets()
    if not isinstance(pending, dict) or not own or own.get("untrained") is None:
        return
    if _plain(own.get("key")) != pending["key"]:
        return  # not this network (yet): the page builds it from the settings first
    st.session_state.pop(ADOPT, None)
    if own.get("trained_id") == pending["id"]:
        return
    network = own["untrained"].copy()
    current = network.get_weights()
    try:
        weights = {name: np.asarray(pending["weights"][name], dtype=np.float64) for name in current}
    except (KeyError, TypeError, ValueError):
        return
    if any(weights[n].shape != current[n].shape or not np.isfinite(weights[n]).all() for n in current):
        return
    network.set_weights(weights)
    own.update(trained=network, trained_id=pending["id"], result=None)


def network_ready() -> None:
    """views/hidden_states.py, once its network for the current settings is in place: a trained
    network adopted from a live lesson is installed now if it fits."""
    _install()
