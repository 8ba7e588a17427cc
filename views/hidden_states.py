"""Hidden states: step through a from-scratch recurrent network, time step by time step.

Heavy work (forward pass, training, gradient profiles) runs once per settings change and is
kept in st.session_state. The stage (ui/elements/stage.py) gets the whole window's trace once and steps,
scrubs and plays in the browser; the server hears the step when it settles, and the one-step
arithmetic (in a fragment) follows it.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

import numpy as np
import streamlit as st

from rnnlab.i18n.numbers import Seconds, fmt_tex
from rnnlab.pages import hidden as hd
from rnnlab.pages.page_controls import HIDDEN as C
from rnnlab.pages.stage import build_payload
from rnnlab.plots.hidden import gradient_figure, lines_figure, loss_figure, memory_figure
from rnnlab.plots.style import CELL_COLORS
from rnnlab.runtime import worker
from rnnlab.training.backend import tensorflow_available
from ui.classroom import lesson_player, live, share_links
from ui.elements import controls, folds, fragments
from ui.elements.charts import chart, memo
from ui.elements.guard import friendly_errors
from ui.elements.stage import stage
from ui.i18n import lang, num, say, tr
from ui.jobs import hidden_job, memory
from ui.session import hidden_view_state as view_state
from ui.session import state
from ui.text import markdown_table

ss = st.session_state
NETS = view_state.NETS  # {"key", "untrained", "trained", "trained_id", "result"}: the current network only
VIEW = view_state.VIEW  # {"key", "inp", "forward", "payload", "mse", ...}: what the stage shows
STEP = view_state.STEP  # the settled step, 1..T (lesson links carry it)
STAGE = "hidden_stage"  # the stage component's key (its state: {"step": t})
VERIFY_TOLERANCE = 1e-9
LATEX_SIZE = r"\large "
UNTRAINED_COLOR = "#64748b"  # slate: the initial weights, beside the cell's own colour once trained  # the arithmetic must read from the back of a classroom


def _estimate_text(estimate: float, data) -> str:
    """Next to Train: about how long, the server's limit, and what it trains on (capped)."""
    from rnnlab.training.estimate import max_train_seconds

    limit = max_train_seconds()
    text = (tr("hidden.estimate", time=Seconds(estimate), limit=Seconds(limit))
            if limit > 0 else tr("hidden.estimate_nolimit", time=Seconds(estimate)))
    if data.windows < data.available:
        text += " " + tr("hidden.windows_capped", n=num(data.windows), total=num(data.available),
                         L=data.window)
    return text


def _fmt(v: float) -> str:
    return num(float(v))  # written the user's way; "—" when not finite


def _notebook_network() -> None:
    """Choosing the notebook's sequence brings the notebook's network with it (SimpleRNN, 10
    units, tanh, seed 42: its weights and its printed prediction); each can be changed after."""
    if ss.get("hidden_source") == "toy":
        for name, value in hd.NOTEBOOK_NET.items():
            ss[f"hidden_{name}"] = value


st.title(tr("hidden.title"))
st.markdown(tr("hidden.intro"))

# --- settings: what the stage needs first in one row, the rest folded away -----------------------
# Issue 26: at 1280x720 the stage started at 961 px. The stage is the page's main thing: it
# comes right after one row of settings (cell, units, input, trained or not); the others fold
# into "More settings", and the training section sits below the stage (drawn into its place
# after the stage's inputs are known).
values = state.working_values()
split = state.get_split()
settings_box = st.container(key="hidden_settings")
stage_box = st.container(key="hidden_stage_box")
train_box = st.container(border=True, key="hidden_train_box")
with settings_box:
    c1, c2, c3, c4 = st.columns([1.45, 1.0, 1.45, 1.0], vertical_alignment="bottom")
    cell = controls.draw(c1, "hidden_cell", replace(C["hidden_cell"], widget="segmented"))
    units = controls.draw(c2, "hidden_units", C["hidden_units"])
    series_ok = len(values) >= hd.MIN_LENGTH
    source = controls.draw(c3, "hidden_source", replace(C["hidden_source"], widget="select"),
                           on_change=_notebook_network)
    more = c4.popover(tr("hidden.more_settings"), icon=":material/tune:", width="stretch")
    activation = controls.draw(more, "hidden_activation", C["hidden_activation"])
    seed = controls.draw(more, "hidden_seed", C["hidden_seed"])
    length, start = len(hd.TOY), 0
    if source == "series" and not series_ok:
        st.warning(tr("hidden.too_short", n=len(values), need=hd.MIN_LENGTH))
        source = "toy"
    if source == "series":
        length = controls.draw(more, "hidden_length", C["hidden_length"], high=len(values))
        if len(values) > length:
            start = controls.draw(more, "hidden_start", C["hidden_start"], high=len(values) - length)
        more.caption(tr("hidden.scaled_note"))
    else:
        note = tr("hidden.toy_note")
        if cell == "SimpleRNN":
            note += " " + tr("hidden.toy_weights", seed=int(seed))
        st.caption(note)
