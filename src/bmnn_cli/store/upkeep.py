"""Keeping stored obligations in force: the registry, calendar and years they follow.

A registry import or new calendar data moves due dates and owners
(`recompute`, `follow_calendar`); a question about a later year extends
open-ended schedules to it (`ensure_through`), within a bound so that a
mistyped year is one clear message.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.errors import UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.models import Obligation, Plan, Task
from bmnn_cli.store.obligations import sync_obligations


def recompute(session: Session, plans: list[Plan], why: str, *, action: str = "recompute") -> int:
    """Recompute the obligations of `plans` (due dates, owners); audit what moved.

    The audit entry names each due date that moved (up to 50) as
    "TASK AGENCY PERIOD OLD -> NEW". Returns how many moved.
    """
    before = _due_dates(session, plans)
    for plan in plans:
        sync_obligations(session, plan, through=plan.through_year)
    after = _due_dates(session, plans)
    moved = sorted(
        (where, old, after[where]) for where, old in before.items()
        if where in after and after[where] != old
    )  # fmt: skip
    listed = "".join(
        f"; {' '.join(where)} {old or '-'} -> {new or '-'}" for where, old, new in moved[:50]
    )
    more = f"; … {len(moved) - 50} more" if len(moved) > 50 else ""
    if plans:
        audit.record(session, action, detail=f"{why}: {len(moved)} due dates moved{listed}{more}")
    return len(moved)


def _due_dates(session: Session, plans: list[Plan]) -> dict[tuple[str, str, str], str | None]:
    from bmnn_cli.store.reader import reader_of

    if not plans:
        return {}
    marks = ", ".join(f":p{n}" for n in range(len(plans)))
    rows = reader_of(session).rows(
        "SELECT t.code, a.code, o.period, o.effective_due FROM obligation o"
        " JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = o.agency_id"
        f" WHERE t.plan_id IN ({marks})",
        {f"p{n}": plan.id for n, plan in enumerate(plans)},
    )
    return {(task, agency, period): str(due) if due else None for task, agency, period, due in rows}


def recorded_calendar(session: Session) -> str | None:
    """The calendar data the stored due dates were computed with (its fingerprint)."""
    from bmnn_cli.store.reader import calendar_of_log, reader_of

    return calendar_of_log(reader_of(session))


def calendar_is_stale(session: Session) -> bool:
    """Whether stored due dates were computed with other calendar data than this bmnn's."""
    has_plans = session.exec(select(Plan.id).limit(1)).first() is not None
    return has_plans and recorded_calendar(session) != fingerprint()


def follow_calendar(session: Session) -> None:
    """Move the stored due dates to the calendar data of this bmnn, if it changed.

    An upgrade can bring a year's announced days off; the due dates in force
    follow in this transaction, with a "calendar" audit entry naming them.
    """
    if calendar_is_stale(session):
        plans = list(session.exec(select(Plan).order_by(col(Plan.id))).all())
        recompute(session, plans, fingerprint(), action="calendar")


# How far past the newest plan's year a question may look. Open-ended schedules
# grow to the year asked about, so a mistyped year (2206 for 2026) must not
# write centuries of obligations before anyone notices.
YEARS_AHEAD = 25


def check_year(session: Session, year: int) -> None:
    """Refuse a year too far beyond the newest plan (a mistyped --as-of or --year)."""
    newest = session.exec(select(func.max(Plan.year))).one()
    if newest is not None and year > newest + YEARS_AHEAD:
        raise UsageError(
            t("err.date.too_far", year=year, newest=newest, limit=newest + YEARS_AHEAD)
        )


def ensure_through(session: Session, year: int) -> None:
    """Open-ended schedules owe up to the year asked about: extend them, with an audit entry.

    Run in the transaction of the command that needs them; a question rolls
    its transaction back (`Store.read`), so only a writing command stores them.
    """
    check_year(session, year)
    for plan in session.exec(select(Plan).where(Plan.through_year < year)).all():
        before = plan.through_year
        counted = _count_obligations(session, plan)
        sync_obligations(session, plan, through=year)
        added = _count_obligations(session, plan) - counted
        audit.record(
            session, "extend", plan=plan.code,
            detail=f"{before + 1}-{year}: {added} obligations",
        )  # fmt: skip


def _count_obligations(session: Session, plan: Plan) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Obligation)
            .join(Task, col(Task.id) == Obligation.task_id)
            .where(Task.plan_id == plan.id)
        ).one()
    )


def needs_extension(session: Session, year: int) -> bool:
    return (
        session.exec(select(Plan.id).where(Plan.through_year < year).limit(1)).first() is not None
    )
