"""CSV exports that a spreadsheet opens as data, never as formulas.

A run renamed ``=HYPERLINK("http://...", "click")`` would be a live formula in Excel or
LibreOffice when the class opens the exported table. The usual rule (OWASP "CSV injection"):
a text cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe,
which spreadsheets read as "this is text". Only text cells: a negative number in a numeric
column stays a number.
"""

from __future__ import annotations

import pandas as pd

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and text headers) cannot start a formula."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out
