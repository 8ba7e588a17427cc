"""How much memory a session's data and runs take (numpy buffers, counted once each).

A Run's targets are views of its values, and runs trained on the same series share one values
array: counting each underlying buffer once gives what freeing the session would free.
"""

from __future__ import annotations

import numpy as np

from rnnlab.declarations import settings


def budget_bytes() -> int:
    """The per-session budget (RNNLAB_SESSION_MB, in MB of 10^6 bytes; 0 turns it off)."""
    return int(settings.SESSION_MB.value() * 1e6)


class Footprint:
    """Adds up the buffers of arrays (and bytes) reachable from what it is given, once each."""

    def __init__(self):
        self._seen: set[int] = set()
        self.total = 0

    def add(self, thing) -> int:
        """Count ``thing`` (arrays, bytes, lists, dicts, dataclass-like objects); returns the
        bytes it added that were not counted before."""
        before = self.total
        self._walk(thing, depth=0)
        return self.total - before

    def _walk(self, thing, depth: int) -> None:
        if thing is None or depth > 6:
            return
        if isinstance(thing, np.ndarray):
            owner = thing
            while isinstance(owner.base, np.ndarray):
                owner = owner.base
            if id(owner) not in self._seen:
                self._seen.add(id(owner))
                self.total += owner.nbytes
            return
        if isinstance(thing, (bytes, bytearray)):
            if id(thing) not in self._seen:
                self._seen.add(id(thing))
                self.total += len(thing)
            return
        if isinstance(thing, dict):
            for value in thing.values():
                self._walk(value, depth + 1)
        elif isinstance(thing, (list, tuple)):
            for value in thing:
                self._walk(value, depth + 1)
        elif hasattr(thing, "__dataclass_fields__"):
            for name in thing.__dataclass_fields__:
                self._walk(getattr(thing, name, None), depth + 1)


def session_footprint(series=None, upload=None, runs=(), extra=()) -> dict[str, int]:
    """Bytes of the session's series (with its upload) and of its runs, and the total."""
    counter = Footprint()
    data = counter.add(series) + counter.add(upload)
    run_bytes = sum(counter.add(run) for run in runs)
    other = sum(counter.add(thing) for thing in extra)
    return {"data": data, "runs": run_bytes, "other": other, "total": counter.total}
