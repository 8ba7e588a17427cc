"""A small, readable numpy engine for SimpleRNN, LSTM and GRU, proven equal to Keras.

Never imports TensorFlow: `from_keras` only reads weights from layers it is given.
"""

from rnnlab.scratch.cells import CELLS, GRU, LSTM, SimpleRNN, Trace, sigmoid

__all__ = ["CELLS", "GRU", "LSTM", "SimpleRNN", "Trace", "sigmoid"]
