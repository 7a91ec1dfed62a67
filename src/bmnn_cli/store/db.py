"""The database: where it is, how it is opened, and how transactions run.

Every writing transaction starts with `BEGIN IMMEDIATE`, so a writer waits
for the lock (busy timeout) instead of failing half-way with "database is
locked"; reads use a plain deferred `BEGIN`. Foreign keys are enforced on
every connection. Migrations run on open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn_cli.errors import DatabaseError
from bmnn_cli.store.migrations import MIGRATIONS, SCHEMA_VERSION

ENV_VAR = "BMNN_DB"
BUSY_TIMEOUT_MS = 30_000


def default_path() -> Path:
    """Per-user data folder: ~/.local/share/bmnn/bmnn.db on Linux."""
    import platformdirs

    return platformdirs.user_data_path("bmnn") / "bmnn.db"


def resolve_path(option: str | None) -> tuple[Path, str]:
    """The database path and what chose it: --db, then BMNN_DB, then the default."""
    if option:
        return Path(option).expanduser(), "option"
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser(), "env"
    return default_path(), "default"


def _explain(path: Path, error: BaseException) -> DatabaseError:
    text = str(getattr(error, "orig", None) or error)
    if "file is not a database" in text:
        return DatabaseError(f"{path}: not a bmnn database (the file is not SQLite)")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"{path}: the database is read-only; nothing was changed")
    if "locked" in text or "busy" in text:
        return DatabaseError(f"{path}: the database is busy (another bmnn is writing); try again")
    if "unable to open" in text:
        return DatabaseError(f"{path}: cannot open the database file (does its folder exist?)")
    return DatabaseError(f"{path}: database error: {text}")


@dataclass
class Store:
    path: Path
    engine: Any

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
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                if dry_run:
                    session.rollback()
                else:
                    session.commit()
        except DBAPIError as error:
            raise _explain(self.path, error) from None

    @contextmanager
    def read(self) -> Iterator[Any]:
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        try:
            with Session(self.engine) as session:
                yield session
        except DBAPIError as error:
            raise _explain(self.path, error) from None

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def _engine(path: Path, *, read_only: bool = False) -> Any:
    """An engine for `path`; `read_only` opens it as SQLite's mode=ro does."""
    import sqlite3

    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    if read_only:
        uri = f"file:{path}?mode=ro"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
        )
    else:
        engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

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


def open_store(path: Path, *, create: bool) -> Store:
    """Open (and, when `create`, make) the database, then migrate it."""
    from sqlalchemy.exc import DBAPIError

    if not path.exists():
        if not create:
            raise DatabaseError(
                f"{path}: no database here yet; import a plan first (bmnn import PLAN.toml)"
            )
        _create_file(path)
    elif path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file")
    store = Store(path, _engine(path))
    try:
        _migrate(store)
    except DBAPIError as error:
        raise _explain(path, error) from None
    return store


def _create_file(path: Path) -> None:
    """An empty file readable by its owner only: the records are sensitive."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError as error:
        raise DatabaseError(f"{path}: cannot create the database: {error.strerror}") from None


def _migrate(store: Store) -> None:
    version = store.schema_version()
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{store.path}: made by a newer bmnn (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade bmnn"
        )
    if version == SCHEMA_VERSION:
        return
    raw = store.engine.raw_connection()  # outside any transaction, as WAL requires
    try:
        raw.cursor().execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()
    with store.engine.execution_options(bmnn_begin="IMMEDIATE").begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS _bmnn_migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        applied = {row[0] for row in conn.exec_driver_sql("SELECT name FROM _bmnn_migrations")}
        for name, script in MIGRATIONS:
            if name in applied:
                continue
            for statement in script.split(";"):
                if statement.strip():
                    conn.exec_driver_sql(statement)
            conn.exec_driver_sql("INSERT INTO _bmnn_migrations (name) VALUES (?)", (name,))
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
