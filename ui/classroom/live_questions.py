"""Predict, then reveal (Streamlit side of rnnlab.classroom.questions): ask, answer, show the answers.

- The teacher asks from the room panel ("Ask the class"): a value about the step after the one
  the Hidden states stage shows (a gate, h or the prediction of one unit), or a choice (which
  cell wins on Compare, whether the model beats persistence), or anything in their own words.
  A preset's true value is computed by the engine at once, from the pass the stage draws, and
  kept in the teacher's session only: the room gets it when the teacher reveals.
- Above the page, everyone in the room sees the question in their own language, in a compact
  card that stays in view (sticky) while the page scrolls to the stage; the ask popover closes
  once asked. Students answer (a number in their language's way, or one button per option); a
  new answer replaces theirs, and a refused one is said in the card. The teacher sees how many
  answered, and reveals: the true answer next to a histogram (value) or bar chart (choice) of
  the answers (option texts as typed). Answers are pooled without names. A revealed question
  ends by itself when the teacher moves to another step or page.
"""

from __future__ import annotations

import streamlit as st

from rnnlab.activities.peer import Peer
from rnnlab.classroom import questions as qs
from rnnlab.classroom.rooms import RoomError
from rnnlab.declarations.messages import Message, MessageError
from rnnlab.pages.hidden import GATE_NAMES
from rnnlab.plots.live import answers_bars, answers_histogram
from rnnlab.store import StoreError
from ui.classroom import room
from ui.elements.charts import chart
from ui.i18n import lang, num, say, tr
from ui.persistence import persist
from ui.session import hidden_view_state as view_state
from ui.session import state
from ui.text import md_escape

TEACHER_POLL = 2.0  # seconds between two looks at the answers while a question is open
CHART_HEIGHT = 230  # the reveal's chart: beside the true answer, the stage still in view below
NO_TRUTH = -1  # the "no right answer" entry of the teacher's mark
ASK_OPEN = "live_ask_open"  # the "Ask the class" popover's box (the popover: ask_key())
ASK_REFUSED = "_live_ask_refused"  # why Ask could not ask (a Message): said above Ask, once
ASKED = "_live_asked"  # how many questions this teacher asked: the popover's key (ask_key)
REFUSED = "_live_refused"  # why the student's last answer was refused (a Message), shown once
DRAWN = "_live_q_drawn"  # the teacher's question as the last full run drew it: (id, revealed)
TWICE = "live_q_twice"  # "Vote twice": ask as round one of two (ui/classroom/live_vote.py)
# The cards of a question asked as an activity, by name: (teacher's, student's). ui/classroom/live_vote.py
# adds "peer" (a vote in two rounds) when it is imported (ui/classroom/live.py imports it).
CARDS: dict[str, tuple] = {}


def vote_phase(info: dict) -> str | None:
    """Where a vote in two rounds is for this session ("first", "discuss", "second",
    "revealed"), or None when the question is asked once."""
    if info.get("role") == "teacher":
        return (info.get("q") or {}).get("peer")
    stamp = info.get("q_stamp")
    return stamp[2] if isinstance(stamp, list) and len(stamp) > 2 else None


# ----- words, in the reader's language -----

def question_text(q: qs.Question) -> str:
    if q.preset is None:
        return md_escape(q.text, limit=qs.MAX_TEXT)
    values = dict(q.params)
    if "gate" in values:
        values["gate"] = tr(f"stage.gate_{values['gate']}")
    values.pop("cell", None)
    return tr(f"live.q.{q.preset}_q", **values)


def option_text(q: qs.Question, k: int) -> str:
    """Option ``k`` as plain text, as the teacher typed it (for charts, lists and HTML, which
    escape it their own way)."""
    option = q.options[k]
    return tr(f"live.q.{option}") if q.preset == "persistence" else option


def option_label(q: qs.Question, k: int) -> str:
    """Option ``k`` for Markdown (buttons, captions): the teacher's words escaped, shown as typed."""
    text = option_text(q, k)
    return text if q.preset is not None else md_escape(text, limit=qs.MAX_OPTION_CHARS)


