"""The listings' SQL stays on the indexes that make them fast at country scale.

At a million obligations the difference between a range over an index and a
walk over the table is ten times the answer's time (benchmarks/RESULTS.md),
and SQLite's choice turns on how a condition is written. Each question's
statements are captured as sent and SQLite's EXPLAIN QUERY PLAN must name
the index it is meant to use.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bmnn_cli.store import counts, json_lines, queries
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.reader import Params, SqliteReader
from conftest import Db

pytestmark = pytest.mark.sqlite_only

AS_OF = dt.date(2026, 11, 27)
QUARTER = queries.Window(dt.date(2026, 10, 1), dt.date(2026, 12, 31))


class Capture(SqliteReader):
    """A Reader that notes each statement it runs."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        super().__init__(connection, "test")
        self.sent: list[tuple[str, Params]] = []

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]:
        self.sent.append((sql, params))
        return super().rows(sql, params)

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        self.sent.append((sql, params))
        return super().mappings(sql, params)

    def utf8(self, sql: str, params: Params = None) -> Iterator[bytes]:
        self.sent.append((sql, params))
        return super().utf8(sql, params)


def _plan(db: Db, ask: Callable[[Capture], object]) -> str:
    """SQLite's plan of the longest statement `ask` sends (the question's own), as one line."""
    connection = sqlite3.connect(Path(db))
    try:
        reader = Capture(connection)
        ask(reader)
        sql, params = max(reader.sent, key=lambda sent: len(sent[0]))
        rows = connection.execute(f"EXPLAIN QUERY PLAN {sql}", dict(params or {}))
        return " | ".join(str(row[-1]) for row in rows)
    finally:
        connection.close()


def test_the_overdue_listing_reads_open_rows_through_their_index(lao_cai: Db) -> None:
    plan = _plan(lao_cai, lambda r: list(json_lines.overdue(r, Scope(), AS_OF)))
    assert "ix_obligation_open" in plan and "ix_obligation_sent" in plan, plan
    assert "ix_obligation_due" not in plan, plan  # the walk over every period done


def test_counts_for_a_quarter_range_over_the_due_dates(lao_cai: Db) -> None:
    """Asked with the tasks as an IN list, SQLite walked the obligations task by task."""
    plan = _plan(lao_cai, lambda r: counts.status(r, Scope(), AS_OF, QUARTER))
    assert "ix_obligation_due (effective_due>? AND effective_due<?)" in plan, plan


def test_counts_for_a_quarter_are_the_counts_of_its_rows(lao_cai: Db) -> None:
    """The same figures as counting the quarter's listed rows by status, per agency."""
    connection = sqlite3.connect(Path(lao_cai))
    try:
        reader = SqliteReader(connection, "test")
        rows = counts.status(reader, Scope(), AS_OF, QUARTER)
        listed = list(queries.iter_obligations(reader, Scope(), AS_OF, window=QUARTER))
    finally:
        connection.close()
    total = next(row for row in rows if row["level"] == "total")
    assert total["obligations"] == len(listed) > 0
    assert total["overdue"] == sum(row["status"] == "overdue" for row in listed)
    assert total["on_time"] == sum(row["status"] == "done_on_time" for row in listed)


@pytest.mark.parametrize("probe", [1, queries.SENT_AFTER_PROBE])
def test_rows_sent_later_are_found_through_the_smaller_index(
    lao_cai: Db, monkeypatch: pytest.MonkeyPatch, probe: int
) -> None:
    """Few sent after the day (asked about today): the index on the sending day;
    many (a day long past): the due dates before the day. The same rows either way."""
    connection = sqlite3.connect(Path(lao_cai))
    with connection:
        connection.execute(
            "UPDATE obligation SET submitted_on = '2026-12-01' WHERE id IN "
            "(SELECT id FROM obligation WHERE effective_due < :day LIMIT 3)",
            {"day": AS_OF.isoformat()},
        )
    before = list(json_lines.overdue(SqliteReader(connection, "t"), Scope(), AS_OF))
    connection.close()
    monkeypatch.setattr(queries, "SENT_AFTER_PROBE", probe)
    plan = _plan(lao_cai, lambda r: list(json_lines.overdue(r, Scope(), AS_OF)))
    assert ("ix_obligation_sent" in plan) is (probe > 3), plan
    connection = sqlite3.connect(Path(lao_cai))
    try:
        reader = SqliteReader(connection, "t")
        assert list(json_lines.overdue(reader, Scope(), AS_OF)) == before
        assert sum(b'"submitted_on":"2026-12-01"' in line for line in before) == 3
    finally:
        connection.close()
