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
    if not warmup.enabled() or warmup.started():
        return
    # pandas must be fully imported before the thread imports the training stack: Plotly looks
    # pandas up in sys.modules while other sessions draw, and a half-imported pandas there
    # breaks their page (seen in the classroom load test). Same reason as training_job's.
    from ui.jobs.training_job import _preimport

    _preimport()
    warmup.start()
