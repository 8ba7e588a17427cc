"""A small class (N = 6, two of them training at once) against one real server process, through
Streamlit's websocket protocol (testkit.run_classroom). The big one is bench/bench_classroom.py."""

from __future__ import annotations

import pytest

from testkit import run_classroom

pytestmark = pytest.mark.keras


def test_six_students_two_trainings(tmp_path):
    result = run_classroom(students=6, trainers=2, seed=1, training_limit=240, think=(0.2, 1.0),
                           log_path=tmp_path / "server.log",
                           env={"RNNLAB_DATA_DIR": str(tmp_path / "data"), "RNNLAB_MAX_TRAININGS": "1"})
    assert result.errors == [] and result.server_tracebacks == 0
    assert result.trainings_done == 2
    # One slot for two trainings: the second waited, and saw its place in the queue.
    assert result.queue_max_position == 1 and result.queue_messages >= 1
    t = result.timings
    assert len(t.open) == 6 and len(t.page_switch) >= 6 * 3 and len(t.setting) >= 6
    # Every student stepped the Hidden states stage three times (the settled step the
    # component reports, which reruns the stage's fragment).
    assert len(t.step) == 6 * 3
    # The sessions were saved: one per student in the store (each its own cookie).
    import sqlite3

    rows = sqlite3.connect(tmp_path / "data" / "store.db").execute(
        "SELECT COUNT(*) FROM kv WHERE key LIKE 'session:%'").fetchone()[0]
    assert rows == 6
