"""What the Data page shows about a series: its figures, the default range, windows per split, the leak."""

from __future__ import annotations

import math

import numpy as np

from rnnlab.data import limits


def summary(values) -> dict[str, float]:
    """Length, minimum, maximum and mean of a series."""
    values = np.asarray(values, dtype=np.float64)
    return {"length": len(values), "min": float(values.min()), "max": float(values.max()),
            "mean": float(values.mean())}


def default_range(n: int, limit: int = limits.TRAIN_LIMIT) -> tuple[int, int, int]:
    """(start, stop, step) that training uses by default: all of it, thinned to ``limit`` values."""
    step = max(1, math.ceil(n / limit))
    return 0, n, step


def window_split(target: int, train_end: int, val_end: int) -> str:
    """The split a window belongs to: the one that holds its target."""
    return "train" if target < train_end else "val" if target < val_end else "test"


def window_counts(n: int, lookback: int, train_end: int, val_end: int) -> dict[str, int]:
    """How many windows (examples) each split gets: targets run from position lookback to n-1."""
    first = lookback  # the first position that can be a target
    return {
        "train": max(0, train_end - first),
        "val": max(0, val_end - max(train_end, first)),
        "test": max(0, n - max(val_end, first)),
    }


def scaling_leak(values, train_end: int, kind: str = "minmax") -> dict:
    """What fitting the scaler on the whole series (before splitting) gives away, in numbers.

    For min-max scaling the fitted figures are (min, max); for standard scaling (mean, std).
    ``outside`` counts the later values (validation + test) beyond the training range: an
    honest scaler maps them outside [0, 1], a leaky one pretends they were expected.
    """
    from rnnlab.windows import Scaler

    values = np.asarray(values, dtype=np.float64)
    whole, train = values, values[:train_end]
    later = values[train_end:]

    def figures(part):
        if kind == "minmax":
            return float(part.min()), float(part.max())
        return float(part.mean()), float(part.std())

    honest = Scaler(kind).fit(train)
    leaky = Scaler(kind).fit(whole)
    scaled_honest = honest.transform(later) if len(later) else np.zeros(1)
    scaled_leaky = leaky.transform(later) if len(later) else np.zeros(1)
    return {
        "kind": kind,
        "whole": figures(whole),
        "train": figures(train),
        "outside": int(np.sum((later < train.min()) | (later > train.max()))),
        "later_scaled_honest": (float(scaled_honest.min()), float(scaled_honest.max())),
        "later_scaled_leaky": (float(scaled_leaky.min()), float(scaled_leaky.max())),
    }
