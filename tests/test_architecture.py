"""The architecture the build enforces: the import contracts of pyproject.toml, checked with
import-linter (``lint-imports``) as part of the test command, and what they cannot see."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def _lint_imports() -> str:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("lint-imports is missing: pip install -r requirements-dev.txt")
    return found


def test_the_import_contracts_are_kept():
    out = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-3000:]
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in out.stdout


def test_a_broken_contract_fails(tmp_path):
    """The check can fail: a copy of the contracts that forbids what rnnlab really does (ui -> rnnlab
    turned upside down) is reported broken."""
    config = tmp_path / "contracts.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["rnnlab", "ui"]\n\n'
                      '[[tool.importlinter.contracts]]\nname = "upside down"\ntype = "layers"\n'
                      'layers = ["rnnlab", "ui"]\n')
    out = subprocess.run([_lint_imports(), "--no-cache", str(config)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "upside down BROKEN" in out.stdout, out.stdout[-3000:]


def _imports_outside_functions(path: Path, roots: set[str]) -> list[str]:
    """``import``s of ``roots`` that run when the module is imported (not inside a def)."""
    found = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0:
                names = [child.module or ""]
            else:
                names = []
            if not inside and any(n.split(".")[0] in roots for n in names):
                found.append(f"{path.relative_to(ROOT)}:{child.lineno}")
            visit(child, inside)

    visit(ast.parse(path.read_text(), str(path)), False)
    return found


def test_rnnlab_imports_tensorflow_only_inside_functions():
    """What the no-tensorflow contract lets through (its ignore_imports) is imported lazily: no
    TensorFlow or Keras import in rnnlab/ runs at import time."""
    at_import = [hit for path in sorted((ROOT / "rnnlab").rglob("*.py"))
                 for hit in _imports_outside_functions(path, {"tensorflow", "keras"})]
    assert at_import == []
    contract = next(c for c in CONTRACTS if c["id"] == "no-tensorflow")
    lazy = {Path(p).stem for p in ("rnnlab/training/models.py", "rnnlab/pages/hidden.py",
                                   "rnnlab/training/minimal_layers.py")}
    assert {rule.split(" -> ")[0].rsplit(".", 1)[-1] for rule in contract["ignore_imports"]} == lazy


def test_the_worker_is_still_reachable_by_its_old_name():
    from rnnlab.runtime import worker
    from rnnlab.training import worker as old

    assert old is worker  # one module: a patch through either name reaches the other


def test_bench_and_tests_share_helpers_only_through_testkit():
    """bench/ never imports tests/ and tests/ never import bench/: what both need (the simulated
    classroom included) is in testkit.py."""
    import re

    def imports(folder: str, other: str) -> list[str]:
        pattern = re.compile(rf"^\s*(from|import) {other}\b.*$", re.M)
        return [f"{path.relative_to(ROOT)}: {m.group(0).strip()}"
                for path in sorted((ROOT / folder).rglob("*.py"))
                for m in pattern.finditer(path.read_text())]

    assert imports("bench", "tests") == []
    assert imports("tests", "bench") == []
