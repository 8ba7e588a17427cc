"""The store's contract, run against both backends: SQLite in tmp_path and a real redis-server."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time

import pytest

from rnnlab.store import SQLiteStore, StoreError, default_data_dir, open_store
from tests.redis_server import free_port


def test_put_get_delete_round_trip(store):
    payload = bytes(range(256)) * 100  # every byte value, nothing lost in transit
    assert store.get("session:a") is None
    store.put("session:a", payload, ttl=60)
    assert store.get("session:a") == payload
    store.put("session:a", b"second", ttl=60)  # replaces
    assert store.get("session:a") == b"second"
    store.delete("session:a")
    assert store.get("session:a") is None
    store.delete("session:a")  # deleting a missing key is fine


def test_keys_are_independent(store):
    store.put("k1", b"one")
    store.put("k2", b"two", ttl=60)
    assert (store.get("k1"), store.get("k2")) == (b"one", b"two")
    store.delete("k1")
    assert (store.get("k1"), store.get("k2")) == (None, b"two")


# TTLs are real time: on a busy machine a call can take longer than a short TTL. Each timing
# test measures its own calls and, when they were too slow to say anything, tries again with a
# TTL four times as long (a quiet machine passes at the first).
TTLS = (0.5, 2.0, 8.0)


def test_values_expire_after_their_ttl(store):
    for ttl in TTLS:
        start = time.monotonic()
        store.put("short", b"x", ttl=ttl)
        store.put("long", b"y", ttl=60)
        fresh = store.get("short")
        if time.monotonic() - start >= ttl:
            continue  # too slow to tell "not expired yet"
        assert fresh == b"x"
        time.sleep(ttl * 1.2)
        assert store.get("short") is None
        assert store.get("long") == b"y"
        return
    pytest.fail("every try took longer than its TTL")


def test_put_restarts_the_clock(store):
    for ttl in TTLS:
        first = time.monotonic()
        store.put("k", b"1", ttl=ttl)
        time.sleep(ttl * 0.6)
        second = time.monotonic()
        store.put("k", b"2", ttl=ttl)
        while time.monotonic() - first <= ttl * 1.1:  # past the first put's expiry
            time.sleep(0.02)
        value = store.get("k")
        if time.monotonic() - second >= ttl:
            continue  # the second put's TTL ran out too: too slow to tell
        assert value == b"2"
        return
    pytest.fail("every try took longer than its TTL")


def test_bad_keys_and_values_are_refused(store):
    with pytest.raises(ValueError):
        store.put("has space", b"x")
    with pytest.raises(ValueError):
        store.get("")
    with pytest.raises(TypeError):
        store.put("k", "text, not bytes")


def test_many_threads_at_once(store):
    """Each Streamlit session saves from its own thread: no lost or mixed-up writes."""
    errors = []

    def worker(n):
        try:
            for i in range(20):
                store.put(f"t{n}", f"{n}-{i}".encode(), ttl=60)
                assert store.get(f"t{n}") == f"{n}-{i}".encode()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(24)]  # more than a pool
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [store.get(f"t{n}") for n in range(24)] == [f"{n}-19".encode() for n in range(24)]
    if isinstance(store, SQLiteStore):  # readers share a bounded pool of connections
        from rnnlab.store import sqlite_store

        assert 1 <= len(store._opened) <= sqlite_store.MAX_CONNECTIONS


def test_sqlite_persists_across_connections_and_sweeps_expired_rows(tmp_path):
    now = [1000.0]
    first = SQLiteStore(tmp_path / "s.db", clock=lambda: now[0])
    first.put("keep", b"k", ttl=100)
    first.put("old", b"o", ttl=10)
    first.close()
    now[0] += 50
    second = SQLiteStore(tmp_path / "s.db", clock=lambda: now[0])
    assert second.get("keep") == b"k" and second.get("old") is None
    now[0] += 100  # past the next sweep: the expired row is gone from the file
    second.put("new", b"n", ttl=100)
    with contextlib.closing(sqlite3.connect(tmp_path / "s.db")) as db:  # the file itself, read apart
        count = db.execute("SELECT COUNT(*) FROM kv").fetchone()[0]
    assert count == 1
    second.close()


def test_sqlite_reads_go_on_while_a_write_holds_the_writer_lock(tmp_path):
    """Readers have connections of their own (WAL): a class's polls never queue behind a save."""
    store = SQLiteStore(tmp_path / "s.db")
    store.put("room:state", b"scene 3", ttl=60)
    got: list[bytes | None] = []
    with store._write:  # a write in progress (a session being saved)
        reader = threading.Thread(target=lambda: got.extend(store.get("room:state") for _ in range(50)))
        reader.start()
        reader.join(timeout=20)
        assert not reader.is_alive(), "a read waited for the writer"
    assert got == [b"scene 3"] * 50
    store.close()


