"""read_csv on the inputs that knocked the class server over or were refused (issue 12)."""

from __future__ import annotations

import datetime
import io

import numpy as np
import pytest

from rnnlab import data as rdata
from rnnlab.data import MAX_COLUMNS, DataError, read_csv
from rnnlab.declarations.messages import Message
from rnnlab.i18n import t


def _error(content, **kwargs) -> DataError:
    with pytest.raises(DataError) as info:
        read_csv(content, **kwargs)
    return info.value


def test_one_line_of_55000_values_is_a_series_read_left_to_right():
    values = np.arange(55_000) % 7 * 1.5
    series = read_csv(",".join(f"{v:g}" for v in values).encode())
    assert np.array_equal(series.values, values)
    assert series.note_keys[0].key == "data.note.row_series"


def test_a_header_line_and_one_row_of_values_with_a_label_in_front():
    content = ("serie;" + ";".join(f"t{i}" for i in range(30)) + "\nvalor;"
               + ";".join(f"{i},5" for i in range(30))).encode()
    assert np.array_equal(read_csv(content).values, np.arange(30) + 0.5)


def test_too_many_columns_is_refused_with_the_limit_and_what_to_do():
    width = MAX_COLUMNS + 500
    content = (",".join(f"c{i}" for i in range(width)) + "\n"
               + "\n".join(",".join("1" for _ in range(width)) for _ in range(20))).encode()
    err = _error(content)
    assert err.message.key == "data.err.too_many_columns"
    assert err.message.values == {"n": width, "limit": MAX_COLUMNS}
    assert "una columna" in err.message.text("es")


def test_a_wide_table_within_the_limit_parses_only_the_chosen_column(monkeypatch):
    """1,000 columns x 3,000 rows: the column plan sees a head, then one column is parsed."""
    width, rows = MAX_COLUMNS, 3_000
    head = "t," + ",".join(f"v{i}" for i in range(width - 1))
    body = "\n".join(f"{r}," + ",".join(str((r * (i + 1)) % 97) for i in range(width - 1)) for r in range(rows))
    seen = []
    real = rdata.reading._chunks

    def spy(handle, fmt, rows=None, usecols=None):
        seen.append((rows, usecols))
        yield from real(handle, fmt, rows=rows, usecols=usecols)

    monkeypatch.setattr(rdata.reading, "_chunks", spy)
    series = read_csv((head + "\n" + body).encode(), column="v5")
    assert np.array_equal(series.values, (np.arange(rows) * 6) % 97)
    assert seen[0][0] < rows and seen[0][1] is None  # the plan: a head of the table
    assert sorted(seen[1][1]) == [0, 6]  # then only the time column and v5
    assert len(series.columns) == width - 1  # every value column can still be picked


def test_numbers_with_percent_currency_and_decimal_commas():
    percent = b"tasa\n" + b"\n".join(f"{i}%".encode() for i in range(20))
    assert np.array_equal(read_csv(percent).values, np.arange(20.0))
    euros = ("fecha;importe\n" + "\n".join(f"2020-01-{i + 1:02d};1.234,{i:02d} €" for i in range(20))).encode()
    series = read_csv(euros)
    assert np.allclose(series.values, 1234 + np.arange(20) / 100)
    assert Message("data.note.units", {"column": "importe"}) in series.note_keys
    dollars = b"precio\n" + b"\n".join(f'"${i},00"'.encode() for i in range(20))
    assert np.array_equal(read_csv(dollars).values, np.arange(20.0))
    thousands = b"ventas\n" + b"\n".join(f'"${i},000.5"'.encode() for i in range(1, 21))
    assert np.array_equal(read_csv(thousands).values, np.arange(1, 21) * 1000 + 0.5)


def test_a_400_digit_number_gets_a_clear_message():
    content = b"value\n" + b"1" * 400 + b"\n" + b"\n".join(str(i).encode() for i in range(20))
    err = _error(content)
    assert err.message.key == "data.err.huge_number"
    assert "cifras" in err.message.text("es")


def test_parser_details_are_translated_with_the_row():
    err = _error(b"a,b\n1,2\n3,4\n\"5,6\n7,8\n" + b"1,2\n" * 20)
    assert err.message.key == "data.err.open_quote" and err.message.values == {"line": 3}
    assert "Error tokenizing" not in err.message.text("es") and "comillas" in err.message.text("es")


def _elnino_wide(years=range(1950, 1965)) -> bytes:
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    lines = ["YEAR," + ",".join(months)]
    lines += [f"{y}," + ",".join(f"{20 + m + (y - 1950) / 10:.2f}" for m in range(12)) for y in years]
    return "\n".join(lines).encode()


