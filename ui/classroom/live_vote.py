"""Vote twice (Streamlit side of rnnlab.activities.peer): Peer Instruction in the live room.

- The teacher ticks "Vote twice" when asking (ui/classroom/live_questions.py's popover): the question is
  round one. "Close round one" takes it off every screen: students see "discuss with your
  neighbour" (the question, their own answer, nobody else's) while the teacher alone sees how
  the class voted. "Start round two" asks it again; everyone answers afresh. "Show the answer"
  reveals both rounds side by side and how the answers moved (right -> wrong, wrong -> right,
  and for a number closer / further, with the tolerance that counts as right).
- Students follow the phases through the room's poll (ui/classroom/live.py asks ``polled`` for the
  question and its stamp); while the class discusses the stage still hides the future.
"""

from __future__ import annotations

import html

import streamlit as st

from rnnlab.activities import peer
from rnnlab.activities.peer import Peer
from rnnlab.classroom import questions as qs
from rnnlab.classroom.rooms import RoomError
from rnnlab.plots.peer import rounds_bars, rounds_histogram, shared_bins
from rnnlab.store import StoreError
from ui.classroom import live_questions as lq
from ui.classroom import room
from ui.elements.charts import chart
from ui.i18n import lang, num, tr
from ui.session import hidden_view_state as view_state

CHART_HEIGHT = 250
# The round's line sits above the question's card, in the slot that sticks to the top: opaque
# like the card, so the page scrolling under it does not show through.
ROUND_CSS = """<style>
.st-key-live_vote_round { background: #fff; padding: .3rem .6rem; border-radius: .5rem; }
</style>"""


# ----- the poll (ui/classroom/live.py): the question on screen, and its stamp -----

def polled(rooms, code: str) -> tuple[qs.Question | None, list | None]:
    """The room's question and the stamp a student's poll compares: [id, revealed, phase].

    While the class discusses between two rounds no question is open: the stamp names round
    one's, unrevealed (the stage keeps hiding the future, and the question's step stays hidden).
    """
    question = rooms.question(code)
    vote = Peer(rooms).record(code)
    if question is not None:
        phase = vote.phase if vote is not None and question.id in (vote.first, vote.second) else None
        return question, [question.id, question.revealed, phase]
    if vote is not None and vote.phase == "discuss":
        first = Peer(rooms).first_question(code)
        if first is not None and first.id == vote.first:
            return first, [first.id, False, "discuss"]
    return None, None


phase = lq.vote_phase  # the vote's phase for this session, or None outside a vote


# ----- the teacher -----

def _act(action) -> None:
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None or not info.get("q"):
        return
    try:
        action(info, Peer(rooms))
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])


def _close_first(info: dict, votes: Peer) -> None:
    votes.close_first(info["code"], info["token"])
    info["q"]["peer"] = "discuss"


def _ask_second(info: dict, votes: Peer) -> None:
    second = votes.ask_second(info["code"], info["token"])
    info["q"].update(id=second.id, peer="second")


def _reveal(info: dict, votes: Peer) -> None:
    q = votes.rooms.question(info["code"])
    truth = (lq._teacher_truth(info, q) if q is not None else None) or {}
    votes.reveal(info["code"], info["token"], truth.get("truth"), truth.get("how"), truth.get("source", ""))
    info["q"].update(revealed=True, peer="revealed",
                     at=lq.position(info.get("page") or "", {view_state.STEP: str(view_state.step())}))


def _stop(info: dict, votes: Peer) -> None:
    info.pop("q", None)
    votes.stop(info["code"], info["token"])


