"""The live values a scene's text names: their kinds, parameters, resolvers, writing and targets.

A scene's text marks a value with ``{name}``; the scene declares ``values: {name: ref}`` where
``ref = {"kind": one of VALUE_KINDS, ...its params}``. Each kind declares here

- its parameters (rnnlab.declarations.controls specs: the same checks the pages' controls use) and which are
  required (the others take the spec's default);
- a resolver that computes it from the engine, on the scene's own state (``Context``): the
  Hidden states forward pass of the scene's network, the scene's series and split, the reader's
  last run (pure numpy / rnnlab objects; no streamlit, no TensorFlow);
- how it is written (``style``: a number with 4 significant digits as the pages write them, a
  whole number, a percentage), in the reader's language (rnnlab.i18n.numbers);
- its ``target``: the id of the element the player highlights when the reader hovers or focuses
  the value (``data-rnnlab-target="<id>"``).

Targets (the player and the offline file draw these ids):

- ``stage:gate:<gate>:<unit>``, ``stage:hidden:<unit>``, ``stage:cell:<unit>``, ``stage:input``,
  ``hidden:prediction``: the Hidden states stage (gate bars, heat map row, input chart);
- ``hidden:gradients:<cell>``: that cell's panel of the gradient-through-time chart;
- ``compare:cell:<cell>``: that cell's rows on Compare (its runs table, its charts);
- ``train:metric:<metric>``: the Train page's metrics table (the model's row);
  ``train:baseline:<method>``: the baseline's row (persistence, linear); ``train:params``;
- ``data:chart``, ``data:split:<part>``, ``data:windows:<part>``, ``data:scaler:<stat>``:
  the Data page's chart, split, window explorer and scaler table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from rnnlab.data.windows import SPLITS
from rnnlab.declarations.controls import Choice, Control, Int
from rnnlab.pages import hidden as hd

ALL_GATES = tuple(dict.fromkeys(g for names in hd.GATE_NAMES.values() for g in names))
METRICS = ("mase", "rmse", "mae", "mse")
PARTS = SPLITS  # train, val, test
WINDOW_PARTS = SPLITS + ("all",)
STATS = ("min", "max", "mean", "std")
BASELINE_METHODS = ("persistence", "linear")  # the Train page's yardsticks (rnnlab.forecasting.baselines)
STYLES = ("number", "int", "percent")
VALUE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
MARK = re.compile(r"\{([a-z][a-z0-9_]{0,30})\}")  # a value in a scene's text: {name}
_t = Int(1, hd.MAX_LENGTH, default=1)
_unit = Int(1, 64, default=1)


# ----- the scene's state -----

@dataclass
class Context:
    """What a scene's values are computed on.

    ``values``: the working series (range applied); ``split``: val_fraction, test_fraction,
    lookback, scaler; ``settings``: every control's value (widget key -> value); ``run``: the
    reader's last run (an rnnlab.training.Run, or None before any). ``stage``: optionally the
    (InputSequence, Forward) the page's stage shows now (a trained network, say); without it the
    stage's pass is computed from the settings, as the page computes its untrained network.
    """

    values: np.ndarray
    split: dict
    settings: dict
    run: object | None = None
    stage: tuple | None = None
    runs: tuple = ()  # the reader's finished runs, oldest first (Compare's table); run is the newest
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def cached(self, key, build: Callable):
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def setting(self, key: str):
        from rnnlab.pages.page_controls import lookup

        spec = lookup(key)
        value = self.settings.get(key, spec.default if spec is not None else None)
        return value if spec is None or spec.valid(value) else spec.default


def default_split() -> dict:
    from rnnlab.pages.page_controls import DATA

    return {"val_fraction": DATA["data_val"].default, "test_fraction": DATA["data_test"].default,
            "lookback": DATA["data_lookback"].default, "scaler": DATA["data_scaler"].default}


def source_values(source: dict, lang: str = "en") -> np.ndarray:
    """The series a scene's data source names (float64, 1-D)."""
    from rnnlab import data as rdata

    kind = source["kind"]
    if kind == "notebook":
        return rdata.notebook_series()
    if kind == "noisy_sine":
        return rdata.noisy_sine(n=int(source["n"]), periods=float(source["periods"]),
                                noise=float(source["noise"]), seed=int(source["seed"]))
    if kind == "builtin":
        from rnnlab import datasets

        return np.asarray(datasets.load(source["name"], lang).values, dtype=np.float64)
    return np.asarray(source["values"], dtype=np.float64)


