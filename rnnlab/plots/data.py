"""Charts of the Data page: the series with its split and one highlighted window, and the range.

Plain data in, ``go.Figure`` out. Every chart sends at most ``MAX_POINTS`` points to the
browser (min/max per bucket, so peaks stay) and says so in its subtitle when it thins.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.plots.downsample import MAX_POINTS, minmax_indices
from rnnlab.plots.style import (
    OKABE_ITO,
    SERIES_COLOR,
    SPLIT_COLORS,
    SPLIT_FILL,
    SPLIT_MARKERS,
    apply,
    place_legend,
)

WINDOW_COLOR = OKABE_ITO["green"]  # the input window: apart from the split colours
WINDOW_FILL = "rgba(0,158,115,0.16)"
TARGET_COLOR = OKABE_ITO["vermillion"]  # the value the window must predict (a star: shape too)
RANGE_FILL = "rgba(15,23,42,0.10)"


def _thin(x: np.ndarray, y: np.ndarray, max_points: int, lang: str) -> tuple[np.ndarray, np.ndarray, str | None]:
    keep = minmax_indices(y, max_points)
    if len(keep) == len(y):
        return x, y, None
    note = t("data.chart.downsampled", lang, shown=len(keep), total=len(y))
    return x[keep], y[keep], note


def _plotly_x(value):
    """Shape coordinates must be text for a date axis (Plotly reads a datetime64 as nanoseconds)."""
    if isinstance(value, np.datetime64):
        return np.datetime_as_string(value, unit="s")
    return value.item() if isinstance(value, np.generic) else value


def _boundary(x: np.ndarray, position: int):
    """The x where a part starting at ``position`` begins (half-way between two samples)."""
    position = int(np.clip(position, 0, len(x)))
    if len(x) == 0:
        return 0
    if position == 0:
        return _plotly_x(x[0])
    if position == len(x):
        return _plotly_x(x[-1])
    a, b = x[position - 1], x[position]
    return _plotly_x(a + (b - a) / 2)  # works for numbers and for numpy datetimes


def _legend_square(name: str, color: str, symbol: str = "square") -> go.Scatter:
    return go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                      marker=dict(symbol=symbol, size=16, color=color))


def split_figure(
    values,
    x=None,
    train_end: int | None = None,
    val_end: int | None = None,
    window: int | None = None,
    lookback: int = 10,
    lang: str = "en",
    max_points: int = MAX_POINTS,
    height: int = 500,
) -> go.Figure:
    """The series with training / validation / test shaded and window ``window`` highlighted.

    ``x`` holds the time labels (dates, years or row numbers); ``train_end`` and ``val_end``
    are positions in ``values`` (as from ``rnnlab.data.windows.split_points``). Window ``i`` has
    inputs ``values[i : i+lookback]`` and target ``values[i+lookback]``.
    """
    values = np.asarray(values, dtype=np.float64)
    x = np.arange(len(values)) if x is None else np.asarray(x)
    shown_x, shown_y, note = _thin(x, values, max_points, lang)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=shown_x, y=shown_y, mode="lines", name=t("data.chart.series", lang),
        line=dict(color=SERIES_COLOR, width=1.6),
    ))
    if train_end is not None and val_end is not None and len(values):
        n = len(values)
        parts = {"train": (0, train_end), "val": (train_end, val_end), "test": (val_end, n)}
        for split, (lo, hi) in parts.items():
            if hi <= lo:
                continue
            fig.add_vrect(x0=_boundary(x, lo), x1=_boundary(x, hi), fillcolor=SPLIT_FILL[split],
                          line_width=0, layer="below")
            fig.add_trace(_legend_square(t(f"data.split.{split}.n", lang, n=int(hi - lo)),
                                         SPLIT_COLORS[split], SPLIT_MARKERS[split]))
            # A coloured bar along the bottom edge: the split reads even where the fill is faint.
            fig.add_shape(type="rect", xref="x", yref="paper", x0=_boundary(x, lo),
                          x1=_boundary(x, hi), y0=0, y1=0.025, fillcolor=SPLIT_COLORS[split],
                          line_width=0, layer="above")
    if window is not None and window >= 0 and window + lookback < len(values):
        inputs = slice(window, window + lookback)
        target = window + lookback
        fig.add_vrect(x0=_plotly_x(x[window]), x1=_plotly_x(x[target - 1]), fillcolor=WINDOW_FILL, line_width=0,
                      layer="below")
        fig.add_trace(go.Scatter(
            x=x[inputs], y=values[inputs], mode="lines+markers", name=t("data.chart.inputs", lang, n=lookback),
            line=dict(color=WINDOW_COLOR, width=3), marker=dict(size=8, color=WINDOW_COLOR),
        ))
        fig.add_trace(go.Scatter(
            x=[x[target]], y=[values[target]], mode="markers", name=t("data.chart.target", lang),
            marker=dict(symbol="star", size=20, color=TARGET_COLOR, line=dict(width=1, color="white")),
        ))
    apply(fig, title=t("data.chart.title", lang), height=height, lang=lang)
    if note:
        fig.update_layout(title=dict(subtitle=dict(text=note, font=dict(size=15))))
    fig.update_xaxes(title_text=t("data.chart.x", lang))
    fig.update_yaxes(title_text=t("data.chart.y", lang))
    _legend_below(fig)
    return fig


def _legend_below(fig: go.Figure, bottom: int = 150) -> None:
    """The legend above the plot, under the title (style.place_legend): it wraps into as many
    rows as a narrow column needs and pushes the plot down, never out of the figure. (It sat
    at the foot, 150 px reserved: in a half-width column it took a third of the chart.)"""
    place_legend(fig)


def range_figure(values, x=None, start: int = 0, stop: int | None = None, step: int = 1,
                 lang: str = "en", max_points: int = MAX_POINTS, height: int = 300) -> go.Figure:
    """The whole series with the part handed to training shaded (the Data page's range)."""
    values = np.asarray(values, dtype=np.float64)
    x = np.arange(len(values)) if x is None else np.asarray(x)
    stop = len(values) if stop is None else stop
    shown_x, shown_y, note = _thin(x, values, max_points, lang)
    fig = go.Figure(go.Scatter(x=shown_x, y=shown_y, mode="lines", name=t("data.chart.series", lang),
                               line=dict(color=SERIES_COLOR, width=1.2)))
    if stop > start:
        fig.add_vrect(x0=_plotly_x(x[start]), x1=_plotly_x(x[stop - 1]), fillcolor=RANGE_FILL,
                      line_width=0, layer="below")
        fig.add_trace(_legend_square(
            t("data.chart.range", lang, n=len(range(start, stop, step)), step=step), "rgba(15,23,42,0.35)"))
    apply(fig, title=t("data.chart.range_title", lang), height=height, lang=lang)
    if note:
        fig.update_layout(title=dict(subtitle=dict(text=note, font=dict(size=15))))
    _legend_below(fig)
    return fig
