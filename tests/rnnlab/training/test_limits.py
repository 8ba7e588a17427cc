"""Trainings on a shared class server (issue 12): time estimate and limit, a cap on the values,
Stop within a batch, blow-ups to infinity, and the watchdog that stops a closed tab's training."""

from __future__ import annotations

import numpy as np

from rnnlab import training
from rnnlab.data import noisy_sine
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_seconds
from rnnlab.training import TrainConfig
from rnnlab.training.models import _Compiled  # the traced model the tests wrap
from ui.session.sessions import Watchdog


def keys(problems):
    return [key for key, _ in problems]


# ---------------------------------------------------------------- no TensorFlow needed


def test_the_85_minute_request_is_refused_with_the_estimate_and_what_to_change(monkeypatch):
    monkeypatch.delenv("RNNLAB_MAX_TRAIN_SECONDS", raising=False)
    heavy = TrainConfig(cell="LSTM", layers=3, units=128, batch_size=1, epochs=300)
    problems = training.admit(heavy, 2_000)
    assert keys(problems) == ["training.problem.too_slow"]
    values = problems[0].values
    assert fmt_seconds(values["limit"], "en") == "10 min 00 s"
    assert "10 min 00 s" in problems[0].text("en") and "10 min 00 s" in problems[0].text("es")
    assert training.estimate_seconds(heavy, 2_000) > 20 * 60
    assert 1 <= values["epochs"] < 300
    # the epochs it suggests do fit under the limit
    fits = TrainConfig(cell="LSTM", layers=3, units=128, batch_size=1, epochs=values["epochs"])
    assert training.estimate_seconds(fits, 2_000) <= 600 and training.admit(fits, 2_000) == []
    assert "épocas" in problems[0].text("es")


def test_the_limit_comes_from_the_environment(monkeypatch):
    heavy = TrainConfig(cell="LSTM", layers=3, units=128, batch_size=1, epochs=300)
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "100000")
    assert training.admit(heavy, 2_000) == []
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "0")  # off
    assert training.admit(heavy, 2_000) == []
    monkeypatch.setenv("RNNLAB_MAX_TRAIN_SECONDS", "5")
    assert keys(training.admit(TrainConfig(), 2_000)) == ["training.problem.too_slow"]
    # Admitting a training is not its config's business: the config is sound, whatever the limit.
    assert TrainConfig().validate(2_000) == []


def test_estimates_grow_with_the_work():
    base = TrainConfig(epochs=10)
    e = training.estimate_seconds
    assert e(base, 2_000) < e(TrainConfig(epochs=20), 2_000) < e(TrainConfig(epochs=20), 4_000)
    assert e(TrainConfig(batch_size=1), 2_000) > e(TrainConfig(batch_size=64), 2_000)
    assert e(TrainConfig(cell="SimpleRNN"), 2_000) < e(TrainConfig(cell="LSTM"), 2_000)


def test_a_training_uses_at_most_20000_values():
    problems = TrainConfig(epochs=1, batch_size=256).validate(25_000)
    assert "training.problem.too_many_values" in keys(problems)
    values = dict(problems)["training.problem.too_many_values"]
    assert values["step"] == 2 and values["limit"] == 20_000
    assert "paso" in t("training.problem.too_many_values", "es", **values)


class _Job:
    def __init__(self):
        self.running, self.stops = True, 0

    def request_stop(self):
        self.stops += 1


def test_watchdog_stops_a_closed_sessions_training_after_the_grace_then_releases_it():
    now = [0.0]
    active = {"a": True, "b": True}
    released = []
    dog = Watchdog(lambda sid: active[sid], released.append, grace=4, ttl=60, clock=lambda: now[0])
    job_a, job_b = _Job(), _Job()
    dog.track("a", job_a)
    dog.track("b", job_b)
    active["a"] = False  # tab a closed
    for second in range(1, 5):
        now[0] = second
        dog.tick()
    assert job_a.stops == 0  # 3 s gone: within the grace (a network blip)
    now[0] = 5.0
    dog.tick()
    assert job_a.stops == 1 and job_b.stops == 0
    now[0] = 30.0
    dog.tick()
    assert job_a.stops == 1 and released == []  # asked once; still resumable
    now[0] = 62.0
    dog.tick()
    assert released == ["a"] and dog.tracked() == ["b"]


def test_watchdog_forgets_a_blip():
    now = [0.0]
    state = {"a": True}
    dog = Watchdog(lambda sid: state["a"], lambda sid: None, grace=4, ttl=60, clock=lambda: now[0])
    job = _Job()
    dog.track("a", job)
    state["a"] = False
    now[0] = 1.0
    dog.tick()
    state["a"] = True  # reconnected
    now[0] = 2.0
    dog.tick()
    state["a"] = False
    now[0] = 5.0
    dog.tick()
    assert job.stops == 0  # gone since 5 s, not since 1 s


