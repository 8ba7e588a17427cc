"""Predict, then reveal: the questions a live lesson's teacher asks, and their true answers.

A question is about the step the class is looking at. It asks for a **value** (a gate, a hidden
state or the prediction at the next step, or anything in the teacher's own words) or a
**choice** (which cell wins on Compare, whether the model beats persistence, or options the
teacher types). Presets are stored as a preset name plus numbers (never as text), so that each
student reads them in their own language; the teacher's own words are shown as typed.

The true answer of a preset value comes from the engine: the same from-scratch forward pass the
Hidden states stage draws (rnnlab.pages.hidden). A choice whose truth needs trainings is answered
from the runs that exist (rnnlab.pages.compare's numbers), or the teacher marks it; nothing is made up.

Everything read back from a room is untrusted: ``Question.from_dict`` and ``valid_answer``
check types, sizes and ranges.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import asdict, dataclass, field

import numpy as np

KINDS = ("value", "choice")
VALUE_PRESETS = ("gate", "hidden", "prediction")
CHOICE_PRESETS = ("winner", "persistence")
CELLS = ("SimpleRNN", "LSTM", "GRU")
YES_NO = ("yes", "no")
MAX_TEXT = 300  # the teacher's own question: a sentence, not a page
MAX_OPTIONS = 6
MAX_OPTION_CHARS = 40
ANSWER_LIMIT = 1e6  # |answer| above this is not a guess about a network's numbers
ID_PATTERN = re.compile(r"^[0-9a-f]{8}$")
PARAM_NAMES = {"unit": int, "t": int, "gate": str, "cell": str}
GATE_NAMES = ("input", "forget", "candidate", "output", "update", "reset")
HOW = ("engine", "runs", "teacher")  # where a revealed truth came from
REQUIRED = {"gate": {"t", "unit", "gate"}, "hidden": {"t", "unit"}, "prediction": {"t"},
            "winner": set(), "persistence": set()}  # the placeholders each preset's text needs


def new_id() -> str:
    return secrets.token_hex(4)


def preset_options(preset: str) -> list[str]:
    """Option ids of a preset choice (cell names are not translated; yes/no are)."""
    return list(CELLS) if preset == "winner" else list(YES_NO)


@dataclass
class Question:
    id: str
    kind: str  # "value" | "choice"
    preset: str | None  # one of VALUE_PRESETS / CHOICE_PRESETS, or None: the teacher's own words
    text: str = ""  # the teacher's own words ("" for a preset)
    params: dict = field(default_factory=dict)  # a preset's placeholders: unit, t, gate, cell
    options: list[str] = field(default_factory=list)  # choice: ids (presets) or typed texts
    revealed: bool = False
    truth: float | int | None = None  # value, or the index of the right option
    how: str | None = None  # one of HOW once revealed with a truth
    source: str = ""  # what the truth was computed from (a run's name...), shown as text

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw) -> Question | None:
        """A question read from a room, or None when it is not one of ours."""
        if not isinstance(raw, dict):
            return None
        qid, kind, preset = raw.get("id"), raw.get("kind"), raw.get("preset")
        if not isinstance(qid, str) or not ID_PATTERN.match(qid) or kind not in KINDS:
            return None
        presets = VALUE_PRESETS if kind == "value" else CHOICE_PRESETS
        if preset is not None and preset not in presets:
            return None
        text = raw.get("text", "")
        if not isinstance(text, str) or len(text) > MAX_TEXT or (preset is None and not text.strip()):
            return None
        params: dict = {}
        for name, value in (raw.get("params") or {}).items() if isinstance(raw.get("params"), dict) else ():
            want = PARAM_NAMES.get(name)
            number = want is int and isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**6
            if number or (want is str and value in (GATE_NAMES if name == "gate" else CELLS)):
                params[name] = value
        if preset is not None and not REQUIRED[preset] <= params.keys():
            return None
        options = raw.get("options", [])
        if kind == "choice":
            if not isinstance(options, list) or not 2 <= len(options) <= MAX_OPTIONS:
                return None
            if not all(isinstance(o, str) and 0 < len(o) <= MAX_OPTION_CHARS for o in options):
                return None
            if preset is not None and options != preset_options(preset):
                return None
        else:
            options = []
        q = cls(qid, kind, preset, text, params, list(options), bool(raw.get("revealed")))
        truth, how = raw.get("truth"), raw.get("how")
        if q.revealed and truth is not None and how in HOW and q.valid_answer(truth) is not None:
            q.truth, q.how = q.valid_answer(truth), how
            source = raw.get("source", "")
            q.source = source[:MAX_TEXT] if isinstance(source, str) else ""
        return q

    def valid_answer(self, value) -> float | int | None:
        """``value`` as an answer to this question (a finite number, or an option index), else None."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if self.kind == "choice":
            return int(value) if float(value).is_integer() and 0 <= value < len(self.options) else None
        value = float(value)
        return value if math.isfinite(value) and abs(value) <= ANSWER_LIMIT else None


def value_question(preset: str, t: int, unit: int = 1, gate: str | None = None,
                   cell: str | None = None) -> Question:
    """A preset value question about step ``t`` (1-based) and ``unit`` (1-based)."""
    if preset not in VALUE_PRESETS:
        raise ValueError(f"unknown value preset {preset!r}")
    params = {"t": int(t)}
    if preset in ("gate", "hidden"):
        params["unit"] = int(unit)
    if preset == "gate":
        if gate not in GATE_NAMES:
            raise ValueError(f"unknown gate {gate!r}")
        params["gate"] = gate
    if cell in CELLS:
        params["cell"] = cell
    return Question(new_id(), "value", preset, params=params)


