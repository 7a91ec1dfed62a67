"""`bmnn ical`: the feed parses back with icalendar and matches the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Component
from icalendar.prop import vCategory

from conftest import LAO_CAI, Cli, query

AS_OF = "2026-11-27"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("BMNN_CONFIG", raising=False)


def events(path: Path) -> list[Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


Key = tuple[str, str, str, str, dt.date]


def in_database(db: Path, agency: str | None = None) -> set[Key]:
    """(plan, task, period, agency, effective due) of every dated obligation up to 2026."""
    sql = """
      SELECT p.code, t.code, o.period, o.effective_due, a.code FROM obligation o
      JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id
      JOIN agency a ON a.id = o.agency_id
      WHERE o.effective_due IS NOT NULL AND o.year <= 2026 AND t.archived_at IS NULL
    """
    rows = query(db, sql)
    return {
        (plan, task, period, code, dt.date.fromisoformat(due))
        for plan, task, period, due, code in rows
        if agency is None or code == agency
    }


def from_feed(items: list[Any]) -> set[Key]:
    out = set()
    for event in items:
        plan, task, period, rest = str(event["UID"]).split("/")
        code, at, domain = rest.partition("@")
        assert at and domain == "bmnn"
        out.add((plan, task, period, code, event.decoded("DTSTART")))
    return out


def test_one_event_per_obligation_matching_the_database(
    cli: Cli, lao_cai: Path, tmp_path: Path
) -> None:
    cli("submit", "--task", "IV.1.a", "--agency", "so tu phap", "--date", "25/02/2026",
        "--as-of", AS_OF)  # fmt: skip
    feed = tmp_path / "so-tu-phap.ics"
    out = cli("ical", "--agency", "so tu phap", "--as-of", AS_OF, "-o", str(feed))
    items = events(feed)
    expected = in_database(lao_cai, "so-tu-phap")
    assert f"Đã ghi {len(items)} sự kiện vào {feed}." in out
    assert len(items) == len(expected) > 0
    assert from_feed(items) == expected
    calendar = Calendar.from_ical(feed.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and "bmnn" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]).endswith("– Sở Tư pháp")
    for event in items:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all-day
        assert "Sở Tư pháp" in str(event["SUMMARY"])
    done = [e for e in items if str(e["UID"]).startswith("lao-cai-bmnn-2026/IV.1.a/")]
    assert "hoàn thành đúng hạn" in str(done[0]["SUMMARY"])
    assert "Thời hạn theo văn bản: “trước ngày 27/02/2026”" in str(done[0]["DESCRIPTION"])


def test_uids_are_unique_and_stable(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli("ical", "--as-of", AS_OF, "-o", str(first))
    cli("import", str(LAO_CAI))  # a re-import keeps the obligations
    cli("ical", "--as-of", AS_OF, "-o", str(second))
    uids = [str(e["UID"]) for e in events(first)]
    assert len(uids) == len(set(uids)) == len(in_database(lao_cai))
    assert uids == [str(e["UID"]) for e in events(second)]
    assert from_feed(events(first)) == in_database(lao_cai)


def test_open_only_and_stdout(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "--task", "IV.1.a", "--agency", "so tu phap", "--date", "25/02/2026",
        "--as-of", AS_OF)  # fmt: skip
    text = cli("ical", "--agency", "so tu phap", "--open", "--as-of", AS_OF, "-o", "-")
    assert text.startswith("BEGIN:VCALENDAR")  # (the test runner turns CRLF into LF)
    calendar = Calendar.from_ical(text.encode())
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids and not any("/IV.1.a/" in uid for uid in uids)
    statuses = {first_category(e) for e in calendar.walk("VEVENT")}
    assert statuses <= {"quá hạn", "đang thực hiện, trong hạn"}


def first_category(event: Component) -> str:
    categories = event["CATEGORIES"]
    assert isinstance(categories, vCategory)
    return str(categories.cats[0])
