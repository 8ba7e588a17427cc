"""The backtest sections of the Train and Compare pages: settings, progress, MASE results.

Thin glue: widgets -> ui.jobs.backtest_job (rnnlab.studies.study in a thread) -> rnnlab.plots.backtest.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals
from rnnlab.i18n.numbers import fmt, fmt_pct
from rnnlab.pages.page_controls import BACKTEST
from rnnlab.plots import backtest as plots
from rnnlab.plots import diagnostics as diag_plots
from rnnlab.plots.style import CELL_COLORS, OKABE_ITO
from rnnlab.studies import multistep, study
from rnnlab.training import TrainConfig, backend
from ui.elements import controls, fragments
from ui.elements.charts import chart, memo, time_labels
from ui.i18n import lang, say, tr
from ui.jobs import backtest_job, training_job
from ui.session import state

SEASON_FOR = "_bt_season_for"  # (prefix, suggestion) the season widget was last filled from


def _suggested(n: int) -> int:
    _, _, step = state.working_range()
    return study.suggested_season(state.get_source(), step, n)


def _settings(prefix: str, n: int, disabled: bool) -> tuple[int, int, int, list[str]]:
    """Horizon, folds, season and strategies widgets (keys ``<prefix>horizon`` ...)."""
    ss = st.session_state
    suggestion = _suggested(n)
    ss.setdefault(prefix + "strategies", list(multistep.STRATEGIES))
    if ss.get(SEASON_FOR + prefix) != suggestion:
        ss[prefix + "season"] = suggestion  # a new series: its own season
        ss[SEASON_FOR + prefix] = suggestion
    cols = st.columns(4)
    horizon = controls.draw(cols[0], prefix + "horizon", BACKTEST["horizon"], disabled=disabled)
    folds = controls.draw(cols[1], prefix + "folds", BACKTEST["folds"], disabled=disabled)
    season = controls.draw(cols[2], prefix + "season", BACKTEST["season"], high=max(1, n // 2),
                           default=suggestion, disabled=disabled,
                           help=tr("backtest.ui.season_help", season=suggestion))
    labels = {s: tr(f"backtest.strategy.{s}") for s in multistep.STRATEGIES}
    strategies = cols[3].pills(tr("backtest.ui.strategy"), list(multistep.STRATEGIES),
                               selection_mode="multi", key=prefix + "strategies",
                               format_func=lambda s: labels.get(s, s),
                               help=tr("backtest.ui.strategy_help"), disabled=disabled)
    return int(horizon), int(folds), int(season), [s for s in multistep.STRATEGIES
                                                    if s in (strategies or [])]


def _problems(n: int, config: TrainConfig, horizon: int, folds: int, season: int,
              strategies: list[str]) -> list[str]:
    found = [say(message) for message in
             multistep.problems(n, config, horizon, folds, season, strategies or ["recursive"])]
    if not strategies:
        found.insert(0, tr("backtest.ui.strategy_none"))
    return found


def _progress() -> None:
    """Redrawn every poll while the job runs; the whole page when it ends."""
    job = backtest_job.current_job()
    if job is None:
        return
    if not job.running:
        st.rerun(scope="app")
    if job.queue_position:
        st.info(tr("backtest.ui.queued", pos=job.queue_position) + " "
                + training_job.queue_estimate(job.queue_position), icon=":material/hourglass_top:")
    strategy = job.strategies[min(job.strategy_index, len(job.strategies) - 1)]
    text = tr("backtest.ui.progress", strategy=tr(f"backtest.strategy.{strategy}"),
              fold=job.fold + 1, folds=job.folds, epoch=job.epoch, epochs=max(job.epochs, 1))
    bar, stop = st.columns([5, 1], vertical_alignment="bottom")
    bar.progress(job.fraction(), text=text)
    stop.button(tr("backtest.ui.stop"), key="bt_stop", on_click=job.request_stop,
                disabled=job.stop_requested, icon=":material/stop_circle:", width="stretch")


def _job_messages() -> None:
    job = backtest_job.current_job()
    if job is None or job.running:
        return
    if job.problem:
        st.error(say(job.problem), icon=":material/error:")
    if job.error:
        st.error(tr("backtest.ui.failed", what=job.error), icon=":material/error:")
    if job.stopped:
        st.info(tr("backtest.ui.stopped"), icon=":material/info:")


def _cost_caption(folds: int, strategies: list[str]) -> None:
    st.caption(tr("backtest.ui.cost", trainings=folds * max(1, len(strategies)), folds=folds,
                  strategies=len(strategies)))


def _fmt(value: float, decimals: int = 2) -> str:
    return study._num(value, lang(), decimals)


def _pct(value: float) -> str:
    return "—" if not math.isfinite(value) else study._pct(value, lang())


def _table(rows, values, season: int) -> None:
    """Numbers written as text in the page's language (a NumberColumn would use the browser's).
    MAE instead of sMAPE, which is shown only on a strictly positive series (the note says why)."""
    shown = rows.copy()
    language = lang()
    vs = study.yardstick_column(language, season)
    shown["MASE"] = [fmt(v, language, decimals=3) for v in rows["MASE"]]
    shown["MAE"] = [fmt(v, language, sig=4) for v in rows["MAE"]]
    shown["RMSE"] = [fmt(v, language, sig=4) for v in rows["RMSE"]]
    if bt.smape_meaningful(values):
        shown["sMAPE"] = [fmt(v, language, decimals=1) for v in rows["sMAPE"]]
    else:
        shown = shown.drop(columns="sMAPE")
    shown[vs] = [fmt_pct(v / 100, language, sign=True) for v in rows[vs]]
    shown = shown[[c for c in shown.columns if c != vs] + [vs]]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(tr("backtest.ui.smape_shown" if bt.smape_meaningful(values)
                  else "backtest.ui.smape_hidden"))


def _verdict(result: study.ForecastStudy) -> None:
    lines = study.verdict_lines(result, lang())
    text = "\n".join(f"- {line}" for _, line in lines)
    outcomes = [ok for ok, _ in lines if ok is not None]
    if outcomes and all(outcomes):
        st.success(text, icon=":material/check_circle:")
    else:
        st.warning(text, icon=":material/lightbulb:")


def _bands(result: study.ForecastStudy, key: str, color: str) -> None:
    strategies = list(result.rnn)
    if not strategies:
        return
    chosen = strategies[0]
    if len(strategies) > 1:
        chosen = st.segmented_control(tr("backtest.ui.band_strategy"), strategies, key=key,
                                      default=strategies[0], required=True,
                                      format_func=lambda s: tr(f"backtest.strategy.{s}"))
    rnn = result.rnn[chosen]
    last = rnn.folds - 1
    held = {level: rnn.held_out_widths[level].get(last, np.full(rnn.horizon, np.inf))
            for level in intervals.LEVELS}
    fig = plots.forecast_bands(result.values, rnn.origins[last], rnn.forecasts[last], held,
                               rnn.future, rnn.widths, lang(), color=color,
                               x=time_labels(result.values))  # the series' years or dates
    chart(fig, key + "_chart")
    for level in intervals.LEVELS:
        if not np.all(np.isfinite(rnn.widths[level])):
            st.caption(tr("backtest.ui.band_missing", level=_pct(level),
                          needed=intervals.min_residuals(level)))
    for name, r in result.rnn.items():
        st.caption(coverage_caption(r, tr(f"backtest.strategy.{name}")))


def coverage_caption(r, strategy: str) -> str:
    """The held-out coverage as the estimate it is: on how many points, with its range."""
    points = intervals.held_out_points(r.residuals, r.row_fold)
    ranges = {level: intervals.coverage_range(*points[level]) for level in intervals.LEVELS}
    return tr("backtest.ui.coverage", strategy=strategy.capitalize(), c80=_pct(r.coverage[0.8]),
              c95=_pct(r.coverage[0.95]), points=_fmt(max(p[1] for p in points.values()), 0),
              lo80=_pct(ranges[0.8][0]), hi80=_pct(ranges[0.8][1]),
              lo95=_pct(ranges[0.95][0]), hi95=_pct(ranges[0.95][1]))


def _rolling_origin(result: study.ForecastStudy) -> None:
    """The folds of the backtest just run: training span, origin, horizon (issue 22)."""
    origins = bt.origins(len(result.values), result.horizon, result.folds)
    fig = memo("bt_origin", (len(result.values), tuple(origins), result.horizon, lang()),
               lambda: diag_plots.rolling_origin(len(result.values), origins, result.horizon, lang()))
    chart(fig, "bt_origin_chart")
    st.caption(tr("backtest.ui.origins_caption", horizon=result.horizon,
                  origins=", ".join(_fmt(o, 0) for o in origins)))


def _scores(result: study.ForecastStudy, color: str) -> None:
    """Winkler, pinball and CRPS of every method's held-out bands; coverage per step."""
    scored = result.probabilistic()
    if not scored:
        return
    st.markdown("#### " + tr("diag.score.header"))
    st.markdown(tr("diag.score.intro"))
    rows = study.score_rows(result, lang())
    language = lang()
    shown = rows.copy()
    percents = (tr("diag.score.col_cov80"), tr("diag.score.col_cov95"))
    for column in rows.columns[1:]:
        if column in percents:
            shown[column] = [fmt_pct(v, language) if math.isfinite(v) else "—" for v in rows[column]]
        elif column == tr("diag.score.col_points"):
            shown[column] = [fmt(int(v), language) for v in rows[column]]
        else:
            shown[column] = [fmt(v, language, sig=4) for v in rows[column]]
    st.dataframe(shown, hide_index=True, width="stretch")
    w80 = tr("diag.score.col_w80")
    known = rows[np.isfinite(rows[w80].to_numpy(dtype=float))]
    if len(known):
        best = known.loc[known[w80].idxmin()]
        st.caption(tr("diag.score.best", name=best.iloc[0], score=fmt(float(best[w80]), language, sig=4)))
    labels = {m: study.method_label(m, language, result.season, result.run_name) for m in scored}
    # the networks and the benchmark with the best Winkler 80 % score: a readable chart
    best_bench = [m for m in scored if not m.startswith("rnn_")
                  and len(known) and labels[m] == best.iloc[0]]
    drawn = [m for m in scored if m.startswith("rnn_")] + best_bench[:1]
    coverage = {labels[m]: scored[m]["scores"]["coverage"] for m in drawn}
    colors = {labels[m]: (color if m == "rnn_recursive" else OKABE_ITO["blue"] if m.startswith("rnn_")
                          else plots.METHOD_STYLE.get(m, {}).get("color")) for m in drawn}
    fig = memo("bt_coverage", (result, language),
               lambda: diag_plots.coverage_by_step(coverage, language, colors))
    chart(fig, "bt_coverage_chart")
    st.caption(tr("diag.score.cov_note"))


