"""The write path: plain SQL over sqlite3 on a ready file, over the store's session elsewhere.

`store.writer.sqlite_writer` runs one `BEGIN IMMEDIATE` transaction over the
standard module when the file needs nothing of the store (schema, calendar,
years); `cli.app.writing` gives a command that Writer, or the store's session
wrapped in `SessionWriter`. These tests hold both paths to the same rows, and
check that the daily recording commands on a ready file never load SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest

from bmnn_cli import i18n
from bmnn_cli.cli.app import State, writing
from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.errors import DatabaseError
from bmnn_cli.store import db as store_db
from bmnn_cli.store import rows, submissions, waivers
from bmnn_cli.store.db import open_store
from bmnn_cli.store.migrations import SCHEMA_VERSION
from bmnn_cli.store.reader import SqliteReader
from bmnn_cli.store.writer import SessionWriter, SqliteWriter, Writer, sqlite_writer
from conftest import Cli, Db, dump, loaded_by, query

POLICE_TASK = {"task": "IV.1.a", "agency": "so tu phap"}
AS_OF = dt.date(2026, 3, 2)


class _Context:
    """What `writing` asks of Typer's context: the root's state (its --db)."""

    def __init__(self, db: Db) -> None:
        self.obj = State(db=str(db))

    def find_root(self) -> _Context:
        return self


def _writing(db: Db, **options: Any) -> Any:
    return writing(cast(Any, _Context(db)), None, **options)


@pytest.fixture
def ready(lao_cai: Db) -> str:
    """The Lào Cai example on SQLite, at the current schema and calendar."""
    return str(lao_cai)


def _open(path: str, **options: Any) -> Any:
    options.setdefault("schema", SCHEMA_VERSION)
    options.setdefault("calendar", fingerprint())
    return sqlite_writer(path, path, **options)


def _note_all(writer: Writer, note: str) -> int:
    return writer.execute("UPDATE task SET note = :note", {"note": note})


@pytest.mark.sqlite_only
def test_a_write_is_committed_when_the_block_ends(ready: str) -> None:
    with _open(ready) as writer:
        assert isinstance(writer, SqliteWriter)
        changed = _note_all(writer, "ghi chú")
    assert changed > 0
    assert query(ready, "SELECT DISTINCT note FROM task") == [("ghi chú",)]


@pytest.mark.sqlite_only
def test_an_error_rolls_the_whole_write_back(ready: str) -> None:
    before = dump(ready)
    with pytest.raises(RuntimeError), _open(ready) as writer:
        assert writer is not None
        _note_all(writer, "ghi chú")
        raise RuntimeError("the command failed half-way")
    assert dump(ready) == before


@pytest.mark.sqlite_only
def test_a_database_error_is_one_line_and_rolls_back(ready: str) -> None:
    i18n.set_language("en")
    before = dump(ready)
    with pytest.raises(DatabaseError, match="no such table") as caught, _open(ready) as writer:
        assert writer is not None
        _note_all(writer, "ghi chú")
        writer.execute("UPDATE no_such_table SET x = 1")
    assert ready in caught.value.message and "\n" not in caught.value.message
    assert dump(ready) == before


@pytest.mark.sqlite_only
def test_a_dry_run_rolls_back(ready: str) -> None:
    before = dump(ready)
    with _open(ready, dry_run=True) as writer:
        assert writer is not None
        assert _note_all(writer, "ghi chú") > 0
        assert next(writer.rows("SELECT DISTINCT note FROM task")) == ("ghi chú",)
    assert dump(ready) == before


@pytest.mark.sqlite_only
def test_dates_are_stored_as_sqlalchemy_stores_them(ready: str) -> None:
    """A date bound by the sqlite3 writer is the same ISO text SQLAlchemy's Date type writes."""
    day = dt.date(2026, 2, 5)
    sql = "UPDATE obligation SET submitted_on = :day WHERE id = :id"
    with _open(ready) as writer:
        assert writer is not None
        writer.execute(sql, {"day": day, "id": 1})
    with open_store(Path(ready), create=False).write() as session:
        SessionWriter(session).execute(sql, {"day": day, "id": 2})
        from bmnn_cli.store.models import Obligation

        orm_row = session.get(Obligation, 3)
        assert orm_row is not None
        orm_row.submitted_on = day  # the way the ORM wrote before
    stored = query(ready, "SELECT id, submitted_on, typeof(submitted_on) FROM obligation"
                          " WHERE id IN (1, 2, 3) ORDER BY id")  # fmt: skip
    assert stored == [(n, "2026-02-05", "text") for n in (1, 2, 3)]
    connection = sqlite3.connect(ready)
    try:
        read = [rows.one(SqliteReader(connection, ready), rows.Obligation, n) for n in (1, 2, 3)]
    finally:
        connection.close()
    assert {row.submitted_on for row in read} == {day}


