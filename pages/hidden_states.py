"""Hidden states: step through a from-scratch recurrent network, time step by time step.

Heavy work (forward pass, training, gradient profiles) runs once per settings change and is
kept in st.session_state; the step controls live in a fragment that only moves the figures.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab import hidden as hd
from rnnlab.backend import tensorflow_available
from rnnlab.i18n.numbers import Seconds, fmt_tex
from rnnlab.plots.hidden import StepFigures, gradient_figure, loss_figure, memory_figure
from rnnlab.plots.style import CELL_COLORS
from ui import state
from ui.guard import friendly_errors
from ui.i18n import lang, num, number_slider, pct, tr
from ui.shell import ensure_navigation

ensure_navigation()  # before anything is drawn: see ui/shell.py

ss = st.session_state
NETS = "hidden_nets"  # {net key: {"untrained", "trained", "result"}}: the current network only
VIEW = "hidden_view"  # {"key", "inp", "forward", "figures", "mse"}: what the step panel shows
PROBE = "hidden_probe"  # {"key", "gradients", "memory"}
PLAYING = "hidden_playing"
STEP = "hidden_t"  # the current step, 1..T (the slider "hidden_step" mirrors it)
MAX_LENGTH = 200
PLAY_SECONDS = 0.7
VERIFY_TOLERANCE = 1e-9
LATEX_SIZE = r"\large "
UNTRAINED_COLOR = "#64748b"  # slate: the initial weights, beside the cell's own colour once trained  # the arithmetic must read from the back of a classroom


def _clamp_widget(key: str, low: int, high: int, default: int) -> None:
    """Keep a slider's remembered value inside its (data-dependent) range."""
    ss[key] = int(np.clip(ss.get(key, default), low, high))


def _fmt(v: float) -> str:
    return num(float(v))  # written the user's way; "—" when not finite


st.title(tr("hidden.title"))
st.markdown(tr("hidden.intro"))

# --- settings ------------------------------------------------------------------------------------
values = state.working_values()
split = state.get_split()
with st.container(border=True):
    st.subheader(tr("hidden.settings"))
    c1, c2, c3, c4 = st.columns([1.3, 1.2, 0.9, 0.8])
    # Defaults through session state, not the widgets' value arguments: a lesson link may have
    # set these keys already (ui/lesson.py), and Streamlit warns when both are given.
    for key, default in (("hidden_cell", "LSTM"), ("hidden_units", 8), ("hidden_seed", 0),
                         ("hidden_epochs", 60), ("hidden_grad_radius", 1.0)):
        ss.setdefault(key, default)
    cell = c1.radio(tr("hidden.cell"), hd.CELLS, horizontal=True, key="hidden_cell",
                    help=tr("hidden.cell_help"))
    units = c2.slider(tr("hidden.units"), 2, 64, key="hidden_units", help=tr("hidden.units_help"))
    activation = c3.radio(tr("hidden.activation"), hd.ACTIVATIONS, horizontal=True,
                          key="hidden_activation", help=tr("hidden.activation_help"))
    seed = c4.number_input(tr("hidden.seed"), 0, 9999, step=1, key="hidden_seed",
                           help=tr("hidden.seed_help"))
    s1, s2, s3 = st.columns([1.3, 1.2, 1.7])
    series_ok = len(values) >= hd.MIN_LENGTH
    source_labels = {s: tr(f"hidden.source_{s}") for s in hd.SOURCES}  # translated now, not later
    # Sent explicitly: when the language changes the labels change, and the browser would
    # otherwise draw the radio with nothing selected until the next rerun.
    ss["hidden_source"] = ss.get("hidden_source", "series")
    source = s1.radio(tr("hidden.source"), hd.SOURCES, horizontal=True, key="hidden_source",
                      format_func=source_labels.get)
    length, start = len(hd.TOY), 0
    if source == "series" and not series_ok:
        st.warning(tr("hidden.too_short", n=len(values), need=hd.MIN_LENGTH))
        source = "toy"
    if source == "series":
        high = min(MAX_LENGTH, len(values))
        _clamp_widget("hidden_length", hd.MIN_LENGTH, high, min(50, high))
        length = s2.slider(tr("hidden.length"), hd.MIN_LENGTH, high, key="hidden_length",
                           help=tr("hidden.length_help"))
        if len(values) > length:
            _clamp_widget("hidden_start", 0, len(values) - length, 0)
            start = s3.slider(tr("hidden.start"), 0, len(values) - length, key="hidden_start")
        st.caption(tr("hidden.scaled_note"))
    else:
        st.caption(tr("hidden.toy_note"))

