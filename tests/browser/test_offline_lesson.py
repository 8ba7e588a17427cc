"""The offline lesson file in a real browser: opened from file:// with every network request
refused, it steps scenes, steps the stage and checks answers, in Spanish and English, on a
projector and a phone, with axe-core clean (serious and critical). Screenshots: /tmp/offline-shots.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from rnnlab.i18n.numbers import fmt
from rnnlab.lessons import builtin, offline_html

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/offline-shots")
AXE = Axe()
ROOT = "[data-testid=rnnlab-lesson]"


@pytest.fixture(scope="module")
def lesson():
    return builtin("notebook")


@pytest.fixture(scope="module")
def files(lesson, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    out = {}
    for lang in ("es", "en", "both"):
        path = folder / f"lesson-{lang}.html"
        path.write_text(offline_html(lesson, lang), encoding="utf-8")
        out[lang] = path
    return out


def _data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="ol-data">(.*?)</script>', html, re.S).group(1))


def _open(browser, path: Path, viewport: dict, **context_args):
    """A page on the file with the network blocked: anything but file: is aborted and listed."""
    context = browser.new_context(viewport=viewport, **context_args)
    requested: list[str] = []

    def route(r):
        requested.append(r.request.url)
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append("request failed: " + r.url))
    page.goto(path.as_uri())
    expect(page.locator(f"{ROOT}[data-ready='1']")).to_have_count(1)
    return context, page, requested, errors


def _scene(page) -> int:
    return int(page.get_attribute(ROOT, "data-rnnlab-scene"))


def _go(page, n: int) -> None:
    """To scene n (1-based) with the keyboard, from wherever the page is."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    while _scene(page) != n:
        page.keyboard.press("ArrowRight" if _scene(page) < n else "ArrowLeft")
    expect(page.locator(ROOT)).to_have_attribute("data-rnnlab-scene", str(n))


