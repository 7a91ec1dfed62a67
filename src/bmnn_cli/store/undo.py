"""Taking back a request or an event recorded in error (`retract` and `unwaive` undo the rest).

`cancel` takes back a request or an event recorded in error, with the
obligations it created, only while nothing was recorded against them (a
submission, a waiver, a reminder sent): those are evidence and are never
deleted, so the officer is told what stands in the way instead. Each undo
needs a reason, written to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bmnn_cli.domain.periods import period_label
from bmnn_cli.errors import NotFound, Refused
from bmnn_cli.i18n import t
from bmnn_cli.store import audit, rows
from bmnn_cli.store.lookup import task_id
from bmnn_cli.store.requests import sync_plan
from bmnn_cli.store.rows import Plan, Request, Task
from bmnn_cli.store.writer import Writer, writer_of
from bmnn_cli.text import fold


@dataclass(frozen=True)
class Cancelled:
    """A request or event taken back, and how many obligations went with it."""

    kind: str
    task: str
    period: str
    ref: str
    count: int


def cancel(
    target: Any,
    *,
    task: str,
    reason: str,
    ref: str | None = None,
    period: str | None = None,
    plan: str | None = None,
) -> Cancelled:
    """Take back a request or an event and its obligations, if nothing answers them yet.

    `target` is a Writer (or a session, for callers not yet converted).
    """
    writer = writer_of(target)
    task_row = rows.one(writer, Task, task_id(writer, task, plan=plan))
    plan_row = rows.one(writer, Plan, task_row.plan_id)
    request = _which(writer, task_row, ref, period)
    owed = [
        int(row_id)
        for (row_id,) in writer.rows(
            "SELECT id FROM obligation WHERE request_id = :request ORDER BY id",
            {"request": request.id},
        )
    ]
    _refuse_answered(writer, owed, request, task_row.code)
    label = period_label(f"request-{request.id}")
    writer.execute("DELETE FROM obligation WHERE request_id = :request", {"request": request.id})
    _reopen(writer, request)
    writer.execute("DELETE FROM request WHERE id = :request", {"request": request.id})
    sync_plan(writer, plan_row.id, through=plan_row.through_year)
    audit.record(
        writer, f"cancel_{request.kind}", plan=plan_row.code, task=task_row.code,
        detail=f"{label}: {request.happened_on} → {request.due} {request.ref}; "
        f"{len(owed)}; {reason}",
    )  # fmt: skip
    return Cancelled(request.kind, task_row.code, f"request-{request.id}", request.ref, len(owed))


def _reopen(writer: Writer, request: Request) -> None:
    """The duties an event ended ("đến khi …") go on again: its waivers go with it."""
    ended = list(
        writer.rows(
            "SELECT w.id, o.id FROM waiver w JOIN obligation o ON o.id = w.obligation_id"
            " WHERE o.task_id = :task AND w.recorded_at = :at AND w.waived_on = :day"
            " AND w.state = 'active' ORDER BY w.id",
            {"task": request.task_id, "at": request.recorded_at, "day": request.happened_on},
        )
    )
    writer.many(
        "UPDATE obligation SET waived_on = NULL WHERE id = :id", [{"id": o} for _, o in ended]
    )
    writer.many("DELETE FROM waiver WHERE id = :id", [{"id": w} for w, _ in ended])


def _which(writer: Writer, task: Task, ref: str | None, period: str | None) -> Request:
    """The request named by --ref or --period; with neither, the task's only one."""
    code = task.code
    requests = rows.all_of(
        writer, Request, "FROM request WHERE task_id = :task ORDER BY id", {"task": task.id}
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


def _refuse_answered(writer: Writer, ids: list[int], request: Request, code: str) -> None:
    """Refuse while a submission, waiver or reminder refers to an obligation of `request`."""
    if not ids:
        return
    names = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": value for n, value in enumerate(ids)}
    for table, label in (
        ("submission", "submission"),
        ("waiver", "waiver"),
        ("reminder_log", "reminder"),
    ):
        sql = f"SELECT COUNT(*) FROM {table} WHERE obligation_id IN ({names})"
        count = int(next(iter(writer.rows(sql, params)))[0])
        if count:
            raise Refused(
                t(
                    f"err.undo.answered_{label}",
                    task=code,
                    period=period_label(f"request-{request.id}"),
                    count=count,
                )
            )


__all__ = ["Cancelled", "cancel"]