def _results(result: study.ForecastStudy, settings: tuple, cell: str) -> None:
    """The run's backtest; its network lines in its cell's colour, as on every page."""
    color = CELL_COLORS.get(cell, OKABE_ITO["green"])
    if result.settings() != settings:
        st.caption(tr("backtest.ui.stale", horizon=result.horizon, folds=result.folds,
                      season=result.season))
    st.markdown("#### " + tr("backtest.ui.verdict_title"))
    _verdict(result)
    st.markdown("#### " + tr("backtest.ui.table_title"))
    _table(study.summary_rows(result, lang()), result.values, result.season)
    st.caption(tr("backtest.ui.table_note", folds=result.folds, horizon=result.horizon))
    labels = {m: study.method_label(m, lang(), result.season, result.run_name, result.ets_models)
              for m in result.forecasts()}
    networks = {m: color for m in result.forecasts() if str(m).startswith("rnn_")}
    chart(plots.error_by_horizon(result.table(), labels, lang(), colors=networks), "bt_by_h_chart")
    _bands(result, "bt_band_strategy", color)
    _scores(result, color)
    _rolling_origin(result)
    detail = " · ".join(f"{tr('backtest.strategy.' + s)} {_fmt(r.seconds, 1)} s"
                        for s, r in result.rnn.items())
    total = sum(r.seconds for r in result.rnn.values()) + result.seconds_benchmarks
    st.caption(tr("backtest.ui.seconds", seconds=_fmt(total, 1), detail=detail))


