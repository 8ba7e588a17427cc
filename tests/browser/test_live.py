"""The live lesson in real Chromium: a teacher and students, each in a browser context of their
own (separate cookies, separate Streamlit sessions), on one server.

Joining by link and by typed code, following the page, settings and the Hidden states step,
stopping and resuming following, a question answered and revealed (value in English, choice in
Spanish on a phone), isolation between two rooms, and the room ending.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import open_fold, wait_ready
from tests.browser.test_hidden import HEADINGS, open_page_from_here

SHOTS = Path("/tmp/rnnlab-shots")
FOLLOW_SECONDS = 2.0  # the issue: a student's stage shows the teacher's step within 2 s of settling
TEXT = {
    "en": {"start": "Start a live lesson", "joined": "Students joined: {n}", "title": "Live lesson {code}",
           "unfollow": "Stop following", "follow": "Follow again", "end": "End lesson",
           "ended": "The teacher ended lesson {code}", "join_open": "Join a lesson", "join": "Join",
           "count": "Answers: {n}", "no_truth": "The teacher gave no right answer"},
    "es": {"start": "Empezar una clase en directo", "joined": "Estudiantes conectados: {n}",
           "title": "Clase en directo {code}", "unfollow": "Dejar de seguir", "follow": "Seguir otra vez",
           "end": "Terminar la clase", "ended": "El profesor ha terminado la clase {code}",
           "join_open": "Entrar en una clase", "join": "Entrar",
           "count": "Respuestas: {n}", "no_truth": "El profesor no ha dado una respuesta correcta"},
}


def snap(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"live-{name}.png"))


def person(browser, lang: str, errors: list[str], phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 720}
    context = browser.new_context(viewport=size,
                                  locale="es-ES" if lang == "es" else "en-US")
    page = context.new_page()
    page.set_default_timeout(120_000)  # a click waits for its element on a machine loaded 30 deep
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def start_room(page, app_url: str, lang: str) -> str:
    page.goto(app_url)
    wait_ready(page)
    page.locator(".st-key-live_start button").click()
    code_box = page.get_by_test_id("rnnlab-room-code")
    expect(code_box).to_have_text(re.compile(r"^[0-9A-HJKMNP-TV-Z]{6}$"), timeout=30_000)
    wait_ready(page)
    expect(sidebar(page).get_by_text(TEXT[lang]["start"])).to_have_count(0)
    return code_box.inner_text().strip()


def joined(page, lang: str, n: int) -> None:
    expect(page.get_by_test_id("rnnlab-room-students")).to_have_attribute("data-count", str(n), timeout=20_000)
    expect(page.get_by_test_id("rnnlab-room-students")).to_have_text(TEXT[lang]["joined"].format(n=n))


def step_of(page) -> int:
    return int(page.locator("[data-rnnlab-step]").get_attribute("data-rnnlab-step"))


def move_stage(page, presses: int) -> float:
    """Press ArrowRight on the teacher's stage; returns the moment the step settles (300 ms on)."""
    page.get_by_test_id("rnnlab-stage").focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    return time.monotonic() + 0.3


def wait_step(page, t: int, timeout: float) -> float:
    """Seconds until the page's stage shows step t (fails after ``timeout`` seconds)."""
    began = time.monotonic()
    page.wait_for_function(
        f"() => {{ const e = document.querySelector('[data-rnnlab-step]'); return e && e.dataset.rnnlabStep === '{t}'; }}",
        timeout=timeout * 1000)
    return time.monotonic()  - began


def forced_hide(page, on: bool) -> None:
    """The stage hides the future because a question is open (its switch locked), or not."""
    expect(page.get_by_test_id("rnnlab-stage")).to_have_attribute("data-rnnlab-forced-hide", "1" if on else "0",
                                                                   timeout=20_000)
    box = page.get_by_test_id("rnnlab-stage-hide-future")
    (expect(box).to_be_disabled if on else expect(box).to_be_enabled)()
    if on:
        expect(box).to_be_checked()


