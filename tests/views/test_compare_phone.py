"""Compare's run numbers readable on a phone without sideways scrolling (issue 26, item 11)."""

from __future__ import annotations

import pytest

from rnnlab.i18n.numbers import fmt
from rnnlab.pages import compare
from tests.rnnlab.test_compare import three_runs


@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_run_has_its_key_numbers_in_a_short_list(app_test, lang):
    runs = three_runs()
    at = app_test("views/compare.py", lang=lang, runs=runs).run()
    assert not at.exception, at.exception
    text = "\n".join(md.value for md in at.markdown if md.value.startswith("- **"))
    table = compare.run_table(runs, {r.run_id for r in runs}, lang=lang)
    for _, row in table.iterrows():
        line = next(line for line in text.splitlines() if f"**{row['name']}**" in line)
        assert f"MASE {fmt(row['test_mase'], lang, decimals=3)}" in line.replace(
            "MASE de prueba", "MASE"
        ).replace("Test MASE", "MASE")
        assert "MASE" in line
