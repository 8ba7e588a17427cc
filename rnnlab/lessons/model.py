"""A lesson: a list of scenes, each one screen of the app in a given state, with a short text.

The file format (version 1) is written down in README ("Lessons"). A lesson file is untrusted
input: ``loads`` checks everything (size and nesting before parsing, then every field's type,
range and length, the page names, the settings against the pages' own control specs, the
questions against rnnlab.classroom.questions, the value references against rnnlab.lessons.values) and
refuses what is wrong with a ``LessonError`` that says, in the reader's language, what and where
("Escena 3, page: «foo» no es una página de la app"). Texts are plain text: whatever they hold
(``<script>``, markdown, links) is shown as text, never rendered.

``Lesson`` and ``Scene`` are frozen; the editor's operations (add, move, delete, replace a
scene; change a field) return new objects, validated like a file.

Pages and the sections a scene can focus (``FOCUS``; the player puts
``data-rnnlab-focus="<id>"`` on each, the id without the page):

- home: ``start`` (the start button and its picture), ``path`` (the numbered path of pages).
- data: ``source`` (where the series comes from), ``chart`` (the series, its split and a
  window), ``range`` (which rows are used), ``stats`` (its summary numbers), ``split``
  (lookback, validation and test fractions, scaler), ``windows`` (the window explorer),
  ``scaler`` (the scaler fitted on the training part vs on everything, and the notebook's
  scaling cell).
- hidden: ``settings`` (cell, units, input), ``stage`` (the stepping stage), ``equations``
  (the step's arithmetic), ``training`` (train the stage's network), ``gradients`` (the
  gradient-through-time probe).
- train: ``settings`` (cell, the settings, Train and the presets), ``curve`` (the learning
  curve), ``metrics`` (verdict and the metrics table with the baselines), ``predictions``
  (the prediction chart and the copycat comparison), ``residuals``, ``forecast`` (beyond the
  data, one step vs many), ``backtest``.
- compare: ``settings`` (train the three cells), ``runs`` (the runs table), ``verdict``,
  ``charts``, ``backtest``, ``params``.
- modern: ``forms``, ``scan``, ``timing``, ``failure``.
- concepts: ``rnn``, ``simple``, ``activation``, ``lstm``, ``gru``, ``bptt``, ``vanishing``,
  ``params``, ``which``, ``apps``, ``modern``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields

import numpy as np

from rnnlab.declarations.messages import Message, MessageError
from rnnlab.lessons.values import MARK, VALUE_KINDS, VALUE_NAME

FORMAT = "rnnlab-lesson"
VERSION = 1
LANGS = ("es", "en")
PAGES = ("home", "data", "hidden", "train", "compare", "modern", "concepts")
# The lesson's page names -> rnnlab.pages.page_controls' page tables (their url paths).
CONTROL_PAGES = {"data": "data", "hidden": "hidden_states", "train": "train", "compare": "compare",
                 "concepts": "concepts"}
FOCUS: dict[str, tuple[str, ...]] = {
    "home": ("start", "path"),
    "data": ("source", "chart", "range", "stats", "split", "windows", "scaler"),
    "hidden": ("settings", "stage", "equations", "training", "gradients"),
    "train": ("settings", "curve", "metrics", "predictions", "residuals", "forecast", "backtest"),
    "compare": ("settings", "runs", "verdict", "charts", "backtest", "params"),
    "modern": ("forms", "scan", "timing", "failure"),
    "concepts": ("rnn", "simple", "activation", "lstm", "gru", "bptt", "vanishing", "params",
                 "which", "apps", "modern"),
}

MAX_BYTES = 2_000_000  # the file, UTF-8
MAX_DEPTH = 8  # nesting of objects and lists ({"scenes": [...]} is 2)
MAX_SCENES = 60
MAX_TITLE = 120  # characters per language
MAX_TEXT = 1_500
MAX_VALUES = 12
MAX_SETTINGS = 100
MAX_SERIES = 5_000  # values of a "values" source
MAX_NAME = 80  # a series' name
MAX_ABS = 1e15  # a series value (finite, and far from float64's overflow)
MAX_RANGE = 5_000_000  # a range's start/stop (the largest row a series can have)
MAX_HORIZON = 48  # a drawing activity's points
SOURCE_KINDS = ("notebook", "builtin", "noisy_sine", "values")
QUESTION_KEYS = ("id", "kind", "preset", "text", "params", "options", "revealed", "truth", "how",
                 "source")


class LessonError(MessageError):
    """A lesson file (or an editor's change) the app refuses: what is wrong and where."""


# ----- errors: one i18n key per problem, with its place (rnnlab/i18n/lessons.py) -----

def _fail(problem: str, where: tuple = (), **values):
    """Raise the error ``problem`` at ``where`` = (scene number or None, *path in the file)."""
    scene = where[0] if where and isinstance(where[0], int) else None
    path = ".".join(str(p) for p in (where[1:] if scene is not None else where) if p is not None)
    values = {k: v if k == "options" else _shown(v) for k, v in values.items()}
    if scene is not None:
        raise LessonError(Message(f"lessons.err.{problem}.scene", {"scene": scene, "field": path or "—", **values}))
    if path:
        raise LessonError(Message(f"lessons.err.{problem}.field", {"field": path, **values}))
    raise LessonError(Message(f"lessons.err.{problem}", values))


def _shown(value):
    """A value as an error message quotes it: short, on one line, never markup."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) <= MAX_ABS:
        return value
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    text = text if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(str(text).split())
    return text if len(text) <= 40 else text[:39] + "…"


# ----- plain values -----

@dataclass(frozen=True)
class LText:
    """A text in Spanish and/or English (at least one); ``get(lang)`` falls back to the other."""

    es: str = ""
    en: str = ""

    def get(self, lang: str) -> str:
        own = self.en if str(lang).startswith("en") else self.es
        return own or self.es or self.en

    def to_json(self):
        return {lang: text for lang, text in (("es", self.es), ("en", self.en)) if text}


@dataclass(frozen=True)
class Scene:
    """One screen of the app in a given state. Dict fields are copies owned by the scene: change
    a scene with ``with_`` (validated), never in place."""

    page: str
    title: LText = LText()
    text: LText = LText()
    values: dict = field(default_factory=dict)  # name -> {"kind": ..., params}
    data: dict | None = None  # {"source", "range", "split"} or None: the reader's series
    settings: dict = field(default_factory=dict)  # widget key -> value
    hidden: dict | None = None  # {"t", "unit", "hide_future"}
    hide: tuple = ()
    focus: str | None = None
    question: dict | None = None  # a rnnlab.classroom.questions.Question's dict
    activity: dict | None = None  # {"kind": "draw", "horizon"}
    needs_run: bool = False

    def to_dict(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, LText):
                value = value.to_json()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = _copy(value)
        return out

    @classmethod
    def from_dict(cls, raw, number: int | None = None) -> Scene:
        """A scene from its dict (a file's or the editor's), checked; ``number`` (1-based) is
        the scene's place in its lesson, for the messages."""
        return _scene(raw, number if number is not None else 1)

    def with_(self, **changes) -> Scene:
        """This scene with ``changes`` (fields as in ``to_dict``), checked like a file's."""
        return Scene.from_dict({**self.to_dict(), **{k: _plain(v) for k, v in changes.items()}})

    def __hash__(self) -> int:  # its dicts are never changed in place: hash what it holds
        return hash(json.dumps(self.to_dict(), sort_keys=True))

    def marks(self) -> list[str]:
        """The value names the texts use, in order of first use."""
        names = []
        for text in (self.text.es, self.text.en):
            names += [m for m in MARK.findall(text) if m not in names]
        return names


@dataclass(frozen=True)
class Lesson:
    title: LText
    scenes: tuple = ()

    def __hash__(self) -> int:
        return hash((self.title, self.scenes))

    def __len__(self) -> int:
        return len(self.scenes)

    def __iter__(self):
        return iter(self.scenes)

    def __getitem__(self, index) -> Scene:
        return self.scenes[index]

    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "title": self.title.to_json(),
                "scenes": [s.to_dict() for s in self.scenes]}

    @classmethod
    def from_dict(cls, raw) -> Lesson:
        return _lesson(raw)

    def dumps(self, indent: int | None = 1) -> str:
        """The lesson file (JSON, UTF-8 text); ``loads(lesson.dumps()) == lesson``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    # --- the editor's operations: each returns a new, checked lesson ---

    def _with_scenes(self, scenes: list) -> Lesson:
        return Lesson.from_dict({**self.to_dict(), "scenes": [s.to_dict() for s in scenes]})

    def add(self, scene: Scene, at: int | None = None) -> Lesson:
        """``scene`` inserted before index ``at`` (0-based; None = at the end)."""
        scenes = list(self.scenes)
        scenes.insert(len(scenes) if at is None else at, scene)
        return self._with_scenes(scenes)

    def replace(self, index: int, scene: Scene) -> Lesson:
        scenes = list(self.scenes)
        scenes[_index(index, len(scenes))] = scene
        return self._with_scenes(scenes)

    def delete(self, index: int) -> Lesson:
        scenes = list(self.scenes)
        del scenes[_index(index, len(scenes))]
        return self._with_scenes(scenes)

    def move(self, index: int, to: int) -> Lesson:
        """The scene at ``index`` moved to index ``to`` (0-based; the others keep their order)."""
        scenes = list(self.scenes)
        scene = scenes.pop(_index(index, len(scenes)))
        scenes.insert(_index(to, len(scenes) + 1), scene)
        return self._with_scenes(scenes)

    def with_title(self, title) -> Lesson:
        return Lesson.from_dict({**self.to_dict(), "title": _plain(title)})


def _index(index: int, n: int) -> int:
    if not isinstance(index, int) or isinstance(index, bool) or not -n <= index < n:
        raise IndexError(f"scene index {index!r} outside 0..{n - 1}")
    return index % n


def _plain(value):
    """Editor values as a file writes them (LText -> dict, tuples -> lists)."""
    if isinstance(value, LText):
        return value.to_json()
    if isinstance(value, tuple):
        return list(value)
    return value


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


# ----- reading a file -----

def loads(text) -> Lesson:
    """The lesson in ``text`` (str or UTF-8 bytes), fully checked; raises LessonError."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > MAX_BYTES:
            _fail("too_big", size=len(raw), limit=MAX_BYTES)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            _fail("not_utf8")
    if not isinstance(text, str):
        _fail("not_text")
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save UTF-8
    if len(text) > MAX_BYTES:  # more characters than bytes allowed: no need to encode it all
        _fail("too_big", size=len(text), limit=MAX_BYTES)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        _fail("too_big", size=size, limit=MAX_BYTES)
    depth = nesting(text)
    if depth > MAX_DEPTH:
        _fail("too_deep", depth=depth, limit=MAX_DEPTH)
    markers: list = []  # NaN and infinities met while parsing

    def constant(token):
        markers.append(token)
        return NotNumber(token)

    try:
        data = json.loads(text, parse_constant=constant, object_pairs_hook=_no_duplicates)
    except LessonError:
        raise
    except json.JSONDecodeError as err:
        _fail("not_json", line=err.lineno, column=err.colno)
    except (ValueError, RecursionError):  # an integer of thousands of digits, say
        _fail("not_json", line=0, column=0)
    lesson = _lesson(data)
    if markers:  # every field is checked, so this is a safety net only
        _fail("not_number", value=markers[0])
    return lesson


