"""The Excel report: it reopens with openpyxl and says what the JSON report says."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from bmnn_cli.cli.app import app
from bmnn_cli.i18n import t
from bmnn_cli.render.columns import (
    REPORT_STATUS_COLUMNS,
    REPORT_TASK_COLUMNS,
    STATUS_COLUMNS,
    WEEK_COLUMNS,
)
from conftest import Cli

AS_OF = "2026-11-27"
SUBMISSIONS = [
    ("IV.1.a", "so tu phap", "25/02/2026"),  # on time
    ("IV.1.a", "Sở Nội vụ", "03/03/2026"),  # late
    ("IV.1.b", "so tu phap", "29/10/2026"),  # on time
    ("IV.1.b", "so-tai-chinh", "28/10/2026"),  # on time
    ("IV.1.b", "vp-ubnd-tinh", "04/11/2026"),  # late
    ("IV.1.b", "xa-khao-mang", "06/10/2026"),  # on time
    ("III.8.4", "xa-khao-mang", "20/11/2026"),  # on time, not yet due
]


@pytest.fixture
def submitted(cli: Cli, lao_cai: Path) -> Path:
    for task, agency, day in SUBMISSIONS:
        cli("submit", "-t", task, "-a", agency, "-d", day, "--as-of", AS_OF)
    return lao_cai


def _report(cli: Cli, tmp_path: Path, period: list[str]) -> tuple[Any, dict[str, Any]]:
    path = tmp_path / "report.xlsx"
    said = cli("report", *period, "--as-of", AS_OF, "--format", "xlsx", "-o", str(path))
    assert str(path) in said
    data = json.loads(cli("report", *period, "--as-of", AS_OF, "--format", "json"))
    return load_workbook(path), data


def _table(sheet: Worksheet) -> tuple[int, list[str], list[list[Any]]]:
    """The header row number, its headers and the rows under it."""
    rows = list(sheet.iter_rows(values_only=True))
    first = t(STATUS_COLUMNS[0].header)
    headers = {t(c.header) for c in [*STATUS_COLUMNS, *REPORT_TASK_COLUMNS, *WEEK_COLUMNS]}
    index = next(i for i, row in enumerate(rows) if row[0] in headers | {first})
    header = [str(cell) for cell in rows[index]]
    return index + 1, header, [list(row) for row in rows[index + 1 :]]


def _same(cell: Any, value: Any, kind: str) -> bool:
    if kind == "rate":
        return cell == value or (value is not None and cell == pytest.approx(value))
    if kind == "date":
        return (cell.date() if cell else None) == (dt.date.fromisoformat(value) if value else None)
    return bool(cell == value)


def _check_rows(sheet: Worksheet, columns: list[Any], expected: list[dict[str, Any]]) -> None:
    _, header, rows = _table(sheet)
    assert header == [t(c.header) for c in columns]
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        for cell, column in zip(row, columns, strict=True):
            if column.kind in ("int", "rate", "date"):
                assert _same(cell, want[column.key], column.kind), (column.key, cell, want)


@pytest.mark.parametrize("period", [["--quarter", "4", "--year", "2026"], ["--year", "2026"]])
def test_summary_numbers_equal_the_json_report(
    cli: Cli, submitted: Path, tmp_path: Path, period: list[str]
) -> None:
    book, data = _report(cli, tmp_path, period)
    summary = book[t("report.summary")]
    assert book.sheetnames[0] == summary.title
    expected = [*data["agencies"], *data["groups"], data["totals"]]
    _check_rows(summary, REPORT_STATUS_COLUMNS, expected)
    _, _, rows = _table(summary)
    assert [r[0] for r in rows] == [*(e["agency"] for e in expected[:-1]), t("total")]
    totals = data["totals"]
    assert totals["on_time"] >= 4 and totals["late"] >= 1 and totals["overdue"] > 0


def test_overdue_plan_and_week_sheets(cli: Cli, submitted: Path, tmp_path: Path) -> None:
    book, data = _report(cli, tmp_path, ["--quarter", "4", "--year", "2026"])
    _, header, overdue = _table(book[t("report.overdue")])
    days = header.index(t("col.days_late"))
    assert [r[days] for r in overdue] == [r["days_late"] for r in data["overdue"]]
    (plan,) = data["plans"]
    _check_rows(book[plan["plan"]], REPORT_TASK_COLUMNS, plan["tasks"])
    weeks = book[t("report.weeks_sheet")]
    _check_rows(weeks, WEEK_COLUMNS, data["weeks"])
    totals = data["totals"]
    assert sum(w["due"] for w in data["weeks"]) == totals["obligations"]
    assert sum(w["submitted"] for w in data["weeks"]) == totals["on_time"] + totals["late"]
    assert weeks._charts, "the weekly sheet has a native chart"
    mondays = [dt.date.fromisoformat(w["week"]) for w in data["weeks"]]
    assert all(day.weekday() == 0 for day in mondays)
    assert all((b - a).days == 7 for a, b in zip(mondays, mondays[1:], strict=False))
    assert mondays[0] <= dt.date(2026, 10, 1) and mondays[-1] >= dt.date(2026, 12, 25)
    by_week = {w["week"]: w for w in data["weeks"]}
    yearly = next(task for task in plan["tasks"] if task["task"] == "IV.1.b")
    assert by_week["2026-10-26"]["due"] == yearly["obligations"]  # due Friday 30/10
    assert by_week["2026-10-26"]["submitted"] == 2  # sent 28/10 and 29/10


def test_workbook_layout(cli: Cli, submitted: Path, tmp_path: Path) -> None:
    book, _ = _report(cli, tmp_path, ["--quarter", "4", "--year", "2026"])
    for sheet in book.worksheets:
        header, _, _ = _table(sheet)
        assert sheet.freeze_panes == f"B{header + 1}", sheet.title
        assert (sheet.column_dimensions["A"].width or 0) >= 10
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith(f"A{header}:")
    summary = book[t("report.summary")]
    header, names, rows = _table(summary)
    last = names.index(t("col.last_submission"))
    dates = [summary.cell(header + 1 + i, last + 1) for i, r in enumerate(rows) if r[last]]
    assert dates and all(isinstance(c.value, dt.datetime) for c in dates)
    assert {c.number_format for c in dates} == {"DD/MM/YYYY"}
    rules = {str(cf.sqref): [r.type for r in cf.rules] for cf in summary.conditional_formatting}
    rate = chr(ord("A") + names.index(t("col.rate")))
    overdue = chr(ord("A") + names.index(t("col.overdue")))
    assert rules[f"{rate}{header + 1}:{rate}{header + len(rows)}"] == ["colorScale"]
    assert rules[f"{overdue}{header + 1}:{overdue}{header + len(rows)}"] == ["cellIs"]


def test_file_formats_need_an_output_file(cli: Cli, submitted: Path) -> None:
    for fmt in ("xlsx", "html"):
        error = cli.fail("report", "-q", "4", "--as-of", AS_OF, "-f", fmt, code=2)
        assert "-o" in error and fmt in error


def test_text_formats_write_the_output_file(cli: Cli, submitted: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    said = cli("report", "-q", "4", "--as-of", AS_OF, "-f", "md", "-o", str(path))
    assert str(path) in said and path.read_text(encoding="utf-8").startswith("# ")
    missing = tmp_path / "no-such-folder" / "report.xlsx"
    error = cli.fail(
        "report", "-q", "4", "--as-of", AS_OF, "-f", "xlsx", "-o", str(missing), code=2
    )
    assert "cannot write" in error and not missing.exists()


def test_any_listing_as_a_workbook_on_stdout(cli: Cli, submitted: Path) -> None:
    """Commands without -o write the workbook to stdout when it is redirected."""
    result = CliRunner().invoke(app, ["status", "--as-of", AS_OF, "-f", "xlsx"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(result.stdout_bytes)).worksheets[0]
    _check_rows(sheet, STATUS_COLUMNS, json.loads(cli("status", "--as-of", AS_OF, "-f", "json")))


@pytest.mark.no_database
def test_text_from_a_plan_never_becomes_a_formula() -> None:
    from bmnn_cli.render import Column, Document, Listing
    from bmnn_cli.render.xlsx import workbook

    listing = Listing([Column("agency", "col.agency")], [{"agency": "=HYPERLINK(1)"}])
    cell = load_workbook(io.BytesIO(workbook(Document([listing])))).worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(1)"
