"""Figures of the Concepts page: the unrolled RNN, activation functions, gradient decay."""

from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnlab.i18n.numbers import fmt
from rnnlab.plots.style import (
    CELL_COLORS,
    FONT_SIZE,
    OKABE_ITO,
    SERIES_COLOR,
    apply,
    cell_line,
    cell_marker,
)

ACTIVATION_COLORS = {"sigmoid": OKABE_ITO["blue"], "tanh": OKABE_ITO["orange"], "relu": OKABE_ITO["purple"]}
ACTIVATION_DASHES = {"sigmoid": "solid", "tanh": "dash", "relu": "dot"}  # the second cue
INPUT_COLOR = OKABE_ITO["blue"]
HIDDEN_COLOR = OKABE_ITO["vermillion"]
BOX_W, BOX_H = 1.0, 0.7  # size of a cell box, in data units: room for "LSTM" at 18 px
STEP = 1.9  # distance between unrolled copies


# Annotations and shapes are collected as plain dicts and set once: fig.add_annotation
# validates every earlier one again, and the diagram has dozens (it was a quarter of a shared
# server's time with forty students on the Concepts page).
def _arrow(notes: list, x0, y0, x1, y1, color=SERIES_COLOR, width=2.5) -> None:
    notes.append(dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                      text="", showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=width,
                      arrowcolor=color))


def _label(notes: list, x, y, text, color=SERIES_COLOR, size=FONT_SIZE + 2) -> None:
    notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=size, color=color)))


def unrolled_rnn(steps: int, cell_label: str, folded_label: str, shared_note: str,
                 title: str | None = None, color: str = CELL_COLORS["SimpleRNN"], lang: str | None = None) -> go.Figure:
    """The folded cell with its loop, '=', then the same cell copied over ``steps`` time steps.

    Every copy shares the same weights: ``shared_note`` says so under the unrolled chain.
    """
    fig = go.Figure()
    notes: list[dict] = []
    shapes: list[dict] = []
    y_x, y_cell, y_h = 0.0, 1.4, 2.8

    def cell(cx: float, text: str) -> None:
        shapes.append(dict(type="rect", x0=cx - BOX_W / 2, x1=cx + BOX_W / 2, y0=y_cell - BOX_H / 2,
                           y1=y_cell + BOX_H / 2, line=dict(color=color, width=3),
                           fillcolor="rgba(0,158,115,0.12)"))
        _label(notes, cx, y_cell, text)  # dark text: readable on the tinted box

    def column(cx: float, t: str) -> None:
        cell(cx, cell_label)
        _label(notes, cx, y_x - 0.1, f"x<sub>{t}</sub>", INPUT_COLOR)
        _label(notes, cx, y_h + 0.1, f"h<sub>{t}</sub>", HIDDEN_COLOR)
        _arrow(notes, cx, y_x + 0.25, cx, y_cell - BOX_H / 2, INPUT_COLOR)
        _arrow(notes, cx, y_cell + BOX_H / 2, cx, y_h - 0.25, HIDDEN_COLOR)

    # Folded view: one cell whose output loops back into itself.
    column(0.0, "t")
    loop_x = BOX_W / 2 + 0.35
    shapes.append(dict(type="path", path=f"M {BOX_W / 2},{y_cell + 0.12} L {loop_x},{y_cell + 0.12} "
                       f"L {loop_x},{y_cell - 0.12} L {BOX_W / 2 + 0.02},{y_cell - 0.12}",
                       line=dict(color=HIDDEN_COLOR, width=2.5)))
    _arrow(notes, loop_x, y_cell - 0.12, BOX_W / 2, y_cell - 0.12, HIDDEN_COLOR)
    _label(notes, 0.0, y_x - 0.6, folded_label, SERIES_COLOR, FONT_SIZE)
    _label(notes, 1.3, y_cell, "=", SERIES_COLOR, FONT_SIZE + 10)

    # Unrolled view: h_{t-1} flows right into the next copy.
    start = 2.85
    xs = [start + STEP * k for k in range(steps)]
    for k, cx in enumerate(xs):
        column(cx, str(k + 1))
        if k:
            _arrow(notes, xs[k - 1] + BOX_W / 2, y_cell, cx - BOX_W / 2, y_cell, HIDDEN_COLOR)
    _label(notes, start - 1.05, y_cell + 0.3, "h<sub>0</sub>", HIDDEN_COLOR, FONT_SIZE)
    _arrow(notes, start - 1.05, y_cell, start - BOX_W / 2, y_cell, HIDDEN_COLOR)
    # On two lines: one long line ran off the right edge of a phone.
    note = "<br>".join(textwrap.wrap(shared_note, width=max(24, len(shared_note) // 2 + 1)))
    _label(notes, (xs[0] + xs[-1]) / 2, y_x - 0.75, note, SERIES_COLOR, FONT_SIZE)

    apply(fig, title, height=360, lang=lang)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=10, t=60 if title else 10, b=10),
                      annotations=notes, shapes=shapes)
    fig.update_xaxes(visible=False, range=[-0.9, xs[-1] + 0.9], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1.3, 3.2], fixedrange=True)
    return fig


def activations(x: np.ndarray, values: dict, slopes: dict, titles: tuple[str, str],
                x_title: str, title: str | None = None, lang: str | None = None) -> go.Figure:
    """Each activation (left) and its slope (right), same colour per function in both panels."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.1)
    for name, y in values.items():
        line = dict(color=ACTIVATION_COLORS.get(name, SERIES_COLOR), width=3,
                    dash=ACTIVATION_DASHES.get(name, "solid"))
        fig.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines", legendgroup=name, line=line),
                      row=1, col=1)
        fig.add_trace(go.Scatter(x=x, y=slopes[name], name=name, mode="lines", legendgroup=name,
                                 showlegend=False, line=line), row=1, col=2)
    apply(fig, title, height=420, lang=lang)
    fig.update_annotations(font_size=FONT_SIZE + 1)  # the subplot titles
    # Legend under the axes: on top it would collide with the subplot titles.
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, xanchor="center", x=0.5),
                      margin=dict(b=100))
    fig.update_xaxes(title_text=x_title, zeroline=True)
    fig.update_yaxes(range=[-1.15, 2.0], row=1, col=1)
    fig.update_yaxes(range=[-0.05, 1.1], row=1, col=2)
    return fig


def gradient_decay(lags: np.ndarray, norms: dict, x_title: str, y_title: str,
                   title: str | None = None, lang: str | None = None) -> go.Figure:
    """How much gradient reaches back ``lag`` steps, per cell type, on a log scale."""
    fig = go.Figure()
    for cell, values in norms.items():
        fig.add_trace(go.Scatter(x=lags, y=values, name=cell, mode="lines+markers",
                                 line=cell_line(cell), marker=cell_marker(cell)))
    apply(fig, title, height=420, lang=lang)

    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, type="log", exponentformat="power")
    return fig


def param_bars(counts: dict, y_title: str, title: str | None = None, lang: str | None = None) -> go.Figure:
    """One bar per cell type: its parameter count, written on the bar."""
    cells = list(counts)
    fig = go.Figure(go.Bar(x=cells, y=[counts[c] for c in cells],
                           marker_color=[CELL_COLORS.get(c, SERIES_COLOR) for c in cells],
                           text=[fmt(counts[c], lang) for c in cells],
                           textposition="outside", cliponaxis=False))
    apply(fig, title, height=320, lang=lang)
    fig.update_layout(showlegend=False)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return fig