def nesting(text: str) -> int:
    """How deep objects and lists nest in JSON ``text``, counted without parsing it (brackets
    inside strings do not count): a deep file is refused before it reaches the parser.

    Linear in the text, vectorised: a quote opens or closes a string unless an odd run of
    backslashes precedes it; brackets count where the quotes before them are balanced. (A
    regular expression for strings backtracks quadratically on ``"\\"\\"\\"...``.) Bytes of
    UTF-8 multi-byte characters are all >= 0x80, so they are never a quote or a bracket.
    """
    data = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    if data.size == 0:
        return 0
    index = np.arange(data.size)
    backslash = data == ord("\\")
    # the position of the last non-backslash at or before each byte
    last_plain = np.maximum.accumulate(np.where(backslash, -1, index))
    run_before = np.zeros(data.size, dtype=np.int64)  # backslashes right before each byte
    run_before[1:] = index[:-1] - last_plain[:-1]
    quote = (data == ord('"')) & (run_before % 2 == 0)
    inside = (np.cumsum(quote) - quote) % 2 == 1  # within a string (its opening quote excluded)
    opening = ((data == ord("[")) | (data == ord("{"))) & ~inside
    closing = ((data == ord("]")) | (data == ord("}"))) & ~inside
    depth = np.cumsum(opening.astype(np.int64) - closing.astype(np.int64))
    return int(max(depth.max(), 0))


