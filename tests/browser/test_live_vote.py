"""Vote twice and the class board in real Chromium: a teacher at a 1280x720 projector and a
student on a 390x844 phone, in both languages (each test's teacher speaks one, its student the
other): round one -> discussion (the student sees no answers) -> round two -> the reveal with
both rounds; the class board projected, and a run's settings opened on Train. axe finds no
serious or critical problem on the new panels. Screenshots in /tmp/vote-shots."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import wait_ready, wait_settled
from tests.browser.test_live import person, sidebar, start_room

SHOTS = Path("/tmp/vote-shots")
AXE = Axe()
OTHER = {"en": "es", "es": "en"}
TEXT = {
    "en": {"choice": "A choice", "count": "Answers: {n}", "discuss": "Discuss with your neighbour",
           "wrong_right": "Wrong → right: 1", "you": "You: LSTM in round 1 → GRU in round 2.",
           "round1": "Round 1 of 2", "board": "Class board", "look": "Look at this one on Train",
           "train": "Train a recurrent network"},
    "es": {"choice": "Una opción", "count": "Respuestas: {n}", "discuss": "Coméntalo con quien tienes al lado",
           "wrong_right": "De incorrecta a correcta: 1", "you": "Tú: LSTM en la ronda 1 → GRU en la ronda 2.",
           "round1": "Ronda 1 de 2", "board": "Tablero de la clase", "look": "Ver esta en Entrenar",
           "train": "Entrenar una red recurrente"},
}


def snap(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def serious(page, inside: str) -> list[str]:
    """axe's serious and critical findings inside ``inside`` (the new panels)."""
    found = AXE.run(page, context=inside).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def count_is(page, lang: str, n: int) -> None:
    count = page.get_by_test_id("rnnlab-answer-count")
    expect(count).to_have_attribute("data-count", str(n), timeout=30_000)
    expect(count).to_have_text(TEXT[lang]["count"].format(n=n))


def fresh(page, key: str):
    return page.locator(f".st-key-{key}:not([data-stale='true']) button").filter(visible=True).first


@pytest.mark.parametrize("lang", ["en", "es"])
def test_two_rounds_with_a_discussion_between_and_both_rounds_revealed(browser, app_url, lang):
    errors: list[str] = []
    teacher = person(browser, lang, errors)
    student = person(browser, OTHER[lang], errors, phone=True)
    code = start_room(teacher, app_url, lang)
    student.goto(f"{app_url}/?room={code}")
    wait_ready(student)

    # Round one: "which cell wins on Compare", asked to vote twice.
    sidebar(teacher).locator(".st-key-live_ask_open button").first.click()
    teacher.locator(".st-key-live_q_kind").get_by_text(TEXT[lang]["choice"]).click()
    wait_ready(teacher)
    teacher.locator(".st-key-live_q_twice label").click()
    expect(teacher.locator(".st-key-live_q_twice input")).to_be_checked()
    wait_ready(teacher)
    fresh(teacher, "live_ask").click()  # the button of the finished run (a busy server redraws it)
    expect(teacher.locator(".st-key-live_question")).to_contain_text(TEXT[lang]["round1"], timeout=60_000)
    teacher.keyboard.press("Escape")
    wait_ready(teacher)
    expect(student.get_by_test_id("rnnlab-vote-round")).to_have_attribute("data-round", "1", timeout=30_000)
    fresh(student, "live_choice_1").click()  # LSTM
    expect(student.get_by_test_id("rnnlab-my-answer")).to_contain_text("LSTM", timeout=30_000)
    count_is(teacher, lang, 1)
    snap(student, f"{lang}-1-student-round1")

    # The teacher closes round one: they see the bars, the student is asked to discuss.
    fresh(teacher, "live_vote_close").click()
    expect(teacher.locator(".st-key-live_question .js-plotly-plot .trace").first).to_be_attached(timeout=30_000)
    discuss = student.get_by_test_id("rnnlab-vote-discuss")
    expect(discuss).to_contain_text(TEXT[OTHER[lang]]["discuss"], timeout=30_000)
    expect(student.locator(".st-key-live_question .js-plotly-plot")).to_have_count(0)
    expect(student.locator(".st-key-live_choice_0")).to_have_count(0)
    wait_settled(teacher)
    wait_ready(student)
    snap(teacher, f"{lang}-2-teacher-discuss")
    snap(student, f"{lang}-2-student-discuss")
    assert serious(teacher, ".st-key-live_question") == []
    assert serious(student, ".st-key-live_question") == []

    # Round two: the student changes to GRU; the teacher marks GRU right and reveals.
    fresh(teacher, "live_vote_second").click()
    expect(student.get_by_test_id("rnnlab-vote-round")).to_have_attribute("data-round", "2", timeout=30_000)
    fresh(student, "live_choice_2").click()  # GRU
    expect(student.get_by_test_id("rnnlab-my-answer")).to_contain_text("GRU", timeout=30_000)
    count_is(teacher, lang, 1)
    wait_ready(teacher)
    snap(teacher, f"{lang}-2b-teacher-round2")
    teacher.locator(".st-key-live_q_mark").click()
    teacher.get_by_role("option", name="GRU").click()
    wait_ready(teacher)
    fresh(teacher, "live_reveal").click()
    moved = teacher.get_by_test_id("rnnlab-vote-wrong_right")
    expect(moved).to_have_attribute("data-count", "1", timeout=30_000)
    expect(moved).to_have_text(TEXT[lang]["wrong_right"])
    expect(teacher.locator(".st-key-live_question .js-plotly-plot .trace.bars")).to_have_count(2, timeout=30_000)
    mine = student.get_by_test_id("rnnlab-vote-wrong_right")
    expect(mine).to_have_text(TEXT[OTHER[lang]]["wrong_right"], timeout=30_000)
    expect(student.locator(".st-key-live_question")).to_contain_text(TEXT[OTHER[lang]]["you"])
    expect(student.locator(".st-key-live_question .js-plotly-plot .trace.bars")).to_have_count(2, timeout=30_000)
    wait_settled(teacher)
    wait_settled(student)
    snap(teacher, f"{lang}-3-teacher-reveal")
    snap(student, f"{lang}-3-student-reveal")
    assert serious(teacher, ".st-key-live_question") == []
    assert serious(student, ".st-key-live_question") == []
    width = student.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width  # nothing wider than the phone
    assert not errors, errors


