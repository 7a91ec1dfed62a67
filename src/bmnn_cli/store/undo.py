"""The inverse of each recording command that `retract` does not cover.

`unwaive` revokes a waiver (kept in the history, marked revoked);
`cancel` takes back a request or an event recorded in error, with the
obligations it created, only while nothing was recorded against them (a
submission, a waiver, a reminder sent): those are evidence and are never
deleted, so the officer is told what stands in the way instead. Each undo
needs a reason, written to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store import obligations as obl_store
from bmnn_cli.store.lookup import find_task
from bmnn_cli.store.models import Obligation, Plan, ReminderLog, Request, Submission, Waiver
from bmnn_cli.store.recording import Outcome, obligations_of, pick, target
from bmnn_cli.text import fold


def unwaive(
    session: Session,
    *,
    task: str,
    agency: str,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Revoke the agency's waiver for the task (--period, else the latest one in force)."""
    _need_reason(reason)
    task_row, plan_row, agency_row = target(session, task, agency, plan)
    rows = obligations_of(session, task_row, agency_row)
    chosen = [pick(rows, period, task_row)] if period is not None else rows
    waiver = session.exec(
        select(Waiver)
        .where(col(Waiver.obligation_id).in_([r.id for r in chosen]))
        .where(Waiver.state == "active")
        .order_by(col(Waiver.waived_on).desc(), col(Waiver.id).desc())
    ).first()
    if waiver is None:
        raise Refused(t("err.undo.no_waiver", agency=agency_row.name, task=task_row.code))
    obligation = next(r for r in rows if r.id == waiver.obligation_id)
    waiver.state = "revoked"
    obligation.waived_on = None
    session.add(waiver)
    session.add(obligation)
    audit.record(
        session, "unwaive", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {waiver.reason} ({waiver.waived_on}); {reason}",
    )  # fmt: skip
    return Outcome(
        "msg.unwaived", agency_row.name, task_row.code, obligation.period,
        date=waiver.waived_on, status=reason,
    )  # fmt: skip


@dataclass(frozen=True)
class Cancelled:
    """A request or event taken back, and how many obligations went with it."""

    kind: str
    task: str
    period: str
    ref: str
    count: int


def cancel(
    session: Session,
    *,
    task: str,
    reason: str,
    ref: str | None = None,
    period: str | None = None,
    plan: str | None = None,
) -> Cancelled:
    """Take back a request or an event and its obligations, if nothing answers them yet."""
    _need_reason(reason)
    task_row = find_task(session, task, plan=plan)
    plan_row = session.get(Plan, task_row.plan_id)
    assert plan_row is not None
    request = _which(session, task_row.id, task_row.code, ref, period)
    owed = session.exec(select(Obligation).where(Obligation.request_id == request.id)).all()
    _refuse_answered(session, [o.id for o in owed if o.id is not None], request, task_row.code)
    label = period_label(f"request-{request.id}")
    for obligation in owed:
        session.delete(obligation)
    _reopen(session, request)
    session.flush()
    session.delete(request)
    session.flush()
    obl_store.sync_obligations(session, plan_row, through=plan_row.through_year)
    audit.record(
        session, f"cancel_{request.kind}", plan=plan_row.code, task=task_row.code,
        detail=f"{label}: {request.happened_on} → {request.due} {request.ref}; "
        f"{len(owed)}; {reason}",
    )  # fmt: skip
    return Cancelled(request.kind, task_row.code, f"request-{request.id}", request.ref, len(owed))


def _reopen(session: Session, request: Request) -> None:
    """The duties an event ended ("đến khi …") go on again: its waivers go with it."""
    ended = session.exec(
        select(Waiver, Obligation)
        .where(Waiver.obligation_id == Obligation.id)
        .where(Obligation.task_id == request.task_id)
        .where(Waiver.recorded_at == request.recorded_at)
        .where(Waiver.waived_on == request.happened_on)
        .where(Waiver.state == "active")
    ).all()
    for waiver, obligation in ended:
        obligation.waived_on = None
        session.add(obligation)
        session.delete(waiver)


def _need_reason(reason: str) -> None:
    if not reason.strip():
        raise UsageError(t("err.cli.reason_required"))


def _which(
    session: Session, task_id: int | None, code: str, ref: str | None, period: str | None
) -> Request:
    """The request named by --ref or --period; with neither, the task's only one."""
    requests = list(
        session.exec(select(Request).where(Request.task_id == task_id).order_by(col(Request.id)))
    )
    if not requests:
        raise NotFound(t("err.undo.no_request", task=code), value=code)
    found = requests
    if ref is not None:
        found = [r for r in found if fold(r.ref) == fold(ref)]
    if period is not None:
        wanted = fold(period)
        found = [
            r
            for r in found
            if wanted in (fold(f"request-{r.id}"), fold(period_label(f"request-{r.id}")))
        ]
    if len(found) == 1:
        return found[0]
    known = "; ".join(
        f"{period_label(f'request-{r.id}')} {r.ref or '–'} ({r.happened_on:%d/%m/%Y})"
        for r in requests
    )
    key = "err.undo.which_request" if found else "err.undo.no_such_request"
    raise NotFound(t(key, task=code, requests=known), value=ref or period or code)


def _refuse_answered(session: Session, ids: list[int], request: Request, code: str) -> None:
    """Refuse while a submission, waiver or reminder refers to an obligation of `request`."""
    if not ids:
        return
    for table, label in ((Submission, "submission"), (Waiver, "waiver"), (ReminderLog, "reminder")):
        count = session.exec(select(table.id).where(col(table.obligation_id).in_(ids))).all()
        if count:
            raise Refused(
                t(
                    f"err.undo.answered_{label}",
                    task=code,
                    period=period_label(f"request-{request.id}"),
                    count=len(count),
                )
            )


__all__ = ["Cancelled", "cancel", "unwaive"]
