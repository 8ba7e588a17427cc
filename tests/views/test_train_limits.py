"""AppTest of the Train page's limits (issue 12): the time estimate next to Train, the refusal
above the server's limit, the cap on values, and errors inside fragments."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab import training
from rnnlab.data import Series, noisy_sine
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_seconds
from rnnlab.runtime import worker
from ui.session import train_view_state

pytestmark = pytest.mark.keras

PAGE = "views/train.py"


def test_the_estimate_is_shown_next_to_train_before_it_starts(app_test, monkeypatch):
    monkeypatch.delenv("RNNLAB_MAX_TRAIN_SECONDS", raising=False)
    at = app_test(PAGE).run()
    assert not at.exception
    config = train_view_state.config(at.session_state)  # the config the page's widgets make
    assert config.lookback == 10 and config.val_fraction == config.test_fraction == 0.2
    expected = fmt_seconds(training.estimate_seconds(config, 100), "en")
    assert t("train.estimate", "en", time=expected, limit="10 min 00 s") in [c.value for c in at.caption]


def test_a_training_above_the_limit_is_refused_with_what_to_change(app_test, monkeypatch):
    monkeypatch.delenv("RNNLAB_MAX_TRAIN_SECONDS", raising=False)
    values = noisy_sine(n=2_000, periods=20)
    at = app_test(PAGE, series=Series(values, name="long"), series_range=(0, 2_000, 1)).run()
    at.segmented_control(key="train_cell").set_value("LSTM")
    at.slider(key="train_layers").set_value(3)
    at.slider(key="train_units").set_value(128)
    at.select_slider(key="train_batch_size").set_value(1)
    at.slider(key="train_epochs").set_value(300).run()
    assert not at.exception
    assert at.button(key="train_start").disabled
    warnings = " ".join(w.value for w in at.warning)
    assert "estimated" in warnings and "fewer epochs" in warnings and "10 min 00 s" in warnings


def test_more_than_20000_values_asks_for_the_step_picker(app_test):
    values = noisy_sine(n=30_000, periods=50)
    at = app_test(PAGE, series=Series(values, name="long"), series_range=(0, 30_000, 1)).run()
    assert not at.exception
    assert at.button(key="train_start").disabled
    warnings = " ".join(w.value for w in at.warning)
    assert "at most 20,000" in warnings and "step to 2" in warnings


def test_an_error_inside_the_forecast_fragment_is_a_message_not_a_traceback(app_test, texts, monkeypatch):
    at = app_test(PAGE, _sync_training=True).run()
    at.slider(key="train_units").set_value(4)
    at.slider(key="train_epochs").set_value(2)
    at.button(key="train_start").click().run()
    assert not at.exception

    def broken(run, steps, start=None):
        raise ValueError("Input contains infinity or a value too large for dtype('float64').")

    monkeypatch.setattr(worker, "forecast", broken)
    at.slider(key="train_forecast_steps").set_value(30).run()
    assert not at.exception
    assert any("ValueError" in e.value for e in at.error)  # the guard's translated message
    assert t("train.metrics_title", "en") in texts(at)  # the rest of the page is still there


def test_a_forecast_that_blows_up_is_said_and_drawn_up_to_there(app_test, monkeypatch):
    at = app_test(PAGE, _sync_training=True).run()
    at.slider(key="train_units").set_value(4)
    at.slider(key="train_epochs").set_value(2)
    at.button(key="train_start").click().run()

    def blowing(run, steps, start=None):
        out = np.full(steps, np.nan)
        out[:3] = [1.0, 10.0, 100.0]
        return out

    monkeypatch.setattr(worker, "forecast", blowing)
    at.slider(key="train_forecast_steps").set_value(25).run()
    assert not at.exception and not at.error
    assert t("train.forecast_blowup", "en", steps=3) in [w.value for w in at.warning]
