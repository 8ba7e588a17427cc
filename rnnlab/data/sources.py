"""Generated series: the notebook's noisy sine, exactly as the notebook computes it."""

from __future__ import annotations

import numpy as np


def noisy_sine(n: int = 100, periods: float = 2.0, noise: float = 0.1, seed: int = 42) -> np.ndarray:
    """sin(t) + noise * N(0, 1) with t = linspace(0, 2*pi*periods, n).

    The defaults give section 2's cell of the notebook run on its own, right after
    np.random.seed(42). Run top to bottom the notebook draws other numbers first: see
    ``notebook_series()``.
    """
    t = np.linspace(0.0, 2.0 * np.pi * periods, n)
    return np.sin(t) + noise * np.random.RandomState(seed).randn(n)


# Normals the notebook draws before section 2 makes its series: section 1's
# SimpleRNN(1, 10, 1) initialises W_xh (1x10), W_hh (10x10) and W_hy (10x1) from the same
# generator, after np.random.seed(42).
NOTEBOOK_DRAWS_BEFORE_DATA = 1 * 10 + 10 * 10 + 10 * 1


def notebook_series() -> np.ndarray:
    """Exactly the series the notebook computes when it is run top to bottom.

    The notebook seeds numpy with 42, then section 1's SimpleRNN draws 120 normals, and only
    then section 2 draws the 100 normals of its noise: so this is not ``noisy_sine()`` (which
    is section 2's cell run on its own). t = linspace(0, 4*pi, 100), data = sin(t) + 0.1*noise.
    """
    rng = np.random.RandomState(42)
    rng.randn(NOTEBOOK_DRAWS_BEFORE_DATA)  # the legacy generator's normals do not depend on batching
    t = np.linspace(0.0, 4.0 * np.pi, 100)
    return np.sin(t) + 0.1 * rng.randn(100)
