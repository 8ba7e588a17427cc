"""Numbers as a reader of each language writes them: one formatter for every number a user sees.

Babel applies the locale's rules (CLDR): Spanish writes 4.385 parámetros, 0,0653 and 38 %;
English writes 4,385 parameters, 0.0653 and 38%. Pages, tables, exports meant for people,
LaTeX (``0{,}0653``) and chart labels all go through here; nothing formats numbers by hand.
"""

from __future__ import annotations

import decimal
import functools
import math
import numbers

from babel import Locale
from babel.numbers import format_decimal, format_percent, format_scientific

LOCALES = {"es": "es_ES", "en": "en_US"}
PLOTLY_SEPARATORS = {"es": ",.", "en": ".,"}  # Plotly's layout.separators: decimal, then thousands
MISSING = "—"
MINUS = "\u2212"  # the true minus sign, as Plotly writes its ticks: "−1,113", not "-1,113"


class Percent(float):
    """A fraction to be written as a percentage (0.38 -> 38 %) when it fills a text."""

    decimals = 0


class Percent1(Percent):
    """The same with one decimal (small margins: 4,2 %)."""

    decimals = 1


class Seconds(float):
    """A duration to be written as a person reads it (0,4 s · 9 s · 2 min 05 s)."""


def written(value, lang: str | None):
    """How a value fills a ``{placeholder}``: numbers the reader's way, anything else as is."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return value
    if isinstance(value, Percent):
        return fmt_pct(value, lang, decimals=value.decimals, nonzero=True)
    if isinstance(value, Seconds):
        return fmt_seconds(value, lang)
    return fmt(value, lang)


def _locale(lang: str | None) -> str:
    code = str(lang or "es").replace("_", "-").split("-")[0].lower()
    return LOCALES.get(code, LOCALES["en"])


@functools.cache
def _babel(locale: str) -> Locale:
    """One Locale object per locale: handed a name, Babel builds a new Locale on every call and
    reads its data through a process-wide lock; forty students' pages formatting numbers at
    once queued on that lock (bench/bench_lesson_room.py --profile). A Locale keeps its data."""
    return Locale.parse(locale)


def _special(value: float) -> str | None:
    if math.isnan(value):
        return MISSING
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return None


def fmt(value, lang: str | None = "es", *, sig: int = 4, decimals: int | None = None,
        group: bool = True, sign: bool = False) -> str:
    """``value`` written for ``lang``.

    - integers: all digits, grouped (4.385 / 4,385);
    - ``decimals=k``: exactly k decimals (like ``:.kf``);
    - otherwise ``sig`` significant digits, trailing zeros dropped (like ``:.4g``), never in
      scientific notation between 1e-6 and 1e15.
    ``sign`` writes a + before positive numbers (changes, differences).
    """
    if value is None:
        return MISSING
    try:
        return _written(type(value), value, lang, sig, decimals, group, sign)
    except TypeError:  # unhashable (a 0-d array): written without the memory
        return _fmt(value, lang, sig, decimals, group, sign)


@functools.lru_cache(maxsize=16384)
def _written(_kind: type, value, lang, sig, decimals, group, sign) -> str:
    """fmt's memory. A page writes the same numbers on every rerun (a slider's hundred option
    labels, the stage's values), and forty students' pages write the same ones at once; Babel
    takes ~0.1 ms a number. The type is part of the key: 3 and 3.0 are equal but written apart."""
    return _fmt(value, lang, sig, decimals, group, sign)


def _fmt(value, lang, sig, decimals, group, sign) -> str:
    locale = _locale(lang)
    grouping = "#,##0" if group else "0"
    prefix = "+" if sign and value > 0 else ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and decimals is None:
        return prefix + _minus(format_decimal(int(value), format=grouping, locale=_babel(locale)))
    value = float(value)
    special = _special(value)
    if special is not None:
        return special
    if decimals is not None and abs(value) < 999:  # no group separator to place: fast path
        text = _fixed(value, decimals, locale)
    elif decimals is not None:
        pattern = grouping + ("." + "0" * decimals if decimals > 0 else "")
        text = format_decimal(value, format=pattern, locale=_babel(locale))
    elif value == 0:
        text = "0"
    elif not 1e-6 <= abs(value) < 1e15:
        text = format_scientific(value, format="0." + "#" * max(0, sig - 1) + "E0", locale=_babel(locale))
    else:
        magnitude = math.floor(math.log10(abs(value)))
        places = max(0, sig - 1 - magnitude)
        rounded = round(value, places)
        pattern = grouping + ("." + "#" * places if places else "")
        text = format_decimal(rounded, format=pattern, locale=_babel(locale))
    if text.startswith("-") and text.strip("-0,.") == "":  # -0.0001 at 2 decimals: no sign
        text = text.lstrip("-")
    return prefix + _minus(text)


def _minus(text: str) -> str:
    """Babel writes the locale's minus, a hyphen in CLDR for es and en: write the minus sign
    (U+2212) instead, the one the charts write ("E-7" becomes "E−7" too)."""
    return text.replace("-", MINUS)


@functools.cache
def _symbols(locale: str) -> tuple[str, str]:
    symbols = _babel(locale).number_symbols["latn"]
    return symbols["decimal"], symbols["minusSign"]


def _fixed(value: float, decimals: int, locale: str) -> str:
    """What format_decimal writes for |value| < 999 at ``decimals`` places, without its
    pattern machinery (a table of 200 numbers was a visible part of a shared server's rerun):
    the same Decimal(str(value)), rounded half to even, and the locale's two symbols."""
    point, minus = _symbols(locale)
    rounded = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-decimals),
                                                   rounding=decimal.ROUND_HALF_EVEN)
    return f"{rounded:f}".replace("-", minus).replace(".", point)


