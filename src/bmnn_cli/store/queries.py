"""The questions an officer asks, as SQL over indexed tables.

Status is computed in SQL from each obligation's effective due date and the
dates of its active submission and waiver, as of a given day, so a report
can be rerun for any past day: a submission or waiver recorded with a later
date does not count yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from bmnn_cli.store.lookup import Scope

STATUS_SQL = """
CASE
  WHEN o.waived_on IS NOT NULL AND o.waived_on <= :as_of THEN 'waived'
  WHEN o.submitted_on IS NOT NULL AND o.submitted_on <= :as_of THEN
    CASE WHEN o.effective_due IS NULL OR o.submitted_on <= o.effective_due
         THEN 'done_on_time' ELSE 'done_late' END
  WHEN o.effective_due IS NULL THEN 'ongoing'
  WHEN o.effective_due < :as_of THEN 'overdue'
  ELSE 'pending'
END
"""


@dataclass(frozen=True)
class Window:
    """Obligations whose effective due date falls in [start, end] (both inclusive)."""

    start: dt.date
    end: dt.date


def _where(scope: Scope, params: dict[str, Any], window: Window | None = None) -> str:
    clauses = [
        "t.archived_at IS NULL",
        "o.year <= :year",
        "(o.starts_on IS NULL OR o.starts_on <= :as_of)",
    ]
    if scope.plan_id is not None:
        clauses.append("t.plan_id = :plan_id")
        params["plan_id"] = scope.plan_id
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


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


OBLIGATION_COLUMNS = """
  a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task, t.title AS title,
  o.period AS period, o.scheduled_due AS scheduled_due, o.effective_due AS effective_due,
  t.deadline AS deadline, o.submitted_on AS submitted_on, {status} AS status
