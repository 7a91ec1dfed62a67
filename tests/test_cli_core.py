"""Plans in, listed and exported, through the CLI against a real database file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bmnn_cli.store.migrations import SCHEMA_VERSION
from conftest import CAO_BANG, LAO_CAI, Cli, Db, answerable, dump, example_tasks, group_members


def test_init_is_idempotent(cli: Cli, db: Path) -> None:
    first = cli("init")
    assert str(db) in first and str(SCHEMA_VERSION) in first
    before = dump(db)
    cli("init")
    assert dump(db) == before


def test_import_prints_summary(cli: Cli) -> None:
    out = cli("import", str(LAO_CAI))
    assert "lao-cai-bmnn-2026" in out
    assert f"{example_tasks()} nhiệm vụ" in out
    assert "2026" in out


def test_reimport_same_plan_changes_nothing(cli: Cli, lao_cai: Path) -> None:
    before = dump(lao_cai)
    out = cli("--lang", "en", "import", str(LAO_CAI))
    assert "No changes since the last import." in out
    assert dump(lao_cai) == before


def test_changed_plan_prints_changes_and_keeps_submissions(cli: Cli, plan_copy: Path) -> None:
    cli("import", str(plan_copy))
    cli("submit", "--task", "IV.1.a", "--agency", "Sở Tư pháp", "--date", "25/02/2026",
        "--as-of", "2026-03-01")  # fmt: skip
    text = plan_copy.read_text(encoding="utf-8")
    changed = text.replace("date = 2026-02-27", "date = 2026-03-06").replace(
        'deadline = "trước ngày 27/02/2026"', 'deadline = "trước ngày 06/03/2026"'
    )
    assert changed != text
    plan_copy.write_text(changed, encoding="utf-8")
    out = cli("--lang", "en", "import", str(plan_copy))
    assert "task IV.1.a" in out and "06/03/2026" in out
    rows = json.loads(cli("show", "IV.1.a", "--as-of", "2026-03-10", "--format", "json"))
    sent = [o for o in rows["obligations"] if o["agency"] == "Sở Tư pháp"]
    assert sent[0]["submitted_on"] == "2026-02-25"
    assert sent[0]["scheduled_due"] == "2026-03-06"


def test_dry_run_writes_nothing(cli: Cli, db: Path) -> None:
    cli("init")
    before = dump(db)
    out = cli("--lang", "en", "import", "--dry-run", str(LAO_CAI))
    assert "Dry run: would import plan lao-cai-bmnn-2026" in out
    assert dump(db) == before


def test_export_import_round_trip(
    cli: Cli, both: Db, tmp_path: Path, new_db: Callable[[str], Db]
) -> None:
    before = dump(both, exclude=("audit_log",))
    exported = tmp_path / "exported.toml"
    cli("export", "lao-cai-bmnn-2026", "-o", str(exported))
    other = new_db("other")
    cli("--db", str(other), "import", str(exported))
    cli("--db", str(other), "import", str(CAO_BANG))
    after = dump(other, exclude=("audit_log",))
    assert after == before
    # and the export of the re-imported plan is the same file
    again = tmp_path / "again.toml"
    cli("--db", str(other), "export", "lao-cai-bmnn-2026", "-o", str(again))
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_plans_listing_formats(cli: Cli, both: Path) -> None:
    rows = json.loads(cli("plans", "--format", "json"))
    assert {r["plan"] for r in rows} == {"lao-cai-bmnn-2026", "cao-bang-luat-bmnn-2026"}
    assert {r["tasks"] for r in rows} == {example_tasks(LAO_CAI), example_tasks(CAO_BANG)}
    table = list(csv.DictReader(io.StringIO(cli("plans", "--format", "csv"))))
    assert len(table) == 2 and table[0]["province"]


def test_agencies_by_group_without_diacritics(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("agencies", "--group", "ubnd cac xa, phuong", "--format", "json"))
    assert {r["agency_id"] for r in rows} == group_members("ubnd-xa-phuong")
    assert all(r["kind"] in ("commune", "ward") for r in rows)


def test_an_agency_named_with_its_province_as_documents_write_it(cli: Cli, lao_cai: Path) -> None:
    as_of = ("--as-of", "2026-12-01", "--format", "json")
    alone = json.loads(cli("status", "-a", "so tu phap", *as_of))
    for written in ("Sở Tư pháp tỉnh Lào Cai", "so tu phap lao cai", "Công an tỉnh Lào Cai"):
        rows = json.loads(cli("status", "-a", written, *as_of))
        assert rows[0]["agency_id"] in ("so-tu-phap", "cong-an-tinh"), written
    assert json.loads(cli("status", "-a", "Sở Tư pháp tỉnh Lào Cai", *as_of)) == alone
    cli.fail("status", "-a", "Sở Tư pháp tỉnh Cao Bằng", *as_of, code=4)  # another province's


def test_tasks_for_an_agency_include_group_tasks(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("tasks", "--agency", "so tu phap", "--format", "json"))
    codes = {r["task"] for r in rows}
    assert "III.2" in codes  # named directly
    assert "IV.1.a" in codes  # through "các sở, ban, ngành"
    assert "III.7" not in codes


def test_show_task(cli: Cli, lao_cai: Path) -> None:
    out = cli("show", "IV.1.b", "--as-of", "2026-11-27")
    assert "trước ngày 30/10 hàng năm" in out
    data = json.loads(cli("show", "IV.1.b", "--as-of", "2026-11-27", "--format", "json"))
    assert data["deliverable"] == "report"
    assert any(o["status"] == "overdue" for o in data["obligations"])


def test_info_names_the_database_and_schema(cli: Cli, lao_cai: Path) -> None:
    data = json.loads(cli("info", "--format", "json"))
    assert data["database"] == str(lao_cai)
    assert data["schema"] == SCHEMA_VERSION and data["plans"] == 1


@pytest.mark.no_database
def test_db_option_beats_environment(cli: Cli, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.db"
    data = json.loads(cli("--db", str(chosen), "info", "--format", "json"))
    assert data["database"] == str(chosen)
    data = json.loads(cli("info", "--db", str(chosen), "--format", "json"))
    assert data["database"] == str(chosen)


@pytest.mark.no_database
def test_a_database_named_in_a_missing_folder_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped --db or BMNN_DB folder would start a second, diverging database."""
    typo = tmp_path / "no-such-folder" / "bmnn.db"
    for args in (["--db", str(typo), "import", str(LAO_CAI)], ["--db", str(typo), "init"]):
        err = cli.fail(*args, code=5)
        assert err == f"bmnn: {typo}: there is no folder {typo.parent}; make it first," + (
            " or check --db / BMNN_DB\n"
        )
    monkeypatch.setenv("BMNN_DB", str(typo))
    cli.fail("init", code=5)
    assert not typo.parent.exists()
    monkeypatch.delenv("BMNN_DB")  # the default location's folder is made on first use
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh-home"))
    cli("init")
    assert list((tmp_path / "fresh-home").rglob("*.db"))


