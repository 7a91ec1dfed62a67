"""`bmnn import` over sqlite3 stores exactly what it stored through the ORM session.

The same import steps (registry, plan, re-import, a changed plan, a task
archived and brought back, days off that move due dates, a second province,
a dry run, a refusal) run once through the store's session and once over a
plain sqlite3 Writer, on two files; every table must end up the same, ids
included, and every step must report the same changes. Then, in fresh
interpreters, the command itself must not load SQLAlchemy or SQLModel on a
file that is ready.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.domain.planfile import load
from bmnn_cli.errors import BmnnError
from bmnn_cli.store.db import open_store
from bmnn_cli.store.migrations import SCHEMA_VERSION
from bmnn_cli.store.plans import ImportResult, import_file
from bmnn_cli.store.writer import SqliteWriter, sqlite_writer
from conftest import CAO_BANG, EXAMPLES, LAO_CAI, REGISTRY, dump, loaded_by

pytestmark = pytest.mark.sqlite_only

Importer = Callable[[Path, Path, bool, bool], ImportResult]

ENGLISH = {"BMNN_LANG": "en"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One stamp for every write, so an archived task's stamp in the audit log compares."""
    monkeypatch.setattr("bmnn_cli.store.audit.now", lambda: "2026-01-01T00:00:00+00:00")


def through_session(db: Path, file: Path, force: bool, dry_run: bool) -> ImportResult:
    store = open_store(db, create=True)
    try:
        with store.write(dry_run=dry_run) as session:
            return import_file(session, load(file), force=force)
    finally:
        store.engine.dispose()


def through_sqlite3(db: Path, file: Path, force: bool, dry_run: bool) -> ImportResult:
    if not db.exists():
        open_store(db, create=True).engine.dispose()  # the first run migrates the new file
    path = str(db)
    with sqlite_writer(
        path, path, schema=SCHEMA_VERSION, calendar=fingerprint(), dry_run=dry_run
    ) as writer:
        assert isinstance(writer, SqliteWriter)  # the file is ready: no session involved
        return import_file(writer, load(file), force=force)


def tasks_of(text: str) -> tuple[str, list[str]]:
    head, *tasks = re.split(r"(?m)^(?=\[\[tasks\]\]\n)", text)
    return head, tasks


def code_of(task: str) -> str:
    found = re.search(r'(?m)^id = "([^"]+)"', task)
    assert found is not None
    return found.group(1)


def changed_plan(folder: Path) -> tuple[Path, Path, str, str]:
    """The Lào Cai plan with its title changed, two tasks dropped, one task's agencies and
    another's title and place (last instead of fourth).

    Returns the changed file, a copy of the original in the same folder (its
    registry is found beside it), and the codes of the two dropped tasks.
    """
    for name in ("agencies.toml", "bmnn-2026.toml"):
        (folder / name).write_bytes((EXAMPLES / "lao-cai" / name).read_bytes())
    text = (folder / "bmnn-2026.toml").read_text(encoding="utf-8")
    head, tasks = tasks_of(text)
    kept_back, dropped = code_of(tasks[1]), code_of(tasks[2])
    first = tasks[0].replace("\nlead = [", '\nsupport = ["so-ban-nganh"]\nlead = [', 1)
    assert first != tasks[0]
    moved = re.sub(
        r'(?s)\ntitle = (""".*?"""|"[^\n]*")', '\ntitle = "Nhiệm vụ đã sửa"', tasks[3], count=1
    )
    assert moved != tasks[3]
    head = re.sub(r'(?m)^title = ".*"$', 'title = "Kế hoạch đã sửa"', head, count=1)
    changed = folder / "changed.toml"
    changed.write_text(head + first + "".join(tasks[4:]) + moved, encoding="utf-8")
    return changed, folder / "bmnn-2026.toml", kept_back, dropped


