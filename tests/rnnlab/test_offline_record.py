"""The built-in lesson's recorded trainings (rnnlab/lessons/offline_runs.json) are what a fresh
training gives: one of them trained again here, and compared (Keras)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.lessons import builtin
from rnnlab.lessons import offline as off


@pytest.mark.keras
def test_a_recorded_run_is_what_training_it_again_gives():
    from rnnlab.training import train

    records = {rec["key"]: rec for rec in off.recorded_runs()}
    needed = off.needed_trainings(builtin("notebook"))
    # the quickest of them (fewest epochs x units), trained again with the same config and series
    config, values = min(needed, key=lambda cv: cv[0].epochs * cv[0].units * cv[0].layers)
    rec = records[off.run_key(config, values)]
    run = train(values, config)
    fresh = off.record_of(run, off.forecasts_of(run))
    assert fresh["key"] == rec["key"]
    for part in ("train", "val", "test"):
        for metric in ("mase", "mae", "rmse"):
            assert fresh["metrics"][part][metric] == pytest.approx(rec["metrics"][part][metric], rel=2e-3), (part, metric)
    assert np.allclose(fresh["history"]["loss"], rec["history"]["loss"], rtol=5e-3, atol=1e-6)
    assert np.allclose(fresh["test"]["prediction"], rec["test"]["prediction"], rtol=2e-3, atol=1e-4)
    assert fresh["baselines"] == rec["baselines"]  # no training in these: exactly the same
    assert np.allclose(fresh["forecasts"]["from_test"], rec["forecasts"]["from_test"], rtol=5e-3, atol=1e-3)


def test_the_records_hold_what_the_scenes_read():
    for rec in off.recorded_runs():
        run = off.run_from_record(rec)
        assert run.status == "completed"
        assert len(run.history["loss"]) == run.config.epochs
        n_test = len(rec["test"]["target"])
        assert n_test == len(rec["test"]["prediction"]) == len(rec["forecasts"]["from_test"]) > 0
        # the recorded MASE is the recorded predictions' error over the recorded scale
        err = np.mean(np.abs(np.asarray(rec["test"]["target"]) - np.asarray(rec["test"]["prediction"])))
        assert err == pytest.approx(rec["metrics"]["test"]["mae"], rel=1e-6)
