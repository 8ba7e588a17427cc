"""Figures of the Modern recurrences page: the scan's tree next to the loop's chain, the measured
timing curves, and the parity task's accuracy."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from rnnlab.plots.style import CELL_COLORS, GUIDE_COLOR, OKABE_ITO, SERIES_COLOR, apply

COLORS = {**CELL_COLORS, "loop": CELL_COLORS["GRU"], "scan": CELL_COLORS["LSTM"],
          "log": OKABE_ITO["green"], "minGRU_scan": OKABE_ITO["orange"], "minGRU_loop": OKABE_ITO["purple"]}
DASHES = {"loop": "dash", "scan": "solid", "log": "dot", "minGRU_scan": "solid", "minGRU_loop": "dot",
          "GRU": "dash", "LSTM": "dashdot", "minGRU": "solid", "minLSTM": "dot"}
MARKERS = {"loop": "diamond", "scan": "square", "log": "circle", "minGRU_scan": "square",
           "minGRU_loop": "circle", "GRU": "diamond", "LSTM": "triangle-up", "minGRU": "square",
           "minLSTM": "circle"}


def _wrapped(title: str, width: int = 34) -> str:
    """A long title on several lines: on a phone one line ran off the chart."""
    return "<br>".join(textwrap.wrap(title, width=width)) if title else title


def scan_tree(steps: int, rounds: list[dict], labels: dict[str, str], title: str,
              lang: str | None = None) -> go.Figure:
    """Top row: the loop's chain h1 -> h2 -> ... (each step waits for the one before). Below, in
    the same columns: the scan; row 0 the steps, then one row per round, each square a combined
    span "i..j" under its last element j, with arrows from the two spans it combines (blue:
    rounds going up the tree, orange: rounds coming down). labels: loop, scan, round, input."""
    fig = go.Figure()
    notes = []
    top = 1.6
    xs = list(range(steps))
    fig.add_trace(go.Scatter(
        x=xs, y=[top] * steps, mode="markers+text", name=labels["loop"],
        text=[f"h{t + 1}" for t in xs], textposition="top center",
        marker=dict(size=14, color=COLORS["loop"], symbol="diamond"),
        hovertemplate="%{text}<extra></extra>"))
    for t in range(1, steps):
        notes.append(dict(x=t - 0.22, y=top, ax=t - 0.78, ay=top, xref="x", yref="y", axref="x", ayref="y",
                          text="", showarrow=True, arrowhead=2, arrowwidth=2, arrowcolor=COLORS["loop"]))
    level = {(t, t): 0 for t in range(steps)}
    fig.add_trace(go.Scatter(
        x=xs, y=[0] * steps, mode="markers+text", name=labels["input"],
        text=[f"{t + 1}" for t in xs], textposition="top center",
        marker=dict(size=12, color=GUIDE_COLOR, symbol="circle"), hovertemplate="%{text}<extra></extra>"))
    for k, r in enumerate(rounds, start=1):
        color = COLORS["scan"] if r["phase"] == "up" else OKABE_ITO["orange"]
        px, py, text = [], [], []
        for (l0, l1), (r0, r1) in r["pairs"]:
            for span in ((l0, l1), (r0, r1)):
                notes.append(dict(x=r1, y=-k, ax=span[1], ay=-level.get(span, 0), xref="x", yref="y",
                                  axref="x", ayref="y", text="", showarrow=True, arrowhead=2,
                                  arrowwidth=1.4, arrowcolor=color, standoff=7))
            level[(l0, r1)] = k
            px.append(r1)
            py.append(-k)
            text.append(f"{l0 + 1}..{r1 + 1}")
        fig.add_trace(go.Scatter(
            x=px, y=py, mode="markers+text", name=f"{labels['round']} {k}", text=text,
            textposition="middle right", textfont=dict(size=13), showlegend=False,
            marker=dict(size=12, color=color, symbol="square"), hovertemplate="%{text}<extra></extra>"))
    notes.append(dict(x=-0.6, y=top, text=f"<b>{labels['loop']}</b>", showarrow=False, xanchor="right",
                      font=dict(color=SERIES_COLOR)))
    notes.append(dict(x=-0.6, y=-len(rounds) / 2, text=f"<b>{labels['scan']}</b>", showarrow=False,
                      xanchor="right", font=dict(color=SERIES_COLOR)))
    fig.update_layout(annotations=notes, showlegend=False)
    fig.update_xaxes(visible=False, range=[-2.4, steps + 0.2])
    fig.update_yaxes(visible=False, range=[-len(rounds) - 0.6, top + 0.8])
    return apply(fig, title=_wrapped(title), height=110 + 55 * (len(rounds) + 3), lang=lang)


def timing(curves: dict[str, tuple[list, list]], names: dict[str, str], title: str, x_title: str,
           y_title: str, lang: str | None = None) -> go.Figure:
    """Milliseconds against the sequence length T (curves in seconds), both axes logarithmic."""
    fig = go.Figure()
    for key, (xs, ys) in curves.items():
        fig.add_trace(go.Scatter(
            x=xs, y=[1e3 * y for y in ys], name=names.get(key, key), mode="lines+markers",
            line=dict(color=COLORS.get(key, SERIES_COLOR), dash=DASHES.get(key, "solid"), width=3),
            marker=dict(symbol=MARKERS.get(key, "circle"), size=9)))
    # Plain numbers on the ticks (10, 100, 1,000...), not SI letters (100µ, 10k).
    fig.update_xaxes(type="log", title_text=x_title, exponentformat="none", dtick=1)  # one tick a decade
    fig.update_yaxes(type="log", title_text=y_title, exponentformat="none", dtick=1)
    return apply(fig, title=_wrapped(title), height=420, lang=lang)


def parity(series: dict[str, tuple[list, list]], title: str, x_title: str, y_title: str,
           mark: float | None = None, mark_text: str = "", lang: str | None = None) -> go.Figure:
    """Accuracy (0..1) per cell against epochs or steps; a dotted line at chance (0.5)."""
    fig = go.Figure()
    for cell, (xs, ys) in series.items():
        fig.add_trace(go.Scatter(
            x=xs, y=ys, name=cell, mode="lines+markers",
            line=dict(color=COLORS.get(cell, SERIES_COLOR), dash=DASHES.get(cell, "solid"), width=3),
            marker=dict(symbol=MARKERS.get(cell, "circle"), size=7)))
    fig.add_hline(y=0.5, line=dict(color=GUIDE_COLOR, dash="dot"))
    if mark is not None:
        fig.add_vline(x=mark, line=dict(color=GUIDE_COLOR, dash="dot"), annotation_text=mark_text,
                      annotation_position="bottom right")
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, range=[0.3, 1.05], tickformat=".0%")
    return apply(fig, title=_wrapped(title), height=400, lang=lang)
