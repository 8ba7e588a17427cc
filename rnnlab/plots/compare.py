"""Figures of the Compare page: several runs overlaid, each in its own colour in every chart.

Plain data in (Runs and a run_id -> colour map), go.Figure out; no Streamlit, no Keras.
Every text goes through rnnlab.i18n with the caller's ``lang``.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt
from rnnlab.plots import timeaxis
from rnnlab.plots.style import (
    GUIDE_COLOR,
    RUN_PALETTE,
    SERIES_COLOR,
    apply,
    cell_cue,
    palette_cue,
    place_legend,
)

KEY_COLOR = GUIDE_COLOR  # the key of the line styles (solid = training, dashed = validation)
LINE_WIDTH = 3


def _cell(run) -> str | None:
    config = getattr(run, "config", None)
    return getattr(config, "cell", None)


def _cue(colors: dict[str, str], run, position: int) -> tuple[str, str, str]:
    """(colour, dash, marker) of a run: its cell's, the same on every chart and whatever order
    the runs were made in (style.cell_cue); a run without a cell takes ``colors`` or the
    palette by position."""
    cell = _cell(run)
    if cell:
        return cell_cue(cell)
    color = colors.get(run.run_id) or RUN_PALETTE[position % len(RUN_PALETTE)]
    return (color, *palette_cue(color, position))


def _color(colors: dict[str, str], run, position: int) -> str:
    return _cue(colors, run, position)[0]


def _marker(colors: dict[str, str], run, position: int, size: int = 8) -> dict:
    """The second cue of a run beside its colour: its cell's marker (a dozen per line)."""
    return dict(symbol=_cue(colors, run, position)[2], size=size, maxdisplayed=12)


def _dash(colors: dict[str, str], run, position: int) -> str:
    return _cue(colors, run, position)[1]


def _end_labels(fig: go.Figure, runs: list) -> None:
    """Runs of the same cell share its colour, dash and marker: when two or more of one cell
    are drawn, each line gets its run's name written at its last point."""
    cells = [_cell(run) for run in runs]
    shared = {cell for cell in cells if cell and cells.count(cell) > 1}
    if not shared:
        return
    for trace in fig.data:
        run = next((r for r in runs if r.run_id == trace.legendgroup), None)
        if run is None or _cell(run) not in shared or trace.showlegend is False or trace.y is None:
            continue
        y = list(trace.y)
        if not y:
            continue
        trace.mode = (trace.mode or "lines") + "+text"
        trace.text = [""] * (len(y) - 1) + [run.name]
        trace.textposition = "middle right"
        trace.textfont = dict(size=14, color=trace.line.color)
        trace.cliponaxis = False


def _epochs(values) -> np.ndarray:
    return np.arange(1, len(values) + 1)


def _epoch_axis(fig: go.Figure, runs: list, lang: str) -> None:
    longest = max([len(r.history.get("loss", [])) for r in runs] + [1])
    fig.update_xaxes(title_text=t("compare.plot.epoch_axis", lang), range=[0.5, longest + 0.5],
                     dtick=_nice_dtick(longest))


def _nice_dtick(n: int) -> int:
    """Ticks every 1, 2, 5, 10... epochs so that about ten labels fit without overlapping."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if n / step <= 12:
            return step
    return 1000


def log_ticks(values) -> list[float]:
    """Ticks 1-2-5 per decade covering the positive values: full labels such as 0.02, 0.05, 0.1
    instead of Plotly's bare minor digits ("2", "5"), which read as wrong numbers on a log axis."""
    data = np.asarray([v for v in values if v is not None], dtype=float)
    data = data[np.isfinite(data) & (data > 0)]
    if not len(data):
        return []
    low, high = np.floor(np.log10(data.min())), np.ceil(np.log10(data.max()))
    ticks = [m * 10.0**e for e in range(int(low), int(high) + 1) for m in (1, 2, 5)]
    inside = [v for v in ticks if data.min() / 1.5 <= v <= data.max() * 1.5]
    return inside if len(inside) >= 2 else ticks


def _log_axis(fig: go.Figure, values, lang: str = "es") -> None:
    ticks = log_ticks(values)
    fig.update_yaxes(type="log", tickvals=ticks, ticktext=[fmt(float(v), lang) for v in ticks])


