"""rnnlab.data: the notebook's series, read_csv on what people really upload, and its errors."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest

from rnnlab import data
from rnnlab.data import DataError, Series, noisy_sine, read_csv
from rnnlab.i18n import t


def csv_rows(header: str | None, rows: list[str]) -> str:
    return "\n".join(([header] if header is not None else []) + rows) + "\n"


def test_noisy_sine_defaults_are_the_notebooks_series():
    np.random.seed(42)
    expected = np.sin(np.linspace(0, 4 * np.pi, 100)) + 0.1 * np.random.randn(100)
    assert np.array_equal(noisy_sine(), expected)
    assert noisy_sine().dtype == np.float64 and noisy_sine().shape == (100,)


def test_noisy_sine_parameters():
    pure = noisy_sine(n=50, periods=1.0, noise=0.0)
    assert np.allclose(pure, np.sin(np.linspace(0, 2 * np.pi, 50)))
    assert not np.array_equal(noisy_sine(seed=1), noisy_sine(seed=2))


def test_plain_single_column_with_header():
    series = read_csv(csv_rows("value", [str(i * 0.5) for i in range(20)]).encode())
    assert isinstance(series, Series)
    assert series.values.dtype == np.float64 and series.values.shape == (20,)
    assert np.allclose(series.values, np.arange(20) * 0.5)
    assert series.name == "value" and series.index is None and series.notes == []


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_separators(sep):
    rows = [f"{2000 + i}{sep}{i * 1.25}" for i in range(15)]
    series = read_csv(csv_rows(f"year{sep}level", rows).encode())
    assert np.allclose(series.values, np.arange(15) * 1.25)
    assert series.name == "level"
    assert np.array_equal(series.index, np.arange(2000, 2015))


def test_spanish_spreadsheet_semicolons_and_decimal_commas():
    rows = [f"{i + 1:02d}/03/2024;{i},5;1.{200 + i:03d},75" for i in range(20)]
    series = read_csv(csv_rows("fecha;temperatura;ventas", rows).encode("cp1252"))
    assert np.allclose(series.values, np.arange(20) + 0.5)
    assert series.index.dtype.kind == "M"
    # Day first: 13/03/2024 is the 13th of March.
    assert str(series.index[12])[:10] == "2024-03-13"
    assert series.columns == ["temperatura", "ventas"]
    other = read_csv(csv_rows("fecha;temperatura;ventas", rows).encode(), column="ventas")
    assert np.allclose(other.values, 1200.75 + np.arange(20))  # "1.200,75" with a thousands dot


def test_single_column_with_decimal_commas():
    series = read_csv(csv_rows("valor", [f"{i},25" for i in range(20)]).encode())
    assert np.allclose(series.values, np.arange(20) + 0.25)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "latin-1", "cp1252"])
def test_encodings_and_byte_order_marks(encoding):
    text = csv_rows("año;señal €" if encoding == "cp1252" else "año;señal", [f"{1900 + i};{i},5" for i in range(20)])
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw  # big-endian with its byte-order mark
    series = read_csv(raw)
    assert np.allclose(series.values, np.arange(20) + 0.5)
    assert series.name.startswith("señal")
    assert series.index[0] == 1900


def test_no_header_row():
    series = read_csv(csv_rows(None, [f"{i},{np.sin(i):.6f}" for i in range(30)]).encode())
    assert np.allclose(series.values, np.round(np.sin(np.arange(30)), 6))
    assert np.array_equal(series.index, np.arange(30))  # the row counter became the time axis


def test_date_column_becomes_index_and_unsorted_rows_are_sorted():
    days = [f"2024-01-{d:02d}" for d in range(1, 21)]
    rows = [f"{day},{i}" for i, day in enumerate(days)]
    rows[3], rows[4] = rows[4], rows[3]
    series = read_csv(csv_rows("date,value", rows).encode())
    assert series.index.dtype.kind == "M"
    assert np.all(np.diff(series.index.astype("int64")) > 0)
    assert np.array_equal(series.values, np.arange(20.0))
    assert any("sorted" in note for note in series.notes)


def test_several_numeric_columns_skip_year_and_counter_and_say_which():
    rows = [f"{i},{1950 + i},{np.cos(i):.4f},{i * i}" for i in range(25)]
    series = read_csv(csv_rows("row,year,signal,square", rows).encode())
    assert series.name == "signal"
    assert series.columns == ["signal", "square"]
    assert any("signal" in note and "square" in note for note in series.notes)
    chosen = read_csv(csv_rows("row,year,signal,square", rows).encode(), column="square")
    assert np.array_equal(chosen.values, np.arange(25.0) ** 2)
    by_position = read_csv(csv_rows("row,year,signal,square", rows).encode(), column=3)
    assert np.array_equal(by_position.values, chosen.values)


def test_year_repeated_per_month_is_not_the_value():
    rows = [f"{1950 + i // 12},{20 + np.sin(i):.3f}" for i in range(36)]
    series = read_csv(csv_rows(None, rows).encode())
    assert np.allclose(series.values, np.round(20 + np.sin(np.arange(36)), 3))


def test_gaps_are_interpolated_ends_trimmed_and_counted():
    cells = [str(float(i)) for i in range(20)]
    cells[0] = ""
    cells[1] = "n/a"
    cells[5] = ""
    cells[6] = "inf"
    cells[9] = "oops"
    cells[19] = "-inf"
    rows = [f"2024-05-{i + 1:02d},{cell}" for i, cell in enumerate(cells)]
    series = read_csv(csv_rows("day,v", rows).encode())
    assert np.array_equal(series.values, np.arange(2.0, 19.0))  # linear gaps fill back exactly
    assert series.index[0] == np.datetime64("2024-05-03")  # the index is trimmed with the values
    assert "Removed 2 empty or non-numeric values at the start and 1 at the end." in series.notes
    assert any("Filled 3 gaps" in note for note in series.notes)


def test_missing_markers_in_a_single_column():
    cells = ["n/a", "1", "2", "#N/A", "4"] + [str(i) for i in range(5, 15)]
    series = read_csv(csv_rows("v", cells).encode())
    assert series.name == "v"
    assert np.array_equal(series.values, np.arange(1.0, 15.0))


def test_constant_series_is_accepted_with_a_note():
    series = read_csv(csv_rows("v", ["7"] * 15).encode())
    assert np.array_equal(series.values, np.full(15, 7.0))
    assert any("constant" in note for note in series.notes)


def test_comment_lines_above_the_table():
    text = "# source: my class\n# unit: degrees\n" + csv_rows("v", [str(i) for i in range(12)])
    assert np.array_equal(read_csv(text.encode()).values, np.arange(12.0))


def test_excel_separator_line():
    text = "sep=;\n" + csv_rows("mes;valor", [f"{i + 1};{i},5" for i in range(12)])
    series = read_csv(text.encode())
    assert np.allclose(series.values, np.arange(12) + 0.5) and series.name == "valor"


def test_path_and_file_objects(tmp_path):
    text = csv_rows("v", [str(i) for i in range(12)])
    path = tmp_path / "series.csv"
    path.write_text(text)
    for source in (path, str(path), io.BytesIO(text.encode()), io.StringIO(text)):
        assert np.array_equal(read_csv(source).values, np.arange(12.0))
    with open(path, "rb") as handle:
        assert np.array_equal(read_csv(handle).values, np.arange(12.0))


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "data.err.empty"),
        (b"\n\n  \n", "data.err.empty"),
        (b"time,value\n", "data.err.header_only"),
        (b"name,city\nana,madrid\nluis,lima\npepe,quito\n", "data.err.no_numeric"),
        (bytes(range(256)) * 40, "data.err.binary"),
        (b"PK\x03\x04" + bytes(200), "data.err.xlsx_unreadable"),  # a zip, but no workbook
        (b"v\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "data.err.too_short"),
        (b"v\n" + b"x\n" * 30, "data.err.no_numeric"),
    ],
)
def test_rejections_say_what_is_wrong(content, key):
    with pytest.raises(DataError) as info:
        read_csv(content)
    assert info.value.message.key == key
    assert str(info.value) == t(key, "en", **info.value.message.values)
    assert info.value.message.text("es") != str(info.value)  # translated, not just the English text


@pytest.mark.parametrize(("content", "columns"), [
    (b"name,city\nana,madrid\nluis,lima\npepe,quito\n", "name, city"),
    (b"fecha;producto\nlunes;pan\nmartes;leche\n", "fecha, producto"),
    (b"v\n" + b"x\n" * 30, "v"),
])
def test_a_file_of_words_only_is_refused_naming_its_columns_by_its_first_row(content, columns):
    # Nothing below the first row is a number or a date: the first row is the header (it was
    # read as data, and the refusal named "col 1, col 2").
    with pytest.raises(DataError) as info:
        read_csv(content)
    assert info.value.message.key == "data.err.no_numeric"
    assert info.value.message.values["columns"] == columns


def test_too_many_rows_says_the_limit(monkeypatch):
    monkeypatch.setattr(data.limits, "MAX_ROWS", 30)
    monkeypatch.setattr(data.limits, "CHUNK_ROWS", 7)  # the limit holds across chunks
    with pytest.raises(DataError) as info:
        read_csv(csv_rows("v", [str(i) for i in range(31)]).encode())
    assert info.value.message.key == "data.err.too_many_rows" and "30" in str(info.value)
    assert len(read_csv(csv_rows("v", [str(i) for i in range(30)]).encode())) == 30


def test_many_chunks_join_in_order(monkeypatch):
    monkeypatch.setattr(data.limits, "CHUNK_ROWS", 9)
    rows = [f"2024-02-{1 + i // 24:02d} {i % 24:02d}:00,{i}" for i in range(100)]
    series = read_csv(csv_rows("time,value", rows).encode())
    assert np.array_equal(series.values, np.arange(100.0))
    assert series.index[-1] == np.datetime64("2024-02-05T03:00")


def test_bad_column_choice():
    content = csv_rows("date,v", [f"2024-01-{d:02d},{d}" for d in range(1, 21)]).encode()
    with pytest.raises(DataError) as info:
        read_csv(content, column="nope")
    assert info.value.message.key == "data.err.no_column" and "date, v" in str(info.value)
    with pytest.raises(DataError) as info:
        read_csv(content, column="date")
    assert info.value.message.key == "data.err.column_not_numeric"


def test_missing_path_and_wrong_source_type():
    with pytest.raises(DataError) as info:
        read_csv("/no/such/file.csv")
    assert info.value.message.key == "data.err.not_found"
    with pytest.raises(DataError):
        read_csv(12345)


def test_notes_in_both_languages():
    rows = [f"{i},{'' if i == 4 else i}" for i in range(20)]
    series = read_csv(csv_rows("t,v", rows).encode())
    english, spanish = series.notes_in("en"), series.notes_in("es")
    assert english == series.notes and len(spanish) == len(english) and spanish != english
    plain = Series(np.arange(3.0), notes=["hand-made"])
    assert plain.notes_in("es") == ["hand-made"]


def test_data_error_keeps_plain_messages():
    err = DataError("a message written by hand")
    assert str(err) == "a message written by hand" and isinstance(err, ValueError)


def test_summary_range_and_window_counts_match_windows_module():
    from rnnlab.data.windows import prepare

    values = noisy_sine(137)
    assert data.summary(values) == {"length": 137, "min": values.min(), "max": values.max(),
                                    "mean": values.mean()}
    assert data.default_range(1500) == (0, 1500, 1)
    assert data.default_range(2_000_000) == (0, 2_000_000, 1000)
    assert len(range(*data.default_range(4001))) <= data.TRAIN_LIMIT
    for lookback, val, test in [(10, 0.2, 0.2), (1, 0.0, 0.1), (30, 0.3, 0.1), (50, 0.2, 0.2)]:
        prepared = prepare(values, lookback, val, test)
        counts = data.window_counts(137, lookback, prepared.train_end, prepared.val_end)
        assert counts == prepared.counts()
        for split in ("train", "val", "test"):
            assert all(data.window_split(t, prepared.train_end, prepared.val_end) == split
                       for t in prepared.target_index[split])


def test_scaling_leak_figures_by_hand():
    values = np.array([0.0, 1, 2, 3, 4, 5, 6, 7, 8, 20.0])  # the future holds a spike
    leak = data.scaling_leak(values, train_end=6)
    assert leak["whole"] == (0.0, 20.0) and leak["train"] == (0.0, 5.0)
    assert leak["outside"] == 4  # 6, 7, 8 and 20 exceed the training maximum 5
    assert leak["later_scaled_honest"] == pytest.approx((6 / 5, 20 / 5))
    assert leak["later_scaled_leaky"] == pytest.approx((6 / 20, 1.0))
    standard = data.scaling_leak(values, train_end=6, kind="standard")
    assert standard["train"] == (2.5, pytest.approx(np.std(values[:6])))
    constant = data.scaling_leak(np.ones(20), train_end=12)  # nothing divides by zero
    assert constant["outside"] == 0 and np.isfinite(constant["later_scaled_honest"]).all()


def test_importing_the_data_layer_loads_neither_streamlit_nor_tensorflow():
    code = ("import sys, rnnlab.data, rnnlab.datasets, rnnlab.plots.downsample, rnnlab.plots.data;"
            "rnnlab.data.read_csv(b'v\\n' + b'1\\n' * 20);"
            "print('streamlit' in sys.modules, 'tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
