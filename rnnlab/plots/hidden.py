"""Figures of the Hidden states page: plain numpy data in, ``go.Figure`` out.

The figures that follow the time step are built once per network, input and language
(``StepFigures``) and then only *moved* to a step: a cursor shape changes place and a few small
traces change data. Building a Plotly figure with the common style costs ~10 ms (mostly the
template); moving one costs well under 1 ms, which keeps a step change fast.

Time steps are shown as t = 1..T (h_0 = 0 is the state before the first input); array index
t-1 holds step t.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnlab.i18n import t as tr
from rnnlab.i18n.numbers import Percent
from rnnlab.plots.style import CELL_COLORS, FONT_SIZE, SERIES_COLOR, apply

STATE_SCALE = "RdBu_r"  # diverging, blue < 0 < red: states and candidates, centred at 0
GATE_SCALE = "Viridis"  # sequential: gates live in [0, 1]
CURSOR_COLOR = "#111827"
PRED_COLOR = "#dc2626"
NOW_COLOR = "#f59e0b"
PATH_COLOR = "#2563eb"
MAX_LEGEND_UNITS = 10  # more lines than this: hover tells which neuron, a legend would not fit
COLORBAR = dict(thickness=18, title=dict(side="right"), tickfont=dict(size=FONT_SIZE))


def _steps(T: int) -> np.ndarray:
    return np.arange(1, T + 1)


def _compact(values: np.ndarray) -> np.ndarray:
    """float32 for the browser: half the bytes per step move, and colours cannot show the rest."""
    return np.ascontiguousarray(values, dtype=np.float32)


def _symmetric_range(values: np.ndarray, at_least: float = 1.0) -> float:
    """Half-width of a colour range centred at 0 that fits every value (tanh: exactly 1)."""
    finite = np.abs(np.asarray(values)[np.isfinite(values)])
    return float(max(at_least, finite.max() if finite.size else at_least))


def _cursor_shape(t: int, column: bool, xref: str = "x", yref: str = "paper") -> dict:
    """A dashed line at step t, or (heatmaps) a frame around column t."""
    if column:
        return dict(type="rect", name="cursor", xref=xref, yref=yref, x0=t - 0.5, x1=t + 0.5,
                    y0=0, y1=1, line=dict(color=CURSOR_COLOR, width=3))
    return dict(type="line", name="cursor", xref=xref, yref=yref, x0=t, x1=t, y0=0, y1=1,
                line=dict(color=CURSOR_COLOR, width=2, dash="dash"))


def move_cursor(fig: go.Figure, t: int) -> go.Figure:
    """Put every cursor shape of ``fig`` at step ``t`` (keeps its kind and axes).

    Edits the shapes in place: re-setting ``layout.shapes`` re-validates them all (~10x slower).
    """
    for shape in fig.layout.shapes:
        if shape.name == "cursor":
            half = (shape.x1 - shape.x0) / 2
            shape.x0, shape.x1 = t - half, t + half
    return fig


def _state_heatmap(values: np.ndarray, half: float, name: str) -> go.Heatmap:
    """Units x time heatmap of a state in [-half, half], colour scale centred at 0."""
    T, H = values.shape
    return go.Heatmap(z=_compact(values.T), x=_steps(T), y=np.arange(1, H + 1), zmin=-half, zmax=half,
                      zmid=0, colorscale=STATE_SCALE, name=name,
                      colorbar={**COLORBAR, "title": dict(text=name, side="right")},
                      hovertemplate="t=%{x}<br>#%{y}<br>%{z:.3f}<extra></extra>")


@dataclass
class StepData:
    """What the step figures show; arrays are indexed by step t-1."""

    cell: str
    activation: str
    x: np.ndarray  # (T,) input in original units
    prediction: np.ndarray  # (T,) readout at each step = prediction of the next value, original units
    hidden: np.ndarray  # (T, H)
    gates: dict  # name -> (T, H); empty for SimpleRNN
    cell_state: np.ndarray | None  # (T, H) LSTM only
    pca: np.ndarray  # (T, 2)
    explained: np.ndarray  # (2,)


class StepFigures:
    """The step-synced figures, built once; ``at(t)`` moves them to step t and returns them."""

    def __init__(self, data: StepData, lang: str = "es"):
        self.data = data
        self.lang = lang
        self.T = len(data.x)
        self.figures: dict[str, go.Figure] = {
            "input": self._input(),
            "heatmap": self._heatmap(),
            "lines": self._lines(),
            "pca": self._pca(),
        }
        if data.gates:
            self.figures["gate_bars"] = self._gate_bars()
            self.figures["gate_maps"] = self._gate_maps()
        if data.cell_state is not None:
            self.figures["cell_state"] = self._cell_state()

    def _t(self, key: str, **values) -> str:
        return tr(f"hidden.fig.{key}", self.lang, **values)

    # --- builders (once) ----------------------------------------------------------------------

    def _input(self) -> go.Figure:
        d, steps = self.data, _steps(self.T)
        fig = go.Figure([
            go.Scatter(x=steps, y=d.x, mode="lines+markers", name=self._t("input"),
                       line=dict(color=SERIES_COLOR, width=2), marker=dict(size=6)),
            go.Scatter(x=[], y=[], mode="lines+markers", name=self._t("prediction"),
                       line=dict(color=PRED_COLOR, width=2, dash="dot"),
                       marker=dict(size=8, symbol="diamond")),
            go.Scatter(x=[], y=[], mode="markers", name=self._t("now"), showlegend=False,
                       marker=dict(size=16, color=NOW_COLOR, line=dict(color=CURSOR_COLOR, width=2))),
        ])
        fig.update_layout(shapes=[_cursor_shape(1, column=False)],
                          xaxis=dict(title=self._t("step"), range=[0.5, self.T + 1.5]),
                          yaxis=dict(title=self._t("value")))
        return apply(fig, self._t("input_title"), height=340, lang=self.lang)

    def _heatmap(self) -> go.Figure:
        d = self.data
        fig = go.Figure(_state_heatmap(d.hidden, _symmetric_range(d.hidden), "h"))
        fig.update_layout(shapes=[_cursor_shape(1, column=True)],
                          xaxis=dict(title=self._t("step")), yaxis=dict(title=self._t("unit")))
        return apply(fig, self._t("heatmap_title"), height=_map_height(d.hidden.shape[1]), lang=self.lang)

    def _lines(self) -> go.Figure:
        d, steps = self.data, _steps(self.T)
        H = d.hidden.shape[1]
        traces = [go.Scatter(x=steps, y=d.hidden[:, j], mode="lines", name=self._t("neuron", n=j + 1),
                             line=dict(width=2), showlegend=H <= MAX_LEGEND_UNITS,
                             hovertemplate=self._t("neuron", n=j + 1) + "<br>t=%{x}<br>h=%{y:.3f}<extra></extra>")
                  for j in range(H)]
        traces.append(go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=10, color=NOW_COLOR, line=dict(color=CURSOR_COLOR, width=1.5))))
        fig = go.Figure(traces)
        fig.update_layout(shapes=[_cursor_shape(1, column=False)],
                          xaxis=dict(title=self._t("step")), yaxis=dict(title=self._t("state")))
        apply(fig, self._t("lines_title"), height=420, lang=self.lang)
        if H <= MAX_LEGEND_UNITS:  # the notebook's legend, to the right so it never hides lines
            fig.update_layout(legend=dict(orientation="v", x=1.02, y=1, xanchor="left", yanchor="top"))
        return fig

    def _gate_bars(self) -> go.Figure:
        d = self.data
        names = list(d.gates)
        H = d.hidden.shape[1]
        fig = make_subplots(rows=1, cols=len(names), shared_yaxes=False, horizontal_spacing=0.06,
                            subplot_titles=[self._t(f"gate_{n}") for n in names])
        units = np.arange(1, H + 1)
        for k, name in enumerate(names):
            # Bars take the colour their value has in the heatmaps below (same scales).
            if name != "candidate":
                yrange, axis = [0, 1], "coloraxis"
            else:
                half = _symmetric_range(d.gates[name])
                yrange, axis = [-half, half], "coloraxis2"
            fig.add_trace(go.Bar(x=units, y=np.zeros(H), showlegend=False,
                                 marker=dict(color=np.zeros(H), coloraxis=axis,
                                             line=dict(color="#475569", width=1)),
                                 name=self._t(f"gate_{name}"),
                                 hovertemplate="#%{x}: %{y:.3f}<extra></extra>"), row=1, col=k + 1)
            fig.update_yaxes(range=yrange, row=1, col=k + 1)
            fig.update_xaxes(title_text=self._t("unit"), row=1, col=k + 1)
        half = _symmetric_range(d.gates["candidate"])
        fig.update_layout(coloraxis=dict(colorscale=GATE_SCALE, cmin=0, cmax=1, showscale=False),
                          coloraxis2=dict(colorscale=STATE_SCALE, cmin=-half, cmax=half, cmid=0,
                                          showscale=False))
        apply(fig, self._t("bars_title", t=1), height=360, lang=self.lang)
        fig.update_annotations(font_size=FONT_SIZE + 1)
        return fig

    def _gate_maps(self) -> go.Figure:
        d = self.data
        names = list(d.gates)
        T, H = d.hidden.shape
        fig = make_subplots(rows=len(names), cols=1, shared_xaxes=True, vertical_spacing=0.07,
                            subplot_titles=[self._t(f"gate_{n}") for n in names])
        for k, name in enumerate(names):
            values = d.gates[name]
            common = dict(z=_compact(values.T), x=_steps(T), y=np.arange(1, H + 1), name=self._t(f"gate_{name}"),
                          hovertemplate="t=%{x}<br>#%{y}<br>%{z:.3f}<extra></extra>")
            if name == "candidate":
                fig.add_trace(go.Heatmap(**common, coloraxis="coloraxis2"), row=k + 1, col=1)
            else:
                fig.add_trace(go.Heatmap(**common, coloraxis="coloraxis"), row=k + 1, col=1)
            fig.update_yaxes(title_text=self._t("unit"), row=k + 1, col=1)
        fig.update_xaxes(title_text=self._t("step"), row=len(names), col=1)
        half = _symmetric_range(d.gates["candidate"])
        fig.update_layout(
            coloraxis=dict(colorscale=GATE_SCALE, cmin=0, cmax=1,
                           colorbar={**COLORBAR, "title": dict(text=self._t("gate_scale"), side="right"),
                                     "len": 0.45, "y": 1, "yanchor": "top", "x": 1.01}),
            coloraxis2=dict(colorscale=STATE_SCALE, cmin=-half, cmax=half, cmid=0,
                            colorbar={**COLORBAR, "title": dict(text=self._t("candidate_scale"), side="right"),
                                      "len": 0.45, "y": 0, "yanchor": "bottom", "x": 1.01}),
            shapes=[_cursor_shape(1, column=True, xref="x", yref=f"y{'' if k == 0 else k + 1} domain")
                    for k in range(len(names))],
        )
        apply(fig, self._t("maps_title"), height=len(names) * (_map_height(H) - 80) + 120, lang=self.lang)
        fig.update_annotations(font_size=FONT_SIZE + 1)
        return fig

    def _cell_state(self) -> go.Figure:
        d = self.data
        fig = go.Figure(_state_heatmap(d.cell_state, _symmetric_range(d.cell_state), "c"))
        fig.update_layout(shapes=[_cursor_shape(1, column=True)],
                          xaxis=dict(title=self._t("step")), yaxis=dict(title=self._t("unit")))
        return apply(fig, self._t("cell_title"), height=_map_height(d.cell_state.shape[1]), lang=self.lang)

    def _pca(self) -> go.Figure:
        d = self.data
        steps = _steps(self.T)
        fig = go.Figure([
            go.Scatter(x=d.pca[:, 0], y=d.pca[:, 1], mode="lines", name=self._t("pca_all"),
                       line=dict(color="#cbd5e1", width=2), hoverinfo="skip"),
            go.Scatter(x=[], y=[], mode="lines+markers", name=self._t("pca_so_far"),
                       line=dict(color=PATH_COLOR, width=3), marker=dict(size=7, color=PATH_COLOR),
                       customdata=steps, hovertemplate="t=%{customdata}<extra></extra>"),
            go.Scatter(x=[], y=[], mode="markers", name=self._t("now"),
                       marker=dict(size=20, color=NOW_COLOR, symbol="star",
                                   line=dict(color=CURSOR_COLOR, width=1.5))),
        ])
        ex = d.explained  # shares of the variance, written as percentages in the language
        fig.update_layout(xaxis=dict(title=self._t("pc", n=1, pct=Percent(ex[0]))),
                          yaxis=dict(title=self._t("pc", n=2, pct=Percent(ex[1]))))
        apply(fig, self._t("pca_title"), height=420, lang=self.lang)
        fig.update_layout(showlegend=False)  # the caption says grey / blue / star
        return fig

    # --- moves (every step) -------------------------------------------------------------------

    def at(self, t: int) -> dict[str, go.Figure]:
        """Move every figure to step t (1..T) and return them by name."""
        t = int(np.clip(t, 1, self.T))
        d, i = self.data, t - 1
        steps = _steps(self.T)
        for fig in self.figures.values():
            if fig.layout.shapes:
                move_cursor(fig, t)

        fig = self.figures["input"]
        # The readout at step s predicts the value at step s + 1.
        fig.data[1].update(x=steps[:t] + 1, y=d.prediction[:t])
        fig.data[2].update(x=[t], y=[d.x[i]])

        self.figures["lines"].data[-1].update(x=np.full(d.hidden.shape[1], t), y=d.hidden[i])

        fig = self.figures["pca"]
        fig.data[1].update(x=d.pca[:t, 0], y=d.pca[:t, 1], customdata=steps[:t])
        fig.data[2].update(x=[d.pca[i, 0]], y=[d.pca[i, 1]])

        if "gate_bars" in self.figures:
            fig = self.figures["gate_bars"]
            for trace, name in zip(fig.data, d.gates, strict=True):
                trace.y = d.gates[name][i]
                trace.marker.color = d.gates[name][i]
            fig.layout.title.text = self._t("bars_title", t=t)
        return self.figures


def _map_height(units: int) -> int:
    """Heatmaps grow with the number of units, within what a screen shows."""
    return int(np.clip(220 + 6 * units, 300, 560))


# ---------------------------------------------------------------------------------------------
# Figures that do not follow the step


def loss_figure(losses: list[float], lang: str = "es", epochs: int | None = None) -> go.Figure:
    """Training loss per epoch (log scale: the first epochs would flatten the rest)."""
    x = np.arange(1, len(losses) + 1)
    fig = go.Figure(go.Scatter(x=x, y=losses, mode="lines+markers", name=tr("hidden.fig.loss", lang),
                               line=dict(color=CELL_COLORS["LSTM"], width=3)))
    fig.update_layout(xaxis=dict(title=tr("hidden.fig.epoch", lang),
                                 range=[0.5, (epochs or len(losses)) + 0.5]),
                      yaxis=dict(title=tr("hidden.fig.loss", lang), type="log", tickformat=".2~g"),
                      showlegend=False)
    return apply(fig, tr("hidden.fig.loss_title", lang), height=300, lang=lang)


def gradient_figure(profiles: dict[str, np.ndarray], lang: str = "es",
                    colors: dict[str, str] | None = None) -> go.Figure:
    """||dh_T/dh_t|| against the distance T - t, one panel per cell, shared log scale."""
    cells = list(profiles)
    fig = make_subplots(rows=1, cols=len(cells), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=cells)
    for k, cell in enumerate(cells):
        norms = np.asarray(profiles[cell], dtype=np.float64)
        fig.add_trace(go.Scatter(x=np.arange(len(norms)), y=_positive(norms), mode="lines",
                                 name=cell, line=dict(color=(colors or CELL_COLORS).get(cell), width=3),
                                 showlegend=False,
                                 hovertemplate="%{x}: %{y:.2e}<extra>" + cell + "</extra>"),
                      row=1, col=k + 1)
        fig.update_xaxes(title_text=tr("hidden.fig.steps_back", lang), row=1, col=k + 1)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=1,
                     title_text=tr("hidden.fig.grad_norm", lang))
    fig.update_yaxes(type="log", exponentformat="power")
    apply(fig, tr("hidden.fig.grad_title", lang), height=380, lang=lang)
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
                                 line=dict(color=(colors or CELL_COLORS).get(cell), width=3),
                                 marker=dict(size=6),
                                 hovertemplate="k=%{x}: %{y:.2e}<extra>" + cell + "</extra>"))
    fig.update_layout(xaxis=dict(title=tr("hidden.fig.k_back", lang)),
                      yaxis=dict(title=tr("hidden.fig.effect", lang), type="log", exponentformat="power"))
    return apply(fig, tr("hidden.fig.memory_title", lang), height=380, lang=lang)


def _positive(values: np.ndarray) -> np.ndarray:
    """Log axes cannot show 0: exact zeros (an input that cannot matter) become gaps."""
    values = np.abs(np.asarray(values, dtype=np.float64))
    return np.where(values > 0, values, np.nan)
