"""Read-only questions in plain SQL, over SQLite's own module or a SQLAlchemy session.

The listings an officer runs every day (overdue, due, status, report) are
plain SQL with `:name` parameters. On a SQLite file that is already at the
current schema they run over the standard `sqlite3` module, so a question
does not spend about half a second importing SQLAlchemy and SQLModel before
it reads a row (benchmarks/RESULTS.md). Everywhere else (PostgreSQL, a file
still to be migrated or extended) the same SQL runs through the session.
Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable

from bmnn_cli.errors import DatabaseError
from bmnn_cli.i18n import t

Params = Mapping[str, Any] | None


def file_uri(path: Any, mode: str = "rw") -> str:
    """The SQLite URI of the file at `path`, its name percent-encoded: a "#" or "?" in a
    folder or file name would otherwise end the path and open another file."""
    from pathlib import Path

    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def connect_file(path: Any, *, read_only: bool = False) -> sqlite3.Connection:
    """The file, never created (a missing one is the store's to make); BEGIN is ours to say."""
    return sqlite3.connect(
        file_uri(path, "ro" if read_only else "rw"), uri=True, isolation_level=None
    )


def as_date(value: Any) -> dt.date | None:
    """A DATE column's value: text on SQLite, a date on PostgreSQL."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@runtime_checkable
class Reader(Protocol):
    """What the query modules need: rows as tuples or as dictionaries."""

    @property
    def dialect(self) -> str: ...

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]: ...

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]: ...


class SessionReader:
    """The Reader of an open SQLAlchemy session (any engine)."""

    def __init__(self, session: Any) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return str(self.session.get_bind().dialect.name)

    def _execute(self, sql: str, params: Params) -> Any:
        from sqlalchemy import text

        self.session.flush()  # as a query through the ORM would: pending rows are seen
        return self.session.connection().execute(text(sql), dict(params or {}))

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]:
        return (tuple(row) for row in self._execute(sql, params))

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        return (dict(row) for row in self._execute(sql, params).mappings())


def reader_of(session_or_reader: Any) -> Reader:
    """A Reader for a session, so that code holding a session can ask the same questions."""
    if isinstance(session_or_reader, Reader):
        return session_or_reader
    return SessionReader(session_or_reader)


class SqliteReader:
    """The Reader of a SQLite file opened with the standard module, in one read transaction."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self.connection, self.where = connection, where

    def rows(self, sql: str, params: Params = None) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self.connection.execute(sql, dict(params or {}))
        except sqlite3.Error as error:
            raise explain(self.where, error) from None

    def mappings(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        try:
            cursor = self.connection.execute(sql, dict(params or {}))
            names = [d[0] for d in cursor.description]
            for row in cursor:
                yield dict(zip(names, row, strict=True))
        except sqlite3.Error as error:
            raise explain(self.where, error) from None

    def utf8(self, sql: str, params: Params = None) -> Iterator[bytes]:
        """The first column of each row as the file holds it, UTF-8 never decoded.

        The connection gives bytes only while a batch is fetched, so any other
        read on it, even between two batches, still gets text.
        """
        try:
            cursor = self.connection.execute(sql, dict(params or {}))
            while True:
                self.connection.text_factory = bytes
                try:
                    batch = cursor.fetchmany(_BATCH)
                finally:
                    self.connection.text_factory = str
                if not batch:
                    return
                for row in batch:
                    yield row[0]
        except sqlite3.Error as error:
            raise explain(self.where, error) from None


_BATCH = 1000  # rows fetched at a time as bytes


def utf8_lines(reader: Reader, sql: str, params: Params = None) -> Iterator[bytes]:
    """The first column of each row, text the database wrote, as UTF-8 to pass through.

    Over the sqlite3 module the text is never turned into Python strings and
    back (64 MB for a country's overdue listing); through a session it is encoded.
    """
    if isinstance(reader, SqliteReader):
        return reader.utf8(sql, params)
    return (str(row[0]).encode() for row in reader.rows(sql, params))


@contextmanager
def sqlite_reader(
    path: str, where: str, *, schema: int, year: int, calendar: str | None = None
) -> Iterator[Reader | None]:
    """A plain sqlite3 Reader on `path`, or None when the file needs the full store first.

    None when the file is missing, is not at schema `schema` (it must be
    migrated, or is refused as newer) or holds a plan whose schedules do not
    reach `year` yet, or whose due dates were computed with calendar data
    other than `calendar` (a fingerprint): the caller then opens the store,
    which does those things and says what is wrong.
    """
    try:
        connection = connect_file(path)
    except sqlite3.Error:
        yield None
        return
    try:
        ready_ = ready(connection, schema, year, calendar)
        if ready_:  # one snapshot for every query of the answer, as a writer may commit meanwhile
            connection.execute("BEGIN")
        yield SqliteReader(connection, where) if ready_ else None
    finally:
        connection.close()


def ready(
    connection: sqlite3.Connection,
    schema: int,
    year: int,
    calendar: str | None = None,
    *,
    read_only: bool = True,
) -> bool:
    """Whether the file needs nothing of the full store: schema, years and calendar current.

    `year` 0 asks nothing of the years; `read_only` also makes the connection refuse writes.
    """
    from bmnn_cli.store.db import BUSY_TIMEOUT_MS

    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            connection.execute("PRAGMA query_only = ON")
        if connection.execute("PRAGMA user_version").fetchone()[0] != schema:
            return False
        behind = "SELECT 1 FROM plan WHERE through_year < ? LIMIT 1"
        if connection.execute(behind, (year,)).fetchone() is not None:
            return False
        if calendar is None or connection.execute("SELECT 1 FROM plan LIMIT 1").fetchone() is None:
            return True
        return calendar_of_log(SqliteReader(connection, "")) == calendar
    except sqlite3.Error:
        return False


def file_ready(path: Any, schema: int, year: int = 0, calendar: str | None = None) -> bool:
    """`ready` for a file by its path: False also when it is missing or cannot be opened."""
    import contextlib
    from pathlib import Path

    if not Path(path).is_file():
        return False
    try:
        connection = connect_file(path)
    except sqlite3.Error:
        return False
    with contextlib.closing(connection):
        return ready(connection, schema, year, calendar)


def calendar_of_log(reader: Reader) -> str | None:
    """The fingerprint of the calendar data the stored due dates were computed with.

    Kept in the audit log: each "calendar" entry starts with it.
    """
    rows = reader.rows(
        "SELECT detail FROM audit_log WHERE action = 'calendar' ORDER BY id DESC LIMIT 1"
    )
    detail = next(iter(rows), (None,))[0]
    return str(detail).split(": ", 1)[0] if detail else None


def explain(where: str, error: BaseException) -> DatabaseError:
    """A database error as one line a person can act on, whichever engine raised it."""
    text = str(getattr(error, "orig", None) or error).strip()
    if "file is not a database" in text:
        return DatabaseError(t("err.store.not_sqlite", where=where))
    if "readonly" in text or "read-only" in text:
        return DatabaseError(t("err.store.read_only", where=where))
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return DatabaseError(t("err.store.busy", where=where))
    if "unable to open" in text:
        if _folder_read_only(where):
            return DatabaseError(t("err.hostile.folder_read_only", where=where))
        return DatabaseError(t("err.store.cannot_open", where=where))
    if any(
        word in text
        for word in (
            "could not connect",
            "connection refused",
            "connection to server",
            'database "',
        )
    ):
        first = text.splitlines()[0]
        return DatabaseError(t("err.store.cannot_connect", where=where, error=first))
    detail = text.splitlines()[0] if text else error
    return DatabaseError(t("err.store.database_error", where=where, error=detail))


def _folder_read_only(where: str) -> bool:
    """Whether a SQLite file exists in a folder bmnn cannot write (even reading needs -shm)."""
    import os
    from pathlib import Path

    path = Path(where)
    folder = path.parent if str(path.parent) else Path(".")
    return path.is_file() and not os.access(folder, os.W_OK)