def _hover_epoch(lang: str) -> str:
    return t("compare.plot.epoch", lang) + " %{x}: %{y:.4g}"


def _hover_point(lang: str) -> str:
    return t("compare.plot.time", lang) + " %{x}: %{y:.4g}"


def _hover_seconds(lang: str) -> str:
    return t("compare.plot.epoch", lang) + " %{x}: %{y:.3f} s"


def _legend_above(fig: go.Figure) -> None:
    """Legend above the plot, under the title (and subtitle), inside the figure: long run names
    wrap into more rows there and push the plot down instead of leaving the visible box."""
    place_legend(fig)


def loss_figure(runs: list, colors: dict[str, str], lang: str = "es", log: bool = False,
                height: int = 460) -> go.Figure:
    """Training loss (solid) and validation loss (dashed) per epoch, one colour per run."""
    fig = go.Figure()
    for i, run in enumerate(runs):
        color = _color(colors, run, i)
        loss = run.history.get("loss", [])
        fig.add_trace(go.Scatter(
            x=_epochs(loss), y=loss, mode="lines+markers", name=run.name, legendgroup=run.run_id,
            line=dict(color=color, width=LINE_WIDTH), marker=_marker(colors, run, i),
            hovertemplate=f"{run.name} · {t('compare.plot.train', lang)}<br>"
            + _hover_epoch(lang) + "<extra></extra>"))
        val = run.history.get("val_loss", [])
        if len(val):
            fig.add_trace(go.Scatter(
                x=_epochs(val), y=val, mode="lines+markers", name=run.name, legendgroup=run.run_id,
                showlegend=False, line=dict(color=color, width=LINE_WIDTH, dash="dash"),
                marker=_marker(colors, run, i),
                hovertemplate=f"{run.name} · {t('compare.plot.val', lang)}<br>"
                + _hover_epoch(lang) + "<extra></extra>"))
    apply(fig, title=t("compare.plot.loss_title", lang), height=height, lang=lang)
    # The line styles are keyed in a subtitle, so the legend and the colours stay for runs.
    fig.update_layout(title_subtitle=dict(text=t("compare.plot.loss_key", lang),
                                          font=dict(size=16, color=KEY_COLOR)))
    _legend_above(fig)
    _end_labels(fig, runs)
    _epoch_axis(fig, runs, lang)
    axis = "compare.plot.loss_axis_log" if log else "compare.plot.loss_axis"
    fig.update_yaxes(title_text=t(axis, lang), type="linear")
    if log:
        _log_axis(fig, [v for r in runs for k in ("loss", "val_loss") for v in r.history.get(k, [])], lang)
    return fig


def empty_loss_figure(hint: str, lang: str = "es", height: int = 460) -> go.Figure:
    """The loss chart's axes before any run, ``hint`` written where the curves will be."""
    fig = loss_figure([], {}, lang, height=height)
    fig.update_yaxes(range=[0, 1], showticklabels=False)
    fig.add_annotation(text=hint, x=0.5, y=0.55, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=18, color=GUIDE_COLOR))
    return fig


def val_mae_figure(runs: list, colors: dict[str, str], lang: str = "es", log: bool = False,
                   height: int = 460) -> go.Figure:
    """Validation MAE per epoch (scaled units, as Keras reports it), one line per run."""
    fig = go.Figure()
    for i, run in enumerate(runs):
        mae = run.history.get("val_mae", [])
        fig.add_trace(go.Scatter(
            x=_epochs(mae), y=mae, mode="lines+markers", name=run.name, legendgroup=run.run_id,
            line=dict(color=_color(colors, run, i), width=LINE_WIDTH, dash=_dash(colors, run, i)),
            marker=_marker(colors, run, i),
            hovertemplate=f"{run.name}<br>" + _hover_epoch(lang) + "<extra></extra>"))
    apply(fig, title=t("compare.plot.mae_title", lang), height=height, lang=lang)
    _legend_above(fig)
    _end_labels(fig, runs)
    _epoch_axis(fig, runs, lang)
    axis = "compare.plot.mae_axis_log" if log else "compare.plot.mae_axis"
    fig.update_yaxes(title_text=t(axis, lang), type="linear")
    if log:
        _log_axis(fig, [v for r in runs for v in r.history.get("val_mae", [])], lang)
    return fig


