"""Compare trains minGRU and minLSTM beside the three classic cells when asked (issue 25)."""

from types import SimpleNamespace

import pytest

from rnnlab.training import backend


@pytest.mark.parametrize("modern, cells", [(False, ["SimpleRNN", "LSTM", "GRU"]),
                                           (True, ["SimpleRNN", "LSTM", "GRU", "minGRU", "minLSTM"])])
def test_the_toggle_adds_the_minimal_cells_to_the_same_comparison(app_test, monkeypatch, modern, cells):
    from ui.jobs import training_job

    started = []

    def start_job(configs, values, series_name):  # what the button hands to the training worker
        started.append(configs)
        return SimpleNamespace(job_id="job-test")

    monkeypatch.setattr(backend, "tensorflow_available", lambda: True)
    monkeypatch.setattr(training_job, "start_job", start_job)
    at = app_test("views/compare.py").run()
    at.toggle(key="compare_modern").set_value(modern).run()
    at.button(key="compare_train").click().run()
    assert not at.exception
    (configs,) = started
    assert [c.cell for c in configs] == cells
    assert len({(c.units, c.epochs, c.seed, c.lookback, c.val_fraction, c.scaler) for c in configs}) == 1
