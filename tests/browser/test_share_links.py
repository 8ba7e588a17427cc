"""A lesson link in a real browser: a fresh session opens the same series, network and step,
with teacher mode hiding controls and showing the task; the share panel rebuilds the link."""

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import open_fold, shot, wait_ready

LINK = ("/hidden_states?src=sine&n=240&periods=3&noise=0.05&seed=7&lb=12"
        "&hidden_cell=GRU&hidden_units=12&hidden_length=60&hidden_t=7"
        "&teacher=1&hide=hidden_units,hidden_seed&task=forget_peak")


def test_lesson_link_reproduces_the_setup(page, app_url, console_errors):
    # Opening a page URL directly, Streamlit's frontend first probes whether /hidden_states is
    # a base path (/hidden_states/_stcore/health and host-config answer 404), then uses /.
    # Those two probes are expected; any other failed request is an error.
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(app_url + LINK)
    wait_ready(page)
    expect(page.get_by_role("heading", name="Hidden states, step by step")).to_be_visible(timeout=30_000)
    # The series: 240 generated points (the sidebar says so).
    expect(page.get_by_test_id("stSidebar").get_by_text("Noisy sine (240 points)")).to_be_visible()
    # The network and the step.
    marker = page.locator("[data-rnnlab-step]")
    expect(marker).to_have_attribute("data-rnnlab-step", "7", timeout=30_000)
    expect(marker).to_have_attribute("data-rnnlab-steps", "60")
    expect(page.get_by_text("Step t = 7 of 60")).to_be_visible()
    # The cell is a segmented control (a radio group of buttons): GRU, exactly (not minGRU), is
    # its one checked option.
    cells = page.locator(".st-key-hidden_cell")
    expect(cells.get_by_role("radio", name="GRU", exact=True)).to_be_checked()
    expect(cells.get_by_role("radio", checked=True)).to_have_count(1)
    # Teacher mode: the task is shown, the chosen controls are hidden, the others are not.
    expect(page.get_by_text("Predict what the forget gate will do")).to_be_visible()
    expect(page.locator(".st-key-hidden_units")).to_be_hidden()
    expect(page.locator(".st-key-hidden_seed")).to_be_hidden()
    expect(page.locator(".st-key-hidden_cell")).to_be_visible()
    # A task asks the class to predict: the stage opens with the future hidden.
    expect(page.get_by_test_id("rnnlab-stage-hide-future")).to_be_checked()
    shot(page, "lesson_link_teacher")

    # Step on, then share: the link holds the new step and the same series and network.
    open_fold(page, "hidden_math")  # the arithmetic that follows the settled step (folded)
    page.get_by_test_id("rnnlab-stage").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("Step t = 8 of 60")).to_be_visible()
    expect(page.get_by_text("Neuron 1 at step t = 8,")).to_be_visible(timeout=20_000)  # settled
    wait_ready(page)
    page.get_by_test_id("stSidebar").get_by_text("Share this setup").click()
    code = page.get_by_test_id("stPopoverBody").locator("code")
    expect(code).to_contain_text("hidden_t=8", timeout=20_000)
    params = parse_qs(urlparse(code.inner_text().strip()).query)
    assert params["src"] == ["sine"] and params["n"] == ["240"] and params["seed"] == ["7"]
    assert params["hidden_cell"] == ["GRU"] and params["hidden_units"] == ["12"]
    assert params["lb"] == ["12"]
    assert urlparse(code.inner_text().strip()).path.endswith("/hidden_states")
    shot(page, "lesson_share_panel")

    # The shared link, opened fresh, shows the same step on the stage.
    fresh = page.context.browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    fresh.goto(code.inner_text().strip())
    fresh_marker = fresh.locator("[data-rnnlab-step]")
    expect(fresh_marker).to_have_attribute("data-rnnlab-step", "8", timeout=60_000)
    expect(fresh_marker).to_have_attribute("data-rnnlab-steps", "60")
    fresh.close()
    probes = {f"{app_url}/hidden_states/_stcore/{name}" for name in ("health", "host-config")}
    assert set(failed) <= probes, failed
    assert [e for e in console_errors if "status of 404" not in e] == []
