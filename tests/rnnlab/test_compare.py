"""Run table, selection, colours, rename/delete and the verdict, on hand-made Runs."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from rnnlab.data import noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.declarations.messages import Message
from rnnlab.pages import compare
from rnnlab.plots.style import CELL_COLORS, RUN_PALETTE, assign_colors
from rnnlab.training import Run, TrainConfig


def _metrics(pred: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    err = pred - truth
    mse = float(np.mean(err**2))
    return {"mse": mse, "mae": float(np.mean(np.abs(err))), "rmse": math.sqrt(mse)}


def make_run(cell="LSTM", offset=0.1, run_id="", name="", units=32, epochs=5, values=None,
             val_fraction=0.2, status="completed", seconds=(1.5, 0.2, 0.2, 0.2, 0.2),
             n_params=None, lookback=10) -> Run:
    """A Run built by hand: predictions = truth + ``offset`` (so test MSE = offset**2).

    Baselines are computed honestly: persistence predicts the previous value; "linear" is given
    a fixed MSE of 0.02 on every split (a stand-in number, only compared against).
    """
    values = noisy_sine() if values is None else values
    cfg = TrainConfig(cell=cell, units=units, epochs=epochs, lookback=lookback,
                      val_fraction=val_fraction)
    data = prepare(values, lookback=lookback, val_fraction=val_fraction)
    targets = {s: data.targets(s) for s in ("train", "val", "test")}
    preds = {s: targets[s] + offset for s in targets}
    persistence = {s: _metrics(values[data.target_index[s] - 1], targets[s]) for s in targets}
    linear = {s: {"mse": 0.02, "mae": math.sqrt(0.02), "rmse": math.sqrt(0.02)} for s in targets}
    loss = list(np.linspace(0.5, 0.05, epochs) * (1 + offset))
    return Run(
        config=cfg,
        history={"loss": loss, "val_loss": [v * 1.2 for v in loss], "mae": [v / 2 for v in loss],
                 "val_mae": [v / 1.5 for v in loss], "seconds": list(seconds[:epochs])},
        predictions=preds, targets=targets, target_index=dict(data.target_index),
        metrics={s: _metrics(preds[s], targets[s]) for s in targets},
        baselines={"persistence": persistence, "linear": linear},
        n_params=n_params if n_params is not None else {"SimpleRNN": 1121, "LSTM": 4385, "GRU": 3393}[cell],
        summary=[], seconds=sum(seconds[:epochs]), status=status, name=name, run_id=run_id,
        series_name="noisy sine", values=values,
    )


def three_runs() -> list[Run]:
    return [make_run("SimpleRNN", 0.20, "a", "SimpleRNN 32"), make_run("LSTM", 0.10, "b", "LSTM 32"),
            make_run("GRU", 0.12, "c", "GRU 32")]


# ----- configs -----

def test_three_cell_configs_differ_only_in_the_cell():
    configs = compare.three_cell_configs(lookback=7, seed=3, val_fraction=0.1)
    assert [c.cell for c in configs] == ["SimpleRNN", "LSTM", "GRU"]
    dicts = [c.to_dict() for c in configs]
    for d in dicts:
        d.pop("cell")
    assert dicts[0] == dicts[1] == dicts[2]
    # The notebook's comparison: 32 units, 15 epochs, batch 16, one tanh layer.
    c = configs[0]
    assert (c.units, c.epochs, c.batch_size, c.layers, c.activation) == (32, 15, 16, 1, "tanh")
    assert (c.lookback, c.seed, c.val_fraction) == (7, 3, 0.1)


# ----- ids, names, colours, selection -----

def test_ensure_ids_fills_missing_and_duplicate_ids_and_names():
    runs = [make_run("GRU", run_id="run-2"), make_run("LSTM"), make_run("SimpleRNN", run_id="run-2")]
    compare.ensure_ids(runs)
    ids = [r.run_id for r in runs]
    assert ids[0] == "run-2" and len(set(ids)) == 3
    assert [r.name for r in runs] == ["GRU 1x32 tanh", "LSTM 1x32 tanh", "SimpleRNN 1x32 tanh"]
    runs.append(make_run("GRU"))
    compare.ensure_ids(runs)
    assert runs[3].name == "GRU 1x32 tanh (2)"  # legends must tell runs apart
    before = [(r.run_id, r.name) for r in runs]
    compare.ensure_ids(runs)  # idempotent
    assert [(r.run_id, r.name) for r in runs] == before


def test_colours_stay_with_their_run_when_others_come_and_go():
    first = assign_colors(["a", "b", "c"])
    assert list(first.values()) == RUN_PALETTE[:3]
    after_delete = assign_colors(["a", "c"], first)
    assert after_delete == {"a": first["a"], "c": first["c"]}
    # A new run takes the free colour, not one that is in use.
    added = assign_colors(["a", "c", "d"], after_delete)
    assert added["d"] == first["b"] and added["a"] == first["a"] and added["c"] == first["c"]
    many = assign_colors([f"r{i}" for i in range(len(RUN_PALETTE) + 2)])
    assert len(set(many.values())) == len(RUN_PALETTE)  # all colours used before any repeats


def test_new_runs_join_the_selection_and_deleted_ones_leave():
    selected, seen = compare.update_selection(["a", "b"], set(), set())
    assert selected == {"a", "b"}
    selected, seen = compare.update_selection(["a", "b"], {"b"}, seen)  # user unticked a
    assert selected == {"b"}
    selected, seen = compare.update_selection(["b", "c"], selected, seen)  # a deleted, c new
    assert selected == {"b", "c"} and seen == {"b", "c"}


# ----- the table -----

def test_run_row_numbers_are_computed_from_the_run():
    run = make_run("LSTM", offset=0.1, run_id="x", name="mine", epochs=5)
    row = compare.run_row(run)
    assert row["name"] == "mine" and row["cell"] == "LSTM" and row["units"] == 32
    assert row["epochs"] == 5 and row["params"] == 4385
    assert row["test_rmse"] == pytest.approx(0.1)  # offset 0.1 everywhere
    assert row["test_mae"] == pytest.approx(0.1)
    assert row["sec_per_epoch"] == pytest.approx((1.5 + 4 * 0.2) / 5)
    # One-step MASE, as on the Train page: MAE / persistence's MAE inside the training part
    # (the run has no stored MASE, like a run saved before MASE existed: it is derived).
    values = noisy_sine()
    train_end = prepare(values, 10).train_end
    scale = np.mean(np.abs(np.diff(values[:train_end])))
    assert row["test_mase"] == pytest.approx(0.1 / scale)
    idx = run.target_index["test"]
    persist = np.mean(np.abs(values[idx - 1] - values[idx]))  # persistence's test MAE
    assert row["vs_persistence"] == pytest.approx(100 * (1 - 0.1 / persist))
    assert row["vs_linear"] == pytest.approx(100 * (1 - 0.1 / np.sqrt(0.02)))


def test_seconds_per_epoch_without_epoch_timings_uses_wall_time():
    run = make_run(epochs=4)
    run.history["seconds"] = []
    run.seconds = 2.0
    assert compare.seconds_per_epoch(run) == pytest.approx(0.5)


def test_improvement_is_nan_without_a_usable_reference():
    assert math.isnan(compare.improvement_percent(0.1, 0.0))
    assert math.isnan(compare.improvement_percent(float("nan"), 0.2))
    assert compare.improvement_percent(0.3, 0.2) == pytest.approx(-50.0)


def test_run_table_indexed_by_id_with_selection_and_translated_status():
    runs = three_runs()
    runs[2].status = "stopped"
    table = compare.run_table(runs, selected={"b"}, lang="es")
    assert list(table.index) == ["a", "b", "c"]
    assert list(table.columns) == compare.TABLE_COLUMNS
    assert table["show"].tolist() == [False, True, False]
    assert not table["delete"].any()
    assert table.loc["c", "status"] == "detenida"
    assert compare.run_table(runs).loc["c", "status"] == "stopped"


def test_display_order_shows_every_column_once():
    assert sorted(compare.DISPLAY_COLUMNS) == sorted(compare.TABLE_COLUMNS)
    assert compare.DISPLAY_COLUMNS[:4] == ["show", "delete", "name", "test_mase"]


def test_read_edits_selection_renames_and_deletions():
    runs = three_runs()
    edited = compare.run_table(runs)
    edited.loc["a", "show"] = False
    edited.loc["b", "name"] = "  best LSTM "
    edited.loc["c", "name"] = "   "  # blank: not a rename
    edited.loc["c", "delete"] = True
    edits = compare.read_edits(runs, edited)
    assert edits.selected == {"b", "c"}
    assert edits.names == {"b": "best LSTM"}
    assert edits.to_delete == ["c"]


def test_read_edits_ignores_rows_of_runs_that_no_longer_exist():
    runs = three_runs()
    edited = compare.run_table(runs)
    compare.delete_runs(runs, ["a"])
    assert compare.read_edits(runs, edited).selected == {"b", "c"}


def test_rename_and_delete_in_place():
    runs = three_runs()
    same_list = runs
    assert compare.rename_run(runs, "b", "  LSTM v2 ")
    assert runs[1].name == "LSTM v2"
    assert not compare.rename_run(runs, "b", "   ")
    assert not compare.rename_run(runs, "zzz", "x")
    assert compare.delete_runs(runs, ["a", "c", "missing"]) == 2
    assert runs is same_list and [r.run_id for r in runs] == ["b"]


def test_table_csv_has_translated_headers_and_the_numbers():
    runs = three_runs()
    data = compare.table_csv(compare.run_table(runs), "es")
    assert data.startswith("\ufeff".encode())
    # Spanish spreadsheets: ";" between fields, decimal comma.
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=";", decimal=",")
    assert list(frame.columns[:3]) == ["id", "Nombre", "Celda"]
    assert "Mostrar" not in frame.columns and "Borrar" not in frame.columns
    assert frame["RMSE de prueba"].tolist() == pytest.approx([0.2, 0.1, 0.12], rel=1e-5)
    assert frame["Estado"].tolist() == ["completada"] * 3
    assert "0,12" in data.decode("utf-8-sig") and "0.12" not in data.decode("utf-8-sig")
    english = pd.read_csv(io.BytesIO(compare.table_csv(compare.run_table(runs), "en")))
    assert "Test RMSE" in english.columns


# ----- verdict -----

def test_verdict_best_margin_and_baselines_hand_computed():
    runs = three_runs()  # test MAE (so MASE order): 0.2, 0.1, 0.12; judged by MASE, as on Train
    v = compare.judge(runs)
    assert v.best.run_id == "b" and v.runner_up.run_id == "c"
    assert v.margin == pytest.approx(100 * (1 - 0.1 / 0.12))  # 16.7 %
    assert v.vs_linear == pytest.approx(100 * (1 - 0.1 / np.sqrt(0.02)))
    values = noisy_sine()
    idx = runs[1].target_index["test"]
    persist = np.mean(np.abs(values[idx - 1] - values[idx]))  # persistence's test MAE
    assert v.vs_persistence == pytest.approx(100 * (1 - 0.1 / persist))  # MASE ratio = MAE ratio
    assert v.comparable and v.counted == 3
    keys = [k for k, _ in v.messages]
    assert keys[0] == "compare.verdict.best"
    assert "compare.verdict.margin" in keys and "compare.verdict.beats_linear" in keys
    expected_beat = sum(o < persist for o in (0.20, 0.10, 0.12))
    assert v.beat_persistence == expected_beat
    key = "compare.verdict.count_persistence" + (".one" if expected_beat == 1 else "")
    assert Message(key, {"k": expected_beat, "n": 3}) in v.messages


def test_verdict_says_when_the_margin_is_within_noise_and_when_a_baseline_wins():
    runs = [make_run("LSTM", 0.150, "a", "A"), make_run("GRU", 0.152, "b", "B")]
    v = compare.judge(runs)
    keys = dict(v.messages)
    assert "compare.verdict.margin_small" in keys
    assert keys["compare.verdict.margin_small"]["other"] == "B"
    assert "compare.verdict.loses_linear" in keys  # 0.0225 > 0.02
    # MAE 0.15 against the linear model's sqrt(0.02): MASE 6.1 % higher.
    assert keys["compare.verdict.loses_linear"]["pct"] == pytest.approx(0.15 / np.sqrt(0.02) - 1)


def test_verdict_flags_runs_tested_on_different_data_and_unfinished_runs():
    other = noisy_sine(n=120, seed=1)
    runs = [make_run("LSTM", 0.1, "a", "A"), make_run("GRU", 0.2, "b", "B", values=other,
                                                      status="stopped")]
    v = compare.judge(runs)
    keys = dict(v.messages)
    assert not v.comparable and "compare.verdict.not_comparable" in keys
    assert keys["compare.verdict.unfinished"] == {"names": "B"}


def test_same_test_data_depends_on_the_test_values_only():
    base = make_run(lookback=10)
    # Another lookback or validation fraction leaves the test part (the last 20%) unchanged.
    assert compare.same_test_data([base, make_run(lookback=5), make_run(val_fraction=0.3)])
    assert not compare.same_test_data([base, make_run(values=noisy_sine(seed=7))])
    shifted = make_run(lookback=10)
    shifted.target_index["test"] = shifted.target_index["test"] - 1
    assert not compare.same_test_data([base, shifted])


def test_verdict_with_no_scored_runs_and_with_one_run():
    run = make_run()
    run.metrics = {}
    assert compare.judge([run]).messages == [Message("compare.verdict.none")]
    assert compare.judge([]).best is None
    single = compare.judge([make_run(run_id="z", name="Z")])
    keys = [k for k, _ in single.messages]
    assert single.best.run_id == "z" and math.isnan(single.margin)
    assert "compare.verdict.margin" not in keys and "compare.verdict.count_persistence" not in keys


def test_every_verdict_message_translates_in_both_languages():
    from rnnlab.i18n import t

    runs = [make_run("LSTM", 0.150, "a", "A"), make_run("GRU", 0.152, "b", "B", status="diverged",
                                                       values=noisy_sine(n=90))]
    for runs_ in (runs, three_runs(), []):
        for key, values in compare.judge(runs_).messages:
            for lang in ("es", "en"):
                text = t(key, lang, **values)
                assert text != key and "{" not in text


# ----- parameters per unit -----

def test_params_per_unit_formulas_and_ratios():
    rows = {r.cell: r for r in compare.params_per_unit(units=32, input_size=1)}
    assert rows["SimpleRNN"].count == 32 * (1 + 32 + 1) == 1088
    assert rows["LSTM"].count == 4 * 1088
    assert rows["GRU"].count == 3 * 32 * (1 + 32 + 2)
    assert rows["LSTM"].ratio == pytest.approx(4.0)
    assert 3.0 < rows["GRU"].ratio < 3.1
    assert rows["LSTM"].per_unit == pytest.approx(4 * 34)
    assert (rows["SimpleRNN"].blocks, rows["LSTM"].blocks, rows["GRU"].blocks) == (1, 4, 3)
    assert rows["LSTM"].formula == "4H(D+H+1)"
    # With the Dense output layer (H + 1) these are the notebook's model.count_params() values.
    assert [rows[c].count + 33 for c in ("SimpleRNN", "LSTM", "GRU")] == [1121, 4385, 3393]


def test_typical_units():
    runs = three_runs()
    runs[0].config.units = 8
    assert compare.typical_units(runs) == 32
    assert compare.typical_units([]) == 32


def test_a_cell_has_its_own_colour_whatever_order_the_runs_were_made_in():
    # The projector's session: an LSTM and a GRU trained on Train first, then Compare's three.
    # Before, the later LSTM and GRU found their colours taken and came out orange and pink.
    cells = {"t1": "LSTM", "t2": "GRU", "s": "SimpleRNN", "l": "LSTM", "g": "GRU"}
    for order in (["t1", "t2", "s", "l", "g"], ["s", "l", "g"], ["g", "l", "t2", "s", "t1"]):
        colors = assign_colors(order, cells=cells)
        assert colors == {rid: CELL_COLORS[cells[rid]] for rid in order}, order
    # a colour saved by an older version does not override the cell's
    assert assign_colors(["l"], {"l": RUN_PALETTE[3]}, cells=cells) == {"l": CELL_COLORS["LSTM"]}
