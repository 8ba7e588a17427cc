"""Vote twice (Peer Instruction): a question of the room asked in two rounds.

Round one: the class answers the question as usual (rnnlab.classroom.rooms' ask and answer). The teacher
closes it: the answers are kept aside (``room:CODE:peer:first``, student id -> answer), the
question leaves every screen (students see "discuss with your neighbour", not the answers), and
the teacher alone sees the distribution. Round two asks the same question again under a new id,
so every student answers afresh and a round-one answer cannot be sent into round two. The reveal
shows both rounds side by side and how the answers moved, from each student's two answers
(matched by student id here, never shown): right -> wrong, wrong -> right, and for a value
question closer to / further from the truth by absolute error, and right / wrong by a tolerance
said on screen (``tolerance``).

The vote's record (``room:CODE:peer``) says which questions are its rounds and where it is:
"first" (round one open), "discuss", "second" (round two open), "revealed". Every key expires
with the room and is deleted when it ends (rnnlab.classroom.rooms.Rooms.end). What is read back is
untrusted: checked for types and sizes here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace

from rnnlab.classroom import questions as qs
from rnnlab.classroom.questions import Question
from rnnlab.classroom.rooms import MAX_STUDENTS, STUDENT_PATTERN, RoomError, Rooms

PHASES = ("first", "discuss", "second", "revealed")
RECORD = "peer"
FIRST = "peer:first"  # round one's answers, student id -> answer (one JSON object)
MAX_FIRST_BYTES = MAX_STUDENTS * 120  # a 24-digit id and a number per student, with room to spare
RELATIVE_TOLERANCE = 0.10  # a value answer within 10 % of the truth...
MIN_TOLERANCE = 0.05  # ... or within 0.05 of it (a gate near 0 needs a floor) counts as right


def tolerance(truth: float) -> float:
    """How far from the true value a value answer may be and still count as right: 10 % of the
    truth's size, at least 0.05 (a gate or a state is between -1 and 1; a prediction is in the
    series' units, where 10 % scales with it)."""
    return max(RELATIVE_TOLERANCE * abs(float(truth)), MIN_TOLERANCE)


@dataclass(frozen=True)
class Vote:
    """Where a two-round vote is: its two questions' ids and its phase."""

    first: str
    second: str | None
    phase: str

    def to_dict(self) -> dict:
        return {"first": self.first, "second": self.second, "phase": self.phase}

    @classmethod
    def from_dict(cls, raw) -> Vote | None:
        if not isinstance(raw, dict) or raw.get("phase") not in PHASES:
            return None
        first, second = raw.get("first"), raw.get("second")
        if not isinstance(first, str) or not qs.ID_PATTERN.match(first):
            return None
        if second is not None and (not isinstance(second, str) or not qs.ID_PATTERN.match(second)):
            return None
        if (second is None) != (raw["phase"] in ("first", "discuss")):
            return None
        return cls(first, second, raw["phase"])


@dataclass
class Moves:
    """How the answers moved between the rounds, counted over the students who answered both.

    ``both``: answered in both rounds; ``changed``: gave another answer in round two;
    ``first_only`` / ``second_only``: answered one round only. With a truth (and for a value
    question its ``tolerance``): ``right_right``, ``right_wrong``, ``wrong_right``,
    ``wrong_wrong``; for a value question also ``closer``, ``further``, ``same`` (absolute error
    to the truth). ``to``: for a choice, (from option, to option) -> how many changed so.
    """

    both: int = 0
    changed: int = 0
    first_only: int = 0
    second_only: int = 0
    right_right: int | None = None
    right_wrong: int | None = None
    wrong_right: int | None = None
    wrong_wrong: int | None = None
    closer: int | None = None
    further: int | None = None
    same: int | None = None
    tolerance: float | None = None
    to: dict = field(default_factory=dict)


