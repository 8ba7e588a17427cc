"""Concepts: the notebook's theory as a bilingual lesson, with small live figures."""

import streamlit as st

from rnnlab.pages import concepts, modern, params
from rnnlab.pages.page_controls import CONCEPTS as C
from rnnlab.plots import alt
from rnnlab.plots import concepts as figs
from rnnlab.training import TrainConfig
from ui.elements import controls, nav
from ui.elements.charts import chart, memo
from ui.elements.fragments import fragment
from ui.elements.guard import friendly_errors
from ui.elements.links import page_link
from ui.i18n import lang, num, tr
from ui.session import state


@fragment("concepts: unrolled")
def unrolled_figure() -> None:
    steps = controls.draw(st, "concepts_steps", C["concepts_steps"])
    # a diagram, not data: its text says what it draws, and it has no data view
    fig = memo("concepts_unrolled", (steps, lang()), lambda: figs.unrolled_rnn(
        steps, "RNN", tr("concepts.folded"), tr("concepts.shared"), title=tr("concepts.fig_unrolled"),
        lang=lang()))
    chart(fig, "concepts_unrolled", alt=alt.unrolled(steps, lang()), data=False)


@fragment("concepts: activations")
def activation_figure() -> None:
    picked = st.multiselect(tr("concepts.act_pick"), concepts.ACTIVATIONS,
                            default=list(concepts.ACTIVATIONS), key="concepts_acts",
                            help=tr("concepts.act_pick_help"), placeholder=tr("chrome.choose_many"),
                            select_all=False)  # Streamlit's "Select all" is English only
    if not picked:
        st.info(tr("concepts.act_none"))
        return
    def build():
        x, values, slopes = concepts.activation_curves(picked)
        return figs.activations(x, values, slopes, (tr("concepts.act_values"), tr("concepts.act_slopes")),
                                tr("concepts.act_x"), title=tr("concepts.fig_act"), lang=lang())

    chart(memo("concepts_act", (tuple(picked), lang()), build), "concepts_act")


@fragment("concepts: decay")
def decay_figure() -> None:
    values = state.working_values()
    a, b, c = st.columns(3)
    radius = controls.draw(a, "concepts_radius", C["concepts_radius"])
    keep_bias = controls.draw(b, "concepts_keep", C["concepts_keep"])
    if len(values) < 3:  # a curve needs a sequence to run along
        st.warning(tr("concepts.decay_short"))
        return
    length = controls.draw(c, "concepts_length", C["concepts_length"], high=len(values))

    def build():
        lags, norms = concepts.gradient_decay(values, length=length, radius=radius, keep_bias=keep_bias)
        return lags, norms, figs.gradient_decay(lags, norms, tr("concepts.decay_x"), tr("concepts.decay_y"),
                                                title=tr("concepts.fig_decay"), lang=lang())

    lags, norms, fig = memo("concepts_decay", (values, length, radius, keep_bias, lang()), build)
    chart(fig, "concepts_decay")
    k = min(20, len(lags) - 1)
    summary = ", ".join(f"{cell} {concepts.percent(norms[cell][k], lang())}" for cell in norms)
    st.caption(tr("concepts.decay_summary", k=k, values=summary))


@fragment("concepts: parameters")
def parameter_calculator() -> None:
    a, b, c = st.columns(3)
    units = controls.draw(a, "concepts_units", C["concepts_units"])
    input_size = controls.draw(b, "concepts_input", C["concepts_input"])
    layers = controls.draw(c, "concepts_layers", C["concepts_layers"])
    totals = {}
    for column, cell in zip(st.columns(len(params.CELLS)), params.CELLS, strict=True):
        totals[cell] = params.stack_params(cell, units, layers=layers, input_size=input_size)
        with column, st.container(border=True):
            count = params.recurrent_params(cell, units, input_size)
            st.metric(f"{cell} · {tr('concepts.one_layer')}", num(count))
            st.latex(params.formula_latex(cell))
            st.latex(params.formula_numbers(cell, units, input_size, two_lines=True))
            st.markdown(tr("concepts.stack_total", layers=layers, n=num(totals[cell])))
    fig = memo("concepts_params", (tuple(totals.items()), lang()), lambda: figs.param_bars(
        totals, tr("concepts.params_y"), title=tr("concepts.fig_params"), lang=lang()))
    chart(fig, "concepts_params")
    notebook = TrainConfig.seed_notebook()
    st.caption(tr("concepts.notebook_hint", cell=notebook.cell, units=notebook.units,
                  layers=notebook.layers, n=num(params.stack_params(
                      notebook.cell, notebook.units, layers=notebook.layers))))


