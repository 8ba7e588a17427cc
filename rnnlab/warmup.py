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
import os
import threading
import time

log = logging.getLogger("rnnlab")

_lock = threading.Lock()
_thread: threading.Thread | None = None
result: dict = {}  # "seconds", "error": how the warm-up went (benchmarks and tests read it)


def enabled() -> bool:
    """``RNNLAB_WARMUP=0`` turns it off; it also needs TensorFlow installed."""
    from rnnlab.backend import tensorflow_available

    return os.environ.get("RNNLAB_WARMUP", "1") != "0" and tensorflow_available()


def warm(config=None) -> float:
    """Import TensorFlow and trace ``config``'s model (default: TrainConfig()), in the training
    worker when the app has one. Returns seconds; the queue's first estimate is recorded."""
    from rnnlab import training
    from rnnlab.training import worker

    seconds, held = worker.warm(config)
    training.slots.record(held)
    return seconds


def warm_timed(config=None) -> tuple[float, float]:
    """Import TensorFlow and trace ``config``'s model in this process. Returns (seconds, seconds
    the default training's steps took: what a training holds its slot for, roughly)."""
    import numpy as np

    from rnnlab import training

    started = time.perf_counter()
    config = config or training.TrainConfig()
    entry, _ = training.pool.checkout(config)
    try:
        x = np.zeros((2, config.lookback, 1), dtype=np.float32)
        entry.train_step(x, np.zeros(2, dtype=np.float32))  # traces the step (the slow part)
        entry.predict(x)
        # Time the default training's steps on the default series' shapes: the queue's first
        # estimate ("your turn in about ...") before any real training has finished.
        windows = config.window_counts(100)
        batch = np.zeros((config.batch_size, config.lookback, 1), dtype=np.float32)
        target = np.zeros(config.batch_size, dtype=np.float32)
        timed = time.perf_counter()
        for _ in range(int(config.epochs)):
            for _ in range(-(-windows["train"] // config.batch_size)):
                entry.train_step(batch, target)
            entry.predict(x)
        held = time.perf_counter() - timed
    finally:
        training.pool.checkin(entry)
    return time.perf_counter() - started, held


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
