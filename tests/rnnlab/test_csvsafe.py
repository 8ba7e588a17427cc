"""Every CSV the app offers opens in a spreadsheet as data, never as a formula (issue 12)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from rnnlab import training
from rnnlab.data.csvsafe import safe_cell, safe_frame
from rnnlab.pages import compare
from tests.rnnlab.test_compare import make_run

EVIL = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_each_dangerous_start_gets_an_apostrophe_and_the_rest_is_kept():
    for text in EVIL:
        assert safe_cell(text) == "'" + text
    for text in ("LSTM 1x32", "", "a=b", "'quoted"):
        assert safe_cell(text) == text
    assert safe_cell(-3.5) == -3.5


def test_numeric_columns_keep_negative_numbers():
    frame = pd.DataFrame({"name": ["-x", "ok"], "value": [-1.5, 2.0], "n": [-3, 4]})
    out = safe_frame(frame)
    assert list(out["name"]) == ["'-x", "ok"]
    assert list(out["value"]) == [-1.5, 2.0] and list(out["n"]) == [-3, 4]
    assert list(frame["name"]) == ["-x", "ok"]  # the original is untouched


def test_the_compare_table_csv_neutralises_a_renamed_run():
    runs = [make_run(run_id="a1", name=EVIL[0]), make_run(cell="GRU", run_id="b2", name="-5 GRU")]
    data = compare.table_csv(compare.run_table(runs), "en").decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(data))
    names = list(table.iloc[:, 1])
    assert names == ["'" + EVIL[0], "'-5 GRU"]
    numbers = table.select_dtypes("number")
    assert not numbers.empty  # numeric columns are still numbers after the round trip


def test_run_csvs_keep_their_numbers():
    run = make_run(run_id="c3")
    run.history = {"loss": [1.0, -0.5], "val_loss": [1, 2], "mae": [1, 2], "val_mae": [1, 2],
                   "seconds": [0.1, 0.1]}
    history = pd.read_csv(io.StringIO(training.history_csv(run)))
    assert list(history["loss"]) == [1.0, -0.5]
    predictions = pd.read_csv(io.StringIO(training.predictions_csv(run)))
    assert np.issubdtype(predictions["actual"].dtype, np.number)
    assert set(predictions["split"]) == {"train", "val", "test"}
