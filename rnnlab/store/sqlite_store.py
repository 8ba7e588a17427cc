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

from rnnlab.store.base import Store, StoreError, check_field, check_key

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
            # Field keys: one row per field; every row of a key carries the key's expiry.
            self._db.execute("CREATE TABLE IF NOT EXISTS fields (key TEXT NOT NULL, field TEXT NOT NULL,"
                             " value BLOB NOT NULL, expires REAL, PRIMARY KEY (key, field))")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc

    def _run(self, sql: str, args: tuple = (), many: bool = False):
        try:
            with self._lock:
                cursor = self._db.execute(sql, args)
                return cursor.fetchall() if many else cursor.fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store at {self.path}: {exc}") from exc

    def _transaction(self, statements: list[tuple[str, tuple]]) -> None:
        """Several statements as one: BEGIN IMMEDIATE takes the write lock across processes."""
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for sql, args in statements:
                        self._db.execute(sql, args)
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
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
            self._run("DELETE FROM fields WHERE expires IS NOT NULL AND expires <= ?", (now,))

    def delete(self, key: str) -> None:
        self._transaction([("DELETE FROM kv WHERE key = ?", (check_key(key),)),
                           ("DELETE FROM fields WHERE key = ?", (key,))])

    def set_field(self, key: str, field: str, value: bytes, ttl: float | None = None) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError("store values are bytes")
        now = self._clock()
        expires = None if ttl is None else now + float(ttl)
        key, field = check_key(key), check_field(field)
        # Expired fields go first (an expired key starts afresh, as in Redis), then the field,
        # then the key's new expiry on all its rows: one transaction.
        self._transaction([
            ("DELETE FROM fields WHERE key = ? AND expires IS NOT NULL AND expires <= ?", (key, now)),
            ("INSERT OR REPLACE INTO fields (key, field, value, expires) VALUES (?, ?, ?, ?)",
             (key, field, sqlite3.Binary(bytes(value)), expires)),
            ("UPDATE fields SET expires = ? WHERE key = ?", (expires, key)),
        ])

    def fields(self, key: str) -> dict[str, bytes]:
        rows = self._run("SELECT field, value FROM fields WHERE key = ? AND (expires IS NULL OR expires > ?)",
                         (check_key(key), self._clock()), many=True)
        return {field: bytes(value) for field, value in rows}

    def delete_field(self, key: str, field: str) -> None:
        self._run("DELETE FROM fields WHERE key = ? AND field = ?", (check_key(key), check_field(field)))

    def count_fields(self, key: str) -> int:
        row = self._run("SELECT COUNT(*) FROM fields WHERE key = ? AND (expires IS NULL OR expires > ?)",
                        (check_key(key), self._clock()))
        return int(row[0])

    def ping(self) -> None:
        self._run("SELECT 1")

    def close(self) -> None:
        with self._lock:
            self._db.close()
