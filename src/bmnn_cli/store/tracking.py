"""Recording what arrives: submissions, corrections, waivers, requests, events.

Nothing is overwritten: an amendment supersedes the earlier submission and a
retraction marks it, both kept with the reason; the obligation row carries
the outcome in force so that listings stay one scan.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import NoReturn

from sqlmodel import Session, col, select

from bmnn_cli.columns import period_label
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
from bmnn_cli.text import clean, fold


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


@dataclass(frozen=True)
class Requested:
    """What `record_request` did: the request in force and the obligations it made."""

    task: str
    period: str  # "request-N", the period key of its obligations
    date: dt.date
    due: dt.date
    count: int  # new obligations
    ref: str = ""
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
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    if period is None:
        raise AssertionError
    for row in rows:
        if row.period == period.strip():
            return row
    wanted = fold(period)
    for row in rows:
        if fold(period_label(row.period)) == wanted:
            return row
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=_labels(rows)),
        value=period,
    )


def _labels(rows: list[Obligation]) -> str:
    """The periods of `rows` as people read them ("2026, yêu cầu số 1")."""
    return ", ".join(period_label(r.period) for r in rows)


def _day(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


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
                period=period_label(obligation.period),
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


def _open_for(
    rows: list[Obligation], day: dt.date, *, dated_only: bool = False
) -> Obligation | None:
    """The obligation a document sent on `day` most likely answers.

    The oldest open dated one that had started by then; else (unless
    `dated_only`) an ongoing one.
    """
    open_rows = _open_rows(rows, day)
    dated = [r for r in open_rows if r.effective_due is not None and r.year <= day.year]
    candidates = dated or ([] if dated_only else [r for r in open_rows if r.effective_due is None])
    return candidates[0] if candidates else None


def _open_rows(rows: list[Obligation], day: dt.date) -> list[Obligation]:
    return [
        r
        for r in rows
        if r.submitted_on is None and r.waived_on is None and (r.starts_on or day) <= day
    ]


def _same_day(rows: list[Obligation], day: dt.date) -> Obligation | None:
    return next((r for r in rows if r.submitted_on == day), None)


def _refuse_done(rows: list[Obligation], task: Task, agency: Agency) -> Obligation:
    done = ", ".join(
        f"{period_label(r.period)}: {_day(r.submitted_on or r.waived_on)}" for r in rows
    )
    raise Refused(t("err.store.nothing_open_done", agency=agency.name, task=task.code, done=done))


def _active_submission(session: Session, obligation: Obligation) -> Submission:
    row = session.exec(
        select(Submission)
        .where(Submission.obligation_id == obligation.id)
        .where(Submission.state == "active")
    ).first()
    if row is None:
        raise NotFound(
            t("err.store.no_submission_for_period", period=period_label(obligation.period)),
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
    as_of: dt.date,
    reason: str,
    day: dt.date | None = None,
    plan: str | None = None,
    period: str | None = None,
    ref: str | None = None,
    note: str | None = None,
) -> Outcome:
    """Correct a submission: the old one is kept as superseded, with the reason.

    Only what is given changes (date, ref, note); the rest is carried over.
    Giving only what is already recorded changes nothing.
    """
    if day is None and ref is None and note is None:
        raise UsageError(t("err.store.amend_nothing"))
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    obligation = _latest_done(_obligations(session, task_row, agency_row), period, task_row)
    if day is not None:
        _check_date(day, as_of, plan_row, obligation)
    old = _active_submission(session, obligation)
    new = Submission(
        obligation_id=key(obligation),
        submitted_on=old.submitted_on if day is None else day,
        ref=old.ref if ref is None else ref,
        note=old.note if note is None else note,
        replaces_id=old.id,
        reason=reason,
        recorded_at=plan_store.now(),
        recorded_by=audit.os_user(),
    )
    changes = tuple(
        Change(field, getattr(old, name), getattr(new, name))
        for field, name in (("date", "submitted_on"), ("ref", "ref"), ("note", "note"))
        if getattr(old, name) != getattr(new, name)
    )
    outcome = Outcome(
        "msg.amended_fields" if changes else "msg.amend_unchanged",
        agency_row.name,
        task_row.code,
        obligation.period,
        date=new.submitted_on,
        old=old.submitted_on,
        changed=bool(changes),
        changes=changes,
    )
    if not changes:
        return outcome
    old.state = "superseded"
    session.add(old)
    session.flush()
    session.add(new)
    obligation.submitted_on = new.submitted_on
    session.add(obligation)
    what = "; ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in changes)
    audit.record(
        session, "amend", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {what}; {reason}",
    )  # fmt: skip
    return outcome


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
    """Excuse an agency from one period of a task, with a reason; idempotent.

    Without --period: the oldest open dated period, never a duty without a
    due date (that one only when --period names it). The same waiver given
    again (same reason, same day) is recognised and changes nothing.
    """
    if not reason.strip():
        raise UsageError(t("err.store.waiver_needs_reason"))
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    plan_store.ensure_through(session, as_of.year)
    rows = _obligations(session, task_row, agency_row)
    if period is None:
        latest = _latest_waiver(session, rows)
        if latest is not None and (
            latest[0].waived_on == as_of and clean(latest[0].reason) == clean(reason)
        ):
            return _already_waived(latest[0], latest[1], task_row, agency_row)
        obligation = _open_for(rows, as_of, dated_only=True)
        if obligation is None:
            _refuse_nothing_dated(rows, as_of, task_row, agency_row)
    else:
        obligation = _pick(rows, period, task_row)
    if obligation.waived_on is not None:
        waiver = _active_waiver(session, obligation)
        return _already_waived(waiver, obligation, task_row, agency_row)
    if obligation.submitted_on is not None:  # a waiver would hide what was sent
        raise Refused(
            t(
                "err.store.waive_submitted",
                agency=agency_row.name,
                task=task_row.code,
                period=period_label(obligation.period),
                day=obligation.submitted_on,
            )
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


def _latest_waiver(session: Session, rows: list[Obligation]) -> tuple[Waiver, Obligation] | None:
    """The agency's latest active waiver for the task, with its obligation."""
    by_id = {r.id: r for r in rows}
    waiver = session.exec(
        select(Waiver)
        .where(col(Waiver.obligation_id).in_(list(by_id)))
        .where(Waiver.state == "active")
        .order_by(col(Waiver.waived_on).desc(), col(Waiver.id).desc())
    ).first()
    return None if waiver is None else (waiver, by_id[waiver.obligation_id])


