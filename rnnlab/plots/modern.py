"""Figures of the Modern recurrences page: the scan's tree next to the loop's chain, the measured
timing curves, and the parity task's accuracy."""

from __future__ import annotations

import plotly.graph_objects as go

from rnnlab.plots.style import CELL_COLORS, GUIDE_COLOR, OKABE_ITO, SERIES_COLOR, apply

MODERN_COLORS = {"minGRU": OKABE_ITO["orange"], "minLSTM": OKABE_ITO["purple"]}
COLORS = {**CELL_COLORS, **MODERN_COLORS, "loop": CELL_COLORS["GRU"], "scan": CELL_COLORS["LSTM"],
          "log": OKABE_ITO["green"], "minGRU_scan": OKABE_ITO["orange"], "minGRU_loop": OKABE_ITO["purple"]}
DASHES = {"loop": "dash", "scan": "solid", "log": "dot", "minGRU_scan": "solid", "minGRU_loop": "dot",
          "GRU": "dash", "LSTM": "dashdot", "minGRU": "solid", "minLSTM": "dot"}
MARKERS = {"loop": "diamond", "scan": "square", "log": "circle", "minGRU_scan": "square",
           "minGRU_loop": "circle", "GRU": "diamond", "LSTM": "triangle-up", "minGRU": "square",
           "minLSTM": "circle"}


def scan_tree(steps: int, rounds: list[dict], labels: dict[str, str], title: str,
              lang: str | None = None) -> go.Figure:
    """Left: the loop's chain (step t waits for step t-1). Right: the scan's rounds; each dot is a
    combined span "i..j" placed under its last element j, one row per round, arrows from the two
    spans it combines. labels: "loop", "scan", "round", "step", "input"."""
    fig = go.Figure()
    notes = []
    gap = steps + 2  # the scan drawn to the right of the chain
    # The loop: one row per step, each waiting for the previous one.
    xs = list(range(steps))
    fig.add_trace(go.Scatter(
        x=xs, y=[-t for t in xs], mode="markers+text", name=labels["loop"],
        text=[f"h{t + 1}" for t in xs], textposition="middle right",
        marker=dict(size=14, color=COLORS["loop"], symbol="diamond"),
        hovertemplate="%{text}<extra></extra>"))
    for t in range(1, steps):
        notes.append(dict(x=t, y=-t, ax=t - 1, ay=-(t - 1), xref="x", yref="y", axref="x", ayref="y",
                          text="", showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor=COLORS["loop"]))
    # The scan: row 0 the inputs, then one row per round.
    level = {(t, t): 0 for t in range(steps)}
    fig.add_trace(go.Scatter(
        x=[gap + t for t in range(steps)], y=[0] * steps, mode="markers+text", name=labels["input"],
        text=[f"{t + 1}" for t in range(steps)], textposition="top center",
        marker=dict(size=12, color=GUIDE_COLOR, symbol="circle"), hovertemplate="%{text}<extra></extra>"))
    for k, r in enumerate(rounds, start=1):
        px, py, text = [], [], []
        for (l0, l1), (r0, r1) in r["pairs"]:
            for span in ((l0, l1), (r0, r1)):
                notes.append(dict(x=gap + r1, y=-k, ax=gap + span[1], ay=-level.get(span, 0), xref="x", yref="y",
                                  axref="x", ayref="y", text="", showarrow=True, arrowhead=2, arrowwidth=1.2,
                                  arrowcolor=COLORS["scan"] if r["phase"] == "up" else OKABE_ITO["orange"]))
            level[(l0, r1)] = k
            px.append(gap + r1)
            py.append(-k)
            text.append(f"{l0 + 1}..{r1 + 1}")
        fig.add_trace(go.Scatter(
            x=px, y=py, mode="markers+text", name=f"{labels['round']} {k}", text=text,
            textposition="bottom center", showlegend=False,
            marker=dict(size=12, color=COLORS["scan"] if r["phase"] == "up" else OKABE_ITO["orange"],
                        symbol="square"), hovertemplate="%{text}<extra></extra>"))
    notes.append(dict(x=(steps - 1) / 2, y=1.2, text=f"<b>{labels['loop']}</b>", showarrow=False,
                      font=dict(color=SERIES_COLOR)))
    notes.append(dict(x=gap + (steps - 1) / 2, y=1.2, text=f"<b>{labels['scan']}</b>", showarrow=False,
                      font=dict(color=SERIES_COLOR)))
    fig.update_layout(annotations=notes, showlegend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, range=[-max(steps, len(rounds)) - 0.8, 1.7])
    return apply(fig, title=title, height=max(320, 40 * max(steps, len(rounds) + 1) + 120), lang=lang)


def timing(curves: dict[str, tuple[list, list]], names: dict[str, str], title: str, x_title: str,
           y_title: str, lang: str | None = None) -> go.Figure:
    """Seconds against the sequence length T, both axes logarithmic, one line per method."""
    fig = go.Figure()
    for key, (xs, ys) in curves.items():
        fig.add_trace(go.Scatter(
            x=xs, y=ys, name=names.get(key, key), mode="lines+markers",
            line=dict(color=COLORS.get(key, SERIES_COLOR), dash=DASHES.get(key, "solid"), width=3),
            marker=dict(symbol=MARKERS.get(key, "circle"), size=9)))
    fig.update_xaxes(type="log", title_text=x_title)
    fig.update_yaxes(type="log", title_text=y_title)
    return apply(fig, title=title, height=400, lang=lang)


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
                      annotation_position="top left")
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, range=[0.3, 1.05], tickformat=".0%")
    return apply(fig, title=title, height=380, lang=lang)
