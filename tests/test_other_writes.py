"""request, event, cancel, remind --eml, check and backup over sqlite3 on a ready file.

On a SQLite file at the current schema (and calendar, and years) these
commands write or read with the standard `sqlite3` module; elsewhere
through the store's session. The tests hold the two paths to the same rows
and output, and check in a fresh interpreter that the sqlite3 path loads no
SQLAlchemy.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Cli, dump, loaded_by, query

pytestmark = pytest.mark.sqlite_only

AS_OF = ("--as-of", "2026-03-02")
SENDER = "cong-an-tinh@example.invalid"
REQUEST = ("request", "-t", "IV.1.b", "--due", "2026-04-30", "-d", "2026-03-02", *AS_OF)
EVENT = ("event", "-t", "II.4", "--due", "2026-04-30", "-d", "2026-03-02", *AS_OF)
CANCEL = ("cancel", "-t", "IV.1.b", "--reason", "ghi nhầm")

MAIL_ENV = {"BMNN_SMTP_FROM": SENDER}


def count(db: Path, table: str) -> int:
    return int(query(db, f"SELECT COUNT(*) FROM {table}")[0][0])


def test_remind_eml_loads_no_database_library(both: Path, tmp_path: Path) -> None:
    """A cron run writing .eml files on a ready file: plain sqlite3, every stage recorded."""
    assert isinstance(both, Path)
    outbox = tmp_path / "outbox"
    done, loaded = loaded_by(
        both, ["remind", "--include-overdue", *AS_OF, "--eml", str(outbox)], env=MAIL_ENV
    )
    assert loaded == "LOADED 0 []", done.stderr
    files = len(list(outbox.glob("*.eml")))
    assert files and count(both, "reminder_log") >= files
    assert query(both, "SELECT COUNT(*) FROM reminder_log WHERE sent_at = ''") == [(0,)]
    assert count(both, "audit_log WHERE action = 'remind'") == count(both, "reminder_log")


def test_check_loads_no_database_library(both: Path) -> None:
    assert isinstance(both, Path)
    done, loaded = loaded_by(both, ["check"], env=MAIL_ENV)
    assert loaded == "LOADED 0 []" and str(both) in done.stdout, done.stderr


def test_backup_loads_no_database_library(both: Path, tmp_path: Path) -> None:
    assert isinstance(both, Path)
    copy = tmp_path / "copy.db"
    done, loaded = loaded_by(both, ["backup", str(copy)], env=MAIL_ENV)
    assert loaded == "LOADED 0 []" and str(copy) in done.stdout, done.stderr
    with sqlite3.connect(copy) as connection:
        kept = connection.execute("SELECT COUNT(*) FROM obligation").fetchone()[0]
    assert kept == count(both, "obligation") > 0


@pytest.mark.parametrize("args", [REQUEST, EVENT, CANCEL], ids=lambda a: a[0])
def test_request_event_and_cancel_load_no_database_library(
    cli: Cli, both: Path, args: tuple[str, ...]
) -> None:
    assert isinstance(both, Path)
    if args is CANCEL:
        cli(*REQUEST)
    done, loaded = loaded_by(both, list(args), env=MAIL_ENV)
    assert done.stdout.strip() and loaded.startswith("LOADED 0 "), done.stderr
    assert loaded == "LOADED 0 []", done.stderr


def _unready(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file looks as if it needed the store: the session path is taken throughout."""
    from bmnn_cli.store import reader
    from bmnn_cli.store import transactions as run_database

    monkeypatch.setattr(reader, "ready", lambda *args, **kwargs: False)
    monkeypatch.setattr(run_database, "ready", lambda *args, **kwargs: False)


