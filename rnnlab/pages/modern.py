"""The Modern recurrences page's logic: the unified form, the scan's tree, the shipped timing,
and the task a minimal recurrence cannot do (the running parity of a bit stream).

Never imports TensorFlow or streamlit: the parity task trains the numpy engine.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rnnlab.scratch import GRU, LSTM, MinGRU, MinLSTM
from rnnlab.scratch.scan import scan_tree
from rnnlab.scratch.trainer import Adam, clip_by_global_norm

TIMING_FILE = Path(__file__).resolve().parents[1] / "datasets" / "scan_timing.json"

# The equations the code uses (rnnlab/scratch/minimal.py), in LaTeX, symbols as on Concepts.
UNIFIED = r"h_t = a_t \odot h_{t-1} + b_t"
# One short line each: a phone shows about 30 characters of formula.
EQUATIONS = {
    "minGRU": (r"z_t = \sigma(x_t W_z + b_z)",
               r"\tilde h_t = g(x_t W_h + b_h)",
               r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t",
               r"a_t = 1 - z_t, \quad b_t = z_t \odot \tilde h_t"),
    "minLSTM": (r"f_t = \sigma(x_t W_f + b_f), \quad i_t = \sigma(x_t W_i + b_i)",
                r"\tilde h_t = g(x_t W_h + b_h)",
                r"f'_t = \frac{f_t}{f_t + i_t}, \quad i'_t = \frac{i_t}{f_t + i_t}",
                r"h_t = f'_t \odot h_{t-1} + i'_t \odot \tilde h_t",
                r"a_t = f'_t, \quad b_t = i'_t \odot \tilde h_t"),
}
G_ACTIVATION = r"g(v) = \begin{cases} v + \tfrac12 & v \ge 0 \\ \sigma(v) & v < 0 \end{cases}"
COMPOSE = r"(a_1, b_1) \circ (a_2, b_2) = (a_2 a_1,\; a_2 b_1 + b_2)"

REFERENCES = {
    "feng": "Feng, Tung, Ahmed, Bengio, Hajimirsadegh (2024). Were RNNs All We Needed? "
            "arXiv:2410.01201",
    "grazzi": "Grazzi, Siems, Franke, Zela, Hutter, Pontil (2025). Unlocking State-Tracking in "
              "Linear RNNs Through Negative Eigenvalues. ICLR 2025, arXiv:2411.12537",
    "heinsen": "Heinsen (2023). Efficient Parallelization of a Ubiquitous Sequential "
               "Computation. arXiv:2311.06281",
    "blelloch": "Blelloch (1990). Prefix Sums and Their Applications. CMU-CS-90-190",
}

MINIMAL = ("minGRU", "minLSTM")
ENGINE = {"minGRU": MinGRU, "minLSTM": MinLSTM, "GRU": GRU, "LSTM": LSTM}


# --- the scan's tree against the loop's chain ------------------------------------------------------


def tree_rounds(steps: int) -> list[dict]:
    """The rounds of the numpy scan on `steps` elements (rnnlab.scratch.scan.scan_tree)."""
    return scan_tree(steps)


def depth_summary(steps: int) -> dict:
    """Rounds of dependent work: the loop's T steps against the scan's rounds, and the combines."""
    rounds = scan_tree(steps)
    return {"steps": steps, "loop_rounds": steps, "scan_rounds": len(rounds),
            "combines": sum(len(r["pairs"]) for r in rounds), "loop_combines": max(0, steps - 1)}


# --- the shipped timing ------------------------------------------------------------------------------


def load_timing(path: Path | None = None) -> dict | None:
    """What bench/bench_scan.py measured (None if the file is missing or unreadable)."""
    try:
        data = json.loads(Path(path or TIMING_FILE).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("numpy"):
        return None
    return data


def numpy_curves(timing: dict, units: int, what: str = "train", clock: str = "wall") -> dict[str, tuple[list, list]]:
    """mode -> (T values, seconds) for the numpy MinGRU at `units` ("forward" or "train"),
    wall time or ("cpu") this process's CPU time."""
    rows = sorted((r for r in timing["numpy"] if r["units"] == units), key=lambda r: r["T"])
    key = "{mode}_{what}_cpu_s" if clock == "cpu" else "{mode}_{what}_s"
    return {mode: ([r["T"] for r in rows], [r[key.format(mode=mode, what=what)] for r in rows])
            for mode in ("loop", "scan", "log")}


