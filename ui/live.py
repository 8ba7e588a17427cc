"""The live lesson (Streamlit side): the teacher's room in the sidebar, students following it.

- The teacher presses "Start a live lesson" (``live_start``): a room (rnnlab.rooms) on the
  process' store (the one saved sessions use: SQLite, or Redis across replicas). The sidebar
  shows its code, join link, QR code and a live count of students, and publishes what the
  teacher shows: the page, the series (as lesson-link parameters: an upload does not travel),
  the split and the page's settings (ui.share_links.SHAREABLE, which include the Hidden states step).
  It publishes after every run, when the stage's step settles, and every TEACHER_POLL seconds.
- A student opens ``?room=CODE`` or types the code. A fragment polls the room every
  STUDENT_POLL seconds; a new state is kept as pending and the app reruns: before anything is
  drawn, ``follow()`` switches to the teacher's page and applies the state through the same
  checks as a lesson link. The stage takes the step as ``goto`` (ui/stage.py).
- Predict, then reveal (ui/live_questions.py): the teacher asks a question, the poll sees it
  (``q_stamp``: its id and whether it is revealed) and reruns the student's app; while it is
  open ``hide_future()`` is True and the stage hides the future.
- Outside a room nothing here polls, and the pages see no change (``stage_goto()`` is None).
"""

from __future__ import annotations

import contextlib
import html
import json
import secrets
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from rnnlab import share_links as core
from rnnlab.messages import Message
from rnnlab.rooms import RoomError, Rooms, normalize_code
from rnnlab.store import StoreError
from ui import persist, share_links, state
from ui import stage as stage_ui
from ui.i18n import lang, say, tr

LIVE = "_live"  # {"role": "teacher" | "student", "code", ...} while in a room
PENDING = "_live_pending"  # a student's state from the room, applied at the next run's start
NOTICE = "_live_notice"  # a Message to show once
LINKED = "_live_link"  # the ?room= code already handled (a reload or page change keeps the URL)
STUDENT_POLL = 1.0  # seconds: the step reaches students within about this plus one rerun
TEACHER_POLL = 2.0
HEARTBEAT_EVERY = 4.0  # well under rnnlab.rooms.STALE_SECONDS
STAGE_PAGE, STEP = "hidden_states", "hidden_t"  # the page with the stage, and its step's key
DEFAULT_PAGE = "home"  # st.navigation gives the default page the url path "" (the app's root)


def _info() -> dict | None:
    info = st.session_state.get(LIVE)
    return info if isinstance(info, dict) and info.get("code") else None


def _rooms() -> Rooms | None:
    store = persist.shared_store()
    return None if store is None else Rooms(store)


room_info = _info  # for ui/live_questions.py: this session's room, or None
open_rooms = _rooms  # the rooms on the process' store, or None while it is down


def _notice(message: Message | str, code: str = "") -> None:
    """Say ``message`` (a Message, or an i18n key about the room ``code``) once, at the next run."""
    st.session_state[NOTICE] = message if isinstance(message, Message) else Message(message, {"code": code})


def _failed(exc: Exception, code: str = "") -> None:
    if isinstance(exc, RoomError):
        st.session_state[NOTICE] = exc.message
    else:
        persist.store_failed(exc)
        _notice("live.error.down")


report_failure = _failed
notice = _notice


# ----- joining -----

def join(raw: str) -> bool:
    """Join the room ``raw`` names as a student. False (with a notice) when it cannot be joined."""
    code = normalize_code(raw)
    if code is None:
        _notice("live.error.bad_code", str(raw)[:12])
        return False
    rooms = _rooms()
    if rooms is None:
        _notice("live.error.down")
        return False
    sid = secrets.token_urlsafe(12)
    try:
        rooms.heartbeat(code, sid)  # refuses a missing or ended room
    except (RoomError, StoreError) as exc:
        _failed(exc, code)
        return False
    st.session_state[LIVE] = {"role": "student", "code": code, "sid": sid, "follow": True,
                              "seq": None, "ended": False, "last_hb": time.time(), "q_stamp": None}
    st.session_state.pop(PENDING, None)
    return True


