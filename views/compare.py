"""Compare page: SimpleRNN vs LSTM vs GRU, and every run of the session, side by side.

Thin: widgets -> rnnlab.pages.compare / rnnlab.plots.compare -> figures. Training runs in the
session's background job (ui.jobs.training_job); only training needs TensorFlow, so the runs
already in the session can be compared without it.
"""

from __future__ import annotations

import streamlit as st

from rnnlab import training
from rnnlab.declarations.messages import Message
from rnnlab.i18n.numbers import Seconds, fmt, fmt_pct
from rnnlab.pages import compare
from rnnlab.pages.page_controls import COMPARE as C
from rnnlab.pages.params import dense_params
from rnnlab.plots import compare as plots
from rnnlab.plots.style import RUN_PALETTE, assign_colors
from rnnlab.training.backend import tensorflow_available
from ui.classroom import live_board
from ui.elements import controls, fragments
from ui.elements.charts import chart, memo, time_labels
from ui.elements.guard import friendly_errors
from ui.i18n import lang, num, say, tr, trn
from ui.jobs import memory, training_job
from ui.panels import backtest_view, residuals_view
from ui.session import compare_view_state as view_state
from ui.session import state
from ui.text import md_escape

# The page's state has its owner: ui/session/compare_view_state.py (selection, colours, the job shown).


# Numbers of the run table written as text in the page's language: a NumberColumn would format
# them in the browser's locale (an English browser would show a Spanish page "0.0653").
NUMBER_FORMATS = {
    "layers": {}, "units": {}, "lookback": {}, "epochs": {}, "params": {},
    "learning_rate": {"sig": 4}, "sec_per_epoch": {"decimals": 2}, "test_mase": {"decimals": 3},
    "test_rmse": {"sig": 4},
    "test_mae": {"sig": 4},
}


def _display_table(table):
    """The run table as the page shows it: numbers written the user's way, as text."""
    shown = table.copy()
    language = lang()
    for column, options in NUMBER_FORMATS.items():
        shown[column] = [fmt(v, language, **options) if options else fmt(int(v), language)
                         for v in table[column]]
    for column in ("vs_persistence", "vs_linear"):
        shown[column] = [fmt_pct(v / 100, language, sign=True) for v in table[column]]
    return shown


# ----- training the three cells -------------------------------------------------------------


def _job_view(job) -> tuple | None:
    return None if job is None else (job.job_id, len(job.runs), job.running)


def _progress_panel() -> None:
    """Progress of this session's job; redraws itself while training, the page when runs land."""
    job = training_job.current_job()
    if job is None:
        return
    if _job_view(job) != view_state.drawn_view():
        st.rerun(scope="app")  # a run finished (or the job ended): show it in the table and charts
    if not job.running:
        return
    p = job.progress()
    if p.queue_position:
        st.info(tr("compare.queued", pos=p.queue_position) + " "
                + training_job.queue_estimate(p.queue_position), icon=":material/hourglass_top:")
    eta = (tr("compare.eta", s=Seconds(p.eta_seconds)) if p.eta_seconds is not None
           else tr("compare.eta_unknown"))
    text = tr("compare.progress", cell=p.config.cell, i=p.run_number, n=p.n_runs,
              epoch=p.epoch, epochs=p.epochs, eta=eta)
    st.progress(p.fraction, text=tr("compare.stopping") if p.stop_requested else text)
    st.button(tr("compare.stop_button"), key="compare_stop", icon=":material/stop_circle:",
              help=tr("compare.stop_help"), on_click=job.request_stop, disabled=p.stop_requested)


def _time_problems(configs: list, n: int) -> list:
    """The three trainings together must fit the server's time limit, not only each one."""
    estimate = sum(training.estimate_seconds(c, n) for c in configs)
    limit = training.max_train_seconds()
    if limit <= 0 or estimate <= limit:
        return []
    per_epoch = sum(training.estimate_seconds(c, n) - training.FIRST_EPOCH for c in configs) / max(
        1, configs[0].epochs)
    fit = max(1, int((limit - len(configs) * training.FIRST_EPOCH) / per_epoch)) if per_epoch > 0 else 1
    return [Message("compare.problem.too_slow", {"estimate": Seconds(estimate),
                                                 "limit": Seconds(limit),
                                                 "epochs": fit})]