def answer_text(q: qs.Question, value, markdown: bool = True) -> str:
    if q.kind != "choice":
        return num(float(value))
    return option_label(q, int(value)) if markdown else option_text(q, int(value))


def _how(q: qs.Question) -> str:
    if q.how == "engine":
        return tr(f"live.q.how_engine_{'trained' if q.source == 'trained' else 'untrained'}")
    if q.how == "runs":
        return tr("live.q.how_runs", runs=md_escape(q.source))
    return tr("live.q.how_teacher")


# ----- the teacher asks -----

def _view(page_path: str):
    """The Hidden states pass the teacher's stage shows, with its step, or None."""
    view = view_state.view()
    return view if page_path == view_state.PAGE else None


def preset_key(kind: str) -> str:
    """The session key of the preset chosen for a question of ``kind`` ("value", "choice")."""
    return f"live_q_preset_{kind}"


def _presets(kind: str) -> tuple[str, ...]:
    return (*(qs.VALUE_PRESETS if kind == "value" else qs.CHOICE_PRESETS), "own")


def _make_question(info: dict, page_path: str) -> tuple[qs.Question, dict | None]:
    """The question the teacher's controls describe, and the engine's truth (value presets).

    Raises MessageError saying why when it cannot be asked."""
    ss = st.session_state
    kind = ss.get("live_q_kind", "value")
    kind = kind if kind in qs.KINDS else "value"
    presets = _presets(kind)
    preset = ss.get(preset_key(kind), presets[0])
    preset = preset if preset in presets else presets[0]  # what the selectbox shows then
    if preset == "own":
        text = ss.get("live_q_text") or ""
        options = qs.parse_options(ss.get("live_q_options") or "") if kind == "choice" else None
        if not text.strip():
            raise MessageError(Message("live.q.empty"))
        if kind == "choice" and not 2 <= len(options) <= qs.MAX_OPTIONS:
            raise MessageError(Message("live.q.bad_options"))
        return qs.own_question(kind, text, options), None
    if kind == "choice":
        return qs.choice_question(preset), None
    view = _view(page_path)
    if view is None:
        raise MessageError(Message("live.q.needs_stage"))
    forward, inp, cell = view["forward"], view["inp"], view["settings"].cell
    T, H = forward.hidden.shape
    t = view_state.step() + 1  # the next step: the one the hidden future holds
    if t > T:
        raise MessageError(Message("live.q.at_last_step"))
    unit = int(min(max(1, int(ss.get(f"live_q_unit_{H}") or 1)), H))
    gates = GATE_NAMES.get(cell, ())
    if preset == "gate" and not gates:
        raise MessageError(Message("live.q.no_gate"))
    gate = None
    if preset == "gate":
        gate = ss.get(f"live_q_gate_{cell}")
        gate = gate if gate in gates else _default_gate(gates)
    q = qs.value_question(preset, t=t, unit=unit, gate=gate, cell=cell)
    value = qs.engine_value(q, forward, inp)
    trained = view_state.shows_trained(view)
    truth = None if value is None else {"truth": value, "how": "engine",
                                         "source": "trained" if trained else "untrained"}
    return q, truth


def _default_gate(gates: tuple) -> str:
    return "forget" if "forget" in gates else gates[0]


def _ask(page_path: str) -> None:
    info = room.info()
    rooms = room.rooms()
    if info is None or info.get("role") != "teacher" or rooms is None:
        return
    try:
        q, truth = _make_question(info, page_path)
    except MessageError as exc:  # said in the popover, where the teacher is (it stays open)
        st.session_state[ASK_REFUSED] = exc.message
        return
    twice = bool(st.session_state.get(TWICE))
    try:
        if twice:  # round one of a vote in two rounds (ui/classroom/live_vote.py)
            Peer(rooms).start(info["code"], info["token"], q)
        else:
            rooms.ask(info["code"], info["token"], q)
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    info["q"] = {"id": q.id, "revealed": False, "engine": truth, **({"peer": "first"} if twice else {})}
    st.session_state[ASKED] = st.session_state.get(ASKED, 0) + 1  # a new popover, closed (ask_key)


