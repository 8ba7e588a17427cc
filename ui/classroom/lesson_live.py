"""A lesson played live in the room (Streamlit side of rnnlab.lessons.lesson_room).

- The teacher, in a room, plays a lesson (``play``: the player hands its lesson over, or the
  room panel's *Play the guided lesson live*): its file goes to the room once, and the scene
  everyone is on travels as a small "lesson" entry of the state the room already publishes
  (ui/classroom/live.py's ``publish``, only when something changed). The teacher moves with Back/Next
  in the lesson bar above the page; each scene is shown on the teacher's own screen through
  ui.classroom.lesson_scene.apply (page, series, settings, step...), a scene's question is asked by itself
  once the scene is published (rnnlab.classroom.rooms.ask; the previous one goes), revealed with the
  room's usual *Show the answer*, and a scene's class activity opens (``_open_activity``).
- A student following sees the teacher's scene: the room's poll (ui/classroom/live.py) notices the new
  scene, and before anything is drawn ``take`` applies it with ui.classroom.lesson_scene.apply, the same
  as the teacher did, and ui/classroom/live.py's follow goes to its page (the lesson, read from the room
  once per process, is validated as any imported lesson file). Within one scene the teacher's
  further moves (the stage's step...) follow as in any live lesson.
- Back / Next in a student's bar stop following and page through the scenes the class has seen
  (never ahead of the teacher); *Follow again* goes back to the teacher's scene.
- The bar (``panel``, ``.st-key-lesson_live_bar``): the scene in the player's own element
  (ui/classroom/lesson_player.js: ``data-testid="rnnlab-lesson"``, ``data-rnnlab-scene`` 1-based, the scene
  this screen shows, and ``data-rnnlab-scenes``), then Back/Next.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from rnnlab.classroom import questions as qs
from rnnlab.classroom.rooms import RoomError
from rnnlab.declarations.messages import MessageError
from rnnlab.lessons import lesson_room as lr
from rnnlab.store import StoreError
from ui.classroom import live_draw, room
from ui.i18n import lang, tr
from ui.persistence import persist
from ui.session import hidden_view_state as view_state
from ui.text import md_escape

ASK = "_lesson_live_ask"  # the teacher: the shown scene's question, asked once the scene is published
# The scene's page in the lesson format -> the app's url path (ui/elements/nav.py); the rest are the same.
PAGE_URLS = {"hidden": "hidden_states"}


def _lesson_room() -> lr.LessonRoom | None:
    rooms = room.rooms()
    return None if rooms is None else lr.LessonRoom(rooms)


def _field(obj, name: str, default=None):
    """A field of a scene or lesson (a dataclass of rnnlab.lessons, or its dict)."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def ltext(value, language: str | None = None) -> str:
    """A lesson text ({"es", "en"}, or one str for both) in the reader's language."""
    language = language or lang()
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        found = value.get(language) or next((v for v in value.values() if isinstance(v, str) and v), "")
        return str(found)
    for attr in (language, "es", "en"):  # an LText object
        if isinstance(getattr(value, attr, None), str) and getattr(value, attr):
            return getattr(value, attr)
    return ""


def scenes(lesson) -> list:
    found = _field(lesson, "scenes", [])
    return list(found or [])


def scene_url(scene) -> str:
    page = str(_field(scene, "page", "home"))
    return PAGE_URLS.get(page, page)


# ----- where this screen is -----

def place(info: dict | None) -> dict | None:
    """The room's place in the lesson as this session last knew it, or None (no lesson)."""
    return lr.read_pointer((info or {}).get("lesson"))


def shown_index(info: dict) -> int | None:
    """The scene this screen shows now (0-based), or None."""
    applied = info.get("lesson_applied")
    here = place(info)
    if here is None or not isinstance(applied, list) or len(applied) != 2 or applied[0] != here["id"]:
        return None
    return applied[1] if isinstance(applied[1], int) and 0 <= applied[1] < here["n"] else None


def lesson_of(info: dict):
    """The lesson played in this session's room (parsed once per process), or None."""
    here, lessons = place(info), _lesson_room()
    if here is None or lessons is None:
        return None
    try:
        return lessons.lesson(info["code"], here["id"])
    except (RoomError, StoreError) as exc:
        persist.store_failed(exc)
        return None


# ----- the teacher -----