class NotNumber:
    """NaN, Infinity or -Infinity written in the file: kept as this marker while
    parsing, so that the check of the field it sits in refuses it and names the place."""

    def __init__(self, token: str):
        self.token = token


def _number_check(raw, where) -> None:
    """NaN and infinities are refused as such, wherever they sit (1e999 parses as inf)."""
    if isinstance(raw, NotNumber):
        _fail("not_number", where, value=raw.token)
    if isinstance(raw, float) and not math.isfinite(raw):
        _fail("not_number", where, value="Infinity" if raw > 0 else "-Infinity")


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            _fail("duplicate", item=key)
        out[key] = value
    return out


# ----- checks -----

def _object(raw, where, allowed, required=()) -> dict:
    if not isinstance(raw, dict):
        _fail("want_object", where)
    for key in raw:
        if key not in allowed:
            _fail("unknown_key", (*where, key) if where else (key,), item=key)
    for key in required:
        if key not in raw:
            _fail("missing", (*where, key) if where else (key,), item=key)
    return raw


def _int(raw, where, low, high) -> int:
    _number_check(raw, where)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (
            isinstance(raw, float) and not raw.is_integer()):
        _fail("want_int", where)
    if not low <= raw <= high:
        _fail("out_of_range", where, value=raw, low=low, high=high)
    return int(raw)


