"""Checks for a saved session's values: what a restored state must look like before any page
sees it.

A saved state comes back from a store, so it is untrusted input: rnnlab.classroom.session_codec turns
bytes into Python values safely (no pickle, bounded work), and this module says whether those
values are what the app wrote. Each check is a small declarative object (``Real(0, 1)``,
``ListOf(Str(200), max_len=50)``, ``Fields(Run, {...})``) with ``check(value, path)``, which
raises :class:`Invalid` naming the first wrong place (``session.split.val_fraction: ...``).
The domain checks at the bottom (a Series, a split, a TrainConfig, a Run, a numpy network,
a backtest study) are what ui/persistence/saved_state.py declares the saved state with.

Pure: no Streamlit, no TensorFlow.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Callable, Mapping

import numpy as np

from rnnlab.data.limits import MAX_ROWS
from rnnlab.declarations.messages import Message

MAX_TEXT = 10_000  # characters in one saved string (names, notes, tasks)
MAX_ITEMS = 100_000  # items in one saved list or dict (a per-epoch history at most)


class Invalid(ValueError):
    """A restored value is not what the app saves: ``path`` says where."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class Check:
    """One rule for a value. ``check`` raises Invalid or returns None."""

    def check(self, value, path: str = "value") -> None:
        raise NotImplementedError

    def ok(self, value) -> bool:
        try:
            self.check(value)
        except Invalid:
            return False
        return True


class Any_(Check):
    """Anything (used only where the value is never read, e.g. a cache key)."""

    def check(self, value, path="value"):
        return None


class Optional(Check):
    def __init__(self, inner: Check):
        self.inner = inner

    def check(self, value, path="value"):
        if value is not None:
            self.inner.check(value, path)


class Bool(Check):
    def check(self, value, path="value"):
        if not isinstance(value, (bool, np.bool_)):
            raise Invalid(path, "not true/false")


class Int(Check):
    def __init__(self, low: float = -math.inf, high: float = math.inf):
        self.low, self.high = low, high

    def check(self, value, path="value"):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            raise Invalid(path, f"not a whole number ({type(value).__name__})")
        if not self.low <= value <= self.high:
            raise Invalid(path, f"{value} outside {self.low}..{self.high}")


class Real(Check):
    """A number; ``finite=False`` also lets nan and infinities through (scores may be nan)."""

    def __init__(self, low: float = -math.inf, high: float = math.inf, finite: bool = True):
        self.low, self.high, self.finite = low, high, finite

    def check(self, value, path="value"):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise Invalid(path, f"not a number ({type(value).__name__})")
        value = float(value)
        if math.isnan(value) or math.isinf(value):
            if self.finite:
                raise Invalid(path, "not a finite number")
            return
        if not self.low <= value <= self.high:
            raise Invalid(path, f"{value} outside {self.low}..{self.high}")


class Str(Check):
    def __init__(self, max_len: int = MAX_TEXT, choices: tuple | None = None):
        self.max_len, self.choices = max_len, choices

    def check(self, value, path="value"):
        if not isinstance(value, str):
            raise Invalid(path, f"not text ({type(value).__name__})")
        if len(value) > self.max_len:
            raise Invalid(path, f"text longer than {self.max_len}")
        if self.choices is not None and value not in self.choices:
            raise Invalid(path, f"{value[:40]!r} is not one of the choices")


class OneOf(Check):
    """One of the given values (compared with ==, types included)."""

    def __init__(self, values):
        self.values = tuple(values)

    def check(self, value, path="value"):
        if not any(type(value) is type(v) and value == v for v in self.values):
            raise Invalid(path, "not one of the allowed values")


class Bytes(Check):
    def __init__(self, max_len: int):
        self.max_len = max_len

    def check(self, value, path="value"):
        if not isinstance(value, bytes):
            raise Invalid(path, "not bytes")
        if len(value) > self.max_len:
            raise Invalid(path, "too many bytes")


