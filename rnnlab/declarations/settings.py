"""Every setting of rnnlab from the environment (``RNNLAB_*``), in one place: its default and why.

Nothing else reads an ``RNNLAB_*`` variable: code asks its setting here (``settings.MAX_TRAININGS
.value()``). A setting reads the environment when asked, so a test's ``monkeypatch.setenv`` and
a server's environment both work; a value that does not parse falls back to the default. README's
configuration table is generated from ``SETTINGS`` (``python -m rnnlab.declarations.settings``) and a test
checks it is up to date. Every one has a working default: nothing needs to be set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def cpu_count() -> int:
    """CPUs this process may use (its affinity on Linux)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Setting:
    name: str  # without the RNNLAB_ prefix
    kind: str  # "int", "float", "flag" (on unless "0"), "text", "path"
    default: object  # None: see ``default_text``
    why: str  # one line for README's table
    low: float | None = None  # values below are raised to it
    default_text: str = ""  # how README says the default, when it is not a plain value

    @property
    def env(self) -> str:
        return f"RNNLAB_{self.name}"

    def raw(self) -> str | None:
        return os.environ.get(self.env)

    def value(self, default=None):
        """The setting now: the environment's value, parsed, or the default (``default``
        replaces a dynamic one such as TF_THREADS')."""
        fallback = self.default if default is None else default
        raw = self.raw()
        if self.kind == "flag":
            return (raw if raw is not None else ("1" if fallback else "0")).strip() != "0"
        if self.kind in ("text", "path"):
            raw = (raw or "").strip()
            if not raw:
                return fallback
            return Path(raw).expanduser() if self.kind == "path" else raw
        try:
            value = int(raw) if self.kind == "int" else float(raw)
        except (TypeError, ValueError):
            value = fallback
        if value is not None and self.low is not None:
            value = max(type(value)(self.low), value)
        return value

    def readme_default(self) -> str:
        if self.default_text:
            return self.default_text
        if self.kind == "flag":
            return "1 (on)" if self.default else "0 (off)"
        if isinstance(self.default, float) and self.default.is_integer():
            return str(int(self.default))
        return str(self.default)


MAX_TRAININGS = Setting(
    "MAX_TRAININGS", "int", 2, "Keras trainings at once; the others queue and see their place "
    "(two cores: two trainings keep the pages responsive)", low=1)
MAX_TRAIN_SECONDS = Setting(
    "MAX_TRAIN_SECONDS", "float", 600.0, "a training estimated to take longer is refused, saying "
    "what to change (a class hour is short); 0 = no limit", low=0)
TF_THREADS = Setting(
    "TF_THREADS", "int", None, "TensorFlow's threads per training", low=1,
    default_text="the CPUs the process may use")
MODEL_POOL = Setting(
    "MODEL_POOL", "int", 6, "compiled models kept for reuse: the next training of the same shape "
    "skips TensorFlow's tracing; 0 keeps none", low=0)
TRAIN_WORKER = Setting(
    "TRAIN_WORKER", "flag", True, "trainings run in a worker process, so the server's Python stays "
    "free for the pages; 0 trains inside the server")
WORKER_NICE = Setting(
    "WORKER_NICE", "int", 10, "the worker's niceness: it yields the CPU to the server, since pages "
    "are what people wait on")
WARMUP = Setting(
    "WARMUP", "flag", True, "the worker imports TensorFlow and traces the default model as the "
    "server starts (serve.py) or after the first page (app.py), so the first Train waits only "
    "for the training")
SHARED_FIGURES = Setting(
    "SHARED_FIGURES", "int", 48, "figures that depend only on values, built once and shared by "
    "every session (the last N); 0 turns sharing off", low=0)
STUDENT_POLL = Setting(
    "STUDENT_POLL", "float", 1.0, "seconds between two looks at the room by a student's screen: "
    "the teacher's move reaches the class within about this plus one page draw; every look costs "
    "the server about 4 ms per student (0.15 core for 40 at 1 s)", low=0.25)
SCENE_REDRAWS = Setting(
    "SCENE_REDRAWS", "int", 2, "following students' pages redrawn at once when the teacher moves; "
    "the others wait their turn (rnnlab/runtime/turns.py: the first screens are ready sooner and "
    "the last no later); 0 = all at once", low=0)
SESSION_MB = Setting(
    "SESSION_MB", "float", 100.0, "memory budget of one session in MB: past it Train and Compare "
    "ask before training more (a class of 20 fits in 2.7 GB); 0 = no budget", low=0)
SESSION_MAX_MB = Setting(
    "SESSION_MAX_MB", "float", 32.0, "largest saved state of one browser in MB; a bigger one is "
    "not saved, with a notice", low=0)
SESSION_GRACE = Setting(
    "SESSION_GRACE", "float", 1.0, "seconds a closed tab's training goes on before it is stopped "
    "(more than a network blip)", low=0)
RELOAD_GRACE = Setting(
    "RELOAD_GRACE", "float", 10.0, "seconds a training waits for its reloaded page to take it "
    "over before it is stopped", low=0)
SESSION_TTL = Setting(
    "SESSION_TTL", "float", None, "seconds after which a closed session's data is freed", low=0,
    default_text="Streamlit's server.disconnectedSessionTTL (60 in .streamlit/config.toml)")
DATA_DIR = Setting(
    "DATA_DIR", "path", None, "folder of the embedded SQLite session store",
    default_text="~/.cache/rnnlab (XDG_CACHE_HOME)")
STORE = Setting(
    "STORE", "text", "", "redis://HOST:PORT/DB to share saved sessions and live lessons between "
    "replicas (deploy/)", default_text="empty: SQLite in RNNLAB_DATA_DIR")

SETTINGS = (MAX_TRAININGS, MAX_TRAIN_SECONDS, TF_THREADS, MODEL_POOL, TRAIN_WORKER, WORKER_NICE,
            WARMUP, SHARED_FIGURES, STUDENT_POLL, SCENE_REDRAWS, SESSION_MB, SESSION_MAX_MB, SESSION_GRACE, RELOAD_GRACE,
            SESSION_TTL, DATA_DIR, STORE)


def readme_table() -> str:
    """README's configuration table (Markdown), from SETTINGS."""
    rows = ["| variable | default | what it is for |", "| --- | --- | --- |"]
    rows += [f"| `{s.env}` | {s.readme_default()} | {s.why} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(readme_table(), end="")
