"""TensorFlow warm-up: pay TensorFlow's import and the first model's tracing before anyone
clicks Train.

Importing TensorFlow costs about 4 s here and tracing a model's training step another second
or two; without a warm-up the first student to press Train waits for both. ``start()`` does it
once per process in a background thread: it imports TensorFlow, builds the default model of
the Train page, traces its training and prediction steps on a dummy batch and leaves it in
``rnnlab.training.pool``, whose ``reset()`` gives the next training exactly a fresh model's
state (same numbers as without the warm-up).

Nothing happens where TensorFlow is not installed (the app's no-TensorFlow path), and importing
this module imports nothing heavy.
"""

from __future__ import annotations

import logging
import threading
import time

from rnnlab.declarations import settings
from rnnlab.training.models import warm_timed  # noqa: F401 - the warm-up's work, where it runs

log = logging.getLogger("rnnlab")

_lock = threading.Lock()
_thread: threading.Thread | None = None
result: dict = {}  # "seconds", "error": how the warm-up went (benchmarks and tests read it)


def enabled() -> bool:
    """``RNNLAB_WARMUP=0`` turns it off; it also needs TensorFlow installed."""
    from rnnlab.training.backend import tensorflow_available

    return settings.WARMUP.value() and tensorflow_available()


def warm(config=None) -> float:
    """Import TensorFlow and trace ``config``'s model (default: TrainConfig()), in the training
    worker when the app has one. Returns seconds; the queue's first estimate is recorded."""
    from rnnlab import training
    from rnnlab.runtime import worker

    seconds, held = worker.warm(config)
    training.slots.record(held)
    return seconds


def started() -> bool:
    return _thread is not None


def start(delay: float = 0.5) -> threading.Thread | None:
    """Warm up in the background (once per process), after ``delay`` seconds."""
    global _thread
    with _lock:
        if _thread is not None or not enabled():
            return _thread

        def run() -> None:
            time.sleep(delay)  # the first page's last messages reach the browser first
            try:
                result["seconds"] = warm()
            except Exception as exc:  # noqa: BLE001 - a failed warm-up only costs the first click time
                log.warning("TensorFlow warm-up failed: %s", exc)
                result["error"] = f"{type(exc).__name__}: {exc}"

        _thread = threading.Thread(target=run, name="rnnlab-tf-warmup", daemon=True)
        _thread.start()
        return _thread
