"""Correcting a submission (`amend`) or withdrawing one recorded in error (`retract`).

Both keep the earlier record, marked superseded or retracted with the reason,
so the history shows what was believed when. Plain SQL through a Writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store import rows as stored
from bmnn_cli.store.recording import Change, Outcome, check_date, obligations_of, pick, target
from bmnn_cli.store.rows import Obligation, Submission, Task
from bmnn_cli.store.writer import Writer, writer_of


def _active_submission(writer: Writer, obligation: Obligation) -> Submission:
    found = stored.all_of(
        writer,
        Submission,
        "FROM submission WHERE obligation_id = :obligation AND state = 'active'"
        " ORDER BY id LIMIT 1",
        {"obligation": obligation.id},
    )
    if not found:
        raise NotFound(
            t("err.store.no_submission_for_period", period=period_label(obligation.period)),
            value=obligation.period,
        )
    return found[0]


def _latest_done(rows: list[Obligation], period: str | None, task: Task, agency: str) -> Obligation:
    if period is not None:
        return pick(rows, period, task)
    done = [r for r in rows if r.submitted_on is not None]
    if not done:  # the task may have submissions, of other agencies: name this one
        message = t("err.store.no_submission_for_task", task=task.code, agency=agency)
        raise NotFound(message, value=task.code)
    return max(done, key=lambda r: r.submitted_on or dt.date.min)


def amend(
    source: Any,
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
    writer = writer_of(source)
    task_row, plan_row, agency_row = target(writer, task, agency, plan)
    owed = obligations_of(writer, task_row, agency_row)
    obligation = _latest_done(owed, period, task_row, agency_row.name)
    if day is not None:
        check_date(day, as_of, plan_row, obligation)
    old = _active_submission(writer, obligation)
    new = dataclasses.replace(
        old,
        submitted_on=old.submitted_on if day is None else day,
        ref=old.ref if ref is None else ref,
        note=old.note if note is None else note,
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
    writer.execute("UPDATE submission SET state = 'superseded' WHERE id = :id", {"id": old.id})
    writer.insert(
        "INSERT INTO submission (obligation_id, submitted_on, ref, note, state, replaces_id,"
        " reason, recorded_at, recorded_by) VALUES (:obligation, :day, :ref, :note, 'active',"
        " :replaces, :reason, :at, :by) RETURNING id",
        {
            "obligation": obligation.id, "day": new.submitted_on, "ref": new.ref,
            "note": new.note, "replaces": old.id, "reason": reason, "at": audit.now(),
            "by": audit.os_user(),
        },
    )  # fmt: skip
    writer.execute(
        "UPDATE obligation SET submitted_on = :day WHERE id = :id",
        {"day": new.submitted_on, "id": obligation.id},
    )
    what = "; ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in changes)
    audit.record(
        writer, "amend", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {what}; {reason}",
    )  # fmt: skip
    return outcome


def retract(
    source: Any,
    *,
    task: str,
    agency: str,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Withdraw a submission recorded in error; it stays in the history."""
    writer = writer_of(source)
    task_row, plan_row, agency_row = target(writer, task, agency, plan)
    owed = obligations_of(writer, task_row, agency_row)
    obligation = _latest_done(owed, period, task_row, agency_row.name)
    old = _active_submission(writer, obligation)
    audit.record(
        writer, "retract", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {old.submitted_on}; {reason}",
    )  # fmt: skip
    writer.execute(
        "UPDATE submission SET state = 'retracted', reason = :reason WHERE id = :id",
        {"reason": reason, "id": old.id},
    )
    writer.execute(
        "UPDATE obligation SET submitted_on = NULL WHERE id = :id", {"id": obligation.id}
    )
    return Outcome(
        "msg.retracted", agency_row.name, task_row.code, obligation.period, date=old.submitted_on
    )
