"""Listings written as JSON by the database itself, one object per row.

`bmnn overdue` and `bmnn due` in `--format json` pass these lines through as
UTF-8: SQLite's `json_object` (PostgreSQL's `row_to_json`) writes each row, so
a hundred thousand rows never become Python dictionaries only to be encoded
again, nor (over the sqlite3 module) Python strings. The lines hold the keys
and values of the listings' plain rows (`store.queries`), in the order JSON
and CSV write them, without spaces;
tests/test_overdue_json.py holds every line to Python's encoding of the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.queries import (
    FROM_LISTED,
    LISTED_ORDER,
    ORDER_COLUMNS,
    STATUS_WHERE,
    Window,
    as_of_params,
    overdue_sql,
    scope_conditions,
)
from bmnn_cli.store.reader import reader_of, utf8_lines

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source


def overdue(
    source: Source, scope: Scope, as_of: dt.date, window: Window | None = None
) -> Iterator[bytes]:
    """The rows of `queries.iter_overdue(as_text=True)`, in its order, as JSON lines."""
    reader = reader_of(source)
    params = as_of_params(as_of)
    days = _days_between(":as_of", "o.effective_due", reader.dialect)
    line = _json_line(reader.dialect, status="'overdue'", days_late=days, days_left="NULL")
    columns = f"{line} AS line, {ORDER_COLUMNS}"
    return utf8_lines(reader, overdue_sql(columns, scope, params, window, reader), params)


def due(source: Source, scope: Scope, as_of: dt.date, days: int) -> Iterator[bytes]:
    """The rows of `queries.due_within`, in its order, as JSON lines."""
    reader = reader_of(source)
    params = as_of_params(as_of)
    window = Window(as_of, as_of + dt.timedelta(days=days))
    where = scope_conditions(scope, params, window) + f" AND {STATUS_WHERE['pending']}"
    left = _days_between("o.effective_due", ":as_of", reader.dialect)
    line = _json_line(reader.dialect, status="'pending'", days_late="NULL", days_left=left)
    sql = f"SELECT {line} {FROM_LISTED} WHERE {where} ORDER BY {LISTED_ORDER}"
    return utf8_lines(reader, sql, params)


def _json_line(dialect: str, **computed: str) -> str:
    """SQL writing a row's JSON object: the stored fields and the `computed` ones, in
    `JSON_KEYS` order, without spaces (PostgreSQL's row_to_json writes what SQLite's
    json_object does)."""
    fields = {**_STORED, **computed}
    pairs = [(key, fields[key]) for key in JSON_KEYS]
    if dialect == "postgresql":
        listed = ", ".join(f"{expr} AS {key}" for key, expr in pairs)
        return f"(SELECT row_to_json(r)::text FROM (SELECT {listed}) AS r)"
    listed = ", ".join(f"'{key}', {expr}" for key, expr in pairs)
    return f"json_object({listed})"


# An obligation row's keys in the order JSON and CSV write them, and what each is in SQL.
JSON_KEYS = (
    "agency_id", "agency", "plan", "task", "title", "period", "scheduled_due", "effective_due",
    "status", "submitted_on", "days_late", "days_left", "deadline",
)  # fmt: skip
_STORED = {
    "agency_id": "a.code", "agency": "a.name", "plan": "p.code", "task": "t.code",
    "title": "t.title", "period": "o.period", "scheduled_due": "o.scheduled_due",
    "effective_due": "o.effective_due", "submitted_on": "o.submitted_on",
    "deadline": "t.deadline",
}  # fmt: skip


def _days_between(later: str, earlier: str, dialect: str) -> str:
    """Whole days from the date `earlier` to the date `later`, in SQL."""
    if dialect == "postgresql":
        return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
