"""The class board (Streamlit side of rnnlab.activities.board).

- A student in a live lesson gets "Post to the class board" next to a finished run on Train
  (the run shown) and Compare (a run picked from the table's): the run's settings, seed, test
  MASE against persistence and seasonal naive (the series' season, as the backtest suggests it)
  and training time go to the room under the student's id in that room (the session's, never
  one sent by the browser), and the student is told the nickname it shows under and its place.
- The teacher opens "Class board" in the room panel: a dialog to project, redrawn as posts come
  in: the runs' MASE, one row per group of settings with a dot per seed, ranked by the median,
  and per group "Look at this one on Train", which puts that run's settings (seed included) into
  the teacher's Train controls and opens Train.
"""

from __future__ import annotations

import math

import streamlit as st

from rnnlab.activities import board as bd
from rnnlab.activities.board import Board, BoardError
from rnnlab.classroom.rooms import RoomError
from rnnlab.declarations.messages import Message
from rnnlab.forecasting.baselines import run_mase
from rnnlab.i18n.numbers import Seconds
from rnnlab.plots.board import board_figure
from rnnlab.store import StoreError
from ui.classroom import room
from ui.elements import nav
from ui.elements.charts import chart
from ui.i18n import lang, num, say, tr
from ui.persistence import persist
from ui.session import state
from ui.text import md_escape

POSTED = "_board_posted"  # run_id -> {"nick", "rank", "n"}: what this student posted, and where it stood
POST_ERROR = "_board_error"  # a Message: why the last post was refused (shown once)
GOTO = "_board_goto"  # the teacher opened a run's settings: switch to Train at the next run
OPENED = "_board_opened"  # the nickname whose settings were opened (said once)
VIEW_WIDTH = 1100  # px: the projector's dialog, like the join screen
POLL = 3.0  # seconds between two looks at the board while it is open
TRAIN_KEY = "train_"  # views/train.py's widget keys: "train_" + a TrainConfig field


# ----- a student posts -----

def postable(run) -> bool:
    """A finished run with a test MASE, its series and an id: what a post needs."""
    return (run.status == "completed" and run.values is not None and bool(bd.RUN_ID.match(str(run.run_id)))
            and math.isfinite(run_mase(run, "test")))


def _season(run) -> int | None:
    """Values per cycle of the run's series, when it is the series the page has now (the
    Backtest's suggestion); None for a run trained on another series."""
    from rnnlab.studies import study

    values = state.working_values()
    if run.values is None or len(run.values) != len(values) or bd.fingerprint(run.values) != bd.fingerprint(values):
        return None
    _, _, step = state.working_range()
    return study.suggested_season(state.get_source(), step, len(values))


def _post(run_id: str, kind: str) -> None:
    info, rooms = room.info(), room.rooms()
    ss = st.session_state
    run = next((r for r in state.runs() if r.run_id == run_id), None)
    if info is None or rooms is None or run is None or not postable(run):
        return
    season = _season(run)
    raw = bd.summary(run, season or 1, kind)
    if season is None:
        raw["seasonal"] = None  # another series: its season is not known here
    board = Board(rooms)
    try:
        entry = board.post(info["code"], info["sid"], raw)
        same = [e for e in board.entries(info["code"]) if e.fingerprint == entry.fingerprint]
    except RoomError as exc:
        ss[POST_ERROR] = exc.message
        return
    except BoardError as exc:
        ss[POST_ERROR] = Message("board.bad_post", {"what": Message(f"board.what.{exc.reason}")})
        return
    except StoreError as exc:
        persist.store_failed(exc)
        ss[POST_ERROR] = Message("live.error.down", {"code": info["code"]})
        return
    rank = 1 + sum(1 for e in same if e.mase < entry.mase)
    ss.setdefault(POSTED, {})[run_id] = {"nick": entry.nick, "rank": rank, "n": len(same)}
    ss.pop(POST_ERROR, None)


def post_controls(runs: list, kind: str) -> None:
    """Next to the run(s) a page shows, in a live lesson (students only): post one to the board.
    ``kind``: "train" (the run shown) or "compare" (pick one of ``runs``)."""
    info = room.info()
    if info is None or info.get("role") != "student" or info.get("ended") or not runs:
        return
    ss = st.session_state
    with st.container(key=f"live_board_{kind}", border=True):
        run = runs[0]
        if len(runs) > 1:
            names = {r.run_id: r.name or r.config.default_name() for r in runs}
            picked = st.selectbox(tr("board.post_pick"), list(names), key=f"live_board_pick_{kind}",
                                  format_func=names.get, placeholder=tr("chrome.choose"))
            run = next((r for r in runs if r.run_id == picked), runs[-1])
        if not postable(run):
            st.caption(tr("board.not_finished", status=tr(f"train.status.{run.status}")))
            return
        st.button(tr("board.post"), key=f"live_board_post_{kind}", on_click=_post, args=(run.run_id, kind),
                  icon=":material/leaderboard:", help=tr("board.post_help"))
        error = ss.pop(POST_ERROR, None)
        if isinstance(error, Message):
            values = {k: say(v) if isinstance(v, Message) else v for k, v in error.values.items()}
            st.warning(say(Message(error.key, values), markdown=True), icon=":material/block:")
        posted = (ss.get(POSTED) or {}).get(run.run_id)
        if posted:
            text = tr("board.posted", nick=bd.nickname(int(posted["nick"]), lang()), rank=int(posted["rank"]),
                      n=int(posted["n"]))
            st.html(f'<p data-testid="rnnlab-board-posted" style="margin:0">{_escape(text)}</p>')