def _float(raw, where, low, high) -> float:
    _number_check(raw, where)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        _fail("want_number", where)
    if not (math.isfinite(raw) and low <= raw <= high):
        _fail("out_of_range", where, value=raw, low=low, high=high)
    return float(raw)


def _bool(raw, where) -> bool:
    if not isinstance(raw, bool):
        _fail("want_bool", where)
    return raw


def _str(raw, where, limit) -> str:
    if not isinstance(raw, str):
        _fail("want_text", where)
    if len(raw) > limit:
        _fail("too_long", where, n=len(raw), limit=limit)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in raw):
        _fail("want_text", where)
    return raw


def _choice(raw, where, options, problem="not_option"):
    if not isinstance(raw, str) or raw not in options:
        _fail(problem, where, value=raw, options=", ".join(options))
    return raw


def _ltext(raw, where, limit, needed=True) -> LText:
    """A text in both languages: {"es", "en"} (at least one) or a plain str (the same in both)."""
    if isinstance(raw, str):
        raw = {"es": raw, "en": raw}
    if not isinstance(raw, dict):
        _fail("want_ltext", where)
    _object(raw, where, LANGS)
    texts = {lang: _str(raw.get(lang, ""), (*where, lang), limit) for lang in LANGS}
    if needed and not any(t.strip() for t in texts.values()):
        _fail("empty", where)
    return LText(**texts)


def _lesson(raw) -> Lesson:
    _object(raw, (), ("format", "version", "title", "scenes"), ("format", "version", "scenes"))
    if raw["format"] != FORMAT:
        _fail("not_lesson", ("format",), value=raw["format"])
    if raw["version"] != VERSION or isinstance(raw["version"], bool):
        _fail("version", ("version",), value=raw["version"], version=VERSION)
    title = _ltext(raw.get("title", ""), ("title",), MAX_TITLE, needed=False)
    scenes = raw["scenes"]
    if not isinstance(scenes, list):
        _fail("want_list", ("scenes",))
    if len(scenes) > MAX_SCENES:
        _fail("too_many_scenes", n=len(scenes), limit=MAX_SCENES)
    if not scenes:
        _fail("no_scenes")
    return Lesson(title, tuple(_scene(s, i) for i, s in enumerate(scenes, start=1)))


SCENE_KEYS = tuple(f.name for f in fields(Scene))


