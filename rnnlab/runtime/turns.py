"""Turns: at most N holders of a shared resource at once, the others waiting for a free one.

A live lesson's Next makes every following student's page redraw within the same second. In one
Python process those forty script runs share one interpreter lock: run all at once, each gets a
fortieth of it and they all finish together, near the end of the burst; taken a few at a time,
the first screens are ready after one page draw, the last no later than before, and the server
spends less on switching between forty threads. ``Turns`` is that queue (ui/classroom/live.py
gives a follower's redraw of a new scene its turn).

A turn is never a deadlock: a holder whose turn lasts too long does not hold up the others for
more than ``wait`` seconds, since after that a waiting run goes ahead without a turn.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator


class Turns:
    def __init__(self, slots: int, wait: float):
        self.slots = max(1, int(slots))
        self.wait = float(wait)
        self._free = threading.BoundedSemaphore(self.slots)

    @contextlib.contextmanager
    def turn(self) -> Iterator[bool]:
        """Wait (at most ``wait`` seconds) for a free slot and hold it for the block; yields
        whether a slot was taken (False: the wait ran out and the block runs anyway). The slot
        is given back however the block ends (an exception, a rerun, a stop)."""
        taken = self._free.acquire(timeout=self.wait)
        try:
            yield taken
        finally:
            if taken:
                self._free.release()
