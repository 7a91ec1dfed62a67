"""Ad-hoc requests and the events that start, date or end a task: new obligations.

Written in plain SQL through a Writer (`store.writer`): over sqlite3 on a
ready file, in the store's session elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from bmnn_cli.domain.deadlines import due_after_event, rolled
from bmnn_cli.domain.schedule import Part
from bmnn_cli.errors import NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit, rows
from bmnn_cli.store.lookup import agency_ids, task_id
from bmnn_cli.store.rows import Plan, Province, Request, Task
from bmnn_cli.store.writer import Writer, writer_of
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
    from bmnn_cli.store.obligations import task_parts

    for part in task_parts(task):
        if part.kind in _KINDS[kind]:
            return part
    keys = {"request": "err.store.no_request_schedule", "event": "err.store.no_event_schedule"}
    raise Refused(t(keys[kind], task=task.code, deadline=task.deadline))


def record_request(
    target: Any,
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
    `target` is a Writer (or a session, for callers not yet converted).
    """
    from bmnn_cli.store.obligations import calendar_of, rules_of
    from bmnn_cli.store.recording import check_date

    writer = writer_of(target)
    if due is not None and days is not None:
        raise UsageError(t("err.store.due_and_days"))
    task_row = rows.one(writer, Task, task_id(writer, task, plan=plan))
    plan_row = rows.one(writer, Plan, task_row.plan_id)
    province = rows.one(writer, Province, plan_row.province_id)
    part = _part(task_row, kind)
    same = _same_ref(writer, task_row, ref)
    rules, calendar = rules_of(plan_row), calendar_of(province)
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
        {i for text in agencies for i in agency_ids(writer, text, province_id=province.id)}
    )
    _check_answerable(writer, task_row, ids)
    request = Request(
        id=0, task_id=task_row.id, kind=kind, happened_on=day, due=due,
        agencies=json.dumps([_code(writer, i) for i in ids]), ref=ref, note=note,
        recorded_at=audit.now(),
    )  # fmt: skip
    request.id = writer.insert(
        "INSERT INTO request (task_id, kind, happened_on, due, agencies, ref, note, recorded_at)"
        " VALUES (:task_id, :kind, :happened_on, :due, :agencies, :ref, :note, :recorded_at)"
        " RETURNING id",
        {name: value for name, value in vars(request).items() if name != "id"},
    )
    ended = _end_duty(writer, task_row, request) if part.kind == "until_event" else 0
    audit.record(
        writer, kind, plan=plan_row.code, task=task_row.code,
        detail=f"{day.isoformat()} due {due.isoformat()} {ref}".rstrip()
        + (f"; {ended} ended" if part.kind == "until_event" else ""),
    )  # fmt: skip
    before = _count(writer, task_row)
    sync_plan(writer, plan_row.id, through=max(plan_row.through_year, due.year))
    count = ended or _count(writer, task_row) - before
    effective = rolled(due, rules=rules, calendar=calendar)
    return Requested(
        task_row.code, f"request-{request.id}", day, due, count, ref, effective=effective,
        kind=part.kind, days=part.days if part.kind == "before_event" else None,
    )  # fmt: skip


def sync_plan(writer: Writer, plan_id: int, *, through: int) -> None:
    """The plan's obligations made to match its tasks and requests, the new one included."""
    from bmnn_cli.store.obligations import sync_obligations

    sync_obligations(writer, rows.one(writer, Plan, plan_id), through=through)


def _check_bounded(task: Task, part: Part, day: dt.date) -> None:
    """An event ending a duty falls on or after its start; one the plan dates is not re-dated."""
    if part.kind == "until_event" and part.begins and day < part.begins:
        raise UsageError(t("err.event.before_duty", task=task.code, day=day, begins=part.begins))
    if part.kind == "before_event" and part.event_date is not None:
        raise Refused(t("err.event.dated_by_plan", task=task.code, event_date=part.event_date))


def _end_duty(writer: Writer, task: Task, request: Request) -> int:
    """The event ends the task's open continuous obligations on its day ("đến khi …").

    Each is closed as not applicable from then on (a waiver whose reason says so,
    stamped like the event so that `cancel` takes both back): never overdue or late.
    """
    ids = [
        row_id
        for (row_id,) in writer.rows(
            "SELECT id FROM obligation WHERE task_id = :task AND effective_due IS NULL"
            " AND waived_on IS NULL AND submitted_on IS NULL ORDER BY id",
            {"task": task.id},
        )
    ]
    reason = t("msg.event.ended_reason", date=f"{request.happened_on:%d/%m/%Y}", ref=request.ref)
    day, by = request.happened_on, audit.os_user()
    writer.many(
        "INSERT INTO waiver (obligation_id, waived_on, reason, state, recorded_at, recorded_by)"
        " VALUES (:oid, :day, :reason, 'active', :at, :by)",
        [{"oid": i, "day": day, "reason": reason.strip(), "at": request.recorded_at, "by": by}
         for i in ids],
    )  # fmt: skip
    writer.many(
        "UPDATE obligation SET waived_on = :day WHERE id = :oid",
        [{"oid": i, "day": day} for i in ids],
    )
    return len(ids)


def _same_ref(writer: Writer, task: Task, ref: str) -> Request | None:
    """The request or event already recorded for `task` under the number/symbol `ref`."""
    wanted = fold(ref)
    if not wanted:
        return None
    requests = rows.all_of(
        writer, Request, "FROM request WHERE task_id = :task ORDER BY id", {"task": task.id}
    )
    return next((r for r in requests if fold(r.ref) == wanted), None)


def _request_due(
    day: dt.date, due: dt.date | None, days: int | None, part: Part, province: Province
) -> dt.date:
    from bmnn_cli.store.obligations import calendar_of

    if due is not None:
        return due
    if days is None:
        raise UsageError(t("err.store.due_or_days"))
    if part.kind == "before_event":  # N days before the event, counted back from its day
        return day - dt.timedelta(days=days)
    calendar = calendar_of(province)
    return due_after_event(day, days, working_days=part.working_days, calendar=calendar)


def _check_answerable(writer: Writer, task: Task, ids: list[int]) -> None:
    sql = "SELECT DISTINCT agency_id FROM obligation WHERE task_id = :task"
    answerable = {row[0] for row in writer.rows(sql, {"task": task.id})}
    for agency_id in ids:
        if agency_id not in answerable:
            raise NotFound(
                t("err.store.code_not_answerable", code=_code(writer, agency_id), task=task.code),
                value=str(agency_id),
            )


def _code(writer: Writer, agency_id: int) -> str:
    found = list(writer.rows("SELECT code FROM agency WHERE id = :id", {"id": agency_id}))
    return str(found[0][0]) if found else str(agency_id)


def _count(writer: Writer, task: Task) -> int:
    sql = "SELECT COUNT(*) FROM obligation WHERE task_id = :task"
    return int(next(iter(writer.rows(sql, {"task": task.id})))[0])
