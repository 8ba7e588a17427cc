"""The lesson player: a bar on top of every page while a lesson plays (playing alone).

- ``?lesson=notebook`` (the built-in lesson) or ``?lesson=CODE`` (one saved from the editor,
  rnnlab.lessons.lesson_codes) opens a lesson once per session and code; Home's "Take the guided
  lesson" opens the built-in one. A reload keeps the lesson and its scene (ui/classroom/lesson_state.py).
- Next/Back (keys ``lesson_next``/``lesson_back``) apply the scene (ui/lesson_scene.apply) in
  their callback, before any widget is drawn; ``begin()``, right after st.navigation, switches
  to the scene's page.
- The bar (a components-v2 element, ui/classroom/lesson_player.js): the scene's title, "Scene n of N"
  and its text with the live values filled in from the engine in the reader's language
  (rnnlab.lessons.values), all as plain text. A long text shows its first lines (3 on a phone,
  4 at the projector) and a "Show all"/"Show less" button (aria-expanded): never a box that
  scrolls inside the page; on a phone Back/Next sit above the text. Each value is a button: hovering or focusing it
  marks its target on the page (``data-rnnlab-target``; inside the Hidden states stage, the
  stage marks the unit itself on a ``rnnlab-highlight`` event). The scene's focus section
  gets ``data-rnnlab-focus`` and is scrolled to once per scene.
- A scene's question is answered here and checked locally: a value question against the
  engine's own number for the pass the stage shows (rnnlab.classroom.questions.engine_value), a choice
  against the reader's own finished runs (rnnlab.classroom.questions.runs_choice). ``needs_run``: a
  training is offered (and started on the first visit) through the Train page's job, within
  the server's limits (rnnlab.training.admit).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rnnlab.classroom import questions as qs
from rnnlab.lessons import lesson_codes
from rnnlab.store import StoreError
from ui.classroom import lesson_scene, lesson_state, share_links
from ui.i18n import lang, num, say, tr
from ui.session import hidden_view_state as view_state
from ui.session import state
from ui.text import md_escape

_HERE = Path(__file__).resolve().parent
NAME = "rnnlab_lesson"
LINKED = "_lesson_link"  # the ?lesson= value already opened (a reload keeps the URL)
NOTICE = "_lesson_notice"  # a message to show once (a code that opens nothing...)
STARTED_RUN = "_lesson_run_started"  # scene seqs whose needs_run training was started

_render = st.components.v2.component(
    NAME,
    html='<div class="rl-host"></div>',
    css=(_HERE / "lesson_player.css").read_text(encoding="utf-8"),
    js=(_HERE / "lesson_player.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)

# Where each value's target is on the page (rnnlab.lessons.values' target ids, by prefix): the
# player puts data-rnnlab-target on these elements. Inside the stage the figure is marked, and
# the stage marks the unit (ui/elements/stage.js, "rnnlab-highlight").
_STAGE = '[data-testid="rnnlab-stage"]'
_METRICS = '[data-testid="stVerticalBlock"]:has(> .st-key-train_metric) [data-testid="stDataFrame"]'
TARGETS = (
    ("stage:gate:", f"{_STAGE} .rs-gates"),
    ("stage:hidden:", f"{_STAGE} .rs-heat"),
    ("stage:cell:", f"{_STAGE} .rs-heat"),
    ("stage:input", f"{_STAGE} .rs-input"),
    ("hidden:prediction", f"{_STAGE} .rs-input"),
    ("hidden:gradients:", ".st-key-hidden_fig_gradients"),
    ("train:metric:", _METRICS),
    ("train:baseline:", _METRICS),
    ("train:params", ".st-key-train_actions"),
    ("compare:cell:", ".st-key-compare_table"),
    ("data:chart", ".st-key-data_split_chart, .st-key-data_plain_chart"),
    ("data:windows:", ".st-key-data_split_chart"),
    ("data:split:", ".st-key-data_split_chart"),
    ("data:scaler:", ".st-key-data_split_chart"),
)

# The focus sections (rnnlab.lessons.FOCUS) on the pages: a CSS selector, or the i18n key of
# the section's heading (found by its text in the reader's language).
FOCUS = {
    "home": {"start": ".st-key-home_start", "path": ("h", "home.path")},
    "data": {"source": ".st-key-data_kind", "chart": ".st-key-data_split_chart, .st-key-data_plain_chart",
             "range": ".st-key-data_range", "stats": ".st-key-data_range",
             "split": ("h", "data.split.title"), "windows": ("h", "data.window.title"),
             "scaler": ("h", "data.leak.title")},
    "hidden": {"settings": ".st-key-hidden_settings", "stage": _STAGE,
               "equations": ("h", "hidden.math_header"), "training": ".st-key-hidden_train_box",
               "gradients": ("h", "hidden.grad_header")},
    "train": {"settings": ".st-key-train_actions",
              "curve": ".st-key-train_curves_chart, .st-key-train_curve_empty",
              "metrics": ("h", "train.metrics_title"), "predictions": ("h", "train.pred_section"),
              "residuals": ".st-key-train_residuals", "forecast": ("h", "train.forecast_title"),
              "backtest": ".st-key-bt_train_section"},
    "compare": {"settings": ("h", "compare.three.header"), "runs": ("h", "compare.runs.header"),
                "verdict": ("h", "compare.verdict.header"), "charts": ("h", "compare.charts.header"),
                "backtest": ".st-key-bt_cmp_section", "params": ("h", "compare.params.header")},
    "modern": {"forms": ("h", "modern.form_title"), "scan": ("h", "modern.scan_title"),
               "timing": ("h", "modern.time_title"), "failure": ("h", "modern.fail_title")},
    "concepts": {name: ("h", f"concepts.{key}_title") for name, key in (
        ("rnn", "rnn"), ("simple", "simple"), ("activation", "act"), ("lstm", "lstm"),
        ("gru", "gru"), ("bptt", "bptt"), ("vanishing", "vanish"), ("params", "params"),
        ("which", "which"), ("apps", "apps"), ("modern", "modern"))},
}


def target_selector(target: str) -> str | None:
    return next((selector for prefix, selector in TARGETS if target.startswith(prefix)), None)


def focus_selector(page: str, focus: str | None) -> dict | None:
    """{"css": selector} or {"heading": text} of a scene's focus section, or None."""
    where = FOCUS.get(page, {}).get(focus or "")
    if where is None:
        return None
    if isinstance(where, tuple):
        return {"id": focus, "heading": tr(where[1]).strip("# ").strip()}
    return {"id": focus, "css": where}


