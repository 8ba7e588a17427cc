"""The Hidden states stage's payload: the whole window's trace, built once, drawn by the browser.

The browser steps, scrubs and plays from this one payload without asking the server again, so it
carries every step: the input, the prediction, the hidden state, the gates (LSTM i f g o, GRU
z r h̃), the LSTM cell state and the PCA path, plus the texts in the user's language with numbers
already formatted the way that language writes them (Spanish: decimal comma).

Big arrays travel as fixed-point int16, base64 (little-endian): value = q / 10**decimals, with as
many decimals as fit (4 for states in [-1, 1]). That is rounding to 4 decimals, exactly, at about a
third of the bytes of the same numbers as JSON text (LSTM 64 x 200: ~0.2 MB instead of ~0.6 MB).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

import numpy as np

from rnnlab.declarations import vocab
from rnnlab.i18n import t
from rnnlab.pages.hidden import GATE_NAMES, Forward, InputSequence, Settings, pca_path

INT16_MAX = 32767
MAX_DECIMALS = 4


def format_number(value: float, lang: str, digits: int = 4) -> str:
    """A number as the language writes it (rnnlab.i18n.numbers, Babel): ``digits`` significant
    digits, decimal comma and grouping dots in Spanish; "-" when it is not a finite number."""
    from rnnlab.i18n.numbers import fmt

    if value is None or not np.isfinite(value):
        return "-"
    return fmt(float(value), lang, sig=digits)


def format_fixed(value: float, lang: str, decimals: int) -> str:
    """A number with a fixed count of decimals (axis ticks, scale ends), the language's way."""
    from rnnlab.i18n.numbers import fmt

    return fmt(float(value), lang, decimals=decimals)


@dataclass
class Packed:
    """One (T, H) array as fixed-point int16: ``values ≈ q / 10**decimals``."""

    b64: str
    decimals: int
    shape: tuple[int, int]

    def as_dict(self) -> dict:
        return {"b64": self.b64, "decimals": self.decimals, "shape": list(self.shape)}