with stage_box:
    showing_slot, toggle_slot = st.columns([3, 1.3], vertical_alignment="center")

settings = hd.Settings(cell=cell, units=int(units), activation=activation, seed=int(seed),
                       source=source, length=int(length), start=int(start))
fingerprint = "toy" if source == "toy" else hd.series_fingerprint(values)
net_key = (cell, int(units), activation, int(seed), source, fingerprint,
           split.val_fraction, split.test_fraction, split.scaler)
if ss.get(NETS, {}).get("key") != net_key:
    ss[NETS] = {"key": net_key, "untrained": hd.build_network(settings), "trained": None,
                "trained_id": None, "result": None}
view_state.network_ready()  # a live lesson's student: the teacher's trained network, if it fits
nets = ss[NETS]
scaler = None if source == "toy" else hd.fit_scaler(values, split.val_fraction,
                                                    split.test_fraction, split.scaler)

# --- training: bounded (estimate, limit, capped windows), in the worker, with Stop ----------------
def _adopt(job) -> None:
    """A finished training's network becomes the page's trained one (once, if still current)."""
    if job is None or job.running or job.adopted:
        return
    job.adopted = True
    if job.trained is not None and job.net_key == nets["key"] and job.result is not None:
        nets.update(trained=job.trained, result=job.result, trained_id=uuid.uuid4().hex[:8])
        ss["hidden_show_trained"] = True


def _start_training() -> None:
    """Train's on_click: checked again here (the button may be stale), then the job starts."""
    data = _training_data()
    if data is None or hd.train_problems(cell, int(units), data, int(ss.get("hidden_epochs", 60))):
        return
    if memory.over_budget() and not memory.confirmed("hidden"):
        return
    hidden_job.start(net_key, nets["untrained"], data, int(ss.get("hidden_epochs", 60)), int(seed))


def _training_data():
    with friendly_errors(tr("hidden.train")):
        return hd.training_data(values, source, scaler, split.val_fraction, split.test_fraction)
    return None


@fragments.fragment("hidden: training progress", run_every=1.0)
def _progress() -> None:
    """The running training, redrawn every second from the job (never trains itself)."""
    job = hidden_job.current()
    if job is None:
        return
    if not job.running:
        st.rerun()  # the whole page: the trained network is shown
    p = job.snapshot()
    if p["queue_position"]:
        st.info(tr("train.queued", pos=p["queue_position"]), icon=":material/hourglass_top:")
    text = tr("hidden.training_epoch", epoch=p["epoch"], epochs=p["epochs"])
    if p["losses"]:
        text += " · " + tr("hidden.training_loss", loss=_fmt(p["losses"][-1]))
    if p["eta"] is not None:
        text += " · " + tr("hidden.training_eta", eta=Seconds(p["eta"]))
    bar, stop = st.columns([5, 1], vertical_alignment="bottom")
    bar.progress(min(1.0, p["epoch"] / max(1, p["epochs"])), text=text)
    stop.button(tr("train.stop"), key="hidden_stop", on_click=job.request_stop,
                disabled=p["stop_requested"], width="stretch", icon=":material/stop_circle:")
    if p["stop_requested"]:
        st.caption(tr("hidden.stopping"))
    if p["losses"]:
        key = (id(job), len(p["losses"]), lang())
        chart(memo("hidden_live", key, lambda: loss_figure(p["losses"], lang(), p["epochs"], cell=cell)),
              "hidden_live")


