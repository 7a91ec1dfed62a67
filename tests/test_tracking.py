"""Statuses checked by hand on the two example plans, at chosen as-of dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli, dump, query

SO_TU_PHAP = "Sở Tư pháp"


def statuses(
    cli: Cli, task: str, as_of: str, agency: str = SO_TU_PHAP, plan: str | None = None
) -> list[str]:
    args = ["show", task, "--as-of", as_of, "--format", "json"] + (["--plan", plan] if plan else [])
    rows = json.loads(cli(*args))["obligations"]
    return [r["status"] for r in rows if r["agency"] == agency]


def test_plan_due_27_02_is_pending_then_overdue(cli: Cli, lao_cai: Path) -> None:
    # 27/02/2026 is a Friday: the 27th itself is still on time (inclusive reading)
    assert statuses(cli, "IV.1.a", "2026-02-27") == ["pending"]
    assert statuses(cli, "IV.1.a", "2026-02-28") == ["overdue"]


def test_submission_on_the_day_is_on_time_and_after_is_late(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "27/02/2026", "--as-of", "2026-03-02")
    cli("submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "02/03/2026", "--as-of", "2026-03-02")
    assert statuses(cli, "IV.1.a", "2026-03-02") == ["done_on_time"]
    assert statuses(cli, "IV.1.a", "2026-03-02", agency="Sở Nội vụ") == ["done_late"]
    # rerun for a past day: the later submission does not count yet
    assert statuses(cli, "IV.1.a", "2026-03-01", agency="Sở Nội vụ") == ["overdue"]


def test_yearly_30_10_and_weekend_roll(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("show", "IV.1.b", "--as-of", "2027-11-02", "--format", "json"))[
        "obligations"
    ]
    mine = {
        r["period"]: r
        for r in rows
        if r["agency"] == SO_TU_PHAP and r["period"] in ("2026", "2027")
    }
    assert mine["2026"]["effective_due"] == "2026-10-30"  # a Friday
    assert mine["2027"]["scheduled_due"] == "2027-10-30"  # a Saturday …
    assert mine["2027"]["effective_due"] == "2027-11-01"  # … moves to Monday
    assert statuses(cli, "IV.1.b", "2027-11-01")[:2] == ["overdue", "pending"]
    assert statuses(cli, "IV.1.b", "2027-11-02")[:2] == ["overdue", "overdue"]


def test_open_ended_yearly_stops_at_as_of_year(cli: Cli, lao_cai: Path) -> None:
    periods = {
        r["period"]
        for r in json.loads(cli("show", "IV.1.b", "--as-of", "2028-01-05", "-f", "json"))[
            "obligations"
        ]
    }
    assert {"2026", "2027", "2028"} <= periods and "2029" not in periods
    periods = {
        r["period"]
        for r in json.loads(cli("show", "IV.1.b", "--as-of", "2026-05-05", "-f", "json"))[
            "obligations"
        ]
    }
    assert "2027" not in periods


def test_continuous_duty_is_never_overdue(cli: Cli, lao_cai: Path) -> None:
    assert statuses(cli, "III.2", "2030-12-31") == ["ongoing"]
    overdue = json.loads(cli("overdue", "--as-of", "2030-12-31", "--format", "json"))
    assert all(r["task"] != "III.2" for r in overdue)


def test_quarter_ends_in_cao_bang(cli: Cli, both: Path) -> None:
    police = "Công an tỉnh"
    # Quý II/2026 ends Tuesday 30/06; Quý III/2026 ends Wednesday 30/09
    assert statuses(cli, "II.2.a", "2026-06-30", police, "cao-bang-luat-bmnn-2026") == ["pending"]
    assert statuses(cli, "II.2.a", "2026-07-01", police, "cao-bang-luat-bmnn-2026") == ["overdue"]
    assert statuses(cli, "II.1.a", "2026-09-30", police, "cao-bang-luat-bmnn-2026") == ["pending"]
    assert statuses(cli, "II.1.a", "2026-10-01", police, "cao-bang-luat-bmnn-2026") == ["overdue"]


def test_overdue_lists_most_late_first(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("overdue", "--as-of", "2026-11-27", "--format", "json"))
    late = [r["days_late"] for r in rows]
    assert late == sorted(late, reverse=True) and late[0] == 273  # 27/02 → 27/11
    assert {r["task"] for r in rows} >= {"IV.1.a", "IV.1.b"}
    assert rows[0]["deadline"] == "trước ngày 27/02/2026"


def test_fail_on_overdue_exit_code(cli: Cli, lao_cai: Path) -> None:
    cli("overdue", "--as-of", "2026-02-01", "--fail-on-overdue", code=0)
    cli("overdue", "--as-of", "2026-03-01", "--fail-on-overdue", code=1)


def test_due_within(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("due", "--within", "14d", "--as-of", "2026-02-20", "--format", "json"))
    assert rows and {r["task"] for r in rows} == {"IV.1.a"}
    assert rows[0]["days_left"] == 7
    assert (
        json.loads(cli("due", "--within", "3d", "--as-of", "2026-02-20", "--format", "json")) == []
    )


def test_status_counts_and_rate(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-11-27")
    cli("submit", "-t", "IV.1.b", "-a", "so tu phap", "-d", "02/11/2026", "--as-of", "2026-11-27")
    rows = json.loads(
        cli("status", "--agency", "so tu phap", "--as-of", "2026-11-27", "--format", "json")
    )
    row = next(r for r in rows if r["level"] == "agency")
    assert (row["fallen_due"], row["on_time"], row["late"], row["overdue"]) == (2, 1, 1, 0)
    assert row["rate"] == 0.5
    assert row["last_submission"] == "2026-11-02"
    assert row["ongoing"] >= 1  # continuous duties (III.2) and đột xuất


def test_status_group_roll_up(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("status", "--as-of", "2026-03-01", "--format", "json"))
    communes = next(r for r in rows if r["level"] == "group" and r["agency_id"] == "ubnd-xa-phuong")
    assert communes["overdue"] == 99  # every commune and ward owes its plan by 27/02
    assert rows[-1]["level"] == "total"


def test_report_quarter(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-04-05")
    data = json.loads(
        cli("report", "--quarter", "1", "--year", "2026", "--as-of", "2026-04-05", "-f", "json")
    )
    assert data["period"]["start"] == "2026-01-01" and data["period"]["end"] == "2026-03-31"
    totals = data["totals"]
    assert totals["on_time"] == 1 and totals["overdue"] == totals["fallen_due"] - 1
    assert len(data["overdue"]) == totals["overdue"]
    assert data["worst"] and data["worst"][0]["overdue"] == 1
    md = cli(
        "report", "--quarter", "1", "--year", "2026", "--as-of", "2026-04-05", "--format", "md"
    )
    assert md.startswith("# ") and "| Sở Tư pháp |" in md
    q3 = json.loads(cli("report", "-q", "3", "-y", "2026", "--as-of", "2026-10-05", "-f", "json"))
    assert q3["totals"] is None  # nothing in the Lào Cai plan falls due in Quý III


def test_duplicate_submission_is_idempotent(cli: Cli, lao_cai: Path) -> None:
    args = (
        "submit",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "-d",
        "20/02/2026",
        "--as-of",
        "2026-03-01",
    )
    cli(*args)
    before = dump(lao_cai)
    assert "không ghi thêm" in cli(*args)
    assert dump(lao_cai) == before


def test_amend_and_retract_keep_history(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-03-05")
    cli(
        "amend",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "-d",
        "01/03/2026",
        "--reason",
        "sai ngày",
        "--as-of",
        "2026-03-05",
    )
    assert statuses(cli, "IV.1.a", "2026-03-05") == ["done_late"]
    cli("retract", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "nhầm cơ quan")
    assert statuses(cli, "IV.1.a", "2026-03-05") == ["overdue"]
    states = query(lao_cai, "SELECT submitted_on, state, reason FROM submission ORDER BY id")
    assert states == [("2026-02-20", "superseded", ""), ("2026-03-01", "retracted", "nhầm cơ quan")]


def test_waive(cli: Cli, lao_cai: Path) -> None:
    cli(
        "waive",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "--reason",
        "mới thành lập",
        "--as-of",
        "2026-03-01",
    )
    assert statuses(cli, "IV.1.a", "2026-03-02") == ["waived"]
    assert statuses(cli, "IV.1.a", "2026-02-28") == ["overdue"]  # not waived yet on that day


def test_ad_hoc_request_creates_obligations(cli: Cli, lao_cai: Path) -> None:
    out = cli(
        "--lang", "en", "request", "-t", "IV.1.b", "--due", "15/12/2026", "--date", "01/12/2026",
        "--agency", "so tu phap", "--agency", "Sở Nội vụ", "--as-of", "2026-12-01",
    )  # fmt: skip
    assert "2 new obligations" in out
    assert "pending" in statuses(cli, "IV.1.b", "2026-12-10")
    overdue = json.loads(
        cli("overdue", "--as-of", "2026-12-16", "--agency", "so noi vu", "-f", "json")
    )
    assert any(r["period"].startswith("request-") for r in overdue)


def test_event_counts_from_the_day_after(cli: Cli, both: Path) -> None:
    cli(
        "event", "-t", "II.4", "--plan", "cao-bang-luat-bmnn-2026", "--date", "03/03/2026",
        "--days", "10", "--as-of", "2026-03-03",
    )  # fmt: skip
    rows = json.loads(
        cli(
            "show",
            "II.4",
            "--plan",
            "cao-bang-luat-bmnn-2026",
            "--as-of",
            "2026-03-13",
            "-f",
            "json",
        )
    )
    dated = [r for r in rows["obligations"] if r["period"].startswith("request-")]
    assert dated and {r["scheduled_due"] for r in dated} == {"2026-03-13"}
    assert {r["status"] for r in dated} == {"pending"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["submit", "-t", "IV.9", "-a", "so tu phap", "-d", "2026-02-20"],
            4,
            "unknown task 'IV.9'",
        ),
        (
            ["submit", "-t", "IV.1.a", "-a", "so tu phapp", "-d", "2026-02-20"],
            4,
            "did you mean 'Sở Tư pháp'",
        ),
        (
            ["submit", "-t", "III.7", "-a", "so tu phap", "-d", "2026-02-20"],
            4,
            "not answerable for task 'III.7'",
        ),
        (
            ["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-05-20"],
            2,
            "after the as-of date",
        ),
        (["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2020-05-20"], 2, "is before"),
        (["report", "--quarter", "5"], 2, "--quarter"),
        (["due", "--within", "abc"], 2, "'abc' is not a span"),
        (["request", "-t", "III.2", "--due", "2026-04-01"], 6, "no an ad-hoc (đột xuất) schedule"),
        (["overdue", "--as-of", "31/02/2026"], 2, "is not a date"),
    ],
)
def test_bad_tracking_input(
    cli: Cli, lao_cai: Path, args: list[str], code: int, message: str
) -> None:
    before = dump(lao_cai)
    if "--as-of" not in args:
        args = [*args, "--as-of", "2026-03-01"]
    err = cli.fail(*args, code=code)
    assert message in err and "Traceback" not in err
    assert dump(lao_cai) == before


def test_csv_register(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    good = tmp_path / "register.csv"
    good.write_text(
        "task,agency,date,ref\n"
        "IV.1.a,so tu phap,20/02/2026,45/KH-STP\n"
        "IV.1.a,Sở Nội vụ,2026-03-02,\n",
        encoding="utf-8",
    )
    out = cli("--lang", "en", "submit", "--from-csv", str(good), "--as-of", "2026-03-05")
    assert "2 rows" in out and "2 new" in out
    assert statuses(cli, "IV.1.a", "2026-03-05", agency="Sở Nội vụ") == ["done_late"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "task,agency,date\nIV.1.a,Sở Tài chính,20/02/2026\nIV.1.a,Sở Nope,21/02/2026\n",
        encoding="utf-8",
    )
    before = dump(lao_cai)
    err = cli.fail("submit", "--from-csv", str(bad), "--as-of", "2026-03-05", code=3)
    assert f"{bad}:3:" in err and "Sở Nope" in err
    assert dump(lao_cai) == before
