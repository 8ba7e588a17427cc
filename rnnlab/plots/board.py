"""The class board: every posted run's test MASE, one row per group of settings.

Rows are the groups of rnnlab.activities.board (the same settings but the seed), best on top;
each run is a dot (its cell's colour and marker), a grey line joins a group's best and worst seed
and a black tick marks its median, so the spread over seeds shows. Dashed vertical lines mark
persistence and seasonal naive on the same test targets (the median over the posts).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.activities.board import Group, nickname
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt
from rnnlab.plots.style import GUIDE_COLOR, OKABE_ITO, apply, cell_cue

MAX_ROWS = 12  # the projector's screen; the rest is in the list under the chart


def _median(values) -> float | None:
    finite = [v for v in values if v is not None and np.isfinite(v)]
    return float(np.median(finite)) if finite else None


def board_figure(groups: list[Group], labels: list[str], lang: str, height: int | None = None) -> go.Figure:
    """``groups`` ranked (best first) with their row ``labels`` (plain text)."""
    groups, labels = groups[:MAX_ROWS], labels[:MAX_ROWS]
    n = len(groups)
    fig = go.Figure()
    xs, ys = [], []
    for row, g in enumerate(groups):
        xs += [g.low, g.high, None]
        ys += [row, row, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=t("board.fig.range", lang),
                             line=dict(color=GUIDE_COLOR, width=6), hoverinfo="skip"))
    cells = sorted({e.settings["cell"] for g in groups for e in g.entries})
    for cell in cells:
        color, _, symbol = cell_cue(cell)
        points = [(e, row) for row, g in enumerate(groups) for e in g.entries if e.settings["cell"] == cell]
        fig.add_trace(go.Scatter(
            x=[e.mase for e, _ in points], y=[row for _, row in points], mode="markers", name=cell,
            marker=dict(color=color, symbol=symbol, size=13, line=dict(color="#ffffff", width=1)),
            customdata=[[nickname(e.nick, lang), e.settings["seed"]] for e, _ in points],
            hovertemplate=t("board.fig.hover", lang) + "<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[g.median for g in groups], y=list(range(n)), mode="markers", name=t("board.fig.median", lang),
        marker=dict(color=OKABE_ITO["black"], symbol="line-ns", size=26, line=dict(width=3, color=OKABE_ITO["black"])),
        hoverinfo="skip"))  # a tick across the row: the seed's dot under it stays visible
    entries = [e for g in groups for e in g.entries]
    for key, value, dash, color in (("persistence", _median([e.persistence for e in entries]), "dash",
                                     OKABE_ITO["vermillion"]),
                                    ("seasonal", _median([e.seasonal for e in entries]), "dot", OKABE_ITO["purple"])):
        if value is not None:
            fig.add_trace(go.Scatter(x=[value, value], y=[-0.5, n - 0.5], mode="lines",
                                     name=t(f"board.fig.{key}", lang, value=fmt(value, lang, sig=3)),
                                     line=dict(color=color, width=3, dash=dash), hoverinfo="skip"))
    fig.update_yaxes(tickmode="array", tickvals=list(range(n)), ticktext=[str(label) for label in labels],
                     range=[n - 0.5, -0.5], showgrid=False, zeroline=False, automargin=True)
    fig.update_xaxes(title_text=t("board.fig.mase_axis", lang), rangemode="tozero")
    return apply(fig, t("board.fig.title", lang), height=height or 190 + 46 * max(1, n), lang=lang)
