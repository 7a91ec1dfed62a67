"""Keeping stored obligations in force: the registry, calendar and years they follow.

A registry import or new calendar data moves due dates and owners
(`recompute`, `follow_calendar`); a question about a later year extends
open-ended schedules to it (`ensure_through`), within a bound so that a
mistyped year is one clear message. Plain SQL through a Writer (reads
through a Reader); a session is wrapped on the way in.
"""

from __future__ import annotations

from typing import Any

from bmnn_cli.domain import periods
from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.store import audit, rows
from bmnn_cli.store.obligations import sync_obligations
from bmnn_cli.store.reader import Reader, calendar_of_log, reader_of
from bmnn_cli.store.writer import writer_of


def recompute(target: Any, plans: list[Any], why: str, *, action: str = "recompute") -> int:
    """Recompute the obligations of `plans` (due dates, owners); audit what moved.

    The audit entry names each due date that moved (up to 50) as
    "TASK AGENCY PERIOD OLD -> NEW". Returns how many moved.
    """
    writer = writer_of(target)
    before = _due_dates(writer, plans)
    for plan in plans:
        sync_obligations(writer, plan, through=plan.through_year)
    after = _due_dates(writer, plans)
    moved = sorted(
        (where, old, after[where]) for where, old in before.items()
        if where in after and after[where] != old
    )  # fmt: skip
    listed = "".join(
        f"; {' '.join(where)} {old or '-'} -> {new or '-'}" for where, old, new in moved[:50]
    )
    more = f"; … {len(moved) - 50} more" if len(moved) > 50 else ""
    if plans:
        audit.record(writer, action, detail=f"{why}: {len(moved)} due dates moved{listed}{more}")
    return len(moved)


def _due_dates(reader: Reader, plans: list[Any]) -> dict[tuple[str, str, str], str | None]:
    if not plans:
        return {}
    marks = ", ".join(f":p{n}" for n in range(len(plans)))
    found = reader.rows(
        "SELECT t.code, a.code, o.period, o.effective_due FROM obligation o"
        " JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = o.agency_id"
        f" WHERE t.plan_id IN ({marks})",
        {f"p{n}": plan.id for n, plan in enumerate(plans)},
    )
    return {
        (task, agency, period): str(due) if due else None for task, agency, period, due in found
    }


def recorded_calendar(source: Any) -> str | None:
    """The calendar data the stored due dates were computed with (its fingerprint)."""
    return calendar_of_log(reader_of(source))


def calendar_is_stale(source: Any) -> bool:
    """Whether stored due dates were computed with other calendar data than this bmnn's."""
    reader = reader_of(source)
    has_plans = next(iter(reader.rows("SELECT id FROM plan LIMIT 1")), None) is not None
    return has_plans and recorded_calendar(reader) != fingerprint()


def follow_calendar(target: Any) -> None:
    """Move the stored due dates to the calendar data of this bmnn, if it changed.

    An upgrade can bring a year's announced days off; the due dates in force
    follow in this transaction, with a "calendar" audit entry naming them.
    """
    writer = writer_of(target)
    if calendar_is_stale(writer):
        plans = rows.all_of(writer, rows.Plan, "FROM plan ORDER BY id")
        recompute(writer, plans, fingerprint(), action="calendar")


# How far past the newest plan's year a question may look. Open-ended schedules
# grow to the year asked about, so a mistyped year (2206 for 2026) must not
# write centuries of obligations before anyone notices.
def check_year(source: Any, year: int) -> None:
    """Refuse a year too far beyond the newest plan (a mistyped --as-of or --year)."""
    ((newest,),) = reader_of(source).rows("SELECT MAX(year) FROM plan")
    periods.check_year(year, newest)


def ensure_through(target: Any, year: int) -> None:
    """Open-ended schedules owe up to the year asked about: extend them, with an audit entry.

    Run in the transaction of the command that needs them; a question rolls
    its transaction back (`Store.read`), so only a writing command stores them.
    """
    writer = writer_of(target)
    check_year(writer, year)
    behind = rows.all_of(writer, rows.Plan, "FROM plan WHERE through_year < :year", {"year": year})
    for plan in behind:
        before = plan.through_year
        counted = _count_obligations(writer, plan.id)
        sync_obligations(writer, plan, through=year)
        added = _count_obligations(writer, plan.id) - counted
        audit.record(
            writer, "extend", plan=plan.code,
            detail=f"{before + 1}-{year}: {added} obligations",
        )  # fmt: skip


def _count_obligations(reader: Reader, plan_id: int) -> int:
    ((count,),) = reader.rows(
        "SELECT COUNT(*) FROM obligation o JOIN task t ON t.id = o.task_id WHERE t.plan_id = :plan",
        {"plan": plan_id},
    )
    return int(count)


def needs_extension(source: Any, year: int) -> bool:
    found = reader_of(source).rows(
        "SELECT id FROM plan WHERE through_year < :year LIMIT 1", {"year": year}
    )
    return next(iter(found), None) is not None