def keras_curves(timing: dict, clock: str = "wall") -> dict[str, tuple[list, list]]:
    """name -> (T values, seconds of one training step), wall time or ("cpu") CPU time."""
    rows = sorted(timing.get("keras") or [], key=lambda r: r["T"])
    suffix = "_step_cpu_s" if clock == "cpu" else "_step_s"
    names = ("minGRU_scan", "minGRU_loop", "GRU", "LSTM")
    return {name: ([r["T"] for r in rows], [r[f"{name}{suffix}"] for r in rows])
            for name in names if rows and f"{name}{suffix}" in rows[0]}


def crossover(xs: list, fast: list, slow: list) -> int | None:
    """The first T from which `fast` stays quicker than `slow` to the end (None: never)."""
    start = None
    for x, f, s in zip(xs, fast, slow, strict=True):
        start = (x if start is None else start) if f < s else None
    return start


# --- where they fail: the running parity of a bit stream ------------------------------------------


def parity_data(samples: int, steps: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random bits x (samples, steps, 1) in {0, 1} and, at every step, the parity so far (0/1)."""
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2, size=(samples, steps, 1))
    return bits.astype(np.float64), (np.cumsum(bits, axis=1) % 2).astype(np.float64)


@dataclass
class ParityResult:
    cell: str
    units: int
    epochs: int
    loss: list[float]  # mean cross-entropy per epoch
    accuracy: list[float]  # per epoch, on the held-out sequences, every step
    long_accuracy: float  # on held-out sequences 4 times longer than in training
    long_by_step: list[float]  # the same, at each step 1..4T
    seconds: float
    steps: int  # the training length T


def _sigmoid(v: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * v))


def _readout(cell, x, w, c):
    trace = cell.forward(x)
    return trace, _sigmoid(trace.hidden @ w + c)


def _accuracy(prob: np.ndarray, target: np.ndarray) -> float:
    return float(np.mean((prob[..., 0] > 0.5) == (target[..., 0] > 0.5)))


def train_parity(cell: str, units: int = 16, steps: int = 12, samples: int = 256, epochs: int = 60,
                 batch: int = 32, learning_rate: float = 0.02, seed: int = 0,
                 time_limit: float = 8.0) -> ParityResult:
    """Train `cell` (numpy engine) + a logistic readout on every step's parity of random bits.

    Cross-entropy on every step, Adam, global-norm clipping at 1; accuracy on 256 new
    sequences of the same length, and on 64 sequences 4 times longer (the same weights).
    Stops early at `time_limit` seconds (the epochs it ran are in the result).
    """
    if cell not in ENGINE:
        raise ValueError(f"cell must be one of {tuple(ENGINE)}, not {cell!r}")
    rng = np.random.default_rng(seed)
    net = ENGINE[cell](1, units, seed=seed)
    w = rng.normal(scale=1.0 / np.sqrt(units), size=(units, 1))
    c = np.zeros(1)
    x, y = parity_data(samples, steps, seed=seed)
    x_test, y_test = parity_data(256, steps, seed=seed + 1)
    x_long, y_long = parity_data(64, 4 * steps, seed=seed + 2)
    optimizer = Adam(learning_rate)
    losses, accuracies = [], []
    start = time.perf_counter()
    for _ in range(epochs):
        order = rng.permutation(samples)
        total = 0.0
        for lo in range(0, samples, batch):
            idx = order[lo:lo + batch]
            trace, prob = _readout(net, x[idx], w, c)
            target = y[idx]
            eps = 1e-12
            total += float(-np.sum(target * np.log(prob + eps) + (1 - target) * np.log(1 - prob + eps)))
            d_logit = (prob - target) / target.size  # mean cross-entropy through a sigmoid
            grads = net.backward(trace, d_logit @ w.T)
            step = {name: grads[name] for name in net.params}
            step["w"] = trace.hidden.reshape(-1, units).T @ d_logit.reshape(-1, 1)
            step["c"] = d_logit.sum(axis=(0, 1))
            clip_by_global_norm(step, 1.0)
            optimizer.step({**net.params, "w": w, "c": c}, step)
        losses.append(total / y.size)
        accuracies.append(_accuracy(_readout(net, x_test, w, c)[1], y_test))
        if time.perf_counter() - start > time_limit:
            break
    prob_long = _readout(net, x_long, w, c)[1]
    right = (prob_long[..., 0] > 0.5) == (y_long[..., 0] > 0.5)
    return ParityResult(cell, units, len(losses), losses, accuracies, float(right.mean()),
                        [float(v) for v in right.mean(axis=0)], time.perf_counter() - start, steps)
