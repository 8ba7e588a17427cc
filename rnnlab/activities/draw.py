"""Draw the future: every student draws the next H points of a series, then the reveal scores them.

The teacher shows a series up to a **cut** and opens "draw the next H points". Each student
draws them on their own screen (ui/classroom/live_draw.py) and sends the drawing; a new one replaces
theirs until the teacher closes. The reveal scores everyone against the truth, beside the
class's median and 10-90 % fan and the models' forecasts on the same cut.

The spec (``DrawSpec``) holds what the students see: the shown part of the series (the last
``MAX_SHOWN`` values before the cut at most), the horizon H and the season. The truth never
goes to the room before the reveal: the teacher's session keeps it.

Scores, in the textbook's way (Hyndman & Athanasopoulos, *FPP3*, ch. 5.8-5.9):

- MASE of a drawing (or a model's forecast) = mean |drawing - truth| / scale, the scale being the
  in-sample mean absolute seasonal difference of the **shown** part (lag = the season when the
  shown part holds more than one season of it, else lag 1): below 1, better than the seasonal
  naive forecast was inside what everyone saw;
- the class's fan: per step the 10 %, 50 % and 90 % quantiles of the drawings; its CRPS is the
  CRPS of the drawings read as an ensemble (the empirical distribution), its interval score the
  Winkler score of the 10-90 % band (alpha = 0.2), both averaged over the H steps, both from
  scoringrules (the well-kept library rnnlab.forecasting.scores already uses). A point forecast's CRPS is its
  mean absolute error, so models and the class share one CRPS column.
- anchoring: a drawing "carried the last value on" when its mean distance from the last shown
  value is within ANCHOR_TOLERANCE of the shown range; it "copied the last season" when its
  mean distance from the seasonal naive forecast is (season > 1 only).

Room keys (all under the room's prefix, expiring with it):

- ``room:CODE:draw``          {"id", "phase"}: the small stamp every student's poll reads;
- ``room:CODE:draw:spec``     the DrawSpec, as the students draw it;
- ``room:CODE:drawings:ID``   student id -> that student's drawing (a field: one each, a new one
                               replaces theirs, so a drawing sent twice counts once);
- ``room:CODE:draw:result``   the scored reveal, anonymous (drawings shuffled, no ids).

A student may send at most MAX_SENDS drawings per activity and SEND_RATE per window; only a
student who joined may send, only while the activity is open. What is read back is untrusted:
sizes, shapes and finiteness are checked on every read.
"""

from __future__ import annotations

import json
import math
import random
import secrets
from dataclasses import dataclass, field

import numpy as np

from rnnlab.classroom import rooms as rooms_module
from rnnlab.classroom.ratelimit import Limit
from rnnlab.classroom.rooms import RoomError
from rnnlab.declarations.messages import Message, MessageError

KIND = "draw"
MIN_HORIZON, MAX_HORIZON = 1, 48  # LESSON_FORMAT: a scene's activity horizon is 1..48
DEFAULT_HORIZON = 12
MAX_SHOWN = 240  # values before the cut a phone shows (and the MASE scale is computed on)
MIN_SHOWN = 3
FAN = (0.1, 0.9)  # the class's band: the 10 % and 90 % quantiles of the drawings per step
FAN_ALPHA = 1 - (FAN[1] - FAN[0])  # 0.2: the interval score of the 80 % band
ANCHOR_TOLERANCE = 0.05  # of the shown range: "flat" / "copied the season" within this mean distance
BAND_MARGIN = 1.0  # a drawing is clipped to the shown range widened by this many ranges each side
SURFACE_MARGIN = 0.5  # the drawing surface's y axis: the shown range widened by this many ranges
MAX_SENDS = 20  # drawings one student may send in one activity (a redo is a send)
SEND_RATE = Limit("draw", 8, 20.0)  # per student: redoing a drawing, not a flood
CAP_WINDOW = 3 * 3600.0  # the per-activity cap counts over the room's lifetime
MAX_NAME = 80
MAX_SPEC_BYTES = 20_000
MAX_RESULT_BYTES = 2_000_000
PHASES = ("open", "closed", "revealed")
MODELS = ("seasonal_naive", "ets", "network")
ID_LENGTH = 8