job = hidden_job.current()
_adopt(job)
training = hidden_job.running()
with train_box:
    st.subheader(tr("hidden.train_header"))
    t1, t2, t4 = st.columns([1, 1.6, 1.2], vertical_alignment="bottom")
    epochs = controls.draw(t1, "hidden_epochs", C["hidden_epochs"], disabled=training)
    data = _training_data()
    problems = [] if data is None else hd.train_problems(cell, int(units), data, int(epochs))
    allowed = training or memory.allow_training("hidden")  # past the session's budget: ask first
    controls.draw(t2, "hidden_train", C["hidden_train"], type="primary", width="stretch",
                  on_click=_start_training, disabled=training or bool(problems) or data is None
                  or not allowed)
    verify_clicked = controls.draw(t4, "hidden_verify", C["hidden_verify"], width="stretch")
    for problem in problems:
        st.warning(say(problem), icon=":material/warning:")
    if data is not None and not problems:
        estimate = hd.estimate_train_seconds(cell, int(units), data.windows, data.window, int(epochs))
        st.caption(_estimate_text(estimate, data))
    if training:
        _progress()
    elif job is not None and job.error is not None:
        messages = getattr(job.error, "messages", None)
        st.error(" ".join(say(m) for m in messages) if messages
                 else tr("error.unexpected", what=f"{type(job.error).__name__}: {job.error}"))
    result = nets["result"]
    if result is not None and not training:
        history = result.history["loss"]
        if history:
            chart(memo("hidden_loss", (result, lang(), cell), lambda: loss_figure(history, lang(), cell=cell)),
                  "hidden_loss")
        if result.status == "diverged":
            key = "hidden.trained_diverged_relu" if activation == "relu" else "hidden.trained_diverged"
            epoch = result.message.values.get("epoch", result.epochs) if result.message else result.epochs
            st.warning(tr(key, epoch=epoch))  # no "use tanh" on tanh
        elif result.status == "stopped":
            st.info(tr("hidden.trained_stopped", epoch=result.epochs, seconds=Seconds(result.seconds)))
        elif history:
            st.success(tr("hidden.trained_done", seconds=Seconds(result.seconds),
                          first=_fmt(history[0]), last=_fmt(history[-1])))
    show_trained = controls.draw(toggle_slot, "hidden_show_trained", C["hidden_show_trained"],
                                 disabled=nets["trained"] is None)
    show_trained = bool(show_trained and nets["trained"] is not None)

# --- the forward pass the stage shows ------------------------------------------------------------
# A teacher's task asks the class to predict: the stage then opens with the future hidden.
hide_future = bool((share_links.teacher() or {}).get("task"))
view_key = (net_key, int(length), int(start), show_trained, lang(), nets.get("trained_id"), hide_future)
if ss.get(VIEW, {}).get("key") != view_key:
    with friendly_errors(tr("hidden.step_header")):
        inp = hd.make_input(values, source, length, start, scaler)
        network = nets["trained"] if show_trained else nets["untrained"]
        forward = hd.forward_pass(network, inp.x)
        T = len(inp.x)
        ss[STEP] = int(np.clip(ss.get(STEP, 1), 1, T))
        builds = ss["hidden_stage_builds"] = ss.get("hidden_stage_builds", 0) + 1
        # The stage opens at the current step (a lesson link's, or where the student was) and
        # keeps its own step afterwards: the payload does not change when the step settles, so
        # a settle rerun resends it only as a reference (Streamlit caches messages >= 10 KB).
        ss[VIEW] = {"key": view_key, "settings": settings, "inp": inp, "forward": forward,
                    "network": network, "mse": hd.window_mse(forward.prediction, inp.target),
                    "payload": build_payload(settings, inp, forward, lang(), hide_future, ss[STEP],
                                             builds),
                    "lines": None, "verify": None}
view = ss[VIEW] if ss.get(VIEW, {}).get("key") == view_key else None

if verify_clicked and view is not None:
    if not tensorflow_available():
        st.info(tr("hidden.verify_no_tf"))
    else:
        with st.spinner(tr("hidden.verifying")), friendly_errors(tr("hidden.verify")):
            layer = view["network"].layers[0]
            view["verify"] = worker.verify_against_keras(cell, layer.params, view["inp"].x,
                                                         view["forward"].hidden, activation)
