"""The layers keep their direction: the store and the domain never reach presentation.

Read from the source (ast), not by importing, so a lazy import inside a
function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import bmnn_cli

PACKAGE = Path(bmnn_cli.__file__).parent

# What the store and the domain must not import: output formats, listing
# columns, table fitting, the report's layout, the command line, Rich, Typer.
PRESENTATION = (
    "bmnn_cli.render",
    "bmnn_cli.render_html",
    "bmnn_cli.render_xlsx",
    "bmnn_cli.columns",
    "bmnn_cli.fit",
    "bmnn_cli.reporting",
    "bmnn_cli.cli",
    "rich",
    "typer",
    "click",
)
FORMATS = ("table", "plain", "md", "csv", "json", "xlsx", "html")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(
    path: Path, name: str | None = None, *, top_only: bool = False
) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in `path` (the module `name`), relative ones
    made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = (name or _module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    nodes = tree.body if top_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base
            for alias in node.names:  # `from bmnn_cli import render` imports a module
                yield node.lineno, f"{base}.{alias.name}"


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _offences(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for line, module in _imports(path):
            if _within(module, forbidden):
                found.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    return found


def test_the_store_imports_no_presentation() -> None:
    assert _offences("store", PRESENTATION) == []


def test_the_domain_imports_neither_presentation_nor_the_store() -> None:
    assert _offences("domain", (*PRESENTATION, "bmnn_cli.store")) == []


def test_the_walk_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The check itself: plain, from, relative and lazy imports are all seen."""
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import rich.table\n"
        "from ..columns import short\n"
        "from bmnn_cli import render\n"
        "def later():\n    import typer\n",
        encoding="utf-8",
    )
    found = [module for _, module in _imports(sample, "bmnn_cli.store.probe")]
    assert "rich.table" in found
    assert "bmnn_cli.columns" in found
    assert "bmnn_cli.render" in found
    assert "typer" in found


def test_each_output_format_imports_no_other_format() -> None:
    """A format module reads the shared types (base) and the table fitting (fit) only:
    none imports another format or the dispatcher, so none drags another's libraries in."""
    render = PACKAGE / "render"
    allowed = ("bmnn_cli.render.base", "bmnn_cli.render.fit")
    found = []
    for name in FORMATS:
        path = render / f"{name}.py"
        for line, module in _imports(path):
            if _within(module, ("bmnn_cli.render",)) and not _within(module, allowed):
                found.append(f"render/{name}.py:{line} imports {module}")
    assert found == []


def test_the_dispatcher_imports_formats_only_when_asked() -> None:
    """render/__init__ loads no format at import time (openpyxl only for xlsx, Rich only
    for a table on a terminal)."""
    path = PACKAGE / "render" / "__init__.py"
    formats = tuple(f"bmnn_cli.render.{name}" for name in FORMATS)
    eager = [module for _, module in _imports(path, top_only=True) if _within(module, formats)]
    assert eager == []