class DrawError(MessageError):
    """A drawing (or an activity) refused, said as one Message ``draw.error.<reason>``."""

    def __init__(self, reason: str, **values):
        super().__init__(Message(f"draw.error.{reason}", values))
        self.reason = reason


def new_id() -> str:
    return secrets.token_hex(ID_LENGTH // 2)


def _finite_list(raw, n: int | None = None, limit: float = 1e15) -> list[float] | None:
    """``raw`` as a list of finite floats (of length ``n``), else None."""
    if not isinstance(raw, (list, tuple)) or (n is not None and len(raw) != n):
        return None
    out = []
    for v in raw:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return None
        v = float(v)
        if not math.isfinite(v) or abs(v) > limit:
            return None
        out.append(v)
    return out


# ----- the spec: what the students see -----

@dataclass(frozen=True)
class DrawSpec:
    id: str
    horizon: int
    cut: int  # position (in the series) of the first hidden value
    start: int  # position of the first shown value: shown = values[start:cut]
    shown: tuple[float, ...]
    season: int = 1
    name: str = ""

    @property
    def last(self) -> float:
        return self.shown[-1]

    def _range(self) -> tuple[float, float, float]:
        lo, hi = min(self.shown), max(self.shown)
        span = hi - lo
        if span <= 1e-12:
            span = max(abs(hi) * 0.1, 1.0)
        return lo, hi, span

    def band(self) -> tuple[float, float]:
        """What a drawing may hold: the shown range widened by BAND_MARGIN ranges each side."""
        lo, hi, span = self._range()
        return lo - BAND_MARGIN * span, hi + BAND_MARGIN * span

    def surface(self) -> tuple[float, float]:
        """The drawing surface's y axis (inside the band)."""
        lo, hi, span = self._range()
        return lo - SURFACE_MARGIN * span, hi + SURFACE_MARGIN * span

    def tolerance(self) -> float:
        lo, hi, span = self._range()
        return ANCHOR_TOLERANCE * span

    def steps(self) -> list[int]:
        """The positions of the H hidden values."""
        return list(range(self.cut, self.cut + self.horizon))

    def to_dict(self) -> dict:
        return {"id": self.id, "horizon": self.horizon, "cut": self.cut, "start": self.start,
                "shown": list(self.shown), "season": self.season, "name": self.name}

    @classmethod
    def from_dict(cls, raw) -> DrawSpec | None:
        """A spec read from a room, or None when it is not one of ours."""
        if not isinstance(raw, dict):
            return None
        sid, h, cut, start, season = (raw.get(k) for k in ("id", "horizon", "cut", "start", "season"))
        if not isinstance(sid, str) or len(sid) != ID_LENGTH or not all(c in "0123456789abcdef" for c in sid):
            return None
        ints = (h, cut, start, season)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in ints):
            return None
        if not (MIN_HORIZON <= h <= MAX_HORIZON and 0 <= start < cut < 10**7 and 1 <= season <= 10**6):
            return None
        shown = _finite_list(raw.get("shown"))
        if shown is None or len(shown) != cut - start or not MIN_SHOWN <= len(shown) <= MAX_SHOWN:
            return None
        name = raw.get("name", "")
        name = name[:MAX_NAME] if isinstance(name, str) else ""
        return cls(sid, h, cut, start, tuple(shown), season, name)


def default_cut(n: int, horizon: int, test_start: int | None = None) -> int:
    """Where the drawing starts: the test part's start (what the models never trained on), moved
    back when fewer than H values follow it; else the last H values are hidden."""
    cut = int(test_start) if test_start is not None else n - horizon
    return max(MIN_SHOWN, min(cut, n - horizon))