def context(scene, reader: Context | None = None) -> Context:
    """The state ``scene`` shows: its own series, split and settings over the reader's
    (``reader``, or the app's defaults: the notebook's series and every control's default)."""
    values = reader.values if reader is not None else None
    split = {**default_split(), **(reader.split if reader is not None else {})}
    data = scene.data
    if data is not None:
        values = source_values(data["source"])
        if data.get("range"):
            start, stop, step = data["range"]
            values = values[start:stop:step]
        split.update(data.get("split") or {})
    if values is None:
        from rnnlab.data import notebook_series

        values = notebook_series()
    settings = {**(reader.settings if reader is not None else {}), **scene.settings}
    stage = reader.stage if reader is not None and data is None and not _stage_keys(scene) else None
    return Context(np.asarray(values, dtype=np.float64), split, settings,
                   reader.run if reader is not None else None, stage,
                   tuple(reader.runs) if reader is not None else ())


STAGE_SETTINGS = ("hidden_cell", "hidden_units", "hidden_activation", "hidden_seed", "hidden_source",
                  "hidden_length", "hidden_start", "hidden_show_trained")  # what the stage's pass reads


def _stage_keys(scene) -> bool:
    """Does the scene set its own stage (then the reader's current pass is not it)?"""
    return any(key in scene.settings for key in STAGE_SETTINGS)


# ----- the engine's numbers -----

def stage_settings(ctx: Context) -> hd.Settings:
    """The Hidden states network of the context (the page's settings, as the page reads them)."""
    values = ctx.values
    source = ctx.setting("hidden_source")
    if source == "series" and len(values) < hd.MIN_LENGTH:
        source = "toy"  # the page falls back to the notebook's sequence
    length = int(min(ctx.setting("hidden_length"), len(values))) if source == "series" else len(hd.TOY)
    start = int(min(ctx.setting("hidden_start"), max(0, len(values) - length))) if source == "series" else 0
    return hd.Settings(cell=ctx.setting("hidden_cell"), units=int(ctx.setting("hidden_units")),
                       activation=ctx.setting("hidden_activation"), seed=int(ctx.setting("hidden_seed")),
                       source=source, length=length, start=start)


def stage_scaler(ctx: Context, settings: hd.Settings):
    if settings.source != "series":
        return None
    s = ctx.split
    return hd.fit_scaler(ctx.values, s["val_fraction"], s["test_fraction"], s["scaler"])


def stage(ctx: Context) -> tuple:
    """(InputSequence, Forward) of the stage: the page's own, or computed like the page does."""
    if ctx.stage is not None:
        return ctx.stage

    def build():
        settings = stage_settings(ctx)
        inp = hd.make_input(ctx.values, settings.source, settings.length, settings.start,
                            stage_scaler(ctx, settings))
        return inp, hd.forward_pass(hd.build_network(settings), inp.x)

    return ctx.cached("stage", build)


def windowed(ctx: Context):
    """rnnlab.data.windows.prepare on the context's series and split (None when it cannot cut them)."""
    from rnnlab.data.windows import prepare

    def build():
        s = ctx.split
        try:
            return prepare(ctx.values, int(s["lookback"]), s["val_fraction"], s["test_fraction"],
                           s["scaler"])
        except ValueError:
            return None

    return ctx.cached("windows", build)


def _at(array, t: int, unit: int | None = None):
    array = np.asarray(array)
    if not 1 <= t <= array.shape[0] or (unit is not None and not 1 <= unit <= array.shape[1]):
        return None
    return float(array[t - 1] if unit is None else array[t - 1, unit - 1])


def _gate(ctx, p):
    _, forward = stage(ctx)
    gates = forward.gates
    return _at(gates[p["gate"]], p["t"], p["unit"]) if p["gate"] in gates else None


def _hidden(ctx, p):
    return _at(stage(ctx)[1].hidden, p["t"], p["unit"])


def _cell(ctx, p):
    cell = stage(ctx)[1].cell_state
    return None if cell is None else _at(cell, p["t"], p["unit"])


def _input(ctx, p):
    return _at(stage(ctx)[0].raw, p["t"])


def _prediction(ctx, p):
    inp, forward = stage(ctx)
    return _at(inp.to_original(forward.prediction), p["t"])


def _run_metric(ctx, p):
    run = ctx.run
    if run is None:
        return None
    if p["metric"] == "mase":
        from rnnlab.forecasting.baselines import run_mase

        return run_mase(run, p["part"])
    return run.metrics.get(p["part"], {}).get(p["metric"])


def _run_improvement(ctx, p):
    if ctx.run is None:
        return None
    from rnnlab.training.verdicts import improvement_fraction

    return improvement_fraction(ctx.run, "persistence", p["part"])


def _cell_mase(ctx, p):
    """The best test MASE among the reader's finished runs of one cell (Compare's verdict reads
    each cell's best, rnnlab.classroom.questions.runs_choice)."""
    from rnnlab.forecasting.baselines import run_mase

    runs = list(ctx.runs) or ([ctx.run] if ctx.run is not None else [])
    scores = [run_mase(run, "test") for run in runs
              if run.config.cell == p["cell"] and getattr(run, "status", "completed") == "completed"]
    scores = [score for score in scores if math.isfinite(score)]
    return min(scores) if scores else None


