"""The knots issue 21 found around persistence are cut: "which browser is this" is its own
module (ui/browser.py), so ui.persist and ui.training_job no longer import each other; the
error guard no longer saves (ui/fragments.py's one helper guards and saves); no page saves by
hand after its fragments. Imports are read from the source, lazy ones inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    """Every ui module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "ui":
                found |= {f"ui.{alias.name}" for alias in node.names}
            elif node.module.startswith("ui."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("ui.")}
    return found


def graph() -> dict[str, set[str]]:
    return {f"ui.{p.stem}": imports(p) for p in (ROOT / "ui").glob("*.py")}


def reaches(g: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for nxt in g.get(node, ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def test_persist_and_training_job_are_no_longer_a_cycle():
    g = graph()
    assert "ui.persist" not in g["ui.training_job"]
    assert not reaches(g, "ui.training_job", "ui.persist")
    assert not (reaches(g, "ui.browser", "ui.persist") or reaches(g, "ui.browser", "ui.training_job"))


def test_the_guard_does_not_save_and_no_page_saves_after_its_fragments_by_hand():
    g = graph()
    assert "ui.persist" not in g["ui.guard"]
    for page in (ROOT / "views").glob("*.py"):
        text = page.read_text()
        assert "after_fragment" not in text, page.name
        assert "st.fragment" not in text, f"{page.name}: use ui.fragments (guards and saves)"
