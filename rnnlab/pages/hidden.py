"""The Hidden states page's logic, without Streamlit: what the student steps through.

- ``make_input``: the sequence fed to the network (a scaled window of the series, or the
  notebook's toy sequence 1, 2, 3, 4, 5);
- ``build_network`` / ``forward_pass``: the from-scratch numpy network (``rnnlab.scratch``)
  with a dense readout at every step, and its full forward trace;
- ``train``: BPTT training on the current series;
- ``step_arithmetic``: one unit's step written out with the real numbers, recomputed here from
  the weights (so it also checks the engine);
- ``pca_path``: the hidden state's path in 2-D;
- ``gradient_profiles`` / ``memory_profiles``: how far back gradients and inputs reach;
- ``verify_against_keras``: the same layer in Keras, same weights, maximum difference.

Nothing here imports TensorFlow except ``verify_against_keras``, inside the function.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from rnnlab.data.windows import Scaler, split_points
from rnnlab.declarations import vocab
from rnnlab.scratch.cells import ACTIVATIONS
from rnnlab.scratch.cells import CELLS as ENGINE_CELLS

CELLS = tuple(ENGINE_CELLS)  # "SimpleRNN", "LSTM", "GRU": the engine's cells, in that order
STAGE_CELLS = CELLS + vocab.MODERN_CELLS  # the stage also steps minGRU and minLSTM
SOURCES = ("series", "toy")
TOY = np.array([1.0, 2.0, 3.0, 4.0, 5.0])  # the notebook's sequence; the next value is 6
# Gate names in the engine's traces, in the order the page shows them (rnnlab.declarations.vocab).
GATE_NAMES = {cell: vocab.gate_names(cell) for cell in vocab.CELLS + vocab.MODERN_CELLS}
# What each Keras column block of Wx, Wh and b computes, in column order (LSTM i, f, c, o; GRU z, r, h).
BLOCK_GATES = {cell: tuple(g.name for g in vocab.blocks(cell)) for cell in vocab.CELLS + vocab.MODERN_CELLS}
MIN_LENGTH = 2
MAX_LENGTH = 200  # longest window the page steps through (its sliders end here)


@dataclass(frozen=True)
class Settings:
    """Everything that defines the network and its input. A change means a new forward pass."""

    cell: str = "LSTM"
    units: int = 8
    activation: str = "tanh"
    seed: int = 0
    source: str = "series"  # "series" or "toy"
    length: int = 50  # window length (series only)
    start: int = 0  # window start in the working series (series only)

    def __post_init__(self):
        if self.cell not in STAGE_CELLS:
            raise ValueError(f"unknown cell {self.cell!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {self.activation!r}")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}")
        if not 1 <= int(self.units) <= 256:
            raise ValueError("units must be between 1 and 256")


@dataclass
class InputSequence:
    """What the network reads, one value per time step, and what it should predict."""

    x: np.ndarray  # (T,) the values fed to the network (scaled for a series, raw for the toy)
    target: np.ndarray  # (T,) the next value after each step, same units as x (NaN if unknown)
    raw: np.ndarray  # (T,) x in the series' original units
    positions: np.ndarray  # (T,) index of each step in the working series (0..T-1 for the toy)
    scaler: Scaler | None  # maps network units back to original units (None: x is raw)

    def to_original(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        return values if self.scaler is None else self.scaler.inverse_transform(values)


def series_fingerprint(values: np.ndarray) -> str:
    """A short id of a series' values: cached results follow the data, not its name."""
    data = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    return hashlib.sha1(data.tobytes()).hexdigest()[:16]


def fit_scaler(values: np.ndarray, val_fraction: float = 0.2, test_fraction: float = 0.2,
               kind: str = "minmax") -> Scaler:
    """Fit on the training part only, like the training pages (no look at the test period)."""
    values = np.asarray(values, dtype=np.float64)
    train_end, _ = split_points(len(values), val_fraction, test_fraction)
    return Scaler(kind).fit(values[: max(train_end, 2)])


