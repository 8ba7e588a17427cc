"""Text alternatives for charts: what a figure shows, with its key numbers, in the user's language.

Pure functions of a Plotly figure (no Streamlit): the words a screen reader speaks instead of the
picture, and the table of exactly what is drawn (the chart's data view and CSV). Both read the
figure itself, so they can never disagree with it.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt, fmt_power

MAX_SERIES = 6  # named in the text; more would be noise when heard (the table has them all)
MAX_BARS = 8


def number(value, lang: str = "en", digits: int = 3) -> str:
    """A short number for speech: 3 significant digits, decimal comma in Spanish, no grouping."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "—"
    if v.is_integer() and abs(v) < 1e7:
        text = fmt(int(v), lang, group=False)
    elif v and not 1e-4 <= abs(v) < 10**digits:  # 1.2e-05 -> 1.2×10^-5 reads as a number
        text = fmt_power(v, lang, sig=digits)
    else:
        text = fmt(v, lang, sig=digits, group=False)
    return text.replace("-", "−")


def _plain(text) -> str:
    """Title or axis text without Plotly's HTML: h<sub>t</sub> -> h_t, x<sup>2</sup> -> x^2."""
    text = re.sub(r"<sub>(.*?)</sub>", r"_\1", str(text or ""))
    text = re.sub(r"<sup>(.*?)</sup>", r"^\1", text)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def _label(value, lang: str) -> str:
    if isinstance(value, (np.datetime64,)):
        return str(value)[:10]
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value, lang)
    return _plain(value)[:19] if "T" in str(value) and str(value)[:4].isdigit() else _plain(value)


def _axis_title(fig, trace, axis: str) -> str:
    ref = getattr(trace, f"{axis}axis", None) or axis
    name = f"{axis}axis" + ref[1:]
    layout_axis = getattr(fig.layout, name, None) if hasattr(fig.layout, name) else None
    title = getattr(getattr(layout_axis, "title", None), "text", None) if layout_axis else None
    return _plain(title)


def _xy(trace) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(trace.y if trace.y is not None else [], dtype=object)
    x = np.asarray(trace.x, dtype=object) if trace.x is not None else np.arange(len(y), dtype=object)
    n = min(len(x), len(y))
    return x[:n], y[:n]


def _finite(y: np.ndarray) -> np.ndarray:
    out = np.array([float(v) if v is not None else np.nan for v in y], dtype=float)
    return np.isfinite(out), out


def _line_sentence(fig, trace, lang: str) -> str | None:
    x, y = _xy(trace)
    mask, values = _finite(y)
    if not mask.any():
        return None
    xs, vs = x[mask], values[mask]
    lo, hi = int(np.argmin(vs)), int(np.argmax(vs))
    if len(vs) == 1:
        return t("alt.line_one", lang, name=_plain(trace.name) or t("alt.unnamed", lang),
                 x0=_label(xs[0], lang), first=number(vs[0], lang))
    return t("alt.line", lang, name=_plain(trace.name) or t("alt.unnamed", lang), n=len(vs),
             x0=_label(xs[0], lang), x1=_label(xs[-1], lang), first=number(vs[0], lang),
             last=number(vs[-1], lang), low=number(vs[lo], lang), at_low=_label(xs[lo], lang),
             high=number(vs[hi], lang), at_high=_label(xs[hi], lang))


def _bar_sentence(trace, lang: str) -> str | None:
    horizontal = getattr(trace, "orientation", None) == "h"
    cats, vals = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
    if cats is None or vals is None:
        return None
    pairs = [f"{_label(c, lang)} {number(v, lang)}" for c, v in list(zip(cats, vals, strict=False))[:MAX_BARS]]
    return "; ".join(pairs) if pairs else None


def _heatmap_sentence(fig, trace, lang: str) -> str | None:
    z = np.asarray(trace.z, dtype=float) if trace.z is not None else np.empty((0, 0))
    if z.size == 0 or not np.isfinite(z).any():
        return None
    return t("alt.heatmap", lang, name=_plain(trace.name) or t("alt.unnamed", lang),
             rows=z.shape[0], cols=z.shape[1] if z.ndim > 1 else 1,
             y=_axis_title(fig, trace, "y") or "y", x=_axis_title(fig, trace, "x") or "x",
             low=number(np.nanmin(z), lang), high=number(np.nanmax(z), lang))


def chart_title(fig) -> str:
    return _plain(getattr(fig.layout.title, "text", None))


