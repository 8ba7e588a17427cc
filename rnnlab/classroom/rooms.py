"""Live-lesson rooms on the session store (rnnlab.store): a teacher publishes, students follow.

A room is a few keys in the store, all under ``room:CODE:`` so that rooms never see each other:

- ``room:CODE``           its meta: created, expires, the teacher's token digest, ended
- ``room:CODE:state``     what the teacher shows now (page, series, split, settings, step), with a
                           sequence number that grows with every change
- ``room:CODE:students``  student id -> last heartbeat, for the teacher's live count (a field key:
                           each heartbeat writes its own field, atomically, on any replica)
- ``room:CODE:joined``    student id -> when they first joined (a field key): every student who
                           joined keeps a place, present or not, up to MAX_STUDENTS
- ``room:CODE:member:SID`` the same, one key per student (a membership test without reading all)
- ``room:CODE:net``       the trained network the teacher shows (Hidden states), if any
- ``room:CODE:lesson``    the lesson the teacher plays live, if any (rnnlab.lessons.lesson_room)
- ``room:CODE:question``  the question the teacher asked (rnnlab.classroom.questions), if any
- ``room:CODE:answers:QID`` student id -> that student's answer (a field key: one answer each,
                           a new one replaces it; what anyone reads back has no ids in it)
- ``room:CODE:peer``, ``room:CODE:peer:first``, ``room:CODE:board``  class activities
                           (rnnlab.activities: a vote in two rounds, the board of runs)

Every key expires with the room (3 hours after it was created), so a forgotten room cleans itself
up on SQLite and Redis alike. Codes are 6 symbols of Crockford's base32 (no I, L, O, U: nothing
to misread on a projector), drawn with ``secrets``: 32**6, about a billion codes, so a room
cannot be found by guessing. Only the holder of the room's token (the teacher's session) can
publish or end it.

One student, one voice: a student id is the same for every join from the same browser (the app
derives it from the browser's id), a student answers once per question (a new answer replaces
theirs), and only a student who joined may answer, so the answers of a question never outnumber
the students who joined and a joined student always has room. Joining, guessing codes and
answering are rate-limited per client (rnnlab.classroom.ratelimit): a refused client is told how long to
wait.

What a student reads back is untrusted (anyone with the store could write it): it is size-capped
and type-checked here, and its values are validated again where they are applied (ui/classroom/live.py,
through the same checks as a lesson link).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
import time
from dataclasses import dataclass

from rnnlab.classroom.questions import Question
from rnnlab.classroom.ratelimit import Limit, Limiter
from rnnlab.declarations.messages import Message, MessageError
from rnnlab.store import Store

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: 32 symbols, no I L O U
CODE_LENGTH = 6
TTL_SECONDS = 3 * 3600
STALE_SECONDS = 15.0  # a student unheard of for this long has left (heartbeats every few s)
MAX_STATE_BYTES = 16_384  # a published state is a few hundred bytes; more is not ours
MAX_STUDENTS = 1000  # bounds the heartbeat and joined records (and the work of reading them)
MAX_NET_BYTES = 2_000_000  # a Hidden states network: 64 LSTM units is about 0.4 MB as JSON
MAX_LESSON_BYTES = 2_000_000  # a lesson file played live (rnnlab.lessons.lesson_room): the format's 2 MB
ON_END: list = []  # callables (rooms, code) run when a room ends: each activity registers its own
# Rate limits per client: (kind of client id -> limit). The narrow ids (a session, a browser)
# are one person; an address may be a whole class behind one school router.
JOIN_LIMITS = {"session": Limit("join", 10, 60.0), "browser": Limit("join", 10, 60.0),
               "address": Limit("join_addr", 120, 600.0)}
GUESS_LIMITS = {"session": Limit("guess", 5, 60.0), "browser": Limit("guess", 5, 60.0),
                "address": Limit("guess_addr", 120, 600.0)}
ANSWER_LIMIT = Limit("answer", 20, 60.0)  # per student: changing one's mind, not a flood
ACTIVITY_PARTS = ("peer", "peer:first", "board")  # rnnlab.activities' keys, deleted at the end
STUDENT_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
# What people type for the symbols the alphabet leaves out (Crockford's reading rules).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class RoomError(MessageError):
    """A room operation was refused, said as one Message ``live.error.<reason>`` with the room's
    code; ``reason`` is one of REASONS."""

    REASONS = ("bad_code", "missing", "ended", "forbidden", "no_question", "closed", "full",
               "slow_down", "not_joined")

    def __init__(self, reason: str, code: str = "", **values):
        super().__init__(Message(f"live.error.{reason}", {"code": code or "?", **values}))
        self.code = code
        self.reason = reason


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


NET_ID = re.compile(r"^[0-9a-f]{8,32}$")


def _valid_net(net) -> dict | None:
    """A network record {"id": hex, "key": [plain values], "weights": {name: nested lists}}."""
    if not isinstance(net, dict) or not isinstance(net.get("id"), str) or not NET_ID.match(net["id"]):
        return None
    key, weights = net.get("key"), net.get("weights")
    if not isinstance(key, list) or len(key) > 20 or not all(
            v is None or isinstance(v, (str, int, float, bool)) for v in key):
        return None
    if not isinstance(weights, dict) or not 0 < len(weights) <= 64 or not all(
            isinstance(k, str) and len(k) <= 40 and isinstance(v, list) for k, v in weights.items()):
        return None
    return {"id": net["id"], "key": key, "weights": weights}


def _present(now: float, seen: float) -> bool:
    # heard from lately; a little in the future is another replica's clock, far ahead is junk
    return -STALE_SECONDS < now - seen < STALE_SECONDS


class Rooms:
    """Rooms kept in ``store``. Store failures surface as rnnlab.store.StoreError."""

    def __init__(self, store: Store, clock=time.time):
        self.store = store
        self._clock = clock
        self.limiter = Limiter(store, clock)

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
        self.store.delete(self._key(code, "joined"))
        self.store.delete(self._key(code, "net"))
        self.store.delete(self._key(code, "lesson"))
        self._drop_question(code)
        for part in ACTIVITY_PARTS:  # the class activities end with the room
            self.store.delete(self._key(code, part))
        for hook in ON_END:  # class activities' keys (rnnlab.activities) go with the room
            hook(self, code)

    def publish_net(self, code: str, token: str, net: dict) -> None:
        """The trained network the teacher shows (Hidden states): {"id", "key", "weights"}, so
        that students following see the same network, not their own initial weights."""
        meta = self._owned(code, token)
        if _valid_net(net) is None:
            raise ValueError("not a network record")
        body = _dumps(net)
        if len(body) > MAX_NET_BYTES:
            raise ValueError(f"a room's network is capped at {MAX_NET_BYTES} bytes, not {len(body)}")
        self.store.put(self._key(code, "net"), body, ttl=self._ttl(meta))

    def net(self, code: str) -> dict | None:
        """The teacher's trained network record, or None (checked for shape, not for values:
        the page checks the weights against its own network before using them)."""
        data = self.store.get(self._key(code, "net"))
        if data is None or len(data) > MAX_NET_BYTES:
            return None
        try:
            return _valid_net(json.loads(data))
        except (ValueError, UnicodeDecodeError):
            return None

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
    def _open(self, code: str) -> dict:
        meta = self.meta(code)
        if meta is None:
            raise RoomError("missing", code)
        if meta.get("ended"):
            raise RoomError("ended", code)
        return meta

    @staticmethod
    def _check_student(student) -> None:
        if not isinstance(student, str) or not STUDENT_PATTERN.match(student):
            raise ValueError("a student id is 8-64 characters of A-Z a-z 0-9 _ -")

    def _students(self, code: str) -> dict[str, float]:
        out = {}
        for sid, raw in self.store.fields(self._key(code, "students")).items():
            try:
                out[sid] = float(raw)
            except ValueError:
                continue  # not a heartbeat of ours
        return out

    def _limited(self, limits: dict[str, Limit], client, code: str) -> None:
        rules = [(limits[kind], who) for kind, who in client if kind in limits]
        wait = self.limiter.take(rules) if rules else 0.0
        if wait:
            raise RoomError("slow_down", code, seconds=max(1, math.ceil(wait)))

    def join(self, code: str, student: str, client=()) -> None:
        """``student`` joins room ``code``: counted as present and given a place for answers.

        ``client`` is a list of (kind, id) pairs, kinds "session", "browser", "address" (ids
        are hashes): looking a code up and joining are rate-limited per client (RoomError
        "slow_down" with the seconds to wait). A code that names no open room counts as a
        guess; too many guesses and the client waits before the next look-up.
        """
        self._check_student(student)
        guesses = [(GUESS_LIMITS[k], who) for k, who in client if k in GUESS_LIMITS]
        wait = max([self.limiter.wait(rule, who) for rule, who in guesses] or [0.0])
        if wait:
            raise RoomError("slow_down", code, seconds=max(1, math.ceil(wait)))
        try:
            self._open(code)
        except RoomError:
            for rule, who in guesses:
                self.limiter.hit(rule, who)
            raise
        if not self.joined(code, student):
            self._limited(JOIN_LIMITS, client, code)  # a rejoin of the same student is free
        self.heartbeat(code, student)

    def heartbeat(self, code: str, student: str) -> None:
        """Count ``student`` as present (and as joined). Raises RoomError unless the room is
        open, and RoomError("full") for a new student once MAX_STUDENTS have joined.

        One field per student, written atomically: heartbeats on several replicas at the same
        moment never overwrite each other.
        """
        meta = self._open(code)
        self._check_student(student)
        key, now = self._key(code, "students"), self._clock()
        if not self.joined(code, student):
            joined = self._key(code, "joined")
            if self.store.count_fields(joined) >= MAX_STUDENTS:
                raise RoomError("full", code, n=MAX_STUDENTS)
            stamp = repr(float(now)).encode()
            self.store.set_field(joined, student, stamp, ttl=self._ttl(meta))
            self.store.put(self._key(code, f"member:{student}"), stamp, ttl=self._ttl(meta))
        if self.store.count_fields(key) >= MAX_STUDENTS:
            for sid, at in self._students(code).items():  # make room by forgetting those who left
                if sid != student and not _present(now, at):
                    self.store.delete_field(key, sid)
        self.store.set_field(key, student, repr(float(now)).encode(), ttl=self._ttl(meta))

    def joined(self, code: str, student: str) -> bool:
        """Has ``student`` joined room ``code`` (present now or not)?"""
        self._check_student(student)
        return self.store.get(self._key(code, f"member:{student}")) is not None

    def leave(self, code: str, student: str) -> None:
        meta = self.meta(code)
        if meta is None or meta.get("ended") or not isinstance(student, str) or not student:
            return
        self.store.delete_field(self._key(code, "students"), student)

    def count(self, code: str) -> int:
        """Students heard from in the last STALE_SECONDS."""
        now = self._clock()
        return sum(1 for v in self._students(code).values() if _present(now, v))

    # ----- predict, then reveal -----
    def _drop_question(self, code: str) -> None:
        current = self.question(code)
        if current is not None:
            self.store.delete(self._key(code, f"answers:{current.id}"))
        self.store.delete(self._key(code, "question"))

    def ask(self, code: str, token: str, question: Question) -> None:
        """Ask the class ``question`` (the teacher only); the previous one and its answers go."""
        meta = self._owned(code, token)
        record = Question.from_dict(question.to_dict())
        if record is None or record.revealed:
            raise ValueError("not a question that can be asked")
        body = _dumps(record.to_dict())
        if len(body) > MAX_STATE_BYTES:
            raise ValueError(f"a question is capped at {MAX_STATE_BYTES} bytes")
        self._drop_question(code)
        self.store.put(self._key(code, "question"), body, ttl=self._ttl(meta))

    def question(self, code: str) -> Question | None:
        """The open or revealed question, or None."""
        return Question.from_dict(_loads_dict(self.store.get(self._key(code, "question"))))

    def answer(self, code: str, student: str, qid: str, value) -> float | int:
        """A student's answer to question ``qid`` (a new one replaces theirs); returns it as stored.

        RoomError("no_question") when that question is not the room's now, ("closed") once it
        is revealed; ValueError for an answer that does not fit the question.
        """
        meta = self._open(code)
        self._check_student(student)
        current = self.question(code)
        if current is None or current.id != qid:
            raise RoomError("no_question", code)
        if current.revealed:
            raise RoomError("closed", code)
        answer = current.valid_answer(value)
        if answer is None:
            raise ValueError(f"not an answer to this question: {value!r}")
        if not self.joined(code, student):
            raise RoomError("not_joined", code)  # answers never outnumber the students who joined
        self._limited({"student": ANSWER_LIMIT}, [("student", student)], code)
        key = self._key(code, f"answers:{qid}")
        self.store.set_field(key, student, _dumps(answer), ttl=self._ttl(meta))
        return answer

    def _answers(self, code: str, question: Question) -> dict[str, float | int]:
        out = {}
        for sid, raw in self.store.fields(self._key(code, f"answers:{question.id}")).items():
            try:
                value = question.valid_answer(json.loads(raw))
            except (ValueError, UnicodeDecodeError):
                continue
            if value is not None:
                out[sid] = value
        return out

    def answers(self, code: str, qid: str) -> list[float | int]:
        """Every answer to question ``qid``, anonymous (no student ids), in no particular order."""
        current = self.question(code)
        if current is None or current.id != qid:
            return []
        return sorted(self._answers(code, current).values())

    def my_answer(self, code: str, student: str, qid: str) -> float | int | None:
        """This student's own answer to ``qid``, if any."""
        current = self.question(code)
        if current is None or current.id != qid:
            return None
        return self._answers(code, current).get(student)

    def answer_count(self, code: str, qid: str) -> int:
        current = self.question(code)
        if current is None or current.id != qid:
            return 0
        return self.store.count_fields(self._key(code, f"answers:{qid}"))

    def reveal(self, code: str, token: str, qid: str, truth=None, how: str | None = None,
               source: str = "") -> Question:
        """Close question ``qid`` to answers and show its true answer (None: none is known)."""
        meta = self._owned(code, token)
        current = self.question(code)
        if current is None or current.id != qid:
            raise RoomError("no_question", code)
        current.revealed = True
        if truth is not None:
            value = current.valid_answer(truth)
            if value is None or how not in ("engine", "runs", "teacher"):
                raise ValueError(f"not a true answer to this question: {truth!r} ({how!r})")
            current.truth, current.how, current.source = value, how, str(source)[:300]
        self.store.put(self._key(code, "question"), _dumps(current.to_dict()), ttl=self._ttl(meta))
        return current

    def close_question(self, code: str, token: str) -> None:
        """Take the question off everyone's screen (its answers are deleted)."""
        self._owned(code, token)
        self._drop_question(code)
