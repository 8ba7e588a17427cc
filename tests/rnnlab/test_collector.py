"""rnnlab.runtime.collector: fewer full garbage collections in the server (tests/test_app.py:
the app sets it)."""

from __future__ import annotations

import gc

import pytest

from rnnlab.runtime import collector


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_a_full_collection_comes_after_a_hundred_middle_ones_and_the_young_keep_theirs(thresholds):
    gc.set_threshold(500, 7, 10)
    collector.tune()
    assert gc.get_threshold() == (500, 7, collector.FULL_EVERY) == (500, 7, 100)
    collector.tune()  # every run calls it: nothing changes the second time
    assert gc.get_threshold() == (500, 7, 100)
