"""What a saved session holds: the declared schema (ui/persistence/persist.py saves exactly this).

A saved state is two kinds of entries, each declared here with the check its restored value
must pass (rnnlab.classroom.session_schema):

- ``ENTRIES``: plain session-state values a page owns (the Session with series, split and
  runs; the uploaded file; the Hidden states network; the live room; the lesson link's setup;
  Compare's selection...). Nothing else is saved: caches that are rebuilt from these (the
  stage payload ``hidden_view``, figures, forecasts, the Hidden states probe) and live objects
  (training and backtest jobs) are never written.
- widget values: a widget whose control is declared in rnnlab.pages.page_controls (checked by its
  spec: a value out of range or not among the options is damage), and the few widgets
  declared in ``WIDGETS`` / ``WIDGET_PREFIXES``. Buttons, uploads and editors are not
  values to keep (see ui/persist.UNSETTABLE).

``VERSION`` goes into every saved state's meta. A restored state is checked whole by
``validate`` before any of it reaches session state: one wrong value and the state is
dropped with a notice (a page must never meet a value it did not write).
"""

from __future__ import annotations

from rnnlab.classroom import session_schema as sch
from rnnlab.declarations.controls import Action
from rnnlab.i18n import LANGS
from rnnlab.pages import page_controls

LIVE_ROOM = "_live"  # ui/classroom/live.py's LIVE: the room this session is in
# What "Forget my session" keeps: the person's language, and the live room (a teacher's room
# must not vanish from under the class; a student stays in the lesson).
KEPT_ON_FORGET = ("_lang", LIVE_ROOM, "_live_link")

VERSION = 2  # 1: "every key except SKIP" (no schema); 2: this declared schema
MAX_UPLOAD = 64 * 2**20  # bytes of a kept upload (the upload limit is 25 MB)


def _session():
    from rnnlab.data.windows import SCALERS
    from rnnlab.training.config import LIMITS
    from ui.session.state import Session, SplitSettings

    split = sch.Fields(SplitSettings, {
        "val_fraction": sch.Real(*LIMITS["val_fraction"]),
        "test_fraction": sch.Real(*LIMITS["test_fraction"]),
        "lookback": sch.Int(*LIMITS["lookback"]),
        "scaler": sch.Str(choices=tuple(SCALERS)),
    })

    def range_fits(session) -> str | None:
        start, stop, step = session.range
        return None if 0 <= start <= stop and step >= 1 else "range out of order"

    return sch.Fields(Session, {
        "series": sch.series_check(min_len=1),
        "source": sch.Json(max_depth=3, max_items=200),
        "range": sch.TupleOf(sch.Int(0), sch.Int(0), sch.Int(1, 10**9), list_ok=True),
        "split": split,
        "runs": sch.ListOf(sch.run_check(), max_len=500),
    }, extra=range_fits)


def _hidden_nets():
    from rnnlab.scratch.trainer import TrainResult

    result = sch.Fields(TrainResult, {
        "history": sch.DictOf(sch.Str(40), sch.ListOf(sch.SCORE, max_len=100_000), max_len=10),
        "status": sch.Str(choices=("completed", "stopped", "diverged")),
        "message": sch.Optional(sch.MESSAGE), "epochs": sch.Int(0, 10**6), "seconds": sch.Real(0),
    })
    return sch.Record({
        "key": sch.Json(max_depth=2, max_items=40), "untrained": sch.NETWORK,
        "trained": sch.Optional(sch.NETWORK), "trained_id": sch.Optional(sch.Str(40)),
        "result": sch.Optional(result),
    }, required=("key", "untrained"))


def _entries() -> dict[str, sch.Check]:
    from ui.session import compare_view_state as cv
    from ui.session import data_view_state as dv
    from ui.session import train_view_state as tv

    ids = sch.Str(100)
    live = sch.Keyed({"role": sch.Str(choices=("teacher", "student")), "code": sch.Str(20)},
                     rest=sch.Json(max_depth=4, max_items=2_000))
    return {
        "session": _session(),  # ui/session/state.py: series, source, range, split, runs
        "_lang": sch.Str(choices=LANGS),  # ui/i18n.py: the person's language
        dv.KIND: sch.Str(choices=page_controls.DATA_KINDS),  # ui/session/data_view_state.py: the source tab
        dv.UPLOAD: sch.Record({"name": sch.Str(1_000), "id": sch.Json(max_depth=1),
                                   "bytes": sch.Bytes(MAX_UPLOAD)}, required=("name", "bytes")),
        "hidden_nets": _hidden_nets(),  # views/hidden_states.py: the network, trained or not
        "hidden_t": sch.Int(1, 10**6),  # its settled step
        tv.CONFIG: sch.train_config_check(),  # ui/session/train_view_state.py
        tv.SPLIT_SEEN: sch.Json(max_depth=1, max_items=10),
        tv.SHOWN_JOB: sch.Optional(ids),
        cv.SELECTED: sch.SetOf(ids, max_len=500),  # ui/session/compare_view_state.py
        cv.SEEN: sch.SetOf(ids, max_len=500),
        cv.COLORS: sch.DictOf(ids, sch.Str(40), max_len=500),
        "_studies": sch.DictOf(ids, sch.study_check(), max_len=500),  # ui/jobs/backtest_job.py
        "_bt_season_forbt_": sch.Int(1, 10**6),  # ui/panels/backtest_view.py, per prefix
        "_bt_season_forcmp_bt_": sch.Int(1, 10**6),
        LIVE_ROOM: live,  # ui/classroom/live.py: the room this session is in (a teacher's token too)
        "_live_link": sch.Str(40),  # the ?room= code already handled
        # ui/classroom/live.py: a student's own uploaded series, kept while following ("Back to my series")
        "_live_own_series": sch.Record({
            "series": sch.series_check(min_len=1), "source": sch.Json(max_depth=3, max_items=200),
            "range": sch.TupleOf(sch.Int(0), sch.Int(0), sch.Int(1, 10**9), list_ok=True)},
            required=("series", "source", "range")),
        "_lesson_applied": sch.Bool(),  # ui/classroom/share_links.py: the link's setup
        "_lesson_params": sch.DictOf(sch.Str(100), sch.Str(2_000), max_len=200),
        "_lesson_seeded": sch.SetOf(sch.Str(100), max_len=50),
        # ui/classroom/lesson_state.py: the lesson played (its file, checked again when read) and written
        "_lesson_play": sch.Record({"code": sch.Str(40), "text": sch.Str(2_100_000),
                                    "scene": sch.Int(0, 59), "seq": sch.Int(0)},
                                   required=("code", "text", "scene", "seq")),
        "_lesson_draft": sch.Str(3_000_000),
        "_lesson_link": sch.Str(40),  # ui/classroom/lesson_player.py: the ?lesson= value already opened
        "_teacher": sch.Record({"hide": sch.ListOf(sch.Str(100), max_len=200, kinds=(list, tuple)),
                                "task": sch.Optional(sch.Str(2_000))}),
    }


