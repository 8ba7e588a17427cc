"""rnnlab.plots.downsample: few points, every peak kept, checked against a brute-force reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab.plots.downsample import MAX_POINTS, downsample, minmax_indices


def test_short_series_untouched():
    values = np.arange(100.0)
    assert np.array_equal(minmax_indices(values, 1000), np.arange(100))
    x, y, thinned = downsample(None, values, 1000)
    assert not thinned and np.array_equal(y, values) and np.array_equal(x, np.arange(100))


def test_two_million_points_fit_and_keep_every_spike():
    rng = np.random.default_rng(0)
    values = rng.normal(size=2_000_000)
    spikes = [17, 654_321, 1_999_990]
    values[spikes] = [50.0, -60.0, 70.0]
    keep = minmax_indices(values)
    assert len(keep) <= MAX_POINTS
    assert set(spikes) <= set(keep.tolist())
    assert keep[0] == 0 and keep[-1] == len(values) - 1
    assert np.all(np.diff(keep) > 0)  # in time order, no duplicates


def reference(values, max_points):
    """Brute force: the min and max position of every bucket, written the slow obvious way."""
    n = len(values)
    buckets = (max_points - 2) // 2
    size = -(-n // buckets)
    keep = {0, n - 1}
    for start in range(0, n, size):
        part = values[start:start + size]
        keep.add(start + int(np.argmin(part)))
        keep.add(start + int(np.argmax(part)))
    return np.array(sorted(keep))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=400),
       st.integers(4, 60))
def test_matches_the_brute_force_reference(values, max_points):
    values = np.array(values)
    keep = minmax_indices(values, max_points)
    assert len(keep) <= max(max_points, 0) or len(values) <= max_points
    if len(values) > max_points:
        assert np.array_equal(keep, reference(values, max_points))
        # The extremes of the whole series always survive.
        assert values[keep].max() == values.max() and values[keep].min() == values.min()


def test_gaps_do_not_count_as_peaks():
    values = np.arange(100.0)
    values[40] = np.nan
    keep = minmax_indices(values, 10)
    assert values[keep].max() == 99.0 and len(keep) <= 10


def test_dates_follow_the_values():
    x = np.arange("2024-01-01", "2024-12-31", dtype="datetime64[D]")
    y = np.sin(np.arange(len(x)) / 9.0)
    xs, ys, thinned = downsample(x, y, 50)
    assert thinned and len(xs) == len(ys) <= 50
    assert np.array_equal(np.sin((xs - x[0]).astype(int) / 9.0), ys)


def test_bad_arguments():
    with pytest.raises(ValueError):
        minmax_indices(np.arange(10.0), 3)
    with pytest.raises(ValueError):
        downsample(np.arange(3), np.arange(4.0))
