"""Issue 22: Compare's intro says each cell beats persistence by test MASE at the default seed
(and, bench/bench_defaults.py, in the median of seeds 0-4). This checks the default seed."""

from __future__ import annotations

import pytest

from rnnlab.data import notebook_series
from rnnlab.pages.compare import COMPARE_DEFAULTS
from rnnlab.training import TrainConfig, improvement_fraction, train

pytestmark = pytest.mark.keras


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_each_cell_beats_persistence_by_test_mase_with_compares_defaults(cell):
    config = TrainConfig(**{**COMPARE_DEFAULTS, "cell": cell})
    assert config.seed == 42  # the page's default seed
    run = train(notebook_series(), config)
    assert improvement_fraction(run, "persistence", "test", "mase") > 0