# ----- opening a lesson -----

def open_lesson(lesson, code: str = "", scene: int = 0) -> None:
    """Play ``lesson`` from ``scene``: its state applied now, its page at the next run's start."""
    lesson_state.start(lesson, code, scene)
    lesson_scene.apply(lesson[lesson_state.scene_index()])


def open_builtin() -> None:
    """Home's "Take the guided lesson" (a callback)."""
    from rnnlab.lessons import builtin

    open_lesson(builtin("notebook"), "notebook")


def _find(raw: str):
    """The lesson ``?lesson=raw`` names, or None (with a notice saying why)."""
    from rnnlab.lessons import LessonError, builtin

    if raw in lesson_codes.BUILTIN:
        return builtin(raw)
    from ui.persistence import persist

    store = persist.shared_store()
    if store is None:
        st.session_state[NOTICE] = tr("player.store_down")
        return None
    try:
        found = lesson_codes.load(store, raw)
    except StoreError as exc:
        persist.store_failed(exc)
        st.session_state[NOTICE] = tr("player.store_down")
        return None
    except LessonError as exc:
        st.session_state[NOTICE] = tr("player.bad_lesson", reason=say(exc.message, markdown=True))
        return None
    if found is None:
        # the URL's text, shown as text (st.warning reads Markdown)
        st.session_state[NOTICE] = tr("player.not_found", code=md_escape(str(raw), limit=12))
    return found


def _open_link() -> None:
    raw = st.query_params.get("lesson")
    if raw:
        raw = str(raw)[:40]  # what a code or a built-in name can be (and the saved state keeps)
    if not raw or st.session_state.get(LINKED) == raw:
        return
    st.session_state[LINKED] = raw
    info = lesson_state.playing()
    code = raw if raw in lesson_codes.BUILTIN else (lesson_codes.normalize_code(raw) or raw)
    if info is not None and info.get("code") == code:
        return  # already playing it (a restored session)
    found = _find(raw)
    if found is not None:
        open_lesson(found, code)


def begin(url_path: str, pages: dict[str, str]) -> None:
    """Right after st.navigation, before anything is drawn: a ``?lesson=`` link opens its
    lesson, and a scene just applied brings its page."""
    _open_link()
    wanted = lesson_scene.pending_page()
    here = url_path or "home"
    if wanted and wanted != here and wanted in pages:
        st.switch_page(pages[wanted])


