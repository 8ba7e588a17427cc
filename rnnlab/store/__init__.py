"""A small key-value store for bytes with expiry: saved sessions now, live-lesson rooms later.

One interface, two backends:

- ``SQLiteStore``: the default, the standard library's sqlite3 in ``RNNLAB_DATA_DIR`` (default
  ``~/.cache/rnnlab``). Nothing to set up; one file shared by the threads (and processes) of
  one machine.
- ``RedisStore``: ``RNNLAB_STORE=redis://HOST:PORT/DB``; several app replicas share it.

Every operation raises ``StoreError`` when the store cannot answer (disk full, Redis down),
never a backend-specific exception, so callers can degrade to "not saved" in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

from rnnlab.declarations import settings
from rnnlab.store.base import Store, StoreError, check_key
from rnnlab.store.sqlite_store import SQLiteStore

__all__ = ["Store", "StoreError", "SQLiteStore", "RedisStore", "open_store", "default_data_dir",
           "check_key"]


def default_data_dir() -> Path:
    """``RNNLAB_DATA_DIR``, else the user's cache folder (XDG_CACHE_HOME or ~/.cache)/rnnlab."""
    folder = settings.DATA_DIR.value()
    if folder:
        return folder
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "rnnlab"


def open_store(url: str | None = None) -> Store:
    """The store named by ``url`` (default: ``RNNLAB_STORE``), else SQLite in the data folder.

    ``redis://HOST:PORT/DB`` (or ``rediss://``) opens Redis; ``sqlite:///path/to/file.db`` a
    given SQLite file; empty means SQLite in ``default_data_dir()``.
    """
    url = (settings.STORE.value() if url is None else url).strip()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from rnnlab.store.redis_store import RedisStore

        return RedisStore(url)
    if url.startswith("sqlite:///"):
        return SQLiteStore(Path(url[len("sqlite:///") - 1:]))
    if url:
        raise StoreError(f"RNNLAB_STORE={url!r} is not understood: use redis://HOST:PORT/DB "
                         "or leave it empty for the embedded SQLite store")
    return SQLiteStore(default_data_dir() / "store.db")


def __getattr__(name: str):
    if name == "RedisStore":  # imported lazily: the redis client is only needed with Redis
        from rnnlab.store.redis_store import RedisStore

        return RedisStore
    raise AttributeError(name)
