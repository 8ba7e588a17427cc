"""The scene editor: a teacher writes a lesson from the app itself.

The sidebar's "Write a lesson" (``lesson_write``) opens the editor above every page: "Add this
screen" captures the page as it is (ui/lesson_scene.capture), and each scene gets its title and
text (Spanish, English or both), its focus section, whether the stage hides the future, whether
it needs a run; scenes are moved up and down, replaced by the current screen, deleted. Every
change is checked by the lesson format itself (rnnlab.lessons: a refusal is its translated
message, never a traceback). The lesson is previewed (played from the current scene), saved in
the session store under a short code (rnnlab.lessons.lesson_codes; opened with ``?lesson=CODE``),
downloaded as its JSON file and read back from one (untrusted: rnnlab.lessons.loads).

The draft lives in ui/classroom/lesson_state.py (a reload keeps it). Operations are plain functions of
the draft (``add_scene``, ``move``, ``delete``, ``edit``...) that the buttons call back.
"""

from __future__ import annotations

import json

import streamlit as st

from rnnlab.lessons import LessonError, lesson_codes
from rnnlab.store import StoreError
from ui.classroom import lesson_player, lesson_scene, lesson_state
from ui.i18n import lang, say, tr, trn
from ui.text import md_escape

WRITE = "lesson_write"  # the sidebar toggle (a widget: saved with the session)
ERROR = "_lesson_editor_error"  # the last refusal, shown once
SAVED = "_lesson_editor_saved"  # the code just saved


def _fail(exc) -> None:
    # the message quotes the file (a page name, a key): escaped, st.error reads Markdown
    st.session_state[ERROR] = say(exc.message, markdown=True) if hasattr(exc, "message") else str(exc)


def _checked_scene(raw: dict, number: int):
    """The scene dict if the lesson format accepts it; else None (and its message kept)."""
    from rnnlab.lessons import LessonError, Scene

    try:
        return Scene.from_dict(raw, number).to_dict()
    except LessonError as exc:
        _fail(exc)
        return None


def lesson_of(draft: dict):
    """The draft as a Lesson (raises LessonError: no scene yet, a field the format refuses)."""
    from rnnlab.lessons import loads

    title = {k: v for k, v in (draft.get("title") or {}).items() if v}
    text = json.dumps({"format": "rnnlab-lesson", "version": 1,
                       "title": title or {"es": tr_in("editor.untitled", "es"),
                                          "en": tr_in("editor.untitled", "en")},
                       "scenes": draft["scenes"]}, ensure_ascii=False)
    return loads(text)


def tr_in(key: str, language: str) -> str:
    from rnnlab.i18n import t

    return t(key, language)


# ----- operations on the draft (button callbacks) -----

def add_scene(url_path: str) -> None:
    draft = lesson_state.draft()
    if len(draft["scenes"]) >= 60:
        st.session_state[ERROR] = tr("editor.full")
        return
    scene = _checked_scene(lesson_scene.capture_dict(url_path), len(draft["scenes"]) + 1)
    if scene is not None:
        draft["scenes"].append(scene)
        lesson_state.set_draft(draft)


def replace_with_screen(index: int, url_path: str) -> None:
    draft = lesson_state.draft()
    old = draft["scenes"][index]
    new = lesson_scene.capture_dict(url_path)
    for keep in ("title", "text", "values", "question", "activity", "needs_run"):
        new[keep] = old.get(keep, new[keep])
    if old.get("page") == new["page"]:
        new["focus"] = old.get("focus")
    scene = _checked_scene(new, index + 1)
    if scene is not None:
        draft["scenes"][index] = scene
        lesson_state.set_draft(draft)


def move(index: int, to: int) -> None:
    draft = lesson_state.draft()
    scenes = draft["scenes"]
    if 0 <= index < len(scenes) and 0 <= to < len(scenes):
        scenes.insert(to, scenes.pop(index))
        lesson_state.set_draft(draft)


def delete(index: int) -> None:
    draft = lesson_state.draft()
    if 0 <= index < len(draft["scenes"]):
        del draft["scenes"][index]
        lesson_state.set_draft(draft)