def play(text: str, at: int = 0) -> bool:
    """The teacher plays the lesson file ``text`` in their room, from scene ``at`` (0-based).
    False (with a notice) when it cannot be played."""
    info, lessons = room.info(), _lesson_room()
    if info is None or info.get("role") != "teacher" or lessons is None:
        return False
    try:
        lid = lessons.publish_lesson(info["code"], info["token"], text)
        lesson = lessons.lesson(info["code"], lid)
    except ValueError:
        room.notice("live.lesson.too_big")
        return False
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return False
    if lesson is None or not scenes(lesson):
        room.notice("live.lesson.unreadable")
        return False
    n = len(scenes(lesson))
    at = min(max(0, int(at)), n - 1)
    info["lesson"] = lr.pointer(lid, at, at + 1, n)
    _show(info, at)
    return True


def _play_open() -> None:
    """The lesson open in the player goes live, from the scene it shows; the room's bar plays
    it from now on (one player on the screen)."""
    from ui.classroom import lesson_state

    playing = lesson_state.playing()
    if playing is not None and play(playing["text"], lesson_state.scene_index()):
        lesson_state.stop()


def _play_builtin() -> None:
    from rnnlab.lessons import builtin

    play(builtin("notebook").dumps())


def _goto(to: int) -> None:
    """The teacher's Back/Next: the class goes to scene ``to``."""
    info = room.info()
    here = place(info)
    if info is None or here is None or info.get("role") != "teacher":
        return
    info["lesson"] = lr.move(here, to)
    _show(info, info["lesson"]["at"])


def _stop() -> None:
    """The teacher stops playing the lesson; the room stays open and follows the teacher as before."""
    info, lessons = room.info(), _lesson_room()
    if info is None or info.get("role") != "teacher":
        return
    for key in ("lesson", "lesson_applied"):
        info.pop(key, None)
    st.session_state.pop(ASK, None)
    if lessons is not None:
        try:
            lessons.stop(info["code"], info["token"])
        except (RoomError, StoreError) as exc:
            room.failed(exc, info["code"])


def shown_entry(info: dict) -> dict | None:
    """For ui/classroom/live.py's publish: the lesson entry of the teacher's state (None: no lesson)."""
    return place(info) if info.get("role") == "teacher" else None


def published(info: dict) -> None:
    """After the teacher's state went out (ui/classroom/live.py): a new scene's question is asked now, so
    that students get the scene and its question together; the previous question goes."""
    pending = st.session_state.pop(ASK, None)
    rooms = room.rooms()
    if not isinstance(pending, dict) or rooms is None:
        return
    try:
        if info.get("q"):
            rooms.close_question(info["code"], info["token"])
            info.pop("q", None)
        raw = pending.get("question")
        if raw is not None:
            asked = qs.Question.from_dict({**raw, "id": qs.new_id(), "revealed": False, "truth": None})
            if asked is not None:
                rooms.ask(info["code"], info["token"], asked)
                info["q"] = {"id": asked.id, "revealed": False, "engine": None}
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
    except ValueError:
        pass  # a question the room refuses (checked again there): the scene goes on without it
    _open_activity(info, pending.get("activity"))


def _question_dict(scene) -> dict | None:
    q = _field(scene, "question")
    if q is None:
        return None
    return q.to_dict() if hasattr(q, "to_dict") else dict(q) if isinstance(q, dict) else None


def _open_activity(info: dict, activity) -> None:
    """The one place a scene's class activity starts (the teacher's side, once the scene is
    published): ``{"kind": "draw", "horizon": H}`` opens "draw the next H points" on the
    scene's series (ui/classroom/live_draw.py, the drawing activity of the live room)."""
    if not isinstance(activity, dict) or activity.get("kind") != "draw":
        return
    live_draw.open_draw(info, int(activity.get("horizon") or 12))


# ----- following -----

def note(info: dict, shown) -> bool:
    """A state from the room: keep its lesson entry (a student). True when it changed."""
    entry = lr.read_pointer(shown.get("lesson")) if isinstance(shown, dict) else None
    if entry == place(info):
        return False
    if entry is None:
        info.pop("lesson", None)
    else:
        info["lesson"] = entry
    return True


def take(info: dict, shown) -> None:
    """A following student got the teacher's new state (ui/classroom/live.py's follow, before anything is
    drawn): its scene, when new, is applied now; live.follow then goes to its page."""
    note(info, shown)
    here = place(info)
    if here is not None and shown_index(info) != here["at"]:
        _show(info, here["at"])


def watch(info: dict, rooms) -> bool:
    """A student not following: the scenes seen so far may grow (their Next then goes further).
    One look at the room's state; True when the lesson entry changed (the page redraws)."""
    record = rooms.state(info["code"])
    return note(info, record["shown"]) if record is not None else False


