"""One database, many short transactions: what a `bmnn remind` run works in.

A live reminder run takes its lock, clears the claims of a run that died,
reads what is due, then claims and records each message in a transaction
of its own (`store.reminders`). On a SQLite file at the current schema,
whose schedules reach the run's last day and whose due dates were computed
with this bmnn's calendar data, every one of those transactions runs over
the standard `sqlite3` module, so a cron run does not import SQLAlchemy and
SQLModel; anything else (PostgreSQL, a file to migrate, extend or bring up
to the calendar) goes through the store's sessions, as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmnn_cli.store.reader import (
    Reader,
    SessionReader,
    connect_file,
    explain,
    file_ready,
    ready,
    sqlite_reader,
)
from bmnn_cli.store.writer import SessionWriter, SqliteWriter, Writer


@dataclass
class StoreTransactions:
    """Transactions in the store's sessions (PostgreSQL, or a file the store must upgrade)."""

    store: Any

    @property
    def dialect(self) -> str:
        return str(self.store.dialect)

    @property
    def where(self) -> str:
        return str(self.store.where)

    @property
    def path(self) -> Path:
        return Path(self.store.path)

    @property
    def engine(self) -> Any:
        """The store's engine: the run lock of PostgreSQL is held on a connection of it."""
        return self.store.engine

    @contextmanager
    def read(self) -> Iterator[Reader]:
        with self.store.read() as session:
            yield SessionReader(session)

    @contextmanager
    def write(self) -> Iterator[Writer]:
        with self.store.write() as session:
            yield SessionWriter(session)


@dataclass
class SqliteTransactions:
    """Transactions over sqlite3 on a ready file, one connection kept for the run.

    Keeping it open matters: closing the last connection to a WAL database
    checkpoints and resets the log, which for a run of a hundred messages
    (two writes each) cost more than the writes. Each write takes the lock
    (`BEGIN IMMEDIATE`) and checks again, under it, that the file is still
    ready; should another bmnn have upgraded it meanwhile, or computed its
    due dates with other calendar data, that transaction goes through the
    store (`open_store`, opened once) instead.
    """

    path: Path
    year: int  # the last year the run asks about: the schedules must reach it
    calendar: str  # the fingerprint of this bmnn's calendar data
    open_store: Callable[[], Any]
    _fallback: StoreTransactions | None = field(default=None, repr=False)
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _ready_at: int | None = field(default=None, repr=False)  # `PRAGMA data_version` then
    dialect = "sqlite"

    @property
    def where(self) -> str:
        return str(self.path)

    def _store(self) -> StoreTransactions:
        if self._fallback is None:
            self._fallback = StoreTransactions(self.open_store())
        return self._fallback

    @contextmanager
    def read(self) -> Iterator[Reader]:
        where = self.where
        with sqlite_reader(
            where, where, schema=_schema(), year=self.year, calendar=self.calendar
        ) as found:
            if found is not None:
                yield found
                return
        with self._store().read() as reader:
            yield reader

    @contextmanager
    def write(self) -> Iterator[Writer]:
        connection = self._connected()
        try:
            connection.execute("BEGIN IMMEDIATE")  # the lock first: then nobody migrates meanwhile
        except sqlite3.Error as error:
            raise explain(self.where, error) from None
        if not self._still_ready(connection):
            connection.execute("ROLLBACK")
            with self._store().write() as writer:
                yield writer
            return
        try:
            yield SqliteWriter(connection, self.where)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise explain(self.where, error) from None

    def _still_ready(self, connection: sqlite3.Connection) -> bool:
        """`ready`, asked again only when another connection has committed since it was.

        SQLite's data version changes with every commit of another connection (never
        with this one's own): unchanged, nobody can have migrated the file or computed
        its due dates again, and the checks (five statements, one of them a walk back
        through the audit log) are spared for each of a run's two writes per message.
        """
        version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        if version == self._ready_at:
            return True
        if not ready(connection, _schema(), 0, self.calendar, read_only=False):
            self._ready_at = None
            return False
        self._ready_at = version
        return True

    def _connected(self) -> sqlite3.Connection:
        if self._connection is None:
            from bmnn_cli.store.db import BUSY_TIMEOUT_MS

            try:
                connection = connect_file(self.path)
                connection.execute("PRAGMA foreign_keys = ON")
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error as error:
                raise explain(self.where, error) from None
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


Transactions = SqliteTransactions | StoreTransactions


def _schema() -> int:
    from bmnn_cli.store.migrations import SCHEMA_VERSION

    return SCHEMA_VERSION


@contextmanager
def for_run(path: Path | None, year: int, open_store: Callable[[], Any]) -> Iterator[Transactions]:
    """Over sqlite3 when `path` is a SQLite file ready for a run reaching `year`, else the store.

    `path` is None for a server database; `open_store` opens the store (as a
    question as of `year` would: extending open-ended schedules first). The
    sqlite3 connection is closed when the run ends.
    """
    from bmnn_cli.domain.calendar_data import fingerprint

    calendar = fingerprint()
    if path is None or not file_ready(path, _schema(), year, calendar):
        yield StoreTransactions(open_store())
        return
    database = SqliteTransactions(path, year, calendar, open_store)
    try:
        yield database
    finally:
        database.close()