def begin() -> None:
    """Early in app.py (after the lesson link): a ``?room=CODE`` in the URL joins that room."""
    raw = st.query_params.get("room")
    if not raw or st.session_state.get(LINKED) == raw:
        return
    st.session_state[LINKED] = raw
    info = _info()
    if info is not None and info["code"] == normalize_code(raw):
        return  # already in it (a restored session)
    join(raw)


def follow(page_path: str, pages: dict[str, str]) -> None:
    """Right after st.navigation, before anything is drawn: go where the teacher is."""
    ss = st.session_state
    page_path = page_path or DEFAULT_PAGE
    info = _info()
    if info is not None:
        info["at"] = page_path  # where this student is: a step-only change can skip the rerun
    shown = ss.get(PENDING)
    if not isinstance(shown, dict):
        return
    if info is None or info.get("role") != "student" or not info.get("follow"):
        ss.pop(PENDING, None)
        return
    page = shown.get("page")
    if isinstance(page, str) and page in pages and page != page_path:
        st.switch_page(pages[page])  # reruns on that page; the state is applied there
    ss.pop(PENDING, None)
    _apply(shown, page_path)


def _apply(shown: dict, page_path: str) -> None:
    """The teacher's state, validated like a lesson link's parameters."""
    ss = st.session_state
    params = shown.get("params") if isinstance(shown.get("params"), dict) else {}
    setup = core.parse({str(k): str(v) for k, v in params.items()})
    if setup.source is not None and setup.source != state.get_source():
        try:
            series = core.build_series(setup.source, lang())
        except Exception:  # noqa: BLE001 - a broken built-in file: keep the student's series
            series = None
        if series is not None:
            state.set_series(series, setup.source, setup.working_range)
    elif setup.working_range is not None and tuple(setup.working_range) != state.working_range():
        state.set_range(*setup.working_range)
    if setup.split:
        split = replace(state.get_split(), **setup.split)
        if split != state.get_split():
            state.set_split(split)
    settings = shown.get("settings") if isinstance(shown.get("settings"), dict) else {}
    for key, spec in share_links.SHAREABLE.get(page_path, {}).items():
        if key in settings:
            value = share_links._valid(spec, str(settings[key]))
            if value is not None:
                ss[key] = value


def stage_goto() -> dict | None:
    """For the Hidden states stage: the teacher's step while a student follows, else None."""
    info = _info()
    if info is None or info.get("role") != "student" or not info.get("follow") or info.get("ended"):
        return None
    if info.get("seq") is None:
        return None
    return {"step": int(st.session_state.get("hidden_t", 1)), "seq": int(info["seq"])}


def hide_future() -> bool:
    """True while this session's room has a question open (not yet revealed): the stage hides
    the future, for the students and for the teacher's projected screen alike."""
    info = _info()
    if info is None or info.get("ended"):
        return False
    if info.get("role") == "teacher":
        q = info.get("q")
        return bool(q) and not q.get("revealed")
    stamp = info.get("q_stamp")
    return bool(stamp) and not stamp[1]


# ----- the teacher -----

def _shown(page_path: str) -> dict:
    params = core.to_params(state.get_source(), state.working_range(), asdict(state.get_split()))
    return {"page": page_path, "params": params, "settings": share_links._page_params(page_path)}


def publish() -> None:
    """The teacher's current state to the room, when it changed since the last publish."""
    info = _info()
    if info is None or info.get("role") != "teacher" or not info.get("page"):
        return
    shown = _shown(info["page"])
    digest = json.dumps(shown, sort_keys=True)
    if digest == info.get("sent"):
        return
    rooms = _rooms()
    if rooms is None:
        return
    try:
        rooms.publish(info["code"], info["token"], shown)
    except (RoomError, StoreError) as exc:
        _failed(exc, info["code"])
        return
    info["sent"] = digest


def _start() -> None:
    rooms = _rooms()
    if rooms is None:
        _notice("live.error.down")
        return
    try:
        room = rooms.create()
    except StoreError as exc:
        _failed(exc)
        return
    st.session_state[LIVE] = {"role": "teacher", "code": room.code, "token": room.token,
                              "expires": room.expires, "page": None, "sent": None}


def _end() -> None:
    info = _info()
    st.session_state.pop(LIVE, None)
    rooms = _rooms()
    if info is None or rooms is None:
        return
    try:
        rooms.end(info["code"], info["token"])
    except (RoomError, StoreError) as exc:
        _failed(exc, info["code"])


