"""The Hidden states stage in a real browser: it steps, scrubs and plays without asking the
server, tells the server the step once it settles, fits a projector screen, hides the future."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_fold, shot, wait_ready, wait_settled

HEADINGS = {"en": ("Hidden states", "Hidden states, step by step"),
            "es": ("Estados ocultos", "Estados ocultos, paso a paso")}
PLAY = {"en": "Play", "es": "Reproducir"}
PAUSE = {"en": "Pause", "es": "Pausa"}
MATH = {"en": "Neuron 1 at step t = {t},", "es": "Neurona 1 en el paso t = {t},"}
STATUS = {"en": "Step t = {t} of {T}", "es": "Paso t = {t} de {T}"}


class Wire:
    """Counts what goes over Streamlit's websocket: a frame sent by the browser is a rerun
    request (a BackMsg); the bytes received are what the server sent."""

    def __init__(self, page):
        self.sent = 0
        self.received = 0
        page.on("websocket", self._watch)

    def _watch(self, ws):
        ws.on("framesent", lambda payload: setattr(self, "sent", self.sent + 1))
        ws.on("framereceived", lambda payload: setattr(self, "received", self.received + len(payload or b"")))

    def reset(self):
        self.sent = self.received = 0


SETTLE = 0.3  # ui/elements/stage.js's SETTLE_MS: a step is reported (one rerun) 300 ms after the last key


class Presses:
    """Presses keys and notes when: on a loaded machine two presses may come more than a settle
    apart, and the step settles between them (one rerun each time, as designed)."""

    def __init__(self, page):
        self.page, self.times = page, []

    def __call__(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.times.append(time.monotonic())
            self.page.keyboard.press(key)

    def pauses(self) -> int:
        """How many gaps between two presses were long enough for a settle (none when quiet;
        counted generously: a press's own time is part of its gap)."""
        return sum(b - a > SETTLE * 0.8 for a, b in zip(self.times, self.times[1:], strict=False))


def _open(page, app_url, lang="en"):
    page.goto(app_url)
    wait_ready(page)
    if lang == "es":
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_ready(page)
    nav, heading = HEADINGS[lang]
    open_page_from_here(page, nav, heading)
    stage = page.get_by_test_id("rnnlab-stage")
    expect(stage).to_be_visible(timeout=30_000)
    stage.scroll_into_view_if_needed()
    return stage


def open_page_from_here(page, nav, heading):
    page.get_by_test_id("stSidebarNavLink").filter(has_text=nav).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    wait_ready(page)


def _step(page) -> int:
    return int(page.locator("[data-rnnlab-step]").get_attribute("data-rnnlab-step"))


def _expect_step(page, t: int, steps: int | None = None):
    marker = page.locator("[data-rnnlab-step]")
    expect(marker).to_have_attribute("data-rnnlab-step", str(t))
    if steps is not None:
        expect(marker).to_have_attribute("data-rnnlab-steps", str(steps))


def _settled(page, wire, lang, t, earlier: int = 0):
    """One rerun request (after ``earlier`` ones a slow machine's pauses settled), then the
    arithmetic below the stage shows step t."""
    expect(page.get_by_text(MATH[lang].format(t=t))).to_be_visible(timeout=20_000)
    wait_ready(page)
    assert wire.sent == earlier + 1, f"expected one rerun for the settled step, saw {wire.sent - earlier}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_keyboard_scrubber_play_and_pause_without_reruns(page, app_url, console_errors, lang):
    wire = Wire(page)
    stage = _open(page, app_url, lang)
    open_fold(page, "hidden_math")  # the test reads the step the arithmetic follows (folded)
    _expect_step(page, 1, 50)
    expect(page.get_by_text(STATUS[lang].format(t=1, T=50))).to_be_visible()

    # Keyboard: arrows, End and Home, with the stage focused; nothing goes to the server (but a
    # settle, when a loaded machine took longer than one between two presses).
    wire.reset()
    stage.focus()
    press = Presses(page)
    press("ArrowRight", 5)
    press("ArrowLeft")
    _expect_step(page, 5)
    press("End")
    _expect_step(page, 50)
    press("Home")
    _expect_step(page, 1)
    press("ArrowRight", 6)
    _expect_step(page, 7)
    earlier = wire.sent
    assert earlier <= press.pauses(), f"stepping asked the server for {earlier} reruns"
    expect(page.get_by_text(STATUS[lang].format(t=7, T=50))).to_be_visible()
    _settled(page, wire, lang, 7, earlier)  # ~300 ms later: one rerun, the arithmetic follows
    expect(page.locator(":focus")).to_have_attribute("data-testid", "rnnlab-stage")  # focus kept

    # The scrubber: a click half-way along it.
    wire.reset()
    scrub = page.get_by_test_id("rnnlab-stage-scrubber")
    box = scrub.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.querySelector('[data-rnnlab-step]').dataset.rnnlabStep !== '7'")
    scrubbed = _step(page)
    assert 20 <= scrubbed <= 31
    _settled(page, wire, lang, scrubbed)

    # Play: the step moves with no rerun; Pause stops at the step on screen, the button stays put.
    # From step 1 at 8 steps/s: 6 s before the stage reaches the end and stops by itself (from the
    # scrubbed step at 15 steps/s a loaded machine got there before Pause: the click was Play).
    wire.reset()
    stage.focus()
    page.keyboard.press("Home")
    _expect_step(page, 1)
    _settled(page, wire, lang, 1)
    scrubbed = 1
    wire.reset()
    page.get_by_test_id("rnnlab-stage-speed").select_option("8")
    play = page.get_by_role("button", name=PLAY[lang], exact=True)
    before = play.bounding_box()
    play.click()
    pause = page.get_by_role("button", name=PAUSE[lang], exact=True)
    expect(pause).to_be_visible()
    page.wait_for_function(f"() => +document.querySelector('[data-rnnlab-step]').dataset.rnnlabStep >= {scrubbed + 5}")
    assert wire.sent == 0, "playing asked the server for a rerun"
    assert pause.bounding_box() == before  # the button did not move under the pointer
    pause.click()
    shown = _step(page)
    page.wait_for_timeout(800)
    assert _step(page) == shown  # stopped at the step that was on screen
    expect(page.get_by_role("button", name=PLAY[lang], exact=True)).to_be_visible()
    _settled(page, wire, lang, shown)
    # Space plays and pauses too.
    wire.reset()
    stage.focus()
    page.keyboard.press("Space")
    expect(pause).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name=PLAY[lang], exact=True)).to_be_visible()
    shot(page, f"hidden_stage_{lang}")
    assert [e for e in console_errors if "status of 404" not in e] == []


