"""Plain SVG line charts for the offline lesson file (rnnlab.lessons.offline).

No Plotly, no kaleido, no fonts to fetch: a few hundred bytes of markup per line, drawn by any
browser from ``file://``. Each chart is an accessible image: ``role="img"``, a ``<title>`` (the
chart's name) and a ``<desc>`` (its alt text with the key numbers, in the reader's language).
Numbers on the axes are written the language's way (rnnlab.i18n.numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import numpy as np

from rnnlab.i18n.numbers import fmt

WIDTH, HEIGHT = 460, 300  # drawn at 560 px on a projector (fonts x1.2), ~370 px on a phone (x0.8)
MARGIN = {"l": 58, "r": 12, "t": 10, "b": 40}
CHAR = 8.2  # average width of a 14-15 px character, to lay out labels
DASHES = {"solid": "", "dash": "7 4", "dot": "2 4", "dashdot": "7 3 2 3", "longdash": "12 4"}
MAX_POINTS = 600  # a line with more points is thinned (min/max per bucket keeps its peaks)


@dataclass
class Line:
    name: str
    y: list  # values (None/NaN = gap)
    x: list | None = None  # positions; 0..n-1 when None
    color: str = "#0f172a"
    dash: str = "solid"
    width: float = 2.0


@dataclass
class Band:
    """A shaded span of x (a split's part), labelled at its top."""

    start: float
    stop: float
    label: str
    fill: str


@dataclass
class Chart:
    title: str
    desc: str
    lines: list[Line]
    x_title: str = ""
    y_title: str = ""
    bands: list[Band] = field(default_factory=list)
    log_y: bool = False


def _nice_ticks(lo: float, hi: float, count: int = 5) -> tuple[list[float], int]:
    """Round tick values between lo and hi and the decimals they need."""
    span = hi - lo if hi > lo else 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    decimals = max(0, -math.floor(math.log10(step)) + (1 if abs(step / magnitude - 2.5) < 1e-9 else 0))
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-6 and len(ticks) < 20:
        ticks.append(round(v, 10))
        v += step
    return ticks, int(decimals)


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _log_ticks(lo: float, hi: float) -> list[float]:
    """Tick positions (log10 units) between lo and hi: whole decades, at most ~6 of them, and
    1-2-5 within each decade when the range spans less than two decades."""
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    if last - first < 2:
        ticks = [math.log10(m) + d for d in range(math.floor(lo) - 1, math.ceil(hi) + 1) for m in (1, 2, 5)]
        return [v for v in ticks if lo - 1e-9 <= v <= hi + 1e-9]
    step = max(1, math.ceil((last - first + 1) / 6))
    return [float(v) for v in range(first, last + 1, step)]


def _decade(v: float, lang: str) -> str:
    """10**v: plainly between 0.01 and 1000, else as a power of ten (v whole there)."""
    if -2.01 <= v <= 3.01:
        return fmt(10.0**v, lang, sig=1)
    return "10" + str(int(round(v))).translate(SUPERSCRIPT)


def _thin(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At most ~MAX_POINTS points: per bucket the first, min and max (peaks stay drawn)."""
    n = len(y)
    if n <= MAX_POINTS:
        return x, y
    buckets = np.array_split(np.arange(n), MAX_POINTS // 3)
    keep: list[int] = []
    for b in buckets:
        seg = y[b]
        if np.isfinite(seg).any():
            keep += sorted({int(b[0]), int(b[np.nanargmin(seg)]), int(b[np.nanargmax(seg)])})
        else:
            keep.append(int(b[0]))
    idx = np.array(sorted(set(keep)))
    return x[idx], y[idx]


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def line_chart(chart: Chart, lang: str, chart_id: str) -> str:
    """``chart`` as one ``<svg>`` element (a string), labelled for screen readers."""
    w, h, m = WIDTH, HEIGHT, dict(MARGIN)
    xs, ys = [], []
    lines = []
    for line in chart.lines:
        y = np.asarray([np.nan if v is None else float(v) for v in line.y], dtype=np.float64)
        x = np.arange(len(y), dtype=np.float64) if line.x is None else np.asarray(line.x, dtype=np.float64)
        if chart.log_y:
            y = np.where(y > 0, y, np.nan)
            y = np.log10(y)
        x, y = _thin(x, y)
        lines.append((line, x, y))
        xs.append(x[np.isfinite(y)])
        ys.append(y[np.isfinite(y)])
    for band in chart.bands:
        xs.append(np.array([band.start, band.stop], dtype=np.float64))
    allx = np.concatenate(xs) if xs else np.array([0.0, 1.0])
    ally = np.concatenate(ys) if ys else np.array([0.0, 1.0])
    x0, x1 = (float(allx.min()), float(allx.max())) if allx.size else (0.0, 1.0)
    y0, y1 = (float(ally.min()), float(ally.max())) if ally.size else (0.0, 1.0)
    if x1 <= x0:
        x1 = x0 + 1
    pad = 0.06 * (y1 - y0) if y1 > y0 else 0.5
    y0, y1 = y0 - pad, y1 + pad

    # legend: above the plot, one key per line (colour and dash: colour is never the only cue),
    # wrapped onto as many rows as it needs
    legend, lx, row = [], 8.0, 0
    for line, _, _ in lines:
        width = 30 + CHAR * len(line.name)
        if lx + width > w - 4 and lx > 8:
            lx, row = 8.0, row + 1
        legend.append((line, lx, 14 + 18 * row))
        lx += width + 12
    m["t"] += 18 * (row + 1) + 4
    if chart.bands:
        m["t"] += 16  # the bands' labels sit above the plot, under the legend

    if chart.log_y:
        yt = _log_ticks(y0, y1)
        labels = [_decade(v, lang) for v in yt]
    else:
        yt, yd = _nice_ticks(y0, y1)
        labels = [fmt(v, lang, decimals=yd) for v in yt]
    # room on the left for the longest tick label and the axis title
    m["l"] = int(12 + CHAR * max(len(s) for s in labels) + (20 if chart.y_title else 0))
    pw, ph = w - m["l"] - m["r"], h - m["t"] - m["b"]

    def X(v: float) -> float:
        return m["l"] + (v - x0) / (x1 - x0) * pw

    def Y(v: float) -> float:
        return m["t"] + (1 - (v - y0) / (y1 - y0)) * ph

    tid, did = f"{chart_id}-t", f"{chart_id}-d"
    out = [f'<svg class="ol-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{tid} {did}" '
           f'data-rnnlab-chart="{escape(chart_id)}">',
           f'<title id="{tid}">{escape(chart.title)}</title>', f'<desc id="{did}">{escape(chart.desc)}</desc>',
           f'<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>']
    for band in chart.bands:
        a, b = X(band.start), X(band.stop)
        out.append(f'<rect x="{_num(a)}" y="{m["t"]}" width="{_num(max(b - a, 0))}" height="{ph}" fill="{band.fill}"/>')
        out.append(f'<text x="{_num((a + b) / 2)}" y="{m["t"] - 5}" text-anchor="middle" class="ol-band">'
                   f'{escape(band.label)}</text>')
    for v, label in zip(yt, labels, strict=True):
        yy = Y(v)
        out.append(f'<line x1="{m["l"]}" x2="{w - m["r"]}" y1="{_num(yy)}" y2="{_num(yy)}" stroke="#e5e7eb"/>')
        out.append(f'<text x="{m["l"] - 6}" y="{_num(yy + 4)}" text-anchor="end" class="ol-tick">{escape(label)}</text>')
    xt, xd = _nice_ticks(x0, x1, 6)
    for v in xt:
        xx = X(v)
        out.append(f'<line x1="{_num(xx)}" x2="{_num(xx)}" y1="{m["t"] + ph}" y2="{m["t"] + ph + 4}" stroke="#6b7280"/>')
        out.append(f'<text x="{_num(xx)}" y="{m["t"] + ph + 17}" text-anchor="middle" class="ol-tick">'
                   f'{escape(fmt(v, lang, decimals=xd))}</text>')
    out.append(f'<rect x="{m["l"]}" y="{m["t"]}" width="{pw}" height="{ph}" fill="none" stroke="#9ca3af"/>')
    for line, x, y in lines:
        d, pen = [], False
        for xv, yv in zip(x, y, strict=True):
            if not np.isfinite(yv):
                pen = False
                continue
            d.append(f'{"L" if pen else "M"}{_num(X(xv))} {_num(Y(yv))}')
            pen = True
        if not d:
            continue
        dash = DASHES.get(line.dash, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{"".join(d)}" fill="none" stroke="{line.color}" stroke-width="{line.width}"'
                   f'{dash_attr} stroke-linejoin="round"><title>{escape(line.name)}</title></path>')
    # legend: above the plot, one key per line (colour and dash, so colour is not the only cue)
    for line, lx, ly in legend:
        dash = DASHES.get(line.dash, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{_num(lx)}" x2="{_num(lx + 22)}" y1="{ly}" y2="{ly}" stroke="{line.color}" '
                   f'stroke-width="3"{dash_attr}/>')
        out.append(f'<text x="{_num(lx + 27)}" y="{ly + 4.5}" class="ol-legend">{escape(line.name)}</text>')
    if chart.x_title:
        out.append(f'<text x="{m["l"] + pw / 2}" y="{h - 6}" text-anchor="middle" class="ol-axis">'
                   f'{escape(chart.x_title)}</text>')
    if chart.y_title:
        out.append(f'<text transform="translate(15 {m["t"] + ph / 2}) rotate(-90)" text-anchor="middle" '
                   f'class="ol-axis">{escape(chart.y_title)}</text>')
    out.append("</svg>")
    return "".join(out)