def ask_key() -> str:
    """The popover's key: a new one after each question asked, so the popover is drawn closed.
    (Setting its open state to False was not enough: under load, a poll's rerun that reached
    the server before the browser had the closed popover sent back "open", and it stayed open.)"""
    return f"{ASK_OPEN}_{st.session_state.get(ASKED, 0)}"


def ask_controls(info: dict, page_path: str) -> None:
    """In the teacher's room panel: the popover that asks the class a question."""
    # Asking closes it (a new key: ask_key), so the question shows at once above the page, where
    # the class looks, instead of under an open popover.
    box = st.container(key=ASK_OPEN)
    with box.popover(tr("live.q.ask_open"), icon=":material/quiz:", width="stretch", key=ask_key(),
                     on_change="rerun"):
        # labels translated now, not when Streamlit formats them later (another thread)
        kinds = {k: tr(f"live.q.kind_{k}") for k in qs.KINDS}
        kind = st.radio(tr("live.q.kind"), qs.KINDS, key="live_q_kind", horizontal=True,
                        format_func=kinds.get)
        presets = _presets(kind)
        names = {k: tr(f"live.q.preset_{k}") for k in presets}
        # One selectbox per kind (its options are the kind's presets): under one key, a click
        # sent while the kind's rerun was on its way carried the other kind's preset to Ask.
        preset = st.selectbox(tr("live.q.preset"), presets, key=preset_key(kind), format_func=names.get,
                              placeholder=tr("chrome.choose"))
        view = _view(page_path)
        if kind == "value" and preset != "own":
            if view is None:
                st.caption(tr("live.q.needs_stage"))
            else:
                H = view["forward"].hidden.shape[1]
                # Keys carry what bounds them (units, cell): a widget whose options change under
                # the same key kept the browser's old value (seen: LSTM's "forget" on a GRU).
                if preset in ("gate", "hidden"):
                    st.number_input(tr("live.q.unit"), 1, H, step=1, key=f"live_q_unit_{H}")
                cell = view["settings"].cell
                gates = GATE_NAMES.get(cell, ())
                if preset == "gate" and gates:
                    gate_names = {g: tr(f"stage.gate_{g}") for g in gates}
                    st.selectbox(tr("live.q.gate"), gates, key=f"live_q_gate_{cell}",
                                 index=gates.index(_default_gate(gates)), format_func=gate_names.get,
                                 placeholder=tr("chrome.choose"))
                elif preset == "gate":
                    st.caption(tr("live.q.no_gate"))
        if preset == "own":
            st.text_input(tr("live.q.own_text"), key="live_q_text", max_chars=qs.MAX_TEXT)
            if kind == "choice":
                st.text_area(tr("live.q.own_options"), key="live_q_options", height=110)
        st.checkbox(tr("vote.twice"), key=TWICE, help=tr("vote.twice_help"))  # ui/classroom/live_vote.py
        refused = st.session_state.pop(ASK_REFUSED, None)
        if refused is not None:
            st.warning(say(refused, markdown=True), icon=":material/error:")
        st.button(tr("live.q.ask"), key="live_ask", type="primary", on_click=_ask, args=(page_path,),
                  icon=":material/send:")


# ----- the answers, pooled -----

def _chart(q: qs.Question, answers: list) -> None:
    """The answers, pooled: a histogram (value) or one bar per option (choice)."""
    if not answers:
        return
    language = lang()
    if q.kind == "value":
        edges, counts = qs.histogram([float(a) for a in answers], q.truth)
        fig = answers_histogram(edges, counts, q.truth, language, height=CHART_HEIGHT)
        extra = tr("live.fig.alt_truth", value=num(q.truth)) if q.truth is not None else None
    else:
        labels = [option_text(q, k) for k in range(len(q.options))]  # the chart escapes them
        fig = answers_bars(labels, qs.choice_counts(q, answers), q.truth, language, height=CHART_HEIGHT)
        extra = tr("live.fig.alt_right", answer=labels[q.truth]) if q.truth is not None else None
    chart(fig, "live_results", extra=extra, data=False)  # compact: the text alternative says it all


