"""Time labels on a chart's x axis: the series' own (years, dates) or, without them, positions.

A series uploaded with years is plotted on the Data page against its years; the charts of a
run (Train's predictions and forecast, Compare's predictions) draw positions in the run's
values. These helpers turn positions into the series' labels, past the end too (a forecast's
future steps continue the series' regular step), and give the x half-way between two labels
where a split line or band starts. ``labels=None`` means positions: every chart without time
labels is drawn exactly as before.
"""

from __future__ import annotations

import numpy as np


def _plotly(value):
    """A shape coordinate Plotly reads: text for a date (a datetime64 would read as ns)."""
    if isinstance(value, np.datetime64):
        return np.datetime_as_string(value, unit="s")
    return value.item() if isinstance(value, np.generic) else value


def usable(labels, n: int) -> np.ndarray | None:
    """``labels`` if they label ``n`` values in increasing order (dates or numbers), else None."""
    if labels is None:
        return None
    labels = np.asarray(labels)
    if len(labels) != n or n < 2 or labels.dtype.kind not in "iufM":
        return None
    if labels.dtype.kind == "M":
        if np.isnat(labels).any():
            return None
    elif not np.all(np.isfinite(labels.astype(float))):
        return None
    if not np.all(labels[1:] > labels[:-1]):
        return None
    return labels


def _step(labels: np.ndarray):
    """The series' usual step between two labels (the median: one gap does not set it)."""
    gaps = np.diff(labels)
    return np.sort(gaps)[len(gaps) // 2]


def at(labels, positions) -> np.ndarray:
    """The x of each position: the label, or past the last one, the last plus k usual steps."""
    positions = np.asarray(positions, dtype=np.int64)
    if labels is None:
        return positions
    labels = np.asarray(labels)
    n = len(labels)
    inside = np.clip(positions, 0, n - 1)
    x = labels[inside]
    beyond = positions >= n
    if beyond.any():
        x = x.copy()
        x[beyond] = labels[-1] + (positions[beyond] - (n - 1)) * _step(labels)
    return x


def between(labels, position: int):
    """The x half-way between positions ``position - 1`` and ``position`` (a split's edge)."""
    if labels is None:
        return position - 0.5
    a, b = at(labels, [position - 1, position])
    if isinstance(a, np.datetime64):  # half a day of day-resolution dates is 0 days: in seconds
        a, b = a.astype("datetime64[s]"), b.astype("datetime64[s]")
    return _plotly(a + (b - a) / 2)


def edge(labels, position: int):
    """The x of a position as a shape coordinate (a band's end at the last value, say)."""
    return _plotly(at(labels, [position])[0]) if labels is not None else position
