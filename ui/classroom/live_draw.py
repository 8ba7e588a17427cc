"""Draw the future (Streamlit side of rnnlab.activities.draw): open, draw, send, reveal.

- The teacher chooses H in the room panel and presses "Open the drawing" (``live_draw_open``;
  a lesson scene calls ``open_draw(room, horizon)``): the series is the room's current one (the
  working range the teacher shows), the cut the start of its test part (moved back when fewer
  than H values follow). The truth and everything the models need stay in the teacher's
  session. Above the page the teacher sees the series up to the cut and the live count, closes
  the drawings (``live_draw_close``) and reveals (``live_reveal``): the scores are computed
  then, once, and the anonymous result goes to the room.
- A student's room poll (ui/classroom/live.py) sees the activity's stamp change and reruns the app: above
  the page the student draws on the surface (ui/classroom/draw.js: ``data-testid="rnnlab-draw"``) and
  sends (``live_draw_send``); a new drawing replaces theirs until the teacher closes. While the
  activity is open or closed-not-revealed, the page below is hidden (it may show the future).
- The reveal: every drawing faintly, the class's median and 10-90 % fan, the truth and the
  models (rnnlab/plots/draw.py, with alt text and a data view), the ranking and the anchoring
  readout; each student sees their own MASE and place, computed on their own screen from their
  own drawing: nobody else's is ever named.
"""

from __future__ import annotations

import html
import math
import random
import time
from pathlib import Path

import numpy as np
import streamlit as st

from rnnlab.activities import draw as dr
from rnnlab.activities.draw import DrawError, Draws
from rnnlab.classroom.rooms import RoomError
from rnnlab.declarations.messages import Message, MessageError
from rnnlab.plots.draw import reveal_figure
from rnnlab.store import StoreError
from ui.classroom import room
from ui.elements.charts import chart, memo
from ui.i18n import lang, num, say, tr
from ui.persistence import persist
from ui.session import state

_HERE = Path(__file__).resolve().parent
TEACHER_POLL = 2.0  # seconds between two looks at the count while drawings come in
STUDENT_POLL = 1.0  # seconds between two looks of a student's card at the activity, until revealed
REVEAL_SPREAD = (3.0, 8.0)  # seconds after the reveal in which each student's app reruns once
SURFACE_VIEW = 12  # the surface shows at least this many values before the cut (2 H if more)
CHART_HEIGHT = 440
REFUSED = "_live_draw_refused"  # why the student's last send was refused (a Message), shown once
SENT = "_live_draw_sent"  # (activity id, clipped Message or None) after a send went through
DRAWN = "_live_draw_drawn"  # the teacher's activity as the last full run drew it: (id, phase)

