"""The built-in lesson's offline file: its size, how long it takes to write, and its first paint
when opened from file:// in Chromium with the network blocked.

    .venv/bin/python bench/bench_offline_lesson.py [--runs 5]

First paint is Chromium's 'first-contentful-paint' (performance.getEntriesByType('paint')),
measured in a fresh browser context per run; the median and the spread are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.lessons import builtin, offline_html  # noqa: E402
from testkit import find_chromium  # noqa: E402

FCP_JS = """() => new Promise((resolve) => {
  const find = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const done = find();
  if (done) return resolve(done.startTime);
  new PerformanceObserver((list) => {
    const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
    if (e) resolve(e.startTime);
  }).observe({type: 'paint', buffered: true});
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    lesson = builtin("notebook")
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for lang in ("es", "en", "both"):
            started = time.perf_counter()
            html = offline_html(lesson, lang)
            seconds = time.perf_counter() - started
            path = Path(folder) / f"notebook-{lang}.html"
            path.write_text(html, encoding="utf-8")
            paths[lang] = path
            print(f"{lang:>4}: {path.stat().st_size / 1e6:.3f} MB ({path.stat().st_size:,} bytes), "
                  f"{len(lesson)} scenes, written in {seconds:.2f} s")
        chromium = find_chromium()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for lang in ("es", "both"):
                fcp, ready = [], []
                for _ in range(args.runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 720})
                    blocked = []
                    context.route("**/*", lambda r, blocked=blocked: r.continue_() if r.request.url.startswith(
                        "file:") else (blocked.append(r.request.url), r.abort()))
                    page = context.new_page()
                    page.goto(paths[lang].as_uri())
                    fcp.append(page.evaluate(FCP_JS))
                    page.wait_for_selector("[data-ready='1']")
                    ready.append(page.evaluate("window.__rnnlabOfflineReadyMs"))
                    assert not blocked, blocked
                    context.close()
                print(f"{lang:>4}: first contentful paint from file:// median {statistics.median(fcp):.0f} ms "
                      f"(min {min(fcp):.0f}, max {max(fcp):.0f}; player ready by {statistics.median(ready):.0f} ms; "
                      f"{args.runs} runs, 1280x720, network blocked)")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