def _day_of_work(cli: Cli, db: Path, outbox: Path) -> list[str]:
    """An event and a request recorded, reminders written, the request cancelled, a check."""
    said = [cli(*EVENT), cli(*REQUEST)]
    said.append(cli("remind", "--include-overdue", *AS_OF, "--eml", str(outbox)).splitlines()[-1])
    said += [cli(*CANCEL), cli("--lang", "en", "check")]
    return [line.replace(str(outbox), "OUTBOX").replace(str(db), "DB") for line in said]


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """What was written, without what differs on every run (times, message ids, file names)."""
    rows = dump(db, exclude=("reminder_log", "audit_log"))
    columns = "obligation_id, channel, due, stage, as_of, recipients"
    rows["reminder_log"] = list(query(db, f"SELECT {columns} FROM reminder_log ORDER BY id"))
    rows["audit_log"] = [
        (action, plan, task, agency, re.sub(r"; file .*", "", detail))
        for action, plan, task, agency, detail in query(
            db, "SELECT action, plan, task, agency, detail FROM audit_log ORDER BY id"
        )
    ]
    return rows


def test_the_sqlite3_path_writes_what_the_session_path_writes(
    cli: Cli, both: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(both, Path)
    monkeypatch.setenv("BMNN_SMTP_FROM", SENDER)
    other = tmp_path / "other.db"
    other.write_bytes(both.read_bytes())
    fast = _day_of_work(cli, both, tmp_path / "fast")
    fast_rows = _rows(both)
    _unready(monkeypatch)
    monkeypatch.setenv("BMNN_DB", str(other))
    slow = _day_of_work(cli, other, tmp_path / "slow")
    assert fast == slow
    assert fast_rows == _rows(other)
    assert fast_rows["reminder_log"] and len(fast_rows["request"]) == 1  # the event's
    assert any(row[0] == "cancel_request" for row in fast_rows["audit_log"])


def test_a_run_goes_through_the_store_once_the_file_is_no_longer_ready(both: Path) -> None:
    """Each write checks under its lock that the file is still ready, else the store writes."""
    assert isinstance(both, Path)
    from bmnn_cli.domain.calendar_data import fingerprint
    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.reminders import clear_stale_claims
    from bmnn_cli.store.transactions import SqliteTransactions, for_run
    from bmnn_cli.store.writer import SessionWriter, SqliteWriter

    opened: list[object] = []

    def opener() -> object:
        opened.append(open_store(both, create=False))
        return opened[-1]

    with for_run(both, 2026, opener) as ready:
        assert isinstance(ready, SqliteTransactions)
        with ready.write() as writer:
            assert isinstance(writer, SqliteWriter) and clear_stale_claims(writer) == 0
    assert opened == []
    stale = SqliteTransactions(both, 2026, "other calendar data", opener)
    try:
        with stale.write() as writer:  # as if another bmnn had recomputed the due dates
            assert isinstance(writer, SessionWriter) and clear_stale_claims(writer) == 0
        with stale.read() as reader:
            assert next(iter(reader.rows("SELECT COUNT(*) FROM plan")))[0] == 2
    finally:
        stale.close()
    assert len(opened) == 1  # opened once, for both
    assert fingerprint() != "other calendar data"


def test_a_run_sees_another_bmnn_change_the_file_between_two_of_its_writes(both: Path) -> None:
    """The checks are spared while nobody else commits, never after another connection did."""
    assert isinstance(both, Path)
    import sqlite3

    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.transactions import for_run
    from bmnn_cli.store.writer import SessionWriter, SqliteWriter

    def other_bmnn(version: int) -> None:
        with sqlite3.connect(both) as other:  # commits: the file's data version moves on
            other.execute(f"PRAGMA user_version = {version}")

    with for_run(both, 2026, lambda: open_store(both, create=False)) as run:
        for _ in range(2):  # the second write spares the checks
            with run.write() as writer:
                assert isinstance(writer, SqliteWriter)
        other_bmnn(SCHEMA_VERSION - 1)  # as if an older schema were back: to migrate
        with run.write() as writer:
            assert isinstance(writer, SessionWriter)  # checked again, and found not ready
    with sqlite3.connect(both) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
