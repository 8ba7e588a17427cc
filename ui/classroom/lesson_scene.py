"""A lesson scene from the app's declared state, and back (Streamlit side of rnnlab.lessons).

``capture(page)`` reads what a scene holds from the state owners, never by copying session keys
wholesale: the Session (ui/session/state.py: source, range, split), the page's widget values declared in
rnnlab.pages.page_controls (each checked by its spec), the Hidden states step and unit
(ui/session/hidden_view_state.py), the teacher mode's hidden controls (ui/classroom/share_links.py) and the
played scene's focus. It returns the scene as the lesson file's dict (LESSON_FORMAT: "page",
"data", "settings", "hidden", "hide", "focus", ...), which rnnlab.lessons validates.

``apply(scene)`` puts a scene's state into the session the way the pages expect it (the series
through ui/session/state.py, the page's widget keys, the stage's step), and asks for the scene's page:
``pending_page()`` is switched to by ui/classroom/lesson_player.py right after st.navigation, before any
page draws (a callback may not switch pages). It is what Next/Back, a lesson link and a live
room's follower use; it must run before the page's widgets are drawn (a callback, or app.py
before ``navigation.run()``).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

from rnnlab.classroom import share_links as core
from rnnlab.data import Series
from rnnlab.declarations.controls import Action
from rnnlab.pages import page_controls
from ui.classroom import share_links
from ui.elements import folds
from ui.i18n import lang
from ui.session import data_view_state, state, train_view_state
from ui.session import hidden_view_state as view_state

# The lesson file's page names <-> the app's url paths (ui/elements/nav.py).
URL = {"home": "home", "data": "data", "hidden": "hidden_states", "train": "train",
       "compare": "compare", "modern": "modern", "concepts": "concepts"}
PAGE_OF_URL = {url: page for page, url in URL.items()}

PENDING = "_lesson_goto_page"  # the scene's page (url path), waiting for the next run's start
DATA_KIND = data_view_state.KIND  # the Data page's source tab (its owner: ui/session/data_view_state.py)
TRAIN_SPLIT_SEEN = train_view_state.SPLIT_SEEN  # the Data split Train last copied (ui/session/train_view_state.py)
# The Data page's widgets mirror the Session (keep=False): a scene sets the Session and lets go
# of these so that the page draws them from it again. The range widgets are the page's own.
DATA_WIDGETS = (*page_controls.DATA, data_view_state.RANGE, data_view_state.STEP, data_view_state.WINDOW)
# Settings a scene carries elsewhere: the Hidden states step and unit are its "hidden" part.
NOT_SETTINGS = {"hidden_t", "hidden_unit"}
# A scene's focus on a section folded on its page (ui/elements/folds.py): opened by the scene.
FOLDED = {("hidden", "equations"): view_state.MATH_FOLD, ("hidden", "gradients"): view_state.GRADS_FOLD,
          ("data", "scaler"): data_view_state.LEAK_FOLD}
MAX_VALUES = 5_000  # a "values" source's size (the lesson format's limit)


def page_name(url_path: str) -> str:
    """The lesson file's name of the page at ``url_path`` ("" is Home)."""
    return PAGE_OF_URL.get(url_path or "home", "home")


# ----- capture -----

def _source() -> dict | None:
    source, series = state.get_source(), state.get_series()
    kind = source.get("kind")
    if kind == "notebook":
        return {"kind": "notebook"}
    if kind == "builtin" and source.get("name"):
        return {"kind": "builtin", "name": str(source["name"])}
    if kind == "generate" and {"n", "periods", "noise", "seed"} <= set(source):
        return {"kind": "noisy_sine", "n": int(source["n"]), "periods": float(source["periods"]),
                "noise": float(source["noise"]), "seed": int(source["seed"])}
    values = np.asarray(series.values, dtype=float)
    if 0 < len(values) <= MAX_VALUES and np.isfinite(values).all():
        # an upload (or a lesson's own values): the numbers travel in the lesson
        return {"kind": "values", "name": str(series.name)[:80] or "series",
                "values": [float(v) for v in values]}
    return None  # too long to travel: the scene keeps the reader's own series


def _data() -> dict | None:
    source = _source()
    if source is None:
        return None
    split = dataclasses.asdict(state.get_split())
    split["val_fraction"] = round(float(split["val_fraction"]), 4)
    split["test_fraction"] = round(float(split["test_fraction"]), 4)
    split["lookback"] = int(split["lookback"])
    return {"source": source, "range": [int(v) for v in state.working_range()], "split": split}