settings = hd.Settings(cell=cell, units=int(units), activation=activation, seed=int(seed),
                       source=source, length=int(length), start=int(start))
fingerprint = "toy" if source == "toy" else hd.series_fingerprint(values)
net_key = (cell, int(units), activation, int(seed), source, fingerprint,
           split.val_fraction, split.test_fraction, split.scaler)
if ss.get(NETS, {}).get("key") != net_key:
    ss[NETS] = {"key": net_key, "untrained": hd.build_network(settings), "trained": None,
                "result": None}
nets = ss[NETS]
scaler = None if source == "toy" else hd.fit_scaler(values, split.val_fraction,
                                                    split.test_fraction, split.scaler)

# --- training ------------------------------------------------------------------------------------
with st.container(border=True):
    st.subheader(tr("hidden.train_header"))
    t1, t2, t3, t4 = st.columns([1, 1.2, 1.2, 1.2], vertical_alignment="bottom")
    epochs = t1.number_input(tr("hidden.epochs"), 5, 300, step=5, key="hidden_epochs")
    train_clicked = t2.button(tr("hidden.train"), key="hidden_train", type="primary",
                              help=tr("hidden.train_help"), width="stretch")
    verify_clicked = t4.button(tr("hidden.verify"), key="hidden_verify",
                               help=tr("hidden.verify_help"), width="stretch")
    progress_slot, loss_slot = st.empty(), st.empty()
    if train_clicked:
        with friendly_errors(tr("hidden.train")):
            X, y = hd.training_sequences(values, source, scaler, split.val_fraction, split.test_fraction)
            network = nets["untrained"].copy()
            losses: list[float] = []
            bar = progress_slot.progress(0.0)

            def on_epoch(epoch: int, loss: float, _val) -> None:
                losses.append(loss)
                bar.progress(epoch / epochs, text=tr("hidden.training", epoch=epoch, epochs=epochs,
                                                     loss=_fmt(loss)))
                if epoch % 5 == 0 or epoch == epochs:  # redrawing every epoch would cost more than training
                    loss_slot.plotly_chart(loss_figure(losses, lang(), epochs), key=f"hidden_live_{epoch}",
                                           width="stretch", theme=None)

            result = hd.train_network(network, X, y, epochs=epochs, seed=int(seed), on_epoch=on_epoch)
            progress_slot.empty()
            nets.update(trained=network, result=result)
            ss["hidden_show_trained"] = True
    result = nets["result"]
    if result is not None:
        history = result.history["loss"]
        loss_slot.plotly_chart(loss_figure(history, lang()), key="hidden_loss", width="stretch", theme=None)
        if result.status == "diverged":
            key = "hidden.trained_diverged_relu" if activation == "relu" else "hidden.trained_diverged"
            st.warning(tr(key, epoch=result.reason_values.get("epoch", result.epochs)))  # no "use tanh" on tanh
        elif history:
            st.success(tr("hidden.trained_done", seconds=Seconds(result.seconds),
                          first=_fmt(history[0]), last=_fmt(history[-1])))
    show_trained = t3.toggle(tr("hidden.show_trained"), key="hidden_show_trained",
                             disabled=nets["trained"] is None, help=tr("hidden.show_trained_help"))
    show_trained = bool(show_trained and nets["trained"] is not None)

# --- the forward pass the step panel shows -------------------------------------------------------
view_key = (net_key, int(length), int(start), show_trained, lang(), id(nets["trained"]))
if ss.get(VIEW, {}).get("key") != view_key:
    with friendly_errors(tr("hidden.step_header")):
        inp = hd.make_input(values, source, length, start, scaler)
        network = nets["trained"] if show_trained else nets["untrained"]
        forward = hd.run(network, inp.x)
        ss[VIEW] = {"key": view_key, "settings": settings, "inp": inp, "forward": forward,
                    "network": network,
                    "figures": StepFigures(hd.step_data(settings, inp, forward), lang()),
                    "mse": hd.window_mse(forward.prediction, inp.target), "verify": None}
