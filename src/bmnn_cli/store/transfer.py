"""Copying a province's database to another engine (SQLite → PostgreSQL).

All or nothing: every row is copied in one transaction on the destination,
ids kept, and the counts of every table compared before it commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, select, text, update
from sqlmodel import SQLModel

from bmnn_cli.errors import DatabaseError, Refused
from bmnn_cli.i18n import t
from bmnn_cli.store import (
    audit,
    models,  # noqa: F401  (registers the tables)
)
from bmnn_cli.store.db import Store

BATCH = 5_000
# columns pointing at rows of their own table: filled in after every row is there
SELF_REFERENCES = {"agency": "successor_id", "submission": "replaces_id"}


@dataclass(frozen=True)
class Copied:
    table: str
    rows: int


def copy_all(
    source: Store, destination: Store, on_table: Callable[[int], None] | None = None
) -> list[Copied]:
    """Copy every table; refuses a destination that already holds plans."""
    tables = SQLModel.metadata.sorted_tables
    with destination.write() as target:
        if target.execute(select(func.count()).select_from(_table("plan"))).scalar():
            raise Refused(t("err.store.migrate_not_empty", where=destination.where))
        for table in tables:
            target.execute(table.delete())  # an empty schema may still hold an init's audit row
        with source.read() as origin:
            copied = []
            for table in tables:
                copied.append(Copied(table.name, _copy(origin, target, table)))
                if on_table is not None:
                    on_table(len(tables))  # the total, each time a table is done
            _verify(origin, target, tables)
        _reset_sequences(target, destination.dialect, tables)
        audit.record(target, "migrate", detail=f"from {source.where}: {_summary(copied)}")
    return copied


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _copy(origin: Any, target: Any, table: Table) -> int:
    self_column = SELF_REFERENCES.get(table.name)
    links: list[dict[str, Any]] = []
    count = 0
    result = origin.execute(select(table).order_by(*table.primary_key.columns))
    while batch := result.mappings().fetchmany(BATCH):
        rows = [dict(row) for row in batch]
        if self_column:
            links += [{"key": r["id"], "link": r[self_column]} for r in rows if r[self_column]]
            for row in rows:
                row[self_column] = None
        target.execute(table.insert(), rows)
        count += len(rows)
    for link in links:
        target.execute(
            update(table).where(table.c.id == link["key"]).values({self_column: link["link"]})
        )
    return count


def _verify(origin: Any, target: Any, tables: list[Table]) -> None:
    for table in tables:
        want = origin.execute(select(func.count()).select_from(table)).scalar()
        got = target.execute(select(func.count()).select_from(table)).scalar()
        if want != got:
            raise DatabaseError(
                t("err.store.migrate_incomplete", table=table.name, want=want, got=got)
            )


def _reset_sequences(target: Any, dialect: str, tables: list[Table]) -> None:
    """New rows on PostgreSQL must be numbered after the copied ones.

    The planner's statistics are refreshed too: without them its first plans
    for a freshly filled database are guesses.
    """
    if dialect != "postgresql":
        return
    target.execute(text("ANALYZE"))
    for table in tables:
        if "id" in table.c and table.c.id.primary_key:
            target.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def _summary(copied: list[Copied]) -> str:
    return ", ".join(f"{c.table} {c.rows}" for c in copied if c.rows)
