"""Sections shared by several pages: backtests, residual checks, the copycat test, the no-TensorFlow fallback."""