def test_english_and_vietnamese_headers(cli: Cli, lao_cai: Path) -> None:
    assert "Kế hoạch" in cli("plans")
    assert "Plan" in cli("--lang", "en", "plans")


def test_plain_output_has_no_colour_or_boxes(cli: Cli, lao_cai: Path) -> None:
    out = cli("tasks")
    assert "\x1b[" not in out
    assert not set("│┃━─┏┗") & set(out)


@pytest.mark.no_database
def test_every_command_has_help(cli: Cli) -> None:
    from bmnn_cli.cli.app import app

    for command in app.registered_commands:
        assert command.callback and command.callback.__doc__, command.name
        name = command.name or command.callback.__name__
        assert cli(name, "--help").startswith(f"Cách dùng: bmnn {name} ")


def test_show_lists_each_obligation_with_its_status(cli: Cli, lao_cai: Db) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--as-of", "2026-03-01")
    out = cli("show", "IV.1.a", "--as-of", "2026-03-01")
    assert "hoàn thành đúng hạn" in out and "quá hạn" in out
    rows = list(
        csv.DictReader(io.StringIO(cli("show", "IV.1.a", "--as-of", "2026-03-01", "-f", "csv")))
    )
    assert len(rows) == len(answerable("IV.1.a"))
    assert {r["status"] for r in rows} == {"done_on_time", "overdue"}


def test_rich_tables_keep_dates_whole_on_a_narrow_terminal(
    lao_cai: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bmnn_cli.render import Column, Format, Listing, render

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "40")
    out = Terminal()
    columns = [Column("title", "col.title"), Column("due", "col.due", "date")]
    title = "Xây dựng Kế hoạch cụ thể triển khai thực hiện " * 3
    render(Listing(columns, [{"title": title, "due": dt.date(2026, 2, 27)}]), Format.table, out)
    assert "27/02/2026" in out.getvalue()