@pytest.mark.sqlite_only
def test_a_file_the_store_must_see_first_is_not_written_directly(
    ready: str, tmp_path: Path
) -> None:
    """None (the store then opens it) for an old schema, other calendar data, a later year
    than the schedules reach, a missing file; and nothing is changed or created."""
    through = query(ready, "SELECT MIN(through_year) FROM plan")[0][0]
    with _open(ready, year=through) as writer:
        assert writer is not None
    cases: list[dict[str, Any]] = [
        {"schema": SCHEMA_VERSION - 1},  # to be migrated
        {"schema": SCHEMA_VERSION + 1},  # newer: the store refuses it
        {"calendar": "0" * 24},  # due dates computed with other calendar data
        {"year": through + 1},  # schedules to be extended first
    ]
    before = dump(ready)
    for options in cases:
        with _open(ready, **options) as writer:
            assert writer is None, options
    assert dump(ready) == before
    missing = str(tmp_path / "missing.db")
    with _open(missing) as writer:
        assert writer is None
    assert not Path(missing).exists()


@pytest.mark.sqlite_only
def test_a_second_writer_waits_for_the_first(ready: str) -> None:
    """BEGIN IMMEDIATE: the second transaction waits for the lock, then writes; none is lost."""
    done = threading.Event()
    failed: list[BaseException] = []

    def second() -> None:
        try:
            with _open(ready) as writer:
                assert writer is not None
                writer.execute("UPDATE plan SET title = 'hai'")
        except BaseException as error:  # reported by the main thread
            failed.append(error)
        done.set()

    with _open(ready) as writer:
        assert writer is not None
        writer.execute("UPDATE task SET note = 'một'")
        thread = threading.Thread(target=second)
        thread.start()
        assert not done.wait(0.5)  # it waits for the lock this transaction holds
    thread.join(60)
    assert done.is_set() and not failed, failed
    assert query(ready, "SELECT DISTINCT note FROM task") == [("một",)]
    assert query(ready, "SELECT DISTINCT title FROM plan") == [("hai",)]