def train_section(run) -> None:
    """Backtest the selected run's config on its series, then show its MASE results."""
    st.header(tr("backtest.ui.header"))
    st.markdown(tr("backtest.ui.intro"))
    values = np.asarray(run.values if run.values is not None else state.working_values(), float)
    running = backtest_job.is_running()
    st.caption(tr("backtest.ui.of_run", name=run.name or run.config.default_name(),
                  series=run.series_name or state.get_series().name, n=len(values)))
    with st.container(key="bt_train_settings"):
        horizon, folds, season, strategies = _settings("bt_", len(values),
                                                       disabled=backtest_job.busy())
    problems = _problems(len(values), run.config, horizon, folds, season, strategies)
    for problem in problems:
        st.warning(problem, icon=":material/warning:")
    if not problems:
        _cost_caption(folds, strategies)
    item = backtest_job.Item(run.run_id, run.name or run.config.default_name(), run.config, values)
    st.button(tr("backtest.ui.start"), key="bt_start", type="primary",
              icon=":material/query_stats:", disabled=backtest_job.busy() or bool(problems),
              on_click=backtest_job.start, args=([item], horizon, folds, season, strategies))
    if running:
        fragments.run(_progress, "backtest: progress", run_every=backtest_job.POLL_SECONDS)
        return
    _job_messages()
    result = backtest_job.studies().get(run.run_id)
    if result is None:
        st.info(tr("backtest.ui.none"), icon=":material/info:")
        return
    _results(result, (horizon, folds, season), run.config.cell)


