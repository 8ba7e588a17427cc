"""Lesson links: the data source, its range and split, and teacher mode, as URL parameters.

What every page shares, the series and its split, is encoded here as plain URL parameters, so
that a link to any page opens the same series. A page's own shareable settings (cell, units,
seed, step...) are plain parameters too, read once per session by ui/classroom/share_links.py (not Streamlit's
``bind="query-params"``, whose values of translated options change with the language): the
controls rnnlab.pages.page_controls declares with ``share=True``. The ranges here are the Data page's
controls', so a link accepts exactly what the page (and TrainConfig) accepts. Bad values in a
hand-edited link are dropped (and reported), never crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rnnlab import data as rdata
from rnnlab import datasets
from rnnlab.data.windows import SCALERS
from rnnlab.pages.page_controls import DATA, GEN_DEFAULTS

TASKS = ("forget_peak", "vanish", "lookback", "compare")  # prompts with a text in both languages
# Link parameter -> the Data page's control it stands for (rnnlab.pages.page_controls.DATA).
CONTROLS = {"n": "data_gen_n", "periods": "data_gen_periods", "noise": "data_gen_noise",
            "seed": "data_gen_seed", "lb": "data_lookback", "vf": "data_val", "tf": "data_test"}
LIMITS = {param: (DATA[key].low, DATA[key].high) for param, key in CONTROLS.items()}


@dataclass
class LinkSetup:
    """What a lesson link asks for. None means "not in the link: keep what you have"."""

    source: dict | None = None
    working_range: tuple[int, int, int] | None = None
    split: dict | None = None  # lookback, val_fraction, test_fraction, scaler
    teacher: bool = False
    hide: tuple[str, ...] = ()
    task: str | None = None
    dropped: list[str] = field(default_factory=list)  # parameters ignored because invalid


def _first(value):
    return value[0] if isinstance(value, (list, tuple)) and value else value


def _number(params, key, dropped):
    """A numeric parameter, validated by the Data page's control it stands for."""
    raw = _first(params.get(key))
    if raw is None:
        return None
    value = DATA[CONTROLS[key]].parse(raw)
    if value is None:
        dropped.append(key)
    return value


def parse(params: Mapping) -> LinkSetup:
    """Read a lesson link's parameters (st.query_params or a plain dict)."""
    setup = LinkSetup()
    dropped = setup.dropped
    src = _first(params.get("src"))
    if src == "notebook":
        setup.source = {"kind": "notebook"}
    elif src == "sine":
        defaults = GEN_DEFAULTS
        values = {k: _number(params, k, dropped) for k in defaults}
        setup.source = {"kind": "generate", **{k: defaults[k] if values[k] is None else values[k]
                                               for k in defaults}}
    elif src == "builtin":
        name = _first(params.get("name"))
        if name in datasets.BUILTIN:
            setup.source = {"kind": "builtin", "name": name}
        else:
            dropped.append("name")
    elif src is not None:
        dropped.append("src")

    raw_range = _first(params.get("range"))
    if raw_range is not None:
        try:
            start, stop, step = (int(v) for v in str(raw_range).split(","))
            if not (0 <= start < stop and step >= 1):
                raise ValueError
            setup.working_range = (start, stop, step)
        except ValueError:
            dropped.append("range")

    split = {}
    for key, name in (("lb", "lookback"), ("vf", "val_fraction"), ("tf", "test_fraction")):
        value = _number(params, key, dropped)
        if value is not None:
            split[name] = value
    scaler = _first(params.get("sc"))
    if scaler in SCALERS:
        split["scaler"] = scaler
    elif scaler is not None:
        dropped.append("sc")
    setup.split = split or None

    setup.teacher = str(_first(params.get("teacher", ""))).lower() in ("1", "true", "yes", "on")
    hide = _first(params.get("hide"))
    if hide:
        setup.hide = tuple(k.strip() for k in str(hide).split(",") if k.strip())
    task = _first(params.get("task"))
    if task:
        setup.task = str(task)[:TASK_CHARS]
    return setup


# The fewest values each page can work with (a slider needs its minimum below its maximum):
# a link's series is shared by every page, so its range must leave enough for all of them.
def page_minimums() -> dict[str, int]:
    from rnnlab.pages.hidden import MIN_LENGTH

    return {"data": rdata.MIN_VALUES, "hidden_states": MIN_LENGTH + 1, "train": rdata.MIN_VALUES,
            "compare": rdata.MIN_VALUES}


TASK_CHARS = 500  # the teacher's own task: a prompt, not a page


def check_range(working_range, n: int) -> tuple[int, int, int] | None:
    """The link's (start, stop, step) if it fits a series of ``n`` values and leaves every page
    enough values; None (drop it) otherwise."""
    if working_range is None:
        return None
    start, stop, step = working_range
    if not (0 <= start < stop <= n and step >= 1):
        return None
    if len(range(start, stop, step)) < max(page_minimums().values()):
        return None
    return start, stop, step


def allowed_hide(hide, hideable) -> tuple[tuple[str, ...], list[str]]:
    """The keys a teacher may hide (``hideable``: a set of widget keys) and the refused ones."""
    kept = tuple(key for key in hide if key in hideable)
    return kept, [key for key in hide if key not in hideable]


def to_params(source: dict, working_range, split: Mapping, teacher: bool = False,
              hide=(), task: str | None = None) -> dict[str, str]:
    """The plain parameters that reproduce the series, its range and split (and teacher mode).

    An uploaded file cannot travel in a link: it gives no source parameters (the caller says so).
    """
    params: dict[str, str] = {}
    if source.get("kind") == "notebook":
        params.update(src="notebook")
    elif source.get("kind") == "generate":
        params.update(src="sine", n=str(int(source["n"])), periods=f"{float(source['periods']):g}",
                      noise=f"{float(source['noise']):g}", seed=str(int(source["seed"])))
    elif source.get("kind") == "builtin":
        params.update(src="builtin", name=source["name"])
    if source.get("kind") in ("notebook", "generate", "builtin") and working_range is not None:
        params["range"] = ",".join(str(int(v)) for v in working_range)
    params.update(lb=str(int(split["lookback"])), vf=f"{float(split['val_fraction']):g}",
                  tf=f"{float(split['test_fraction']):g}", sc=str(split["scaler"]))
    if teacher:
        params["teacher"] = "1"
        if hide:
            params["hide"] = ",".join(hide)
        if task:
            params["task"] = task
    return params


def build_series(source: dict, lang: str = "en") -> rdata.Series:
    """The series a link's source describes (generated or built-in)."""
    from rnnlab.i18n import t

    if source["kind"] == "notebook":
        return rdata.Series(rdata.notebook_series(), name=t("data.notebook.name", lang))
    if source["kind"] == "generate":
        values = rdata.noisy_sine(source["n"], source["periods"], source["noise"], source["seed"])
        return rdata.Series(values, name=t("data.gen.name", lang, n=source["n"]))
    return datasets.load(source["name"], lang)
