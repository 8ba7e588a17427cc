"""Rate limits on the shared store: how often one client may do something, on every replica.

A limit is ``limit`` events per ``window`` seconds for one client (an opaque id: a hash of the
session, the browser or the network address). Events are counted in fixed windows, each a field
key of the store (``rate:NAME:WHO:N``: one field per event, written atomically, expiring with
the window), so replicas sharing Redis count together and nothing is read, changed and written
back. A refused event is not counted: a client that waits gets through again.
"""

from __future__ import annotations

import math
import re
import secrets
import time
from dataclasses import dataclass

from rnnlab.store import Store

_WHO = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


@dataclass(frozen=True)
class Limit:
    name: str  # what is limited ("join", "guess", "answer"...)
    limit: int  # events allowed per window
    window: float  # seconds


class Limiter:
    def __init__(self, store: Store, clock=time.time):
        self.store = store
        self._clock = clock

    def _key(self, rule: Limit, who: str) -> tuple[str, float]:
        if not _WHO.match(who or ""):
            raise ValueError(f"not a client id: {who!r}")
        now = self._clock()
        n = math.floor(now / rule.window)
        return f"rate:{rule.name}:{who}:{n}", (n + 1) * rule.window - now

    def wait(self, rule: Limit, who: str) -> float:
        """Seconds until ``who`` may do ``rule`` again (0: now)."""
        key, left = self._key(rule, who)
        return left if self.store.count_fields(key) >= rule.limit else 0.0

    def hit(self, rule: Limit, who: str) -> None:
        """Count one event of ``who``."""
        key, left = self._key(rule, who)
        self.store.set_field(key, secrets.token_hex(6), b"1", ttl=max(1.0, left + 1.0))

    def take(self, rules: list[tuple[Limit, str]]) -> float:
        """Count one event against every (rule, who) if none is over its limit: 0.0. Else the
        seconds to wait (the longest), and nothing is counted."""
        waits = [self.wait(rule, who) for rule, who in rules]
        if any(waits):
            return max(waits)
        for rule, who in rules:
            self.hit(rule, who)
        return 0.0
