"""The database file itself: schema, migrations, versions, permissions."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from sqlmodel import SQLModel

from bmnn_cli.store import models  # noqa: F401  (registers the tables)
from bmnn_cli.store.db import open_store
from bmnn_cli.store.migrations import MIGRATIONS, SCHEMA_VERSION
from conftest import Cli


def test_migrated_schema_matches_models(tmp_path: Path) -> None:
    store = open_store(tmp_path / "x.db", create=True)
    with sqlite3.connect(store.path) as conn:
        for table in SQLModel.metadata.sorted_tables:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")}
            assert columns == {c.name for c in table.columns}, table.name


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    open_store(path, create=True)
    open_store(path, create=False)
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM _bmnn_migrations")]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert names == [name for name, _ in MIGRATIONS]
    assert version == SCHEMA_VERSION and mode == "wal"


def test_newer_database_is_refused(cli: Cli, db: Path) -> None:
    cli("init")
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    err = cli.fail("plans", code=5)
    assert "newer bmnn" in err and str(db) in err


def test_database_is_private_to_its_owner(cli: Cli, db: Path) -> None:
    cli("init")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_missing_database_for_a_question(cli: Cli, db: Path) -> None:
    err = cli.fail("overdue", code=5)
    assert "no database here yet" in err and not db.exists()