view = ss[VIEW] if ss.get(VIEW, {}).get("key") == view_key else None

if verify_clicked and view is not None:
    if not tensorflow_available():
        st.info(tr("hidden.verify_no_tf"))
    else:
        with st.spinner(tr("hidden.verifying")), friendly_errors(tr("hidden.verify")):
            layer = view["network"].layers[0]
            view["verify"] = hd.verify_against_keras(cell, layer.params, view["inp"].x,
                                                     view["forward"].hidden, activation)
if view is not None and view.get("verify") is not None:
    diff, n = view["verify"], view["forward"].hidden.size
    if diff <= VERIFY_TOLERANCE:
        st.success(tr("hidden.verify_ok", diff=num(diff, sig=2), n=int(n)))
    else:
        st.warning(tr("hidden.verify_bad", diff=num(diff, sig=2), n=int(n)))


# --- step by step (a fragment: moving the step reruns only this) ---------------------------------
def _go(delta: int, T: int) -> None:
    ss[STEP] = ss["hidden_step"] = int(np.clip(ss.get(STEP, 1) + delta, 1, T))
    if ss.get(PLAYING):
        ss[PLAYING] = False
        ss["hidden_play_changed"] = True


def _set_playing(playing: bool, T: int) -> None:
    """Play or pause. Idempotent on purpose: a click that reaches the server twice is harmless."""
    if playing and not ss.get(PLAYING) and ss.get(STEP, 1) >= T:
        ss[STEP] = 0  # play from the start again (the first tick moves to t = 1)
    if bool(ss.get(PLAYING)) != playing:
        ss[PLAYING] = playing
        ss["hidden_play_changed"] = True


def _draw_arithmetic(view: dict, t: int) -> None:
    forward, layer = view["forward"], view["network"].layers[0]
    cell, activation = view["settings"].cell, view["settings"].activation
    H = forward.hidden.shape[1]
    _clamp_widget("hidden_unit", 1, H, 1)
    st.subheader(tr("hidden.math_header"))
    unit = st.columns([1, 3])[0].number_input(tr("hidden.unit"), 1, H, key="hidden_unit",
                                              help=tr("hidden.unit_help"))
    ar = hd.step_arithmetic(cell, layer.params, view["inp"].x, forward.hidden, t - 1, int(unit) - 1,
                            activation, forward.cell_state)
    st.caption(tr("hidden.math_intro", j=int(unit), t=t))
    inp = view["inp"]
    if inp.scaler is not None:
        st.caption(tr("hidden.math_x_scaled", raw=_fmt(inp.raw[t - 1]), x=num(ar.x, decimals=4)))
    st.latex(rf"{LATEX_SIZE} x_t = {fmt_tex(ar.x, lang(), decimals=4)}")
    tabs = st.tabs([tr(f"hidden.block_{b.name}") for b in ar.blocks])
    for tab, block in zip(tabs, ar.blocks, strict=True):
        with tab:
            left, right = st.columns([3, 2])
            left.latex(LATEX_SIZE + hd.block_latex(block, cell, int(unit) - 1, lang()))
            with right.expander(tr("hidden.math_terms", H=H)):
                table = hd.recurrent_terms(ar, block.name).rename(columns={
                    "h": tr("hidden.col_h"), "w": tr("hidden.col_w"),
                    "product": tr("hidden.col_product")})
                for col in table.columns[1:]:  # text: a NumberColumn would use the browser's locale
                    table[col] = [num(float(v), decimals=4) for v in table[col]]
                st.dataframe(table, hide_index=True, width="stretch")
    if cell != "SimpleRNN":
        st.markdown(f"**{tr('hidden.math_state')}**")
        st.latex(LATEX_SIZE + hd.state_latex(ar, activation, lang()))
    engine = float(forward.hidden[t - 1, int(unit) - 1])
    st.caption(tr("hidden.math_check", engine=num(engine, decimals=6), ours=num(ar.h, decimals=6),
                  diff=num(abs(engine - ar.h), sig=2)))


