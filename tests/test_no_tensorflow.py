"""With TensorFlow not installed, the app still works: Data, Hidden states and Concepts fully; Train
and Compare show the notebook's fallback in the user's language.

TensorFlow is made unimportable in a fresh interpreter (a sys.meta_path finder that refuses
tensorflow/keras), where every page then runs under AppTest, inside st.navigation as in app.py.
"""

import json
import subprocess
import sys

import pytest

from rnnlab.i18n import t

PAGES = {"data": "views/data.py", "hidden": "views/hidden_states.py",
         "concepts": "views/concepts.py", "train": "views/train.py", "compare": "views/compare.py",
         "modern": "views/modern.py"}

SCRIPT = r"""
import importlib.abc, json, sys

class NoTensorFlow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras", "tf_keras"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoTensorFlow())

from tests.conftest import drawn_figures, open_app, shown_text  # no fixtures out here
from tests.nav_entry import TARGET, entry_file

pages = json.loads(sys.argv[1])
results = {}
with entry_file() as entry:
    for name, path in pages.items():
        for lang in ("es", "en"):
            at = open_app(entry, lang=lang, timeout=120, **{TARGET: path}).run()
            results[f"{name}/{lang}"] = {
                "exceptions": [e.message for e in at.exception],
                "errors": [e.value for e in at.error],
                "titles": [el.value for el in at.title],
                "headers": [el.value for el in at.header],
                "text": shown_text(at),
                "charts": len(drawn_figures(at)),
            }
results["imported"] = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
print("RESULTS " + json.dumps(results))
"""


@pytest.fixture(scope="module")
def runs(repo_root):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(PAGES)], cwd=repo_root,
                          capture_output=True, text=True, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULTS ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    return json.loads(lines[-1][len("RESULTS "):])


def test_tensorflow_was_really_unavailable(runs):
    assert runs["imported"] == []


@pytest.mark.parametrize("name", ["data", "hidden", "concepts", "modern"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_pages_without_keras_work_fully(runs, name, lang):
    run = runs[f"{name}/{lang}"]
    assert run["exceptions"] == [] and run["errors"] == []
    assert t("notf.title", lang) not in run["headers"]
    assert run["charts"] >= 1
    if name == "concepts":
        assert run["titles"] == [t("concepts.title", lang)] and run["charts"] >= 4  # + the sidebar sparkline


@pytest.mark.parametrize("name", ["train", "compare"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_training_pages_show_the_fallback_in_the_users_language(runs, name, lang):
    run = runs[f"{name}/{lang}"]
    assert run["exceptions"] == [] and run["errors"] == []
    assert t("notf.title", lang) in run["headers"]
    for key in ("notf.needed", "notf.gate_forget", "notf.arch_title", "notf.lstm_points"):
        assert t(key, lang) in run["text"]
    other = "en" if lang == "es" else "es"
    assert t("notf.needed", other) not in run["text"]
    # the notebook model's parameters, computed, written the reader's way
    assert ("30.651" if lang == "es" else "30,651") in run["text"]
