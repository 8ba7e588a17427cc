"""AppTest of the Train page: small training end to end, Stop, notebook preset, bad inputs."""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pytest

from rnnlab.data import Series, noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.i18n import t
from rnnlab.pages.params import stack_params
from rnnlab.training import TrainConfig
from ui.session import train_view_state
from ui.session.state import SplitSettings, session_of

pytestmark = pytest.mark.keras

PAGE = "views/train.py"
SMALL = {"train_units": 4, "train_epochs": 3, "train_cell": "GRU"}


def _small(at, **overrides):
    for key, value in {**SMALL, **overrides}.items():
        widget = at.segmented_control(key=key) if key == "train_cell" else at.slider(key=key)
        widget.set_value(value)
    return at


def _runs(at) -> list:
    return session_of(at.session_state).runs


def _metrics(at, lang="en"):
    """The metrics table (a chart's data view, e.g. the learning curve's at the top, may come
    before it): the one whose first column names the models."""
    return next(df.value for df in at.dataframe if t("train.col.model", lang) in df.value.columns)


def _wait_for_job(at, timeout=120.0):
    job = at.session_state["_training_job"]
    assert job.wait(timeout), "the training job did not finish"
    return job


def test_page_opens_with_the_data_page_split_and_a_fast_default(app_test, texts):
    at = app_test(PAGE, split=SplitSettings(val_fraction=0.15, test_fraction=0.25, lookback=7,
                                        scaler="standard")).run()
    assert not at.exception
    assert at.slider(key="train_lookback").value == 7
    assert at.select_slider(key="train_val_fraction").value == pytest.approx(0.15)
    assert at.select_slider(key="train_test_fraction").value == pytest.approx(0.25)
    assert at.radio(key="train_scaler").value == "standard"
    assert at.segmented_control(key="train_cell").value == "LSTM"
    assert at.slider(key="train_epochs").value == TrainConfig.quick().epochs == 40
    assert at.select_slider(key="train_learning_rate").value == TrainConfig.quick().learning_rate
    assert not at.button(key="train_start").disabled
    # parameter count and windows shown before training, from the settings on screen
    shown = texts(at)
    assert f"**{stack_params('LSTM', 32, layers=1):,}**" in shown
    counts = prepare(noisy_sine(), 7, 0.15, 0.25, "standard").counts()  # windows actually cut
    assert t("train.windows", "en", **counts) in shown
    assert t("train.no_runs", "en") in shown


