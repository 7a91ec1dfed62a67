"""Writes in plain SQL, over SQLite's own module or a SQLAlchemy session.

A write is a few statements (find the obligation, insert the submission,
update the row, log it): on a SQLite file already at the current schema and
calendar it runs over the standard `sqlite3` module in one `BEGIN IMMEDIATE`
transaction, so `bmnn submit` does not spend half a second importing
SQLAlchemy and SQLModel to insert two rows (benchmarks/RESULTS.md). On
PostgreSQL, or on a file that must first be migrated or brought up to the
calendar, the same SQL runs inside the store's session (`SessionWriter`),
after the store has done that work in the same transaction.

Statements use `:name` parameters on both engines. Dates are passed as
`datetime.date`; on SQLite they are stored as ISO text, as SQLAlchemy's Date
type stores them, so rows written either way read back the same.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable

from bmnn_cli.store.reader import (
    Params,
    Reader,
    SessionReader,
    SqliteReader,
    connect_file,
    explain,
)


@runtime_checkable
class Writer(Reader, Protocol):
    """A Reader that can also change rows, inside one transaction it does not end."""

    def execute(self, sql: str, params: Params = None) -> int:
        """Run one statement; the number of rows it changed."""
        ...

    def insert(self, sql: str, params: Params = None) -> int:
        """Run an `INSERT … RETURNING id`; the new row's id."""
        ...

    def many(self, sql: str, params: Iterable[Mapping[str, Any]]) -> None:
        """Run one statement for each set of parameters."""
        ...


def _sqlite_params(params: Params) -> dict[str, Any]:
    """Parameters as the sqlite3 module should bind them: dates as ISO text (its own date
    adapters are deprecated). Inlined, as a register binds a few hundred thousand rows."""
    date = dt.date
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in (params or {}).items()
    }


class SqliteWriter(SqliteReader):
    """The Writer of a SQLite file opened with the standard module."""

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]:
        return super().rows(sql, _sqlite_params(params))

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        return super().mappings(sql, _sqlite_params(params))

    def execute(self, sql: str, params: Params = None) -> int:
        try:
            return self.connection.execute(sql, _sqlite_params(params)).rowcount
        except sqlite3.Error as error:
            raise explain(self.where, error) from None

    def insert(self, sql: str, params: Params = None) -> int:
        try:
            row = self.connection.execute(sql, _sqlite_params(params)).fetchone()
        except sqlite3.Error as error:
            raise explain(self.where, error) from None
        return int(row[0])

    def many(self, sql: str, params: Iterable[Mapping[str, Any]]) -> None:
        try:
            self.connection.executemany(sql, (_sqlite_params(p) for p in params))
        except sqlite3.Error as error:
            raise explain(self.where, error) from None


class SessionWriter(SessionReader):
    """The Writer of an open SQLAlchemy session, in the session's own transaction."""

    def execute(self, sql: str, params: Params = None) -> int:
        return int(self._execute(sql, params).rowcount)

    def insert(self, sql: str, params: Params = None) -> int:
        return int(self._execute(sql, params).scalar_one())

    def many(self, sql: str, params: Iterable[Mapping[str, Any]]) -> None:
        from sqlalchemy import text

        batch = [dict(p) for p in params]
        if batch:
            self.session.flush()
            self.session.connection().execute(text(sql), batch)


def writer_of(session_or_writer: Any) -> Writer:
    """A Writer for a session, so code still holding a session can run the same SQL."""
    if isinstance(session_or_writer, Writer):
        return session_or_writer
    return SessionWriter(session_or_writer)


@contextmanager
def sqlite_writer(
    path: str,
    where: str,
    *,
    schema: int,
    calendar: str | None,
    year: int = 0,
    dry_run: bool = False,
) -> Iterator[Writer | None]:
    """One writing transaction on `path` over sqlite3, or None when the store must open it.

    None when the file is missing, is not at schema `schema`, its due dates
    were computed with calendar data other than `calendar` or a plan's
    schedules stop short of `year` (0: any year): the store then migrates it,
    recomputes or extends them, in the write's own transaction. The
    transaction is committed when the block ends, rolled back on an error or
    with `dry_run`.
    """
    from bmnn_cli.store.db import BUSY_TIMEOUT_MS
    from bmnn_cli.store.reader import ready

    try:
        connection = connect_file(path)
    except sqlite3.Error:
        yield None
        return
    try:
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("BEGIN IMMEDIATE")  # the lock first: then nobody migrates meanwhile
        except sqlite3.Error as error:
            raise explain(where, error) from None
        if not ready(connection, schema, year, calendar, read_only=False):
            connection.execute("ROLLBACK")
            yield None
            return
        try:
            yield SqliteWriter(connection, where)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("ROLLBACK" if dry_run else "COMMIT")
        except sqlite3.Error as error:
            raise explain(where, error) from None
    finally:
        connection.close()