if view is not None and view.get("verify") is not None:
    diff, n = view["verify"], view["forward"].hidden.size
    if diff <= VERIFY_TOLERANCE:
        st.success(tr("hidden.verify_ok", diff=num(diff, sig=2), n=int(n)))
    else:
        st.warning(tr("hidden.verify_bad", diff=num(diff, sig=2), n=int(n)))


# --- step by step: the stage moves in the browser; what follows it reruns when the step settles ---
def _draw_arithmetic(view: dict, t: int) -> None:
    forward, layer = view["forward"], view["network"].layers[0]
    cell, activation = view["settings"].cell, view["settings"].activation
    H = forward.hidden.shape[1]
    unit = controls.draw(st.columns([1, 3])[0], "hidden_unit", C["hidden_unit"], high=H)
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
            if not block.h_terms.size:  # minGRU, minLSTM: the gates read x_t only
                right.caption(tr("hidden.math_no_recurrent"))
                continue
            with right.expander(tr("hidden.math_terms", H=H)):
                terms = hd.recurrent_terms(ar, block.name)
                # numbers written the reader's way (a NumberColumn would use the browser's locale)
                st.markdown(markdown_table({"k": list(terms["k"]), **{
                    tr(f"hidden.col_{col}"): [num(float(v), decimals=4) for v in terms[col]]
                    for col in ("h", "w", "product")}}))
    if cell != "SimpleRNN":
        st.markdown(f"**{tr('hidden.math_state')}**")
        st.latex(LATEX_SIZE + hd.state_latex(ar, activation, lang()))
    engine = float(forward.hidden[t - 1, int(unit) - 1])
    st.caption(tr("hidden.math_check", engine=num(engine, decimals=6), ours=num(ar.h, decimals=6),
                  diff=num(abs(engine - ar.h), sig=2)))


def step_panel() -> None:
    _step_panel(ss[VIEW])  # run as a fragment that guards and saves: the settled step survives a reload


def _step_panel(view: dict) -> None:
    forward, cell = view["forward"], view["settings"].cell
    T = len(view["inp"].x)
    ss[STEP] = int(np.clip(ss.get(STEP, 1), 1, T))

    def on_step(t: int) -> None:
        ss[STEP] = int(np.clip(t, 1, T))
        live.publish()  # a live lesson's teacher: students follow the settled step at once

    # A live lesson's student follows the teacher's step; a lesson played alone sets the scene's.
    hide = live.hide_future() or lesson_player.hide_future()
    stage(live.stage_payload(view), key=STAGE, on_step=on_step,
          goto=live.stage_goto() or lesson_player.stage_goto(), hide=hide)
    st.caption(tr("stage.explain") + " " + tr("hidden.loss_now", mse=_fmt(view["mse"])))
    if cell == "LSTM":
        st.caption(tr("hidden.explain_lstm") + " " + tr("hidden.explain_cell"))
    elif cell == "GRU":
        st.caption(tr("hidden.explain_gru"))
    elif cell in ("minGRU", "minLSTM"):
        st.caption(tr(f"hidden.explain_{cell.lower()}"))
    # Folded (issue 26 item 11: 7.4 screens on a phone): the stage is what the class watches;
    # one unit's arithmetic, with its real numbers at the current step, opens under it. Drawn
    # only while open (a class following a lesson draws this page forty times per scene).
    with folds.fold(tr("hidden.math_header"), view_state.MATH_FOLD, icon=":material/calculate:") as fold:
        if fold.open:
            _draw_arithmetic(view, ss[STEP])
    if hide:  # a live lesson's open question (or a lesson's scene): this chart would show the future
        return
    with folds.fold(tr("hidden.fig.lines_title"), view_state.LINES_FOLD, icon=":material/show_chart:") as fold:
        if fold.open:
            if view["lines"] is None:  # the notebook's chart; it does not follow the step
                view["lines"] = lines_figure(forward.hidden, lang())
            chart(view["lines"], "hidden_fig_lines", data="csv")  # already in an expander
            st.caption(tr("hidden.explain_lines"))


if view is not None:
    with stage_box:
        showing = "hidden.showing_trained" if view["network"] is nets["trained"] else "hidden.showing_untrained"
        showing_slot.markdown(f"**{tr('hidden.step_header')}** · {tr(showing)}")
        # A fragment: a settled step reruns the stage's followers, not the settings and training.
        fragments.run(step_panel, tr("hidden.step_header"))