def _truth(q: qs.Question) -> None:
    """The true answer, large, and where it came from."""
    if q.truth is None:
        st.info(tr("live.q.no_truth"), icon=":material/forum:")
        return
    key = "live.q.truth_value" if q.kind == "value" else "live.q.truth_choice"
    text = tr(key, value=num(float(q.truth), sig=4)) if q.kind == "value" else tr(
        key, answer=option_text(q, int(q.truth)))
    st.html(f'<p data-testid="rnnlab-question-truth" style="font-size:1.25rem;font-weight:700;margin:0">'
            f'{_html(text)}</p>')
    st.caption(_how(q))


def _html(text: str) -> str:
    """Plain text (never Markdown-escaped) into st.html, as text: escaped for HTML."""
    import html

    return html.escape(text)


def _count(n: int) -> None:
    st.html(f'<p data-testid="rnnlab-answer-count" data-count="{int(n)}" style="margin:0">'
            f'{_html(tr("live.q.count", n=n))}</p>')


# ----- the teacher's view of the question -----

def _teacher_truth(info: dict, q: qs.Question) -> dict | None:
    """The truth to reveal: the engine's (kept at asking), the runs', or the teacher's mark."""
    ss = st.session_state
    mine = info.get("q") or {}
    if mine.get("engine"):
        return mine["engine"]
    if _engine_truth(q) is not None:
        return _engine_truth(q)  # asked by a lesson's scene: from the stage shown now
    if q.preset in qs.CHOICE_PRESETS:
        found = qs.runs_choice(q, state.runs())
        if found is not None:
            return {"truth": found[0], "how": "runs", "source": found[1]}
    if q.kind == "choice":
        mark = ss.get("live_q_mark", NO_TRUTH)
        return None if mark in (None, NO_TRUTH) else {"truth": int(mark), "how": "teacher", "source": ""}
    value = qs.parse_number(ss.get("live_q_truth") or "")
    return None if value is None else {"truth": value, "how": "teacher", "source": ""}


def _engine_truth(q: qs.Question) -> dict | None:
    """The engine's true answer of a preset value question asked without one (a lesson scene's,
    ui/classroom/lesson_live.py), from the stage the teacher shows when it is revealed; else None."""
    view = view_state.view()
    if view is None or q.kind != "value" or q.preset not in qs.VALUE_PRESETS:
        return None
    value = qs.engine_value(q, view["forward"], view["inp"])
    if value is None:
        return None
    return {"truth": value, "how": "engine", "source": "trained" if view_state.shows_trained(view) else "untrained"}


def _reveal() -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None or not info.get("q"):
        return
    try:
        q = rooms.question(info["code"])
        if q is None or q.id != info["q"]["id"]:
            raise RoomError("no_question", info["code"])
        truth = _teacher_truth(info, q) or {}
        rooms.reveal(info["code"], info["token"], q.id, truth.get("truth"), truth.get("how"),
                     truth.get("source", ""))
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    info["q"]["revealed"] = True
    info["q"]["at"] = position(info.get("page") or "", {view_state.STEP: str(view_state.step())})


def position(page: str, settings: dict) -> list:
    """Where the teacher is: the page, and on Hidden states the stage's step (as published)."""
    return [page, str(settings.get(view_state.STEP)) if page == view_state.PAGE else None]


def end_if_moved_on(info: dict, shown: dict) -> None:
    """A revealed question ends by itself when the teacher moves on (another step or page):
    it does not stay above every student's page until someone removes it."""
    q = info.get("q") or {}
    if not q.get("revealed") or not q.get("at"):
        return
    here = position(str(shown.get("page") or ""), shown.get("settings") or {})
    if here != q["at"]:
        _remove()


def _remove() -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    info.pop("q", None)
    try:
        rooms.close_question(info["code"], info["token"])
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])


