"""A lesson as ONE self-contained HTML file: it plays from ``file://`` with no server and no network.

``offline_html(lesson, lang)`` writes the scenes with their texts (every value a text names is
filled in, computed from the engine by rnnlab.lessons.values as the player computes them, in
the reader's language; ``lang="both"`` carries
Spanish and English with a switch), the Hidden states stage with its recorded trace (the app's own
``ui/elements/stage.js`` and ``ui/elements/stage.css``, inlined and mounted by a small shim; the payload is
``rnnlab.pages.stage.build_payload``'s), figures as inline SVG (``rnnlab.lessons.offline_svg``), and
the questions, answered in the file against the recorded true values: a value question against
the engine's number, a choice question against the recorded runs. The lesson's own JSON travels in
the file too (``lesson_json(html)`` reads it back for re-import).

A strict Content-Security-Policy (a meta tag) forbids every load: ``default-src 'none'``, scripts
only by their sha256, no fonts, no connections. Nothing in the lesson is rendered as HTML: every
text is escaped.

Trainings are not run here. A scene that needs one (a run metric, Train's curves, Compare's three
cells, a choice question about runs) reads the runs given (``runs=``, the exporter's session) and,
for the built-in lesson, the runs recorded with ``python -m rnnlab.lessons.record_offline``
(``offline_runs.json`` next to this module; tests/rnnlab/test_offline_record.py trains one
again and compares). A style-src 'unsafe-inline' remains: the stage sets style attributes; CSS
loads nothing here since img-src allows only data: and font-src nothing. A value that no run gives is written "—" with a note, never made up.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import numpy as np

from rnnlab.i18n import LANGS, t
from rnnlab.i18n.numbers import fmt, fmt_pct

HERE = Path(__file__).resolve().parent
UI = HERE.parent.parent / "ui" / "elements"  # the stage's JS and CSS
RECORDED_RUNS = HERE / "offline_runs.json"
BOTH = "both"
MIME = "text/html"  # the download's type (st.download_button(..., mime=offline.MIME))
PAGE_NAMES = {"home": "nav.home", "data": "nav.data", "hidden": "nav.hidden", "train": "nav.train",
              "compare": "nav.compare", "modern": "nav.modern", "concepts": "nav.concepts"}
MISSING = "—"
# A value answer is right when it is this close to the engine's number: 0.05 absolute (gates and
# states live in [-1, 1]) or 5 % of the number, whichever is larger.
ABS_TOLERANCE = 0.05
REL_TOLERANCE = 0.05
STAGE_EXPORT = "export default function (component)"
STAGE_MOUNT = "window.__rnnlabMountStage = function (component)"


# ----- the state each scene shows -----------------------------------------------------------------

@dataclass
class Split:
    val_fraction: float = 0.2
    test_fraction: float = 0.2
    lookback: int = 10
    scaler: str = "minmax"


@dataclass
class SceneState:
    """What one scene shows: its ``rnnlab.lessons.values.Context`` (series, split, settings, the
    reader's last run), built over the scenes before it, and the runs its page shows."""

    ctx: object  # rnnlab.lessons.values.Context
    hidden: dict  # {"t", "unit", "hide_future"}
    series_name: dict  # lang -> name
    runs: list = field(default_factory=list)  # runs made so far (rnnlab.training.Run), oldest first
    run: object | None = None  # the scene's own run (Train), if any
    compare_runs: list = field(default_factory=list)  # the scene's three cells (Compare)

    @property
    def values(self) -> np.ndarray:
        return self.ctx.values

    @property
    def split(self) -> Split:
        s = self.ctx.split
        return Split(float(s["val_fraction"]), float(s["test_fraction"]), int(s["lookback"]), str(s["scaler"]))

    def setting(self, key: str):
        return self.ctx.setting(key)

    def hidden_view(self):
        """(Settings, InputSequence, Forward) of the scene's Hidden states stage: the same pass
        the values are computed on (rnnlab.lessons.values.stage)."""
        from rnnlab.lessons import values as lv

        inp, forward = lv.stage(self.ctx)
        return lv.stage_settings(self.ctx), inp, forward


def series_names(data: dict | None, previous: dict | None) -> dict:
    """The series' name per language (a null ``data`` keeps the one before)."""
    if data is None:
        return previous or {lang: t("offline.series.notebook", lang) for lang in LANGS}
    source = data["source"]
    kind = source["kind"]
    if kind == "builtin":
        from rnnlab import datasets

        return {lang: t(datasets.BUILTIN[source["name"]].title_key, lang) for lang in LANGS}
    if kind == "values":
        return {lang: str(source.get("name") or "") for lang in LANGS}
    key = "offline.series.sine" if kind == "noisy_sine" else "offline.series.notebook"
    return {lang: t(key, lang) for lang in LANGS}


def scene_states(lesson, runs: list | None = None) -> list[SceneState]:
    """Each scene's state, walking the lesson from its first scene (the app's defaults and the
    notebook's series to begin with; a scene's data and settings stay for the scenes after it).
    A Train or Compare scene that needs a training reads the run made with its settings on its
    series (``RunPool``); the values after it read it as the reader's last run."""
    from dataclasses import replace

    from rnnlab.lessons import values as lv

    pool = RunPool(runs)
    made: list = []
    ctx, names = None, None
    hidden = {"t": 1, "unit": 1, "hide_future": False}
    states = []
    for scene in lesson.scenes:
        ctx = lv.context(scene, ctx)
        names = series_names(scene.data, names)
        if scene.hidden is not None:
            hidden = {**hidden, **dict(scene.hidden)}
        state = SceneState(ctx, dict(hidden), names)
        if scene.page == "train" and (scene.needs_run or _wants_run(scene)):
            state.run = pool.find(train_config(state), ctx.values)
            if state.run is not None:
                made.append(state.run)
        elif scene.page == "compare" and (scene.needs_run or _wants_run(scene)):
            state.compare_runs = [r for r in (pool.find(c, ctx.values) for c in compare_configs(state))
                                  if r is not None]
            made.extend(state.compare_runs)
        if made:
            ctx = state.ctx = replace(ctx, run=made[-1], _cache={})
        state.runs = list(made)
        states.append(state)
    return states


def _wants_run(scene) -> bool:
    from rnnlab.lessons import values as lv

    question = scene.question or {}
    return (any(lv.VALUE_KINDS[ref["kind"]].needs_run for ref in scene.values.values())
            or question.get("kind") == "choice")


# ----- trainings: configs, and the runs that answer them ----------------------------------------

def train_config(state: SceneState):
    """The TrainConfig Train trains with the scene's settings (its controls, the Data split)."""
    from rnnlab.pages.page_controls import TRAIN, TRAIN_PREFIX
    from rnnlab.training import TrainConfig

    fields = {k[len(TRAIN_PREFIX):]: state.setting(k) for k in TRAIN if k.startswith(TRAIN_PREFIX)}
    split = state.split
    fields.update(lookback=split.lookback, val_fraction=split.val_fraction,
                  test_fraction=split.test_fraction, scaler=split.scaler)
    if not fields.get("clipnorm"):
        fields["clipnorm"] = None
    return TrainConfig.from_dict(fields)


def compare_configs(state: SceneState) -> list:
    """The three cells Compare trains with the scene's settings (as views/compare.py asks)."""
    from rnnlab.pages import compare

    split, s = state.split, state.setting
    return compare.three_cell_configs(
        modern=bool(s("compare_modern")), units=int(s("compare_units")), epochs=int(s("compare_epochs")),
        batch_size=int(s("compare_batch")), seed=int(s("compare_seed")),
        learning_rate=float(s("compare_lr")), lookback=split.lookback, val_fraction=split.val_fraction,
        test_fraction=split.test_fraction, scaler=split.scaler)


def run_key(config, values) -> str:
    """What makes two trainings the same: the config and the series' values."""
    from rnnlab.pages.hidden import series_fingerprint

    text = json.dumps(config.to_dict(), sort_keys=True) + series_fingerprint(values)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def record_of(run, forecasts: dict | None = None) -> dict:
    """A finished Run as the file records it: what the scenes show of it, JSON-ready.
    ``forecasts``: {"from_test": [...], "beyond": [...]} (recursive forecasts, made with Keras
    when recording: from the first test position over the test part, and past the data's end)."""
    def floats(d):
        return {k: (None if v is None or not math.isfinite(float(v)) else float(v)) for k, v in d.items()}

    return {
        "key": run_key(run.config, run.values), "name": run.name or run.config.default_name(),
        "config": run.config.to_dict(), "status": run.status, "n_params": int(run.n_params),
        "seconds": float(run.seconds), "epochs_done": int(run.epochs_done or len(run.history.get("loss", []))),
        "history": {k: [float(v) for v in run.history.get(k, [])] for k in ("loss", "val_loss")},
        "metrics": {s: floats(m) for s, m in run.metrics.items()},
        "baselines": {b: {s: floats(m) for s, m in parts.items()} for b, parts in run.baselines.items()},
        "test": {"index": [int(i) for i in run.target_index.get("test", [])],
                 "target": [float(v) for v in run.targets.get("test", [])],
                 "prediction": [float(v) for v in run.predictions.get("test", [])]},
        "split": [int(v) for v in run.split],
        "forecasts": {k: [float(v) for v in vals] for k, vals in (forecasts or {}).items()},
    }


def run_from_record(rec: dict):
    """A Run rebuilt from its record: enough for the run table, the verdicts and the charts."""
    from rnnlab.training import TrainConfig
    from rnnlab.training.run import Run

    test = rec["test"]
    nan = float("nan")

    def back(d):
        return {k: (nan if v is None else v) for k, v in d.items()}

    run = Run(config=TrainConfig.from_dict(rec["config"]), history={k: list(v) for k, v in rec["history"].items()},
               predictions={"test": np.asarray(test["prediction"])}, targets={"test": np.asarray(test["target"])},
               target_index={"test": np.asarray(test["index"], dtype=int)},
               metrics={s: back(m) for s, m in rec["metrics"].items()},
               baselines={b: {s: back(m) for s, m in parts.items()} for b, parts in rec["baselines"].items()},
               n_params=rec["n_params"], summary=[], seconds=rec["seconds"], status=rec["status"],
               name=rec["name"], run_id=rec["key"][:8], epochs_done=rec["epochs_done"],
               split=tuple(rec.get("split", (0, 0))))
    run.offline_forecasts = rec.get("forecasts") or {}  # what the forecast figure draws
    return run


def forecasts_of(run) -> dict:
    """The recursive forecasts a Train scene about forecasting shows (needs the run's Keras
    model: called when recording or exporting from the app, never while writing the file)."""
    from rnnlab.training import forecast

    test_start = int(run.target_index["test"][0]) if len(run.target_index.get("test", [])) else len(run.values)
    steps = len(run.values) - test_start
    return {"from_test": list(forecast(run, steps, start=test_start)), "beyond": list(forecast(run, steps))}


def recorded_runs() -> list[dict]:
    """The built-in lesson's recorded runs (offline_runs.json), or [] when not recorded."""
    if not RECORDED_RUNS.exists():
        return []
    return json.loads(RECORDED_RUNS.read_text(encoding="utf-8"))["runs"]


class RunPool:
    """The runs a scene may read: the exporter's own, then the recorded ones."""

    def __init__(self, runs: list | None):
        self.by_key: dict[str, object] = {}
        for rec in recorded_runs():
            self.by_key[rec["key"]] = run_from_record(rec)
        for run in runs or []:
            if run.status == "completed" and run.values is not None:
                self.by_key[run_key(run.config, run.values)] = run

    def find(self, config, values):
        run = self.by_key.get(run_key(config, values))
        if run is not None and run.values is None:
            run.values = values  # the series it was trained on (the key says it is this one)
        return run


def needed_trainings(lesson) -> list[tuple]:
    """(config, series values) of every training the lesson's scenes read, in order, once each."""
    from rnnlab.lessons import values as lv

    out, seen, ctx = [], set(), None
    for scene in lesson.scenes:
        ctx = lv.context(scene, ctx)
        state = SceneState(ctx, {}, {})
        configs = []
        if scene.page == "train" and (scene.needs_run or _wants_run(scene)):
            configs = [train_config(state)]
        elif scene.page == "compare" and (scene.needs_run or _wants_run(scene)):
            configs = compare_configs(state)
        for config in configs:
            key = run_key(config, ctx.values)
            if key not in seen:
                seen.add(key)
                out.append((config, ctx.values))
    return out


# ----- the Hidden states stage --------------------------------------------------------------------

def stage_payload(state: SceneState, lang: str) -> dict:
    """The stage's payload for the scene's network (rnnlab.pages.stage.build_payload), opening at step 1
    with the future shown: scenes of one network share it; each scene says its own step."""
    from rnnlab.pages.stage import build_payload

    s, inp, forward = state.hidden_view()
    return build_payload(s, inp, forward, lang)


def network_key(state: SceneState) -> tuple:
    """What the stage's network and input depend on: its settings, and for a window of the
    series, the series and its split (the scaler is fitted on the training part)."""
    from rnnlab.lessons import values as lv
    from rnnlab.pages.hidden import series_fingerprint

    settings = lv.stage_settings(state.ctx)
    if settings.source != "series":
        return (settings,)
    s = state.split
    return (settings, series_fingerprint(state.values), s.val_fraction, s.test_fraction, s.scaler)


def stage_view(state: SceneState, payload: dict) -> dict:
    """Where the scene's stage opens (its step, within the window) and whether it hides the future."""
    return {"ref": payload["id"], "start": int(np.clip(int(state.hidden.get("t", 1)), 1, payload["T"])),
            "hide": bool(state.hidden.get("hide_future"))}


def stage_script() -> str:
    """ui/elements/stage.js as a classic script: its module export becomes a global mount function."""
    js = (UI / "stage.js").read_text(encoding="utf-8")
    if js.count(STAGE_EXPORT) != 1:
        raise RuntimeError("ui/elements/stage.js no longer ends with its one default export: update the shim")
    return "(function () {\n" + js.replace(STAGE_EXPORT, STAGE_MOUNT) + "\n})();\n"


# ----- figures (inline SVG) -----------------------------------------------------------------------

def _split_bands(n: int, split: Split, lang: str) -> list:
    from rnnlab.data.windows import split_points
    from rnnlab.lessons.offline_svg import Band
    from rnnlab.plots.style import SPLIT_FILL

    train_end, val_end = split_points(n, split.val_fraction, split.test_fraction)
    parts = (("train", 0, train_end), ("val", train_end, val_end), ("test", val_end, n))
    return [Band(lo - 0.5, hi - 0.5, t(f"offline.part.{name}", lang), SPLIT_FILL[name])
            for name, lo, hi in parts if hi > lo]


def _series_figure(state: SceneState, lang: str, cid: str) -> str:
    from rnnlab.data.windows import split_points
    from rnnlab.lessons.offline_svg import Chart, Line, line_chart
    from rnnlab.plots.style import SERIES_COLOR

    values = state.values
    train_end, val_end = split_points(len(values), state.split.val_fraction, state.split.test_fraction)
    name = state.series_name[lang]
    desc = t("offline.fig.series_alt", lang, name=name, n=len(values), lo=float(np.min(values)),
             hi=float(np.max(values)), train=train_end, val=val_end - train_end, test=len(values) - val_end)
    chart = Chart(t("offline.fig.series", lang, name=name), desc,
                  [Line(name, list(values), color=SERIES_COLOR)], t("offline.axis.time", lang),
                  t("offline.axis.value", lang), _split_bands(len(values), state.split, lang))
    return line_chart(chart, lang, cid)


def _loss_figure(runs: list, lang: str, cid: str) -> str:
    from rnnlab.lessons.offline_svg import Chart, Line, line_chart
    from rnnlab.plots.style import CELL_COLORS, CELL_DASHES

    lines, parts = [], []
    for run in runs:
        color, dash = CELL_COLORS.get(run.config.cell, "#0f172a"), CELL_DASHES.get(run.config.cell, "solid")
        loss, val = run.history.get("loss", []), run.history.get("val_loss", [])
        x = list(range(1, len(loss) + 1))
        if len(runs) == 1:
            lines += [Line(t("offline.fig.train_loss", lang), loss, x, "#0072B2", "solid"),
                      Line(t("offline.fig.val_loss", lang), val, x, "#E69F00", "dash")]
        else:
            lines.append(Line(run.name, val, x, color, dash))
        if loss:
            parts.append(t("offline.fig.loss_alt_run", lang, name=run.name, epochs=len(loss), first=loss[0],
                           last=loss[-1], val=val[-1] if val else float("nan")))
    title = t("offline.fig.loss" if len(runs) == 1 else "offline.fig.val_losses", lang)
    chart = Chart(title, " ".join(parts), lines, t("offline.axis.epoch", lang), t("offline.axis.mse", lang),
                  log_y=True)
    return line_chart(chart, lang, cid)


def _prediction_figure(run, lang: str, cid: str) -> str:
    from rnnlab.lessons.offline_svg import Chart, Line, line_chart
    from rnnlab.plots.style import SERIES_COLOR

    idx = [int(i) for i in run.target_index.get("test", [])]
    truth, pred = list(run.targets.get("test", [])), list(run.predictions.get("test", []))
    persistence = [None] + truth[:-1]
    desc = t("offline.fig.pred_alt", lang, name=run.name, n=len(idx),
             mase=run.metrics.get("test", {}).get("mase", float("nan")))
    chart = Chart(t("offline.fig.pred", lang, name=run.name), desc,
                  [Line(t("offline.fig.truth", lang), truth, idx, SERIES_COLOR),
                   Line(t("offline.fig.prediction", lang), pred, idx, "#D55E00", "dash"),
                   Line(t("offline.fig.persistence", lang), persistence, idx, "#56B4E9", "dot", 1.6)],
                  t("offline.axis.time", lang), t("offline.axis.value", lang))
    return line_chart(chart, lang, cid)


def _forecast_figure(run, lang: str, cid: str) -> str | None:
    """Beyond one step: the recorded recursive forecasts (each prediction fed back as input)
    from the first test position and past the end of the data, next to the one-step ones."""
    from rnnlab.lessons.offline_svg import Chart, Line, line_chart
    from rnnlab.plots.style import SERIES_COLOR

    fc = getattr(run, "offline_forecasts", None) or {}
    if not fc.get("from_test") or run.values is None:
        return None
    idx = [int(i) for i in run.target_index["test"]]
    truth, one = list(run.targets["test"]), list(run.predictions["test"])
    many = fc["from_test"]
    n = len(run.values)
    beyond = fc.get("beyond") or []
    err_one = float(np.mean(np.abs(np.asarray(one) - np.asarray(truth))))
    k = min(len(many), len(truth))
    err_many = float(np.mean(np.abs(np.asarray(many[:k]) - np.asarray(truth[:k])))) if k else float("nan")
    desc = t("offline.fig.forecast_alt", lang, name=run.name, n=len(idx), one=err_one, many=err_many,
             beyond=len(beyond))
    lines = [Line(t("offline.fig.truth", lang), truth, idx, SERIES_COLOR),
             Line(t("offline.fig.one_step", lang), one, idx, "#D55E00", "dash"),
             Line(t("offline.fig.recursive", lang), many, list(range(idx[0], idx[0] + len(many))), "#0072B2", "dot", 2.4)]
    if beyond:
        lines.append(Line(t("offline.fig.beyond", lang), beyond, list(range(n, n + len(beyond))), "#CC79A7",
                          "dashdot", 2.4))
    chart = Chart(t("offline.fig.forecast", lang, name=run.name), desc, lines, t("offline.axis.time", lang),
                  t("offline.axis.value", lang))
    return line_chart(chart, lang, cid)


def _gradient_figure(state: SceneState, lang: str, cid: str) -> str:
    """||dh_T/dh_(T-k)|| of the untrained probe cells, k = 0..n-1: the values texts name
    (rnnlab.lessons.values' "gradient" kind, on the same cached computation)."""
    from rnnlab.lessons import values as lv
    from rnnlab.lessons.offline_svg import Chart, Line, line_chart
    from rnnlab.pages import hidden as hd
    from rnnlab.plots.style import CELL_COLORS, CELL_DASHES

    n = int(min(state.setting("hidden_grad_length"), max(len(state.values), hd.MIN_LENGTH)))
    lines, parts = [], []
    for cell in hd.CELLS:
        norms = [lv.resolve({"kind": "gradient", "cell": cell, "back": k}, state.ctx) for k in range(n)]
        lines.append(Line(cell, norms, None, CELL_COLORS[cell], CELL_DASHES[cell]))
        back = min(10, n - 1)
        if norms[back] is not None:
            parts.append(t("offline.fig.grad_alt_cell", lang, cell=cell, back=back, ratio=norms[back]))
    chart = Chart(t("offline.fig.grad", lang), t("offline.fig.grad_alt", lang, n=n) + " " + " ".join(parts),
                  lines, t("offline.axis.back", lang), t("offline.axis.grad", lang), log_y=True)
    return line_chart(chart, lang, cid)


def _metrics_table(runs: list, lang: str, caption: str) -> str:
    from rnnlab.forecasting import baselines
    from rnnlab.pages import compare

    head = "".join(f"<th scope=\"col\">{escape(t(k, lang))}</th>" for k in (
        "offline.col.run", "offline.col.mase", "offline.col.persistence", "offline.col.vs"))
    rows = []
    for run in runs:
        mase = baselines.run_mase(run, "test")
        pers = baselines.run_mase(run, "test", "persistence")
        vs = compare.improvement_percent(mase, pers)
        rows.append(f"<tr><th scope=\"row\">{escape(run.name)}</th><td data-rnnlab-target=\"train:metric:mase\">"
                    f"{escape(fmt(mase, lang, sig=3))}</td><td data-rnnlab-target=\"train:baseline:persistence\">"
                    f"{escape(fmt(pers, lang, sig=3))}</td><td>"
                    f"{escape(fmt_pct(vs / 100.0, lang, sign=True) if math.isfinite(vs) else MISSING)}</td></tr>")
    # a box of its own that scrolls sideways on a narrow phone (focusable, named by the caption)
    return (f'<div class="ol-table-box" tabindex="0" role="region" aria-label="{escape(caption)}" '
            f'data-rnnlab-target="train:metric">'
            f'<table class="ol-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _figure(svg: str, target: str | None = None) -> str:
    """A chart in a figure, its title (the SVG's own <title>) written as the caption."""
    attr = f' data-rnnlab-target="{escape(target)}"' if target else ""
    title = re.search(r"<title id=[^>]*>(.*?)</title>", svg)
    caption = f'<figcaption aria-hidden="true">{title.group(1)}</figcaption>' if title else ""
    return f'<figure class="ol-figure"{attr}>{caption}{svg}</figure>'


def scene_figures(scene, state: SceneState, number: int, lang: str) -> str:
    """The scene's figures in ``lang``: what its page shows that a file can show."""
    cid = f"ol-s{number}-{lang}"
    out = []
    page = scene.page
    if page == "data" or (page == "home" and scene.data is not None):
        out.append(_figure(_series_figure(state, lang, f"{cid}-series"), "data:chart"))
    if page == "train":
        run = state.run
        forecast = _forecast_figure(run, lang, f"{cid}-forecast") if run is not None and scene.focus == "forecast" else None
        if forecast is not None:
            out.append(_figure(forecast, "train:forecast"))
        elif run is not None:
            out.append(_figure(_loss_figure([run], lang, f"{cid}-loss"), "train:curve"))
            out.append(_figure(_prediction_figure(run, lang, f"{cid}-pred"), "train:predictions"))
    if page == "compare" and state.compare_runs:
        out.append(_figure(_loss_figure(state.compare_runs, lang, f"{cid}-loss"), "compare:charts"))
    if (page == "hidden" and scene.focus == "gradients") or (page == "concepts" and scene.focus in ("vanishing", "bptt")):
        out.append(_figure(_gradient_figure(state, lang, f"{cid}-grad"), "hidden:gradients"))
    html = f'<div class="ol-figures">{"".join(out)}</div>' if out else ""
    runs = [state.run] if page == "train" and state.run is not None else (
        state.compare_runs if page == "compare" else [])
    if runs:
        html += _metrics_table(runs, lang, t("offline.table.caption", lang))
        if scene.question:
            # predict, then look: a training's result stays folded until the question is checked
            html = (f'<div class="ol-result" hidden data-testid="rnnlab-offline-result">'
                    f'<p class="ol-note">{escape(t("offline.result_after", lang))}</p>{html}</div>')
    elif page in ("train", "compare") and (scene.needs_run or _wants_run(scene)):
        html += f'<p class="ol-note">{escape(t("offline.no_run", lang))}</p>'
    return html


# ----- questions ----------------------------------------------------------------------------------

def question_record(scene, state: SceneState, langs) -> dict | None:
    """What the file's script needs to check an answer: the prompt, the options and the truth
    (the engine's number, the recorded runs' answer, or the teacher's own), in each language."""
    from rnnlab.classroom import questions as qs

    raw = scene.question
    if not raw:
        return None
    q = qs.Question.from_dict({**raw, "revealed": raw.get("truth") is not None, "how": raw.get("how") or "teacher"})
    if q is None:
        return None
    truth, source = None, {lang: "" for lang in langs}
    if q.kind == "value" and q.preset is not None:
        _, inp, forward = state.hidden_view()
        truth = qs.engine_value(q, forward, inp)
    elif q.kind == "choice" and q.preset is not None:
        found = qs.runs_choice(q, state.runs)
        if found is not None:
            truth = found[0]
            source = {lang: found[1] for lang in langs}
    if truth is None and q.truth is not None:
        truth = q.truth
    out = {"kind": q.kind, "truth": truth, "prompt": {lang: question_prompt(q, lang) for lang in langs}}
    if q.kind == "value":
        tol = None if truth is None else max(ABS_TOLERANCE, REL_TOLERANCE * abs(float(truth)))
        out.update(truth=None if truth is None else float(truth), tolerance=tol,
                   truth_text={lang: MISSING if truth is None else fmt(float(truth), lang, sig=4) for lang in langs},
                   tolerance_text={lang: MISSING if tol is None else fmt(tol, lang, sig=2) for lang in langs})
    else:
        out.update(truth=None if truth is None else int(truth), source=source,
                   options={lang: [option_label(q, k, lang) for k in range(len(q.options))] for lang in langs})
    return out


def question_prompt(q, lang: str) -> str:
    if q.preset is None:
        return q.text
    values = dict(q.params)
    if "gate" in values:
        values["gate"] = t(f"stage.gate_{values['gate']}", lang)
    values.pop("cell", None)
    return t(f"live.q.{q.preset}_q", lang, **values)


def option_label(q, k: int, lang: str) -> str:
    option = q.options[k]
    return t(f"live.q.{option}", lang) if q.preset == "persistence" else option


def _question_html(rec: dict, number: int, langs) -> str:
    qid = f"ol-q{number}"
    prompt = "".join(f'<span class="ol-{lang}" lang="{lang}">{escape(rec["prompt"][lang])}</span>' for lang in langs)
    check = "".join(f'<span class="ol-{lang}" lang="{lang}">{escape(t("offline.check", lang))}</span>' for lang in langs)
    if rec["kind"] == "value":
        hint = "".join(f'<span class="ol-{lang}" lang="{lang}">{escape(t("offline.answer_label", lang))}</span>'
                       for lang in langs)
        body = (f'<p class="ol-legend" id="{qid}-p"><strong>{prompt}</strong></p>'
                f'<label for="{qid}-in">{hint}</label> <input type="text" id="{qid}-in" inputmode="decimal" '
                f'autocomplete="off" aria-describedby="{qid}-p" data-testid="rnnlab-offline-answer">')
    else:
        opts = []
        for k in range(len(rec["options"][langs[0]])):
            text = "".join(f'<span class="ol-{lang}" lang="{lang}">{escape(rec["options"][lang][k])}</span>'
                           for lang in langs)
            opts.append(f'<label><input type="radio" name="{qid}" value="{k}"> {text}</label>')
        body = f'<fieldset role="radiogroup"><legend>{prompt}</legend>{"".join(opts)}</fieldset>'
    return (f'<form class="ol-question" data-scene="{number}" data-testid="rnnlab-offline-question" novalidate>'
            f'{body} <button type="submit" class="ol-btn ol-primary" data-testid="rnnlab-offline-check">{check}</button>'
            f'<p class="ol-feedback" role="status" aria-live="polite" data-testid="rnnlab-offline-feedback"></p></form>')


# ----- the file -----------------------------------------------------------------------------------

def _langs(lang: str) -> tuple[str, ...]:
    if lang == BOTH:
        return LANGS
    from rnnlab.i18n import normalize_lang

    return (normalize_lang(lang),)


def _text_html(parts: list[dict]) -> str:
    """A scene's text (rnnlab.lessons.values.render_text's parts: plain text and written values)
    as paragraphs; every value a focusable span that names its target. All of it escaped."""
    html = []
    for part in parts:
        if "name" not in part:
            html.append(escape(part["text"]).replace("\n", "<br>"))
            continue
        cls = "ol-value" + (" ol-missing" if part["value"] is None else "")
        html.append(f'<span class="{cls}" tabindex="0" data-rnnlab-target="{escape(part["target"])}" '
                    f'data-rnnlab-value="{escape(part["name"])}">{escape(part["text"])}</span>')
    text = "".join(html)
    paragraphs = [p.strip() for p in re.split(r"(?:<br>\s*){2,}", text)]
    return "".join(f"<p>{p.removeprefix('<br>').removesuffix('<br>')}</p>" for p in paragraphs if p)


def _sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _json_script(obj) -> str:
    """JSON safe inside a <script> element (no "</" can close it)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def lesson_json(html: str) -> str:
    """The lesson file carried by an offline file (for re-import with rnnlab.lessons.loads)."""
    m = re.search(r'<script type="application/json" id="rnnlab-lesson-json">(.*?)</script>', html, re.S)
    if m is None:
        raise ValueError("not an rnnlab offline lesson file")
    return json.dumps(json.loads(m.group(1)), ensure_ascii=False)


def offline_filename(lesson, lang: str) -> str:
    """A file name for the download: the lesson's title, plain ASCII, and the language."""
    import unicodedata

    langs = _langs(lang)
    title = lesson.title.get(langs[0]) or "lesson"
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-") or "lesson"
    return f"rnnlab-{slug}-{'es-en' if lang == BOTH else langs[0]}.html"


def offline_html(lesson, lang: str, runs: list | None = None) -> str:
    """The lesson as one self-contained HTML file (a str) in ``lang`` ("es", "en" or "both").

    ``runs``: the exporter's finished trainings (rnnlab.training.Run); a scene that needs a run
    reads the one trained with its settings on its series, else the recorded one, if any.
    """
    from rnnlab.lessons import values as lv

    langs = _langs(lang)
    states = scene_states(lesson, runs)
    sections, scene_data = [], []
    stages: dict[str, dict] = {}  # payload id -> {lang: payload}: one per network, not per scene
    networks: dict[tuple, str] = {}  # network_key -> payload id
    for i, (scene, state) in enumerate(zip(lesson.scenes, states, strict=True)):
        n = i + 1
        texts = {lg: lv.render_text(scene, lg, state.ctx) for lg in langs}
        parts = []
        for lg in langs:
            title = scene.title.get(lg) or t("offline.scene", lg, n=n)
            page = t(PAGE_NAMES[scene.page], lg)
            parts.append(
                f'<div class="ol-{lg}" lang="{lg}">'
                f'<h2 class="ol-scene-title ol-{lg}" tabindex="-1" id="ol-h{n}-{lg}">{escape(title)}</h2>'
                f'<p class="ol-page">{escape(t("offline.on_page", lg, page=page))}</p>'
                f'<div class="ol-text">{_text_html(texts[lg])}</div>'
                f'{scene_figures(scene, state, n, lg)}</div>')
        stage = None
        if scene.page == "hidden":
            key = network_key(state)
            if key not in networks:  # a network already drawn for an earlier scene is not drawn again
                payloads = {lg: stage_payload(state, lg) for lg in langs}
                networks[key] = payloads[langs[0]]["id"]
                stages[networks[key]] = payloads
            stage = stage_view(state, stages[networks[key]][langs[0]])
            parts.append('<div class="ol-stage" data-rnnlab-target="hidden:stage"></div>')
        question = question_record(scene, state, langs)
        if question is not None:
            parts.append(_question_html(question, n, langs))
        sections.append(f'<section class="ol-scene" id="scene-{n}" data-page="{scene.page}" '
                        f'aria-labelledby="ol-h{n}-{langs[0]}"{"" if i == 0 else " hidden"}>{"".join(parts)}</section>')
        scene_data.append({"stage": stage, "question": question,
                           "values": {p["name"]: p["value"] for p in texts[langs[0]] if "name" in p}})
    first = langs[0]
    data = {"title": {lg: lesson.title.get(lg) for lg in langs}, "scenes": scene_data, "stages": stages,
            "ui": {lg: {k: t(f"offline.ui.{k}", lg) for k in UI_KEYS} for lg in langs}}
    stage_js = stage_script() if any(s["stage"] for s in scene_data) else ""
    player_js = (HERE / "offline.js").read_text(encoding="utf-8")
    scripts = [s for s in (stage_js, player_js) if s]
    csp = ("default-src 'none'; script-src " + " ".join(_sha(s) for s in scripts) +
           "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
           "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
           "manifest-src 'none'; base-uri 'none'; form-action 'none'")
    css = (UI / "stage.css").read_text(encoding="utf-8") + "\n" + (HERE / "offline.css").read_text(encoding="utf-8")

    def both(key, **kw):
        return "".join(f'<span class="ol-{lg}" lang="{lg}">{escape(t(key, lg, **kw))}</span>' for lg in langs)

    switch = ""
    if len(langs) > 1:
        buttons = "".join(f'<button type="button" class="ol-btn" data-lang="{lg}" lang="{lg}" '
                          f'aria-pressed="{"true" if lg == first else "false"}" data-testid="rnnlab-offline-lang-{lg}">'
                          f'{escape(t("offline.lang_" + lg, lg))}</button>' for lg in langs)
        switch = f'<div class="ol-lang-switch" role="group" aria-label="{escape(t("offline.ui.language", first))}">{buttons}</div>'
    toc = "".join(f'<li><a href="#scene-{i + 1}" data-scene="{i + 1}">'
                  + "".join(f'<span class="ol-{lg}" lang="{lg}">{escape(s.title.get(lg) or t("offline.scene", lg, n=i + 1))}</span>'
                            for lg in langs) + "</a></li>" for i, s in enumerate(lesson.scenes))
    title = lesson.title.get(first)
    html = f"""<!DOCTYPE html>
<html lang="{first}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnlab">
<link rel="icon" href="data:,">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>
<div class="ol ol-lang-{first}" data-testid="rnnlab-lesson" data-lang="{first}" data-rnnlab-scene="1" data-rnnlab-scenes="{len(lesson)}">
<header class="ol-head">
<h1>{"".join(f'<span class="ol-{lg}" lang="{lg}">{escape(lesson.title.get(lg))}</span>' for lg in langs)}</h1>
{switch}
<p class="ol-counter" aria-hidden="true"></p>
</header>
<nav class="ol-toc" aria-label="{escape(t("offline.ui.scenes", first))}"><details><summary>{both("offline.ui.scenes")}</summary><ol>{toc}</ol></details></nav>
<main>
{"".join(sections)}
</main>
<nav class="ol-nav" aria-label="{escape(t("offline.ui.scene_nav", first))}">
<button type="button" class="ol-btn" data-testid="lesson_back" disabled><span aria-hidden="true">← </span><span class="ol-btn-text">{escape(t("offline.ui.back", first))}</span></button>
<p class="ol-keys">{both("offline.keys")}</p>
<button type="button" class="ol-btn ol-primary" data-testid="lesson_next"><span class="ol-btn-text">{escape(t("offline.ui.next", first))}</span><span aria-hidden="true"> →</span></button>
</nav>
<p class="ol-live ol-sr" aria-live="polite"></p>
<footer class="ol-foot">{both("offline.footer")}</footer>
</div>
<script type="application/json" id="ol-data">{_json_script(data)}</script>
<script type="application/json" id="rnnlab-lesson-json">{_json_script(lesson.to_dict())}</script>
{"".join(f"<script>{s}</script>" for s in scripts)}
</body>
</html>
"""
    return html


UI_KEYS = ("counter", "back", "next", "language", "scenes", "scene_nav", "not_a_number", "no_truth",
           "no_truth_choice", "pick_one", "value_right", "value_wrong", "choice_right", "choice_wrong")