def choice_question(preset: str) -> Question:
    if preset not in CHOICE_PRESETS:
        raise ValueError(f"unknown choice preset {preset!r}")
    return Question(new_id(), "choice", preset, options=preset_options(preset))


def parse_options(text: str) -> list[str]:
    """The teacher's typed options: one per line (or separated by ';'), blanks dropped."""
    parts = re.split(r"[\n;]", str(text or ""))
    return [p.strip()[:MAX_OPTION_CHARS] for p in parts if p.strip()][:MAX_OPTIONS]


def own_question(kind: str, text: str, options: list[str] | None = None) -> Question:
    """A question in the teacher's own words. Raises ValueError when it cannot be asked."""
    text = " ".join(str(text or "").split())[:MAX_TEXT]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if not text:
        raise ValueError("empty")
    opts = list(options or []) if kind == "choice" else []
    if kind == "choice" and not 2 <= len(opts) <= MAX_OPTIONS:
        raise ValueError("options")
    return Question(new_id(), kind, None, text=text, options=opts)


# ----- the true answers -----

def engine_value(question: Question, forward, inp) -> float | None:
    """The true value of a preset value question, from the forward pass the stage shows.

    ``forward`` is an rnnlab.pages.hidden.Forward, ``inp`` its InputSequence. The prediction is in the
    series' original units, as the stage prints it. None when the question is not about this
    pass (a step or unit outside it, a gate this cell does not have).
    """
    p = question.params
    hidden = np.asarray(forward.hidden)
    T, H = hidden.shape
    t = p.get("t", 0)
    if question.kind != "value" or not 1 <= t <= T:
        return None
    if question.preset == "prediction":
        value = float(np.asarray(inp.to_original(forward.prediction), dtype=np.float64)[t - 1])
    elif question.preset in ("hidden", "gate"):
        unit = p.get("unit", 0)
        if not 1 <= unit <= H:
            return None
        if question.preset == "hidden":
            value = float(hidden[t - 1, unit - 1])
        else:
            gates = forward.gates
            if p.get("gate") not in gates:
                return None
            value = float(np.asarray(gates[p["gate"]])[t - 1, unit - 1])
    else:
        return None
    return value if math.isfinite(value) else None


def _scored(runs: list) -> list[dict]:
    from rnnlab.pages.compare import run_row

    rows = [run_row(r) for r in runs]
    return [r for r in rows if r["status"] == "completed" and math.isfinite(r["test_mase"])]


def runs_choice(question: Question, runs: list) -> tuple[int, str] | None:
    """(index of the right option, the runs it was judged on) for a preset choice, from the
    session's finished runs, judged by test MASE like Compare's verdict; None without enough runs.

    ``winner`` needs finished runs of at least two of the three cells (the best of each cell
    counts); ``persistence`` reads the newest finished run.
    """
    rows = _scored(runs)
    if question.preset == "winner":
        best: dict[str, dict] = {}
        for r in rows:
            if r["cell"] in CELLS and (r["cell"] not in best or r["test_mase"] < best[r["cell"]]["test_mase"]):
                best[r["cell"]] = r
        if len(best) < 2:
            return None
        winner = min(best.values(), key=lambda r: r["test_mase"])
        return CELLS.index(winner["cell"]), ", ".join(r["name"] for r in best.values())
    if question.preset == "persistence":
        if not rows or not math.isfinite(rows[-1]["vs_persistence"]):
            return None
        newest = rows[-1]
        return (0 if newest["vs_persistence"] > 0 else 1), newest["name"]
    return None


# ----- the answers, pooled -----

def choice_counts(question: Question, answers: list) -> list[int]:
    counts = [0] * len(question.options)
    for a in answers:
        v = question.valid_answer(a)
        if v is not None:
            counts[int(v)] += 1
    return counts


def histogram(values: list[float], truth: float | None = None, bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """(edges, counts) of the answers on a range that also holds the true value.

    At most ``bins`` equal bins; when everyone answered the same number, one bin around it.
    """
    data = np.asarray([v for v in values if math.isfinite(v)], dtype=np.float64)
    span = data if truth is None else np.append(data, truth)
    if span.size == 0:
        return np.array([]), np.array([], dtype=int)
    lo, hi = float(span.min()), float(span.max())
    # a margin on both sides, so that the truth's line and the end bars are not on the frame
    pad = 0.08 * (hi - lo) if hi - lo >= 1e-12 else max(abs(lo) * 0.05, 0.05)
    lo, hi = lo - pad, hi + pad
    n = int(min(bins, max(1, math.ceil(math.sqrt(max(1, data.size))) + 2)))
    edges = np.linspace(lo, hi, n + 1)
    counts, _ = np.histogram(data, bins=edges)
    return edges, counts


def parse_number(text) -> float | None:
    """A number as a student types it, in either language: 0.35, 0,35, -1.234,5, 1e-3, −0,2.

    With both a dot and a comma, the later one is the decimal mark and the other groups
    thousands. None when it is not a finite number within ANSWER_LIMIT.
    """
    s = str(text or "").strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if not s or len(s) > 40:
        return None
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", s):
        return None
    value = float(s)
    return value if math.isfinite(value) and abs(value) <= ANSWER_LIMIT else None
