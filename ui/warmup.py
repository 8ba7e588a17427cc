"""Start rnnlab.warmup after the first page of the process has been drawn, on a real server."""

from __future__ import annotations

import sys

from rnnlab import warmup


def after_first_page() -> None:
    # AppTest runs pages in the test's own process, where TensorFlow must stay unimported.
    if "streamlit.testing.v1" in sys.modules:
        return
    warmup.start()
