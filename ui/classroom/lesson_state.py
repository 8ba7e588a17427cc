"""The lesson being played and the lesson being written: their session state, with one owner.

Two plain entries, both declared in ui/persistence/saved_state.py (a reload keeps them):

- ``PLAYING``: ``{"code", "text", "scene", "seq"}``: the lesson played (its JSON text, checked
  again by rnnlab.lessons.loads whenever it is read, so a restored state cannot smuggle in a
  lesson the format refuses), where its code came from (``notebook``, a saved code, or ``""``
  for a preview or an imported file), the scene shown (0-based) and a counter that grows at
  every scene change (the stage moves to the scene's step once per new value).
- ``DRAFT``: ``{"title", "scenes", "code"}`` as JSON text: the lesson a teacher is writing
  (its scenes as the lesson file's scene dicts; it may be empty, which a lesson file may not).

Other modules read and change these only through the functions below.
"""

from __future__ import annotations

import json

import streamlit as st

PLAYING = "_lesson_play"
DRAFT = "_lesson_draft"
ANSWERS = "_lesson_answers"  # {scene index: {"answer": ..., "right": bool}} of this play, not saved
MAX_TEXT = 2_100_000  # a lesson file is at most 2 MB of text (rnnlab.lessons)

_CACHE = "_lesson_cache"  # (text, Lesson): the parsed lesson of PLAYING's text (never saved)


# ----- playing -----

def playing() -> dict | None:
    value = st.session_state.get(PLAYING)
    return value if isinstance(value, dict) and isinstance(value.get("text"), str) else None


def lesson():
    """The played lesson (an rnnlab.lessons.Lesson), or None (none played, or its text no longer
    passes the format's checks: then the play stops)."""
    from rnnlab.lessons import LessonError, loads

    info = playing()
    if info is None:
        return None
    cached = st.session_state.get(_CACHE)
    if isinstance(cached, tuple) and cached[0] is info["text"]:
        return cached[1]
    try:
        parsed = loads(info["text"])
    except LessonError:
        stop()
        return None
    st.session_state[_CACHE] = (info["text"], parsed)
    return parsed


def start(lesson_obj, code: str = "", scene: int = 0) -> None:
    """Play ``lesson_obj`` from ``scene`` (0-based)."""
    text = lesson_obj.dumps()
    st.session_state[PLAYING] = {"code": str(code)[:40], "text": text, "scene": 0,
                                 "seq": int((playing() or {}).get("seq", 0)) + 1}
    st.session_state[_CACHE] = (text, lesson_obj)
    st.session_state.pop(ANSWERS, None)
    set_scene(scene)


def stop() -> None:
    for key in (PLAYING, _CACHE, ANSWERS):
        st.session_state.pop(key, None)


def scene_index() -> int:
    info = playing()
    return int(info.get("scene", 0)) if info else 0


def set_scene(index: int) -> None:
    info = playing()
    if info is None:
        return
    found = lesson()
    n = len(found) if found is not None else 1
    info["scene"] = max(0, min(int(index), n - 1))
    info["seq"] = int(info.get("seq", 0)) + 1


def seq() -> int:
    return int((playing() or {}).get("seq", 0))


def answers() -> dict:
    return st.session_state.setdefault(ANSWERS, {})


# ----- writing -----

def _empty_draft() -> dict:
    return {"title": {"es": "", "en": ""}, "scenes": [], "code": None}


def draft() -> dict:
    """The lesson being written: {"title": {"es", "en"}, "scenes": [scene dicts], "code"}."""
    raw = st.session_state.get(DRAFT)
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        if isinstance(value, dict) and isinstance(value.get("scenes"), list):
            value.setdefault("title", {"es": "", "en": ""})
            value.setdefault("code", None)
            return value
    return _empty_draft()


def set_draft(value: dict) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= MAX_TEXT:
        st.session_state[DRAFT] = text


def clear_draft() -> None:
    st.session_state.pop(DRAFT, None)
