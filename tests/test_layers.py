"""The layers import downwards only, and no two packages import each other (even lazily).

Layers, bottom to top: ``tools.foundation`` -> the other ``tools`` packages -> ``knowledge``
and ``prompts`` -> ``copilot`` -> ``api``. Imports inside functions count too: a lazy import
is still a dependency.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = ("tools", "knowledge", "prompts", "copilot", "api", "evals")
LAYER = {"tools.foundation": 0, "tools": 1, "knowledge": 2, "prompts": 2, "copilot": 3, "api": 4}


def package_of(module: str) -> str:
    """Return the package a module belongs to: ``tools.<pkg>``, ``copilot.<pkg>`` or the top."""
    parts = module.split(".")
    if parts[0] in ("tools", "copilot") and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def layer_of(package: str) -> int | None:
    if package == "tools.foundation":
        return 0
    return LAYER.get(package.split(".")[0])


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Return, per package, the other product packages it imports."""
    edges: dict[str, set[str]] = defaultdict(set)
    for top in TOP:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = _module_name(path)
            source = package_of(module)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    if name.split(".")[0] in TOP:
                        target = package_of(name)
                        if target != source:
                            edges[source].add(target)
    return edges


def test_no_layer_imports_a_layer_above_it() -> None:
    wrong = [
        (source, target)
        for source, targets in imports().items()
        for target in targets
        if (low := layer_of(source)) is not None
        and (high := layer_of(target)) is not None
        and high > low
    ]
    assert wrong == []


def test_no_two_packages_import_each_other() -> None:
    edges = imports()
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str], seen: set[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == path[0]:
                cycles.append([*path, nxt])
            elif nxt not in seen and nxt > path[0]:
                seen.add(nxt)
                visit(nxt, [*path, nxt], seen)

    for start in sorted(edges):
        visit(start, [start], {start})
    assert cycles == []