def make_input(values: np.ndarray, source: str = "series", length: int = 50, start: int = 0,
               scaler: Scaler | None = None) -> InputSequence:
    """The input sequence: a window of the (scaled) series, or the toy sequence 1..5."""
    if source == "toy":
        x = TOY.copy()
        return InputSequence(x, np.append(x[1:], 6.0), x.copy(), np.arange(len(x)), None)
    values = np.asarray(values, dtype=np.float64)
    if len(values) < MIN_LENGTH:
        raise ValueError(f"the series has {len(values)} values; the page needs at least {MIN_LENGTH}")
    length = int(np.clip(length, MIN_LENGTH, len(values)))
    start = int(np.clip(start, 0, len(values) - length))
    scaler = scaler or fit_scaler(values)
    scaled = scaler.transform(values)
    positions = np.arange(start, start + length)
    x = scaled[positions]
    target = np.full(length, np.nan)
    known = positions + 1 < len(values)
    target[known] = scaled[positions[known] + 1]
    return InputSequence(x, target, values[positions], positions, scaler)


# ---------------------------------------------------------------------------------------------
# One unit's step, written out with the real numbers


def _act(name: str, z: float) -> float:
    return float(np.tanh(z)) if name == "tanh" else float(max(z, 0.0))


def _sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-z)))


@dataclass
class BlockSum:
    """The weighted sum of one gate (or of the candidate) for one unit, and its activation."""

    name: str  # "hidden", "input", "forget", "candidate", "output", "update", "reset"
    x_weight: float  # Wx[0, column]
    x_term: float  # x_t * Wx[0, column]
    h_weights: np.ndarray  # Wh[:, column]
    h_terms: np.ndarray  # h_{t-1} * Wh[:, column], one term per unit
    bias: float  # b[column] (GRU: input bias row)
    recurrent_bias: float = 0.0  # GRU only: b[1, column]
    reset: float | None = None  # GRU candidate only: r_t multiplies the recurrent part
    function: str = "tanh"  # "sigmoid", "tanh" or "relu"
    pre: float = 0.0  # the weighted sum
    value: float = 0.0  # function(pre)

    @property
    def h_sum(self) -> float:
        return float(self.h_terms.sum())


@dataclass
class StepArithmetic:
    """Everything needed to recompute unit ``unit`` at step ``t`` by hand."""

    cell: str
    t: int
    unit: int
    x: float  # x_t
    h_prev: np.ndarray  # h_{t-1} (all units)
    blocks: list[BlockSum]
    c_prev: float | None = None  # LSTM: c_{t-1}[unit]
    c: float | None = None  # LSTM: c_t[unit]
    h_prev_unit: float = 0.0  # h_{t-1}[unit] (GRU keeps part of it)
    h: float = 0.0  # the new state h_t[unit]
    extras: dict = field(default_factory=dict)

    def block(self, name: str) -> BlockSum:
        return next(b for b in self.blocks if b.name == name)


