"""From parsed columns to a clean Series: sorted times, trimmed ends, gaps filled, each step noted."""

from __future__ import annotations

import numpy as np

from rnnlab.data import limits
from rnnlab.data.columns import _Plan
from rnnlab.data.series import DataError, Series
from rnnlab.declarations.messages import Message
from rnnlab.i18n import t


def _clean(raw: np.ndarray, index: np.ndarray | None, plan: _Plan) -> Series:
    notes = list(plan.note_keys)
    if index is not None:
        index, raw = _tidy_index(index, raw, notes)

    raw[~np.isfinite(raw)] = np.nan  # in place: raw is ours
    present = np.flatnonzero(~np.isnan(raw))
    if len(present) < limits.MIN_VALUES:
        raise DataError("data.err.too_short", n=len(present), minimum=limits.MIN_VALUES)
    lo, hi = present[0], present[-1] + 1
    if lo or hi < len(raw):
        notes.append(Message("data.note.trimmed", {"start": int(lo), "end": int(len(raw) - hi)}))
    values = raw[lo:hi]
    index = None if index is None else index[lo:hi]
    gaps = np.isnan(values)
    if gaps.any():
        positions = np.arange(len(values))
        values = values.copy()
        values[gaps] = np.interp(positions[gaps], positions[~gaps], values[~gaps])
        notes.append(Message("data.note.filled", {"n": int(gaps.sum())}))
    if np.ptp(values) == 0:
        notes.append(Message("data.note.constant", {"value": float(values[0])}))
    return Series(
        values=np.ascontiguousarray(values, dtype=np.float64),
        name=plan.value,
        index=index,
        notes=[note.text("en") for note in notes],
        note_keys=notes,
        columns=plan.candidates,
        column=plan.value,
        layouts=list(plan.layouts),
    )


def _tidy_index(index: np.ndarray, raw: np.ndarray, notes: list) -> tuple[np.ndarray | None, np.ndarray]:
    """Drop a time column that cannot order the rows; sort rows that come out of order."""
    missing = np.isnat(index) if index.dtype.kind == "M" else np.isnan(index)
    if missing.any():
        notes.append(Message("data.note.bad_times", {"n": int(missing.sum())}))
        return None, raw
    order_ok = np.all(index[1:] >= index[:-1])
    if not order_ok:
        order = np.argsort(index, kind="stable")
        notes.append(Message("data.note.sorted", {}))
        return index[order], raw[order]
    return index, raw


def _clean_months(blocks: dict, plan: _Plan) -> Series:
    """Year x 12 months -> one monthly series, January to December of each year in turn."""
    table = np.column_stack([np.concatenate(blocks[name]) for name in plan.months])
    years = np.concatenate(blocks[plan.time])
    keep = np.isfinite(years)
    table, years = table[keep], years[keep]
    order = np.argsort(years, kind="stable")
    table, years = table[order], years[order]
    raw = table.ravel().copy()
    months = (years.astype(np.int64)[:, None] - 1970) * 12 + np.arange(12)[None, :]
    index = months.ravel().astype("datetime64[M]").astype("datetime64[ns]")
    plan = _Plan(t("data.months.name", "en"), None, "date", False, plan.candidates, plan.note_keys,
                 months=plan.months, layouts=plan.layouts)
    series = _clean(raw, index, plan)
    series.layout = "months"
    series.column = None
    return series
