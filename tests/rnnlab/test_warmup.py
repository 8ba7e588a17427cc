"""TensorFlow warm-up and the queue's estimate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rnnlab.runtime import warmup
from rnnlab.training import TrainingSlots


def test_queue_estimate_follows_the_recent_trainings():
    slots = TrainingSlots(limit=2)
    assert slots.expected_wait(1) is None  # nothing timed yet: no made-up number
    for seconds in (4.0, 6.0, 100.0):  # the median ignores one outlier
        slots.record(seconds)
    assert slots.expected_wait(1) == pytest.approx(6.0 / 2)
    assert slots.expected_wait(3) == pytest.approx(3 * 6.0 / 2)
    with slots.acquire():
        pass
    assert len(slots._held) == 4  # holding a slot is timed too


def test_no_warm_up_without_tensorflow_or_when_turned_off(monkeypatch):
    monkeypatch.setattr("rnnlab.training.backend.tensorflow_available", lambda: False)
    assert not warmup.enabled()
    monkeypatch.setattr("rnnlab.training.backend.tensorflow_available", lambda: True)
    monkeypatch.setenv("RNNLAB_WARMUP", "0")
    assert not warmup.enabled()
    assert warmup.start() is None


SCRIPT = r"""
import json, sys, time
import numpy as np
from rnnlab import training
from rnnlab.runtime import warmup
from rnnlab.data import noisy_sine

warm = sys.argv[1] == "warm"
if warm:
    thread = warmup.start(delay=0)
    thread.join(120)
    assert "seconds" in warmup.result, warmup.result
started = time.perf_counter()
run = training.train(noisy_sine(), training.TrainConfig(epochs=3))
print("RESULT " + json.dumps({"reused": run.reused_model, "wall": time.perf_counter() - started,
                              "test": run.predictions["test"].tolist(),
                              "estimate": training.slots.expected_wait(1) if warm else None}))
"""


@pytest.fixture
def _train(repo_root):
    def _train(mode: str) -> dict:
        out = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=repo_root, capture_output=True,
                             text=True, timeout=300, env={**__import__("os").environ, "RNNLAB_WARMUP": "1"})
        lines = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")]
        assert out.returncode == 0 and lines, out.stderr[-2000:]
        return json.loads(lines[-1][7:])
    return _train


@pytest.mark.keras
def test_warm_up_traces_the_default_model_and_changes_no_number(_train):
    warm, cold = _train("warm"), _train("cold")
    assert warm["reused"] and not cold["reused"]  # the first training found the traced model
    assert warm["test"] == pytest.approx(cold["test"], abs=1e-6)  # and trained the same
    assert warm["estimate"] is not None and warm["estimate"] > 0  # the queue has a first estimate


def test_after_the_first_page_scikit_learn_is_imported_even_without_the_warm_up():
    # A lesson's first Hidden states scene scaled a series and imported scikit-learn (0.7 s)
    # while forty students' pages waited for it (bench/bench_lesson_room.py): it is imported
    # after the first page, with or without TensorFlow's warm-up.
    script = ("import sys\nfrom ui.jobs import warmup\nassert 'sklearn.preprocessing' not in sys.modules\n"
              "warmup.after_first_page()\nprint('sklearn.preprocessing' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "RNNLAB_WARMUP": "0"}, cwd=str(Path(__file__).resolve().parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
