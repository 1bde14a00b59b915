"""Print which skillkit module imports which (module level; `(lazy)` marks imports inside
functions), one line per module: the import graph the architecture notes refer to.

    python scripts/import_graph.py            # every module
    python scripts/import_graph.py --short    # subpackages collapsed (skillkit.engine.* -> engine)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "skillkit"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(top-level, lazy) skillkit modules imported by the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager: set[str] = set()
    lazy: set[str] = set()
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    )

    def visit(node: ast.AST, inside_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            in_fn = inside_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            guarded = type_only or (
                isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            )
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, base] if base else up)
                names = [base] + [f"{base}.{a.name}" for a in child.names]
            for name in names:
                if name.startswith("skillkit") and not guarded:
                    target = resolve(name)
                    if target and target != module_name(path):
                        (lazy if in_fn else eager).add(target)
            visit(child, in_fn, guarded)

    visit(tree, False, False)
    return eager, lazy - eager


MODULES = {module_name(p) for p in ROOT.rglob("*.py")}


def resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def short(name: str) -> str:
    parts = name.split(".")
    if len(parts) > 2 and parts[1] in {"engine", "server", "report", "commands"}:
        return parts[1]
    return ".".join(parts[1:]) or "skillkit"


def main(argv: list[str]) -> int:
    collapse = "--short" in argv
    graph: dict[str, tuple[set[str], set[str]]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        eager, lazy = imports(path)
        name = module_name(path)
        if collapse:
            name = short(name)
            eager = {short(m) for m in eager} - {name}
            lazy = {short(m) for m in lazy} - {name} - eager
        old = graph.setdefault(name, (set(), set()))
        old[0].update(eager)
        old[1].update(lazy)
    for name, (eager, lazy) in sorted(graph.items()):
        lazy -= eager
        targets = sorted(eager) + [f"{m} (lazy)" for m in sorted(lazy)]
        print(f"{name} -> {', '.join(targets) if targets else '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
