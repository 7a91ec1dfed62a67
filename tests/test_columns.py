"""Listings declared by name: columns are picked by key, never by position."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bmnn_cli
from bmnn_cli.i18n import MESSAGES
from bmnn_cli.render import Column
from bmnn_cli.render import columns as registry

PACKAGE = Path(bmnn_cli.__file__).parent


def test_every_declared_column_has_a_header_in_both_languages() -> None:
    missing = [
        f"{name}: {column.key} ({column.header})"
        for name, declared in registry.LISTINGS.items()
        for column in declared
        if column.header not in MESSAGES or not all(MESSAGES[column.header])
    ]
    assert registry.LISTINGS and missing == []


def test_a_derived_listing_takes_the_columns_of_its_source() -> None:
    """The report's sections and `due` pick the very columns `status` and `overdue`
    declare, so a header or a drop rank changed there changes here too."""
    status = {c.key: c for c in registry.LISTINGS["status"]}
    overdue = {c.key: c for c in registry.LISTINGS["overdue"]}
    for name, source in (
        ("report.worst", status),
        ("report.figures", status),
        ("report.tasks", status),
        ("report.overdue", overdue),
        ("due", overdue),
    ):
        shared = [c for c in registry.LISTINGS[name] if c.key in source]
        assert shared, name
        assert all(c is source[c.key] for c in shared), name


def test_reordering_the_source_does_not_shift_a_derived_listing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "LISTINGS", {})
    first = registry.declare("source", Column("a", "col.agency"), Column("b", "col.late", "int"))
    picked = registry.pick("source", "b")
    monkeypatch.setitem(registry.LISTINGS, "source", tuple(reversed(first)))
    assert registry.pick("source", "b") == picked == [first[1]]


def test_pick_names_a_key_the_listing_lacks() -> None:
    with pytest.raises(KeyError, match="'status' has no column nothing_here"):
        registry.pick("status", "agency", "nothing_here")


def test_a_listing_is_declared_once_with_each_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "LISTINGS", {})
    registry.declare("one", Column("a", "col.agency"))
    with pytest.raises(ValueError, match="declared twice"):
        registry.declare("one", Column("b", "col.late"))
    with pytest.raises(ValueError, match="a key twice"):
        registry.declare("two", Column("a", "col.agency"), Column("a", "col.late"))


def test_a_caller_extending_its_list_leaves_the_registry_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "LISTINGS", {})
    shown = registry.declare("one", Column("a", "col.agency"))
    shown.append(Column("ref", "col.ref"))
    assert [c.key for c in registry.pick("one", "a")] == ["a"]
    assert [c.key for c in registry.LISTINGS["one"]] == ["a"]


def _column_lists_cut_by_position(path: Path) -> list[int]:
    """Lines of `path` where a list of columns is indexed by a number or sliced:
    `X_COLUMNS[2:5]`, `X_COLUMNS[9]`, `listing.columns[:3]`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Subscript):
            continue
        target = node.value
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
        by_number = isinstance(node.slice, ast.Slice) or (
            isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int)
        )
        if by_number and (name.endswith("COLUMNS") or name == "columns"):
            found.append(node.lineno)
    return found


def test_no_column_list_is_sliced_or_indexed_by_position() -> None:
    """In every module that builds listings (the render package and its users)."""
    listing_makers = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "render" in path.parts or "bmnn_cli.render" in path.read_text(encoding="utf-8")
    ]
    assert PACKAGE / "reporting.py" in listing_makers
    found = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in listing_makers
        for line in _column_lists_cut_by_position(path)
    ]
    assert found == []


def test_the_check_sees_slices_and_numbers_not_names(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "A = [*STATUS_COLUMNS[2:8]]\nB = listing.columns[0]\nC = columns[index]\n",
        encoding="utf-8",
    )
    assert sorted(_column_lists_cut_by_position(probe)) == [1, 2]
