"""Recording what arrives: submissions, corrections, waivers, requests, events.

Nothing is overwritten: an amendment supersedes the earlier submission and a
retraction marks it, both kept with the reason; the obligation row carries
the outcome in force so that listings stay one scan.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bmnn_cli.domain.deadlines import due_after_event
from bmnn_cli.domain.schedule import Part
from bmnn_cli.errors import NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store import plans as plan_store
from bmnn_cli.store.lookup import agency_ids, find_task
from bmnn_cli.store.models import (
    Agency,
    Obligation,
    Plan,
    Province,
    Request,
    Submission,
    Task,
    Waiver,
    key,
)


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


def _target(
    session: Session, task_text: str, agency_text: str, plan: str | None
) -> tuple[Task, Plan, Agency]:
    task = find_task(session, task_text, plan=plan)
    plan_row = session.get(Plan, task.plan_id)
    assert plan_row is not None
    ids = agency_ids(session, agency_text, province_id=plan_row.province_id, groups=False)
    agency = session.get(Agency, ids[0])
    assert agency is not None
    return task, plan_row, agency


def _obligations(session: Session, task: Task, agency: Agency) -> list[Obligation]:
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


def _pick(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    if period is None:
        raise AssertionError
    for row in rows:
        if row.period == period:
            return row
    periods = ", ".join(r.period for r in rows)
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=periods),
        value=period,
    )


def _check_date(
    day: dt.date, as_of: dt.date, plan: Plan, obligation: Obligation | None = None
) -> None:
    if day > as_of:
        raise UsageError(t("err.store.date_after_as_of", day=day, as_of=as_of))
    earliest = plan.issued or dt.date(plan.year - 1, 1, 1)
    if obligation and obligation.starts_on:
        earliest = max(earliest, obligation.starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )


def submit(
    session: Session,
    *,
    task: str,
    agency: str,
    day: dt.date,
    as_of: dt.date,
    plan: str | None = None,
    period: str | None = None,
    ref: str = "",
    note: str = "",
) -> Outcome:
    """Record that `agency` sent what `task` asks for on `day`; idempotent."""
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    _check_date(day, as_of, plan_row)
    plan_store.ensure_through(session, day.year)
    rows = _obligations(session, task_row, agency_row)
    if period is not None:
        obligation = _pick(rows, period, task_row)
    else:
        obligation = (
            _open_for(rows, day) or _same_day(rows, day) or _refuse_done(rows, task_row, agency_row)
        )
    _check_date(day, as_of, plan_row, obligation)
    outcome = {
        "agency": agency_row.name,
        "task": task_row.code,
        "period": obligation.period,
        "date": day,
    }
    if obligation.submitted_on is not None:
        if obligation.submitted_on == day:
            return Outcome("msg.already_submitted", changed=False, **outcome)  # type: ignore[arg-type]
        raise Refused(
            t(
                "err.store.already_submitted",
                agency=agency_row.name,
                task=task_row.code,
                period=obligation.period,
                day=obligation.submitted_on,
            )
        )
    session.add(
        Submission(
            obligation_id=key(obligation),
            submitted_on=day,
            ref=ref,
            note=note,
            recorded_at=plan_store.now(),
            recorded_by=audit.os_user(),
        )
    )
    obligation.submitted_on = day
    session.add(obligation)
    audit.record(
        session, "submit", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {day.isoformat()} {ref}".rstrip(),
    )  # fmt: skip
    on_time = obligation.effective_due is None or day <= obligation.effective_due
    status = "status.done_on_time" if on_time else "status.done_late"
    return Outcome("msg.submitted", status=status, **outcome)  # type: ignore[arg-type]


def _open_for(rows: list[Obligation], day: dt.date) -> Obligation | None:
    """The obligation a document sent on `day` most likely answers.

    The oldest open dated one that had started by then; else an ongoing one.
    """
    open_rows = [
        r
        for r in rows
        if r.submitted_on is None and r.waived_on is None and (r.starts_on or day) <= day
    ]
    dated = [r for r in open_rows if r.effective_due is not None and r.year <= day.year]
    candidates = dated or [r for r in open_rows if r.effective_due is None]
    return candidates[0] if candidates else None


def _same_day(rows: list[Obligation], day: dt.date) -> Obligation | None:
    return next((r for r in rows if r.submitted_on == day), None)


def _refuse_done(rows: list[Obligation], task: Task, agency: Agency) -> Obligation:
    done = ", ".join(f"{r.period}: {r.submitted_on or r.waived_on or '–'}" for r in rows)
    raise Refused(t("err.store.nothing_open_done", agency=agency.name, task=task.code, done=done))


def _active_submission(session: Session, obligation: Obligation) -> Submission:
    row = session.exec(
        select(Submission)
        .where(Submission.obligation_id == obligation.id)
        .where(Submission.state == "active")
    ).first()
    if row is None:
        raise NotFound(
            t("err.store.no_submission_for_period", period=obligation.period),
            value=obligation.period,
        )
    return row


def _latest_done(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    if period is not None:
        return _pick(rows, period, task)
    done = [r for r in rows if r.submitted_on is not None]
    if not done:
        raise NotFound(t("err.store.no_submission_for_task", task=task.code), value=task.code)
    return max(done, key=lambda r: r.submitted_on or dt.date.min)


def amend(
    session: Session,
    *,
    task: str,
    agency: str,
    day: dt.date,
    as_of: dt.date,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
    ref: str | None = None,
    note: str | None = None,
) -> Outcome:
    """Correct a submission: the old one is kept as superseded, with the reason."""
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    obligation = _latest_done(_obligations(session, task_row, agency_row), period, task_row)
    _check_date(day, as_of, plan_row, obligation)
    old = _active_submission(session, obligation)
    old.state = "superseded"
    session.add(old)
    session.flush()
    session.add(
        Submission(
            obligation_id=key(obligation),
            submitted_on=day,
            ref=old.ref if ref is None else ref,
            note=old.note if note is None else note,
            replaces_id=old.id,
            reason=reason,
            recorded_at=plan_store.now(),
            recorded_by=audit.os_user(),
        )
    )
    obligation.submitted_on = day
    session.add(obligation)
    audit.record(
        session, "amend", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {old.submitted_on} -> {day.isoformat()}; {reason}",
    )  # fmt: skip
    return Outcome(
        "msg.amended",
        agency_row.name,
        task_row.code,
        obligation.period,
        date=day,
        old=old.submitted_on,
    )


def retract(
    session: Session,
    *,
    task: str,
    agency: str,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Withdraw a submission recorded in error; it stays in the history."""
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    obligation = _latest_done(_obligations(session, task_row, agency_row), period, task_row)
    old = _active_submission(session, obligation)
    audit.record(
        session, "retract", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {old.submitted_on}; {reason}",
    )  # fmt: skip
    old.state = "retracted"
    old.reason = reason
    session.add(old)
    obligation.submitted_on = None
    session.add(obligation)
    return Outcome(
        "msg.retracted", agency_row.name, task_row.code, obligation.period, date=old.submitted_on
    )


