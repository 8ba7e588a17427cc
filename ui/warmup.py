"""Start rnnlab.warmup after the first page of the process has been drawn, on a real server."""

from __future__ import annotations

import sys

from rnnlab import warmup


def after_first_page() -> None:
    # AppTest runs pages in the test's own process, where TensorFlow must stay unimported.
    if "streamlit.testing.v1" in sys.modules or not warmup.enabled() or warmup.started():
        return
    # pandas must be fully imported before the thread imports the training stack: Plotly looks
    # pandas up in sys.modules while other sessions draw, and a half-imported pandas there
    # breaks their page (seen in the classroom load test). Same reason as training_job's.
    from ui.training_job import _preimport

    _preimport()
    warmup.start()
