"""What the Data page shows about a series: its figures, the default range, windows per split, the leak."""

from __future__ import annotations

import math

import numpy as np

from rnnlab.data import limits


def summary(values) -> dict[str, float]:
    """Length, minimum, maximum and mean of a series. A mean that is zero up to the round-off
    of summing these values (a whole number of sine periods: 6.9e-18) is 0: it would be
    written 6,9E-18 to a student, a number that means nothing."""
    values = np.asarray(values, dtype=np.float64)
    mean = float(values.mean())
    largest = float(np.abs(values).max()) if len(values) else 0.0
    if abs(mean) <= 4 * len(values) * np.finfo(np.float64).eps * largest:
        mean = 0.0
    return {"length": len(values), "min": float(values.min()), "max": float(values.max()),
            "mean": mean}


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
    from rnnlab.data.windows import Scaler

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
