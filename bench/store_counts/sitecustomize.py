"""Counts the session store's calls in a process (for bench/bench_lesson_room.py).

Put this folder first on PYTHONPATH and set RNNLAB_BENCH_COUNTS to a folder: every Python
process started so imports this module at start-up (Python's ``sitecustomize`` hook), wraps the
methods of rnnlab's store classes (SQLite and Redis alike) and writes its counts to
``$RNNLAB_BENCH_COUNTS/<pid>.json`` every 0.2 s: calls per method and per kind of key
(``get room:state``; room codes and ids left out), bytes written (values put) and bytes read
(values got), and the cycle collector's collections and seconds by generation. Without
RNNLAB_BENCH_COUNTS it does nothing. Not part of the app.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import threading
import time
from pathlib import Path

_OUT = os.environ.get("RNNLAB_BENCH_COUNTS")
_ROOT = Path(__file__).resolve().parents[2]


def _kind(key) -> str:
    """room:7K3Q9M:answers:ab12 -> room:answers; session:abc -> session; lesson:CODE -> lesson."""
    parts = str(key).split(":")
    if parts[0] == "room":
        return ":".join(["room", *parts[2:3]]) if len(parts) > 2 else "room"
    return parts[0]


def _size(value) -> int:
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, dict):
        return sum(len(k) + _size(v) for k, v in value.items())
    return 0


def _install() -> None:
    sys.path.insert(0, str(_ROOT))
    from rnnlab.store import redis_store, sqlite_store

    lock = threading.Lock()
    counts = {"pid": os.getpid(), "calls": {}, "kinds": {}, "written": 0, "read": 0}

    def wrap(cls, name: str) -> None:
        original = getattr(cls, name)

        @functools.wraps(original)
        def counted(self, key, *args, **kwargs):
            result = original(self, key, *args, **kwargs)
            value = {"put": 0, "set_field": 1}.get(name)
            written = _size(args[value]) if value is not None and len(args) > value else 0
            with lock:
                counts["calls"][name] = counts["calls"].get(name, 0) + 1
                label = f"{name} {_kind(key)}"
                counts["kinds"][label] = counts["kinds"].get(label, 0) + 1
                counts["written"] += written
                counts["read"] += _size(result)
            return result

        setattr(cls, name, counted)

    for cls in (sqlite_store.SQLiteStore, redis_store.RedisStore):
        for name in ("get", "put", "delete", "set_field", "fields", "delete_field", "count_fields"):
            if name in vars(cls):
                wrap(cls, name)

    # The cycle collector's work, by generation: collections and seconds (the interpreter lock
    # is held throughout, so no page is drawn meanwhile).
    counts["gc"] = {"n": [0, 0, 0], "s": [0.0, 0.0, 0.0]}
    began = [0.0]

    def collected(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
            return
        # No lock here: a collection can start in any thread, also in one that holds ``lock``
        # (the dump's json.dumps allocates), and that thread would wait for itself.
        gen = info["generation"]
        counts["gc"]["n"][gen] += 1
        counts["gc"]["s"][gen] += time.perf_counter() - began[0]

    gc.callbacks.append(collected)
    target = Path(_OUT) / f"{os.getpid()}.json"

    def dump() -> None:
        while True:
            time.sleep(0.2)
            with lock:
                text = json.dumps(counts)
            tmp = target.with_suffix(".tmp")
            tmp.write_text(text)
            os.replace(tmp, target)

    threading.Thread(target=dump, name="store-counts", daemon=True).start()


if _OUT:
    _install()
