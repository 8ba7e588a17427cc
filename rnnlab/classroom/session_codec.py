"""Turn a session's state (series, settings, runs with weights, networks) into bytes and back.

Safe by construction: no pickle anywhere. The bytes are a zip file with one JSON document
(``state.json``) and one ``.npy`` file per numpy array, read back with ``allow_pickle=False``.
Objects come back only as classes of the allowed modules (``rnnlab.`` by default): dataclasses
are rebuilt through their constructor from the fields they have today, so a saved Run still
loads after Run gains or loses a field (new fields take their defaults, unknown ones are
dropped); a few plain classes (the from-scratch networks) are rebuilt from their attributes.
Anything else (threads, figures, open files) cannot be encoded and is reported, not saved.

Floats round-trip exactly (JSON keeps Python's shortest repr; arrays keep their bytes), so a
restored session shows the same numbers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import io
import json
import math
import zipfile
from collections.abc import Iterable, Mapping

import numpy as np

FORMAT = "rnnlab-session/1"
DOCUMENT = "state.json"
DEFAULT_MODULES = ("rnnlab.",)
# Where the modules of a saved class went when rnnlab/ and ui/ were grouped into packages
# (December 2026): a session saved before still restores.
MOVED_MODULES = {
    "rnnlab.compare": "rnnlab.pages.compare",
    "rnnlab.concepts": "rnnlab.pages.concepts",
    "rnnlab.hidden": "rnnlab.pages.hidden",
    "rnnlab.modern": "rnnlab.pages.modern",
    "rnnlab.stage": "rnnlab.pages.stage",
    "rnnlab.params": "rnnlab.pages.params",
    "rnnlab.page_controls": "rnnlab.pages.page_controls",
    "rnnlab.backtest": "rnnlab.forecasting.backtest",
    "rnnlab.baselines": "rnnlab.forecasting.baselines",
    "rnnlab.copycat": "rnnlab.forecasting.copycat",
    "rnnlab.intervals": "rnnlab.forecasting.intervals",
    "rnnlab.residuals": "rnnlab.forecasting.residuals",
    "rnnlab.scores": "rnnlab.forecasting.scores",
    "rnnlab.multistep": "rnnlab.studies.multistep",
    "rnnlab.study": "rnnlab.studies.study",
    "rnnlab.questions": "rnnlab.classroom.questions",
    "rnnlab.rooms": "rnnlab.classroom.rooms",
    "rnnlab.session_codec": "rnnlab.classroom.session_codec",
    "rnnlab.session_schema": "rnnlab.classroom.session_schema",
    "rnnlab.share_links": "rnnlab.classroom.share_links",
    "rnnlab.ratelimit": "rnnlab.classroom.ratelimit",
    "rnnlab.memory": "rnnlab.runtime.memory",
    "rnnlab.warmup": "rnnlab.runtime.warmup",
    "rnnlab.worker": "rnnlab.runtime.worker",
    "rnnlab.controls": "rnnlab.declarations.controls",
    "rnnlab.vocab": "rnnlab.declarations.vocab",
    "rnnlab.messages": "rnnlab.declarations.messages",
    "rnnlab.settings": "rnnlab.declarations.settings",
    "rnnlab.lesson_codes": "rnnlab.lessons.lesson_codes",
    "rnnlab.lesson_room": "rnnlab.lessons.lesson_room",
    "rnnlab.windows": "rnnlab.data.windows",
    "rnnlab.csvsafe": "rnnlab.data.csvsafe",
    "rnnlab.downsample": "rnnlab.plots.downsample",
    "rnnlab.alt": "rnnlab.plots.alt",
    "rnnlab.backend": "rnnlab.training.backend",
    "ui.background_job": "ui.jobs.background_job",
    "ui.training_job": "ui.jobs.training_job",
    "ui.backtest_job": "ui.jobs.backtest_job",
    "ui.hidden_job": "ui.jobs.hidden_job",
    "ui.keras_state": "ui.jobs.keras_state",
    "ui.warmup": "ui.jobs.warmup",
    "ui.memory": "ui.jobs.memory",
    "ui.live": "ui.classroom.live",
    "ui.live_questions": "ui.classroom.live_questions",
    "ui.room": "ui.classroom.room",
    "ui.share_links": "ui.classroom.share_links",
    "ui.live_draw": "ui.classroom.live_draw",
    "ui.live_vote": "ui.classroom.live_vote",
    "ui.live_board": "ui.classroom.live_board",
    "ui.lesson_scene": "ui.classroom.lesson_scene",
    "ui.lesson_state": "ui.classroom.lesson_state",
    "ui.lesson_player": "ui.classroom.lesson_player",
    "ui.lesson_editor": "ui.classroom.lesson_editor",
    "ui.lesson_live": "ui.classroom.lesson_live",
    "ui.sessions": "ui.session.sessions",
    "ui.browser": "ui.session.browser",
    "ui.state": "ui.session.state",
    "ui.streamlit_internals": "ui.session.streamlit_internals",
    "ui.hidden_view_state": "ui.session.hidden_view_state",
    "ui.data_view_state": "ui.session.data_view_state",
    "ui.train_view_state": "ui.session.train_view_state",
    "ui.compare_view_state": "ui.session.compare_view_state",
    "ui.persist": "ui.persistence.persist",
    "ui.saved_state": "ui.persistence.saved_state",
    "ui.stage": "ui.elements.stage",
    "ui.charts": "ui.elements.charts",
    "ui.controls": "ui.elements.controls",
    "ui.a11y": "ui.elements.a11y",
    "ui.sidebar": "ui.elements.sidebar",
    "ui.nav": "ui.elements.nav",
    "ui.links": "ui.elements.links",
    "ui.fragments": "ui.elements.fragments",
    "ui.guard": "ui.elements.guard",
    "ui.backtest_view": "ui.panels.backtest_view",
    "ui.copycat_view": "ui.panels.copycat_view",
    "ui.residuals_view": "ui.panels.residuals_view",
    "ui.no_tf": "ui.panels.no_tf",
}
# Plain (non-dataclass) classes that may be rebuilt from their attributes.
PLAIN_CLASSES = frozenset({
    "rnnlab.scratch.network:Network",
    "rnnlab.scratch.cells:SimpleRNN",
    "rnnlab.scratch.cells:LSTM",
    "rnnlab.scratch.cells:GRU",
})
MAX_DEPTH = 40
# Bounds on the decoder's work, checked before it builds anything: a saved state is untrusted
# bytes, and a small one can describe millions of values (ten million empty lists in 20 MB took
# 44 s and 860 MB to decode). The app's heaviest sessions stay far below (bench_persist.py).
MAX_DOCUMENT_BYTES = 4 * 2**20  # the JSON document (arrays live in their own .npy files)
MAX_NODES = 200_000  # JSON values in the document, counted before parsing it
MAX_ARRAYS = 50_000  # .npy files in the zip


class CodecError(ValueError):
    """The bytes are not a saved session this code can read (corrupt, foreign or too big)."""


class TooLarge(CodecError):
    """The saved state is over the size limit (packed or unpacked)."""


class Unencodable(TypeError):
    """A value of a type the codec does not save (it is left out, never pickled)."""


def _class_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


class _Encoder:
    def __init__(self, modules: tuple[str, ...]):
        self.modules = modules
        self.arrays: list[np.ndarray] = []

    def array(self, value: np.ndarray) -> int:
        if value.dtype.hasobject:
            raise Unencodable("numpy arrays of Python objects are not saved")
        self.arrays.append(value if value.flags.c_contiguous else value.copy(order="C"))
        return len(self.arrays) - 1

    def encode(self, value, depth: int = 0):
        if depth > MAX_DEPTH:
            raise Unencodable("nested too deeply")
        d = depth + 1
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, np.generic):  # before int/float: np.float64 is a float
            if value.dtype.hasobject:
                raise Unencodable("numpy object scalar")
            return {"__np__": value.dtype.str, "a": self.array(np.asarray(value))}
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return value if math.isfinite(value) else {"__float__": repr(value)}
        if isinstance(value, np.ndarray):
            return {"__array__": self.array(value)}
        if isinstance(value, (bytes, bytearray)):
            return {"__bytes__": self.array(np.frombuffer(bytes(value), dtype=np.uint8))}
        if isinstance(value, np.dtype):
            if value.hasobject:
                raise Unencodable("object dtype")
            return {"__dtype__": value.str}
        if isinstance(value, list):
            return [self.encode(v, d) for v in value]
        if isinstance(value, tuple):
            return {"__tuple__": [self.encode(v, d) for v in value]}
        if isinstance(value, (set, frozenset)):
            items = [self.encode(v, d) for v in value]
            return {"__set__": items, "frozen": isinstance(value, frozenset)}
        if isinstance(value, dict):
            return {"__dict__": [[self.encode(k, d), self.encode(v, d)] for k, v in value.items()]}
        cls = type(value)
        name = _class_name(cls)
        if not cls.__module__.startswith(self.modules):
            raise Unencodable(f"{name} is not saved")
        if dataclasses.is_dataclass(value):
            fields = {f.name: self.encode(getattr(value, f.name), d)
                      for f in dataclasses.fields(value) if hasattr(value, f.name)}
            return {"__dc__": name, "f": fields}
        if name in PLAIN_CLASSES:
            return {"__obj__": name, "d": self.encode(dict(vars(value)), d)}
        raise Unencodable(f"{name} is not saved")


class _Decoder:
    def __init__(self, modules: tuple[str, ...], arrays: Mapping[str, np.ndarray]):
        self.modules = modules
        self.arrays = arrays

    def array(self, index) -> np.ndarray:
        try:
            return self.arrays[f"{int(index)}.npy"]
        except (KeyError, TypeError, ValueError) as exc:
            raise CodecError(f"array {index!r} is missing") from exc

    def cls(self, name) -> type:
        module_name, _, qualname = str(name).partition(":")
        module_name = MOVED_MODULES.get(module_name, module_name)  # saved before the regrouping
        if not module_name.startswith(self.modules) or not qualname.isidentifier():
            raise CodecError(f"class {name!r} is not allowed")
        try:
            cls = getattr(importlib.import_module(module_name), qualname)
        except (ImportError, AttributeError) as exc:
            raise CodecError(f"class {name!r} no longer exists") from exc
        if not isinstance(cls, type):
            raise CodecError(f"{name!r} is not a class")
        return cls

    def decode(self, value, depth: int = 0):
        if depth > MAX_DEPTH:
            raise CodecError("nested too deeply")
        d = depth + 1
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, list):
            return [self.decode(v, d) for v in value]
        if not isinstance(value, dict) or len(value) == 0:
            raise CodecError("unexpected value in the saved state")
        if "__array__" in value:
            return self.array(value["__array__"]).copy()
        if "__np__" in value:
            array = self.array(value["a"])
            if array.dtype.str != value["__np__"] or array.shape != ():
                raise CodecError("numpy scalar does not match its type")
            return array[()]
        if "__float__" in value:
            if value["__float__"] not in ("nan", "inf", "-inf"):
                raise CodecError("bad float")
            return float(value["__float__"])
        if "__bytes__" in value:
            array = self.array(value["__bytes__"])
            if array.dtype != np.uint8:
                raise CodecError("bytes are not uint8")
            return array.tobytes()
        if "__dtype__" in value:
            dtype = np.dtype(str(value["__dtype__"]))
            if dtype.hasobject:
                raise CodecError("object dtype")
            return dtype
        if "__tuple__" in value:
            return tuple(self.decode(v, d) for v in self._list(value["__tuple__"]))
        if "__set__" in value:
            items = [self.decode(v, d) for v in self._list(value["__set__"])]
            try:
                return frozenset(items) if value.get("frozen") else set(items)
            except TypeError as exc:
                raise CodecError("unhashable set item") from exc
        if "__dict__" in value:
            out = {}
            for pair in self._list(value["__dict__"]):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise CodecError("bad dict entry")
                key = self.decode(pair[0], d)
                try:
                    out[key] = self.decode(pair[1], d)
                except TypeError as exc:
                    raise CodecError("unhashable dict key") from exc
            return out
        if "__dc__" in value:
            cls = self.cls(value["__dc__"])
            if not dataclasses.is_dataclass(cls):
                raise CodecError(f"{value['__dc__']!r} is not a dataclass")
            saved = value.get("f")
            if not isinstance(saved, dict):
                raise CodecError("bad dataclass fields")
            fields = {f.name: f for f in dataclasses.fields(cls)}
            known = {k: self.decode(v, d) for k, v in saved.items() if k in fields}
            try:
                obj = cls(**{k: v for k, v in known.items() if fields[k].init})
                for k, v in known.items():
                    if not fields[k].init:
                        object.__setattr__(obj, k, v)
            except Exception as exc:  # noqa: BLE001 - a constructor refusing old values
                raise CodecError(f"cannot rebuild {value['__dc__']}: {exc}") from exc
            return obj
        if "__obj__" in value:
            name = str(value["__obj__"])
            if name not in PLAIN_CLASSES:
                raise CodecError(f"class {name!r} is not allowed")
            cls = self.cls(name)
            attributes = self.decode(value.get("d"), d)
            if not isinstance(attributes, dict) or not all(isinstance(k, str) for k in attributes):
                raise CodecError("bad object attributes")
            obj = cls.__new__(cls)
            obj.__dict__.update(attributes)
            return obj
        raise CodecError("unknown marker in the saved state")

    @staticmethod
    def _list(value) -> list:
        if not isinstance(value, list):
            raise CodecError("expected a list")
        return value


@dataclasses.dataclass
class Encoded:
    """A state turned into one JSON document and its arrays, not yet packed into bytes."""

    document: dict
    arrays: list
    skipped: list

    def digest(self) -> bytes:
        """A hash of exactly what ``pack()`` would write, without writing it: a caller that
        saves after every change compares digests and packs only when something changed."""
        h = hashlib.blake2b(digest_size=16)
        h.update(self._json().encode())
        for array in self.arrays:
            h.update(f"|{array.dtype.str}{array.shape}|".encode())
            h.update(np.ascontiguousarray(array).reshape(-1).view(np.uint8))
        return h.digest()

    def pack(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(DOCUMENT, self._json())
            for index, array in enumerate(self.arrays):
                with archive.open(f"{index}.npy", "w") as handle:
                    np.save(handle, array, allow_pickle=False)
        return buffer.getvalue()

    def _json(self) -> str:
        if not hasattr(self, "_text"):
            self._text = json.dumps(self.document, allow_nan=False, separators=(",", ":"))
        return self._text


def encode(state: Mapping[str, object], modules: Iterable[str] = DEFAULT_MODULES,
           meta: Mapping[str, object] | None = None) -> Encoded:
    """Encode every entry of ``state`` that can be (the others are named in ``.skipped``)."""
    modules = tuple(modules)
    encoder = _Encoder(modules)
    entries, skipped = {}, []
    for key, value in state.items():
        mark = len(encoder.arrays)
        try:
            entries[str(key)] = encoder.encode(value)
        except (Unencodable, RecursionError):
            del encoder.arrays[mark:]  # drop the arrays of the half-encoded value
            skipped.append(str(key))
    document = {"format": FORMAT, "meta": dict(meta or {}), "state": entries}
    return Encoded(document, encoder.arrays, skipped)


def dumps(state: Mapping[str, object], modules: Iterable[str] = DEFAULT_MODULES,
          meta: Mapping[str, object] | None = None) -> tuple[bytes, list[str]]:
    """Encode every entry of ``state`` that can be; returns (bytes, names of left-out keys).

    ``meta`` (plain JSON) is stored beside the state, e.g. the time it was saved.
    """
    encoded = encode(state, modules, meta)
    return encoded.pack(), encoded.skipped


def _zip_entries(data: bytes) -> int:
    """How many files the zip's end record announces (0 when there is none: zipfile then
    says it is not a zip). Read before zipfile parses the central directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return 0
    return int.from_bytes(data[end + 10:end + 12], "little")


