"""Bounded memory per session (issue 12): compact runs counted once, the budget on Compare, and
asking before training past it (nothing dropped)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab import training
from rnnlab.data import Series, noisy_sine
from rnnlab.runtime.memory import Footprint, session_footprint
from rnnlab.training import TrainConfig
from tests.rnnlab.test_compare import make_run
from ui.jobs import training_job
from ui.session.state import session_of


def test_footprint_counts_each_buffer_once():
    values = np.zeros(1_000)
    view = values[10:20]
    counter = Footprint()
    assert counter.add({"a": values, "b": [view, values]}) == 8_000
    assert counter.add(values) == 0
    assert counter.add(b"x" * 100) == 100


@pytest.mark.keras
def test_runs_keep_their_values_once_and_targets_as_views():
    values = training.frozen(noisy_sine(200))
    a = training.train(values, TrainConfig(cell="GRU", units=4, epochs=1, lookback=5))
    b = training.train(values, TrainConfig(cell="SimpleRNN", units=4, epochs=1, lookback=5))
    assert a.values is values and b.values is values  # one copy for both runs
    for split in ("train", "val", "test"):
        assert np.shares_memory(a.targets[split], values)
        assert a.baseline_predictions["linear"][split].dtype == np.float32
    one = session_footprint(runs=[a])["runs"]
    both = session_footprint(runs=[a, b])["runs"]
    assert both - one < one  # the second run adds its predictions and weights, not the data again
    # a caller's writable array is copied once and frozen: the caller may change theirs later
    mine = noisy_sine(200)
    c = training.train(mine, TrainConfig(cell="GRU", units=4, epochs=1, lookback=5))
    mine[:] = 0
    assert not c.values.flags.writeable and c.values.any()


def test_a_job_reuses_the_values_of_a_run_on_the_same_numbers():
    values = noisy_sine(120)
    earlier = make_run(run_id="r1")
    earlier.values = training.frozen(values)
    assert training_job._shared_values(values, [earlier]) is earlier.values
    other = training_job._shared_values(values + 1, [earlier])
    assert other is not earlier.values and not other.flags.writeable


@pytest.fixture
def _compare(app_test):
    def _compare(**state):
        return app_test("views/compare.py", **state).run()
    return _compare


def test_compare_shows_the_sessions_memory_against_its_budget(_compare, monkeypatch):
    monkeypatch.setenv("RNNLAB_SESSION_MB", "50")
    runs = [make_run(run_id="a", name="A")]
    at = _compare(runs=runs)
    assert not at.exception
    used = session_footprint(session_of(at.session_state).series, None, runs,
                             [None, None])["total"]
    shown = f"{used / 1e6:.1f} MB" if used >= 100_000 else f"{used / 1e3:.0f} kB"
    assert any(f"{shown} of 50.0 MB" in c.value for c in at.caption)


@pytest.mark.keras
def test_past_the_budget_training_asks_first_and_no_run_is_dropped(_compare, app_test, texts, monkeypatch):
    monkeypatch.setenv("RNNLAB_SESSION_MB", "0.0001")  # 100 bytes: any session is past it
    runs = [make_run(run_id="a", name="A"), make_run(cell="GRU", run_id="b", name="B")]
    at = _compare(runs=runs)
    assert not at.exception
    assert at.button(key="compare_train").disabled
    assert any("Before training more" in w.value for w in at.warning)
    at.checkbox(key="memory_confirm_compare").check().run()
    assert not at.button(key="compare_train").disabled
    assert [r.run_id for r in session_of(at.session_state).runs] == ["a", "b"]  # nothing dropped

    train = app_test("views/train.py", series=Series(noisy_sine(), name="s"),
                 series_range=(0, 100, 1)).run()
    assert train.button(key="train_start").disabled
    train.checkbox(key="memory_confirm_train").check().run()
    assert not train.button(key="train_start").disabled
    assert "Train anyway" in [c.label for c in train.checkbox]
    assert texts(train)
