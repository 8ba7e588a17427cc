"""The linear recurrence h_t = a_t * h_{t-1} + b_t, computed three ways, all in plain numpy.

minGRU, minLSTM, linear recurrent units and diagonal state-space models share this form; a_t and
b_t depend on the input only, never on h_{t-1}. Each step is the affine map h -> a_t h + b_t,
and composing two such maps gives another one:

    (a1, b1) then (a2, b2)  =  (a2 a1, a2 b1 + b2)

an associative operation, so all T prefixes can be computed in about 2 log2(T) rounds of
independent combinations (a parallel scan) instead of T dependent steps (the loop).

- `loop`: the T dependent steps, as a recurrent cell runs.
- `scan`: the log-depth associative scan (the odd-even scheme of Blelloch 1990 / Ladner-Fischer,
  as in `jax.lax.associative_scan`), written out with numpy slices; any T, not only powers of
  two. Each round is one vectorised numpy operation over all the pairs it combines.
- `log`: the log-space form of Heinsen (2023) that Feng et al. (2024) use for stability:
  log h_t = a*_t + logcumsumexp(log b_k - a*_k) with a*_t = cumsum(log a). The paper keeps h
  positive; here b may have either sign: its positive and negative parts go through separately
  and h = exp(P) - exp(N). numpy's cumsum and logaddexp.accumulate run sequentially in C: the
  form is parallel on a GPU, not here.

Arrays are time-major: a, b of shape (T, ...), h0 of shape (...).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

MODES = ("loop", "scan", "log")

Elements = tuple[np.ndarray, ...]


def associative_scan(combine: Callable[[Elements, Elements], Elements], elems: Elements) -> Elements:
    """Inclusive scan of `elems` (a tuple of arrays sharing their leading axis) under `combine`.

    `combine(earlier, later)` must be associative and vectorised: it gets two tuples of arrays
    of equal leading length and combines them element by element. Depth: about 2 log2(T)
    calls of `combine`; work: about 2 T combinations.
    """
    steps = len(elems[0])
    if steps < 2:
        return elems
    half = steps // 2
    # Round up: each pair (0,1), (2,3), ... becomes one element (its composed map).
    pairs = combine(tuple(e[0 : 2 * half : 2] for e in elems), tuple(e[1 : 2 * half : 2] for e in elems))
    odd = associative_scan(combine, pairs)  # the prefixes ending at 1, 3, 5, ...
    # Round down: the prefixes ending at 2, 4, ... = (prefix ending one before) then (element).
    rest = (steps - 1) // 2
    even = combine(tuple(o[:rest] for o in odd), tuple(e[2::2] for e in elems)) if rest else None
    out = []
    for k, e in enumerate(elems):
        full = np.empty_like(e, dtype=np.result_type(e, odd[k]))
        full[0] = e[0]
        full[1::2] = odd[k]
        if even is not None:
            full[2::2] = even[k]
        out.append(full)
    return tuple(out)


def compose(earlier: Elements, later: Elements) -> Elements:
    """(a1, b1) then (a2, b2) = (a2 a1, a2 b1 + b2): the affine maps h -> a h + b composed."""
    a1, b1 = earlier
    a2, b2 = later
    return a2 * a1, a2 * b1 + b2


def linear_scan(a: np.ndarray, b: np.ndarray, h0: np.ndarray, mode: str = "loop") -> np.ndarray:
    """Every h_t of h_t = a_t * h_{t-1} + b_t, shape (T, ...), from h0 (...), by `mode`."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape or a.shape[1:] != np.shape(h0):
        raise ValueError(f"a {a.shape}, b {b.shape} and h0 {np.shape(h0)} do not match")
    if mode == "loop":
        return _loop(a, b, h0)
    if mode == "scan":
        prefix_a, prefix_b = associative_scan(compose, (a, b))
        return prefix_a * h0 + prefix_b  # h_t = (a_t...a_1) h0 + (the b's carried to t)
    return _log_space(a, b, h0)


