"""The deadline law: strict reading, days off, Tết, counting from an event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bmnn_cli.domain.deadlines import Rules, WorkCalendar, due_after_event, effective_due
from conftest import Cli, plan_text

D = dt.date
VN = WorkCalendar()


@pytest.mark.no_database
def test_inclusive_and_strict_readings() -> None:
    friday = D(2026, 2, 27)
    assert effective_due(friday, dated=True, rules=Rules(), calendar=VN) == friday
    strict = Rules(before="strict")
    assert effective_due(friday, dated=True, rules=strict, calendar=VN) == D(2026, 2, 26)
    # quarter ends and default days are not "trước ngày" dates
    assert effective_due(D(2026, 9, 30), dated=False, rules=strict, calendar=VN) == D(2026, 9, 30)


@pytest.mark.no_database
def test_tet_moves_a_deadline_past_the_holiday() -> None:
    # Tết Bính Ngọ: 16–20/02/2026 off, then the weekend
    assert effective_due(D(2026, 2, 17), dated=True, rules=Rules(), calendar=VN) == D(2026, 2, 23)


@pytest.mark.no_database
def test_weekend_and_national_holidays() -> None:
    assert VN.next_working_day(D(2027, 10, 30)) == D(2027, 11, 1)  # Saturday → Monday
    assert VN.next_working_day(D(2026, 9, 2)) == D(2026, 9, 3)  # Quốc khánh
    # 24/11 (Ngày Văn hóa Việt Nam): `holidays` lists it from 2026, the Labor Code does not
    assert VN.is_working_day(D(2026, 11, 24))
    no_roll = Rules(roll_to_working_day=False)
    assert effective_due(D(2027, 10, 30), dated=True, rules=no_roll, calendar=VN) == D(2027, 10, 30)


@pytest.mark.no_database
def test_province_days_off_and_make_up_days() -> None:
    province = WorkCalendar.of(days_off=[D(2026, 3, 2)], working_days=[D(2026, 2, 28)])
    assert province.is_working_day(D(2026, 2, 28))  # a Saturday worked
    assert province.next_working_day(D(2026, 3, 2)) == D(2026, 3, 3)


@pytest.mark.no_database
def test_period_from_an_event_skips_the_event_day() -> None:
    assert due_after_event(D(2026, 3, 3), 10, working_days=False, calendar=VN) == D(2026, 3, 13)
    # 10 working days from Friday 27/02/2026: 02/03 … 13/03
    assert due_after_event(D(2026, 2, 27), 10, working_days=True, calendar=VN) == D(2026, 3, 13)


def test_strict_plan_setting_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "strict.toml"
    path.write_text(plan_text(header='[plan.deadlines]\nbefore = "strict"\n'), encoding="utf-8")
    cli("import", str(path))
    assert cli("overdue", "--as-of", "2026-02-27", "--format", "csv").count("\n") > 1
    assert cli("overdue", "--as-of", "2026-02-26", "--format", "csv").count("\n") == 1
