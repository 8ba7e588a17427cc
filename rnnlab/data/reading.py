"""Series sources: the notebook's noisy sine, CSV uploads and built-in real data sets.

``read_csv`` takes what teachers and students really upload (spreadsheet exports with ``;`` and
decimal commas, byte-order marks, Latin-1, dates, several columns, gaps) and returns a clean
``Series`` or raises ``DataError`` with a message that says what is wrong and what to do.
pandas does the parsing; this module only sniffs the format on a small sample and cleans up.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field

import numpy as np

from rnnlab.i18n import t

MIN_VALUES = 12  # fewer values cannot make a training, a validation and a test part
MAX_ROWS = 5_000_000  # beyond this a browser session would run out of memory
TRAIN_LIMIT = 2_000  # default number of values handed to training: keeps it fast in class
SAMPLE_BYTES = 64 * 1024  # enough lines to guess the format, small enough to be instant
CHUNK_ROWS = 100_000  # parsing in chunks keeps peak memory near the size of the result
MAX_COLUMNS = 1_000  # a time series file has a few columns; 55,000 of them pinned a session
PLAN_CELLS = 1_000_000  # cells read (all columns) to choose the columns; then only those are parsed
XLSX_SECONDS = 4.0  # reading a sheet cell by cell is slow: stop and say so rather than pin a session
LAYOUTS = ("column", "months")  # one column of values, or a year x 12-month table read row by row


class DataError(ValueError):
    """Bad input data. The message says what is wrong and what to do about it.

    ``key`` and ``values`` name a translatable message (``t(key, lang, **values)``);
    ``str(err)`` is the English text. A plain message (not a known key) is kept as it is.
    """

    def __init__(self, key: str = "data.err.unreadable", **values):
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.values)


@dataclass
class Series:
    """A clean univariate time series, ready for windowing."""

    values: np.ndarray  # float64, 1-D, finite
    name: str = "series"
    index: np.ndarray | None = None  # time labels (dates or numbers), or None
    notes: list[str] = field(default_factory=list)  # what was cleaned or guessed, in plain words
    # The same notes as i18n keys with their values, so that the page can show them in Spanish.
    note_keys: list[tuple[str, dict]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # numeric columns of the file, to switch
    column: str | None = None  # the column the values came from
    layouts: list[str] = field(default_factory=list)  # ["column", "months"] for a year x month table
    layout: str = "column"
    sheets: list[str] = field(default_factory=list)  # the sheets of an .xlsx workbook
    sheet: str | None = None  # the sheet the values came from

    def __len__(self) -> int:
        return len(self.values)

    def notes_in(self, lang: str) -> list[str]:
        """The notes in ``lang`` (plain ``notes`` when they were not made from keys)."""
        if not self.note_keys:
            return list(self.notes)
        return [t(key, lang, **values) for key, values in self.note_keys]


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


# --------------------------------------------------------------------------------------------
# read_csv
# --------------------------------------------------------------------------------------------

# Column names that label time (or rows), never the quantity to predict. Compared lower-case.
TIME_NAMES = {
    "", "t", "n", "id", "idx", "index", "row", "fila", "year", "years", "año", "ano", "anio",
    "month", "mes", "day", "dia", "día", "date", "fecha", "time", "tiempo", "hora", "hour",
    "datetime", "timestamp", "period", "periodo", "período", "quarter", "trimestre", "week",
    "semana", "unnamed: 0",
}
# What spreadsheets write in an empty or failed cell (pandas reads most of these as missing).
_MISSING = {"na", "n/a", "nan", "null", "none", "-", "--", "?", "#n/a", "#value!", "#¡valor!",
            "#div/0!", "#¡div/0!", "#ref!", "#¡ref!"}
_SEPARATORS = ("\t", ";", ",", "|")  # preference order when several fit every line
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_POINT_DECIMAL = re.compile(r"^[+-]?\d*\.\d+([eE][+-]?\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?([ T].*)?$|^\d{1,2}:\d{2}")


@dataclass
class _Format:
    encoding: str
    sep: str
    decimal: str = "."
    thousands: str | None = None
    header: bool = True
    skiprows: int = 0


def read_csv(source, column: str | int | None = None, layout: str | None = None,
             sheet: str | None = None) -> Series:
    """A clean ``Series`` from a CSV (or an .xlsx workbook): a path, bytes, or a binary file.

    ``column`` picks a numeric column by name or position; by default the first numeric
    column that is not a date, year or row counter. ``layout="months"`` reads a year x 12-month
    table row by row as one monthly series (the default when the file is such a table and no
    column is asked for). ``sheet`` picks a workbook's sheet (default: the first). Raises
    ``DataError`` and nothing else.
    """
    if layout is not None and layout not in LAYOUTS:
        raise DataError("data.err.layout", layout=str(layout), layouts=", ".join(LAYOUTS))
    try:
        handle = _open_binary(source)
        try:
            if handle.read(4) == b"PK\x03\x04":  # a zip: an Excel workbook, if anything
                handle.seek(0)
                return _read_xlsx(handle, column, layout, sheet)
            handle.seek(0)
            return _read(handle, column, layout)
        finally:
            if isinstance(source, (str, os.PathLike)):
                handle.close()
    except DataError:
        raise
    except MemoryError:
        raise DataError("data.err.too_big") from None
    except OverflowError:  # a 400-digit "number": Python ints have no float for it
        raise DataError("data.err.huge_number") from None
    except Exception as exc:  # noqa: BLE001 - the contract: only DataError leaves this function
        raise _parser_error(exc) from exc


def _parser_error(exc: Exception) -> DataError:
    """pandas' parser messages are English and technical: say what they mean, and where."""
    text = str(exc)
    where = re.search(r"(?:line|row) (\d+)", text)
    line = int(where.group(1)) if where else None
    if "EOF inside string" in text or "unexpected end of data" in text:
        return DataError("data.err.open_quote", line=line or "?")
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if fields:
        return DataError("data.err.fields", expected=int(fields.group(1)), line=int(fields.group(2)),
                         saw=int(fields.group(3)))
    if line is not None:
        return DataError("data.err.parser_line", line=line)
    return DataError("data.err.parser", kind=type(exc).__name__)