def predictions_figure(runs: list, colors: dict[str, str], lang: str = "es",
                       height: int = 480, x=None) -> go.Figure:
    """One-step test predictions of each run over the true test values (original units).

    The truth is drawn from the first run; the page warns when runs were tested on different data.
    ``x``: the time labels (years, dates) of the first run's values; None draws positions.
    """
    fig = go.Figure()
    labels = timeaxis.usable(x, len(runs[0].values)) if runs and runs[0].values is not None else None
    if runs:
        first = runs[0]
        x = timeaxis.at(labels, np.asarray(first.target_index.get("test", []), dtype=np.int64))
        fig.add_trace(go.Scatter(
            x=x, y=np.asarray(first.targets.get("test", [])), mode="lines+markers",
            name=t("compare.plot.truth", lang), line=dict(color=SERIES_COLOR, width=4),
            marker=dict(size=7), hovertemplate=_hover_point(lang) + "<extra></extra>"))
    for i, run in enumerate(runs):
        fig.add_trace(go.Scatter(
            x=timeaxis.at(labels, np.asarray(run.target_index.get("test", []), dtype=np.int64)),
            y=np.asarray(run.predictions.get("test", [])), mode="lines", name=run.name,
            legendgroup=run.run_id,
            line=dict(color=_color(colors, run, i), width=LINE_WIDTH, dash=_dash(colors, run, i)),
            hovertemplate=f"{run.name}<br>" + _hover_point(lang) + "<extra></extra>"))
    apply(fig, title=t("compare.plot.pred_title", lang), height=height, lang=lang)
    _legend_above(fig)
    _end_labels(fig, runs)
    fig.update_xaxes(title_text=t("compare.plot.time_axis" if labels is None else "data.chart.x", lang))
    fig.update_yaxes(title_text=t("compare.plot.value_axis", lang))
    return fig


def params_figure(runs: list, colors: dict[str, str], lang: str = "es", height: int | None = None) -> go.Figure:
    """Trainable parameters per run as horizontal bars (long run names stay readable), the count
    written beside each bar; the first run on top."""
    names = [run.name for run in runs]
    counts = [int(run.n_params) for run in runs]
    fig = go.Figure(go.Bar(
        y=names, x=counts, orientation="h",
        marker_color=[_color(colors, r, i) for i, r in enumerate(runs)],
        text=[fmt(c, lang) for c in counts], textposition="outside",
        textfont=dict(size=16), cliponaxis=False, showlegend=False,
        hovertemplate="%{y}: %{x:,}<extra></extra>"))
    apply(fig, title=t("compare.plot.params_title", lang),
          height=height or max(300, 150 + 48 * len(runs)), lang=lang)
    top = max(counts + [1])
    fig.update_xaxes(title_text=t("compare.plot.params_axis", lang), range=[0, top * 1.25])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def time_figure(runs: list, colors: dict[str, str], lang: str = "es", height: int = 460) -> go.Figure:
    """Seconds per epoch, one line per run, on a log axis: the first epoch (building the graph)
    costs many times a later one, and the later ones still differ between cells."""
    fig = go.Figure()
    for i, run in enumerate(runs):
        seconds = run.history.get("seconds", [])
        fig.add_trace(go.Scatter(
            x=_epochs(seconds), y=seconds, mode="lines+markers", name=run.name,
            legendgroup=run.run_id,
            line=dict(color=_color(colors, run, i), width=LINE_WIDTH, dash=_dash(colors, run, i)),
            marker=_marker(colors, run, i),
            hovertemplate=f"{run.name}<br>" + _hover_seconds(lang) + "<extra></extra>"))
    apply(fig, title=t("compare.plot.time_title", lang), height=height, lang=lang)
    _legend_above(fig)
    _end_labels(fig, runs)
    _epoch_axis(fig, runs, lang)
    fig.update_yaxes(title_text=t("compare.plot.time_axis_log", lang))
    _log_axis(fig, [v for r in runs for v in r.history.get("seconds", [])], lang)
    return fig