def moves(question: Question, first: dict, second: dict, truth=None) -> Moves:
    """How each student's answer moved from ``first`` to ``second`` (student id -> answer).

    Answers that do not fit ``question`` are left out. ``truth``: the right option's index, or
    the true value (None: only who changed is counted).
    """
    a = {s: v for s, v in first.items() if question.valid_answer(v) is not None}
    b = {s: v for s, v in second.items() if question.valid_answer(v) is not None}
    both = sorted(a.keys() & b.keys())
    out = Moves(both=len(both), first_only=len(a.keys() - b.keys()), second_only=len(b.keys() - a.keys()))
    if question.kind == "choice":
        out.changed = sum(1 for s in both if int(a[s]) != int(b[s]))
        out.to = dict(Counter((int(a[s]), int(b[s])) for s in both if int(a[s]) != int(b[s])))
    else:
        out.changed = sum(1 for s in both if float(a[s]) != float(b[s]))
    truth = question.valid_answer(truth) if truth is not None else None
    if truth is None:
        return out
    if question.kind == "choice":
        def right(v):
            return int(v) == int(truth)
    else:
        out.tolerance = tolerance(truth)

        def right(v):
            return abs(float(v) - float(truth)) <= out.tolerance * (1 + 1e-12)

        errors = [(abs(float(a[s]) - truth), abs(float(b[s]) - truth)) for s in both]
        eps = 1e-12 * max(1.0, abs(float(truth)))
        out.closer = sum(1 for e1, e2 in errors if e2 < e1 - eps)
        out.further = sum(1 for e1, e2 in errors if e2 > e1 + eps)
        out.same = len(errors) - out.closer - out.further
    pairs = [(right(a[s]), right(b[s])) for s in both]
    out.right_right = sum(1 for p in pairs if p == (True, True))
    out.right_wrong = sum(1 for p in pairs if p == (True, False))
    out.wrong_right = sum(1 for p in pairs if p == (False, True))
    out.wrong_wrong = sum(1 for p in pairs if p == (False, False))
    return out


def _dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


def _first_answers(raw, question: Question) -> dict:
    """Round one's answers as stored, checked: student ids of ours, answers that fit."""
    if not isinstance(raw, dict):
        return {}
    out = {}
    for sid, value in list(raw.items())[:MAX_STUDENTS]:
        answer = question.valid_answer(value)
        if isinstance(sid, str) and STUDENT_PATTERN.match(sid) and answer is not None:
            out[sid] = answer
    return out


@dataclass
class Result:
    """What the reveal shows: the question (round two's, revealed), both rounds' answers
    (anonymous: sorted values) and how they moved."""

    question: Question
    first: list
    second: list
    moves: Moves