def same_scene(info: dict, shown) -> bool:
    """Is the scene of ``shown`` (the teacher's state) the one this screen already shows?"""
    entry = lr.read_pointer(shown.get("lesson")) if isinstance(shown, dict) else None
    if entry is None:
        return shown_index(info) is None
    applied = info.get("lesson_applied")
    return applied == [entry["id"], entry["at"]]


def _show(info: dict, k: int) -> str | None:
    """Scene ``k`` of the room's lesson onto this session now (a callback, or a run's start
    before anything is drawn), through the player's ui.classroom.lesson_scene.apply: the page's state,
    the stage's step; its page comes at the next run's start (ui/lesson_player.begin). Returns
    the scene's url path, or None when the lesson cannot be read."""
    here, lesson = place(info), lesson_of(info)
    all_scenes = scenes(lesson) if lesson is not None else []
    if here is None or not 0 <= k < len(all_scenes):
        return None
    scene = all_scenes[k]
    from ui.classroom import lesson_scene, lesson_state  # the player's

    try:
        lesson_scene.apply(scene)
    except MessageError as exc:  # a scene this app cannot show (a series missing...): said once
        room.notice(exc.message)
    info["lesson_applied"] = [here["id"], k]
    lesson_state.stop()  # one lesson on the screen: the room's (a lesson played alone stops)
    # the stage goes to the scene's step once: on a follower's screen with the room's state
    # (its sequence number), on the teacher's and a student's own Back/Next with this count
    info["lesson_moves"] = int(info.get("lesson_moves") or 0) + 1
    if info.get("role") == "teacher":
        st.session_state[ASK] = {"question": _question_dict(scene), "activity": _field(scene, "activity")}
    return scene_url(scene)


def stage_goto(info: dict) -> dict | None:
    """The Hidden states stage's order after a scene this screen went to by itself (the
    teacher's Back/Next, a student's own paging): its step, once per scene shown. None on a
    follower's screen (the room's state moves it) and outside a lesson."""
    if place(info) is None or not info.get("lesson_moves"):
        return None
    if info.get("role") == "student" and info.get("follow"):
        return None
    return {"step": view_state.step(), "seq": f"scene{int(info['lesson_moves'])}"}


def consistent(info: dict, shown) -> bool:
    """Does the teacher's state belong to the scene it names (its page is the scene's)? Right
    after a Next the first state may still be the last scene's page: then wait for the next."""
    entry = lr.read_pointer(shown.get("lesson")) if isinstance(shown, dict) else None
    lesson = lesson_of(info) if entry is not None else None
    if lesson is None:
        return True
    return scene_url(scenes(lesson)[entry["at"]]) == shown.get("page")


# ----- a student's own pace -----

def _page(to: int) -> None:
    """A student's Back/Next: stop following and show scene ``to`` of those seen so far."""
    info = room.info()
    here = place(info)
    if info is None or here is None:
        return
    info["follow"] = False
    info.pop("confirm_follow", None)
    _show(info, lr.page_to(here, to))


def _payload(lid: str, scene, k: int, n: int, title: str, seq: str) -> dict:
    """The player element's data for scene ``k`` of ``n`` of lesson ``lid``: its text with the
    live values written in from the scene's own state (rnnlab.lessons.values, the state this
    screen was given; written once per process for the whole class)."""
    from ui.classroom import lesson_player

    parts, targets = [], {}
    for part in lr.scene_text(lid, scene, k, lang()):
        if part.get("name") is None:
            parts.append({"text": str(part["text"])})
            continue
        parts.append({"name": str(part["name"]), "value": str(part["text"]), "target": str(part["target"])})
        selector = lesson_player.target_selector(str(part["target"]))
        if selector:
            targets[str(part["target"])] = selector
    return {"scene": k + 1, "scenes": n, "lang": lang(), "count": tr("player.count", n=k + 1, total=n),
            "label": tr("player.label", title=title), "title": ltext(_field(scene, "title")),
            "parts": parts, "targets": targets, "seq": seq, "more": tr("player.more"), "less": tr("player.less"),
            "focus": lesson_player.focus_selector(_field(scene, "page"), _field(scene, "focus"))}


def _card(info: dict, lesson, k: int, n: int) -> None:
    """The scene's title, "Scene k of n" and text with its live values, in the player's own
    element (``data-testid="rnnlab-lesson"``, ``data-rnnlab-scene``); its focus section is
    scrolled to once per scene shown here."""
    from ui.classroom import lesson_player

    scene = scenes(lesson)[k]
    seq = f"live{int(info.get('lesson_moves') or 0)}"
    lid = place(info)["id"]
    lesson_player._render(key="lesson_live_text",
                          data=_payload(lid, scene, k, n, ltext(_field(lesson, "title")), seq))


