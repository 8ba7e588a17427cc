"""notebook_series() is what the seed notebook computes run top to bottom: checked by running the
notebook's own code cells, in order, up to the cell that makes ``data``.

Plotting is made inert (matplotlib is not a dependency) and TensorFlow is replaced by an inert
module: the cells before ``data`` only import it and seed its own generator, which never touches
numpy's. The section-2 cell is run as written; it stops at the notebook's scaling bug
(``scaler.transform(y...)`` on a scaler fitted on 90 columns), after ``data`` exists.
"""

from __future__ import annotations

import re
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

from rnnlab.data import noisy_sine, notebook_series

# A copy of the seed notebook travels with the tests (a clean checkout has no ../shared); where
# the shared original is present, the copy must be identical to it.
SEED = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "seed_notebook.txt"
SHARED = [Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "000_a3a54763eb430389.txt",
          Path("/work/shared/seed/000_a3a54763eb430389.txt")]


class Inert:
    """Anything: every attribute, call, index and unpacking gives another Inert."""

    def __getattr__(self, name):
        return Inert()

    def __call__(self, *args, **kwargs):
        return Inert()

    def __getitem__(self, key):
        return Inert()

    def __iter__(self):
        return iter((Inert(), Inert()))  # fig, ax = plt.subplots(...)


def _inert_module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__getattr__ = lambda attr: Inert()  # PEP 562: every attribute exists
    return module


def code_cells(text: str) -> list[str]:
    """The code of each ``In [...]:`` cell: the lines up to the next Markdown heading (##)."""
    cells = []
    for chunk in re.split(r"^In \[[^\]]*\]:\s*$", text, flags=re.M)[1:]:
        code = re.split(r"^#{2,} ", chunk, maxsplit=1, flags=re.M)[0]
        cells.append(code.strip("\n"))
    return cells


@pytest.fixture
def notebook_namespace(monkeypatch):
    """Runs the notebook's code cells in order until one defines ``data``; returns its namespace."""
    for name in ("matplotlib", "matplotlib.pyplot", "tensorflow", "tensorflow.keras"):
        monkeypatch.setitem(sys.modules, name, _inert_module(name))
    cells = code_cells(SEED.read_text(encoding="utf-8"))
    namespace: dict = {"__name__": "__notebook__"}
    state = np.random.get_state()  # the notebook seeds numpy's global generator
    try:
        with warnings.catch_warnings():  # the notebook silences all warnings
            for number, cell in enumerate(cells, start=1):
                code = compile(cell, f"notebook cell {number}", "exec")
                try:
                    exec(code, namespace)
                except ValueError as err:  # the scaling cell's crash, after data was made
                    namespace["_crash"] = (number, err)
                if "data" in namespace:
                    break
    finally:
        np.random.set_state(state)
    return namespace


def test_the_copy_is_the_shared_seed():
    for original in SHARED:
        if original.exists():
            assert original.read_bytes() == SEED.read_bytes()


def test_the_seed_has_the_cells_this_test_runs():
    cells = code_cells(SEED.read_text(encoding="utf-8"))
    assert len(cells) == 4
    assert "class SimpleRNN" in cells[1] and "rnn = SimpleRNN(" in cells[1]
    assert "data = np.sin(t) + 0.1 * np.random.randn(time_steps)" in cells[2]


def test_notebook_series_is_what_the_notebook_computes(notebook_namespace):
    ns = notebook_namespace
    assert ns["TENSORFLOW_AVAILABLE"] is True  # section 2 really ran, not its fallback
    assert isinstance(ns["rnn"].W_hh, np.ndarray)  # section 1's network was built first
    assert np.array_equal(notebook_series(), ns["data"])
    assert notebook_series().dtype == np.float64 and notebook_series().shape == (100,)
    # The cell went on to the notebook's known scaling bug, which is what stopped it.
    number, err = ns["_crash"]
    assert number == 3 and "features" in str(err)


def test_noisy_sine_is_section_two_run_on_its_own(notebook_namespace):
    """Not the notebook's series: section 1 drew 120 normals from the generator first."""
    ns = notebook_namespace
    assert np.abs(noisy_sine() - ns["data"]).max() > 0.3
    assert np.round(ns["data"][:2], 4).tolist() == [0.0791, 0.0357]
    np.random.seed(42)
    alone = np.sin(np.linspace(0, 4 * np.pi, 100)) + 0.1 * np.random.randn(100)
    assert np.array_equal(noisy_sine(), alone)
