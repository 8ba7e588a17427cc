"""Run numpy's BLAS on one thread while the engine works.

The engine's matrix products are small (tens of units, a few dozen windows). OpenBLAS splits
products above a size threshold over its threads; on a busy machine (a classroom server, several
sessions training at once) waking those threads costs milliseconds per product. Measured here
on a loaded 2-core machine: 100 epochs of a 32-unit LSTM took 9.3 s with 2 BLAS threads and
0.34 s with one. threadpoolctl comes with scikit-learn; without it this does nothing.

The limit is process-wide (OpenBLAS has no per-thread setting): it is taken around the engine's
forward, backward, training and analysis calls and restored afterwards. With several sessions
overlapping, the restore may leave BLAS on one thread for a while, which only costs speed in
large products elsewhere; correctness never depends on it.
"""

from __future__ import annotations

import contextlib
import functools

_controller = None


def one_blas_thread():
    """A context manager that limits numpy's BLAS to one thread (no-op if threadpoolctl is missing)."""
    global _controller
    try:
        if _controller is None:
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        return _controller.limit(limits=1, user_api="blas")
    except ImportError:
        return contextlib.nullcontext()


def single_blas_thread(function):
    """Decorator: run `function` under one_blas_thread()."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with one_blas_thread():
            return function(*args, **kwargs)

    return wrapper
