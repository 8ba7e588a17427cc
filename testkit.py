"""What the tests and the benchmarks share (bench/ and tests/ import this, never each other's
helpers): a Run filled without training, a free port, the Chromium to drive, the selectors that
say a page has finished its run and is laid out, and the simulated classroom (students speaking
Streamlit's websocket protocol to a real server). Not part of the rnnlab package."""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rnnlab.data import noisy_sine
from rnnlab.declarations.messages import Message
from rnnlab.training import Run, TrainConfig

# The app is connected and its script run has finished: the page shows what it means to.
READY = ("[data-testid='stApp'][data-test-connection-state='CONNECTED']"
         "[data-test-script-state='notRunning']")

# Laid out for the window: every chart drawn and its size no longer changing (Plotly redraws
# after a resize, later on a busy machine; a chart of fixed width keeps its size), nothing stale
# from a rerun, no element still waiting for its code (Streamlit loads each kind's JS the first
# time one is shown, a skeleton until then; a chart's Plotly draws after that), and every box
# that scrolls sideways marked focusable by ui/elements/a11y.py's script.
# Polled every 200 ms: true once the charts' sizes have been the same on three polls in a row.
SETTLED_JS = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(shown);
  const svgs = plots.map((p) => p.querySelector('.main-svg'));
  const sig = JSON.stringify(svgs.map((s) => s && [Math.round(s.getBoundingClientRect().width),
                                                   Math.round(s.getBoundingClientRect().height)]));
  const same = window.__rnnlabLayout === sig;
  window.__rnnlabLayout = sig;
  window.__rnnlabStable = same ? (window.__rnnlabStable || 0) + 1 : 0;
  const boxes = [...document.querySelectorAll(".katex-display, [data-testid='stMarkdownContainer']:has(> table), pre")]
    .filter((b) => shown(b) && b.scrollWidth > b.clientWidth + 1);
  const waiting = [...document.querySelectorAll("[data-testid='stSkeleton']")].some(shown)
    || [...document.querySelectorAll("[data-testid='stPlotlyChart']")].some((c) => shown(c) && !c.querySelector('.main-svg'));
  return window.__rnnlabStable >= 2 && svgs.every(Boolean) && !waiting
    && !document.querySelector('[data-stale=true]') && boxes.every((b) => b.tabIndex >= 0);
}"""


# What SETTLED_JS is still waiting for, said when a wait for it runs out.
UNSETTLED_JS = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const where = (e) => { const k = e.closest("[class*='st-key-']");
    return k ? (k.className.match(/st-key-\\S+/g) || []).join(" ") : e.parentElement.className.slice(0, 60); };
  return {stable: window.__rnnlabStable || 0,
    skeletons: [...document.querySelectorAll("[data-testid='stSkeleton']")].filter(shown).map(where),
    undrawn: [...document.querySelectorAll("[data-testid='stPlotlyChart']")].filter((c) => shown(c) && !c.querySelector('.main-svg')).map(where),
    stale: [...document.querySelectorAll('[data-stale=true]')].map(where).slice(0, 5),
    svgless: [...document.querySelectorAll('.js-plotly-plot')].filter((p) => shown(p) && !p.querySelector('.main-svg')).map(where),
    unfocusable: [...document.querySelectorAll(".katex-display, [data-testid='stMarkdownContainer']:has(> table), pre")]
      .filter((b) => shown(b) && b.scrollWidth > b.clientWidth + 1 && b.tabIndex < 0)
      .map((b) => [b.tagName, b.className.slice(0, 30), where(b), b.scrollWidth, b.clientWidth])};
}"""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(cwd, log_path, extra_args=(), env=None, timeout: float = 60.0, script: str = "app.py",
              launcher: list[str] | None = None):
    """``streamlit run app.py`` (or ``script``, e.g. serve.py) in ``cwd`` on a free loopback port,
    its output in ``log_path``; returns (process, url) once /_stcore/health answers ok. The one
    way benches and tests start it (SystemExit, naming the log, when it does not start).
    ``launcher``: a wrapper taking streamlit run's arguments (bench/profiled_server.py)."""
    port = free_port()
    cmd = [sys.executable, *(launcher or ["-m", "streamlit", "run"]), script, "--server.headless=true",
           "--server.address=127.0.0.1", f"--server.port={port}",
           "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", *extra_args]
    with open(log_path, "w") as log:  # the server writes to its own copy of the file
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the server did not start; see {log_path}")


