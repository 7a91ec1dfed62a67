"""Listings of what plans say: plans, agencies, tasks."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from bmnn_cli.domain.schedule import describe
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.models import Plan, Province, Task
from bmnn_cli.store.obligations import task_parts


def plans(session: Session) -> list[dict[str, Any]]:
    rows = session.connection().execute(
        text(
            """
            SELECT p.code AS plan, p.number AS number, p.title AS title, pr.name AS province,
                   p.year AS year, p.issued AS issued,
                   (SELECT COUNT(*) FROM task t
                     WHERE t.plan_id = p.id AND t.archived_at IS NULL) AS tasks
            FROM plan p JOIN province pr ON pr.id = p.province_id ORDER BY p.year, p.code
            """
        )
    )
    return [dict(r) for r in rows.mappings()]


def agencies(session: Session, scope: Scope, province_id: int | None) -> list[dict[str, Any]]:
    params: dict[str, Any] = {}
    where = ["1 = 1"]
    if province_id is not None:
        where.append("a.province_id = :province")
        params["province"] = province_id
    if scope.agency_ids is not None:
        where.append(f"a.id IN ({', '.join(str(int(i)) for i in scope.agency_ids) or 'NULL'})")
    sql = f"""
        SELECT a.code AS agency_id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
               pr.code AS province, s.code AS successor, a.merged_on AS merged_on,
               (SELECT {_concat(session, "g.code")} FROM group_member m
                  JOIN agency_group g ON g.id = m.group_id WHERE m.agency_id = a.id) AS groups
        FROM agency a JOIN province pr ON pr.id = a.province_id
        LEFT JOIN agency s ON s.id = a.successor_id
        WHERE {" AND ".join(where)}
        ORDER BY pr.code, a.position
    """
    out = []
    for row in session.connection().execute(text(sql), params).mappings():
        item = dict(row)
        item["aliases"] = json.loads(item["aliases"])
        item["groups"] = item["groups"] or ""
        item["successor"] = item["successor"] or ""
        out.append(item)
    return out


def _concat(session: Session, expression: str) -> str:
    """Comma-joined values of a column: each engine spells it its own way."""
    if session.get_bind().dialect.name == "postgresql":
        return f"string_agg({expression}, ', ' ORDER BY {expression})"
    return f"group_concat({expression}, ', ')"


def _names(session: Session, task_id: int, role: str) -> list[str]:
    rows = session.connection().execute(
        text(
            """
            SELECT COALESCE(a.name, g.name) FROM task_agency ta
            LEFT JOIN agency a ON a.id = ta.agency_id
            LEFT JOIN agency_group g ON g.id = ta.group_id
            WHERE ta.task_id = :task AND ta.role = :role ORDER BY ta.position
            """
        ),
        {"task": task_id, "role": role},
    )
    return [r[0] for r in rows]


def _task_ids_for(session: Session, agency_ids: tuple[int, ...]) -> set[int]:
    """Tasks naming the agencies directly or through one of their groups."""
    ids = ", ".join(str(int(i)) for i in agency_ids) or "NULL"
    rows = session.connection().execute(
        text(
            f"""
            SELECT ta.task_id FROM task_agency ta WHERE ta.agency_id IN ({ids})
            UNION
            SELECT ta.task_id FROM task_agency ta
              JOIN group_member m ON m.group_id = ta.group_id WHERE m.agency_id IN ({ids})
            """
        )
    )
    return {r[0] for r in rows}


def tasks(session: Session, scope: Scope) -> list[dict[str, Any]]:
    query = (
        select(Task, Plan.code)
        .join(Plan, col(Plan.id) == Task.plan_id)
        .where(col(Task.archived_at).is_(None))
    )
    if scope.plan_id is not None:
        query = query.where(Task.plan_id == scope.plan_id)
    if scope.agency_ids is not None:
        query = query.where(col(Task.id).in_(_task_ids_for(session, scope.agency_ids)))
    query = query.order_by(col(Plan.year), col(Plan.code), col(Task.position))
    return [task_row(session, task, plan_code) for task, plan_code in session.exec(query)]


def task_row(session: Session, task: Task, plan_code: str) -> dict[str, Any]:
    assert task.id is not None
    return {
        "plan": plan_code,
        "task": task.code,
        "title": task.title,
        "lead": _names(session, task.id, "lead"),
        "support": _names(session, task.id, "support"),
        "deliverable": task.deliverable,
        "deadline": task.deadline,
        "schedule": describe(task_parts(task)),
        "source_line": task.source_line,
        "note": task.note,
    }


def plan_count(session: Session) -> int:
    return len(session.exec(select(Plan.id)).all())


def province_of_plan(session: Session, plan_id: int | None) -> int | None:
    if plan_id is None:
        return None
    plan = session.get(Plan, plan_id)
    return plan.province_id if plan else None


def provinces(session: Session) -> list[Province]:
    return list(session.exec(select(Province)).all())
