"""Figures of the forecast checks (issue 22): residuals over time, their ACF with the
white-noise bounds, their histogram; the copycat's shifted input; the rolling origin of a
backtest; the bands' coverage per horizon step.

Plain data in, go.Figure out; every text through rnnlab.i18n with the caller's ``lang``.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.forecasting import residuals as res
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_pct
from rnnlab.plots.style import OKABE_ITO, SERIES_COLOR, apply

# the network in its colour, the benchmark in a muted dashed grey
MODEL_COLORS = (OKABE_ITO["green"], "#64748b")


def _style(fig: go.Figure, title: str, height: int, lang: str) -> go.Figure:
    apply(fig, title=title or None, height=height, lang=lang)
    return fig


def residuals_over_time(checks: dict[str, res.ResidualCheck], lang: str = "es",
                        colors=MODEL_COLORS, height: int = 340) -> go.Figure:
    """One line per model: its residuals (truth - prediction) at their positions, and 0."""
    fig = go.Figure()
    for (name, check), color in zip(checks.items(), colors, strict=False):
        fig.add_trace(go.Scatter(x=check.positions, y=check.residuals, mode="lines+markers",
                                 name=name, line=dict(color=color, width=2),
                                 marker=dict(size=4)))
    fig.add_hline(y=0, line=dict(color=SERIES_COLOR, width=1))
    _style(fig, t("diag.res.time_title", lang), height, lang)
    fig.update_xaxes(title_text=t("diag.res.time_axis", lang))
    fig.update_yaxes(title_text=t("diag.res.value_axis", lang))
    return fig


def residual_acf(checks: dict[str, res.ResidualCheck], lang: str = "es", colors=MODEL_COLORS,
                 height: int = 340) -> go.Figure:
    """Grouped ACF bars per model at lags 1..L, and the ±1.96/√n bounds of white noise."""
    fig = go.Figure()
    bound = 0.0
    lags = 0
    for (name, check), color in zip(checks.items(), colors, strict=False):
        fig.add_trace(go.Bar(x=np.arange(1, check.lags + 1), y=check.acf, name=name,
                             marker=dict(color=color)))
        bound, lags = max(bound, check.bound), max(lags, check.lags)
    for sign in (1, -1):
        fig.add_trace(go.Scatter(x=[0.5, lags + 0.5], y=[sign * bound] * 2, mode="lines",
                                 name=t("diag.res.bound", lang), showlegend=sign == 1,
                                 legendgroup="bound", line=dict(color="#475569", dash="dash", width=1.5)))
    fig.update_layout(barmode="group")
    _style(fig, t("diag.res.acf_title", lang), height, lang)
    fig.update_xaxes(title_text=t("diag.res.lag_axis", lang), dtick=1 if lags <= 12 else None)
    fig.update_yaxes(title_text=t("diag.res.acf_axis", lang))
    return fig


def residual_histogram(checks: dict[str, res.ResidualCheck], lang: str = "es",
                       colors=MODEL_COLORS, height: int = 320) -> go.Figure:
    """The residuals' counts per bin, the same bins for every model (numpy's, from all of
    them), overlaid."""
    fig = go.Figure()
    edges = res.bin_edges(np.concatenate([c.residuals for c in checks.values()]))
    width = float(np.min(np.diff(edges)))
    for (name, check), color in zip(checks.items(), colors, strict=False):
        centres, counts = res.histogram(check.residuals, edges=edges)
        fig.add_trace(go.Bar(x=centres, y=counts, name=name, marker=dict(color=color), opacity=0.6,
                             width=width))
    fig.update_layout(barmode="overlay")
    _style(fig, t("diag.res.hist_title", lang), height, lang)
    fig.update_xaxes(title_text=t("diag.res.value_axis", lang))
    fig.update_yaxes(title_text=t("diag.res.count_axis", lang))
    return fig


def with_shifted_input(fig: go.Figure, positions, shifted, lang: str = "es") -> go.Figure:
    """A copy of a prediction figure with the input shifted by one step drawn on it."""
    out = go.Figure(fig)
    out.add_trace(go.Scatter(x=np.asarray(positions), y=np.asarray(shifted), mode="lines",
                             name=t("diag.copy.shifted", lang),
                             line=dict(color=OKABE_ITO["orange"], width=3, dash="dot")))
    return out


def rolling_origin(n: int, origins: list[int], horizon: int, lang: str = "es",
                   height: int | None = None) -> go.Figure:
    """One row per fold: its training span [0, o_k), its origin, its horizon [o_k, o_k + H)."""
    fig = go.Figure()
    folds = len(origins)
    train_name, test_name = t("diag.origin.train", lang), t("diag.origin.horizon", lang)
    for k, origin in enumerate(origins):
        row = t("diag.origin.fold", lang, k=k + 1)
        fig.add_trace(go.Bar(y=[row], x=[origin], base=[0], orientation="h", name=train_name,
                             legendgroup="train", showlegend=k == 0,
                             marker=dict(color="#94a3b8"),
                             hovertemplate=f"{row}: 0 – {origin - 1}<extra>{train_name}</extra>"))
        fig.add_trace(go.Bar(y=[row], x=[horizon], base=[origin], orientation="h", name=test_name,
                             legendgroup="horizon", showlegend=k == 0,
                             marker=dict(color=OKABE_ITO["vermillion"]),
                             hovertemplate=f"{row}: {origin} – {origin + horizon - 1}"
                             f"<extra>{test_name}</extra>"))
    fig.update_layout(barmode="overlay", bargap=0.35)
    _style(fig, t("diag.origin.title", lang), height or 140 + 45 * folds, lang)
    fig.update_xaxes(title_text=t("diag.origin.axis", lang), range=[0, n])
    fig.update_yaxes(autorange="reversed")
    return fig


def coverage_by_step(coverage: dict[str, dict[float, np.ndarray]], lang: str = "es",
                     colors=None, height: int = 360) -> go.Figure:
    """Held-out coverage at each horizon step, per method and level, with the nominal levels."""
    fig = go.Figure()
    palette = colors or {}
    steps = 0
    for method, by_level in coverage.items():
        for level, values in by_level.items():
            values = np.asarray(values, dtype=float)
            steps = max(steps, len(values))
            fig.add_trace(go.Scatter(
                x=np.arange(1, len(values) + 1), y=values, mode="lines+markers",
                name=t("diag.score.cov_trace", lang, method=method, level=fmt_pct(level, lang)),
                line=dict(color=palette.get(method), dash="solid" if level < 0.9 else "dash", width=2.5)))
    for level in sorted({lv for by in coverage.values() for lv in by}):
        fig.add_hline(y=level, line=dict(color="#475569", dash="dot", width=1))
    _style(fig, t("diag.score.cov_title", lang), height, lang)
    fig.update_xaxes(title_text=t("backtest.plot.h_axis", lang), dtick=1 if steps <= 12 else None)
    fig.update_yaxes(title_text=t("diag.score.cov_axis", lang), range=[0, 1.05], tickformat=".0%")
    return fig