"""


def obligations(
    session: Session,
    scope: Scope,
    as_of: dt.date,
    *,
    statuses: tuple[str, ...] | None = None,
    window: Window | None = None,
    order: str = "o.effective_due IS NULL, o.effective_due, a.position, t.position",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    params = _params(as_of)
    where = _where(scope, params, window)
    sql = f"""
      SELECT {OBLIGATION_COLUMNS.format(status=STATUS_SQL)}
      FROM obligation o
      JOIN task t ON t.id = o.task_id
      JOIN plan p ON p.id = t.plan_id
      JOIN agency a ON a.id = o.agency_id
      WHERE {where}
    """
    if statuses:
        names = [f":s{i}" for i in range(len(statuses))]
        params.update({f"s{i}": s for i, s in enumerate(statuses)})
        sql = f"SELECT * FROM ({sql}) AS listed WHERE status IN ({', '.join(names)})"
        order = (
            order.replace("o.", "").replace("a.position", "agency").replace("t.position", "task")
        )
    sql += f" ORDER BY {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = []
    for row in session.connection().execute(text(sql), params).mappings():
        item = dict(row)
        for key in ("scheduled_due", "effective_due", "submitted_on"):
            item[key] = _date(item[key])
        due = item["effective_due"]
        item["days_late"] = (as_of - due).days if due and item["status"] == "overdue" else None
        item["days_left"] = (due - as_of).days if due and item["status"] == "pending" else None
        rows.append(item)
    return rows


def overdue(session: Session, scope: Scope, as_of: dt.date) -> list[dict[str, Any]]:
    """Unmet obligations past due, most days late first."""
    return obligations(
        session, scope, as_of, statuses=("overdue",), order="effective_due, agency, plan, task"
    )


def due_within(session: Session, scope: Scope, as_of: dt.date, days: int) -> list[dict[str, Any]]:
    """Open obligations falling due from `as_of` to `as_of + days`, both inclusive."""
    window = Window(as_of, as_of + dt.timedelta(days=days))
    return obligations(session, scope, as_of, statuses=("pending",), window=window)


COUNTS = """
  COUNT(*) AS obligations,
  SUM(CASE WHEN status IN ('done_on_time', 'done_late', 'overdue') THEN 1 ELSE 0 END)
    AS fallen_due,
  SUM(CASE WHEN status = 'done_on_time' THEN 1 ELSE 0 END) AS on_time,
  SUM(CASE WHEN status = 'done_late' THEN 1 ELSE 0 END) AS late,
  SUM(CASE WHEN status = 'overdue' THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
  SUM(CASE WHEN status = 'waived' THEN 1 ELSE 0 END) AS waived,
  SUM(CASE WHEN status = 'ongoing' THEN 1 ELSE 0 END) AS ongoing,
  MAX(CASE WHEN submitted_on <= :as_of THEN submitted_on END) AS last_submission
"""


def status(
    session: Session, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[dict[str, Any]]:
    """Per agency counts, then a roll-up row per group, then the total."""
    params = _params(as_of)
    where = _where(scope, params, window)
    inner = f"""
      SELECT o.agency_id, o.submitted_on, {STATUS_SQL} AS status
      FROM obligation o JOIN task t ON t.id = o.task_id
      WHERE {where}
    """
    per_agency = f"""
      SELECT a.code AS agency_id, a.name AS agency, 'agency' AS level, {COUNTS}
      FROM ({inner}) s JOIN agency a ON a.id = s.agency_id
      GROUP BY a.id ORDER BY a.province_id, a.position
    """
    per_group = f"""
      SELECT g.code AS agency_id, g.name AS agency, 'group' AS level, {COUNTS}
      FROM ({inner}) s JOIN group_member m ON m.agency_id = s.agency_id
      JOIN agency_group g ON g.id = m.group_id
      GROUP BY g.id ORDER BY g.province_id, g.position
    """
    total = f"SELECT '' AS agency_id, '' AS agency, 'total' AS level, {COUNTS} FROM ({inner}) s"
    connection = session.connection()
    rows: list[dict[str, Any]] = []
    for sql in (per_agency, per_group, total):
        for row in connection.execute(text(sql), params).mappings():
            item = {
                k: (v or 0) if k not in ("last_submission",) else v for k, v in dict(row).items()
            }
            if item["obligations"] == 0:
                continue
            item["last_submission"] = _date(item["last_submission"])
            item["rate"] = item["on_time"] / item["fallen_due"] if item["fallen_due"] else None
            rows.append(item)
    return rows


def status_by_task(
    session: Session, scope: Scope, as_of: dt.date, window: Window | None = None
) -> list[dict[str, Any]]:
    """Counts per plan and task (the same columns as `status`), plan by plan.

    A report's section per plan is built from these: the Chairman asks which
    tasks are behind, not only which agencies.
    """
    params = _params(as_of)
    where = _where(scope, params, window)
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
    for row in session.connection().execute(text(sql), params).mappings():
        item = {k: (v or 0) if k in _COUNT_KEYS else v for k, v in dict(row).items()}
        item["last_submission"] = _date(item["last_submission"])
        item["rate"] = item["on_time"] / item["fallen_due"] if item["fallen_due"] else None
        rows.append(item)
    return rows


_COUNT_KEYS = frozenset(
    ("obligations", "fallen_due", "on_time", "late", "overdue", "pending", "waived", "ongoing")
)


def submissions_by_week(
    session: Session, scope: Scope, as_of: dt.date, window: Window
) -> list[dict[str, Any]]:
    """Per week (Monday first): obligations falling due, and submissions made.

    Covers the obligations due in `window`; their submissions are counted in
    the week they were sent (up to `as_of`), which may lie before or after
    the window. Every week from the window's first (or the first submission)
    to its last is listed, empty weeks too, with running totals, so a chart
    of submissions against due dates needs no further arithmetic.
    """
    params = _params(as_of)
    where = _where(scope, params, window)
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
        WHERE status IN ('done_on_time', 'done_late')
      ) AS days GROUP BY day
    """
    counts: dict[dt.date, tuple[int, int]] = {}
    for row in session.connection().execute(text(sql), params).mappings():
        day = _date(row["day"])
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