def edit(index: int, **changes) -> bool:
    """Change fields of scene ``index`` (as the file writes them); False when refused."""
    draft = lesson_state.draft()
    if not 0 <= index < len(draft["scenes"]):
        return False
    scene = _checked_scene({**draft["scenes"][index], **changes}, index + 1)
    if scene is None:
        return False
    draft["scenes"][index] = scene
    lesson_state.set_draft(draft)
    return True


def parse_params(kind: str, text: str) -> dict:
    """A value's parameters as the teacher types them ("gate=forget, unit=1, t=12"), each read
    by its control spec (a number stays a number); what no spec reads is kept as typed, for the
    lesson format to refuse with its own message."""
    from rnnlab.lessons.values import VALUE_KINDS

    specs = VALUE_KINDS[kind].params if kind in VALUE_KINDS else {}
    ref = {"kind": kind}
    for part in str(text or "").split(","):
        key, sep, raw = part.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or not key:
            continue
        spec = specs.get(key)
        value = spec.parse(raw) if spec is not None else None
        ref[key] = raw if value is None else value
    return ref


def add_value(index: int, name: str, kind: str, params: str) -> bool:
    """Declare (or replace) the live value ``name`` of scene ``index``; False when refused."""
    draft = lesson_state.draft()
    if not 0 <= index < len(draft["scenes"]):
        return False
    values = dict(draft["scenes"][index].get("values") or {})
    values[str(name).strip()] = parse_params(kind, params)
    return edit(index, values=values)


def remove_value(index: int, name: str) -> bool:
    draft = lesson_state.draft()
    if not 0 <= index < len(draft["scenes"]):
        return False
    values = {k: v for k, v in (draft["scenes"][index].get("values") or {}).items() if k != name}
    return edit(index, values=values)


QUESTION_CHOICES = ("none", "gate", "hidden", "prediction", "winner", "persistence",
                    "own_value", "own_choice")


def question_of(scene: dict, choice: str, gate: str | None = None, unit: int = 1, text: str = "",
                options: str = "") -> dict | None:
    """The question a scene asks, as the lesson file writes it (no id, no truth: the player and
    the room compute the answer). A value preset asks about the step after the scene's own
    (the one hide-the-future keeps hidden), as the live room's preset does."""
    from rnnlab.classroom import questions as qs

    if choice == "none":
        return None
    if choice in qs.VALUE_PRESETS:
        t = int((scene.get("hidden") or {}).get("t") or 1) + 1
        q = qs.value_question(choice, t=t, unit=int(unit), gate=gate if choice == "gate" else None)
    elif choice in qs.CHOICE_PRESETS:
        q = qs.choice_question(choice)
    else:
        kind = "value" if choice == "own_value" else "choice"
        q = qs.own_question(kind, text, qs.parse_options(options) if kind == "choice" else None)
    return {"kind": q.kind, "preset": q.preset, "text": q.text, "params": q.params,
            "options": q.options}


def set_question(index: int, choice: str, **kw) -> bool:
    """Ask (or stop asking) a question in scene ``index``; False, with the reason, when refused."""
    draft = lesson_state.draft()
    if not 0 <= index < len(draft["scenes"]):
        return False
    try:
        question = question_of(draft["scenes"][index], choice, **kw)
    except ValueError:  # the teacher's own question without words, or too few options
        empty = not str(kw.get("text") or "").strip()
        st.session_state[ERROR] = tr("live.q.empty" if empty else "live.q.bad_options")
        return False
    return edit(index, question=question)


def set_title(es: str, en: str) -> None:
    draft = lesson_state.draft()
    draft["title"] = {"es": es.strip()[:120], "en": en.strip()[:120]}
    lesson_state.set_draft(draft)


def import_text(text) -> bool:
    """Replace the draft by a lesson file's scenes (checked whole first)."""
    from rnnlab.lessons import LessonError, loads

    try:
        found = loads(text)
    except LessonError as exc:
        _fail(exc)
        return False
    except Exception:  # noqa: BLE001 - an untrusted file must never end in a traceback
        st.session_state[ERROR] = tr("editor.import_failed")
        return False
    data = found.to_dict()
    title = data.get("title") or {}
    lesson_state.set_draft({"title": {"es": title.get("es", ""), "en": title.get("en", "")},
                            "scenes": data["scenes"], "code": None})
    return True