def _open_binary(source):
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(source))
    if isinstance(source, (str, os.PathLike)):
        if not os.path.isfile(source):
            raise DataError("data.err.not_found", path=str(source))
        return open(source, "rb")  # noqa: SIM115 - closed by read_csv
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        if isinstance(source, io.BytesIO):
            return source
        data = source.read()
        return io.BytesIO(data.encode("utf-8") if isinstance(data, str) else bytes(data))
    raise DataError("data.err.source_type", kind=type(source).__name__)


def _read(handle, column, layout) -> Series:
    sample = handle.read(SAMPLE_BYTES)
    handle.seek(0)
    if not sample.strip():
        raise DataError("data.err.empty")
    fmt = _sniff(sample)
    width = _width(sample, fmt)  # the shape first: a 55,000-column line must not be parsed
    if _is_one_row(handle, sample, fmt):
        return _read_row(handle, fmt)
    if width > MAX_COLUMNS:
        raise DataError("data.err.too_many_columns", n=width, limit=MAX_COLUMNS)
    try:
        return _parse(handle, fmt, column, layout, width)
    except UnicodeDecodeError:  # the sample looked like UTF-8 but a later byte is not
        handle.seek(0)
        fmt.encoding = "latin-1"  # decodes any byte: the numbers are ASCII anyway
        return _parse(handle, fmt, column, layout, width)


def _width(sample: bytes, fmt: _Format) -> int:
    """Fields in the widest of the sample's first lines (a cut line counts what it shows)."""
    text = sample.decode(fmt.encoding, errors="replace")
    lines = [line for line in text.splitlines()[fmt.skiprows:fmt.skiprows + 20] if line.strip()]
    return max((line.count(fmt.sep) + 1 for line in lines), default=1)


def _data_lines(handle, fmt: _Format, limit: int = 3) -> int:
    """Non-blank lines after the skipped ones, counting at most ``limit`` (cheap on any size)."""
    handle.seek(0)
    count = skipped = 0
    for raw in handle:
        if skipped < fmt.skiprows:
            skipped += 1
            continue
        if raw.strip():
            count += 1
            if count >= limit:
                break
    handle.seek(0)
    return count


def _is_one_row(handle, sample: bytes, fmt: _Format) -> bool:
    """Values written along one line (perhaps under a header line): a series, left to right."""
    if _width(sample, fmt) < MIN_VALUES:
        return False
    return _data_lines(handle, fmt) <= (2 if fmt.header else 1)


