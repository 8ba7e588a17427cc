"""Figures of the Train page: learning curves, predictions vs truth, multi-step forecast.

Plain data in, go.Figure out (no Keras, no Streamlit): the page passes a Run's arrays.
Every text goes through rnnlab.i18n with the caller's ``lang``.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.plots import timeaxis
from rnnlab.plots.style import (
    GUIDE_COLOR,
    OKABE_ITO,
    SERIES_COLOR,
    SPLIT_COLORS,
    SPLIT_FILL,
    SPLIT_MARKERS,
    apply,
)

SPLITS = ("train", "val", "test")
FORECAST_COLOR = OKABE_ITO["green"]  # not a split colour: reads as "the model on its own"
FORECAST_FILL = "rgba(0,158,115,0.07)"


def learning_curves(history: dict[str, list[float]], lang: str = "es", epochs: int | None = None,
                    title: str | None = None, height: int = 360) -> go.Figure:
    """Training and validation loss per epoch, the best validation epoch marked.

    ``epochs`` fixes the x range (the live chart keeps its axis while epochs arrive).
    A log y axis when the loss spans more than a factor of 30, so late epochs stay readable.
    """
    loss = np.asarray(history.get("loss", []), dtype=float)
    val = np.asarray(history.get("val_loss", []), dtype=float)
    x = np.arange(1, len(loss) + 1)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=loss, mode="lines+markers", name=t("train.plot.loss", lang),
                             line=dict(color=SPLIT_COLORS["train"], width=3),
                             marker=dict(size=6, symbol=SPLIT_MARKERS["train"], maxdisplayed=40)))
    if len(val):
        fig.add_trace(go.Scatter(x=np.arange(1, len(val) + 1), y=val, mode="lines+markers",
                                 name=t("train.plot.val_loss", lang),
                                 line=dict(color=SPLIT_COLORS["val"], width=3, dash="dash"),
                                 marker=dict(size=6, symbol=SPLIT_MARKERS["val"], maxdisplayed=40)))
        finite = np.isfinite(val)
        if finite.any():
            best = int(np.nanargmin(np.where(finite, val, np.nan)))
            fig.add_trace(go.Scatter(
                x=[best + 1], y=[val[best]], mode="markers", name=t("train.plot.best", lang),
                marker=dict(symbol="star", size=18, color=SPLIT_COLORS["val"],
                            line=dict(color=SERIES_COLOR, width=1.5)),
                hovertemplate=t("train.plot.best_hover", lang) + "<extra></extra>",
            ))
    _style(fig, title if title is not None else t("train.plot.curves_title", lang), height, lang)
    positive = np.concatenate([loss, val])
    positive = positive[np.isfinite(positive) & (positive > 0)]
    log_y = len(positive) > 1 and positive.max() / positive.min() > 30
    fig.update_yaxes(title_text=t("train.plot.loss_axis", lang), type="log" if log_y else "linear",
                     exponentformat="power")
    last = max(int(epochs or 0), len(loss), 1)
    fig.update_xaxes(title_text=t("train.plot.epoch_axis", lang), range=[0.5, last + 0.5],
                     dtick=_nice_dtick(last))
    return fig


def epoch_frames(start: int, stop: int, most: int = 40) -> list[int]:
    """Epoch counts to draw one after another, from ``start`` (already on the page) to ``stop``:
    every epoch while there are at most ``most``, else ``most`` evenly spaced ones, the last
    always (a poll that finds 300 quick epochs draws 40 frames, not 300)."""
    if stop <= start:
        return [stop] if stop > 0 else []
    count = stop - start
    if count <= most:
        return list(range(start + 1, stop + 1))
    return sorted({start + round(count * (i + 1) / most) for i in range(most)})


def paced(frames: list, period: float, clock=None, sleep=None):
    """Yield ``frames`` one every ``period`` seconds, the time spent drawing one included (the
    caller draws between two yields). When drawing falls behind (a busy server) late frames are
    skipped, never the last, so a replay takes about ``len(frames) * period`` however slow a
    frame is: it used to add every frame's drawing to the pauses (40 quick epochs: 3.5 s, not 2)."""
    import time

    clock, sleep = clock or time.perf_counter, sleep or time.sleep
    began = clock()
    for i, frame in enumerate(frames):
        due = began + i * period
        if i < len(frames) - 1 and clock() > due + period:
            continue
        sleep(max(0.0, due - clock()))
        yield frame


