"""The questions an officer asks, as SQL over indexed tables.

Status is computed in SQL from each obligation's effective due date and the
dates of its active submission and waiver, as of a given day, so a report
can be rerun for any past day: a submission or waiver recorded with a later
date does not count yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bmnn_cli.domain.status import DONE, FALLEN_DUE, Status, case_sql, where_sql
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


def _params(as_of: dt.date) -> dict[str, Any]:
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
    params = _params(as_of)
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


_FIELD = {Status.DONE_ON_TIME: "on_time", Status.DONE_LATE: "late"}  # the report's names
_STATUSES = (  # the order counts appear in, in every output
    Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.PENDING,
    Status.WAIVED, Status.ONGOING, Status.NOT_BEGUN,
)  # fmt: skip


def _listed(statuses: tuple[Status, ...]) -> str:
    return ", ".join(f"'{s}'" for s in statuses)


def _count(s: Status) -> str:
    return f"  SUM(CASE WHEN status = '{s}' THEN 1 ELSE 0 END) AS {_FIELD.get(s, s)},"


# A count per status over rows that carry a computed `status` column.
COUNTS = "\n".join(
    [
        "  COUNT(*) AS obligations,",
        f"  SUM(CASE WHEN status IN ({_listed(FALLEN_DUE)}) THEN 1 ELSE 0 END) AS fallen_due,",
        *(_count(s) for s in _STATUSES),
        "  MAX(CASE WHEN submitted_on <= :as_of THEN submitted_on END) AS last_submission",
    ]
)


def status(
    source: Source, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[dict[str, Any]]:
    """Per agency counts, then a roll-up row per group, then the total.

    One pass over the obligations counts (agency, status) pairs; the group
    and total rows are sums of the agency rows, so a million obligations are
    read once, not three times.
    """
    params = _params(as_of)
    where = scope_conditions(scope, params, window, joined=False)
    sql = f"""
      SELECT o.agency_id, {STATUS_SQL} AS status, COUNT(*) AS n,
             MAX(CASE WHEN o.submitted_on <= :as_of THEN o.submitted_on END) AS last
      FROM obligation o WHERE {where} GROUP BY o.agency_id, status
    """
    tallies: dict[int, _Tally] = {}
    for agency_id, status_name, count, last in reader_of(source).rows(sql, params):
        tallies.setdefault(agency_id, _Tally()).add(status_name, count, as_date(last))
    agencies = _agencies(source, list(tallies))
    groups = _groups(source, list(tallies))
    several = len({named.province for named in agencies}) > 1  # two "Sở Tư pháp" then
    rows = [tallies[a.id].row(a.code, a.label(several), "agency") for a in agencies]
    for group in groups:
        total = _Tally.sum(tallies[m] for m in group.members)
        rows.append(total.row(group.code, group.label(several), "group"))
    if tallies:
        rows.append(_Tally.sum(tallies.values()).row("", "", "total"))
    return rows


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_STATUSES, 0))
    last: dt.date | None = None

    def add(self, status: str, count: int, last: dt.date | None) -> None:
        self.counts[status] += int(count)
        if last is not None and (self.last is None or last > self.last):
            self.last = last

    @classmethod
    def sum(cls, tallies: Iterable[_Tally]) -> _Tally:
        total = cls()
        for tally in tallies:
            for status, count in tally.counts.items():
                total.add(status, count, tally.last)
        return total

    def row(self, code: str, name: str, level: str) -> dict[str, Any]:
        c = self.counts
        fallen_due = sum(c[s] for s in FALLEN_DUE)
        row: dict[str, Any] = {"agency_id": code, "agency": name, "level": level}
        row["obligations"] = sum(c.values())
        row["fallen_due"] = fallen_due
        row.update({_FIELD.get(s, str(s)): c[s] for s in _STATUSES})
        row["last_submission"] = self.last
        row["rate"] = c["done_on_time"] / fallen_due if fallen_due else None
        return row


@dataclass(frozen=True)
class _Named:
    id: int
    code: str
    name: str
    province: str
    members: tuple[int, ...] = ()

    def label(self, with_province: bool) -> str:
        return f"{self.name} ({self.province})" if with_province else self.name


def _agencies(source: Source, ids: list[int]) -> list[_Named]:
    if not ids:
        return []
    sql = f"""
      SELECT a.id, a.code, a.name, p.name FROM agency a JOIN province p ON p.id = a.province_id
      WHERE a.id IN ({", ".join(str(int(i)) for i in ids)})
      ORDER BY a.province_id, a.position, a.id
    """
    return [_Named(*row) for row in reader_of(source).rows(sql)]


def _groups(source: Source, ids: list[int]) -> list[_Named]:
    """Groups with at least one of these agencies, and which of them they hold."""
    if not ids:
        return []
    sql = f"""
      SELECT g.id, g.code, g.name, p.name, m.agency_id FROM agency_group g
      JOIN group_member m ON m.group_id = g.id JOIN province p ON p.id = g.province_id
      WHERE m.agency_id IN ({", ".join(str(int(i)) for i in ids)})
      ORDER BY g.province_id, g.position, g.id
    """
    groups: dict[int, tuple[str, str, str, list[int]]] = {}
    for group_id, code, name, province, agency_id in reader_of(source).rows(sql):
        groups.setdefault(group_id, (code, name, province, []))[3].append(agency_id)
    return [_Named(g, c, n, p, tuple(m)) for g, (c, n, p, m) in groups.items()]


def status_by_task(
    source: Source, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[dict[str, Any]]:
    """Counts per plan and task (the same columns as `status`), plan by plan.

    A report's section per plan is built from these: the Chairman asks which
    tasks are behind, not only which agencies.
    """
    params = _params(as_of)
    where = scope_conditions(scope, params, window)
    sql = f"""
      SELECT p.code AS plan, p.title AS plan_title, t.code AS task, t.title AS title,
             t.deadline AS deadline, {COUNTS}
      FROM (
        SELECT o.task_id, o.submitted_on, {STATUS_SQL} AS status
        FROM obligation o JOIN task t ON t.id = o.task_id
        WHERE {where}
      ) s
      JOIN task t ON t.id = s.task_id JOIN plan p ON p.id = t.plan_id
      GROUP BY t.id, p.id ORDER BY p.code, t.position
    """
    rows = []
    for row in reader_of(source).mappings(sql, params):
        item = {k: (v or 0) if k in _COUNT_KEYS else v for k, v in dict(row).items()}
        item["last_submission"] = as_date(item["last_submission"])
        item["rate"] = item["on_time"] / item["fallen_due"] if item["fallen_due"] else None
        rows.append(item)
    return rows


_COUNT_KEYS = frozenset(
    (
        "obligations", "fallen_due", "on_time", "late", "overdue", "pending", "waived", "ongoing",
        "not_begun",
    )
)  # fmt: skip


def submissions_by_week(
    source: Source, scope: Scope, as_of: dt.date, window: Window
) -> list[dict[str, Any]]:
    """Per week (Monday first): obligations falling due, and submissions made.

    Covers the obligations due in `window`; their submissions are counted in
    the week they were sent (up to `as_of`), which may lie before or after
    the window. Every week from the window's first (or the first submission)
    to its last is listed, empty weeks too, with running totals, so a chart
    of submissions against due dates needs no further arithmetic.
    """
    params = _params(as_of)
    where = scope_conditions(scope, params, window)
    inner = f"""
      SELECT o.effective_due AS due, o.submitted_on AS sent, {STATUS_SQL} AS status
      FROM obligation o JOIN task t ON t.id = o.task_id
      WHERE {where}
    """
    # counted per day in SQL (date arithmetic differs between engines), per week here
    sql = f"""
      SELECT day, SUM(CASE WHEN kind = 'due' THEN 1 ELSE 0 END) AS due,
             SUM(CASE WHEN kind = 'sent' THEN 1 ELSE 0 END) AS submitted FROM (
        SELECT due AS day, 'due' AS kind FROM ({inner}) AS falling
        UNION ALL
        SELECT sent AS day, 'sent' AS kind FROM ({inner}) AS sending
        WHERE status IN ({_listed(DONE)})
      ) AS days GROUP BY day
    """
    counts: dict[dt.date, tuple[int, int]] = {}
    for row in reader_of(source).mappings(sql, params):
        day = as_date(row["day"])
        assert day is not None
        week = day - dt.timedelta(days=day.weekday())
        due, sent = counts.get(week, (0, 0))
        counts[week] = (due + int(row["due"]), sent + int(row["submitted"]))
    return _weekly_series(counts, window)


def _weekly_series(counts: dict[dt.date, tuple[int, int]], window: Window) -> list[dict[str, Any]]:
    """Continuous weeks with running totals, from the counts of the busy ones."""
    first = min([window.start, *counts])
    first -= dt.timedelta(days=first.weekday())
    last = max([window.end, *counts])
    rows: list[dict[str, Any]] = []
    total_due = total_sent = 0
    week = first
    while week <= last:
        due, sent = counts.get(week, (0, 0))
        total_due += due
        total_sent += sent
        rows.append(
            {"week": week, "due": due, "submitted": sent,
             "cumulative_due": total_due, "cumulative_submitted": total_sent}
        )  # fmt: skip
        week += dt.timedelta(days=7)
    return rows
