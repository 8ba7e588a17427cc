"""One look for every chart: fonts large enough for a projector, fixed colours per meaning.

Colours come from the Okabe-Ito palette (distinct for the common colour-vision deficiencies);
wherever colour tells series apart, a line style or marker says it a second time. Every plot
module takes its colours from here, so a cell or a split looks the same on every page.
"""

from __future__ import annotations

import zlib
from collections import Counter

import plotly.graph_objects as go
import plotly.io as pio

from rnnlab.i18n.numbers import plotly_separators

# Every figure starts from plotly_white. As the default it is attached when a figure is made,
# without validation; setting ``template="plotly_white"`` on each figure deep-copied and
# validated the whole template every time (~20 ms of GIL per chart, most of a page's rerun).
pio.templates.default = "plotly_white"

FONT_SIZE = 16

# Okabe & Ito (2008), "Color Universal Design": eight colours told apart with any colour vision.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
OI = OKABE_ITO

# The three cells: one colour, one dash and one marker each, the same in every chart.
CELL_COLORS = {"SimpleRNN": OI["green"], "LSTM": OI["blue"], "GRU": OI["vermillion"],
               "minGRU": OI["orange"], "minLSTM": OI["purple"]}  # the minimal cells (issue 25)
CELL_DASHES = {"SimpleRNN": "dot", "LSTM": "solid", "GRU": "dash", "minGRU": "dashdot", "minLSTM": "longdash"}
CELL_MARKERS = {"SimpleRNN": "circle", "LSTM": "square", "GRU": "diamond", "minGRU": "triangle-up",
                "minLSTM": "x"}

# The chronological parts of a series (Data and Train pages).
SPLIT_COLORS = {"train": OI["blue"], "val": OI["orange"], "test": OI["purple"]}
SPLIT_FILL = {"train": "rgba(0,114,178,0.08)", "val": "rgba(230,159,0,0.12)", "test": "rgba(204,121,167,0.14)"}
SPLIT_MARKERS = {"train": "circle", "val": "square", "test": "diamond"}
SERIES_COLOR = "#0f172a"
GUIDE_COLOR = "#475569"  # slate grey: dotted boundaries and keys, never data

# Categorical colours for anything else (runs on Compare, neurons...): cell colours first, so
# the three cells of a comparison keep their own colour; yellow last (faint on white).
RUN_PALETTE = [CELL_COLORS["LSTM"], CELL_COLORS["GRU"], CELL_COLORS["SimpleRNN"], OI["orange"],
               OI["purple"], OI["sky_blue"], OI["black"], OI["yellow"]]
# The second cue of each palette colour (same position): the cells' own dash and marker first.
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash"]
MARKERS = ["square", "diamond", "circle", "triangle-up", "x", "cross", "star", "triangle-down"]

# Chart toolbars hidden: on a phone they covered titles; every chart has its own data view.
PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


# Colours for a cell without its own above (a new kind of cell): never one of the three cells'
# colours, and chosen from the cell's name alone, so it too is the same whatever the run order.
EXTRA_CELL_COLORS = [c for c in (OI["orange"], OI["purple"], OI["sky_blue"], OI["black"])
                     if c not in CELL_COLORS.values()]


def cell_color(cell: str) -> str:
    """The one colour of a cell on every chart (a known cell's, else one fixed by its name)."""
    if cell in CELL_COLORS:
        return CELL_COLORS[cell]
    return EXTRA_CELL_COLORS[zlib.crc32(str(cell).encode()) % len(EXTRA_CELL_COLORS)]


def cell_cue(cell: str) -> tuple[str, str, str]:
    """(colour, dash, marker symbol) of a cell: the same three on every chart."""
    color = cell_color(cell)
    if cell in CELL_COLORS:
        return color, CELL_DASHES[cell], CELL_MARKERS[cell]
    return (color, *palette_cue(color))


def palette_cue(color: str, position: int = 0) -> tuple[str, str]:
    """(dash, marker symbol) that go with a palette colour: a series keeps both with its colour."""
    k = RUN_PALETTE.index(color) if color in RUN_PALETTE else position % len(RUN_PALETTE)
    return DASHES[k], MARKERS[k]


def assign_colors(run_ids: list[str], previous: dict[str, str] | None = None,
                  cells: dict[str, str] | None = None) -> dict[str, str]:
    """A colour per run that never changes while the run exists, whatever is added or deleted.

    A run of a cell (``cells``: run_id -> "LSTM"...) has its cell's colour, always: the same on
    every chart and every page, whatever order the runs were made in (two LSTMs share it; the
    charts name each at its line's end). A run without a cell keeps its earlier colour, else
    gets the palette colour used least by the others.
    """
    previous, cells = previous or {}, cells or {}
    colors = {rid: cell_color(cells[rid]) for rid in run_ids if cells.get(rid)}
    colors.update({rid: previous[rid] for rid in run_ids if rid not in colors and rid in previous})
    for rid in run_ids:
        if rid not in colors:
            used = Counter(colors.values())
            colors[rid] = min(RUN_PALETTE, key=lambda c: (used[c], RUN_PALETTE.index(c)))
    return {rid: colors[rid] for rid in run_ids}


