"""One look for every chart: fonts large enough for a projector, fixed colours per meaning."""

from __future__ import annotations

import plotly.graph_objects as go

from rnnlab.i18n.numbers import plotly_separators

FONT_SIZE = 16
SPLIT_COLORS = {"train": "#2563eb", "val": "#f59e0b", "test": "#dc2626"}
SPLIT_FILL = {"train": "rgba(37,99,235,0.08)", "val": "rgba(245,158,11,0.12)", "test": "rgba(220,38,38,0.10)"}
CELL_COLORS = {"SimpleRNN": "#7c3aed", "LSTM": "#059669", "GRU": "#ea580c"}
SERIES_COLOR = "#0f172a"
# Colours for runs on the Compare page: distinct, colour-blind friendly (Okabe-Ito + extras).
RUN_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]


def apply(fig: go.Figure, title: str | None = None, height: int = 380,
          lang: str | None = None) -> go.Figure:
    """Common layout: readable fonts, light grid, legend on top, tight margins; with ``lang``,
    the decimal and thousands separators of that language in hover labels and ticks."""
    if lang is not None:
        fig.update_layout(separators=plotly_separators(lang))
    fig.update_layout(
        title=dict(text=title, font=dict(size=FONT_SIZE + 4)) if title else None,
        font=dict(size=FONT_SIZE),
        height=height,
        template="plotly_white",
        margin=dict(l=60, r=20, t=70 if title else 30, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font_size=FONT_SIZE),
    )
    return fig


def sparkline(values, height: int = 70, lang: str | None = None) -> go.Figure:
    """A tiny line chart of a series (the sidebar's reminder of the current data)."""
    fig = go.Figure(go.Scatter(y=values, mode="lines", line=dict(color=SERIES_COLOR, width=1.5),
                               hoverinfo="skip"))
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), template="plotly_white",
                      xaxis=dict(visible=False), yaxis=dict(visible=False), showlegend=False)
    if lang is not None:
        fig.update_layout(separators=plotly_separators(lang))
    return fig
