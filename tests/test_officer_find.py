"""Finding by words, and listings cut down or added up: --search, show WORDS, --limit, --by."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from bmnn_cli.cli.app import app
from bmnn_cli.text import matches
from conftest import Cli, Db

LATE = "2026-11-10"  # IV.1.a and IV.1.b overdue for every answerable agency


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        ("tap huan", "Phối hợp tổ chức tập huấn", True),
        ("TẬP HUẤN", "phối hợp tổ chức tập huấn", True),
        ("dong cuong", "Ủy ban nhân dân xã Đông Cuông", True),
        ("huan tap", "tập huấn", True),  # words in any order
        ("an", "bản kế hoạch", False),  # a word must start with what is typed
        ("tap kiem", "tập huấn", False),  # every word typed
        ("", "tập huấn", False),
    ],
)
def test_words_match_without_case_or_diacritics(words: str, text: str, found: bool) -> None:
    assert matches(words, text) is found


def test_tasks_search(cli: Cli, lao_cai: Db) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("tasks", "--search", "tap huan", "-f", "csv"))))
    assert [r["task"] for r in rows] == ["III.1.2", "III.8.4"]
    assert cli("tasks", "-s", "xyzzy", "-f", "csv").strip() == ",".join(
        ["plan", "task", "title", "lead", "support", "deliverable", "deadline", "schedule"]
    )


def test_agencies_search(cli: Cli, lao_cai: Db) -> None:
    rows = json.loads(cli("agencies", "--search", "dong cuong", "-f", "json"))
    assert [r["agency_id"] for r in rows] == ["xa-dong-cuong"]
    rows = json.loads(cli("agencies", "--search", "UBND xa xuan", "-f", "json"))
    assert {r["name"] for r in rows} >= {
        "Ủy ban nhân dân xã Xuân Ái",
        "Ủy ban nhân dân xã Xuân Quang",
    }


def test_show_by_words_finds_the_one_task(cli: Cli, lao_cai: Db) -> None:
    out = cli("show", "thanh tra kiem tra", "--as-of", "2026-03-10", "-f", "json")
    assert json.loads(out)["task"] == "III.1.4"


def test_show_by_words_names_the_tasks_when_several(cli: Cli, lao_cai: Db) -> None:
    err = cli.fail("show", "tập huấn", code=2)
    assert "2 tasks" in err and "III.1.2" in err and "III.8.4" in err


def test_show_unknown_words_is_not_found(cli: Cli, lao_cai: Db) -> None:
    err = cli.fail("show", "xyzzy quux", code=4)
    assert "Traceback" not in err and err.startswith("bmnn: ")


def test_overdue_limit_shows_the_most_late_and_says_how_many_more(cli: Cli, lao_cai: Db) -> None:
    every = json.loads(cli("overdue", "--as-of", LATE, "-f", "json"))
    result = CliRunner().invoke(app, ["overdue", "--as-of", LATE, "--limit", "5", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == every[:5]
    assert f"5 trong số {len(every)}" in result.stderr
    kept = json.loads(cli("overdue", "--as-of", LATE, "-n", str(len(every)), "-f", "json"))
    assert kept == every


def test_overdue_limit_keeps_fail_on_overdue(cli: Cli, lao_cai: Db) -> None:
    cli("overdue", "--as-of", LATE, "--limit", "1", "--fail-on-overdue", "-f", "csv", code=1)


def test_overdue_by_agency_counts_each_agency(cli: Cli, lao_cai: Db) -> None:
    every = json.loads(cli("overdue", "--as-of", LATE, "-f", "json"))
    groups = json.loads(cli("overdue", "--as-of", LATE, "--by", "agency", "-f", "json"))
    assert sum(g["count"] for g in groups) == len(every)
    tai_chinh = next(g for g in groups if g["agency_id"] == "so-tai-chinh")
    owed = [r for r in every if r["agency_id"] == "so-tai-chinh"]
    assert tai_chinh["count"] == len(owed)
    assert tai_chinh["days"] == max(r["days_late"] for r in owed)
    assert tai_chinh["tasks"] == ", ".join(dict.fromkeys(r["task"] for r in owed))
    counts = [g["count"] for g in groups]
    assert counts == sorted(counts, reverse=True)
    assert "Số lượng" in cli("overdue", "--as-of", LATE, "--by", "agency")


def test_due_by_task_with_fewest_days_left(cli: Cli, lao_cai: Db) -> None:
    every = json.loads(cli("due", "--as-of", "2026-10-20", "--within", "30d", "-f", "json"))
    groups = json.loads(
        cli("due", "--as-of", "2026-10-20", "--within", "30d", "--by", "task", "-f", "json")
    )
    assert {(g["task"], g["count"]) for g in groups} == {
        (task, sum(r["task"] == task for r in every)) for task in {r["task"] for r in every}
    }
    assert all(g["days"] == min(r["days_left"] for r in every if r["task"] == g["task"])
               for g in groups)  # fmt: skip


def test_by_refuses_other_values(cli: Cli, lao_cai: Db) -> None:
    cli.fail("overdue", "--by", "plan", code=2)
