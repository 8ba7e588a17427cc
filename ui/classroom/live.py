"""The live lesson (Streamlit side): the teacher's room in the sidebar, students following it.

- The teacher presses "Start a live lesson" (``live_start``): a room (rnnlab.classroom.rooms) on the
  process' store (the one saved sessions use: SQLite, or Redis across replicas). The sidebar
  shows its code, join link, QR code and a live count of students, and publishes what the
  teacher shows: the page, the series (as lesson-link parameters: an upload does not travel),
  the split and the page's settings (ui.classroom.share_links.SHAREABLE, which include the Hidden states step),
  and on Hidden states which network the stage shows (the trained one's weights go to the room
  once per training). It publishes after every run, when the stage's step settles, and every
  TEACHER_POLL seconds. "Project the join screen" opens the code, a large QR, the link and the
  live count in one dialog that fits a 1280 x 720 projector.
- A student opens ``?room=CODE`` or types the code; the student id comes from the browser's id
  (ui/classroom/room.py), so leaving and joining again is the same student, and joining is rate-limited.
  A fragment polls the room every STUDENT_POLL seconds; a new state is kept as pending and the
  app reruns: before anything is drawn, ``follow()`` switches to the teacher's page and applies
  the state through the same checks as a lesson link (the teacher's trained network is checked
  against the student's own before it is shown). The stage takes the step as ``goto``
  (ui/elements/stage.py). An uploaded series the teacher's replaces is kept ("Back to my series"), and
  "Follow again" asks first when it would replace one.
- Predict, then reveal (ui/classroom/live_questions.py): the teacher asks a question, the poll sees it
  (``q_stamp``: its id and whether it is revealed) and reruns the student's app; while it is
  open ``hide_future()`` is True, the stage hides the future and a student's stage data holds
  no value past the shown step (``stage_payload``).
- Outside a room nothing here polls, and the pages see no change (``stage_goto()`` is None).
"""

from __future__ import annotations

import contextlib
import html
import json
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from rnnlab.classroom import share_links as core
from rnnlab.classroom.rooms import RoomError, normalize_code
from rnnlab.declarations import settings
from rnnlab.pages.stage import build_payload
from rnnlab.runtime.turns import Turns
from rnnlab.store import StoreError
from ui.classroom import (
    lesson_live,
    live_board,
    live_draw,
    live_questions,
    live_vote,
    room,
    share_links,
)
from ui.classroom.room import LIVE, PENDING
from ui.elements import nav
from ui.elements import stage as stage_ui
from ui.i18n import lang, say, tr
from ui.persistence import persist
from ui.session import hidden_view_state as view_state
from ui.session import state
from ui.text import md_escape

STUDENT_POLL = settings.STUDENT_POLL.value()  # seconds: a move reaches students within about this plus one rerun
TURN_WAIT = 10.0  # seconds a follower's redraw waits for its turn at most (a burst of 40 takes 1.5-3 s)
_turns: dict[int, Turns] = {}  # the process' queue for followers' redraws, by its number of slots
TEACHER_POLL = 2.0
HEARTBEAT_EVERY = 4.0  # well under rnnlab.classroom.rooms.STALE_SECONDS
STAGE_PAGE = view_state.PAGE  # the page with the stage
STEP = view_state.STEP  # its step's setting in a published state (a shareable setting's name)
DEFAULT_PAGE = "home"  # st.navigation gives the default page the url path "" (the app's root)
LINKED = "_live_link"  # the ?room= code already handled (a reload or page change keeps the URL)
TYPED_REFUSED = "_live_typed_refused"  # the code typed in Join was just refused


# ----- joining -----

def join(raw: str) -> bool:
    """Join the room ``raw`` names as a student. False (with a notice) when it cannot be joined."""
    code = normalize_code(raw)
    if code is None:
        room.notice("live.error.bad_code", str(raw)[:12])
        return False
    rooms = room.rooms()
    if rooms is None:
        room.notice("live.error.down")
        return False
    sid = room.student_id(code)  # leaving and joining again is the same student
    try:
        rooms.join(code, sid, room.client())  # refuses a missing or ended room, and a flood
    except (RoomError, StoreError) as exc:
        room.failed(exc, code)
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
    info = room.info()
    if info is not None and info["code"] == normalize_code(raw):
        return  # already in it (a restored session)
    join(raw)


