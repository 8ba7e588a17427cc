"""Excel workbooks (.xlsx): a sheet read cell by cell, through the same column plan as a CSV."""

from __future__ import annotations

import numpy as np

from rnnlab.data import limits
from rnnlab.data.cleaning import _clean, _clean_months
from rnnlab.data.columns import _column_names, _date_parse, _names_list, _plan_columns, _to_float
from rnnlab.data.series import DataError, Series
from rnnlab.data.sniff import _Format


def _read_xlsx(handle, column, layout, sheet) -> Series:
    """The first sheet (or ``sheet``) of a workbook, through the same column plan as a CSV."""
    import time

    import pandas as pd
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a zip that is not a workbook, or a broken one
        raise DataError("data.err.xlsx_unreadable") from exc
    try:
        sheets = list(book.sheetnames)
        if not sheets:
            raise DataError("data.err.empty")
        if sheet is not None and sheet not in sheets:
            raise DataError("data.err.no_sheet", sheet=str(sheet)[:80], sheets=_names_list(sheets))
        name = sheet or sheets[0]
        ws = book[name]
        if (ws.max_column or 0) > limits.MAX_COLUMNS:
            raise DataError("data.err.too_many_columns", n=ws.max_column, limit=limits.MAX_COLUMNS)
        if (ws.max_row or 0) > limits.MAX_ROWS + 1:  # the sheet's declared size: before reading it
            raise DataError("data.err.too_many_rows", limit=limits.MAX_ROWS)
        deadline = time.perf_counter() + limits.XLSX_SECONDS
        rows = []
        for number, row in enumerate(ws.iter_rows(values_only=True, max_col=limits.MAX_COLUMNS)):
            if number % 1000 == 0 and time.perf_counter() > deadline:
                raise DataError("data.err.xlsx_slow", rows=number)
            if number > limits.MAX_ROWS:
                raise DataError("data.err.too_many_rows", limit=limits.MAX_ROWS)
            if any(cell is not None and cell != "" for cell in row):
                rows.append(row)
    finally:
        book.close()
    if not rows:
        raise DataError("data.err.empty")
    width = max(len(row) for row in rows)
    rows = [tuple(row) + (None,) * (width - len(row)) for row in rows]
    head = rows[0]
    header = any(isinstance(cell, str) for cell in head) and len(rows) > 1
    frame = pd.DataFrame(rows[1:] if header else rows, dtype=object)
    del rows
    frame = frame.loc[:, frame.notna().any()]  # empty columns of the sheet's used area
    if frame.empty:
        raise DataError("data.err.header_only" if header else "data.err.empty")
    labels = [head[i] for i in frame.columns] if header else list(frame.columns)
    frame.columns = _column_names(labels, header)
    frame = frame.infer_objects()
    fmt = _Format("utf-8", ",")
    plan = _plan_columns(frame, column, fmt, layout)
    blocks = {}
    for used in plan.used_columns():
        if used == plan.time and plan.time_kind == "date":
            blocks[used] = [_xlsx_times(frame[used], plan.dayfirst)]
        else:
            blocks[used] = [_to_float(frame[used], fmt)]
    if plan.months:
        series = _clean_months(blocks, plan)
    else:
        index = blocks[plan.time][0] if plan.time is not None else None
        series = _clean(blocks[plan.value][0].copy(), index, plan)
    series.sheets, series.sheet = sheets, name
    return series


def _xlsx_times(col, dayfirst: bool) -> np.ndarray:
    import pandas as pd

    stamps = pd.to_datetime(col, errors="coerce")  # datetime cells stay what they are
    if stamps.isna().all():
        stamps = _date_parse(col, dayfirst)
    return stamps.to_numpy(dtype="datetime64[ns]")