# ----- stepping -----

def _go(delta: int) -> None:
    found = lesson_state.lesson()
    if found is None:
        return
    lesson_state.set_scene(lesson_state.scene_index() + delta)
    lesson_scene.apply(found[lesson_state.scene_index()])


def go_next() -> None:
    _go(+1)


def go_back() -> None:
    _go(-1)


def _reapply() -> None:
    _go(0)


def _close() -> None:
    lesson_state.stop()


# ----- what the pages ask -----

def current_scene():
    found = lesson_state.lesson()
    return None if found is None else found[lesson_state.scene_index()]


def hide_future() -> bool:
    """The played scene hides the Hidden states stage's future (its ``hidden.hide_future``)."""
    scene = current_scene()
    return bool(scene is not None and scene.hidden and scene.hidden.get("hide_future"))


def stage_goto() -> dict | None:
    """For the Hidden states stage: the played scene's step, once per scene (its seq)."""
    scene = current_scene()
    if scene is None or not scene.hidden:
        return None
    return {"step": int(scene.hidden["t"]), "seq": 10_000_000 + lesson_state.seq()}


# ----- the live values -----

def _finished_runs() -> list:
    return [r for r in state.runs() if getattr(r, "status", None) == "completed"]


def reader_context():
    """The reader's state as rnnlab.lessons.values sees it: the working series and split, every
    declared control's value, the last run, and the pass the Hidden states stage shows."""
    import dataclasses

    from rnnlab.lessons.values import Context
    from rnnlab.pages import page_controls

    ss = st.session_state
    settings = {key: ss[key] for table in page_controls.PAGES.values() for key in table
                if key in ss}
    runs = tuple(_finished_runs())
    view = view_state.view()
    return Context(values=state.working_values(), split=dataclasses.asdict(state.get_split()),
                   settings=settings, run=runs[-1] if runs else None, runs=runs,
                   stage=(view["inp"], view["forward"]) if view else None)


def parts(scene) -> list[dict]:
    """The scene's text in the reader's language as parts for the bar: {"text"} or {"name",
    "value" (written the reader's way), "target", "label"} (rnnlab.lessons.values.render_text)."""
    from rnnlab.lessons import values as lv

    out = []
    for part in lv.render_text(scene, lang(), lv.context(scene, reader_context())):
        if "name" not in part:
            out.append({"text": part["text"]})
            continue
        out.append({"name": part["name"], "value": part["text"], "target": part.get("target") or "",
                    "label": tr("player.value_label", value=part["text"])})
    return out


def payload(scene, index: int, total: int, title: str) -> dict:
    pieces = parts(scene)
    targets = {}
    for piece in pieces:
        target = piece.get("target")
        selector = target_selector(target) if target else None
        if selector:
            targets[target] = selector
    return {"scene": index + 1, "scenes": total, "lang": lang(),
            "count": tr("player.count", n=index + 1, total=total),
            "label": tr("player.label", title=title), "title": scene.title.get(lang()),
            "parts": pieces, "targets": targets, "seq": lesson_state.seq(),
            "more": tr("player.more"), "less": tr("player.less"),
            "focus": focus_selector(scene.page, scene.focus)}


# ----- the bar -----

def _notice() -> None:
    text = st.session_state.pop(NOTICE, None)
    if text:
        st.warning(text, icon=":material/school:")


def bar(url_path: str) -> None:
    """Above the page while a lesson plays: its text, Back/Next, the scene's question."""
    _notice()
    found = lesson_state.lesson()
    if found is None:
        return
    index, total = lesson_state.scene_index(), len(found)
    scene = found[index]
    here = lesson_scene.page_name(url_path)
    with st.container(key="lesson_bar"):  # sticky (ui/classroom/lesson_player.css): text left, buttons right
        text_col, buttons_col = st.columns([5, 1.25], vertical_alignment="center", gap="small")
        data = payload(scene, index, total, found.title.get(lang()))
        # the scene's trainings the reader has not done yet (started below); the bar says
        # whether any are left (a test hook)
        needs_run = here == scene.page and scene.needs_run
        missing = missing_configs(scene) if needs_run else []
        if needs_run:
            data["runs"] = "pending" if missing else "done"
        with text_col:
            _render(key="lesson_text", data=data)
        row = buttons_col.container(horizontal=True, gap="small", key="lesson_buttons",
                                    vertical_alignment="center")
        row.button(tr("player.back"), key="lesson_back", on_click=go_back, disabled=index == 0,
                   icon=":material/arrow_back:")
        row.button(tr("player.next"), key="lesson_next", on_click=go_next, type="primary",
                   disabled=index >= total - 1, icon=":material/arrow_forward:")
        if here != scene.page:
            row.button(tr("player.again"), key="lesson_again", on_click=_reapply,
                       icon=":material/replay:")
        offline_download(row, found, key="lesson_offline_play", short=True)
        row.button(tr("player.close"), key="lesson_close", on_click=_close, type="tertiary",
                   icon=":material/close:", help=tr("player.close_help"))
        if here == scene.page and scene.question:
            with text_col:  # what the scene asks: in sight, with the text that asks it
                _question(scene, index)
    if needs_run:  # below the bar: it scrolls with the page
        _needs_run(missing)
    _hide(scene, here)


