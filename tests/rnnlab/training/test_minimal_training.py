"""minGRU and minLSTM train on Train and Compare like the other cells (issue 25): the same data,
split, metrics and MASE; the model exports and loads back; the numbers are the numpy engine's."""

import numpy as np
import pytest

from rnnlab import training
from rnnlab.data import Series, noisy_sine
from rnnlab.data.windows import prepare
from rnnlab.pages import compare, params
from rnnlab.scratch import Network
from rnnlab.scratch.minimal import MINIMAL_CELLS
from rnnlab.training import TrainConfig

VALUES = noisy_sine()


def small(cell, **changes) -> TrainConfig:
    return TrainConfig(**{"cell": cell, "layers": 1, "units": 8, "activation": "tanh", "lookback": 10,
                          "epochs": 3, "batch_size": 16, "learning_rate": 0.01, "seed": 3, **changes})


@pytest.mark.parametrize("cell, count", [("minGRU", 2 * 8 * (1 + 1)), ("minLSTM", 3 * 8 * (1 + 1))])
def test_the_configs_validate_and_the_counts_have_no_recurrent_kernel(cell, count):
    assert small(cell).validate(len(VALUES)) == []
    assert params.recurrent_params(cell, 8, 1) == count
    assert params.formula_latex(cell) == ("2H(D+1)" if cell == "minGRU" else "3H(D+1)")
    assert small("Transformer").validate(len(VALUES))  # still refused, with a message


def test_compare_adds_the_minimal_cells_on_request():
    assert [c.cell for c in compare.three_cell_configs()] == ["SimpleRNN", "LSTM", "GRU"]
    five = compare.three_cell_configs(modern=True, units=8)
    assert [c.cell for c in five] == ["SimpleRNN", "LSTM", "GRU", "minGRU", "minLSTM"]
    assert len({(c.units, c.seed, c.lookback, c.epochs) for c in five}) == 1  # only the cell differs


@pytest.mark.keras
@pytest.mark.parametrize("cell", ["minGRU", "minLSTM"])
def test_a_minimal_cell_trains_like_the_others(cell):
    config = small(cell, layers=2)
    run = training.train(Series(VALUES, name="sine"), config)
    assert run.status == "completed" and run.epochs_done == 3
    assert run.n_params == training.count_params(config) == params.stack_params(cell, 8, layers=2)
    data = prepare(VALUES, config.lookback, config.val_fraction, config.test_fraction)
    scale = float(np.mean(np.abs(np.diff(VALUES[: data.train_end]))))
    for split in ("train", "val", "test"):
        mae = float(np.mean(np.abs(run.targets[split] - run.predictions[split])))
        assert run.metrics[split]["mase"] == pytest.approx(mae / scale)
    # The trained Keras model, read back from its .keras file, is the numpy engine's network.
    model = training.load_model(training.export_run(run))
    layers = [MINIMAL_CELLS[cell].from_keras(layer, dtype=np.float64) for layer in model.layers[:-1]]
    dense_w, dense_b = model.layers[-1].get_weights()
    network = Network(layers, readout="last")
    network.dense = {"W": dense_w.astype(np.float64), "b": dense_b.astype(np.float64)}
    engine = data.scaler.inverse_transform(network.predict(data.X["test"]))
    np.testing.assert_allclose(run.predictions["test"], engine, rtol=1e-4, atol=1e-4)