def _estimate_text(configs: list, n: int) -> str:
    estimate = Seconds(sum(training.estimate_seconds(c, n) for c in configs))
    limit = training.max_train_seconds()
    if limit <= 0:
        return tr("train.estimate_nolimit", time=estimate)
    return tr("train.estimate", time=estimate, limit=Seconds(limit))


def training_section() -> None:
    """Train the three cells: the button first, its settings folded under it (a projector
    shows the button and the loss chart beside it without scrolling)."""
    st.subheader(tr("compare.three.header"))
    running = training_job.is_running()
    top = st.container()  # the button and what it says, above the folded settings
    settings = st.expander(tr("compare.settings_title"), icon=":material/tune:")
    with settings:
        st.markdown(tr("compare.three.intro"))
        c1, c2 = st.columns(2)
        c3, c4, c5 = st.columns(3)
    language = lang()
    units = controls.draw(c1, "compare_units", C["compare_units"], disabled=running)
    epochs = controls.draw(c2, "compare_epochs", C["compare_epochs"], disabled=running)
    batch = controls.draw(c3, "compare_batch", C["compare_batch"], disabled=running)
    learning_rate = controls.draw(c4, "compare_lr", C["compare_lr"], disabled=running)
    seed = controls.draw(c5, "compare_seed", C["compare_seed"], disabled=running)
    modern = controls.draw(settings, "compare_modern", C["compare_modern"], disabled=running)
    with top:
        _train_controls(running, language, units, epochs, batch, learning_rate, seed, modern)


def _train_controls(running, language, units, epochs, batch, learning_rate, seed, modern) -> None:
    values, split = state.working_values(), state.get_split()
    series_name = state.series_name(lang())
    st.caption(tr("compare.settings_now", units=int(units), epochs=int(epochs), batch=int(batch),
                  lr=fmt(float(learning_rate), language), seed=int(seed)) + " · "
               + tr("compare.three.data", series=md_escape(series_name), n=len(values),
                  lookback=split.lookback, val=fmt_pct(split.val_fraction, language),
                  test=fmt_pct(split.test_fraction, language),
                  scaler=tr(f"data.scaler.{split.scaler}").lower()))
    configs = compare.three_cell_configs(
        modern=bool(modern), units=int(units), epochs=int(epochs), batch_size=int(batch), seed=int(seed),
        learning_rate=float(learning_rate),
        lookback=split.lookback, val_fraction=split.val_fraction,
        test_fraction=split.test_fraction, scaler=split.scaler)
    problems = configs[0].validate(len(values))  # same data and sizes for all three cells
    if not problems:
        problems = _time_problems(configs, len(values))
    for problem in problems:
        st.error(say(problem), icon=":material/error:")

    if not problems:
        st.caption(_estimate_text(configs, len(values)))  # before Train: how long it will take
    allowed = running or memory.allow_training("compare")  # past the session's budget: ask first
    if st.button(tr("compare.train_button"), key="compare_train", type="primary",
                 icon=":material/play_arrow:", disabled=running or bool(problems) or not allowed):
        job = training_job.start_job(configs, values, series_name)
        view_state.set_focus_job(job.job_id)
        running = training_job.is_running()

    job = training_job.current_job()
    if job is not None and job.state == training_job.FAILED:
        for problem in job.problems:
            st.error(say(problem), icon=":material/error:")
        if job.error:
            st.error(tr("compare.job_failed", error=job.error), icon=":material/error:")
    fragments.run(_progress_panel, "compare: progress",
                  run_every=training_job.POLL_SECONDS if running else None)


# ----- the run table ------------------------------------------------------------------------


def _sync_selection(runs: list) -> None:
    """New runs join the selection; when the three-cell job started here ends, show its runs."""
    ids = [r.run_id for r in runs]
    selected, seen = compare.update_selection(ids, view_state.selected(), view_state.seen())
    job = training_job.current_job()
    if job is not None and not job.running and view_state.focus_job() == job.job_id:
        view_state.set_focus_job(None)
        finished = {r.run_id for r in job.runs}
        if finished:
            selected = finished & set(ids)
    view_state.set_selection(selected, seen)
    view_state.set_colors(assign_colors(ids, view_state.colors(),
                                        cells={r.run_id: r.config.cell for r in runs}))


