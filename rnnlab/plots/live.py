"""The live lesson's reveal: what the class answered, next to the true answer.

A value question gets a histogram of the answers with the true value as a vertical line; a
choice gets one bar per option, the right one marked in its label (not by colour alone).
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt
from rnnlab.plots.style import GUIDE_COLOR, OKABE_ITO, apply

ANSWER_COLOR = OKABE_ITO["sky_blue"]
RIGHT_COLOR = OKABE_ITO["green"]
TRUTH_COLOR = OKABE_ITO["vermillion"]


def answers_histogram(edges: np.ndarray, counts: np.ndarray, truth: float | None, lang: str,
                      height: int = 340) -> go.Figure:
    """Bars over the bins ``edges`` (n + 1) with ``counts`` (n), and the true value's line."""
    edges = np.asarray(edges, dtype=np.float64)
    counts = np.asarray(counts, dtype=int)
    mids = (edges[:-1] + edges[1:]) / 2 if edges.size > 1 else np.array([])
    ranges = [f"{fmt(lo, lang, sig=3)} – {fmt(hi, lang, sig=3)}" for lo, hi in zip(edges[:-1], edges[1:],
                                                                                     strict=True)]
    fig = go.Figure(go.Bar(
        x=mids, y=counts, width=np.diff(edges) * 0.92 if edges.size > 1 else None,
        name=t("live.fig.answers", lang), marker_color=ANSWER_COLOR, customdata=ranges,
        hovertemplate="%{customdata}: %{y}<extra></extra>", textposition="outside", cliponaxis=False,
        text=[str(c) if c else "" for c in counts]))  # empty bins unlabelled: the bars speak
    if truth is not None:
        top = max(1, int(counts.max()) if counts.size else 1)
        fig.add_trace(go.Scatter(
            x=[truth, truth], y=[0, top * 1.15], mode="lines", name=t("live.fig.truth", lang,
                                                                      value=fmt(truth, lang, sig=4)),
            line=dict(color=TRUTH_COLOR, width=4, dash="dash"), hoverinfo="skip"))
    fig.update_xaxes(title_text=t("live.fig.value_axis", lang))
    _count_axis(fig, int(counts.max()) if counts.size else 0, lang)
    return apply(fig, t("live.fig.histogram_title", lang), height=height, lang=lang)


def plotly_text(text: str) -> str:
    """Plain text for a Plotly label: shown as typed. Plotly reads a few HTML tags in labels
    (<b>, <i>, <br>, <a>...) and decodes entities, so < > & become entities; nothing else changes."""
    return html.escape(str(text), quote=False)


def answers_bars(labels: list[str], counts: list[int], right: int | None, lang: str,
                 height: int = 340) -> go.Figure:
    """One bar per option (``labels``: plain text, shown as typed); the right option's bar is
    green and its label says so."""
    shown = [plotly_text(label) + (" ✓" if k == right else "") for k, label in enumerate(labels)]
    colors = [RIGHT_COLOR if k == right else ANSWER_COLOR for k in range(len(labels))]
    fig = go.Figure(go.Bar(
        x=shown, y=list(counts), name=t("live.fig.answers", lang), marker_color=colors,
        marker_line=dict(color=GUIDE_COLOR, width=[3 if k == right else 0 for k in range(len(labels))]),
        text=list(counts), textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_xaxes(title_text=t("live.fig.option_axis", lang), type="category")
    _count_axis(fig, max(counts, default=0), lang)
    return apply(fig, t("live.fig.bars_title", lang), height=height, lang=lang)


def _count_axis(fig: go.Figure, top: int, lang: str) -> None:
    # whole students only: one tick per student while they fit, then Plotly's round steps
    fig.update_yaxes(title_text=t("live.fig.count_axis", lang), rangemode="tozero",
                     range=[0, max(1, top) * 1.2], dtick=1 if top <= 8 else None, tickformat="d")
