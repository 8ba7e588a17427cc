"""Figures and table of the Train page: the data drawn is the data given, texts translated."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.forecasting.baselines import metrics as compute_metrics
from rnnlab.i18n import STRINGS, problems, t
from rnnlab.plots import train as plots
from rnnlab.plots.style import FONT_SIZE, SPLIT_COLORS


def _trace(fig, name):
    return next(tr for tr in fig.data if tr.name == name)


def test_train_strings_complete_in_both_languages():
    assert [p for p in problems() if p.startswith("train.")] == []
    assert sum(k.startswith("train.") for k in STRINGS) > 80


@pytest.mark.parametrize("lang", ["es", "en"])
def test_learning_curves_draw_history_and_mark_best_validation_epoch(lang):
    history = {"loss": [1.0, 0.5, 0.3, 0.25], "val_loss": [1.2, 0.6, 0.4, 0.45]}
    fig = plots.learning_curves(history, lang)
    loss = _trace(fig, t("train.plot.loss", lang))
    val = _trace(fig, t("train.plot.val_loss", lang))
    assert list(loss.x) == [1, 2, 3, 4] and list(loss.y) == history["loss"]
    assert list(val.y) == history["val_loss"]
    best = _trace(fig, t("train.plot.best", lang))
    assert list(best.x) == [3] and list(best.y) == [0.4]  # argmin of val_loss, 1-based epoch
    assert fig.layout.xaxis.title.text == t("train.plot.epoch_axis", lang)
    assert fig.layout.yaxis.type == "linear"  # spans less than a factor of 30
    assert fig.layout.font.size >= FONT_SIZE
    assert loss.line.color == SPLIT_COLORS["train"] and val.line.color == SPLIT_COLORS["val"]


def test_learning_curves_switch_to_log_scale_and_keep_the_planned_epoch_range():
    fig = plots.learning_curves({"loss": [10.0, 1.0, 0.1, 0.01], "val_loss": []}, "en", epochs=50)
    assert fig.layout.yaxis.type == "log"
    assert tuple(fig.layout.xaxis.range) == (0.5, 50.5)  # live chart: axis fixed while epochs arrive
    assert fig.layout.xaxis.dtick == 5  # about 10 readable tick labels


def test_learning_curves_ignore_non_finite_losses_for_the_best_marker():
    fig = plots.learning_curves({"loss": [1.0, np.nan], "val_loss": [0.9, np.inf]}, "en")
    best = _trace(fig, t("train.plot.best", "en"))
    assert list(best.x) == [1]


def test_learning_curves_of_an_empty_history_do_not_fail():
    fig = plots.learning_curves({}, "en", epochs=20)
    assert len(fig.data) == 1 and len(fig.data[0].y) == 0


def test_predictions_figure_draws_truth_predictions_and_shaded_splits():
    values = np.sin(np.linspace(0, 6, 40))
    target_index = {"train": np.arange(5, 24), "val": np.arange(24, 32), "test": np.arange(32, 40)}
    predictions = {s: values[idx] + 0.1 for s, idx in target_index.items()}
    fig = plots.predictions_figure(values, target_index, predictions, 24, 32, "es")
    truth = _trace(fig, t("train.plot.truth", "es"))
    np.testing.assert_allclose(truth.y, values)
    for split, idx in target_index.items():
        trace = _trace(fig, t(f"train.plot.pred_{split}", "es"))
        np.testing.assert_array_equal(trace.x, idx)
        np.testing.assert_allclose(trace.y, predictions[split])
        assert trace.line.color == SPLIT_COLORS[split]
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(b.x0, b.x1) for b in bands] == [(-0.5, 23.5), (23.5, 31.5), (31.5, 39.5)]
    labels = {a.text for a in fig.layout.annotations}
    assert {t(f"train.split.{s}", "es") for s in ("train", "val", "test")} <= labels
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert sorted(s.x0 for s in lines) == [23.5, 31.5]  # the split boundaries are marked


def test_forecast_figure_places_the_future_after_the_data():
    values = np.arange(30, dtype=float)
    test_index = np.arange(24, 30)
    fig = plots.forecast_figure(values, test_index, values[test_index] + 0.5, test_index,
                                values[test_index] - 1.0, future=np.array([30.0, 31.0, 32.0]),
                                lang="en", context=10)
    truth = _trace(fig, t("train.plot.truth", "en"))
    assert truth.x[0] == 14 and truth.x[-1] == 29  # 10 values of context before the test start
    future = _trace(fig, t("train.plot.future", "en"))
    assert list(future.x) == [30, 31, 32]
    recursive = _trace(fig, t("train.plot.recursive", "en"))
    np.testing.assert_allclose(recursive.y, values[test_index] - 1.0)


def test_error_growth_figure_steps_start_at_one():
    fig = plots.error_growth_figure(np.array([0.1, 0.1, 0.1]), np.array([0.1, 0.3, 0.9]), "en")
    assert list(fig.data[1].x) == [1, 2, 3] and list(fig.data[1].y) == [0.1, 0.3, 0.9]
    assert fig.layout.yaxis.rangemode == "tozero"


def test_metrics_rows_match_hand_computed_errors():
    truth = np.array([1.0, 2.0, 3.0, 4.0])
    model = np.array([1.5, 2.0, 2.0, 4.0])  # errors 0.5, 0, -1, 0: MSE 1.25/4, MAE 1.5/4
    persistence = np.array([0.0, 1.0, 2.0, 3.0])  # every error 1
    run_metrics = {s: compute_metrics(truth, model) for s in ("train", "val", "test")}
    baselines = {"persistence": {s: compute_metrics(truth, persistence) for s in ("train", "val", "test")},
                 "linear": {s: compute_metrics(truth, truth) for s in ("train", "val", "test")}}
    for metric, expected in (("mse", 0.3125), ("mae", 0.375), ("rmse", np.sqrt(0.3125))):
        table = plots.metrics_rows(run_metrics, baselines, metric=metric, cell="GRU", lang="en")
        assert list(table.iloc[:, 0]) == ["Network (GRU)", "Persistence", "Linear model (autoregressive, same lookback)"]
        assert list(table.columns[1:]) == ["Test", "Validation", "Training"]
        np.testing.assert_allclose(table.iloc[0, 1:].to_numpy(float), expected)
        np.testing.assert_allclose(table.iloc[1, 1:].to_numpy(float), 1.0)
        np.testing.assert_allclose(table.iloc[2, 1:].to_numpy(float), 0.0)


def test_epoch_frames_draw_every_epoch_the_page_has_not_shown():
    # a quick training ends between two polls: all its 40 epochs are drawn, one frame each
    assert plots.epoch_frames(0, 40, most=40) == list(range(1, 41))
    assert plots.epoch_frames(3, 7) == [4, 5, 6, 7]  # a poll draws only what is new
    assert plots.epoch_frames(7, 7) == [7] and plots.epoch_frames(0, 0) == []
    many = plots.epoch_frames(0, 300, most=24)  # bounded work per poll, the last epoch always
    assert len(many) == 24 and many[-1] == 300 and many == sorted(set(many))
    assert max(b - a for a, b in zip([0, *many], many, strict=False)) <= 13


class _Clock:
    """A fake clock: sleeping and drawing move it, nothing waits."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.now += seconds


