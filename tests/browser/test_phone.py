"""Spanish pages without Streamlit's English, and charts and tables a 390-px phone can read
(issue 26, items 11 and 12). Screenshots go to /tmp/phone-shots (look at them)."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import open_fold, wait_ready, wait_settled

PHONE = {"width": 390, "height": 844}
SHOTS = "/tmp/phone-shots"
AXE = Axe()
# Streamlit's own English words that used to show on Spanish pages (README lists what remains:
# aria-labels of its help icons, "Press Enter to apply"...).
ENGLISH = [
    "Upload",
    "per file",
    "Choose options",
    "Select all",
    "Choose an option",
    "Download as CSV",
    "Search",
]


@pytest.fixture
def spanish_phone(browser, app_url):
    context = browser.new_context(locale="es-ES", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def _open(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector("[data-testid=stMain] h1", timeout=90_000)
    wait_settled(page)  # Plotly has drawn to the window's width


def _visible_english(page) -> list[str]:
    """The listed English words anywhere the user can see or hear them: text, generated
    content of the widgets' ::before/::after, and names of visible buttons."""
    seen = page.evaluate("""() => {
      const out = [document.body.innerText];
      for (const el of document.querySelectorAll('[data-testid=stApp] *')) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        for (const pseudo of ['::before', '::after']) {
          const content = getComputedStyle(el, pseudo).content;
          if (content && content !== 'none' && content !== 'normal') out.push(content);
        }
        if (el.matches('button, [role=button]')) out.push(el.getAttribute('aria-label') || '');
      }
      return out.join('\\n');
    }""")
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", seen)]