def waive(
    session: Session,
    *,
    task: str,
    agency: str,
    reason: str,
    as_of: dt.date,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Excuse an agency from one period of a task, with a reason."""
    if not reason.strip():
        raise UsageError(t("err.store.waiver_needs_reason"))
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    plan_store.ensure_through(session, as_of.year)
    rows = _obligations(session, task_row, agency_row)
    obligation = _pick(rows, period, task_row) if period else _open_for(rows, as_of)
    if obligation is None:
        raise Refused(t("err.store.nothing_open", agency=agency_row.name, task=task_row.code))
    if obligation.waived_on is not None:
        return Outcome(
            "msg.waived", agency_row.name, task_row.code, obligation.period, changed=False
        )
    session.add(
        Waiver(
            obligation_id=key(obligation),
            waived_on=as_of,
            reason=reason,
            recorded_at=plan_store.now(),
            recorded_by=audit.os_user(),
        )
    )
    obligation.waived_on = as_of
    session.add(obligation)
    audit.record(
        session, "waive", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {reason}",
    )  # fmt: skip
    return Outcome("msg.waived", agency_row.name, task_row.code, obligation.period, status=reason)


def _part(task: Task, kind: str) -> Part:
    for part in plan_store.task_parts(task):
        if part.kind == kind:
            return part
    keys = {
        "on_request": "err.store.no_request_schedule",
        "after_event": "err.store.no_event_schedule",
    }
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
) -> tuple[Task, dt.date, int]:
    """An ad-hoc request or the event that starts a task: new obligations."""
    task_row = find_task(session, task, plan=plan)
    plan_row = session.get(Plan, task_row.plan_id)
    province = session.get(Province, plan_row.province_id if plan_row else None)
    assert plan_row is not None and province is not None
    part = _part(task_row, "on_request" if kind == "request" else "after_event")
    _check_date(day, as_of, plan_row)
    due = _request_due(day, due, days or part.days, part, province)
    if due < day:
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
        recorded_at=plan_store.now(),
    )
    session.add(request)
    audit.record(
        session, kind, plan=plan_row.code, task=task_row.code,
        detail=f"{day.isoformat()} due {due.isoformat()} {ref}".rstrip(),
    )  # fmt: skip
    before = _count(session, task_row)
    plan_store.sync_obligations(session, plan_row, through=max(plan_row.through_year, due.year))
    return task_row, due, _count(session, task_row) - before


def _request_due(
    day: dt.date, due: dt.date | None, days: int | None, part: Part, province: Province
) -> dt.date:
    if due is not None:
        return due
    if days is None:
        raise UsageError(t("err.store.due_or_days"))
    calendar = plan_store.calendar_of(province)
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
