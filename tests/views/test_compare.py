"""AppTest of the Compare page: preloaded runs (table, edits, charts, verdict), no TensorFlow,
bad settings, and the three-cell comparison trained for real with a tiny config."""

from __future__ import annotations

import time

import numpy as np
import pytest

from rnnlab.i18n import t
from rnnlab.pages import compare, params
from rnnlab.plots.style import CELL_COLORS
from rnnlab.training import backend
from tests.rnnlab.test_compare import make_run, three_runs
from ui.session import compare_view_state
from ui.session.state import SplitSettings, session_of

CHART_KEYS = ["loss", "mae", "pred", "params", "time"]  # the page's charts, in drawing order


@pytest.fixture
def _open(app_test):
    def _open(runs=None, lang="en", **state):
        at = app_test("views/compare.py", lang=lang, runs=three_runs() if runs is None else runs, **state)
        return at.run()
    return _open


@pytest.fixture
def _charts(plotly_specs):
    residual_titles = {t(f"diag.res.{k}_title", lang) for k in ("time", "acf", "hist") for lang in ("en", "es")}

    def _charts(at) -> dict[str, dict]:
        # the residual check's charts (issue 22) have their own tests (test_forecast_checks.py)
        # (a title may be wrapped for phones: compare it without its line breaks)
        specs = [s for s in plotly_specs(at)
                 if (s["layout"].get("title", {}).get("text") or "").replace("<br>", " ") not in residual_titles]
        assert len(specs) == len(CHART_KEYS)
        return dict(zip(CHART_KEYS, specs, strict=True))
    return _charts


def _run_traces(spec: dict, names: set[str]) -> list[dict]:
    return [tr for tr in spec["data"] if tr.get("name") in names and tr.get("showlegend", True)]