def preview(index: int = 0) -> None:
    from rnnlab.lessons import LessonError

    try:
        found = lesson_of(lesson_state.draft())
    except LessonError as exc:
        _fail(exc)
        return
    lesson_player.open_lesson(found, "", min(index, len(found) - 1))


def save() -> str | None:
    """The draft saved in the store; its code (kept in the draft: saving again keeps it)."""
    from rnnlab.lessons import LessonError
    from ui.persistence import persist

    draft = lesson_state.draft()
    try:
        text = lesson_of(draft).dumps(indent=None)
    except LessonError as exc:
        _fail(exc)
        return None
    store = persist.shared_store()
    if store is None:
        st.session_state[ERROR] = tr("player.store_down")
        return None
    try:
        code = lesson_codes.save(store, text, draft.get("code"))
    except StoreError as exc:
        persist.store_failed(exc)
        st.session_state[ERROR] = tr("player.store_down")
        return None
    except ValueError:
        st.session_state[ERROR] = tr("editor.too_big")
        return None
    draft["code"] = code
    lesson_state.set_draft(draft)
    st.session_state[SAVED] = code
    return code


def lesson_link(code: str) -> str:
    base = (st.context.url or "").split("?")[0] if st.context.url else ""
    root = base.rsplit("/", 1)[0] + "/" if base else "./"
    return f"{root}?lesson={code}"


# ----- drawing -----

def sidebar_toggle() -> bool:
    return st.sidebar.toggle(tr("editor.write"), key=WRITE, help=tr("editor.write_help"))


def _scene_label(number: int, scene: dict) -> str:
    titles = scene.get("title") or {}
    title = titles.get(lang()) or next((v for v in titles.values() if v), "") or tr("editor.no_title")
    page = tr(_PAGE_TITLES.get(scene.get("page"), "nav.home"))
    return f"{number}. {title} · {page}"


def _digest(value) -> str:
    import hashlib

    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


_PAGE_TITLES = {"home": "nav.home", "data": "nav.data", "hidden": "nav.hidden", "train": "nav.train",
                "compare": "nav.compare", "modern": "nav.modern", "concepts": "nav.concepts"}


def _scene_form(index: int, scene: dict, total: int, url_path: str) -> None:
    from rnnlab.lessons import FOCUS

    # The widgets' keys carry the scene's digest: a moved, replaced or imported scene gets fresh
    # widgets (Streamlit keeps a keyed widget's old value over a new ``value=``).
    k = f"lesson_ed_{index}_{_digest(scene)}"
    with st.form(key=f"{k}_form", border=False):
        c1, c2 = st.columns(2)
        title_es = c1.text_input(tr("editor.title_es"), value=(scene.get("title") or {}).get("es", ""),
                                 max_chars=120, key=f"{k}_title_es")
        title_en = c2.text_input(tr("editor.title_en"), value=(scene.get("title") or {}).get("en", ""),
                                 max_chars=120, key=f"{k}_title_en")
        text_es = c1.text_area(tr("editor.text_es"), value=(scene.get("text") or {}).get("es", ""),
                               max_chars=1500, key=f"{k}_text_es", help=tr("editor.text_help"))
        text_en = c2.text_area(tr("editor.text_en"), value=(scene.get("text") or {}).get("en", ""),
                               max_chars=1500, key=f"{k}_text_en", help=tr("editor.text_help"))
        sections = ["", *FOCUS.get(scene["page"], ())]
        none = tr("editor.focus_none")  # fixed to this run's language (AppTest calls it later)
        focus = c1.selectbox(tr("editor.focus"), sections,
                             index=sections.index(scene.get("focus") or ""),
                             format_func=lambda s: s or none,
                             key=f"{k}_focus")
        needs_run = c2.toggle(tr("editor.needs_run"), value=bool(scene.get("needs_run")),
                              key=f"{k}_needs_run", help=tr("editor.needs_run_help"))
        hide_future = None
        if scene.get("hidden"):
            hide_future = c2.toggle(tr("editor.hide_future"), value=bool(scene["hidden"].get("hide_future")),
                                    key=f"{k}_hide_future")
        if st.form_submit_button(tr("editor.apply"), icon=":material/save:"):
            changes = {"title": {"es": title_es.strip(), "en": title_en.strip()},
                       "text": {"es": text_es, "en": text_en}, "focus": focus or None,
                       "needs_run": bool(needs_run)}
            if hide_future is not None:
                changes["hidden"] = {**scene["hidden"], "hide_future": bool(hide_future)}
            if edit(index, **changes):
                st.rerun()
            st.error(st.session_state.pop(ERROR, ""), icon=":material/error:")  # what the format refused
    _values_form(index, scene, k)
    _question_form(index, scene, k)
    row = st.container(horizontal=True, gap="small")
    row.button(tr("editor.up"), key=f"{k}_up", on_click=move, args=(index, index - 1),
               disabled=index == 0, icon=":material/arrow_upward:")
    row.button(tr("editor.down"), key=f"{k}_down", on_click=move, args=(index, index + 1),
               disabled=index >= total - 1, icon=":material/arrow_downward:")
    row.button(tr("editor.replace"), key=f"{k}_replace", on_click=replace_with_screen,
               args=(index, url_path), icon=":material/screenshot_monitor:", help=tr("editor.replace_help"))
    row.button(tr("editor.play_here"), key=f"{k}_play", on_click=preview, args=(index,),
               icon=":material/play_arrow:")
    row.button(tr("editor.delete"), key=f"{k}_delete", on_click=delete, args=(index,),
               icon=":material/delete:", type="tertiary")


