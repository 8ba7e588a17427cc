"""Lesson links that could crash a page or disguise the teacher's task (issue 12)."""

from __future__ import annotations

import pytest

from rnnlab.classroom import share_links
from rnnlab.data import MIN_VALUES
from ui.session.state import session_of


@pytest.fixture
def _open(app_test):
    def _open(**params):
        at = app_test("app.py")
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at
    return _open


def test_check_range_against_the_series_and_every_pages_minimum():
    assert share_links.check_range((0, 100, 1), 100) == (0, 100, 1)
    assert share_links.check_range((0, 2, 1), 100) is None  # 2 values: Hidden states' slider breaks
    assert share_links.check_range((0, 100, 99), 100) is None  # 2 values again, by the step
    assert share_links.check_range((0, 101, 1), 100) is None  # past the end
    assert share_links.check_range((10, 10 + MIN_VALUES, 1), 100) == (10, 10 + MIN_VALUES, 1)
    assert max(share_links.page_minimums().values()) == MIN_VALUES


@pytest.mark.parametrize("bad", ["0,2,1", "0,100,99", "0,5000,1"])
def test_a_range_too_short_or_too_long_is_dropped_and_reported(_open, app_test, bad):
    at = _open(src="sine", n="100", range=bad)
    assert session_of(at.session_state).range == (0, 100, 1)
    assert any("range" in w.value for w in at.warning)
    hidden = app_test("views/hidden_states.py", series=session_of(at.session_state).series,
                  series_source=session_of(at.session_state).source,
                  series_range=session_of(at.session_state).range).run()
    assert not hidden.exception


def test_a_good_range_is_kept(_open):
    at = _open(src="sine", n="300", range="0,200,2")
    assert session_of(at.session_state).range == (0, 200, 2)
    assert not any("range" in w.value for w in at.warning)


def test_hide_accepts_only_the_teacher_hideable_controls(_open):
    at = _open(teacher="1", hide="hidden_units,lang_switch,train_stop,csv_upload")
    assert at.session_state["_teacher"]["hide"] == ("hidden_units",)
    assert any("hide" in w.value for w in at.warning)
    styles = " ".join(str(getattr(el, "proto", "")) for el in at.get("html"))
    assert "lang_switch" not in styles and "csv_upload" not in styles


def test_the_teachers_own_task_is_plain_text_of_at_most_500_characters(_open):
    task = "![x](http://example.invalid/p.png) [click](http://evil.invalid) " + "a" * 600
    at = _open(teacher="1", task=task)
    box = next(i.value for i in at.info if "Task" in i.value or "Tarea" in i.value)
    assert "![x](" not in box and "[click](" not in box
    assert "\\!\\[x\\]" in box
    assert box.count("a") <= 500 + 20