def step_panel() -> None:
    if ss.pop("hidden_play_changed", False):
        st.rerun()  # the whole page, so the fragment's timer starts or stops
    with friendly_errors(tr("hidden.step_header")):
        _step_panel(ss[VIEW])


def _step_panel(view: dict) -> None:
    inp, forward, cell = view["inp"], view["forward"], view["settings"].cell
    T = len(inp.x)
    if ss.get(PLAYING):
        nxt = ss.get(STEP, 1) + 1
        if nxt > T:  # the end: stop, and rerun the page so the timer goes away
            ss[PLAYING] = False
            st.rerun()
        ss[STEP] = nxt
    ss[STEP] = int(np.clip(ss.get(STEP, 1), 1, T))

    b1, b2, b3, b4 = st.columns([1.3, 6, 1.3, 1.3], vertical_alignment="bottom")
    b1.button(tr("hidden.prev"), key="hidden_prev", icon=":material/chevron_left:",
              on_click=_go, args=(-1, T), width="stretch")
    playing = bool(ss.get(PLAYING))
    if playing:
        # No slider while playing: a browser still holding the previous value would send it
        # back with the next timer tick and undo the step.
        t = ss[STEP]
        b2.progress(t / T, text=tr("hidden.step") + f" = {t}")
    else:
        ss["hidden_step"] = ss[STEP]
        t = int(b2.slider(tr("hidden.step"), 1, T, key="hidden_step",
                          on_change=lambda: ss.update({STEP: ss["hidden_step"]})))
    b3.button(tr("hidden.next"), key="hidden_next", icon=":material/chevron_right:",
              on_click=_go, args=(1, T), width="stretch")
    if playing:
        b4.button(tr("hidden.pause"), key="hidden_pause", icon=":material/pause:",
                  on_click=_set_playing, args=(False, T), width="stretch")
    else:
        b4.button(tr("hidden.play"), key="hidden_play", icon=":material/play_arrow:",
                  on_click=_set_playing, args=(True, T), width="stretch")

    pred = inp.to_original(forward.prediction[t - 1 : t])[0]
    st.markdown(tr("hidden.now", t=t, T=T, x=_fmt(inp.raw[t - 1]), pred=_fmt(pred)))
    figures = view["figures"].at(t)

    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(figures["input"], key="hidden_fig_input", width="stretch", theme=None)
        st.caption(tr("hidden.explain_input") + " " + tr("hidden.loss_now", mse=_fmt(view["mse"])))
    with right:
        st.plotly_chart(figures["pca"], key="hidden_fig_pca", width="stretch", theme=None)
        share = float(view["figures"].data.explained.sum())
        st.caption(tr("hidden.explain_pca", H=forward.hidden.shape[1], pct=pct(share))
                   if share > 0 else tr("hidden.pca_too_short"))
    st.plotly_chart(figures["heatmap"], key="hidden_fig_heatmap", width="stretch", theme=None)
    st.caption(tr("hidden.explain_heatmap"))
    if "gate_bars" in figures:
        st.plotly_chart(figures["gate_bars"], key="hidden_fig_gate_bars", width="stretch", theme=None)
        st.caption(tr("hidden.explain_lstm" if cell == "LSTM" else "hidden.explain_gru"))
    st.plotly_chart(figures["lines"], key="hidden_fig_lines", width="stretch", theme=None)
    st.caption(tr("hidden.explain_lines"))
    _draw_arithmetic(view, t)
    if "gate_maps" in figures:
        st.plotly_chart(figures["gate_maps"], key="hidden_fig_gate_maps", width="stretch", theme=None)
    if "cell_state" in figures:
        st.plotly_chart(figures["cell_state"], key="hidden_fig_cell", width="stretch", theme=None)
        st.caption(tr("hidden.explain_cell"))


if view is not None:
    st.header(tr("hidden.step_header"))
    if view["network"] is nets["trained"]:
        st.markdown(tr("hidden.showing_trained"))
    else:
        st.markdown(tr("hidden.showing_untrained"))
    st.fragment(step_panel, run_every=PLAY_SECONDS if ss.get(PLAYING) else None)()