def redraw_turn() -> contextlib.AbstractContextManager:
    """Around a run's drawing in app.py: a following student's run that applies the teacher's
    new state (the room's, found by the poll) waits for its turn, so that the class's forty
    redraws go a few at a time (rnnlab.runtime.turns, settings.SCENE_REDRAWS); every other run,
    the teacher's first, goes ahead at once."""
    slots = settings.SCENE_REDRAWS.value()
    if not slots or st.session_state.get(PENDING) is None:
        return contextlib.nullcontext(False)
    if slots not in _turns:
        _turns.setdefault(slots, Turns(slots, TURN_WAIT))  # setdefault: two first runs keep one queue
    return _turns[slots].turn()


def follow(page_path: str, pages: dict[str, str]) -> None:
    """Right after st.navigation, before anything is drawn: go where the teacher is."""
    ss = st.session_state
    page_path = page_path or DEFAULT_PAGE
    info = room.info()
    if info is not None:
        info["at"] = page_path  # where this student is: a step-only change can skip the rerun
    shown = ss.get(PENDING)
    following = info is not None and info.get("role") == "student" and bool(info.get("follow"))
    if isinstance(shown, dict) and following:
        lesson_live.take(info, shown)  # a lesson played live: the teacher's new scene first
    if not isinstance(shown, dict):
        return
    if not following or not lesson_live.consistent(info, shown):  # (the teacher between scenes)
        ss.pop(PENDING, None)
        return
    _switch_to(shown.get("page"), page_path, pages)  # reruns on that page; the state is applied there
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
            _keep_own_series()
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
    if page_path == STAGE_PAGE and "net" in shown:
        _follow_net(shown.get("net"))


def _follow_net(net_id) -> None:
    """The network the teacher's stage shows: their trained one (fetched from the room, checked
    against this page's own network), or the initial weights."""
    if not isinstance(net_id, str):
        view_state.show_trained(False)
        return
    if view_state.adopted_id() == net_id:
        view_state.show_trained(True)
        return
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    try:
        net = rooms.net(info["code"])
    except StoreError as exc:
        persist.store_failed(exc)
        return
    if net is not None and net["id"] == net_id:
        view_state.adopt_trained(net["id"], net["key"], net["weights"])


def stage_goto() -> dict | None:
    """For the Hidden states stage: the teacher's step while a student follows, or the step of
    the lesson scene this screen went to by itself (the teacher's Back/Next, a student paging
    back), else None."""
    info = room.info()
    if info is not None and not info.get("ended") and lesson_live.stage_goto(info) is not None:
        return lesson_live.stage_goto(info)  # a scene the teacher (or a student alone) went to
    if info is None or info.get("role") != "student" or not info.get("follow") or info.get("ended"):
        return None
    if info.get("seq") is None:
        return None
    return {"step": view_state.step(), "seq": int(info["seq"])}


def _shown_step(info: dict) -> int:
    """The last step a student's stage may hold while a question is open: the one before the
    step it asks about, else the teacher's step, else the student's own."""
    if isinstance(info.get("q_t"), int):
        return max(1, int(info["q_t"]) - 1)
    shown = info.get("shown") if isinstance(info.get("shown"), dict) else {}
    step = share_links._valid(share_links.SHAREABLE[STAGE_PAGE][STEP], str((shown.get("settings") or {}).get(STEP)))
    return int(step) if step is not None else view_state.step()


def stage_payload(view: dict) -> dict:
    """The Hidden states payload this session's stage gets: the page's own, except for a student
    while a question is open, whose payload holds no value past the shown step (the browser's
    data is readable in its developer tools). Built once per question."""
    info = room.info()
    payload = view["payload"]
    if info is None or info.get("role") != "student" or info.get("ended") or not hide_future():
        return payload
    upto = _shown_step(info)
    kept = view.get("redacted")
    if isinstance(kept, tuple) and kept[0] == (upto, payload["id"]):
        return kept[1]
    redacted = build_payload(view["settings"], view["inp"], view["forward"], payload["lang"], True,
                             payload["start"], payload["build"], upto=upto)
    view["redacted"] = ((upto, payload["id"]), redacted)
    return redacted


