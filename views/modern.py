"""Modern recurrences: minGRU and minLSTM, the parallel scan proven equal to the loop, honest
timing, and the task they fail (issue 25). Logic in rnnlab.pages.modern; figures in rnnlab.plots.modern."""

import numpy as np
import streamlit as st

from rnnlab.i18n.numbers import fmt_seconds
from rnnlab.pages import modern
from rnnlab.plots import modern as figs
from rnnlab.scratch import MinGRU, MinLSTM
from ui.elements.charts import chart, memo
from ui.elements.fragments import fragment
from ui.elements.guard import friendly_errors
from ui.i18n import lang, num, pct, tr

CHECK_STEPS, CHECK_UNITS = 1000, 16
PARITY = {"units": 16, "steps": 12, "samples": 256, "epochs": 30, "time_limit": 4.0}
PARITY_CELLS = ("minGRU", "GRU", "minLSTM", "LSTM")
RESULTS = "modern_parity_results"


def _sci(value: float) -> str:
    """A small error as 2.2·10⁻¹⁶, the mantissa written the reader's way."""
    if value == 0:
        return num(0)
    exponent = int(np.floor(np.log10(abs(value))))
    mantissa = value / 10.0**exponent
    digits = str(exponent).replace("-", "⁻")
    for d, sup in zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True):
        digits = digits.replace(d, sup)
    return f"{num(round(mantissa, 1))}·10{digits}"


@fragment("modern: tree")
def tree_section() -> None:
    steps = st.slider(tr("modern.tree_steps"), 2, 16, 8, key="modern_tree_steps",
                      help=tr("modern.tree_steps_help"))
    rounds = modern.tree_rounds(steps)
    summary = modern.depth_summary(steps)
    labels = {"loop": tr("modern.loop"), "scan": tr("modern.scan"), "round": tr("modern.round"),
              "input": tr("modern.input")}
    fig = memo("modern_tree", (steps, lang()), lambda: figs.scan_tree(
        steps, rounds, labels, tr("modern.fig_tree", steps=steps), lang=lang()))
    chart(fig, "modern_tree", alt=tr("modern.tree_alt", steps=steps, rounds=summary["scan_rounds"],
                                     combines=summary["combines"]))
    a, b = st.columns(2)
    a.metric(tr("modern.rounds_metric"), f"{num(summary['loop_rounds'])} → {num(summary['scan_rounds'])}")
    b.metric(tr("modern.combines_metric"), f"{num(summary['loop_combines'])} → {num(summary['combines'])}")
    st.caption(tr("modern.rounds_caption", loop=summary["loop_rounds"], loop_work=summary["loop_combines"],
                  scan=summary["scan_rounds"], work=summary["combines"]))


@fragment("modern: check")
def check_section() -> None:
    st.subheader(tr("modern.check_title"))
    seed = st.number_input(tr("modern.check_seed"), 0, 10_000, 0, step=1, key="modern_check_seed")
    st.markdown(tr("modern.check_body", units=CHECK_UNITS, steps=CHECK_STEPS, seed=int(seed)))
    rng = np.random.default_rng(int(seed))
    x = rng.normal(size=(2, CHECK_STEPS, 1))
    for cls in (MinGRU, MinLSTM):
        cell = cls(1, CHECK_UNITS, seed=int(seed))
        cell.params["b"][:] = rng.normal(size=cell.params["b"].shape)
        loop = cell.forward(x, mode="loop").hidden
        scan = float(np.abs(cell.forward(x, mode="scan").hidden - loop).max())
        log = float(np.abs(cell.forward(x, mode="log").hidden - loop).max())
        st.markdown("- " + tr("modern.check_row", cell=cls.kind, scan=_sci(scan), log=_sci(log)))
    st.caption(tr("modern.check_note", eps=_sci(float(np.finfo(float).eps))))


