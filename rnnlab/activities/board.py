"""The class's runs on one board: students post finished runs to the live room, the board ranks them.

A post is a finished Train or Compare run said in numbers only: its settings (a TrainConfig,
seed included), its test MASE, the MASE of persistence and of seasonal naive on the same test
targets (same scale), its training time and epochs, and the series it was trained on (name and
a fingerprint of its values). Nothing personal: the board shows a random two-word nickname
(indices into word lists in both languages, rnnlab/i18n/board.py), the same for all of one
student's posts in a room and told to that student.

Stored in the room's field key ``room:CODE:board``: one field per post, named
``STUDENT.POST`` (the poster's student id, as the room knows the session; the post id is a hash
of the run's id in that session), so a student cannot write under another's id, the same run
posted twice is one post, and one student's posts are counted for the cap. It expires with the
room and is deleted when the room ends (rnnlab.classroom.rooms.Rooms.end). Whatever is read back is
untrusted: checked (bounded sizes, finite numbers, settings inside TrainConfig's limits) before
it is shown, and what anyone reads has no student id in it.

The board groups posts with identical settings but the seed (and the same series), so the spread
over seeds is visible, and ranks the groups by their median test MASE.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field

import numpy as np

from rnnlab.classroom.ratelimit import Limit
from rnnlab.classroom.rooms import STUDENT_PATTERN, RoomError, Rooms

PART = "board"
MAX_POSTS_PER_STUDENT = 8  # an hour's runs of one student worth showing the class
MAX_POSTS = 2_000  # read at most this many fields (a class of 250 posting 8 each)
MAX_POST_BYTES = 2_000  # a post is about 500 bytes of JSON
POST_LIMIT = Limit("board_post", 12, 60.0)  # per student: posting, not flooding
MAX_MASE = 1e6  # a MASE above this is not a result worth ranking (or not a number of ours)
MAX_SECONDS = 86_400.0
RUN_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
HEX = re.compile(r"^[0-9a-f]{8,32}$")
KINDS = ("train", "compare")
NICK_WORDS = 32  # adjectives and animals per language (rnnlab/i18n/board.py)
SETTINGS = ("cell", "layers", "units", "activation", "dropout", "lookback", "epochs", "batch_size",
            "optimizer", "learning_rate", "clipnorm", "val_fraction", "test_fraction", "scaler", "seed")


class BoardError(ValueError):
    """A post that is not one (said in ``reason``: "settings", "metrics", "series", "run")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ----- a run, said in numbers -----

def seasonal_naive_mase(values, test_index, train_end: int, season: int) -> float:
    """One-step seasonal naive's MASE on the test targets: each target at position i predicted
    by the value at i - season, its MAE divided by the run's MASE scale (persistence's mean
    absolute error inside the training part). NaN when a target has no value a season before,
    or without a scale."""
    from rnnlab.forecasting.baselines import mase_scale

    values = np.asarray(values, dtype=np.float64)
    index = np.asarray(test_index, dtype=int)
    m = max(1, int(season))
    if index.size == 0 or index.min() - m < 0:
        return float("nan")
    mae = float(np.mean(np.abs(values[index] - values[index - m])))
    return mae / mase_scale(values[:train_end])


def fingerprint(values) -> str:
    """A short hash of a series' values: posts on the same series are ranked together."""
    data = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    return hashlib.blake2b(data.tobytes(), digest_size=8).hexdigest()