def empty_curve(hint: str, lang: str = "es", epochs: int | None = None, height: int = 360) -> go.Figure:
    """The learning curve's axes before any training, ``hint`` written where the loss will fall."""
    fig = learning_curves({}, lang, epochs=epochs, height=height)
    fig.update_yaxes(range=[0, 1], showticklabels=False)
    fig.add_annotation(text=hint, x=0.5, y=0.55, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=18, color=GUIDE_COLOR))
    return fig


def _style(fig: go.Figure, title: str, height: int, lang: str | None = None) -> go.Figure:
    """The common style (legend under the plot, so it never touches the title)."""
    return apply(fig, title=title or None, height=height, lang=lang)


def _nice_dtick(n: int) -> int:
    """Ticks every 1, 2, 5, 10... epochs so about 10 labels fit without overlapping."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if n / step <= 12:
            return step
    return 1000


def _shade_splits(fig: go.Figure, n: int, train_end: int, val_end: int, lang: str,
                  labels=None) -> None:
    """Train / validation / test as shaded bands, each labelled at its top left. ``labels``:
    the series' time labels (rnnlab.plots.timeaxis), or None for positions."""
    bands = {"train": (0, train_end), "val": (train_end, val_end), "test": (val_end, n)}
    for row, (split, (lo, hi)) in enumerate(bands.items()):
        if hi <= lo:
            continue
        # Each label on its own row: two narrow bands (a phone) ran "Validación" into "Prueba".
        fig.add_vrect(x0=timeaxis.between(labels, lo), x1=timeaxis.between(labels, hi),
                      fillcolor=SPLIT_FILL[split], line_width=0, layer="below",
                      annotation_text=t(f"train.split.{split}", lang), annotation_position="top left",
                      annotation=dict(font=dict(size=15, color=SPLIT_COLORS[split]), yshift=-20 * row))
    for position in (train_end, val_end):
        if 0 < position < n:
            fig.add_vline(x=timeaxis.between(labels, position),
                          line=dict(color=GUIDE_COLOR, width=1.5, dash="dot"))


def predictions_figure(values: np.ndarray, target_index: dict[str, np.ndarray],
                       predictions: dict[str, np.ndarray], train_end: int, val_end: int,
                       lang: str = "es", title: str | None = None, height: int = 420,
                       x=None) -> go.Figure:
    """The series (truth) and the one-step predictions of each split, splits shaded. ``x``: the
    series' time labels (years, dates), one per value; None draws positions."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    labels = timeaxis.usable(x, n)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=timeaxis.at(labels, np.arange(n)), y=values, mode="lines",
                             name=t("train.plot.truth", lang),
                             line=dict(color=SERIES_COLOR, width=2)))
    for split in SPLITS:
        idx = np.asarray(target_index.get(split, []))
        pred = np.asarray(predictions.get(split, []), dtype=float)
        if len(idx) == 0:
            continue
        fig.add_trace(go.Scatter(
            x=timeaxis.at(labels, idx), y=pred, mode="lines+markers", name=t(f"train.plot.pred_{split}", lang),
            line=dict(color=SPLIT_COLORS[split], width=2.5, dash="dash"),
            marker=dict(size=6, symbol=SPLIT_MARKERS[split]),
        ))
    _shade_splits(fig, n, train_end, val_end, lang, labels)
    _style(fig, title if title is not None else t("train.plot.pred_title", lang), height, lang)
    fig.update_xaxes(title_text=t("train.plot.time_axis" if labels is None else "data.chart.x", lang))
    fig.update_yaxes(title_text=t("train.plot.value_axis", lang))
    return fig


def forecast_figure(values: np.ndarray, test_index: np.ndarray, test_predictions: np.ndarray,
                    recursive_index: np.ndarray, recursive_values: np.ndarray,
                    future: np.ndarray | None = None, lang: str = "es", context: int | None = None,
                    title: str | None = None, height: int = 420, x=None) -> go.Figure:
    """One-step predictions against a recursive forecast, after the training data. ``x``: the
    series' time labels, one per value (the future continues their step); None: positions.

    ``recursive_*``: the model fed its own outputs from the start of the test part (truth is
    known there, so the growing error shows); ``future``: the same recursion continued past the
    end of the data. ``context`` limits how much earlier history is drawn.
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    test_index = np.asarray(test_index)
    start = int(test_index[0]) if len(test_index) else n
    first = 0 if context is None else max(0, start - int(context))
    labels = timeaxis.usable(x, n)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=timeaxis.at(labels, np.arange(first, n)), y=values[first:], mode="lines",
                             name=t("train.plot.truth", lang), line=dict(color=SERIES_COLOR, width=2)))
    if len(test_index):
        fig.add_trace(go.Scatter(x=timeaxis.at(labels, test_index), y=np.asarray(test_predictions, dtype=float),
                                 mode="lines+markers", name=t("train.plot.one_step", lang),
                                 line=dict(color=SPLIT_COLORS["test"], width=2.5, dash="dash"),
                                 marker=dict(size=6, symbol=SPLIT_MARKERS["test"])))
    if len(recursive_index):
        fig.add_trace(go.Scatter(x=timeaxis.at(labels, recursive_index), y=np.asarray(recursive_values, dtype=float),
                                 mode="lines+markers", name=t("train.plot.recursive", lang),
                                 line=dict(color=FORECAST_COLOR, width=3), marker=dict(size=5)))
    if future is not None and len(future):
        x_future = timeaxis.at(labels, np.arange(n, n + len(future)))
        fig.add_trace(go.Scatter(x=x_future, y=np.asarray(future, dtype=float), mode="lines+markers",
                                 name=t("train.plot.future", lang),
                                 line=dict(color=FORECAST_COLOR, width=3, dash="dot"),
                                 marker=dict(size=5, symbol="diamond")))
        fig.add_vrect(x0=timeaxis.between(labels, n), x1=timeaxis.between(labels, n + len(future)),
                      fillcolor=FORECAST_FILL,
                      line_width=0, layer="below", annotation_text=t("train.plot.beyond", lang),
                      annotation_position="top left",
                      annotation=dict(font=dict(size=15, color=FORECAST_COLOR)))
    if len(test_index):
        fig.add_vline(x=timeaxis.between(labels, start), line=dict(color=GUIDE_COLOR, width=1.5, dash="dot"))
    _style(fig, title if title is not None else t("train.plot.forecast_title", lang), height, lang)
    fig.update_xaxes(title_text=t("train.plot.time_axis" if labels is None else "data.chart.x", lang))
    fig.update_yaxes(title_text=t("train.plot.value_axis", lang))
    return fig