def days_off(folder: Path) -> Path:
    """The Lào Cai registry with days off and a make-up working day: due dates move."""
    text = (EXAMPLES / "lao-cai" / "agencies.toml").read_text(encoding="utf-8")
    text = text.replace(
        'name = "Lào Cai"\n',
        'name = "Lào Cai"\ndays_off = [2026-12-31, 2026-06-01]\nworking_days = [2026-03-07]\n',
        1,
    )
    (folder / "registry").mkdir(exist_ok=True)
    changed = folder / "registry" / "agencies.toml"
    changed.write_text(text, encoding="utf-8")
    return changed


def record_work(db: Path, task: str) -> None:
    """A submission recorded against the task, so dropping it archives instead of deleting."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE obligation SET submitted_on = '2026-03-01' WHERE id ="
            " (SELECT MIN(o.id) FROM obligation o JOIN task t ON t.id = o.task_id"
            " WHERE t.code = :task)",
            {"task": task},
        )
    connection.close()


def run_all(db: Path, importer: Importer, folder: Path) -> list[object]:
    """Every step's outcome (its result, or the message it refused with) and the tables."""
    changed, original, kept_back, _dropped = changed_plan(folder)
    registry_moved = days_off(folder)
    outcomes: list[object] = []

    def step(file: Path, *, force: bool = False, dry_run: bool = False) -> None:
        try:
            outcomes.append(importer(db, file, force, dry_run))
        except BmnnError as error:
            outcomes.append((type(error).__name__, error.message))
        outcomes.append(dump(db))

    step(REGISTRY)
    step(LAO_CAI, dry_run=True)
    step(LAO_CAI)
    step(LAO_CAI)
    step(changed, dry_run=True)
    step(changed)  # one task deleted, one task's agencies, the plan's title
    step(original)
    record_work(db, kept_back)
    step(changed)  # refused: work recorded against a dropped task
    step(changed, force=True)  # archived
    step(original)  # back again
    step(registry_moved)  # days off: due dates move, a recompute entry
    step(REGISTRY)
    step(CAO_BANG)
    step(CAO_BANG)
    return outcomes


@pytest.mark.slow  # fourteen imports of the Lào Cai plan on each path
def test_imports_over_sqlite3_store_what_the_session_stored(tmp_path: Path) -> None:
    files = tmp_path / "files"  # the same paths for both: the audit log names them
    files.mkdir()
    before = run_all(tmp_path / "session.db", through_session, files)
    after = run_all(tmp_path / "sqlite3.db", through_sqlite3, files)
    for number, (old, new) in enumerate(zip(before, after, strict=True)):
        assert new == old, f"step {number // 2 + 1}"
    refused = [o for o in after if isinstance(o, tuple)]
    assert len(refused) == 1 and refused[0][0] == "Refused"
    results = [o for o in after if isinstance(o, ImportResult)]
    actions = {c.action for r in results for c in r.changes}
    assert {"added", "changed", "removed", "archived"} <= actions


def test_import_on_a_ready_file_loads_no_sqlalchemy(lao_cai: Path, tmp_path: Path) -> None:
    """Registry, re-import, changed plan, dry run, a new province and `init`: plain sqlite3."""
    changed, _original, _kept, dropped = changed_plan(tmp_path)
    runs = [
        (["import", str(REGISTRY)], "agency registry of lao-cai"),
        (["import", str(LAO_CAI)], "No changes"),
        (["import", "--dry-run", str(changed)], "Dry run"),
        (["import", str(changed)], dropped),
        (["import", str(CAO_BANG)], "Imported plan"),
        (["init"], str(SCHEMA_VERSION)),
    ]
    for args, said in runs:
        done, loaded = loaded_by(lao_cai, args, env=ENGLISH)
        assert said in done.stdout, (args, done.stdout, done.stderr)
        assert loaded == "LOADED 0 []", (args, done.stderr)
    with sqlite3.connect(lao_cai) as connection:
        codes = {code for (code,) in connection.execute("SELECT code FROM plan")}
        gone = connection.execute("SELECT COUNT(*) FROM task WHERE code = ?", (dropped,))
        assert gone.fetchone() == (0,)  # it was written, not only previewed
    connection.close()
    assert len(codes) == 2