def _baseline_mase(ctx, p):
    from rnnlab.forecasting import baselines

    def build():
        data = windowed(ctx)
        return None if data is None else baselines.baseline_metrics(data)

    scores = ctx.cached("baselines", build)
    return None if scores is None else scores[p["method"]][p["part"]]["mase"]


def _series_len(ctx, p):
    return len(ctx.values)


def _points(ctx, p):
    from rnnlab.data.windows import split_points

    s = ctx.split
    n = len(ctx.values)
    train_end, val_end = split_points(n, s["val_fraction"], s["test_fraction"])
    return {"train": train_end, "val": val_end - train_end, "test": n - val_end}[p["part"]]


def _windows(ctx, p):
    from rnnlab.data import window_counts
    from rnnlab.data.windows import split_points

    s = ctx.split
    n = len(ctx.values)
    train_end, val_end = split_points(n, s["val_fraction"], s["test_fraction"])
    counts = window_counts(n, int(s["lookback"]), train_end, val_end)
    return sum(counts.values()) if p["part"] == "all" else counts[p["part"]]


def _scaler(ctx, p):
    from rnnlab.data.windows import split_points

    s = ctx.split
    train_end, _ = split_points(len(ctx.values), s["val_fraction"], s["test_fraction"])
    train = ctx.values[:train_end]
    if len(train) == 0:
        return None
    return float({"min": np.min, "max": np.max, "mean": np.mean, "std": np.std}[p["stat"]](train))


def _gradient(ctx, p):
    """The untrained probe cells' ||dh_T/dh_{T-back}|| on the page's probe input."""

    def build():
        settings = stage_settings(ctx)
        values = ctx.values if len(ctx.values) >= hd.MIN_LENGTH else np.tile(hd.TOY, 20)
        scaler = stage_scaler(ctx, settings) if settings.source == "series" else None
        scaler = scaler or hd.fit_scaler(values)
        n = int(min(ctx.setting("hidden_grad_length"), len(values)))
        x = hd.make_input(values, "series", n, 0, scaler).x
        return hd.gradient_profiles(x, hd.probe_cells(float(ctx.setting("hidden_grad_radius"))))

    profile = ctx.cached("gradients", build)[p["cell"]]
    return float(profile[p["back"]]) if p["back"] < len(profile) else None


def train_config(ctx: Context):
    """The TrainConfig the Train page builds from the context's train_* settings and the split
    (the page's clip-norm slider at 0 is "off")."""
    from rnnlab.pages.page_controls import TRAIN, TRAIN_PREFIX
    from rnnlab.training import TrainConfig

    fields = {key.removeprefix(TRAIN_PREFIX): ctx.setting(key) for key, spec in TRAIN.items()
              if spec.widget not in ("button",) and key.removeprefix(TRAIN_PREFIX) in TrainConfig.__dataclass_fields__}
    fields["clipnorm"] = float(fields.get("clipnorm") or 0.0) or None
    s = ctx.split
    fields.update(lookback=int(s["lookback"]), val_fraction=float(s["val_fraction"]),
                  test_fraction=float(s["test_fraction"]), scaler=s["scaler"])
    return TrainConfig.from_dict(fields)


def _params(ctx, p):
    from rnnlab.pages.params import stack_params

    return stack_params(ctx.setting("train_cell"), int(ctx.setting("train_units")),
                        layers=int(ctx.setting("train_layers")))


# ----- the kinds -----

@dataclass(frozen=True)
class ValueKind:
    """A kind of live value: its parameters (name -> spec), which are required, its target
    pattern (``str.format`` with the params), its resolver and how it is written."""

    params: dict[str, Control] = field(default_factory=dict)
    required: frozenset = frozenset()
    target: str = ""
    resolve: Callable | None = None  # (Context, params) -> float | int | None
    style: str = "number"
    needs_run: bool = False  # only a training gives it

    def target_id(self, params: dict) -> str:
        return self.target.format(**params)


