"""The words of the lesson, in one place: cells, their gates and symbols, activations, optimizers.

Every page writes a gate with the same symbol: the Concepts page's notation (d2l and Keras
order), so the LSTM candidate is $g_t$ on the stage, in Hidden states' arithmetic, in the
Concepts equations and in the alt texts alike; the GRU candidate is $\\tilde{h}_t$.
Colours of the cells live with the palette (rnnlab.plots.style.CELL_COLORS).
"""

from __future__ import annotations

from dataclasses import dataclass

CELLS = ("SimpleRNN", "LSTM", "GRU")
MODERN_CELLS = ("minGRU", "minLSTM")  # Feng et al. 2024: gates from x_t only (the Modern recurrences page)
ACTIVATIONS = ("tanh", "relu")  # of the recurrent state (Keras' ``activation``)
OPTIMIZERS = ("adam", "sgd", "rmsprop")
OPTIMIZER_NAMES = {"adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop"}  # as their authors write them


@dataclass(frozen=True)
class Gate:
    name: str  # as the engine's traces call it (rnnlab.scratch)
    symbol: str  # plain text (the stage, alt texts)
    tex: str  # LaTeX (equations)


# Per cell, in the engine's and Keras' block order (LSTM i f c o, GRU z r h).
GATES: dict[str, tuple[Gate, ...]] = {
    "SimpleRNN": (),
    "LSTM": (Gate("input", "i", "i_t"), Gate("forget", "f", "f_t"), Gate("candidate", "g", "g_t"),
             Gate("output", "o", "o_t")),
    "GRU": (Gate("update", "z", "z_t"), Gate("reset", "r", "r_t"),
            Gate("candidate", "h̃", r"\tilde{h}_t")),
    # Weight blocks of rnnlab.scratch.minimal: minGRU z h~, minLSTM f i h~ (no recurrent kernel).
    "minGRU": (Gate("update", "z", "z_t"), Gate("candidate", "h̃", r"\tilde{h}_t")),
    "minLSTM": (Gate("forget", "f", "f_t"), Gate("input", "i", "i_t"),
                Gate("candidate", "h̃", r"\tilde{h}_t")),
}
HIDDEN = Gate("hidden", "h", "h_t")  # a SimpleRNN's one block


def gate_names(cell: str) -> tuple[str, ...]:
    return tuple(g.name for g in GATES[cell])


def blocks(cell: str) -> tuple[Gate, ...]:
    """The weight blocks of a cell: its gates, or the SimpleRNN's single hidden block."""
    return GATES[cell] or (HIDDEN,)


# Weight blocks per cell (Keras' column blocks of Wx, Wh and b): what a layer's size scales with.
N_BLOCKS = {cell: len(blocks(cell)) for cell in CELLS + MODERN_CELLS}


def gate(cell: str, name: str) -> Gate:
    return next(g for g in blocks(cell) if g.name == name)