st.title(tr("concepts.title"))
st.markdown(tr("concepts.intro"))

with friendly_errors("concepts: RNN"):
    st.header(tr("concepts.rnn_title"))
    left, right = st.columns([1, 1.3], gap="large")
    with left:
        st.markdown(tr("concepts.rnn_body", lookback=state.get_split().lookback))
        page_link(nav.DATA.path, tr("concepts.link_data"), icon=nav.DATA.icon)
        page_link(nav.HIDDEN.path, tr("concepts.link_hidden"), icon=nav.HIDDEN.icon)
    with right:
        unrolled_figure()

with friendly_errors("concepts: SimpleRNN"):
    st.header(tr("concepts.simple_title"))
    left, right = st.columns([1, 1.3], gap="large")
    left.markdown(tr("concepts.simple_body"))
    left.caption(tr("concepts.notation"))
    with right:
        st.latex(concepts.latex_block("simple"))

with friendly_errors("concepts: activations"):
    st.header(tr("concepts.act_title"))
    left, right = st.columns([1, 1.3], gap="large")
    steps, slope = 10, 0.25  # the sigmoid's largest slope
    decay = (f"{concepts.latex_number(slope, lang())}^{{{steps}}} \\approx "
             f"{concepts.latex_number(concepts.decay_after(slope, steps), lang())}")
    left.markdown(tr("concepts.act_body", steps=steps, decay=decay))
    with right:
        activation_figure()

with friendly_errors("concepts: LSTM"):
    st.header(tr("concepts.lstm_title"))
    left, right = st.columns([1, 1.3], gap="large")
    with left:
        st.markdown(tr("concepts.lstm_body"))
        for gate in ("i", "f", "g", "o", "c"):
            st.markdown(f"- {tr('concepts.gate_' + gate)}")
        page_link(nav.HIDDEN.path, tr("concepts.link_gates"), icon=nav.HIDDEN.icon)
    with right:
        st.latex(concepts.latex_block("lstm"))
        st.latex(concepts.latex_block("lstm_blocks"))
        st.caption(tr("concepts.lstm_blocks"))

with friendly_errors("concepts: GRU"):
    st.header(tr("concepts.gru_title"))
    left, right = st.columns([1, 1.3], gap="large")
    left.markdown(tr("concepts.gru_body"))
    with right:
        st.latex(concepts.latex_block("gru"))
        st.markdown(tr("concepts.gru_textbook"))
        st.latex(concepts.latex_block("gru_textbook"))

with friendly_errors("concepts: BPTT"):
    st.header(tr("concepts.bptt_title"))
    left, right = st.columns([1, 1.3], gap="large")
    left.markdown(tr("concepts.bptt_body"))
    with right:
        st.latex(concepts.latex_block("bptt"))
    left.markdown(tr("concepts.bptt_after"))
    with left:
        page_link(nav.TRAIN.path, tr("concepts.link_train"), icon=nav.TRAIN.icon)

with friendly_errors("concepts: vanishing gradient"):
    st.header(tr("concepts.vanish_title"))
    left, right = st.columns([1, 1.3], gap="large")
    with left:
        st.markdown(tr("concepts.vanish_body"))
        st.latex(concepts.latex_block("gated_paths"))
        st.markdown(tr("concepts.vanish_fig_body", expr=r"\partial h_T / \partial h_{T-k}"))
    with right:
        decay_figure()

with friendly_errors("concepts: parameters"):
    st.header(tr("concepts.params_title"))
    st.markdown(tr("concepts.params_body"))
    parameter_calculator()
    page_link(nav.COMPARE.path, tr("concepts.link_compare"), icon=nav.COMPARE.icon)

st.header(tr("concepts.which_title"))
st.markdown(tr("concepts.which_table"))
st.markdown(tr("concepts.which_advice"))

st.header(tr("concepts.apps_title"))
st.markdown(tr("concepts.apps_body"))

with friendly_errors("concepts: modern"):
    st.header(tr("concepts.modern_title"))
    left, right = st.columns([1, 1.3], gap="large")
    left.markdown(tr("concepts.modern_body"))
    with left:
        page_link(nav.MODERN.path, tr("concepts.link_modern"), icon=nav.MODERN.icon)
    with right:
        st.latex(modern.UNIFIED)
        for cell, lines in modern.EQUATIONS.items():
            st.markdown(f"**{cell}**")
            st.latex(r"\begin{gathered}" + r" \\[4pt] ".join(lines) + r"\end{gathered}")