def fmt_pct(fraction, lang: str | None = "es", decimals: int = 0, sign: bool = False,
            nonzero: bool = False) -> str:
    """A share given as a fraction: 0.38 -> "38 %" (Spanish) / "38%" (English).

    ``nonzero``: a fraction that is not 0 is never written "0 %" (a MASE 0.3 % higher is not
    "0 % higher"): one or two more decimals if they show it, else "< 0,01 %".
    """
    if fraction is None:
        return MISSING
    fraction = float(fraction)
    special = _special(fraction)
    if special is not None:
        return special
    if nonzero and fraction != 0:
        for more in range(decimals, max(decimals, 2) + 1):
            if round(abs(fraction) * 100, more) != 0:
                decimals = more
                break
        else:
            smallest = fmt_pct(10.0 ** -(max(decimals, 2) + 2), lang, decimals=max(decimals, 2))
            return ("< " if fraction > 0 else "> " + MINUS) + smallest
    locale = _locale(lang)
    pattern = _babel(locale).percent_formats[None].pattern  # "#,##0 %" (es), "#,##0%" (en)
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    text = format_percent(fraction, format=pattern, locale=_babel(locale))
    if text.lstrip("-").startswith("0") and text.strip("-0,.% \u00a0") == "":
        text = text.lstrip("-")  # -0.2 % rounds to 0 %: no sign
    return ("+" if sign and fraction > 0 and text[0] != "0" else "") + _minus(text)


def fmt_tex(value, lang: str | None = "es", **options) -> str:
    """For LaTeX: a decimal comma needs braces (``0{,}0653``) or TeX spaces it as punctuation."""
    text = fmt(value, lang, **options)
    return text.replace(",", "{,}").replace(MINUS, "-")


def fmt_power(value, lang: str | None = "es", sig: int = 3, tex: bool = False) -> str:
    """A number too small or too large for plain decimals, as a mantissa of ``sig`` significant
    digits times a power of ten: 1,23×10^-5 (for speech and alt text), or for LaTeX
    ``9{,}5 \\cdot 10^{-7}`` (``tex=True``)."""
    value = float(value)
    special = _special(value)
    if special is not None:
        return special
    exponent = math.floor(math.log10(abs(value))) if value else 0
    mantissa = value / 10.0**exponent
    if float(fmt(abs(mantissa), "en", sig=sig, group=False)) >= 10:  # 9.99 -> 10: one more power
        mantissa, exponent = mantissa / 10, exponent + 1
    if tex:
        return f"{fmt_tex(mantissa, lang, sig=sig)} \\cdot 10^{{{exponent}}}"
    return f"{fmt(mantissa, lang, sig=sig, group=False)}×10^{exponent}"


def fmt_range(low, high, lang: str | None = "es", **options) -> str:
    """An interval: [0,070; 1,000] in Spanish (the comma is taken), [0.070, 1.000] in English."""
    sep = "; " if _locale(lang).startswith("es") else ", "
    return f"[{fmt(low, lang, **options)}{sep}{fmt(high, lang, **options)}]"


def fmt_seconds(seconds, lang: str | None = "es") -> str:
    """A duration, waited or estimated: 0,4 s, 9 s, 2 min 05 s, 1 h 25 min (the app's one
    duration format)."""
    seconds = max(0.0, float(seconds))
    if seconds < 10:
        return f"{fmt(seconds, lang, decimals=1)} s"
    whole = int(round(seconds))
    if whole < 60:
        return f"{fmt(whole, lang)} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


MB = 10**6  # the app's megabyte (RNNLAB_SESSION_MB); RNNLAB_SESSION_MAX_MB counts MiB: 2**20


def fmt_size(n_bytes, lang: str | None = "es", decimals: int = 1, per_mb: int = MB) -> str:
    """A memory size, the app's one size format: 12,3 MB from a tenth of a megabyte up, else
    450 kB (never "0,0 MB"); ``per_mb`` bytes make a megabyte."""
    n_bytes = max(0.0, float(n_bytes))
    if n_bytes >= per_mb / 10:
        return f"{fmt(n_bytes / per_mb, lang, decimals=decimals)} MB"
    return f"{fmt(n_bytes / (per_mb / 1000), lang, decimals=0)} kB"


def plotly_separators(lang: str | None) -> str:
    """``layout.separators`` for charts in ``lang`` (hover labels and axis ticks)."""
    return PLOTLY_SEPARATORS["es" if _locale(lang).startswith("es") else "en"]
