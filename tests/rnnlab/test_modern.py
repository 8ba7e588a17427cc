"""The Modern recurrences page's logic: parity data, the timing file, the tree, the failing task."""

import json

import numpy as np
import pytest

from rnnlab.pages import modern


def test_parity_data_is_the_running_parity_of_the_bits():
    x, y = modern.parity_data(5, 9, seed=3)
    assert x.shape == y.shape == (5, 9, 1)
    for s in range(5):
        ones = 0
        for t in range(9):
            ones += int(x[s, t, 0])
            assert y[s, t, 0] == ones % 2


def test_crossover_is_where_the_fast_one_stays_faster():
    xs = [10, 100, 1000, 10000]
    assert modern.crossover(xs, [2, 1, 1, 1], [1, 2, 2, 2]) == 100
    assert modern.crossover(xs, [1, 3, 1, 1], [2, 2, 2, 2]) == 1000  # lost at 100: starts again
    assert modern.crossover(xs, [3, 3, 3, 1], [2, 2, 2, 2]) == 10000
    assert modern.crossover(xs, [3, 3, 3, 3], [2, 2, 2, 2]) is None


@pytest.mark.parametrize("steps", [2, 5, 8, 13])
def test_depth_summary_counts_the_rounds_of_the_code(steps):
    summary = modern.depth_summary(steps)
    assert summary["loop_rounds"] == steps and summary["loop_combines"] == steps - 1
    assert summary["scan_rounds"] <= 2 * int(np.ceil(np.log2(steps)))
    assert steps - 1 <= summary["combines"] <= 2 * steps


def test_the_shipped_timing_names_the_machine_and_spans_ten_to_a_hundred_thousand_steps():
    timing = modern.load_timing()
    assert timing is not None
    assert timing["machine"]["cpu"] and timing["machine"]["cores"] >= 1
    assert set(timing["load_average"]) == {"before", "after"}
    lengths = sorted({r["T"] for r in timing["numpy"]})
    assert lengths[0] == 10 and lengths[-1] == 100_000
    for row in timing["numpy"]:
        assert row["scan_max_error"] <= 1e-13  # the scan and the loop agree to round-off
        assert row["log_max_error"] <= 1e-9
    curves = modern.numpy_curves(timing, 64, "train")
    assert set(curves) == {"loop", "scan", "log"} and curves["scan"][0] == lengths
    keras = modern.keras_curves(timing)
    assert {"minGRU_scan", "GRU", "LSTM"} <= set(keras)


def test_a_missing_or_broken_timing_file_gives_none(tmp_path):
    assert modern.load_timing(tmp_path / "nothing.json") is None
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert modern.load_timing(bad) is None
    bad.write_text(json.dumps({"numpy": []}))
    assert modern.load_timing(bad) is None


def test_mingru_fails_the_parity_that_a_gru_solves():
    """Accuracy on new sequences, every step: the GRU near 100%, minGRU near chance."""
    gru = modern.train_parity("GRU", epochs=30, time_limit=60)
    mingru = modern.train_parity("minGRU", epochs=30, time_limit=60)
    assert gru.accuracy[-1] >= 0.95 and gru.long_accuracy >= 0.9
    assert mingru.accuracy[-1] <= 0.7 and mingru.long_accuracy <= 0.65
    # minGRU gets the first step right (parity of one bit is the bit) and then drifts to chance.
    assert mingru.long_by_step[0] >= 0.9 and np.mean(mingru.long_by_step[24:]) <= 0.6
    assert len(mingru.long_by_step) == 4 * mingru.steps


def test_train_parity_refuses_an_unknown_cell():
    with pytest.raises(ValueError, match="cell must be one of"):
        modern.train_parity("Transformer")