def teacher_panel() -> None:
    """The teacher's card of a two-round vote (a fragment: the counts come in by themselves)."""
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    if lq._drawn(info) != st.session_state.get(lq.DRAWN):
        st.rerun(scope="app")  # a phase changed here: the page (and the stage) follows
    mine = info.get("q")
    if not mine:
        return
    votes = Peer(rooms)
    try:
        vote = votes.vote(info["code"])
        q = votes.first_question(info["code"]) if mine["peer"] == "discuss" else rooms.question(info["code"])
        answers = rooms.answers(info["code"], q.id) if q is not None and mine["peer"] in ("first", "second") else []
        result = votes.result(info["code"]) if mine["peer"] == "revealed" else None
        first = votes.first_answers(info["code"]) if mine["peer"] == "discuss" else []
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    if vote is None or vote.phase != mine["peer"] or q is None or (vote.phase == "revealed" and result is None):
        # gone (removed, another question asked, the room ended)
        info.pop("q", None)
        st.rerun(scope="app")
    with st.container(border=True, key="live_question"):
        head, side = st.columns([5, 2], vertical_alignment="center")
        head.markdown(f"**{_round_title(vote.phase)}** · {lq.question_text(q)}")
        with side:
            lq._count(len(answers) if vote.phase in ("first", "second") else len(first)
                      if vote.phase == "discuss" else len(result.second))
        if vote.phase == "first":
            st.caption(tr("vote.teacher_first"))
            cols = st.columns(2)
            cols[0].button(tr("vote.close_first"), key="live_vote_close", type="primary", on_click=_act,
                           args=(_close_first,), icon=":material/forum:", width="stretch")
            cols[1].button(tr("live.q.close"), key="live_q_close", on_click=_act, args=(_stop,),
                           icon=":material/close:", width="stretch")
        elif vote.phase == "discuss":
            side_col, chart_col = st.columns([2, 3], vertical_alignment="center")
            with side_col:
                st.caption(tr("vote.teacher_discuss"))
                st.button(tr("vote.ask_second"), key="live_vote_second", type="primary", on_click=_act,
                          args=(_ask_second,), icon=":material/how_to_vote:", width="stretch")
                st.button(tr("live.q.close"), key="live_q_close", on_click=_act, args=(_stop,),
                          icon=":material/close:", width="stretch")
            with chart_col:
                lq._chart(q, first)  # round one, no truth: only on the teacher's screen
        elif vote.phase == "second":
            st.caption(tr("vote.teacher_second", n=len(votes.first_answers(info["code"]))))
            truth, reveal, close = st.columns([3, 2, 2], vertical_alignment="bottom")
            with truth:
                lq._truth_controls(info, q)
            reveal.button(tr("vote.reveal"), key="live_reveal", type="primary", on_click=_act, args=(_reveal,),
                          icon=":material/visibility:", width="stretch")
            close.button(tr("live.q.close"), key="live_q_close", on_click=_act, args=(_stop,),
                         icon=":material/close:", width="stretch")
        else:
            _reveal_view(result, None)
            st.caption(tr("live.q.ends_on_move"))
            st.button(tr("live.q.close"), key="live_q_close", on_click=_act, args=(_stop,),
                      icon=":material/close:")


def _round_title(vote_phase: str) -> str:
    return tr(f"vote.title_{vote_phase}")


# ----- the reveal: both rounds and the moves -----

def _moves_lines(q: qs.Question, m: peer.Moves) -> list[tuple[str, str, int]]:
    """(testid, text, count) lines of how the answers moved."""
    lines = [("changed", tr("vote.changed", n=m.changed, both=m.both), m.changed)]
    if m.right_right is not None:
        lines += [("wrong_right", tr("vote.wrong_right", n=m.wrong_right), m.wrong_right),
                  ("right_wrong", tr("vote.right_wrong", n=m.right_wrong), m.right_wrong),
                  ("right_right", tr("vote.right_right", n=m.right_right), m.right_right),
                  ("wrong_wrong", tr("vote.wrong_wrong", n=m.wrong_wrong), m.wrong_wrong)]
    if m.closer is not None:
        lines += [("closer", tr("vote.closer", n=m.closer), m.closer),
                  ("further", tr("vote.further", n=m.further), m.further)]
    if q.kind == "choice" and m.to:
        moved = sorted(m.to.items(), key=lambda item: (-item[1], item[0]))[:4]
        text = "; ".join(tr("vote.to_one", a=lq.option_text(q, a), b=lq.option_text(q, b), n=n)
                         for (a, b), n in moved)
        lines.append(("to", tr("vote.to", moves=text), sum(m.to.values())))
    if m.first_only or m.second_only:
        lines.append(("one_round", tr("vote.one_round", first=m.first_only, second=m.second_only),
                      m.first_only + m.second_only))
    return lines