def test_the_first_import_into_a_new_file_loads_no_database_library(tmp_path: Path) -> None:
    """A file not there yet is made at the current schema over sqlite3, then written so."""
    db = tmp_path / "new.db"
    done, loaded = loaded_by(db, ["import", str(REGISTRY)], env=ENGLISH)
    assert "agency registry of lao-cai" in done.stdout and loaded == "LOADED 0 []", done.stderr
    with sqlite3.connect(db) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    connection.close()
    assert version == SCHEMA_VERSION
    done, loaded = loaded_by(db, ["import", str(LAO_CAI)], env=ENGLISH)
    assert "Imported plan" in done.stdout and loaded == "LOADED 0 []", done.stderr


def _schema_of(path: Path) -> tuple[object, ...]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        master = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        names = connection.execute("SELECT name FROM _bmnn_migrations ORDER BY name").fetchall()
        version = connection.execute("PRAGMA user_version").fetchone()
        journal = connection.execute("PRAGMA journal_mode").fetchone()
    return master, names, version, journal, stat.S_IMODE(path.stat().st_mode)


def test_a_file_made_over_sqlite3_is_the_file_the_store_makes(tmp_path: Path) -> None:
    """Tables, indexes, their SQL, the recorded migrations, version, WAL and mode 0600."""
    from bmnn_cli.store.db import Target, create_sqlite, open_store

    by_store, by_sqlite3 = tmp_path / "store.db", tmp_path / "sqlite3.db"
    open_store(Target(str(by_store), "option"), create=True).engine.dispose()
    create_sqlite(by_sqlite3)
    made = _schema_of(by_sqlite3)
    assert made == _schema_of(by_store)
    assert made[2] == (SCHEMA_VERSION,) and made[3] == ("wal",) and made[4] == 0o600
    create_sqlite(by_sqlite3)  # a file that is there is left as it is
    assert _schema_of(by_sqlite3) == made


def test_a_changed_plan_and_registry_are_stored_as_the_files_say(tmp_path: Path) -> None:
    """Re-imported over sqlite3, the plan and registry read back equal to the changed files."""
    from bmnn_cli.store.catalog import plan_spec
    from bmnn_cli.store.reader import sqlite_reader

    changed, _original, _kept, _dropped = changed_plan(tmp_path)
    db = tmp_path / "x.db"
    moved = days_off(tmp_path)
    for file in (REGISTRY, LAO_CAI, changed, moved):
        through_sqlite3(db, file, False, False)
    with sqlite_reader(str(db), str(db), schema=SCHEMA_VERSION, year=0) as reader:
        assert reader is not None
        stored, registry = plan_spec(reader, "lao-cai-bmnn-2026")
    assert stored == load(changed).plan
    wanted = load(moved).registry
    assert wanted is not None and wanted.days_off  # the file changes them
    wanted.days_off.sort()
    assert registry == wanted


def test_an_import_on_a_file_behind_the_schema_goes_through_the_store(lao_cai: Path) -> None:
    """A file to migrate is migrated by the store, in the import's run, and then imported."""
    with sqlite3.connect(lao_cai) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    connection.close()
    done, loaded = loaded_by(lao_cai, ["import", str(LAO_CAI)], env=ENGLISH)
    assert "No changes" in done.stdout and "sqlalchemy" in loaded, done.stderr
    with sqlite3.connect(lao_cai) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    connection.close()


def test_an_import_on_due_dates_of_other_calendar_data_follows_the_calendar(
    lao_cai: Path,
) -> None:
    """Due dates computed with other calendar data: the store recomputes them, then imports."""
    with sqlite3.connect(lao_cai) as connection:
        connection.execute(
            "UPDATE audit_log SET detail = 'older-calendar: ' || detail WHERE action = 'calendar'"
        )
    connection.close()
    done, loaded = loaded_by(lao_cai, ["import", str(LAO_CAI)], env=ENGLISH)
    assert "No changes" in done.stdout and "sqlalchemy" in loaded, done.stderr
    with sqlite3.connect(lao_cai) as connection:
        (detail,) = connection.execute(
            "SELECT detail FROM audit_log WHERE action = 'calendar' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    connection.close()
    assert detail.startswith(f"{fingerprint()}: ") and "due dates moved" in detail  # recomputed
