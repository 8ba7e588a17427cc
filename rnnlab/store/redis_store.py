"""The shared store: Redis (``RNNLAB_STORE=redis://HOST:PORT/DB``), for several app replicas.

Short timeouts on purpose: a Redis that is down must cost a student's rerun a fraction of a
second (then the app says "not saved"), not the client's default of waiting indefinitely.
"""

from __future__ import annotations

import contextlib

from rnnlab.store.base import Store, StoreError, check_field, check_key

CONNECT_TIMEOUT = 0.5
SOCKET_TIMEOUT = 2.0


class RedisStore(Store):
    name = "redis"

    def __init__(self, url: str, prefix: str = "rnnlab:"):
        try:
            import redis
        except ImportError as exc:  # pragma: no cover - the pinned requirement ships it
            raise StoreError("RNNLAB_STORE names Redis but the redis package is not installed") from exc
        self._errors = (redis.RedisError, OSError)
        self.prefix = prefix
        try:
            self._client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT,
                                                socket_timeout=SOCKET_TIMEOUT,
                                                health_check_interval=30)
        except (ValueError, *self._errors) as exc:
            raise StoreError(f"RNNLAB_STORE={url!r}: {exc}") from exc

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _call(self, method: str, *args, **kwargs):
        try:
            return getattr(self._client, method)(*args, **kwargs)
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def get(self, key: str) -> bytes | None:
        value = self._call("get", self._key(key))
        return None if value is None else bytes(value)

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError("store values are bytes")
        px = None if ttl is None else max(1, int(round(float(ttl) * 1000)))
        self._call("set", self._key(key), bytes(value), px=px)

    def delete(self, key: str) -> None:
        self._call("delete", self._key(key))

    def ping(self) -> None:
        self._call("ping")

    def set_field(self, key: str, field: str, value: bytes, ttl: float | None = None) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError("store values are bytes")
        name = self._key(key)
        try:  # HSET and PEXPIRE in one MULTI/EXEC: no reader sees a field without its expiry
            with self._client.pipeline(transaction=True) as pipe:
                pipe.hset(name, check_field(field), bytes(value))
                if ttl is None:
                    pipe.persist(name)
                else:
                    pipe.pexpire(name, max(1, int(round(float(ttl) * 1000))))
                pipe.execute()
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def fields(self, key: str) -> dict[str, bytes]:
        raw = self._call("hgetall", self._key(key)) or {}
        return {(k.decode() if isinstance(k, bytes) else str(k)): bytes(v) for k, v in raw.items()}

    def delete_field(self, key: str, field: str) -> None:
        self._call("hdel", self._key(key), check_field(field))

    def count_fields(self, key: str) -> int:
        return int(self._call("hlen", self._key(key)) or 0)

    def close(self) -> None:
        with contextlib.suppress(*self._errors):
            self._client.close()