def cell_line(cell: str, width: float = 3) -> dict:
    """Plotly ``line`` of a cell: its colour and its dash."""
    return dict(color=CELL_COLORS.get(cell, SERIES_COLOR), width=width, dash=CELL_DASHES.get(cell, "solid"))


def cell_marker(cell: str, size: int = 7) -> dict:
    return dict(symbol=CELL_MARKERS.get(cell, "circle"), size=size, color=CELL_COLORS.get(cell, SERIES_COLOR))


def _has_legend(fig: go.Figure) -> bool:
    """Will Plotly draw a legend? (two named entries or more, unless switched off)."""
    if fig.layout.showlegend is False:
        return False
    entries = [trace for trace in fig.data if trace.showlegend is not False and trace.name and trace.type != "heatmap"]
    return len(entries) >= 2 or any(trace.showlegend for trace in fig.data)


def set_layout(fig: go.Figure, **values) -> go.Figure:
    """``fig.update_layout(**values)`` for top-level keys, about five times cheaper.

    update_layout parses every key as a property path ("legend_font_size") inside a batch
    update; on a shared server that cost is paid on every chart of every rerun. Here each key
    is set directly; a dict merges into what the figure already has under that key, as
    update_layout does.
    """
    layout = fig.layout
    props = getattr(layout, "_props", None) or {}
    for key, value in values.items():
        if isinstance(value, dict) and props.get(key):
            layout[key].update(value)
        else:
            layout[key] = value
    return fig


TITLE_LINE = 1.3 * (FONT_SIZE + 4)  # px per line of a figure title
SUBTITLE_LINE = 1.3 * FONT_SIZE
TITLE_PAD = 10  # px above the title


def _lines(text) -> int:
    return 0 if not text else 1 + str(text).lower().count("<br")


def title_height(fig: go.Figure) -> int:
    """Pixels the title (and its subtitle) takes at the top of the figure."""
    title = fig.layout.title
    lines = _lines(title.text) * TITLE_LINE + _lines(title.subtitle.text) * SUBTITLE_LINE
    return int(round(TITLE_PAD + lines + (14 if lines else 0)))


def placed_by_place_legend(fig: go.Figure) -> bool:
    """Whether ``fig``'s title sits at the top of its container, as place_legend puts it."""
    title = fig.layout.title
    return title.yref == "container" and title.yanchor == "top" and title.y == 1


def place_legend(fig: go.Figure) -> go.Figure:
    """The legend above the plot, under the title, inside the figure's own box.

    Title and legend are placed against the figure's container: the title at its top, the
    legend right under it (Plotly reserves the legend's height, however many rows it wraps
    into on a phone, above the plot). Call again after changing the title or the height.
    """
    top = title_height(fig)
    height = fig.layout.height or 450
    # Plotly centres a title of several lines on its anchor, even a top-anchored one: its
    # first line went half a line per extra line above the figure (a wrapped title on a phone).
    shift = (_lines(fig.layout.title.text) - 1) * TITLE_LINE / 2 if fig.layout.title.text else 0
    set_layout(fig, title=dict(yref="container", y=1, yanchor="top", x=0, xanchor="left",
                               pad=dict(t=TITLE_PAD + round(shift), l=12)),
               legend=dict(orientation="h", yref="container", yanchor="top",
                           y=max(0.0, 1 - top / height), xanchor="left", x=0,
                           font=dict(size=FONT_SIZE)),
               margin=dict(t=top))
    return fig


def apply(fig: go.Figure, title: str | None = None, height: int = 380,
          lang: str | None = None) -> go.Figure:
    """Common layout: readable fonts, light grid, the legend above the plot, tight margins;
    with ``lang``, the decimal and thousands separators of that language in hover labels and
    ticks.

    The legend sits under the title and above the plot, inside the figure (place_legend): at
    the foot it was drawn under the axis title, below the visible box once a page moved it.
    """
    values = dict(
        title=dict(text=title, font=dict(size=FONT_SIZE + 4)) if title else None,
        font=dict(size=FONT_SIZE),
        height=height,
        colorway=RUN_PALETTE,
        margin=dict(l=60, r=20, b=50),
        hoverlabel=dict(font_size=FONT_SIZE),
        transition=dict(duration=0),  # nothing moves on its own (prefers-reduced-motion)
    )
    if lang is not None:
        values["separators"] = plotly_separators(lang)
    set_layout(fig, **values)
    return place_legend(fig)


def sparkline(values, height: int = 70, lang: str | None = None) -> go.Figure:
    """A tiny line chart of a series (the sidebar's reminder of the current data)."""
    fig = go.Figure(go.Scatter(y=values, mode="lines", line=dict(color=SERIES_COLOR, width=1.5),
                               hoverinfo="skip"))
    set_layout(fig, height=height, margin=dict(l=0, r=0, t=0, b=0), xaxis=dict(visible=False),
               yaxis=dict(visible=False), showlegend=False,
               **({"separators": plotly_separators(lang)} if lang is not None else {}))
    return fig