class ListOf(Check):
    """A list (or, with ``tuple_ok``, a tuple) of items that each pass ``item``."""

    def __init__(self, item: Check, max_len: int = MAX_ITEMS, min_len: int = 0,
                 kinds: tuple = (list,)):
        self.item, self.max_len, self.min_len, self.kinds = item, max_len, min_len, kinds

    def check(self, value, path="value"):
        if not isinstance(value, self.kinds):
            raise Invalid(path, f"not a list ({type(value).__name__})")
        if not self.min_len <= len(value) <= self.max_len:
            raise Invalid(path, f"{len(value)} items, not {self.min_len}..{self.max_len}")
        for i, item in enumerate(value):
            self.item.check(item, f"{path}[{i}]")


class SetOf(ListOf):
    def __init__(self, item: Check, max_len: int = MAX_ITEMS):
        super().__init__(item, max_len, kinds=(set, frozenset))


class TupleOf(Check):
    """A tuple (a list too, with ``list_ok``) of exactly these items."""

    def __init__(self, *items: Check, list_ok: bool = False):
        self.items, self.kinds = items, (tuple, list) if list_ok else (tuple,)

    def check(self, value, path="value"):
        if not isinstance(value, self.kinds) or len(value) != len(self.items):
            raise Invalid(path, f"not a tuple of {len(self.items)}")
        for i, (item, check) in enumerate(zip(value, self.items, strict=True)):
            check.check(item, f"{path}[{i}]")


class DictOf(Check):
    def __init__(self, key: Check, value: Check, max_len: int = MAX_ITEMS):
        self.key, self.value, self.max_len = key, value, max_len

    def check(self, value, path="value"):
        if not isinstance(value, dict):
            raise Invalid(path, f"not a mapping ({type(value).__name__})")
        if len(value) > self.max_len:
            raise Invalid(path, "too many entries")
        for k, v in value.items():
            self.key.check(k, f"{path} key")
            self.value.check(v, f"{path}[{k!r}]")


class Record(Check):
    """A dict with these keys (``required`` must be there; no others)."""

    def __init__(self, fields: Mapping[str, Check], required: tuple = ()):
        self.fields, self.required = dict(fields), tuple(required)

    def check(self, value, path="value"):
        if not isinstance(value, dict):
            raise Invalid(path, f"not a mapping ({type(value).__name__})")
        for name in self.required:
            if name not in value:
                raise Invalid(path, f"{name!r} is missing")
        for name, item in value.items():
            if name not in self.fields:
                raise Invalid(path, f"unexpected {str(name)[:40]!r}")
            self.fields[name].check(item, f"{path}.{name}")


class Fields(Check):
    """An instance of ``cls`` whose attributes pass their checks (every declared one; an
    attribute not declared is not read by the app, but must not be there either)."""

    def __init__(self, cls: type, fields: Mapping[str, Check], extra: Callable | None = None):
        self.cls, self.fields, self.extra = cls, dict(fields), extra

    def check(self, value, path="value"):
        if type(value) is not self.cls:
            raise Invalid(path, f"not a {self.cls.__name__} ({type(value).__name__})")
        if dataclasses.is_dataclass(self.cls):
            names = {f.name for f in dataclasses.fields(self.cls)}
        else:
            names = set(vars(value))
        unknown = names - set(self.fields)
        if unknown:
            raise Invalid(path, f"undeclared attributes {sorted(unknown)}")
        for name, item in self.fields.items():
            if not hasattr(value, name):
                raise Invalid(path, f"{name!r} is missing")
            item.check(getattr(value, name), f"{path}.{name}")
        if self.extra is not None:
            problem = self.extra(value)
            if problem:
                raise Invalid(path, problem)


