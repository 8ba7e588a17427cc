"""One colour scheme everywhere: Okabe-Ito, each cell in the same colour and style on every page."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from rnnlab.plots import concepts as concept_plots
from rnnlab.plots import hidden as hidden_plots
from rnnlab.plots import style
from rnnlab.plots.style import (
    CELL_COLORS,
    CELL_DASHES,
    CELL_MARKERS,
    OKABE_ITO,
    RUN_PALETTE,
    palette_cue,
)

ROOT = Path(__file__).resolve().parents[3]
CELLS = ("SimpleRNN", "LSTM", "GRU")


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def test_every_categorical_colour_is_okabe_ito_and_distinct():
    assert set(RUN_PALETTE) == set(OKABE_ITO.values()) and len(RUN_PALETTE) == 8
    assert set(CELL_COLORS.values()) <= set(OKABE_ITO.values())
    assert len(set(CELL_COLORS.values())) == len(CELL_COLORS)  # the three cells and the minimal ones
    # the second cues differ too: a cell is told apart without colour
    assert len(set(CELL_DASHES.values())) == len(CELL_DASHES) == len(CELL_COLORS)
    assert len(set(CELL_MARKERS.values())) == len(CELL_MARKERS) == len(CELL_COLORS)


def test_streamlit_theme_uses_the_same_palette():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert [c.upper() for c in config["theme"]["chartCategoricalColors"]] == [c.upper() for c in RUN_PALETTE]


def test_a_palette_colour_keeps_its_cell_cue():
    for cell in CELLS:
        assert palette_cue(CELL_COLORS[cell]) == (CELL_DASHES[cell], CELL_MARKERS[cell])


def _cell_traces(fig) -> dict[str, tuple]:
    return {tr.name: (tr.line.color, tr.line.dash) for tr in fig.data if tr.name in CELLS}


@pytest.mark.parametrize("build", [
    lambda p: concept_plots.gradient_decay(np.arange(5), p, "x", "y"),
    lambda p: hidden_plots.gradient_figure(p),
    lambda p: hidden_plots.memory_figure(p),
])
def test_each_cell_has_its_colour_and_dash_in_every_figure(build):
    profiles = {cell: np.linspace(1, 0.1, 5) for cell in CELLS}
    traces = _cell_traces(build(profiles))
    assert traces == {cell: (CELL_COLORS[cell], CELL_DASHES[cell]) for cell in CELLS}


def test_parameter_bars_and_compare_runs_use_the_cell_colours():
    bars = concept_plots.param_bars({c: 10 for c in CELLS}, "n")
    assert list(bars.data[0].marker.color) == [CELL_COLORS[c] for c in CELLS]
    colors = style.assign_colors(["r1", "r2", "r3"], cells=dict(zip(["r1", "r2", "r3"], CELLS, strict=True)))
    assert list(colors.values()) == [CELL_COLORS[c] for c in CELLS]
    assert hidden_plots.loss_figure([1.0, 0.5], cell="GRU").data[0].line.color == CELL_COLORS["GRU"]


def test_plot_modules_take_their_colours_from_the_style_module():
    """Outside style.py a plot module may only write neutral greys as literals."""
    for path in (ROOT / "rnnlab" / "plots").glob("*.py"):
        if path.name == "style.py":
            continue
        for literal in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text()):
            r, g, b = _rgb(literal)
            assert max(r, g, b) - min(r, g, b) <= 40, f"{path.name}: colour {literal} is not from style.py"
