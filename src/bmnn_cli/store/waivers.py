"""Excusing an agency from one period of a task, with a reason.

Which obligation a waiver concerns, and when it repeats the latest one, is
decided by `bmnn_cli.domain.waivers`.
"""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from sqlmodel import Session, col, select

from bmnn_cli.domain import waivers as rules
from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit, upkeep
from bmnn_cli.store.models import Agency, Obligation, Task, Waiver, key
from bmnn_cli.store.recording import Outcome, obligations_of, pick, target


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
    task_row, plan_row, agency_row = target(session, task, agency, plan)
    upkeep.ensure_through(session, as_of.year)
    rows = obligations_of(session, task_row, agency_row)
    if period is None:
        latest = _latest_waiver(session, rows)
        if latest is not None and rules.same_waiver(
            rules.Given(latest[0].waived_on, latest[0].reason), as_of, reason
        ):
            return _already_waived(latest[0], latest[1], task_row, agency_row)
        obligation = rules.open_for(rows, as_of, dated_only=True)
        if obligation is None:
            _refuse_nothing_dated(rows, as_of, task_row, agency_row)
    else:
        obligation = pick(rows, period, task_row)
    if obligation.waived_on is not None:
        waiver = _active_waiver(session, obligation)
        return _already_waived(waiver, obligation, task_row, agency_row)
    if rules.hides_submission(obligation):
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
            recorded_at=audit.now(),
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
    undated = rules.undated_open(rows, day)
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
