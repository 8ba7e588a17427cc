"""Train page: a Keras SimpleRNN / LSTM / GRU from sliders, live progress, honest results.

Thin: widgets -> TrainConfig -> ui.jobs.training_job (a background thread running
rnnlab.training.train) -> figures from rnnlab.plots.train. TensorFlow is imported only when a
model is trained, forecast or exported.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab.data.windows import split_points
from rnnlab.i18n.numbers import Seconds, fmt, fmt_seconds
from rnnlab.pages.page_controls import TRAIN as C
from rnnlab.pages.params import stack_params
from rnnlab.plots import train as plots
from rnnlab.runtime import worker
from rnnlab.training import TrainConfig, admit
from rnnlab.training.layers import for_students
from ui.classroom import live_board
from ui.elements import controls
from ui.elements.charts import chart, memo, time_labels
from ui.elements.fragments import fragment
from ui.elements.guard import friendly_errors
from ui.i18n import lang, num, say, tr, trn
from ui.jobs import memory, training_job
from ui.panels import backtest_view, copycat_view, residuals_view
from ui.panels.no_tf import require_tensorflow
from ui.persistence import persist
from ui.session import state
from ui.session import train_view_state as view_state
from ui.text import md_escape

W = view_state.W  # widget key prefix: the page's state has its owner (ui/session/train_view_state.py)

MAX_FORECAST = 50
FIELDS = tuple(TrainConfig.__dataclass_fields__)  # each has its control "train_" + field
SPLIT_FIELDS = ("lookback", "val_fraction", "test_fraction", "scaler")  # the Data page's split


# ----- configuration <-> widgets -----

def _quick_config() -> TrainConfig:
    """The fast first run: a small tanh LSTM trained long enough to beat persistence on the
    notebook's series (TrainConfig.quick), on the Data page's split."""
    split = state.get_split()
    return TrainConfig.quick(lookback=split.lookback, val_fraction=split.val_fraction,
                             test_fraction=split.test_fraction, scaler=split.scaler)


def _widget_value(name: str, value):
    return float(value or 0.0) if name == "clipnorm" else value  # the slider's 0 = off (None)


def _load_widgets(config: TrainConfig, names=FIELDS) -> None:
    """Copy a config into the widget keys (before the widgets are drawn, or in a callback)."""
    for name in names:
        view_state.set_widget(name, _widget_value(name, getattr(config, name)))


def _config_from_widgets() -> TrainConfig:
    values = view_state.widget_values(FIELDS)
    values["clipnorm"] = float(values.get("clipnorm") or 0.0) or None
    for name in ("val_fraction", "test_fraction", "dropout"):  # slider floats: 0.15000000000000002
        if name in values:
            values[name] = round(float(values[name]), 4)
    return TrainConfig.from_dict(values)


def _follow_data_split() -> None:
    """A change of the Data page's split since the last visit replaces Train's copy of it."""
    split = state.get_split()
    seen = (split.lookback, split.val_fraction, split.test_fraction, split.scaler)
    before = view_state.split_seen()
    if before != seen:
        if before is not None:
            _load_widgets(_quick_config(), names=SPLIT_FIELDS)
        view_state.set_split_seen(seen)


def _apply_preset() -> None:
    _load_widgets(TrainConfig.seed_notebook())


def _apply_quick() -> None:
    _load_widgets(_quick_config())


def _labels(known: dict, other):
    """A format_func fixed to this run's texts (AppTest calls it again outside the script)."""
    return lambda value: known.get(value) or other(value)


def _number_label():
    """A format_func writing numbers in this run's language (0,001 / 0.001)."""
    language = lang()
    return lambda value: fmt(value, language)


def _config_widgets(n: int, disabled: bool, cell_box, settings_box) -> TrainConfig:
    """The cell in ``cell_box`` (next to Train: the main choice); every other setting in
    ``settings_box`` (folded: the quick model's values are a good first run)."""
    first = _quick_config()  # a first visit's values: the quick model on the Data page's split

    def draw(container, name: str, **options):
        return controls.draw(container, W + name, C[W + name], disabled=disabled,
                             default=_widget_value(name, getattr(first, name)), **options)

    draw(cell_box, "cell")  # three segments that never wrap
    with settings_box:
        data_col, arch_col, train_col = st.columns(3, gap="medium")
    with data_col.container(border=True):
        st.subheader(tr("train.group.data"))
        draw(st, "lookback", high=max(2, n - 2))
        draw(st, "val_fraction")
        draw(st, "test_fraction")
        draw(st, "scaler")
    with arch_col.container(border=True):
        st.subheader(tr("train.group.arch"))
        for name in ("layers", "units", "activation", "dropout"):
            draw(st, name)
    with train_col.container(border=True):
        st.subheader(tr("train.group.training"))
        draw(st, "epochs")
        draw(st, "batch_size")
        draw(st, "optimizer")
        draw(st, "learning_rate")
        draw(st, "clipnorm", format_func=_labels({0.0: tr("train.clip_off")}, _number_label()))
        draw(st, "seed")
    config = _config_from_widgets()
    view_state.set_config(config)
    return config


def _settings_label(config: TrainConfig) -> str:
    """The folded settings' label says what they are now (the teacher sees it without opening)."""
    return tr("train.settings", layers=config.layers, units=config.units,
              activation=config.activation, epochs=trn("train.n_epochs", int(config.epochs)),
              lr=num(config.learning_rate))


def _problems(config: TrainConfig, n: int) -> list[str]:
    """Why this config cannot be trained on ``n`` values, each saying what to change."""
    return [say(problem) for problem in admit(config, n)]


# ----- training: start, live progress, outcome -----

def _start() -> None:
    """Train button callback: runs before the page, so the widgets redraw disabled at once."""
    config = _config_from_widgets()
    values = state.working_values()
    if _problems(config, len(values)):
        return
    if memory.over_budget() and not memory.confirmed("train"):
        return
    training_job.start_job([config], values, state.get_series().name)


def _estimate_text(config: TrainConfig, n: int) -> str:
    from rnnlab import training

    estimate = Seconds(training.estimate_seconds(config, n))
    limit = training.max_train_seconds()
    if limit <= 0:
        return tr("train.estimate_nolimit", time=estimate)
    return tr("train.estimate", time=estimate, limit=Seconds(limit))


def _format_seconds(seconds: float) -> str:
    return fmt_seconds(seconds, lang())


CURVE_HEIGHT = 400  # the learning curve beside Train: whole on a 1280x720 projector
FRAME_SECONDS = 0.05  # one frame of a replay, its drawing included: the quick 40 epochs take 2 s


def _curve_until(history: dict, epochs: int, planned: int, title: str):
    """The learning curve of the first ``epochs`` epochs, its axis growing ahead of the curve
    (a 300-epoch axis from the start would squeeze the first epochs)."""
    part = {name: list(values[:epochs]) for name, values in history.items()}
    shown_epochs = min(planned, max(10, int(epochs * 1.3) + 1))
    return plots.learning_curves(part, lang(), epochs=shown_epochs, title=title, height=CURVE_HEIGHT)


def _draw_epochs(slot, job, p) -> None:
    """Draw every epoch the page has not shown yet, one by one: a training that ends between
    two polls (the quick model does) still shows its loss falling epoch by epoch."""
    n = len(p.history.get("loss", []))
    seen = view_state.curve_shown()
    start = seen[2] if seen and seen[:2] == (job.job_id, p.run_number) and seen[2] <= n else 0
    title = tr("train.live_title")
    frames = plots.epoch_frames(start, n) or [0]
    for epochs in plots.paced(frames, FRAME_SECONDS):  # late frames skipped on a busy server
        last = epochs == frames[-1]
        key = (job.job_id, p.run_number, epochs, p.epochs, lang())
        fig = (memo("train_live", key, lambda e=epochs: _curve_until(p.history, e, p.epochs, title))
               if last else _curve_until(p.history, epochs, p.epochs, title))
        alt = None if last else tr("train.progress", epoch=epochs, epochs=p.epochs)
        chart(fig, None, alt=alt, data=False, slot=slot)  # keyed by its container (train_live_chart)
        view_state.set_curve_shown(job.job_id, p.run_number, epochs)


@fragment("train: progress", run_every=training_job.POLL_SECONDS)
def _live() -> None:
    """Redrawn from the job's progress object every poll; never trains itself."""
    job = training_job.current_job()
    if job is None:
        return
    # a poll of the next in line: the free slot is seen at once
    p = training_job.wait_for_turn(job) if persist.in_fragment_rerun() else job.progress()
    if p.queue_position:
        estimate = training_job.queue_estimate(p.queue_position)
        st.info(tr("train.queued", pos=p.queue_position) + " " + estimate,
                icon=":material/hourglass_top:")
    if p.n_runs > 1:
        text = tr("train.progress_runs", run=p.run_number, runs=p.n_runs, epoch=p.epoch, epochs=p.epochs)
    else:
        text = tr("train.progress", epoch=p.epoch, epochs=p.epochs)
    if p.eta_seconds is not None:
        text += tr("train.eta", eta=_format_seconds(p.eta_seconds))
    elif p.state == training_job.RUNNING:
        text += tr("train.eta_unknown")
    bar_col, stop_col = st.columns([3, 1], vertical_alignment="bottom")
    bar_col.progress(p.fraction, text=text)
    stop_col.button(tr("train.stop"), key=W + "stop", on_click=job.request_stop,
                    help=tr("train.stop_help"), disabled=p.stop_requested or not job.running,
                    width="stretch", icon=":material/stop_circle:")
    if p.stop_requested:
        st.caption(tr("train.stopping"))
    if p.epoch == 0 and p.state == training_job.RUNNING:
        st.caption(tr("train.waiting_first_epoch"))
    slot = st.container(key=W + "live_chart").empty()
    if not job.running and job.runs:  # it ended since the last poll: the run's whole history
        run = job.runs[-1]
        p.history, p.epochs = run.history, len(run.history.get("loss", []))
    _draw_epochs(slot, job, p)
    if not job.running:
        st.rerun()  # the whole page: results appear, widgets unlock (the curve stays)


def _outcome(job: training_job.TrainingJob) -> None:
    """How the latest job ended: done, stopped, diverged or failed, with what to do."""
    if job.error:
        st.error(tr("train.failed", what=job.error))
    for problem in job.problems:
        st.error(say(problem))
    if job.stop_requested and not job.runs and not job.error:
        st.info(tr("train.cancelled"))  # stopped while still waiting in the queue
    if job.runs:
        st.caption(tr("train.see_below"))
    for run in job.runs:
        epochs = len(run.history.get("loss", []))
        name = run.name or run.config.default_name()  # Compare's three runs must be told apart
        if run.status == "diverged":
            from rnnlab.training import divergence_advice

            advice = " ".join(say(message) for message in divergence_advice(run.config))
            st.warning(f"**{name}**: {_message(run)} {advice}")
        elif run.status == "stopped":
            st.info(f"**{name}**: " + tr("train.stopped", epochs=epochs, planned=run.config.epochs))
        else:
            st.success(f"**{name}**: " + trn("train.done", epochs))
        if len(job.runs) == 1:
            st.caption(_waited(job, run))


def _waited(job, run) -> str:
    """What the user waited, each part named: the queue, loading TensorFlow, the training."""
    parts = []
    if run.seconds_waiting >= 0.05:
        parts.append(tr("train.wait.queue", s=Seconds(run.seconds_waiting)))
    if getattr(run, "seconds_import", 0.0) >= 0.05:
        parts.append(tr("train.wait.import", s=Seconds(run.seconds_import)))
    parts.append(tr("train.wait.training", s=Seconds(run.seconds)))
    total = (job.finished or 0.0) - job.started
    total = max(total, run.seconds_waiting + getattr(run, "seconds_import", 0.0) + run.seconds)
    return tr("train.wait.total", total=Seconds(total), parts=", ".join(parts))


def _message(run) -> str:
    """A Run's message (what happened, what to try), or nothing when it completed."""
    return say(run.message) if run.message else ""


# ----- results of one run -----

def _run_name(run, index: int) -> str:
    name = run.name or run.config.default_name()
    return tr("train.run_label", i=index + 1, name=name)


def _shown_index(runs: list, job) -> int:
    """Index of the run to show: the one picked below, or the newest of a job that just ended."""
    if job is not None and job.runs and view_state.shown_job() != job.job_id:
        view_state.set_shown_job(job.job_id)
        newest = next((i for i, r in enumerate(runs) if r is job.runs[-1]), len(runs) - 1)
        view_state.set_result_run(newest)
    if view_state.result_run() not in range(len(runs)):
        view_state.set_result_run(len(runs) - 1)
    return view_state.result_run()


def _pick_run(runs: list, job) -> object:
    """The run to show: the newest by default, and the newest of a job that just finished."""
    _shown_index(runs, job)
    options = list(range(len(runs)))[::-1]
    index = st.columns([1, 1])[0].selectbox(tr("train.pick_run"), options, key=view_state.RESULT_RUN,
                                            format_func=lambda i: _run_name(runs[i], i),
                                            placeholder=tr("chrome.choose"))
    return runs[index]


def _is_notebook_preset(config: TrainConfig) -> bool:
    """The notebook's own model (whatever the seed and split): its result needs explaining."""
    preset = TrainConfig.seed_notebook()
    same = ("cell", "layers", "units", "activation", "epochs", "batch_size", "optimizer",
            "learning_rate", "dropout", "clipnorm")
    return all(getattr(config, name) == getattr(preset, name) for name in same)


def _run_values(run) -> np.ndarray:
    return np.asarray(run.values if run.values is not None else state.working_values(), dtype=float)


def _verdict(run) -> None:
    """rnnlab.training's plain-language verdict on test, green only if it beats persistence."""
    from rnnlab import training

    text = training.verdict_text(run, "test", lang())
    if training.improvement_fraction(run, "persistence", "test") > 0:
        st.success(text, icon=":material/check_circle:")
    else:
        st.warning(text, icon=":material/lightbulb:")


@fragment("train: metrics")
def _metrics_table(run) -> None:
    # MASE first: the verdict above judges by it
    metric = st.segmented_control(tr("train.metric_pick"), ["mase", "rmse", "mae", "mse"],
                                  key=W + "metric", default="mase", required=True,
                                  format_func=str.upper)
    table = plots.metrics_rows(run.metrics, run.baselines, metric=metric, cell=run.config.cell,
                               lang=lang())
    # Written as text: a NumberColumn formats in the browser's locale, not the page's language.
    shown = table.copy()
    for column in shown.columns[1:]:
        shown[column] = [num(float(v)) for v in table[column]]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(tr("train.metrics_note"))


def _summary(run) -> None:
    import pandas as pd

    st.subheader(tr("train.summary_title"))
    rows = for_students(run.summary, lang(), lookback=run.config.lookback)  # not lstm_1, (None, 32)
    table = pd.DataFrame(rows, columns=[tr("train.summary.layer"), tr("train.summary.shape"),
                                        tr("train.summary.params")])
    table[tr("train.summary.params")] = [num(int(v)) for v in table[tr("train.summary.params")]]
    st.dataframe(table, hide_index=True, width="stretch")
    st.markdown(tr("train.summary.total", n=int(run.n_params)))