def describe(fig, lang: str = "en", extra: str | None = None) -> str:
    """The text alternative of ``fig``: kind and title, axes, each series' range and extremes.

    ``extra`` (already translated) adds what the numbers alone do not say (the best epoch...).
    """
    kinds = {trace.type for trace in fig.data}
    kind = "heatmap" if "heatmap" in kinds else "bar" if kinds == {"bar"} else "line"
    title = chart_title(fig)
    parts = [t(f"alt.kind_{kind}", lang) + (f": {title}" if title else "") + "."]
    first = fig.data[0] if fig.data else None
    if first is not None and kind != "heatmap":
        x_title, y_title = _axis_title(fig, first, "x"), _axis_title(fig, first, "y")
        if x_title or y_title:
            parts.append(t("alt.axes", lang, x=x_title or "x", y=y_title or "y"))
    sentences, keys = [], []
    for trace in fig.data:
        if trace.type == "heatmap":
            sentence = _heatmap_sentence(fig, trace, lang)
        elif trace.type == "bar":
            sentence = _bar_sentence(trace, lang)
        else:
            sentence = _line_sentence(fig, trace, lang)
            if sentence is None and trace.name and trace.showlegend is not False:
                keys.append(_plain(trace.name))  # a legend-only entry (a split's size...)
        if sentence:
            sentences.append(sentence)
    shown = sentences[:MAX_SERIES]
    if len(sentences) > MAX_SERIES:
        shown.append(t("alt.more", lang, n=len(sentences) - MAX_SERIES))
    if keys:
        shown.append(t("alt.key", lang, items=", ".join(keys)))
    if not shown:
        shown.append(t("alt.empty", lang))
    parts.append(" ".join(s if s.endswith(".") else s + "." for s in shown))
    if extra:
        parts.append(extra)
    return " ".join(parts)


def _shared_axis_titles(fig, lang: str) -> tuple[str, str]:
    """Column names for x and y: the axis titles when every trace shares them, else x and y."""
    names = []
    for axis in ("x", "y"):
        titles = {_axis_title(fig, trace, axis) for trace in fig.data}
        title = titles.pop() if len(titles) == 1 else ""
        names.append(title or t(f"alt.col_{axis}", lang))
    if names[0] == names[1]:
        names = [t("alt.col_x", lang), t("alt.col_y", lang)]
    return names[0], names[1]


def data_table(fig, lang: str = "en") -> pd.DataFrame:
    """Exactly what ``fig`` draws, one row per point: series, x, y (heatmaps: x, y, value)."""
    series, value = t("alt.col_series", lang), t("alt.col_value", lang)
    x_name, y_name = _shared_axis_titles(fig, lang)
    frames = []
    for trace in fig.data:
        name = _plain(trace.name) or t("alt.unnamed", lang)
        if trace.type == "heatmap" and trace.z is not None:
            z = np.asarray(trace.z, dtype=float)
            ys = np.asarray(trace.y) if trace.y is not None else np.arange(z.shape[0])
            xs = np.asarray(trace.x) if trace.x is not None else np.arange(z.shape[1])
            grid_y, grid_x = np.meshgrid(ys, xs, indexing="ij")
            frames.append(pd.DataFrame({series: name, x_name: grid_x.ravel(), y_name: grid_y.ravel(),
                                        value: z.ravel()}))
            continue
        if trace.type == "bar":
            horizontal = getattr(trace, "orientation", None) == "h"
            cats, vals = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
            if cats is None or vals is None:
                continue
            frames.append(pd.DataFrame({series: name, x_name: list(cats), y_name: list(vals)}))
            continue
        x, y = _xy(trace)
        mask, values = _finite(y)
        if mask.any():
            frames.append(pd.DataFrame({series: name, x_name: list(x[mask]), y_name: values[mask]}))
    if not frames:
        return pd.DataFrame(columns=[series, x_name, y_name])
    table = pd.concat(frames, ignore_index=True)
    # Lines' and vertical bars' x is a time or a position (a year, an epoch): a label, written
    # without thousands separators (1871, not 1,871). Horizontal bars' x is a quantity.
    if not any(trace.type == "bar" and getattr(trace, "orientation", None) == "h" for trace in fig.data):
        table.attrs["labels"] = [x_name]
    return table


def table_csv(table: pd.DataFrame) -> bytes:
    """The data view as CSV: UTF-8 with BOM so spreadsheet programs read the accents."""
    return table.to_csv(index=False, float_format="%.6g").encode("utf-8-sig")


def unrolled(steps: int, lang: str = "en") -> str:
    """The Concepts diagram of an RNN folded (one cell and its loop) and unrolled over ``steps``."""
    return t("alt.unrolled", lang, steps=steps, last=steps)


def sparkline(values, name: str, lang: str = "en") -> str:
    """The sidebar's small picture of the current series."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    if not len(finite):
        return t("alt.spark_empty", lang, name=name)
    return t("alt.spark", lang, name=name, n=len(values), low=number(finite.min(), lang),
             high=number(finite.max(), lang), last=number(finite[-1], lang))


def display_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The data view as people read it: numbers written the language's way (the CSV keeps the
    machine form)."""
    from rnnlab.i18n.numbers import fmt

    shown = table.copy()
    labels = set(table.attrs.get("labels", ()))

    def number(v) -> bool:
        return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))

    for column in shown.columns:
        values = shown[column]
        if values.map(number).any():
            group = column not in labels  # a year or a position is a label, not a quantity
            shown[column] = values.map(
                lambda v, group=group: fmt(v.item() if isinstance(v, np.generic) else v, lang,
                                           sig=6, group=group) if number(v) else v)
    return shown