def error_growth_figure(abs_error_one_step: np.ndarray, abs_error_recursive: np.ndarray,
                        lang: str = "es", height: int = 320) -> go.Figure:
    """Absolute error per step ahead: one-step stays flat, recursive grows."""
    one = np.asarray(abs_error_one_step, dtype=float)
    rec = np.asarray(abs_error_recursive, dtype=float)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=np.arange(1, len(one) + 1), y=one, mode="lines+markers",
                             name=t("train.plot.one_step", lang),
                             line=dict(color=SPLIT_COLORS["test"], width=2.5, dash="dash"),
                             marker=dict(symbol=SPLIT_MARKERS["test"])))
    fig.add_trace(go.Scatter(x=np.arange(1, len(rec) + 1), y=rec, mode="lines+markers",
                             name=t("train.plot.recursive", lang),
                             line=dict(color=FORECAST_COLOR, width=3), marker=dict(symbol="circle")))
    _style(fig, t("train.plot.error_title", lang), height, lang)
    fig.update_xaxes(title_text=t("train.plot.steps_axis", lang), dtick=_nice_dtick(max(len(rec), 1)))
    fig.update_yaxes(title_text=t("train.plot.abs_error_axis", lang), rangemode="tozero")
    return fig


# ----- the metrics table (plain data for the page, next to its figures) -----

def metrics_rows(metrics: dict[str, dict[str, float]],
                 baselines: dict[str, dict[str, dict[str, float]]], metric: str = "rmse",
                 cell: str = "", lang: str = "es"):
    """A table (pandas DataFrame): the network and both baselines, one column per split.

    Test first: it is the honest score, and on a phone only the first columns are in view.
    """
    import pandas as pd

    rows = [(t("train.row.model", lang, cell=cell), metrics)]
    rows += [(t(f"train.row.{name}", lang), baselines[name]) for name in ("persistence", "linear")
             if name in baselines]
    table = {t("train.col.model", lang): [name for name, _ in rows]}
    for split in SPLITS[::-1]:
        table[t(f"train.split.{split}", lang)] = [
            float(values.get(split, {}).get(metric, np.nan)) for _, values in rows
        ]
    return pd.DataFrame(table)