def hide_future() -> bool:
    """True while this session's room has a question open (not yet revealed): the stage hides
    the future, for the students and for the teacher's projected screen alike."""
    info = room.info()
    if info is None or info.get("ended"):
        return False
    if lesson_live.hide_future(info):  # the lesson scene shown says so
        return True
    if info.get("role") == "teacher":
        q = info.get("q")
        return bool(q) and not q.get("revealed")
    stamp = info.get("q_stamp")
    return bool(stamp) and not stamp[1]


# ----- the teacher -----

def _shown(page_path: str) -> dict:
    params = core.to_params(state.get_source(), state.working_range(), asdict(state.get_split()))
    shown = {"page": page_path, "params": params, "settings": share_links._page_params(page_path)}
    if page_path == STAGE_PAGE:  # which network the stage shows: the trained one travels too
        shown["net"] = view_state.shown_trained_id()
    return shown


def _send_net(rooms, info: dict, net_id: str | None) -> None:
    """The teacher's trained network to the room, once per training (before the state that
    names it, so that a student who reads the state finds it)."""
    if net_id is None or info.get("net_sent") == net_id:
        return
    found = view_state.trained_network()
    if found is None or found[0] != net_id:
        return
    rooms.publish_net(info["code"], info["token"], {"id": found[0], "key": found[1], "weights": found[2]})
    info["net_sent"] = net_id


def publish() -> None:
    """The teacher's current state to the room, when it changed since the last publish."""
    info = room.info()
    if info is None or info.get("role") != "teacher" or not info.get("page"):
        return
    shown = _shown(info["page"])
    if lesson_live.shown_entry(info) is not None:  # a lesson played live: the scene the class is on
        shown["lesson"] = lesson_live.shown_entry(info)
    live_questions.end_if_moved_on(info, shown)  # a revealed question ends when the teacher moves on
    digest = json.dumps(shown, sort_keys=True)
    if digest == info.get("sent"):
        return
    rooms = room.rooms()
    if rooms is None:
        return
    try:
        _send_net(rooms, info, shown.get("net"))
        rooms.publish(info["code"], info["token"], shown)
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    info["sent"] = digest
    lesson_live.published(info)  # a new scene's question, asked once the scene is out


def _start() -> None:
    rooms = room.rooms()
    if rooms is None:
        room.notice("live.error.down")
        return
    try:
        created = rooms.create()
    except StoreError as exc:
        room.failed(exc)
        return
    st.session_state[LIVE] = {"role": "teacher", "code": created.code, "token": created.token,
                              "expires": created.expires, "page": None, "sent": None}


def _end() -> None:
    info = room.info()
    st.session_state.pop(LIVE, None)
    rooms = room.rooms()
    if info is None or rooms is None:
        return
    try:
        rooms.end(info["code"], info["token"])
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])


def join_link(code: str, page_path: str) -> str:
    """The app's address with ``?room=CODE`` (any page of the app joins)."""
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:  # no browser (tests)
        return f"./?room={code}"
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path + "/", f"room={code}", ""))


def qr_image(text: str, title: str, size: int = 185) -> str:
    """An <img> of the QR code of ``text``: an SVG drawn here by segno, inline as a data URI
    (nothing fetched; st.html keeps an <img> but strips inline <svg>)."""
    import segno

    uri = segno.make(text, error="m").svg_data_uri(scale=5, border=2, dark="#111827")
    return (f'<img src="{html.escape(uri)}" alt="{html.escape(title)}" width="{size}" height="{size}" '
            f'style="display:block;max-width:100%;height:auto">')


# ----- the join screen, to project -----

JOIN_VIEW_WIDTH = 1100  # px: fits a 1280 x 720 projector with the dialog's margins
JOIN_QR = 400  # px: a phone reads it from the back of a classroom


def _open_join_view() -> None:
    info = room.info()
    if info is not None and info.get("role") == "teacher":
        info["join_view"] = True


def _close_join_view() -> None:
    info = room.info()
    if info is not None:
        info.pop("join_view", None)