def step_arithmetic(cell: str, params: dict, x: np.ndarray, hidden: np.ndarray, t: int,
                    unit: int, activation: str = "tanh", cell_state: np.ndarray | None = None
                    ) -> StepArithmetic:
    """Recompute h_t[unit] from the weights, x_t and h_{t-1}, keeping every term.

    ``x`` is (T,) or (T, 1); ``hidden`` (T, H) is the trace's hidden state (h_{-1} = 0), and
    ``cell_state`` (T, H) the LSTM's c. Equations and layouts follow Keras: column blocks
    i, f, c, o (LSTM) and z, r, h (GRU, reset_after=True: bias row 0 input, row 1 recurrent).
    """
    x = np.asarray(x, dtype=np.float64).reshape(len(hidden), -1)[:, 0]
    H = hidden.shape[1]
    if cell in vocab.MODERN_CELLS:
        return _minimal_arithmetic(cell, params, x, hidden, t, unit, activation)
    Wx = np.asarray(params["Wx"], dtype=np.float64)
    Wh = np.asarray(params["Wh"], dtype=np.float64)
    b = np.asarray(params["b"], dtype=np.float64)
    h_prev = hidden[t - 1] if t > 0 else np.zeros(H)
    xt = float(x[t])

    def block(k: int, name: str, function: str, bias_row: int | None = None) -> BlockSum:
        col = k * H + unit
        bias = float(b[bias_row, col] if bias_row is not None else b[col])
        terms = h_prev * Wh[:, col]
        return BlockSum(name, float(Wx[0, col]), xt * float(Wx[0, col]), Wh[:, col].copy(),
                        terms, bias, function=function)

    if cell == "SimpleRNN":
        s = block(0, "hidden", activation)
        s.pre = s.x_term + s.h_sum + s.bias
        s.value = _act(activation, s.pre)
        return StepArithmetic(cell, t, unit, xt, h_prev, [s], h_prev_unit=float(h_prev[unit]),
                              h=s.value)

    if cell == "LSTM":
        blocks = []
        for k, name in enumerate(BLOCK_GATES["LSTM"]):
            function = activation if name == "candidate" else "sigmoid"
            s = block(k, name, function)
            s.pre = s.x_term + s.h_sum + s.bias
            s.value = _act(activation, s.pre) if name == "candidate" else _sigmoid(s.pre)
            blocks.append(s)
        i, f, g, o = (s.value for s in blocks)
        c_prev = float(cell_state[t - 1, unit]) if t > 0 else 0.0
        c = f * c_prev + i * g
        h = o * _act(activation, c)
        return StepArithmetic(cell, t, unit, xt, h_prev, blocks, c_prev=c_prev, c=c,
                              h_prev_unit=float(h_prev[unit]), h=h,
                              extras={"act_c": _act(activation, c)})

    if cell == "GRU":
        blocks = []
        for k, name in enumerate(BLOCK_GATES["GRU"]):
            function = activation if name == "candidate" else "sigmoid"
            s = block(k, name, function, bias_row=0)
            s.recurrent_bias = float(b[1, k * H + unit])
            blocks.append(s)
        z, r, cand = blocks
        for s in (z, r):
            s.pre = s.x_term + s.bias + s.h_sum + s.recurrent_bias
            s.value = _sigmoid(s.pre)
        cand.reset = r.value  # reset_after=True: r scales the recurrent product, bias included
        cand.pre = cand.x_term + cand.bias + r.value * (cand.h_sum + cand.recurrent_bias)
        cand.value = _act(activation, cand.pre)
        h = z.value * float(h_prev[unit]) + (1.0 - z.value) * cand.value
        return StepArithmetic(cell, t, unit, xt, h_prev, blocks, h_prev_unit=float(h_prev[unit]),
                              h=h)

    raise ValueError(f"unknown cell {cell!r}")


def _minimal_arithmetic(cell: str, params: dict, x: np.ndarray, hidden: np.ndarray, t: int, unit: int,
                        activation: str) -> StepArithmetic:
    """minGRU / minLSTM: every block reads x_t only (no h_{t-1} terms); then
    h_t = a_t h_{t-1} + b_t (rnnlab.scratch.minimal)."""
    H = hidden.shape[1]
    Wx = np.asarray(params["Wx"], dtype=np.float64)
    b = np.asarray(params["b"], dtype=np.float64)
    h_prev = hidden[t - 1] if t > 0 else np.zeros(H)
    xt = float(x[t])
    blocks = []
    for k, name in enumerate(BLOCK_GATES[cell]):
        col = k * H + unit
        function = activation if name == "candidate" else "sigmoid"
        s = BlockSum(name, float(Wx[0, col]), xt * float(Wx[0, col]), np.zeros(0), np.zeros(0),
                     float(b[col]), function=function)
        s.pre = s.x_term + s.bias
        s.value = _act(activation, s.pre) if name == "candidate" else _sigmoid(s.pre)
        blocks.append(s)
    cand = blocks[-1].value
    if cell == "minGRU":
        z = blocks[0].value
        a, b_t, extras = 1.0 - z, z * cand, {}
    else:
        f, i = blocks[0].value, blocks[1].value
        a, b_t = f / (f + i), i / (f + i) * cand
        extras = {"f_norm": f / (f + i), "i_norm": i / (f + i)}
    h_prev_unit = float(h_prev[unit])
    return StepArithmetic(cell, t, unit, xt, h_prev, blocks, h_prev_unit=h_prev_unit,
                          h=a * h_prev_unit + b_t, extras={**extras, "a": a, "b": b_t})


