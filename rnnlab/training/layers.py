"""A trained model's layers written for students, not as Keras prints them.

``model.summary()`` says ``lstm_1``, ``(None, 32)`` and ``dense``: Keras' own names and a batch
axis of None mean nothing to a student. Each row here says what the layer is and what it hands
on, for one window: "LSTM layer 1 of 2 · 32 values at each of the 10 steps". Built from the
stored (name, shape, parameters) rows, so runs saved before this module read the same way.
"""

from __future__ import annotations

import re

from rnnlab.i18n import t

_CELLS = {"simplernn": "SimpleRNN", "simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}


def _sizes(shape: str) -> list[int | None]:
    """ "(None, 10, 32)" -> [10, 32]: the sizes after the batch axis (None stays None)."""
    parts = [p.strip() for p in shape.strip("()[] ").split(",") if p.strip()]
    return [int(p) if p.isdigit() else None for p in parts[1:]]


def _kind(name: str) -> tuple[str, str | None]:
    base = re.sub(r"_\d+$", "", name.lower())
    if base in _CELLS:
        return "recurrent", _CELLS[base]
    if base in ("output", "outputs", "dense"):
        return "output", None
    if base.startswith("dropout"):
        return "dropout", None
    return "other", None


def for_students(summary, lang: str, lookback: int | None = None) -> list[tuple[str, str, int]]:
    """(what the layer is, what it hands on for one window, trainable parameters) per layer."""
    rows = [(str(name), str(shape), int(params)) for name, shape, params in summary]
    recurrent = sum(_kind(name)[0] == "recurrent" for name, _, _ in rows)
    rows_out = []
    seen = 0
    for name, shape, params in rows:
        kind, cell = _kind(name)
        sizes = _sizes(shape)
        width = sizes[-1] if sizes else None
        if kind == "recurrent":
            seen += 1
            what = t("train.layer.recurrent" if recurrent == 1 else "train.layer.recurrent_of", lang,
                     cell=cell, k=seen, n=recurrent)
        elif kind == "output":
            what = t("train.layer.output", lang)
        else:
            what = name  # a layer this app does not build: its own name
        if width is None:
            out = shape
        elif len(sizes) >= 2:  # a whole sequence, handed to the next recurrent layer
            steps = sizes[-2] or lookback
            out = (t("train.layer.per_step", lang, h=width, steps=steps) if steps
                   else t("train.layer.per_step_open", lang, h=width))
        elif kind == "output":
            out = t("train.layer.prediction" if width == 1 else "train.layer.predictions", lang, h=width)
        else:
            out = t("train.layer.final_state", lang, h=width)
        rows_out.append((what, out, params))
    return rows_out
