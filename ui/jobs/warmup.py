"""Send trainings to the worker process (rnnlab.runtime.worker) and warm it up (rnnlab.runtime.warmup:
TensorFlow imported, default model traced): as the server starts when it is served by serve.py
(st.App's lifespan), else on a real server after the first page has been drawn."""

from __future__ import annotations

import sys

from rnnlab.runtime import warmup, worker


def at_server_start() -> None:
    """Served by serve.py: start and warm the training worker as the server starts, before any
    page (nothing else runs yet, so the imports below cannot meet a page half-way)."""
    import pandas  # noqa: F401 - complete before any session draws (see app.py)

    worker.enable()
    if warmup.enabled() and not warmup.started():
        from ui.jobs.training_job import _preimport

        _preimport()
        warmup.start(delay=0.0)


def after_first_page() -> None:
    # AppTest runs pages in the test's own process: it trains there (no worker, no warm-up).
    if "streamlit.testing.v1" in sys.modules:
        return
    worker.enable()  # trainings in their own process: the server's Python stays for the pages
    if "sklearn.preprocessing" not in sys.modules:
        # Here, after the first page, not when a page first scales a series: importing
        # scikit-learn (0.7 s) holds every session's drawing, a whole class on a lesson's first
        # Hidden states scene (bench/bench_lesson_room.py). Also before the warm-up's thread:
        # pandas must be fully imported before it imports the training stack (Plotly looks
        # pandas up in sys.modules while other sessions draw; see training_job._preimport).
        from ui.jobs.training_job import _preimport

        _preimport()
    if not warmup.enabled() or warmup.started():
        return
    warmup.start()