def _loop(a: np.ndarray, b: np.ndarray, h0: np.ndarray) -> np.ndarray:
    h = np.empty(a.shape, np.result_type(a, b, h0))
    state = h0
    for t in range(len(a)):
        state = a[t] * state + b[t]
        h[t] = state
    return h


def _log_space(a: np.ndarray, b: np.ndarray, h0: np.ndarray) -> np.ndarray:
    """Heinsen's form, with h0 as the value at step 0 and the sign of b handled by two parts."""
    if np.any(a <= 0):
        raise ValueError("the log-space form needs a_t > 0 (gates strictly between 0 and 1)")
    dtype = np.result_type(a, b, h0)
    values = np.concatenate([np.asarray(h0, dtype)[None], b], axis=0)
    log_a = np.concatenate([np.zeros((1, *a.shape[1:]), dtype), np.log(a)], axis=0)
    a_star = np.cumsum(log_a, axis=0)  # log of a_t...a_1 (0 at step 0)
    with np.errstate(divide="ignore"):
        log_pos = np.log(np.maximum(values, 0.0))  # -inf where a value is not positive
        log_neg = np.log(np.maximum(-values, 0.0))
    pos = np.logaddexp.accumulate(log_pos - a_star, axis=0) + a_star
    neg = np.logaddexp.accumulate(log_neg - a_star, axis=0) + a_star
    return (np.exp(pos) - np.exp(neg))[1:]


def reverse_linear_scan(a: np.ndarray, d_out: np.ndarray, mode: str = "loop") -> np.ndarray:
    """The gradient recurrence of backward: g_t = d_out_t + a_{t+1} g_{t+1}, g_{T+1} = 0.

    It is the same linear recurrence run backwards in time, so it takes the same three modes.
    Returns g (T, ...): dL/dh_t counting every path from h_t to the loss.
    """
    steps = len(a)
    carried = np.empty_like(a)  # coefficient, in reversed time, multiplying the previous g
    carried[0] = 0.0
    carried[1:] = a[:0:-1]  # a_T, ..., a_2 (0-based a[T-1], ..., a[1])
    if mode == "log":  # a may be 0 where truncation cuts the flow: not allowed in log space
        mode = "scan" if np.any(carried[1:] <= 0) else mode
        carried[0] = 1.0 if mode == "log" else 0.0  # times g_{T+1} = 0: any positive value
    zero = np.zeros(a.shape[1:], np.result_type(a, d_out))
    g = linear_scan(carried, d_out[::-1], zero, mode)
    return g[::-1] if steps else g


def scan_tree(steps: int) -> list[dict]:
    """The rounds the `scan` mode runs on a sequence of `steps` elements, in order.

    Runs `associative_scan` itself on spans (first, last) of the sequence, so what it lists is
    what the scan does. Each round: {"phase": "up" | "down", "pairs": [((l0, l1), (r0, r1)), ...]}
    combining the prefix or block l0..l1 with r0..r1 into l0..r1 (0-based, inclusive).
    """
    if steps < 1:
        raise ValueError("steps must be at least 1")
    rounds: list[dict] = []

    def combine(earlier: Elements, later: Elements) -> Elements:
        pairs = [((int(a0), int(a1)), (int(b0), int(b1)))
                 for a0, a1, b0, b1 in zip(*earlier, *later, strict=True)]
        rounds.append({"pairs": pairs})
        return earlier[0], later[1]

    index = np.arange(steps)
    associative_scan(combine, (index, index))
    # The calls come as: round-ups from the finest level inward, then round-downs outward.
    ups = _count_up_rounds(steps)
    for k, r in enumerate(rounds):
        r["phase"] = "up" if k < ups else "down"
    return rounds


def _count_up_rounds(steps: int) -> int:
    count = 0
    while steps >= 2:
        count += 1
        steps //= 2
    return count
