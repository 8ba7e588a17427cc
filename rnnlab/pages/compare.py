"""Comparing the session's runs: the run table, selection and colours, rename/delete, the verdict.

Everything here works on `rnnlab.training.Run` objects and needs neither Streamlit nor TensorFlow,
so runs already in a session can be compared on a machine without TensorFlow.
Messages are rnnlab.declarations.messages.Message (i18n key and values); the page translates them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from rnnlab.data.csvsafe import safe_frame
from rnnlab.declarations.messages import Message
from rnnlab.declarations.vocab import MODERN_CELLS
from rnnlab.forecasting.baselines import run_mase
from rnnlab.i18n import t
from rnnlab.pages import params
from rnnlab.training import CELLS, TrainConfig

# The notebook's comparison: 32 units, 15 epochs, batch 16, one tanh layer, same data and seed.
NOTEBOOK_COMPARISON = {"units": 32, "epochs": 15, "batch_size": 16, "layers": 1, "activation": "tanh"}
# Compare's defaults: the notebook's comparison trained long enough, with a larger step, that
# each of the three cells beats persistence on the notebook's series (bench/bench_defaults.py).
# 60 epochs at 0.003: each cell beats persistence by test MASE in the median of seeds 0-4 and
# at the default seed 42 (bench/bench_defaults.py; 40 at 0.01 left the SimpleRNN at -0.6 %).
COMPARE_DEFAULTS = {"units": 32, "epochs": 60, "batch_size": 16, "layers": 1, "activation": "tanh",
                    "learning_rate": 0.003}
SMALL_MARGIN = 5.0  # % : below this, another seed may well swap the order of two runs

# Columns of the run table, in display order. Keys are stable; the page translates the labels.
TABLE_COLUMNS = [
    "show", "delete", "name", "cell", "layers", "units", "activation", "lookback", "epochs",
    "learning_rate", "params", "sec_per_epoch", "test_mase", "test_rmse", "test_mae",
    "vs_persistence", "vs_linear", "status",
]
# On screen, what a student looks at first comes first: results before the settings.
DISPLAY_COLUMNS = [
    "show", "delete", "name", "test_mase", "vs_persistence", "vs_linear", "test_rmse", "test_mae",
    "params",
    "sec_per_epoch", "cell", "layers", "units", "activation", "lookback", "epochs",
    "learning_rate", "status",
]
EDITABLE_COLUMNS = ("show", "delete", "name")
CSV_COLUMNS = [c for c in TABLE_COLUMNS if c not in ("show", "delete")]


def three_cell_configs(base: TrainConfig | None = None, modern: bool = False, **changes) -> list[TrainConfig]:
    """SimpleRNN, LSTM and GRU configs that differ in the cell only (same data, split, seed...);
    with ``modern``, minGRU and minLSTM too (issue 25).

    ``base`` defaults to the notebook's comparison (32 units, 15 epochs, batch 16, tanh, 1 layer);
    ``changes`` override any TrainConfig field for all of them.
    """
    base = base or TrainConfig(**NOTEBOOK_COMPARISON)
    base = replace(base, **changes)
    return [replace(base, cell=cell) for cell in CELLS + (MODERN_CELLS if modern else ())]


def ensure_ids(runs: list) -> None:
    """Give every run a unique run_id and a unique name, in place (runs that have them keep them)."""
    taken = {run.run_id for run in runs if run.run_id}
    seen: set[str] = set()
    number = 1
    for run in runs:
        if not run.run_id or run.run_id in seen:
            while f"run-{number}" in taken:
                number += 1
            run.run_id = f"run-{number}"
            taken.add(run.run_id)
        seen.add(run.run_id)
        if not run.name.strip():
            run.name = run.config.default_name()  # as train() names its runs
    # Same names would make legends ambiguous: later runs get " (2)", " (3)"...
    names: set[str] = set()
    for run in runs:
        base, number = run.name, 2
        while run.name in names:
            run.name = f"{base} ({number})"
            number += 1
        names.add(run.name)


def update_selection(run_ids: list[str], selected: set[str], seen: set[str]) -> tuple[set[str], set[str]]:
    """New runs (never seen before) join the selection; deleted runs leave it.

    Returns (selected, seen) for the current list of run ids.
    """
    current = set(run_ids)
    new = current - seen
    return (selected & current) | new, current


def _metric(run, split: str, name: str) -> float:
    if name == "mase":
        return run_mase(run, split)
    value = run.metrics.get(split, {}).get(name, math.nan)
    return float(value) if value is not None else math.nan


# The one error every verdict uses to say "better or worse than persistence": one-step MASE,
# as on Train (rnnlab.training.VERDICT_METRIC) and in the backtests.
METRIC = "mase"


def _baseline(run, kind: str, split: str = "test", name: str = METRIC) -> float:
    if name == "mase":
        return run_mase(run, split, kind)
    value = run.baselines.get(kind, {}).get(split, {}).get(name, math.nan)
    return float(value) if value is not None else math.nan


def improvement_percent(model_error: float, reference_error: float) -> float:
    """How much lower the model's error is than a reference's, in % (negative: it is worse)."""
    if not (np.isfinite(model_error) and np.isfinite(reference_error)) or reference_error <= 0:
        return math.nan
    return 100.0 * (1.0 - model_error / reference_error)


def epochs_trained(run) -> int:
    return len(run.history.get("loss", []))


def seconds_per_epoch(run) -> float:
    """Mean wall time of an epoch (the first one includes building the graph)."""
    seconds = run.history.get("seconds") or []
    if seconds:
        return float(np.mean(seconds))
    epochs = epochs_trained(run)
    return run.seconds / epochs if epochs else math.nan


def run_row(run, show: bool = True) -> dict:
    """One line of the run table: what was trained and how well it did on test."""
    cfg = run.config
    test_mase = _metric(run, "test", METRIC)
    return {
        "show": bool(show),
        "delete": False,
        "name": run.name,
        "cell": cfg.cell,
        "layers": cfg.layers,
        "units": cfg.units,
        "activation": cfg.activation,
        "lookback": cfg.lookback,
        "epochs": epochs_trained(run),
        "learning_rate": cfg.learning_rate,
        "params": int(run.n_params),
        "sec_per_epoch": seconds_per_epoch(run),
        "test_mase": test_mase,
        "test_rmse": _metric(run, "test", "rmse"),
        "test_mae": _metric(run, "test", "mae"),
        "vs_persistence": improvement_percent(test_mase, _baseline(run, "persistence")),
        "vs_linear": improvement_percent(test_mase, _baseline(run, "linear")),
        "status": run.status,
    }


def run_table(runs: list, selected: set[str] | None = None, lang: str | None = None) -> pd.DataFrame:
    """The session's runs as a table indexed by run_id (oldest first).

    With ``lang`` the status is translated (for display); without it, it stays a code.
    """
    selected = {r.run_id for r in runs} if selected is None else selected
    rows = [run_row(run, run.run_id in selected) for run in runs]
    if lang:
        for row in rows:
            row["status"] = t(f"compare.status.{row['status']}", lang)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS, index=pd.Index([r.run_id for r in runs], name="run_id"))
    return table.astype({"show": bool, "delete": bool})


@dataclass
class TableEdits:
    """What the user changed in the table: the new selection, names, and runs marked for deletion."""

    selected: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)  # run_id -> new name
    to_delete: list[str] = field(default_factory=list)


def read_edits(runs: list, edited: pd.DataFrame) -> TableEdits:
    """Turn the edited table (as st.data_editor returns it) into selection, renames and deletions.

    A blank or unchanged name is not a rename. Rows whose run no longer exists are ignored.
    """
    by_id = {run.run_id: run for run in runs}
    edits = TableEdits()
    for run_id, row in edited.iterrows():
        run = by_id.get(run_id)
        if run is None:
            continue
        if bool(row.get("show", False)):
            edits.selected.add(run_id)
        if bool(row.get("delete", False)):
            edits.to_delete.append(run_id)
        name = str(row.get("name", "") or "").strip()
        if name and name != run.name:
            edits.names[run_id] = name
    return edits


def rename_run(runs: list, run_id: str, name: str) -> bool:
    """Rename a run in place; a blank name is refused (returns False)."""
    name = name.strip()
    for run in runs:
        if run.run_id == run_id and name:
            run.name = name
            return True
    return False


def delete_runs(runs: list, run_ids) -> int:
    """Remove runs from the list in place (the session's list object stays the same); returns how many."""
    doomed = set(run_ids)
    before = len(runs)
    runs[:] = [run for run in runs if run.run_id not in doomed]
    return before - len(runs)


def table_csv(table: pd.DataFrame, lang: str) -> bytes:
    """The run table as CSV (UTF-8 with BOM so spreadsheet programs read the accents), headers translated."""
    out = table[CSV_COLUMNS].copy()
    codes = {"completed", "stopped", "diverged"}
    out["status"] = [t(f"compare.status.{s}", lang) if s in codes else s for s in out["status"]]
    out.insert(0, "run_id", out.index)
    out = out.rename(columns={c: t(f"compare.col.{c}", lang) for c in ["run_id", *CSV_COLUMNS]})
    # For people: a Spanish spreadsheet reads ";" between fields and a decimal comma.
    spanish = lang == "es"
    return safe_frame(out).to_csv(index=False, float_format="%.6g", sep=";" if spanish else ",",
                      decimal="," if spanish else ".").encode("utf-8-sig")


def same_test_data(runs: list) -> bool:
    """Were these runs tested on the very same values? Otherwise ranking them compares unlike things."""
    if len(runs) < 2:
        return True
    first = runs[0]
    ref_idx = np.asarray(first.target_index.get("test", []))
    ref_y = np.asarray(first.targets.get("test", []))
    for run in runs[1:]:
        idx = np.asarray(run.target_index.get("test", []))
        y = np.asarray(run.targets.get("test", []))
        if idx.shape != ref_idx.shape or not np.array_equal(idx, ref_idx) or not np.allclose(y, ref_y):
            return False
    return True


@dataclass
class Verdict:
    """What `judge` found about the session's runs; its `messages` are what the page says."""

    best: object | None  # the Run with the lowest test MASE
    runner_up: object | None
    margin: float  # % lower test MASE of the best than the runner-up
    vs_persistence: float  # % lower test MASE of the best than persistence (negative: worse)
    vs_linear: float
    beat_persistence: int  # how many of the runs beat persistence on test
    counted: int  # runs with a finite test MASE
    comparable: bool  # all tested on the same values
    messages: list[Message] = field(default_factory=list)


def judge(runs: list) -> Verdict:
    """Which run is best on test, by how much, and whether it beats both baselines, as messages.

    Judged on the one-step test MASE, like the Train page's verdict and the backtests.
    """
    from rnnlab.i18n.numbers import Percent, Percent1

    scored = [r for r in runs if np.isfinite(_metric(r, "test", METRIC))]
    comparable = same_test_data(scored)
    if not scored:
        return Verdict(None, None, math.nan, math.nan, math.nan, 0, 0, comparable,
                       [Message("compare.verdict.none")])
    ranked = sorted(scored, key=lambda r: _metric(r, "test", METRIC))
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    best_mase = _metric(best, "test", METRIC)
    margin = improvement_percent(best_mase, _metric(runner, "test", METRIC)) if runner else math.nan
    vs_p = improvement_percent(best_mase, _baseline(best, "persistence"))
    vs_l = improvement_percent(best_mase, _baseline(best, "linear"))
    beat = sum(improvement_percent(_metric(r, "test", METRIC), _baseline(r, "persistence")) > 0
               for r in scored)

    messages: list[Message] = []
    if not comparable:
        messages.append(Message("compare.verdict.not_comparable"))
    messages.append(Message("compare.verdict.best", {"name": best.name, "mase": best_mase,
                                              "rmse": _metric(best, "test", "rmse")}))
    if runner is not None:
        small = margin < SMALL_MARGIN
        key = "compare.verdict.margin_small" if small else "compare.verdict.margin"
        messages.append(Message(key, {"pct": (Percent1 if small else Percent)(margin / 100),
                               "other": runner.name}))
    for kind, pct in (("persistence", vs_p), ("linear", vs_l)):
        if np.isfinite(pct):
            key = f"compare.verdict.beats_{kind}" if pct > 0 else f"compare.verdict.loses_{kind}"
            messages.append(Message(key, {"pct": Percent(abs(pct) / 100)}))
    if len(scored) > 1:
        key = "compare.verdict.count_persistence" + (".one" if beat == 1 else "")
        messages.append(Message(key, {"k": beat, "n": len(scored)}))
    unfinished = [r.name for r in scored if r.status != "completed"]
    if unfinished:
        messages.append(Message("compare.verdict.unfinished", {"names": ", ".join(unfinished)}))
    return Verdict(best, runner, margin, vs_p, vs_l, beat, len(scored), comparable, messages)


@dataclass(frozen=True)
class CellParams:
    """One cell type at a given width: its weight blocks, formula, and what that makes."""

    cell: str
    blocks: int
    formula: str  # LaTeX, D inputs and H units, e.g. 4H(D+H+1)
    count: int  # parameters of one recurrent layer
    per_unit: float  # count / H: what each extra unit costs, roughly blocks * (D + H + 1)
    ratio: float  # count / the SimpleRNN's count at the same width


def params_per_unit(units: int = 32, input_size: int = 1) -> list[CellParams]:
    """SimpleRNN, LSTM and GRU side by side at the same width, counted with rnnlab.pages.params."""
    simple = params.recurrent_params("SimpleRNN", units, input_size)
    rows = []
    for cell in CELLS:
        count = params.recurrent_params(cell, units, input_size)
        rows.append(CellParams(cell, params.N_BLOCKS[cell], params.formula_latex(cell), count,
                               count / units, count / simple))
    return rows


def typical_units(runs: list, default: int = NOTEBOOK_COMPARISON["units"]) -> int:
    """The width most of these runs share (for the parameter explanation), else the notebook's 32."""
    widths = Counter(int(r.config.units) for r in runs)
    return widths.most_common(1)[0][0] if widths else default
