"""The running server: the training worker process, TensorFlow's warm-up, a session's memory accounting."""
