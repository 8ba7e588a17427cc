"""AppTest of the Data page on the harder uploads (issue 12): workbooks, year x month tables,
stale pickers and notes, names shown as text."""

from __future__ import annotations

import io

import numpy as np
import pytest

from rnnlab.data import Series, noisy_sine
from ui.session import data_view_state
from ui.session.state import session_of

TWO_COLUMNS = b"fecha,a,b\n" + b"\n".join(
    f"2024-01-{d:02d},{(d * 3) % 11},{(d * 7) % 5}".encode() for d in range(1, 29))
MONTHS = ("YEAR," + ",".join(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                              "OCT", "NOV", "DEC"]) + "\n" + "\n".join(
    f"{1950 + y}," + ",".join(str((y * 12 + m) * 7 % 31) for m in range(12)) for y in range(15))).encode()
CALENDAR = np.arange(180).reshape(15, 12) * 7 % 31  # year x month, as in the file


@pytest.fixture
def run(app_test):
    def run(lang="en", **state):
        at = app_test("views/data.py", lang=lang, **state).run()
        assert not at.exception, at.exception
        return at
    return run


def upload(at, name, content, mime="text/csv"):
    at.radio(key="data_kind").set_value("upload").run()
    at.file_uploader(key="csv_upload").upload(name, content, mime).run()
    assert not at.exception, at.exception
    return at


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "uno"
    first.append(["valor"])
    for i in range(20):
        first.append([i * 2.0])
    second = book.create_sheet("dos")
    second.append(["x"])
    for i in range(15):
        second.append([100 + i])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_upload_with_a_sheet_picker(run):
    at = upload(run(), "libro.xlsx", _workbook(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert not at.error
    assert np.array_equal(session_of(at.session_state).series.values, np.arange(20) * 2.0)
    assert at.selectbox(key="data_sheet").options == ["uno", "dos"]
    at.selectbox(key="data_sheet").set_value("dos").run()
    assert not at.exception
    assert np.array_equal(session_of(at.session_state).series.values, 100 + np.arange(15.0))
    assert session_of(at.session_state).series.name == "libro.xlsx · dos"


def test_year_by_month_table_is_offered_next_to_one_column(run):
    at = upload(run(), "elnino_wide.csv", MONTHS)
    assert np.array_equal(session_of(at.session_state).series.values, CALENDAR.ravel())
    layout = at.radio(key="data_layout")
    assert layout.options == ["One column", "Years × months → monthly series"]
    assert layout.value == "months"
    layout.set_value("column").run()
    assert not at.exception
    series = session_of(at.session_state).series
    assert series.column == "JAN" and np.array_equal(series.values, CALENDAR[:, 0])
    at.selectbox(key="data_column").set_value("MAR").run()
    assert np.array_equal(session_of(at.session_state).series.values, CALENDAR[:, 2])


def test_a_broken_upload_removes_the_old_column_picker(run):
    at = upload(run(), "good.csv", TWO_COLUMNS)
    assert at.selectbox(key="data_column").options == ["a", "b"]
    at.file_uploader(key="csv_upload").upload("bad.csv", b"name,city\nana,madrid\n", "text/csv").run()
    assert not at.exception and len(at.error) == 1
    assert not [s for s in at.selectbox if s.key == "data_column"]
    assert np.array_equal(session_of(at.session_state).series.values[:3], [3, 6, 9])  # nothing lost


def test_switching_to_upload_without_a_file_drops_the_previous_notes(run):
    at = run()
    at.radio(key="data_kind").set_value("builtin").run()
    at.selectbox(key="data_builtin").set_value("co2").run()
    assert any("Filled" in i.value for i in at.info)  # CO2 has real gaps: a note about them
    at.radio(key="data_kind").set_value("upload").run()
    assert not at.exception
    assert not any("Filled" in i.value for i in at.info)


def test_file_and_column_names_are_text_not_markdown(run, texts):
    evil = "![x](http://example.invalid/p.png)"
    content = f"fecha,{evil},b\n".encode() + TWO_COLUMNS.split(b"\n", 1)[1]
    at = upload(run(), f"{evil}.csv", content)
    shown = texts(at)
    assert "![x](http" not in shown  # the image syntax escaped
    assert "\\!\\[x\\](http" in shown


def test_sidebar_shows_an_uploaded_name_as_text(app_test):
    evil = "**bold** ![x](http://example.invalid/p.png)"
    at = app_test("app.py", series=Series(noisy_sine(), name=evil),
              series_source={"kind": "upload", "name": evil, "file_id": "x"},
              series_range=(0, 100, 1)).run()
    assert not at.exception
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown)
    assert "![x](" not in sidebar and "**bold**" not in sidebar
    assert "\\*\\*bold\\*\\*" in sidebar


def test_data_page_says_when_the_part_used_is_more_than_a_training_takes(run):
    values = noisy_sine(30_000, 40.0)
    at = run(series=Series(values, name="long"), series_source={"kind": "upload", "name": "x"},
             series_range=(0, 30_000, 2))
    assert not any("at most 20,000" in w.value for w in at.warning)  # step 2: 15,000 values
    at.number_input(key="data_step").set_value(1).run()
    assert not at.exception
    assert any("at most 20,000" in w.value and "step to 2" in w.value for w in at.warning)


def test_old_excel_files_get_the_apps_own_message_in_spanish(run):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # an .xls (OLE2) file
    at = run(lang="es")
    at = upload(at, "viejo.xls", ole, "application/vnd.ms-excel")
    assert len(at.error) == 1 and "CSV" in at.error[0].value and "Guárdalo" in at.error[0].value


def test_a_refused_upload_is_remembered_without_its_traceback(run, monkeypatch):
    """Item 18: the kept error held the parser's frames (the file's bytes, its arrays)."""
    from rnnlab import data as rdata

    monkeypatch.setattr(rdata.limits, "MAX_ROWS", 1_000)
    at = upload(run(), "big.csv", b"v\n" + b"1\n" * 5_000)
    assert any("1,000" in el.value for el in at.error)
    file_id, err = data_view_state.upload_error(at.session_state)
    assert err.message.key == "data.err.too_many_rows"
    assert err.__traceback__ is None and err.__cause__ is None and err.__context__ is None
    at.run()  # the same file again: the message stays, from what was kept
    assert any("1,000" in el.value for el in at.error)
