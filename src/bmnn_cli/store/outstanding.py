"""Obligations with a due date, for reminders and calendar feeds, and what went out.

Plain SQL over a `Reader`, so that `bmnn remind` without --send, `bmnn ical`
and the morning view answer over the standard `sqlite3` module without
loading SQLAlchemy; the writes of the reminder log live in `store.reminders`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, cast

from bmnn_cli.domain.reminders import Open
from bmnn_cli.domain.status import OPEN, Status
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.queries import STATUS_SQL, scope_conditions
from bmnn_cli.store.reader import as_date, reader_of

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source

_COLUMNS = """
  o.id AS obligation_id, a.id AS agency_key, a.code AS agency_id, a.name AS agency,
  a.emails AS emails, pr.name AS province, p.code AS plan, p.number AS plan_number,
  p.title AS plan_title, t.code AS task, t.title AS title, t.deadline AS deadline,
  o.period AS period, o.scheduled_due AS scheduled_due, o.effective_due AS effective_due,
  o.submitted_on AS submitted_on, {status} AS status,
  a.province_id AS _province, a.position AS _agency, t.position AS _task
"""


class DatedRow(TypedDict):
    """An obligation with a due date, as reminders and calendar feeds read it."""

    obligation_id: int
    agency_key: int  # the agency's row id: codes repeat across provinces
    agency_id: str
    agency: str
    emails: tuple[str, ...]
    province: str
    plan: str
    plan_number: str
    plan_title: str
    task: str
    title: str
    deadline: str
    period: str
    scheduled_due: dt.date | None
    effective_due: dt.date
    submitted_on: dt.date | None
    status: str
    _province: int  # the order of messages: province, agency, due date, plan, task
    _agency: int
    _task: int


def dated(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    statuses: Sequence[str],
    until: dt.date | None = None,
) -> list[DatedRow]:
    """Obligations with a due date (up to `until`) in `statuses` as of `as_of`.

    Ordered by province, agency, due date and task: the order of messages
    and of their items.
    """
    params: dict[str, Any] = {"as_of": as_of.isoformat()}
    params["year"] = max(as_of.year, until.year if until else as_of.year)
    where = scope_conditions(scope, params) + " AND o.effective_due IS NOT NULL"
    if until is not None:
        where += " AND o.effective_due <= :until"
        params["until"] = until.isoformat()
    names = [f":s{i}" for i in range(len(statuses))]
    params.update({f"s{i}": s for i, s in enumerate(statuses)})
    sql = f"""
      SELECT * FROM (
        SELECT {_COLUMNS.format(status=STATUS_SQL)}
        FROM obligation o JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id
        JOIN agency a ON a.id = o.agency_id
        JOIN province pr ON pr.id = a.province_id
        WHERE {where}
      ) AS d WHERE status IN ({", ".join(names) or "NULL"})
      ORDER BY _province, _agency, effective_due, plan, _task, period
    """
    return [_typed(row) for row in reader_of(source).mappings(sql, params)]


def _typed(row: dict[str, Any]) -> DatedRow:
    """The database's row as a `DatedRow`: dates as dates, the addresses as a tuple."""
    for key in ("scheduled_due", "effective_due", "submitted_on"):
        row[key] = as_date(row[key])
    row["emails"] = tuple(json.loads(row["emails"] or "[]"))
    return cast(DatedRow, row)


def open_items(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    until: dt.date,
    include_overdue: bool,
) -> list[Open]:
    """Open obligations due by `until`: pending ones, and overdue ones if asked."""
    statuses = OPEN if include_overdue else (Status.PENDING,)
    rows = dated(source, scope, as_of, statuses=statuses, until=until)
    return [as_open(row) for row in rows]


def as_open(row: DatedRow) -> Open:
    """The reminder's (and the feed's) item of one row: the fields `Open` declares."""
    values: Mapping[str, Any] = row
    return Open(**{name: values[name] for name in _OPEN_FIELDS})


_OPEN_FIELDS = tuple(field.name for field in dataclasses.fields(Open))


def any_address(source: Source, scope: Scope, as_of: dt.date) -> bool:
    """Whether any agency answerable within `scope` has an e-mail address in the registry."""
    params: dict[str, Any] = {"as_of": as_of.isoformat(), "year": as_of.year}
    sql = f"""
      SELECT DISTINCT a.emails FROM obligation o JOIN task t ON t.id = o.task_id
      JOIN agency a ON a.id = o.agency_id WHERE {scope_conditions(scope, params)}
    """
    return any(json.loads(emails or "[]") for (emails,) in reader_of(source).rows(sql, params))


def logged(
    source: Source, obligation_ids: Sequence[int], channel: str
) -> dict[int, set[tuple[dt.date, int]]]:
    """For each obligation, the (due date, stage) pairs already sent on `channel`."""
    reader = reader_of(source)
    out: dict[int, set[tuple[dt.date, int]]] = {}
    ids = list(obligation_ids)
    for start in range(0, len(ids), 500):  # stay far below SQLite's variable limit
        chunk = ids[start : start + 500]
        names = ", ".join(f":i{i}" for i in range(len(chunk)))
        params: dict[str, Any] = {f"i{i}": v for i, v in enumerate(chunk)}
        params["channel"] = channel
        sql = (
            "SELECT obligation_id, due, stage FROM reminder_log "
            f"WHERE channel = :channel AND obligation_id IN ({names})"
        )
        for oid, due, stage in reader.rows(sql, params):
            day = as_date(due)
            assert day is not None
            out.setdefault(oid, set()).add((day, int(stage)))
    return out
