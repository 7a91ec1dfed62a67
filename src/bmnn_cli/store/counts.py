"""The counts a status table and a report show, as SQL over indexed tables.

Per agency, group and total (`status`), per plan and task (`status_by_task`),
per week (`submissions_by_week`); statuses come from the same SQL form of the
domain's rule as the listings in `store.queries`, as of a given day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bmnn_cli.domain.status import DONE, FALLEN_DUE, Status, settled_sql
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.queries import STATUS_SQL, Window, as_of_params, scope_conditions
from bmnn_cli.store.reader import Reader, as_date, reader_of

if TYPE_CHECKING:
    from bmnn_cli.store.lookup import Source


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

    The group and total rows are sums of the agency rows, so a million
    obligations are read once, not three times.
    """
    reader = reader_of(source)
    params = as_of_params(as_of)
    if window is None:
        tallies = _settled(reader, scope, params)
        _add(tallies, _unsettled(reader, scope, params))
    else:
        tallies = {}
        _add(tallies, _in_window(reader, scope, params, window))
    agencies = _agencies(reader, list(tallies))
    groups = _groups(reader, list(tallies))
    several = len({named.province for named in agencies}) > 1  # two "Sở Tư pháp" then
    rows = [tallies[a.id].row(a.code, a.label(several), "agency") for a in agencies]
    for group in groups:
        total = _Tally.sum(tallies[m] for m in group.members)
        rows.append(total.row(group.code, group.label(several), "group"))
    if tallies:
        rows.append(_Tally.sum(tallies.values()).row("", "", "total"))
    return rows


_LAST = "MAX(CASE WHEN o.submitted_on <= :as_of THEN o.submitted_on END)"


def _settled(reader: Reader, scope: Scope, params: dict[str, Any]) -> dict[int, _Tally]:
    """The periods done by the day and never waived, on time and late, per agency.

    Read from `ix_obligation_done` alone, in agency order (no sort, no table row); the
    last submission of each agency is one step back from the day along the same index.
    """
    where = scope_conditions(scope, params, joined=False)
    settled, late = settled_sql("o")
    done = _indexed(reader, "ix_obligation_done")
    count = f"COUNT(*) AS n, SUM(CASE WHEN {late} THEN 1 ELSE 0 END) AS late"
    if scope.plan_id is None and scope.task_id is None:
        # Every task but the archived ones: all the rows, less those of archived tasks
        # (few, found by task), rather than a test of the task on each of a million rows.
        every = scope_conditions(scope, params, tasks=False)
        archived = "o.task_id IN (SELECT t.id FROM task t WHERE t.archived_at IS NOT NULL)"
        counted = f"""
          SELECT agency_id, SUM(n) AS n, SUM(late) AS late FROM (
            SELECT o.agency_id, {count}
            FROM obligation o {done} WHERE {settled} AND {every} GROUP BY o.agency_id
            UNION ALL
            SELECT o.agency_id, -COUNT(*), -SUM(CASE WHEN {late} THEN 1 ELSE 0 END)
            FROM obligation o WHERE {settled} AND {every} AND {archived} GROUP BY o.agency_id
          ) AS parts GROUP BY agency_id HAVING SUM(n) > 0
        """
    else:
        counted = f"""
          SELECT o.agency_id, {count}
          FROM obligation o {done} WHERE {settled} AND {where} GROUP BY o.agency_id
        """
    sql = f"""
      SELECT d.agency_id, d.n, d.late, (
        SELECT o.submitted_on FROM obligation o {done}
        WHERE o.agency_id = d.agency_id AND {settled} AND {where}
        ORDER BY o.submitted_on DESC LIMIT 1
      ) AS last FROM ({counted}) AS d
    """
    tallies: dict[int, _Tally] = {}
    for agency_id, count_, late_count, last in reader.rows(sql, params):
        tally = tallies[agency_id] = _Tally()
        tally.add(Status.DONE_ON_TIME, int(count_) - int(late_count), as_date(last))
        tally.add(Status.DONE_LATE, int(late_count), None)
    return tallies


# Every row `settled_sql` leaves, in three disjoint parts, each over its index of
# migration 005: never sent nor waived; sent after the day, never waived; waived.
_UNSETTLED = (
    ("ix_obligation_open", "o.submitted_on IS NULL AND o.waived_on IS NULL"),
    ("ix_obligation_sent", "o.submitted_on > :as_of AND o.waived_on IS NULL"),
    ("ix_obligation_waived", "o.waived_on IS NOT NULL"),
)


def _unsettled(reader: Reader, scope: Scope, params: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
    """(agency, status, count, last submission) of the rows not settled, by the rule's CASE."""
    where = scope_conditions(scope, params, joined=False)
    arms = [
        f"""SELECT o.agency_id, {STATUS_SQL} AS status, COUNT(*) AS n, {_LAST} AS last
        FROM obligation o {_indexed(reader, index)} WHERE {where} AND {part}
        GROUP BY o.agency_id, status"""
        for index, part in _UNSETTLED
    ]
    return reader.rows(" UNION ALL ".join(arms), params)


def _in_window(
    reader: Reader, scope: Scope, params: dict[str, Any], window: Window
) -> Iterable[tuple[Any, ...]]:
    """(agency, status, count, last submission) of the rows due in `window`, in one pass.

    The window (a report's quarter) is a range over the due-date index; asked with the
    tasks as a list, SQLite would walk the obligations task by task instead (ten times
    longer at country scale).
    """
    where = scope_conditions(scope, params, window, joined=True)
    sql = f"""
      SELECT o.agency_id, {STATUS_SQL} AS status, COUNT(*) AS n, {_LAST} AS last
      FROM obligation o JOIN task t ON t.id = o.task_id WHERE {where}
      GROUP BY o.agency_id, status
    """
    return reader.rows(sql, params)


def _add(tallies: dict[int, _Tally], counted: Iterable[tuple[Any, ...]]) -> None:
    for agency_id, status_name, count, last in counted:
        tallies.setdefault(agency_id, _Tally()).add(status_name, count, as_date(last))


def _indexed(reader: Reader, index: str) -> str:
    """SQLite's `INDEXED BY`: it keeps no statistics to find the index alone;
    PostgreSQL's planner has them."""
    return f"INDEXED BY {index}" if reader.dialect == "sqlite" else ""


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
        """The tallies added up (the total adds 4 000 agencies at country scale)."""
        total = cls()
        counts = total.counts
        for tally in tallies:
            for status, count in tally.counts.items():
                counts[status] += count
            if tally.last is not None and (total.last is None or tally.last > total.last):
                total.last = tally.last
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
    params = as_of_params(as_of)
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
    params = as_of_params(as_of)
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
