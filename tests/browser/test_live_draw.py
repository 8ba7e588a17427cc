"""Draw the future in real Chromium: a teacher on a 1280x720 projector, students on 390x844
phones with touch (Chrome DevTools' touch events, which Chromium turns into pointer events as a
finger's), drawing, redoing and sending in Spanish and English, one by keyboard only; the
reveal on every screen; axe 0 serious/critical on the surface and on the reveal.

Screenshots: /tmp/draw-shots/ (look at them).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import wait_ready
from tests.browser.test_live import sidebar, start_room

SHOTS = Path("/tmp/draw-shots")
REVEAL_SECONDS = 2.0  # the issue: the reveal on every screen within 2 s (p95, bench_live_draw)
TEXT = {
    "en": {"send": "Send my drawing", "sent": "Drawing sent", "title": "Draw the next {h} points",
           "score": "Your MASE", "count": "Drawings received: {n}", "clear": "Clear", "step": "Step 1 of 4",
           "unset": "not drawn"},
    "es": {"send": "Enviar mi dibujo", "sent": "Dibujo enviado", "title": "Dibuja los próximos {h} puntos",
           "score": "Tu MASE", "count": "Dibujos recibidos: {n}", "clear": "Borrar", "step": "Paso 1 de 4",
           "unset": "sin dibujar"},
}


def snap(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def person(browser, lang: str, errors: list[str], phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 720}
    context = browser.new_context(viewport=size, locale="es-ES" if lang == "es" else "en-US",
                                  has_touch=phone, is_mobile=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def serious(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def open_drawing(teacher, lang: str, h: int) -> None:
    box = sidebar(teacher).locator(".st-key-live_draw_h input")
    box.fill(str(h))
    box.press("Enter")
    wait_ready(teacher)
    sidebar(teacher).locator(".st-key-live_draw_open button").click()
    expect(teacher.locator(".st-key-live_draw")).to_contain_text(TEXT[lang]["title"].format(h=h), timeout=30_000)


def join(student, app_url: str, code: str) -> None:
    student.goto(f"{app_url}/?room={code}")
    wait_ready(student)
    expect(student.get_by_test_id("rnnlab-draw")).to_be_visible(timeout=30_000)


def finger(page, points: list[tuple[float, float]]) -> None:
    """One finger stroke through ``points`` (page coordinates), as real touch events."""
    cdp = page.context.new_cdp_session(page)
    x, y = points[0]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for x, y in points[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def stroke_right_of_cut(page, wave: float = 0.25, level: float = 0.5) -> None:
    """A stroke from the cut to the right edge of the surface, up and down around ``level``
    (a fraction of the surface's height from the top)."""
    svg = page.get_by_test_id("rnnlab-draw").locator("svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    cut = page.get_by_test_id("rnnlab-draw").locator("rect").first.bounding_box()
    x0, x1 = cut["x"] + 2, box["x"] + box["width"] - 16
    pts = []
    for k in range(25):
        u = k / 24
        y = box["y"] + box["height"] * (level + wave * (0.5 - abs(u - 0.5)) * (1 if k % 2 else 0.8))
        pts.append((x0 + u * (x1 - x0), y))
    finger(page, pts)


def drawn(page, n: int) -> None:
    expect(page.get_by_test_id("rnnlab-draw")).to_have_attribute("data-rnnlab-drawn", str(n), timeout=20_000)


def send(page, lang: str) -> None:
    button = page.locator(".st-key-live_draw_send button")
    expect(button).to_contain_text(TEXT[lang]["send"])
    button.click()
    expect(page.get_by_test_id("rnnlab-draw-sent")).to_contain_text(TEXT[lang]["sent"], timeout=30_000)


def counted(teacher, lang: str, n: int) -> None:
    count = teacher.get_by_test_id("rnnlab-draw-count")
    expect(count).to_have_attribute("data-count", str(n), timeout=30_000)
    expect(count).to_have_text(TEXT[lang]["count"].format(n=n))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_students_draw_with_a_finger_redo_send_and_see_their_place_after_the_reveal(browser, app_url, lang):
    errors: list[str] = []
    teacher = person(browser, lang, errors)
    code = start_room(teacher, app_url, lang)
    open_drawing(teacher, lang, 6)
    students = [person(browser, lang, errors, phone=True) for _ in range(2)]
    for s in students:
        join(s, app_url, code)
    first, second = students
    surface = first.get_by_test_id("rnnlab-draw")
    expect(surface).to_have_attribute("data-rnnlab-steps", "6")
    drawn(first, 0)
    assert first.locator(".st-key-live_draw_send button").is_visible()
    assert not serious(first), serious(first)
    stroke_right_of_cut(first, level=0.6)
    drawn(first, 6)  # one stroke sets every step it crosses
    snap(first, f"phone-drawing-{lang}")
    send(first, lang)
    counted(teacher, lang, 1)
    # redo: clear, draw again, send again: still one drawing
    surface.get_by_test_id("rnnlab-draw-clear").click()
    drawn(first, 0)
    stroke_right_of_cut(first, level=0.3, wave=0.1)
    drawn(first, 6)
    send(first, lang)
    stroke_right_of_cut(second, level=0.5, wave=0.0)
    drawn(second, 6)
    send(second, lang)
    counted(teacher, lang, 2)
    snap(teacher, f"projector-open-{lang}")

    teacher.locator(".st-key-live_reveal button").click()
    clicked = time.monotonic()
    expect(teacher.locator(".st-key-live_draw_reveal")).to_be_visible(timeout=60_000)
    for s in students:
        expect(s.get_by_test_id("rnnlab-draw-score")).to_contain_text(TEXT[lang]["score"], timeout=30_000)
    seconds = time.monotonic() - clicked
    print(f"reveal on both phones {seconds:.1f} s after the click (includes scoring and ETS)")
    places = sorted(int(s.get_by_test_id("rnnlab-draw-score").get_attribute("data-place")) for s in students)
    assert places in ([1, 2], [1, 1])
    wait_ready(teacher)
    teacher.locator(".st-key-live_draw_reveal .js-plotly-plot .scatterlayer .trace").first.wait_for()
    snap(teacher, f"projector-reveal-{lang}")
    first.locator(".st-key-live_draw_reveal").scroll_into_view_if_needed()
    wait_ready(first)
    snap(first, f"phone-reveal-{lang}")
    assert not serious(first), serious(first)
    assert not serious(teacher), serious(teacher)
    assert not [e for e in errors if "favicon" not in e], errors
    for page in (teacher, *students):
        page.context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_student_draws_and_sends_by_keyboard_only(browser, app_url, lang):
    errors: list[str] = []
    teacher = person(browser, lang, errors)
    code = start_room(teacher, app_url, lang)
    open_drawing(teacher, lang, 4)
    student = person(browser, lang, errors)
    join(student, app_url, code)
    handles = student.get_by_test_id("rnnlab-draw").get_by_role("slider")
    expect(handles).to_have_count(4)
    expect(handles.first).to_have_attribute("aria-label", TEXT[lang]["step"])
    expect(handles.first).to_have_attribute("aria-valuetext", TEXT[lang]["unset"])
    handles.first.focus()
    for k in range(4):
        # Each press goes to this step's handle (locator.press focuses it first): the page may
        # rerun while a point is reported, and a key pressed meanwhile went nowhere (CI, once).
        for _ in range(k + 1):
            handles.nth(k).press("ArrowUp")
        drawn(student, k + 1)
        if k < 3:
            handles.nth(k).press("ArrowRight")  # the next step, by the keyboard
            expect(handles.nth(k + 1)).to_be_focused()
    values = [float(handles.nth(k).get_attribute("aria-valuenow")) for k in range(4)]
    assert values == sorted(values) and len(set(values)) == 4  # each step one press higher
    spoken = handles.nth(3).get_attribute("aria-valuetext")  # the value said the reader's way
    assert ("," in spoken) if lang == "es" else ("." in spoken and "," not in spoken)
    snap(student, f"keyboard-drawing-{lang}")
    # The page may rerun while the points are reported (a busy server): wait until it is idle,
    # then go on from the last point, as a student whose focus is there would.
    wait_ready(student)
    handles.nth(3).focus()
    student.keyboard.press("Tab")  # Clear
    student.keyboard.press("Tab")  # the send button
    expect(student.locator("button:focus")).to_contain_text(TEXT[lang]["send"])
    student.keyboard.press("Enter")
    expect(student.get_by_test_id("rnnlab-draw-sent")).to_be_visible(timeout=30_000)
    counted(teacher, lang, 1)
    assert not [e for e in errors if "favicon" not in e], errors
    for page in (teacher, student):
        page.context.close()
