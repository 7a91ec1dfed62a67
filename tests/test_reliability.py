"""Migrations, audit log, archiving, backups, checks and the safety rules."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from bmnn_cli.store.migrations import SCHEMA_VERSION
from conftest import GOOD_TASK, LAO_CAI, ROOT, Cli, Db, dump, exists, plan_text, query

SCHEMA_V1 = ROOT / "tests" / "data" / "schema-v1.db"


@pytest.mark.sqlite_only
def test_database_of_the_first_schema_is_upgraded(cli: Cli, tmp_path: Path) -> None:
    """tests/data/schema-v1.db was made by bmnn 0.1.0 before the audit log existed."""
    old = tmp_path / "old.db"
    shutil.copy(SCHEMA_V1, old)
    rows = json.loads(
        cli("--db", str(old), "show", "IV.1.a", "--as-of", "2026-03-01", "-f", "json")
    )
    sent = [o for o in rows["obligations"] if o["agency"] == "Sở Tư pháp"]
    assert sent[0]["status"] == "done_on_time" and sent[0]["submitted_on"] == "2026-02-25"
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = [r[0] for r in conn.execute("SELECT name FROM _bmnn_migrations ORDER BY name")]
        assert names[0] == "001_initial" and len(names) == SCHEMA_VERSION
    cli("--db", str(old), "submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "2026-02-26",
        "--as-of", "2026-03-01")  # fmt: skip
    log = json.loads(cli("--db", str(old), "log", "-f", "json"))
    assert log[0]["action"] == "submit" and log[0]["agency"] == "so-noi-vu"


def test_every_change_is_in_the_log(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--as-of", "2026-03-01")
    cli("amend", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-21", "--reason", "sai ngày",
        "--as-of", "2026-03-01")  # fmt: skip
    cli("waive", "-t", "IV.1.a", "-a", "Sở Nội vụ", "--reason", "sáp nhập", "--as-of", "2026-03-01")
    cli(
        "request",
        "-t",
        "IV.1.b",
        "--due",
        "2026-12-15",
        "-d",
        "2026-12-01",
        "--as-of",
        "2026-12-01",
    )
    cli("retract", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "nhầm")
    log = json.loads(cli("log", "-f", "json"))
    assert [e["action"] for e in log] == [
        "retract",
        "request",
        "waive",
        "amend",
        "submit",
        "calendar",  # the calendar data the imported due dates follow
        "import",
    ]
    assert all(e["os_user"] and e["at"] for e in log)
    assert log[0]["command"] == "bmnn retract -t IV.1.a -a 'so tu phap' --reason 'nhầm'"
    only = json.loads(cli("log", "--agency", "Sở Nội vụ", "-f", "json"))
    assert [e["action"] for e in only] == ["waive"]


def test_reimport_dropping_a_task_with_records(cli: Cli, db: Db, plan_copy: Path) -> None:
    cli("import", str(plan_copy))
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--as-of", "2026-03-01")
    text = plan_copy.read_text(encoding="utf-8")
    start = text.index('id = "IV.1.a"')
    start = text.rindex("[[tasks]]", 0, start)
    end = text.index("[[tasks]]", start + 9)
    plan_copy.write_text(text[:start] + text[end:], encoding="utf-8")
    err = cli.fail("import", str(plan_copy), code=6)
    assert "IV.1.a" in err and "--force" in err
    out = cli("--lang", "en", "import", "--force", str(plan_copy))
    assert "archived" in out
    codes = {t["task"] for t in json.loads(cli("tasks", "-f", "json"))}
    assert "IV.1.a" not in codes
    kept = query(db, "SELECT COUNT(*) FROM submission")[0][0]
    archived = query(db, "SELECT archived_at FROM task WHERE code = 'IV.1.a'")[0][0]
    assert kept == 1 and archived


@pytest.mark.sqlite_only
def test_backup_restore_and_check(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--as-of", "2026-03-01")
    snapshot = dump(lao_cai, exclude=("audit_log",))
    copy = tmp_path / "backup.db"
    cli("backup", str(copy))
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert cli.fail("backup", str(copy), code=6)
    cli("submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "2026-02-21", "--as-of", "2026-03-01")
    assert "--force" in cli.fail("restore", str(copy), code=6)
    cli("restore", "--force", str(copy))
    assert dump(lao_cai, exclude=("audit_log",)) == snapshot
    assert json.loads(cli("log", "-f", "json"))[0]["action"] == "restore"
    cli("check")
    not_a_backup = tmp_path / "x.db"
    not_a_backup.write_text("hello", encoding="utf-8")
    assert "not a bmnn database" in cli.fail("restore", "--force", str(not_a_backup), code=3)


@pytest.mark.sqlite_only
def test_check_finds_damage(cli: Cli, lao_cai: Path) -> None:
    with sqlite3.connect(lao_cai) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO task_agency (task_id, role, agency_id) VALUES (99999, 'lead', 1)")
    out = cli("check", "-f", "json", code=1)
    assert "task_agency" in out


@pytest.mark.sqlite_only
def test_check_finds_a_truncated_file_damaged(cli: Cli, lao_cai: Path) -> None:
    """What `check` is for: a file the store cannot even open is damage found (exit 1)."""
    data = lao_cai.read_bytes()
    lao_cai.write_bytes(data[: len(data) // 2])
    out = cli("--lang", "en", "check", "-f", "json", code=1)
    assert "cannot read the database" in out and "bmnn restore" in out
    assert lao_cai.read_bytes() == data[: len(data) // 2]  # looked at, not changed


@pytest.mark.parametrize("stamp", ["MẬT", "**TỐI MẬT**", "TUYỆT MẬT", "# MẬT"])
def test_classified_files_are_refused(cli: Cli, db: Db, tmp_path: Path, stamp: str) -> None:
    text = LAO_CAI.read_text(encoding="utf-8").replace(
        'registry = "agencies.toml"', f'# {stamp}\nregistry = "{LAO_CAI.parent / "agencies.toml"}"'
    )
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"# {stamp}") + 1
    err = cli.fail("import", str(path), code=6)
    assert f"{path}:{line}:" in err and "--allow-classified" in err
    assert not exists(db)
    cli("import", "--allow-classified", str(path))


def test_prose_about_secrets_is_not_a_stamp(cli: Cli) -> None:
    """The example plans talk about "bí mật nhà nước" throughout and import fine."""
    cli("import", str(LAO_CAI))


def test_csv_output_neutralises_formulas(cli: Cli, db: Path, tmp_path: Path) -> None:
    """A cell that starts with "=" reaches the CSV through the CLI, and arrives as text."""
    formula = '=HYPERLINK("http://x")'
    path = tmp_path / "formula.toml"
    path.write_text(plan_text(GOOD_TASK.replace('"Gửi kế hoạch"', repr(formula))), "utf-8")
    cli("import", str(path))
    for question in (("tasks", "-f", "csv"), ("overdue", "--as-of", "2026-03-02", "-f", "csv")):
        titles = {row["title"] for row in csv.DictReader(io.StringIO(cli(*question)))}
        assert titles == {"'" + formula}, question
    from bmnn_cli.render.csv import cell as _csv_cell

    assert _csv_cell("=1+1") == "'=1+1" and _csv_cell("-3") == "-3" and _csv_cell("@x") == "'@x"


QUARTER_ONE = ["report", "-q", "1", "-y", "2026", "--as-of", "2026-11-27"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ical", "--as-of", "2026-11-27", "-o", "{folder}"], "cannot write"),
        ([*QUARTER_ONE, "-f", "html", "-o", "{folder}"], "is a directory"),
        ([*QUARTER_ONE, "-o", "{folder}/no/such.md"], "cannot write"),
    ],
)  # fmt: skip
def test_output_to_a_folder_is_a_usage_error(
    cli: Cli, lao_cai: Db, tmp_path: Path, args: list[str], message: str
) -> None:
    err = cli.fail(*[a.format(folder=tmp_path) for a in args], code=2)
    assert message in err and "Traceback" not in err and "internal error" not in err


@pytest.mark.sqlite_only
def test_backup_to_a_folder_is_a_usage_error(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    err = cli.fail("backup", "--force", str(tmp_path), code=2)
    assert "cannot write" in err and "it is a folder" in err