def join_link(code: str, page_path: str) -> str:
    """The app's address with ``?room=CODE`` (any page of the app joins)."""
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:  # no browser (tests)
        return f"./?room={code}"
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path + "/", f"room={code}", ""))


def qr_image(text: str, title: str) -> str:
    """An <img> of the QR code of ``text``: an SVG drawn here by segno, inline as a data URI
    (nothing fetched; st.html keeps an <img> but strips inline <svg>)."""
    import segno

    uri = segno.make(text, error="m").svg_data_uri(scale=5, border=2, dark="#111827")
    return f'<img src="{html.escape(uri)}" alt="{html.escape(title)}" width="185" height="185">'


def _teacher_count() -> None:
    info = _info()
    if info is None or info.get("role") != "teacher":
        return
    publish()  # a change the other hooks missed goes out within TEACHER_POLL
    rooms = _rooms()
    try:
        n = rooms.count(info["code"]) if rooms is not None else 0
    except (RoomError, StoreError):
        n = 0
    st.html(f'<p data-testid="rnnlab-room-students" data-count="{n}" style="margin:0;font-size:1.1rem">'
            f'{html.escape(tr("live.students", n=n))}</p>')


def _teacher_panel(info: dict, page_path: str) -> None:
    info["page"] = page_path
    publish()
    code = info["code"]
    link = join_link(code, page_path)
    with st.container(border=True, key="live_room"):
        st.markdown(f"**{tr('live.teacher_title')}**")
        st.html(f'<div style="font-size:.85rem;color:#4b5563">{html.escape(tr("live.code_label"))}</div>'
                f'<div data-testid="rnnlab-room-code" style="font:700 2.2rem/1.1 ui-monospace,'
                f'SFMono-Regular,Menlo,monospace;letter-spacing:.12em">{code}</div>')
        st.caption(tr("live.link"))
        st.code(link, language=None, wrap_lines=True)
        st.html(f'<div data-testid="rnnlab-room-qr" style="background:#fff;display:inline-block">'
                f'{qr_image(link, tr("live.qr_title"))}</div>')
        st.fragment(_teacher_count, run_every=TEACHER_POLL)()
        until = datetime.fromtimestamp(float(info.get("expires", 0)), tz=UTC).strftime("%H:%M")
        st.caption(tr("live.until", time=until))
        if state.get_source().get("kind") == "upload":
            st.caption(tr("live.upload_not_shared"))
        from ui import live_questions  # here: it builds on this module

        live_questions.ask_controls(info, page_path)
        st.button(tr("live.end"), key="live_end", on_click=_end, icon=":material/stop_circle:",
                  width="stretch")


# ----- the student -----

def _set_follow(on: bool) -> None:
    info = _info()
    if info is not None:
        info["follow"] = on
        if on:
            info["seq"] = None  # the teacher's current state applies again at once


def _leave() -> None:
    info = _info()
    st.session_state.pop(LIVE, None)
    st.session_state.pop(PENDING, None)
    rooms = _rooms()
    if info is not None and rooms is not None and not info.get("ended"):
        with contextlib.suppress(RoomError, StoreError):  # else the heartbeat goes stale by itself
            rooms.leave(info["code"], info["sid"])


def _poll(info: dict) -> None:
    """One look at the room: heartbeat now and then, and a new state if following."""
    rooms = _rooms()
    if rooms is None:
        return
    code = info["code"]
    try:
        if rooms.status(code) != "open":
            info["ended"] = True
            st.session_state.pop(PENDING, None)
            st.rerun(scope="app")
        now = time.time()
        if now - float(info.get("last_hb") or 0) >= HEARTBEAT_EVERY:
            rooms.heartbeat(code, info["sid"])
            info["last_hb"] = now
        changed = False
        question = rooms.question(code)  # asked, revealed or removed: the whole app redraws
        stamp = [question.id, question.revealed] if question is not None else None
        if stamp != info.get("q_stamp"):
            info["q_stamp"] = stamp
            changed = True
        if info.get("follow"):
            record = rooms.state(code)
            if record is not None and record["seq"] != info.get("seq"):
                step = _step_only(info, record["shown"])
                info["seq"], info["shown"] = record["seq"], record["shown"]
                if step is not None:  # only the stage moves: no rerun of the whole page
                    st.session_state[STEP] = step
                    info["report"] = True
                else:
                    st.session_state[PENDING] = record["shown"]
                    info["report"] = False
                    changed = True
        if changed:
            st.rerun(scope="app")
    except RoomError:
        info["ended"] = True
        st.rerun(scope="app")
    except StoreError as exc:
        persist.store_failed(exc)


