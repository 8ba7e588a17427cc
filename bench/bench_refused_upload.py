"""What a refused upload costs the server (issue 26, item 18): prints the growth per upload.

A real server, one tab on the Data page, three different 24-25 MB CSV files that are refused
(more rows than rnnlab.data.MAX_ROWS), uploaded one after the other in the same tab, as a
student who picked the wrong file would. The server's RSS is read once each refusal message
shows (and 3 s later, to let a late release happen). Target: < 50 MB growth per refused upload.
Then a 2,000-value file that is accepted, to show the page still works.

    .venv/bin/python bench/bench_refused_upload.py [--uploads 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
from bench_server_limits import CHROMIUM, LAUNCH_ARGS, READY, open_page, rss_mb, start_server, stop  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MB = 2**20


def refused_file(path: Path, seed: int) -> Path:
    """A CSV of 24 MB: 12 million one-digit values, one a line (the limit is 5 million rows)."""
    rng = np.random.default_rng(seed)
    rows = 12_000_000
    with open(path, "w") as handle:
        handle.write("v\n")
        for start in range(0, rows, 1_000_000):
            values = rng.integers(0, 10, size=min(1_000_000, rows - start))
            handle.write("\n".join(map(str, values.tolist())) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        files = [refused_file(Path(folder) / f"wrong_{i}.csv", i) for i in range(args.uploads)]
        good = Path(folder) / "good.csv"
        good.write_text("v\n" + "\n".join(f"{v:.3f}" for v in np.sin(np.arange(2000) / 9)))
        proc, url = start_server({})
        pid = proc.pid
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
                page = open_page(context, url, "Data")
                page.get_by_test_id("stRadio").get_by_text("Upload").click()
                page.wait_for_selector(READY, timeout=60_000)
                time.sleep(3)
                base = rss_mb(pid)
                print(f"server RSS on the Data page before any upload: {base:.0f} MB "
                      f"(files of {files[0].stat().st_size / MB:.1f} MB)")
                previous = base
                refusal = page.get_by_text("rows, the limit")
                for i, path in enumerate(files, 1):
                    started = time.perf_counter()
                    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
                    uploader = page.get_by_test_id("stFileUploader")
                    expect(uploader.get_by_text(path.name)).to_be_visible(timeout=300_000)
                    page.wait_for_timeout(500)  # the rerun with the new file has started
                    page.wait_for_selector(READY, timeout=300_000)
                    expect(refusal.first).to_be_visible(timeout=300_000)
                    page.wait_for_selector(READY, timeout=300_000)
                    took = time.perf_counter() - started
                    shown = rss_mb(pid)
                    time.sleep(3)
                    later = rss_mb(pid)
                    print(f"refused upload {i}: {took:5.1f} s to the message; RSS {shown:6.0f} MB when "
                          f"shown, {later:6.0f} MB 3 s later: {later - previous:+5.0f} MB for this "
                          f"upload, {later - base:+5.0f} MB in all", flush=True)
                    previous = later
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(good))
                expect(page.get_by_text("2,000").first).to_be_visible(timeout=120_000)
                print(f"then a good 2,000-value file: RSS {rss_mb(pid):.0f} MB")
                context.close()
                browser.close()
        finally:
            stop(proc)
    growth = (previous - base) / max(1, args.uploads)
    print(f"mean growth per refused upload: {growth:+.0f} MB (target < 50 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
