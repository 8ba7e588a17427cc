"""Accessibility and phone-width figures of every page (prints them; not a pass/fail test).

For each page, language (es, en) and window (1280x720 projector, 390x844 phone), on first load:
the number of axe-core violations of serious or critical impact (target: 0), and the widest
scroll width of the document and of Streamlit's main area against the window (target: no wider).
With --shots DIR, a whole-page screenshot of each (look at them).

Run: .venv/bin/python bench/bench_a11y.py [--pages home,data,...] [--shots /tmp/rnnlab-a11y-shots]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
READY = "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
PAGES = {"home": "", "data": "data", "hidden": "hidden_states", "train": "train", "compare": "compare",
         "concepts": "concepts"}
SIZES = {"projector": (1280, 720), "phone": (390, 844)}
WIDTH_JS = """() => Math.max(document.scrollingElement.scrollWidth,
  ...[...document.querySelectorAll('[data-testid=stMain]')].map((e) => e.scrollWidth))"""


def _server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                             "--server.address=127.0.0.1", f"--server.port={port}",
                             "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--shots", default=None, help="folder for whole-page screenshots")
    args = parser.parse_args()
    shots = Path(args.shots) if args.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    proc, url = _server()
    axe = Axe()
    print(f"{'page':9} {'lang':4} {'window':9} {'serious+critical':>16} {'widest px':>9} {'window px':>9}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                          "--disable-dev-shm-usage"])
            for lang in ("es", "en"):
                for size_name, (w, h) in SIZES.items():
                    context = browser.new_context(viewport={"width": w, "height": h},
                                                  locale="es-ES" if lang == "es" else "en-US")
                    for name in args.pages.split(","):
                        page = context.new_page()
                        page.goto(f"{url}/{PAGES[name]}")
                        page.wait_for_selector(READY, timeout=120_000)
                        page.wait_for_timeout(2000)
                        page.wait_for_selector(READY, timeout=120_000)
                        bad = [v for v in axe.run(page).response["violations"]
                               if v["impact"] in ("serious", "critical")]
                        widest = page.evaluate(WIDTH_JS)
                        ids = ",".join(v["id"] for v in bad)
                        print(f"{name:9} {lang:4} {size_name:9} {len(bad):>16} {widest:>9} {w:>9} {ids}",
                              flush=True)
                        if shots:
                            full = page.evaluate("Math.max(...[...document.querySelectorAll("
                                                 "'[data-testid=stMain]')].map(e => e.scrollHeight), 0)")
                            page.set_viewport_size({"width": w, "height": max(h, min(int(full), 9000))})
                            page.wait_for_timeout(1200)
                            page.screenshot(path=str(shots / f"{name}_{lang}_{size_name}.png"))
                        page.close()
                    context.close()
            browser.close()
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