def _serious(page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def _no_overflow(page) -> None:
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("viewport", [PROJECTOR, PHONE], ids=["projector", "phone"])
def test_the_file_plays_offline_scenes_stage_and_questions(browser, files, lesson, lang, viewport):
    SHOTS.mkdir(exist_ok=True)
    tag = f"{lang}-{viewport['width']}"
    data = _data(files[lang])
    stage_scene = next(i for i, s in enumerate(data["scenes"], 1) if s["stage"])
    value_scene = next((i for i, s in enumerate(data["scenes"], 1)
                        if s["question"] and s["question"]["kind"] == "value"), None)
    choice_scene = next((i for i, s in enumerate(data["scenes"], 1)
                         if s["question"] and s["question"]["kind"] == "choice"), None)
    context, page, requested, errors = _open(browser, files[lang], viewport)
    try:
        root = page.locator(ROOT)
        expect(root).to_have_attribute("data-rnnlab-scenes", str(len(lesson)))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert _scene(page) == 1
        page.screenshot(path=str(SHOTS / f"{tag}-scene1.png"))
        # scenes: →, the Next button, ←, the Back button
        page.keyboard.press("ArrowRight")
        expect(root).to_have_attribute("data-rnnlab-scene", "2")
        page.get_by_test_id("lesson_next").click()
        expect(root).to_have_attribute("data-rnnlab-scene", "3")
        page.get_by_test_id("lesson_back").click()
        expect(root).to_have_attribute("data-rnnlab-scene", "2")
        expect(page.locator("section.ol-scene:not([hidden])")).to_have_count(1)
        expect(page.locator("#scene-2")).to_be_visible()
        _no_overflow(page)

        # the stage: the app's own, stepping its recorded trace with its own keys
        _go(page, stage_scene)
        stage = page.locator(f"#scene-{stage_scene} [data-testid=rnnlab-stage]")
        expect(stage).to_be_visible()
        status = stage.get_by_test_id("rnnlab-stage-status")
        start = data["scenes"][stage_scene - 1]["stage"]["start"]
        expect(status).to_have_attribute("data-rnnlab-step", str(start))
        # a value the text names lights up what it names on the stage while it has the focus
        value = page.locator(f"#scene-{stage_scene} .ol-{lang} .ol-value").first
        value.focus()
        expect(page.locator(f"#scene-{stage_scene} .ol-highlight").first).to_be_visible()
        stage.focus()
        expect(page.locator(".ol-highlight")).to_have_count(0)
        page.keyboard.press("ArrowRight")
        expect(status).to_have_attribute("data-rnnlab-step", str(start + 1))
        assert _scene(page) == stage_scene  # the stage took the key, not the scene
        page.keyboard.press("ArrowLeft")
        expect(status).to_have_attribute("data-rnnlab-step", str(start))
        stage.locator(".rs-btn").nth(3).click()  # the step-forward button
        expect(status).to_have_attribute("data-rnnlab-step", str(start + 1))
        page.screenshot(path=str(SHOTS / f"{tag}-stage.png"), full_page=True)
        assert _serious(page) == [], (tag, "stage scene")
        _no_overflow(page)

        # a value question, checked in the page against the engine's recorded number
        if value_scene is not None:
            _go(page, value_scene)
            q = data["scenes"][value_scene - 1]["question"]
            form = page.locator(f"#scene-{value_scene} [data-testid=rnnlab-offline-question]")
            box = form.get_by_test_id("rnnlab-offline-answer")
            feedback = form.get_by_test_id("rnnlab-offline-feedback")
            switch = page.locator(f"#scene-{value_scene} [data-testid=rnnlab-stage-hide-future]")
            if switch.count():  # the stage keeps the future hidden until the question is answered
                expect(switch).to_be_checked()
                expect(switch).to_be_disabled()
            box.fill("abc")
            form.get_by_test_id("rnnlab-offline-check").click()
            expect(feedback).to_have_attribute("data-result", "not_a_number")
            box.fill(str(q["truth"] + 10 * q["tolerance"]).replace(".", "," if lang == "es" else "."))
            form.get_by_test_id("rnnlab-offline-check").click()
            expect(feedback).to_have_attribute("data-result", "value_wrong")
            box.fill(fmt(q["truth"], lang, sig=4))  # typed the reader's way: 0,83 in Spanish
            box.press("Enter")
            expect(feedback).to_have_attribute("data-result", "value_right")
            expect(feedback).to_contain_text(q["truth_text"][lang])
            if switch.count():
                expect(switch).to_be_enabled()
            page.screenshot(path=str(SHOTS / f"{tag}-value-question.png"), full_page=True)
        # a choice question, against the recorded runs
        if choice_scene is not None:
            _go(page, choice_scene)
            q = data["scenes"][choice_scene - 1]["question"]
            form = page.locator(f"#scene-{choice_scene} [data-testid=rnnlab-offline-question]")
            result = page.locator(f"#scene-{choice_scene} .ol-{lang} [data-testid=rnnlab-offline-result]")
            expect(result).to_be_hidden()  # predict first: the recorded run's result is folded
            form.get_by_label(q["options"][lang][q["truth"]], exact=True).check()
            form.get_by_test_id("rnnlab-offline-check").click()
            expect(form.get_by_test_id("rnnlab-offline-feedback")).to_have_attribute("data-result", "choice_right")
            expect(result).to_be_visible()
            expect(result.locator("svg[role=img]").first).to_be_visible()
            page.screenshot(path=str(SHOTS / f"{tag}-choice-question.png"), full_page=True)
            assert _serious(page) == [], (tag, "choice scene")
        # every scene once, looked at and checked for width
        _go(page, 1)
        for n in range(1, len(lesson) + 1):
            _go(page, n)
            _no_overflow(page)
            page.screenshot(path=str(SHOTS / f"{tag}-all-s{n:02d}.png"), full_page=True)
        assert _serious(page) == [], (tag, "last scene")
        assert errors == [], errors
        assert requested == [files[lang].as_uri()], requested  # nothing but the file itself
    finally:
        context.close()


def test_the_two_language_file_switches_language_keeping_scene_and_stage_step(browser, files):
    context, page, requested, errors = _open(browser, files["both"], PROJECTOR)
    try:
        data = _data(files["both"])
        stage_scene = next(i for i, s in enumerate(data["scenes"], 1) if s["stage"])
        expect(page.locator("html")).to_have_attribute("lang", "es")
        _go(page, stage_scene)
        status = page.locator(f"#scene-{stage_scene} [data-testid=rnnlab-stage-status]")
        start = data["scenes"][stage_scene - 1]["stage"]["start"]
        page.locator(f"#scene-{stage_scene} [data-testid=rnnlab-stage]").focus()
        page.keyboard.press("ArrowRight")
        expect(status).to_have_attribute("data-rnnlab-step", str(start + 1))
        expect(status).to_contain_text("Paso")
        page.get_by_test_id("rnnlab-offline-lang-en").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_test_id("rnnlab-offline-lang-en")).to_have_attribute("aria-pressed", "true")
        expect(page.locator(ROOT)).to_have_attribute("data-rnnlab-scene", str(stage_scene))
        status = page.locator(f"#scene-{stage_scene} [data-testid=rnnlab-stage-status]")
        expect(status).to_have_attribute("data-rnnlab-step", str(start + 1))  # the step stays
        expect(status).to_contain_text("Step")
        title = page.locator(f"#scene-{stage_scene} h2:visible")
        expect(title).to_have_count(1)
        expect(title).to_have_id(f"ol-h{stage_scene}-en")
        page.screenshot(path=str(SHOTS / "both-switched-en.png"))
        assert _serious(page) == []
        assert errors == [] and requested == [files["both"].as_uri()], (errors, requested)
    finally:
        context.close()
