"""The read-only listings give the same answers over sqlite3 and over SQLAlchemy.

On a SQLite file at the current schema, `overdue`, `due`, `status` and
`report` read through the standard `sqlite3` module; elsewhere through the
session. These tests hold the two paths to the same answer and check when
each is taken.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from operator import itemgetter
from pathlib import Path
from typing import Any

import pytest

from bmnn_cli import i18n, reporting
from bmnn_cli.store import catalog, counts, history, outstanding, queries
from bmnn_cli.store.db import open_store
from bmnn_cli.store.lookup import Scope, scope
from bmnn_cli.store.migrations import SCHEMA_VERSION
from bmnn_cli.store.reader import Reader, SessionReader, SqliteReader, sqlite_reader
from conftest import CAO_BANG, LAO_CAI, Cli, Templates, loaded_by, query

pytestmark = pytest.mark.sqlite_only

DAYS = [dt.date(2026, 2, 27), dt.date(2026, 3, 2), dt.date(2026, 10, 31), dt.date(2026, 12, 31)]


def answers(reader: Reader, day: dt.date) -> dict[str, Any]:
    """Every question the read-only commands ask, for all plans and for one agency."""
    everything = Scope()
    police = scope(reader, agency="Công an tỉnh", plan="lao-cai-bmnn-2026")
    window = queries.Window(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    return {
        "overdue": queries.overdue(reader, everything, day),
        "police": queries.overdue(reader, police, day),
        "due": queries.due_within(reader, everything, day, 30),
        "status": counts.status(reader, everything, day),
        "quarter": counts.status(reader, everything, day, window),
        "tasks": counts.status_by_task(reader, everything, day, window),
        "weeks": counts.submissions_by_week(reader, everything, day, window),
        "plans": catalog.plans(reader),
        "agencies": catalog.agencies(reader, police, None),
        "tasks_of_police": catalog.tasks(reader, police),
        "export": catalog.plan_spec(reader, "lao-cai-bmnn-2026"),
        "submissions": history.submissions(reader, everything),
        "log": history.log_entries(reader, agency_ids=police.agency_ids),
        "dated": outstanding.dated(reader, everything, day, statuses=("pending", "overdue")),
        "reminded": outstanding.logged(reader, [1, 2, 3], "smtp"),
    }


LATE = "--as-of", "2026-03-05"
RECORDED = (
    ("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "27/02/2026", *LATE),
    ("submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "02/03/2026", *LATE),
    ("submit", "-t", "IV.1.a", "-a", "Sở Khoa học và Công nghệ", "-d", "25/02/2026", *LATE),
    ("retract", "-t", "IV.1.a", "-a", "Sở Khoa học và Công nghệ", "--reason", "nhầm cơ quan"),
    ("waive", "-t", "IV.1.a", "-a", "Sở Tài chính", "--reason", "mới thành lập", *LATE),
)


@pytest.fixture
def recorded(templates: Templates, db: Path) -> Path:
    """Both example plans, with submissions on time, late, retracted, and a waiver."""
    templates.copy((LAO_CAI, CAO_BANG), db, then=RECORDED)
    return db


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_both_paths_give_the_same_answers(recorded: Path, day: dt.date) -> None:
    store = open_store(recorded, create=False)
    with store.read() as session:
        through_session = answers(SessionReader(session), day)
    with sqlite_reader(str(recorded), "x", schema=SCHEMA_VERSION, year=day.year) as reader:
        assert isinstance(reader, SqliteReader)
        through_sqlite3 = answers(reader, day)
    assert through_sqlite3 == through_session
    assert through_session["status"] and through_session["tasks"]  # not two empty answers
    assert through_session["submissions"] and through_session["tasks_of_police"]
    assert through_session["export"][0].tasks and through_session["dated"]
    if day >= dt.date(2026, 3, 5):  # after every submission and the waiver
        statuses = {row["status"] for row in through_session["overdue"] + through_session["police"]}
        assert statuses == {"overdue"}
        counted = through_session["status"][-1]
        assert counted["on_time"] and counted["late"] and counted["waived"]


def test_a_report_reads_the_same_through_both_paths(recorded: Path) -> None:
    day, period = dt.date(2026, 4, 15), reporting.period(1, 2026)
    store = open_store(recorded, create=False)
    with store.read() as session:
        slow = reporting.build(SessionReader(session), period, day)
    with sqlite_reader(str(recorded), "x", schema=SCHEMA_VERSION, year=2026) as reader:
        assert reader is not None
        fast = reporting.build(reader, period, day)
    assert fast == slow
    assert slow.counts[-1]["overdue"] > 0


def test_a_file_that_needs_work_first_is_not_read_directly(recorded: Path, tmp_path: Path) -> None:
    path = str(recorded)
    with sqlite_reader(path, "x", schema=SCHEMA_VERSION, year=2026) as reader:
        assert reader is not None
    with sqlite_reader(path, "x", schema=SCHEMA_VERSION + 1, year=2026) as reader:
        assert reader is None  # to be migrated (or refused) by the store
    with sqlite_reader(path, "x", schema=SCHEMA_VERSION, year=2099) as reader:
        assert reader is None  # schedules to be extended to 2099 first, which writes
    with sqlite_reader(str(tmp_path / "missing.db"), "x", schema=1, year=2026) as reader:
        assert reader is None
    assert not (tmp_path / "missing.db").exists()  # and nothing was created
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 100)
    with sqlite_reader(str(junk), "x", schema=1, year=2026) as reader:
        assert reader is None


def test_a_later_year_is_extended_before_it_is_listed(cli: Cli, lao_cai: Path) -> None:
    """The direct path steps aside when the schedules must grow; the answer includes the year.

    A question works the later year out without storing it (questions never write).
    """
    db = lao_cai
    stored = query(db, "SELECT MAX(through_year) FROM plan")[0][0]
    later = stored + 1
    rows = json.loads(cli("overdue", "--as-of", f"{later}-12-31", "--format", "json"))
    assert any(row["period"] == str(later) for row in rows)
    assert query(db, "SELECT MIN(through_year) FROM plan")[0][0] == stored
    assert query(db, "SELECT MAX(year) FROM obligation")[0][0] == stored


def test_the_direct_path_writes_nothing(recorded: Path) -> None:
    i18n.set_language("en")  # the message is checked in English
    with sqlite_reader(str(recorded), "x", schema=SCHEMA_VERSION, year=2026) as reader:
        assert reader is not None
        with pytest.raises(Exception, match="readonly|read-only"):
            list(reader.rows("DELETE FROM obligation"))
    assert query(recorded, "SELECT COUNT(*) FROM obligation")[0][0] > 0


LISTINGS = [
    ["overdue", "--as-of", "2026-03-02", "--format", "json"],
    ["status", "--as-of", "2026-03-02", "--format", "json"],
    ["due", "--within", "30d", "--as-of", "2026-02-01", "--format", "json"],
    ["report", "--quarter", "1", "--year", "2026", "--as-of", "2026-04-15", "--format", "json"],
]


@pytest.mark.slow  # a fresh interpreter per command
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
def test_a_listing_does_not_load_sqlalchemy(recorded: Path, args: list[str]) -> None:
    """The point of the direct path: a daily question skips SQLAlchemy's import time."""
    script = (
        "import sys\n"
        "from bmnn_cli.entry import main\n"
        f"sys.argv = ['bmnn', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))\n"
        "print('LOADED', code, loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "BMNN_DB": str(recorded)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout)  # a real answer was printed
    assert done.stderr.strip().endswith("LOADED 0 []"), done.stderr


AS_OF = ["--as-of", "2026-03-05"]
# Every command that only answers a question, with the options that change what it reads.
QUESTIONS = [
    [],  # a bare `bmnn`: the morning view
    ["overdue", *AS_OF],
    ["due", "--within", "30d", *AS_OF],
    ["status", *AS_OF, "--format", "csv"],
    ["report", "--quarter", "1", "--year", "2026", *AS_OF],
    ["plans", "--format", "json"],
    ["agencies", "--group", "UBND các xã, phường"],
    ["tasks", "--agency", "so tu phap", "--format", "json"],
    ["tasks", "--search", "tap huan"],
    ["show", "IV.1.a", *AS_OF, "--format", "json"],
    ["show", "to chuc tu kiem tra", "--plan", "lao-cai-bmnn-2026", *AS_OF],
    ["log", "--agency", "so tu phap"],
    ["submissions", "--format", "json"],
    ["agency", "Sở Tài chính", *AS_OF],
    ["today", *AS_OF, "--format", "json"],
    ["explain", "trước ngày 30/10 hằng năm", "--year", "2026"],
    ["calendar", "2026"],
    ["ical", *AS_OF, "-o", "-"],
    ["remind", "--include-overdue", *AS_OF],
    ["remind", "--dry-run", "--include-overdue", *AS_OF, "--format", "json"],
    ["export", "lao-cai-bmnn-2026"],
    ["info"],
    ["--help"],
]


@pytest.mark.slow  # a fresh interpreter per command
@pytest.mark.parametrize("args", QUESTIONS, ids=lambda a: " ".join(a[:2]) or "bmnn")
def test_no_question_loads_sqlalchemy(recorded: Path, args: list[str]) -> None:
    """Every question, on a SQLite file at the current schema, reads with plain sqlite3.

    The ORM is for writes and migrations: a question that imports it pays
    about half a second before it reads a row.
    """
    done, loaded = loaded_by(recorded, args)
    assert done.stdout.strip()  # it answered
    assert loaded == "LOADED 0 []", done.stderr


@pytest.mark.slow  # fresh interpreters
def test_a_file_named_with_hash_and_question_marks_is_the_file_read(
    recorded: Path, tmp_path: Path
) -> None:
    """Built into a URI as written, "a#b/x?.db" opened "a" or "a#b/x" (made empty, and
    migrated): answers read from another file. Both paths open the file named."""
    odd = tmp_path / "a#b" / "x?.db"
    odd.parent.mkdir()
    shutil.copyfile(recorded, odd)
    args = ["overdue", "--as-of", "2026-03-05", "--format", "json"]
    done, loaded = loaded_by(recorded, args)
    fast, fast_loaded = loaded_by(odd, args)
    assert fast.stdout == done.stdout and json.loads(done.stdout)
    assert fast_loaded == "LOADED 0 []", fast.stderr  # over sqlite3, the ready file
    with sqlite3.connect(odd) as connection:  # a file the store must migrate first
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    slow, slow_loaded = loaded_by(odd, args)
    assert slow.stdout == done.stdout and "sqlalchemy" in slow_loaded, slow.stderr
    beside = [p.name for p in odd.parent.iterdir()]
    assert all(name.startswith("x?.db") for name in beside), beside  # its -wal, -shm only


@pytest.mark.slow  # a fresh interpreter per command
def test_a_question_on_a_file_to_migrate_still_answers(recorded: Path) -> None:
    """The other side of the rule: a file behind the schema goes through the store."""
    with sqlite3.connect(recorded) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    done, loaded = loaded_by(recorded, ["tasks", "--format", "json"])
    assert json.loads(done.stdout) and "sqlalchemy" in loaded, done.stderr


@pytest.mark.slow  # a fresh interpreter per command
@pytest.mark.parametrize("args", [["--help"], ["info", "--format", "json"], ["info"]], ids=str)
def test_help_and_info_do_not_load_the_database_libraries(recorded: Path, args: list[str]) -> None:
    """`bmnn --help` and `bmnn info` answer without SQLAlchemy, SQLModel or pydantic models."""
    script = (
        "import sys\n"
        "from bmnn_cli.entry import main\n"
        f"sys.argv = ['bmnn', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\nelse:\n    code = 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))\n"
        "print('LOADED', code, loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "BMNN_DB": str(recorded)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip()  # it answered
    assert done.stderr.strip().endswith("LOADED 0 []"), done.stderr
    if args[-1] == "json":
        facts = json.loads(done.stdout)
        assert facts["schema"] == SCHEMA_VERSION and facts["plans"] == 2


def test_dates_left_as_text_are_the_same_dates(recorded: Path) -> None:
    """JSON and CSV take the dates as stored; everything else about the rows is the same."""
    day = dt.date(2026, 11, 27)
    with sqlite_reader(str(recorded), "x", schema=SCHEMA_VERSION, year=2026) as reader:
        assert reader is not None
        parsed = list(queries.iter_overdue(reader, Scope(), day))
        as_text = list(queries.iter_overdue(reader, Scope(), day, as_text=True))
    dates = ("scheduled_due", "effective_due", "submitted_on")
    iso = [{k: v.isoformat() if k in dates and isinstance(v, dt.date) else v for k, v in r.items()}
           for r in parsed]  # fmt: skip
    # tables put names in Vietnamese order within a due date; scripts get the stored order
    key = itemgetter("effective_due", "agency_id", "task", "period")
    assert sorted(as_text, key=key) == sorted(iso, key=key) and len(iso) > 100
    assert all((row["days_late"] or 0) > 0 for row in as_text)