# --- gradients through time and the memory probe (its own fragment) -----------------------------
def probe_panel() -> None:
    _probe_panel()


def _probe_panel() -> None:
    # Folded like the arithmetic: below the stage and its training, opened when the lesson gets
    # to vanishing gradients. Its probes (two small trainings) and figures were most of this
    # page's cost: computed only once someone opens it.
    with folds.fold(tr("hidden.grad_header"), view_state.GRADS_FOLD, icon=":material/trending_down:") as fold:
        if fold.open:
            _probe_body()


def _probe_body() -> None:
    st.markdown(tr("hidden.grad_intro", H=hd.PROBE_UNITS))
    probe_values = values if series_ok else np.tile(hd.TOY, 20)
    p1, p2 = st.columns(2)
    n = controls.draw(p1, "hidden_grad_length", C["hidden_grad_length"], high=len(probe_values))
    radius = controls.draw(p2, "hidden_grad_radius", C["hidden_grad_radius"])
    probe_scaler = scaler if source == "series" and scaler is not None else hd.fit_scaler(probe_values)
    x = hd.make_input(probe_values, "series", n, 0, probe_scaler).x
    gradients, memory = _probe_profiles(x, float(radius))
    key = (x, float(radius), lang())  # what the profiles are pure in: every session shares them
    # Trained beside untrained, trained first: the probe cells trained on this series' training
    # part (bounded: PROBE_WINDOWS windows, PROBE_EPOCHS epochs, in the worker, shared by sessions).
    data = hd.training_data(probe_values, "series", probe_scaler, split.val_fraction,
                            split.test_fraction, max_windows=hd.PROBE_WINDOWS)
    with st.spinner(tr("hidden.grad_training")):
        both = _trained_probe(x, float(radius), data.values, data.window)
    key = (*key, data.values)
    chart(memo("hidden_gradients", key, lambda: gradient_figure(both["trained"], lang(),
                                                                 untrained=both["untrained"])),
          "hidden_fig_gradients")
    back = min(10, len(x) - 1)
    ratios = ", ".join(f"{name} ×{num(_ratio(both, name, back), sig=2)}" for name in both["trained"])
    st.caption(tr("hidden.grad_explain_both", epochs=hd.PROBE_EPOCHS, k=back, ratios=ratios))
    with st.expander(tr("hidden.grad_why")):  # nested in the section's fold (Streamlit 1.67 nests them)
        st.markdown(tr("hidden.grad_explain"))
    chart(memo("hidden_memory", key, lambda: memory_figure(memory, lang())), "hidden_fig_memory")
    st.caption(tr("hidden.memory_explain"))
    _trained_profile(probe_values, probe_scaler, int(n))


@st.cache_data(max_entries=32, show_spinner=False)
def _probe_profiles(x: np.ndarray, radius: float) -> tuple:
    """The probe cells' gradient and memory profiles: pure in the scaled input (it carries the
    data, the scaler and the length) and the radius, so every session shares them."""
    cells = hd.probe_cells(radius)
    return hd.gradient_profiles(x, cells), hd.memory_profiles(x, cells)


@st.cache_data(max_entries=16, show_spinner=False)
def _trained_probe(x: np.ndarray, radius: float, train_values: np.ndarray, window: int) -> dict:
    """The probe cells' gradient profiles untrained and trained on ``train_values`` (windows of
    ``window`` steps): pure in its arguments, so every session shares them."""
    data = hd.TrainingData(train_values, window, len(train_values) - window)
    return worker.probe_gradients(x, radius, data)


def _ratio(both: dict, name: str, back: int) -> float:
    """How many times more gradient reaches ``back`` steps after training than before."""
    before, after = both["untrained"][name][back], both["trained"][name][back]
    return float(after / before) if before > 0 else float("nan")


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
    key = (net_key, nets.get("trained_id"), n, _scaler_fingerprint(probe_scaler), lang())
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
    chart(ss[TRAINED_PROBE]["gradients"], "hidden_fig_trained_gradients")
    chart(ss[TRAINED_PROBE]["memory"], "hidden_fig_trained_memory")


fragments.run(probe_panel, tr("hidden.grad_header"))
