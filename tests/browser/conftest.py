"""Browser tests: one real Streamlit server per test session, driven by Debian's Chromium.

Playwright cannot download its own browser here, so it is pointed at /usr/bin/chromium.
Screenshots go to $RNNLAB_ARTIFACTS (default /tmp/rnnlab-browser-artifacts), server logs to
pytest's temporary folders: a test run never writes into the repository.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from testkit import READY, SETTLED_JS, UNSETTLED_JS, find_chromium, start_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("RNNLAB_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "rnnlab-browser-artifacts")


CHROMIUM = find_chromium()

# Playwright's assertions give up after 5 s. On a busy machine (a CI runner, a second test run
# alongside) the first fold opened on a page may still be fetching its widgets' code after that:
# the Train page's settings once showed their radios but not yet their sliders. An assertion waits
# for what it means; 20 s only lengthens a run that fails anyway.
expect.set_options(timeout=20_000)

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def streamlit_server(log_path: Path, extra_args=(), env: dict | None = None):
    """A real `streamlit run app.py` on a free loopback port: yields (url, process), stops it after."""
    try:
        proc, url = start_app(ROOT, log_path, extra_args, env)
    except SystemExit:
        pytest.fail(f"the Streamlit server did not start: see {log_path}")
    try:
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("server") / "server.log") as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    extra = {"executable_path": CHROMIUM} if CHROMIUM else {}  # None: Playwright's own build
    return {
        **browser_type_launch_args,
        **extra,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A laptop-sized window; tests that check projector readability may resize.
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}, "locale": "en-US"}


@pytest.fixture
def console_errors(page):
    """Collects console errors and page errors; tests assert the list is empty at the end."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def wait_ready(page, timeout: float = 60_000) -> None:
    """Wait until the script run has finished and the app is connected."""
    page.wait_for_selector(READY, timeout=timeout)




def wait_settled(page, timeout: float = 60_000) -> None:
    """The run has finished and the page is laid out for the window (see SETTLED_JS)."""
    wait_ready(page, timeout)
    try:
        page.wait_for_function(SETTLED_JS, polling=200, timeout=timeout)
    except PlaywrightTimeout as exc:
        raise AssertionError(f"the page never settled: {page.evaluate(UNSETTLED_JS)}") from exc
    wait_ready(page, timeout)


def open_page(page, app_url: str, nav_label: str, heading: str | None = None) -> None:
    """Open the app, then a page through the sidebar (a page.goto would start a new session)."""
    page.goto(app_url)
    wait_ready(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text=nav_label).click()
    if heading:
        from playwright.sync_api import expect

        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    wait_ready(page)


def open_fold(page, key: str) -> None:
    """Unfold the expander with key ``key`` (a click on its summary) and wait until it is open
    and the run it may ask for (a fold drawn only while open: ui/elements/folds.py) is over.
    Sections not needed first are folded (issue 26 item 11): a test that reads what is inside
    opens the fold, as a student would."""
    from playwright.sync_api import expect

    fold = page.locator(f".st-key-{key} details").first
    if fold.get_attribute("open") is None:
        fold.locator("summary").first.click()
    expect(fold).to_have_attribute("open", "")
    # A fold drawn only while open is empty until the run its opening asks for draws into it;
    # that run may not have begun yet when the attribute is set, so "not running" is not enough.
    body = fold.locator("[data-testid='stExpanderDetails'] [data-testid='stElementContainer']").first
    expect(body).to_be_attached(timeout=60_000)
    wait_ready(page)


def shot(page, name: str, whole: bool = False) -> Path:
    """Save a screenshot under ARTIFACTS (look at it!).

    Streamlit scrolls inside its own container, so a "full page" screenshot shows only the
    window; ``whole=True`` grows the window to the content's height first, then restores it.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    if whole and size:
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main,"
            " [data-testid=stAppViewContainer]')].map(e => e.scrollHeight), 0)")
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 12000))})
        wait_settled(page)  # Plotly charts redrawn for the new window
    page.screenshot(path=str(path), full_page=True)
    if whole and size:
        page.set_viewport_size(size)
    return path


def pytest_report_header(config):
    return f"browser screenshots: {ARTIFACTS}"


def pytest_collection_modifyitems(items):
    """Mark every test under tests/browser as `browser` (a conftest's pytestmark reaches no test
    module), so that `-m "not browser"` really leaves them out."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(ROOT / "tests" / "browser"):
            item.add_marker(pytest.mark.browser)