@fragment("modern: timing")
def timing_section() -> None:
    timing = modern.load_timing()
    if timing is None:
        st.info(tr("modern.time_missing"))
        return
    machine, load = timing["machine"], timing["load_average"]
    st.markdown(tr("modern.time_body", cpu=machine["cpu"], cores=machine["cores"],
                   date=timing["measured"][:10], load_before=round(load["before"], 1),
                   load_after=round(load["after"], 1)))
    a, b, c = st.columns(3)
    units_options = sorted({r["units"] for r in timing["numpy"]})
    units = a.segmented_control(tr("modern.time_units"), units_options, default=units_options[-1],
                                key="modern_time_units") or units_options[-1]
    what_labels = {"train": tr("modern.time_train"), "forward": tr("modern.time_forward")}
    what = b.segmented_control(tr("modern.time_what"), list(what_labels), default="train",
                               format_func=what_labels.get, key="modern_time_what") or "train"
    clock_labels = {"cpu": tr("modern.clock_cpu"), "wall": tr("modern.clock_wall")}
    clock = "wall"
    if "scan_train_cpu_s" in timing["numpy"][0]:  # files from before CPU time was recorded: wall only
        clock = c.segmented_control(tr("modern.time_clock"), list(clock_labels), default="cpu",
                                    format_func=clock_labels.get, key="modern_time_clock",
                                    help=tr("modern.clock_help")) or "cpu"
    names = {"loop": tr("modern.loop"), "scan": tr("modern.scan"), "log": tr("modern.log"),
             "minGRU_scan": tr("modern.keras_scan"), "minGRU_loop": tr("modern.keras_loop"),
             "GRU": "Keras GRU", "LSTM": "Keras LSTM"}
    curves = modern.numpy_curves(timing, units, what, clock)
    fig = memo("modern_numpy_time", (units, what, clock, lang(), timing["measured"]), lambda: figs.timing(
        curves, names, tr("modern.fig_numpy", units=units, what=f"{what_labels[what]}, {clock_labels[clock]}"),
        tr("modern.x_len"), tr("modern.y_ms"), lang=lang()))
    chart(fig, "modern_numpy_time", extra=machine["cpu"])
    _crossover(curves, "scan", "loop", names)
    keras_curves = modern.keras_curves(timing, clock) or modern.keras_curves(timing)
    if keras_curves:
        setup = timing.get("keras_setup", {})
        fig = memo("modern_keras_time", (clock, lang(), timing["measured"]), lambda: figs.timing(
            keras_curves, names, tr("modern.fig_keras", batch=setup.get("batch"), units=setup.get("units"),
                                    clock=clock_labels[clock]),
            tr("modern.x_len"), tr("modern.y_ms"), lang=lang()))
        chart(fig, "modern_keras_time", extra=machine["cpu"])
        for rival in ("GRU", "LSTM"):
            _crossover(keras_curves, "minGRU_scan", rival, names)
    st.markdown(tr("modern.where_loses", cores=machine["cores"]))


def _crossover(curves: dict, fast: str, slow: str, names: dict) -> None:
    if fast not in curves or slow not in curves:
        return
    xs, fast_ys = curves[fast]
    T = modern.crossover(xs, fast_ys, curves[slow][1])
    if T is None:
        st.markdown("- " + tr("modern.cross_no", fast=names[fast], slow=names[slow]))
    else:
        st.markdown("- " + tr("modern.cross_yes", fast=names[fast], slow=names[slow], T=T))


@fragment("modern: parity")
def parity_section() -> None:
    steps, long = PARITY["steps"], 4 * PARITY["steps"]
    st.markdown(tr("modern.fail_body", samples=PARITY["samples"], steps=steps, long=long))
    cells = st.multiselect(tr("modern.fail_cells"), PARITY_CELLS, default=["minGRU", "GRU"],
                           key="modern_fail_cells")
    if st.button(tr("modern.fail_train"), key="modern_fail_train", type="primary",
                 icon=":material/play_arrow:", disabled=not cells):
        results = {}
        for cell in cells:
            with st.spinner(tr("modern.fail_running", cell=cell)):
                results[cell] = modern.train_parity(cell, **PARITY)
        st.session_state[RESULTS] = results
    if not cells:
        st.info(tr("modern.fail_none"))
    results = st.session_state.get(RESULTS)
    if not results:
        st.caption(tr("modern.fail_hint"))
        return
    by_epoch = {c: (list(range(1, r.epochs + 1)), r.accuracy) for c, r in results.items()}
    fig = figs.parity(by_epoch, tr("modern.fig_epochs", steps=steps), tr("modern.x_epoch"),
                      tr("modern.y_accuracy"), lang=lang())
    chart(fig, "modern_parity_epochs")
    by_step = {c: (list(range(1, len(r.long_by_step) + 1)), r.long_by_step) for c, r in results.items()}
    fig = figs.parity(by_step, tr("modern.fig_by_step", long=long), tr("modern.x_step"),
                      tr("modern.y_accuracy"), mark=steps, mark_text=tr("modern.trained_len"), lang=lang())
    chart(fig, "modern_parity_steps")
    for cell, r in results.items():
        st.markdown("- " + tr("modern.fail_result", cell=cell, acc=pct(r.accuracy[-1]), steps=steps,
                              long_acc=pct(r.long_accuracy), long=long, epochs=r.epochs,
                              seconds=fmt_seconds(r.seconds, lang())))


st.title(tr("modern.title"))
st.markdown(tr("modern.intro"))

with friendly_errors("modern: form"):
    st.header(tr("modern.form_title"))
    left, right = st.columns([1, 1.2], gap="large")
    left.markdown(tr("modern.form_body"))
    left.caption(tr("modern.g_note"))
    with right:
        st.latex(modern.UNIFIED)
        for cell, lines in modern.EQUATIONS.items():
            st.markdown(f"**{cell}**")
            for line in lines:
                st.latex(line)
        st.latex(modern.G_ACTIVATION)

with friendly_errors("modern: scan"):
    st.header(tr("modern.scan_title"))
    st.markdown(tr("modern.scan_body"))
    st.latex(modern.COMPOSE)
    tree_section()
    check_section()

with friendly_errors("modern: timing"):
    st.header(tr("modern.time_title"))
    timing_section()

with friendly_errors("modern: parity"):
    st.header(tr("modern.fail_title"))
    parity_section()
    st.markdown(tr("modern.fail_why"))
    with st.expander(tr("modern.refs"), icon=":material/menu_book:"):
        for ref in modern.REFERENCES.values():
            st.markdown(f"- {ref}")
