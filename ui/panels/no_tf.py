"""What the Train and Compare pages show when TensorFlow is not installed.

The notebook's own fallback (architecture text and gate descriptions), translated and with
computed parameter counts, plus how to install TensorFlow. Usage in a page::

    from ui.panels.no_tf import require_tensorflow
    require_tensorflow()  # draws the fallback and stops the page if TensorFlow is missing
"""

from __future__ import annotations

import streamlit as st

from rnnlab.pages.params import CELLS, stack_counts, stack_params
from rnnlab.training import TrainConfig, backend
from ui.elements import nav
from ui.elements.links import page_link
from ui.i18n import num, tr

COMPARE_UNITS = 32  # the notebook compares SimpleRNN, LSTM and GRU with 32 units each
INSTALL_COMMAND = "pip install -r requirements.txt\nstreamlit run app.py"


def _fmt(n: int) -> str:
    return num(int(n))  # 30.651 / 30,651: the reader's way


def _architecture() -> None:
    config = TrainConfig.seed_notebook()
    st.subheader(tr("notf.arch_title"))
    st.markdown(tr("notf.arch_intro", lookback=config.lookback, epochs=config.epochs,
                   batch=config.batch_size))
    counts = stack_counts(config.cell, config.units, layers=config.layers, input_size=1)
    *recurrent, dense = counts
    rows = [(tr("notf.layer_input"), f"(None, {config.lookback}, 1)", "0", "")]
    for i, layer in enumerate(recurrent):
        last = i == len(recurrent) - 1
        name = tr("notf.layer_lstm_last" if last else "notf.layer_lstm_seq", units=layer.units)
        shape = f"(None, {layer.units})" if last else f"(None, {config.lookback}, {layer.units})"
        rows.append((name, shape, _fmt(layer.params), f"${layer.latex}$"))
    rows.append((tr("notf.layer_dense"), "(None, 1)", _fmt(dense.params), f"${dense.latex}$"))
    header = [tr("notf.col_layer"), tr("notf.col_output"), tr("notf.col_params"), tr("notf.col_formula")]
    table = ["| " + " | ".join(header) + " |", "|---|---|--:|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    st.markdown("\n".join(table))
    st.markdown(tr("notf.total", n=_fmt(sum(c.params for c in counts))))


def _gates() -> None:
    st.subheader(tr("notf.gates_title"))
    for gate in ("forget", "input", "cell", "output"):
        st.markdown(f"- {tr('notf.gate_' + gate)}")


def _comparison() -> None:
    st.subheader(tr("notf.compare_title"))
    points = {"SimpleRNN": "notf.simple_points", "LSTM": "notf.lstm_points", "GRU": "notf.gru_points"}
    for column, cell in zip(st.columns(len(CELLS)), CELLS, strict=True):
        with column, st.container(border=True):
            st.markdown(f"#### {cell}")
            st.markdown(tr(points[cell]))
            st.caption(tr("notf.compare_params", units=COMPARE_UNITS,
                          n=_fmt(stack_params(cell, COMPARE_UNITS))))


def tensorflow_available() -> bool:
    """rnnlab.training.backend's answer, looked up at each call (never a copy bound at import)."""
    return backend.tensorflow_available()


def render_fallback() -> None:
    """Say, in the user's language, that TensorFlow is needed and how to get it; then teach."""
    st.header(tr("notf.title"))  # under the page's own title
    st.warning(tr("notf.needed"), icon=":material/info:")
    with st.expander(tr("notf.install_title"), expanded=True):
        st.markdown(tr("notf.install_body"))
        st.code(INSTALL_COMMAND, language="bash")
        st.caption(tr("notf.install_cloud"))
    st.markdown(tr("notf.meanwhile"))
    _architecture()
    _gates()
    _comparison()
    st.subheader(tr("notf.explore"))
    page_link(nav.HIDDEN.path, tr("notf.link_hidden"), icon=nav.HIDDEN.icon)
    page_link(nav.CONCEPTS.path, tr("notf.link_concepts"), icon=nav.CONCEPTS.icon)


def require_tensorflow() -> None:
    """Draw the fallback and stop the page when TensorFlow is missing or cannot be imported
    (installed but broken: the install page, not an ImportError at the first training)."""
    # Looked up on the module at each call: a name bound at import would keep whatever
    # function was in place then (a test's stand-in, if this module was first imported there).
    if not backend.tensorflow_available():
        render_fallback()
        st.stop()
