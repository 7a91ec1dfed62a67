"""The database: where it is, how it is opened, and how transactions run.

SQLite on one machine is the default; PostgreSQL (`--db
postgresql+psycopg://user@host/dbname`) is the shared engine for a team. The
same code runs on both; what differs is kept here:

- Writes are serialised and take their lock up front: on SQLite every
  writing transaction starts with `BEGIN IMMEDIATE` (a writer waits for the
  lock, busy timeout 10 minutes, instead of failing half-way with "database
  is locked"); on PostgreSQL it takes a transaction-level advisory lock, with
  a 10-minute lock timeout. The wait is longer than the longest bounded write
  (a register at its 20 MB limit, about 450 000 rows: about a minute of CPU,
  a few minutes on a busy machine), so a writer queued behind it records its
  write instead of giving up. Reads never
  wait for writers on either.
- SQLite enforces foreign keys per connection (turned on here) and runs in
  WAL mode; PostgreSQL does both by itself.
- Migrations run on open, on both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn_cli.errors import DatabaseError
from bmnn_cli.i18n import t
from bmnn_cli.store.migrations import MIGRATIONS, NAMES, SCHEMA_VERSION, script_for
from bmnn_cli.store.reader import explain as _explain
from bmnn_cli.store.reader import file_uri

ENV_VAR = "BMNN_DB"
BUSY_TIMEOUT_MS = 600_000  # beyond the longest bounded write; Ctrl-C stops a wait
MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS _bmnn_migrations "
    "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
)
WRITE_LOCK_KEY = 0x626D6E6E  # "bmnn": the advisory lock all writers share on PostgreSQL


def default_path() -> Path:
    """Per-user data folder: ~/.local/share/bmnn/bmnn.db on Linux."""
    import platformdirs

    return platformdirs.user_data_path("bmnn") / "bmnn.db"


@dataclass(frozen=True)
class Target:
    """The database a run uses: a SQLite file or a server URL, and what chose it."""

    text: str
    source: str  # option | env | default

    @property
    def is_url(self) -> bool:
        return "://" in self.text and not self.text.startswith("sqlite:")

    @property
    def path(self) -> Path:
        """The SQLite file (`sqlite:///x.db` URLs are accepted too)."""
        return Path(self.text.removeprefix("sqlite:///")).expanduser()

    @property
    def display(self) -> str:
        """Safe to print: a URL never shows its password."""
        if not self.is_url:
            return str(self.path)
        from urllib.parse import urlsplit, urlunsplit

        try:
            parts = urlsplit(self.text)
            userinfo, at, host = parts.netloc.rpartition("@")
            if not at or ":" not in userinfo:
                return self.text
            user = userinfo.split(":", 1)[0]
            return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
        except ValueError:  # a malformed URL is shown without its secrets
            return self.text.split("@")[-1]


def resolve(option: str | None) -> Target:
    """The database to use: --db, then BMNN_DB, then the per-user default."""
    if option:
        return Target(option, "option")
    if os.environ.get(ENV_VAR):
        return Target(os.environ[ENV_VAR], "env")
    return Target(str(default_path()), "default")


@dataclass
class Store:
    """An open database. `extend_to` is the year a question looks as far as.

    Open-ended schedules owe obligations up to the year asked about, and
    due dates follow the calendar data in force. When the stored ones stop
    short of the year or were computed with other calendar data, a read
    (with `refresh`) works them out inside its own transaction and rolls
    them back, so a question sees what would be stored and leaves the
    database as it was; a write stores them with an audit entry, in the
    same transaction as the change it makes.
    """

    target: Target
    engine: Any
    extend_to: int | None = None
    refresh: bool = False  # reads recompute (and roll back) what `_extend` does

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    @property
    def path(self) -> Path:
        """The SQLite file; PostgreSQL stores have none."""
        if self.dialect != "sqlite":
            raise DatabaseError(t("err.store.postgresql_no_file", where=self.where))
        return self.target.path

    @property
    def where(self) -> str:
        return self.target.display

    @contextmanager
    def write(self, *, dry_run: bool = False) -> Iterator[Any]:
        """One writing transaction: all of it is committed, or none of it.

        With `dry_run` the work is done and then rolled back, so a preview
        reports exactly what a real run would change.
        """
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        bind = self.engine.execution_options(bmnn_begin="IMMEDIATE")
        try:
            with Session(bind, autoflush=True, expire_on_commit=False) as session:
                session.begin()
                try:
                    self._extend(session, write=True)
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                if dry_run:
                    session.rollback()
                else:
                    session.commit()
        except DBAPIError as error:
            raise _explain(self.where, error) from None

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A session that never commits (what `extend_to` adds is rolled back)."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        if not self.refresh:
            bind = self.engine
        else:  # it writes before it reads: take the write lock first, as writers do
            bind = self.engine.execution_options(bmnn_begin="IMMEDIATE")
        try:
            with Session(bind, autoflush=True) as session:
                try:
                    self._extend(session)
                    yield session
                finally:
                    session.rollback()
        except DBAPIError as error:
            raise _explain(self.where, error) from None

    def _extend(self, session: Any, *, write: bool = False) -> None:
        """Bring the obligations up to the calendar in force and to `extend_to`.

        Always before a write; before a read when `refresh` asks for it.
        """
        if not (write or self.refresh):
            return
        from bmnn_cli.store.upkeep import ensure_through, follow_calendar
        from bmnn_cli.store.writer import writer_of

        writer = writer_of(session)
        follow_calendar(writer)
        if self.extend_to is not None:
            ensure_through(writer, self.extend_to)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
            return len(_applied(conn))


def _sqlite_engine(path: Path, *, read_only: bool = False) -> Any:
    """An engine for the file at `path` (there already); `read_only` opens it as mode=ro."""
    import sqlite3

    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    # Through a URI built here, not `sqlite:///{path}`: SQLAlchemy's URL would end the path
    # at a "?" in its name and open (and make) another file.
    uri = file_uri(path, "ro" if read_only else "rw")
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("bmnn_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


# Kept under its old name: tests open a file read-only through it.
_engine = _sqlite_engine


def _server_engine(url: str) -> Any:
    """The engine of a server database: one per URL and process, reused by each command.

    It keeps one connection for the whole command: opening, migrating and the command's
    own transactions each opened a server connection of their own before (a process
    forked on the server, and a round trip or a TLS handshake each over a network).
    Kept for the next command in the same process (tests, a program calling bmnn), the
    engine also spares its dialect's set-up queries; `close_all` ends each command's
    connection.
    """
    if url not in _SERVER_ENGINES:
        _SERVER_ENGINES[url] = _new_server_engine(url)
    return _SERVER_ENGINES[url]


def _new_server_engine(url: str) -> Any:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        engine = create_engine(url, pool_size=1, max_overflow=4)
    except NoSuchModuleError:
        raise DatabaseError(t("err.store.unsupported_kind", kind=url.split(":")[0])) from None
    except ArgumentError as error:
        raise DatabaseError(t("err.store.bad_url", error=error)) from None
    except ModuleNotFoundError as error:
        raise DatabaseError(t("err.store.driver_missing", name=error.name)) from None
    if engine.dialect.name != "postgresql":
        raise DatabaseError(t("err.store.unsupported_engine", name=engine.dialect.name))

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("bmnn_begin") == "IMMEDIATE":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    return engine


_SERVER_ENGINES: dict[str, Any] = {}  # by URL: the server engines this process opened


def close_all() -> None:
    """Close the connections the server engines keep (each engine stays, for reuse).

    Called when a command ends (`cli.app.BmnnGroup.invoke`): in a process that
    runs several commands, a kept connection would otherwise stay open after the
    command, holding its database (which then cannot be dropped or copied).
    """
    for engine in _SERVER_ENGINES.values():
        engine.dispose()


def open_store(target: Target | Path | str, *, create: bool) -> Store:
    """Open (and, when `create`, make) the database, then migrate it."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(target, Target):
        target = Target(str(target), "option")
    if target.is_url:
        store = Store(target, _server_engine(target.text))
    else:
        _check_file(target.path, create=create, make_folder=target.source == "default")
        store = Store(target, _engine(target.path))
    try:
        _migrate(store)
    except DBAPIError as error:
        raise _explain(target.display, error) from None
    return store


