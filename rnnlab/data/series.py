"""What every source returns (Series) and what bad input raises (DataError)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnlab.i18n import t

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