def panel(follow_again: Callable[[], None]) -> None:
    """Above the page, while the room plays a lesson: the scene's title and text, and Back/Next
    (the teacher moves the class; a student pages through the scenes seen so far, and
    ``follow_again`` is ui/classroom/live.py's "Follow again", which asks first when it would replace
    the student's own uploaded series)."""
    info = room.info()
    here = place(info)
    if info is None or here is None or info.get("ended"):
        return
    lesson = lesson_of(info)
    k = shown_index(info)
    if lesson is None or k is None or len(scenes(lesson)) != here["n"]:
        return
    teacher = info.get("role") == "teacher"
    with st.container(key="lesson_live_bar"):
        _card(info, lesson, k, here["n"])
        with st.container(horizontal=True, gap="small", key="lesson_live_moves"):
            if teacher:
                st.button(tr("live.lesson.back"), key="live_lesson_back", on_click=_goto, args=(k - 1,),
                          icon=":material/arrow_back:", disabled=k == 0)
                st.button(tr("live.lesson.next"), key="live_lesson_next", on_click=_goto, args=(k + 1,),
                          icon=":material/arrow_forward:", type="primary", disabled=k >= here["n"] - 1)
                st.button(tr("live.lesson.stop"), key="live_lesson_stop", on_click=_stop,
                          icon=":material/stop:")
            else:
                st.button(tr("live.lesson.back"), key="live_lesson_back", on_click=_page, args=(k - 1,),
                          icon=":material/arrow_back:", disabled=k == 0)
                st.button(tr("live.lesson.next"), key="live_lesson_next", on_click=_page, args=(k + 1,),
                          icon=":material/arrow_forward:", disabled=k >= here["seen"] - 1)
                if not info.get("follow"):
                    st.button(tr("live.lesson.follow", k=here["at"] + 1), key="live_lesson_follow",
                              on_click=follow_again, icon=":material/group:", type="primary")
        if not teacher:
            st.caption(tr("live.lesson.following") if info.get("follow") else
                       tr("live.lesson.own_pace", seen=here["seen"]))
    from ui.classroom import lesson_player

    lesson_player._hide(scenes(lesson)[k], lesson_scene_page(info))  # the scene's hidden controls


def lesson_scene_page(info: dict) -> str:
    from ui.classroom import lesson_scene

    return lesson_scene.page_name(str(info.get("at") or info.get("page") or "home"))


def hide_future(info: dict | None) -> bool:
    """Does the scene shown hide the stage's future (its ``hidden.hide_future``)? On the
    teacher's screen and a following student's (the same scene), not a student's own paging."""
    if info is None or (info.get("role") == "student" and not info.get("follow")):
        return False
    k, lesson = shown_index(info), lesson_of(info)
    if k is None or lesson is None:
        return False
    hidden = _field(scenes(lesson)[k], "hidden") or {}
    return bool(hidden.get("hide_future"))


def play_controls(info: dict) -> None:
    """In the teacher's room panel: play live the lesson open in the player, or the guided one;
    while one plays, its Back/Next (the sidebar stays in view at the projector)."""
    from ui.classroom import lesson_state

    here = place(info)
    if here is not None:  # playing: Back/Next here too, in view while the page is scrolled down
        k = shown_index(info)
        if k is None:
            return
        st.caption(tr("player.count", n=k + 1, total=here["n"]))
        with st.container(horizontal=True, gap="small", key="live_lesson_side"):
            st.button(tr("live.lesson.back"), key="live_lesson_side_back", on_click=_goto, args=(k - 1,),
                      icon=":material/arrow_back:", disabled=k == 0)
            st.button(tr("live.lesson.next"), key="live_lesson_side_next", on_click=_goto, args=(k + 1,),
                      icon=":material/arrow_forward:", type="primary", disabled=k >= here["n"] - 1)
        return
    found = lesson_state.lesson() if lesson_state.playing() is not None else None
    if found is not None:
        st.button(tr("live.lesson.play_open", title=md_escape(ltext(found.title))), key="live_lesson_play_open",
                  on_click=_play_open, icon=":material/slideshow:", type="primary", width="stretch")
    st.button(tr("live.lesson.play_builtin"), key="live_lesson_play", on_click=_play_builtin,
              icon=":material/slideshow:", width="stretch")
