"""Draw the future's reveal: every drawing faintly, the class's median and 10-90 % fan, the truth,
and the models' forecasts, on the axes the students drew on (positions in the series).

Colours are Okabe-Ito and every line also differs by dash or width (not by colour alone); the
drawings are one trace (lines separated by gaps), so 40 drawings cost one legend entry.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnlab.i18n import t
from rnnlab.plots.style import GUIDE_COLOR, OKABE_ITO, SERIES_COLOR, apply

DRAWING_COLOR = "rgba(0,114,178,0.22)"  # blue, faint: many of them overlap
FAN_FILL = "rgba(86,180,233,0.28)"
MEDIAN_COLOR = OKABE_ITO["blue"]
TRUTH_COLOR = OKABE_ITO["vermillion"]
MODEL_STYLE = {"seasonal_naive": (OKABE_ITO["green"], "dot"), "ets": (OKABE_ITO["orange"], "dashdot"),
               "network": (OKABE_ITO["purple"], "dash")}


def reveal_figure(spec, result, lang: str, height: int = 440, model_names: dict | None = None,
                  view_start: int | None = None) -> go.Figure:
    """The reveal of ``result`` (rnnlab.activities.draw.Result) for ``spec``, the same for the
    whole class (nobody's own drawing is marked). ``view_start``: the first position
    the drawing surface showed: the x axis opens on the same window (the whole shown part is in
    the figure's data, a double click shows it), the y axis on the surface's range widened to
    hold every line."""
    shown_x = np.arange(spec.start, spec.cut)
    steps = np.asarray(spec.steps())
    # the last shown point starts every future line, so each one visibly continues the series
    join_x = np.concatenate([[spec.cut - 1], steps])

    def joined(values):
        return np.concatenate([[spec.last], np.asarray(values, dtype=np.float64)])

    fig = go.Figure()
    # the series needs no legend entry (it is the line left of the cut; the text and the table
    # name it): on a phone every entry costs the plot a line of its height
    fig.add_trace(go.Scatter(x=shown_x, y=list(spec.shown), mode="lines", name=t("draw.fig.series", lang),
                             line=dict(color=SERIES_COLOR, width=2.5), showlegend=False))
    # the truth second (the text alternative names the first lines) but drawn on top (zorder)
    fig.add_trace(go.Scatter(x=join_x, y=joined(result.truth), mode="lines+markers", name=t("draw.fig.truth", lang),
                             line=dict(color=TRUTH_COLOR, width=4), marker=dict(size=7), zorder=5))
    if result.drawings:
        xs, ys = [], []
        for d in result.drawings:
            xs.extend([*join_x.tolist(), None])
            ys.extend([*joined(d).tolist(), None])
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=t("draw.fig.drawings", lang, n=len(result.drawings)),
                                 line=dict(color=DRAWING_COLOR, width=1.5), hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=steps, y=result.q90, mode="lines", line=dict(width=0), showlegend=False,
                                 name=t("draw.fig.fan", lang) + " (90 %)", hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=steps, y=result.q10, mode="lines", line=dict(width=0), fill="tonexty",
                                 fillcolor=FAN_FILL, name=t("draw.fig.fan", lang), hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=join_x, y=joined(result.median), mode="lines",
                                 name=t("draw.fig.median", lang), line=dict(color=MEDIAN_COLOR, width=3.5)))
    names = model_names or {}
    for model, (color, dash) in MODEL_STYLE.items():
        if model in result.forecasts:
            fig.add_trace(go.Scatter(x=join_x, y=joined(result.forecasts[model]), mode="lines",
                                     name=names.get(model, model), line=dict(color=color, width=2.5, dash=dash)))
    fig.add_vline(x=spec.cut - 0.5, line=dict(color=GUIDE_COLOR, width=2, dash="dash"))
    fig.update_xaxes(title_text=t("draw.fig.x", lang))
    fig.update_yaxes(title_text=t("draw.fig.y", lang))
    if view_start is not None:
        lines = [result.truth, *result.forecasts.values(), *result.drawings, list(spec.shown[view_start - spec.start:])]
        values = np.concatenate([np.asarray(v, dtype=np.float64) for v in lines if len(v)])
        lo, hi = min(spec.surface()[0], float(values.min())), max(spec.surface()[1], float(values.max()))
        pad = 0.04 * (hi - lo)
        fig.update_xaxes(range=[view_start - 0.5, spec.cut + spec.horizon - 0.5])
        fig.update_yaxes(range=[lo - pad, hi + pad])
    return apply(fig, t("draw.fig.title", lang), height=height, lang=lang)
