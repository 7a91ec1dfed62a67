"""Stored rows as plain values, for the writes that run without the ORM.

Each class names the columns a write reads of its table; `tests/test_rows.py`
holds them to the migrated schema (every field is a column of that table).
Rows are loaded with `one`/`all_of` over any Reader, dates as `datetime.date`
on both engines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, ClassVar, Protocol, TypeVar

from bmnn_cli.store.reader import Params, Reader, as_date


@dataclass
class Province:
    TABLE: ClassVar[str] = "province"
    id: int
    code: str
    name: str
    days_off: str
    working_days: str


@dataclass
class Agency:
    TABLE: ClassVar[str] = "agency"
    id: int
    province_id: int
    code: str
    name: str
    kind: str
    aliases: str
    emails: str
    successor_id: int | None
    merged_on: dt.date | None
    position: int


@dataclass
class Plan:
    TABLE: ClassVar[str] = "plan"
    id: int
    code: str
    province_id: int
    number: str
    title: str
    issuer: str
    issued: dt.date | None
    year: int
    source: str
    before_rule: str
    roll_to_working_day: bool
    yearly_due: str
    through_year: int
    imported_at: str


@dataclass
class Task:
    TABLE: ClassVar[str] = "task"
    id: int
    plan_id: int
    code: str
    title: str
    deliverable: str
    deadline: str
    schedule: str
    note: str
    source_line: int | None
    position: int
    archived_at: str | None


@dataclass
class Obligation:
    TABLE: ClassVar[str] = "obligation"
    id: int
    task_id: int
    agency_id: int
    period: str
    year: int
    starts_on: dt.date | None
    scheduled_due: dt.date | None
    effective_due: dt.date | None
    request_id: int | None
    inherited_from: int | None
    submitted_on: dt.date | None
    begins_on: dt.date | None
    waived_on: dt.date | None


@dataclass
class Submission:
    TABLE: ClassVar[str] = "submission"
    id: int
    obligation_id: int
    submitted_on: dt.date
    ref: str
    note: str
    state: str
    replaces_id: int | None
    reason: str
    recorded_at: str
    recorded_by: str


@dataclass
class Waiver:
    TABLE: ClassVar[str] = "waiver"
    id: int
    obligation_id: int
    waived_on: dt.date
    reason: str
    state: str
    recorded_at: str
    recorded_by: str


class Row(Protocol):
    TABLE: ClassVar[str]


R = TypeVar("R", bound=Row)


def columns(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def select(cls: type, alias: str = "") -> str:
    """`SELECT` of every column of `cls`, each prefixed with `alias.` when given."""
    prefix = f"{alias}." if alias else ""
    return "SELECT " + ", ".join(prefix + name for name in columns(cls))


@cache
def _kinds(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """The fields of `cls` declared as dates and as booleans (SQLite gives text and 0/1)."""
    hints = {f.name: str(f.type) for f in fields(cls)}
    dates = frozenset(name for name, hint in hints.items() if "dt.date" in hint)
    flags = frozenset(name for name, hint in hints.items() if hint == "bool")
    return dates, flags


def _build(cls: type[R], values: tuple[Any, ...]) -> R:
    row = dict(zip(columns(cls), values, strict=True))
    dates, flags = _kinds(cls)
    for name in dates:
        row[name] = as_date(row[name])
    for name in flags:
        row[name] = bool(row[name])
    return cls(**row)


def all_of(reader: Reader, cls: type[R], rest: str, params: Params = None) -> list[R]:
    """The rows of `cls` that `rest` (FROM … WHERE … ORDER BY …) finds.

    `rest` starts after the column list: "FROM obligation WHERE task_id = :task".
    """
    return [_build(cls, values) for values in reader.rows(f"{select(cls)} {rest}", params)]


def one(reader: Reader, cls: type[R], row_id: int) -> R:
    """The row of `cls` with this id (it must exist: ids come from the same transaction)."""
    found = all_of(reader, cls, f"FROM {cls.TABLE} WHERE id = :id", {"id": row_id})
    if not found:
        raise LookupError(f"{cls.TABLE} {row_id}")
    return found[0]


@dataclass
class AgencyGroup:
    TABLE: ClassVar[str] = "agency_group"
    id: int
    province_id: int
    code: str
    name: str
    aliases: str
    position: int


@dataclass
class Request:
    TABLE: ClassVar[str] = "request"
    id: int
    task_id: int
    kind: str
    happened_on: dt.date
    due: dt.date
    agencies: str
    ref: str
    note: str
    recorded_at: str
