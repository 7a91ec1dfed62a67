"""Each deadline shape a real plan writes, imported and asked about through every command.

The plan below holds one task per new kind of schedule; the questions are asked as of a
day before a span begins, inside it and after it (as-of days, never today).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from conftest import Cli, dump, plan_text

TASKS = """
[[tasks]]
id = "SPAN"
title = "Rà soát hồ sơ"
lead = ["cong-an-tinh"]
deadline = "Từ ngày 01/4/2026 đến ngày 30/9/2026"

[[tasks]]
id = "UNTIL"
title = "Theo dõi đợt rà soát"
lead = ["cong-an-tinh"]
deadline = "Từ tháng 9/2026 đến khi kết thúc đợt rà soát"

[[tasks]]
id = "OTHER"
title = "Bồi dưỡng"
lead = ["cong-an-tinh"]
deadline = "Theo kế hoạch công tác tư pháp hàng năm"

[[tasks]]
id = "LATEST"
title = "Hội nghị hiệp thương"
lead = ["cong-an-tinh"]
deadline = "Dự kiến ngày 05/06/2026 (Chậm nhất ngày 10/06/2026 - 95 ngày trước bầu cử)"

[[tasks]]
id = "QDAY"
title = "Báo cáo quý"
lead = ["cong-an-tinh"]
deadline = "hằng quý, trước ngày 15 của tháng cuối quý"

[[tasks]]
id = "BEFORE"
title = "Niêm yết danh sách"
lead = ["cong-an-tinh"]
deadline = "10 ngày trước bầu cử"
[[tasks.schedule]]
kind = "before_event"
event = "bầu cử"
days = 10
event_date = 2026-11-20

[[tasks]]
id = "FROM"
title = "Cập nhật dữ liệu"
lead = ["cong-an-tinh"]
deadline = "Từ 01/7/2026"

[[tasks]]
id = "URGENT"
title = "Khắc phục sự cố"
lead = ["cong-an-tinh"]
deadline = "khẩn trương"
"""


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("BMNN_CONFIG", raising=False)


@pytest.fixture
def shapes(cli: Cli, db: Path, tmp_path: Path) -> Path:
    plan = tmp_path / "shapes.toml"
    plan.write_text(plan_text(TASKS), encoding="utf-8")
    cli("import", str(plan))
    return db


def rows(cli: Cli, *args: str) -> list[dict[str, Any]]:
    return list(json.loads(cli(*args, "--format", "json")))


CODES = ("SPAN", "UNTIL", "OTHER", "LATEST", "QDAY", "BEFORE", "FROM", "URGENT")


def obligations(cli: Cli, as_of: str) -> dict[str, dict[str, Any]]:
    """Task -> its (first) obligation as `show` gives it: the quarterly one's first quarter."""
    out = {}
    for code in CODES:
        shown = json.loads(cli("show", code, "--as-of", as_of, "--format", "json"))
        out[code] = shown["obligations"][0]
    return out


def statuses(cli: Cli, as_of: str) -> dict[str, str]:
    return {task: row["status"] for task, row in obligations(cli, as_of).items()}


def test_each_shape_has_its_status_before_inside_and_after(cli: Cli, shapes: Path) -> None:
    before = statuses(cli, "2026-03-20")
    assert before == {
        "SPAN": "not_begun",  # begins 01/04: neither pending nor overdue
        "UNTIL": "not_begun",
        "OTHER": "ongoing",
        "LATEST": "pending",
        "QDAY": "overdue",  # 15/03/2026, a Sunday: in force until Monday 16/03
        "BEFORE": "pending",
        "FROM": "not_begun",
        "URGENT": "ongoing",
    }
    inside = statuses(cli, "2026-09-10")
    assert inside["SPAN"] == "pending" and inside["UNTIL"] == "ongoing"
    assert inside["FROM"] == "ongoing" and inside["LATEST"] == "overdue"
    after = statuses(cli, "2026-12-01")
    assert after["SPAN"] == "overdue" and after["BEFORE"] == "overdue"
    assert {after[t] for t in ("UNTIL", "OTHER", "FROM", "URGENT")} == {"ongoing"}