def _strategies():
    from rnnlab.studies import multistep

    return sch.ListOf(sch.Str(choices=tuple(multistep.STRATEGIES)), max_len=10, kinds=(list, tuple))


def _widgets() -> dict[str, sch.Check]:
    text = sch.Str(2_000)
    return {
        "lang_switch": sch.Str(choices=LANGS),
        "data_range": sch.TupleOf(sch.Int(0), sch.Int(0), list_ok=True),
        "data_step": sch.Int(1, 10**9), "data_window": sch.Int(1, 10**9),
        "data_column": sch.Str(500), "data_sheet": sch.Str(500), "data_layout": sch.Str(40),
        "compare_log": sch.Bool(),
        "concepts_acts": sch.ListOf(sch.Str(40), max_len=10, kinds=(list, tuple)),
        "train_metric": sch.Str(choices=("mase", "rmse", "mae", "mse")),
        "train_result_run": sch.Int(0, 10**6), "train_forecast_steps": sch.Int(1, 10**6),
        "lesson_teacher": sch.Bool(), "lesson_write": sch.Bool(), "lesson_task_pick": text, "lesson_task_text": text,
        "lesson_hide": sch.ListOf(sch.Str(100), max_len=200, kinds=(list, tuple)),
        "live_code": sch.Str(40),
        "bt_strategies": _strategies(), "cmp_bt_strategies": _strategies(),
    }


WIDGET_PREFIXES = ("live_q_",)  # the teacher's question form: plain values (sch.Plain)
BACKTEST_PREFIXES = ("bt_", "cmp_bt_")  # ui/panels/backtest_view.py: horizon, folds, season per prefix

_cache: dict[str, dict] = {}


def entries() -> dict[str, sch.Check]:
    """The plain entries a saved state may hold, with their checks."""
    if "entries" not in _cache:
        _cache["entries"] = _entries()
    return _cache["entries"]


def widget_check(key: str) -> sch.Check | None:
    """The check of a widget's saved value, or None: that widget's value is not saved."""
    if "widgets" not in _cache:
        _cache["widgets"] = _widgets()
    declared = _cache["widgets"].get(key)
    if declared is not None:
        return declared
    spec = page_controls.lookup(key)
    for prefix in BACKTEST_PREFIXES:
        if spec is None and key.startswith(prefix):
            spec = page_controls.BACKTEST.get(key[len(prefix):])
    if spec is not None:
        return None if isinstance(spec, Action) else _SpecCheck(spec)
    if key.startswith(WIDGET_PREFIXES):
        return sch.Plain()
    return None


class _SpecCheck(sch.Check):
    """A control's own rule (rnnlab.declarations.controls: range, options, on/off)."""

    def __init__(self, spec):
        self.spec = spec

    def check(self, value, path="value"):
        if not self.spec.valid(value):
            raise sch.Invalid(path, f"{str(value)[:40]!r} is not a valid value of this control")


def is_saved(name: str) -> bool:
    """Is this plain session-state key part of the saved state?"""
    return name in entries()


def validate(saved: dict) -> dict:
    """Check a restored state (``{"p:name": value, "w:key": value}``) whole; return the
    entries to restore. Raises ``sch.Invalid`` at the first value that is not what the app
    writes. Entries the schema no longer declares (an older version's caches) are left out."""
    if not isinstance(saved, dict):
        raise sch.Invalid("state", "not a mapping")
    known = entries()
    out = {}
    for name, value in saved.items():
        kind, _, key = str(name).partition(":")
        if kind == "p" and key in known:
            known[key].check(value, key)
        elif kind == "w":
            check = widget_check(key)
            if check is None:
                continue
            check.check(value, key)
        else:
            continue
        out[name] = value
    return out