class Array(Check):
    """A numpy array of numbers: ``kinds`` are dtype kinds ("f" float, "i" int, "u", "b", "M"
    datetime, "U" text), ``ndim`` its dimensions, ``finite`` no nan/inf in a float array."""

    def __init__(self, kinds: str = "f", ndim: int | tuple | None = 1, min_len: int = 0,
                 max_len: int = MAX_ROWS, finite: bool = False):
        self.kinds, self.min_len, self.max_len, self.finite = kinds, min_len, max_len, finite
        self.ndim = (ndim,) if isinstance(ndim, int) else ndim

    def check(self, value, path="value"):
        if not isinstance(value, np.ndarray):
            raise Invalid(path, f"not an array ({type(value).__name__})")
        if value.dtype.kind not in self.kinds or value.dtype.hasobject:
            raise Invalid(path, f"array of {value.dtype}, not of numbers")
        if self.ndim is not None and value.ndim not in self.ndim:
            raise Invalid(path, f"array of {value.ndim} dimensions")
        length = len(value) if value.ndim else 1
        if not self.min_len <= length <= self.max_len:
            raise Invalid(path, f"array of {length} rows, not {self.min_len}..{self.max_len}")
        if self.finite and value.dtype.kind == "f" and not np.isfinite(value).all():
            raise Invalid(path, "array with nan or infinite values")


class Either(Check):
    def __init__(self, *options: Check):
        self.options = options

    def check(self, value, path="value"):
        problems = []
        for option in self.options:
            try:
                option.check(value, path)
                return
            except Invalid as exc:
                problems.append(exc.reason)
        raise Invalid(path, " / ".join(problems))


class Plain(Check):
    """A widget's value: None, true/false, a finite number, text, or a short list of those."""

    SCALAR = Either(OneOf([None]), Bool(), Int(), Real(), Str(2_000))

    def check(self, value, path="value"):
        if isinstance(value, (list, tuple)):
            ListOf(self.SCALAR, max_len=200, kinds=(list, tuple)).check(value, path)
        else:
            self.SCALAR.check(value, path)


# ----- the app's own objects -----------------------------------------------------------------

TEXT = Str()
NAME = Str(500)
SCORE = Real(finite=False)  # metrics may be nan (e.g. MASE when the scale is 0)
SPLITS = DictOf(Str(40), Array("fiu", ndim=1, max_len=MAX_ROWS))


def _message_values(value, path="value"):
    DictOf(Str(100), Plain()).check(value, path)


class _MessageCheck(Check):
    def check(self, value, path="value"):
        if type(value) is not Message:
            raise Invalid(path, f"not a Message ({type(value).__name__})")
        Str(200).check(value.key, path + ".key")
        _message_values(value.values, path + ".values")


MESSAGE = _MessageCheck()


def series_check(min_len: int = 1) -> Check:
    from rnnlab.data import Series

    return Fields(Series, {
        "values": Array("f", ndim=1, min_len=min_len, finite=True),
        "name": NAME,
        "index": Optional(Array("fiuMU", ndim=1)),
        "notes": ListOf(TEXT, max_len=200),
        "note_keys": ListOf(MESSAGE, max_len=200),
        "columns": ListOf(NAME, max_len=1_000),
        "column": Optional(NAME),
        "layouts": ListOf(Str(40), max_len=10),
        "layout": Str(40),
        "sheets": ListOf(NAME, max_len=1_000),
        "sheet": Optional(NAME),
    }, extra=lambda s: ("index and values differ in length"
                        if s.index is not None and len(s.index) != len(s.values) else None))


