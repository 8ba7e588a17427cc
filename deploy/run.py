"""rnnlab on several processes of one machine: Redis, N Streamlit replicas, HAProxy in front.

    python deploy/run.py                          # http://127.0.0.1:8500; replicas 8501, 8502; Redis 6390
    python deploy/run.py --port 8080 --replicas 3 --app-port 9001 --redis-port 6391
    python deploy/run.py --redis-url redis://127.0.0.1:6379/0    # a Redis already running
    python deploy/run.py --port 0 --app-port 0 --redis-port 0 --stats-port 0   # 0: any free port
    python deploy/run.py -- --server.maxUploadSize=50             # after --: more Streamlit options

Everything listens on loopback (``--bind`` changes HAProxy's address only). The script waits
until Redis answers PING, every replica's /_stcore/health says ok and HAProxy sees them all UP,
then prints the address (and writes ``--ready-file`` as JSON, for tests). A replica or Redis
that exits is started again at once; one that keeps exiting (5 times within a minute) is started
again after a pause that doubles up to ``--max-backoff`` seconds, and a replica is taken out of
HAProxy's rotation (MAINT) meanwhile and put back once healthy. The others keep serving
throughout: while Redis is down the replicas say "not saved". Ctrl-C or SIGTERM stops HAProxy,
then the replicas, then Redis, each with SIGTERM (SIGKILL after a grace), and exits 0. If HAProxy
dies (the front door: nothing is reachable without it) the rest is stopped and the exit code is 1.

HAProxy's stats page listens on loopback (``--stats-bind``); anywhere else it needs
``--stats-auth USER:PASSWORD``.

Uses Debian's /usr/sbin/haproxy and redis-server (``apt-get install haproxy redis-server``) and
this Python's Streamlit. Logs, haproxy.cfg and Redis' folder are in ``--work-dir``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import io
import json
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
COOKIE = "RNNLAB_REPLICA"  # HAProxy's stickiness cookie: the replica's name (app1, app2...)
LOOPBACK = "127.0.0.1"


class Stopped(Exception):
    """SIGINT or SIGTERM arrived."""


class StartError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def render_haproxy(*, bind: str, port: int, stats_port: int, stats_socket: Path | str,
                   servers: list[tuple[str, str]], resolver: str = "", stats_bind: str = LOOPBACK,
                   stats_auth: str = "", template: Path = TEMPLATE) -> str:
    """haproxy.cfg for ``servers`` ([(name, "host:port")]), each stuck to by its cookie value = name.

    ``resolver`` ("HOST:PORT", e.g. Docker's 127.0.0.11:53): names are looked up there again
    while running, so a replica that comes back with a new address is found.
    """
    lines = "\n".join(f"    server {name} {address} cookie {name}" for name, address in servers)
    resolvers = (f"resolvers dns\n    nameserver dns1 {resolver}\n    hold valid 10s\n\n"
                 if resolver else "")
    auth = f"    stats auth {stats_auth}\n" if stats_auth else ""
    return string.Template(template.read_text()).substitute(
        bind=bind, port=port, stats_port=stats_port, stats_socket=stats_socket, cookie=COOKIE,
        stats_bind=stats_bind, stats_auth=auth,
        servers=lines, resolvers=resolvers, use_resolvers=" resolvers dns" if resolver else "")


def parse_servers(text: str) -> list[tuple[str, str]]:
    """"app1=10.0.0.2:8501,app2=10.0.0.3:8501" -> [("app1", "10.0.0.2:8501"), ...]."""
    servers = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, address = item.partition("=")
        if not sep or not name.isidentifier() or ":" not in address:
            raise argparse.ArgumentTypeError(f"{item!r}: expected NAME=HOST:PORT")
        servers.append((name, address))
    if not servers:
        raise argparse.ArgumentTypeError("no servers given")
    return servers


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    # A killed run.py must not leave its children running (Linux: PR_SET_PDEATHSIG).
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


RESTARTS = 5  # a child that exits is started again at once, this many times a minute; then
BACKOFF_FIRST = 1.0  # it waits this long before the next start, doubling each time (--max-backoff)


@dataclass
class Child:
    name: str
    proc: subprocess.Popen
    log: Path
    cmd: list[str]
    env: dict | None = None
    cwd: Path | None = None
    restartable: bool = False  # a replica or Redis: restarted; HAProxy: everything stops
    restarts: list[float] = field(default_factory=list)
    health_url: str = ""  # a replica's /_stcore/health: back in HAProxy's rotation once ok
    next_start: float | None = None  # backing off: started again at this monotonic time
    in_rotation: bool = True  # False: put in MAINT in HAProxy (a replica backing off)


def haproxy_command(socket_path: Path | str, command: str) -> str:
    """One command on HAProxy's admin socket ("disable server streamlit/app1"); its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect(str(socket_path))
        s.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := s.recv(4096):
            chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace").strip()


@dataclass
class Stack:
    work_dir: Path
    children: list[Child] = field(default_factory=list)
    max_backoff: float = 60.0
    haproxy_socket: Path | None = None  # set once HAProxy runs: rotation changes go through it

    def _popen(self, cmd: list[str], log: Path, env: dict | None, cwd: Path | None) -> subprocess.Popen:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as out:  # the child keeps its own copy of the descriptor
            return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=cwd, env={**os.environ, **(env or {})},
                                    start_new_session=True,  # Ctrl-C reaches run.py, which stops them in order
                                    preexec_fn=_die_with_parent if sys.platform == "linux" else None)

    def spawn(self, name: str, cmd: list[str], env: dict | None = None, cwd: Path | None = None,
              restartable: bool = False) -> Child:
        log = self.work_dir / "logs" / f"{name}.log"
        child = Child(name, self._popen(cmd, log, env, cwd), log, cmd, env, cwd, restartable)
        self.children.append(child)
        return child

    def check_alive(self) -> None:
        for child in self.children:
            code = child.proc.poll()
            if code is not None:
                raise StartError(f"{child.name} exited with code {code}: see {child.log}")

    def _rotation(self, child: Child, on: bool) -> None:
        """Put a replica in or out of HAProxy's rotation (its health checks alone would take
        about 4 s to see it gone, and would let a crash-looping one back in between crashes)."""
        if not child.health_url or self.haproxy_socket is None or child.in_rotation == on:
            return
        try:
            haproxy_command(self.haproxy_socket,
                            f"{'enable' if on else 'disable'} server streamlit/{child.name}")
            child.in_rotation = on
        except OSError as exc:
            print(f"HAProxy's admin socket: {exc}", file=sys.stderr, flush=True)

    def supervise(self) -> list[Child]:
        """Once running: start an exited replica or Redis again, at once or, when it keeps
        exiting, after a pause that doubles (a replica out of HAProxy's rotation meanwhile; its
        browsers reconnect to another replica; while Redis is down the replicas say "not
        saved"). Returns the children whose process changed; raises StartError when HAProxy
        exited."""
        changed = []
        now = time.monotonic()
        for child in self.children:
            if child.proc is None:  # backing off
                if now >= (child.next_start or 0):
                    print(f"{child.name}: starting it again", file=sys.stderr, flush=True)
                    child.proc, child.next_start = self._popen(child.cmd, child.log, child.env,
                                                               child.cwd), None
                    changed.append(child)
                continue
            code = child.proc.poll()
            if code is None:
                if not child.in_rotation and _healthy(child.health_url):
                    self._rotation(child, True)
                    print(f"{child.name} is healthy: back in rotation", file=sys.stderr, flush=True)
                continue
            if not child.restartable:
                raise StartError(f"{child.name} exited with code {code}: see {child.log}")
            child.restarts = [t for t in child.restarts if now - t < 60] + [now]
            if len(child.restarts) <= RESTARTS:
                print(f"{child.name} exited with code {code}; starting it again", file=sys.stderr,
                      flush=True)
                child.proc = self._popen(child.cmd, child.log, child.env, child.cwd)
            else:
                pause = min(self.max_backoff, BACKOFF_FIRST * 2 ** (len(child.restarts) - RESTARTS - 1))
                print(f"{child.name} exited with code {code} and keeps exiting "
                      f"({len(child.restarts)} times in a minute): "
                      + ("out of rotation, " if child.health_url else "")
                      + f"next start in {pause:.0f} s; the others keep serving (see {child.log})",
                      file=sys.stderr, flush=True)
                self._rotation(child, False)
                child.proc, child.next_start = None, now + pause
            changed.append(child)
        return changed

    def stop(self, grace: float = 10.0) -> None:
        """HAProxy first (no new traffic), then the replicas, Redis last: reverse start order."""
        for child in reversed(self.children):
            if child.proc is not None and child.proc.poll() is None:
                child.proc.terminate()
                try:
                    child.proc.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    child.proc.kill()
                    child.proc.wait(timeout=5)
        self.children.clear()