def test_due_dates_kept_as_the_plan_gives_them(cli: Cli, shapes: Path) -> None:
    listed = obligations(cli, "2026-03-20")
    assert listed["SPAN"]["scheduled_due"] == "2026-09-30"
    assert listed["LATEST"]["scheduled_due"] == "2026-06-10"  # the latest day, not the expected
    assert listed["BEFORE"]["scheduled_due"] == "2026-11-10"  # 10 days before 20/11
    assert listed["OTHER"]["scheduled_due"] is None  # another schedule: never a yearly 31/12


def test_overdue_and_due_leave_out_what_has_not_begun(cli: Cli, shapes: Path) -> None:
    assert {r["task"] for r in rows(cli, "overdue", "--as-of", "2026-03-20")} == {"QDAY"}
    assert [r["task"] for r in rows(cli, "due", "--within", "2w", "--as-of", "2026-03-20")] == []
    soon = rows(cli, "due", "--within", "2w", "--as-of", "2026-09-20")
    assert {r["task"] for r in soon} == {"SPAN"}
    late = {r["task"] for r in rows(cli, "overdue", "--as-of", "2026-12-01")}
    assert late == {"SPAN", "LATEST", "QDAY", "BEFORE"}


def test_status_counts_what_has_not_begun_apart(cli: Cli, shapes: Path) -> None:
    total = rows(cli, "status", "--as-of", "2026-03-20")[-1]
    assert (total["not_begun"], total["overdue"], total["ongoing"]) == (3, 1, 2)
    assert total["fallen_due"] == 1  # not yet begun is never counted as fallen due
    assert rows(cli, "status", "--as-of", "2026-09-10")[-1]["not_begun"] == 0