def _scene(raw, number: int) -> Scene:
    at = (number,)
    _object(raw, at, SCENE_KEYS, ("page",))
    page = _choice(raw["page"], (*at, "page"), PAGES, "page")
    title = _ltext(raw.get("title", ""), (*at, "title"), MAX_TITLE, needed=False)
    text = _ltext(raw.get("text", ""), (*at, "text"), MAX_TEXT, needed=False)
    values = _values(raw.get("values", {}), (*at, "values"))
    for name in MARK.findall(text.es) + MARK.findall(text.en):
        if name not in values:
            _fail("undeclared", (*at, "text"), name=name)
    focus = raw.get("focus")
    if focus is not None:
        focus = _choice(focus, (*at, "focus"), FOCUS[page], "focus")
    hidden = raw.get("hidden")
    if hidden is not None:
        w = (*at, "hidden")
        _object(hidden, w, ("t", "unit", "hide_future"))
        hidden = {"t": _int(hidden.get("t", 1), (*w, "t"), 1, _hd().MAX_LENGTH),
                  "unit": _int(hidden.get("unit", 1), (*w, "unit"), 1, 64),
                  "hide_future": _bool(hidden.get("hide_future", False), (*w, "hide_future"))}
    activity = raw.get("activity")
    if activity is not None:
        w = (*at, "activity")
        _object(activity, w, ("kind", "horizon"), ("kind", "horizon"))
        activity = {"kind": _choice(activity["kind"], (*w, "kind"), ("draw",)),
                    "horizon": _int(activity["horizon"], (*w, "horizon"), 1, MAX_HORIZON)}
    settings = _settings(raw.get("settings", {}), (*at, "settings"))
    question = _question(raw.get("question"), (*at, "question"))
    _gates_of_cell(settings.get("hidden_cell"), values, question, at)
    _within_stage(settings, hidden, values, question, at)
    return Scene(page=page, title=title, text=text, values=values,
                 data=_data(raw.get("data"), (*at, "data")), settings=settings,
                 hidden=hidden, hide=_hide(raw.get("hide", []), (*at, "hide")), focus=focus,
                 question=question, activity=activity,
                 needs_run=_bool(raw.get("needs_run", False), (*at, "needs_run")))


STAGE_KINDS = ("gate", "hidden", "cell", "input", "prediction")  # values read on the stage


def _within_stage(settings: dict, hidden: dict | None, values: dict, question: dict | None,
                  at: tuple) -> None:
    """Steps and units the scene's own stage has: the notebook's sequence has 5 steps, a window
    ``hidden_length``, a network ``hidden_units`` units (only what the scene itself sets)."""
    steps = len(_hd().TOY) if settings.get("hidden_source") == "toy" else settings.get("hidden_length")
    units = settings.get("hidden_units")
    places = []
    if hidden is not None:
        places.append(((*at, "hidden"), hidden))
    places += [((*at, "values", name), ref) for name, ref in values.items() if ref["kind"] in STAGE_KINDS]
    if question and question["kind"] == "value" and question["preset"] in ("gate", "hidden", "prediction"):
        places.append(((*at, "question", "params"), question["params"]))
    for where, params in places:
        if steps is not None and params.get("t", 1) > steps:
            _fail("out_of_range", (*where, "t"), value=params["t"], low=1, high=steps)
        if units is not None and params.get("unit", 1) > units:
            _fail("out_of_range", (*where, "unit"), value=params["unit"], low=1, high=units)


def _gates_of_cell(cell: str | None, values: dict, question: dict | None, at: tuple) -> None:
    """A gate the scene's own cell does not have cannot be shown or asked about."""
    if cell is None:
        return
    gates = _hd().GATE_NAMES[cell]
    for name, ref in values.items():
        if ref["kind"] == "gate" and ref["gate"] not in gates:
            _fail("gate_of_cell", (*at, "values", name, "gate"), value=ref["gate"], cell=cell,
                  options=", ".join(gates) or "—")
    params = (question or {}).get("params", {})
    if question and question["preset"] == "gate" and params.get("gate") not in gates:
        _fail("gate_of_cell", (*at, "question", "params", "gate"), value=params.get("gate"), cell=cell,
              options=", ".join(gates) or "—")


def _hd():
    from rnnlab.pages import hidden

    return hidden


