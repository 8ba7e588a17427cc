"""Figures of the Hidden states page: plain numpy data in, ``go.Figure`` out.

The figures that follow the time step are drawn by the browser (the stage: rnnlab/pages/stage.py and
ui/elements/stage.js); these are the ones that do not: the notebook's lines chart, the training loss,
the gradient and memory profiles.

Time steps are shown as t = 1..T (h_0 = 0 is the state before the first input); array index
t-1 holds step t.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnlab.i18n import t
from rnnlab.plots.style import DASHES, FONT_SIZE, apply, cell_line, cell_marker

MAX_LEGEND_UNITS = 10  # more lines than this: hover tells which neuron, a legend would not fit


def lines_figure(hidden: np.ndarray, lang: str = "es") -> go.Figure:
    """The hidden state as lines, one per neuron: the notebook's chart of h over time."""
    hidden = np.asarray(hidden, dtype=np.float64)
    T, H = hidden.shape
    steps = np.arange(1, T + 1)
    neuron = lambda j: t("hidden.fig.neuron", lang, n=j + 1)  # noqa: E731
    fig = go.Figure([go.Scatter(x=steps, y=hidden[:, j], mode="lines", name=neuron(j),
                                # the dash tells neurons apart without colour (Okabe-Ito colorway)
                                line=dict(width=2, dash=DASHES[j % len(DASHES)]),
                                showlegend=H <= MAX_LEGEND_UNITS,
                                hovertemplate=neuron(j) + "<br>t=%{x}<br>h=%{y:.3f}<extra></extra>")
                     for j in range(H)])
    fig.update_layout(xaxis=dict(title=t("hidden.fig.step", lang)),
                      yaxis=dict(title=t("hidden.fig.state", lang)))
    apply(fig, t("hidden.fig.lines_title", lang), height=420, lang=lang)
    if H <= MAX_LEGEND_UNITS:  # the notebook's legend, to the right so it never hides lines
        fig.update_layout(legend=dict(orientation="v", x=1.02, y=1, xanchor="left", yanchor="top"))
    return fig


# ---------------------------------------------------------------------------------------------
# Figures that do not follow the step


def loss_figure(losses: list[float], lang: str = "es", epochs: int | None = None,
                cell: str = "LSTM") -> go.Figure:
    """Training loss per epoch (log scale: the first epochs would flatten the rest), drawn in the
    trained cell's colour."""
    x = np.arange(1, len(losses) + 1)
    fig = go.Figure(go.Scatter(x=x, y=losses, mode="lines+markers", name=t("hidden.fig.loss", lang),
                               line=cell_line(cell), marker={**cell_marker(cell), "maxdisplayed": 30}))
    fig.update_layout(xaxis=dict(title=t("hidden.fig.epoch", lang),
                                 range=[0.5, (epochs or len(losses)) + 0.5]),
                      yaxis=dict(title=t("hidden.fig.loss", lang), type="log", tickformat=".2~g"),
                      showlegend=False)
    return apply(fig, t("hidden.fig.loss_title", lang), height=300, lang=lang)


UNTRAINED_LINE = {"color": "#64748b", "width": 1.5, "dash": "dot"}  # slate, dotted: the starting point


def gradient_figure(profiles: dict[str, np.ndarray], lang: str = "es",
                    colors: dict[str, str] | None = None,
                    untrained: dict[str, np.ndarray] | None = None) -> go.Figure:
    """||dh_T/dh_t|| against the distance T - t, one panel per cell, shared log scale.

    ``untrained``: the same cells before training; each panel then shows it (grey, dotted)
    beside ``profiles`` (the trained cells, in the cell's own line), trained first."""
    cells = list(profiles)
    fig = make_subplots(rows=1, cols=len(cells), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=cells)
    trained_word, untrained_word = t("hidden.fig.trained", lang), t("hidden.fig.untrained", lang)
    for k, cell in enumerate(cells):
        norms = np.asarray(profiles[cell], dtype=np.float64)
        name = f"{cell}, {trained_word}" if untrained is not None else cell
        fig.add_trace(go.Scatter(x=np.arange(len(norms)), y=_positive(norms), mode="lines",
                                 name=name, line=_line(cell, colors), showlegend=untrained is not None,
                                 hovertemplate="%{x}: %{y:.2e}<extra>" + name + "</extra>"),
                      row=1, col=k + 1)
        if untrained is not None and cell in untrained:
            before = np.asarray(untrained[cell], dtype=np.float64)
            name = f"{cell}, {untrained_word}"
            fig.add_trace(go.Scatter(x=np.arange(len(before)), y=_positive(before), mode="lines",
                                     name=name, line=UNTRAINED_LINE,
                                     hovertemplate="%{x}: %{y:.2e}<extra>" + name + "</extra>"),
                          row=1, col=k + 1)
        fig.update_xaxes(nticks=4, row=1, col=k + 1)
    # One axis title, under the middle panel: three side by side ran into each other on a phone.
    fig.update_xaxes(title_text=t("hidden.fig.steps_back", lang), row=1, col=(len(cells) + 1) // 2)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=1,
                     title_text=t("hidden.fig.grad_norm", lang))
    fig.update_yaxes(type="log", exponentformat="power")
    title = t("hidden.fig.grad_title_both" if untrained is not None else "hidden.fig.grad_title", lang)
    apply(fig, title, height=420 if untrained is not None else 380, lang=lang)
    fig.update_annotations(font_size=FONT_SIZE + 2)
    return fig


def memory_figure(profiles: dict[str, np.ndarray], lang: str = "es",
                  colors: dict[str, str] | None = None) -> go.Figure:
    """|change in the output| when the input k steps back is nudged, one line per cell.

    k = 0 is the last input (memory_probe's index), so the x axis starts at 0."""
    fig = go.Figure()
    for cell, effect in profiles.items():
        effect = np.asarray(effect, dtype=np.float64)
        fig.add_trace(go.Scatter(x=np.arange(len(effect)), y=_positive(effect),
                                 mode="lines+markers", name=cell,
                                 line=_line(cell, colors), marker=_marker(cell, colors),
                                 hovertemplate="k=%{x}: %{y:.2e}<extra>" + cell + "</extra>"))
    fig.update_layout(xaxis=dict(title=t("hidden.fig.k_back", lang)),
                      yaxis=dict(title=t("hidden.fig.effect", lang), type="log", exponentformat="power"))
    return apply(fig, t("hidden.fig.memory_title", lang), height=380, lang=lang)


def _line(cell: str, colors: dict | None) -> dict:
    """The cell's line (colour and dash); ``colors`` may give it another colour."""
    line = cell_line(cell)
    return {**line, "color": colors[cell]} if colors and cell in colors else line


def _marker(cell: str, colors: dict | None) -> dict:
    marker = cell_marker(cell)
    return {**marker, "color": colors[cell]} if colors and cell in colors else marker


def _positive(values: np.ndarray) -> np.ndarray:
    """Log axes cannot show 0: exact zeros (an input that cannot matter) become gaps."""
    values = np.abs(np.asarray(values, dtype=np.float64))
    return np.where(values > 0, values, np.nan)
