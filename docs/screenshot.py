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
        page = browser.new_page(viewport={"width": 1500, "height": 1000}, locale="en-US")
        page.goto(f"http://127.0.0.1:{PORT}/hidden_states?hidden_t=14&hidden_units=10")
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_text("Step t = 14 of").wait_for(timeout=30_000)
        # Show the step controls and the charts under them, not the settings above.
        page.evaluate("document.querySelector('.st-key-hidden_prev').scrollIntoView({block: 'start'})")
        time.sleep(1.5)
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
        browser.close()
finally:
    server.terminate()