def _values(raw, where) -> dict:
    if not isinstance(raw, dict):
        _fail("want_object", where)
    if len(raw) > MAX_VALUES:
        _fail("too_many", where, n=len(raw), limit=MAX_VALUES)
    out = {}
    for name, ref in raw.items():
        w = (*where, name)
        if not VALUE_NAME.match(name):
            _fail("value_name", w, name=name)
        if not isinstance(ref, dict):
            _fail("want_object", w)
        kind = _choice(ref.get("kind"), (*w, "kind"), tuple(VALUE_KINDS), "value_kind")
        spec = VALUE_KINDS[kind]
        _object(ref, w, ("kind", *spec.params), ("kind", *sorted(spec.required)))
        params = {}
        for pname, control in spec.params.items():
            value = ref.get(pname, control.default)
            _number_check(value, (*w, pname))
            if not control.valid(value) or isinstance(value, bool) != isinstance(control.default, bool):
                _fail("bad_param", (*w, pname), value=value)
            params[pname] = int(value) if isinstance(control.default, int) and not isinstance(
                control.default, bool) else value
        out[name] = {"kind": kind, **params}
    return out


def _data(raw, where) -> dict | None:
    if raw is None:
        return None
    _object(raw, where, ("source", "range", "split"), ("source",))
    source = _source(raw["source"], (*where, "source"))
    rng = raw.get("range")
    if rng is not None:
        w = (*where, "range")
        if not isinstance(rng, list) or len(rng) != 3:
            _fail("want_range", w)
        start = _int(rng[0], w, 0, MAX_RANGE - 1)
        stop = _int(rng[1], w, start + 1, MAX_RANGE)
        step = _int(rng[2], w, 1, MAX_RANGE)
        rng = [start, stop, step]
    split = raw.get("split")
    if split is not None:
        from rnnlab.pages.page_controls import DATA

        w = (*where, "split")
        keys = {"val_fraction": "data_val", "test_fraction": "data_test", "lookback": "data_lookback",
                "scaler": "data_scaler"}
        _object(split, w, tuple(keys))
        out = {}
        for name, key in keys.items():
            if name in split:
                out[name] = _setting(DATA[key], split[name], (*w, name))
        split = out
    return {"source": source, "range": rng, "split": split}


def _source(raw, where) -> dict:
    from rnnlab import datasets
    from rnnlab.pages.page_controls import DATA

    if not isinstance(raw, dict):
        _fail("want_object", where)
    kind = _choice(raw.get("kind"), (*where, "kind"), SOURCE_KINDS, "source_kind")
    if kind == "notebook":
        _object(raw, where, ("kind",))
        return {"kind": kind}
    if kind == "builtin":
        _object(raw, where, ("kind", "name"), ("name",))
        return {"kind": kind, "name": _choice(raw["name"], (*where, "name"), tuple(datasets.BUILTIN))}
    if kind == "noisy_sine":
        names = {"n": "data_gen_n", "periods": "data_gen_periods", "noise": "data_gen_noise",
                 "seed": "data_gen_seed"}
        _object(raw, where, ("kind", *names))
        out = {"kind": kind}
        for name, key in names.items():
            out[name] = _setting(DATA[key], raw.get(name, DATA[key].default), (*where, name))
        return out
    _object(raw, where, ("kind", "name", "values"), ("values",))
    name = _str(raw.get("name", ""), (*where, "name"), MAX_NAME)
    series = raw["values"]
    if not isinstance(series, list):
        _fail("want_list", (*where, "values"))
    if len(series) > MAX_SERIES:
        _fail("too_many", (*where, "values"), n=len(series), limit=MAX_SERIES)
    if len(series) < 2:
        _fail("too_few_values", (*where, "values"), n=len(series))
    if set(map(type, series)) <= {int, float}:  # the usual file: checked at numpy speed
        try:
            array = np.asarray(series, dtype=np.float64)
        except OverflowError:  # an integer past float64: the loop below names it
            array = None
        if array is not None and np.all(np.abs(array) <= MAX_ABS):  # NaN and inf fail this too
            return {"kind": kind, "name": name, "values": array.tolist()}
    out = []
    for i, v in enumerate(series):  # a value is wrong: find the first one, to name it
        _number_check(v, (*where, f"values[{i}]"))
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            _fail("want_number", (*where, f"values[{i}]"))
        if not -MAX_ABS <= v <= MAX_ABS:  # compared before float(): a huge int overflows it
            _fail("out_of_range", (*where, f"values[{i}]"), value=_shown(str(series[i])),
                  low=-MAX_ABS, high=MAX_ABS)
        out.append(float(v))
    return {"kind": kind, "name": name, "values": out}


