"""Test tiers: markers applied by what a test uses, and a guard that keeps the fast tier fast.

Loaded by tests/conftest.py (``pytest_plugins``). Nobody has to remember a marker:

- ``browser``: a test under tests/browser/, or one that asks for a browser fixture (``page``,
  ``context``, ``browser``, ``app_url``).
- ``server``: a test that starts a server: a redis-server (also the ``[redis]`` side of a
  test run on both stores), a ``streamlit run`` subprocess, the deploy/ stack (any long-lived
  ``subprocess.Popen``), or a browser test (they all talk to a running app).
- ``keras``: a test whose code, or the code of the fixtures and module helpers it reaches,
  names TensorFlow or Keras, or calls what imports them: a training (``rnnlab.training``'s
  ``train``, ``build_model``, ``forecast``, ``export_run``, ``load_model``, the model pool), a
  backtest of the network (``rnnlab.studies.multistep``, ``rnnlab.studies.study``), the warm-up, the worker,
  Keras' check of the numpy engine, or pressing Train / Compare's run buttons in an AppTest.

The fast tier is ``-m "not browser and not keras and not server" -n auto`` (README, *Tests*;
xdist workers apply the same marks). A run that
selected no ``keras`` test must not import TensorFlow: if a test does (a rule above missed it),
that test fails, naming itself, so the rules get fixed instead of the fast tier silently
becoming slow. ``@pytest.mark.keras`` by hand is still honoured.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import sys
import textwrap
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_DIR = ROOT / "tests" / "browser"
FAST = "not browser and not keras and not server"

BROWSER_FIXTURES = {"page", "context", "browser", "app_url", "new_context", "console_errors"}
SERVER_FIXTURES = {"redis_url", "app_url"}

# What a test's code may say that means a server runs for it.
SERVER_CODE = re.compile(r"\bredis_server\(|\bstreamlit_server\(|\bsubprocess\.Popen\("
                         r"|[\"']streamlit[\"'],\s*[\"']run[\"']")
# What a test's code may say that means TensorFlow gets imported (in this process).
KERAS_CODE = re.compile(
    r"\b(import|from) (tensorflow|keras)\b|importorskip\([\"'](tensorflow|keras)"
    r"|(?<![.\w])(tensorflow|keras|tf)\.\w|\b_?keras\(\)|\bfrom_keras\b|against_keras\b"
    r"|\btraining\.(train|build_model|forecast|export_run|load_model|pool)\b"
    r"|\bfit\.train\b|\bmodels\.(build_model|pool|_tf|_keras)\b"
    r"|\bmultistep\.(run_backtest|build_direct_model)\b|\bstudy\.run_study\b|\brun_study\("
    r"|\brun_backtest\(|\bwarmup\.(warm|warm_timed|start)\(|\bworker\b"
    r"|[\"'](train_start|compare_run|backtest_run)[\"']")
# Names that, imported from rnnlab.training (``from rnnlab.training import train``), train.
TRAINING_CALLS = ("train", "build_model", "forecast", "export_run", "load_model")


def _source(obj) -> str:
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError):
        return ""


class _Module:
    """One test module's top-level functions and classes by name, and its imports."""

    def __init__(self, module) -> None:
        self.text = _source(module)
        self.defs: dict[str, str] = {}
        self.training_names: set[str] = set()
        try:
            tree = ast.parse(self.text)
        except SyntaxError:
            return
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defs[node.name] = ast.get_source_segment(self.text, node) or ""
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rnnlab.training"):
                self.training_names |= {a.asname or a.name for a in node.names
                                        if a.name in TRAINING_CALLS}
            elif isinstance(node, ast.Assign):  # module constants used by the tests
                segment = ast.get_source_segment(self.text, node) or ""
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.defs[target.id] = segment

    def reach(self, text: str) -> str:
        """``text`` and the source of every module-level helper it names, transitively."""
        seen: set[str] = set()
        parts = [text]
        todo = [text]
        while todo:
            for name in _names(todo.pop()):
                if name in self.defs and name not in seen:
                    seen.add(name)
                    parts.append(self.defs[name])
                    todo.append(self.defs[name])
        return "\n".join(parts)


def _names(code: str) -> set[str]:
    """The identifiers in ``code``, not the words inside its strings and comments."""
    found = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.NAME:
                found.add(token.string)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        found = set(re.findall(r"[A-Za-z_]\w*", code))
    return found


_MODULES: dict[str, _Module] = {}


def _fixture_sources(item) -> tuple[set[str], list[str]]:
    """Every fixture the test uses (names, transitively) and their functions' sources."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return set(), []
    names = set(info.names_closure)
    sources = []
    for name in names:
        for fixturedef in info.name2fixturedefs.get(name, ()):
            func = fixturedef.func
            if Path(inspect.getsourcefile(func) or "").is_relative_to(ROOT):
                sources.append(_source(func))
    return names, sources


def uses(item) -> set[str]:
    """The tier markers this test earns by what it uses."""
    marks: set[str] = set()
    path = Path(str(item.fspath))
    module = getattr(item, "module", None)
    if module is None:
        return marks
    info = _MODULES.get(module.__name__)
    if info is None:
        info = _MODULES[module.__name__] = _Module(module)
    func = getattr(item, "function", None)
    fixtures, fixture_code = _fixture_sources(item)
    code = info.reach("\n".join([_source(func), *fixture_code]))
    if path.is_relative_to(BROWSER_DIR) or fixtures & BROWSER_FIXTURES:
        marks |= {"browser", "server"}
    params = getattr(getattr(item, "callspec", None), "id", "")
    if (fixtures & SERVER_FIXTURES or SERVER_CODE.search(code)
            or "redis" in params.split("-")):  # the [redis] side of a [sqlite]/[redis] test
        marks.add("server")
    if KERAS_CODE.search(code) or any(
            re.search(rf"(?<![\w.]){re.escape(name)}\(", code) for name in info.training_names):
        marks.add("keras")
    return marks


def pytest_configure(config):
    # Also in pyproject.toml; here too so that the plugin works on its own (tests/test_tiers.py).
    for line in ("browser: real headless Chromium driving the running app (Playwright)",
                 "keras: needs TensorFlow/Keras",
                 "server: starts a server (redis-server, a streamlit run subprocess, deploy/)"):
        config.addinivalue_line("markers", line)


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by markers
def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in sorted(uses(item) - {m.name for m in item.iter_markers()}):
            item.add_marker(getattr(pytest.mark, name))


# --- The guard: a run without keras tests never imports TensorFlow ---------------------------
_GUARD = {"on": False}


def pytest_collection_finish(session):
    keras_selected = any(item.get_closest_marker("keras") for item in session.items)
    _GUARD["on"] = bool(session.items) and not keras_selected
    if _GUARD["on"] and "tensorflow" in sys.modules:
        pytest.exit("TensorFlow was imported while collecting tests that need none "
                    "(a test module imports it at the top: mark it keras)", returncode=1)


def _tensorflow_loaded() -> bool:
    return any(name in ("tensorflow", "keras") or name.startswith(("tensorflow.", "keras."))
               for name in list(sys.modules))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    if _GUARD["on"] and _tensorflow_loaded():
        _GUARD["on"] = False  # blame the first test only: a module stays imported
        pytest.fail(f"{item.nodeid} imported TensorFlow in a run that selected no `keras` test "
                    "(tests/tiers.py did not see it coming): teach tests/tiers.py what it uses, "
                    "or mark it @pytest.mark.keras", pytrace=False)
    return result
