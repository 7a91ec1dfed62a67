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
from typing import TYPE_CHECKING, Any, Literal, TypedDict, overload

from bmnn_cli.domain.status import Status, case_sql, where_sql
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.reader import Reader, as_date, reader_of
from bmnn_cli.text import vietnamese_key

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source

# The status rule lives in domain/status.py; these are its SQL forms over `obligation o`:
# a CASE for listings and counts, and per status a plain condition the due-date index serves.
STATUS_SQL = case_sql("o")
STATUS_WHERE = {status.value: where_sql(status, "o") for status in Status}

# A row still owed as of the day is one neither sent nor waived by then. Asked as one
# condition, that walks every period already done (an index cannot serve an OR); asked
# as three disjoint parts, each is a range over its own index (migration 005): rows
# never sent nor waived, rows sent after the day, rows waived after it (none, asked
# about today). tests/test_status_rule.py holds the parts to the generated condition.
_STILL_OWED = (
    "(o.waived_on IS NULL OR o.waived_on > :as_of) AND "
    "(o.submitted_on IS NULL OR o.submitted_on > :as_of) AND "
)
_OWED_PARTS = (
    "o.submitted_on IS NULL AND o.waived_on IS NULL",  # ix_obligation_open
    "o.submitted_on > :as_of AND (o.waived_on IS NULL OR o.waived_on > :as_of)",  # ix_…_sent
    "o.waived_on > :as_of AND o.submitted_on IS NULL",  # ix_obligation_waived
)


def owed_parts(status: str) -> list[str]:
    """`STATUS_WHERE[status]` of a status still owed, as disjoint conditions whose union it is.

    Not begun, ongoing, overdue and pending rows are neither sent nor waived as of the
    day; the parts split that test so that partial indexes on open rows serve each.
    """
    where = STATUS_WHERE[status]
    if not where.startswith(_STILL_OWED):
        raise ValueError(f"{status} is not a status of rows still owed: {where}")
    rest = where.removeprefix(_STILL_OWED)
    return [f"{part} AND {rest}" for part in _OWED_PARTS]


class ObligationRow(TypedDict):
    """An obligation as the listings read it, with its status as of the day asked about."""

    agency_id: str
    agency: str
    plan: str
    task: str
    title: str
    period: str
    scheduled_due: dt.date | None
    effective_due: dt.date | None
    deadline: str
    submitted_on: dt.date | None
    status: str
    days_late: int | None  # overdue rows only
    days_left: int | None  # pending rows only


Stored = dt.date | str | None  # a DATE as the database gives it: ISO text on SQLite


class StoredObligationRow(TypedDict):
    """The same, its dates left as the database gives them (`as_text`: JSON, CSV)."""

    agency_id: str
    agency: str
    plan: str
    task: str
    title: str
    period: str
    scheduled_due: Stored
    effective_due: Stored
    deadline: str
    submitted_on: Stored
    status: str
    days_late: int | None
    days_left: int | None


@dataclass(frozen=True)
class Window:
    """Obligations whose effective due date falls in [start, end] (both inclusive)."""

    start: dt.date
    end: dt.date


