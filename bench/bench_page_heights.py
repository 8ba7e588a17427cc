"""How tall each page is, in screens, on a phone (390x844) and a projector (1280x720).

A fresh ``streamlit run app.py``; each page opened at its address in headless Chromium, in
Spanish and English, on first load (the app's defaults: nothing trained), laid out for the
window (testkit.SETTLED_JS). The height is the scroll height of Streamlit's main area (it
scrolls inside its own container) divided by the window's height: 1.0 = one screen.

    .venv/bin/python bench/bench_page_heights.py [--pages data,hidden_states] [--langs es,en]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit import READY, SETTLED_JS, find_chromium, start_app  # noqa: E402
from ui.elements.nav import PAGES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"phone": (390, 844), "projector": (1280, 720)}
HEIGHT_JS = """() => Math.max(...[...document.querySelectorAll(
  '[data-testid=stMain], [data-testid=stAppViewContainer]')].map((e) => e.scrollHeight), 0)"""


def measure(page, url: str, path: str) -> float:
    """The page at ``url/path``, laid out: its height in pixels."""
    page.goto(f"{url}/{path}")
    page.wait_for_selector(READY, timeout=180_000)
    page.wait_for_function(SETTLED_JS, polling=200, timeout=180_000)
    page.wait_for_selector(READY, timeout=180_000)
    return float(page.evaluate(HEIGHT_JS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(p.url for p in PAGES))
    parser.add_argument("--langs", default="es,en")
    args = parser.parse_args()
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    proc, url = start_app(ROOT, log, env={"RNNLAB_DATA_DIR": tempfile.mkdtemp()})
    chromium = find_chromium()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            for lang in args.langs.split(","):
                for size, (w, h) in SIZES.items():
                    context = browser.new_context(
                        viewport={"width": w, "height": h},
                        locale="es-ES" if lang == "es" else "en-US",
                    )
                    for path in args.pages.split(","):
                        page = context.new_page()
                        height = measure(page, url, path)
                        print(
                            f"{path:14s} {lang}  {size:9s} {w}x{h}  {height:7.0f} px"
                            f"  {height / h:5.2f} screens",
                            flush=True,
                        )
                        page.close()
                    context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
