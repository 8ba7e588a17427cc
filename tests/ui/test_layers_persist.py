"""The knots issue 21 found around persistence are cut: "which browser is this" is its own
module (ui/session/browser.py), so ui.persistence.persist and ui.jobs.training_job no longer
import each other; the error guard no longer saves (ui/elements/fragments.py's one helper guards
and saves); no page saves by hand after its fragments. Imports are read from the source, lazy ones inside functions too.
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
            if node.module == "ui" or node.module.startswith("ui."):
                found.add(node.module)  # and, if they are modules, the names it imports from it
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("ui.")}
    return found


def graph() -> dict[str, set[str]]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts): imports(p)
            for p in (ROOT / "ui").rglob("*.py")}


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
    assert "ui.persistence.persist" not in g["ui.jobs.training_job"]
    assert not reaches(g, "ui.jobs.training_job", "ui.persistence.persist")
    assert "ui.jobs.training_job" in g["ui.persistence.persist"]  # the graph sees package imports
    assert not reaches(g, "ui.session.browser", "ui.persistence.persist")
    assert not reaches(g, "ui.session.browser", "ui.jobs.training_job")


def test_the_guard_does_not_save_and_no_page_saves_after_its_fragments_by_hand():
    g = graph()
    assert "ui.persistence.persist" not in g["ui.elements.guard"]
    for page in (ROOT / "views").glob("*.py"):
        text = page.read_text()
        assert "after_fragment" not in text, page.name
        assert "st.fragment" not in text, f"{page.name}: use ui.elements.fragments (guards and saves)"
