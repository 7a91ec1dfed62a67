"""Bad input: one clear line on stderr, a documented exit code, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOOD_TASK, LAO_CAI, Cli, dump, plan_text

CASES = {
    "malformed": ('[plan\nid = "x"\n', ["malformed TOML", "line 1"]),
    "missing_field": (
        plan_text().replace('title = "Kế hoạch thử"\n', ""),
        ["missing required field 'title'"],
    ),
    "unknown_agency": (
        plan_text(GOOD_TASK.replace('"so-ban-nganh"', '"Sở Tư phap X"')),
        ["unknown agency or group 'Sở Tư phap X'", "did you mean", "Sở Tư pháp"],
    ),
    "duplicate_task": (plan_text(GOOD_TASK + GOOD_TASK), ["duplicate task id 'IV.1.a'"]),
    "impossible_date": (
        plan_text(
            GOOD_TASK.replace(
                'kind = "fixed"\ndate = 2026-02-27', 'kind = "yearly"\nmonth = 2\nday = 31'
            )
        ),
        ["31/02 is not a date"],
    ),
    "impossible_date_literal": (
        plan_text(GOOD_TASK.replace("2026-02-27", "2026-02-31")),
        ["malformed TOML"],
    ),
    "unknown_kind": (
        plan_text(GOOD_TASK.replace('kind = "fixed"', 'kind = "weekly"')),
        ["unknown schedule kind 'weekly'"],
    ),
    "wrong_type": (
        plan_text().replace("year = 2026", 'year = "2026"'),
        ["year = '2026' should be a whole number"],
    ),
    "unknown_key": (
        plan_text(GOOD_TASK.replace("lead =", "leed =")),
        ["unknown key 'leed'", "did you mean 'lead'"],
    ),
    "unreadable_phrase": (
        plan_text(
            GOOD_TASK.split("[[tasks.schedule]]")[0].replace(
                "trước ngày 27/02/2026", "khi nào xong"
            )
        ),
        ["cannot read the deadline 'khi nào xong'"],
    ),
    "empty": ("   \n", ["the file is empty"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_plan_file(cli: Cli, lao_cai: Path, tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text, encoding="utf-8")
    before = dump(lao_cai)
    err = cli.fail("import", str(path), code=3)
    assert err.count("\n") == 1, err
    assert str(path) in err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert dump(lao_cai) == before


def test_unknown_agency_names_the_line(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    text = plan_text(GOOD_TASK.replace('"so-ban-nganh"', '"cong an tinhh"'))
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "cong an tinhh" in s)
    err = cli.fail("import", str(path), code=3)
    assert f"{path}:{line}:" in err
    assert "Công an tỉnh" in err


def test_not_utf8(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        plan_text().encode("utf-8").replace("Kế hoạch".encode(), "K\xe9".encode("latin-1"))
    )
    before = dump(lao_cai)
    err = cli.fail("import", str(path), code=3)
    assert "not UTF-8" in err and str(path) in err
    assert dump(lao_cai) == before


@pytest.mark.no_database
def test_missing_path(cli: Cli, tmp_path: Path) -> None:
    err = cli.fail("import", str(tmp_path / "nope.toml"), code=3)
    assert "nope.toml: no such file" in err


@pytest.mark.sqlite_only
def test_database_that_is_not_sqlite(cli: Cli, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not a database, just some text " * 100)
    err = cli.fail("--db", str(bogus), "import", str(LAO_CAI), code=5)
    assert "not a bmnn database" in err and str(bogus) in err
    assert bogus.read_bytes().startswith(b"this is not")


@pytest.mark.sqlite_only
def test_read_only_database(cli: Cli, lao_cai: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens the file read-only (mode=ro), which binds root as well.

    Both ways a write opens it: the store's engine, and sqlite3 for a file ready
    to write directly (`store.writer`).
    """
    import functools

    import bmnn_cli.store.db as store_db
    import bmnn_cli.store.reader as store_reader
    import bmnn_cli.store.writer as store_writer

    before = dump(lao_cai)
    monkeypatch.setattr(store_db, "_engine", functools.partial(store_db._engine, read_only=True))
    read_only = functools.partial(store_reader.connect_file, read_only=True)
    monkeypatch.setattr(f"{store_writer.__name__}.connect_file", read_only)
    assert "lao-cai-bmnn-2026" in cli("plans")  # reading still works
    err = cli.fail("submit", "--task", "IV.1.a", "--agency", "so tu phap", "--date", "2026-02-20",
                   "--as-of", "2026-03-01", code=5)  # fmt: skip
    assert "read-only" in err and str(lao_cai) in err and "Traceback" not in err
    assert dump(lao_cai) == before


OPTION_CASES = {
    "date_that_does_not_exist": (
        ["overdue", "--as-of", "31/02/2026"],
        "'31/02/2026' is not a real date: 02/2026 has 28 days",
    ),
    "month_13": (["overdue", "--as-of", "2026-13-01"], "the month must be 1 to 12"),
    "year_9999": (["overdue", "--as-of", "9999-12-31"], "the year must be 1900 to 2200"),
    "year_far_beyond_the_plans": (
        ["overdue", "--as-of", "2060-01-01"],
        "the year 2060 is too far beyond the plans (the newest is for 2026",
    ),
    "report_far_beyond_the_plans": (
        ["report", "--quarter", "1", "--year", "2199", "--as-of", "2026-11-27"],
        "the year 2199 is too far beyond the plans",
    ),
    "unknown_format": (["status", "--format", "pdf"], "format 'pdf' is not supported"),
}


@pytest.mark.parametrize("case", sorted(OPTION_CASES))
def test_bad_option_value(cli: Cli, lao_cai: Path, case: str) -> None:
    """Refused before anything is written, however far a mistyped year would reach."""
    args, expected = OPTION_CASES[case]
    before = dump(lao_cai)
    err = cli.fail(*args, code=2)
    assert expected in err, err
    assert "Traceback" not in err
    assert dump(lao_cai) == before


def test_a_format_name_in_capitals_is_understood(cli: Cli, lao_cai: Path) -> None:
    assert cli("status", "--format", "JSON", "--as-of", "2026-03-02").startswith("[")


@pytest.mark.parametrize("name", ["ke-hoach.txt", "ke-hoach.docx", "ke-hoach.pdf"])
def test_a_plan_document_given_to_import_points_to_extract(
    cli: Cli, lao_cai: Path, tmp_path: Path, name: str
) -> None:
    document = tmp_path / name
    document.write_bytes("KẾ HOẠCH\nBảo vệ bí mật nhà nước năm 2026\n".encode() + b"\x00PK")
    before = dump(lao_cai)
    err = cli.fail("import", str(document), code=3)
    assert "this is a plan document, not a TOML plan file" in err
    assert f"bmnn extract {document} -o plan.toml" in err and err.count("\n") == 1
    assert dump(lao_cai) == before