def loads(data: bytes, modules: Iterable[str] = DEFAULT_MODULES,
          max_bytes: int | None = None) -> tuple[dict[str, object], dict]:
    """Decode bytes from ``dumps``: (state, meta). Raises CodecError for anything else.

    ``max_bytes`` bounds the unpacked size too (a small zip must not expand into gigabytes).
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge("the saved state is larger than the limit")
    if _zip_entries(data) > MAX_ARRAYS + 1:
        raise TooLarge("the saved state has too many files")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > MAX_ARRAYS + 1:
            raise TooLarge("the saved state has too many files")
        if max_bytes is not None and sum(info.file_size for info in infos) > max_bytes:
            raise TooLarge("the saved state unpacks to more than the limit")
        if archive.getinfo(DOCUMENT).file_size > MAX_DOCUMENT_BYTES:
            raise TooLarge("the saved state's document is larger than the limit")
        text = archive.read(DOCUMENT)
        if len(text) > MAX_DOCUMENT_BYTES:
            raise TooLarge("the saved state's document is larger than the limit")
        # Every JSON value but the first is after a comma or opens a list or dict: an upper
        # bound on the values json.loads would build (commas inside strings only add to it).
        if text.count(b",") + text.count(b"[") + text.count(b"{") > MAX_NODES:
            raise TooLarge("the saved state holds too many values")
        document = json.loads(text)
        arrays = {}
        for info in infos:
            if info.filename != DOCUMENT:
                with archive.open(info) as handle:
                    arrays[info.filename] = np.load(io.BytesIO(handle.read()), allow_pickle=False)
    except CodecError:
        raise
    except Exception as exc:  # noqa: BLE001 - zip, JSON and npy errors all mean "corrupt"
        raise CodecError(f"not a readable saved state: {type(exc).__name__}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CodecError("not a saved rnnlab session")
    entries, meta = document.get("state"), document.get("meta", {})
    if not isinstance(entries, dict) or not isinstance(meta, dict):
        raise CodecError("not a saved rnnlab session")
    decoder = _Decoder(tuple(modules), arrays)
    try:
        return {key: decoder.decode(value) for key, value in entries.items()}, meta
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise CodecError(f"the saved state is damaged: {type(exc).__name__}") from exc