def make(values, horizon, cut: int | None = None, season: int = 1, name: str = "",
         test_start: int | None = None) -> tuple[DrawSpec, np.ndarray]:
    """(the spec, the truth) of drawing the ``horizon`` values of ``values`` after ``cut``.

    Raises DrawError when it cannot be drawn: a horizon outside 1..48, too short a series, a
    cut with fewer than H values after it or fewer than 3 before it.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not (
            MIN_HORIZON <= horizon <= MAX_HORIZON):
        raise DrawError("horizon", low=MIN_HORIZON, high=MAX_HORIZON)
    horizon = int(horizon)
    n = len(values)
    if n < MIN_SHOWN + horizon:
        raise DrawError("too_short", n=n, horizon=horizon, needed=MIN_SHOWN + horizon)
    if not np.all(np.isfinite(values)):
        raise DrawError("not_finite_series")
    cut = default_cut(n, horizon, test_start) if cut is None else int(cut)
    if not MIN_SHOWN <= cut <= n - horizon:
        raise DrawError("cut", cut=cut, low=MIN_SHOWN, high=n - horizon)
    start = max(0, cut - MAX_SHOWN)
    season = max(1, int(season))
    spec = DrawSpec(new_id(), horizon, cut, start, tuple(float(v) for v in values[start:cut]),
                    season, str(name or "")[:MAX_NAME])
    return spec, values[cut:cut + horizon].copy()


# ----- a drawing -----

@dataclass(frozen=True)
class Drawing:
    values: np.ndarray  # H finite values, inside the spec's band
    clipped: int  # how many values were pulled back into the band

    def message(self, spec: DrawSpec) -> Message | None:
        """What to tell the student about their drawing as stored (clipped values), or None."""
        if not self.clipped:
            return None
        low, high = spec.band()
        return Message("draw.clipped", {"n": self.clipped, "low": low, "high": high})


def validate(spec: DrawSpec, raw) -> Drawing:
    """A submitted drawing: exactly H numbers, all finite; values outside the spec's band are
    clipped to it (and counted). Raises DrawError for anything else."""
    if not isinstance(raw, (list, tuple, np.ndarray)):
        raise DrawError("not_numbers", horizon=spec.horizon)
    items = list(raw)
    if len(items) != spec.horizon:
        raise DrawError("length", n=len(items), horizon=spec.horizon)
    if any(v is None for v in items):
        raise DrawError("missing", n=sum(v is None for v in items), horizon=spec.horizon)
    out = []
    for v in items:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise DrawError("not_numbers", horizon=spec.horizon)
        v = float(v)
        if not math.isfinite(v):
            raise DrawError("not_finite")
        out.append(v)
    values = np.asarray(out, dtype=np.float64)
    low, high = spec.band()
    clipped = int(np.sum((values < low) | (values > high)))
    return Drawing(np.clip(values, low, high), clipped)


# ----- scores -----

def scale(shown, season: int = 1) -> tuple[float, int]:
    """(MASE's scale, the lag used): mean |y_t - y_(t-m)| over the shown part, m = the season
    when the shown part holds more than one season (else 1). NaN when that is 0 (a flat series:
    no error can be scaled)."""
    shown = np.asarray(shown, dtype=np.float64)
    m = int(season) if season > 1 and len(shown) > int(season) else 1
    if len(shown) <= m:
        return float("nan"), m
    value = float(np.mean(np.abs(shown[m:] - shown[:-m])))
    return (value if value > 0 else float("nan")), m


def mase(forecast, truth, scale_value: float) -> float:
    """Mean absolute error of ``forecast`` against ``truth``, divided by ``scale_value``."""
    forecast, truth = np.asarray(forecast, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    if forecast.shape != truth.shape or not np.all(np.isfinite(forecast)):
        return float("nan")
    return float(np.mean(np.abs(forecast - truth)) / scale_value)


def fan(drawings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(10 %, 50 %, 90 %) quantiles of the drawings at each step (linear interpolation)."""
    d = np.asarray(drawings, dtype=np.float64)
    q = np.quantile(d, [FAN[0], 0.5, FAN[1]], axis=0)
    return q[0], q[1], q[2]


def crps(truth, drawings) -> float:
    """CRPS of the drawings read as an ensemble (their empirical distribution), averaged over the
    steps (scoringrules' "qd" estimator: the CRPS of the empirical distribution itself)."""
    import scoringrules as sr

    truth = np.asarray(truth, dtype=np.float64)
    ens = np.asarray(drawings, dtype=np.float64).T  # (steps, members)
    return float(np.mean(sr.crps_ensemble(truth, ens, estimator="qd", backend="numpy")))


def interval_score(truth, lower, upper, alpha: float = FAN_ALPHA) -> float:
    """The interval (Winkler) score of the band [lower, upper] at level 1 - alpha, averaged over
    the steps: its width, plus 2/alpha times how far the truth fell outside it."""
    import scoringrules as sr

    return float(np.mean(sr.interval_score(np.asarray(truth, dtype=np.float64),
                                           np.asarray(lower, dtype=np.float64),
                                           np.asarray(upper, dtype=np.float64), alpha,
                                           backend="numpy")))


def anchoring(spec: DrawSpec, drawings) -> dict:
    """How many drawings carried the last value on (flat) or copied the last season."""
    tol = spec.tolerance()
    shown = np.asarray(spec.shown)
    flat = season = 0
    m = spec.season
    copy = shown[-m:][np.arange(spec.horizon) % m] if 1 < m <= len(shown) else None
    for d in drawings:
        d = np.asarray(d, dtype=np.float64)
        if float(np.mean(np.abs(d - spec.last))) <= tol:
            flat += 1
        elif copy is not None and float(np.mean(np.abs(d - copy))) <= tol:
            season += 1
    return {"flat": flat, "season": season, "n": len(drawings), "tolerance": tol,
            "season_checked": copy is not None}


def model_forecasts(before_cut, horizon: int, season: int = 1) -> tuple[dict[str, np.ndarray], str]:
    """({"seasonal_naive": ..., "ets": ...}, ETS's model name) fitted on everything before the cut
    (rnnlab.forecasting.backtest's benchmarks: the same code the Backtest page scores)."""
    from rnnlab.forecasting import backtest as bt

    before = np.asarray(before_cut, dtype=np.float64)
    m = int(season) if 1 < season <= len(before) else 1
    out = {"seasonal_naive": bt.seasonal_naive_forecast(before, horizon, m)}
    ets, model = bt.ets_fit(before, horizon, m)
    out["ets"] = np.asarray(ets, dtype=np.float64)
    return out, model


@dataclass
class Result:
    """The scored reveal, as the room holds it (anonymous) and everyone's screen draws it."""

    id: str
    truth: list[float]
    drawings: list[list[float]]  # shuffled: no order to link a line to a student
    q10: list[float]
    median: list[float]
    q90: list[float]
    scale: float | None
    lag: int
    forecasts: dict[str, list[float]]  # model -> H values (the network may be missing)
    rows: list[dict]  # the ranking, best first: {"who", "mase", "crps", "interval", "beaten"}
    mases: list[float]  # every drawing's MASE, ascending (each student finds their place)
    anchoring: dict
    network: str = ""  # the network run's name, or "" when there is none
    ets_model: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "truth": self.truth, "drawings": self.drawings, "q10": self.q10,
                "median": self.median, "q90": self.q90, "scale": self.scale, "lag": self.lag,
                "forecasts": self.forecasts, "rows": self.rows, "mases": self.mases,
                "anchoring": self.anchoring, "network": self.network, "ets_model": self.ets_model}

    @classmethod
    def from_dict(cls, raw, spec: DrawSpec) -> Result | None:
        """A result read from a room for ``spec``, or None when it does not fit it."""
        if not isinstance(raw, dict) or raw.get("id") != spec.id:
            return None
        h = spec.horizon
        lists = {k: _finite_list(raw.get(k), h) for k in ("truth", "q10", "median", "q90")}
        if any(v is None for v in lists.values()):
            return None
        drawings = raw.get("drawings")
        if not isinstance(drawings, list) or len(drawings) > 1000:
            return None
        drawings = [_finite_list(d, h) for d in drawings]
        mases = raw.get("mases")
        mases = [float(v) for v in mases if isinstance(v, (int, float)) and not isinstance(v, bool)] \
            if isinstance(mases, list) and len(mases) <= 1000 else None
        if any(d is None for d in drawings) or mases is None:
            return None
        forecasts = {}
        for name, values in (raw.get("forecasts") or {}).items() if isinstance(raw.get("forecasts"), dict) else ():
            ok = _finite_list(values, h)
            if name in MODELS and ok is not None:
                forecasts[name] = ok
        rows = []
        for row in raw.get("rows") or [] if isinstance(raw.get("rows"), list) else []:
            if isinstance(row, dict) and row.get("who") in ("class", *MODELS):
                rows.append({"who": row["who"], **{k: _num(row.get(k)) for k in ("mase", "crps", "interval")},
                             "beaten": int(row.get("beaten") or 0) if isinstance(row.get("beaten"), int) else 0})
        anchor = raw.get("anchoring") if isinstance(raw.get("anchoring"), dict) else {}
        anchor = {"flat": _count(anchor.get("flat")), "season": _count(anchor.get("season")),
                  "n": _count(anchor.get("n")), "tolerance": _num(anchor.get("tolerance")),
                  "season_checked": bool(anchor.get("season_checked"))}
        lag = raw.get("lag") if isinstance(raw.get("lag"), int) and not isinstance(raw.get("lag"), bool) else 1
        name = raw.get("network") if isinstance(raw.get("network"), str) else ""
        ets = raw.get("ets_model") if isinstance(raw.get("ets_model"), str) else ""
        return cls(spec.id, lists["truth"], drawings, lists["q10"], lists["median"], lists["q90"],
                   _num(raw.get("scale")), lag, forecasts, rows, mases, anchor, name[:MAX_NAME], ets[:40])

    def place(self, my_mase: float) -> tuple[int, int]:
        """(place, out of): 1 + how many drawings scored strictly better (ties share a place)."""
        if not math.isfinite(my_mase):
            return len(self.mases), len(self.mases)
        return 1 + sum(1 for v in self.mases if v < my_mase - 1e-12), len(self.mases)

    def beats(self, my_mase: float) -> list[str]:
        """The rows (class median, models) this MASE is strictly better than."""
        return [r["who"] for r in self.rows if r["mase"] is not None and my_mase < r["mase"]]


