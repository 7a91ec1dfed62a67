"""Correcting a submission (`amend`) or withdrawing one recorded in error (`retract`).

Both keep the earlier record, marked superseded or retracted with the reason,
so the history shows what was believed when.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.models import Obligation, Submission, Task, key
from bmnn_cli.store.recording import Change, Outcome, check_date, obligations_of, pick, target


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
        return pick(rows, period, task)
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
    task_row, plan_row, agency_row = target(session, task, agency, plan)
    obligation = _latest_done(obligations_of(session, task_row, agency_row), period, task_row)
    if day is not None:
        check_date(day, as_of, plan_row, obligation)
    old = _active_submission(session, obligation)
    new = Submission(
        obligation_id=key(obligation),
        submitted_on=old.submitted_on if day is None else day,
        ref=old.ref if ref is None else ref,
        note=old.note if note is None else note,
        replaces_id=old.id,
        reason=reason,
        recorded_at=audit.now(),
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
    task_row, plan_row, agency_row = target(session, task, agency, plan)
    obligation = _latest_done(obligations_of(session, task_row, agency_row), period, task_row)
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
