"""Backups, restores and checks of the SQLite file.

A live database is never copied file by file: SQLite's online backup API
takes a consistent snapshot while others keep writing, into a temporary file
that is then renamed into place. A restore writes through the same API into
the live database, so its WAL file stays coherent and is never deleted.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from bmnn_cli.errors import DatabaseError, InputError, Refused
from bmnn_cli.files import check_target
from bmnn_cli.i18n import t
from bmnn_cli.store.migrations import SCHEMA_VERSION


def _connect_ro(path: Path) -> sqlite3.Connection:
    from bmnn_cli.store.reader import file_uri

    return sqlite3.connect(file_uri(path, "ro"), uri=True)


def is_current(path: Path) -> bool:
    """Whether `path` is a SQLite file at the current schema, which `check` and
    `backup` read as it is: no migration, so no need of the store (and of
    SQLAlchemy). Anything else (missing, older, newer, unreadable) goes through
    the store, which migrates it or says what is wrong.
    """
    from bmnn_cli.store.reader import file_ready

    return file_ready(path, SCHEMA_VERSION)


def backup(source: Path, dest: Path, *, force: bool = False) -> int:
    """Snapshot `source` into `dest`; returns the size in bytes."""
    check_target(dest)  # a folder, a missing folder or a symbolic link is refused
    if dest.exists() and not force:
        raise Refused(t("err.store.backup_exists", path=dest))
    if dest.resolve() == source.resolve():
        raise Refused(t("err.store.backup_is_database", path=dest))
    _refuse_damaged(source)
    handle, temporary = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent or ".")
    os.close(handle)
    try:
        with (
            contextlib.closing(_connect_ro(source)) as src,
            contextlib.closing(sqlite3.connect(temporary)) as dst,
        ):
            src.backup(dst)
        os.chmod(temporary, 0o600)
        os.replace(temporary, dest)
    except sqlite3.Error as error:
        raise DatabaseError(t("err.store.backup_failed", path=source, error=error)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return dest.stat().st_size


def _refuse_damaged(source: Path) -> None:
    """A damaged database is not backed up: the copy would look sound and be as damaged."""
    problems = [p for p in _integrity(source) if p != "ok"]
    if problems:
        raise DatabaseError(t("err.hostile.backup_of_damaged", path=source, status=problems[0]))


def one_line(problem: object) -> str:
    """One of SQLite's integrity findings on one line (some span several: a message is one)."""
    return " ".join(str(problem).split())


def _integrity(path: Path) -> list[str]:
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            return [one_line(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as error:
        return [str(error)]


SQLITE_HEADER = b"SQLite format 3\x00"


def verify_backup(path: Path) -> int:
    """The schema version of a backup file, after checking it is sound.

    Says precisely what is wrong: no such file, a folder or a device, not
    SQLite at all (its first bytes), or SQLite but damaged.
    """

    header = _header(path)
    if header != SQLITE_HEADER:
        raise InputError(t("err.store.backup_not_sqlite"), path=str(path))
    problems = [p for p in _integrity(path) if p != "ok"]
    if problems:
        raise InputError(t("err.store.backup_damaged", status=problems[0]), path=str(path))
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise InputError(t("err.store.backup_damaged", status=error), path=str(path)) from None
    if "_bmnn_migrations" not in tables:
        raise InputError(t("err.store.backup_not_bmnn"), path=str(path))
    if version > SCHEMA_VERSION:
        raise InputError(t("err.store.backup_newer", version=version), path=str(path))
    return version


def _header(path: Path) -> bytes:
    """The first 16 bytes of a regular file (an InputError for anything else)."""
    import stat

    from bmnn_cli.files import Unreadable, not_regular, open_problem

    try:
        info = os.stat(path)
    except OSError as error:
        raise Unreadable(open_problem(error), path=str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(not_regular(info.st_mode), path=str(path))
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise Unreadable(open_problem(error), path=str(path)) from None


def has_records(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with contextlib.closing(_connect_ro(path)) as conn:
        try:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM plan)").fetchone()[0])
        except sqlite3.Error:
            return True  # unknown content: do not overwrite it silently


def restore(source: Path, target: Path, *, force: bool = False) -> None:
    """Replace the content of `target` by the backup `source`."""
    verify_backup(source)
    if has_records(target) and not force:
        raise Refused(t("err.store.restore_has_records", path=target, source=source))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    try:
        with (
            contextlib.closing(_connect_ro(source)) as src,
            contextlib.closing(sqlite3.connect(target, timeout=30)) as dst,
        ):
            src.backup(dst)
    except sqlite3.Error as error:
        raise DatabaseError(t("err.store.restore_failed", path=target, error=error)) from None


def check(path: Path) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks ([] if none)."""
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            found = (one_line(r[0]) for r in conn.execute("PRAGMA integrity_check"))
            problems = [problem for problem in found if problem != "ok"]
            problems += [
                t("err.store.check_missing_row", table=table, rowid=rowid, parent=parent)
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
            ]
    except sqlite3.DatabaseError as error:
        return [t("err.store.check_unreadable", error=error)]
    return problems