def _column_config() -> dict:
    col = st.column_config
    helps = {"epochs": "compare.colhelp.epochs", "sec_per_epoch": "compare.colhelp.sec_per_epoch",
             "test_mase": "compare.colhelp.test_mase", "test_rmse": "compare.colhelp.test_rmse",
             "vs_persistence": "compare.colhelp.vs_persistence",
             "vs_linear": "compare.colhelp.vs_linear"}
    numbers = [*NUMBER_FORMATS, "vs_persistence", "vs_linear"]
    text = {c: col.TextColumn(tr(f"compare.col.{c}"), help=tr(helps[c]) if c in helps else None)
            for c in ("cell", "activation", "status", *numbers)}
    return {
        "show": col.CheckboxColumn(tr("compare.col.show"), width=95),
        "delete": col.CheckboxColumn(tr("compare.col.delete"), width=85),
        "name": col.TextColumn(tr("compare.col.name"), width="medium", max_chars=40),
        **text,
    }


def _phone_summary(shown) -> None:
    """On a phone the table's first columns (tick boxes, name) fill the screen: each run's key
    numbers as a short list under it, shown on phones only (ui/elements/a11y.py)."""
    cols = {c: tr(f"compare.col.{c}").replace(" (%)", "") for c in ("test_mase", "vs_persistence", "vs_linear")}
    lines = [f"- **{md_escape(str(row['name']))}**: " + " · ".join(f"{cols[c]} {row[c]}" for c in cols)
             for _, row in shown.iterrows()]
    with st.container(key="compare_phone_summary"):
        st.markdown("\n".join(lines))


def _delete(run_ids: list[str]) -> None:
    removed = compare.delete_runs(state.runs(), run_ids)
    st.toast(trn("compare.deleted", removed), icon=":material/delete:")


def runs_section(runs: list) -> list:
    """The run table (select, rename, mark for deletion), delete and CSV; returns the shown runs."""
    st.subheader(tr("compare.runs.header"))
    memory.usage_panel()
    if not runs:
        st.info(tr("compare.runs.empty"), icon=":material/info:")
        return []
    st.caption(tr("compare.runs.help"))
    table = compare.run_table(runs, view_state.selected(), lang=lang())
    locked = [c for c in table.columns if c not in compare.EDITABLE_COLUMNS]
    shown_table = _display_table(table)
    edited = st.data_editor(shown_table, key="compare_table", hide_index=True, num_rows="fixed",
                            width="stretch", column_order=compare.DISPLAY_COLUMNS,
                            column_config=_column_config(), disabled=locked)
    _phone_summary(shown_table)
    edits = compare.read_edits(runs, edited)
    for run_id, name in edits.names.items():
        compare.rename_run(runs, run_id, name)
    view_state.set_selection(edits.selected)

    buttons = st.container(horizontal=True)
    buttons.button(tr("compare.delete_button", n=len(edits.to_delete)), key="compare_delete",
                   icon=":material/delete:", help=tr("compare.delete_help"), on_click=_delete,
                   args=(edits.to_delete,),
                   disabled=not edits.to_delete or training_job.is_running())
    csv = compare.table_csv(compare.run_table(runs, edits.selected), lang())
    buttons.download_button(tr("compare.download"), csv, key="compare_csv", mime="text/csv",
                            file_name=tr("compare.download_name") + ".csv",
                            icon=":material/download:", on_click="ignore")
    live_board.post_controls(runs, "compare")  # in a live lesson: post one to the class board
    return [r for r in runs if r.run_id in edits.selected]


# ----- verdict, charts, parameters ----------------------------------------------------------


def verdict_section(shown: list) -> None:
    st.subheader(tr("compare.verdict.header"))
    result = compare.judge(shown)
    lines = [say(message) for message in result.messages]
    body = tr("compare.verdict.scope") + "\n\n" + "\n".join(f"- {line}" for line in lines)
    if result.best is None or not result.comparable:
        st.warning(body, icon=":material/warning:")
    elif result.vs_persistence > 0:  # green only when the best run beats "tomorrow = today"
        st.success(body, icon=":material/emoji_events:")
    else:
        st.info(body, icon=":material/info:")


def _loss_chart(shown: list, colors: dict) -> None:
    """The loss of the shown runs, beside the Train button; the scale toggle reruns the page
    (the MAE chart below follows it)."""
    log = view_state.log_scale()
    key = (*_figure_key(shown, colors), log)
    chart(memo("compare_loss", key, lambda: plots.loss_figure(shown, colors, lang(), log=log, height=420)),
          "compare_loss", extra=tr("alt.loss_key"))


