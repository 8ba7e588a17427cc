"""A TensorFlow that is installed but fails to import (a wheel for another CPU, a missing
library): from the first training on, Train and Compare show the install page, not an
ImportError (issue 12).

A fake ``tensorflow`` package whose import raises sits first on the path of a fresh interpreter:
``find_spec`` finds it, as it finds a real broken install.
"""

import json
import subprocess
import sys

from rnnlab.i18n import t

SCRIPT = r"""
import json, sys
from rnnlab.training import backend
results = {"before": backend.tensorflow_available()}
from tests.conftest import open_app, shown_text  # no fixtures out here
from tests.nav_entry import TARGET, entry_file
def view(at):
    return {"exceptions": [e.message for e in at.exception], "errors": [e.value for e in at.error],
            "headers": [h.value for h in at.header], "text": shown_text(at)}
with entry_file() as entry:
    at = open_app(entry, lang="es", timeout=120, _sync_training=True, **{TARGET: "views/train.py"}).run()
    results["train_opened"] = view(at)
    at.button(key="train_start").click().run()  # the first import of TensorFlow happens here
    results["train"] = view(at)
    results["after"] = backend.tensorflow_available()
    results["error"] = backend.import_error()
    at = open_app(entry, lang="es", timeout=120, **{TARGET: "views/compare.py"}).run()
    results["compare"] = view(at)
print("RESULTS " + json.dumps(results))
"""


def test_an_installed_tensorflow_that_cannot_import_shows_the_install_page(tmp_path, repo_root):
    fake = tmp_path / "tensorflow"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise ImportError('libtensorflow_framework.so.2: cannot open shared object file')\n")
    env = {"PYTHONPATH": f"{tmp_path}:{repo_root}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=repo_root, env=env, capture_output=True,
                          text=True, timeout=300)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULTS ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    results = json.loads(lines[-1][len("RESULTS "):])
    assert results["before"]  # find_spec alone says "installed", and opening Train imports nothing
    assert t("notf.title", "es") not in results["train_opened"]["headers"]
    assert results["after"] is False and "libtensorflow_framework" in results["error"]
    for name in ("train", "compare"):
        run = results[name]
        assert run["exceptions"] == [] and run["errors"] == []
        assert t("notf.title", "es") in run["headers"]
        assert "ImportError" not in run["text"]