def _drawn(info: dict) -> tuple | None:
    q = info.get("q")
    return (q["id"], bool(q.get("revealed"))) if q else None


def _teacher_question() -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    if _drawn(info) != st.session_state.get(DRAWN):
        st.rerun(scope="app")  # revealed or removed here: the stage stops hiding the future
    if not info.get("q"):
        return
    try:
        q = rooms.question(info["code"])
        answers = rooms.answers(info["code"], q.id) if q is not None and q.id == info["q"]["id"] else []
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    if q is None or q.id != info["q"]["id"]:  # gone from the room (it ended, or expired)
        info.pop("q", None)
        st.rerun(scope="app")
    with st.container(border=True, key="live_question"):
        head, side = st.columns([5, 2], vertical_alignment="center")
        head.markdown(f"**{tr('live.q.title')}** · {question_text(q)}")
        with side:
            _count(len(answers))
        if not q.revealed:
            truth, reveal, close = st.columns([3, 2, 2], vertical_alignment="bottom")
            with truth:
                _truth_controls(info, q)
            reveal.button(tr("live.q.reveal"), key="live_reveal", type="primary", on_click=_reveal,
                          icon=":material/visibility:", width="stretch")
            close.button(tr("live.q.close"), key="live_q_close", on_click=_remove, icon=":material/close:",
                         width="stretch")
        else:  # the true answer first (on a phone it stacks above the chart), then the answers
            truth, chart_col = st.columns([2, 3], vertical_alignment="center")
            with truth:
                _truth(q)
                st.caption(tr("live.q.ends_on_move"))
                st.button(tr("live.q.close"), key="live_q_close", on_click=_remove,
                          icon=":material/close:", width="stretch")
            with chart_col:
                _chart(q, answers)


def _truth_controls(info: dict, q: qs.Question) -> None:
    """What the reveal will show as the right answer, before it is shown (the teacher only)."""
    if (info.get("q") or {}).get("engine") or _engine_truth(q) is not None:
        st.caption(tr("live.q.engine_truth"))  # (a lesson scene's preset: computed at the reveal)
        return
    if q.preset in qs.CHOICE_PRESETS:
        found = qs.runs_choice(q, state.runs())
        if found is not None:
            st.caption(tr("live.q.from_runs", answer=option_label(q, found[0]), runs=md_escape(found[1])))
            return
        st.caption(tr("live.q.runs_missing", need=tr(f"live.q.need_{q.preset}")))
    if q.kind == "choice":
        marks = {NO_TRUTH: tr("live.q.truth_unknown"), **{k: option_text(q, k) for k in range(len(q.options))}}
        st.selectbox(tr("live.q.truth_own"), list(marks), key="live_q_mark", format_func=marks.get,
                     placeholder=tr("chrome.choose"))
    else:
        st.text_input(tr("live.q.truth_own"), key="live_q_truth", max_chars=40)


# ----- the student's view -----

def _send(qid: str, value) -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    try:
        stored = rooms.answer(info["code"], info["sid"], qid, value)
    except RoomError as exc:
        st.session_state[REFUSED] = exc.message  # said in the question's card, whatever reruns
        return
    except StoreError as exc:
        persist.store_failed(exc)
        st.session_state[REFUSED] = Message("live.error.down", {"code": info["code"]})
        return
    except ValueError:
        return
    st.session_state.pop(REFUSED, None)
    info.setdefault("mine", {}).clear()
    info["mine"][qid] = stored


def _send_typed(qid: str) -> None:
    text = st.session_state.get("live_answer_value") or ""
    value = qs.parse_number(text)
    if value is None:
        st.session_state["_live_bad_answer"] = str(text)[:40]
        return
    st.session_state.pop("_live_bad_answer", None)
    _send(qid, value)