def compare_section(shown: list, colors: dict) -> None:
    """Backtest the shown runs on shared folds; MASE table per method, error by horizon."""
    st.subheader(tr("backtest.cmp.header"))
    st.markdown(tr("backtest.cmp.intro"))
    if not shown:
        return
    values = np.asarray(shown[0].values if shown[0].values is not None
                        else state.working_values(), float)
    running = backtest_job.is_running()
    with st.container(key="bt_cmp_settings"):
        horizon, folds, season, strategies = _settings("cmp_bt_", len(values),
                                                       disabled=backtest_job.busy())
    same = [r for r in shown if r.values is not None and len(r.values) == len(values)
            and np.array_equal(r.values, values)] or shown[:1]
    if len(same) < len(shown):
        st.caption(tr("backtest.cmp.mixed", name=shown[0].name))
    problems = []
    for run in same:
        problems += _problems(len(values), run.config, horizon, folds, season, strategies)
    for problem in dict.fromkeys(problems):
        st.warning(problem, icon=":material/warning:")
    settings = (horizon, folds, season)
    studies = backtest_job.studies()
    missing = [r for r in same if r.run_id not in studies
               or studies[r.run_id].settings() != settings
               or set(studies[r.run_id].rnn) != set(strategies)]
    items = [backtest_job.Item(r.run_id, r.name or r.config.default_name(), r.config, values)
             for r in missing]
    has_tf = backend.tensorflow_available()  # runs can be compared without it, not backtested
    if not has_tf:
        st.caption(tr("compare.no_tf_train"))
    elif items and not problems:
        _cost_caption(folds * len(items), strategies)
    st.button(tr("backtest.cmp.start"), key="bt_cmp_start", type="primary",
              icon=":material/query_stats:",
              disabled=backtest_job.busy() or bool(problems) or not items or not has_tf,
              on_click=backtest_job.start, args=(items, horizon, folds, season, strategies))
    if running:
        fragments.run(_progress, "backtest: progress", run_every=backtest_job.POLL_SECONDS)
        return
    _job_messages()
    done = [studies[r.run_id] for r in same if r.run_id in studies
            and studies[r.run_id].settings() == settings
            and np.array_equal(studies[r.run_id].values, values)]
    if not done:
        st.info(tr("backtest.cmp.none"), icon=":material/info:")
        return
    table, labels, owners = study.combined(done, lang())
    lines = [study.best_line(table, labels, lang())]
    for result in done:
        lines += [line for ok, line in study.verdict_lines(result, lang()) if ok is not None]
    st.markdown("#### " + tr("backtest.ui.verdict_title"))
    st.info("\n".join(f"- {line}" for line in lines if line), icon=":material/emoji_events:")
    summary = bt.summary(table)
    yard = float(summary.loc[study.YARDSTICK, "MASE"])
    rows = [{tr("backtest.col.method"): labels[m], "MASE": float(r["MASE"]),
             "MAE": float(r["MAE"]), "RMSE": float(r["RMSE"]), "sMAPE": float(r["sMAPE"]),
             study.yardstick_column(lang(), season): 100 * bt.relative_gain(float(r["MASE"]), yard)}
            for m, r in summary.iterrows()]
    import pandas as pd

    _table(pd.DataFrame(rows), values, season)
    st.caption(tr("backtest.ui.table_note", folds=folds, horizon=horizon))
    method_colors = {m: colors.get(owner) for m, owner in owners.items() if colors.get(owner)}
    chart(plots.error_by_horizon(table, labels, lang(), colors=method_colors), "bt_cmp_by_h_chart")