def _setting(spec, value, where):
    """``value`` checked by a control's spec (rnnlab.declarations.controls), as that control holds it."""
    from rnnlab.declarations.controls import Action, Int

    _number_check(value, where)
    if isinstance(spec, Action) or isinstance(value, (dict, list)) or value is None:
        _fail("bad_setting", where, value=value)
    if isinstance(value, bool) != isinstance(spec.default, bool):
        _fail("bad_setting", where, value=value)
    try:
        ok = spec.valid(value)
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        _explain_setting(spec, value, where)
    if isinstance(spec, Int):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(spec.default, float):
        return float(value)
    return value


def _explain_setting(spec, value, where):
    """Why ``value`` is not one of ``spec``'s: its options, its range, or a whole number."""
    from rnnlab.declarations.controls import Choice, Int, _Number

    if isinstance(spec, Choice):
        _fail("not_option", where, value=value, options=", ".join(map(str, spec.options)))
    if isinstance(spec, _Number) and isinstance(value, (int, float)) and not isinstance(value, bool):
        if not spec.low <= value <= spec.high:
            _fail("out_of_range", where, value=value, low=spec.low, high=spec.high)
        if isinstance(spec, Int):
            _fail("want_int", where)
    _fail("bad_setting", where, value=value)


def _settings(raw, where) -> dict:
    from rnnlab.pages.page_controls import lookup

    if not isinstance(raw, dict):
        _fail("want_object", where)
    if len(raw) > MAX_SETTINGS:
        _fail("too_many", where, n=len(raw), limit=MAX_SETTINGS)
    out = {}
    for key, value in raw.items():
        spec = lookup(key)
        if spec is None:
            _fail("no_control", (*where, key), item=key)
        out[key] = _setting(spec, value, (*where, key))
    return out


def _hide(raw, where) -> tuple:
    from rnnlab.pages.page_controls import HIDEABLE

    if not isinstance(raw, list):
        _fail("want_list", where)
    hideable = {key for table in HIDEABLE.values() for key in table}
    if len(raw) > MAX_SETTINGS:
        _fail("too_many", where, n=len(raw), limit=MAX_SETTINGS)
    out = []
    for key in raw:
        if not isinstance(key, str) or key not in hideable:
            _fail("not_hideable", where, item=key)
        if key not in out:
            out.append(key)
    return tuple(out)


def _question(raw, where) -> dict | None:
    from rnnlab.classroom import questions

    if raw is None:
        return None
    _object(raw, where, QUESTION_KEYS, ("kind",))
    kind = _choice(raw["kind"], (*where, "kind"), questions.KINDS, "question_kind")
    preset = raw.get("preset")
    presets = questions.VALUE_PRESETS if kind == "value" else questions.CHOICE_PRESETS
    if preset is not None:
        _choice(preset, (*where, "preset"), presets, "question_preset")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        _fail("want_object", (*where, "params"))
    for name in params:
        if name not in questions.PARAM_NAMES:
            _fail("unknown_key", (*where, "params", name), item=name)
    for name in ("revealed",):
        if raw.get(name, False) is not False:
            _fail("revealed", (*where, name))
    for name in ("truth", "how"):
        if raw.get(name) is not None:
            _fail("revealed", (*where, name))
    if raw.get("source", "") != "":
        _fail("revealed", (*where, "source"))
    qid = raw.get("id")
    if qid is None:  # a file need not name its questions: the scene's number does
        qid = f"{where[0] if where and isinstance(where[0], int) else 0:08x}"
    full = {"id": qid, "kind": kind, "preset": preset, "text": raw.get("text", ""), "params": params,
            "options": raw.get("options", []) if kind == "choice" or "options" in raw else []}
    if kind == "choice" and preset is not None and "options" not in raw:
        full["options"] = questions.preset_options(preset)
    question = questions.Question.from_dict(full)
    if question is None or question.params != params or (kind == "choice" and question.options != full["options"]):
        _fail("question", where)
    return question.to_dict()
