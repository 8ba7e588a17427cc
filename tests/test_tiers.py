"""The tiers (tests/tiers.py): markers follow what a test uses, and the fast tier cannot load
TensorFlow. Each check runs pytest on small test files in a temporary folder, with the plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.tiers import FAST, ROOT

USES = '''
import pytest
from rnnlab.training import train

def fit_quickly(values, config):  # a helper: the test itself never says "keras"
    return train(values, config)

@pytest.fixture(params=["sqlite", "redis"])
def store(request):
    return request.param

def test_plain():
    assert 1 + 1 == 2

def test_trains_through_a_helper():
    fit_quickly([1.0] * 50, None)

def test_imports_keras():
    keras = pytest.importorskip("keras")

def test_reads_tensorflow_in_a_string_only():
    assert "'tensorflow' in sys.modules"

def test_drives_a_browser(page):
    pass

def test_both_stores(store):
    pass
'''

SNEAKY = '''
def test_plain():
    assert True

def test_imports_tensorflow_unannounced():
    __import__("tensor" + "flow")  # nothing here tells tests/tiers.py

def test_after():
    assert True
'''


def _pytest(tmp_path, *args: str) -> subprocess.CompletedProcess:
    fake = tmp_path / "site"  # an empty, importable "tensorflow": no real import, no seconds
    (fake / "tensorflow").mkdir(parents=True, exist_ok=True)
    (fake / "tensorflow" / "__init__.py").write_text("")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.tiers", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), "-q", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def _selected(tmp_path, expr: str) -> set[str]:
    out = _pytest(tmp_path, "--collect-only", "-m", expr, "test_uses.py")
    assert out.returncode in (0, 5), out.stdout + out.stderr
    return {line.split("::", 1)[1] for line in out.stdout.splitlines() if "::" in line}


def test_markers_follow_what_a_test_uses(tmp_path):
    (tmp_path / "test_uses.py").write_text(textwrap.dedent(USES))
    assert _selected(tmp_path, "keras") == {"test_trains_through_a_helper", "test_imports_keras"}
    assert _selected(tmp_path, "browser") == {"test_drives_a_browser[chromium]"}
    assert _selected(tmp_path, "server") == {"test_drives_a_browser[chromium]",
                                           "test_both_stores[redis]"}
    assert _selected(tmp_path, FAST) == {"test_plain", "test_reads_tensorflow_in_a_string_only",
                                         "test_both_stores[sqlite]"}


def test_the_fast_tier_fails_a_test_that_loads_tensorflow(tmp_path):
    (tmp_path / "test_sneaky.py").write_text(textwrap.dedent(SNEAKY))
    out = _pytest(tmp_path, "-m", FAST, "test_sneaky.py")
    assert out.returncode == 1, out.stdout + out.stderr
    assert ("test_sneaky.py::test_imports_tensorflow_unannounced imported TensorFlow in a run that "
            "selected no `keras` test") in out.stdout
    assert "1 failed, 2 passed" in out.stdout  # the culprit only, not the tests after it
    # The same with the README's fast command: xdist's workers each guard their own tests.
    out = _pytest(tmp_path, "-m", FAST, "-n", "2", "test_sneaky.py")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "imported TensorFlow in a run that selected no `keras` test" in out.stdout
    assert "1 failed, 2 passed" in out.stdout
    # The same test in a run that selected keras tests is not the guard's business.
    (tmp_path / "test_keras.py").write_text("import pytest\n\n@pytest.mark.keras\ndef test_k():\n"
                                            "    pass\n")
    out = _pytest(tmp_path, "test_sneaky.py", "test_keras.py")
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_fast_tier_of_this_suite_selects_no_tensorflow_test():
    """Collecting the fast tier imports no TensorFlow (the guard would stop the run) and leaves out
    every test module that imports it at the top."""
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", FAST,
                          "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    chosen = {line.split("::")[0] for line in out.stdout.splitlines() if "::" in line}
    assert chosen and not any(path.startswith("tests/browser/") for path in chosen)
    assert "tests/rnnlab/training/test_worker.py" not in chosen
