"""Python's cycle collector, set for a server that draws a whole class's pages.

A full collection walks every object the process holds: Streamlit, pandas, Plotly, every
session's state. In the server that is 0.15-0.3 s with the interpreter lock held, and with
Python's default (a full collection after every 10 collections of the middle generation) a live
lesson of 40 students made 18 of them in 9 scenes: 2.6-3.1 s in which no page was drawn, often
in the middle of a scene's forty redraws (bench/bench_lesson_room.py, timed with gc.callbacks).
A full collection every 100 leaves 1-4 (0.4-0.8 s). Young cycles are still collected as often as
before, and a closed session's memory is collected at once when it is released
(ui/session/sessions.py calls gc.collect()).
"""

from __future__ import annotations

import gc

FULL_EVERY = 100  # middle-generation collections between two full ones (Python's default: 10)


def tune() -> None:
    """Fewer full collections; the young generations' thresholds stay Python's."""
    young, middle, full = gc.get_threshold()
    if full != FULL_EVERY:
        gc.set_threshold(young, middle, FULL_EVERY)