def _join_view_count() -> None:
    info = room.info()
    rooms = room.rooms()
    if info is None or info.get("role") != "teacher":
        return
    try:
        n = rooms.count(info["code"]) if rooms is not None else 0
    except (RoomError, StoreError):
        n = 0
    st.html(f'<p data-testid="rnnlab-join-students" data-count="{n}" '
            f'style="margin:.4rem 0 0;font:600 2rem/1.2 system-ui,sans-serif">'
            f'{html.escape(tr("live.students", n=n))}</p>')


def _join_view() -> None:
    """The join screen for the projector: the QR code large, the code huge, the link and the
    live count, all on one 1280 x 720 screen (no scrolling)."""
    info = room.info()
    if info is None or info.get("role") != "teacher":
        return
    code = info["code"]
    link = join_link(code, info.get("page") or "")
    qr_col, text_col = st.columns([1, 1.15], vertical_alignment="center", gap="large")
    qr_col.html(f'<div data-testid="rnnlab-join-qr" style="background:#fff;width:{JOIN_QR}px;max-width:100%">'
                f'{qr_image(link, tr("live.qr_title"), JOIN_QR)}</div>')
    with text_col:
        st.html(f'<div style="font-size:1.3rem;color:#374151">{html.escape(tr("live.join_view_scan"))}</div>'
                f'<div data-testid="rnnlab-join-code" style="font:800 5.5rem/1.05 ui-monospace,SFMono-Regular,'
                f'Menlo,monospace;letter-spacing:.1em;margin:.3rem 0 .6rem">{code}</div>'
                f'<div style="font-size:1.1rem;color:#374151">{html.escape(tr("live.link"))}</div>'
                f'<div data-testid="rnnlab-join-link" style="font:600 1.35rem/1.3 ui-monospace,Menlo,monospace;'
                f'overflow-wrap:anywhere">{html.escape(link)}</div>')
        st.fragment(_join_view_count, run_every=TEACHER_POLL)()


def _teacher_count() -> None:
    info = room.info()
    if info is None or info.get("role") != "teacher":
        return
    publish()  # a change the other hooks missed goes out within TEACHER_POLL
    rooms = room.rooms()
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
        st.button(tr("live.join_view"), key="live_join_view", on_click=_open_join_view,
                  icon=":material/fit_screen:", width="stretch")
        until = datetime.fromtimestamp(float(info.get("expires", 0)), tz=UTC).strftime("%H:%M")
        st.caption(tr("live.until", time=until))
        if state.get_source().get("kind") == "upload":
            st.caption(tr("live.upload_not_shared"))
        live_questions.ask_controls(info, page_path)
        live_board.teacher_controls(info)  # the class's runs (ui/classroom/live_board.py)
        lesson_live.play_controls(info)
        live_draw.draw_controls(info)
        st.button(tr("live.end"), key="live_end", on_click=_end, icon=":material/stop_circle:",
                  width="stretch")
    if info.get("join_view"):  # drawn again on every full run while open (a rerun closes a dialog)
        st.dialog(tr("live.join_view_title", code=code), width=JOIN_VIEW_WIDTH,
                  on_dismiss=_close_join_view)(_join_view)()


# ----- the student -----

OWN = "_live_own_series"  # a student's own uploaded series, put aside while following the teacher


def _keep_own_series() -> None:
    """Before the teacher's series replaces an uploaded one: keep it to go back to."""
    if state.get_source().get("kind") == "upload":
        st.session_state[OWN] = {"series": state.get_series(), "source": dict(state.get_source()),
                                 "range": state.working_range()}


def own_series_name() -> str | None:
    """The name of the student's own series put aside while following, or None."""
    kept = st.session_state.get(OWN)
    return str(kept["series"].name) if isinstance(kept, dict) and kept.get("series") is not None else None


def _back_to_own() -> None:
    """Stop following and take one's own series back."""
    kept = st.session_state.pop(OWN, None)
    _set_follow(False)
    if isinstance(kept, dict) and kept.get("series") is not None:
        state.set_series(kept["series"], kept["source"], tuple(kept["range"]))


