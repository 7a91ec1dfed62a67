"""The database itself: schema, migrations, versions, permissions."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

from bmnn_cli.store import models  # noqa: F401  (registers the tables)
from bmnn_cli.store.db import Target, open_store
from bmnn_cli.store.migrations import MIGRATIONS, SCHEMA_VERSION
from conftest import Cli, Db, engine_for, query

_TYPES = {"AutoString": "TEXT", "String": "TEXT", "Integer": "INTEGER", "Date": "DATE",
          "Boolean": "BOOLEAN", "TEXT": "TEXT", "VARCHAR": "TEXT", "INTEGER": "INTEGER",
          "DATE": "DATE", "BOOLEAN": "BOOLEAN"}  # fmt: skip


def _default(text: object) -> object:
    """A column default as the database reports it ("'[]'", "''::text", "TRUE"), as a value."""
    if text is None:
        return None
    value = str(text).split("::", 1)[0].strip()
    if value.startswith("'") and value.endswith("'"):
        return value[1:-1]
    return {"true": True, "false": False}.get(
        value.lower(), int(value) if value.isdigit() else value
    )


def _where(clause: object) -> str:
    """The condition of a partial index, as text ("" for a whole index)."""
    if clause is None:
        return ""
    return _sql(clause).replace("::text", "").removeprefix("( ").removesuffix(" )")


def _sql(text: object) -> str:
    return " ".join(str(text).replace("(", " ( ").replace(")", " ) ").split()).lower()


def _migrated(inspector: Any, table: str, dialect: str) -> dict[str, object]:
    deletes = _on_delete(inspector, table, dialect)
    pks = set(inspector.get_pk_constraint(table)["constrained_columns"])
    columns = {
        c["name"]: (
            _TYPES[type(c["type"]).__name__.upper()] if type(c["type"]).__name__.upper() in _TYPES
            else str(c["type"]),
            c["name"] in pks or c["nullable"],
            None if c["name"] in pks else _default(c["default"]),
        )
        for c in inspector.get_columns(table)
    }  # fmt: skip
    indexes = {
        (i["name"], tuple(i["column_names"]), bool(i["unique"]),
         _where(i["dialect_options"].get(f"{dialect}_where")))
        for i in inspector.get_indexes(table) if not i.get("duplicates_constraint")
    }  # fmt: skip
    return {
        "columns": columns,
        "primary key": pks,
        "indexes": indexes,
        "unique": {tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)},
        "checks": sorted(_sql(c["sqltext"]) for c in inspector.get_check_constraints(table))
        if dialect == "sqlite"
        else len(inspector.get_check_constraints(table)),  # PostgreSQL rewrites their text
        "foreign keys": {
            (
                tuple(f["constrained_columns"]),
                f["referred_table"],
                (f.get("options") or {}).get("ondelete", "").upper()
                or deletes.get(tuple(f["constrained_columns"]), ""),
            )
            for f in inspector.get_foreign_keys(table)
        },
    }


def _on_delete(inspector: Any, table: str, dialect: str) -> dict[tuple[str, ...], str]:
    """ON DELETE of each foreign key; SQLAlchemy does not read it from SQLite, the pragma does."""
    if dialect != "sqlite":
        return {}
    with inspector.bind.connect() as conn:
        rows = conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})").all()
    return {(row[3],): "" if row[6] == "NO ACTION" else row[6] for row in rows}


def _declared(table: Any, dialect: str) -> dict[str, object]:
    from sqlalchemy import CheckConstraint, UniqueConstraint

    pks = {c.name for c in table.primary_key.columns}
    columns = {
        c.name: (
            _TYPES[type(c.type).__name__],
            c.name in pks or bool(c.nullable),
            None if c.name in pks or c.default is None else c.default.arg,
        )
        for c in table.columns
    }
    unique = {tuple(c.name for c in u.columns) for u in table.constraints
              if isinstance(u, UniqueConstraint)}  # fmt: skip
    unique |= {(c.name,) for c in table.columns if c.unique}
    checks = [_sql(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)]
    return {
        "columns": columns,
        "primary key": pks,
        "indexes": {
            (
                i.name,
                tuple(c.name for c in i.columns),
                bool(i.unique),
                _where(i.dialect_options[dialect].get("where")),
            )
            for i in table.indexes
        },  # fmt: skip
        "unique": unique,
        "checks": sorted(checks) if dialect == "sqlite" else len(checks),
        "foreign keys": {
            (
                tuple(f.parent.name for f in k.elements),
                k.referred_table.name,
                (k.ondelete or "").upper(),
            )
            for k in table.foreign_key_constraints
        },  # fmt: skip
    }


def test_migrated_schema_matches_models(db: Db) -> None:
    """Every table, column (type, nullability, default), key, index and constraint."""
    open_store(Target(str(db), "option"), create=True)
    engine = engine_for(db)
    try:
        inspector = inspect(engine)
        dialect = engine.dialect.name
        tables = set(inspector.get_table_names()) - {"_bmnn_migrations"}
        assert tables == set(SQLModel.metadata.tables)
        for table in SQLModel.metadata.sorted_tables:
            migrated, declared = (
                _migrated(inspector, table.name, dialect),
                _declared(table, dialect),
            )
            for part, value in migrated.items():
                assert value == declared[part], (table.name, part)
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