def train_config_check() -> Check:
    from rnnlab.data.windows import SCALERS
    from rnnlab.declarations.vocab import ACTIVATIONS, CELLS, OPTIMIZERS
    from rnnlab.training import TrainConfig
    from rnnlab.training.config import LIMITS

    def limit(name, kind=Int):
        return kind(*LIMITS[name])

    return Fields(TrainConfig, {
        "cell": Str(choices=tuple(CELLS)), "layers": limit("layers"), "units": limit("units"),
        "activation": Str(choices=tuple(ACTIVATIONS)), "dropout": limit("dropout", Real),
        "lookback": limit("lookback"), "epochs": limit("epochs"), "batch_size": limit("batch_size"),
        "optimizer": Str(choices=tuple(OPTIMIZERS)),
        "learning_rate": limit("learning_rate", Real), "clipnorm": Optional(Real(0, 1e6)),
        "val_fraction": limit("val_fraction", Real), "test_fraction": limit("test_fraction", Real),
        "scaler": Str(choices=tuple(SCALERS)), "seed": Int(0, 2**32 - 1),
    })


def run_check() -> Check:
    from rnnlab.training import Run

    arrays = ListOf(Array("fiub", ndim=None), max_len=1_000)

    def consistent(run) -> str | None:
        for split, predictions in run.predictions.items():
            if split in run.targets and len(run.targets[split]) != len(predictions):
                return f"predictions and targets of {split!r} differ in length"
        lengths = {len(v) for v in run.history.values()}
        if len(lengths) > 1:
            return "history lists differ in length"
        return None

    return Fields(Run, {
        "config": train_config_check(),
        "history": DictOf(Str(40), ListOf(SCORE, max_len=10_000), max_len=40),
        "predictions": SPLITS, "targets": SPLITS, "target_index": SPLITS,
        "metrics": DictOf(Str(40), DictOf(Str(40), SCORE, max_len=40), max_len=10),
        "baselines": DictOf(Str(40), DictOf(Str(40), DictOf(Str(40), SCORE, max_len=40),
                                            max_len=10), max_len=20),
        "n_params": Int(0, 10**9),
        "summary": ListOf(TupleOf(NAME, NAME, Int(0, 10**9), list_ok=True), max_len=100),
        "seconds": Real(0), "weights": arrays,
        "status": Str(choices=("completed", "stopped", "diverged")),
        "message": Optional(MESSAGE), "name": NAME, "run_id": Str(100), "series_name": NAME,
        "values": Optional(Array("f", ndim=1)),
        "baseline_predictions": DictOf(Str(40), SPLITS, max_len=20),
        "split": TupleOf(Int(0), Int(0), list_ok=True),
        "epochs_done": Int(0, 10**6), "seconds_waiting": Real(0), "seconds_import": Real(0),
        "reused_model": Bool(), "optimizer_state": arrays,
    }, extra=consistent)


class NetworkCheck(Check):
    """A from-scratch network (rnnlab.scratch.Network) whose layers are the package's cells
    with finite weights of the shapes their sizes say, and that runs one tiny forward pass."""

    def check(self, value, path="value"):
        from rnnlab.scratch.cells import GRU, LSTM, SimpleRNN
        from rnnlab.scratch.network import Network

        if type(value) is not Network:
            raise Invalid(path, f"not a Network ({type(value).__name__})")
        layers = getattr(value, "layers", None)
        if not isinstance(layers, list) or not 1 <= len(layers) <= 8:
            raise Invalid(path + ".layers", "not a list of 1 to 8 cells")
        for i, layer in enumerate(layers):
            if type(layer) not in (SimpleRNN, LSTM, GRU):
                raise Invalid(f"{path}.layers[{i}]", "not a cell")
            params = getattr(layer, "params", None)
            DictOf(Str(20), Array("f", ndim=(1, 2), max_len=10_000, finite=True), max_len=20).check(
                params, f"{path}.layers[{i}].params")
        Str(40).check(getattr(value, "readout", None), path + ".readout")
        dense = getattr(value, "dense", None)
        DictOf(Str(20), Array("f", ndim=(1, 2), max_len=10_000, finite=True), max_len=10).check(
            dense, path + ".dense")
        try:
            size = int(layers[0].input_size)
            if not 1 <= size <= 64:
                raise Invalid(path, "input size out of range")
            with np.errstate(all="ignore"):
                out = value.forward(np.zeros((1, 2, size), dtype=layers[0].dtype))
            values = getattr(out, "output", out)
            if isinstance(values, np.ndarray) and not np.isfinite(values).all():
                raise Invalid(path, "the network does not compute finite numbers")
        except Invalid:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure here means the network is damaged
            raise Invalid(path, f"the network does not run: {type(exc).__name__}") from exc