def offline_download(where, lesson, key: str, short: bool = False) -> None:
    """The lesson as one HTML file that plays without a server (rnnlab.lessons.offline): built
    only when clicked (a callable's data), in the reader's language, with this session's
    finished runs for the scenes that need one (else the recorded ones)."""
    from rnnlab.lessons import offline

    reader = lang()
    where.download_button(
        tr("offline.download_short" if short else "offline.download"),
        data=lambda: offline.offline_html(lesson, reader, runs=list(state.runs())).encode("utf-8"),
        file_name=offline.offline_filename(lesson, reader), mime=offline.MIME, key=key,
        on_click="ignore", help=tr("offline.download_help"), icon=":material/download:",
        type="tertiary" if short else "secondary")


def _hide(scene, here: str) -> None:
    """The scene's hidden controls (teacher mode's way: still drawn, keeping their values)."""
    if here != scene.page or not scene.hide:
        return
    hideable = {key for keys in share_links.HIDEABLE.values() for key in keys}
    rules = ", ".join(f".st-key-{key}" for key in scene.hide if key in hideable)
    if rules:
        st.html(f"<style>{rules} {{ display: none !important; }}</style>")


# ----- needs_run: a training for this scene -----

def _config():
    """The Train page's settings as they are (its widgets' keys), on the quick model's values
    where a setting was never drawn, and the Data page's split."""
    from rnnlab.training import TrainConfig

    ss = st.session_state
    split = state.get_split()
    quick = TrainConfig.quick(lookback=split.lookback, val_fraction=split.val_fraction,
                              test_fraction=split.test_fraction, scaler=split.scaler)
    values = {}
    for name in TrainConfig.__dataclass_fields__:
        values[name] = ss.get(f"train_{name}", getattr(quick, name))
    values["clipnorm"] = float(values.get("clipnorm") or 0.0) or None
    for name in ("val_fraction", "test_fraction", "dropout"):
        values[name] = round(float(values[name]), 4)
    return TrainConfig.from_dict(values)


def _compare_configs() -> list:
    """The Compare page's three cells, with its settings as they are (its controls' defaults
    where never drawn)."""
    from rnnlab.pages import compare
    from rnnlab.pages.page_controls import COMPARE

    ss = st.session_state
    pick = {key: ss.get(key, spec.default) for key, spec in COMPARE.items()}
    split = state.get_split()
    return compare.three_cell_configs(
        modern=bool(pick["compare_modern"]), units=int(pick["compare_units"]),
        epochs=int(pick["compare_epochs"]), batch_size=int(pick["compare_batch"]),
        seed=int(pick["compare_seed"]), learning_rate=float(pick["compare_lr"]),
        lookback=split.lookback, val_fraction=split.val_fraction,
        test_fraction=split.test_fraction, scaler=split.scaler)


def scene_configs(scene) -> list:
    """The trainings a scene that needs a run asks for: Compare's three cells on Compare, else
    the Train page's settings."""
    return _compare_configs() if scene.page == "compare" else [_config()]


def _same(config, other) -> bool:
    a, b = config.to_dict(), other.to_dict()
    return all(a.get(k) == b.get(k) for k in a)


def missing_configs(scene) -> list:
    """The scene's trainings that no finished run of the reader's (on the same series part) has
    done yet."""
    import numpy as np

    values = state.working_values()
    done = [r for r in state.runs() if getattr(r, "status", None) == "completed"
            and (getattr(r, "values", None) is None or np.array_equal(np.asarray(r.values), values))]
    return [c for c in scene_configs(scene) if not any(_same(c, r.config) for r in done)]