def test_small_training_end_to_end_shows_honest_results(app_test, decode, plotly_specs, texts):
    at = _small(app_test(PAGE, _sync_training=True).run())
    at.button(key="train_start").click().run()
    assert not at.exception
    runs = _runs(at)
    assert len(runs) == 1
    run = runs[0]
    assert run.status == "completed" and len(run.history["loss"]) == 3
    assert run.config.cell == "GRU" and run.config.units == 4
    shown = texts(at)
    assert "**GRU 1x4 tanh**: Trained for 3 epochs." in shown  # named: several runs can finish
    waited = next(c.value for c in at.caption if c.value.startswith("You waited"))
    assert "training (preparing the model included)" in waited
    # metrics table: the network's row equals errors recomputed here from the Run's arrays
    # (MASE first: the verdict's measure; MAE / persistence's MAE inside the training part)
    table = _metrics(at)
    truth, pred = run.targets["test"], run.predictions["test"]
    scale = float(np.mean(np.abs(np.diff(run.values[:run.split[0]]))))
    mase_test = float(np.mean(np.abs(truth - pred))) / scale
    # (written as text with 4 significant digits, the page's language's way)
    assert float(table.iloc[0]["Test"].replace(",", "")) == pytest.approx(mase_test, rel=1e-3)
    persistence = run.values[run.target_index["test"] - 1]
    mase_persistence = float(np.mean(np.abs(truth - persistence))) / scale
    assert float(table.iloc[1]["Test"].replace(",", "")) == pytest.approx(mase_persistence, rel=1e-3)
    at.segmented_control(key="train_metric").set_value("rmse").run()
    rmse_test = float(np.sqrt(np.mean((truth - pred) ** 2)))
    assert float(_metrics(at).iloc[0]["Test"].replace(",", "")) == pytest.approx(
        rmse_test, rel=1e-3)
    # verdict: the percentage is recomputed here from the two MASEs, and names MASE
    gain = 1 - mase_test / mase_persistence
    key = "training.verdict.beats" if gain > 0 else "training.verdict.loses"
    expected = t(key, "en", baseline=t("training.baseline.persistence", "en"),
                 split=t("training.split.test", "en"), pct=f"{100 * abs(gain):.0f}%",
                 model="X", base="Y").split(" (")[0]
    assert expected in shown and "MASE" in expected
    # predictions figure: truth is the series, predictions sit at their target positions
    specs = plotly_specs(at)
    pred_fig = next(s for s in specs if any(tr.get("name") == t("train.plot.pred_test", "en")
                                            for tr in s["data"]))
    by_name = {tr["name"]: tr for tr in pred_fig["data"]}
    np.testing.assert_allclose(decode(by_name[t("train.plot.truth", "en")]["y"]), run.values)
    np.testing.assert_array_equal(decode(by_name[t("train.plot.pred_test", "en")]["x"]),
                                  run.target_index["test"])
    np.testing.assert_allclose(decode(by_name[t("train.plot.pred_test", "en")]["y"]), pred)
    # model summary: the parameter total matches the formula count
    assert run.n_params == stack_params("GRU", 4, layers=1)
    assert f"**{run.n_params:,}**" in shown
    # ... written for students: no Keras names, no batch axis of None (item 13)
    layers = next(df.value for df in at.dataframe if "Layer" in df.value.columns)
    assert list(layers["Layer"]) == ["GRU layer", "Dense output layer"]
    assert list(layers.iloc[:, 1]) == ["4 values: its final state", "1 value: the prediction"]
    assert "None" not in layers.to_string() and "gru" not in layers.to_string()
    # downloads, and the recursive forecast beside the one-step predictions
    keys = {b.key for b in at.get("download_button")}
    assert {k for k in keys if not k.endswith("_chart_csv")} == {
        "train_dl_predictions", "train_dl_history", "train_dl_config", "train_dl_model"}
    # every chart of the results has its data view (ui/elements/charts.py)
    assert {k for k in keys if k.endswith("_chart_csv")} == {
        f"train_{c}_chart_csv" for c in ("pred", "curves", "forecast", "error",
                                         "res_time", "res_acf", "res_hist")}  # + issue 22's residuals
    assert t("train.forecast_title", "en") in shown


def test_forecast_horizon_slider_extends_the_future(app_test, decode, plotly_specs):
    at = _small(app_test(PAGE, _sync_training=True).run())
    at.button(key="train_start").click().run()
    at.slider(key="train_forecast_steps").set_value(7).run()
    assert not at.exception
    fig = next(s for s in plotly_specs(at) if any(tr.get("name") == t("train.plot.future", "en")
                                                  for tr in s["data"]))
    future = next(tr for tr in fig["data"] if tr["name"] == t("train.plot.future", "en"))
    assert list(decode(future["x"])) == list(range(100, 107))


def test_stop_keeps_the_partial_run_and_unlocks_the_settings(app_test, texts):
    # the real threaded path: the script run ends while the thread trains
    at = _small(app_test(PAGE).run(), train_units=64, train_epochs=300, train_layers=3)
    at.button(key="train_start").click().run()
    assert not at.exception
    job = at.session_state["_training_job"]
    assert at.slider(key="train_epochs").disabled and at.button(key="train_start").disabled
    assert at.button(key="train_stop") is not None
    deadline = time.time() + 120
    while job.progress().epoch < 2 and job.running and time.time() < deadline:
        time.sleep(0.05)
    at.button(key="train_stop").click().run()
    job = _wait_for_job(at)
    at.run()
    assert not at.exception
    run = _runs(at)[-1]
    assert run.status == "stopped"
    done = len(run.history["loss"])
    assert 2 <= done < 300
    assert t("train.stopped", "en", epochs=done, planned=300) in texts(at)
    assert not at.slider(key="train_epochs").disabled
    assert _metrics(at) is not None  # results of the partial run are shown (not only the curve)