@contextmanager
def _write_lock_held(db: Db) -> Iterator[None]:
    """Hold the lock every writer takes, from another connection, as a long write does."""
    if isinstance(db, Path):
        connection = sqlite3.connect(db, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.close()
        return
    import psycopg

    with psycopg.connect(db.replace("+psycopg", ""), autocommit=True) as server:
        server.execute("SELECT pg_advisory_lock(%s)", (store_db.WRITE_LOCK_KEY,))
        yield


def test_a_question_does_not_wait_for_a_write(
    cli: Cli, lao_cai: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads never wait for writers: opening the store takes no lock once its schema is current.

    A question used to take the writers' lock on PostgreSQL to look for migrations. The
    wait is cut to a second here, so that a question that waits fails instead of hanging.
    """
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 1000)
    with _write_lock_held(lao_cai):
        for question in (["overdue", "--as-of", "2026-03-02"], ["status", "--as-of", "2026-03-02"],
                         ["tasks"]):  # fmt: skip
            assert json.loads(cli(*question, "--format", "json")), question
    if isinstance(lao_cai, str):  # and the command left no connection open on the server
        name = lao_cai.rsplit("/", 1)[1]
        sql = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = :name"
        sql += " AND pid <> pg_backend_pid()"
        assert query(lao_cai, sql, name=name) == [(0,)]


def _waive_through_writing(db: Db) -> type:
    with _writing(db, year=AS_OF.year) as writer:
        waivers.waive(writer, **POLICE_TASK, reason="mới thành lập", as_of=AS_OF)
        return type(writer)


def test_writing_takes_sqlite3_on_a_ready_file_and_the_session_elsewhere(
    lao_cai: Db, backend: str
) -> None:
    """Same write, same rows: over sqlite3 on SQLite, through SessionWriter on PostgreSQL."""
    used = _waive_through_writing(lao_cai)
    assert used is (SqliteWriter if backend == "sqlite" else SessionWriter)
    waiver = "SELECT w.waived_on, w.reason, w.state, o.period, o.waived_on FROM waiver w"
    waiver += " JOIN obligation o ON o.id = w.obligation_id"
    assert query(lao_cai, waiver) == [("2026-03-02", "mới thành lập", "active", "once",
                                       "2026-03-02")]  # fmt: skip
    logged = query(lao_cai, "SELECT action, plan, task, agency, detail FROM audit_log"
                            " WHERE action = 'waive'")  # fmt: skip
    assert logged == [("waive", "lao-cai-bmnn-2026", "IV.1.a", "so-tu-phap", "once: mới thành lập")]


REGISTER = [
    submissions.Sent("IV.1.a", "so tu phap", dt.date(2026, 2, 20), "12/BC"),
    submissions.Sent("IV.1.a", "Sở Nội vụ", dt.date(2026, 3, 1), "7/BC-SNV"),
    submissions.Sent("IV.1.a", "so tu phap", dt.date(2026, 2, 20), "12/BC"),  # the same again
    submissions.Sent("IV.1.a", "Sở Tài chính", dt.date(2026, 2, 26), note="qua thư"),
]


@pytest.mark.sqlite_only
def test_both_writers_record_the_same_rows(ready: str, tmp_path: Path) -> None:
    """A register recorded over sqlite3 and through the session leaves the same database."""
    other = str(tmp_path / "other.db")
    shutil.copyfile(ready, other)
    with _open(ready) as writer:
        assert isinstance(writer, SqliteWriter)
        direct = submissions.submit_many(writer, REGISTER, as_of=AS_OF)
    with open_store(Path(other), create=False).write() as session:
        through_session = submissions.submit_many(SessionWriter(session), REGISTER, as_of=AS_OF)
    assert direct == through_session and [o.changed for o in direct] == [1, 1, 0, 1]
    assert dump(ready) == dump(other)
    assert len(query(ready, "SELECT id FROM submission")) == 3


@pytest.fixture
def recorded(cli: Cli, lao_cai: Db) -> Iterator[Db]:
    """Lào Cai with Sở Tư pháp's submission and Sở Tài chính's waiver already recorded."""
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--as-of", "2026-03-02")
    cli("waive", "-t", "IV.1.a", "-a", "Sở Tài chính", "--reason", "thử", "--as-of", "2026-03-02")
    yield lao_cai


def _register_file(folder: Path) -> str:
    path = folder / "register.csv"
    path.write_text(
        "task,agency,date,ref\nIV.1.a,Sở Nội vụ,01/03/2026,7/BC\nIV.1.a,so tu phap,20/02/2026,\n",
        encoding="utf-8",
    )
    return str(path)


DAILY = [
    ["submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "2026-03-01", "--as-of", "2026-03-02"],
    ["submit", "--from-csv", "{register}", "--as-of", "2026-03-02"],
    ["amend", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-21", "--reason", "sửa ngày",
     "--as-of", "2026-03-02"],
    ["retract", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "nhầm"],
    ["waive", "-t", "IV.1.a", "-a", "Sở Nội vụ", "--reason", "thử", "--as-of", "2026-03-02"],
    ["unwaive", "-t", "IV.1.a", "-a", "Sở Tài chính", "--reason", "nhầm"],
]  # fmt: skip


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", DAILY, ids=lambda a: " ".join(a[:2]))
def test_no_daily_write_loads_sqlalchemy(recorded: Db, tmp_path: Path, args: list[str]) -> None:
    """The officer's daily writes on a ready SQLite file run over sqlite3 alone.

    Importing SQLAlchemy and SQLModel costs about half a second, as much as
    the rest of the command.
    """
    before = query(recorded, "SELECT COUNT(*) FROM audit_log")[0][0]
    line = [a.replace("{register}", _register_file(tmp_path)) for a in args]
    done, loaded = loaded_by(recorded, line)
    assert done.stdout.strip()  # it said what it recorded
    assert loaded == "LOADED 0 []", done.stderr
    assert query(recorded, "SELECT COUNT(*) FROM audit_log")[0][0] > before  # and it wrote


@pytest.mark.sqlite_only
def test_a_write_past_the_stored_years_goes_through_the_store(recorded: Db) -> None:
    """The other side: schedules to extend first need the store, which extends and logs them."""
    later = query(recorded, "SELECT MAX(through_year) FROM plan")[0][0] + 1
    task, agency = query(
        recorded,
        "SELECT t.code, a.code FROM obligation o JOIN task t ON t.id = o.task_id"
        " JOIN agency a ON a.id = o.agency_id WHERE o.period = :year ORDER BY o.id LIMIT 1",
        year=str(later - 1),
    )[0]
    as_of = f"{later}-12-31"
    args = ["waive", "-t", task, "-a", agency, "--reason", "thử", "--as-of", as_of]
    done, loaded = loaded_by(recorded, args)
    assert "sqlalchemy" in loaded, done.stderr
    assert query(recorded, "SELECT MIN(through_year) FROM plan")[0][0] == later
    assert query(recorded, "SELECT COUNT(*) FROM audit_log WHERE action = 'extend'")[0][0] > 0


def test_a_recording_too_far_ahead_is_refused_and_changes_nothing(cli: Cli, lao_cai: Db) -> None:
    """The bound on years ahead (`domain.periods.check_year`) holds for a write too."""
    before = dump(lao_cai)
    args = ("waive", "-t", "IV.1.a", "-a", "Sở Nội vụ", "--reason", "thử", "--as-of", "2060-01-01")
    err = cli.fail(*args, code=2)
    assert "the year 2060 is too far beyond the plans (the newest is for 2026" in err
    assert dump(lao_cai) == before
