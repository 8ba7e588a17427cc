"""Live-lesson rooms on the session store (rnnlab.store): a teacher publishes, students follow.

A room is a few keys in the store, all under ``room:CODE:`` so that rooms never see each other:

- ``room:CODE``           its meta: created, expires, the teacher's token digest, ended
- ``room:CODE:state``     what the teacher shows now (page, series, split, settings, step), with a
                           sequence number that grows with every change
- ``room:CODE:students``  student id -> last heartbeat, for the teacher's live count

Every key expires with the room (3 hours after it was created), so a forgotten room cleans itself
up on SQLite and Redis alike. Codes are 6 symbols of Crockford's base32 (no I, L, O, U: nothing
to misread on a projector), drawn with ``secrets``: 32**6, about a billion codes, so a room
cannot be found by guessing. Only the holder of the room's token (the teacher's session) can
publish or end it.

What a student reads back is untrusted (anyone with the store could write it): it is size-capped
and type-checked here, and its values are validated again where they are applied (ui/live.py,
through the same checks as a lesson link).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass

from rnnlab.store import Store

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: 32 symbols, no I L O U
CODE_LENGTH = 6
TTL_SECONDS = 3 * 3600
STALE_SECONDS = 15.0  # a student unheard of for this long has left (heartbeats every few s)
MAX_STATE_BYTES = 16_384  # a published state is a few hundred bytes; more is not ours
MAX_STUDENTS = 1000  # bounds the heartbeat record (and the work of reading it)
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
# What people type for the symbols the alphabet leaves out (Crockford's reading rules).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class RoomError(ValueError):
    """A room operation was refused; ``reason`` is one of REASONS (an i18n key suffix)."""

    REASONS = ("bad_code", "missing", "ended", "forbidden")

    def __init__(self, reason: str, code: str = ""):
        super().__init__(f"room {code or '?'}: {reason}")
        self.reason, self.code = reason, code


@dataclass(frozen=True)
class Room:
    code: str
    token: str  # the teacher's secret: publish and end need it
    created: float
    expires: float


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text) -> str | None:
    """The code someone typed (any case, spaces or dashes, O for 0...), or None if it is not one."""
    if not isinstance(text, str):
        return None
    code = re.sub(r"[\s-]", "", text).upper().translate(_READ_AS)
    return code if CODE_PATTERN.match(code) else None


def _digest(token: str) -> str:
    return hashlib.blake2b(token.encode(), digest_size=16).hexdigest()


def _dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


def _loads_dict(data: bytes | None) -> dict | None:
    if data is None or len(data) > MAX_STATE_BYTES * 4:
        return None
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _present(now: float, seen: float) -> bool:
    # heard from lately; a little in the future is another replica's clock, far ahead is junk
    return -STALE_SECONDS < now - seen < STALE_SECONDS


class Rooms:
    """Rooms kept in ``store``. Store failures surface as rnnlab.store.StoreError."""

    def __init__(self, store: Store, clock=time.time):
        self.store = store
        self._clock = clock
        self._lock = threading.Lock()  # read-modify-write of the heartbeats, within a process

    # ----- keys: everything of a room under its own prefix -----
    @staticmethod
    def _key(code: str, part: str = "") -> str:
        if not CODE_PATTERN.match(code or ""):
            raise RoomError("bad_code", str(code)[:12])
        return f"room:{code}" + (f":{part}" if part else "")

    def _ttl(self, meta: dict) -> float:
        return max(1.0, float(meta["expires"]) - self._clock())

    # ----- the teacher -----
    def create(self) -> Room:
        """A new room with a fresh code (a code in use, even ended, is never handed out again)."""
        now = self._clock()
        for _ in range(20):
            code = new_code()
            if self.store.get(self._key(code)) is None:
                break
        else:  # pragma: no cover - 20 collisions in a billion codes
            raise RoomError("bad_code")
        token = secrets.token_urlsafe(24)
        meta = {"created": now, "expires": now + TTL_SECONDS, "token": _digest(token), "ended": False}
        self.store.put(self._key(code), _dumps(meta), ttl=TTL_SECONDS)
        return Room(code, token, now, meta["expires"])

    def _owned(self, code: str, token: str) -> dict:
        meta = self.meta(code)
        if meta is None:
            raise RoomError("missing", code)
        if meta.get("ended"):
            raise RoomError("ended", code)
        if not isinstance(token, str) or not secrets.compare_digest(_digest(token), str(meta.get("token"))):
            raise RoomError("forbidden", code)
        return meta

    def publish(self, code: str, token: str, shown: dict) -> int:
        """Publish what the teacher shows now; returns its sequence number (unchanged if same)."""
        meta = self._owned(code, token)
        body = _dumps(shown)
        if len(body) > MAX_STATE_BYTES:
            raise ValueError(f"a room's state is capped at {MAX_STATE_BYTES} bytes, not {len(body)}")
        current = self.state(code)
        if current is not None and _dumps(current.get("shown")) == body:
            return int(current["seq"])
        seq = (int(current["seq"]) if current else 0) + 1
        record = {"seq": seq, "time": self._clock(), "shown": shown}
        self.store.put(self._key(code, "state"), _dumps(record), ttl=self._ttl(meta))
        return seq

    def end(self, code: str, token: str) -> None:
        """End the lesson: students see that it ended; its state and heartbeats are deleted."""
        meta = self._owned(code, token)
        meta["ended"] = True
        self.store.put(self._key(code), _dumps(meta), ttl=self._ttl(meta))
        self.store.delete(self._key(code, "state"))
        self.store.delete(self._key(code, "students"))

    # ----- anyone with the code -----
    def meta(self, code: str) -> dict | None:
        meta = _loads_dict(self.store.get(self._key(code)))
        if meta is None or not isinstance(meta.get("expires"), (int, float)):
            return None
        return meta if meta["expires"] > self._clock() else None

    def status(self, code: str) -> str:
        """"open", "ended" or "missing" (never created, or expired)."""
        meta = self.meta(code)
        if meta is None:
            return "missing"
        return "ended" if meta.get("ended") else "open"

    def state(self, code: str) -> dict | None:
        """{"seq": int, "time": float, "shown": dict} or None when nothing is published."""
        record = _loads_dict(self.store.get(self._key(code, "state")))
        if record is None or not isinstance(record.get("seq"), int) or not isinstance(record.get("shown"), dict):
            return None
        return record

    # ----- students -----
    def _students(self, code: str) -> dict[str, float]:
        raw = _loads_dict(self.store.get(self._key(code, "students"))) or {}
        return {k: float(v) for k, v in raw.items() if isinstance(k, str) and isinstance(v, (int, float))}

    def heartbeat(self, code: str, student: str) -> None:
        """Count ``student`` as present. Raises RoomError unless the room is open.

        Across replicas two heartbeats at the same moment may overwrite each other; the lost one
        comes back with that student's next heartbeat, well before it would count as gone.
        """
        meta = self.meta(code)
        if meta is None:
            raise RoomError("missing", code)
        if meta.get("ended"):
            raise RoomError("ended", code)
        if not isinstance(student, str) or not 8 <= len(student) <= 64:
            raise ValueError("a student id is 8-64 characters")
        now = self._clock()
        with self._lock:
            seen = {k: v for k, v in self._students(code).items() if _present(now, v)}
            if student not in seen and len(seen) >= MAX_STUDENTS:
                return
            seen[student] = now
            self.store.put(self._key(code, "students"), _dumps(seen), ttl=self._ttl(meta))

    def leave(self, code: str, student: str) -> None:
        meta = self.meta(code)
        if meta is None or meta.get("ended"):
            return
        with self._lock:
            seen = self._students(code)
            if seen.pop(student, None) is not None:
                self.store.put(self._key(code, "students"), _dumps(seen), ttl=self._ttl(meta))

    def count(self, code: str) -> int:
        """Students heard from in the last STALE_SECONDS."""
        now = self._clock()
        return sum(1 for v in self._students(code).values() if _present(now, v))
