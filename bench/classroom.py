"""The simulated classroom now lives in testkit.py (bench/ and tests/ share helpers only
through it); its names stay importable here for the benches' old imports."""

from testkit import (  # noqa: F401
    ESTIMATE_TEXT,
    QUEUE_TEXT,
    Result,
    Server,
    Student,
    Timings,
    _done_states,
    _finished,
    _run_async,
    free_port,
    run_classroom,
)

FINISHED = _finished()  # ForwardMsg.ScriptFinishedStatus (imports Streamlit's protos: benches only)
DONE_STATES = _done_states()