def test_report_and_reminders(cli: Cli, shapes: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    cli("report", "--as-of", "2026-03-20", "-f", "md", "-o", str(report))
    assert "QDAY" in report.read_text("utf-8")
    early = cli("--lang", "en", "remind", "--dry-run", "--include-overdue", "--as-of", "2026-03-20")
    assert "QDAY" in early and "SPAN" not in early
    near = cli("--lang", "en", "remind", "--dry-run", "--as-of", "2026-09-23")
    assert "SPAN" in near and "UNTIL" not in near


def test_ical_has_the_dated_shapes_only(cli: Cli, shapes: Path, tmp_path: Path) -> None:
    feed = tmp_path / "f.ics"
    cli("ical", "--as-of", "2026-03-20", "-o", str(feed))
    events = list(Calendar.from_ical(feed.read_bytes()).walk("VEVENT"))
    tasks = {str(e["UID"]).split("/")[1]: e for e in events}
    assert {"SPAN", "LATEST", "BEFORE", "QDAY"} <= set(tasks)
    assert not {"UNTIL", "OTHER", "FROM", "URGENT"} & set(tasks)
    assert tasks["SPAN"].decoded("DTSTART") == dt.date(2026, 9, 30)


def test_export_writes_the_new_kinds_back(cli: Cli, shapes: Path, tmp_path: Path) -> None:
    out = tmp_path / "again.toml"
    cli("export", "test-plan", "-o", str(out))
    text = out.read_text("utf-8")
    for kind in ("span", "until_event", "per_schedule", "before_event", "urgent"):
        assert f'kind = "{kind}"' in text
    assert "expected = 2026-06-05" in text
    before = dump(shapes, exclude=("audit_log",))
    cli("import", str(out))
    assert dump(shapes, exclude=("audit_log",)) == before  # the same plan again: no change


def test_a_plan_of_three_centuries_is_refused_at_once(cli: Cli, db: Path, tmp_path: Path) -> None:
    monthly = "".join(
        f'\n[[tasks]]\nid = "T{i}"\ntitle = "Báo cáo"\nlead = ["cong-an-tinh"]'
        '\ndeadline = "hằng tháng"'
        f'\n[[tasks.schedule]]\nkind = "monthly"\nfrom = 1900\nuntil = 2200\n'
        for i in range(100)
    )
    plan = tmp_path / "huge.toml"
    plan.write_text(plan_text(monthly).replace("year = 2026", "year = 1900"), encoding="utf-8")
    err = cli.fail("import", str(plan), code=3)
    assert f"{plan}:14: task 'T0': year 2200 is too far from the plan's year (1900)" in err
    assert dump(db).get("obligation", []) == []  # refused before anything was written


def test_a_plan_making_too_many_periods_is_refused(cli: Cli, db: Path, tmp_path: Path) -> None:
    tasks = "".join(
        f'\n[[tasks]]\nid = "M{i}"\ntitle = "Báo cáo"\nlead = ["cong-an-tinh"]\n'
        f'deadline = "trước ngày 20 hằng tháng"\n'
        for i in range(40)
    )
    plan = tmp_path / "many.toml"
    plan.write_text(plan_text(tasks), encoding="utf-8")
    err = cli.fail("import", str(plan), code=3)
    assert "task 'M32': up to this task the plan's schedules make 10296 periods" in err


@pytest.mark.no_database
def test_obligations_beyond_the_bound_are_refused() -> None:
    from bmnn_cli.domain import obligations as obl
    from bmnn_cli.errors import InputError

    obl.check_size("p", [("a", 1000, 200)], path="p.toml")  # exactly the bound: accepted
    with pytest.raises(InputError, match="nhiệm vụ 'b': 1000 nghĩa vụ cho 1 cơ quan"):
        obl.check_size("p", [("a", 1000, 200), ("b", 1000, 1)], path="p.toml")


EVENTS = """
[[tasks]]
id = "VOTE"
title = "Niêm yết danh sách cử tri"
lead = ["cong-an-tinh"]
deadline = "95 ngày trước bầu cử"
[[tasks.schedule]]
kind = "before_event"
event = "bầu cử"
days = 95

[[tasks]]
id = "PLAIN"
title = "Báo cáo năm"
lead = ["cong-an-tinh"]
deadline = "trước ngày 15/12/2026"
"""


@pytest.fixture
def events(cli: Cli, db: Path, tmp_path: Path) -> Path:
    plan = tmp_path / "events.toml"
    plan.write_text(plan_text(EVENTS), encoding="utf-8")
    cli("import", str(plan))
    return db


def show(cli: Cli, task: str, as_of: str) -> list[dict[str, Any]]:
    return list(json.loads(cli("show", task, "--as-of", as_of, "--format", "json"))["obligations"])


def test_an_event_dates_the_duty_counted_back_from_it(cli: Cli, events: Path) -> None:
    [undated] = show(cli, "VOTE", "2026-07-01")
    assert (undated["scheduled_due"], undated["status"]) == (None, "ongoing")  # day not yet known
    said = cli("--lang", "en", "event", "--task", "VOTE", "--date", "11/11/2026",
               "--as-of", "2026-07-01")  # fmt: skip
    # 95 days before 11/11 is Saturday 08/08: the confirmation names the day in force and why
    assert said == (
        "Recorded the event for VOTE on 11/11/2026: due 10/08/2026 (08/08/2026 is a day off, "
        "so the next working day is due), 95 days before the event.\n"
    )
    [dated] = show(cli, "VOTE", "2026-07-01")  # the same obligation, now dated
    assert (dated["period"], dated["scheduled_due"], dated["effective_due"]) == (
        "once", "2026-08-08", "2026-08-10"
    )  # fmt: skip
    assert dated["status"] == "pending"
    assert "VOTE" not in {r["task"] for r in rows(cli, "overdue", "--as-of", "2026-08-10")}
    assert "VOTE" in {r["task"] for r in rows(cli, "overdue", "--as-of", "2026-08-11")}
    total = rows(cli, "status", "--as-of", "2026-08-11")[-1]
    assert (total["overdue"], total["ongoing"]) == (1, 0)
    assert any("event" in row for row in dump(events)["audit_log"])


def test_the_counted_back_due_date_is_in_the_calendar(
    cli: Cli, events: Path, tmp_path: Path
) -> None:
    cli("event", "--task", "VOTE", "--date", "16/11/2026", "--as-of", "2026-07-01")
    feed = tmp_path / "f.ics"
    cli("ical", "--as-of", "2026-07-01", "-o", str(feed))
    vote = [e for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")
            if "/VOTE/" in str(e["UID"])]  # fmt: skip
    assert [e.decoded("DTSTART") for e in vote] == [dt.date(2026, 8, 13)]  # 16/11 − 95 days


def test_cancel_takes_back_the_event_and_its_due_date(cli: Cli, events: Path) -> None:
    before = dump(events, exclude=("audit_log",))
    cli("event", "--task", "VOTE", "--date", "16/11/2026", "--as-of", "2026-07-01")
    assert dump(events, exclude=("audit_log",)) != before
    cli("cancel", "--task", "VOTE", "--reason", "nhầm ngày")
    assert dump(events, exclude=("audit_log",)) == before


def test_an_event_on_a_task_without_an_event_part_is_refused(cli: Cli, events: Path) -> None:
    before = dump(events)
    err = cli.fail("event", "--task", "PLAIN", "--date", "16/11/2026", "--as-of", "2026-07-01",
                   code=6)  # fmt: skip
    assert "task 'PLAIN' has no an event-triggered (sau khi …) schedule" in err
    assert dump(events) == before


def test_an_event_the_plan_already_dates_is_refused(cli: Cli, shapes: Path) -> None:
    before = dump(shapes)
    err = cli.fail("event", "--task", "BEFORE", "--date", "16/11/2026", "--as-of", "2026-07-01",
                   code=6)  # fmt: skip
    assert "the plan gives the event's day for task 'BEFORE' (20/11/2026)" in err
    assert dump(shapes) == before


def test_the_event_ends_a_duty_until_it(cli: Cli, shapes: Path) -> None:
    said = cli("--lang", "en", "event", "--task", "UNTIL", "--date", "15/10/2026",
               "--as-of", "2026-10-20", "--ref", "12/TB-CAT")  # fmt: skip
    assert said == (
        "Recorded the event for UNTIL on 15/10/2026: 1 continuous obligation ended on 15/10/2026.\n"
    )
    assert [o["status"] for o in show(cli, "UNTIL", "2026-10-14")] == ["ongoing"]
    [ended] = show(cli, "UNTIL", "2026-12-01")
    assert ended["status"] == "waived"  # không áp dụng from the event on: never overdue or late
    assert "UNTIL" not in {r["task"] for r in rows(cli, "overdue", "--as-of", "2026-12-01")}
    total = rows(cli, "status", "--as-of", "2026-12-01")[-1]
    # UNTIL leaves the ongoing four (OTHER, FROM, URGENT stay) and counts in no rate
    assert (total["ongoing"], total["waived"], total["late"]) == (3, 1, 0)
    history = dump(shapes)
    reason = "ended by the event of 15/10/2026 12/TB-CAT"  # in the language it was recorded in
    assert [row for row in history["waiver"] if reason in row and "2026-10-15" in str(row)]
    assert any("event" in row and "1 ended" in str(row) for row in history["audit_log"])


def test_cancel_takes_back_the_end_of_a_duty(cli: Cli, shapes: Path) -> None:
    before = dump(shapes, exclude=("audit_log",))
    cli("event", "--task", "UNTIL", "--date", "15/10/2026", "--as-of", "2026-10-20")
    cli("cancel", "--task", "UNTIL", "--reason", "chưa kết thúc")
    assert dump(shapes, exclude=("audit_log",)) == before
    assert [o["status"] for o in show(cli, "UNTIL", "2026-12-01")] == ["ongoing"]


def test_an_event_before_the_duty_began_is_refused(cli: Cli, shapes: Path) -> None:
    before = dump(shapes)
    err = cli.fail("event", "--task", "UNTIL", "--date", "20/08/2026", "--as-of", "2026-10-20",
                   code=2)  # fmt: skip
    assert "event date 20/08/2026 is before task 'UNTIL' began (01/09/2026)" in err
    assert dump(shapes) == before


def test_days_or_due_on_an_event_the_plan_counts_are_refused(cli: Cli, events: Path) -> None:
    before = dump(events)
    for extra in (("--days", "10"), ("--due", "01/08/2026")):
        err = cli.fail("event", "--task", "VOTE", "--date", "16/11/2026", *extra,
                       "--as-of", "2026-07-01", code=2)  # fmt: skip
        assert "--due and --days do not apply to task 'VOTE'" in err
    assert dump(events) == before
