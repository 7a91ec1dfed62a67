"""A register recorded while another process submits: nothing lost, however long the wait.

`bmnn submit --from-csv` of a register of one document per obligation
(AGENCIES agencies × 15 yearly tasks × 2026–2035, the rows made as
benchmarks/register.py makes them) runs in one process; while it holds the
write lock, another process records one `bmnn submit` for a task the register
does not touch. The single submit waits for the lock and must never lose its
write; the register is all or nothing and here complete. Both engines.

The test watches the write lock from outside (a try-lock every few
milliseconds) instead of making the register long: it sees how long the
register held the lock, that the single submit asked for it meanwhile, and
checks that the lock wait (store/db.py BUSY_TIMEOUT_MS) is more than twice what
a 150 000-row register takes at the rate measured: the old 30 s wait fails it.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bmnn_cli.store import db as store_db
from conftest import Cli, Db, query
from synthetic import write_plan

AGENCIES, TASKS, YEARS = 200, 15, 10  # the register's tasks T.0–T.14; T.15 for the submits
AS_OF = "2035-12-31"
PROMISED_ROWS = 150_000  # the register a queued writer must outwait (README, store/db.py)
MARGIN = 2  # the wait must outlast twice the register measured here, scaled up


def _bmnn() -> list[str]:
    """The installed entry point, as a user runs it."""
    found = shutil.which("bmnn", path=str(Path(sys.executable).parent))
    assert found is not None, "the bmnn entry point is not installed next to this Python"
    return [found]


def _register(path: Path) -> int:
    rows = [
        (f"T.{t}", f"co-quan-{a}", f"15/10/{2026 + y}", f"{a}-{t}-{y}/BC")
        for a in range(AGENCIES)
        for t in range(TASKS)
        for y in range(YEARS)
    ]
    random.Random(12).shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        out.write("task,agency,date,ref\n")
        out.writelines(",".join(row) + "\n" for row in rows)
    return len(rows)


def _lock_is_free(db: Db) -> Iterator[bool]:
    """Whether bmnn's write lock is free, each time asked, without ever waiting for it."""
    if isinstance(db, Path):
        conn = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")  # what every bmnn writer begins with
                except sqlite3.OperationalError:  # "database is locked": a writer holds it
                    yield False
                else:
                    conn.execute("ROLLBACK")
                    yield True
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(str(db).replace("+psycopg", ""), autocommit=True) as server:
        key = store_db.WRITE_LOCK_KEY
        while True:
            row = server.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if row is not None and row[0]:
                server.execute("SELECT pg_advisory_unlock(%s)", (key,))
            yield bool(row and row[0])


class LockWatch:
    """When the write lock was held, sampled every few milliseconds in a thread."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self.samples: list[tuple[float, bool]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        for free in _lock_is_free(self.db):
            self.samples.append((time.monotonic(), not free))
            if self.stop.wait(0.005):
                return

    def held_since(self, seconds: float) -> bool:
        """Whether the lock has been held, without a break, for the last `seconds`."""
        recent = [held for at, held in self.samples if at >= time.monotonic() - seconds]
        return bool(recent) and all(recent) and self.samples[0][0] < time.monotonic() - seconds

    def longest_hold(self) -> tuple[float, float]:
        """The start and end of the longest unbroken hold seen."""
        best, start = (0.0, 0.0), None
        for at, held in self.samples:
            if held and start is None:
                start = at
            elif not held and start is not None:
                best = max(best, (start, at), key=lambda span: span[1] - span[0])
                start = None
        return best


@contextmanager
def watching(db: Db) -> Iterator[LockWatch]:
    watch = LockWatch(db)
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        watch.stop.set()
        thread.join(timeout=10)


def _submit(agency: str, ref: str) -> list[str]:
    return [*_bmnn(), "--lang", "en", "submit", "--task", f"T.{TASKS}", "--agency", agency,
            "--date", "01/10/2026", "--ref", ref, "--as-of", AS_OF]  # fmt: skip


@pytest.mark.slow  # 32 000 obligations imported, a 30 000-row register recorded
@pytest.mark.alone  # the two processes wait for each other, not for another test's CPU
def test_a_register_and_a_submit_at_once(cli: Cli, db: Db, tmp_path: Path) -> None:
    cli("import", str(write_plan(tmp_path / "p", agencies=AGENCIES, tasks=TASKS + 1, years=YEARS)))
    register = tmp_path / "register.csv"
    rows = _register(register)
    assert rows == AGENCIES * TASKS * YEARS
    began = time.monotonic()
    alone = subprocess.run(
        _submit("co-quan-8", "8/BC"), capture_output=True, text=True, check=False
    )
    alone_took = time.monotonic() - began  # a whole submit, lock taken at once
    assert alone.returncode == 0, alone.stderr
    with watching(db) as watch:
        bulk = subprocess.Popen(
            [*_bmnn(), "--lang", "en", "submit", "--from-csv", str(register), "--as-of", AS_OF],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not watch.held_since(0.2) and bulk.poll() is None:  # the register's write began
            time.sleep(0.01)
        single_began = time.monotonic()
        single = subprocess.run(
            _submit("co-quan-7", "7/BC"), capture_output=True, text=True, timeout=600, check=False
        )
        out, err = bulk.communicate(timeout=600)
        time.sleep(0.05)  # a last sample or two after both ended
    start, end = watch.longest_hold()
    assert bulk.returncode == 0, (bulk.returncode, err)
    assert single.returncode == 0, (single.returncode, single.stderr)
    # The register held the lock for longer after the single submit started than a whole
    # submit takes alone: the submit asked for the lock while it was held, and waited.
    assert start < single_began and end - single_began > alone_took, (
        f"no wait tested: the lock was held {start - single_began:+.2f}..{end - single_began:+.2f}"
        f" s around the single submit's start; a submit alone takes {alone_took:.2f} s"
    )
    promised = (end - start) / rows * PROMISED_ROWS
    assert store_db.BUSY_TIMEOUT_MS / 1000 > promised * MARGIN, (
        f"a {PROMISED_ROWS}-row register would hold the lock for about {promised:.0f} s"
        f" ({rows} rows held it {end - start:.1f} s here): a writer behind it gives up after"
        f" {store_db.BUSY_TIMEOUT_MS / 1000:.0f} s, less than {MARGIN} times that"
    )
    by_task = dict(
        query(
            db,
            "SELECT t.code, COUNT(*) FROM submission s JOIN obligation o ON o.id = s.obligation_id"
            " JOIN task t ON t.id = o.task_id WHERE s.state = 'active' GROUP BY t.code",
        )
    )
    assert sum(n for code, n in by_task.items() if code != f"T.{TASKS}") == rows
    assert by_task[f"T.{TASKS}"] == 2
    marked = query(db, "SELECT COUNT(*) FROM obligation WHERE submitted_on IS NOT NULL")[0][0]
    assert marked == rows + 2
    single_rows = query(
        db,
        "SELECT a.code, o.period, s.ref FROM submission s JOIN obligation o"
        " ON o.id = s.obligation_id JOIN task t ON t.id = o.task_id"
        " JOIN agency a ON a.id = o.agency_id WHERE t.code = :task ORDER BY a.code",
        task=f"T.{TASKS}",
    )
    assert single_rows == [("co-quan-7", "2026", "7/BC"), ("co-quan-8", "2026", "8/BC")]