def find_chromium() -> str | None:
    """RNNLAB_CHROMIUM, else a system Chromium/Chrome, else None (Playwright's own build)."""
    if os.environ.get("RNNLAB_CHROMIUM"):
        return os.environ["RNNLAB_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def fake_run(seed: int = 0) -> Run:
    """A Run with every kind of field filled (numbers from a generator, not a training)."""
    rng = np.random.default_rng(seed)
    splits = ("train", "val", "test")
    return Run(
        config=TrainConfig(cell="GRU", units=7, clipnorm=None),
        history={"loss": [0.5, 0.25, float("nan")], "val_loss": [0.6, 0.3, float("inf")]},
        predictions={s: rng.normal(size=5) for s in splits},
        targets={s: rng.normal(size=5) for s in splits},
        target_index={s: np.arange(5, dtype=np.int64) for s in splits},
        metrics={s: {"mse": float(rng.random()), "mae": 0.1, "rmse": 0.2} for s in splits},
        baselines={"persistence": {s: {"rmse": 0.3} for s in splits}},
        n_params=123, summary=[("gru", "(None, 7)", 210), ("dense", "(None, 1)", 8)],
        seconds=1.25, weights=[rng.normal(size=(1, 21)).astype(np.float32),
                               rng.normal(size=(7, 21)).astype(np.float32)],
        status="stopped", name="GRU run", run_id="ab12cd34", values=noisy_sine(),
        message=Message("training.stopped", {"epochs_done": 2}), split=(60, 80), epochs_done=2,
        optimizer_state=[np.array(3, dtype=np.int64)],
    )


# --- A simulated classroom (bench/bench_classroom.py, tests/test_classroom_load.py, and the
# benches that speak Streamlit's websocket protocol) ----------------------------------------------
# N students, each a client of Streamlit's websocket protocol, against one real ``streamlit run
# app.py`` process. Why not N headless Chromium pages: 40 browsers on a 2-core machine would
# measure Chromium, not the server. Each simulated student speaks the protocol the browser speaks
# (protobuf BackMsg/ForwardMsg over /_stcore/stream): it asks for page runs, sends widget values
# and button clicks, follows fragment auto-reruns (the Train page's progress), and carries its own
# ``rnnlab_sid`` cookie, so the server does everything it does for a real student, including
# saving the session. What it does not do is draw: the timings are the server's (from sending the
# request until the run's ``script_finished``), plus the network of one machine. The protocol's
# modules (websockets, Streamlit's protos) are imported when a student connects: importing
# testkit stays light for the unit tests.

ROOT = Path(__file__).resolve().parent


def _finished():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return ForwardMsg.ScriptFinishedStatus


def _done_states() -> tuple:
    finished = _finished()
    return (finished.FINISHED_SUCCESSFULLY, finished.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


# The Train page's queue message (rnnlab/i18n/train.py), in either language.
QUEUE_TEXT = re.compile(r"(?:number|número) (\d+) (?:in the queue|de la cola)")
ESTIMATE_TEXT = ("Your turn comes in about", "An estimate appears", "Tu turno llegará en unos",
                 "La estimación aparecerá")


class Server:
    """``streamlit run app.py`` on a free port, its log in a file, stopped on exit."""

    def __init__(self, log_path: Path, env: dict | None = None, launcher: list[str] | None = None,
                 script: str = "app.py"):
        self.launcher = launcher or ["-m", "streamlit", "run"]  # or a wrapper taking the same arguments
        self.script = script  # app.py, or serve.py (the same app with a server-start hook)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}

    def __enter__(self) -> Server:
        cmd = [sys.executable, *self.launcher, self.script, "--server.headless=true",
               "--server.address=127.0.0.1", f"--server.port={self.port}",
               "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                     env=self.env)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=1).read() == b"ok":
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"the server did not start: see {self.log_path}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()

    def pids(self) -> list[int]:
        """The server and its children (the training worker), Linux /proc."""
        found = [self.proc.pid]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                if ppid == self.proc.pid:
                    found.append(int(entry))
        return found

    def rss_mb(self) -> tuple[float, float]:
        """(current, peak) resident memory in MB: the server and its training worker added up
        (the peak adds each process's own peak: an upper bound of their peak together)."""
        current = peak = 0.0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/status") as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            current += int(line.split()[1]) / 1024
                        elif line.startswith("VmHWM:"):
                            peak += int(line.split()[1]) / 1024
            except OSError:  # it just ended
                continue
        return current, peak

    def cpu_seconds(self, children: bool = False) -> float:
        """CPU time (user + system) used so far by the server process, or by its children
        (the training worker)."""
        pids = self.pids()
        total = 0.0
        for pid in (pids[1:] if children else pids[:1]):
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def log_tracebacks(self) -> int:
        return self.log_path.read_text(errors="replace").count("Traceback (most recent call last)")


@dataclass
class Timings:
    page_switch: list[float] = field(default_factory=list)
    setting: list[float] = field(default_factory=list)
    step: list[float] = field(default_factory=list)
    open: list[float] = field(default_factory=list)


class Student:
    """One browser tab: a websocket session that runs pages, sets widgets and clicks."""

    def __init__(self, url: str, name: str, timings: Timings, timeout: float = 180.0):
        self.url, self.name, self.timings, self.timeout = url, name, timings, timeout
        self.sid = secrets.token_urlsafe(24)
        self.query_string = ""  # the page address' query, sent with every run as the browser does
        self.pages: dict[str, str] = {}  # url path ("data") -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, tuple[str, str]] = {}  # key -> (widget id, fragment id) of the last run
        self.values: dict[str, object] = {}  # widget id -> WidgetState fields we set
        self.errors: list[str] = []
        self.queue_positions: list[int] = []
        self.queue_estimates = 0
        self.auto_fragments: dict[str, float] = {}
        self._finished: asyncio.Queue = asyncio.Queue()
        self._fresh_widgets: dict[str, tuple[str, str]] = {}  # seen in the run under way
        self._fresh_auto: dict[str, float] = {}
        self._ws = None
        self._reader = None

    # ----- the connection -----
    async def connect(self) -> None:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        import websockets

        self._ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=120, ping_interval=None,
            additional_headers={"Origin": self.url, "Cookie": f"rnnlab_sid={self.sid}"})
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def _read(self) -> None:
        import websockets
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for raw in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
        except websockets.ConnectionClosed:
            pass

    def _handle(self, msg) -> None:
        FINISHED = _finished()
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "delta":
            self._delta(msg.delta)
        elif kind == "auto_rerun":
            self._fresh_auto[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "script_finished":
            if msg.script_finished == FINISHED.FINISHED_SUCCESSFULLY:
                self.widgets = dict(self._fresh_widgets)
                self.auto_fragments = dict(self._fresh_auto)
            elif msg.script_finished == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                self.widgets.update(self._fresh_widgets)
                self.auto_fragments.update(self._fresh_auto)
            self._finished.put_nowait(msg.script_finished)
        elif kind == "page_not_found":
            self.errors.append("page not found")

    def _delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        body = getattr(element, kind)
        from streamlit.proto.Alert_pb2 import Alert

        if kind == "exception":
            self.errors.append(f"exception: {body.type}: {body.message}")
        elif kind == "alert":
            if body.format == Alert.ERROR:
                self.errors.append(f"error box: {body.body[:200]}")
            match = QUEUE_TEXT.search(body.body)
            if match:
                self.queue_positions.append(int(match.group(1)))
                self.queue_estimates += any(text in body.body for text in ESTIMATE_TEXT)
        widget_id = getattr(body, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            self._fresh_widgets[key] = (widget_id, delta.fragment_id)

    # ----- requests -----
    async def _run(self, page_hash: str | None = None, fragment_id: str = "",
                   extra: list | None = None, auto: bool = False) -> float:
        """Ask for a run and wait for its end; returns the seconds it took."""
        while not self._finished.empty():
            self._finished.get_nowait()
        self._fresh_widgets, self._fresh_auto = {}, {}
        switching = page_hash is not None and page_hash != self.page_hash
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        shown = {widget_id for widget_id, _ in self.widgets.values()}
        for widget_id, (field_name, value) in self.values.items():
            if switching or widget_id not in shown:  # the browser sends the widgets it shows
                continue
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            _set_value(widget, field_name, value)
        for widget_id, field_name, value in extra or []:
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            _set_value(widget, field_name, value)
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        while True:
            status = await asyncio.wait_for(self._finished.get(), self.timeout)
            if status in _done_states():
                return time.perf_counter() - started

    async def open(self) -> None:
        await self.connect()
        self.timings.open.append(await self._run(page_hash=""))

    async def goto(self, url_path: str) -> None:
        target = self.pages[url_path if url_path in self.pages else ""]  # the default page: ""
        self.timings.page_switch.append(await self._run(page_hash=target))
        self.page_hash = target

    def has(self, key: str) -> bool:
        return key in self.widgets

    async def set_slider(self, key: str, value: float) -> None:
        widget_id, fragment = self.widgets[key]
        self.values[widget_id] = ("double_array_value", [float(value)])
        self.timings.setting.append(await self._run(fragment_id=fragment))

    async def set_stage_step(self, step: int, record: list | None = None) -> float:
        """Step the Hidden states stage as the browser does: the component reports the settled
        step as its state value (setStateValue("step", t), JSON), which reruns its fragment."""
        widget_id, fragment = self.widgets["hidden_stage"]
        self.values[widget_id] = ("json_value", json.dumps({"step": int(step)}))
        seconds = await self._run(fragment_id=fragment)
        if record is not None:
            record.append(seconds)
        return seconds

    async def click(self, key: str, record: list | None = None) -> float:
        widget_id, fragment = self.widgets[key]
        seconds = await self._run(fragment_id=fragment, extra=[(widget_id, "trigger_value", True)])
        if record is not None:
            record.append(seconds)
        return seconds

    async def follow_until(self, key: str, limit: float) -> bool:
        """Follow the page's auto-rerunning fragments (as the browser does) until a widget
        with ``key`` appears in a full run, for at most ``limit`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self.has(key):
                return True
            if not self.auto_fragments:
                await asyncio.sleep(0.5)
                await self._run()
                continue
            fragment, interval = next(iter(self.auto_fragments.items()))
            await asyncio.sleep(interval)
            await self._run(fragment_id=fragment, auto=True)
        return self.has(key)


def _set_value(widget, field_name: str, value) -> None:
    if field_name == "double_array_value":
        widget.double_array_value.data.extend(value)
    else:
        setattr(widget, field_name, value)


@dataclass
class Result:
    students: int
    trainers: int
    timings: Timings
    trainings_done: int
    all_trainings_seconds: float | None
    training_seconds: list[float]
    errors: list[str]
    queue_max_position: int
    queue_messages_with_estimate: int
    queue_messages: int
    peak_rss_mb: float
    start_rss_mb: float
    server_tracebacks: int
    wall_seconds: float
    server_cpu_seconds: float = 0.0  # CPU the server used during the class
    worker_cpu_seconds: float = 0.0  # CPU the training worker used (a process of its own)
    sampled_peak_rss_mb: float = 0.0  # the highest total seen every 0.5 s
    client_cpu_seconds: float = 0.0  # CPU this simulation itself used (same machine)


async def _student(url: str, index: int, trainer: bool, timings: Timings, barrier: asyncio.Event,
                   arrived: list, trainers: int, outcome: dict, rng: random.Random,
                   training_limit: float, think_range: tuple[float, float]) -> Student:
    student = Student(url, f"student{index}", timings)
    think = lambda: asyncio.sleep(rng.uniform(*think_range))  # noqa: E731
    await asyncio.sleep(rng.uniform(0, 3))  # students arrive over a few seconds
    try:
        await student.open()
        await think()
        await student.goto("data")
        if student.has("data_lookback"):
            await student.set_slider("data_lookback", rng.choice([8, 10, 12]))
        await think()
        await student.goto("hidden_states")
        if not student.has("hidden_stage"):
            student.errors.append("no Hidden states stage")
        for step in rng.sample(range(2, 30), 3):
            if student.has("hidden_stage"):
                await asyncio.sleep(rng.uniform(0.5, 2.0))  # a few arrow keys, then it settles
                await student.set_stage_step(step, timings.step)
        if student.has("hidden_units"):
            await student.set_slider("hidden_units", rng.choice([6, 8, 10]))
        await think()
        await student.goto("train")
        if trainer:
            arrived.append(student.name)
            if len(arrived) == trainers:
                outcome["t0"] = time.perf_counter()
                barrier.set()
            await barrier.wait()  # the teacher says "now press Train", all at once
            await student.click("train_start")
            done = await student.follow_until("train_dl_predictions", training_limit)
            if done:
                outcome.setdefault("done", []).append(time.perf_counter())
            else:
                student.errors.append("training not finished in time")
        else:
            # The others keep exploring while the trainings run.
            while not outcome.get("finished"):
                for path, key, values in (("concepts", "concepts_steps", [3, 5, 6]),
                                          ("data", "data_lookback", [8, 10, 12]),
                                          ("compare", None, None)):
                    await think()
                    await student.goto(path)
                    if key and student.has(key):
                        await student.set_slider(key, rng.choice(values))
                    if outcome.get("finished"):
                        break
    except Exception as exc:  # noqa: BLE001 - a client failure is a finding, reported
        student.errors.append(f"{type(exc).__name__}: {exc}")
    return student


async def _classroom(url: str, students: int, trainers: int, seed: int, training_limit: float,
                     server: Server, samples: list, think: tuple[float, float],
                     ) -> tuple[list[Student], dict, Timings]:
    rng = random.Random(seed)
    timings = Timings()
    barrier, arrived, outcome = asyncio.Event(), [], {}
    tasks = [asyncio.create_task(_student(url, i, i < trainers, timings, barrier, arrived, trainers,
                                          outcome, random.Random(rng.random()), training_limit,
                                          think))
             for i in range(students)]

    async def watch() -> None:
        while True:
            samples.append(server.rss_mb()[0])
            trainer_tasks = tasks[:trainers]
            if all(t.done() for t in trainer_tasks):
                outcome["finished"] = True
            if all(t.done() for t in tasks):
                return
            await asyncio.sleep(0.5)

    watcher = asyncio.create_task(watch())
    done = await asyncio.gather(*tasks)
    await watcher
    for student in done:
        await student.close()
    return done, outcome, timings


def _run_async(coroutine):
    """asyncio.run in a thread of its own: the caller may already run an event loop (pytest
    with Playwright's sync API does)."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="classroom")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def run_classroom(students: int = 40, trainers: int = 10, seed: int = 0,
                  training_limit: float = 300.0, log_path: Path | None = None,
                  env: dict | None = None, warm_wait: float = 0.0,
                  think: tuple[float, float] = (2.0, 8.0)) -> Result:
    """``think``: seconds a student spends between two actions (uniform in that range)."""
    log_path = log_path or Path("/tmp/rnnlab-classroom-server.log")
    with Server(log_path, env=env) as server:
        start_rss = server.rss_mb()[0]
        if warm_wait:  # give the TensorFlow warm-up its time after a first visit
            warm = Student(server.url, "teacher", Timings())

            async def first_visit() -> None:
                await warm.open()
                await asyncio.sleep(warm_wait)
                await warm.close()

            _run_async(first_visit())
        samples: list[float] = []
        started, cpu0, client0 = time.perf_counter(), server.cpu_seconds(), time.process_time()
        worker0 = server.cpu_seconds(children=True)
        done, outcome, timings = _run_async(
            _classroom(server.url, students, trainers, seed, training_limit, server, samples, think))
        wall = time.perf_counter() - started
        server_cpu, client_cpu = server.cpu_seconds() - cpu0, time.process_time() - client0
        worker1 = server.cpu_seconds(children=True)
        _, peak = server.rss_mb()
        errors = [f"{s.name}: {e}" for s in done for e in s.errors]
        finished = outcome.get("done", [])
        positions = [p for s in done for p in s.queue_positions]
        return Result(
            students=students, trainers=trainers, timings=timings, trainings_done=len(finished),
            all_trainings_seconds=(max(finished) - outcome["t0"]) if finished and "t0" in outcome else None,
            training_seconds=sorted(t - outcome["t0"] for t in finished) if "t0" in outcome else [],
            errors=errors, queue_max_position=max(positions, default=0),
            queue_messages_with_estimate=sum(s.queue_estimates for s in done),
            queue_messages=len(positions), peak_rss_mb=peak, start_rss_mb=start_rss,
            server_tracebacks=server.log_tracebacks(), wall_seconds=wall,
            server_cpu_seconds=server_cpu, client_cpu_seconds=client_cpu,
            worker_cpu_seconds=worker1 - worker0, sampled_peak_rss_mb=max(samples, default=0.0))