_surface = st.components.v2.component(
    "rnnlab_draw",
    html='<div class="rd-host"></div>',
    css=(_HERE / "draw.css").read_text(encoding="utf-8"),
    js=(_HERE / "draw.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def _draws():
    rooms = room.rooms()
    return None if rooms is None else Draws(rooms)


# ----- opening -----

def _network_run(values: np.ndarray, cut: int):
    """The teacher's newest finished Train run on exactly these values whose window fits before
    the cut, and why there is none ("missing" / "short")."""
    why = "missing"
    for run in reversed(state.runs()):
        if getattr(run, "status", "") != "completed" or run.values is None or not run.weights:
            continue
        if len(run.values) != len(values) or not np.array_equal(np.asarray(run.values), values):
            continue
        if run.config.lookback > cut:
            why = f"short:{run.config.lookback}"
            continue
        return run, ""
    return None, why


def open_draw(info: dict | None = None, horizon: int = dr.DEFAULT_HORIZON) -> bool:
    """Open "draw the next ``horizon`` points" on the series the teacher shows now, in the room
    ``info`` (the teacher's room record, ui.classroom.room.info(); default this session's). A lesson scene
    with ``activity: {"kind": "draw", "horizon": H}`` calls this. False (with a notice in the
    sidebar) when it cannot be opened."""
    from rnnlab.data.windows import split_points
    from rnnlab.studies.study import suggested_season

    info = room.info() if info is None else info
    draws = _draws()
    if info is None or info.get("role") != "teacher" or draws is None:
        return False
    values = np.asarray(state.working_values(), dtype=np.float64)
    split = state.get_split()
    test_start = split_points(len(values), split.val_fraction, split.test_fraction)[1]
    season = suggested_season(state.get_source(), state.working_range()[2], len(values))
    try:
        spec, truth = dr.make(values, horizon, season=season, name=str(state.get_series().name),
                              test_start=test_start)
    except MessageError as exc:
        room.notice(exc.message)
        return False
    run, why = _network_run(values, spec.cut)
    # The models' forecasts do not depend on the drawings: made now, so that the reveal (which
    # every student waits for) only pools the drawings. ETS's fit takes a second or two.
    forecasts, ets_model = dr.model_forecasts(values[:spec.cut], spec.horizon, spec.season)
    import scoringrules  # noqa: F401 - its first import (scipy.special) takes a second or two: not at the reveal
    network, name, why = _network_forecast(run, spec, why)
    try:
        if info.get("q"):  # one activity at a time: an open question goes
            room.rooms().close_question(info["code"], info["token"])
            info.pop("q", None)
        draws.open(info["code"], info["token"], spec)
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return False
    info["draw"] = {"id": spec.id, "phase": "open", "truth": truth.tolist(),
                    "forecasts": {k: v.tolist() for k, v in forecasts.items()}, "ets_model": ets_model,
                    "network": None if network is None else network.tolist(), "network_name": name,
                    "why": why}
    return True


def _open_clicked() -> None:
    h = st.session_state.get("live_draw_h") or dr.DEFAULT_HORIZON
    open_draw(None, int(h))


def draw_controls(info: dict) -> None:
    """In the teacher's room panel: H and "Open the drawing"."""
    st.markdown(f"**{tr('draw.open_title')}**")
    h, go = st.columns([1, 1.3], vertical_alignment="bottom")
    h.number_input(tr("draw.horizon"), dr.MIN_HORIZON, dr.MAX_HORIZON, value=dr.DEFAULT_HORIZON, step=1,
                   key="live_draw_h", help=tr("draw.horizon_help"))
    go.button(tr("draw.open"), key="live_draw_open", on_click=_open_clicked, icon=":material/draw:",
              width="stretch")


# ----- the student's poll (ui/classroom/live.py) -----

def poll(rooms, info: dict) -> bool:
    """One look at the room's drawing activity from the student's poll (ui/classroom/live.py): True when
    the app must rerun: an activity appeared or went (the card mounts or leaves). Closing and the
    reveal reach the card through its own poll (a fragment rerun: the reveal is on screen within
    a poll, not after forty full page reruns); the app reruns a little later, spread over
    REVEAL_SPREAD seconds, to stop that poll and give the page back for good."""
    stamp = Draws(rooms).stamp(info["code"])
    before = info.get("draw_stamp")
    if (stamp or {}).get("id") != (before or {}).get("id"):
        info["draw_stamp"] = stamp
        info.pop("draw_rerun_at", None)
        return True
    if stamp is not None and stamp != before:
        if stamp["phase"] != "revealed":
            info["draw_stamp"] = stamp  # the card's own poll shows it
            return False
        at = info.setdefault("draw_rerun_at", time.time() + random.uniform(*REVEAL_SPREAD))
        if time.time() >= at:
            info["draw_stamp"] = stamp
            info.pop("draw_rerun_at", None)
            return True
    return False


# ----- the surface -----

def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    span = hi - lo
    raw = span / max(1, n - 1)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [first + k * step for k in range(int((hi - first) // step) + 1)]


def first_shown(spec: dr.DrawSpec) -> int:
    """The first position the drawing surface shows: 2 H values before the cut, at least
    SURFACE_VIEW (so that the part to draw is a third of the width or more on a phone)."""
    return spec.cut - min(len(spec.shown), max(2 * spec.horizon, SURFACE_VIEW))


def surface_data(spec: dr.DrawSpec, points=None, locked: bool = False) -> dict:
    """What the drawing surface gets: the last values before the cut, the axes' ticks written
    the reader's way, its words, and the student's drawing so far."""
    view = spec.cut - first_shown(spec)
    lo, hi = spec.surface()
    language = lang()
    decimals = max(0, min(6, 2 - int(math.floor(math.log10(max(hi - lo, 1e-12))))))
    view_start = spec.cut - view
    step = max(1, round((view + spec.horizon) / 5))
    xticks = [p for p in range(view_start, spec.cut + spec.horizon) if (p - view_start) % step == 0]
    return {
        "id": spec.id, "h": spec.horizon, "cut": spec.cut, "view_start": view_start,
        "shown": list(spec.shown[-view:]), "surface": [lo, hi],
        "yticks": [[v, num(v, sig=3)] for v in _ticks(lo, hi)],
        "xticks": [[p, num(p, group=False)] for p in xticks],
        "points": [float(v) for v in points] if points is not None else None, "locked": bool(locked),
        "digits": decimals, "decimal": "," if language == "es" else ".",
        "text": {"label": tr("draw.surface_label", name=spec.name or "—", cut=spec.cut, h=spec.horizon),
                 "point": tr("draw.point_label", k="{k}", h="{h}"), "unset": tr("draw.point_unset"),
                 "clear": tr("draw.clear"), "drawn": tr("draw.drawn_count", n="{n}", h="{h}")},
    }


def _noop() -> None:
    """The surface's state is read when the student sends (its change needs no work of its own)."""


def _surface_key(aid: str) -> str:
    return f"live_draw_surface_{aid}"


def _drawn_points(aid: str):
    value = st.session_state.get(_surface_key(aid)) or {}
    points = value.get("points") if hasattr(value, "get") else None
    if not hasattr(points, "get") or points.get("id") != aid:
        return None
    return points.get("values")


# ----- the student -----

def _send(aid: str) -> None:
    info, draws = room.info(), _draws()
    if info is None or draws is None:
        return
    st.session_state.pop(SENT, None)
    values = _drawn_points(aid)
    if values is None or not any(v is not None for v in values):
        st.session_state[REFUSED] = Message("draw.none_yet")
        return
    try:
        drawing = draws.submit(info["code"], info["sid"], aid, list(values))
    except (RoomError, DrawError) as exc:
        st.session_state[REFUSED] = exc.message
        return
    except StoreError as exc:
        persist.store_failed(exc)
        st.session_state[REFUSED] = Message("live.error.down", {"code": info["code"]})
        return
    spec = _cached_spec(info, draws, aid)
    st.session_state.pop(REFUSED, None)
    info["my_drawing"] = {"id": aid, "values": drawing.values.tolist()}
    st.session_state[SENT] = (aid, drawing.message(spec) if spec is not None else None)


def _guarded(view, info: dict | None) -> None:
    draws = _draws()
    if info is None or draws is None or info.get("ended"):
        return
    try:
        view(info, draws)
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])


def _student_watch() -> None:
    """The student's look at the activity every STUDENT_POLL seconds until the reveal: a store
    read and, most of the time, nothing else (forty of them a second stay cheap). It draws the
    CSS that hides the page while the activity is not revealed, says when the teacher closed,
    and shows the reveal as soon as it is in the room (no page rerun needed)."""
    _guarded(_watch_view, room.info())


def _student_card() -> None:
    """The drawing surface and Send (a fragment: sending reruns only this)."""
    _guarded(_card_view, room.info())


def _cached_spec(info: dict, draws: Draws, aid: str) -> dr.DrawSpec | None:
    """The activity's spec, read from the room once per activity."""
    kept = info.get("draw_spec")
    spec = dr.DrawSpec.from_dict(kept) if isinstance(kept, dict) and kept.get("id") == aid else None
    if spec is None:
        spec = draws.spec(info["code"])
        if spec is not None:
            info["draw_spec"] = spec.to_dict()
    return spec if spec is not None and spec.id == aid else None


def _mine(info: dict, spec: dr.DrawSpec):
    mine = info.get("my_drawing")
    return mine["values"] if isinstance(mine, dict) and mine.get("id") == spec.id else None


def _watch_view(info: dict, draws: Draws) -> None:
    code = info["code"]
    stamp = draws.stamp(code)
    if stamp is None or stamp["id"] != (info.get("draw_stamp") or {}).get("id"):
        return
    if stamp["phase"] != "revealed":
        st.html(HIDE_CSS)  # the page below may show the future: hidden until the reveal
        if stamp["phase"] == "closed":  # no more sending: the card below says so and locks
            st.html(CLOSED_CSS)
            st.info(tr("draw.wait_reveal"), icon=":material/lock:")
        return
    spec = _cached_spec(info, draws, stamp["id"])
    result = draws.result(code, spec) if spec is not None else None
    if result is None:
        return
    st.html(REVEALED_CSS)  # the drawing card (until the app reruns) gives way to the reveal
    with st.container(border=True, key="live_draw_result"):
        st.markdown(f"**{tr('draw.title', h=spec.horizon)}**")
        _reveal_view(spec, result, _mine(info, spec), student=True)


def _card_view(info: dict, draws: Draws) -> None:
    stamp = info.get("draw_stamp") or {}
    spec = _cached_spec(info, draws, stamp.get("id"))
    if spec is None:
        return
    mine = _mine(info, spec)
    with st.container(border=True, key="live_draw"):
        st.markdown(f"**{tr('draw.title', h=spec.horizon)}**")
        refused = st.session_state.pop(REFUSED, None)
        if isinstance(refused, Message):
            st.warning(say(refused, markdown=True), icon=":material/block:")
        locked = stamp.get("phase") != "open"
        st.caption(tr("draw.wait_reveal") if locked else tr("draw.how"))
        points = _drawn_points(spec.id) or mine
        data = surface_data(spec, None, locked)
        if points:
            data["points"] = [float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None
                              for v in points]
        _surface(key=_surface_key(spec.id), data=data, on_points_change=_noop)
        if not locked:
            st.button(tr("draw.send"), key="live_draw_send", type="primary", on_click=_send,
                      args=(spec.id,), icon=":material/send:", width="stretch")
        sent = st.session_state.get(SENT)
        if mine is not None and isinstance(sent, tuple) and sent[0] == spec.id:
            st.html(f'<p data-testid="rnnlab-draw-sent" style="margin:0">{html.escape(tr("draw.sent"))}</p>')
            if isinstance(sent[1], Message):
                st.info(say(sent[1], markdown=True), icon=":material/straighten:")
        st.caption(tr("draw.page_hidden"))


# ----- the teacher -----

def _close() -> None:
    info, draws = room.info(), _draws()
    mine = (info or {}).get("draw")
    if not mine or draws is None:
        return
    try:
        draws.close(info["code"], info["token"], mine["id"])
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    mine["phase"] = "closed"


def _network_forecast(run, spec: dr.DrawSpec, why: str):
    """(the network's H-step forecast from the cut, its run's name, why it is missing)."""
    if run is None:
        return None, "", why or "missing"
    from rnnlab.runtime import worker

    try:
        forecast = np.asarray(worker.forecast(run, spec.horizon, start=spec.cut), dtype=np.float64)
    except Exception:  # noqa: BLE001 - a lost worker or a broken run: the row is missing, said so
        return None, "", "missing"
    if forecast.shape != (spec.horizon,) or not np.all(np.isfinite(forecast)):
        return None, "", "missing"  # its feedback blew up
    return forecast, run.name or "", ""


def _reveal() -> None:
    info, draws = room.info(), _draws()
    mine = (info or {}).get("draw")
    if not mine or draws is None:
        return
    try:
        spec = draws.spec(info["code"])
        if spec is None or spec.id != mine["id"]:
            raise RoomError("no_question", info["code"])
        if mine.get("phase") == "open":
            draws.close(info["code"], info["token"], spec.id)  # nothing comes in while scoring
        drawings = draws.drawings(info["code"], spec)
        network = None if mine.get("network") is None else np.asarray(mine["network"])
        result = dr.score(spec, mine["truth"], drawings, forecasts=mine["forecasts"], network=network,
                          network_name=mine.get("network_name", ""), ets_model=mine.get("ets_model", ""))
        draws.reveal(info["code"], info["token"], spec.id, result)
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    mine["phase"] = "revealed"


def _remove() -> None:
    info, draws = room.info(), _draws()
    if info is None or draws is None:
        return
    info.pop("draw", None)
    try:
        draws.remove(info["code"], info["token"])
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])


def _drawn(info: dict) -> tuple | None:
    mine = info.get("draw")
    return (mine["id"], mine.get("phase")) if mine else None


def _count(n: int) -> None:
    st.html(f'<p data-testid="rnnlab-draw-count" data-count="{int(n)}" style="margin:0;font-size:1.15rem">'
            f'{html.escape(tr("draw.count", n=n))}</p>')


def _teacher_card() -> None:
    info, draws = room.info(), _draws()
    if info is None or draws is None:
        return
    if _drawn(info) != st.session_state.get(DRAWN):
        st.rerun(scope="app")  # revealed or removed here: the page shows again
    mine = info.get("draw")
    if not mine:
        return
    try:
        spec = draws.spec(info["code"])
        n = draws.count(info["code"], mine["id"])
        result = draws.result(info["code"], spec) if spec is not None and mine.get("phase") == "revealed" else None
    except (RoomError, StoreError) as exc:
        room.failed(exc, info["code"])
        return
    if spec is None or spec.id != mine["id"]:  # gone from the room (it ended, or expired)
        info.pop("draw", None)
        st.rerun(scope="app")
    if result is None:
        st.html(HIDE_CSS)  # the projected page may show the future: hidden until the reveal
    with st.container(border=True, key="live_draw"):
        head, side = st.columns([5, 2], vertical_alignment="center")
        head.markdown(f"**{tr('draw.title', h=spec.horizon)}**")
        with side:
            _count(n)
        if result is not None:
            _reveal_view(spec, result, None, student=False, why=mine.get("why") or "")
            st.button(tr("draw.remove"), key="live_draw_remove", on_click=_remove, icon=":material/close:")
            return
        st.caption(tr("draw.teacher_note") if mine.get("phase") == "open" else tr("draw.closed_note"))
        _surface(key=f"live_draw_preview_{spec.id}", data={**surface_data(spec, None, True), "preview": True},
                 on_points_change=_noop)
        close, reveal, remove = st.columns(3, vertical_alignment="bottom")
        if mine.get("phase") == "open":
            close.button(tr("draw.close"), key="live_draw_close", on_click=_close, icon=":material/lock:",
                         width="stretch")
        if info.get("q") and not info["q"].get("revealed"):  # its card holds live_reveal now
            reveal.caption(tr("draw.question_open"))
        else:
            reveal.button(tr("draw.reveal"), key="live_reveal", type="primary", on_click=_reveal,
                          icon=":material/visibility:", width="stretch")
        remove.button(tr("draw.remove"), key="live_draw_remove", on_click=_remove, icon=":material/close:",
                      width="stretch")


# ----- the reveal -----

def model_names(result: dr.Result) -> dict[str, str]:
    names = {m: tr(f"draw.who.{m}") for m in ("class", "seasonal_naive", "ets")}
    names["network"] = tr("draw.who.network", name=result.network or "—")
    return names


def _score(value) -> str:
    return "—" if value is None or not math.isfinite(value) else num(value, sig=3)


def _reveal_view(spec: dr.DrawSpec, result: dr.Result, mine, student: bool, why: str = "") -> None:
    language = lang()
    names = model_names(result)
    if student:
        if mine is None:
            st.caption(tr("draw.no_drawing"))
        elif result.scale is None:
            st.caption(tr("draw.no_scale"))
        else:
            my = dr.mase(mine, result.truth, result.scale)
            place, n = result.place(my)
            beaten = [names[w] for w in result.beats(my)]
            text = tr("draw.your_score", mase=num(my, sig=3), place=place, n=n)
            more = tr("draw.you_beat", names=", ".join(beaten)) if beaten else ""
            st.html(f'<p data-testid="rnnlab-draw-score" data-mase="{my:.6g}" data-place="{place}" '
                    f'style="font-size:1.2rem;font-weight:700;margin:0">{html.escape(text)}</p>'
                    + (f'<p style="margin:0">{html.escape(more)}</p>' if more else ""))
    short = {**names, "ets": "ETS", "network": tr("draw.fig.network", name=result.network or "—")}
    # One figure for the whole class (the student's own drawing is in their score, not on the
    # chart): built once and shared by value, with its text and table (ui/charts.memo), so that
    # the reveal reaching forty screens at once is forty sends, not forty builds.
    fig = memo("live_draw_reveal", (spec.id, language, len(result.drawings), result.network),
               lambda: reveal_figure(spec, result, language, height=CHART_HEIGHT, model_names=short,
                                     view_start=first_shown(spec)))
    ranking = ", ".join(f"{names.get(r['who'], r['who'])} {_score(r['mase'])}" for r in result.rows)
    chart(fig, "live_draw_reveal", extra=tr("draw.fig.alt_extra", cut=spec.cut, n=len(result.drawings),
                                            first=num(result.truth[0], sig=3), last=num(result.truth[-1], sig=3),
                                            ranking=ranking))
    if not result.drawings:
        st.caption(tr("draw.no_drawings"))
    _ranking(result, names)
    if why.startswith("short:"):
        st.caption(tr("draw.network_short", lookback=int(why.split(":")[1])))
    elif "network" not in result.forecasts:
        st.caption(tr("draw.network_missing"))
    a = result.anchoring
    if a.get("n"):
        key = "draw.anchoring" if a.get("season_checked") else "draw.anchoring_no_season"
        st.html(f'<p data-testid="rnnlab-draw-anchoring" data-flat="{a["flat"]}" data-season="{a["season"]}" '
                f'style="margin:0">{html.escape(tr(key, flat=a["flat"], n=a["n"], season=a["season"]))}</p>')


def _ranking(result: dr.Result, names: dict) -> None:
    import pandas as pd

    rows = [{tr("draw.col.who"): names.get(r["who"], r["who"]), tr("draw.col.mase"): _score(r["mase"]),
             tr("draw.col.crps"): _score(r["crps"]), tr("draw.col.interval"): _score(r["interval"]),
             tr("draw.col.beaten"): f"{r['beaten']} / {len(result.mases)}"} for r in result.rows]
    st.markdown(f"**{tr('draw.ranking')}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="live_draw_ranking")
    st.caption(tr("draw.scores_note"))


# ----- above the page -----

HIDE_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-live_draw_slot) ~ * { display: none !important; }
.st-key-live_draw, .st-key-live_draw_result { background: #fff; }
</style>"""
CLOSED_CSS = """<style>
.st-key-live_draw .st-key-live_draw_send { display: none !important; }
.st-key-live_draw .rd { pointer-events: none; opacity: .75; }
</style>"""
REVEALED_CSS = """<style>.st-key-live_draw { display: none !important; }</style>"""


def draw_panel() -> None:
    """Above the page, in a room with a drawing activity: the teacher's card or the student's.
    While it is not revealed the page below is hidden (the card draws the CSS that hides it, so
    the page comes back in the same rerun that shows the reveal)."""
    info = room.info()
    if info is None:
        return
    with st.container(key="live_draw_slot"):
        if info.get("ended"):
            return
        if info.get("role") == "teacher":
            st.session_state[DRAWN] = _drawn(info)
            if info.get("draw"):
                revealed = (info["draw"].get("phase") == "revealed")
                st.fragment(_teacher_card, run_every=None if revealed else TEACHER_POLL)()
            return
        stamp = info.get("draw_stamp")
        if stamp:
            polling = stamp.get("phase") != "revealed"
            st.fragment(_student_watch, run_every=STUDENT_POLL if polling else None)()
            if polling:
                st.fragment(_student_card)()