def scope_conditions(
    scope: Scope,
    params: dict[str, Any],
    window: Window | None = None,
    *,
    joined: bool = True,
    tasks: bool = True,
) -> str:
    """The WHERE conditions every question shares (scope, year, window) over `obligation o`.

    Adds the values they name to `params`; `joined` says `task t` is in the FROM;
    `tasks=False` leaves out the test of the task (not archived), for a caller that
    takes the archived tasks' rows away itself, and only without a plan or task.
    """
    if not tasks and (scope.plan_id is not None or scope.task_id is not None):
        raise ValueError("a scope of a plan or task needs the test of the task")
    clauses = ["o.year <= :year", "(o.starts_on IS NULL OR o.starts_on <= :as_of)"]
    tested = ["t.archived_at IS NULL"]
    if scope.plan_id is not None:
        tested.append("t.plan_id = :plan_id")
        params["plan_id"] = scope.plan_id
    if scope.task_id is not None:
        clauses.append("o.task_id = :task_id")
        params["task_id"] = scope.task_id
    if not tasks:
        pass
    elif joined:
        clauses += tested
    else:
        clauses.append(f"o.task_id IN (SELECT t.id FROM task t WHERE {' AND '.join(tested)})")
    if scope.agency_ids is not None:
        names = [f":a{i}" for i in range(len(scope.agency_ids))]
        params.update({f"a{i}": v for i, v in enumerate(scope.agency_ids)})
        clauses.append(f"o.agency_id IN ({', '.join(names) or 'NULL'})")
    if window is not None:
        clauses.append("o.effective_due BETWEEN :w_start AND :w_end")
        params.update(w_start=window.start.isoformat(), w_end=window.end.isoformat())
        # A window reaching into the next year holds that year's first periods (in late
        # December, next week's are January's): the year bound is the window's last day's.
        params["year"] = max(int(params.get("year", window.end.year)), window.end.year)
    return " AND ".join(clauses)


def as_of_params(as_of: dt.date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "year": as_of.year}


OBLIGATION_COLUMNS = """
  a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task, t.title AS title,
  o.period AS period, o.scheduled_due AS scheduled_due, o.effective_due AS effective_due,
  t.deadline AS deadline, o.submitted_on AS submitted_on, {status} AS status
"""


LISTED_ORDER = "o.effective_due IS NULL, o.effective_due, a.position, t.position"


@overload
def iter_obligations(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    status: str | None = None,
    window: Window | None = None,
    order: str = ...,
    as_text: Literal[False] = False,
) -> Iterator[ObligationRow]: ...


@overload
def iter_obligations(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    status: str | None = None,
    window: Window | None = None,
    order: str = ...,
    as_text: Literal[True],
) -> Iterator[StoredObligationRow]: ...