def test_a_reload_takes_the_training_over_and_a_closed_tab_still_stops_it():
    now = [0.0]
    active = {"old": True, "new": True, "tab": True}
    dog = Watchdog(lambda sid: active[sid], lambda sid: None, grace=1, ttl=60,
                   clock=lambda: now[0], reload_grace=8)
    reloaded, closed = _Job(), _Job()
    reloaded.browser_id = closed.browser_id = "browser"  # both may be taken over by a reload
    dog.track("old", reloaded)
    dog.track("tab", closed)
    active["old"] = active["tab"] = False  # F5 in one tab; the other tab is closed for good
    for second in range(1, 5):
        now[0] = second
        dog.tick()
    assert reloaded.stops == closed.stops == 0  # past the grace, waiting for a reload
    dog.track("new", reloaded)  # the reloaded page took the job over (training_job.take_over)
    now[0] = 9.0
    dog.tick()
    assert reloaded.stops == 0 and closed.stops == 1  # nobody came back for the closed tab's


# ---------------------------------------------------------------- with TensorFlow

def test_stop_acts_within_a_batch_not_at_the_end_of_the_epoch(monkeypatch):
    """Counted in batches, not timed: asked to stop at its first check, training does not
    finish the epoch's hundreds of batches (before: Stop was read only between epochs)."""
    monkeypatch.setattr(training.fit, "STOP_CHECK_SECONDS", 0.0)  # check after every batch
    values = noisy_sine(n=600, periods=6)
    config = TrainConfig(cell="GRU", units=8, batch_size=1, epochs=3, seed=1)
    steps = {"n": 0}
    real_checkout = training.pool.checkout
    entries = []

    def counting_checkout(cfg):
        entry, reused = real_checkout(cfg)
        real_step = entry.train_step
        entries.append((entry, real_step))

        def counted(x, y):
            steps["n"] += 1
            return real_step(x, y)

        entry.train_step = counted
        return entry, reused

    monkeypatch.setattr(training.pool, "checkout", counting_checkout)
    try:
        run = training.train(values, config, should_stop=lambda: True)
    finally:
        for entry, real_step in entries:
            entry.train_step = real_step  # the pooled model goes back as it was
    assert run.status == "stopped" and run.epochs_done == 1
    assert steps["n"] == 1  # one batch, of the epoch's hundreds
    assert config.window_counts(len(values))["train"] > 300
    assert np.isfinite(run.history["loss"][0])


def test_predictions_that_overflow_to_infinity_are_a_divergence_not_a_crash(monkeypatch):
    real = _Compiled.predict
    calls = {"n": 0}

    def exploding(self, x):
        out = real(self, x)
        calls["n"] += 1
        if calls["n"] == 5:  # after 2 epochs' validations: train, val, then test overflows
            out = out.copy()
            out[-3:] = np.inf
        return out

    monkeypatch.setattr(_Compiled, "predict", exploding)
    config = TrainConfig(cell="GRU", units=8, epochs=2, lookback=5, seed=2)
    run = training.train(noisy_sine(), config)
    assert run.status == "diverged" and run.message.key == "training.diverged_inf"
    assert np.isnan(run.predictions["test"][-3:]).all()
    assert np.isnan(run.metrics["test"]["rmse"])
    assert np.isfinite(run.metrics["train"]["rmse"])
    assert run.message.text("es") != run.message.key


def test_a_forecast_that_blows_up_stops_with_nan_instead_of_raising(monkeypatch):
    config = TrainConfig(cell="SimpleRNN", units=4, epochs=1, lookback=5, seed=2)
    run = training.train(noisy_sine(), config)
    real = _Compiled.predict
    step = {"n": 0}

    def growing(self, x):
        step["n"] += 1
        return real(self, x) * 0 + 10.0 ** (step["n"] * 2)  # 1e2, 1e4, ... then inf in float

    monkeypatch.setattr(_Compiled, "predict", growing)
    out = training.forecast(run, 10)
    assert len(out) == 10
    assert np.isfinite(out[:2]).all() and np.isnan(out[3:]).all()


def test_a_constant_series_gets_a_clear_verdict_not_a_non_finite_error():
    values = np.r_[np.sin(np.arange(60) / 3), np.full(40, 2.0)]  # the test part is constant
    run = training.train(values, TrainConfig(cell="SimpleRNN", units=4, epochs=2, lookback=5))
    assert run.baselines["persistence"]["test"]["rmse"] == 0
    text = training.verdict_text(run, "test", "en")
    assert "constant" in text and "not a finite number" not in text
    assert "constante" in training.verdict_text(run, "test", "es")


def test_watchdog_stops_a_closed_sessions_backtest_too():
    from ui.jobs.backtest_job import BacktestJob

    now = [0.0]
    dog = Watchdog(lambda sid: False, lambda sid: None, grace=1, ttl=60, clock=lambda: now[0])
    job = BacktestJob(items=[], horizon=5, folds=3, season=1, strategies=("recursive",))
    dog.track("a", job)
    dog.tick()
    now[0] = 2.0
    dog.tick()
    assert job.stop_requested