def ask(teacher, kind_label: str | None = None) -> None:
    """Open "Ask the class" in the teacher's sidebar and ask its default preset (of ``kind``)."""
    sidebar(teacher).locator(".st-key-live_ask_open button").first.click()
    if kind_label:
        teacher.locator(".st-key-live_q_kind").get_by_text(kind_label).click()
        wait_ready(teacher)
    teacher.locator(".st-key-live_ask button").click()
    expect(teacher.locator(".st-key-live_question")).to_be_visible(timeout=20_000)
    teacher.keyboard.press("Escape")  # close the popover
    wait_ready(teacher)


def answers_counted(teacher, lang: str, n: int) -> None:
    count = teacher.get_by_test_id("rnnlab-answer-count")
    expect(count).to_have_attribute("data-count", str(n), timeout=20_000)
    expect(count).to_have_text(TEXT[lang]["count"].format(n=n))


def stage_value(page, gate: str, t: int, unit: int) -> float:
    """What the page's stage itself draws for ``gate`` of ``unit`` at step t (its own data)."""
    return page.evaluate(
        """([gate, t, unit]) => { const s = document.querySelector('.rs-host').rnnlabStage;
             const g = s.gates.find((x) => x.name === gate); return g.values[(t - 1) * s.H + unit - 1]; }""",
        [gate, t, unit])