def _values_form(index: int, scene: dict, k: str) -> None:
    """The scene's live values: listed, added (name, kind, parameters), removed."""
    from rnnlab.lessons.values import VALUE_KINDS

    values = scene.get("values") or {}
    st.markdown(f"**{tr('editor.values')}**")
    if values:
        st.caption(" · ".join(
            md_escape("{" + name + "}: " + ", ".join(f"{p}={v}" for p, v in ref.items()), limit=200)
            for name, ref in values.items()))
    else:
        st.caption(tr("editor.values_none", example="{f_peak}"))
    with st.form(key=f"{k}_values", border=False):
        c1, c2, c3 = st.columns([1, 1, 2], vertical_alignment="bottom")
        name = c1.text_input(tr("editor.value_name"), max_chars=31, key=f"{k}_value_name",
                             help=tr("editor.value_name_help", example="{f_peak}"))
        kind = c2.selectbox(tr("editor.value_kind"), list(VALUE_KINDS), key=f"{k}_value_kind")
        params = c3.text_input(tr("editor.value_params"), max_chars=200, key=f"{k}_value_params",
                               placeholder="gate=forget, unit=1, t=12",
                               help=tr("editor.value_params_help"))
        if st.form_submit_button(tr("editor.value_add"), icon=":material/add:"):
            if add_value(index, name, kind, params):
                st.rerun()
            st.error(st.session_state.pop(ERROR, ""), icon=":material/error:")
    if values:
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        gone = c1.selectbox(tr("editor.value_pick"), list(values), key=f"{k}_value_pick")
        if c2.button(tr("editor.value_remove"), key=f"{k}_value_remove", icon=":material/remove:"):
            if remove_value(index, gone):
                st.rerun()
            st.error(st.session_state.pop(ERROR, ""), icon=":material/error:")