def iter_obligations(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    *,
    status: str | None = None,
    window: Window | None = None,
    order: str = LISTED_ORDER,
    as_text: bool = False,
) -> Iterator[ObligationRow] | Iterator[StoredObligationRow]:
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
      SELECT {OBLIGATION_COLUMNS.format(status=STATUS_SQL)} {FROM_LISTED}
      WHERE {where}
      ORDER BY {order}
    """
    return _typed_rows(reader_of(source).mappings(sql, params), as_of, as_text=as_text)


def _typed_rows(rows: Iterator[dict[str, Any]], as_of: dt.date, *, as_text: bool) -> Iterator[Any]:
    """Rows with dates as dates (unless `as_text`) and the days late or left: the
    listing's typed rows, made in place from the database's (no copy per row)."""
    days: dict[Any, dt.date | None] = {None: None}  # a listing has few distinct dates

    def day(value: Any) -> dt.date | None:
        if value not in days:
            days[value] = as_date(value)
        return days[value]

    converted = () if as_text else ("scheduled_due", "effective_due", "submitted_on")
    for item in rows:
        for key in converted:
            item[key] = day(item[key])
        due = day(item["effective_due"])
        item["days_late"] = (as_of - due).days if due and item["status"] == "overdue" else None
        item["days_left"] = (due - as_of).days if due and item["status"] == "pending" else None
        yield item


def obligations(
    source: Source, scope: Scope, as_of: dt.date, *, window: Window | None = None
) -> list[ObligationRow]:
    return list(iter_obligations(source, scope, as_of, window=window))


@overload
def iter_overdue(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    window: Window | None = None,
    *,
    as_text: Literal[False] = False,
) -> Iterator[ObligationRow]: ...


@overload
def iter_overdue(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    window: Window | None = None,
    *,
    as_text: Literal[True],
) -> Iterator[StoredObligationRow]: ...


def iter_overdue(
    source: Source,
    scope: Scope,
    as_of: dt.date,
    window: Window | None = None,
    *,
    as_text: bool = False,
) -> Iterator[ObligationRow] | Iterator[StoredObligationRow]:
    """Unmet obligations past due, most days late first, then agencies in Vietnamese order.

    Output written as it is read (`as_text`: JSON, CSV for scripts) keeps the
    database's order of names within a day, so that a million rows due on
    one day are never held at once to be sorted.
    """
    reader = reader_of(source)
    params = as_of_params(as_of)
    columns = OBLIGATION_COLUMNS.format(status=STATUS_SQL)
    sql = overdue_sql(columns, scope, params, window, reader)
    rows = _typed_rows(reader.mappings(sql, params), as_of, as_text=as_text)
    return rows if as_text else in_vietnamese_order(rows, "effective_due", "agency")


def overdue_sql(
    columns: str, scope: Scope, params: dict[str, Any], window: Window | None, reader: Reader
) -> str:
    """The overdue rows as the union of `owed_parts`, each over its index, most late first.

    `columns` must name `effective_due`, `agency`, `plan` and `task` (the order). The
    first part comes in due-date order from its index, so only rows due the same day
    are sorted. SQLite keeps no statistics here, so it is told which index serves the
    other parts: a due date marked unindexed (`+`) leaves it the index on the sending
    (or waiving) day, right when few rows were sent after the day asked about (today:
    none); asked about a day long past, nearly every submission came later, and the
    due dates before that day are the fewer rows. PostgreSQL's planner has statistics.
    """
    where = scope_conditions(scope, params, window)
    by_sent = reader.dialect == "sqlite" and _few_sent_after(reader, params)
    arms = []
    for number, part in enumerate(owed_parts("overdue")):
        if (number == 1 and by_sent) or (number == 2 and reader.dialect == "sqlite"):
            part = part.replace("o.effective_due <", "+o.effective_due <")
        arms.append(f"SELECT {columns} {FROM_LISTED} WHERE {where} AND {part}")
    return " UNION ALL ".join(arms) + " ORDER BY effective_due, agency, plan, task"


SENT_AFTER_PROBE = 10_000  # rows sent after the day, counted at most (an index range)


def _few_sent_after(reader: Reader, params: dict[str, Any]) -> bool:
    """Whether fewer than `SENT_AFTER_PROBE` obligations were sent after the as-of day."""
    sql = (
        "SELECT COUNT(*) FROM (SELECT 1 FROM obligation WHERE submitted_on > :as_of "
        f"LIMIT {int(SENT_AFTER_PROBE)}) AS later"
    )
    ((count,),) = reader.rows(sql, {"as_of": params["as_of"]})
    return int(count) < SENT_AFTER_PROBE


ORDER_COLUMNS = "o.effective_due AS effective_due, a.name AS agency, p.code AS plan, t.code AS task"
FROM_LISTED = """
  FROM obligation o
  JOIN task t ON t.id = o.task_id
  JOIN plan p ON p.id = t.plan_id
  JOIN agency a ON a.id = o.agency_id
"""


def in_vietnamese_order(
    rows: Iterable[ObligationRow], ordered: str, name: str
) -> Iterator[ObligationRow]:
    """Rows already ordered by `ordered`, those alike in it put in Vietnamese order of `name`.

    SQL sorts names by code point ("Đông Cuông" after "Xuân Quang"); the rows of
    one due date are few, so each run is sorted here and the listing still streams.
    """
    keys: dict[str, Any] = {}  # a listing repeats a few hundred names

    def key(row: ObligationRow) -> Any:
        text = str(row[name])  # type: ignore[literal-required]
        if text not in keys:
            keys[text] = vietnamese_key(text)
        return keys[text]

    run: list[ObligationRow] = []
    for row in rows:
        if run and row[ordered] != run[0][ordered]:  # type: ignore[literal-required]
            yield from sorted(run, key=key)
            run = []
        run.append(row)
    yield from sorted(run, key=key)


def overdue(
    source: Source, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[ObligationRow]:
    return list(iter_overdue(source, scope, as_of, window))


def due_within(source: Source, scope: Scope, as_of: dt.date, days: int) -> list[ObligationRow]:
    """Open obligations falling due from `as_of` to `as_of + days`, both inclusive."""
    window = Window(as_of, as_of + dt.timedelta(days=days))
    return list(iter_obligations(source, scope, as_of, status="pending", window=window))
