"""Series sources: the notebook's noisy sine, CSV uploads and built-in real data sets."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class DataError(ValueError):
    """Bad input data. The message says what is wrong and what to do about it."""


@dataclass
class Series:
    """A clean univariate time series, ready for windowing."""

    values: np.ndarray  # float64, 1-D, finite
    name: str = "series"
    index: np.ndarray | None = None  # time labels (dates or numbers), or None
    notes: list[str] = field(default_factory=list)  # what was cleaned or guessed, in plain words

    def __len__(self) -> int:
        return len(self.values)


def noisy_sine(n: int = 100, periods: float = 2.0, noise: float = 0.1, seed: int = 42) -> np.ndarray:
    """sin(t) + noise * N(0, 1) with t = linspace(0, 2*pi*periods, n).

    The defaults give exactly the notebook's series (np.random.seed(42); np.random.randn(100)).
    """
    t = np.linspace(0.0, 2.0 * np.pi * periods, n)
    return np.sin(t) + noise * np.random.RandomState(seed).randn(n)
