"""Spanish and English strings for every user-facing text.

Each module in this package (``common``, ``data``, ``train``...) defines ``STRINGS``, a dict
``key -> {"es": ..., "en": ...}``. Keys are prefixed with the module's area (``data.title``)
so that modules never clash; they are merged here once, at import.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("es", "en")
DEFAULT_LANG = "es"
LANG_NAMES = {"es": "Español", "en": "English"}


def _load() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise RuntimeError(f"i18n key {key!r} is defined twice (second in {info.name})")
            merged[key] = texts
    return merged


STRINGS = _load()


def normalize_lang(lang: str | None) -> str:
    """Map a browser locale such as 'es-ES' or 'en_US' to one of LANGS."""
    if not lang:
        return DEFAULT_LANG
    code = str(lang).replace("_", "-").split("-")[0].lower()
    return code if code in LANGS else "en"


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    An unknown key returns the key itself (visible, never a crash); the completeness test
    catches it before it ships.
    """
    texts = STRINGS.get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts.get(DEFAULT_LANG) or key
    if not values:
        return text
    return text.format(**{name: _written(value, lang) for name, value in values.items()})


def tn(key: str, count, lang: str = DEFAULT_LANG, **values) -> str:
    """Like ``t`` for a text about ``count`` things: ``key + ".one"`` when there is exactly one
    (1 época, 1 ejecución borrada), ``key`` otherwise. ``count`` fills ``{n}``."""
    one = f"{key}.one"
    chosen = one if count == 1 and one in STRINGS else key
    return t(chosen, lang, n=count, **values)


def _written(value, lang: str):
    """Numbers in a text are written the reader's way (4.385 / 4,385; 0,5 / 0.5); the rest as is."""
    from rnnlab.i18n.numbers import written

    return written(value, lang)


def problems() -> list[str]:
    """Keys whose text is missing or empty in a language, or whose placeholders differ."""
    import string

    found = []
    for key, texts in STRINGS.items():
        fields = {}
        for lang in LANGS:
            text = texts.get(lang)
            if not isinstance(text, str) or not text.strip():
                found.append(f"{key}: missing {lang}")
                continue
            fields[lang] = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        if len(set(map(frozenset, fields.values()))) > 1:
            found.append(f"{key}: placeholders differ {fields}")
    return found