def test_a_year_by_month_table_becomes_one_monthly_series():
    series = read_csv(_elnino_wide())
    expected = np.array([[20 + m + y / 10 for m in range(12)] for y in range(15)]).ravel()
    assert np.allclose(series.values, expected)
    assert series.layout == "months" and series.layouts == ["column", "months"]
    assert str(series.index[0])[:7] == "1950-01" and str(series.index[13])[:7] == "1951-02"
    assert str(series.index[-1])[:7] == "1964-12"
    one = read_csv(_elnino_wide(), layout="column")
    assert one.layout == "column" and one.column == "JAN" and len(one) == 15
    assert "months" in one.layouts  # the page can still offer the monthly reading
    assert _error(b"v\n" + b"1\n" * 20, layout="months").message.key == "data.err.not_months"


def _workbook(sheets: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_first_sheet_or_a_picked_one():
    day = datetime.date(2024, 1, 1)
    content = _workbook({
        "datos": [["fecha", "valor"], *[[day + datetime.timedelta(days=i), i * 1.5] for i in range(30)]],
        "otra": [["x"], *[[i] for i in range(20)]],
    })
    series = read_csv(content)
    assert np.array_equal(series.values, np.arange(30) * 1.5)
    assert series.sheets == ["datos", "otra"] and series.sheet == "datos"
    assert str(series.index[1])[:10] == "2024-01-02"
    assert np.array_equal(read_csv(content, sheet="otra").values, np.arange(20.0))
    assert _error(content, sheet="nada").message.key == "data.err.no_sheet"


def test_xlsx_year_by_month_sheet():
    rows = [["Año", *[f"{m}" for m in range(1, 13)]]]
    rows += [[2000 + y, *[y * 12 + m for m in range(12)]] for y in range(3)]
    series = read_csv(_workbook({"hoja": rows}))
    assert np.array_equal(series.values, np.arange(36.0))


def test_every_new_message_exists_in_both_languages():
    for key in ("data.err.too_many_columns", "data.err.huge_number", "data.err.open_quote",
                "data.err.fields", "data.err.xlsx_slow", "data.note.months", "data.note.units"):
        assert t(key, "es") != key and t(key, "en") != key


def _spy_parser(monkeypatch) -> list:
    calls = []
    real = rdata.reading._chunks

    def spy(*args, **kwargs):
        calls.append(kwargs)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(rdata.reading, "_chunks", spy)
    return calls


def test_a_file_over_the_row_limit_is_refused_before_pandas_reads_it(monkeypatch):
    """Item 18: the length is checked on the bytes, as the width is on a sample."""
    monkeypatch.setattr(rdata.limits, "MAX_ROWS", 50_000)
    calls = _spy_parser(monkeypatch)
    err = _error(b"v\n" + b"1\n" * 120_000)
    assert err.message.key == "data.err.too_many_rows" and not calls


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_blank_lines_comments_and_the_header_are_not_rows(monkeypatch, ending):
    """Exactly the limit is read, however many blank lines and comments surround it; one more
    row is refused before parsing. Lines are cut across the 1 MB blocks the count reads."""
    limit = 300_000
    monkeypatch.setattr(rdata.limits, "MAX_ROWS", limit)
    calls = _spy_parser(monkeypatch)
    rows = [f"{i % 97}.5".encode() for i in range(limit)]
    body = (ending + b"  " + ending).join(rows)  # a blank (spaces only) line between any two
    content = b"# comment" + ending + b"valor" + ending + body + ending + ending
    assert len(read_csv(content)) == limit and calls
    calls.clear()
    err = _error(content + b"7" + ending)
    assert err.message.key == "data.err.too_many_rows" and not calls


def test_a_refused_upload_keeps_no_memory_once_its_error_is_kept(monkeypatch):
    """What the Data page keeps of a refused file (the error, detached) holds nothing of it; and
    refusing costs little more than the file itself (it was the parser's arrays before)."""
    import gc
    import tracemalloc

    monkeypatch.setattr(rdata.limits, "MAX_ROWS", 1_000_000)
    content = b"v\n" + b"3.5\n" * 2_500_000  # 10 MB
    _error(content[:5_000_000])  # once first: what a first call imports or caches is not the file's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        try:
            read_csv(content)
        except DataError as err:
            kept = err.detached()
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept.message.key == "data.err.too_many_rows"
    assert kept.__traceback__ is None and kept.__cause__ is None and kept.__context__ is None
    assert held - before < 256 * 1024, held - before
    assert peak - before < len(content), (peak - before) / len(content)