def _plain(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def _settings(url_path: str) -> dict:
    """The page's declared controls that have a value now, each valid by its spec."""
    ss = st.session_state
    table = page_controls.PAGES.get(url_path, {})
    out = {}
    for key, spec in table.items():
        if isinstance(spec, Action) or key in NOT_SETTINGS or key not in ss:
            continue
        if url_path == "data" and key != "data_kind":
            continue  # the series and its split are the scene's "data"
        value = _plain(ss[key])
        if isinstance(value, float):
            value = round(value, 6)
        if spec.valid(value):
            out[key] = value
    return out


def _hidden() -> dict:
    from ui.classroom import lesson_state

    unit = st.session_state.get("hidden_unit", 1)
    played = lesson_state.playing() is not None and current_hide_future()
    return {"t": max(1, view_state.step()), "unit": max(1, int(unit) if isinstance(unit, int) else 1),
            "hide_future": bool(played)}


def _hide(url_path: str) -> list[str]:
    teacher = share_links.teacher() or {}
    hideable = share_links.HIDEABLE.get(url_path, {})
    return [key for key in teacher.get("hide") or () if key in hideable]


def capture(url_path: str, focus: str | None = None):
    """The scene "this screen" is (an rnnlab.lessons.Scene, checked like a lesson file's):
    page, series and split, settings, step, hidden controls.

    The title and text are empty (the editor fills them); ``focus`` is one of the page's
    sections (rnnlab.lessons.FOCUS) or None."""
    from rnnlab.lessons import Scene

    return Scene.from_dict(capture_dict(url_path, focus))


def capture_dict(url_path: str, focus: str | None = None) -> dict:
    """``capture`` as the lesson file's scene dict."""
    page = page_name(url_path)
    url = URL[page]
    return {
        "page": page,
        "title": {"es": "", "en": ""},
        "text": {"es": "", "en": ""},
        "values": {},
        "data": _data(),
        "settings": _settings(url),
        "hidden": _hidden() if page == "hidden" else None,
        "hide": _hide(url),
        "focus": focus,
        "question": None,
        "activity": None,
        "needs_run": False,
    }


# ----- apply -----

def scene_dict(scene) -> dict:
    """A scene as the lesson file's dict (a model Scene or already a dict)."""
    if isinstance(scene, dict):
        return scene
    for name in ("to_dict", "as_dict", "to_json"):
        method = getattr(scene, name, None)
        if callable(method):
            return method()
    return dataclasses.asdict(scene)


def _lesson_source(source: dict) -> tuple[Series, dict, str]:
    """(series, the Session's source, the Data page's tab) of a lesson file's source."""
    kind = source["kind"]
    if kind == "notebook":
        return core.build_series({"kind": "notebook"}, lang()), {"kind": "notebook"}, "notebook"
    if kind == "builtin":
        wanted = {"kind": "builtin", "name": source["name"]}
        return core.build_series(wanted, lang()), wanted, "builtin"
    if kind == "noisy_sine":
        wanted = {"kind": "generate", "n": int(source["n"]), "periods": float(source["periods"]),
                  "noise": float(source["noise"]), "seed": int(source["seed"])}
        return core.build_series(wanted, lang()), wanted, "generate"
    values = np.asarray(source["values"], dtype=np.float64)
    name = str(source.get("name") or "series")
    # An upload the lesson carries: a file id of its own, so the Data page does not parse the
    # reader's last upload over it.
    digest = f"lesson:{len(values)}:{float(values.sum()):.12g}"
    return Series(values, name=name, notes=[]), {"kind": "upload", "file_id": digest, "name": name}, "upload"


def _same_source(a: dict, b: dict) -> bool:
    keys = set(a) | set(b)
    return all(a.get(k) == b.get(k) for k in keys)


def _apply_data(data: dict) -> None:
    ss = st.session_state
    series, source, tab = _lesson_source(data["source"])
    wanted = data.get("range") or (0, len(series), 1)  # no range: the whole series
    working = core.check_range(tuple(int(v) for v in wanted), len(series))
    if not _same_source(source, state.get_source()) or len(series) != len(state.get_series()):
        state.set_series(series, source, working)
        if tab == "upload":
            ss.pop(data_view_state.UPLOAD, None)  # the lesson's numbers replace the last upload
    elif working is not None:
        state.set_range(*working)
    elif tuple(state.working_range()) != (0, len(series), 1):
        state.set_range(0, len(series), 1)
    split = data.get("split") or {}
    fields = {f.name for f in dataclasses.fields(state.SplitSettings)}
    state.set_split(dataclasses.replace(state.get_split(), **{k: v for k, v in split.items() if k in fields}))
    ss[DATA_KIND] = tab
    for key in DATA_WIDGETS:
        ss.pop(key, None)


def apply(scene) -> str:
    """Put ``scene`` into the session and ask for its page (switched to at the next run's start,
    see ``pending_page``). Returns the page's url path."""
    ss = st.session_state
    scene = scene_dict(scene)
    url = URL.get(scene.get("page"), "home")
    if scene.get("data"):
        _apply_data(scene["data"])
    settings = scene.get("settings") or {}
    for key, value in settings.items():
        spec = page_controls.lookup(key)
        if spec is None or isinstance(spec, Action) or not spec.valid(value):
            continue  # rnnlab.lessons refuses these already: never set an undeclared key
        if key == "data_kind":
            ss[DATA_KIND] = value
            continue
        ss[key] = value
    if any(key.startswith("train_") for key in settings) or scene.get("data"):
        split = state.get_split()  # Train copies a changed Data split into its own widgets:
        ss[TRAIN_SPLIT_SEEN] = (split.lookback, split.val_fraction, split.test_fraction, split.scaler)
        for name in ("lookback", "val_fraction", "test_fraction", "scaler"):
            key = f"train_{name}"
            if key not in settings:  # ...the scene's own split wins, else the Data page's
                ss[key] = getattr(split, name)
    hidden = scene.get("hidden")
    if hidden:
        view_state.set_step(int(hidden["t"]))
        ss["hidden_unit"] = int(hidden["unit"])
    fold = FOLDED.get((scene.get("page"), scene.get("focus")))
    if fold is not None:  # the scene talks about a folded section: open, drawn at once
        folds.open_fold(fold)
    ss[PENDING] = url
    return url


def current_hide_future() -> bool:
    """Does the scene played now hide the stage's future?"""
    from ui.classroom import lesson_state

    found = lesson_state.lesson()
    if found is None:
        return False
    scene = scene_dict(found.scenes[lesson_state.scene_index()])
    return bool((scene.get("hidden") or {}).get("hide_future"))


def pending_page() -> str | None:
    """The page a scene just applied asks for (and forget it)."""
    return st.session_state.pop(PENDING, None)