def summary(run, season: int = 1, kind: str = "train") -> dict:
    """What a post of ``run`` holds (a finished rnnlab.training.Run with its values), before the
    checks of ``check_post``. ``season``: values per cycle of the series, for seasonal naive."""
    from dataclasses import asdict

    from rnnlab.data.windows import split_points
    from rnnlab.forecasting.baselines import run_mase

    values = np.asarray(run.values, dtype=np.float64)
    cfg = run.config
    train_end = run.split[0] or split_points(len(values), cfg.val_fraction, cfg.test_fraction)[0]
    test_index = np.asarray(run.target_index.get("test", []), dtype=int)
    return {
        "kind": kind,
        "run": str(run.run_id),
        "settings": {k: v for k, v in asdict(cfg).items() if k in SETTINGS},
        "mase": run_mase(run, "test"),
        "persistence": run_mase(run, "test", "persistence"),
        "seasonal": seasonal_naive_mase(values, test_index, train_end, season),
        "season": int(season),
        "seconds": float(run.seconds),
        "epochs": len(run.history.get("loss", [])),
        "series": str(run.series_name or "")[:80],
        "fingerprint": fingerprint(values),
    }


def _number(value, low: float, high: float, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BoardError("metrics")
    value = float(value)
    if math.isnan(value) and optional:
        return None
    if not math.isfinite(value) or not low <= value <= high:
        raise BoardError("metrics")
    return value


def check_settings(raw) -> dict:
    """A run's settings as a plain dict within TrainConfig's limits (BoardError otherwise)."""
    from rnnlab.data.windows import SCALERS
    from rnnlab.declarations.vocab import ACTIVATIONS, OPTIMIZERS
    from rnnlab.training.config import LIMITS, TRAIN_CELLS

    if not isinstance(raw, dict) or set(raw) != set(SETTINGS):
        raise BoardError("settings")
    choices = {"cell": TRAIN_CELLS, "activation": ACTIVATIONS, "optimizer": OPTIMIZERS, "scaler": SCALERS}
    out: dict = {}
    for name in SETTINGS:
        value = raw[name]
        if name in choices:
            if value not in choices[name]:
                raise BoardError("settings")
            out[name] = value
        elif name == "clipnorm":
            out[name] = None if value is None else _settings_number(value, 1e-9, 1e6)
        elif name == "seed":
            out[name] = int(_settings_number(value, 0, 2**32 - 1, whole=True))
        else:
            low, high = LIMITS[name]
            whole = isinstance(low, int)
            number = _settings_number(value, low, high, whole)
            out[name] = int(number) if whole else number
    return out


def _settings_number(value, low, high, whole: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BoardError("settings")
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high or (whole and not value.is_integer()):
        raise BoardError("settings")
    return value


def check_post(raw) -> dict:
    """A post as sent (untrusted): every field checked, bounded and made plain. BoardError
    ("settings", "metrics", "series", "run") when something is not right."""
    if not isinstance(raw, dict):
        raise BoardError("run")
    run, kind = raw.get("run"), raw.get("kind")
    if not isinstance(run, str) or not RUN_ID.match(run) or kind not in KINDS:
        raise BoardError("run")
    series, print_ = raw.get("series"), raw.get("fingerprint")
    if not isinstance(series, str) or len(series) > 80 or not isinstance(print_, str) or not HEX.match(print_):
        raise BoardError("series")
    season, epochs = raw.get("season"), raw.get("epochs")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (season, epochs)):
        raise BoardError("metrics")
    if not 1 <= season <= 100_000 or not 1 <= epochs <= 10_000:
        raise BoardError("metrics")
    return {
        "kind": kind, "run": run, "settings": check_settings(raw.get("settings")),
        "mase": _number(raw.get("mase"), 0.0, MAX_MASE),
        "persistence": _number(raw.get("persistence"), 0.0, MAX_MASE, optional=True),
        "seasonal": _number(raw.get("seasonal"), 0.0, MAX_MASE, optional=True),
        "season": season, "seconds": _number(raw.get("seconds"), 0.0, MAX_SECONDS),
        "epochs": epochs, "series": " ".join(series.split()), "fingerprint": print_,
    }


# ----- the board -----

def nickname_index(code: str, student: str, taken: set[int] = frozenset()) -> int:
    """A nickname (adjective * NICK_WORDS + animal) for ``student`` in room ``code``: drawn
    from a hash of both (the same every time), the next free one when another student has it."""
    start = int.from_bytes(hashlib.blake2b(f"nick\x1f{code}\x1f{student}".encode(), digest_size=4).digest(), "big")
    total = NICK_WORDS * NICK_WORDS
    for k in range(total):
        nick = (start + k * 7919) % total  # a prime step: walks every nickname
        if nick not in taken:
            return nick
    return start % total


def settings_key(settings: dict) -> tuple:
    """What makes two posts the same experiment: every setting but the seed."""
    return tuple((k, settings[k]) for k in SETTINGS if k != "seed")


@dataclass
class Entry:
    """One post as anyone reads it: no student id. ``id`` names it for "open this run"."""

    id: str
    nick: int
    kind: str
    settings: dict
    mase: float
    persistence: float | None
    seasonal: float | None
    season: int
    seconds: float
    epochs: int
    series: str
    fingerprint: str
    mine: bool = False


@dataclass
class Group:
    """Posts of the same settings but the seed, on the same series: the spread over seeds."""

    settings: dict  # the first post's (its seed is one of several)
    entries: list[Entry] = field(default_factory=list)  # best first

    @property
    def mases(self) -> list[float]:
        return [e.mase for e in self.entries]

    @property
    def median(self) -> float:
        return float(np.median(self.mases))

    @property
    def low(self) -> float:
        return min(self.mases)

    @property
    def high(self) -> float:
        return max(self.mases)

    @property
    def seeds(self) -> list[int]:
        return [int(e.settings["seed"]) for e in self.entries]


def groups(entries: list[Entry]) -> list[Group]:
    """Posts grouped by settings (all but the seed) and series, ranked by median test MASE
    (ties: the lower best MASE, then more posts); each group's posts best first."""
    found: dict[tuple, Group] = {}
    for e in entries:
        key = (e.fingerprint, settings_key(e.settings))
        found.setdefault(key, Group(dict(e.settings))).entries.append(e)
    for g in found.values():
        g.entries.sort(key=lambda e: (e.mase, e.id))
    return sorted(found.values(), key=lambda g: (g.median, g.low, -len(g.entries), g.entries[0].id))


def _entry_id(field_name: str) -> str:
    return hashlib.blake2b(f"entry\x1f{field_name}".encode(), digest_size=6).hexdigest()


class Board:
    """The boards of the rooms of ``rooms`` (its store, clock and rate limiter)."""

    def __init__(self, rooms: Rooms):
        self.rooms = rooms
        self.store = rooms.store

    def _fields(self, code: str) -> dict[str, bytes]:
        raw = self.store.fields(self.rooms._key(code, PART))
        return dict(list(raw.items())[:MAX_POSTS])

    def _read(self, code: str) -> list[tuple[str, str, dict]]:
        """(student, field name, checked post + nick) of every post that passes the checks."""
        out = []
        for name, data in self._fields(code).items():
            student, _, post_id = name.partition(".")
            if not STUDENT_PATTERN.match(student) or not HEX.match(post_id) or len(data) > MAX_POST_BYTES:
                continue
            try:
                raw = json.loads(data)
                post = check_post(raw)
                nick = raw.get("nick")
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(nick, int) and not isinstance(nick, bool) and 0 <= nick < NICK_WORDS**2:
                out.append((student, name, {**post, "nick": nick}))
        return out

    def post(self, code: str, student: str, raw: dict) -> Entry:
        """``student`` (the session's id in the room: never taken from what is posted) posts a
        run. The same run again replaces its post. RoomError: the room is not open
        ("missing"/"ended"), the student did not join ("not_joined"), too many posts
        ("board_full") or too fast ("slow_down"); BoardError: the post is not a valid one."""
        meta = self.rooms._open(code)
        self.rooms._check_student(student)
        post = check_post(raw)
        if not self.rooms.joined(code, student):
            raise RoomError("not_joined", code)
        post_id = hashlib.blake2b(f"post\x1f{post['run']}".encode(), digest_size=8).hexdigest()
        name = f"{student}.{post_id}"
        existing = self._read(code)
        mine = [n for s, n, _ in existing if s == student]
        if name not in mine and len(mine) >= MAX_POSTS_PER_STUDENT:
            raise RoomError("board_full", code, n=MAX_POSTS_PER_STUDENT)
        if name not in mine and len(existing) >= MAX_POSTS:
            raise RoomError("board_full", code, n=MAX_POSTS_PER_STUDENT)
        self.rooms._limited({"student": POST_LIMIT}, [("student", student)], code)
        own = [p["nick"] for s, _, p in existing if s == student]
        nick = own[0] if own else nickname_index(code, student, {p["nick"] for s, _, p in existing})
        body = json.dumps({**post, "nick": nick}, separators=(",", ":"), sort_keys=True).encode()
        self.store.set_field(self.rooms._key(code, PART), name, body, ttl=self.rooms._ttl(meta))
        return Entry(_entry_id(name), nick, mine=True, **{k: post[k] for k in _ENTRY_FIELDS})

    def entries(self, code: str, student: str | None = None) -> list[Entry]:
        """Every post of the room (an ended or missing room has none), anonymous; ``mine`` marks
        ``student``'s own."""
        if self.rooms.status(code) != "open":
            return []
        return [Entry(_entry_id(name), post["nick"], mine=s == student, **{k: post[k] for k in _ENTRY_FIELDS})
                for s, name, post in self._read(code)]

    def nickname(self, code: str, student: str) -> int | None:
        """``student``'s nickname in room ``code`` once they posted, else None."""
        own = [p["nick"] for s, _, p in self._read(code) if s == student]
        return own[0] if own else None

    def find(self, code: str, entry_id: str) -> Entry | None:
        return next((e for e in self.entries(code) if e.id == entry_id), None)


_ENTRY_FIELDS = ("kind", "settings", "mase", "persistence", "seasonal", "season", "seconds", "epochs",
                 "series", "fingerprint")


# ----- in words -----

def nickname(nick: int, lang: str) -> str:
    """The two-word nickname ``nick`` in ``lang`` ("Nimble Otter", "Nutria ágil")."""
    from rnnlab.i18n.board import ADJECTIVES, ANIMALS

    adjective, animal = ADJECTIVES[lang][nick // NICK_WORDS], ANIMALS[lang][nick % NICK_WORDS]
    return f"{animal} {adjective}" if lang == "es" else f"{adjective} {animal}"


def settings_label(settings: dict, lang: str) -> str:
    """A group's settings in a line: cell, layers x units, activation, window, epochs, step size
    (and what is not the default: optimizer, batch, dropout, clipping, split)."""
    from rnnlab.i18n import t
    from rnnlab.i18n.numbers import fmt
    from rnnlab.training import TrainConfig

    s, base = settings, TrainConfig()
    parts = [t("board.label.main", lang, cell=s["cell"], layers=s["layers"], units=s["units"],
               activation=s["activation"]),
             t("board.label.lookback", lang, n=s["lookback"]), t("board.label.epochs", lang, n=s["epochs"]),
             t("board.label.lr", lang, lr=fmt(s["learning_rate"], lang))]
    if s["optimizer"] != base.optimizer:
        parts.append(s["optimizer"])
    if s["batch_size"] != base.batch_size:
        parts.append(t("board.label.batch", lang, n=s["batch_size"]))
    if s["dropout"]:
        parts.append(t("board.label.dropout", lang, p=fmt(s["dropout"], lang)))
    if s["clipnorm"]:
        parts.append(t("board.label.clip", lang, c=fmt(s["clipnorm"], lang)))
    if (s["val_fraction"], s["test_fraction"], s["scaler"]) != (base.val_fraction, base.test_fraction, base.scaler):
        parts.append(t("board.label.split", lang, v=fmt(s["val_fraction"], lang), te=fmt(s["test_fraction"], lang),
                       scaler=s["scaler"]))
    return " · ".join(parts)