def test_spanish_data_page_uploader_and_tables_speak_spanish(spanish_phone, app_url):
    page = spanish_phone
    _open(page, app_url, "data")
    page.get_by_test_id("stRadio").get_by_text("Subir un CSV").click()
    wait_ready(page)
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    expect(dropzone).to_be_visible()
    expect(dropzone.locator("button")).to_have_accessible_name("Subir archivo")
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_accessible_name(
        "Subir archivo"
    )
    after = dropzone.locator("button [data-testid=stMarkdownContainer]").evaluate(
        "e => getComputedStyle(e, '::after').content"
    )
    assert after == '"Subir archivo"'  # what it shows, not only what it is called
    limit = (
        page.get_by_test_id("stFileUploaderDropzoneInstructions")
        .locator("div")
        .first.evaluate("e => getComputedStyle(e, '::after').content")
    )
    assert limit == '"Hasta 25 MB por archivo"'
    # A table's toolbar (Download as CSV, Search...) shows on hover: there is none now.
    holder = page.locator("[data-testid=stExpander]:has([data-testid=stDataFrame])").first
    holder.locator("summary").click()  # a chart's data view: its table
    table = holder.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
    table.scroll_into_view_if_needed()
    table.hover()
    page.wait_for_timeout(400)
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    page.get_by_test_id("stFileUploaderDropzone").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/es_data_upload_390.png")
    assert _visible_english(page) == []
    for english in ("Skip to main content", "Sidebar", "App pages", "file upload"):
        assert page.locator(f"[aria-label='{english}']").count() == 0, english
    serious = [
        (v["id"], [n["html"][:300] for n in v["nodes"]])
        for v in AXE.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_spanish_concepts_multiselect_speaks_spanish(spanish_phone, app_url):
    page = spanish_phone
    _open(page, app_url, "concepts")
    picker = page.locator(".st-key-concepts_acts")
    picker.scroll_into_view_if_needed()
    # Empty it: the placeholder shows (it was "Choose options").
    clear = picker.get_by_role("button", name="Quitar todos").filter(visible=True)
    expect(clear).to_have_count(1)  # Streamlit's "Clear all", named in Spanish
    clear.click()
    wait_ready(page)
    placeholder = picker.locator("input[placeholder='Elige una o varias']").or_(
        picker.get_by_text("Elige una o varias")
    )
    expect(placeholder.first).to_be_visible(timeout=30_000)
    assert picker.locator("[aria-label='Selected values'], [aria-label^='Remove ']").count() == 0
    picker.locator("input").filter(visible=True).first.click()
    expect(page.get_by_role("option").first).to_be_visible()  # its list is open
    page.screenshot(path=f"{SHOTS}/es_concepts_multiselect_390.png")
    assert _visible_english(page) == []


# Every chart on the page: its title and axis titles inside the figure, and the split labels
# of a chart apart from each other (they ran together as "ValidaciPrueba").
CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent).map(plot => {
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const texts = (sel) => [...plot.querySelectorAll(sel)].filter(e => e.textContent.trim()).map(box);
  return {svg: [svg.left, svg.top, svg.right, svg.bottom],
          titles: texts('.gtitle, .g-xtitle, .g-ytitle'),
          notes: [...plot.querySelectorAll('.annotation')].map(a => [a.textContent, box(a)])};
})"""


def _inside(inner, outer, slack=1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_charts(page, where: str) -> int:
    charts = page.evaluate(CHARTS_JS)
    for chart in charts:
        for title in chart["titles"]:
            assert _inside(title, chart["svg"]), (where, title, chart["svg"])
        notes = [(text, rect) for text, rect in chart["notes"] if text.strip()]
        for i, (text, rect) in enumerate(notes):
            for other, other_rect in notes[i + 1 :]:
                assert not _overlap(rect, other_rect), (where, text, other)
    width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, "
        "(document.querySelector('[data-testid=stMain]') || {}).scrollWidth || 0]"
    )
    assert max(width) <= PHONE["width"], (where, width)
    return len(charts)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_train_results_are_readable_on_a_phone(browser, app_url, lang):
    context = browser.new_context(locale={"es": "es-ES", "en": "en-US"}[lang], viewport=PHONE)
    page = context.new_page()
    try:
        _open(page, app_url, "train")
        handle = page.locator(
            ".st-key-train_epochs:not([data-stale='true']) input[type=range]"
        ).first
        handle.focus()
        handle.press("Home")  # one epoch: the results are what is checked
        wait_ready(page)
        page.locator(".st-key-train_start button").first.click()
        expect(page.locator(".st-key-train_pred_chart .js-plotly-plot")).to_be_attached(
            timeout=180_000
        )
        wait_settled(page)
        for key in ("train_pred_chart", "train_curves_chart", "train_forecast_chart"):
            page.locator(f".st-key-{key}").first.scroll_into_view_if_needed()
        wait_settled(page)
        assert _check_charts(page, f"train {lang}") >= 3
        pred = page.locator(".st-key-train_pred_chart")
        pred.scroll_into_view_if_needed()
        pred.screenshot(path=f"{SHOTS}/{lang}_train_pred_390.png")
        page.locator(".st-key-train_curves_chart").first.screenshot(
            path=f"{SHOTS}/{lang}_train_curves_390.png"
        )
    finally:
        context.close()


# Issue 26 item 11: what a student scrolls on a phone, folds closed (bench/bench_page_heights.py
# measured 3.8 and 7.1 screens before the folds, 2.9 and 3.9 after), and the folds to open.
MOST_SCREENS = {"data": 3.3, "hidden_states": 4.6}
FOLDS = {"data": ("data_leak",), "hidden_states": ("hidden_math", "hidden_grads")}


# The code cells in Data's leak fold that scroll sideways on a phone, each focusable (a11y.py).
CODE_REACHABLE_JS = """() => {
  const wide = [...document.querySelectorAll('.st-key-data_leak pre')].filter((p) => p.scrollWidth > p.clientWidth + 1);
  return wide.length > 0 && wide.every((p) => p.tabIndex >= 0);
}"""


def test_data_and_hidden_states_charts_fit_a_phone(spanish_phone, app_url):
    page = spanish_phone
    for path in ("data", "hidden_states"):
        _open(page, app_url, path)
        wait_settled(page)
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        print(f"{path}: {height / PHONE['height']:.1f} screens at 390x844")
        assert height / PHONE["height"] <= MOST_SCREENS[path], (path, height)
        for key in FOLDS[path]:  # the charts inside the folds must fit a phone too
            open_fold(page, key)
        if path == "data":  # the notebook's code cell, wider than a phone: a keyboard scrolls it
            page.wait_for_function(CODE_REACHABLE_JS, timeout=20_000)
        wait_settled(page)  # Plotly draws the charts that were folded to the phone's width
        assert _check_charts(page, path) >= {"data": 1, "hidden_states": 2}[path]
        page.screenshot(path=f"{SHOTS}/es_{path}_390.png")
