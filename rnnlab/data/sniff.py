"""Guessing a CSV's format from a small sample: encoding, separator, decimal mark, header."""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass

from rnnlab.data import limits
from rnnlab.data.series import DataError

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


def _sniff(sample: bytes) -> _Format:
    encoding = _guess_encoding(sample)
    text = _decode_sample(sample, encoding)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(sample) >= limits.SAMPLE_BYTES and len(lines) > 1:
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
    if all(kind == "text" for kind in first) and not any(
            kind in ("number", "date") for row in below for kind in row):
        return True  # words everywhere: nothing to read, but the refusal names the columns by the first row
    return any(kind == "text" for kind in first) and all(len(row) != len(first) for row in below)
