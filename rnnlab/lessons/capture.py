"""From the app's declared state to a scene, and back: what the editor captures and the player
sets. Pure (no Streamlit): the ui side reads its state owners (ui.session.state's source, range and
split; the page's control values; Hidden states' step) and passes them in.

The app's sources (ui.session.state.get_source) are ``{"kind": "notebook"}``, ``{"kind": "generate",
"n", "periods", "noise", "seed"}``, ``{"kind": "builtin", "name"}`` and ``{"kind": "upload",
...}``; a lesson names them ``notebook``, ``noisy_sine``, ``builtin`` and ``values`` (an upload
travels as its values, up to MAX_SERIES of them).
"""

from __future__ import annotations

import numpy as np

from rnnlab.lessons.model import CONTROL_PAGES, MAX_SERIES, LText, Scene

SPLIT_FIELDS = ("val_fraction", "test_fraction", "lookback", "scaler")


def lesson_source(source: dict, values=None, name: str = "") -> dict | None:
    """The lesson's Source for an app source; an upload (or an unknown source) becomes its
    ``values`` (None when there are none, or more than a lesson file holds)."""
    kind = (source or {}).get("kind")
    if kind == "notebook":
        return {"kind": "notebook"}
    if kind == "generate":
        return {"kind": "noisy_sine", "n": int(source["n"]), "periods": float(source["periods"]),
                "noise": float(source["noise"]), "seed": int(source["seed"])}
    if kind == "builtin":
        return {"kind": "builtin", "name": str(source["name"])}
    if values is None:
        return None
    values = np.asarray(values, dtype=np.float64).ravel()
    if not 2 <= len(values) <= MAX_SERIES or not np.all(np.isfinite(values)):
        return None
    return {"kind": "values", "name": str(name)[:80], "values": [float(v) for v in values]}


def app_source(source: dict) -> dict:
    """The app's source dict (ui.session.state) for a lesson's Source (``values`` -> ``{"kind": "lesson",
    "name"}``: the player sets that series itself, from rnnlab.lessons.values.source_values)."""
    kind = source["kind"]
    if kind == "notebook":
        return {"kind": "notebook"}
    if kind == "noisy_sine":
        return {"kind": "generate", **{k: source[k] for k in ("n", "periods", "noise", "seed")}}
    if kind == "builtin":
        return {"kind": "builtin", "name": source["name"]}
    return {"kind": "lesson", "name": source.get("name", "")}


def capture(page: str, *, source: dict | None = None, series_values=None, series_name: str = "",
            range_: tuple | None = None, split: dict | None = None, controls: dict | None = None,
            step: int | None = None, unit: int | None = None, hide_future: bool = False,
            hide=(), focus: str | None = None, title="", text="", keep_data: bool = True) -> Scene:
    """A scene of ``page`` in the state given (checked like a file; raises LessonError).

    ``controls`` are the page's current control values (widget key -> value): the ones the
    page declares (rnnlab.pages.page_controls) with a valid value are kept, except buttons, Train's
    copy of the split (the data part carries it) and "show the trained network" (a trained
    network is not part of a lesson). The data part is the series' source, range and split
    (``keep_data=False``: the reader's series).
    """

    data = None
    if keep_data and source is not None:
        lesson_src = lesson_source(source, series_values, series_name)
        if lesson_src is not None:
            data = {"source": lesson_src,
                    "range": [int(v) for v in range_] if range_ is not None else None,
                    "split": {k: split[k] for k in SPLIT_FIELDS if k in split} if split else None}
    table = scene_controls(page)
    settings = {key: value for key, value in (controls or {}).items()
                if key in table and _valid(table[key], value)}
    hidden = None
    if page == "hidden" and step is not None:
        hidden = {"t": int(step), "unit": int(unit or 1), "hide_future": bool(hide_future)}
    return Scene.from_dict({"page": page, "title": _ltext(title), "text": _ltext(text), "data": data,
                            "settings": settings, "hidden": hidden, "hide": list(hide), "focus": focus})


NOT_CAPTURED = ("train_lookback", "train_val_fraction", "train_test_fraction", "train_scaler",
                "hidden_show_trained")


def scene_controls(page: str) -> dict:
    """The controls of ``page`` a scene captures and sets (widget key -> spec)."""
    from rnnlab.pages.page_controls import PAGES

    table = PAGES.get(CONTROL_PAGES.get(page, ""), {})
    return {key: spec for key, spec in table.items()
            if spec.widget != "button" and key not in NOT_CAPTURED}


def _valid(spec, value) -> bool:
    try:
        return value is not None and isinstance(value, bool) == isinstance(spec.default, bool) and bool(spec.valid(value))
    except (TypeError, ValueError, OverflowError):
        return False


def _ltext(value):
    return value.to_json() if isinstance(value, LText) else value