def _heat_pixel(page, fraction: float) -> list[int]:
    """The colour of the heatmap canvas at ``fraction`` of its plot width, half-way down."""
    return page.evaluate(
        """(f) => { const c = document.querySelector('.rs-heat canvas'); const d = devicePixelRatio;
        const x = Math.round((34 + f * (c.width / d - 50)) * d), y = Math.round(c.height / 2);  // margins: stage.js
        return Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data); }""", fraction)


def test_hide_the_future_and_the_stage_fits_a_projector(page, app_url, console_errors):
    page.set_viewport_size({"width": 1280, "height": 720})
    stage = _open(page, app_url)
    switch = page.get_by_test_id("rnnlab-stage-hide-future")
    expect(switch).not_to_be_checked()  # no teacher's task: everything is shown
    future = _heat_pixel(page, 0.8)
    switch.check()
    hidden = _heat_pixel(page, 0.8)
    assert hidden[:3] == [0xEE, 0xF0, 0xF3] and future[:3] != hidden[:3]
    stage.focus()
    page.keyboard.press("End")  # at the last step nothing is in the future any more
    assert _heat_pixel(page, 0.8)[:3] == future[:3]
    switch.uncheck()

    # The whole stage on one 1280x720 screen, sidebar open and closed, nothing cut.
    for sidebar in ("open", "closed"):
        if sidebar == "closed":
            page.get_by_test_id("stSidebar").hover()
            page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
            expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
            wait_settled(page)  # the main column has grown and the charts with it
        stage.scroll_into_view_if_needed()
        box = stage.bounding_box()
        assert box["height"] <= 720 - 60, f"stage {box['height']} px high with the sidebar {sidebar}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
        overflow = stage.evaluate("e => [e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight]")
        assert overflow == [0, 0], overflow
        shot(page, f"hidden_stage_1280_sidebar_{sidebar}")

    # Projector mode fills the window; Escape brings the page back.
    page.get_by_test_id("rnnlab-stage-projector").click()
    box = stage.bounding_box()
    assert box["width"] == 1280 and box["height"] == 720
    shot(page, "hidden_stage_projector")
    page.keyboard.press("Escape")
    assert stage.bounding_box()["height"] < 700
    assert [e for e in console_errors if "status of 404" not in e] == []