def pack(values: np.ndarray) -> Packed:
    """Fixed-point int16 with as many decimals (at most 4) as the largest |value| allows."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.where(np.isfinite(values), values, 0.0)
    peak = float(np.abs(finite).max()) if finite.size else 0.0
    decimals = MAX_DECIMALS
    while decimals > -6 and peak * 10.0**decimals > INT16_MAX:
        decimals -= 1
    q = np.clip(np.rint(finite * 10.0**decimals), -INT16_MAX, INT16_MAX).astype("<i2")
    return Packed(base64.b64encode(q.tobytes()).decode("ascii"), decimals, tuple(values.shape))


def unpack(packed: dict) -> np.ndarray:
    """The inverse of ``pack(...).as_dict()`` (what the browser does), for tests and checks."""
    q = np.frombuffer(base64.b64decode(packed["b64"]), dtype="<i2").astype(np.float64)
    return (q / 10.0 ** packed["decimals"]).reshape(packed["shape"])


def symmetric_half(values: np.ndarray) -> float:
    """Half-width of a colour scale centred at 0 that fits the data (not a fixed ±1).

    An untrained network's states may all be within ±0.05: a ±1 scale would draw them blank.
    """
    values = np.asarray(values, dtype=np.float64)
    finite = np.abs(values[np.isfinite(values)])
    peak = float(finite.max()) if finite.size else 0.0
    return peak if peak > 1e-12 else 1.0


def _scale_decimals(half: float) -> int:
    """Decimals that show a scale end with 2 significant digits (0.043, 0.85, 3.2, 17)."""
    return int(np.clip(1 - np.floor(np.log10(half)), 0, 4))


def _scale(values: np.ndarray, lang: str) -> dict:
    """A symmetric colour scale for ``values`` and its labels (rounded up, so every value fits)."""
    half = symmetric_half(values)
    d = _scale_decimals(half)
    half = float(np.ceil(half * 10**d - 1e-9) / 10**d)
    return {"half": half, "labels": [format_fixed(-half, lang, d), format_fixed(0, lang, 0),
                                      format_fixed(half, lang, d)]}


def _ticks(lo: float, hi: float, lang: str, count: int = 4) -> list[dict]:
    """Round axis ticks between lo and hi, with labels in the user's language."""
    span = hi - lo if hi > lo else 1.0
    raw = span / count
    magnitude = 10 ** np.floor(np.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    decimals = int(max(0, -np.floor(np.log10(step)) + (1 if step / magnitude == 2.5 else 0)))
    first = np.ceil(lo / step) * step
    values = np.arange(first, hi + step * 1e-6, step)
    return [{"v": round(float(v), 10), "text": format_fixed(v, lang, decimals)} for v in values]


def _round(values: np.ndarray, digits: int = 6) -> list:
    """Plain JSON numbers (NaN -> None), rounded to ``digits`` significant digits."""
    out = []
    for v in np.asarray(values, dtype=np.float64).ravel():
        out.append(None if not np.isfinite(v) else float(f"{v:.{digits}g}"))
    return out


def gate_symbol(cell: str, name: str) -> str:
    return vocab.gate(cell, name).symbol  # the same symbols as every page (rnnlab.declarations.vocab)


def texts(lang: str) -> dict[str, str]:
    """Every label the stage shows, in ``lang`` (templates keep their {placeholders})."""
    keys = ("play", "pause", "back", "forward", "first", "last", "scrubber", "speed", "speed_unit",
            "hide_future", "hide_future_help", "hide_forced", "projector", "projector_exit",
            "projector_short", "projector_exit_short", "status", "keys",
            "input_title", "input_legend", "pred_legend", "heat_title", "gates_title",
            "no_gates", "cell_title", "pca_title", "pca_flat", "step_axis", "neuron_axis",
            "stage_label", "gate_closed", "gate_open", "future_hidden", "heat_alt", "pca_alt",
            "input_alt", "gates_alt")
    return {k: t(f"stage.{k}", lang) for k in keys}


SPEEDS = (1, 2, 4, 8, 15, 30, 60)  # steps per second the stage's Play offers


def speed_labels(lang: str) -> dict[str, str]:
    """Each speed as its option reads: "1 paso/s", "2 pasos/s" (singular for one)."""
    from rnnlab.i18n.numbers import fmt

    return {str(s): f"{fmt(s, lang)} {t('stage.speed_unit_one' if s == 1 else 'stage.speed_unit', lang)}"
            for s in SPEEDS}


def _upto(values, upto: int | None) -> np.ndarray:
    """``values`` (steps first) with every step after ``upto`` (1-based) blanked out (NaN)."""
    values = np.array(values, dtype=np.float64)
    if upto is not None:
        values[int(upto):] = np.nan
    return values


def build_payload(settings: Settings, inp: InputSequence, forward: Forward, lang: str,
                  hide_future: bool = False, start: int = 1, build: int = 0,
                  upto: int | None = None) -> dict:
    """Everything the stage draws, for every step of the window, JSON-ready.

    ``start`` (1-based) is the step shown when the stage mounts; the browser keeps its own
    step after that. ``build`` counts the payloads the page made: a new one starts from
    ``start`` even when its content equals an earlier one's. ``id`` names the payload: the
    browser rebuilds the stage only when it changes, and a remount of the same payload keeps
    the step the browser had.

    ``upto`` (1-based; a live lesson's student while a question is open): the payload holds no
    value of any step after it, not even in its scales or ranges, which are computed from the
    steps up to it; the future reads as blank (None, "-", 0 in the packed arrays), hidden.
    """
    if upto is not None:
        upto = int(np.clip(upto, 1, len(inp.raw)))
        hide_future, start = True, min(int(start), upto)
    hidden = _upto(forward.hidden, upto)
    T, H = hidden.shape
    x = _upto(inp.raw, upto)
    pred = _upto(inp.to_original(forward.prediction), upto)
    finite = np.concatenate([x[np.isfinite(x)], pred[np.isfinite(pred)]])
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    pad = 0.08 * (hi - lo) if hi > lo else 0.5
    y_range = [lo - pad, hi + pad]

    gates = []
    traced = forward.gates
    for name in GATE_NAMES[settings.cell]:
        values = _upto(traced[name], upto)
        entry = {"name": name, "symbol": gate_symbol(settings.cell, name),
                 "label": t(f"stage.gate_{name}", lang),
                 "kind": "candidate" if name == "candidate" else "gate", **pack(values).as_dict()}
        if name == "candidate":
            entry["scale"] = _scale(values, lang)
        gates.append(entry)

    path = pca_path(hidden[:upto])
    coords = np.full((T, 2), np.nan)
    coords[: len(path.coords)] = path.coords
    ex = 100 * path.explained
    pc_text = t("stage.pca_axes", lang, one=format_fixed(ex[0], lang, 0),
                 two=format_fixed(ex[1], lang, 0))

    cell_state = None if forward.cell_state is None else _upto(forward.cell_state, upto)
    payload = {
        "version": 1, "build": int(build), "speeds": speed_labels(lang),
        "T": int(T), "H": int(H), "cell": settings.cell, "lang": lang,
        "start": int(np.clip(start, 1, T)), "hide_future": bool(hide_future),
        "x": _round(x), "pred": _round(pred),
        "x_text": [format_number(v, lang) for v in x],
        "pred_text": [format_number(v, lang) for v in pred],
        "y_range": _round(y_range), "y_ticks": _ticks(y_range[0], y_range[1], lang),
        "h": {**pack(hidden).as_dict(), "scale": _scale(hidden, lang)},
        "c": None if cell_state is None else {**pack(cell_state).as_dict(),
                                              "scale": _scale(cell_state, lang)},
        "gates": gates,
        "gate_ticks": [format_fixed(v, lang, 1) for v in (0.0, 0.5, 1.0)],
        "pca": {"xy": _round(coords), "flat": bool(not path.explained.any()), "axes": pc_text},
        "text": texts(lang),
    }
    payload["id"] = hashlib.sha1(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
    return payload
