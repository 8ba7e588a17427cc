"""``streamlit run`` with every script run profiled by cProfile (for bench/profile_pages.py).

cProfile profiles one thread; Streamlit runs each session's script in a thread of its own. So
this wraps ``ScriptRunner._run_script`` in a profiler per run and adds the runs up per page
(the page script hash the run asked for, plus "frag" for fragment runs). SIGUSR1 writes them
to ``$RNNLAB_PROFILE_DIR/<hash>.prof`` and starts afresh. ``RNNLAB_PROFILE_CLOCK=cpu`` times each
run by its thread's CPU (time.thread_time) instead of the wall clock, which, with forty runs
sharing the GIL, counts every wait for it as time spent where it waited.

    python bench/profiled_server.py app.py --server.port=8600 ...   (same arguments as streamlit run)
"""

from __future__ import annotations

import cProfile
import os
import pstats
import signal
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_lock = threading.Lock()
_stats: dict[str, pstats.Stats] = {}
_original = script_runner.ScriptRunner._run_script
_CPU = os.environ.get("RNNLAB_PROFILE_CLOCK") == "cpu"


def _profiled(self, rerun_data):
    name = (rerun_data.page_script_hash or "main") + ("-frag" if rerun_data.fragment_id_queue else "")
    profile = cProfile.Profile(time.thread_time) if _CPU else cProfile.Profile()
    profile.enable()
    try:
        return _original(self, rerun_data)
    finally:
        profile.disable()
        with _lock:
            if name in _stats:
                _stats[name].add(profile)
            else:
                _stats[name] = pstats.Stats(profile)


def _dump(*_args) -> None:
    folder = Path(os.environ.get("RNNLAB_PROFILE_DIR", "/tmp/rnnlab-profile"))
    folder.mkdir(parents=True, exist_ok=True)
    with _lock:
        for name, stats in _stats.items():
            stats.dump_stats(str(folder / f"{name}.prof"))
        _stats.clear()
    (folder / "dumped").write_text("ok")


script_runner.ScriptRunner._run_script = _profiled
signal.signal(signal.SIGUSR1, _dump)

if __name__ == "__main__":
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
