"""Lessons saved under a short code in the session store (``?lesson=CODE`` opens one).

A saved lesson is its JSON text (rnnlab.lessons.Lesson.dumps) under ``lesson:CODE``, kept
TTL_SECONDS after its last save. Codes are the live rooms' (6 symbols of Crockford's base32,
drawn with ``secrets``: rnnlab.classroom.rooms), so people type and read them the same way. What comes
back from the store is untrusted: ``load`` parses it with rnnlab.lessons.loads, which refuses
anything the lesson format does not allow. Pure: no Streamlit.
"""

from __future__ import annotations

from rnnlab.classroom.rooms import new_code, normalize_code
from rnnlab.store import Store

TTL_SECONDS = 30 * 24 * 3600  # a lesson written today is still there for next month's class
MAX_BYTES = 2 * 1024 * 1024  # the lesson format's limit on a file's text
BUILTIN = ("notebook",)  # codes that name a built-in lesson, never a saved one
PREFIX = "lesson:"


def _key(code: str) -> str:
    return f"{PREFIX}{code}"


def save(store: Store, text: str, code: str | None = None) -> str:
    """Keep ``text`` (a lesson's JSON) and return its code: ``code`` again when given (the
    teacher saves a new version under the same code), else a new one that is not taken."""
    body = text.encode("utf-8")
    if len(body) > MAX_BYTES:
        raise ValueError(f"a lesson is at most {MAX_BYTES} bytes, this one {len(body)}")
    code = normalize_code(code) if code else None
    if code is None:
        for _ in range(20):
            candidate = new_code()
            if store.get(_key(candidate)) is None:
                code = candidate
                break
        else:  # 20 draws out of a billion codes all taken: the store is not what we think
            raise ValueError("no free lesson code")
    store.put(_key(code), body, ttl=TTL_SECONDS)
    return code


def load(store: Store, raw: str):
    """The lesson saved under ``raw`` (as typed: rnnlab.classroom.rooms.normalize_code), or None when no
    lesson has that code. A stored text the format refuses raises rnnlab.lessons.LessonError."""
    from rnnlab.lessons import loads

    code = normalize_code(raw)
    if code is None:
        return None
    body = store.get(_key(code))
    if body is None or len(body) > MAX_BYTES:
        return None
    return loads(body.decode("utf-8", errors="replace"))
