"""Choosing the columns of a table: the values to predict, the time labels, a year x month layout.

Also how text cells become numbers ("5%", "1.234,5 €") and dates (day-first when it reads better).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from rnnlab.data.series import LAYOUTS, DataError
from rnnlab.data.sniff import _DATE_LIKE, _UNIT_CHARS, _Format
from rnnlab.declarations.messages import Message

# Column names that label time (or rows), never the quantity to predict. Compared lower-case.
TIME_NAMES = {
    "", "t", "n", "id", "idx", "index", "row", "fila", "year", "years", "año", "ano", "anio",
    "month", "mes", "day", "dia", "día", "date", "fecha", "time", "tiempo", "hora", "hour",
    "datetime", "timestamp", "period", "periodo", "período", "quarter", "trimestre", "week",
    "semana", "unnamed: 0",
}


@dataclass
class _Plan:
    value: str
    time: str | None
    time_kind: str  # "date" or "number"
    dayfirst: bool
    candidates: list[str]
    note_keys: list[Message]
    months: list[str] = field(default_factory=list)  # Jan..Dec columns when read as one series
    layouts: list[str] = field(default_factory=list)

    def used_columns(self) -> list[str]:
        used = list(self.months) if self.months else [self.value]
        return used + ([self.time] if self.time is not None and self.time not in used else [])


def _column_names(columns, header: bool) -> list[str]:
    names, seen = [], set()
    for i, name in enumerate(columns):
        label = str(name).strip()[:80] if header else f"col {i + 1}"  # a name, not an essay
        if not label or label.lower().startswith("unnamed:"):
            label = f"col {i + 1}"
        while label in seen:
            label += "'"
        seen.add(label)
        names.append(label)
    return names


def _names_list(names: list[str], limit: int = 8) -> str:
    """Column names for a message: the first few, and how many more."""
    shown = ", ".join(names[:limit])
    return shown + (f" (+{len(names) - limit})" if len(names) > limit else "")


def _numbers(text, fmt: _Format):
    """Numbers from text cells, also "5%", "1.234,5 €" or "$1,00" (a float Series, NaN if not)."""
    import pandas as pd

    plain = pd.to_numeric(text, errors="coerce")
    retry = plain.isna() & text.notna() & (text != "")
    if not retry.any():
        return plain
    cleaned = text[retry].str.replace(_UNIT_CHARS, "", regex=True)
    if fmt.decimal == ",":
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        thousands = cleaned.str.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
        cleaned = cleaned.where(~thousands, cleaned.str.replace(",", "", regex=False))
        cleaned = cleaned.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)  # "$1,00"
    plain = plain.copy()
    plain[retry] = pd.to_numeric(cleaned, errors="coerce")
    return plain


def _numeric_share(col, fmt: _Format) -> float:
    import pandas as pd

    present = col.dropna()
    if len(present) == 0:
        return 0.0
    if pd.api.types.is_numeric_dtype(present) and not pd.api.types.is_bool_dtype(present):
        return 1.0
    converted = _numbers(present.astype(str).str.strip(), fmt)
    return float(converted.notna().mean())


def _looks_like_time_numbers(col) -> bool:
    """Integers that count rows or years: never the quantity to predict."""
    import pandas as pd

    values = pd.to_numeric(col, errors="coerce").dropna().to_numpy(dtype=np.float64)
    if len(values) < 3 or not np.all(np.isfinite(values)) or not np.all(values == np.round(values)):
        return False
    steps = np.diff(values)
    if np.all(steps == steps[0]) and steps[0] > 0:
        return True  # 0, 1, 2, ... or 1950, 1951, ...
    return bool(np.all(steps >= 0) and values.min() >= 1000 and values.max() <= 2300)


def _date_parse(col, dayfirst: bool):
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pd.to_datetime(col.astype(str).str.strip(), errors="coerce", dayfirst=dayfirst)


def _date_share(col) -> tuple[float, bool]:
    """Share of a text column that reads as dates, and whether day-first reads it better."""
    present = col.dropna()
    present = present.iloc[:: max(1, len(present) // 2000)]  # spread over the chunk, not its top
    if len(present) == 0:
        return 0.0, False
    text = present.astype(str).str.strip()
    if not text.str.match(_DATE_LIKE.pattern).mean() >= 0.9:
        return 0.0, False
    if text.str.match(r"^\d{4}").all():  # year first (ISO 2024-01-31): never day-first
        return float(_date_parse(present, False).notna().mean()), False
    shares = {dayfirst: float(_date_parse(present, dayfirst).notna().mean()) for dayfirst in (True, False)}
    # Ties go to day-first: 03/04/2020 is the 3rd of April in Spain.
    dayfirst = shares[True] >= shares[False]
    return shares[dayfirst], dayfirst


# Month column names (English and Spanish, short and long), and 1..12.
_MONTH_NAMES = [
    ("jan", "january", "ene", "enero"), ("feb", "february", "febrero"),
    ("mar", "march", "marzo"), ("apr", "april", "abr", "abril"), ("may", "mayo"),
    ("jun", "june", "junio"), ("jul", "july", "julio"), ("aug", "august", "ago", "agosto"),
    ("sep", "sept", "september", "set", "septiembre", "setiembre"), ("oct", "october", "octubre"),
    ("nov", "november", "noviembre"), ("dec", "december", "dic", "diciembre"),
]
_MONTH_OF = {name: i for i, names in enumerate(_MONTH_NAMES) for name in names}
_MONTH_OF.update({str(i + 1): i for i in range(12)} | {f"{i + 1:02d}": i for i in range(12)})
_YEAR_NAMES = {"year", "years", "año", "ano", "anio", "yr"}


def _month_columns(names: list[str], numeric: set[str], first) -> tuple[list[str], str | None]:
    """Jan..Dec columns in calendar order and the year column, when the table is year x month."""
    found: dict[int, str] = {}
    for name in names:
        month = _MONTH_OF.get(name.strip().lower().rstrip("."))
        if month is not None and name in numeric and month not in found:
            found[month] = name
    if len(found) != 12:
        return [], None
    months = [found[i] for i in range(12)]
    for name in names:
        if name in months:
            continue
        if name.lower() in _YEAR_NAMES or (name in numeric and _looks_like_time_numbers(first[name])):
            return months, name
    return [], None


def _plan_columns(first, column, fmt: _Format, layout=None) -> _Plan:
    import pandas as pd

    names = list(first.columns)
    numeric = [name for name in names if _numeric_share(first[name], fmt) >= 0.5]
    numeric_set = set(numeric)  # sets: list look-ups made this quadratic in the columns
    dates = {}
    for name in names:
        if name not in numeric_set:
            share, dayfirst = _date_share(first[name])
            if share >= 0.9:
                dates[name] = dayfirst
    timeish = {
        name for name in numeric
        if name.lower() in TIME_NAMES or _looks_like_time_numbers(first[name])
    }
    values_cols = [name for name in numeric if name not in timeish]
    notes: list[Message] = []
    months, year = _month_columns(names, numeric_set, first)
    layouts = list(LAYOUTS) if months else []
    if layout == "months" and not months:
        raise DataError("data.err.not_months")
    if months and (layout == "months" or (layout is None and column is None)):
        notes.append(Message("data.note.months", {"year": year, "first": months[0], "last": months[-1]}))
        return _Plan(months[0], year, "number", False, [n for n in values_cols if n not in months],
                     notes, months=months, layouts=layouts)

    if column is not None:
        chosen = _resolve_column(column, names, numeric)
    elif values_cols:
        chosen = values_cols[0]
        if len(values_cols) > 1:
            notes.append(Message("data.note.column_chosen", {"column": chosen, "count": len(values_cols),
                                                       "others": _names_list(values_cols[1:])}))
    elif len(numeric) == 1:
        chosen = numeric[0]  # the only numbers in the file, even if they count up steadily
    elif numeric:
        raise DataError("data.err.only_time_columns", columns=_names_list(numeric))
    else:
        raise DataError("data.err.no_numeric", columns=_names_list(names))

    time, kind, dayfirst = None, "date", False
    if dates:
        time = next(iter(dates))
        dayfirst = dates[time]
    else:
        counters = [name for name in timeish if name != chosen]
        if counters:
            time, kind = sorted(counters, key=names.index)[0], "number"
    if time is not None:
        notes.append(Message("data.note.time_column", {"column": time}))
    if not pd.api.types.is_numeric_dtype(first[chosen]) and _has_units(first[chosen]):
        notes.append(Message("data.note.units", {"column": chosen}))
    wanted = set(values_cols) | {chosen}
    candidates = [name for name in names if name in wanted]
    return _Plan(chosen, time, kind, dayfirst, candidates, notes, layouts=layouts)


def _has_units(col) -> bool:
    text = col.dropna().astype(str).head(200)
    return bool(text.str.contains(r"[%‰$€£¥]", regex=True).any())


def _resolve_column(column, names: list[str], numeric: list[str]) -> str:
    if isinstance(column, (int, np.integer)) and not isinstance(column, bool):
        if not 0 <= int(column) < len(names):
            raise DataError("data.err.no_column", column=str(column), columns=_names_list(names))
        name = names[int(column)]
    else:
        name = str(column)
        if name not in names:
            raise DataError("data.err.no_column", column=name[:80], columns=_names_list(names))
    if name not in numeric:
        raise DataError("data.err.column_not_numeric", column=name, columns=_names_list(numeric) or "-")
    return name


def _to_float(col, fmt: _Format | None = None) -> np.ndarray:
    import pandas as pd

    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        return col.to_numpy(dtype=np.float64, na_value=np.nan)
    text = col.astype(str).str.strip()
    numbers = _numbers(text, fmt or _Format("utf-8", ","))
    return numbers.to_numpy(dtype=np.float64, na_value=np.nan)


def _to_time(col, kind: str, dayfirst: bool, fmt: _Format | None = None) -> np.ndarray:
    if kind == "number":
        return _to_float(col, fmt)
    return _date_parse(col, dayfirst).to_numpy(dtype="datetime64[ns]")