def _active_waiver(session: Session, obligation: Obligation) -> Waiver | None:
    return session.exec(
        select(Waiver)
        .where(Waiver.obligation_id == obligation.id)
        .where(Waiver.state == "active")
        .order_by(col(Waiver.id).desc())
    ).first()


def _already_waived(
    waiver: Waiver | None, obligation: Obligation, task: Task, agency: Agency
) -> Outcome:
    return Outcome(
        "msg.already_waived", agency.name, task.code, obligation.period,
        date=waiver.waived_on if waiver else obligation.waived_on,
        status=waiver.reason if waiver else "–", changed=False,
    )  # fmt: skip


def _refuse_nothing_dated(
    rows: list[Obligation], day: dt.date, task: Task, agency: Agency
) -> NoReturn:
    """Nothing dated is open: name the duties without a due date, if any, for --period."""
    undated = [r for r in _open_rows(rows, day) if r.effective_due is None]
    if not undated:
        raise Refused(t("err.store.nothing_open", agency=agency.name, task=task.code))
    raise Refused(
        t(
            "err.store.only_undated_open",
            agency=agency.name,
            task=task.code,
            periods=", ".join(repr(period_label(r.period)) for r in undated),
        )
    )


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
) -> Requested:
    """An ad-hoc request or the event that starts a task: new obligations.

    A document already recorded for the task (same --ref) is not recorded twice.
    """
    if due is not None and days is not None:
        raise UsageError(t("err.store.due_and_days"))
    task_row = find_task(session, task, plan=plan)
    plan_row = session.get(Plan, task_row.plan_id)
    province = session.get(Province, plan_row.province_id if plan_row else None)
    assert plan_row is not None and province is not None
    part = _part(task_row, "on_request" if kind == "request" else "after_event")
    same = _same_ref(session, task_row, ref)
    if same is not None:
        return Requested(
            task_row.code, f"request-{same.id}", same.happened_on, same.due, 0, same.ref,
            changed=False,
        )  # fmt: skip
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
    count = _count(session, task_row) - before
    return Requested(task_row.code, f"request-{key(request)}", day, due, count, ref)


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
