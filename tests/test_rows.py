"""The plain row classes the writes load agree with the tables they name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pytest
from sqlmodel import SQLModel

from bmnn_cli.store import models, rows

pytestmark = pytest.mark.no_database

ROW_CLASSES = [
    value
    for value in vars(rows).values()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and hasattr(value, "TABLE")
]


def test_every_row_class_is_checked() -> None:
    assert {cls.__name__ for cls in ROW_CLASSES} >= {"Plan", "Task", "Agency", "Obligation"}


@pytest.mark.parametrize("cls", ROW_CLASSES, ids=lambda cls: cls.__name__)
def test_row_fields_are_the_columns_of_its_table(cls: type) -> None:
    """Same names in the same order (`SELECT` lists them so), same nullability, dates as dates."""
    assert models.Obligation.__tablename__ == "obligation"  # the tables are declared
    table = SQLModel.metadata.tables[cls.TABLE]  # type: ignore[attr-defined]
    assert rows.columns(cls) == [column.name for column in table.columns]
    hints = typing.get_type_hints(cls, vars(rows) | {"dt": dt})
    for column in table.columns:
        hint = hints[column.name]
        nullable = type(None) in typing.get_args(hint)
        assert nullable == bool(column.nullable and not column.primary_key), column.name
        is_date = dt.date in (typing.get_args(hint) or (hint,))
        assert is_date == (column.type.python_type is dt.date), column.name
