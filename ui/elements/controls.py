"""Draw a control spec (rnnlab.declarations.controls) as its widget: the one way pages keep widget values.

``draw(container, key, spec)`` gives the widget its value before it is drawn: the one it had
(Streamlit keeps it across pages: ``persist_state="session"``), or one set by a lesson link, a
live lesson or a button callback, or the spec's default; clamped into today's range (a range
may shrink with the data). A widget whose option labels follow the language (a translated
radio, a select slider of numbers written the user's way) gets its value on every run, so it
still shows its choice after a language switch (Streamlit 1.67 matches options by label).
"""

from __future__ import annotations

import streamlit as st

from rnnlab.declarations.controls import Action, Choice, Control, Float, Int, Toggle
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt
from ui.i18n import lang, tr

KEEP = "session"  # Streamlit's persist_state: the value survives the widget's page being left


def value(key: str, spec: Control, low=None, high=None, default=None):
    """Set the widget key to its value for this run (see the module docstring) and return it."""
    ss = st.session_state
    current = ss.get(key, spec.default if default is None else default)
    wanted = spec.clamp(current, low=low, high=high)
    # Written when it changes something, and on every run when the option labels depend on
    # the language (see the module docstring); otherwise left alone, as the browser sent it.
    if key not in ss or wanted != current or type(wanted) is not type(current) or _words_follow_language(spec):
        ss[key] = wanted
    return wanted


def _words_follow_language(spec: Control) -> bool:
    """Options shown in the user's words: translated labels, or numbers written the user's way
    on a select slider (0,25 / 0.25). Streamlit 1.67 finds the selected option by its label, so
    after a language switch the browser would show none (a radio) or the first (a slider)."""
    if isinstance(spec, Choice):
        return bool(spec.option_label)
    return spec.widget == "select_slider" or (isinstance(spec, Float) and spec.widget == "slider")


def _words(spec: Control, format_func):
    """A format_func fixed to this run's language (Streamlit may call it after the run)."""
    if format_func is not None:
        return format_func
    language = lang()
    if isinstance(spec, Choice):
        if spec.names:
            return lambda option: spec.names.get(option, str(option))
        if spec.option_label:
            return lambda option: t(spec.option_label.format(option), language)
        return str
    return lambda number: fmt(number, language)  # 0,001 in Spanish, 0.001 in English


def draw(container, key: str, spec: Control, *, low=None, high=None, default=None,
         format_func=None, keep: bool = True, **options):
    """Draw ``spec`` as its widget in ``container`` (st, a column, st.sidebar) and return its value.

    ``low``/``high`` narrow a number's range for today's data, ``default`` replaces the spec's
    default (e.g. the Data page's split as Train's first value); ``options`` go to the widget
    (disabled, horizontal, ...). ``keep=False`` for a control that mirrors state kept
    elsewhere (the Data page's series and split): the widget forgets its value when its page is
    left, and ``default`` (that state) fills it in again, so a change made meanwhile (a lesson
    link, a live lesson) shows."""
    label = tr(spec.label)
    if spec.help and "help" not in options:
        options["help"] = tr(spec.help)
    if isinstance(spec, Action):
        return container.button(label, key=key, **options)
    value(key, spec, low, high, default)
    words = _words(spec, format_func)
    common = {"key": key, "persist_state": KEEP if keep else None, **options}
    if isinstance(spec, Toggle):
        return container.toggle(label, **common)
    if isinstance(spec, Choice):
        kind = spec.widget
        if kind == "radio":
            return container.radio(label, spec.options, format_func=words,
                                   **{"horizontal": True, **common})
        if kind == "segmented":
            return container.segmented_control(label, spec.options, format_func=words,
                                               required=True, **common)
        if kind == "select":
            return container.selectbox(label, spec.options, format_func=words,
                                       placeholder=tr("chrome.choose"), **common)
        return container.select_slider(label, spec.options, format_func=words, **common)
    lo, hi = spec.bounds(low, high)
    if (isinstance(spec, Float) and spec.widget == "slider") or spec.widget == "select_slider":
        # st.slider writes decimals with a point in every language: a select slider over the
        # same stops shows them the user's way.
        stops = spec.options(st.session_state[key], low, high)
        return container.select_slider(label, stops, format_func=words, **common)
    if spec.widget == "number":
        return container.number_input(label, lo, hi, step=spec.step or 1, **common)
    assert isinstance(spec, Int), spec
    return container.slider(label, lo, hi, step=spec.step or 1, **common)
