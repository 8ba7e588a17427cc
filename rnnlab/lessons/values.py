"""The live values a scene's text names: their kinds, parameters and checks.

A scene's text marks a value with ``{name}``; the scene declares ``values: {name: ref}`` where
``ref = {"kind": one of VALUE_KINDS, ...its params}``. Each kind declares here its parameters
(rnnlab.controls specs: the same checks the pages' controls use), which are required, and the
``target`` the value points at: the id of the element the player highlights
(``data-rnnlab-target="<id>"``) when the reader hovers or focuses the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rnnlab import hidden as hd
from rnnlab.controls import Choice, Control, Int
from rnnlab.windows import SPLITS

ALL_GATES = tuple(dict.fromkeys(g for names in hd.GATE_NAMES.values() for g in names))
METRICS = ("mase", "rmse", "mae", "mse")
PARTS = SPLITS  # train, val, test
WINDOW_PARTS = SPLITS + ("all",)
STATS = ("min", "max", "mean", "std")
BASELINE_METHODS = ("persistence", "seasonal_naive")
_t = Int(1, hd.MAX_LENGTH, default=1)
_unit = Int(1, 64, default=1)


@dataclass(frozen=True)
class ValueKind:
    """A kind of live value: its parameters (name -> spec), which are required, and its target
    pattern (``str.format`` with the params)."""

    params: dict[str, Control] = field(default_factory=dict)
    required: frozenset = frozenset()
    target: str = ""

    def target_id(self, params: dict) -> str:
        return self.target.format(**params)


VALUE_KINDS: dict[str, ValueKind] = {
    # the Hidden states stage of the scene's network, at step t (1-based) of its input
    "gate": ValueKind({"gate": Choice(ALL_GATES, default="forget"), "unit": _unit, "t": _t},
                      frozenset({"gate", "unit", "t"}), "stage:gate:{gate}:{unit}"),
    "hidden": ValueKind({"unit": _unit, "t": _t}, frozenset({"unit", "t"}), "stage:hidden:{unit}"),
    "cell": ValueKind({"unit": _unit, "t": _t}, frozenset({"unit", "t"}), "stage:cell:{unit}"),
    "input": ValueKind({"t": _t}, frozenset({"t"}), "stage:input"),
    "prediction": ValueKind({"t": _t}, frozenset({"t"}), "hidden:prediction"),
    # the reader's last training run (Train page)
    "run_metric": ValueKind({"metric": Choice(METRICS, default="mase"),
                             "part": Choice(PARTS, default="test")},
                            frozenset({"metric"}), "train:metric:{metric}"),
    "run_improvement": ValueKind({"part": Choice(PARTS, default="test")}, frozenset(),
                                 "train:metric:mase"),
    # the scene's series and split (Data page)
    "baseline_mase": ValueKind({"method": Choice(BASELINE_METHODS, default="persistence"),
                                "season": Int(1, 10_000, default=1),
                                "part": Choice(PARTS, default="test")},
                               frozenset({"method"}), "train:baseline:{method}"),
    "series_len": ValueKind({}, frozenset(), "data:chart"),
    "windows": ValueKind({"part": Choice(WINDOW_PARTS, default="all")}, frozenset(),
                         "data:windows:{part}"),
    "points": ValueKind({"part": Choice(PARTS, default="train")}, frozenset({"part"}),
                        "data:split:{part}"),
    "scaler": ValueKind({"stat": Choice(STATS, default="min")}, frozenset({"stat"}),
                        "data:scaler:{stat}"),
    # Hidden states' gradient probe: |dh_T/dh_{T-back}| relative to back = 0, per cell
    "grad_ratio": ValueKind({"cell": Choice(hd.CELLS, default="SimpleRNN"),
                             "back": Int(1, hd.MAX_LENGTH - 1, default=10)},
                            frozenset({"cell", "back"}), "hidden:gradients:{cell}"),
}