class Held:
    """Streamlit's websocket routed through the test: what the server sends can be held back
    (while the test acts in the browser) and then let go, in order. ``finished`` counts the
    script runs whose end was held."""

    def __init__(self, page):
        self.page, self.holding, self.queue, self.finished, self.ws = page, False, [], 0, None
        page.route_web_socket(re.compile(r".*/_stcore/stream$"), self._route)

    def _route(self, ws):
        server = ws.connect_to_server()
        self.ws = ws
        ws.on_message(server.send)
        server.on_message(self._from_server)

    def _from_server(self, message):
        if not self.holding:
            self.ws.send(message)
            return
        self.queue.append(message)
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(message, bytes) and ForwardMsg.FromString(message).WhichOneof("type") == "script_finished":
            self.finished += 1

    def wait_finished(self, runs: int = 1, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while self.finished < runs:
            assert time.monotonic() < deadline, "the server's run did not end"
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames

    def release(self):
        self.holding = False
        queue, self.queue = self.queue, []
        for message in queue:
            self.ws.send(message)


def test_a_step_taken_while_a_rerun_is_on_its_way_is_kept(page, app_url, console_errors):
    """A slider moved, then the stage stepped before the slider's rerun came back: the new
    network's stage goes on at the browser's step (it was built at the server's older one) and
    reports it. It used to go back to the older step, and a student lost their place."""
    held = Held(page)
    stage = _open(page, app_url)
    open_fold(page, "hidden_math")
    _expect_step(page, 1, 50)
    held.holding = True
    units = page.locator(".st-key-hidden_units input[type=range]")
    units.focus()
    page.keyboard.press("ArrowRight")
    expect(units).to_have_value("9")
    held.wait_finished()  # the server has drawn the 9-unit stage, at step 1: on its way
    stage.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    _expect_step(page, 6)
    expect(page.locator("[data-rnnlab-step]")).to_have_attribute("data-rnnlab-units", "8")
    held.release()
    expect(page.locator("[data-rnnlab-step]")).to_have_attribute("data-rnnlab-units", "9")
    _expect_step(page, 6)
    expect(page.get_by_text(MATH["en"].format(t=6))).to_be_visible()  # and the server heard it
    wait_ready(page)
    _expect_step(page, 6)
    assert [e for e in console_errors if "status of 404" not in e] == []


def test_phone_stacks_the_stage_and_training_follows(browser, app_url):
    # A Spanish phone: the language comes from the browser (the sidebar starts folded there).
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-ES")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    page.goto(app_url + "/hidden_states")
    wait_ready(page)
    expect(page.get_by_role("heading", name=HEADINGS["es"][1])).to_be_visible(timeout=30_000)
    stage = page.get_by_test_id("rnnlab-stage")
    stage.scroll_into_view_if_needed()
    assert stage.bounding_box()["width"] <= 390
    grid = page.locator(".rs-grid")
    columns = grid.evaluate("e => getComputedStyle(e).gridTemplateColumns.split(' ').length")
    assert columns == 1
    expect(page.get_by_role("button", name="Reproducir", exact=True)).to_be_visible()
    shot(page, "hidden_stage_phone_es")

    # Train: the loss curve appears and the stage switches to the trained network's trace.
    page.set_viewport_size({"width": 1440, "height": 900})
    first = stage.get_attribute("data-rnnlab-cell")
    old = page.locator("[data-rnnlab-step]").evaluate("e => e.textContent")
    page.get_by_role("button", name=re.compile("Entrenar con retropropagación")).click()
    expect(page.get_by_text("Entrenada en")).to_be_visible(timeout=60_000)
    expect(page.locator(".st-key-hidden_loss .scatterlayer .trace")).to_have_count(1)
    wait_ready(page)
    assert first == "LSTM"
    assert page.locator("[data-rnnlab-step]").evaluate("e => e.textContent") != old  # new predictions
    page.locator(".st-key-hidden_cell").get_by_text("GRU", exact=True).click()
    wait_ready(page)
    expect(page.get_by_test_id("rnnlab-stage")).to_have_attribute("data-rnnlab-cell", "GRU")
    context.close()
    assert [e for e in console_errors if "status of 404" not in e] == []


# --- the stage on a wall (issue 26, items 6 and 15) ----------------------------------------------
PROJECTOR = {"en": ("Projector", "Projector mode"), "es": ("Proyector", "Modo proyector")}
SHOW_TRAINED = {"en": "Show the trained network", "es": "Mostrar la red entrenada"}

# Ink and prediction pixels of the input panel right of the grey "future hidden" box's edge
# (margins and colours as in ui/elements/stage.js: m.l 46, m.r 10, INK #111827, PRED #c2410c).
FUTURE_INK = """() => {
  const c = document.querySelector('.rs-input canvas'), d = devicePixelRatio;
  const step = +document.querySelector('[data-rnnlab-step]').dataset.rnnlabStep;
  const T = +document.querySelector('[data-rnnlab-steps]').dataset.rnnlabSteps;
  const w = c.width / d, h = c.height / d;
  const X = (s) => 46 + ((s - 0.5) / (T + 1)) * (w - 46 - 10);
  const x0 = Math.ceil((X(step + 1.5) + 3) * d), x1 = Math.floor((w - 10) * d);
  const y0 = Math.ceil(8 * d), y1 = Math.floor((h - 22) * d);
  const px = c.getContext('2d').getImageData(x0, y0, x1 - x0, y1 - y0).data;
  const near = (i, rgb) => Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 60;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (near(i, [17, 24, 39]) || near(i, [194, 65, 12])) n++;
  return n;
}"""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_stage_on_a_wall(browser, app_url, lang):
    """1280x720: the stage on the first screen; arrows step it without a click (not while a
    slider has the focus); the projector button says its name; the hidden future hides the input
    line too; the "show the trained network" label is whole."""
    context = browser.new_context(viewport={"width": 1280, "height": 720},
                                  locale="es-ES" if lang == "es" else "en-US")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(app_url)
    wait_ready(page)
    nav, heading = HEADINGS[lang]
    open_page_from_here(page, nav, heading)
    stage = page.get_by_test_id("rnnlab-stage")
    expect(stage).to_be_visible(timeout=30_000)
    assert page.evaluate("() => window.scrollY") == 0
    box = stage.bounding_box()
    assert box["y"] < 720 - 200, f"the stage starts at {box['y']} px: below the first screen"
    shot(page, f"hidden_first_screen_1280_{lang}")

    # Keys without clicking the stage first (the focus is on the page, or on the nav link).
    _expect_step(page, 1, 50)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    _expect_step(page, 4)
    page.keyboard.press("End")
    _expect_step(page, 50)
    page.keyboard.press("Home")
    _expect_step(page, 1)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # nothing: Space plays
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name=PAUSE[lang], exact=True)).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name=PLAY[lang], exact=True)).to_be_visible()
    page.keyboard.press("Home")
    _expect_step(page, 1)
    wait_ready(page)
    # ... but a slider with the focus keeps its arrows
    units = page.locator(".st-key-hidden_units input[type=range]")
    units.focus()
    page.keyboard.press("ArrowRight")
    expect(units).to_have_value("9")
    _expect_step(page, 1)
    marker = page.locator("[data-rnnlab-step]")
    expect(marker).to_have_attribute("data-rnnlab-units", "9")  # the slider's run is back (its value
    wait_ready(page)  # goes to the server a moment after the thumb moves)
    units = page.locator(".st-key-hidden_units input[type=range]")
    units.focus()
    page.keyboard.press("ArrowLeft")
    expect(units).to_have_value("8")
    expect(marker).to_have_attribute("data-rnnlab-units", "8")
    wait_ready(page)

    # The projector button shows its name, and its accessible name contains it.
    word, name = PROJECTOR[lang]
    projector = page.get_by_test_id("rnnlab-stage-projector")
    expect(projector).to_have_text(word)
    expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()

    # The trained-network switch's label is not cut.
    label = page.get_by_text(SHOW_TRAINED[lang], exact=True)
    expect(label).to_be_visible()
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), "the label is cut"

    # Hide the future: nothing of the input or the prediction is drawn past step t.
    stage = page.get_by_test_id("rnnlab-stage")
    stage.focus()
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    _expect_step(page, 10)
    assert page.evaluate(FUTURE_INK) > 0  # shown: the input line runs on to step 50
    page.get_by_test_id("rnnlab-stage-hide-future").check()
    assert page.evaluate(FUTURE_INK) == 0
    expect(page.locator(".rs-input canvas")).to_have_attribute("data-rnnlab-drawn-steps", "10")
    shot(page, f"hidden_future_hidden_1280_{lang}")
    context.close()
    assert [e for e in console_errors if "status of 404" not in e] == []