def _would_replace_own() -> bool:
    """Would following now replace the student's own uploaded series with the teacher's?"""
    info = room.info()
    if info is None or state.get_source().get("kind") != "upload":
        return False
    shown = info.get("shown") if isinstance(info.get("shown"), dict) else {}
    params = shown.get("params") if isinstance(shown.get("params"), dict) else {}
    teacher = core.parse({str(k): str(v) for k, v in params.items()}).source
    return teacher is None or teacher != state.get_source()


def _ask_follow() -> None:
    """"Follow again": at once, unless it would replace the student's own series: then ask."""
    info = room.info()
    if info is None:
        return
    if _would_replace_own():
        info["confirm_follow"] = True
        return
    _set_follow(True)


def follow_again() -> None:
    """A student's "Follow again" (also the lesson bar's, ui/classroom/lesson_live.py): see _ask_follow."""
    _ask_follow()


def _set_follow(on: bool) -> None:
    info = room.info()
    if info is not None:
        info["follow"] = on
        info.pop("confirm_follow", None)
        if on:
            info["seq"] = None  # the teacher's current state applies again at once


def _cancel_follow() -> None:
    info = room.info()
    if info is not None:
        info.pop("confirm_follow", None)


def _leave() -> None:
    info = room.info()
    st.session_state.pop(LIVE, None)
    st.session_state.pop(PENDING, None)
    rooms = room.rooms()
    if info is not None and rooms is not None and not info.get("ended"):
        with contextlib.suppress(RoomError, StoreError):  # else the heartbeat goes stale by itself
            rooms.leave(info["code"], info["sid"])


def _poll(info: dict) -> None:
    """One look at the room: heartbeat now and then, and a new state if following."""
    rooms = room.rooms()
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
        changed = live_draw.poll(rooms, info)  # a drawing activity appeared or went (ui/classroom/live_draw.py)
        # asked, revealed, removed, or between two rounds of a vote: the whole app redraws
        question, stamp = live_vote.polled(rooms, code)
        if stamp != info.get("q_stamp"):
            info["q_stamp"] = stamp
            t = question.params.get("t") if question is not None and not question.revealed else None
            info["q_t"] = t if isinstance(t, int) else None  # the step a preset asks about
            changed = True
        if info.get("follow"):
            record = rooms.state(code)
            if record is not None and record["seq"] != info.get("seq"):
                step = _step_only(info, record["shown"])
                info["seq"], info["shown"] = record["seq"], record["shown"]
                if step is not None:  # only the stage moves: no rerun of the whole page
                    view_state.set_step(step)
                    info["report"] = True
                else:
                    st.session_state[PENDING] = record["shown"]
                    info["report"] = False
                    _to_its_page(info, record["shown"])
                    changed = True
        elif lesson_live.place(info) is not None and lesson_live.watch(info, rooms):
            changed = True  # not following: the scenes seen so far grew (the student's Next)
        if changed:
            st.rerun(scope="app")
    except RoomError:
        info["ended"] = True
        st.rerun(scope="app")
    except StoreError as exc:
        persist.store_failed(exc)


def _to_its_page(info: dict, shown) -> None:
    """The teacher's new state is on another page: go there from the poll (follow() applies it
    in the run there) instead of redrawing this page's run only for follow() to leave it. One
    run per student, not one and a half, when the class moves at once (bench_lesson_room,
    paired runs: p95 0.45-0.6 s lower, 7-21 % less CPU per scene)."""
    if isinstance(shown, dict) and lesson_live.consistent(info, shown):
        _switch_to(shown.get("page"), info.get("at"), nav.SCRIPTS)


def _switch_to(page, here: str | None, pages: dict[str, str]) -> None:
    """st.switch_page to the url path ``page``, unless this run is already on it or it is no
    page of ``pages`` (url path -> script)."""
    if isinstance(page, str) and page in pages and page != here:
        st.switch_page(pages[page])


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
    if before.get("net") != shown.get("net"):  # the teacher trained, or switched networks
        return None
    if before.get("lesson") != shown.get("lesson") or not lesson_live.same_scene(info, shown):
        return None  # another scene of the lesson played live: the page applies it
    ss = st.session_state
    for key in set(old) | set(new):  # a setting that changed must already be the student's
        if old.get(key) != new.get(key) and not (
                key in specs and key in new and ss.get(key) is not None
                and specs[key].text(ss[key]) == str(new[key])):
            return None
    return share_links._valid(specs[STEP], str(raw))