@fragment("train: forecast")
def _forecast(run, index: int) -> None:
    """Recursive forecast beside the one-step predictions; the horizon slider reruns only this."""

    st.subheader(tr("train.forecast_title"))
    st.markdown(tr("train.forecast_intro"))
    steps = st.slider(tr("train.forecast_steps"), 1, MAX_FORECAST, 20, key=W + "forecast_steps")
    test_index = np.asarray(run.target_index.get("test", []))
    if len(test_index) == 0:
        st.info(tr("train.forecast_none"))
    # Per session, by the run's stable id (train() gives every run one): a forecast needs the
    # run's own Keras model. A run without an id (an old saved session) is forecast each time.
    cache = view_state.forecasts() if run.run_id else {}
    cache_key = (run.run_id, steps)
    if cache_key not in cache:
        from_test = (worker.forecast(run, len(test_index), start=int(test_index[0]))
                     if len(test_index) else np.empty(0))
        cache[cache_key] = (from_test, worker.forecast(run, steps))
    from_test, future = cache[cache_key]
    values = _run_values(run)
    for forecast in (from_test, future):
        finite = np.isfinite(np.asarray(forecast, dtype=float))
        if len(finite) and not finite.all():  # it blew up: said once, and drawn up to there
            st.warning(tr("train.forecast_blowup", steps=int(np.argmin(finite))), icon=":material/warning:")
            break
    x = time_labels(values)  # the series' own years or dates, as on the Data page
    fig = memo("train_forecast", (run, values, steps, lang(), x), lambda: plots.forecast_figure(
        values, test_index, run.predictions.get("test", []), test_index, from_test, future=future,
        lang=lang(), context=max(3 * len(test_index), 30), x=x))
    chart(fig, W + "forecast_chart")
    if len(test_index):
        truth = values[test_index]
        one = np.abs(np.asarray(run.predictions["test"]) - truth)
        rec = np.abs(np.asarray(from_test) - truth)
        chart(memo("train_error", (run, values, lang()), lambda: plots.error_growth_figure(one, rec, lang())),
              W + "error_chart")
        if np.all(np.isfinite(one)) and np.all(np.isfinite(rec)):
            ratio = float(rec.mean() / one.mean()) if one.mean() > 0 else float("nan")
            st.caption(tr("train.forecast_error", one=float(one.mean()), rec=float(rec.mean()),
                           ratio=num(ratio, decimals=1)))


def _downloads(run, index: int) -> None:
    from rnnlab import training

    st.subheader(tr("train.downloads"))
    tag = f"{index + 1}_{run.config.cell.lower()}"
    cols = st.columns(4)
    cols[0].download_button(tr("train.dl.predictions"), training.predictions_csv(run),
                            file_name=tr("train.dl.name", what="predictions", run=tag) + ".csv",
                            mime="text/csv", key=W + "dl_predictions", on_click="ignore",
                            icon=":material/download:", width="stretch")
    cols[1].download_button(tr("train.dl.history"), training.history_csv(run),
                            file_name=tr("train.dl.name", what="history", run=tag) + ".csv",
                            mime="text/csv", key=W + "dl_history", on_click="ignore",
                            icon=":material/download:", width="stretch")
    cols[2].download_button(tr("train.dl.config"), training.run_to_json(run),
                            file_name=tr("train.dl.name", what="config", run=tag) + ".json",
                            mime="application/json", key=W + "dl_config", on_click="ignore",
                            icon=":material/download:", width="stretch")
    cols[3].download_button(tr("train.dl.model"), lambda: worker.export_run(run),
                            file_name=tr("train.dl.name", what="model", run=tag) + ".keras",
                            mime="application/octet-stream", key=W + "dl_model", on_click="ignore",
                            help=tr("train.dl.model_help"), icon=":material/download:",
                            width="stretch")


def _results(job) -> None:
    runs = state.runs()
    st.header(tr("train.results"))
    if not runs:
        st.info(tr("train.no_runs"))
        return
    run = _pick_run(runs, job)
    index = next(i for i, r in enumerate(runs) if r is run)
    config = run.config
    epochs = len(run.history.get("loss", []))
    st.caption(tr("train.run_caption", cell=config.cell, layers=config.layers, units=config.units,
                  activation=config.activation, params=int(run.n_params),
                  epochs=trn("train.n_epochs", epochs),
                  seconds=Seconds(run.seconds), series=md_escape(run.series_name or state.get_series().name))
               + f" · {tr('train.status.' + run.status)}")
    live_board.post_controls([run], "train")  # in a live lesson: post it to the class board
    values = _run_values(run)
    train_end, val_end = (run.split if any(run.split) else
                          split_points(len(values), config.val_fraction, config.test_fraction))

    st.subheader(tr("train.metrics_title"))
    _verdict(run)
    from rnnlab.training import improvement_fraction

    if _is_notebook_preset(config) and not improvement_fraction(run, "persistence", "test") > 0:
        st.info(tr("train.preset_explain"), icon=":material/menu_book:")  # why it loses
    _metrics_table(run)
    st.subheader(tr("train.pred_section"))
    x = time_labels(values)  # the series' own years or dates, as on the Data page
    fig = memo("train_pred", (run, values, train_end, val_end, lang(), x), lambda: plots.predictions_figure(
        values, run.target_index, run.predictions, train_end, val_end, lang(), title="", x=x))
    fig = copycat_view.prediction_figure(fig, run, values, x)  # issue 22: the shifted input
    chart(fig, W + "pred_chart", title=tr("train.pred_section"))
    copycat_view.sentence(run, values)
    _summary(run)  # its learning curve is at the top, next to Train
    with friendly_errors("residuals"), st.container(key="train_residuals"):
        residuals_view.section(run, values, "train_res")
    with friendly_errors("forecast"):
        _forecast(run, index)
    with friendly_errors("downloads"):
        _downloads(run, index)
    with friendly_errors("backtest"), st.container(key="bt_train_section"):
        backtest_view.train_section(run)


