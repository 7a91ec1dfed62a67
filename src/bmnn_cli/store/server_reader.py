"""Read-only questions on a PostgreSQL database over psycopg alone.

What `reader.sqlite_reader` is for a SQLite file: a database at the current
schema, whose schedules reach the year asked and whose due dates follow this
bmnn's calendar data, is read with the driver itself, so a question does not
import SQLAlchemy and SQLModel first (about 0.7 s of a 1.1 s `bmnn overdue`
on PostgreSQL). Anything else goes through the store, which migrates,
extends or says what is wrong. The SQL is the same: `:name` parameters,
turned into psycopg's `%(name)s` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bmnn_cli.store.reader import Params, Reader, calendar_of_log, explain

DRIVER_PREFIX = "postgresql+psycopg://"  # the URLs bmnn documents; others go through the store

# A `:name` parameter, as SQLAlchemy's text() finds it: not a `::` cast, nor `\:`.
_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


def to_psycopg(sql: str) -> str:
    """The SQL with `:name` parameters written as psycopg's `%(name)s` (and `%` doubled)."""
    return _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))


class ServerReader:
    """The Reader of a psycopg connection, in one read-only, repeatable-read transaction."""

    dialect = "postgresql"

    def __init__(self, connection: Any, where: str) -> None:
        self.connection, self.where = connection, where

    def _cursor(self, sql: str, params: Params) -> Any:
        import psycopg

        try:
            return self.connection.execute(to_psycopg(sql), dict(params or {}))
        except psycopg.Error as error:
            raise explain(self.where, error) from None

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]:
        yield from self._cursor(sql, params)

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        cursor = self._cursor(sql, params)
        names = [column.name for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))


@contextmanager
def server_reader(
    url: str, where: str, *, migrations: Sequence[str], year: int, calendar: str | None = None
) -> Iterator[Reader | None]:
    """A psycopg Reader on `url`, or None when the database needs the store first.

    None for a URL of another driver, a database without bmnn's schema or with
    other migrations than `migrations` (to apply, or newer: refused by the store),
    schedules short of `year` (0 asks nothing) or due dates of other calendar
    data than `calendar`. A server that cannot be reached is said as the store
    says it.
    """
    if not url.startswith(DRIVER_PREFIX):
        yield None
        return
    import psycopg

    try:
        connection = psycopg.connect("postgresql://" + url.removeprefix(DRIVER_PREFIX))
    except psycopg.Error as error:
        raise explain(where, error) from None
    try:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ  # one snapshot
        connection.read_only = True
        reader = ServerReader(connection, where)
        yield reader if _ready(reader, migrations, year, calendar) else None
    finally:
        connection.rollback()
        connection.close()


def _ready(
    reader: ServerReader, migrations: Sequence[str], year: int, calendar: str | None
) -> bool:
    if next(reader.rows("SELECT to_regclass('_bmnn_migrations')"))[0] is None:
        return False
    if {name for (name,) in reader.rows("SELECT name FROM _bmnn_migrations")} != set(migrations):
        return False
    behind = "SELECT 1 FROM plan WHERE through_year < :year LIMIT 1"
    if next(reader.rows(behind, {"year": year}), None) is not None:
        return False
    if calendar is None or next(reader.rows("SELECT 1 FROM plan LIMIT 1"), None) is None:
        return True
    return calendar_of_log(reader) == calendar
