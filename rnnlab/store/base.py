"""The store interface shared by the backends."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

KEY_PATTERN = re.compile(r"^[A-Za-z0-9:._-]{1,200}$")  # readable in redis-cli, no surprises


class StoreError(RuntimeError):
    """The store could not do what was asked (unreachable, full, misconfigured)."""


def check_key(key: str) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise ValueError(f"store keys are 1-200 characters of A-Z a-z 0-9 : . _ -, not {key!r}")
    return key


class Store(ABC):
    """Bytes under string keys, each with an optional time to live in seconds.

    ``put`` with ``ttl`` replaces the value and restarts its clock; an expired key reads as
    missing. Values are opaque bytes: callers serialise (and must treat what they read back
    as untrusted).
    """

    name = "store"

    @abstractmethod
    def get(self, key: str) -> bytes | None:
        """The value, or None when the key is missing or expired."""

    @abstractmethod
    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Store ``value`` under ``key``; it expires after ``ttl`` seconds (None: never)."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key`` (no error when it is missing)."""

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreError unless the store answers."""

    def close(self) -> None:
        """Release connections (the store must not be used afterwards)."""
        return None

    # ----- fields: one key holding many small values, each written on its own -----
    # Why: a record that many writers update (a room's students, their answers) must not be
    # read, changed and written back whole, or two replicas writing at once lose one update.
    # Each call below is atomic on its own on every backend. A field key is its own kind of
    # key: do not use ``get``/``put`` on it. ``delete`` removes it like any key.

    @abstractmethod
    def set_field(self, key: str, field: str, value: bytes, ttl: float | None = None) -> None:
        """Set one field of ``key``; the whole key then expires after ``ttl`` seconds."""

    @abstractmethod
    def fields(self, key: str) -> dict[str, bytes]:
        """Every field of ``key`` ({} when it is missing or expired)."""

    @abstractmethod
    def delete_field(self, key: str, field: str) -> None:
        """Remove one field (no error when it is missing)."""

    @abstractmethod
    def count_fields(self, key: str) -> int:
        """How many fields ``key`` has (0 when it is missing or expired)."""


def check_field(field: str) -> str:
    if not isinstance(field, str) or not KEY_PATTERN.match(field):
        raise ValueError(f"field names are 1-200 characters of A-Z a-z 0-9 : . _ -, not {field!r}")
    return field