def _moves(q: qs.Question, m: peer.Moves) -> None:
    items = "".join(f'<li data-testid="rnnlab-vote-{key}" data-count="{int(n)}">{html.escape(text)}</li>'
                    for key, text, n in _moves_lines(q, m))
    st.html(f'<ul data-testid="rnnlab-vote-moves" style="margin:.2rem 0 .4rem;padding-left:1.2rem;'
            f'font-size:1.05rem;line-height:1.45">{items}</ul>')
    if m.tolerance is not None:
        st.caption(tr("vote.tolerance", tol=num(m.tolerance, sig=3)))


def _rounds_chart(result: peer.Result) -> None:
    q, language = result.question, lang()
    if q.kind == "value":
        edges, c1, c2 = shared_bins(result.first, result.second, q.truth)
        if edges.size == 0:
            return
        fig = rounds_histogram(edges, c1, c2, q.truth, language, height=CHART_HEIGHT)
        extra = tr("live.fig.alt_truth", value=num(q.truth)) if q.truth is not None else None
    else:
        labels = [lq.option_text(q, k) for k in range(len(q.options))]
        fig = rounds_bars(labels, qs.choice_counts(q, result.first), qs.choice_counts(q, result.second),
                          q.truth, language, height=CHART_HEIGHT)
        extra = tr("live.fig.alt_right", answer=labels[q.truth]) if q.truth is not None else None
    chart(fig, "live_vote_rounds", extra=extra)


def _reveal_view(result: peer.Result | None, yours: str | None) -> None:
    """The truth, both rounds' chart and how the answers moved. The teacher's projected card
    keeps the moves beside the chart (one screen); a student's has their own two answers there,
    and the moves under the chart (a phone stacks the columns: truth, theirs, chart, moves)."""
    if result is None:
        return
    left, right = st.columns([2, 3], vertical_alignment="top")
    with left:
        lq._truth(result.question)
        if yours:
            st.markdown(yours)
        else:
            _moves(result.question, result.moves)
    with right:
        _rounds_chart(result)
    if yours:
        _moves(result.question, result.moves)


# ----- the student -----

def _answer(q: qs.Question, value) -> str:
    return lq.answer_text(q, value) if value is not None else tr("vote.none")


def student_view() -> None:
    """A student's card in a two-round vote: round one or two (the question card with the round
    said above it), the discussion between them, or the reveal of both rounds."""
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None:
        return
    current = phase(info)
    votes = Peer(rooms)
    if current in ("first", "second"):
        st.html(ROUND_CSS)
        with st.container(key="live_vote_round"):
            st.html(f'<p data-testid="rnnlab-vote-round" data-round="{1 if current == "first" else 2}" '
                    f'style="margin:0;font-weight:600">{html.escape(tr(f"vote.student_{current}"))}</p>')
            if current == "second":
                try:
                    before = votes.my_first(info["code"], info["sid"])
                    first = votes.first_question(info["code"])
                except StoreError:
                    before, first = None, None
                if first is not None and before is not None:
                    st.caption(tr("vote.your_first", answer=_answer(first, before)))
        lq._student_question()
        return
    try:
        if current == "discuss":
            q, before, result = votes.first_question(info["code"]), votes.my_first(info["code"], info["sid"]), None
        else:
            result = votes.result(info["code"])
            q = result.question if result is not None else None
            first = votes.first_question(info["code"])
            before = votes.my_first(info["code"], info["sid"]) if first is not None else None
            after = rooms.my_answer(info["code"], info["sid"], q.id) if q is not None else None
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    if q is None:
        return
    with st.container(border=True, key="live_question"):
        if current == "discuss":
            st.markdown(f"**{tr('vote.discuss_title')}** · {lq.question_text(q)}")
            st.html(f'<div data-testid="rnnlab-vote-discuss" style="font-size:1.35rem;font-weight:700;'
                    f'margin:.2rem 0">{html.escape(tr("vote.discuss"))}</div>')
            st.caption(tr("vote.your_first", answer=_answer(q, before)) if before is not None
                       else tr("vote.no_first"))
            return
        st.markdown(f"**{_round_title('revealed')}** · {lq.question_text(q)}")
        yours = tr("vote.yours_both", first=_answer(q, before), second=_answer(q, after))
        _reveal_view(result, yours)


lq.CARDS["peer"] = (teacher_panel, student_view)  # the question slot draws these during a vote
