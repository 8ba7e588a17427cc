"""The lesson bar reads well on a phone (390x844) and at the projector (1280x720), at the built-in
lesson's longest scene: the text never scrolls inside the bar (a box within the page's scroll that
students miss); its first lines and a "Show all"/"Show less" button (aria-expanded, in the
reader's language) open the whole text in sight; Back/Next are in the window, not under
Streamlit's header, when the scene starts and with the text open; at the projector the bar keeps
its height (bounds below). axe: nothing serious inside the bar, closed and open. Screenshots go to
/tmp/pbar-shots (look at them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from rnnlab.i18n import t
from tests.browser.conftest import wait_ready

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
LOCALES = {"en": "en-US", "es": "es-ES"}
SHOTS = Path("/tmp/pbar-shots")
AXE = Axe()
# At the projector the bar (title, the text's first lines, Show all; Back/Next beside them) stays
# under 30% of the window closed (it was 198 px with the old scrolling box) and under 45% open
# (the longest built-in text in full, so the page keeps more than half the screen).
CLOSED_MAX, OPEN_MAX = 0.30, 0.45

# What the bar's text looks like: its box's overflow (a scroll box?), its heights, where it is.
BAR_JS = """() => {
  const root = document.querySelector('[data-testid=rnnlab-lesson]');
  const text = root.querySelector('.rl-text');
  const bar = document.querySelector('.st-key-lesson_bar');
  const box = (e) => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
  const header = document.querySelector('[data-testid=stHeader]');
  return {overflow: getComputedStyle(text).overflowY, text: [text.scrollHeight, text.clientHeight],
          bar: [bar.scrollHeight, bar.clientHeight], textBox: box(text), barBox: box(bar),
          headerBottom: header ? header.getBoundingClientRect().bottom : 0,
          window: window.innerHeight, sticky: getComputedStyle(bar.parentElement).position};
}"""

# The button is the element under its own centre (in the window, not under the header).
ON_TOP_JS = """(key) => {
  const b = [...document.querySelectorAll(`.st-key-${key} button`)].find((e) => e.getClientRects().length);
  if (!b) return 'missing';
  const r = b.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (y < 0 || y > window.innerHeight) return `outside the window (${Math.round(y)})`;
  const hit = document.elementFromPoint(x, y);
  return hit && b.contains(hit) ? 'ok' : `covered by ${hit && hit.outerHTML.slice(0, 80)}`;
}"""


# The strip between the window's top and where the bar sticks is Streamlit's header: it must be
# opaque over the bar's whole width (see-through, the page scrolled under it showed above the bar
# at the projector). elementFromPoint cannot tell: the header lets clicks through.
STRIP_JS = """() => {
  const bar = document.querySelector('.st-key-lesson_bar').getBoundingClientRect();
  const header = document.querySelector('[data-testid=stHeader]');
  if (!header) return {covers: false};
  const r = header.getBoundingClientRect();
  return {covers: r.top <= 0 && r.left <= bar.left + 1 && r.right >= bar.right - 1 && r.height > 0,
          background: getComputedStyle(header).backgroundColor};
}"""


def _longest(lang: str) -> int:
    """The built-in lesson's scene (0-based) with the longest text in ``lang``."""
    from rnnlab.lessons import builtin
    from rnnlab.lessons import values as lv

    lesson = builtin("notebook")
    lengths = [len("".join(p["text"] for p in lv.render_text(scene, lang))) for scene in lesson]
    return max(range(len(lengths)), key=lengths.__getitem__)


def _button(page, key: str):
    return page.locator(f".st-key-{key}:not([data-stale='true']) button").filter(visible=True).first


def _serious(page) -> list[str]:
    found = AXE.run(page, context=".st-key-lesson_bar").response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def _controls_in_sight(page) -> None:
    # A help tooltip is the mouse's, not the layout's: the bar grew under a still mouse and
    # "Take it home"'s help covered Next once. Move the mouse off the bar and let it go.
    page.mouse.move(1, 1)
    expect(page.get_by_test_id("stTooltipContent")).to_have_count(0)
    for key in ("lesson_back", "lesson_next"):
        assert page.evaluate(ON_TOP_JS, key) == "ok", key