def test_the_class_board_projected_and_a_run_opened_on_train(browser, app_url):
    from rnnlab.activities.board import Board
    from rnnlab.classroom.rooms import Rooms
    from rnnlab.store import open_store
    from rnnlab.training import TrainConfig

    errors: list[str] = []
    teacher = person(browser, "es", errors)
    code = start_room(teacher, app_url, "es")
    rooms = Rooms(open_store())  # the server's store (the tests' environment names it)
    board = Board(rooms)
    posts = [(32, 1, 0.71), (32, 2, 0.93), (32, 3, 0.80), (64, 1, 0.66), (64, 2, 1.12), (8, 5, 1.4)]
    for k, (units, seed, mase) in enumerate(posts):
        sid = f"browserstudent{k:02d}"
        rooms.join(code, sid)
        settings = {**TrainConfig(units=units, seed=seed, cell="GRU" if units == 8 else "LSTM").__dict__}
        board.post(code, sid, {"kind": "train", "run": f"r{k}", "settings": settings, "mase": mase,
                               "persistence": 1.05, "seasonal": 0.97, "season": 50, "seconds": 2.5 + k,
                               "epochs": 20, "series": "Serie del cuaderno", "fingerprint": "00aa11bb22cc33dd"})
    sidebar(teacher).locator(".st-key-live_board_open button").click()
    dialog = teacher.get_by_role("dialog")
    expect(dialog.get_by_test_id("rnnlab-board-count")).to_have_attribute("data-count", "6", timeout=30_000)
    expect(dialog.get_by_test_id("rnnlab-board-group")).to_have_count(3)
    expect(dialog.get_by_test_id("rnnlab-board-group").first).to_have_attribute("data-n", "3")  # median 0.80
    wait_settled(teacher)
    snap(teacher, "board-projector")
    assert serious(teacher, "[role='dialog']") == []
    dialog.get_by_role("button", name=TEXT["es"]["look"]).first.click()
    expect(teacher.get_by_role("heading", name=TEXT["es"]["train"], exact=True)).to_be_visible(timeout=60_000)
    wait_ready(teacher)
    expect(sidebar(teacher).get_by_text("están en los controles de Entrenar")).to_be_visible(timeout=30_000)
    # the best group's best run: 1 x 32 tanh, seed 1, in the Train page's controls
    try:
        expect(teacher.get_by_text("1 × 32 tanh · 20 épocas").first).to_be_visible(timeout=60_000)
        expect(teacher.locator(".st-key-train_seed input")).to_have_value("1")
    except AssertionError:
        snap(teacher, "board-opened-on-train-failed")  # to look at
        raise
    snap(teacher, "board-opened-on-train")
    assert not errors, errors
