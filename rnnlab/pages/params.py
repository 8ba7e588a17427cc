"""How many trainable parameters a recurrent layer (or a stack of them) has, and why.

Counted by formula, without TensorFlow, so the Concepts calculator works everywhere; the tests
check every formula against Keras ``count_params()``.

A recurrent layer with D inputs and H units holds, per block (gate or candidate), an input
kernel (D x H), a recurrent kernel (H x H) and a bias (H):
- SimpleRNN: 1 block             -> H(D+H+1)
- LSTM: 4 blocks i, f, g, o      -> 4H(D+H+1)
- GRU (Keras reset_after=True): 3 blocks z, r, h, with two biases each (input and recurrent)
                                 -> 3H(D+H+2);   reset_after=False (textbook) -> 3H(D+H+1)
- minGRU (blocks z, h), minLSTM (f, i, h): no recurrent kernel -> 2H(D+1), 3H(D+1).
- Dense with H inputs and 1 output: H+1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rnnlab.declarations.vocab import (  # weight blocks per cell, in Keras column order
    CELLS,
    N_BLOCKS,
)

MINIMAL = ("minGRU", "minLSTM")  # no recurrent kernel: blocks * H * (D + 1)


def _check(cell: str, units: int, input_size: int) -> None:
    if cell not in N_BLOCKS:
        raise ValueError(f"unknown cell {cell!r}; expected one of {CELLS}")
    if int(units) < 1 or int(input_size) < 1:
        raise ValueError("units and input size must be at least 1")


def biases_per_block(cell: str, reset_after: bool = True) -> int:
    """GRU with reset_after keeps a separate bias for the recurrent product (Keras default)."""
    return 2 if cell == "GRU" and reset_after else 1


def recurrent_params(cell: str, units: int, input_size: int, reset_after: bool = True) -> int:
    """Trainable parameters of one recurrent layer: blocks * H * (D + H + biases)."""
    _check(cell, units, input_size)
    h, d = int(units), int(input_size)
    if cell in MINIMAL:
        return N_BLOCKS[cell] * h * (d + 1)
    return N_BLOCKS[cell] * h * (d + h + biases_per_block(cell, reset_after))


def dense_params(input_size: int, outputs: int = 1) -> int:
    """A Dense layer: one weight per input and output, plus one bias per output."""
    return (int(input_size) + 1) * int(outputs)


def formula_latex(cell: str, reset_after: bool = True) -> str:
    """The symbolic count, e.g. ``4H(D+H+1)`` for an LSTM (D inputs, H units)."""
    _check(cell, 1, 1)
    blocks = N_BLOCKS[cell]
    prefix = "" if blocks == 1 else str(blocks)
    if cell in MINIMAL:
        return f"{prefix}H(D+1)"
    return f"{prefix}H(D+H+{biases_per_block(cell, reset_after)})"


def formula_numbers(cell: str, units: int, input_size: int, reset_after: bool = True,
                    two_lines: bool = False) -> str:
    """The formula with the numbers put in, e.g. ``4 \\cdot 50 \\cdot (1+50+1) = 10400``.

    ``two_lines``: the total on a second line, so a narrow card (three side by side on a
    projector) shows it whole instead of cutting it.
    """
    _check(cell, units, input_size)
    blocks = N_BLOCKS[cell]
    factors = ([] if blocks == 1 else [str(blocks)]) + [str(int(units))]
    inner = (f"({int(input_size)}+1)" if cell in MINIMAL
             else f"({int(input_size)}+{int(units)}+{biases_per_block(cell, reset_after)})")
    total = recurrent_params(cell, units, input_size, reset_after)
    product, result = " \\cdot ".join(factors + [inner]), f"= {total:,}".replace(",", "\\,")
    if two_lines:
        return f"\\begin{{gathered}}{product} \\\\ {result}\\end{{gathered}}"
    return f"{product} {result}"


@dataclass(frozen=True)
class LayerCount:
    """One layer of a stack: what it is, its sizes, and how many parameters it has."""

    kind: str  # "SimpleRNN", "LSTM", "GRU" or "Dense"
    input_size: int
    units: int
    params: int
    latex: str  # the formula with the numbers put in


def stack_counts(cell: str, units: int | Sequence[int], layers: int = 1, input_size: int = 1,
                 outputs: int = 1, reset_after: bool = True) -> list[LayerCount]:
    """Each layer of ``layers`` stacked recurrent layers followed by a Dense output layer.

    ``units`` is one size for every layer or one size per layer. Each recurrent layer's input
    size is the previous layer's units (the first one sees the series' ``input_size`` features).
    """
    sizes = [int(units)] * int(layers) if isinstance(units, int) else [int(u) for u in units]
    if not sizes:
        raise ValueError("a stack needs at least one recurrent layer")
    counts, d = [], int(input_size)
    for h in sizes:
        counts.append(LayerCount(cell, d, h, recurrent_params(cell, h, d, reset_after),
                                 formula_numbers(cell, h, d, reset_after)))
        d = h
    dense = dense_params(d, outputs)
    counts.append(LayerCount("Dense", d, int(outputs), dense,
                             f"({d}+1) \\cdot {int(outputs)} = {dense:,}".replace(",", "\\,")))
    return counts


def stack_params(cell: str, units: int | Sequence[int], layers: int = 1, input_size: int = 1,
                 outputs: int = 1, reset_after: bool = True) -> int:
    """Total trainable parameters of a stack (recurrent layers + Dense output)."""
    return sum(c.params for c in stack_counts(cell, units, layers, input_size, outputs, reset_after))