def _question_form(index: int, scene: dict, k: str) -> None:
    """The scene's question (the live room's kinds): a preset about the next step of the
    scene's stage, a preset choice, or the teacher's own words."""
    from rnnlab.pages import hidden

    asked = scene.get("question")
    st.markdown(f"**{tr('editor.question')}**")
    if asked:
        shown = asked.get("text") or tr(f"editor.q.{asked.get('preset')}")
        st.caption(md_escape(shown, limit=300))
    with st.form(key=f"{k}_question", border=False):
        c1, c2 = st.columns(2)
        labels = {c: tr(f"editor.q.{c}") for c in QUESTION_CHOICES}  # this run's language
        choice = c1.selectbox(tr("editor.question_kind"), QUESTION_CHOICES, key=f"{k}_q_kind",
                              format_func=labels.get,
                              help=tr("editor.question_help"))
        cell = (scene.get("settings") or {}).get("hidden_cell") or "LSTM"
        gates = hidden.GATE_NAMES.get(cell, ()) or ("forget",)
        gate = c2.selectbox(tr("editor.q_gate"), gates, key=f"{k}_q_gate")
        unit = c2.number_input(tr("editor.q_unit"), min_value=1, max_value=64, value=1, step=1,
                               key=f"{k}_q_unit")
        text = c1.text_input(tr("editor.q_text"), max_chars=300, key=f"{k}_q_text")
        options = c1.text_area(tr("editor.q_options"), key=f"{k}_q_options", height=90,
                               help=tr("editor.q_options_help"))
        if st.form_submit_button(tr("editor.question_set"), icon=":material/quiz:"):
            if set_question(index, choice, gate=gate, unit=int(unit), text=text, options=options):
                st.rerun()
            st.error(st.session_state.pop(ERROR, ""), icon=":material/error:")


def panel(url_path: str) -> None:
    """Above the page while "Write a lesson" is on."""
    if not st.session_state.get(WRITE):
        return
    draft = lesson_state.draft()
    scenes = draft["scenes"]
    with st.expander(trn("editor.header", len(scenes)), expanded=True, icon=":material/edit_note:"), \
            st.container(key="lesson_editor"):
        error = st.session_state.pop(ERROR, None)
        if error:
            st.error(error, icon=":material/error:")
        top = st.container(horizontal=True, gap="small")
        top.button(tr("editor.add"), key="lesson_add", on_click=add_scene, args=(url_path,),
                   type="primary", icon=":material/add_a_photo:", help=tr("editor.add_help"))
        top.button(tr("editor.preview"), key="lesson_preview", on_click=preview,
                   disabled=not scenes, icon=":material/slideshow:")
        top.button(tr("editor.save"), key="lesson_save", on_click=save, disabled=not scenes,
                   icon=":material/cloud_upload:")
        if scenes:
            try:
                text = lesson_of(draft).dumps()
            except LessonError:  # a refused draft has nothing to download yet
                text = None
            if text is not None:
                top.download_button(tr("editor.export"), text.encode("utf-8"), file_name="lesson.json",
                                    mime="application/json", key="lesson_export", on_click="ignore",
                                    icon=":material/download:")
                lesson_player.offline_download(top, lesson_of(draft), key="lesson_offline")
        if draft.get("code"):
            st.markdown(tr("editor.saved", code=draft["code"]))
            st.code(lesson_link(draft["code"]), language=None, wrap_lines=True)
        with st.form(key=f"lesson_title_form_{_digest(draft['title'])}", border=False):
            c1, c2 = st.columns(2)
            es = c1.text_input(tr("editor.lesson_title_es"), value=draft["title"].get("es", ""),
                               max_chars=120)
            en = c2.text_input(tr("editor.lesson_title_en"), value=draft["title"].get("en", ""),
                               max_chars=120)
            if st.form_submit_button(tr("editor.apply_title"), icon=":material/save:"):
                set_title(es, en)
                st.rerun()
        if not scenes:
            st.caption(tr("editor.empty"))
        for index, scene in enumerate(scenes):
            with st.expander(_scene_label(index + 1, scene)):
                _scene_form(index, scene, len(scenes), url_path)
        upload = st.file_uploader(tr("editor.import"), type=["json"], key="lesson_import",
                                  help=tr("editor.import_help"), max_upload_size=3)
        if upload is not None:
            marker = (upload.name, upload.size, getattr(upload, "file_id", None))
            if st.session_state.get("_lesson_imported") != marker:
                st.session_state["_lesson_imported"] = marker
                if import_text(upload.getvalue()):
                    st.success(trn("editor.imported", len(lesson_state.draft()["scenes"]),
                                   name=md_escape(upload.name, limit=80)))
                else:
                    st.error(st.session_state.pop(ERROR, ""), icon=":material/error:")