def test_teacher_leads_a_student_who_joined_by_link(browser, app_url):
    errors: list[str] = []
    teacher, student = person(browser, "en", errors), person(browser, "en", errors)
    code = start_room(teacher, app_url, "en")
    qr = teacher.get_by_test_id("rnnlab-room-qr").locator("img")
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")  # drawn, nothing fetched
    assert f"?room={code}" in sidebar(teacher).get_by_test_id("stCode").inner_text()

    student.goto(f"{app_url}/?room={code}")
    wait_ready(student)
    expect(sidebar(student).get_by_text(TEXT["en"]["title"].format(code=code))).to_be_visible(timeout=20_000)
    joined(teacher, "en", 1)
    snap(teacher, "teacher-room")

    # The teacher opens Hidden states and changes a setting: the student follows page and setting.
    open_page_from_here(teacher, *HEADINGS["en"])
    teacher.locator(".st-key-hidden_cell").get_by_text("GRU", exact=True).click()
    wait_ready(teacher)
    expect(teacher.locator("[data-rnnlab-cell='GRU']")).to_be_visible(timeout=30_000)
    expect(student.get_by_role("heading", name=HEADINGS["en"][1])).to_be_visible(timeout=20_000)
    expect(student.locator("[data-rnnlab-cell='GRU']")).to_be_visible(timeout=20_000)
    wait_ready(student)

    # The step: the student's stage follows within FOLLOW_SECONDS of the teacher settling.
    lags = []
    for presses in (5, 3, 2, 4, 1):
        target = step_of(teacher) + presses
        settled = move_stage(teacher, presses)
        wait_step(student, target, timeout=15)
        lags.append(time.monotonic() - settled)
    print(f"student followed the settled step after {', '.join(f'{s:.2f} s' for s in lags)}")
    # the median holds the 2 s; one slow sample is allowed on a busy 2-core CI machine
    assert sorted(lags)[len(lags) // 2] <= FOLLOW_SECONDS and max(lags) <= 2.5 * FOLLOW_SECONDS, lags
    # A step-only change moves just the stage; the stage then reports it, and the one-step
    # arithmetic below it follows to the same step (folded under the stage: the student opens it).
    open_fold(student, "hidden_math")
    expect(student.get_by_text(f"at step t = {step_of(teacher)},")).to_be_visible(timeout=15_000)
    snap(student, "student-following")

    # Predict, then reveal: the teacher asks about the next step's update gate of unit 1 (GRU).
    asked_at = step_of(teacher)
    ask(teacher)
    forced_hide(student, True)
    forced_hide(teacher, True)  # the projected screen does not give the answer away either
    expect(student.locator(".st-key-live_question")).to_contain_text(f"update gate of unit 1 be at t = {asked_at + 1}")
    expect(student.get_by_text("Evolution of the hidden states")).to_have_count(0)  # the h-lines chart shows the future
    answers_counted(teacher, "en", 0)
    box = student.locator(".st-key-live_answer_value input")
    box.fill("0.2")
    box.press("Enter")
    expect(student.get_by_test_id("rnnlab-my-answer")).to_contain_text("Your answer: 0.2", timeout=20_000)
    box.fill("0.45")  # a second answer replaces the first
    box.press("Enter")
    expect(student.get_by_test_id("rnnlab-my-answer")).to_contain_text("Your answer: 0.45", timeout=20_000)
    answers_counted(teacher, "en", 1)
    snap(student, "student-question")
    teacher.locator(".st-key-live_reveal button").click()
    truth = teacher.get_by_test_id("rnnlab-question-truth")
    expect(truth).to_contain_text("True value: ", timeout=20_000)
    shown = float(truth.inner_text().split(": ")[1].replace("\u2212", "-"))
    # the engine's truth is what the stage draws at that step (the stage keeps 4 decimals)
    assert abs(shown - stage_value(teacher, "update", asked_at + 1, 1)) < 1e-3, shown
    expect(student.get_by_test_id("rnnlab-question-truth")).to_have_text(truth.inner_text(), timeout=20_000)
    expect(student.locator(".st-key-live_question .js-plotly-plot .trace").first).to_be_attached(timeout=20_000)
    expect(student.locator(".st-key-live_question")).to_contain_text("Your answer: 0.45")
    forced_hide(student, False)
    forced_hide(teacher, False)
    snap(student, "student-reveal")
    snap(teacher, "teacher-reveal")
    teacher.locator(".st-key-live_q_close button").click()
    expect(student.locator(".st-key-live_question")).to_have_count(0, timeout=20_000)
    wait_ready(student)
    expect(student.get_by_test_id("rnnlab-stage")).to_have_count(1)  # the page below was not redrawn

    # Stop following: the teacher moves on, the student stays; Follow again catches up in one click.
    here = step_of(student)
    sidebar(student).get_by_role("button", name=TEXT["en"]["unfollow"]).click()
    expect(sidebar(student).get_by_role("button", name=TEXT["en"]["follow"])).to_be_visible(timeout=10_000)
    move_stage(teacher, 4)
    teacher.wait_for_timeout(3000)  # longer than a poll and a rerun
    assert step_of(student) == here
    sidebar(student).get_by_role("button", name=TEXT["en"]["follow"]).click()
    wait_step(student, here + 4, timeout=30)

    # The teacher ends the lesson: the student is told, and keeps the screen.
    sidebar(teacher).get_by_role("button", name=TEXT["en"]["end"]).click()
    expect(teacher.locator(".st-key-live_start button")).to_be_visible(timeout=20_000)
    expect(sidebar(student).get_by_text(TEXT["en"]["ended"].format(code=code))).to_be_visible(timeout=20_000)
    expect(student.get_by_test_id("rnnlab-stage")).to_be_visible()
    snap(student, "student-ended")
    assert not errors, errors


def test_two_rooms_in_spanish_join_by_code_and_stay_apart(browser, app_url):
    errors: list[str] = []
    teacher_a, teacher_b = person(browser, "es", errors), person(browser, "es", errors)
    student = person(browser, "es", errors, phone=True)  # a phone: the sidebar opens on demand
    outsider = person(browser, "es", errors)
    code_a = start_room(teacher_a, app_url, "es")
    code_b = start_room(teacher_b, app_url, "es")
    assert code_a != code_b

    # The student types room A's code, in lower case with a space: it is read all the same.
    student.goto(app_url)
    wait_ready(student)
    student.get_by_test_id("stExpandSidebarButton").click()
    sidebar(student).get_by_text(TEXT["es"]["join_open"]).click()
    box = student.locator(".st-key-live_code input")
    box.fill(f"{code_a[:3].lower()} {code_a[3:].lower()}")
    box.press("Enter")
    student.locator(".st-key-live_join button").click()
    expect(sidebar(student).get_by_text(TEXT["es"]["title"].format(code=code_a))).to_be_visible(timeout=20_000)
    joined(teacher_a, "es", 1)
    joined(teacher_b, "es", 0)
    outsider.goto(app_url)
    wait_ready(outsider)

    # Teacher B goes to Hidden states and moves; nothing of it reaches A's student or the outsider.
    open_page_from_here(teacher_b, *HEADINGS["es"])
    move_stage(teacher_b, 6)
    teacher_b.wait_for_timeout(3000)
    expect(student.get_by_role("heading", name=HEADINGS["es"][1])).to_have_count(0)
    expect(outsider.get_by_role("heading", name=HEADINGS["es"][1])).to_have_count(0)

    # Teacher A goes there too, and moves 2 steps: the student follows A, not B.
    open_page_from_here(teacher_a, *HEADINGS["es"])
    expect(student.get_by_role("heading", name=HEADINGS["es"][1])).to_be_visible(timeout=20_000)
    wait_ready(student)
    # Issue 26 item 6: the phone is brought to the stage the teacher shows (it opened far above it)
    expect(student.get_by_test_id("rnnlab-stage")).to_be_in_viewport(ratio=0.5, timeout=20_000)
    target = step_of(teacher_a) + 2
    move_stage(teacher_a, 2)
    wait_step(student, target, timeout=30)
    assert step_of(teacher_b) != target
    student.wait_for_timeout(2500)
    assert step_of(student) == target  # and B's step never arrives afterwards
    expect(outsider.locator(".st-key-live_student, .st-key-live_room")).to_have_count(0)
    expect(outsider.locator(".st-key-live_start button")).to_be_visible()
    snap(student, "student-es")

    # Teacher A asks a choice (which cell wins on Compare); the phone answers with a button.
    ask(teacher_a, "Una opción")
    expect(student.locator(".st-key-live_question")).to_contain_text("¿Qué celda ganará en Comparar", timeout=20_000)
    forced_hide(student, True)
    student.get_by_test_id("stSidebarCollapseButton").locator("button").click()  # the phone's sidebar covered the page
    student.locator(".st-key-live_choice_1 button").click()
    expect(student.get_by_test_id("rnnlab-my-answer")).to_contain_text("Tu respuesta: LSTM", timeout=20_000)
    answers_counted(teacher_a, "es", 1)
    for other in (teacher_b, outsider):  # nothing of room A's question elsewhere
        expect(other.locator(".st-key-live_question")).to_have_count(0)
    expect(teacher_a.locator(".st-key-live_question")).to_contain_text("No hay ejecuciones para decidirlo")
    teacher_a.locator(".st-key-live_reveal button").click()  # no runs, no mark: no right answer claimed
    expect(student.get_by_text(TEXT["es"]["no_truth"])).to_be_visible(timeout=20_000)
    expect(student.locator(".st-key-live_question .js-plotly-plot .trace").first).to_be_attached(timeout=20_000)
    forced_hide(student, False)
    snap(student, "student-es-reveal")

    # A code that names no room: a clear message in Spanish, no room joined.
    outsider.locator("[data-testid='stSidebar']").get_by_text(TEXT["es"]["join_open"]).click()
    box = outsider.locator(".st-key-live_code input")
    box.fill("ZZZZZ9" if code_a != "ZZZZZ9" and code_b != "ZZZZZ9" else "ZZZZZ8")
    box.press("Enter")
    outsider.locator(".st-key-live_join button").click()
    expect(sidebar(outsider).get_by_text(re.compile("No hay ninguna clase abierta con el código"))).to_be_visible(
        timeout=20_000)
    # and in the popover, which covers the sidebar's notice while it is open
    expect(outsider.get_by_test_id("stPopoverBody").get_by_text(
        re.compile("No hay ninguna clase abierta con el código"))).to_be_in_viewport()

    sidebar(teacher_a).get_by_role("button", name=TEXT["es"]["end"]).click()
    student.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar(student).get_by_text(TEXT["es"]["ended"].format(code=code_a))).to_be_visible(timeout=20_000)
    joined(teacher_b, "es", 0)  # B's room is still open
    assert not errors, errors
