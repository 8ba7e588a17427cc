"""Lessons: scenes a teacher writes, the built-in notebook lesson, and their file format.

Public API (DESIGN.md): ``builtin(name) -> Lesson`` ("notebook": the guided notebook),
``loads(text) -> Lesson`` (bad input raises ``LessonError``, a MessageError),
``Lesson.dumps() -> str``, ``len(lesson)``, ``offline_html(lesson, lang) -> str``.
No streamlit here, no TensorFlow at import.
"""

from __future__ import annotations

from rnnlab.lessons.model import FOCUS, PAGES, Lesson, LessonError, LText, Scene, loads
from rnnlab.lessons.values import VALUE_KINDS

__all__ = ["FOCUS", "PAGES", "VALUE_KINDS", "LText", "Lesson", "LessonError", "Scene", "builtin",
           "loads", "offline_html"]

BUILTIN = ("notebook",)


def builtin(name: str) -> Lesson:
    """A lesson shipped with the app: ``"notebook"``, the seed notebook's story, guided."""
    if name not in BUILTIN:
        raise KeyError(f"no built-in lesson {name!r} (there is: {', '.join(BUILTIN)})")
    from rnnlab.lessons.notebook import lesson

    return lesson()


def offline_html(lesson: Lesson, lang: str, runs: list | None = None) -> str:
    """The lesson as one self-contained HTML file (rnnlab.lessons.offline); ``runs``: the
    exporter's finished trainings, for the scenes that need one."""
    from rnnlab.lessons.offline import offline_html as build

    return build(lesson, lang, runs=runs)