def _bounded_shot_axe(page, measured: dict, max_height: float | None, name: str) -> None:
    """The bar within ``max_height`` px (the projector's bound; None on a phone), a screenshot
    to look at, and axe: 0 serious/critical."""
    if max_height is not None:
        assert measured["barBox"]["height"] <= max_height, measured
    page.screenshot(path=str(_shot(name)))
    assert _serious(page) == []


@pytest.mark.parametrize(("lang", "size"), [("es", PHONE), ("en", PHONE), ("en", PROJECTOR), ("es", PROJECTOR)])

def test_the_longest_scene_reads_without_a_scroll_box(browser, app_url, lang, size):
    phone = size is PHONE
    name = f"test-{lang}-{'phone' if phone else 'projector'}"
    target = _longest(lang)
    page = browser.new_context(viewport=size, locale=LOCALES[lang]).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{app_url}/?lesson=notebook")
    player = page.get_by_test_id("rnnlab-lesson")
    for n in range(1, target + 2):
        expect(player).to_have_attribute("data-rnnlab-scene", str(n), timeout=60_000)
        wait_ready(page)
        if n <= target:
            _button(page, "lesson_next").click()
    expect(player).to_have_attribute("data-rnnlab-scenes", "14")
    # the scene has scrolled the page to its focus section (the bar sticks at the top)
    expect(page.locator("[data-rnnlab-focus]")).to_have_count(1, timeout=30_000)
    wait_ready(page)

    # Closed: the first lines, clipped (never a scroll box), and Show all; Back/Next in sight.
    more = player.locator(".rl-more")
    expect(more).to_be_visible()
    expect(more).to_have_text(t("player.more", lang))
    expect(more).to_have_attribute("aria-expanded", "false")
    assert more.get_attribute("aria-controls") == player.locator(".rl-text").get_attribute("id")
    _controls_in_sight(page)
    closed = page.evaluate(BAR_JS)
    assert closed["overflow"] not in ("auto", "scroll"), closed
    assert closed["bar"][0] <= closed["bar"][1] + 1, closed
    assert closed["sticky"] == "sticky", closed
    assert closed["barBox"]["top"] >= closed["headerBottom"] - 1, closed  # not under the header
    strip = page.evaluate(STRIP_JS)  # above the bar: the header, and nothing shows through it
    assert strip["covers"] and strip["background"] == "rgb(255, 255, 255)", strip
    _bounded_shot_axe(page, closed, None if phone else CLOSED_MAX * size["height"], f"{name}-closed")

    # Open: the whole text, nothing scrolls inside the text or the bar, all of it in the window.
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(more).to_have_text(t("player.less", lang))
    opened = page.evaluate(BAR_JS)
    assert opened["text"][0] <= opened["text"][1] + 1, opened
    assert opened["bar"][0] <= opened["bar"][1] + 1, opened
    assert opened["textBox"]["height"] > closed["textBox"]["height"] + 20, (closed, opened)
    assert opened["textBox"]["top"] >= opened["headerBottom"] - 1, opened
    assert opened["textBox"]["bottom"] <= opened["window"], opened
    _controls_in_sight(page)
    _bounded_shot_axe(page, opened, None if phone else OPEN_MAX * size["height"], f"{name}-open")

    # Show less closes it; a clipped value reached by the keyboard opens the text again.
    more.click()
    expect(more).to_have_attribute("aria-expanded", "false")
    expect(more).to_have_text(t("player.more", lang))
    player.locator(".rl-value").last.focus()
    expect(more).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("() => document.querySelector('.rl-text').scrollTop") == 0
    # Anything else that scrolls the clipped lines (find in page, a screen reader) opens it too:
    # never the text from mid-sentence under a cut first line.
    more.click()
    expect(more).to_have_attribute("aria-expanded", "false")
    page.evaluate("() => { document.querySelector('.rl-text').scrollTop = 40; }")
    expect(more).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("() => document.querySelector('.rl-text').scrollTop === 0")
    # Another scene starts with its text closed again.
    _button(page, "lesson_back").click()
    expect(player).to_have_attribute("data-rnnlab-scene", str(target), timeout=60_000)
    wait_ready(page)
    expect(player).to_have_attribute("data-rnnlab-open", "false")
    assert errors == []
    page.context.close()


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
