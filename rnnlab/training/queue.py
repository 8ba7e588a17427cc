"""At most N trainings at once in the process; the others wait in line, first come first served.

``slots`` is the process-wide instance: every training (and backtest, and warm-up) goes through it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np

from rnnlab.declarations import settings


class TrainingCancelled(Exception):
    """``should_stop()`` said stop while the training was still waiting for a slot."""


class TrainingSlots:
    """A first-come, first-served limit on concurrent trainings in this process."""

    def __init__(self, limit: int | None = None):
        self.limit = max(1, settings.MAX_TRAININGS.value() if limit is None else limit)
        self._cond = threading.Condition()
        self._queue: list[object] = []
        self._active = 0
        self._held: deque[float] = deque(maxlen=20)  # seconds recent trainings held a slot

    def active(self) -> int:
        """Trainings running now."""
        with self._cond:
            return self._active

    def waiting(self) -> int:
        """Trainings waiting for a slot now."""
        with self._cond:
            return len(self._queue)

    def record(self, seconds: float) -> None:
        """Remember how long a training held its slot (the queue's estimates use it)."""
        with self._cond:
            self._held.append(float(seconds))

    def expected_wait(self, position: int) -> float | None:
        """Seconds until the trainee at ``position`` (1 = next) gets a slot, roughly: a slot
        frees up every typical training time / slots. None before any training was timed."""
        with self._cond:
            if not self._held:
                return None
            typical = float(np.median(self._held))
        return max(1, int(position)) * typical / self.limit

    def _ready(self, ticket) -> bool:
        return self._queue[0] is ticket and self._active < self.limit

    @contextmanager
    def acquire(self, on_wait: Callable[[int], None] | None = None,
                should_stop: Callable[[], bool] | None = None, poll: float = 0.5):
        """Hold a slot for the ``with`` block. While waiting, ``on_wait(position)`` is called
        (1 = next in line) when the position changes and every ``poll`` seconds otherwise,
        and ``should_stop()`` may cancel the wait (raises TrainingCancelled)."""
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
        try:
            while True:
                with self._cond:
                    if self._ready(ticket):
                        self._queue.pop(0)
                        self._active += 1
                        break
                    position = self._queue.index(ticket) + 1
                # Outside the lock: these may draw on a page or raise.
                if on_wait is not None:
                    on_wait(position)
                if should_stop is not None and should_stop():
                    raise TrainingCancelled()
                with self._cond:
                    if not self._ready(ticket):  # checked under the lock: no lost wake-up
                        self._cond.wait(timeout=poll)
        except BaseException:
            with self._cond:
                if ticket in self._queue:
                    self._queue.remove(ticket)
                self._cond.notify_all()
            raise
        held = time.perf_counter()
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                self._held.append(time.perf_counter() - held)
                self._cond.notify_all()


slots = TrainingSlots()
