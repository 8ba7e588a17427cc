"""read_csv never lets anything but DataError escape, whatever the bytes (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnnlab.data import MIN_VALUES, DataError, Series, read_csv

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_contract(source) -> Series | None:
    """Either a clean Series or a DataError with a key; any other exception fails the test."""
    try:
        series = read_csv(source)
    except DataError as err:
        assert err.message.key and str(err)
        return None
    assert isinstance(series, Series)
    assert series.values.dtype == np.float64 and series.values.ndim == 1
    assert len(series.values) >= MIN_VALUES and np.all(np.isfinite(series.values))
    assert series.index is None or len(series.index) == len(series.values)
    assert all(isinstance(note, str) and note for note in series.notes)
    return series


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes(raw):
    check_contract(raw)


CSV_ALPHABET = "0123456789.,;\t\n\r -+eE\"'#/:naNIfxyzáñ€\x00"


@FUZZ
@given(st.text(alphabet=CSV_ALPHABET, max_size=600),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
def test_csv_like_text_in_any_encoding(text, encoding):
    check_contract(text.encode(encoding, errors="replace"))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=MIN_VALUES, max_size=80),
    st.sampled_from([(",", "."), (";", ","), ("\t", "."), ("\t", ","), (";", ".")]),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_clean_numbers_read_back_exactly(numbers, style, header, encoding):
    """A well-formed file, in any of the styles people export, reads back to its numbers."""
    sep, decimal = style
    cells = [f"{x:.3f}".replace(".", decimal) for x in numbers]
    rows = [f"{i + 1}{sep}{cell}" for i, cell in enumerate(cells)]
    text = ("día" + sep + "valor\n" if header else "") + "\n".join(rows) + "\n"
    series = check_contract(text.encode(encoding))
    assert series is not None
    assert np.allclose(series.values, np.round(numbers, 3), rtol=0, atol=1e-9)
    assert np.array_equal(series.index, np.arange(1, len(numbers) + 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32),
                          st.sampled_from(["", "n/a", "x", "-"])), min_size=1, max_size=60))
def test_gaps_infinities_and_junk(cells):
    text = "v\n" + "\n".join(str(cell) for cell in cells) + "\n"
    series = check_contract(text.encode())
    if series is not None:
        finite = [float(c) for c in cells if isinstance(c, float) and np.isfinite(c)]
        assert min(finite) - 1e-6 <= series.values.min() and series.values.max() <= max(finite) + 1e-6