def _read_row(handle, fmt: _Format) -> Series:
    import pandas as pd

    text = handle.read().decode(fmt.encoding, errors="replace")
    lines = [line for line in text.splitlines()[fmt.skiprows:] if line.strip()]
    del text
    fields = pd.Series(lines[-1].split(fmt.sep), dtype=object)
    values = _numbers(fields.str.strip().str.strip('"'), fmt).to_numpy(dtype=np.float64)
    present = np.flatnonzero(~np.isnan(values))
    if len(present) == 0:
        raise DataError("data.err.no_numeric", columns="-")
    values = values[present[0]:]  # a label in front of the numbers ("valor;1;2;3...")
    plan = _Plan("col 1", None, "number", False, [], [("data.note.row_series", {"n": len(values)})])
    if len(values) > MAX_ROWS:
        raise DataError("data.err.too_many_rows", limit=MAX_ROWS)
    return _clean(values.copy(), None, plan)


def _parse(handle, fmt: _Format, column, layout, width: int) -> Series:
    import pandas as pd

    with warnings.catch_warnings():
        # Short rows and the like are handled (skipped or filled): no need to warn the console.
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        return _parse_quietly(handle, fmt, column, layout, width)


def _parse_quietly(handle, fmt: _Format, column, layout, width: int) -> Series:
    """Choose the columns on the first rows (all columns, at most PLAN_CELLS cells), then parse
    only the chosen ones through the whole file, in chunks."""
    import pandas as pd

    plan_rows = max(200, min(CHUNK_ROWS, PLAN_CELLS // max(1, width)))
    try:
        first = next(iter(_chunks(handle, fmt, rows=plan_rows)), None)
    except pd.errors.EmptyDataError:
        first = None
    if first is None or len(first) == 0:
        raise DataError("data.err.header_only" if fmt.header else "data.err.empty")
    if first.shape[1] > MAX_COLUMNS:
        raise DataError("data.err.too_many_columns", n=first.shape[1], limit=MAX_COLUMNS)
    names = _column_names(first.columns, fmt.header)
    first.columns = names
    plan = _plan_columns(first, column, fmt, layout)
    used = plan.used_columns()
    positions = sorted(names.index(name) for name in used)
    del first
    handle.seek(0)
    rows = 0
    blocks = {name: [] for name in used}
    for chunk in _chunks(handle, fmt, usecols=positions):
        chunk.columns = [names[i] for i in positions]
        rows += len(chunk)
        if rows > MAX_ROWS:
            raise DataError("data.err.too_many_rows", limit=MAX_ROWS)
        for name in used:
            if name == plan.time:
                blocks[name].append(_to_time(chunk[name], plan.time_kind, plan.dayfirst, fmt))
            else:
                blocks[name].append(_to_float(chunk[name], fmt))
    del chunk
    if plan.months:
        return _clean_months(blocks, plan)
    raw = np.concatenate(blocks[plan.value])
    index = np.concatenate(blocks[plan.time]) if plan.time is not None else None
    del blocks  # the pieces: only the joined arrays are needed now
    return _clean(raw, index, plan)


def _chunks(handle, fmt: _Format, rows: int | None = None, usecols=None):
    """The file as data frames: its first ``rows`` rows, or all of it in chunks."""
    import pandas as pd

    options = dict(
        sep=fmt.sep, decimal=fmt.decimal, thousands=fmt.thousands,
        header=0 if fmt.header else None, skiprows=fmt.skiprows, encoding=fmt.encoding,
        skipinitialspace=True, skip_blank_lines=True, on_bad_lines="skip", engine="c",
        index_col=False, usecols=usecols,
    )
    if rows is not None:
        yield pd.read_csv(handle, nrows=rows, **options)
        return
    yield from pd.read_csv(handle, chunksize=CHUNK_ROWS, nrows=MAX_ROWS + 1, **options)


# ----- sniffing the format on a sample ------------------------------------------------------


def _sniff(sample: bytes) -> _Format:
    encoding = _guess_encoding(sample)
    text = _decode_sample(sample, encoding)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(sample) >= SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may cut the last line in half
    skiprows = 0
    while skiprows < len(lines) and lines[skiprows].lstrip().startswith("#"):
        skiprows += 1  # comment lines above the table (a source or a unit, say)
    declared = None
    if skiprows < len(lines) and re.fullmatch(r"sep=.", lines[skiprows].strip(), re.IGNORECASE):
        declared = lines[skiprows].strip()[4]  # Excel's "sep=;" line names the separator
        skiprows += 1
    lines = lines[skiprows:50 + skiprows]
    if not lines:
        raise DataError("data.err.empty")
    sep = declared or _guess_separator(lines)
    fmt = _Format(encoding=encoding, sep=sep, skiprows=_blank_aware_skip(text, skiprows))
    if sep == "," and _is_single_comma_decimal_column(lines):
        fmt.sep, fmt.decimal = ";", ","  # "valor" then "1,5", "2,25"...: one column, comma decimals
    elif sep != ",":
        fmt.decimal, fmt.thousands = _guess_decimal(lines, sep)
    fmt.header = _has_header(lines, fmt)
    return fmt


def _guess_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise DataError("data.err.binary")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a character cut at the end of the sample is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")  # what Excel on Windows writes for Spanish text
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _decode_sample(sample: bytes, encoding: str) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    text = text.lstrip("\ufeff")
    controls = sum(1 for ch in text if ch not in "\t\r\n" and unicodedata.category(ch) == "Cc")
    if controls > max(2, len(text) // 100) or text.count("\ufffd") > max(2, len(text) // 100):
        raise DataError("data.err.binary")
    return text


def _blank_aware_skip(text: str, comment_lines: int) -> int:
    """Physical lines to skip so that ``comment_lines`` non-blank comment lines are passed."""
    if comment_lines == 0:
        return 0
    seen = 0
    for number, line in enumerate(text.splitlines()):
        if line.strip():
            seen += 1
            if seen == comment_lines:
                return number + 1
    return comment_lines


def _split(line: str, sep: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=sep))
    except (csv.Error, StopIteration):
        return line.split(sep)


def _guess_separator(lines: list[str]) -> str:
    """The separator that splits (almost) every line into the same number of fields."""
    best, best_score = ",", 0.0
    for sep in _SEPARATORS:
        counts = [len(_split(line, sep)) - 1 for line in lines]
        mode = max(set(counts), key=counts.count)
        if mode == 0:
            continue
        score = counts.count(mode) / len(counts)
        if score >= 0.8 and score > best_score:
            best, best_score = sep, score
    return best


def _is_single_comma_decimal_column(lines: list[str]) -> bool:
    data = lines[1:]
    return (
        "," not in lines[0]
        and not _is_number(lines[0].strip(), ".")
        and len(data) > 0
        and all(_COMMA_DECIMAL.match(line.strip()) for line in data)
    )


def _guess_decimal(lines: list[str], sep: str) -> tuple[str, str | None]:
    fields = [_without_units(f.strip()) for line in lines for f in _split(line, sep)]
    comma = sum(1 for f in fields if _COMMA_DECIMAL.match(f))
    point = sum(1 for f in fields if _POINT_DECIMAL.match(f))
    if comma > point:
        thousands = "." if any(_THOUSANDS_DOT.match(f) for f in fields) else None
        return ",", thousands
    return ".", None


# "5%", "1.234,5 €", "$1,00", "US$ 3": a number with a unit or currency sign around it.
_UNITS = re.compile(r"^(?P<sign>[+-]?)\s*(?:us\$|[$€£¥])?\s*(?P<num>[+-]?[\d.,]*\d[\d.,]*)\s*"
                    r"(?:%|‰|€|\$|£|¥|eur|usd)?$", re.IGNORECASE)
_UNIT_CHARS = r"(?i)us\$|[$€£¥%‰\s\u00a0\u202f]|eur|usd"


def _without_units(text: str) -> str:
    """The number inside "5%" or "1.234,5 €" (the text itself when there is none)."""
    found = _UNITS.match(text.replace("\u00a0", " ").replace("\u202f", " ").strip())
    if not found:
        return text
    return found.group("sign") + found.group("num")


def _is_number(text: str, decimal: str, thousands: str | None = None) -> bool:
    if thousands:
        text = text.replace(thousands, "")
    if decimal != ".":
        text = text.replace(decimal, ".")
    return bool(_NUMBER.match(text)) or text.lower() in {"nan", "inf", "-inf", "+inf"}


def _field_kind(text: str, fmt: _Format) -> str:
    text = text.strip()
    if not text or text.lower() in _MISSING:
        return "empty"
    bare = _without_units(text)
    if _is_number(bare, fmt.decimal, fmt.thousands) or (bare != text and _COMMA_DECIMAL.match(bare)):
        return "number"
    if _DATE_LIKE.match(text):
        return "date"
    return "text"


def _has_header(lines: list[str], fmt: _Format) -> bool:
    """A header row has words where the rows below have numbers or dates."""
    first = [_field_kind(f, fmt) for f in _split(lines[0], fmt.sep)]
    if len(lines) == 1:
        return any(kind in ("text", "empty") for kind in first)
    below = [[_field_kind(f, fmt) for f in _split(line, fmt.sep)] for line in lines[1:11]]
    for position, kind in enumerate(first):
        if kind in ("text", "empty") and any(
            position < len(row) and row[position] in ("number", "date") for row in below
        ):
            return True
    return any(kind == "text" for kind in first) and all(len(row) != len(first) for row in below)


# ----- choosing the columns -------------------------------------------------------------------


@dataclass
class _Plan:
    value: str
    time: str | None
    time_kind: str  # "date" or "number"
    dayfirst: bool
    candidates: list[str]
    note_keys: list[tuple[str, dict]]
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
    notes: list[tuple[str, dict]] = []
    months, year = _month_columns(names, numeric_set, first)
    layouts = list(LAYOUTS) if months else []
    if layout == "months" and not months:
        raise DataError("data.err.not_months")
    if months and (layout == "months" or (layout is None and column is None)):
        notes.append(("data.note.months", {"year": year, "first": months[0], "last": months[-1]}))
        return _Plan(months[0], year, "number", False, [n for n in values_cols if n not in months],
                     notes, months=months, layouts=layouts)

    if column is not None:
        chosen = _resolve_column(column, names, numeric)
    elif values_cols:
        chosen = values_cols[0]
        if len(values_cols) > 1:
            notes.append(("data.note.column_chosen", {"column": chosen, "count": len(values_cols),
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
        notes.append(("data.note.time_column", {"column": time}))
    if not pd.api.types.is_numeric_dtype(first[chosen]) and _has_units(first[chosen]):
        notes.append(("data.note.units", {"column": chosen}))
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


# ----- Excel workbooks (.xlsx) ------------------------------------------------------------------


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
        if (ws.max_column or 0) > MAX_COLUMNS:
            raise DataError("data.err.too_many_columns", n=ws.max_column, limit=MAX_COLUMNS)
        deadline = time.perf_counter() + XLSX_SECONDS
        rows = []
        for number, row in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)):
            if number % 1000 == 0 and time.perf_counter() > deadline:
                raise DataError("data.err.xlsx_slow", rows=number)
            if number > MAX_ROWS:
                raise DataError("data.err.too_many_rows", limit=MAX_ROWS)
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


# ----- cleaning ---------------------------------------------------------------------------------


def _clean(raw: np.ndarray, index: np.ndarray | None, plan: _Plan) -> Series:
    notes = list(plan.note_keys)
    if index is not None:
        index, raw = _tidy_index(index, raw, notes)

    raw[~np.isfinite(raw)] = np.nan  # in place: raw is ours
    present = np.flatnonzero(~np.isnan(raw))
    if len(present) < MIN_VALUES:
        raise DataError("data.err.too_short", n=len(present), minimum=MIN_VALUES)
    lo, hi = present[0], present[-1] + 1
    if lo or hi < len(raw):
        notes.append(("data.note.trimmed", {"start": int(lo), "end": int(len(raw) - hi)}))
    values = raw[lo:hi]
    index = None if index is None else index[lo:hi]
    gaps = np.isnan(values)
    if gaps.any():
        positions = np.arange(len(values))
        values = values.copy()
        values[gaps] = np.interp(positions[gaps], positions[~gaps], values[~gaps])
        notes.append(("data.note.filled", {"n": int(gaps.sum())}))
    if np.ptp(values) == 0:
        notes.append(("data.note.constant", {"value": float(values[0])}))
    return Series(
        values=np.ascontiguousarray(values, dtype=np.float64),
        name=plan.value,
        index=index,
        notes=[t(key, "en", **vals) for key, vals in notes],
        note_keys=notes,
        columns=plan.candidates,
        column=plan.value,
        layouts=list(plan.layouts),
    )


def _tidy_index(index: np.ndarray, raw: np.ndarray, notes: list) -> tuple[np.ndarray | None, np.ndarray]:
    """Drop a time column that cannot order the rows; sort rows that come out of order."""
    missing = np.isnat(index) if index.dtype.kind == "M" else np.isnan(index)
    if missing.any():
        notes.append(("data.note.bad_times", {"n": int(missing.sum())}))
        return None, raw
    order_ok = np.all(index[1:] >= index[:-1])
    if not order_ok:
        order = np.argsort(index, kind="stable")
        notes.append(("data.note.sorted", {}))
        return index[order], raw[order]
    return index, raw


# --------------------------------------------------------------------------------------------
# What the Data page shows about a series
# --------------------------------------------------------------------------------------------


def summary(values) -> dict[str, float]:
    """Length, minimum, maximum and mean of a series."""
    values = np.asarray(values, dtype=np.float64)
    return {"length": len(values), "min": float(values.min()), "max": float(values.max()),
            "mean": float(values.mean())}


def default_range(n: int, limit: int = TRAIN_LIMIT) -> tuple[int, int, int]:
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
    from rnnlab.windows import Scaler

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