def create_sqlite(path: Path, *, make_folder: bool = False) -> None:
    """Make a new SQLite file at the current schema with the standard module alone.

    What `open_store(..., create=True)` and `_migrate` do for a file not there
    yet, without importing SQLAlchemy (about 0.4 s, most of a first `bmnn
    import`): the file readable by its owner only, WAL mode, every migration
    in one transaction, recorded as the store records them. A file that is
    there already is left to the store.
    """
    import sqlite3

    if path.exists():
        return
    _check_file(path, create=True, make_folder=make_folder)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")
        if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
            connection.execute(MIGRATIONS_TABLE)
            _apply_pending(connection.execute, "sqlite", applied=set())
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise _explain(str(path), error) from None
    finally:
        connection.close()


def _apply_pending(execute: Callable[[str], Any], dialect: str, *, applied: set[str]) -> None:
    """Run and record each migration not yet `applied`, through any driver's `execute`.

    The names are this module's own (`NNN_words`), so they are written into the
    statement: the drivers' parameter styles differ.
    """
    for name, script in MIGRATIONS:
        if name in applied:
            continue
        assert re.fullmatch(r"\d{3}_\w+", name), name
        for statement in script_for(script, dialect):
            execute(statement)
        execute(f"INSERT INTO _bmnn_migrations (name) VALUES ('{name}')")
    if dialect == "sqlite":
        execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_file(path: Path, *, create: bool, make_folder: bool = False) -> None:
    """Refuse a folder or a missing file; make the file when `create`.

    Its folder is made only for the default location (`make_folder`): a folder
    named with --db or BMNN_DB that is not there is more likely a typo (in a
    crontab, say) than a wish, and a second, diverging database would follow.
    """
    if path.is_dir():
        raise DatabaseError(t("err.store.is_folder", path=path))
    if path.exists():
        return
    if not create:
        raise DatabaseError(t("err.store.no_database", path=path))
    if not make_folder and not path.parent.is_dir():
        raise DatabaseError(t("err.store.no_folder", path=path, folder=path.parent))
    try:  # an empty file readable by its owner only: the records are sensitive
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError as error:
        raise DatabaseError(t("err.store.cannot_create", path=path, error=error.strerror)) from None


