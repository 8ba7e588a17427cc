"""Every number a user sees is written the way a reader of the page's language writes it.

Each page is rendered with AppTest in Spanish and in English, with runs in the session so that
the tables, verdicts and charts have numbers. Everything a person reads is collected (text,
metrics, tables, widget options, chart texts and tick labels) and searched for numbers written
the other language's way. The Plotly layouts must carry the language's separators.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab.i18n.numbers import fmt, fmt_pct, fmt_range, fmt_tex
from tests.conftest import OPEN_FOLDS
from tests.rnnlab.test_compare import three_runs

PAGES = ["app.py", "views/data.py", "views/hidden_states.py", "views/train.py",
         "views/compare.py", "views/concepts.py", "views/modern.py"]

# A decimal point between digits that is not a Spanish thousands group (4.385 / 1.234.567).
_POINT = re.compile(r"\d+(?:\.\d+)+")
_SPANISH_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
# English grouping that no Spanish number has: two groups (1,234,567) or groups then a point.
_ENGLISH_GROUPS = re.compile(r"\b\d{1,3}(?:,\d{3}){2,}\b|\b\d{1,3}(?:,\d{3})+\.\d")
# A decimal comma between digits that is not an English thousands group (0,5 / 12,34).
_COMMA = re.compile(r"\d+(?:,\d+)+")
_ENGLISH_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SPANISH_PERCENT = re.compile(r"\d\u00a0%")


def english_numbers_in(text: str) -> list[str]:
    """Numbers in ``text`` that only an English writer would write (for a Spanish page)."""
    found = [m for m in _POINT.findall(text) if not _SPANISH_GROUPS.fullmatch(m)]
    found += _ENGLISH_GROUPS.findall(text)
    found += re.findall(r"\d%", text)  # Spanish leaves a space before %: 38 %
    return found


def spanish_numbers_in(text: str) -> list[str]:
    """Numbers in ``text`` that only a Spanish writer would write (for an English page)."""
    found = [m for m in _COMMA.findall(text) if not _ENGLISH_COMMA_GROUPS.fullmatch(m)]
    found += [m for m in _POINT.findall(text) if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", m)]
    found += re.findall(r"\{,\}", text) + _SPANISH_PERCENT.findall(text)
    return found


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1200, max_value=1200, allow_nan=False) | st.sampled_from(
           [0.12345, -0.00001, 0.5, 2.5, 998.99995, 999.0, -998.5, 1e-7]),
       st.integers(min_value=0, max_value=6), st.sampled_from(["es", "en"]))
def test_the_fast_fixed_decimals_write_exactly_what_babel_writes(value, decimals, lang):
    from babel.numbers import format_decimal

    reference = format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""),
                               locale={"es": "es_ES", "en": "en_US"}[lang])
    if reference.startswith("-") and reference.strip("-0,.") == "":
        reference = reference.lstrip("-")  # fmt's rule: -0,0000 has no sign
    assert fmt(value, lang, decimals=decimals) == reference.replace("-", "\u2212")  # true minus


def test_the_detectors_themselves():
    assert english_numbers_in("0.0653 y 4,385,000 y 38%") == ["0.0653", "4,385,000", "8%"]
    assert english_numbers_in("4.385 parámetros, 0,0653, 38\u00a0%, [0,070; 1,000]") == []
    assert spanish_numbers_in("0,5 and 0{,}25 and 38\u00a0%") == ["0,5", "{,}", "8\u00a0%"]
    assert spanish_numbers_in("4,385 parameters, 0.0653, 38%, [0.070, 1.000]") == []


def test_the_formatter_writes_each_language_its_way():
    assert fmt(4385, "es") == "4.385" and fmt(4385, "en") == "4,385"
    assert fmt(-1.196, "es") == "\u22121,196" and fmt(0.04967142, "es") == "0,04967"
    assert fmt(0.0653, "en") == "0.0653" and fmt(1e-12, "en") == "1E\u221212"
    assert fmt(float("nan"), "es") == "—" and fmt(None, "en") == "—"
    assert fmt_pct(0.38, "es") == "38\u00a0%" and fmt_pct(0.38, "en") == "38%"
    assert fmt_pct(-1.59, "es") == "\u2212159\u00a0%" and fmt_pct(0.166, "en", sign=True) == "+17%"
    assert fmt_range(0.07, 1.0, "es", decimals=3) == "[0,070; 1,000]"
    assert fmt_range(0.07, 1.0, "en", decimals=3) == "[0.070, 1.000]"
    assert fmt_tex(0.0653, "es") == "0{,}0653" and fmt_tex(0.0653, "en") == "0.0653"


def test_the_formatters_memory_never_mixes_up_equal_numbers_of_other_kinds():
    """fmt remembers what it wrote; 3 and 3.0 (and numpy's 3.0) are equal keys but not the same
    text, and a value the memory cannot hold (an array) is still written."""
    from rnnlab.i18n.numbers import _fmt

    assert fmt(3, "es") == "3" and fmt(3.0, "es") == "3" and fmt(3.0, "es", decimals=2) == "3,00"
    assert fmt(1234, "es") == "1.234" and fmt(1234.0, "en", decimals=1) == "1,234.0"
    assert fmt(np.float32(0.5), "en", decimals=3) == "0.500" and fmt(np.int64(4385), "es") == "4.385"
    for value in (0.04967142, -1.196, 1e-12, 12_345.678, 7, np.float64(0.25)):
        for lang in ("es", "en"):
            for options in ({}, {"decimals": 2}, {"sig": 2}, {"sign": True}, {"group": False}):
                once, again = fmt(value, lang, **options), fmt(value, lang, **options)
                assert once == again == _fmt(value, lang, options.get("sig", 4), options.get("decimals"),
                                             options.get("group", True), options.get("sign", False))
    assert fmt(np.array(0.5), "es") == "0,5"  # unhashable: written without the memory


def test_negative_numbers_are_written_with_the_minus_sign_the_charts_use():
    """Item 13: "-1,113" (a hyphen) beside a chart's own "−1" (U+2212)."""
    for lang in ("es", "en"):
        for value, kwargs in ((-1.113, {}), (-5, {}), (-2.5e-9, {}), (-0.25, {"decimals": 2}),
                              (-12_345.5, {"decimals": 1})):
            text = fmt(value, lang, **kwargs)
            assert text.startswith("\u2212") and "-" not in text, text
        assert fmt_pct(-0.2, lang).startswith("\u2212") and fmt_tex(-0.5, lang) == "-0" + (
            "{,}" if lang == "es" else ".") + "5"  # LaTeX writes its own minus from "-"


def test_a_nonzero_percentage_is_never_written_zero():
    """Item 13: "its MASE is 0 % higher" when it is 0.3 % higher."""
    from rnnlab.i18n import t
    from rnnlab.i18n.numbers import Percent

    assert t("training.verdict.loses", "es", baseline="x", split="y", pct=Percent(0.003), model=1,
             base=1).count("0,3\u00a0%") == 1
    assert fmt_pct(0.003, "en", nonzero=True) == "0.3%" and fmt_pct(0.0004, "es", nonzero=True) == "0,04\u00a0%"
    assert fmt_pct(0.00001, "en", nonzero=True) == "< 0.01%" and fmt_pct(0.0, "en", nonzero=True) == "0%"
    assert fmt_pct(0.38, "es", nonzero=True) == "38\u00a0%"  # enough digits already: unchanged


def test_a_mean_that_is_zero_up_to_round_off_is_zero():
    """Item 13: "Media 6,9E-18" for a noiseless sine over whole periods."""
    from rnnlab.data import noisy_sine, summary

    values = noisy_sine(100, 2.0, 0.0, 42)
    assert values.mean() != 0 and abs(values.mean()) < 1e-15  # what numpy gives: round-off
    assert summary(values)["mean"] == 0.0
    assert summary(values + 1e-9)["mean"] == pytest.approx(1e-9, rel=1e-3)  # a real small mean stays
    assert summary(noisy_sine(100, 2.0, 0.1, 42))["mean"] == pytest.approx(noisy_sine(100, 2.0, 0.1, 42).mean())


@pytest.fixture
def _render(app_test):
    def _render(path: str, lang: str):
        runs = three_runs() if path == "views/compare.py" else []
        at = app_test(path, lang=lang, runs=runs, timeout=120, **OPEN_FOLDS).run()  # folds drawn too
        assert not at.exception, at.exception
        return at
    return _render


@pytest.mark.parametrize("path", PAGES)
def test_spanish_pages_write_numbers_the_spanish_way(all_text, _render, plotly_specs, path):
    at = _render(path, "es")
    seen = all_text(at)
    if path != "app.py":  # the landing page has no numbers of its own
        assert re.search(r"\d", seen), "the page shows no number at all: nothing was checked"
    seen = re.sub(r"arXiv:\d{4}\.\d{4,5}", "arXiv", seen)  # paper identifiers, not numbers
    assert english_numbers_in(seen) == [], f"{path} in Spanish"
    for spec in plotly_specs(at):
        assert spec["layout"].get("separators") == ",.", f"{path}: a chart without Spanish separators"


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_write_numbers_the_english_way(all_text, _render, plotly_specs, path):
    at = _render(path, "en")
    assert spanish_numbers_in(all_text(at)) == [], f"{path} in English"
    for spec in plotly_specs(at):
        assert spec["layout"].get("separators") == ".,", f"{path}: a chart without English separators"


def test_spanish_counts_and_the_issues_examples(all_text, _render):
    """The audit's examples: "4,385 parámetros", "[0.070, 1.000]", "x = 0.04967" in Spanish."""
    train = all_text(_render("views/train.py", "es"))
    assert "**4.385**" in train and "4,385" not in train  # the quick LSTM's parameters
    data = all_text(_render("views/data.py", "es"))
    assert re.search(r"\[\d,\d{3}; \d,\d{3}\]", data)  # the leak table's ranges
    compare = all_text(_render("views/compare.py", "es"))
    assert "4.385" in compare and "+" in compare and "\u00a0%" in compare
    assert not np.isnan(json.loads(json.dumps(1.0)))  # (keeps json imported for specs)


def test_plurals_in_spanish_and_english():
    from rnnlab.i18n import t, tn

    assert tn("compare.deleted", 1, "es") == "1 ejecución borrada."
    assert tn("compare.deleted", 3, "es") == "3 ejecuciones borradas."
    assert tn("compare.deleted", 1, "en") == "1 run deleted."
    assert tn("train.n_epochs", 1, "es") == "1 época" and tn("train.n_epochs", 1200, "es") == "1.200 épocas"
    assert tn("train.done", 1, "en") == "Trained for 1 epoch."
    assert t("compare.verdict.count_persistence.one", "es", n=3).startswith("1 de las 3 ejecuciones supera")


def test_spanish_wording_from_the_audit(_render, texts):
    """cuaderno, estudiantes, BPTT spelt out, recorte del gradiente, parte de prueba, one gender."""
    from rnnlab.i18n import STRINGS

    spanish = {key: texts["es"] for key, texts in STRINGS.items()}
    for key, text in spanish.items():
        assert not re.search(r"\bnotebook\b", text, re.I), key
        assert "alumno" not in text.lower(), key
        assert "recorte de gradiente" not in text and "tramo de prueba" not in text, key
    assert "Retropropagación a través del tiempo (BPTT)" in spanish["concepts.bptt_title"]
    statuses = [spanish[f"{page}.status.{s}"] for page in ("train", "compare")
                for s in ("completed", "stopped", "diverged")]
    assert statuses == ["completada", "detenida", "divergente"] * 2
    data_line = next(c.value for c in _render("views/compare.py", "es").caption
                     if "Datos:" in c.value)  # after the settings in one line (Compare's first screen)
    assert "minmax" not in data_line and "mín-máx" in data_line and "20\u00a0%" in data_line


def test_decimal_sliders_are_labelled_the_readers_way(_render):
    """st.slider writes its numbers in the browser with a decimal point: the decimal settings
    are select sliders whose labels are made here."""
    spanish = _render("views/data.py", "es")
    assert "0,2" in spanish.select_slider(key="data_val").options
    assert spanish.select_slider(key="data_val").value == pytest.approx(0.2)
    english = _render("views/data.py", "en")
    assert "0.2" in english.select_slider(key="data_val").options
    concepts = _render("views/concepts.py", "es")
    assert "0,9" in concepts.select_slider(key="concepts_radius").options
