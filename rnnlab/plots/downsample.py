"""Fewer points for the browser, same shape: keep the minimum and maximum of each bucket.

A chart of two million points would freeze a student's laptop, and taking every k-th value
would hide spikes. Splitting the series into equal buckets and keeping each bucket's lowest
and highest point (in time order) keeps every peak and trough that a screen can show.
"""

from __future__ import annotations

import numpy as np

MAX_POINTS = 5_000  # the most points any chart sends to the browser


def minmax_indices(values, max_points: int = MAX_POINTS) -> np.ndarray:
    """Sorted positions to keep: first, last, and the min and max of each bucket.

    Returns all positions when the series already fits. At most ``max_points`` positions.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    n = len(values)
    if max_points < 4:
        raise ValueError("max_points must be at least 4")
    if n <= max_points:
        return np.arange(n)
    gaps = np.isnan(values)
    if gaps.any():  # a gap must not count as a peak: it takes the last value seen before it
        if gaps.all():
            return np.linspace(0, n - 1, max_points).astype(int)
        seen = np.where(gaps, 0, np.arange(n))
        np.maximum.accumulate(seen, out=seen)
        values = values[seen]
        values[: np.argmax(~gaps)] = values[np.argmax(~gaps)]  # leading gaps: the first value
    buckets = (max_points - 2) // 2  # two points per bucket, plus the first and the last
    size = -(-n // buckets)  # ceil: every bucket but the last is full
    buckets = -(-n // size)
    padded = np.empty(buckets * size)
    padded[:n] = values
    padded[n:] = values[-1]  # repeats of the last value: an argmin/argmax there maps to n-1
    rows = padded.reshape(buckets, size)
    offsets = np.arange(buckets) * size
    keep = np.concatenate([[0, n - 1], offsets + rows.argmin(axis=1), offsets + rows.argmax(axis=1)])
    return np.unique(np.minimum(keep, n - 1))


def downsample(x, y, max_points: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray, bool]:
    """(x, y) thinned to at most ``max_points`` keeping peaks; the flag says if anything was dropped."""
    y = np.asarray(y)
    x = np.arange(len(y)) if x is None else np.asarray(x)
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    keep = minmax_indices(y, max_points)
    return x[keep], y[keep], len(keep) < len(y)