# --- gradients through time and the memory probe (its own fragment) -----------------------------
def probe_panel() -> None:
    with friendly_errors(tr("hidden.grad_header")):
        _probe_panel()


def _probe_panel() -> None:
    st.header(tr("hidden.grad_header"))
    st.markdown(tr("hidden.grad_intro", H=hd.PROBE_UNITS))
    probe_values = values if series_ok else np.tile(hd.TOY, 20)
    p1, p2 = st.columns(2)
    high = int(min(MAX_LENGTH, len(probe_values)))
    _clamp_widget("hidden_grad_length", hd.MIN_LENGTH, high, min(50, high))
    n = p1.slider(tr("hidden.grad_length"), hd.MIN_LENGTH, high, key="hidden_grad_length")
    radius = number_slider(p2, tr("hidden.grad_radius"), 0.5, 1.5, 0.05, key="hidden_grad_radius",
                           help=tr("hidden.grad_radius_help"))
    # Everything the charts depend on: the data, the scaler (kind and split it is fitted on),
    # the sliders and the language; a stale chart after a Data-page change would teach wrong.
    probe_scaler = scaler if source == "series" and scaler is not None else hd.fit_scaler(probe_values)
    key = (hd.series_fingerprint(probe_values), source, split.val_fraction, split.test_fraction,
           split.scaler, _scaler_fingerprint(probe_scaler), int(n), float(radius), lang())
    if ss.get(PROBE, {}).get("key") != key:
        x = hd.make_input(probe_values, "series", n, 0, probe_scaler).x
        cells = hd.probe_cells(float(radius))
        ss[PROBE] = {"key": key, "gradients": gradient_figure(hd.gradient_profiles(x, cells), lang()),
                     "memory": memory_figure(hd.memory_profiles(x, cells), lang())}
    st.plotly_chart(ss[PROBE]["gradients"], key="hidden_fig_gradients", width="stretch", theme=None)
    st.caption(tr("hidden.grad_explain"))
    st.plotly_chart(ss[PROBE]["memory"], key="hidden_fig_memory", width="stretch", theme=None)
    st.caption(tr("hidden.memory_explain"))
    _trained_profile(probe_values, probe_scaler, int(n))


def _scaler_fingerprint(scaler) -> tuple:
    """What a fitted scaler does, as numbers: where it sends 0 and 1 (equal numbers, same scaling)."""
    return (scaler.kind, *(float(v) for v in scaler.transform(np.array([0.0, 1.0]))))


TRAINED_PROBE = "hidden_trained_probe"  # {"key", "gradients", "memory"} of the page's own network


def _trained_profile(probe_values, probe_scaler, n: int) -> None:
    """The network trained above, before and after training: its own gradient and memory."""
    st.subheader(tr("hidden.grad_trained_header"))
    if nets["trained"] is None:
        st.caption(tr("hidden.grad_train_first"))
        return
    key = (net_key, id(nets["trained"]), n, _scaler_fingerprint(probe_scaler), lang())
    if ss.get(TRAINED_PROBE, {}).get("key") != key:
        x = hd.make_input(probe_values, "series", n, 0, probe_scaler).x
        untrained, trained = tr("hidden.fig.untrained"), tr("hidden.fig.trained")
        cells = {untrained: nets["untrained"].layers[0], trained: nets["trained"].layers[0]}
        palette = {untrained: UNTRAINED_COLOR, trained: CELL_COLORS.get(cell)}
        ss[TRAINED_PROBE] = {
            "key": key,
            "gradients": gradient_figure(hd.gradient_profiles(x, cells), lang(), colors=palette),
            "memory": memory_figure(hd.memory_profiles(x, cells), lang(), colors=palette)}
    st.caption(tr("hidden.grad_trained_explain", cell=cell, H=int(units)))
    st.plotly_chart(ss[TRAINED_PROBE]["gradients"], key="hidden_fig_trained_gradients",
                    width="stretch", theme=None)
    st.plotly_chart(ss[TRAINED_PROBE]["memory"], key="hidden_fig_trained_memory",
                    width="stretch", theme=None)


st.fragment(probe_panel)()
