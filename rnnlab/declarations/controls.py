"""Controls declared once: range, default, label, and where else a control counts.

In the manner of scikit-learn's ``_parameter_constraints``: each page lists its controls once
(rnnlab.pages.page_controls), e.g. ``Int(2, 64, default=8, label="hidden.units", share=True,
hide=True)``. Everything else is derived from that one declaration: ui.elements.controls draws a spec as
the right widget and clamps a remembered value into it; lesson links carry the controls with
``share=True`` and validate them with ``parse``; teacher mode may hide those with ``hide=True``.

Pure (no Streamlit): labels and helps are i18n keys; the ui side translates them.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Control:
    """What every control has. ``label`` and ``help`` are i18n keys (rnnlab/i18n)."""

    default: object = None
    label: str = ""
    help: str | None = None
    share: bool = False  # travels in lesson links and live lessons
    hide: bool = False  # a teacher may hide it (teacher mode)
    widget: str = ""  # how ui.elements.controls draws it; "" = not a widget of its own (state only)

    def valid(self, value) -> bool:
        return True

    def clamp(self, value, low=None, high=None):
        """The nearest allowed value (``low``/``high`` narrow the range for today's data)."""
        return value

    def parse(self, raw):
        """A lesson link's text as this control's value, or None when it is not a valid one."""
        return None

    def text(self, value) -> str:
        """The value as a lesson link writes it (``parse(text(v)) == v``)."""
        return str(value)


def _real(value) -> bool:
    """A finite real number. A whole number is always finite, however many digits it has
    (``math.isfinite`` would convert it to a float, which overflows past about 309 digits)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        return False
    return isinstance(value, numbers.Integral) or math.isfinite(value)


@dataclass(frozen=True, kw_only=True)
class _Number(Control):
    low: float = 0
    high: float = 0
    step: float | None = None  # slider step; Float sliders stop at low + k * step
    stops: tuple | None = None  # the values a select slider offers (a valid value is added)

    def _cast(self, value):
        raise NotImplementedError

    def bounds(self, low=None, high=None) -> tuple:
        """The range today: the declared one, narrowed (never widened) by the data."""
        lo = self.low if low is None else max(self.low, low)
        hi = self.high if high is None else min(self.high, high)
        return lo, max(lo, hi)

    def valid(self, value) -> bool:
        return _real(value) and self.low <= value <= self.high and self._cast(value) == value

    def clamp(self, value, low=None, high=None):
        lo, hi = self.bounds(low, high)
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = min(max(value, lo), hi)  # before any float(): a huge int overflows it
        try:
            value = self._cast(float(value))
        except (TypeError, ValueError, OverflowError):
            value = self.default
        if not _real(value):
            value = self.default
        return self._cast(min(max(value, lo), hi))

    def parse(self, raw):
        try:
            value = self._cast(raw if isinstance(raw, numbers.Real) else self._from_text(str(raw)))
        except (TypeError, ValueError, OverflowError):
            return None
        return value if self.valid(value) else None

    def options(self, value=None, low=None, high=None) -> list:
        """A select slider's values: the declared stops (or low + k * step), plus ``value``."""
        lo, hi = self.bounds(low, high)
        if self.stops is not None:
            values = {v for v in self.stops if lo <= v <= hi}
        else:
            count = int(round((hi - lo) / self.step))
            values = {self._cast(round(lo + i * self.step, 10)) for i in range(count + 1)}
        if value is not None and self.valid(value) and lo <= value <= hi:
            values.add(value)
        return sorted(values)


@dataclass(frozen=True, kw_only=True)
class Int(_Number):
    """A whole number in [low, high]. widget: "slider", "number" or "select_slider" (stops)."""

    widget: str = "slider"

    def __init__(self, low: int, high: int, **options):
        _init(self, low=int(low), high=int(high), **options)

    def _cast(self, value):
        return int(round(value)) if isinstance(value, float) else int(value)

    @staticmethod
    def _from_text(raw: str):
        return int(raw)  # "8.0" or "8e0" is not a whole number a link would write

    def valid(self, value) -> bool:
        whole = isinstance(value, numbers.Integral) or (_real(value) and float(value).is_integer())
        return _real(value) and whole and self.low <= value <= self.high

    def text(self, value) -> str:
        return str(int(value))


@dataclass(frozen=True, kw_only=True)
class Float(_Number):
    """A decimal number in [low, high]. widget: "slider" (stops every ``step``, written the
    user's way) or "select_slider" (the declared ``stops``)."""

    widget: str = "slider"

    def __init__(self, low: float, high: float, **options):
        _init(self, low=float(low), high=float(high), **options)

    def _cast(self, value):
        return float(value)

    @staticmethod
    def _from_text(raw: str):
        return float(raw)

    def clamp(self, value, low=None, high=None):
        value = super().clamp(value, low, high)
        if self.widget == "slider" and self.step:  # a remembered value between two stops
            return min(self.options(low=low, high=high), key=lambda s: abs(s - value))
        return value

    def text(self, value) -> str:
        return f"{float(value):g}"


@dataclass(frozen=True, kw_only=True)
class Choice(Control):
    """One of ``options``. widget: "radio", "segmented", "select" or "select_slider".
    ``names`` fixes the words shown for options (the same in every language); otherwise
    ``option_label`` is an i18n key pattern with ``{}`` for the option, or None (as is)."""

    options: tuple = field(default=())
    widget: str = "radio"
    option_label: str | None = None
    names: dict | None = None

    def __init__(self, options, **kwargs):
        _init(self, options=tuple(options), **kwargs)

    def valid(self, value) -> bool:
        return value in self.options

    def clamp(self, value, low=None, high=None):
        return value if value in self.options else self.default

    def parse(self, raw):
        return next((o for o in self.options if str(o) == str(raw)), None)


@dataclass(frozen=True, kw_only=True)
class Toggle(Control):
    """On or off."""

    default: bool = False
    widget: str = "toggle"

    def valid(self, value) -> bool:
        return isinstance(value, bool)

    def clamp(self, value, low=None, high=None):
        return bool(value)


@dataclass(frozen=True, kw_only=True)
class Action(Control):
    """A button: no value to keep or share, but a teacher may hide it."""

    widget: str = "button"


def _init(obj, **values) -> None:
    """Positional ranges (``Int(2, 64, ...)``) on a frozen, keyword-only dataclass."""
    unknown = set(values) - set(obj.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown options: {', '.join(sorted(unknown))}")
    for name, spec in obj.__dataclass_fields__.items():
        object.__setattr__(obj, name, values[name] if name in values else _default(spec))
    if not obj.valid(obj.default) and not isinstance(obj, Action):
        raise ValueError(f"default {obj.default!r} is not allowed by {obj!r}")


def _default(spec):
    from dataclasses import MISSING

    if spec.default is not MISSING:
        return spec.default
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    raise TypeError(f"{spec.name} is required")


Table = dict  # widget key -> Control: one page's controls, in the order the page draws them


def shared(table: Table) -> dict:
    """The controls of ``table`` that lesson links carry."""
    return {key: spec for key, spec in table.items() if spec.share}


def hideable(table: Table) -> dict:
    """Widget key -> label key of the controls of ``table`` a teacher may hide."""
    return {key: spec.label for key, spec in table.items() if spec.hide}
