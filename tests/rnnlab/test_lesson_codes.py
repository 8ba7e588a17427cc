"""Lessons kept under a short code in the session store (rnnlab.lessons.lesson_codes)."""

from __future__ import annotations

import pytest

from rnnlab.classroom.rooms import CODE_PATTERN
from rnnlab.lessons import LessonError, builtin, lesson_codes
from rnnlab.store.sqlite_store import SQLiteStore


@pytest.fixture
def clock():
    return [1_000_000.0]


@pytest.fixture
def store(tmp_path, clock):
    return SQLiteStore(tmp_path / "s.db", clock=lambda: clock[0])


def test_a_saved_lesson_comes_back_by_its_code_as_typed(store):
    lesson = builtin("notebook")
    code = lesson_codes.save(store, lesson.dumps())
    assert CODE_PATTERN.match(code)
    assert lesson_codes.load(store, code) == lesson
    typed = f" {code[:3].lower()}-{code[3:].lower()} "  # spaces, a dash, lower case
    assert lesson_codes.load(store, typed) == lesson


def test_saving_again_keeps_the_code_and_a_new_lesson_gets_another(store):
    lesson = builtin("notebook")
    code = lesson_codes.save(store, lesson.dumps())
    shorter = lesson._with_scenes(list(lesson.scenes[:2]))
    assert lesson_codes.save(store, shorter.dumps(), code) == code
    assert len(lesson_codes.load(store, code)) == 2
    assert lesson_codes.save(store, lesson.dumps()) != code


def test_a_lesson_expires_after_its_time_to_live(store, clock):
    code = lesson_codes.save(store, builtin("notebook").dumps())
    clock[0] += lesson_codes.TTL_SECONDS - 1
    assert lesson_codes.load(store, code) is not None
    clock[0] += 2
    assert lesson_codes.load(store, code) is None


def test_unknown_codes_and_non_codes_find_nothing(store):
    assert lesson_codes.load(store, "ZZZZZZ") is None
    assert lesson_codes.load(store, "../etc") is None
    assert lesson_codes.load(store, "x" * 500) is None


def test_what_comes_back_from_the_store_is_checked_again(store):
    code = lesson_codes.save(store, builtin("notebook").dumps())
    store.put(f"lesson:{code}", b'{"format": "rnnlab-lesson", "version": 1, "title": "t", "scenes": []}')
    with pytest.raises(LessonError):
        lesson_codes.load(store, code)


def test_an_oversize_lesson_is_not_kept(store):
    with pytest.raises(ValueError):
        lesson_codes.save(store, "x" * (lesson_codes.MAX_BYTES + 1))