def test_notebook_preset_sets_the_notebook_model(app_test):
    at = app_test(PAGE).run()
    at.button(key="train_preset").click().run()
    assert not at.exception
    assert train_view_state.config(at.session_state) == TrainConfig.seed_notebook()
    assert at.slider(key="train_units").value == 50 and at.slider(key="train_layers").value == 2
    assert at.radio(key="train_activation").value == "relu"
    at.button(key="train_quick").click().run()
    assert at.slider(key="train_layers").value == 1 and at.radio(key="train_activation").value == "tanh"


def test_lookback_longer_than_training_part_is_explained_and_blocks_training(app_test):
    short = Series(np.sin(np.arange(30) / 3.0), name="short", notes=[])
    at = app_test(PAGE, series=short, series_range=(0, 30, 1)).run()
    at.slider(key="train_lookback").set_value(25).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("does not fit in the training part" in w for w in warnings)
    assert at.button(key="train_start").disabled


def test_batch_larger_than_the_data_is_explained_and_blocks_training(app_test):
    at = app_test(PAGE).run()
    at.select_slider(key="train_batch_size").set_value(256).run()
    assert not at.exception
    assert any("larger than the number of training windows" in w.value for w in at.warning)
    assert at.button(key="train_start").disabled
    at.select_slider(key="train_batch_size").set_value(32).run()
    assert not at.warning and not at.button(key="train_start").disabled


def test_divergence_is_reported_with_advice_and_nothing_is_lost(app_test, texts):
    at = app_test(PAGE, _sync_training=True).run()
    _small(at, train_cell="SimpleRNN", train_units=64, train_layers=2)
    at.radio(key="train_activation").set_value("relu")
    at.radio(key="train_scaler").set_value("standard")
    at.selectbox(key="train_optimizer").set_value("sgd")
    at.select_slider(key="train_learning_rate").set_value(1.0)
    at.button(key="train_start").click().run()
    assert not at.exception
    run = _runs(at)[-1]
    assert run.status == "diverged"
    warning = " ".join(w.value for w in at.warning)
    assert "diverged" in warning and run.message.text("en") in warning
    assert t("train.results", "en") in texts(at)


@pytest.mark.parametrize("lang", ["es"])
def test_spanish_page_has_no_untranslated_keys(app_test, texts, lang):
    at = _small(app_test(PAGE, lang=lang, _sync_training=True).run())
    at.button(key="train_start").click().run()
    assert not at.exception
    shown = texts(at)
    assert t("train.title", "es") in shown and t("train.results", "es") in shown
    assert "train." not in shown.replace("train.keras", "")  # no raw keys
    labels = [w.label for w in at.slider] + [b.label for b in at.button]
    assert not any(label.startswith(("train.", "training.")) for label in labels)


def test_a_full_server_shows_the_place_in_the_queue(app_test, texts, monkeypatch):
    from rnnlab import training

    monkeypatch.setattr(training.slots, "limit", 1)  # the one process-wide queue, one slot
    at = _small(app_test(PAGE).run())
    with training.slots.acquire():  # another student's training holds the only slot
        at.button(key="train_start").click().run()
        job = at.session_state["_training_job"]
        deadline = time.time() + 60
        while job.progress().queue_position is None and time.time() < deadline:
            time.sleep(0.05)
        at.run()
        assert t("train.queued", "en", pos=1) in texts(at)
        # and what to expect: an estimate, or (no training timed yet) when there will be one
        shown = texts(at)
        assert (t("train.queued_eta_unknown", "en") in shown
                or t("train.queued_eta", "en", eta="").rstrip(" .") in shown)
        assert at.button(key="train_start").disabled
    _wait_for_job(at)
    at.run()
    assert not at.exception
    assert _runs(at)[-1].status == "completed" and _runs(at)[-1].seconds_waiting > 0


def test_without_tensorflow_the_page_explains_instead_of_training(app_test, texts, monkeypatch):
    from rnnlab.training import backend

    monkeypatch.setattr(backend, "tensorflow_available", lambda: False)
    at = app_test(PAGE).run()
    assert not at.exception
    assert t("notf.title", "en") in texts(at)
    assert all(b.key != "train_start" for b in at.button)


def test_opening_the_page_does_not_import_tensorflow(repo_root):
    # a fresh process: only a training (or forecast/export) may pay TensorFlow's import
    code = ("import sys; from streamlit.testing.v1 import AppTest; "
            f"at = AppTest.from_file({str(repo_root / 'views/train.py')!r}, default_timeout=60).run(); "
            "assert not at.exception; print('tensorflow' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-2:] == ["False", "False"]


# ----- ui.jobs.training_job on its own (the Compare page trains several configs in one job) -----

def test_job_trains_several_configs_in_order_into_the_run_list():
    from ui.jobs.training_job import DONE, TrainingJob

    configs = [TrainConfig(cell=cell, units=3, epochs=2) for cell in ("SimpleRNN", "GRU")]
    out: list = []
    job = TrainingJob(configs=configs, values=noisy_sine(), series_name="sine", runs_out=out)
    job.run()  # synchronously, as the sync flag does
    assert job.state == DONE and not job.error
    assert [r.config.cell for r in out] == ["SimpleRNN", "GRU"] and out == job.runs
    assert all(r.series_name == "sine" and len(r.history["loss"]) == 2 for r in out)
    progress = job.progress()
    assert progress.run_number == 2 and progress.fraction == 1.0 and progress.eta_seconds is None


def test_job_eta_and_fraction_by_hand():
    from ui.jobs.training_job import RUNNING, TrainingJob

    job = TrainingJob(configs=[TrainConfig(epochs=10), TrainConfig(epochs=5)], values=noisy_sine())
    job.state, job.run_index, job.epoch = RUNNING, 0, 3
    job._epoch_seconds = [2.0, 0.1, 0.1]  # the first epoch traces the model
    # this run: 7 epochs x 0.1 s; next run: its first epoch (2.0 s) + 4 x 0.1 s
    assert job.progress().eta_seconds == pytest.approx(0.7 + 2.0 + 0.4)
    assert job.progress().fraction == pytest.approx((0 + 3 / 10) / 2)


def test_job_reports_a_refused_config_as_translatable_problems():
    from ui.jobs.training_job import FAILED, TrainingJob

    job = TrainingJob(configs=[TrainConfig(lookback=90)], values=noisy_sine(), runs_out=[])
    job.run()
    assert job.state == FAILED and job.runs == []
    keys = [key for key, _ in job.problems]
    assert "training.problem.lookback_too_long" in keys  # 60 training values, lookback 90


def test_results_in_spanish_write_every_number_the_spanish_way(app_test, plotly_specs, all_text):
    """A real (small) training, its results page in Spanish: metrics table, verdict, caption,
    forecast, charts. No number may be written the English way; the wait is told in parts."""
    from tests.test_numbers_everywhere import english_numbers_in

    at = _small(app_test(PAGE, lang="es", _sync_training=True).run())
    at.button(key="train_start").click().run()
    assert not at.exception
    seen = all_text(at)
    assert english_numbers_in(seen) == []
    run = _runs(at)[0]
    assert f"**{run.name}**: Entrenada durante 3 épocas." in seen
    assert "Esperaste" in seen and "entrenando" in seen
    table = _metrics(at, "es")
    assert "," in table.iloc[0]["Prueba"] and "." not in table.iloc[0]["Prueba"]
    assert all(spec["layout"].get("separators") == ",." for spec in plotly_specs(at))


def test_the_notebook_preset_keeps_its_settings_and_the_page_explains_its_loss(app_test, texts):
    at = app_test(PAGE, _sync_training=True).run()
    at.button(key="train_preset").click().run()
    assert train_view_state.config(at.session_state) == TrainConfig.seed_notebook()  # kept as it is
    at.button(key="train_start").click().run()
    assert not at.exception
    shown = texts(at)
    assert "This is the notebook's model with its own settings" in shown
    assert "only 80 Adam steps" in shown
    run = _runs(at)[0]
    # The explanation's figures are the run's: 4 batches of 16 a epoch, 20 epochs, 30,000+ weights.
    assert -(-run.config.window_counts(100)["train"] // run.config.batch_size) == 4
    assert run.n_params > 30_000 and len(run.history["loss"]) == 20
