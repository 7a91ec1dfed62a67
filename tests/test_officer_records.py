"""Seeing and taking back what was recorded: submissions, one agency, unwaive, cancel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import LAO_CAI, Cli, Db, dump, query
from test_remind import Inbox, day, inbox, plan, send

__all__ = ["inbox", "plan"]  # fixtures shared with the reminder tests

AS_OF = "2026-03-10"


def submit(cli: Cli, agency: str, day: str, ref: str, task: str = "IV.1.a") -> None:
    cli("submit", "-t", task, "-a", agency, "-d", day, "--ref", ref, "--as-of", AS_OF)


def test_submissions_lists_references_periods_and_amendments(cli: Cli, lao_cai: Db) -> None:
    submit(cli, "so tu phap", "2026-02-20", "12/KH-STP")
    submit(cli, "so tai chinh", "2026-03-02", "88/KH-STC")
    cli("amend", "-t", "IV.1.a", "-a", "so tu phap", "--ref", "13/KH-STP", "--reason",
        "sửa số", "--as-of", AS_OF)  # fmt: skip
    rows = json.loads(cli("submissions", "-f", "json"))
    assert [(r["agency"], r["ref"], r["state"]) for r in rows] == [
        ("Sở Tư pháp", "12/KH-STP", "superseded"),
        ("Sở Tư pháp", "13/KH-STP", "active"),
        ("Sở Tài chính", "88/KH-STC", "active"),
    ]
    old, new, late = rows
    assert old["replaced_by"] == new["id"] and new["replaces"] == old["id"]
    assert old["reason"] == new["reason"] == "sửa số"
    assert (new["period"], new["given"], late["given"]) == ("once", "done_on_time", "done_late")
    assert new["recorded_by"] and new["recorded_at"]
    table = cli("submissions")
    assert "13/KH-STP" in table and "hoàn thành quá hạn" in table and "đã được sửa" in table


def test_submissions_filters_by_agency_task_dates_and_ref(cli: Cli, lao_cai: Db) -> None:
    submit(cli, "so tu phap", "2026-02-20", "12/KH-STP")
    submit(cli, "so tai chinh", "2026-03-02", "88/KH-STC")

    def refs(*args: str) -> list[str]:
        return [r["ref"] for r in json.loads(cli("submissions", "-f", "json", *args))]

    assert refs("--agency", "so tai chinh") == ["88/KH-STC"]
    assert refs("--since", "01/03/2026") == ["88/KH-STC"]
    assert refs("--until", "2026-02-28") == ["12/KH-STP"]
    assert refs("--ref", "kh-stp") == ["12/KH-STP"]
    assert refs("--task", "lao-cai-bmnn-2026:IV.1.a") == ["12/KH-STP", "88/KH-STC"]
    assert refs("--task", "IV.1.b") == []
    assert "Không có văn bản nào" in cli("submissions", "--task", "IV.1.b")
    rows = list(csv.DictReader(io.StringIO(cli("submissions", "-f", "csv"))))
    assert [r["ref"] for r in rows] == ["12/KH-STP", "88/KH-STC"]
    assert "| Sở Tư pháp |" in cli("submissions", "-f", "md")


def test_submissions_in_a_workbook(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    submit(cli, "so tu phap", "2026-02-20", "12/KH-STP")
    target = tmp_path / "s.xlsx"
    cli("submissions", "-f", "xlsx", "-o", str(target))
    sheet = load_workbook(target).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "12/KH-STP" in values and "Sở Tư pháp" in values


def test_agency_shows_its_whole_picture(cli: Cli, lao_cai: Db) -> None:
    submit(cli, "so tu phap", "2026-02-20", "12/KH-STP")
    cli("waive", "-t", "III.8.4", "-a", "so tu phap", "--reason", "không có đơn vị",
        "--as-of", AS_OF)  # fmt: skip
    cli("request", "-t", "IV.1.b", "--due", "2026-03-31", "--ref", "5/CAT-PA03", "--as-of", AS_OF)
    data = json.loads(cli("agency", "Sở Tư pháp", "--as-of", AS_OF, "-f", "json"))
    assert [a["agency_id"] for a in data["agency"]] == ["so-tu-phap"]
    statuses = {(o["task"], o["period"]): o["status"] for o in data["obligations"]}
    assert statuses[("IV.1.a", "once")] == "done_on_time"
    assert statuses[("III.8.4", "2026")] == "waived"
    assert [s["ref"] for s in data["submissions"]] == ["12/KH-STP"]
    assert [(w["task"], w["reason"]) for w in data["waivers"]] == [("III.8.4", "không có đơn vị")]
    assert [(r["kind"], r["ref"]) for r in data["requests"]] == [("request", "5/CAT-PA03")]
    assert data["reminders"] == []
    other = {o["agency_id"] for o in data["obligations"]} | {
        s["agency_id"] for s in data["submissions"]
    }
    assert other == {"so-tu-phap"}
    table = cli("agency", "so tu phap", "--as-of", AS_OF)
    for text in ("12/KH-STP", "không có đơn vị", "5/CAT-PA03", "chưa có địa chỉ thư điện tử"):
        assert text in table


def test_agency_shows_reminders_sent(cli: Cli, plan: Path, inbox: Inbox) -> None:
    send(cli, -7, "--agency", "so tu phap")
    data = json.loads(cli("agency", "so-tu-phap", "--as-of", day(-7), "-f", "json"))
    sent = [(r["task"], r["stage"], r["recipients"]) for r in data["reminders"]]
    assert sent == [("IV.1.a", -7, ["so-tu-phap@test.example"])]
    assert data["agency"][0]["emails"] == ["so-tu-phap@test.example"]
    table = cli("agency", "so-tu-phap", "--as-of", day(-7))
    assert "trước hạn 7 ngày" in table and "so-tu-phap@test.example" in table


def test_agency_unknown_is_one_message_and_code_4(cli: Cli, lao_cai: Db) -> None:
    err = cli.fail("agency", "Sở Không Có", code=4)
    assert err.startswith("bmnn: ") and "Traceback" not in err


# -- undo -----------------------------------------------------------------------------


def test_unwaive_puts_the_obligation_back_and_keeps_the_history(cli: Cli, lao_cai: Db) -> None:
    cli("waive", "-t", "IV.1.a", "-a", "so noi vu", "--reason", "sáp nhập", "--as-of", AS_OF)
    out = cli("unwaive", "-t", "IV.1.a", "-a", "so noi vu", "--reason", "miễn nhầm")
    assert "Sở Nội vụ" in out and "miễn nhầm" in out
    rows = json.loads(cli("overdue", "--as-of", AS_OF, "-a", "so noi vu", "-f", "json"))
    assert [r["task"] for r in rows] == ["IV.1.a"]
    assert query(lao_cai, "SELECT state, reason FROM waiver") == [("revoked", "sáp nhập")]
    log = json.loads(cli("log", "-f", "json"))
    assert log[0]["action"] == "unwaive" and "miễn nhầm" in log[0]["detail"]
    err = cli.fail("unwaive", "-t", "IV.1.a", "-a", "so noi vu", "--reason", "lại", code=6)
    assert "no waiver in force" in err


def test_unwaive_needs_a_reason(cli: Cli, lao_cai: Db) -> None:
    cli("waive", "-t", "IV.1.a", "-a", "so noi vu", "--reason", "sáp nhập", "--as-of", AS_OF)
    before = dump(lao_cai)
    err = cli.fail("unwaive", "-t", "IV.1.a", "-a", "so noi vu", code=2)
    assert "--reason" in err
    assert dump(lao_cai) == before


def test_cancel_a_request_removes_its_obligations(cli: Cli, lao_cai: Db) -> None:
    before = dump(lao_cai, exclude=("audit_log",))
    cli("request", "-t", "IV.1.b", "--due", "2026-03-31", "--ref", "5/CAT-PA03", "--as-of", AS_OF)
    out = cli("cancel", "-t", "IV.1.b", "--ref", "5/cat-pa03", "--reason", "ghi nhầm")
    assert "5/CAT-PA03" in out and "104" in out
    assert dump(lao_cai, exclude=("audit_log", "sqlite_sequence")) == {
        k: v for k, v in before.items() if k != "sqlite_sequence"
    }
    log = json.loads(cli("log", "-f", "json"))
    assert log[0]["action"] == "cancel_request" and "ghi nhầm" in log[0]["detail"]


def test_cancel_refuses_while_a_submission_answers_the_request(cli: Cli, lao_cai: Db) -> None:
    cli("request", "-t", "IV.1.b", "--due", "2026-03-31", "--ref", "5/CAT-PA03", "--as-of", AS_OF)
    cli("submit", "-t", "IV.1.b", "-a", "so tu phap", "-d", "2026-03-10", "--period",
        "request-1", "--as-of", AS_OF)  # fmt: skip
    before = dump(lao_cai)
    err = cli.fail("cancel", "-t", "IV.1.b", "--reason", "ghi nhầm", code=6)
    assert "1 submissions answer it" in err and "retract" in err
    assert dump(lao_cai) == before
    cli("retract", "-t", "IV.1.b", "-a", "so tu phap", "--period", "request-1", "--reason", "x")
    err = cli.fail("cancel", "-t", "IV.1.b", "--reason", "ghi nhầm", code=6)
    assert "submissions answer it" in err  # a retracted record is still evidence


def test_cancel_chooses_among_several_requests(cli: Cli, lao_cai: Db) -> None:
    cli("request", "-t", "IV.1.b", "--due", "2026-03-31", "--ref", "5/CAT", "--as-of", AS_OF)
    cli("request", "-t", "IV.1.b", "--due", "2026-04-30", "--ref", "6/CAT", "--as-of", AS_OF)
    err = cli.fail("cancel", "-t", "IV.1.b", "--reason", "x", code=4)
    assert "several" in err and "5/CAT" in err and "6/CAT" in err
    out = cli("--lang", "en", "cancel", "-t", "IV.1.b", "--period", "request-2", "--reason", "x")
    assert "6/CAT" in out
    assert [r[0] for r in query(lao_cai, "SELECT ref FROM request")] == ["5/CAT"]
    err = cli.fail("cancel", "-t", "IV.1.a", "--reason", "x", code=4)
    assert "no request or event" in err


def test_cancel_an_event(cli: Cli, both: Db) -> None:
    task = "cao-bang-luat-bmnn-2026:II.4"
    cli("event", "-t", task, "-d", "2026-03-01", "--days", "10", "--ref", "77/BCA",
        "--as-of", AS_OF)  # fmt: skip
    assert query(both, "SELECT count(*) FROM obligation WHERE request_id IS NOT NULL")[0][0] > 0
    out = cli("cancel", "-t", task, "--reason", "nhầm")
    assert "Đã hủy sự kiện 77/BCA" in out
    assert query(both, "SELECT count(*) FROM obligation WHERE request_id IS NOT NULL") == [(0,)]
    assert query(both, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("cancel_event",)
    ]


# -- the morning view -----------------------------------------------------------------


def test_today_gathers_the_morning_view(cli: Cli, lao_cai: Db) -> None:
    submit(cli, "so tu phap", "2026-02-20", "12/KH-STP")
    data = json.loads(cli("today", "--as-of", "2026-02-22", "-f", "json"))
    assert data["as_of"] == "2026-02-22"
    assert data["totals"][0]["on_time"] == 1
    due = json.loads(cli("due", "--within", "7d", "--as-of", "2026-02-22", "-f", "json"))
    assert [(r["agency_id"], r["task"]) for r in data["due_soon"]] == [
        (r["agency_id"], r["task"]) for r in due
    ]
    assert [s["ref"] for s in data["arrived"]] == ["12/KH-STP"]
    assert data["most_overdue"] == []
    assert data["next_run"] == []  # no agency of the example has an address
    assert len(data["no_email"]) == len(due) and data["warnings"]
    table = cli("today", "--as-of", "2026-02-22")
    assert f"(10/{len(due)})" in table and "12/KH-STP" in table
    assert f"{len(due)} cơ quan đang nợ văn bản nhưng chưa có địa chỉ" in table


def test_today_warns_of_a_year_whose_calendar_is_only_projected(cli: Cli, lao_cai: Db) -> None:
    announced = json.loads(cli("--lang", "en", "today", "--as-of", "2026-06-01", "-f", "json"))
    assert announced["projected"] == []
    assert not any("not announced" in note for note in announced["warnings"])
    projected = json.loads(cli("--lang", "en", "today", "--as-of", "2027-03-01", "-f", "json"))
    assert projected["projected"] == [2027]
    assert any("days off of 2027 are not announced" in note for note in projected["warnings"])


def test_today_names_the_agencies_most_overdue(cli: Cli, lao_cai: Db) -> None:
    data = json.loads(cli("today", "--as-of", "2026-11-10", "-f", "json"))
    groups = json.loads(cli("overdue", "--as-of", "2026-11-10", "--by", "agency", "-f", "json"))
    assert [g["agency_id"] for g in data["most_overdue"][:5]] == [
        g["agency_id"] for g in groups[:5]
    ]


def test_today_shows_what_the_next_reminder_run_sends(cli: Cli, plan: Path, inbox: Inbox) -> None:
    data = json.loads(cli("today", "--as-of", day(-7), "-f", "json"))
    preview = json.loads(cli("remind", "--as-of", day(-7), "--format", "json"))
    assert sorted(r["agency_id"] for r in data["next_run"]) == sorted(
        m["agency_id"] for m in preview["messages"]
    )
    assert data["next_run"][0]["to"].endswith("@test.example")
    assert data["no_email"] == []
    assert not inbox.messages  # a question: nothing is sent


@pytest.mark.sqlite_only  # a server's database exists before anything is imported
def test_bare_bmnn_shows_help_before_a_database_and_the_morning_view_after(
    cli: Cli, db: Path
) -> None:
    assert "Cách dùng: bmnn" in cli() and not db.exists()
    cli("import", str(LAO_CAI))
    bare = cli()
    assert bare == cli("today") and "Tổng hợp" in bare
    assert "Totals" in cli("--lang", "en")


def test_show_gives_the_reference_and_takes_an_agency(cli: Cli, lao_cai: Db) -> None:
    submit(cli, "so tai chinh", "2026-02-25", "7/KH-STC")
    rows = json.loads(cli("show", "IV.1.a", "-a", "so tai chinh", "--as-of", AS_OF, "-f", "json"))
    assert [(o["agency_id"], o["ref"]) for o in rows["obligations"]] == [
        ("so-tai-chinh", "7/KH-STC")
    ]
    group = json.loads(cli("show", "IV.1.a", "-a", "so-ban-nganh", "--as-of", AS_OF, "-f", "json"))
    assert len(group["obligations"]) == 5
    every = json.loads(cli("show", "IV.1.a", "--as-of", AS_OF, "-f", "json"))
    assert len(every["obligations"]) > 100
    assert "7/KH-STC" in cli("show", "IV.1.a", "-a", "so tai chinh", "--as-of", AS_OF)
    before = json.loads(
        cli("show", "IV.1.a", "-a", "so tai chinh", "--as-of", "2026-02-24", "-f", "json")
    )
    assert before["obligations"][0]["ref"] == ""  # not yet sent as of that day


def test_a_server_that_refuses_is_said_in_words_with_the_systems_text(
    cli: Cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_remind import free_port, use_smtp

    use_smtp(monkeypatch, free_port())  # nothing listens there
    err = send(cli, -7, code=7, lang="vi")
    assert "không sử dụng được máy chủ SMTP" in err
    assert "máy chủ từ chối kết nối (" in err and "refused" in err.lower()


@pytest.mark.parametrize(
    "command",
    [
        ["amend", "--ref", "15/KH-STC"],
        ["retract"],
        ["waive"],
        ["unwaive"],
    ],
)
def test_a_blank_reason_is_refused_before_any_work(
    cli: Cli, lao_cai: Db, command: list[str]
) -> None:
    """Every change to what was recorded is audited with its reason: spaces are none."""
    before = dump(lao_cai)
    target = ["-t", "IV.1.a", "-a", "so-tai-chinh"]
    err = cli.fail(*command[:1], *target, *command[1:], "--reason", "   ", code=2)
    assert "say why (--reason)" in err
    assert dump(lao_cai) == before


def test_cancel_with_a_blank_reason_is_refused(cli: Cli, lao_cai: Db) -> None:
    before = dump(lao_cai)
    err = cli.fail("cancel", "-t", "IV.1.a", "--reason", "", code=2)
    assert "say why (--reason)" in err
    assert dump(lao_cai) == before