def loss_panel(shown: list, has_runs: bool) -> None:
    """Next to the button: the loss of the shown runs, or before any run where it will be."""
    if has_runs and not shown:
        st.info(tr("compare.charts.none"), icon=":material/info:")
        return
    if not shown:
        fig = memo("compare_loss_empty", (lang(),), lambda: plots.empty_loss_figure(
            tr("compare.loss_empty"), lang(), height=420))
        chart(fig, "compare_loss_empty", alt=tr("compare.loss_empty_alt"), data=False)
        return
    _loss_chart(shown, view_state.colors())
    st.toggle(tr("compare.log_scale"), key=view_state.LOG, help=tr("compare.log_help"))


def _figure_key(shown: list, colors: dict) -> tuple:
    """What the charts draw: the runs (by identity; names change on rename), colours, language."""
    return (tuple((run, run.name) for run in shown), tuple(colors.items()), lang())


def charts_section(shown: list) -> None:
    """Every chart full width, one under another: on a projector each one must read on its own
    (the loss is at the top, beside the button)."""
    st.subheader(tr("compare.charts.header"))
    if not shown:
        st.info(tr("compare.charts.none"), icon=":material/info:")
        return
    colors = view_state.colors()
    log = view_state.log_scale()
    key = _figure_key(shown, colors)
    chart(memo("compare_mae", (*key, log), lambda: plots.val_mae_figure(shown, colors, lang(), log=log)),
          "compare_mae")
    st.caption(tr("compare.mae_note"))
    if not compare.same_test_data(shown):
        st.warning(tr("compare.pred_mismatch", name=shown[0].name), icon=":material/warning:")
    x = time_labels(shown[0].values) if shown[0].values is not None and compare.same_test_data(shown) else None
    chart(memo("compare_pred", (key, x), lambda: plots.predictions_figure(shown, colors, lang(), x=x)),
          "compare_pred")
    chart(memo("compare_params", key, lambda: plots.params_figure(shown, colors, lang())), "compare_params")
    chart(memo("compare_time", key, lambda: plots.time_figure(shown, colors, lang())), "compare_time")


def params_section(shown: list) -> None:
    units = compare.typical_units(shown)
    st.subheader(tr("compare.params.header"))
    st.markdown(tr("compare.params.intro", d=1, h=units))
    header = [tr(f"compare.params.col_{c}") for c in
              ("cell", "blocks", "formula", "count", "per_unit", "ratio")]
    lines = ["| " + " | ".join(header) + " |", "|---|--:|---|--:|--:|--:|"]
    for row in compare.params_per_unit(units, input_size=1):
        lines.append(f"| {row.cell} | {row.blocks} | ${row.formula}$ | {num(int(row.count))} | "
                     f"{num(row.per_unit, decimals=0)} | {num(row.ratio, decimals=2)}× |")
    st.markdown("\n".join(lines))
    st.caption(tr("compare.params.outro", dense=dense_params(units)))


# ----- the page -----------------------------------------------------------------------------

st.title(tr("compare.title"))
st.caption(tr("compare.intro"))
runs = state.runs()
has_tf = tensorflow_available()  # installed, and no import of it failed in this process

if not has_tf and not runs:
    from ui.panels.no_tf import render_fallback

    render_fallback()  # nothing to compare and nothing can be trained: teach instead
    st.stop()

# What the page draws of the job now; the progress fragment redraws the page when it changes.
view_state.set_drawn_view(_job_view(training_job.current_job()))
shown: list = []

# On a 1280x720 projector: the button and the loss chart it fills, side by side, first.
train_col, loss_col = st.columns([5, 6], gap="large")
with train_col, friendly_errors("compare: training"), st.container(border=True):
    if has_tf:
        training_section()
    else:
        st.warning(tr("compare.no_tf_train"), icon=":material/info:")

with friendly_errors("compare: runs"):
    compare.ensure_ids(runs)
    _sync_selection(runs)
    shown = runs_section(runs)
    if shown:
        verdict_section(shown)
    if runs and len(shown) > len(RUN_PALETTE):
        st.caption(tr("compare.charts.palette", n=len(RUN_PALETTE)))
    if runs:
        charts_section(shown)
with loss_col, friendly_errors("compare: loss"):
    loss_panel(shown, bool(runs))
if shown:
    with friendly_errors("compare: residuals"), st.container(key="compare_residuals"):
        residuals_view.compare_section(shown)
if runs:
    with friendly_errors("compare: backtest"), st.container(key="bt_cmp_section"):
        backtest_view.compare_section(shown, view_state.colors())
with friendly_errors("compare: parameters"), st.container(key="compare_params_explained"):
    params_section(shown)
