"""Re-importing a plan issues a fixed number of statements, whatever its size.

Counted on both write paths: with a SQLAlchemy event listener on the store's
own engine (PostgreSQL, or a file the store must first migrate), and with
sqlite3's trace callback on the connection of the plain sqlite3 Writer (a
ready SQLite file: every statement it runs, each row of a `many` included);
a plan with twice the tasks (and obligations) must not need one statement
more.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.domain.planfile import load
from bmnn_cli.store.db import open_store
from bmnn_cli.store.migrations import SCHEMA_VERSION
from bmnn_cli.store.plans import import_file
from bmnn_cli.store.writer import SqliteWriter, sqlite_writer
from conftest import LAO_CAI, Db
from synthetic import write_plan

# What a re-import reads at most: province, registry, plan, tasks, their
# agencies, requests, obligations and their history, the counts it reports.
BOUND = 40


@pytest.fixture(autouse=True)
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new second for every stamp, so "imported at" is written on every import.

    Otherwise an import within the second of the last one skips that update
    and the counts would differ by one from run to run.
    """
    ticks = itertools.count()
    monkeypatch.setattr(
        "bmnn_cli.store.audit.now", lambda: f"2026-01-01T00:00:00+00:00#{next(ticks)}"
    )


def statements(db: Db, plan: Path) -> int:
    """How many statements importing `plan` into `db` sends to the database."""
    store = open_store(db, create=True)
    sent: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.write() as session:
            import_file(session, load(plan))
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
        store.engine.dispose()
    return len(sent)


def sqlite3_statements(db: Db, plan: Path) -> int:
    """How many statements importing `plan` over the plain sqlite3 Writer runs."""
    assert isinstance(db, Path)
    open_store(db, create=True).engine.dispose()  # made and migrated, if new
    sent: list[str] = []
    with sqlite_writer(str(db), str(db), schema=SCHEMA_VERSION, calendar=fingerprint()) as writer:
        assert isinstance(writer, SqliteWriter)
        writer.connection.set_trace_callback(sent.append)
        import_file(writer, load(plan))
        writer.connection.set_trace_callback(None)
    return len(sent)


def reimported(db: Db, plan: Path, count: Callable[[Db, Path], int] = statements) -> int:
    count(db, plan)
    return count(db, plan)


def test_reimporting_the_lao_cai_example_takes_a_bounded_number_of_statements(
    lao_cai: Db,
) -> None:
    assert statements(lao_cai, LAO_CAI) <= BOUND


def test_twice_the_tasks_take_no_more_statements_to_reimport(
    new_db: Callable[[str], Db], tmp_path: Path
) -> None:
    small = write_plan(tmp_path / "small", agencies=6, tasks=15, years=3)
    large = write_plan(tmp_path / "large", agencies=6, tasks=30, years=3)
    assert reimported(new_db("small"), small) == reimported(new_db("large"), large)


@pytest.mark.sqlite_only
def test_reimporting_over_sqlite3_takes_a_bounded_number_of_statements(lao_cai: Db) -> None:
    assert sqlite3_statements(lao_cai, LAO_CAI) <= BOUND


@pytest.mark.sqlite_only
def test_twice_the_tasks_take_no_more_sqlite3_statements_to_reimport(
    new_db: Callable[[str], Db], tmp_path: Path
) -> None:
    small = write_plan(tmp_path / "small", agencies=6, tasks=15, years=3)
    large = write_plan(tmp_path / "large", agencies=6, tasks=30, years=3)
    count = sqlite3_statements
    assert reimported(new_db("small"), small, count) == reimported(new_db("large"), large, count)