def _student_live() -> None:
    info = room.info()
    if info is None or info.get("role") != "student" or info.get("ended"):
        return
    _poll(info)
    goto = stage_goto()
    if goto is not None and info.get("at") == STAGE_PAGE:
        # The step of a step-only change reaches the stage from here (the poll's fragment):
        # "report" asks the stage to say it landed, so the one-step arithmetic follows it.
        stage_ui.lead(dict(goto, report=bool(info.get("report"))), hide_future())


def _student_controls(info: dict) -> None:
    """The room's code, whether this student follows, and the buttons to change it: drawn by
    the page's run, not by the poll's fragment, which draws at most the stage's lead (forty
    polls a second in a class; whatever changes these reruns the whole page)."""
    st.markdown(f"**{tr('live.student_title', code=info['code'])}**")
    if info.get("follow"):
        st.caption(tr("live.following") if info.get("seq") is not None else tr("live.waiting"))
        st.button(tr("live.unfollow"), key="live_unfollow", on_click=_set_follow, args=(False,),
                  icon=":material/explore:", width="stretch")
    elif info.get("confirm_follow"):
        st.warning(tr("live.follow_replaces", name=md_escape(state.get_series().name)),
                   icon=":material/swap_horiz:")
        st.button(tr("live.follow_confirm"), key="live_follow_confirm", on_click=_set_follow,
                  args=(True,), icon=":material/group:", type="primary", width="stretch")
        st.button(tr("live.follow_cancel"), key="live_follow_cancel", on_click=_cancel_follow,
                  width="stretch")
    else:
        st.caption(tr("live.not_following"))
        st.button(tr("live.follow"), key="live_follow", on_click=_ask_follow,
                  icon=":material/group:", type="primary", width="stretch")
    own = own_series_name()
    if own is not None:
        st.caption(tr("live.own_kept", name=md_escape(own)))
        st.button(tr("live.own_back"), key="live_own_back", on_click=_back_to_own,
                  icon=":material/undo:", width="stretch")


def _student_panel(info: dict) -> None:
    with st.container(border=True, key="live_student"):
        if info.get("ended"):
            st.info(tr("live.ended", code=info["code"]), icon=":material/event_busy:")
        else:
            st.fragment(_student_live, run_every=STUDENT_POLL)()
            _student_controls(info)
        st.button(tr("live.leave"), key="live_leave", on_click=_leave, icon=":material/logout:",
                  width="stretch")


# ----- outside a room -----

def _join_typed() -> None:
    st.session_state[TYPED_REFUSED] = not join(st.session_state.get("live_code") or "")


def _outside(refusal) -> None:
    """Start a live lesson, and Join with a typed code; ``refusal``: why the code just typed
    was refused, said in the popover too (open, it covers the sidebar's notice)."""
    st.button(tr("live.start"), key="live_start", on_click=_start, icon=":material/cast_for_education:",
              width="stretch")
    with st.popover(tr("live.join_open"), icon=":material/login:", width="stretch", key="live_join_open"):
        _say(refusal)  # first: a popover that opens downwards may run past the window's bottom
        st.text_input(tr("live.code_input"), key="live_code", max_chars=12, placeholder="7K3Q9M")
        st.button(tr("live.join"), key="live_join", on_click=_join_typed, type="primary")


def _say(notice) -> None:
    if notice is not None:
        st.warning(say(notice, markdown=True), icon=":material/warning:")


def _show_notice() -> None:
    _say(room.take_notice())


def room_panel(page_path: str) -> None:
    """Top of the sidebar, in a room only: the teacher's room (code, link, QR, count, End) or
    the student's bar (follow / stop following / leave)."""
    info = room.info()
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
    if room.info() is not None:
        return
    with st.sidebar:
        notice = room.take_notice()
        _say(notice)
        _outside(notice if st.session_state.pop(TYPED_REFUSED, False) else None)
