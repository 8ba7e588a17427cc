"""Figures of the rolling-origin backtest: error by horizon step, forecast with conformal bands.

Plain data in, go.Figure out; every text through rnnlab.i18n with the caller's ``lang``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_pct
from rnnlab.plots import timeaxis
from rnnlab.plots.style import OKABE_ITO, SERIES_COLOR, apply

# Networks in strong colours and full lines; benchmarks thinner and dashed, in greys and muted hues.
METHOD_STYLE = {
    "rnn_recursive": dict(color=OKABE_ITO["green"], width=4, dash="solid"),
    "rnn_direct": dict(color=OKABE_ITO["blue"], width=4, dash="longdash"),
    "mean": dict(color="#94a3b8", width=2, dash="dot"),
    "naive": dict(color="#64748b", width=2, dash="dash"),
    "seasonal_naive": dict(color=OKABE_ITO["vermillion"], width=3, dash="dash"),
    "drift": dict(color=OKABE_ITO["orange"], width=2, dash="dot"),
    "ets": dict(color=OKABE_ITO["sky_blue"], width=3, dash="dashdot"),
}
BAND_FILL = {0.8: "rgba(124,58,237,0.28)", 0.95: "rgba(124,58,237,0.12)"}


def _style(fig: go.Figure, title: str, height: int, lang: str) -> go.Figure:
    """The common style with the legend under the plot: with seven methods it wraps to several
    rows on a phone, and above the plot it would grow into the title."""
    apply(fig, title=title or None, height=height, lang=lang)
    fig.update_layout(title=dict(y=0.98, yanchor="top"), margin=dict(t=60 if title else 20, b=40),
                      legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))
    return fig


def error_by_horizon(table: pd.DataFrame, labels: dict[str, str], lang: str = "es",
                     metric: str = "MASE", colors: dict[str, str] | None = None,
                     title: str | None = None, height: int = 500) -> go.Figure:
    """One line per method: ``metric`` at each horizon step h (rows of a score table).

    ``labels`` maps each method (index level "method") to its legend text; ``colors``
    overrides a method's colour (Compare gives every run its own).
    """
    fig = go.Figure()
    for method in table.index.get_level_values("method").unique():
        rows = table.xs(method, level="method")
        kind = str(method).split("/")[-1]  # Compare's keys: "<run_id>/rnn_recursive"
        style = dict(METHOD_STYLE.get(kind, dict(color=SERIES_COLOR, width=3, dash="solid")))
        if colors and method in colors:
            style["color"] = colors[method]
        fig.add_trace(go.Scatter(x=rows.index.to_numpy(), y=rows[metric].to_numpy(),
                                 mode="lines+markers", name=labels.get(method, method),
                                 line=style, marker=dict(size=6 if style["width"] > 2 else 4)))
    _style(fig, t("backtest.plot.by_h_title", lang) if title is None else title, height, lang)
    fig.update_xaxes(title_text=t("backtest.plot.h_axis", lang), rangemode="tozero")
    fig.update_yaxes(title_text=t("backtest.plot.mase_axis", lang) if metric == "MASE" else metric,
                     rangemode="tozero")
    return fig


def _band(fig: go.Figure, x: np.ndarray, center: np.ndarray, width: np.ndarray, level: float,
          lang: str, legend: bool) -> None:
    if not np.all(np.isfinite(width)):
        return  # too few residuals for this level: no band rather than an invented one
    label = t("backtest.plot.band", lang, level=fmt_pct(level, lang))
    group = f"band{level}"
    fig.add_trace(go.Scatter(x=x, y=center + width, mode="lines", line=dict(width=0),
                             hoverinfo="skip", showlegend=False, legendgroup=group))
    fig.add_trace(go.Scatter(x=x, y=center - width, mode="lines", line=dict(width=0),
                             fill="tonexty", fillcolor=BAND_FILL.get(level, "rgba(0,0,0,0.1)"),
                             name=label, legendgroup=group, showlegend=legend, hoverinfo="skip"))


def forecast_bands(values: np.ndarray, origin: int, heldout: np.ndarray,
                   heldout_widths: dict[float, np.ndarray], future: np.ndarray,
                   future_widths: dict[float, np.ndarray], lang: str = "es",
                   context: int | None = None, title: str | None = None,
                   height: int = 500, color: str = OKABE_ITO["green"], x=None) -> go.Figure:
    """The last fold's forecast from ``origin`` against the truth, and the forecast beyond the
    data, each with its conformal bands (held-out bands are calibrated without that fold).
    ``color``: the network's (its cell's colour, style.CELL_COLORS, on the Train page).
    ``x``: the series' time labels (years, dates), one per value; None draws positions."""
    values = np.asarray(values, dtype=float)
    n, horizon = len(values), len(heldout)
    labels = timeaxis.usable(x, n)
    start = max(0, origin - (context if context is not None else max(3 * horizon, 30)))
    fig = go.Figure()
    x_held = timeaxis.at(labels, np.arange(origin, origin + horizon))
    x_future = timeaxis.at(labels, np.arange(n, n + len(future)))
    for level in sorted(heldout_widths, reverse=True):  # the wide band first, underneath
        _band(fig, x_held, heldout, heldout_widths[level], level, lang, legend=True)
        _band(fig, x_future, future, future_widths[level], level, lang, legend=False)
    fig.add_trace(go.Scatter(x=timeaxis.at(labels, np.arange(start, n)), y=values[start:], mode="lines",
                             name=t("backtest.plot.series", lang),
                             line=dict(color=SERIES_COLOR, width=2)))
    fig.add_trace(go.Scatter(x=x_held, y=heldout, mode="lines+markers",
                             name=t("backtest.plot.heldout", lang),
                             line=dict(color=color, width=3), marker=dict(size=6)))
    fig.add_trace(go.Scatter(x=x_future, y=future, mode="lines+markers",
                             name=t("backtest.plot.future", lang),
                             line=dict(color=color, width=3, dash="dot"), marker=dict(size=6)))
    fig.add_vline(x=timeaxis.between(labels, origin), line=dict(color="#475569", dash="dash", width=1.5))
    fig.add_annotation(x=timeaxis.between(labels, origin), y=1.0, yref="paper", text=t("backtest.plot.origin", lang),
                       showarrow=False, xanchor="right", yanchor="bottom", font=dict(size=13))
    _style(fig, t("backtest.plot.band_title", lang) if title is None else title, height, lang)
    fig.update_xaxes(title_text=t("backtest.plot.time_axis" if labels is None else "data.chart.x", lang))
    fig.update_yaxes(title_text=t("backtest.plot.value_axis", lang))
    return fig
