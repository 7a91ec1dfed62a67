"""Excusing an agency from one period of a task, with a reason, and revoking that.

Which obligation a waiver concerns, and when it repeats the latest one, is
decided by `bmnn_cli.domain.waivers`; this module reads and writes the rows in
plain SQL through a Writer. A revoked waiver is kept, marked revoked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from bmnn_cli.domain import waivers as rules
from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store import rows as stored
from bmnn_cli.store.reader import Reader
from bmnn_cli.store.recording import Outcome, ensure_through, obligations_of, pick, target
from bmnn_cli.store.rows import Agency, Obligation, Task, Waiver
from bmnn_cli.store.writer import writer_of


def waive(
    source: Any,
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
    writer = writer_of(source)
    task_row, plan_row, agency_row = target(writer, task, agency, plan)
    ensure_through(writer, as_of.year)
    rows = obligations_of(writer, task_row, agency_row)
    if period is None:
        latest = _latest_waiver(writer, rows)
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
        active = _latest_waiver(writer, [obligation])
        waiver = active[0] if active else None
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
    writer.insert(
        "INSERT INTO waiver (obligation_id, waived_on, reason, state, recorded_at, recorded_by)"
        " VALUES (:obligation, :day, :reason, 'active', :at, :by) RETURNING id",
        {
            "obligation": obligation.id, "day": as_of, "reason": reason, "at": audit.now(),
            "by": audit.os_user(),
        },
    )  # fmt: skip
    writer.execute(
        "UPDATE obligation SET waived_on = :day WHERE id = :id", {"day": as_of, "id": obligation.id}
    )
    audit.record(
        writer, "waive", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {reason}",
    )  # fmt: skip
    return Outcome("msg.waived", agency_row.name, task_row.code, obligation.period, status=reason)


def unwaive(
    source: Any,
    *,
    task: str,
    agency: str,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Revoke the agency's waiver for the task (--period, else the latest one in force).

    The command has refused a blank reason already (`cli.common.need_reason`)."""
    writer = writer_of(source)
    task_row, plan_row, agency_row = target(writer, task, agency, plan)
    rows = obligations_of(writer, task_row, agency_row)
    chosen = [pick(rows, period, task_row)] if period is not None else rows
    latest = _latest_waiver(writer, chosen)
    if latest is None:
        raise Refused(t("err.undo.no_waiver", agency=agency_row.name, task=task_row.code))
    waiver, obligation = latest
    writer.execute("UPDATE waiver SET state = 'revoked' WHERE id = :id", {"id": waiver.id})
    writer.execute("UPDATE obligation SET waived_on = NULL WHERE id = :id", {"id": obligation.id})
    audit.record(
        writer, "unwaive", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {waiver.reason} ({waiver.waived_on}); {reason}",
    )  # fmt: skip
    return Outcome(
        "msg.unwaived", agency_row.name, task_row.code, obligation.period,
        date=waiver.waived_on, status=reason,
    )  # fmt: skip


def _latest_waiver(reader: Reader, rows: list[Obligation]) -> tuple[Waiver, Obligation] | None:
    """The latest active waiver of any of `rows` (an agency's obligations of a task)."""
    by_id = {r.id: r for r in rows}
    marks = ", ".join(f":o{n}" for n in range(len(by_id)))
    found = stored.all_of(
        reader,
        Waiver,
        f"FROM waiver WHERE obligation_id IN ({marks}) AND state = 'active'"
        " ORDER BY waived_on DESC, id DESC LIMIT 1",
        {f"o{n}": obligation_id for n, obligation_id in enumerate(by_id)},
    )
    return (found[0], by_id[found[0].obligation_id]) if found else None


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
