"""Background work a session starts: trainings, backtests, BPTT on Hidden states, the worker's warm-up, Keras' global state, and the memory budget a new job asks against."""
