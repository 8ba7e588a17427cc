"""Share links and teacher mode (Streamlit side): the sidebar's *Share this setup*.

- A link carries the series (rnnlab.classroom.share_links parameters) and the page's own settings (SHAREABLE
  below: cell, units, seed, step...). Opening it applies them once per session, before the page
  draws its widgets. (Not Streamlit's ``bind="query-params"``: its URL values of translated
  options change with the language, and a bound value cannot follow a step moved by code.)
- Teacher mode (``teacher=1``) hides the controls listed in ``hide`` and shows a task prompt
  (``task``: one of rnnlab.classroom.share_links.TASKS, or the teacher's own words). It is remembered for the
  session, since Streamlit clears plain URL parameters on a page change.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from urllib.parse import urlencode

import streamlit as st

from rnnlab.classroom import share_links as core
from rnnlab.pages import page_controls
from ui.i18n import lang, tr
from ui.session import state
from ui.text import md_escape

APPLIED = "_lesson_applied"
TEACHER = "_teacher"  # {"hide": tuple, "task": str | None} when teacher mode is on

LINK_PARAMS = "_lesson_params"  # the opening URL's parameters, kept for the pages' settings
SEEDED = "_lesson_seeded"  # pages whose settings were already taken from the link

# Per page (url path): the settings a lesson link carries (widget key -> rnnlab.declarations.controls spec,
# which validates the link's text) and the controls a teacher may hide (widget key -> i18n key
# of its label). Both are read off the pages' one declaration, rnnlab.pages.page_controls.
SHAREABLE = page_controls.SHAREABLE
HIDEABLE = page_controls.HIDEABLE


def apply_link() -> None:
    """Once per session: take the series, split and teacher settings from the opening URL."""
    if st.session_state.get(APPLIED):
        return
    st.session_state[APPLIED] = True
    st.session_state[LINK_PARAMS] = st.query_params.to_dict()
    setup = core.parse(st.session_state[LINK_PARAMS])
    series = None
    if setup.source is not None:
        try:
            series = core.build_series(setup.source, lang())
        except Exception:  # a broken built-in file must not block the app: keep the default
            setup.dropped.append("src")
    wanted = setup.working_range
    setup.working_range = core.check_range(wanted, len(series if series is not None else state.get_series()))
    if wanted is not None and setup.working_range is None:
        setup.dropped.append("range")  # past the series' end, or too few values for a page
    if series is not None:
        state.set_series(series, setup.source, setup.working_range)
    elif setup.working_range is not None:
        state.set_range(*setup.working_range)
    hideable = {key for keys in HIDEABLE.values() for key in keys}
    setup.hide, refused = core.allowed_hide(setup.hide, hideable)
    if refused:
        setup.dropped.append("hide")
    if setup.split:
        current = state.get_split()
        state.set_split(replace(current, **setup.split))
    if setup.teacher:
        st.session_state[TEACHER] = {"hide": setup.hide, "task": setup.task}
    if setup.dropped:
        st.session_state["_lesson_dropped"] = sorted(set(setup.dropped))


def _valid(spec, raw):
    """The link's text as the setting's value, or None when it is not a valid one."""
    return spec.parse(raw)


def seed_page(page_path: str) -> None:
    """Once per session and page: the page's settings from the lesson link, before it draws."""
    seeded = st.session_state.setdefault(SEEDED, set())
    if page_path in seeded:
        return
    seeded.add(page_path)
    link = st.session_state.get(LINK_PARAMS, {})
    bad = []
    for key, spec in SHAREABLE.get(page_path, {}).items():
        if key in link:
            value = _valid(spec, link[key])
            if value is None:
                bad.append(key)
            else:
                st.session_state[key] = value
    if bad:
        st.session_state["_lesson_dropped"] = bad


def teacher() -> dict | None:
    return st.session_state.get(TEACHER)


def decorate_page() -> None:
    """Teacher mode: hide the chosen controls (still rendered, so they keep their linked values)
    and show the task prompt; and report link parameters that were ignored."""
    dropped = st.session_state.pop("_lesson_dropped", None)
    if dropped:
        st.warning(tr("lesson.dropped", params=", ".join(dropped)))
    settings = teacher()
    if not settings:
        return
    if settings["hide"]:
        hideable = {key for keys in HIDEABLE.values() for key in keys}
        rules = ", ".join(f".st-key-{key}" for key in settings["hide"] if key in hideable)
        if rules:
            st.html(f"<style>{rules} {{ display: none !important; }}</style>")
    task = settings.get("task")
    if task:
        # The teacher's own words come from a URL: plain text, never Markdown (no remote
        # images or disguised links in the official task box), and at most TASK_CHARS long.
        text = tr(f"lesson.task.{task}") if task in core.TASKS else md_escape(
            task, limit=core.TASK_CHARS)
        st.info(f"**{tr('lesson.task')}** {text}", icon=":material/school:")


def _page_params(page_path: str) -> dict[str, str]:
    """The current page's settings, as they are now."""
    ss = st.session_state
    return {key: spec.text(ss[key]) for key, spec in SHAREABLE.get(page_path, {}).items()
            if key in ss and ss[key] is not None}


def share_link(page_path: str, teacher_mode: bool = False, hide=(), task: str | None = None) -> str:
    split = state.get_split()
    params = core.to_params(state.get_source(), state.working_range(), asdict(split),
                              teacher_mode, hide, task)
    params.update(_page_params(page_path))
    base = st.context.url or ""
    if not base:  # no browser (tests): a relative link to the page
        base = f"./{page_path}"
    return f"{base}?{urlencode(params)}"


def share_panel(page_path: str) -> None:
    """Sidebar: the link that reproduces this setup, and the teacher-mode options."""
    # on_change="rerun": opening it builds the link from the settings as they are at that moment
    # (a step moved inside a fragment does not rerun the sidebar).
    with st.sidebar.popover(tr("lesson.share"), icon=":material/link:", width="stretch",
                            key="lesson_share", on_change="rerun"):
        st.caption(tr("lesson.share_help"))
        if state.get_source().get("kind") == "upload":
            st.warning(tr("lesson.upload_not_shared"))
        use_teacher = st.toggle(tr("lesson.teacher"), key="lesson_teacher",
                                help=tr("lesson.teacher_help"))
        hide, task = (), None
        if use_teacher:
            options = HIDEABLE.get(page_path, {})
            if options:
                hide = tuple(st.multiselect(tr("lesson.hide"), list(options), key="lesson_hide",
                                            format_func=lambda k: tr(options[k]), select_all=False,
                                            placeholder=tr("chrome.choose_many")))
            choices = ["", *core.TASKS, "custom"]
            picked = st.selectbox(
                tr("lesson.task"), choices, key="lesson_task_pick", placeholder=tr("chrome.choose"),
                format_func=lambda k: tr("lesson.task.none") if not k else
                tr("lesson.task.custom") if k == "custom" else tr(f"lesson.task.{k}"))
            if picked == "custom":
                task = st.text_input(tr("lesson.task.custom"), key="lesson_task_text",
                                     max_chars=300) or None
            else:
                task = picked or None
        st.code(share_link(page_path, use_teacher, hide, task), language=None, wrap_lines=True)