VALUE_KINDS: dict[str, ValueKind] = {
    # the Hidden states stage of the scene's network, at step t (1-based) of its input
    "gate": ValueKind({"gate": Choice(ALL_GATES, default="forget"), "unit": _unit, "t": _t},
                      frozenset({"gate", "unit", "t"}), "stage:gate:{gate}:{unit}", _gate),
    "hidden": ValueKind({"unit": _unit, "t": _t}, frozenset({"unit", "t"}), "stage:hidden:{unit}",
                        _hidden),
    "cell": ValueKind({"unit": _unit, "t": _t}, frozenset({"unit", "t"}), "stage:cell:{unit}", _cell),
    "input": ValueKind({"t": _t}, frozenset({"t"}), "stage:input", _input),
    "prediction": ValueKind({"t": _t}, frozenset({"t"}), "hidden:prediction", _prediction),
    # Hidden states' gradient probe: ||dh_T/dh_(T-back)|| of the untrained probe cell
    "gradient": ValueKind({"cell": Choice(hd.CELLS, default="SimpleRNN"),
                           "back": Int(0, hd.MAX_LENGTH - 1, default=10)},
                          frozenset({"cell", "back"}), "hidden:gradients:{cell}", _gradient),
    # the reader's last training run (Train page)
    "run_metric": ValueKind({"metric": Choice(METRICS, default="mase"),
                             "part": Choice(PARTS, default="test")},
                            frozenset({"metric"}), "train:metric:{metric}", _run_metric,
                            needs_run=True),
    "run_improvement": ValueKind({"part": Choice(PARTS, default="test")}, frozenset(),
                                 "train:metric:mase", _run_improvement, "percent", needs_run=True),
    "params": ValueKind({}, frozenset(), "train:params", _params, "int"),
    # the reader's runs on Compare: a cell's best test MASE
    "cell_mase": ValueKind({"cell": Choice(hd.STAGE_CELLS, default="LSTM")}, frozenset({"cell"}),
                           "compare:cell:{cell}", _cell_mase, needs_run=True),
    # the scene's series and split (Data page), and the Train page's baselines on them
    "baseline_mase": ValueKind({"method": Choice(BASELINE_METHODS, default="persistence"),
                                "part": Choice(PARTS, default="test")},
                               frozenset({"method"}), "train:baseline:{method}", _baseline_mase),
    "series_len": ValueKind({}, frozenset(), "data:chart", _series_len, "int"),
    "points": ValueKind({"part": Choice(PARTS, default="train")}, frozenset({"part"}),
                        "data:split:{part}", _points, "int"),
    "windows": ValueKind({"part": Choice(WINDOW_PARTS, default="all")}, frozenset(),
                         "data:windows:{part}", _windows, "int"),
    "scaler": ValueKind({"stat": Choice(STATS, default="min")}, frozenset({"stat"}),
                        "data:scaler:{stat}", _scaler),
}


# ----- resolving and writing -----

def resolve(ref: dict, ctx: Context):
    """The value ``ref`` names, computed on ``ctx``; None when this state has none (no run yet,
    a step or unit outside the window, a gate this cell does not have, a non-finite number)."""
    kind = VALUE_KINDS[ref["kind"]]
    params = _params_of(ref)
    try:
        value = kind.resolve(ctx, params)
    except ValueError:  # a series too short for its split, say
        return None
    if value is None:
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    value = float(value)
    return value if math.isfinite(value) else None


def write(ref: dict, value, lang: str) -> str:
    """``value`` as the pages write it in ``lang`` (— when there is none)."""
    from rnnlab.i18n.numbers import MISSING, fmt, fmt_pct

    if value is None:
        return MISSING
    style = VALUE_KINDS[ref["kind"]].style
    if style == "int":
        return fmt(int(value), lang)
    if style == "percent":
        return fmt_pct(value, lang, nonzero=True)
    return fmt(float(value), lang, sig=4)


def _params_of(ref: dict) -> dict:
    """A ref's parameters, the unnamed ones at their defaults (a checked scene has them all)."""
    kind = VALUE_KINDS[ref["kind"]]
    return {**{name: spec.default for name, spec in kind.params.items()},
            **{k: v for k, v in ref.items() if k != "kind"}}


def target(ref: dict) -> str:
    return VALUE_KINDS[ref["kind"]].target_id(_params_of(ref))


def render_text(scene, lang: str, ctx: Context | None = None) -> list[dict]:
    """The scene's text in ``lang`` as parts: ``{"text": str}`` for plain text and
    ``{"name", "text", "target", "value"}`` for a live value (its written text, the id it
    highlights, the number or None). The player and the offline file both draw these; every
    part is plain text (never markdown or HTML)."""
    ctx = ctx if ctx is not None else context(scene)
    text = scene.text.get(lang)
    parts: list[dict] = []
    last = 0
    for match in MARK.finditer(text):
        name = match.group(1)
        if match.start() > last:
            parts.append({"text": text[last:match.start()]})
        ref = scene.values[name]
        value = resolve(ref, ctx)
        parts.append({"name": name, "text": write(ref, value, lang), "target": target(ref),
                      "value": value})
        last = match.end()
    if last < len(text):
        parts.append({"text": text[last:]})
    return parts


def plain_text(scene, lang: str, ctx: Context | None = None) -> str:
    """The scene's text with its values written in (for alt texts, the offline file's notes)."""
    return "".join(part["text"] for part in render_text(scene, lang, ctx))