def start_run(configs: list) -> list[str]:
    """Start ``configs`` (Train's job, the server's limits). The reasons it cannot start."""
    from rnnlab.training import admit
    from ui.jobs import memory, training_job

    if training_job.is_running():
        return []
    values = state.working_values()
    problems = []
    for config in configs:
        problems += [say(p) for p in admit(config, len(values)) if say(p) not in problems]
    if problems:
        return problems
    if memory.over_budget():
        return [tr("player.run.memory")]
    training_job.start_job(configs, values, state.get_series().name)
    return []


def _needs_run(configs: list) -> None:
    """A scene that needs a run of its settings (``configs``: its trainings the reader has not
    done, missing_configs): it is started on the scene's first showing, with a button to try
    again when it could not start."""
    from ui.jobs import training_job

    if not configs:
        return  # the reader has this scene's run (another training may go on meanwhile)
    if training_job.is_running():
        st.caption(tr("player.run.running"))
        return
    tried = st.session_state.setdefault(STARTED_RUN, {})
    seq = str(lesson_state.seq())
    if seq not in tried:
        tried[seq] = start_run(configs)
        if not tried[seq]:
            st.rerun()
    st.info(tr("player.run.needed"), icon=":material/model_training:")
    if st.button(tr("player.run.start"), key="lesson_run", icon=":material/play_arrow:"):
        tried[seq] = start_run(configs)
        if not tried[seq]:
            st.rerun()
    for problem in tried[seq]:
        st.warning(problem, icon=":material/warning:")


# ----- the scene's question, answered alone -----

def question_of(scene) -> qs.Question | None:
    return qs.Question.from_dict(scene.question) if scene.question else None


def truth(q: qs.Question) -> tuple[float | int, str] | None:
    """(the true answer, what it was computed from) for this reader, or None (not computable
    yet: no stage pass for a value question, too few finished runs for a choice)."""
    if q.kind == "value":
        view = view_state.view()
        if view is None or q.preset is None:
            return None
        value = qs.engine_value(q, view["forward"], view["inp"])
        return None if value is None else (value, "engine")
    if q.preset is None:
        return None
    found = qs.runs_choice(q, state.runs())
    return None if found is None else (found[0], found[1])


def _question(scene, index: int) -> None:
    from ui.classroom.live_questions import option_label, question_text

    q = question_of(scene)
    if q is None:
        return
    kept = lesson_state.answers().get(str(index))
    box = st.container(key="lesson_question")
    row = box.container(horizontal=True, gap="small", vertical_alignment="bottom")
    label = f"{tr('player.q.title')} {question_text(q)}"
    if q.kind == "value":
        typed = row.text_input(label, key=f"lesson_q_value_{index}", width=260,
                               placeholder=tr("player.q.placeholder"), max_chars=40)
        answer = qs.parse_number(typed) if typed else None
    else:
        labels = [option_label(q, k) for k in range(len(q.options))]  # fixed to this run's language
        answer = row.radio(label, list(range(len(q.options))), index=None, horizontal=True,
                           key=f"lesson_q_choice_{index}", format_func=labels.__getitem__)
    if row.button(tr("player.q.check"), key=f"lesson_q_check_{index}", disabled=answer is None):
        lesson_state.answers()[str(index)] = kept = {"answer": answer}
    if q.kind == "value" and typed and answer is None:
        box.caption(tr("player.q.bad_number"))
    if not kept:
        return
    found = truth(q)
    if found is None:
        box.info(tr("player.q.no_truth_value" if q.kind == "value" else "player.q.no_runs"))
        return
    value, source = found
    if q.kind == "value":
        right = abs(float(kept["answer"]) - float(value)) <= max(0.05, 0.1 * abs(float(value)))
        text = tr("player.q.value_right" if right else "player.q.value_wrong",
                  truth=num(float(value), decimals=3), answer=num(float(kept["answer"]), decimals=3))
    else:
        right = int(kept["answer"]) == int(value)
        text = tr("player.q.choice_right" if right else "player.q.choice_wrong",
                  truth=option_label(q, int(value)), source=source)
    (box.success if right else box.warning)(text, icon=":material/check_circle:" if right else
                                            ":material/lightbulb:")


# ----- Home -----

def home_button() -> None:
    """Home's second call to action: the guided lesson."""
    st.button(tr("player.take"), key="lesson_take", on_click=open_builtin,
              icon=":material/school:", help=tr("player.take_help"))