def _student_question() -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None or not info.get("q_stamp"):
        return
    try:
        q = rooms.question(info["code"])
        answers = rooms.answers(info["code"], q.id) if q is not None and q.revealed else []
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    if q is None:
        return
    mine = (info.get("mine") or {}).get(q.id)
    with st.container(border=True, key="live_question"):
        st.markdown(f"**{tr('live.q.title')}** · {question_text(q)}")
        refused = st.session_state.pop(REFUSED, None)  # a send just refused (often in this
        if isinstance(refused, Message):  # fragment's own rerun, which draws no sidebar): say why
            st.warning(say(refused, markdown=True), icon=":material/block:")
        if q.revealed:  # the true answer and theirs first (a phone stacks them above the chart)
            truth, chart_col = st.columns([2, 3], vertical_alignment="center")
            with truth:
                if mine is not None:
                    st.markdown(tr("live.q.yours_final", answer=answer_text(q, mine)))
                else:
                    st.caption(tr("live.q.no_answer"))
                _count(len(answers))
                _truth(q)
            with chart_col:
                _chart(q, answers)
            return
        st.caption(tr("live.q.hidden_note"))
        if q.kind == "value":
            with st.form("live_answer_form", border=False, enter_to_submit=True):
                value, send = st.columns([3, 2], vertical_alignment="bottom")
                value.text_input(tr("live.q.your_value"), key="live_answer_value", max_chars=40,
                                 placeholder=num(0.35))
                send.form_submit_button(tr("live.q.send"), key="live_answer_send", type="primary",
                                        on_click=_send_typed, args=(q.id,), icon=":material/send:",
                                        width="stretch")
            bad = st.session_state.pop("_live_bad_answer", None)
            if bad is not None:
                st.warning(tr("live.q.bad_number", text=md_escape(bad, limit=40)), icon=":material/warning:")
        else:
            cols = st.columns(len(q.options))
            for k, col in enumerate(cols):
                col.button(option_label(q, k), key=f"live_choice_{k}", width="stretch",
                           type="primary" if mine == k else "secondary", on_click=_send, args=(q.id, k))
        if mine is not None:
            st.html(f'<p data-testid="rnnlab-my-answer" style="margin:0">'
                    f'{_html(tr("live.q.yours", answer=answer_text(q, mine, markdown=False)))}</p>')


# The question stays in view while the page scrolls to the stage: the slot sticks to the top of
# the main area (below Streamlit's header), compact, and scrolls inside itself if it must.
STICKY_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-live_question_slot .st-key-live_question) {
  position: sticky; top: 3.75rem; z-index: 90;
}
.st-key-live_question_slot:has(.st-key-live_question) {
  max-height: 62vh; overflow-y: auto; border-radius: .5rem;
  box-shadow: 0 6px 14px -8px rgba(15, 23, 42, .45);
}
.st-key-live_question { background: #fff; }
.st-key-live_question [data-testid="stMarkdownContainer"] p { font-size: 1.15rem; }
@media (max-width: 640px) {
  [data-testid="stLayoutWrapper"]:has(> .st-key-live_question_slot .st-key-live_question) { top: 3.5rem; }
  .st-key-live_question_slot:has(.st-key-live_question) { max-height: 55vh; }
  .st-key-live_question [data-testid="stMarkdownContainer"] p { font-size: 1.05rem; }
}
</style>"""


def question_panel() -> None:
    """Above the page, in a room with a question: the question, answers and the reveal, kept in
    view (sticky) while the page scrolls to the stage."""
    info = room.info()
    if info is None:
        return
    # One slot, there for the whole lesson, question or not: a question that comes and goes
    # must not shift the page's elements below it (Streamlit would redraw them all, stage too).
    with st.container(key="live_question_slot"):
        if info.get("ended"):
            return
        st.html(STICKY_CSS)
        teacher_card, student_card = CARDS.get(vote_phase(info) and "peer", (_teacher_question, _student_question))
        if info.get("role") == "teacher":
            st.session_state[DRAWN] = _drawn(info)
            if info.get("q"):  # polls after the reveal too: it ends when the teacher moves on
                st.fragment(teacher_card, run_every=TEACHER_POLL)()
        elif info.get("q_stamp"):
            st.fragment(student_card)()