# ----- waiting for health -----

def _healthy(url: str) -> bool:
    try:
        return bool(url) and http_ok(url)
    except OSError:
        return False


def _until(deadline: float, stack: Stack, what: str, probe) -> None:
    while True:
        stack.check_alive()
        try:
            if probe():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise StartError(f"{what} did not become healthy in time")
        time.sleep(0.2)


def redis_pings(url: str) -> bool:
    """The Redis at ``url`` answers PING (with the URL's password and TLS, if any)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as answer:
        return answer.status == 200 and answer.read().strip() == b"ok"


def _backend_rows(stats_url: str) -> list[dict]:
    """The replicas' rows of HAProxy's stats CSV (one per server of the streamlit backend);
    ``stats_url`` may carry the --stats-auth login (http://USER:PASSWORD@HOST:PORT/stats)."""
    parts = urllib.parse.urlsplit(stats_url)
    request = urllib.request.Request(parts._replace(netloc=parts.hostname + f":{parts.port}").geturl()
                                     + ";csv")
    if parts.username:
        login = base64.b64encode(f"{parts.username}:{parts.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {login}")
    with urllib.request.urlopen(request, timeout=2) as answer:
        text = answer.read().decode().lstrip("# ")
    return [r for r in csv.DictReader(io.StringIO(text))
            if r["pxname"] == "streamlit" and r["svname"] not in ("FRONTEND", "BACKEND")]


def haproxy_status(stats_url: str) -> dict[str, str]:
    """Replica name -> status as HAProxy's health checks see it ("UP", "DOWN"...)."""
    return {r["svname"]: r["status"] for r in _backend_rows(stats_url)}


def haproxy_sessions(stats_url: str) -> dict[str, int]:
    """Replica name -> sessions HAProxy holds open to it now (a browser tab's websocket is one)."""
    return {r["svname"]: int(r["scur"] or 0) for r in _backend_rows(stats_url)}


# ----- the set-up -----

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bind", default=LOOPBACK, help="HAProxy's address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8500, help="HAProxy's port, the app's address")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--app-port", type=int, default=8501,
                        help="first replica's port; the others follow (0: free ports)")
    parser.add_argument("--redis-port", type=int, default=6390, help="the Redis started here")
    parser.add_argument("--redis-url", default="",
                        help="use this Redis (redis://HOST:PORT/DB) instead of starting one")
    parser.add_argument("--redis-maxmemory", default="512mb",
                        help="Redis' memory cap; every rnnlab key expires, the soonest go first")
    parser.add_argument("--stats-port", type=int, default=8404, help="HAProxy's stats page (/stats)")
    parser.add_argument("--stats-bind", default=LOOPBACK,
                        help="the stats page's address (default 127.0.0.1, whatever --bind says)")
    parser.add_argument("--stats-auth", default="", metavar="USER:PASSWORD",
                        help="a login for the stats page; required when --stats-bind is not loopback")
    parser.add_argument("--max-backoff", type=float, default=60.0,
                        help="longest pause before starting again a child that keeps exiting (s)")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="logs, haproxy.cfg, Redis' folder (default: ~/.cache/rnnlab/deploy)")
    parser.add_argument("--ready-file", type=Path, default=None,
                        help="write the addresses and process ids here (JSON) once healthy")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs Streamlit")
    parser.add_argument("--haproxy", default=shutil.which("haproxy") or "/usr/sbin/haproxy")
    parser.add_argument("--redis-server", default=shutil.which("redis-server") or "/usr/bin/redis-server")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for health")
    parser.add_argument("--print-haproxy-config", action="store_true",
                        help="only print haproxy.cfg for --servers (and --bind, --port, --stats-port, "
                             "--stats-socket), for HAProxy on a real host; start nothing")
    parser.add_argument("--servers", type=parse_servers, default=None, metavar="NAME=HOST:PORT,...",
                        help="with --print-haproxy-config: the replicas (default: app1, app2... on "
                             "127.0.0.1 from --app-port)")
    parser.add_argument("--stats-socket", default="/run/haproxy/admin.sock",
                        help="with --print-haproxy-config: HAProxy's admin socket")
    parser.add_argument("--resolver", default="", metavar="HOST:PORT",
                        help="with --print-haproxy-config: a DNS server to look the replicas up "
                             "again while running (Docker: 127.0.0.11:53)")
    parser.add_argument("streamlit_args", nargs="*", help="after --: extra options for streamlit run")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if args.stats_auth and ":" not in args.stats_auth.strip(":"):
        parser.error("--stats-auth must be USER:PASSWORD")
    if args.stats_bind not in (LOOPBACK, "localhost", "::1") and not args.stats_auth:
        parser.error(f"--stats-bind {args.stats_bind} would show HAProxy's stats page to anyone "
                     "who reaches it: add --stats-auth USER:PASSWORD, or keep it on 127.0.0.1")
    return args