def _num(v) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def _count(v) -> int:
    return int(v) if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10**6 else 0


def score(spec: DrawSpec, truth, drawings, before_cut=None, network: np.ndarray | None = None,
          network_name: str = "", forecasts: dict | None = None, ets_model: str = "",
          rng: random.Random | None = None) -> Result:
    """Score the class's ``drawings`` (each H values) against ``truth``.

    ``before_cut``: the series before the cut, for the models (seasonal naive and ETS are fitted
    on it unless ``forecasts`` gives them); ``network``: the network's H-step forecast on the same
    cut, or None when there is none (its row is then missing). With no drawings, the models are
    still scored and the class's rows are left out.
    """
    h = spec.horizon
    truth = np.asarray(truth, dtype=np.float64)
    if truth.shape != (h,) or not np.all(np.isfinite(truth)):
        raise ValueError("the truth must be H finite values")
    drawings = [np.asarray(d, dtype=np.float64) for d in drawings]
    drawings = [d for d in drawings if d.shape == (h,) and np.all(np.isfinite(d))]
    if forecasts is None:
        if before_cut is None:
            raise ValueError("the models need the series before the cut")
        forecasts, ets_model = model_forecasts(before_cut, h, spec.season)
    forecasts = {k: np.asarray(v, dtype=np.float64) for k, v in forecasts.items() if k in MODELS}
    if network is not None:
        net = np.asarray(network, dtype=np.float64)
        if net.shape == (h,) and np.all(np.isfinite(net)):
            forecasts["network"] = net
        else:
            network_name = ""
    s, lag = scale(spec.shown, spec.season)
    mases = sorted(mase(d, truth, s) for d in drawings)
    finite = [v for v in mases if math.isfinite(v)]
    rows = []
    if drawings:
        q10, med, q90 = fan(drawings)
        rows.append({"who": "class", "mase": mase(med, truth, s), "crps": crps(truth, drawings),
                     "interval": interval_score(truth, q10, q90)})
    else:
        q10 = med = q90 = np.full(h, np.nan)
    for name in MODELS:
        if name in forecasts:
            f = forecasts[name]
            rows.append({"who": name, "mase": mase(f, truth, s),
                         "crps": float(np.mean(np.abs(f - truth))), "interval": None})
    for row in rows:
        row["mase"] = row["mase"] if math.isfinite(row["mase"]) else None
        row["beaten"] = sum(1 for v in finite if row["mase"] is not None and v < row["mase"])
    rows.sort(key=lambda r: (r["mase"] is None, r["mase"] if r["mase"] is not None else 0.0,
                             r["crps"] if r["crps"] is not None else 0.0))
    shuffled = [d.tolist() for d in drawings]
    (rng or random.SystemRandom()).shuffle(shuffled)
    # without drawings there is no fan: the truth stands in (never drawn, the class row is absent)
    bands = [np.asarray(a).tolist() if drawings else truth.tolist() for a in (q10, med, q90)]
    return Result(spec.id, truth.tolist(), shuffled, bands[0], bands[1], bands[2],
                  scale=s if math.isfinite(s) else None, lag=lag,
                  forecasts={k: v.tolist() for k, v in forecasts.items()}, rows=rows,
                  mases=finite,
                  anchoring=anchoring(spec, drawings), network=network_name if "network" in forecasts else "",
                  ets_model=ets_model)