# ---------------------------------------------------------------------------------------------
# The hidden state's path in 2-D


@dataclass
class PCAPath:
    coords: np.ndarray  # (T, 2)
    explained: np.ndarray  # (2,) fraction of the variance along each axis


def pca_path(hidden: np.ndarray) -> PCAPath:
    """Project h_1..h_T onto their two main directions (scikit-learn PCA).

    A path that barely moves (fewer than 3 steps, or no variance) stays at the origin instead
    of failing: there is nothing to project.
    """
    hidden = np.asarray(hidden, dtype=np.float64)
    T = len(hidden)
    coords = np.zeros((T, 2))
    explained = np.zeros(2)
    if T < 3 or hidden.shape[1] < 1 or np.allclose(hidden.var(axis=0).sum(), 0.0):
        return PCAPath(coords, explained)
    from sklearn.decomposition import PCA

    k = min(2, hidden.shape[1], T)
    pca = PCA(n_components=k).fit(hidden)
    coords[:, :k] = pca.transform(hidden)
    explained[:k] = pca.explained_variance_ratio_
    return PCAPath(coords, explained)


# ---------------------------------------------------------------------------------------------
# Verify against Keras


def verify_against_keras(cell: str, params: dict, x: np.ndarray, hidden: np.ndarray,
                         activation: str = "tanh") -> float:
    """Build the same Keras layer, copy our weights, run it on ``x``: max |Keras - ours|.

    Runs in float64 so that the difference shows the engine's correctness, not float32's
    rounding. Imports TensorFlow (seconds, hundreds of MB): call it only on request.
    """
    import keras

    x = np.asarray(x, dtype=np.float64).reshape(1, len(hidden), -1)
    units = hidden.shape[1]
    from rnnlab.training.minimal_layers import LAYERS

    kinds = {"SimpleRNN": keras.layers.SimpleRNN, "LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU,
             **LAYERS}
    layer = kinds[cell](units, activation=activation, return_sequences=True, dtype="float64")
    layer.build((1, x.shape[1], x.shape[2]))
    names = ("Wx", "b") if cell in LAYERS else ("Wx", "Wh", "b")
    layer.set_weights([np.asarray(params[k], dtype=np.float64) for k in names])
    theirs = np.asarray(layer(x))[0]
    return float(np.max(np.abs(theirs - np.asarray(hidden, dtype=np.float64))))


# ---------------------------------------------------------------------------------------------
# The network: one recurrent layer from rnnlab.scratch + a dense readout at every step

TRAIN_WINDOW = 20  # steps per training sequence (BPTT through 20 steps)
TRAIN_LEARNING_RATE = 0.01
TRAIN_CLIPNORM = 1.0  # keeps relu cells from blowing up in a classroom demo


# The notebook's section-1 RNN: SimpleRNN(1, 10, 1) right after np.random.seed(42), weights
# randn * 0.1 drawn in the order W_xh, W_hh, W_hy, biases zero; on 1..5 it prints 0.0336.
NOTEBOOK_NET = {"cell": "SimpleRNN", "units": 10, "activation": "tanh", "seed": 42}
NOTEBOOK_WEIGHT_SCALE = 0.1


def notebook_weights(network, seed: int) -> None:
    """Give a one-layer SimpleRNN network the notebook's initialisation, drawn from ``seed``:
    ``np.random.seed(seed)`` then W_xh, W_hh, W_hy = randn(...) * 0.1 in that order, zero biases
    (the notebook's ``SimpleRNN.__init__``). With seed 42 and 10 units these are its weights."""
    layer = network.layers[0]
    H = layer.units
    rng = np.random.RandomState(int(seed))  # the legacy generator np.random.seed seeds
    layer.params["Wx"][...] = rng.randn(layer.input_size, H) * NOTEBOOK_WEIGHT_SCALE
    layer.params["Wh"][...] = rng.randn(H, H) * NOTEBOOK_WEIGHT_SCALE
    network.dense["W"][...] = rng.randn(H, network.output_size) * NOTEBOOK_WEIGHT_SCALE
    layer.params["b"][...] = 0.0
    network.dense["b"][...] = 0.0


