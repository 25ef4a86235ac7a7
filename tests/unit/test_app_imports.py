"""`app/` has no import circles: each module's top-level imports of `app` modules form a DAG.

Imports inside functions (loaded late, on purpose) are not counted.
"""
from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, known: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(name for name in names if name in known)
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in APP.rglob("*.py")}
    known = set(paths)
    return {name: _top_level_imports(path, known) - {name} for name, path in paths.items()}


def test_app_has_no_import_circles() -> None:
    graph = _graph()
    state: dict[str, str] = {}
    circles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for used in sorted(graph[name]):
            if state.get(used) == "open":
                circles.append(trail[trail.index(used):] + [used])
            elif used not in state:
                visit(used, trail + [used])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_the_graph_sees_the_imports() -> None:
    """The check above is only worth something if it finds the edges that are there."""
    graph = _graph()
    assert "app.checkout.session" in graph["app.checkout.controller"]
    assert "app.offline.redemption" in graph["app.checkout.session"]
