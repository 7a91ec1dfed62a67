"""The database itself: schema, migrations, versions, permissions."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

from bmnn_cli.store import models  # noqa: F401  (registers the tables)
from bmnn_cli.store.db import Target, open_store
from bmnn_cli.store.migrations import MIGRATIONS, SCHEMA_VERSION
from conftest import Cli, Db, engine_for, query


def test_migrated_schema_matches_models(db: Db) -> None:
    open_store(Target(str(db), "option"), create=True)
    engine = engine_for(db)
    try:
        inspector = inspect(engine)
        for table in SQLModel.metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
    finally:
        engine.dispose()


def test_migrations_are_recorded_once(db: Db) -> None:
    target = Target(str(db), "option")
    assert open_store(target, create=True).schema_version() == SCHEMA_VERSION
    assert open_store(target, create=False).schema_version() == SCHEMA_VERSION
    names = [r[0] for r in query(db, "SELECT name FROM _bmnn_migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


@pytest.mark.sqlite_only
def test_sqlite_file_runs_in_wal_mode_with_its_version(cli: Cli, db: Path) -> None:
    cli("init")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_database_is_refused(cli: Cli, db: Db) -> None:
    cli("init")
    query_write(db, "INSERT INTO _bmnn_migrations (name) VALUES ('999_from_the_future')")
    if isinstance(db, Path):
        with sqlite3.connect(db) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    err = cli.fail("plans", code=5)
    assert "newer bmnn" in err and str(db) in err


def query_write(db: Db, sql: str) -> None:
    from sqlalchemy import text

    engine = engine_for(db)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.sqlite_only
def test_database_is_private_to_its_owner(cli: Cli, db: Path) -> None:
    cli("init")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


@pytest.mark.sqlite_only
def test_missing_database_for_a_question(cli: Cli, db: Path) -> None:
    err = cli.fail("overdue", code=5)
    assert "no database here yet" in err and not db.exists()