def uses_notebook_weights(settings: Settings) -> bool:
    """The notebook's sequence read by a SimpleRNN: the notebook's own way of drawing weights."""
    return settings.source == "toy" and settings.cell == "SimpleRNN"


def build_network(settings: Settings):
    """The untrained network for these settings (same settings -> same weights).

    The notebook's sequence with a SimpleRNN gets the notebook's initialisation (see
    ``notebook_weights``), so that SimpleRNN, 10 units, tanh, seed 42 is the notebook's network
    and predicts what it prints; the other cells use Keras' initialisation (the notebook has none).
    """
    from rnnlab.scratch.network import Network

    network = Network.build(settings.cell, int(settings.units), input_size=1,
                            activation=settings.activation, readout="every", seed=int(settings.seed))
    if uses_notebook_weights(settings):
        notebook_weights(network, int(settings.seed))
    return network


@dataclass
class Forward:
    """One forward pass over the input sequence, batch of one."""

    trace: object  # rnnlab.scratch Trace of the recurrent layer
    prediction: np.ndarray  # (T,) readout at each step, network units

    @property
    def hidden(self) -> np.ndarray:
        return self.trace.hidden[0]

    @property
    def gates(self) -> dict[str, np.ndarray]:
        return {name: g[0] for name, g in self.trace.gates.items()}

    @property
    def cell_state(self) -> np.ndarray | None:
        return None if self.trace.cell is None else self.trace.cell[0]


def forward_pass(network, x: np.ndarray) -> Forward:
    """The network's forward pass over one sequence x (T,), with the whole trace kept."""
    out = network.forward(np.asarray(x, dtype=np.float64).reshape(1, -1, 1))
    return Forward(out.layers[0], out.output[0, :, 0].copy())


def window_mse(prediction: np.ndarray, target: np.ndarray) -> float:
    """Mean squared error of the next-value predictions where the next value is known."""
    known = np.isfinite(target)
    if not known.any():
        return float("nan")
    return float(np.mean((prediction[known] - target[known]) ** 2))


# Bounds on "Train with BPTT" (issue 27: a long upload once trained every window of it, in the
# server, for hours): at most MAX_TRAIN_WINDOWS windows, the last ones of the training part, so
# what a training holds is a few thousand numbers whatever the upload; and an estimate of its
# time, refused above the server's limit (RNNLAB_MAX_TRAIN_SECONDS, like Train).
MAX_TRAIN_WINDOWS = 1000
TRAIN_BATCH = 16
# Seconds per time step of one batch of 16 windows, forward and backward, measured on this
# server's 2 shared cores at a load average of 4.5 (bench/bench_hidden_training.py --estimate):
# a fixed cost per step (Python around small products) plus a cost per unit. At a load of 25
# (eight sessions training at once) the same trainings took 3-7 times longer.
STEP_SECONDS = {"SimpleRNN": 50e-6, "LSTM": 85e-6, "GRU": 80e-6}
STEP_SECONDS_PER_UNIT = {"SimpleRNN": 0.8e-6, "LSTM": 8e-6, "GRU": 9.5e-6}


@dataclass
class TrainingData:
    """What "Train with BPTT" trains on: ``values`` (scaled), cut into overlapping windows of
    ``window`` steps, each followed by its next value. The windows are views of ``values``
    (nothing is copied but the batch being trained)."""

    values: np.ndarray  # (windows + window,) the scaled values trained on
    window: int  # steps per training sequence
    available: int  # windows the whole training part holds (``windows`` are its last ones)

    @property
    def windows(self) -> int:
        return len(self.values) - self.window

    @property
    def X(self) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(self.values, self.window + 1)[:, :-1, None]

    @property
    def y(self) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(self.values, self.window + 1)[:, 1:]


