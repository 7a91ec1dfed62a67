"""What was recorded: submissions with their amendments and retractions, waivers,
requests and events, reminders sent; and the audit log.

Read-only questions over the history tables, for `bmnn submissions` and
`bmnn agency`; nothing here writes. Every listing takes the same `Scope` as
the obligation listings (plan, agencies) and reads through a `Reader`, so it
runs on the plain `sqlite3` path as well as on a session.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, cast

from bmnn_cli.domain.status import Status, on_time
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.reader import as_date, reader_of
from bmnn_cli.text import fold

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source

_JOINS = """
  JOIN obligation o ON o.id = x.obligation_id
  JOIN task t ON t.id = o.task_id
  JOIN plan p ON p.id = t.plan_id
  JOIN agency a ON a.id = o.agency_id
"""


class SubmissionRow(TypedDict):
    """A submission recorded, with the obligation it answered and what became of it."""

    id: int
    agency_id: str
    agency: str
    plan: str
    task: str
    period: str
    submitted_on: dt.date
    ref: str
    note: str
    state: str  # active | superseded | retracted
    reason: str
    replaces: int | None
    recorded_at: str
    recorded_by: str
    effective_due: dt.date | None
    given: str  # done_on_time | done_late
    replaced_by: int | None


class WaiverRow(TypedDict):
    agency_id: str
    agency: str
    plan: str
    task: str
    period: str
    waived_on: dt.date
    reason: str
    state: str
    recorded_by: str
    recorded_at: str


class ReminderRow(TypedDict):
    agency_id: str
    agency: str
    plan: str
    task: str
    period: str
    due: dt.date
    stage: int
    sent_on: dt.date
    channel: str
    recipients: list[str]


class RequestRow(TypedDict):
    id: int
    kind: str  # request | event
    plan: str
    task: str
    happened_on: dt.date
    due: dt.date
    ref: str
    period: str


class ContactRow(TypedDict):
    agency_id: str
    agency: str
    province: str
    emails: list[str]
    aliases: list[str]
    successor: str | None


@dataclass(frozen=True)
class Filter:
    """Which submissions: a task ("IV.1.b" or "PLAN:IV.1.b"), dates (both inclusive), a ref."""

    task: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    ref: str | None = None


def _scoped(scope: Scope, params: dict[str, Any]) -> str:
    clauses = ["1 = 1"]
    if scope.plan_id is not None:
        clauses.append("t.plan_id = :plan_id")
        params["plan_id"] = scope.plan_id
    if scope.task_id is not None:
        clauses.append("o.task_id = :task_id")
        params["task_id"] = scope.task_id
    if scope.agency_ids is not None:
        names = [f":a{i}" for i in range(len(scope.agency_ids))]
        params.update({f"a{i}": v for i, v in enumerate(scope.agency_ids)})
        clauses.append(f"o.agency_id IN ({', '.join(names) or 'NULL'})")
    return " AND ".join(clauses)


def submissions(source: Source, scope: Scope, wanted: Filter = Filter()) -> list[SubmissionRow]:
    """Every submission recorded, in force or not, oldest document first.

    `given` is the status the submission gave its obligation (on time or
    late against the due date in force); `state` says whether it is in force,
    superseded by an amendment (`replaced_by` names the one that took its
    place) or retracted.
    """
    params: dict[str, Any] = {}
    sql = f"""
      SELECT x.id AS id, a.code AS agency_id, a.name AS agency, p.code AS plan,
             t.code AS task, o.period AS period, x.submitted_on AS submitted_on,
             x.ref AS ref, x.note AS note, x.state AS state, x.reason AS reason,
             x.replaces_id AS replaces, x.recorded_at AS recorded_at,
             x.recorded_by AS recorded_by, o.effective_due AS effective_due
      FROM submission x {_JOINS}
      WHERE {_scoped(scope, params)}
      ORDER BY x.submitted_on, x.id
    """
    rows = [_submission(row) for row in reader_of(source).mappings(sql, params)]
    replaced_by = {row["replaces"]: row for row in rows if row["replaces"] is not None}
    for row in rows:
        replacement = replaced_by.get(row["id"])
        row["replaced_by"] = replacement["id"] if replacement else None
        if replacement and not row["reason"]:  # an amendment's reason is on the new record
            row["reason"] = replacement["reason"]
    return [cast("SubmissionRow", row) for row in rows if _wanted(row, wanted)]


def _submission(row: dict[str, Any]) -> dict[str, Any]:
    row["submitted_on"] = as_date(row["submitted_on"])
    row["effective_due"] = due = as_date(row["effective_due"])
    given = on_time(row["submitted_on"], due)
    row["given"] = str(Status.DONE_ON_TIME if given else Status.DONE_LATE)
    return row


def _wanted(row: dict[str, Any], wanted: Filter) -> bool:
    if wanted.task:
        plan, _, task = wanted.task.rpartition(":")
        if fold(task) != fold(row["task"]) or (plan and fold(plan) != fold(row["plan"])):
            return False
    if wanted.since and row["submitted_on"] < wanted.since:
        return False
    if wanted.until and row["submitted_on"] > wanted.until:
        return False
    return not wanted.ref or fold(wanted.ref) in fold(row["ref"])


def waivers(source: Source, scope: Scope) -> list[WaiverRow]:
    """Waivers given, in force or revoked, oldest first."""
    params: dict[str, Any] = {}
    sql = f"""
      SELECT a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task,
             o.period AS period, x.waived_on AS waived_on, x.reason AS reason,
             x.state AS state, x.recorded_by AS recorded_by, x.recorded_at AS recorded_at
      FROM waiver x {_JOINS}
      WHERE {_scoped(scope, params)}
      ORDER BY x.waived_on, x.id
    """
    rows = list(reader_of(source).mappings(sql, params))
    for row in rows:
        row["waived_on"] = as_date(row["waived_on"])
    return cast("list[WaiverRow]", rows)


def reminders(source: Source, scope: Scope) -> list[ReminderRow]:
    """Reminders delivered: the stage (days from the due date), when, to which addresses."""
    params: dict[str, Any] = {}
    sql = f"""
      SELECT a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task,
             o.period AS period, x.due AS due, x.stage AS stage, x.as_of AS sent_on,
             x.channel AS channel, x.recipients AS recipients
      FROM reminder_log x {_JOINS}
      WHERE {_scoped(scope, params)}
      ORDER BY x.as_of, x.id
    """
    rows = list(reader_of(source).mappings(sql, params))
    for row in rows:
        row["due"], row["sent_on"] = as_date(row["due"]), as_date(row["sent_on"])
        row["recipients"] = json.loads(row["recipients"] or "[]")
    return cast("list[ReminderRow]", rows)


def requests(source: Source, scope: Scope) -> list[RequestRow]:
    """Requests and events whose obligations fall on the agencies of `scope`."""
    params: dict[str, Any] = {}
    sql = f"""
      SELECT DISTINCT r.id AS id, r.kind AS kind, p.code AS plan, t.code AS task,
             r.happened_on AS happened_on, r.due AS due, r.ref AS ref
      FROM request r
      JOIN obligation o ON o.request_id = r.id
      JOIN task t ON t.id = o.task_id
      JOIN plan p ON p.id = t.plan_id
      WHERE {_scoped(scope, params)}
      ORDER BY r.happened_on, r.id
    """
    rows = list(reader_of(source).mappings(sql, params))
    for row in rows:
        row["happened_on"], row["due"] = as_date(row["happened_on"]), as_date(row["due"])
        row["period"] = f"request-{row['id']}"
    return cast("list[RequestRow]", rows)


def contacts(source: Source, agency_ids: tuple[int, ...]) -> list[ContactRow]:
    """The agencies themselves: id, name, province, e-mail addresses, successor."""
    params = {f"a{i}": v for i, v in enumerate(agency_ids)}
    names = ", ".join(f":a{i}" for i in range(len(agency_ids))) or "NULL"
    sql = f"""
      SELECT a.code AS agency_id, a.name AS agency, pr.name AS province, a.emails AS emails,
             a.aliases AS aliases, s.name AS successor
      FROM agency a
      JOIN province pr ON pr.id = a.province_id
      LEFT JOIN agency s ON s.id = a.successor_id
      WHERE a.id IN ({names})
      ORDER BY a.id
    """
    rows = list(reader_of(source).mappings(sql, params))
    for row in rows:
        row["emails"] = json.loads(row["emails"] or "[]")
        row["aliases"] = json.loads(row["aliases"] or "[]")
    return cast("list[ContactRow]", rows)


class LogEntry(TypedDict):
    """One entry of the audit log, as recorded."""

    at: str
    os_user: str
    action: str
    plan: str
    task: str
    agency: str
    detail: str
    command: str


def log_entries(
    source: Source,
    *,
    since: dt.date | None = None,
    agency_ids: Sequence[int] | None = None,
    plan: str | None = None,
    limit: int | None = None,
) -> list[LogEntry]:
    """The audit log, newest first; `since` is inclusive (a UTC day).

    The log names agencies by their id in the registry: `agency_ids` (row
    ids) keep the entries of those agencies.
    """
    reader = reader_of(source)
    where, params = ["1 = 1"], dict[str, Any]()
    if since is not None:
        where.append("at >= :since")
        params["since"] = since.isoformat()
    if agency_ids is not None:
        ids = ", ".join(str(int(i)) for i in agency_ids) or "NULL"
        where.append(f"agency IN (SELECT code FROM agency WHERE id IN ({ids}))")
    if plan is not None:
        where.append("plan = :plan")
        params["plan"] = plan
    sql = (
        "SELECT at, os_user, action, plan, task, agency, detail, command FROM audit_log "
        f"WHERE {' AND '.join(where)} ORDER BY id DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [cast("LogEntry", row) for row in reader.mappings(sql, params)]
