"""Regenerate docs/screenshot.png (the README's picture): .venv/bin/python docs/screenshot.py"""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
PORT = 8765

server = subprocess.Popen(
    [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
     f"--server.port={PORT}", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
    cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu"])
        # A projector-sized window, the stage as a class sees it at step 31 of a periodic series.
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
        page.goto(f"http://127.0.0.1:{PORT}/hidden_states?src=sine&n=200&periods=4&hidden_units=16"
                  "&hidden_length=80&hidden_t=31")
        page.wait_for_selector(READY, timeout=60_000)
        page.locator("[data-rnnlab-step='31']").wait_for(timeout=30_000)
        stage = page.get_by_test_id("rnnlab-stage")
        stage.scroll_into_view_if_needed()
        time.sleep(1.0)
        box = stage.bounding_box()
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"),
                        clip={"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16,
                              "height": box["height"] + 16})
        browser.close()
finally:
    server.terminate()