def _ports(args: argparse.Namespace) -> tuple[int, list[int], int, int]:
    pick = lambda p: p or free_port()  # noqa: E731
    apps = ([free_port() for _ in range(args.replicas)] if args.app_port == 0
            else [args.app_port + i for i in range(args.replicas)])
    return pick(args.port), apps, pick(args.redis_port), pick(args.stats_port)


def start(args: argparse.Namespace, stack: Stack) -> dict:
    """Start everything and wait for health; returns what the ready file holds."""
    work = stack.work_dir
    port, app_ports, redis_port, stats_port = _ports(args)
    for binary in ([args.haproxy] + ([] if args.redis_url else [args.redis_server])):
        if not Path(binary).exists():
            raise StartError(f"{binary} is not installed (apt-get install haproxy redis-server)")
    deadline = time.monotonic() + args.timeout

    if args.redis_url:
        redis_url = args.redis_url
        _until(deadline, stack, f"Redis at {redis_url}", lambda: redis_pings(redis_url))
    else:
        redis_dir = work / "redis"
        redis_dir.mkdir(parents=True, exist_ok=True)
        stack.spawn("redis", [args.redis_server, "--bind", LOOPBACK, "--port", str(redis_port),
                              "--save", "", "--appendonly", "no", "--dir", str(redis_dir),
                              "--maxmemory", args.redis_maxmemory,
                              "--maxmemory-policy", "volatile-ttl"], restartable=True)
        redis_url = f"redis://{LOOPBACK}:{redis_port}/0"
        _until(deadline, stack, "Redis", lambda: redis_pings(redis_url))

    env = {"RNNLAB_STORE": redis_url,
           "RNNLAB_DATA_DIR": os.environ.get("RNNLAB_DATA_DIR") or str(work / "data")}
    replicas = []
    for i, app_port in enumerate(app_ports, start=1):
        name = f"app{i}"
        child = stack.spawn(name, [args.python, "-m", "streamlit", "run", "app.py",
                                   "--server.headless=true", f"--server.address={LOOPBACK}",
                                   f"--server.port={app_port}", "--browser.gatherUsageStats=false",
                                   "--server.fileWatcherType=none", *args.streamlit_args],
                            env=env, cwd=ROOT, restartable=True)
        child.health_url = f"http://{LOOPBACK}:{app_port}/_stcore/health"
        replicas.append({"name": name, "url": f"http://{LOOPBACK}:{app_port}", "pid": child.proc.pid})
    for replica in replicas:
        _until(deadline, stack, replica["name"], lambda r=replica: http_ok(r["url"] + "/_stcore/health"))

    config = work / "haproxy.cfg"
    config.write_text(render_haproxy(bind=args.bind, port=port, stats_port=stats_port,
                                     stats_bind=args.stats_bind, stats_auth=args.stats_auth,
                                     stats_socket=work / "haproxy.sock",
                                     servers=[(r["name"], f"{LOOPBACK}:{p}")
                                              for r, p in zip(replicas, app_ports, strict=True)]))
    check = subprocess.run([args.haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
    if check.returncode != 0:
        raise StartError(f"haproxy rejects {config}: {check.stdout}{check.stderr}")
    haproxy = stack.spawn("haproxy", [args.haproxy, "-db", "-f", str(config)])
    stack.haproxy_socket = work / "haproxy.sock"
    host = LOOPBACK if args.bind in ("0.0.0.0", "::") else args.bind  # noqa: S104
    stats_host = LOOPBACK if args.stats_bind in ("0.0.0.0", "::") else args.stats_bind  # noqa: S104
    url, stats_url = f"http://{host}:{port}", f"http://{stats_host}:{stats_port}/stats"
    if args.stats_auth:
        user, _, password = args.stats_auth.partition(":")
        stats_url = f"http://{user}:{password}@{stats_host}:{stats_port}/stats"
    names = {r["name"] for r in replicas}
    _until(deadline, stack, "HAProxy's view of the replicas",
           lambda: {k for k, v in haproxy_status(stats_url).items() if v == "UP"} == names)
    _until(deadline, stack, "the app through HAProxy", lambda: http_ok(url + "/_stcore/health"))
    return {"url": url, "stats_url": stats_url, "cookie": COOKIE, "redis_url": redis_url,
            "replicas": replicas, "haproxy_pid": haproxy.proc.pid,
            "redis_pid": None if args.redis_url else stack.children[0].proc.pid,
            "work_dir": str(work), "run_pid": os.getpid()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.print_haproxy_config:
        servers = args.servers or [(f"app{i + 1}", f"{LOOPBACK}:{args.app_port + i}")
                                   for i in range(args.replicas)]
        print(render_haproxy(bind=args.bind, port=args.port, stats_port=args.stats_port,
                             stats_bind=args.stats_bind, stats_auth=args.stats_auth,
                             stats_socket=args.stats_socket, servers=servers,
                             resolver=args.resolver), end="")
        return 0
    work = (args.work_dir or Path.home() / ".cache" / "rnnlab" / "deploy").expanduser().resolve()
    work.mkdir(parents=True, exist_ok=True)
    stack = Stack(work, max_backoff=args.max_backoff)

    def stop_signal(signum, _frame):
        raise Stopped(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, stop_signal)
    signal.signal(signal.SIGTERM, stop_signal)
    code = 0
    def write_ready(ready: dict) -> None:
        if args.ready_file:
            tmp = args.ready_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(ready, indent=2))
            tmp.replace(args.ready_file)  # whole or absent: a reader never sees half of it

    try:
        ready = start(args, stack)
        write_ready(ready)
        print(f"rnnlab is up at {ready['url']}  ({len(ready['replicas'])} replicas: "
              + ", ".join(r["url"] for r in ready["replicas"])
              + f"; Redis {ready['redis_url']}; HAProxy stats {ready['stats_url']})", flush=True)
        print(f"logs in {work / 'logs'}; Ctrl-C stops everything", flush=True)
        while True:
            changed = stack.supervise()
            if changed:
                pids = {c.name: c.proc.pid if c.proc is not None else None for c in changed}
                for replica in ready["replicas"]:
                    replica["pid"] = pids.get(replica["name"], replica["pid"])
                if "redis" in pids:
                    ready["redis_pid"] = pids["redis"]
                write_ready(ready)
            time.sleep(0.5)
    except Stopped as why:
        print(f"{why}: stopping", flush=True)
    except StartError as exc:
        print(f"rnnlab deploy: {exc}", file=sys.stderr, flush=True)
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
        if args.ready_file:
            with contextlib.suppress(FileNotFoundError):
                args.ready_file.unlink()
    print("stopped", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
