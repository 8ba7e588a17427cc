"""The embedded store: one SQLite file, safe to share between threads and processes.

Why one connection behind a lock: Streamlit runs every session's script in its own thread;
sqlite3 connections are not meant to be used by two threads at once, and a session's save is
small (milliseconds), so serialising them costs less than a connection per thread. WAL mode
lets other processes (a second server on the same machine) read while one writes.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from rnnlab.store.base import Store, StoreError, check_key

PURGE_EVERY = 60.0  # seconds between sweeps of expired rows


class SQLiteStore(Store):
    name = "sqlite"

    def __init__(self, path: str | Path, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self._last_purge = 0.0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=5.0, check_same_thread=False,
                                       isolation_level=None)  # autocommit: each statement commits
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
                             " expires REAL)")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc

    def _run(self, sql: str, args: tuple = ()):
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store at {self.path}: {exc}") from exc

    def get(self, key: str) -> bytes | None:
        row = self._run("SELECT value, expires FROM kv WHERE key = ?", (check_key(key),))
        if row is None:
            return None
        value, expires = row
        if expires is not None and expires <= self._clock():
            self.delete(key)
            return None
        return bytes(value)

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError("store values are bytes")
        now = self._clock()
        expires = None if ttl is None else now + float(ttl)
        self._run("INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)",
                  (check_key(key), sqlite3.Binary(bytes(value)), expires))
        if now - self._last_purge > PURGE_EVERY:  # expired rows must not pile up on disk
            self._last_purge = now
            self._run("DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?", (now,))

    def delete(self, key: str) -> None:
        self._run("DELETE FROM kv WHERE key = ?", (check_key(key),))

    def ping(self) -> None:
        self._run("SELECT 1")

    def close(self) -> None:
        with self._lock:
            self._db.close()
