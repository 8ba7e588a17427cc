"""The embedded store: one SQLite file, safe to share between threads and processes.

Streamlit runs every session's script in a thread of its own, and a class polls the store many
times a second. sqlite3 releases the GIL while it runs a statement, so a lock held around one
shared connection made every waiting thread queue behind a holder that first had to win the GIL
back: with 40 students following a lesson a read waited 0.1 s on average
(bench/bench_lesson_room.py --profile). So reads take a connection of their own from a small
pool (WAL mode: readers never wait for the writer), and only writes go one at a time, as SQLite
writes them anyway. WAL also lets other processes (a second server on the machine) read while
one writes; synchronous=NORMAL is WAL's usual setting (a power cut may lose the last commits,
never the file).
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
import time
from pathlib import Path

from rnnlab.store.base import Store, StoreError, check_field, check_key

PURGE_EVERY = 60.0  # seconds between sweeps of expired rows
MAX_CONNECTIONS = 8  # per store: more threads than this wait for one to come back


class SQLiteStore(Store):
    name = "sqlite"

    def __init__(self, path: str | Path, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._write = threading.Lock()  # one writer at a time (SQLite's rule too)
        self._idle: queue.SimpleQueue = queue.SimpleQueue()  # connections nobody is using
        self._opened: list[sqlite3.Connection] = []
        self._opening = threading.Lock()  # guards _opened
        self._last_purge = 0.0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connect()
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
                       " expires REAL)")
            # Field keys: one row per field; every row of a key carries the key's expiry.
            db.execute("CREATE TABLE IF NOT EXISTS fields (key TEXT NOT NULL, field TEXT NOT NULL,"
                       " value BLOB NOT NULL, expires REAL, PRIMARY KEY (key, field))")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc
        self._idle.put(db)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=5.0, check_same_thread=False,
                             isolation_level=None)  # autocommit: each statement commits
        db.execute("PRAGMA busy_timeout=5000")
        db.execute("PRAGMA synchronous=NORMAL")
        with self._opening:
            self._opened.append(db)
        return db

    @contextlib.contextmanager
    def _connection(self):
        """A connection for this thread alone while the block runs (then back to the pool)."""
        try:
            db = self._idle.get_nowait()
        except queue.Empty:
            with self._opening:
                room = len(self._opened) < MAX_CONNECTIONS
            db = self._connect() if room else self._idle.get(timeout=30)
        try:
            yield db
        finally:
            self._idle.put(db)

    def _run(self, sql: str, args: tuple = (), many: bool = False, write: bool = False):
        try:
            with contextlib.ExitStack() as stack:
                if write:
                    stack.enter_context(self._write)
                db = stack.enter_context(self._connection())
                cursor = db.execute(sql, args)
                return cursor.fetchall() if many else cursor.fetchone()
        except (sqlite3.Error, queue.Empty) as exc:
            raise StoreError(f"SQLite store at {self.path}: {exc}") from exc

    def _transaction(self, statements: list[tuple[str, tuple]]) -> None:
        """Several statements as one: BEGIN IMMEDIATE takes the write lock across processes."""
        try:
            with self._write, self._connection() as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    for sql, args in statements:
                        db.execute(sql, args)
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except (sqlite3.Error, queue.Empty) as exc:
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
                  (check_key(key), sqlite3.Binary(bytes(value)), expires), write=True)
        if now - self._last_purge > PURGE_EVERY:  # expired rows must not pile up on disk
            self._last_purge = now
            self._run("DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?", (now,), write=True)
            self._run("DELETE FROM fields WHERE expires IS NOT NULL AND expires <= ?", (now,), write=True)

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
        self._run("DELETE FROM fields WHERE key = ? AND field = ?", (check_key(key), check_field(field)),
                  write=True)

    def count_fields(self, key: str) -> int:
        row = self._run("SELECT COUNT(*) FROM fields WHERE key = ? AND (expires IS NULL OR expires > ?)",
                        (check_key(key), self._clock()))
        return int(row[0])

    def ping(self) -> None:
        self._run("SELECT 1")

    def close(self) -> None:
        with self._write, self._opening:
            for db in self._opened:
                db.close()
            self._opened.clear()