def _step_only(info: dict, shown) -> int | None:
    """The teacher's new Hidden states step, when that is all that changed since the state this
    student last applied, and the student is on that page; else None (the page reruns)."""
    before = info.get("shown")
    if not isinstance(before, dict) or not isinstance(shown, dict):
        return None
    if info.get("at") != STAGE_PAGE or shown.get("page") != STAGE_PAGE or info.get("seq") is None:
        return None
    old, new = dict(before.get("settings") or {}), dict(shown.get("settings") or {})
    raw = new.pop(STEP, None)
    old.pop(STEP, None)
    specs = share_links.SHAREABLE.get(STAGE_PAGE, {})
    if before.get("params") != shown.get("params") or raw is None or STEP not in specs:
        return None
    ss = st.session_state
    for key in set(old) | set(new):  # a setting that changed must already be the student's
        if old.get(key) != new.get(key) and not (
                key in specs and key in new and ss.get(key) is not None
                and specs[key].text(ss[key]) == str(new[key])):
            return None
    return share_links._valid(specs[STEP], str(raw))


def _student_live() -> None:
    info = _info()
    if info is None or info.get("role") != "student" or info.get("ended"):
        return
    _poll(info)
    goto = stage_goto()
    if goto is not None and info.get("at") == STAGE_PAGE:
        # The step of a step-only change reaches the stage from here (the poll's fragment):
        # "report" asks the stage to say it landed, so the one-step arithmetic follows it.
        stage_ui.lead(dict(goto, report=bool(info.get("report"))), hide_future())
    st.markdown(f"**{tr('live.student_title', code=info['code'])}**")
    if info.get("follow"):
        st.caption(tr("live.following") if info.get("seq") is not None else tr("live.waiting"))
        st.button(tr("live.unfollow"), key="live_unfollow", on_click=_set_follow, args=(False,),
                  icon=":material/explore:", width="stretch")
    else:
        st.caption(tr("live.not_following"))
        st.button(tr("live.follow"), key="live_follow", on_click=_set_follow, args=(True,),
                  icon=":material/group:", type="primary", width="stretch")


def _student_panel(info: dict) -> None:
    with st.container(border=True, key="live_student"):
        if info.get("ended"):
            st.info(tr("live.ended", code=info["code"]), icon=":material/event_busy:")
        else:
            st.fragment(_student_live, run_every=STUDENT_POLL)()
        st.button(tr("live.leave"), key="live_leave", on_click=_leave, icon=":material/logout:",
                  width="stretch")


# ----- outside a room -----

def _join_typed() -> None:
    join(st.session_state.get("live_code") or "")


def _outside() -> None:
    st.button(tr("live.start"), key="live_start", on_click=_start, icon=":material/cast_for_education:",
              width="stretch")
    with st.popover(tr("live.join_open"), icon=":material/login:", width="stretch", key="live_join_open"):
        st.text_input(tr("live.code_input"), key="live_code", max_chars=12, placeholder="7K3Q9M")
        st.button(tr("live.join"), key="live_join", on_click=_join_typed, type="primary")


def _show_notice() -> None:
    notice = st.session_state.pop(NOTICE, None)
    if isinstance(notice, Message):
        st.warning(say(notice, markdown=True), icon=":material/warning:")


def room_panel(page_path: str) -> None:
    """Top of the sidebar, in a room only: the teacher's room (code, link, QR, count, End) or
    the student's bar (follow / stop following / leave)."""
    info = _info()
    if info is None:
        return
    with st.sidebar:
        _show_notice()
        if info.get("role") == "teacher":
            _teacher_panel(info, page_path or DEFAULT_PAGE)
        else:
            _student_panel(info)


def start_panel() -> None:
    """Lower in the sidebar, outside a room only: Start a live lesson, and Join with a code."""
    if _info() is not None:
        return
    with st.sidebar:
        _show_notice()
        _outside()
