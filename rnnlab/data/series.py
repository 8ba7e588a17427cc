"""What every source returns (Series) and what bad input raises (DataError)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnlab.declarations.messages import Message, MessageError, as_message

LAYOUTS = ("column", "months")  # one column of values, or a year x 12-month table read row by row


class DataError(MessageError):
    """Bad input data. Its ``message`` says what is wrong and what to do about it.

    ``DataError(key, **values)`` names the message (rnnlab/i18n/data.py); ``str(err)`` is the
    English text. A plain text (not a known key) is kept as it is.
    """

    def __init__(self, key: str = "data.err.unreadable", **values):
        super().__init__(Message(key, values))


@dataclass
class Series:
    """A clean univariate time series, ready for windowing."""

    values: np.ndarray  # float64, 1-D, finite
    name: str = "series"
    index: np.ndarray | None = None  # time labels (dates or numbers), or None
    notes: list[str] = field(default_factory=list)  # what was cleaned or guessed, in plain words
    # The same notes as messages, so that the page can show them in Spanish.
    note_keys: list[Message] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # numeric columns of the file, to switch
    column: str | None = None  # the column the values came from
    layouts: list[str] = field(default_factory=list)  # ["column", "months"] for a year x month table
    layout: str = "column"
    sheets: list[str] = field(default_factory=list)  # the sheets of an .xlsx workbook
    sheet: str | None = None  # the sheet the values came from

    def __post_init__(self):
        # Sessions saved before notes were Messages hold (key, values) pairs.
        self.note_keys = [as_message(note) for note in self.note_keys]

    def __len__(self) -> int:
        return len(self.values)

    def notes_in(self, lang: str) -> list[str]:
        """The notes in ``lang`` (plain ``notes`` when they were not made from keys)."""
        if not self.note_keys:
            return list(self.notes)
        return [note.text(lang) for note in self.note_keys]
