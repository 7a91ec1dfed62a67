"""Officers at the terminal and cron at the same time: nothing lost, never "locked".

Eight writer processes record 48 submissions each through the store API
(the same code `bmnn submit` runs: half of them over sqlite3, as `bmnn submit`
on a ready file, half through the store's session, as on a file it must see
first) while two reader processes keep asking `overdue` and `status`. Every
submission must be stored, and no process may see "database is locked".
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli, Db, query
from synthetic import write_plan

# Enough writes that the eight writers overlap for seconds (and the readers with them):
# without the lock wait or `BEGIN IMMEDIATE` some of them fail; more only costs CPU.
WRITERS, PER_WRITER, YEARS = 8, 48, 8
AGENCIES = WRITERS * PER_WRITER // YEARS  # 48 agencies × 8 years = 384 obligations
# Between a reader's passes, as officers ask: a reader asking without a pause took a
# CPU of the two the writers share, and so made the test twice as long on PostgreSQL.
READER_PAUSE = 0.05


def _writer(db: str, index: int, queue: Queue[Any]) -> None:
    from bmnn_cli.domain.calendar_data import fingerprint
    from bmnn_cli.store import submissions
    from bmnn_cli.store.db import Target, open_store
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.writer import SessionWriter, sqlite_writer

    store = open_store(Target(db, "option"), create=False)

    @contextmanager
    def writing() -> Iterator[Any]:
        """Over sqlite3 for even writers on SQLite, through the store's session otherwise."""
        if index % 2 or "://" in db:
            with store.write() as session:
                yield SessionWriter(session)
            return
        with sqlite_writer(db, db, schema=SCHEMA_VERSION, calendar=fingerprint()) as writer:
            assert writer is not None
            yield writer

    longest, errors = 0.0, []
    per_agency = PER_WRITER // YEARS
    for a in range(index * per_agency, (index + 1) * per_agency):
        for year in range(2026, 2026 + YEARS):
            start = time.perf_counter()
            try:
                with writing() as writer:
                    submissions.submit(
                        writer, task="T.0", agency=f"co-quan-{a}", day=dt.date(year, 10, 1),
                        as_of=dt.date(2034, 1, 1), period=str(year),
                    )  # fmt: skip
            except Exception as error:  # reported to the parent
                errors.append(repr(error))
            longest = max(longest, time.perf_counter() - start)
    queue.put(("writer", longest, errors))


def _reader(db: str, stop: Event, queue: Queue[Any]) -> None:
    from bmnn_cli.store import counts, queries
    from bmnn_cli.store.db import Target, open_store
    from bmnn_cli.store.lookup import Scope

    store = open_store(Target(db, "option"), create=False)
    runs, errors = 0, []
    while not stop.is_set():
        try:
            with store.read() as session:
                queries.overdue(session, Scope(), dt.date(2034, 1, 1))
                counts.status(session, Scope(), dt.date(2034, 1, 1))
            runs += 1
        except Exception as error:
            errors.append(repr(error))
        stop.wait(READER_PAUSE)
    queue.put(("reader", runs, errors))


def _store_every_year(db: Db) -> None:
    """Store the obligations of every year first, as a writing command does (questions never do)."""
    from bmnn_cli.store.db import Target, open_store
    from bmnn_cli.store.upkeep import ensure_through

    with open_store(Target(str(db), "option"), create=False).write() as session:
        ensure_through(session, 2033)


@pytest.mark.slow  # ten processes, 384 writes
@pytest.mark.alone  # its writers wait for each other, not for another test's CPU
def test_eight_writers_and_readers(cli: Cli, db: Db, tmp_path: Path) -> None:
    cli("import", str(write_plan(tmp_path / "p", agencies=AGENCIES, tasks=1, years=YEARS)))
    _store_every_year(db)
    context = mp.get_context("spawn")
    queue, stop = context.Queue(), context.Event()
    writers = [context.Process(target=_writer, args=(str(db), i, queue)) for i in range(WRITERS)]
    readers = [context.Process(target=_reader, args=(str(db), stop, queue)) for _ in range(2)]
    started = time.perf_counter()
    for process in writers + readers:
        process.start()
    for process in writers:
        process.join(timeout=600)
    stop.set()
    for process in readers:
        process.join(timeout=60)
    results = [queue.get(timeout=10) for _ in writers + readers]
    elapsed = time.perf_counter() - started
    errors = [e for _, _, errs in results for e in errs]
    longest = max(r[1] for r in results if r[0] == "writer")
    reads = sum(r[1] for r in results if r[0] == "reader")
    stored = query(db, "SELECT COUNT(*) FROM submission WHERE state = 'active'")[0][0]
    marked = query(db, "SELECT COUNT(*) FROM obligation WHERE submitted_on IS NOT NULL")[0][0]
    print(
        f"\nconcurrency: {stored} submissions written, {WRITERS * PER_WRITER - stored} lost, "
        f"longest write {longest * 1000:.0f} ms, {reads} reader passes, {elapsed:.1f} s"
    )
    assert errors == []
    assert stored == marked == WRITERS * PER_WRITER
