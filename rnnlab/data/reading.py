"""Reading an uploaded table: ``read_csv`` for CSV files and .xlsx workbooks.

``read_csv`` takes what teachers and students really upload (spreadsheet exports with ``;`` and
decimal commas, byte-order marks, Latin-1, dates, several columns, gaps) and returns a clean
``Series`` or raises ``DataError`` with a message that says what is wrong and what to do.
pandas does the parsing; ``sniff`` guesses the format on a small sample, ``columns`` picks the
columns, ``cleaning`` tidies the result.
"""

from __future__ import annotations

import io
import os
import re
import warnings

import numpy as np

from rnnlab.data import limits
from rnnlab.data.cleaning import _clean, _clean_months
from rnnlab.data.columns import _column_names, _numbers, _Plan, _plan_columns, _to_float, _to_time
from rnnlab.data.series import LAYOUTS, DataError, Series
from rnnlab.data.sniff import _Format, _sniff
from rnnlab.data.xlsx import _read_xlsx
from rnnlab.declarations.messages import Message


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
    sample = handle.read(limits.SAMPLE_BYTES)
    handle.seek(0)
    if not sample.strip():
        raise DataError("data.err.empty")
    fmt = _sniff(sample)
    width = _width(sample, fmt)  # the shape first: a 55,000-column line must not be parsed
    if _is_one_row(handle, sample, fmt):
        return _read_row(handle, fmt)
    if width > limits.MAX_COLUMNS:
        raise DataError("data.err.too_many_columns", n=width, limit=limits.MAX_COLUMNS)
    if _data_rows_over(handle, fmt, limits.MAX_ROWS):  # the length too, before pandas reads it
        raise DataError("data.err.too_many_rows", limit=limits.MAX_ROWS)
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


_BLOCK_BYTES = 1 << 18
_SPACE = np.zeros(256, dtype=bool)
_SPACE[[ord(c) for c in " \t\r\n"]] = True


def _nonblank_lines(block: bytes) -> int:
    """Lines of ``block`` (whole lines, each ending in "\\n") with something else than spaces."""
    raw = np.frombuffer(block, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    if len(ends) == 0:
        return 0
    filled = np.concatenate(([0], np.cumsum(~_SPACE[raw], dtype=np.int32)))
    starts = np.concatenate(([0], ends[:-1] + 1))
    return int(np.count_nonzero(filled[ends] > filled[starts]))


def _data_rows_over(handle, fmt: _Format, limit: int) -> bool:
    """Whether the file has more than ``limit`` data rows, told by counting its non-blank lines
    256 KB at a time: a file over the row limit is refused before pandas builds a single array
    (parsing it first cost ~80 MB per refused 24 MB upload, kept by the error's traceback).

    Only a file with more non-blank lines than ``limit`` plus its header and skipped lines is
    refused here; a quoted field written over several lines could make a few lines one row, so
    the parse keeps its own count too. Files whose line ends are not "\\n" bytes (UTF-16, old
    Mac "\\r") are left to the parse.
    """
    if fmt.encoding.replace("-", "").replace("_", "").lower().startswith(("utf16", "utf32")):
        return False
    handle.seek(0)
    lines = 0
    carry = b""
    while lines <= limit + fmt.skiprows + 1:  # past that, no need to read the rest
        block = handle.read(_BLOCK_BYTES)
        if not block:
            lines += bool(carry.strip())  # a last line without "\\n"
            break
        block = carry + block
        cut = block.rfind(b"\n") + 1  # whole lines only: a line cut between two blocks waits
        carry = block[cut:]
        lines += _nonblank_lines(block[:cut])
    handle.seek(0)
    return lines - fmt.skiprows - (1 if fmt.header else 0) > limit


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
    if _width(sample, fmt) < limits.MIN_VALUES:
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
    plan = _Plan("col 1", None, "number", False, [], [Message("data.note.row_series", {"n": len(values)})])
    if len(values) > limits.MAX_ROWS:
        raise DataError("data.err.too_many_rows", limit=limits.MAX_ROWS)
    return _clean(values.copy(), None, plan)


def _parse(handle, fmt: _Format, column, layout, width: int) -> Series:
    import pandas as pd

    with warnings.catch_warnings():
        # Short rows and the like are handled (skipped or filled): no need to warn the console.
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        return _parse_quietly(handle, fmt, column, layout, width)


def _parse_quietly(handle, fmt: _Format, column, layout, width: int) -> Series:
    """Choose the columns on the first rows (all columns, at most limits.PLAN_CELLS cells), then parse
    only the chosen ones through the whole file, in chunks."""
    import pandas as pd

    plan_rows = max(200, min(limits.CHUNK_ROWS, limits.PLAN_CELLS // max(1, width)))
    try:
        first = next(iter(_chunks(handle, fmt, rows=plan_rows)), None)
    except pd.errors.EmptyDataError:
        first = None
    if first is None or len(first) == 0:
        raise DataError("data.err.header_only" if fmt.header else "data.err.empty")
    if first.shape[1] > limits.MAX_COLUMNS:
        raise DataError("data.err.too_many_columns", n=first.shape[1], limit=limits.MAX_COLUMNS)
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
        if rows > limits.MAX_ROWS:
            raise DataError("data.err.too_many_rows", limit=limits.MAX_ROWS)
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
    yield from pd.read_csv(handle, chunksize=limits.CHUNK_ROWS, nrows=limits.MAX_ROWS + 1, **options)