# ----- the curve next to the button -----

def _curve_panel(job, running: bool) -> None:
    """What Train changes, next to it: the live loss while it trains, then the shown run's
    learning curve (it stays), or before any run an empty axis saying where the loss will fall."""
    if running:
        _live()
        return
    runs = state.runs()
    if not runs:
        epochs = int(view_state.widget("epochs") or 0)
        fig = memo("train_curve_empty", (lang(), epochs),
                   lambda: plots.empty_curve(tr("train.curve_empty"), lang(), epochs=epochs,
                                             height=CURVE_HEIGHT))
        chart(fig, W + "curve_empty", alt=tr("train.curve_empty_alt"), data=False)
        return
    run = runs[_shown_index(runs, job)]
    title = tr("train.curves_of", name=_run_name(run, runs.index(run)))
    fig = memo("train_curves", (run, lang()), lambda: plots.learning_curves(run.history, lang(), title=title, height=CURVE_HEIGHT))
    chart(fig, W + "curves_chart", title=tr("train.curves_section"))


# ----- the page -----

st.title(tr("train.title"))
st.caption(tr("train.intro"))
require_tensorflow()  # without TensorFlow: the notebook's fallback, then st.stop()

values = state.working_values()
job = training_job.current_job()
running = training_job.is_running()
# On a 1280x720 projector the cell, Train and the learning curve share the first screen; the
# other settings fold away under them (the quick model's values are a good first run).
action_col, curve_col = st.columns([4, 6], gap="large")
with action_col:
    st.caption(tr("train.series_caption", name=md_escape(state.series_name(lang())), n=len(values)))
    cell_box = st.container()
    actions = st.container(key="train_actions")
settings = st.expander(tr("train.settings_title"), icon=":material/tune:")
_follow_data_split()
config = _config_widgets(len(values), running, cell_box, settings)
problems = _problems(config, len(values))

with actions:
    for problem in problems:
        st.warning(problem, icon=":material/warning:")
    if not problems:
        counts = config.window_counts(len(values))
        params = stack_params(config.cell, config.units, layers=config.layers)
        st.caption(_settings_label(config) + " · " + tr("train.params", n=int(params)) + " · "
                   + tr("train.windows", **counts))
    allowed = running or memory.allow_training("train")  # past the session's budget: ask first
    buttons = st.container(horizontal=True, gap="small")  # buttons as wide as their text
    buttons.button(tr("train.start"), key=W + "start", type="primary", on_click=_start,
                   disabled=running or bool(problems) or not allowed, icon=":material/play_arrow:")
    controls.draw(buttons, W + "preset", C[W + "preset"], on_click=_apply_preset,
                  disabled=running, icon=":material/menu_book:")
    controls.draw(buttons, W + "quick", C[W + "quick"], on_click=_apply_quick,
                  disabled=running, icon=":material/bolt:")
    if not problems:
        st.caption(_estimate_text(config, len(values)))  # next to Train, before it starts
    if problems:
        st.caption(tr("train.fix_first"))
    if running:
        st.caption(tr("train.locked"))
    elif job is not None:
        _outcome(job)

with curve_col, friendly_errors("curve"):
    _curve_panel(job, running)

if not running:
    with friendly_errors("results"):
        _results(job)
