"""The package's modules import each other without cycles, counting imports inside functions too:
a cycle hidden behind a function-level import still couples the two modules both ways."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lint"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("unionlint", *parts))


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports anywhere in its source (top level or in a function)."""
    modules = {module_name(path, package): path for path in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:  # `from unionlint import api` imports the module unionlint.api
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), as a path that returns to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(_path_through(graph, sorted(group)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _path_through(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A cycle within the group, starting and ending at its first module (breadth-first)."""
    start = group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & set(group)):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    return group


def test_the_package_has_no_import_cycles():
    graph = import_graph()
    assert "unionlint.api" in graph and "unionlint.kinds.pattern" in graph  # the walk sees every module
    assert cycles(graph) == [], "import cycles: " + "; ".join(" → ".join(cycle) for cycle in cycles(graph))


def test_function_level_imports_count(tmp_path):
    """The walk finds a cycle closed by an import inside a function, as the old cli ⇄ config one was."""
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "cli.py").write_text("from unionlint.config import Setup\n")
    (tmp_path / "config.py").write_text("def rules():\n    from unionlint.cli import merge_rules\n")
    (tmp_path / "model.py").write_text("import unionlint.config\n")
    graph = import_graph(tmp_path)
    assert graph["unionlint.config"] == {"unionlint.cli"}
    assert cycles(graph) == [["unionlint.cli", "unionlint.config", "unionlint.cli"]]


def test_the_command_line_module_imports_no_linting_machinery_at_start():
    """`unionlint --version` and argument errors stay fast: cli.py imports the rest when it lints."""
    top_level = set()
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("unionlint"):
            top_level.add(node.module)
    assert top_level <= {"unionlint", "unionlint.errors", "unionlint.arguments"}
