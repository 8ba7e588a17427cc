"""Accessibility in a real browser: axe-core, phone width and the keyboard path of every page.

One server for the whole session (conftest). Each page is opened once per language in a
1280x720 window (a projector with the sidebar open), checked, narrowed to a 390x844 phone,
checked, driven through its main interaction with the keyboard, and checked again at both sizes.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.conftest import wait_ready, wait_settled

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
SHOTS = "/tmp/rnnlab-a11y"  # screenshots to look at, never in the repository
AXE = Axe()

# Does anything make the page wider than the window? Streamlit scrolls inside stMain, so its
# scroll width counts too, not only the document's.
WIDTH_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  return {doc: document.scrollingElement.scrollWidth, main: main ? main.scrollWidth : 0,
          inner: window.innerWidth};
}"""


def _serious(page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def _settle(page) -> None:
    # Right after goto the app is connected and "not running" before its first run has even
    # started (a slow machine makes that window long): wait for the page's title too.
    page.wait_for_selector("[data-testid=stMain] h1", timeout=60_000)
    wait_settled(page)  # Plotly redraws to the new width; our script marks scroll boxes


def _check(page, where: str, phone: bool) -> None:
    _settle(page)
    assert _serious(page) == [], where
    if phone:
        width = page.evaluate(WIDTH_JS)
        assert width["doc"] <= width["inner"] and width["main"] <= width["inner"], (where, width)


def _fresh(page, key: str, inner: str):
    """The element inside widget ``key`` (while a rerun redraws, Streamlit keeps a stale copy)."""
    return page.locator(f".st-key-{key}:not([data-stale='true']) {inner}").filter(visible=True).first


def _slider(page, key: str, *keys: str) -> None:
    handle = _fresh(page, key, "input[type=range]")
    handle.focus()
    for key_name in keys:
        handle.press(key_name)
    wait_ready(page)


# ----- the main interaction of each page, by keyboard ----------------------------------------

def _home(page, lang):
    _fresh(page, "home_start", "a").focus()
    page.keyboard.press("Enter")
    title = {"en": "Data: the time series", "es": "Datos: la serie temporal"}[lang]
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)


def _data(page, lang):
    _slider(page, "data_window", "ArrowRight", "ArrowRight", "ArrowRight")
    expect(page.get_by_text(re.compile({"en": r"Window 4 of", "es": r"Ventana 4 de"}[lang]))).to_be_visible()


def _hidden(page, lang):
    _fresh(page, "hidden_epochs", "input").fill("5")
    _fresh(page, "hidden_epochs", "input").press("Enter")
    expect(_fresh(page, "hidden_epochs", "input")).to_have_value("5")
    _settle(page)
    page.keyboard.press("Tab")  # from the epochs field to the Train button beside it
    page.keyboard.press("Enter")
    done = {"en": "Trained in", "es": "Entrenada en"}[lang]
    expect(page.get_by_text(done)).to_be_visible(timeout=90_000)


def _unfold(page, text: str) -> None:
    """Open folded settings by keyboard (Train's and Compare's settings fold under the button)."""
    summary = page.locator("[data-testid=stExpander] summary").filter(has_text=text).first
    summary.focus()
    page.keyboard.press("Enter")
    wait_ready(page)


def _train(page, lang):
    _unfold(page, {"en": "All settings", "es": "Todos los ajustes"}[lang])
    _slider(page, "train_epochs", "Home")  # one epoch: the results are what is checked
    _fresh(page, "train_start", "button").focus()
    page.keyboard.press("Enter")
    results = {"en": "Results", "es": "Resultados"}[lang]
    expect(page.locator(".st-key-train_pred_chart .js-plotly-plot")).to_be_attached(timeout=120_000)
    expect(page.get_by_role("heading", name=results)).to_be_visible()


def _compare(page, lang):
    _unfold(page, {"en": "Settings: units", "es": "Ajustes: unidades"}[lang])
    _slider(page, "compare_units", "Home")
    _slider(page, "compare_epochs", "Home")
    _fresh(page, "compare_train", "button").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-compare_params .js-plotly-plot")).to_be_attached(timeout=180_000)
    # all three runs done: the settings unlock (checked while locked, their labels are greyed)
    expect(_fresh(page, "compare_train", "button")).to_be_enabled(timeout=180_000)


def _concepts(page, lang):
    _slider(page, "concepts_steps", "ArrowRight", "ArrowRight")
    expect(page.locator(".st-key-concepts_steps input[type=range]")).to_have_value("6")


def _modern(page, lang):
    _fresh(page, "modern_fail_train", "button").focus()
    page.keyboard.press("Enter")  # the parity task, trained live in numpy
    done = {"en": "accuracy at 12 bits", "es": "de acierto con 12 bits"}[lang]
    expect(page.get_by_text(done).first).to_be_visible(timeout=90_000)