def test_redis_that_is_down_raises_store_error_quickly():
    store = open_store(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    started = time.perf_counter()
    with pytest.raises(StoreError):
        store.put("k", b"x", ttl=10)
    with pytest.raises(StoreError):
        store.get("k")
    assert time.perf_counter() - started < 5


def test_unreadable_sqlite_folder_raises_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(StoreError):
        SQLiteStore(blocker / "sub" / "store.db")  # a file where a folder should be


def test_store_url_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("RNNLAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("RNNLAB_STORE", raising=False)
    assert default_data_dir() == tmp_path / "data"
    store = open_store()
    assert store.name == "sqlite" and store.path == tmp_path / "data" / "store.db"
    store.close()
    monkeypatch.delenv("RNNLAB_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_data_dir() == tmp_path / "cache" / "rnnlab"
    with pytest.raises(StoreError):
        open_store("mysql://nope")


def test_fields_are_set_read_and_removed_one_by_one(store):
    assert store.fields("room:F") == {} and store.count_fields("room:F") == 0
    store.set_field("room:F", "a", b"1", ttl=60)
    store.set_field("room:F", "b", bytes(range(256)), ttl=60)
    store.set_field("room:F", "a", b"2", ttl=60)  # replaces that field only
    assert store.fields("room:F") == {"a": b"2", "b": bytes(range(256))}
    assert store.count_fields("room:F") == 2
    store.delete_field("room:F", "a")
    store.delete_field("room:F", "missing")
    assert store.fields("room:F") == {"b": bytes(range(256))}
    store.delete("room:F")  # the whole key, like any key
    assert store.fields("room:F") == {} and store.count_fields("room:F") == 0
    with pytest.raises(ValueError):
        store.set_field("room:F", "no spaces", b"x")
    with pytest.raises(TypeError):
        store.set_field("room:F", "a", "text")


def test_a_field_key_expires_as_a_whole_and_each_write_restarts_its_clock(store):
    for ttl in TTLS:
        store.delete("room:G")
        first = time.monotonic()
        store.set_field("room:G", "a", b"1", ttl=ttl)
        time.sleep(ttl * 0.6)
        second = time.monotonic()
        store.set_field("room:G", "b", b"2", ttl=ttl)  # restarts the clock of the whole key
        while time.monotonic() - first <= ttl * 1.1:  # past the first write's expiry
            time.sleep(0.02)
        both = store.fields("room:G")
        if time.monotonic() - second >= ttl:
            continue  # the second write's TTL ran out too: too slow to tell
        assert both == {"a": b"1", "b": b"2"}
        time.sleep(ttl * 1.2)
        assert store.fields("room:G") == {} and store.count_fields("room:G") == 0
        store.set_field("room:G", "c", b"3", ttl=60)  # an expired key starts afresh
        assert store.fields("room:G") == {"c": b"3"}
        return
    pytest.fail("every try took longer than its TTL")


def test_concurrent_field_writers_lose_nothing(store, tmp_path):
    """Many writers on one key, each through its own connection (as replicas would be)."""
    if store.name == "sqlite":
        def connect():
            return SQLiteStore(store.path)
    else:
        def connect():
            other = open_store(f"redis://127.0.0.1:{store._client.connection_pool.connection_kwargs['port']}/0")
            other.prefix = store.prefix
            return other
    writers = [connect() for _ in range(6)]
    errors = []

    def work(n, st):
        try:
            for k in range(15):
                st.set_field("room:H", f"w{n}-{k}", str(k).encode(), ttl=60)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, w)) for n, w in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in writers:
        w.close()
    assert not errors
    assert store.count_fields("room:H") == 6 * 15
    assert len(store.fields("room:H")) == 6 * 15
