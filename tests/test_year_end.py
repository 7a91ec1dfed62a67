"""Late in December, next week is January: the questions that look ahead see next year.

Open-ended schedules are stored up to a year and extended when a question looks
further (rolled back for a question). A question whose window reaches into the next
year must see that year's first periods, as `remind` does.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Cli, Db, plan_text

MONTHLY = """
[[tasks]]
id = "1"
title = "Báo cáo tháng"
lead = ["so-tu-phap"]
deliverable = "report"
deadline = "trước ngày 05 hằng tháng"
"""
JANUARY = "2027-01-05"  # the monthly report of December, due in January


def _monthly(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "thang.toml"
    plan.write_text(plan_text(MONTHLY), encoding="utf-8")
    cli("import", str(plan))


def test_due_in_late_december_lists_januarys_obligations(cli: Cli, db: Db, tmp_path: Path) -> None:
    _monthly(cli, tmp_path)
    rows = json.loads(cli("due", "--within", "14d", "--as-of", "2026-12-28", "--format", "json"))
    assert [row["effective_due"] for row in rows] == [JANUARY]
    listing = json.loads(cli("due", "--within", "14d", "--as-of", "2026-12-28", "-f", "json",
                             "--headers", "vi"))  # fmt: skip
    assert len(listing) == 1  # the rows listed in Python, not by the database, say the same
    today = cli("--lang", "en", "today", "--as-of", "2026-12-29")
    assert "05/01/2027" in today.split("Falling due within 7 days")[1]


def test_the_calendar_feed_holds_the_coming_month(cli: Cli, db: Db, tmp_path: Path) -> None:
    _monthly(cli, tmp_path)
    december = cli("ical", "--open", "--as-of", "2026-12-28", "-o", "-")
    assert "DTSTART;VALUE=DATE:20270105" in december
    november = cli("ical", "--open", "--as-of", "2026-11-20", "-o", "-")
    assert "DTSTART;VALUE=DATE:20261207" in november and "2027" not in november


def test_a_question_that_looks_ahead_leaves_the_database_as_it_was(
    cli: Cli, db: Db, tmp_path: Path
) -> None:
    """Next year's periods are worked out for the answer and rolled back, not stored."""
    from conftest import query

    _monthly(cli, tmp_path)
    before = query(db, "SELECT COUNT(*), MAX(year) FROM obligation")
    cli("due", "--within", "14d", "--as-of", "2026-12-28")
    cli("ical", "--open", "--as-of", "2026-12-28", "-o", "-")
    assert query(db, "SELECT COUNT(*), MAX(year) FROM obligation") == before == [(12, 2026)]