# ----- the activity in a room -----

def _dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


def _loads(data: bytes | None, cap: int):
    if data is None or len(data) > cap:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


class Draws:
    """The drawing activity of the rooms in ``rooms`` (an rnnlab.classroom.rooms.Rooms): one at a time per
    room. The teacher's operations need the room's token; a student's, that they joined."""

    def __init__(self, rooms):
        self.rooms = rooms
        self.store = rooms.store

    def _key(self, code: str, part: str) -> str:
        return self.rooms._key(code, part)

    # ----- the teacher -----
    def open(self, code: str, token: str, spec: DrawSpec) -> None:
        """Open ``spec`` to the class; the previous drawing activity (and its drawings) goes."""
        meta = self.rooms._owned(code, token)
        checked = DrawSpec.from_dict(spec.to_dict())
        if checked is None:
            raise ValueError("not a drawing activity")
        body = _dumps(checked.to_dict())
        if len(body) > MAX_SPEC_BYTES:
            raise ValueError(f"a drawing activity is capped at {MAX_SPEC_BYTES} bytes")
        self.drop(code)
        ttl = self.rooms._ttl(meta)
        self.store.put(self._key(code, "draw:spec"), body, ttl=ttl)
        self.store.put(self._key(code, "draw"), _dumps({"id": spec.id, "phase": "open"}), ttl=ttl)

    def _phase(self, code: str, token: str, aid: str, phase: str) -> None:
        meta = self.rooms._owned(code, token)
        stamp = self.stamp(code)
        if stamp is None or stamp["id"] != aid:
            raise RoomError("no_question", code)
        self.store.put(self._key(code, "draw"), _dumps({"id": aid, "phase": phase}), ttl=self.rooms._ttl(meta))

    def close(self, code: str, token: str, aid: str) -> None:
        """No more drawings (the class looks at the count; the reveal comes next)."""
        self._phase(code, token, aid, "closed")

    def reveal(self, code: str, token: str, aid: str, result: Result) -> None:
        """Close the activity and show ``result`` on every screen."""
        meta = self.rooms._owned(code, token)
        spec = self.spec(code)
        if spec is None or spec.id != aid or result.id != aid:
            raise RoomError("no_question", code)
        body = _dumps(result.to_dict())
        if len(body) > MAX_RESULT_BYTES:
            raise ValueError(f"a drawing's reveal is capped at {MAX_RESULT_BYTES} bytes")
        self.store.put(self._key(code, "draw:result"), body, ttl=self.rooms._ttl(meta))
        self._phase(code, token, aid, "revealed")

    def remove(self, code: str, token: str) -> None:
        """Take the activity off everyone's screen (its drawings are deleted)."""
        self.rooms._owned(code, token)
        self.drop(code)

    def drop(self, code: str) -> None:
        """Delete the activity's keys (the room's end calls it too)."""
        stamp = self.stamp(code)
        if stamp is not None:
            self.store.delete(self._key(code, f"drawings:{stamp['id']}"))
        for part in ("draw", "draw:spec", "draw:result"):
            self.store.delete(self._key(code, part))

    # ----- anyone in the room -----
    def stamp(self, code: str) -> dict | None:
        """{"id", "phase"} of the room's drawing activity, or None (the poll reads only this)."""
        raw = _loads(self.store.get(self._key(code, "draw")), 200)
        if not isinstance(raw, dict) or raw.get("phase") not in PHASES:
            return None
        aid = raw.get("id")
        if not isinstance(aid, str) or len(aid) != ID_LENGTH:
            return None
        return {"id": aid, "phase": raw["phase"]}

    def spec(self, code: str) -> DrawSpec | None:
        return DrawSpec.from_dict(_loads(self.store.get(self._key(code, "draw:spec")), MAX_SPEC_BYTES))

    def result(self, code: str, spec: DrawSpec) -> Result | None:
        stamp = self.stamp(code)
        if stamp is None or stamp["id"] != spec.id or stamp["phase"] != "revealed":
            return None
        return Result.from_dict(_loads(self.store.get(self._key(code, "draw:result")), MAX_RESULT_BYTES), spec)

    def count(self, code: str, aid: str) -> int:
        """How many students have sent a drawing (a resent one counts once)."""
        stamp = self.stamp(code)
        if stamp is None or stamp["id"] != aid:
            return 0
        return self.store.count_fields(self._key(code, f"drawings:{aid}"))

    def drawings(self, code: str, spec: DrawSpec) -> list[np.ndarray]:
        """Every drawing of ``spec``, anonymous (no student ids), each checked again."""
        out = []
        for raw in self.store.fields(self._key(code, f"drawings:{spec.id}")).values():
            values = _finite_list(_loads(raw, 4096), spec.horizon)
            if values is None:
                continue
            try:
                out.append(validate(spec, values).values)
            except DrawError:
                continue
        return out

    # ----- a student -----
    def submit(self, code: str, student: str, aid: str, raw) -> Drawing:
        """``student``'s drawing for activity ``aid`` (a new one replaces theirs); returns it as
        stored (clipped into the band: ``Drawing.clipped`` says how many values were).

        DrawError "gone" when that activity is not the room's now, "closed" once the teacher
        closed it, "too_many" past MAX_SENDS, or a drawing that is not H finite numbers;
        RoomError "not_joined", "slow_down" (SEND_RATE), or when the room is not open.
        """
        meta = self.rooms._open(code)
        self.rooms._check_student(student)
        stamp = self.stamp(code)
        if stamp is None or stamp["id"] != aid:
            raise DrawError("gone")
        if stamp["phase"] != "open":
            raise DrawError("closed")
        spec = self.spec(code)
        if spec is None or spec.id != aid:
            raise DrawError("gone")
        drawing = validate(spec, raw)
        if not self.rooms.joined(code, student):
            raise RoomError("not_joined", code)
        cap = Limit("draw_cap", MAX_SENDS, CAP_WINDOW)
        wait = self.rooms.limiter.wait(cap, f"{student}-{aid}")
        if wait:
            raise DrawError("too_many", n=MAX_SENDS)
        self.rooms._limited({"student": SEND_RATE}, [("student", student)], code)
        self.rooms.limiter.hit(cap, f"{student}-{aid}")
        self.store.set_field(self._key(code, f"drawings:{aid}"), student,
                             _dumps([float(v) for v in drawing.values]), ttl=self.rooms._ttl(meta))
        return drawing

    def mine(self, code: str, student: str, spec: DrawSpec) -> np.ndarray | None:
        """This student's own stored drawing, if any."""
        raw = self.store.fields(self._key(code, f"drawings:{spec.id}")).get(student)
        values = _finite_list(_loads(raw, 4096), spec.horizon)
        return None if values is None else np.asarray(values)


def _drop_with_room(rooms, code: str) -> None:
    Draws(rooms).drop(code)


rooms_module.ON_END.append(_drop_with_room)  # a room's end deletes its drawing activity too
