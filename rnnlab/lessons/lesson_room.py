"""A lesson played live in a room (rnnlab.classroom.rooms): the lesson, once, and the scene the class is on.

Two things travel, each the smallest way:

- **The lesson**, by value, once per lesson: ``room:CODE:lesson`` holds its id and its JSON file
  (rnnlab.lessons' format, at most MAX_LESSON_BYTES). The id is a digest of the text, so a student
  reads the lesson once (its process keeps the parsed lesson by id, for every student of the
  room) and knows it is the one the room's state names.
- **Where the class is**, as one small entry of the state the teacher already publishes
  (rnnlab.classroom.rooms.Rooms.publish, which students already poll): ``"lesson": {"id", "at", "seen",
  "n"}``: the lesson's id, the scene shown (0-based), how many scenes the class has seen (the
  teacher's furthest scene + 1: a student who stops following may page back through those, not
  ahead) and the number of scenes. A new scene costs no store read of its own: it rides on the
  state's sequence number, and the publish happens only when something changed.

What a student reads back is untrusted (anyone with the store could write it): ``read_pointer``
checks the entry's types and ranges, ``LessonRoom.lesson`` checks the size and the digest and
loads the text with ``rnnlab.lessons.loads``, the full validation of an imported lesson file.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

from rnnlab.classroom.rooms import MAX_LESSON_BYTES, Rooms
from rnnlab.lessons.model import MAX_SCENES  # the lesson format's bound: 1..60 scenes

LESSON_ID = re.compile(r"^[0-9a-f]{32}$")
POINTER_KEYS = ("id", "at", "seen", "n")
CACHE_SIZE = 8  # parsed lessons kept per process (students of one room share one)

_parsed: OrderedDict[str, object] = OrderedDict()
_lock = threading.Lock()
TEXTS_SIZE = 128  # scene texts kept per process (a lesson's scenes in two languages)
_texts: OrderedDict[tuple, list] = OrderedDict()
_texts_lock = threading.Lock()  # held while one is written: the others of the class wait for it


def lesson_id(text: str) -> str:
    """The id of a lesson file: a digest of its text (the same text, the same id)."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _count(value, low: int, high: int) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    return int(value) if ok else None


def pointer(lid: str, at: int, seen: int, n: int) -> dict:
    """Where the class is: scene ``at`` (0-based) of ``n``, ``seen`` scenes seen so far."""
    made = read_pointer({"id": lid, "at": at, "seen": seen, "n": n})
    if made is None:
        raise ValueError(f"not a place in a lesson: {lid!r} {at!r} {seen!r} {n!r}")
    return made


def read_pointer(raw) -> dict | None:
    """The "lesson" entry of a published state, checked (untrusted), or None."""
    if not isinstance(raw, dict) or set(raw) != set(POINTER_KEYS):
        return None
    lid = raw.get("id")
    if not isinstance(lid, str) or not LESSON_ID.match(lid):
        return None
    n = _count(raw.get("n"), 1, MAX_SCENES)
    if n is None:
        return None
    seen = _count(raw.get("seen"), 1, n)
    at = _count(raw.get("at"), 0, (seen or 1) - 1)
    if seen is None or at is None:
        return None
    return {"id": lid, "at": at, "seen": seen, "n": n}


def move(place: dict, to: int) -> dict:
    """The teacher goes to scene ``to`` (clamped to the lesson); the class has then seen it."""
    at = min(max(0, int(to)), place["n"] - 1)
    return pointer(place["id"], at, max(place["seen"], at + 1), place["n"])


def page_to(place: dict, to: int) -> int:
    """A student paging on their own: scene ``to`` clamped to the scenes seen so far."""
    return min(max(0, int(to)), place["seen"] - 1)


def _loads(text: str):
    from rnnlab.lessons import loads  # the lesson format's full validation

    return loads(text)


def scene_text(lid: str, scene, k: int, lang: str) -> list[dict]:
    """rnnlab.lessons.values.render_text of scene ``k`` of the lesson ``lid`` (its content's
    digest) in ``lang``, written once per process. In a room every screen shows a scene's text
    with the values of the scene's own state, the same for the whole class: computing it (the
    stage's forward pass, a scaler, windows) for each of forty students was a fifth of what a
    scene cost the server. The parts are shared: read them, never change them."""
    from rnnlab.lessons.values import render_text

    key = (lid, k, lang)
    with _texts_lock:
        parts = _texts.get(key)
        if parts is None:
            parts = _texts[key] = render_text(scene, lang)
            while len(_texts) > TEXTS_SIZE:
                _texts.popitem(last=False)
        else:
            _texts.move_to_end(key)
        return parts


class LessonRoom:
    """The live lesson of rooms in ``rooms``' store. Store failures raise rnnlab.store.StoreError;
    a refused room operation raises rnnlab.classroom.rooms.RoomError (only the teacher's token publishes)."""

    def __init__(self, rooms: Rooms):
        self.rooms = rooms
        self.store = rooms.store

    def publish_lesson(self, code: str, token: str, text: str) -> str:
        """Put the lesson file ``text`` in room ``code`` (the teacher only); returns its id.
        Raises ValueError for a file above MAX_LESSON_BYTES (checked before the store is asked)."""
        body = text.encode()
        if len(body) > MAX_LESSON_BYTES:
            raise ValueError(f"a room's lesson is capped at {MAX_LESSON_BYTES} bytes, not {len(body)}")
        meta = self.rooms._owned(code, token)
        lid = lesson_id(text)
        self.store.put(self.rooms._key(code, "lesson"), lid.encode() + b"\n" + body,
                       ttl=self.rooms._ttl(meta))
        return lid

    def stop(self, code: str, token: str) -> None:
        """The teacher stops playing the lesson (the room stays open)."""
        self.rooms._owned(code, token)
        self.store.delete(self.rooms._key(code, "lesson"))

    def lesson(self, code: str, lid: str):
        """The lesson ``lid`` of room ``code`` (an rnnlab.lessons.Lesson), or None when the room
        holds no such lesson or what it holds is not a valid one. Parsed once per process."""
        if not isinstance(lid, str) or not LESSON_ID.match(lid):
            return None
        with _lock:
            if lid in _parsed:
                _parsed.move_to_end(lid)
                return _parsed[lid]
        data = self.store.get(self.rooms._key(code, "lesson"))
        if data is None or len(data) > MAX_LESSON_BYTES + 33:
            return None
        head, _, body = data.partition(b"\n")
        try:
            text = body.decode()
        except UnicodeDecodeError:
            return None
        if head != lid.encode() or lesson_id(text) != lid:
            return None  # another lesson (the teacher switched) or a damaged record
        from rnnlab.declarations.messages import MessageError

        try:
            parsed = _loads(text)
        except (MessageError, ValueError):
            return None
        with _lock:
            _parsed[lid] = parsed
            while len(_parsed) > CACHE_SIZE:
                _parsed.popitem(last=False)
        return parsed
