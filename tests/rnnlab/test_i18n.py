"""Every string exists in Spanish and English, and no page shows a raw i18n key.

Every page of app.py's list (ui/elements/nav.py) is checked, and test_app.py makes sure every file in
views/ is on that list; each runs inside st.navigation with the sidebar, as in the app
(tests/nav_entry.py).
"""

import json
import re

import pytest
from google.protobuf.json_format import MessageToDict

from rnnlab.i18n import LANGS, STRINGS, normalize_lang, problems, t
from tests.nav_entry import PAGES, TARGET, entry_file

KEY_LIKE = re.compile(r"\b[a-z]+\.[a-z0-9_.]*[a-z0-9_]\b")
def test_every_key_has_both_languages_and_the_same_placeholders():
    assert problems() == []


def test_problems_catches_a_missing_language_and_mismatched_placeholders(monkeypatch):
    monkeypatch.setitem(STRINGS, "test.only_es", {"es": "hola", "en": ""})
    monkeypatch.setitem(STRINGS, "test.fields", {"es": "{n} puntos", "en": "{count} points"})
    found = problems()
    assert any(f.startswith("test.only_es: missing en") for f in found)
    assert any(f.startswith("test.fields: placeholders differ") for f in found)


def test_keys_are_prefixed_by_their_area():
    for key in STRINGS:
        assert KEY_LIKE.fullmatch(key), f"{key!r} does not look like area.name"


def test_translation_helpers():
    assert normalize_lang("es-ES") == "es" and normalize_lang("en_US") == "en"
    assert normalize_lang("fr") == "en" and normalize_lang(None) in LANGS
    assert t("nav.concepts", "es") == "Conceptos" and t("nav.concepts", "en") == "Concepts"
    assert t("no.such_key", "en") == "no.such_key"  # visible, never a crash


def _json_or_none(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _strings(value):
    """Every string inside a proto turned into a dict (JSON-in-a-string included, e.g. Plotly)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value
        if value[:1] in "{[":
            yield from _strings(_json_or_none(value))


def _shown_text(node):
    """All text of an AppTest node and its children: labels, help, options, markdown, charts."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield from _strings(MessageToDict(proto))
    for child in getattr(node, "children", {}).values():
        yield from _shown_text(child)


def raw_keys(at) -> set[str]:
    found = set()
    for root in (at.main, at.sidebar):
        for text in _shown_text(root):
            found.update(m for m in KEY_LIKE.findall(text) if m in STRINGS)
    return found


def test_raw_key_detector_finds_a_key_in_a_label(app_test, tmp_path):
    script = tmp_path / "probe_page.py"
    script.write_text('import streamlit as st\nst.slider("concepts.units", 1, 3, key="k")\n')
    at = app_test(str(script)).run()
    assert raw_keys(at) == {"concepts.units"}


@pytest.fixture(scope="module")
def entry():
    with entry_file() as name:
        yield name


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_shows_no_raw_key_and_no_exception(app_test, entry, path, lang):
    at = app_test(entry, lang=lang, timeout=120, **{TARGET: path}).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.main.children, f"{path} drew nothing"
    assert raw_keys(at) == set()


def test_one_duration_format_from_a_blink_to_hours():
    """rnnlab.i18n.numbers.fmt_seconds is the app's one duration format (waits and estimates)."""
    from rnnlab.i18n.numbers import fmt_seconds

    assert [fmt_seconds(s, "es") for s in (0.44, 9.0, 45.4, 185, 600, 5100, 7260)] == [
        "0,4 s", "9,0 s", "45 s", "3 min 05 s", "10 min 00 s", "1 h 25 min", "2 h 01 min"]
    assert fmt_seconds(0.44, "en") == "0.4 s" and fmt_seconds(-3, "en") == "0.0 s"


def test_one_size_format_for_the_memory_budget_and_the_saved_state():
    """rnnlab.i18n.numbers.fmt_size: the budget's MB (10^6 bytes) and the saved state's limit
    (RNNLAB_SESSION_MAX_MB, 2^20 bytes) are written alike, the reader's way, kB when small."""
    from rnnlab.i18n.numbers import fmt_size

    assert fmt_size(123_456_789, "es") == "123,5 MB" and fmt_size(123_456_789, "en") == "123.5 MB"
    assert fmt_size(4_500, "es") == "4 kB" and fmt_size(99_999, "en") == "100 kB"  # never "0.1 MB"
    assert fmt_size(32 * 2**20, "es", decimals=0, per_mb=2**20) == "32 MB"
    assert fmt_size(1_500_000_000, "es", decimals=0) == "1.500 MB"


def test_powers_of_ten_the_readers_way():
    from rnnlab.i18n.numbers import fmt_power

    assert fmt_power(1.23456e-5, "en") == "1.23×10^-5" and fmt_power(1.23456e-5, "es") == "1,23×10^-5"
    assert fmt_power(0.25**10, "es", sig=2, tex=True) == "9{,}5 \\cdot 10^{-7}"
    assert fmt_power(9.996e8, "en") == "1×10^9"  # the mantissa rounds up to 10: one more power
    assert fmt_power(-4.5e12, "en", sig=2).endswith("4.5×10^12") and fmt_power(float("nan")) == "—"
