"""What the recording commands share: finding what they record against, and what they say.

Nothing is overwritten: an amendment supersedes the earlier submission and a
retraction marks it, both kept with the reason; the obligation row carries
the outcome in force so that listings stay one scan. The rules of what a
record does live in the domain (submissions, waivers, status); the modules
here load rows, ask them and persist what they decide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bmnn_cli.domain import submissions as rules
from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store.lookup import agency_ids, find_task
from bmnn_cli.store.models import Agency, Obligation, Plan, Task


@dataclass(frozen=True)
class Outcome:
    """What a recording command did, for the message the CLI prints."""

    message: str  # catalogue key
    agency: str
    task: str
    period: str
    date: dt.date | None = None
    status: str = ""
    old: dt.date | None = None
    changed: bool = True
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Change:
    """One field an amendment changed: "date", "ref" or "note", before and after."""

    field: str
    old: str | dt.date
    new: str | dt.date


def target(
    session: Session, task_text: str, agency_text: str, plan: str | None
) -> tuple[Task, Plan, Agency]:
    task = find_task(session, task_text, plan=plan)
    plan_row = session.get(Plan, task.plan_id)
    assert plan_row is not None
    ids = agency_ids(session, agency_text, province_id=plan_row.province_id, groups=False)
    agency = session.get(Agency, ids[0])
    assert agency is not None
    return task, plan_row, agency


class Finder:
    """`target` with each task and each agency looked up once (a register names few)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tasks: dict[tuple[str, str | None], tuple[Task, Plan]] = {}
        self.agencies: dict[tuple[str, int], Agency] = {}

    def __call__(self, task: str, agency: str, plan: str | None) -> tuple[Task, Plan, Agency]:
        if (task, plan) not in self.tasks:
            task_row = find_task(self.session, task, plan=plan)
            plan_row = self.session.get(Plan, task_row.plan_id)
            assert plan_row is not None
            self.tasks[(task, plan)] = (task_row, plan_row)
        task_row, plan_row = self.tasks[(task, plan)]
        where = (agency, plan_row.province_id)
        if where not in self.agencies:
            ids = agency_ids(self.session, agency, province_id=plan_row.province_id, groups=False)
            agency_row = self.session.get(Agency, ids[0])
            assert agency_row is not None
            self.agencies[where] = agency_row
        return task_row, plan_row, self.agencies[where]


def obligations_of(session: Session, task: Task, agency: Agency) -> list[Obligation]:
    rows = session.exec(
        select(Obligation)
        .where(Obligation.task_id == task.id)
        .where(Obligation.agency_id == agency.id)
        .order_by(col(Obligation.effective_due).is_(None), col(Obligation.effective_due))
    ).all()
    if not rows:
        raise NotFound(
            t("err.store.not_answerable", agency=agency.name, code=agency.code, task=task.code),
            value=agency.code,
        )
    return list(rows)


def pick(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    if period is None:
        raise AssertionError
    row = rules.pick(rows, period, period_label)
    if row is not None:
        return row
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=labels(rows)),
        value=period,
    )


def labels(rows: list[Obligation]) -> str:
    """The periods of `rows` as people read them ("2026, yêu cầu số 1")."""
    return ", ".join(period_label(r.period) for r in rows)


def day_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


def check_date(
    day: dt.date, as_of: dt.date, plan: Plan, obligation: Obligation | None = None
) -> None:
    if day > as_of:
        raise UsageError(t("err.store.date_after_as_of", day=day, as_of=as_of))
    starts_on = obligation.starts_on if obligation else None
    earliest = rules.earliest_day(plan.issued, plan.year, starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )
