"""The user's language: the browser's on the first visit, then the sidebar switch."""

from __future__ import annotations

import streamlit as st

from rnnlab.declarations.messages import Message
from rnnlab.i18n import LANGS, normalize_lang, t, tn
from rnnlab.i18n.numbers import fmt, fmt_pct
from ui.text import escaped

LANG_KEY = "_lang"  # canonical value; survives page changes (widget keys do not)


def lang() -> str:
    # One look into the session state (every tr() asks: a hundred times a run, and "in" then
    # [] was two costly lookups through Streamlit's locks and widget maps).
    try:
        value = st.session_state[LANG_KEY]
    except KeyError:
        try:
            locale = st.context.locale
        except Exception:  # no browser context (AppTest, bare mode)
            locale = None
        value = st.session_state[LANG_KEY] = normalize_lang(locale)
    return value if value in LANGS else LANGS[0]


def tr(key: str, **values) -> str:
    """Translate ``key`` into the user's language."""
    return t(key, lang(), **values)


def say(message: Message, markdown: bool = False) -> str:
    """A ``rnnlab.declarations.messages.Message`` in the user's language. ``markdown=True`` escapes its text
    values (file and column names) for st.markdown, st.error and the like."""
    values = escaped(message.values) if markdown else message.values
    return t(message.key, lang(), **values)


def trn(key: str, count, **values) -> str:
    """Translate a text about ``count`` things, singular when there is one (see rnnlab.i18n.tn)."""
    return tn(key, count, lang(), **values)


def num(value, **options) -> str:
    """A number written the user's way (rnnlab.i18n.numbers.fmt)."""
    return fmt(value, lang(), **options)


def pct(fraction, **options) -> str:
    """A fraction as a percentage written the user's way: 0.38 -> 38 % / 38%."""
    return fmt_pct(fraction, lang(), **options)