PAGES = [
    pytest.param("", _home, id="home"),
    pytest.param("data", _data, id="data"),
    pytest.param("hidden_states", _hidden, id="hidden"),
    pytest.param("train", _train, id="train", marks=pytest.mark.keras),
    pytest.param("compare", _compare, id="compare", marks=pytest.mark.keras),
    pytest.param("concepts", _concepts, id="concepts"),
    pytest.param("modern", _modern, id="modern"),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path, interact", PAGES)
def test_axe_clean_and_phone_wide_before_and_after_the_main_interaction(browser, app_url, path,
                                                                         interact, lang):
    Path(SHOTS).mkdir(exist_ok=True)
    context = browser.new_context(viewport=PROJECTOR, locale={"en": "en-US", "es": "es-ES"}[lang])
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        _settle(page)
        name = path or "home"
        _check(page, f"{name} {lang} projector, first load", phone=False)
        page.set_viewport_size(PHONE)
        _check(page, f"{name} {lang} phone, first load", phone=True)
        interact(page, lang)
        _check(page, f"{name} {lang} phone, after the interaction", phone=True)
        page.screenshot(path=f"{SHOTS}/{name}_{lang}_phone.png")
        page.set_viewport_size(PROJECTOR)
        _check(page, f"{name} {lang} projector, after the interaction", phone=False)
        page.screenshot(path=f"{SHOTS}/{name}_{lang}_projector.png")
    finally:
        context.close()


# ----- keyboard: every control reached with Tab, each with a visible focus ------------------

# Marks the focused element and says whether a sighted keyboard user can see where focus is.
# A control is remembered by what it is (its widget key, tag and label), not by a mark on its DOM
# node: a rerun may redraw the node, and the redrawn control has still been reached.
DESCRIBE_JS = """(e) => {
  const keyed = e.closest('[class*="st-key-"]');
  const key = keyed ? [...keyed.classList].find((c) => c.startsWith('st-key-')) : '';
  return `${key} ${e.tagName} ${e.getAttribute('aria-label') || (e.innerText || e.value || '').slice(0, 30)}`;
}"""

FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const describe = """ + DESCRIBE_JS + """;
  (window.__kbReached = window.__kbReached || new Set()).add(describe(e));
  e.setAttribute('data-kb-reached', '');
  const cs = getComputedStyle(e);
  let opacity = 1;
  for (let p = e; p && p.nodeType === 1; p = p.parentElement) opacity *= parseFloat(getComputedStyle(p).opacity);
  const r = e.getBoundingClientRect();
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  return {what: `${e.tagName} ${e.getAttribute('aria-label') || (e.innerText || '').slice(0, 30)}`,
          visible: ring && opacity > 0.5 && r.width > 0 && r.height > 0};
}"""

# Controls in the main area that a keyboard user must be able to reach (one stop per radio group).
UNREACHED_JS = """() => {
  const describe = """ + DESCRIBE_JS + """;
  const reached = (e) => e.hasAttribute('data-kb-reached') || (window.__kbReached || new Set()).has(describe(e));
  const main = document.querySelector('[data-testid=stMain]');
  const controls = main.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  return [...controls].filter((e) => {
    if (e.disabled || e.closest('[inert], [aria-hidden=true]')) return false;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') return false;
    // Out of the Tab order on purpose, with a keyboard way in: number-input steppers (arrow
    // keys in the field), chips of a multiselect (Backspace), unselected options of a radio or
    // segmented group (arrow keys), Plotly's hover toolbar (hidden on our charts).
    if (e.tabIndex < 0) return false;
    if (e.type === 'radio' && !e.checked) return false;
    if (e.getAttribute('role') === 'radio') {  // one stop per group, whichever option has it
      const group = e.closest('[role=radiogroup], [data-testid=stButtonGroup]');
      return !(group && [...group.querySelectorAll('[role=radio]')].some(reached));
    }
    if (e.closest('.modebar-container, .modebar')) return false;
    if (e.type === 'file') return false;  // reached through its Browse button
    if (e.closest('[data-testid=stDataFrame], [data-testid=stDataFrameResizable]') && e.tagName !== 'CANVAS') return false;
    return !reached(e);
  }).map((e) => `${e.tagName} ${e.getAttribute('aria-label') || (e.innerText || e.value || '').slice(0, 30)}`);
}"""


@pytest.mark.parametrize("path", ["", "data", "hidden_states", "train", "compare", "concepts", "modern"])
def test_keyboard_reaches_every_control_with_a_visible_focus(browser, app_url, path):
    context = browser.new_context(viewport=PROJECTOR, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        _settle(page)
        hidden_focus, seen, laps = [], 0, 0
        for _ in range(500):
            # A Tab pressed while a rerun redraws (the Train page polls its job every second)
            # can land on an element about to be replaced: press it on a settled page.
            wait_ready(page)
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_JS)
            if state is None:
                continue
            seen += 1
            if not state["visible"]:  # Streamlit fades the page while a rerun runs: look again after it
                wait_ready(page)
                with contextlib.suppress(PlaywrightTimeoutError):  # still hidden: reported below
                    page.wait_for_function(f"() => ({FOCUS_JS})()?.visible === true", timeout=5_000)
                state = page.evaluate(FOCUS_JS)
            if state and not state["visible"]:
                hidden_focus.append(state["what"])
            if seen > 3 and page.evaluate("() => document.activeElement.matches('[data-testid=stSkipToContent], a[href*=skip]')"):
                # Back at the start. A rerun during the walk can drop the focus to the page's
                # start, cutting a lap short: walk again (reached controls are remembered).
                laps += 1
                if laps >= 3 or not page.evaluate(UNREACHED_JS):
                    break
        assert hidden_focus == [], "focus not visible on these stops"
        assert page.evaluate(UNREACHED_JS) == [], "not reachable with Tab"
    finally:
        context.close()


def test_reduced_motion_switches_transitions_off(browser, app_url):
    context = browser.new_context(viewport=PROJECTOR, locale="en-US", reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(app_url)
        _settle(page)
        durations = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] button, a')]
            .slice(0, 20).map((e) => parseFloat(getComputedStyle(e).transitionDuration) || 0)""")
        assert durations and max(durations) <= 0.001
        assert page.evaluate("document.documentElement.lang") == "en"  # set by ui/elements/a11y.py
    finally:
        context.close()