NETWORK = NetworkCheck()


def study_check() -> Check:
    from rnnlab.studies.multistep import RnnBacktest
    from rnnlab.studies.study import ForecastStudy

    level = Real(0, 1)
    rnn = Fields(RnnBacktest, {
        "strategy": Str(40), "horizon": Int(1, 1_000), "folds": Int(1, 100),
        "season": Int(1, 10_000), "config": DictOf(Str(40), Plain(), max_len=40),
        "origins": ListOf(Int(0), max_len=100), "forecasts": Array("f", ndim=2),
        "residuals": Array("f", ndim=2), "row_fold": Array("iu"), "row_origin": Array("iu"),
        "future": Array("f"), "widths": DictOf(level, Array("f"), max_len=10),
        "held_out_widths": DictOf(level, DictOf(Int(0, 100), Array("f"), max_len=100), max_len=10),
        "coverage": DictOf(level, SCORE, max_len=10),
        "fold_seconds": ListOf(Real(0), max_len=100), "fold_epochs": ListOf(Int(0), max_len=100),
        "seconds": Real(0), "status": Str(choices=("completed", "stopped")),
    })
    return Fields(ForecastStudy, {
        "values": Array("f", ndim=1, min_len=1, finite=True),
        "horizon": Int(1, 1_000), "folds": Int(1, 100), "season": Int(1, 10_000),
        "benchmarks": DictOf(Str(40), Array("f", ndim=2), max_len=20),
        "rnn": DictOf(Str(40), rnn, max_len=10),
        "run_id": Str(100), "run_name": NAME, "seconds_benchmarks": Real(0),
    })


class Json(Check):
    """Small plain data (what a room record or a link's parameters hold): None, true/false,
    finite numbers, text, and lists, tuples, sets and text-keyed dicts of those, at most
    ``max_depth`` deep and ``max_items`` values in all."""

    def __init__(self, max_depth: int = 6, max_items: int = 5_000):
        self.max_depth, self.max_items = max_depth, max_items

    def check(self, value, path="value"):
        count = [0]
        self._walk(value, path, 0, count)

    def _walk(self, value, path, depth, count):
        count[0] += 1
        if count[0] > self.max_items:
            raise Invalid(path, "too many values")
        if depth > self.max_depth:
            raise Invalid(path, "nested too deeply")
        if isinstance(value, (list, tuple, set, frozenset)):
            for i, item in enumerate(value):
                self._walk(item, f"{path}[{i}]", depth + 1, count)
        elif isinstance(value, dict):
            for key, item in value.items():
                Str(200).check(key, f"{path} key")
                self._walk(item, f"{path}[{key!r}]", depth + 1, count)
        else:
            Plain.SCALAR.check(value, path)


class Keyed(Check):
    """A dict that has these ``required`` entries with their checks; any other entry passes
    ``rest`` (a record another part of the app may add fields to)."""

    def __init__(self, required: Mapping[str, Check], rest: Check):
        self.required, self.rest = dict(required), rest

    def check(self, value, path="value"):
        if not isinstance(value, dict):
            raise Invalid(path, f"not a mapping ({type(value).__name__})")
        for name, check in self.required.items():
            if name not in value:
                raise Invalid(path, f"{name!r} is missing")
            check.check(value[name], f"{path}.{name}")
        for name, item in value.items():
            if name not in self.required:
                Str(200).check(name, f"{path} key")
                self.rest.check(item, f"{path}.{name}")