def _escape(text: str) -> str:
    import html

    return html.escape(text)


# ----- the teacher's board -----

def _open_view() -> None:
    info = room.info()
    if info is not None and info.get("role") == "teacher":
        info["board_view"] = True


def _close_view() -> None:
    info = room.info()
    if info is not None:
        info.pop("board_view", None)


def _open_run(entry_id: str) -> None:
    """"Look at this one": the run's settings (checked again) into Train's controls, then Train
    opens with them, seed included: pressing Train repeats that run."""
    info, rooms = room.info(), room.rooms()
    if info is None or rooms is None or info.get("role") != "teacher":
        return
    try:
        entry = Board(rooms).find(info["code"], entry_id)
    except StoreError as exc:
        persist.store_failed(exc)
        return
    if entry is None:
        return
    settings = bd.check_settings(entry.settings)
    ss = st.session_state
    for name, value in settings.items():  # views/train.py's widget keys: "train_" + the field
        ss[TRAIN_KEY + name] = float(value or 0.0) if name == "clipnorm" else value  # its slider's 0 = off
    ss[GOTO] = True
    ss[OPENED] = entry.nick
    info.pop("board_view", None)


def teacher_controls(info: dict) -> None:
    """In the teacher's room panel: the board's button, and the board itself while open."""
    ss = st.session_state
    if ss.pop(GOTO, False):
        st.switch_page(nav.TRAIN.path)
    opened = ss.pop(OPENED, None)
    if isinstance(opened, int):
        st.info(tr("board.opened", nick=bd.nickname(opened, lang())), icon=":material/model_training:")
    st.button(tr("board.open"), key="live_board_open", on_click=_open_view, icon=":material/leaderboard:",
              width="stretch")
    if info.get("board_view"):
        st.dialog(tr("board.title", code=info["code"]), width=VIEW_WIDTH, on_dismiss=_close_view)(_view)()


def _view() -> None:
    st.fragment(_board, run_every=POLL)()


def _board() -> None:
    info, rooms = room.info(), room.rooms()
    ss = st.session_state
    if info is None or rooms is None or info.get("role") != "teacher":
        return
    if ss.get(GOTO):
        st.rerun(scope="app")  # a run was opened: close the board and go to Train
    try:
        entries = Board(rooms).entries(info["code"])
    except StoreError as exc:
        persist.store_failed(exc)
        st.warning(tr("live.error.down", code=info["code"]), icon=":material/warning:")
        return
    language = lang()
    found = bd.groups(entries)
    st.html(f'<p data-testid="rnnlab-board-count" data-count="{len(entries)}" data-groups="{len(found)}" '
            f'style="margin:0;font-size:1.1rem">{_escape(tr("board.count", n=len(entries), groups=len(found)))}</p>')
    if not entries:
        st.info(tr("board.empty"), icon=":material/leaderboard:")
        return
    st.caption(tr("board.ranked"))
    by_series: dict[str, list] = {}
    for g in found:
        by_series.setdefault(g.entries[0].fingerprint, []).append(g)
    for k, (_, groups) in enumerate(sorted(by_series.items(), key=lambda item: -sum(len(g.entries) for g in item[1]))):
        if len(by_series) > 1:
            st.markdown(f"**{tr('board.series', name=md_escape(groups[0].entries[0].series or '?'))}**")
        labels = [f"{tr('board.rank', rank=r + 1)} {bd.settings_label(g.settings, language)}"[:90]
                  for r, g in enumerate(groups)]
        fig = board_figure(groups, [label.split(" · ")[0] for label in labels], language)
        best = groups[0]
        chart(fig, f"live_board_chart_{k}", extra=tr("board.fig.alt", best=labels[0], median=num(best.median, sig=3)))
        with st.container(key=f"live_board_list_{k}"):
            for r, g in enumerate(groups):
                _group_row(r, g, language)


def _group_row(r: int, g: bd.Group, language: str) -> None:
    first = g.entries[0]

    def n(value):
        return num(value, sig=3) if value is not None else "–"

    persistence = [e.persistence for e in g.entries if e.persistence is not None]
    seasonal = [e.seasonal for e in g.entries if e.seasonal is not None]
    seconds = sum(e.seconds for e in g.entries) / len(g.entries)
    key = "board.group_line.one" if len(g.entries) == 1 else "board.group_line"
    line = tr(key, median=n(g.median), low=n(g.low), high=n(g.high), n=len(g.entries),
              seeds=", ".join(str(s) for s in g.seeds), persistence=n(min(persistence) if persistence else None),
              seasonal=n(min(seasonal) if seasonal else None), seconds=Seconds(seconds))
    nicks = ", ".join(dict.fromkeys(bd.nickname(e.nick, language) for e in g.entries))
    text_col, button_col = st.columns([5, 2], vertical_alignment="center")
    text_col.html(f'<div data-testid="rnnlab-board-group" data-rank="{r + 1}" data-n="{len(g.entries)}">'
                  f'<b>{_escape(tr("board.rank", rank=r + 1))} {_escape(bd.settings_label(g.settings, language))}</b>'
                  f'<br>{_escape(line)}<br><span style="color:#374151">{_escape(tr("board.by", nicks=nicks))}</span></div>')
    button_col.button(tr("board.open_run"), key=f"live_board_run_{first.id}", on_click=_open_run,
                      args=(first.id,), icon=":material/open_in_new:", width="stretch")
