"""Vote twice: both rounds of a question side by side.

A choice gets two bars per option (round one, round two), a value question two bars per bin of
one shared set of bins, with the true value as a dashed line. The rounds differ by colour and by
a hatch (round two), so that they are told apart without colour.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt
from rnnlab.plots.live import TRUTH_COLOR, _count_axis, plotly_text
from rnnlab.plots.style import OKABE_ITO, apply

ROUND_COLORS = (OKABE_ITO["sky_blue"], OKABE_ITO["blue"])
ROUND_PATTERNS = ("", "/")


def shared_bins(first, second, truth: float | None = None, bins: int = 10):
    """(edges, counts of round one, counts of round two) on one set of bins holding both rounds
    and the truth (rnnlab.classroom.questions.histogram's bins for all the answers together)."""
    from rnnlab.classroom.questions import histogram

    a = np.asarray([float(v) for v in first], dtype=np.float64)
    b = np.asarray([float(v) for v in second], dtype=np.float64)
    edges, _ = histogram(list(np.concatenate([a, b])), truth, bins=bins)
    if edges.size == 0:
        return edges, np.array([], dtype=int), np.array([], dtype=int)
    return edges, np.histogram(a, bins=edges)[0], np.histogram(b, bins=edges)[0]


def _round_bar(k: int, x, counts, lang: str, **extra) -> go.Bar:
    return go.Bar(x=x, y=list(counts), name=t(f"vote.fig.round{k + 1}", lang), marker_color=ROUND_COLORS[k],
                  marker_pattern_shape=ROUND_PATTERNS[k], text=[str(int(c)) if c else "" for c in counts],
                  textposition="outside", cliponaxis=False, **extra)


def rounds_bars(labels: list[str], first: list[int], second: list[int], right: int | None, lang: str,
                height: int = 340) -> go.Figure:
    """Two bars per option (``labels``: plain text, shown as typed); the right one's label
    carries a ✓."""
    shown = [plotly_text(label) + (" ✓" if k == right else "") for k, label in enumerate(labels)]
    fig = go.Figure([_round_bar(0, shown, first, lang, hovertemplate="%{x}: %{y}<extra></extra>"),
                     _round_bar(1, shown, second, lang, hovertemplate="%{x}: %{y}<extra></extra>")])
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.08)
    fig.update_xaxes(title_text=t("live.fig.option_axis", lang), type="category")
    _count_axis(fig, max([*first, *second], default=0), lang)
    return apply(fig, t("vote.fig.bars_title", lang), height=height, lang=lang)


def rounds_histogram(edges, first, second, truth: float | None, lang: str, height: int = 340) -> go.Figure:
    """Round one's and round two's answers over the same bins ``edges``, and the true value."""
    edges = np.asarray(edges, dtype=np.float64)
    first, second = np.asarray(first, dtype=int), np.asarray(second, dtype=int)
    mids = (edges[:-1] + edges[1:]) / 2 if edges.size > 1 else np.array([])
    ranges = [f"{fmt(lo, lang, sig=3)} – {fmt(hi, lang, sig=3)}" for lo, hi in zip(edges[:-1], edges[1:],
                                                                                     strict=True)]
    fig = go.Figure([_round_bar(k, mids, counts, lang, customdata=ranges,
                                hovertemplate="%{customdata}: %{y}<extra></extra>")
                     for k, counts in enumerate((first, second))])
    top = int(max(first.max(initial=0), second.max(initial=0)))
    if truth is not None:
        fig.add_trace(go.Scatter(
            x=[truth, truth], y=[0, max(1, top) * 1.15], mode="lines",
            name=t("live.fig.truth", lang, value=fmt(truth, lang, sig=4)),
            line=dict(color=TRUTH_COLOR, width=4, dash="dash"), hoverinfo="skip"))
    fig.update_layout(barmode="group", bargap=0.15, bargroupgap=0.05)
    fig.update_xaxes(title_text=t("live.fig.value_axis", lang))
    _count_axis(fig, top, lang)
    return apply(fig, t("vote.fig.histogram_title", lang), height=height, lang=lang)
