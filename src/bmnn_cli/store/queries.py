"""The obligations an officer lists, as SQL over indexed tables.

Status is computed in SQL from each obligation's effective due date and the
dates of its active submission and waiver, as of a given day, so a report
can be rerun for any past day: a submission or waiver recorded with a later
date does not count yet. The counts per status are in `store.counts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bmnn_cli.domain.status import Status, case_sql, where_sql
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.reader import as_date, reader_of
from bmnn_cli.text import vietnamese_key

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source

# The status rule lives in domain/status.py; these are its SQL forms over `obligation o`:
# a CASE for listings and counts, and per status a plain condition the due-date index serves.
STATUS_SQL = case_sql("o")
STATUS_WHERE = {status.value: where_sql(status, "o") for status in Status}


@dataclass(frozen=True)
class Window:
    """Obligations whose effective due date falls in [start, end] (both inclusive)."""

    start: dt.date
    end: dt.date


def scope_conditions(
    scope: Scope, params: dict[str, Any], window: Window | None = None, *, joined: bool = True
) -> str:
    """The WHERE conditions every question shares (scope, year, window) over `obligation o`.

    Adds the values they name to `params`; `joined` says `task t` is in the FROM.
    """
    clauses = ["o.year <= :year", "(o.starts_on IS NULL OR o.starts_on <= :as_of)"]
    tasks = ["t.archived_at IS NULL"]
    if scope.plan_id is not None:
        tasks.append("t.plan_id = :plan_id")
        params["plan_id"] = scope.plan_id
    if scope.task_id is not None:
        clauses.append("o.task_id = :task_id")
        params["task_id"] = scope.task_id
    if joined:
        clauses += tasks
    else:
        clauses.append(f"o.task_id IN (SELECT t.id FROM task t WHERE {' AND '.join(tasks)})")
    if scope.agency_ids is not None:
        names = [f":a{i}" for i in range(len(scope.agency_ids))]
        params.update({f"a{i}": v for i, v in enumerate(scope.agency_ids)})
        clauses.append(f"o.agency_id IN ({', '.join(names) or 'NULL'})")
    if window is not None:
        clauses.append("o.effective_due BETWEEN :w_start AND :w_end")
        params.update(w_start=window.start.isoformat(), w_end=window.end.isoformat())
    return " AND ".join(clauses)


def as_of_params(as_of: dt.date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "year": as_of.year}


OBLIGATION_COLUMNS = """
  a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task, t.title AS title,
  o.period AS period, o.scheduled_due AS scheduled_due, o.effective_due AS effective_due,
  t.deadline AS deadline, o.submitted_on AS submitted_on, {status} AS status
"""


def iter_obligations(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    status: str | None = None,
    window: Window | None = None,
    order: str = "o.effective_due IS NULL, o.effective_due, a.position, t.position",
    as_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """Obligations with their status as of a day, read lazily (a listing may be large).

    `as_text` leaves the dates as the database gives them (ISO text on SQLite)
    for output that writes them so anyway (JSON, CSV): a hundred thousand rows
    then skip a parse and a conversion back per date.
    """
    params = as_of_params(as_of)
    where = scope_conditions(scope, params, window)
    if status is not None:
        where += f" AND {STATUS_WHERE[status]}"
    sql = f"""
      SELECT {OBLIGATION_COLUMNS.format(status=STATUS_SQL)}
      FROM obligation o
      JOIN task t ON t.id = o.task_id
      JOIN plan p ON p.id = t.plan_id
      JOIN agency a ON a.id = o.agency_id
      WHERE {where}
      ORDER BY {order}
    """
    days: dict[Any, dt.date | None] = {None: None}  # a listing has few distinct dates

    def day(value: Any) -> dt.date | None:
        if value not in days:
            days[value] = as_date(value)
        return days[value]

    converted = () if as_text else ("scheduled_due", "effective_due", "submitted_on")
    for item in reader_of(source).mappings(sql, params):
        for key in converted:
            item[key] = day(item[key])
        due = day(item["effective_due"])
        item["days_late"] = (as_of - due).days if due and item["status"] == "overdue" else None
        item["days_left"] = (due - as_of).days if due and item["status"] == "pending" else None
        yield item


def obligations(
    source: Source, scope: Scope, as_of: dt.date, *, window: Window | None = None
) -> list[dict[str, Any]]:
    return list(iter_obligations(source, scope, as_of, window=window))


def iter_overdue(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    window: Window | None = None,
    *,
    as_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """Unmet obligations past due, most days late first, then agencies in Vietnamese order.

    Output written as it is read (`as_text`: JSON, CSV for scripts) keeps the
    database's order of names within a day, so that a million rows due on
    one day are never held at once to be sorted.
    """
    order = "o.effective_due, a.name, p.code, t.code"
    rows = iter_obligations(
        source, scope, as_of, status="overdue", window=window, order=order, as_text=as_text
    )
    return rows if as_text else in_vietnamese_order(rows, "effective_due", "agency")


def in_vietnamese_order(
    rows: Iterable[dict[str, Any]], ordered: str, name: str
) -> Iterator[dict[str, Any]]:
    """Rows already ordered by `ordered`, those alike in it put in Vietnamese order of `name`.

    SQL sorts names by code point ("Đông Cuông" after "Xuân Quang"); the rows of
    one due date are few, so each run is sorted here and the listing still streams.
    """
    keys: dict[str, Any] = {}  # a listing repeats a few hundred names

    def key(row: dict[str, Any]) -> Any:
        text = row[name]
        if text not in keys:
            keys[text] = vietnamese_key(text)
        return keys[text]

    run: list[dict[str, Any]] = []
    for row in rows:
        if run and row[ordered] != run[0][ordered]:
            yield from sorted(run, key=key)
            run = []
        run.append(row)
    yield from sorted(run, key=key)


def overdue(
    source: Source, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[dict[str, Any]]:
    return list(iter_overdue(source, scope, as_of, window))


def due_within(source: Source, scope: Scope, as_of: dt.date, days: int) -> list[dict[str, Any]]:
    """Open obligations falling due from `as_of` to `as_of + days`, both inclusive."""
    window = Window(as_of, as_of + dt.timedelta(days=days))
    return list(iter_obligations(source, scope, as_of, status="pending", window=window))