def _applied(conn: Any) -> set[str]:
    from sqlalchemy import inspect

    if not inspect(conn).has_table("_bmnn_migrations"):
        return set()
    return {row[0] for row in conn.exec_driver_sql("SELECT name FROM _bmnn_migrations")}


def _migrate(store: Store) -> None:
    """Apply what is pending, under the write lock; a current schema takes no lock.

    On PostgreSQL the lock is the writers' advisory lock: taken on every open,
    every question would wait for a running write (a register, an import).
    """
    if store.dialect == "sqlite":
        version = store.schema_version()
    else:
        with store.engine.connect() as conn:
            applied = _applied(conn)
        version = len(applied)
        if applied - set(NAMES):
            _refuse_newer(store, version)
    if version > SCHEMA_VERSION:
        _refuse_newer(store, version)
    if version == SCHEMA_VERSION:
        return
    if store.dialect == "sqlite":
        raw = store.engine.raw_connection()  # outside any transaction, as WAL requires
        try:
            raw.cursor().execute("PRAGMA journal_mode = WAL")
        finally:
            raw.close()
    with store.engine.execution_options(bmnn_begin="IMMEDIATE").begin() as conn:
        conn.exec_driver_sql(MIGRATIONS_TABLE)
        applied = _applied(conn)
        if applied - set(NAMES):
            _refuse_newer(store, len(applied))
        _apply_pending(conn.exec_driver_sql, store.dialect, applied=applied)


def _refuse_newer(store: Store, version: int) -> None:
    raise DatabaseError(
        t("err.store.newer_schema", where=store.where, version=version, known=SCHEMA_VERSION)
    )
