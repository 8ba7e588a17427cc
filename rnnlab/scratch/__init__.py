"""A small, readable numpy engine for SimpleRNN, LSTM and GRU, proven equal to Keras,
and the minimal recurrences minGRU and minLSTM (minimal.py) with their parallel scan (scan.py).

    cell = LSTM(input_size=1, units=16)          # or LSTM.from_keras(keras_layer)
    trace = cell.forward(x)                       # x: (batch, time, features)
    trace.hidden, trace.cell, trace.gates["forget"], trace.pre["forget"]
    grads = cell.backward(trace, d_hidden)        # "Wx", "Wh", "b", "x", "h0", "dh_norms"

    net = Network.build("LSTM", units=[50, 50], activation="relu")   # or Network.from_keras(model)
    result = train_windows(net, rnnlab.data.windows.prepare(values, lookback=10), epochs=100)

Never imports TensorFlow: `from_keras` only reads the weights of layers it is given.
"""

from rnnlab.scratch.analysis import (
    jacobian_norms,
    memory_probe,
    recurrent_spectral_radii,
    spectral_radius,
    with_spectral_radius,
)
from rnnlab.scratch.cells import CELLS, GRU, LSTM, SimpleRNN, Trace, sigmoid
from rnnlab.scratch.minimal import MINIMAL_CELLS, MinGRU, MinLSTM, MinTrace
from rnnlab.scratch.network import READOUTS, Network, NetworkTrace
from rnnlab.scratch.trainer import (
    SGD,
    Adam,
    TrainResult,
    clip_by_global_norm,
    train,
    train_windows,
)

__all__ = [
    "CELLS", "GRU", "LSTM", "MINIMAL_CELLS", "READOUTS", "MinGRU", "MinLSTM", "MinTrace", "SGD", "Adam", "Network", "NetworkTrace", "SimpleRNN",
    "Trace", "TrainResult", "clip_by_global_norm", "jacobian_norms", "memory_probe",
    "recurrent_spectral_radii", "sigmoid", "spectral_radius", "train", "train_windows",
    "with_spectral_radius",
]
