"""Issue 22: the Data page writes a year as a time label (1871), not a quantity (1,871 / 1.871)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_window_sentence_writes_the_niles_years_without_separators(app_test, texts, lang):
    at = app_test("views/data.py", lang=lang).run()
    at.radio(key="data_kind").set_value("builtin").run()
    at.selectbox(key="data_builtin").set_value("nile").run()
    assert not at.exception
    shown = texts(at)
    assert "1871" in shown and "1880" in shown  # the first window: lookback 10 from 1871
    assert "1,871" not in shown and "1.871" not in shown and "1,880" not in shown