def _edit(at, rows: dict) -> None:
    at.session_state["compare_table"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()


def test_preloaded_runs_fill_the_table_verdict_and_five_charts(_charts, _open, decode, texts):
    at = _open()
    assert not at.exception
    table = at.data_editor(key="compare_table").value
    assert table["name"].tolist() == ["SimpleRNN 32", "LSTM 32", "GRU 32"]
    assert table["show"].all()
    assert table["test_rmse"].tolist() == ["0.2", "0.1", "0.12"]  # written as text, in English
    shown = texts(at)
    assert "**LSTM 32** is best: test MASE " in shown and "(RMSE 0.1)" in shown
    assert "17% lower than that of the next one, **GRU 32**" in shown
    charts = _charts(at)
    names = {"SimpleRNN 32", "LSTM 32", "GRU 32"}
    for key in ("loss", "mae", "pred", "time"):
        assert {tr["name"] for tr in _run_traces(charts[key], names)} == names, key
    assert list(charts["params"]["data"][0]["y"]) == ["SimpleRNN 32", "LSTM 32", "GRU 32"]
    assert list(decode(charts["params"]["data"][0]["x"])) == [1121, 4385, 3393]


def test_each_run_keeps_one_colour_in_every_chart(_charts, _open):
    at = _open()
    colors = compare_view_state.colors(at.session_state)
    # each cell in its own colour, the one it has on every other page
    assert [colors[i] for i in ("a", "b", "c")] == [CELL_COLORS[c] for c in ("SimpleRNN", "LSTM", "GRU")]
    by_name = {"SimpleRNN 32": colors["a"], "LSTM 32": colors["b"], "GRU 32": colors["c"]}
    charts = _charts(at)
    for key in ("loss", "mae", "pred", "time"):
        for trace in charts[key]["data"]:
            if trace.get("name") in by_name:
                assert trace["line"]["color"] == by_name[trace["name"]], key
    assert charts["params"]["data"][0]["marker"]["color"] == list(by_name.values())


def test_untick_rename_and_delete_through_the_table(_charts, _open):
    runs = three_runs()
    at = _open(runs)
    _edit(at, {0: {"show": False}, 1: {"name": "Best LSTM"}, 2: {"delete": True}})
    assert not at.exception
    assert runs[1].name == "Best LSTM"
    assert compare_view_state.selected(at.session_state) == {"b", "c"}
    loss = _charts(at)["loss"]
    assert {tr["name"] for tr in _run_traces(loss, {"SimpleRNN 32", "Best LSTM", "GRU 32"})} == {
        "Best LSTM", "GRU 32"}
    delete = at.button(key="compare_delete")
    assert "(1)" in delete.label and not delete.disabled
    delete.click().run()
    assert not at.exception
    assert [r.run_id for r in session_of(at.session_state).runs] == ["a", "b"]
    assert at.data_editor(key="compare_table").value.index.tolist() == ["a", "b"]
    assert compare_view_state.colors(at.session_state) == {"a": CELL_COLORS["SimpleRNN"], "b": CELL_COLORS["LSTM"]}


def test_nothing_ticked_shows_a_hint_instead_of_empty_charts(_open, plotly_specs, texts):
    at = _open()
    _edit(at, {i: {"show": False} for i in range(3)})
    assert not at.exception
    assert plotly_specs(at) == []
    assert "Tick at least one run" in texts(at)


def test_csv_download_and_parameter_formulas_are_offered(_open, texts):
    at = _open()
    assert at.download_button(key="compare_csv").label == "Download the table (CSV)"
    shown = texts(at)
    assert "$4H(D+H+1)$" in shown and "4,352" in shown and "4.00×" in shown and "3.09×" in shown


def test_spanish_page(_charts, _open, texts):
    at = _open(lang="es")
    assert not at.exception
    shown = texts(at)
    assert "Comparar redes" in shown and "es la mejor" in shown
    spec = _charts(at)["loss"]
    assert spec["layout"]["title"]["text"] == "Pérdida por época (MSE)"
    assert spec["layout"]["separators"] == ",."  # hover labels and ticks: 0,05
    table = at.data_editor(key="compare_table").value
    assert table["test_rmse"].tolist() == ["0,2", "0,1", "0,12"]
    assert "MASE de prueba" in shown and "(RMSE 0,1)" in shown and "17\u00a0% menor" in shown
    assert "completada" in table["status"].tolist()


def test_compare_defaults_are_the_ones_that_beat_persistence(_open, texts):
    at = _open()
    assert at.slider(key="compare_epochs").value == compare.COMPARE_DEFAULTS["epochs"] == 60
    assert compare.COMPARE_DEFAULTS["learning_rate"] == 0.003  # bench_defaults: all beat it by MASE
    assert at.select_slider(key="compare_lr").value == compare.COMPARE_DEFAULTS["learning_rate"]
    assert "none of them beats persistence on its own series" in texts(at)


def test_runs_tested_on_different_data_are_flagged(_open, texts):
    runs = [make_run("LSTM", 0.1, "a", "A"), make_run("GRU", 0.2, "b", "B",
                                                      values=np.sin(np.arange(120) / 5.0))]
    at = _open(runs)
    assert not at.exception
    assert "tested on different data" in texts(at)
    assert "The runs shown use different test data" in texts(at)


def test_no_runs_yet(_open, plotly_specs, texts):
    at = _open(runs=[])
    assert not at.exception
    assert "No runs yet" in texts(at)
    # only the empty loss chart beside the button, saying where the loss will fall
    (empty,) = plotly_specs(at)
    assert empty["data"] == [] and "Press <b>Train</b>" in empty["layout"]["annotations"][0]["text"]
    assert "Why does an LSTM have about 4 times" in texts(at)


def test_without_tensorflow_runs_can_still_be_compared(_open, plotly_specs, texts, monkeypatch):
    monkeypatch.setattr(backend, "tensorflow_available", lambda: False)
    at = _open()
    assert not at.exception
    assert "Training needs TensorFlow" in texts(at)
    assert all(b.key != "compare_train" for b in at.button)
    titles = [s["layout"].get("title", {}).get("text") for s in plotly_specs(at)]
    assert len([x for x in titles if not str(x).startswith(("Residual", "Autocorrelation", "Histogram"))]) == len(CHART_KEYS)


def test_without_tensorflow_and_without_runs_the_page_teaches_instead(_open, texts, monkeypatch):
    monkeypatch.setattr(backend, "tensorflow_available", lambda: False)
    at = _open(runs=[])
    assert not at.exception
    assert all(b.key != "compare_train" for b in at.button)
    assert "TensorFlow" in texts(at)


def test_a_lookback_longer_than_the_training_part_is_explained_not_trained(_open):
    at = _open(split=SplitSettings(lookback=70))
    assert not at.exception
    assert at.error, "the problem must be shown"
    assert "70" in at.error[0].value
    assert at.button(key="compare_train").disabled


@pytest.mark.keras
def test_three_cell_comparison_trains_and_repeats_exactly(_charts, app_test):
    pytest.importorskip("tensorflow")
    at = app_test("views/compare.py", timeout=240, runs=[], _sync_training=True).run()
    at.slider(key="compare_units").set_value(4)
    at.slider(key="compare_epochs").set_value(2)
    at.button(key="compare_train").click().run()
    assert not at.exception
    runs = session_of(at.session_state).runs
    assert [r.config.cell for r in runs] == ["SimpleRNN", "LSTM", "GRU"]
    for run in runs:
        assert run.status == "completed" and len(run.history["loss"]) == 2
        assert (run.config.units, run.config.batch_size, run.config.seed) == (4, 16, 42)
        assert run.n_params == params.stack_params(run.config.cell, 4)
    assert at.data_editor(key="compare_table").value.shape[0] == 3
    names = {r.name for r in runs}
    for key, spec in _charts(at).items():
        if key != "params":
            assert len(_run_traces(spec, names)) == 3, key

    # Same seed, same settings: the second comparison draws exactly the same curves.
    at.button(key="compare_train").click().run()
    assert not at.exception
    runs = session_of(at.session_state).runs
    assert len(runs) == 6
    for first, again in zip(runs[:3], runs[3:], strict=True):
        assert again.history["loss"] == first.history["loss"]
        assert again.history["val_mae"] == first.history["val_mae"]
        assert again.name == first.name + " (2)"
    # The charts now show the new comparison only; the older runs stay in the table.
    assert compare_view_state.selected(at.session_state) == {r.run_id for r in runs[3:]}
    assert at.data_editor(key="compare_table").value["show"].tolist() == [False] * 3 + [True] * 3


@pytest.mark.keras
def test_stop_keeps_the_runs_already_finished(app_test):
    pytest.importorskip("tensorflow")
    at = app_test("views/compare.py", timeout=240, runs=[]).run()  # a real background job
    # Batch 1 makes epochs slow enough (70 steps each) for Stop to land mid-training.
    at.slider(key="compare_units").set_value(4)
    at.slider(key="compare_epochs").set_value(100)
    at.select_slider(key="compare_batch").set_value(1)
    at.button(key="compare_train").click().run()
    job = at.session_state["_training_job"]
    assert at.button(key="compare_stop")  # one progress display and its Stop while it trains
    deadline = time.monotonic() + 180
    # Wait until the SimpleRNN is done and the LSTM has trained an epoch, then press Stop.
    while job.running and time.monotonic() < deadline:
        progress = job.progress()
        if progress.run_number == 2 and progress.epoch >= 1:
            break
        time.sleep(0.2)
    assert len(job.runs) == 1, "the SimpleRNN should have finished"
    at.button(key="compare_stop").click().run()
    assert job.wait(timeout=180)
    at.run()
    assert not at.exception
    runs = session_of(at.session_state).runs
    assert [r.config.cell for r in runs] == ["SimpleRNN", "LSTM"]  # GRU never started
    assert runs[0].status == "completed" and len(runs[0].history["loss"]) == 100
    assert runs[1].status == "stopped" and len(runs[1].history["loss"]) < 100
    assert at.data_editor(key="compare_table").value.shape[0] == 2
    assert all(b.key != "compare_stop" for b in at.button)
