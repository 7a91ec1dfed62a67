"""`bmnn explain PHRASE`: how a deadline phrase is read and when it falls due."""

from __future__ import annotations

import json

import pytest

from conftest import Cli

pytestmark = pytest.mark.no_database  # `explain` reads phrases, never a database


def due(cli: Cli, *args: str) -> list[dict[str, object]]:
    return list(json.loads(cli("explain", *args, "--format", "json"))["due"])


def test_yearly_day_rolls_off_a_saturday(cli: Cli) -> None:
    rows = due(cli, "trước ngày 30/10 hàng năm", "--year", "2027", "--years", "2")
    assert [(r["period"], r["scheduled_due"], r["effective_due"]) for r in rows] == [
        ("2027", "2027-10-30", "2027-11-01"),  # Saturday -> Monday (Civil Code Art. 148)
        ("2028", "2028-10-30", "2028-10-30"),
    ]
    assert rows[0]["note"] == ["moved", "projected"]  # 2027's days off are not announced yet


def test_table_shows_both_dates_and_the_reason(cli: Cli) -> None:
    out = cli("explain", "trước ngày 30/10 hàng năm và báo cáo đột xuất", "--year", "2027")
    assert "ngày 30/10 hằng năm" in out and "đột xuất, theo yêu cầu" in out
    assert "30/10/2027" in out and "01/11/2027" in out and "thứ Hai" in out
    assert "dời sang ngày làm việc tiếp theo" in out
    assert "không xác định hạn" in out  # the ad-hoc part has no date until requested


def test_english(cli: Cli) -> None:
    out = cli("--lang", "en", "explain", "định kỳ hằng quý", "--year", "2026")
    assert "Due dates, 2026 to 2026" in out
    for day in ("31/03/2026", "30/06/2026", "30/09/2026", "31/12/2026"):
        assert day in out


def test_holiday_moves_a_fixed_date(cli: Cli) -> None:
    rows = due(cli, "trước ngày 02/09/2026", "--year", "2026")  # Quốc khánh
    assert rows[0]["effective_due"] == "2026-09-03"


def test_strict_reading(cli: Cli) -> None:
    rows = due(cli, "trước ngày 27/02/2026", "--year", "2026", "--strict")
    assert (rows[0]["scheduled_due"], rows[0]["effective_due"]) == ("2026-02-27", "2026-02-26")
    assert rows[0]["note"] == ["strict"]


def test_period_counted_from_an_event(cli: Cli) -> None:
    phrase = "trong 10 ngày kể từ ngày nhận văn bản"
    rows = due(cli, phrase, "--year", "2026", "--event", "03/03/2026")
    assert rows[0]["effective_due"] == "2026-03-13"  # counted from the next day (Art. 147)
    assert due(cli, phrase, "--year", "2026")[0]["period"] == "ongoing"


def test_json_holds_the_schedule_parts(cli: Cli) -> None:
    data = json.loads(
        cli("explain", "Năm 2026 và những năm tiếp theo", "--year", "2027", "--format", "json")
    )
    assert data["schedule"] == [{"kind": "yearly", "from": 2026}]
    assert data["confident"] is True and data["unread"] == ""
    assert [r["period"] for r in data["due"]] == ["2027"]


def test_csv_lists_the_due_dates(cli: Cli) -> None:
    out = cli("explain", "hằng tháng", "--year", "2026", "--format", "csv")
    assert out.splitlines()[0] == (
        "part,period,scheduled_due,effective_due,weekday,note,begins,expected"
    )
    assert len(out.splitlines()) == 13


def test_partly_read_phrase_says_what_was_not_understood(cli: Cli) -> None:
    out = cli("explain", "trước ngày 27/02/2026 nếu được", "--year", "2026")
    assert "Không hiểu được: nếu được" in out
    assert (
        json.loads(cli("explain", "hằng năm nếu cần", "--year", "2026", "--format", "json"))[
            "confident"
        ]
        is False
    )


def test_unreadable_phrase_is_a_usage_error(cli: Cli) -> None:
    assert "cannot read 'xyz abc'" in cli.fail("explain", "xyz abc", "--year", "2026", code=2)


def test_span_shows_its_first_day(cli: Cli) -> None:
    rows = due(cli, "Từ ngày 01/4/2026 đến ngày 30/9/2026", "--year", "2026")
    assert [(r["period"], r["scheduled_due"], r["begins"]) for r in rows] == [
        ("once", "2026-09-30", "2026-04-01")
    ]


def test_expected_and_latest_day(cli: Cli) -> None:
    phrase = "Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử)"
    data = json.loads(cli("explain", phrase, "--year", "2025", "--format", "json"))
    assert data["confident"] is True
    assert [(r["scheduled_due"], r["expected"]) for r in data["due"]] == [
        ("2025-12-10", "2025-12-05")
    ]


def test_another_schedule_is_never_a_yearly_date(cli: Cli) -> None:
    rows = due(cli, "Theo kế hoạch công tác tư pháp hàng năm", "--year", "2026", "--years", "3")
    assert [(r["period"], r["effective_due"], r["note"]) for r in rows] == [
        ("ongoing", None, ["per_schedule"])
    ]


def test_counted_back_from_the_event(cli: Cli) -> None:
    rows = due(cli, "95 ngày trước bầu cử", "--year", "2026", "--event", "15/03/2026")
    assert rows[0]["scheduled_due"] == "2025-12-10"  # 95 days before 15/03/2026
    assert due(cli, "95 ngày trước bầu cử", "--year", "2026")[0]["note"] == ["before_event"]
