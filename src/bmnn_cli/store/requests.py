"""Ad-hoc requests and the events that start, date or end a task: new obligations."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bmnn_cli.domain.deadlines import due_after_event, rolled
from bmnn_cli.domain.schedule import Part
from bmnn_cli.errors import NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store import obligations as obl_store
from bmnn_cli.store.lookup import agency_ids, task_id
from bmnn_cli.store.models import Agency, Obligation, Plan, Province, Request, Task, Waiver, key
from bmnn_cli.store.recording import check_date
from bmnn_cli.text import fold


@dataclass(frozen=True)
class Requested:
    """What `record_request` did: the request in force and the obligations it made."""

    task: str
    period: str  # "request-N", the period key of its obligations
    date: dt.date
    due: dt.date  # as the request sets it or as counted from the event
    count: int  # new obligations
    ref: str = ""
    changed: bool = True
    effective: dt.date | None = None  # the due date in force (None: `due`)
    kind: str = "after_event"  # the task's part the event concerns
    days: int | None = None  # before_event: days counted back from the event


_KINDS = {"request": ("on_request",), "event": ("after_event", "before_event", "until_event")}


def _part(task: Task, kind: str) -> Part:
    """The part a request or an event concerns: "sau khi …", "N ngày trước …", "đến khi …"."""
    for part in obl_store.task_parts(task):
        if part.kind in _KINDS[kind]:
            return part
    keys = {"request": "err.store.no_request_schedule", "event": "err.store.no_event_schedule"}
    raise Refused(t(keys[kind], task=task.code, deadline=task.deadline))


def record_request(
    session: Session,
    *,
    task: str,
    kind: str,
    day: dt.date,
    due: dt.date | None,
    days: int | None,
    agencies: list[str],
    as_of: dt.date,
    plan: str | None = None,
    ref: str = "",
    note: str = "",
) -> Requested:
    """An ad-hoc request or the event that starts a task: new obligations.

    A document already recorded for the task (same --ref) is not recorded twice.
    """
    if due is not None and days is not None:
        raise UsageError(t("err.store.due_and_days"))
    task_row = session.get(Task, task_id(session, task, plan=plan))  # the ORM's row, to change
    assert task_row is not None
    plan_row = session.get(Plan, task_row.plan_id)
    province = session.get(Province, plan_row.province_id if plan_row else None)
    assert plan_row is not None and province is not None
    part = _part(task_row, kind)
    same = _same_ref(session, task_row, ref)
    rules, calendar = obl_store.rules_of(plan_row), obl_store.calendar_of(province)
    if same is not None:
        return Requested(
            task_row.code, f"request-{same.id}", same.happened_on, same.due, 0, same.ref,
            changed=False, effective=rolled(same.due, rules=rules, calendar=calendar),
        )  # fmt: skip
    # an event counted back from ("95 ngày trước bầu cử") is dated before it happens
    check_date(day, max(day, as_of) if part.kind == "before_event" else as_of, plan_row)
    if part.kind in ("before_event", "until_event") and (due, days) != (None, None):
        raise UsageError(
            t("err.event.no_due_or_days", task=task_row.code, deadline=task_row.deadline)
        )
    _check_bounded(task_row, part, day)
    due = (
        day
        if part.kind == "until_event"
        else _request_due(day, due, days or part.days, part, province)
    )
    if due < day and part.kind != "before_event":
        raise UsageError(t("err.store.due_before_request", due=due, day=day))
    ids = sorted(
        {i for text in agencies for i in agency_ids(session, text, province_id=province.id)}
    )
    _check_answerable(session, task_row, plan_row, ids)
    request = Request(
        task_id=key(task_row),
        kind=kind,
        happened_on=day,
        due=due,
        agencies=json.dumps([_code(session, i) for i in ids]),
        ref=ref,
        note=note,
        recorded_at=audit.now(),
    )
    session.add(request)
    session.flush()
    ended = _end_duty(session, task_row, request) if part.kind == "until_event" else 0
    audit.record(
        session, kind, plan=plan_row.code, task=task_row.code,
        detail=f"{day.isoformat()} due {due.isoformat()} {ref}".rstrip()
        + (f"; {ended} ended" if part.kind == "until_event" else ""),
    )  # fmt: skip
    before = _count(session, task_row)
    obl_store.sync_obligations(session, plan_row, through=max(plan_row.through_year, due.year))
    count = ended or _count(session, task_row) - before
    effective = rolled(due, rules=rules, calendar=calendar)
    return Requested(
        task_row.code, f"request-{key(request)}", day, due, count, ref, effective=effective,
        kind=part.kind, days=part.days if part.kind == "before_event" else None,
    )  # fmt: skip


def _check_bounded(task: Task, part: Part, day: dt.date) -> None:
    """An event ending a duty falls on or after its start; one the plan dates is not re-dated."""
    if part.kind == "until_event" and part.begins and day < part.begins:
        raise UsageError(t("err.event.before_duty", task=task.code, day=day, begins=part.begins))
    if part.kind == "before_event" and part.event_date is not None:
        raise Refused(t("err.event.dated_by_plan", task=task.code, event_date=part.event_date))


def _end_duty(session: Session, task: Task, request: Request) -> int:
    """The event ends the task's open continuous obligations on its day ("đến khi …").

    Each is closed as not applicable from then on (a waiver whose reason says so,
    stamped like the event so that `cancel` takes both back): never overdue or late.
    """
    rows = session.exec(
        select(Obligation)
        .where(Obligation.task_id == task.id)
        .where(col(Obligation.effective_due).is_(None))
        .where(col(Obligation.waived_on).is_(None))
        .where(col(Obligation.submitted_on).is_(None))
    ).all()
    reason = t("msg.event.ended_reason", date=f"{request.happened_on:%d/%m/%Y}", ref=request.ref)
    for row in rows:
        session.add(
            Waiver(
                obligation_id=key(row), waived_on=request.happened_on, reason=reason.strip(),
                recorded_at=request.recorded_at, recorded_by=audit.os_user(),
            )
        )  # fmt: skip
        row.waived_on = request.happened_on
        session.add(row)
    return len(rows)


def _same_ref(session: Session, task: Task, ref: str) -> Request | None:
    """The request or event already recorded for `task` under the number/symbol `ref`."""
    wanted = fold(ref)
    if not wanted:
        return None
    requests = session.exec(
        select(Request).where(Request.task_id == task.id).order_by(col(Request.id))
    ).all()
    return next((r for r in requests if fold(r.ref) == wanted), None)


def _request_due(
    day: dt.date, due: dt.date | None, days: int | None, part: Part, province: Province
) -> dt.date:
    if due is not None:
        return due
    if days is None:
        raise UsageError(t("err.store.due_or_days"))
    if part.kind == "before_event":  # N days before the event, counted back from its day
        return day - dt.timedelta(days=days)
    calendar = obl_store.calendar_of(province)
    return due_after_event(day, days, working_days=part.working_days, calendar=calendar)


def _check_answerable(session: Session, task: Task, plan: Plan, ids: list[int]) -> None:
    answerable = set(
        session.exec(
            select(Obligation.agency_id).where(Obligation.task_id == task.id).distinct()
        ).all()
    )
    for agency_id in ids:
        if agency_id not in answerable:
            raise NotFound(
                t("err.store.code_not_answerable", code=_code(session, agency_id), task=task.code),
                value=str(agency_id),
            )


def _code(session: Session, agency_id: int) -> str:
    agency = session.get(Agency, agency_id)
    return agency.code if agency else str(agency_id)


def _count(session: Session, task: Task) -> int:
    return len(session.exec(select(Obligation.id).where(Obligation.task_id == task.id)).all())