def test_a_replay_keeps_its_pace_when_drawing_is_slow():
    # 40 epochs at 50 ms a frame: 2 s. Drawing a frame costs 30 ms on a quiet server: the pauses
    # are what is left of the 50 ms (was: 50 ms on top, 3.2 s); at 120 ms a frame (a busy server)
    # late frames are skipped, never the last one, and the replay still ends near 2 s.
    for draw, least in ((0.03, 40), (0.12, 12)):
        clock = _Clock()
        drawn = []
        for frame in plots.paced(list(range(1, 41)), 0.05, clock=clock, sleep=clock.sleep):
            drawn.append(frame)
            clock.now += draw
        assert drawn[-1] == 40 and drawn == sorted(drawn) and len(drawn) >= least
        assert clock.now <= 40 * 0.05 + 2 * draw, (draw, clock.now)
    clock = _Clock()
    assert list(plots.paced([7], 0.05, clock=clock, sleep=clock.sleep)) == [7] and clock.now == 0


def test_the_empty_curve_says_where_the_loss_will_fall():
    fig = plots.empty_curve("Press Train", "en", epochs=40)
    assert fig.layout.annotations[0].text == "Press Train"
    assert tuple(fig.layout.xaxis.range) == (0.5, 40.5)
    assert all(len(tr.y) == 0 for tr in fig.data)