def training_data(values: np.ndarray, source: str, scaler: Scaler | None,
                  val_fraction: float = 0.2, test_fraction: float = 0.2,
                  max_windows: int = MAX_TRAIN_WINDOWS) -> TrainingData:
    """The sequences "Train with BPTT" uses: the loss is at every step.

    Series: overlapping windows of the training part only (scaled), so the test period stays
    unseen; at most ``max_windows`` of them, the last ones (next to the validation part).
    Toy: the notebook's single example 1..5 -> 2..6.
    """
    if source == "toy":
        return TrainingData(np.append(TOY, 6.0), len(TOY), 1)
    values = np.asarray(values, dtype=np.float64)
    train_end, _ = split_points(len(values), val_fraction, test_fraction)
    window = min(TRAIN_WINDOW, train_end - 1)
    if window < 1:
        raise ValueError("the training part of the series is too short to train on")
    available = train_end - window
    used = min(available, int(max_windows))
    part = values[train_end - used - window: train_end]  # only these are scaled (a copy)
    return TrainingData(np.ascontiguousarray(scaler.transform(part)), window, available)


def training_sequences(values: np.ndarray, source: str, scaler: Scaler | None,
                       val_fraction: float = 0.2, test_fraction: float = 0.2
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Sequences X (N, L, 1) and their next values y (N, L) of ``training_data`` (views)."""
    data = training_data(values, source, scaler, val_fraction, test_fraction)
    return data.X, data.y


def estimate_train_seconds(cell: str, units: int, windows: int, window: int, epochs: int) -> float:
    """Seconds "Train with BPTT" should take here: batches x steps x the measured cost of a step."""
    batches = -(-int(windows) // TRAIN_BATCH)
    # a cell not measured yet (a new kind on the stage) is costed like the dearest one
    per_step = (STEP_SECONDS.get(cell, max(STEP_SECONDS.values()))
                + STEP_SECONDS_PER_UNIT.get(cell, max(STEP_SECONDS_PER_UNIT.values())) * int(units))
    return float(int(epochs) * batches * int(window) * per_step)


def train_problems(cell: str, units: int, data: TrainingData, epochs: int) -> list:
    """Why this training is refused (a list of Messages; empty: it may start)."""
    from rnnlab.declarations.messages import Message
    from rnnlab.i18n.numbers import Seconds
    from rnnlab.training.estimate import max_train_seconds

    limit = max_train_seconds()
    estimate = estimate_train_seconds(cell, units, data.windows, data.window, epochs)
    if limit <= 0 or estimate <= limit:
        return []
    fit = max(0, int(limit / (estimate / max(1, int(epochs)))))
    return [Message("hidden.too_slow", {"estimate": Seconds(estimate), "limit": Seconds(limit),
                                        "epochs": fit})]


def train_network(network, X: np.ndarray, y: np.ndarray, epochs: int = 60, seed: int = 0,
                  on_epoch=None, should_stop=None):
    """Adam + BPTT with rnnlab.scratch's trainer; trains ``network`` in place (returns TrainResult)."""
    from rnnlab.scratch.trainer import train

    return train(network, X, y, epochs=int(epochs), batch_size=TRAIN_BATCH, optimizer="adam",
                 learning_rate=TRAIN_LEARNING_RATE, clipnorm=TRAIN_CLIPNORM, seed=int(seed),
                 on_epoch=on_epoch, should_stop=should_stop)


def train_on(network, data: TrainingData, epochs: int = 60, seed: int = 0, on_epoch=None,
             should_stop=None):
    """``train_network`` on ``data``'s windows; returns (network, TrainResult): the training
    worker sends both back (the network was trained in its process)."""
    result = train_network(network, data.X, data.y, epochs=epochs, seed=seed, on_epoch=on_epoch,
                           should_stop=should_stop)
    return network, result


# ---------------------------------------------------------------------------------------------
# The step's arithmetic as LaTeX lines and a table


def _n(v: float, lang: str = "en") -> str:
    """A number for LaTeX: 4 decimals (a decimal comma in Spanish, written 0{,}0653), negative
    numbers in brackets so signs read clearly."""
    text = _d(v, lang)
    return f"({text})" if v < 0 else text


def _d(v: float, lang: str = "en") -> str:
    """4 decimals for LaTeX in ``lang``, without brackets."""
    from rnnlab.i18n.numbers import fmt_tex

    return fmt_tex(float(v), lang, decimals=4, group=False)


_FUNCTION = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{relu}"}


def block_latex(s: BlockSum, cell: str, unit: int, lang: str = "en") -> str:
    """'z = x w + sum h W + b = numbers = value;  gate = f(z) = value' for one block."""
    symbol = vocab.gate(cell, s.name).tex
    j = unit + 1
    x_part = rf"x_t\,w^{{x}}_{{{j}}}"
    h_part = rf"\textstyle\sum_k h_{{t-1,k}}\,W^{{h}}_{{k{j}}}"
    if cell in vocab.MODERN_CELLS:  # no recurrent part: the gates read x_t only
        formula = rf"a &= {x_part} + b_{{{j}}}"
        numbers = rf"{_n(s.x_term, lang)} + {_n(s.bias, lang)}"
    elif cell == "GRU" and s.name == "candidate":
        formula = rf"a &= {x_part} + b^{{x}}_{{{j}}} + r_t\,\big({h_part} + b^{{h}}_{{{j}}}\big)"
        numbers = (rf"{_n(s.x_term, lang)} + {_n(s.bias, lang)} + {_d(s.reset, lang)}\cdot\big({_n(s.h_sum, lang)} + "
                   rf"{_n(s.recurrent_bias, lang)}\big)")
    elif cell == "GRU":
        formula = rf"a &= {x_part} + b^{{x}}_{{{j}}} + {h_part} + b^{{h}}_{{{j}}}"
        numbers = rf"{_n(s.x_term, lang)} + {_n(s.bias, lang)} + {_n(s.h_sum, lang)} + {_n(s.recurrent_bias, lang)}"
    else:
        formula = rf"a &= {x_part} + {h_part} + b_{{{j}}}"
        numbers = rf"{_n(s.x_term, lang)} + {_n(s.h_sum, lang)} + {_n(s.bias, lang)}"
    return (rf"\begin{{aligned}}{formula}\\ &= {numbers}\\ &= {_d(s.pre, lang)}\\[4pt]"
            rf"{symbol} &= {_FUNCTION[s.function]}({_d(s.pre, lang)}) = {_d(s.value, lang)}\end{{aligned}}")


def state_latex(ar: StepArithmetic, activation: str, lang: str = "en") -> str:
    """How the new state is assembled from the blocks (LSTM, GRU) or just h_t (SimpleRNN)."""
    act = _FUNCTION[activation]
    if ar.cell == "LSTM":
        i, f, g, o = (ar.block(n).value for n in BLOCK_GATES["LSTM"])
        return (rf"\begin{{aligned}}c_t &= f_t\,c_{{t-1}} + i_t\,g_t = {_d(f, lang)}\cdot{_n(ar.c_prev, lang)}"
                rf" + {_d(i, lang)}\cdot{_n(g, lang)} = {_d(ar.c, lang)}\\ h_t &= o_t\,{act}(c_t) = "
                rf"{_d(o, lang)}\cdot{_n(ar.extras['act_c'], lang)} = {_d(ar.h, lang)}\end{{aligned}}")
    if ar.cell == "GRU":
        z, cand = ar.block("update").value, ar.block("candidate").value
        return (rf"h_t = z_t\,h_{{t-1}} + (1 - z_t)\,\tilde{{h}}_t = {_d(z, lang)}\cdot{_n(ar.h_prev_unit, lang)}"
                rf" + {_d(1 - z, lang)}\cdot{_n(cand, lang)} = {_d(ar.h, lang)}")
    if ar.cell == "minGRU":
        z, cand = ar.block("update").value, ar.block("candidate").value
        return (rf"\begin{{aligned}}a_t &= 1 - z_t = {_d(ar.extras['a'], lang)}, \quad b_t = z_t\,\tilde{{h}}_t = "
                rf"{_d(z, lang)}\cdot{_n(cand, lang)} = {_n(ar.extras['b'], lang)}\\ h_t &= a_t\,h_{{t-1}} + b_t = "
                rf"{_d(ar.extras['a'], lang)}\cdot{_n(ar.h_prev_unit, lang)} + {_n(ar.extras['b'], lang)} = "
                rf"{_d(ar.h, lang)}\end{{aligned}}")
    if ar.cell == "minLSTM":
        f, i = ar.block("forget").value, ar.block("input").value
        cand = ar.block("candidate").value
        return (rf"\begin{{aligned}}f'_t &= \frac{{f_t}}{{f_t + i_t}} = \frac{{{_d(f, lang)}}}{{{_d(f, lang)} + "
                rf"{_d(i, lang)}}} = {_d(ar.extras['f_norm'], lang)}, \quad i'_t = 1 - f'_t = "
                rf"{_d(ar.extras['i_norm'], lang)}\\ h_t &= f'_t\,h_{{t-1}} + i'_t\,\tilde{{h}}_t = "
                rf"{_d(ar.extras['f_norm'], lang)}\cdot{_n(ar.h_prev_unit, lang)} + {_d(ar.extras['i_norm'], lang)}"
                rf"\cdot{_n(cand, lang)} = {_d(ar.h, lang)}\end{{aligned}}")
    return rf"h_t = {_d(ar.h, lang)}"


def recurrent_terms(ar: StepArithmetic, block: str):
    """The terms of sum_k h_{t-1,k} W_kj of one block as a table (k from 1), to check by hand."""
    import pandas as pd

    s = ar.block(block)
    return pd.DataFrame({"k": np.arange(1, len(s.h_terms) + 1), "h": ar.h_prev,
                         "w": s.h_weights, "product": s.h_terms})


# ---------------------------------------------------------------------------------------------
# Gradients through time and the memory probe, for the three cells side by side

PROBE_UNITS = 16
PROBE_EPS = 1e-3


def probe_cells(radius: float, units: int = PROBE_UNITS, seed: int = 0,
                activation: str = "tanh") -> dict:
    """One untrained cell of each kind, every recurrent block scaled to spectral radius ``radius``."""
    from rnnlab.scratch.analysis import with_spectral_radius

    return {name: with_spectral_radius(ENGINE_CELLS[name](1, units, seed=seed, activation=activation),
                                       radius) for name in CELLS}


def gradient_profiles(x: np.ndarray, cells: dict) -> dict[str, np.ndarray]:
    """||dh_T/dh_t|| indexed by the distance back T - t (0 = the last step), per cell."""
    from rnnlab.scratch.analysis import jacobian_norms

    x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    return {name: jacobian_norms(cell, x)[::-1].copy() for name, cell in cells.items()}


def memory_profiles(x: np.ndarray, cells: dict, eps: float = PROBE_EPS) -> dict[str, np.ndarray]:
    """||change of h_T|| when x_{T-k} is nudged by eps, for k = 0..T-1, per cell."""
    from rnnlab.scratch.analysis import memory_probe

    x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    return {name: memory_probe(cell, x, eps=eps) for name, cell in cells.items()}


# Trained beside untrained: the probe cells trained on the series first (issue 26: the untrained
# GRU vanishing fastest, shown alone, told students the opposite of what gates do once trained).
PROBE_EPOCHS = 40
PROBE_WINDOWS = 100  # the last training windows: bounded work (about 2 s for the three cells)


def train_probe_cells(cells: dict, data: TrainingData, epochs: int = PROBE_EPOCHS,
                      seed: int = 0) -> dict:
    """Each probe cell, copied and trained (BPTT, Adam, a readout at every step) on ``data``:
    {name: (trained cell, TrainResult)}."""
    from rnnlab.scratch.network import Network

    out = {}
    for name, cell in cells.items():
        network = Network([cell.copy()], readout="every", seed=seed)
        _, result = train_on(network, data, epochs=epochs, seed=seed)
        out[name] = (network.layers[0], result)
    return out


def probe_gradients(x: np.ndarray, radius: float, data: TrainingData,
                    epochs: int = PROBE_EPOCHS) -> dict:
    """The gradient profiles of the probe cells, untrained and trained on ``data``:
    {"untrained": {cell: norms}, "trained": {cell: norms}, "loss": {cell: (first, last)}}."""
    cells = probe_cells(radius)
    trained = train_probe_cells(cells, data, epochs)
    return {"untrained": gradient_profiles(x, cells),
            "trained": gradient_profiles(x, {name: cell for name, (cell, _) in trained.items()}),
            "loss": {name: (result.history["loss"][0], result.history["loss"][-1])
                     if result.history["loss"] else (float("nan"), float("nan"))
                     for name, (_, result) in trained.items()}}