class Peer:
    """Two-round votes in the rooms of ``rooms`` (its store and clock)."""

    def __init__(self, rooms: Rooms):
        self.rooms = rooms
        self.store = rooms.store

    def _key(self, code: str, part: str) -> str:
        return self.rooms._key(code, part)

    def _ttl(self, code: str) -> float:
        meta = self.rooms.meta(code)
        if meta is None:
            raise RoomError("missing", code)
        return self.rooms._ttl(meta)

    def _put(self, code: str, vote: Vote) -> None:
        self.store.put(self._key(code, RECORD), _dumps(vote.to_dict()), ttl=self._ttl(code))

    # ----- anyone -----
    def record(self, code: str) -> Vote | None:
        """The vote's record as stored (checked), whether or not its question is still there."""
        data = self.store.get(self._key(code, RECORD))
        if data is None or len(data) > 1000:
            return None
        try:
            return Vote.from_dict(json.loads(data))
        except (ValueError, UnicodeDecodeError):
            return None

    def vote(self, code: str) -> Vote | None:
        """The room's two-round vote, or None (none, or its question is gone: removed, or
        another question asked)."""
        vote = self.record(code)
        if vote is None:
            return None
        if vote.phase == "discuss":  # no question on screen; another one asked ends the vote
            found = self.first_question(code) is not None
            return vote if found and self.rooms.question(code) is None else None
        q = self.rooms.question(code)
        now = vote.first if vote.phase == "first" else vote.second
        return vote if q is not None and q.id == now else None

    def _round_one(self, code: str) -> tuple[Question | None, dict]:
        """Round one's question and its answers (student id -> answer), as kept aside."""
        data = self.store.get(self._key(code, FIRST))
        if data is None or len(data) > MAX_FIRST_BYTES:
            return None, {}
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            return None, {}
        question = Question.from_dict(raw.get("question")) if isinstance(raw, dict) else None
        if question is None:
            return None, {}
        return question, _first_answers(raw.get("answers"), question)

    def first_question(self, code: str) -> Question | None:
        """Round one's question (kept with its answers while the class discusses)."""
        return self._round_one(code)[0]

    def _first(self, code: str) -> dict:
        return self._round_one(code)[1]

    def first_answers(self, code: str) -> list:
        """Round one's answers, anonymous (sorted values)."""
        return sorted(self._first(code).values())

    def my_first(self, code: str, student: str) -> float | int | None:
        """This student's own round-one answer, if any."""
        return self._first(code).get(student)

    def result(self, code: str) -> Result | None:
        """Both rounds and how the answers moved, once round two is revealed (else None)."""
        vote = self.vote(code)
        if vote is None or vote.phase != "revealed":
            return None
        q = self.rooms.question(code)
        first = self._first(code)
        second = self.rooms._answers(code, q)
        return Result(q, sorted(first.values()), sorted(second.values()), moves(q, first, second, q.truth))

    # ----- the teacher (the room's token) -----
    def start(self, code: str, token: str, question: Question) -> Vote:
        """Ask ``question`` as round one of a two-round vote (any previous question goes)."""
        self.rooms._owned(code, token)
        self.store.delete(self._key(code, FIRST))
        self.rooms.ask(code, token, question)
        vote = Vote(question.id, None, "first")
        self._put(code, vote)
        return vote

    def close_first(self, code: str, token: str) -> Vote:
        """Close round one: its answers are kept aside for the reveal, the question leaves
        every screen (students discuss), and no answer to it is taken any more."""
        self.rooms._owned(code, token)
        vote = self.vote(code)
        if vote is None or vote.phase != "first":
            raise RoomError("no_question", code)
        q = self.rooms.question(code)
        answers = self.rooms._answers(code, q)
        body = _dumps({"question": q.to_dict(), "answers": answers})
        if len(body) > MAX_FIRST_BYTES:  # pragma: no cover - MAX_STUDENTS bounds the answers
            raise ValueError("round one's answers are over their size cap")
        self.store.put(self._key(code, FIRST), body, ttl=self._ttl(code))
        self.rooms.close_question(code, token)  # answers to round one are refused from now
        vote = Vote(vote.first, None, "discuss")
        self._put(code, vote)
        return vote

    def ask_second(self, code: str, token: str) -> Question:
        """Round two: the same question again under a new id (every student answers afresh)."""
        self.rooms._owned(code, token)
        vote = self.vote(code)
        first = self.first_question(code)
        if vote is None or vote.phase != "discuss" or first is None:
            raise RoomError("no_question", code)
        second = replace(first, id=qs.new_id(), revealed=False, truth=None, how=None, source="")
        self.rooms.ask(code, token, second)
        self._put(code, Vote(vote.first, second.id, "second"))
        return second

    def reveal(self, code: str, token: str, truth=None, how: str | None = None, source: str = "") -> Result:
        """Close round two and show the truth, both rounds and the moves."""
        self.rooms._owned(code, token)
        vote = self.vote(code)
        if vote is None or vote.phase != "second":
            raise RoomError("no_question", code)
        self.rooms.reveal(code, token, vote.second, truth, how, source)
        self._put(code, Vote(vote.first, vote.second, "revealed"))
        return self.result(code)

    def stop(self, code: str, token: str) -> None:
        """End the vote: its record, round one's answers and the room's question go."""
        self.rooms._owned(code, token)
        self.store.delete(self._key(code, RECORD))
        self.store.delete(self._key(code, FIRST))
        self.rooms.close_question(code, token)


def drop(rooms: Rooms, code: str) -> None:
    """Delete a room's vote (the room ends)."""
    for part in (RECORD, FIRST):
        rooms.store.delete(rooms._key(code, part))
