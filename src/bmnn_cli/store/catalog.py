"""Listings of what plans say: plans, agencies, tasks.

Plain SQL over a `Reader` (a session is wrapped on the way in), so that
`bmnn plans`, `agencies`, `tasks` and `show` answer over the standard
`sqlite3` module without loading SQLAlchemy. Rows are typed dictionaries:
the renderers take dictionaries, and the names say what each one holds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, TypedDict, cast

from bmnn_cli.domain.schedule import Part, describe, part_from_dict
from bmnn_cli.i18n import t
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.reader import Reader, as_date, reader_of

if TYPE_CHECKING:
    from bmnn_cli.domain.specs import PlanSpec, RegistrySpec
    from bmnn_cli.store.lookup import Source


class PlanRow(TypedDict):
    plan: str
    number: str
    title: str
    province: str
    year: int
    issued: dt.date | str | None
    tasks: int


class AgencyRow(TypedDict):
    agency_id: str
    name: str
    kind: str
    aliases: list[str]
    province: str
    successor: str
    merged_on: dt.date | str | None
    groups: str


class TaskRow(TypedDict):
    plan: str
    task: str
    title: str
    lead: list[str]
    support: list[str]
    deliverable: str
    deadline: str
    schedule: str
    source_line: int | None
    note: str


def plans(source: Source) -> list[PlanRow]:
    sql = """
        SELECT p.code AS plan, p.number AS number, p.title AS title, pr.name AS province,
               p.year AS year, p.issued AS issued,
               (SELECT COUNT(*) FROM task t
                 WHERE t.plan_id = p.id AND t.archived_at IS NULL) AS tasks
        FROM plan p JOIN province pr ON pr.id = p.province_id ORDER BY p.year, p.code
    """
    return [cast("PlanRow", row) for row in reader_of(source).mappings(sql)]


def agencies(source: Source, scope: Scope, province_id: int | None) -> list[AgencyRow]:
    reader = reader_of(source)
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
               (SELECT {_concat(reader, "g.code")} FROM group_member m
                  JOIN agency_group g ON g.id = m.group_id WHERE m.agency_id = a.id) AS groups
        FROM agency a JOIN province pr ON pr.id = a.province_id
        LEFT JOIN agency s ON s.id = a.successor_id
        WHERE {" AND ".join(where)}
        ORDER BY pr.code, a.position
    """
    return [
        AgencyRow(
            agency_id=row["agency_id"],
            name=row["name"],
            kind=row["kind"],
            aliases=json.loads(row["aliases"]),
            province=row["province"],
            successor=row["successor"] or "",
            merged_on=row["merged_on"],
            groups=row["groups"] or "",
        )
        for row in reader.mappings(sql, params)
    ]


def _concat(reader: Reader, expression: str) -> str:
    """Comma-joined values of a column: each engine spells it its own way."""
    if reader.dialect == "postgresql":
        return f"string_agg({expression}, ', ' ORDER BY {expression})"
    return f"group_concat({expression}, ', ')"


def _names(
    reader: Reader, task_ids: list[int], column: str = "name"
) -> dict[tuple[int, str], list[str]]:
    """(task, role) → the agencies and groups named (their `column`), in the plan's order."""
    if not task_ids:
        return {}
    sql = f"""
        SELECT ta.task_id, ta.role, COALESCE(a.{column}, g.{column}) FROM task_agency ta
        LEFT JOIN agency a ON a.id = ta.agency_id
        LEFT JOIN agency_group g ON g.id = ta.group_id
        WHERE ta.task_id IN ({", ".join(str(int(i)) for i in task_ids)})
        ORDER BY ta.task_id, ta.position
    """
    names: dict[tuple[int, str], list[str]] = {}
    for task_id, role, name in reader.rows(sql):
        names.setdefault((task_id, role), []).append(name)
    return names


def _task_ids_for(reader: Reader, agency_ids: tuple[int, ...]) -> str:
    """SQL for the tasks naming the agencies directly or through one of their groups."""
    ids = ", ".join(str(int(i)) for i in agency_ids) or "NULL"
    return f"""
        SELECT ta.task_id FROM task_agency ta WHERE ta.agency_id IN ({ids})
        UNION
        SELECT ta.task_id FROM task_agency ta
          JOIN group_member m ON m.group_id = ta.group_id WHERE m.agency_id IN ({ids})
    """


_TASKS = """
    SELECT t.id AS id, p.code AS plan, t.code AS task, t.title AS title,
           t.deliverable AS deliverable, t.deadline AS deadline, t.schedule AS schedule,
           t.source_line AS source_line, t.note AS note
    FROM task t JOIN plan p ON p.id = t.plan_id
"""


def tasks(source: Source, scope: Scope) -> list[TaskRow]:
    """The tasks in force (not archived) of the scope, plan by plan in the document's order."""
    reader = reader_of(source)
    params: dict[str, Any] = {}
    where = ["t.archived_at IS NULL"]
    if scope.plan_id is not None:
        where.append("t.plan_id = :plan")
        params["plan"] = scope.plan_id
    if scope.task_id is not None:
        where.append("t.id = :task")
        params["task"] = scope.task_id
    if scope.agency_ids is not None:
        where.append(f"t.id IN ({_task_ids_for(reader, scope.agency_ids)})")
    sql = f"{_TASKS} WHERE {' AND '.join(where)} ORDER BY p.year, p.code, t.position"
    rows = list(reader.mappings(sql, params))
    names = _names(reader, [row["id"] for row in rows])
    return [_task(row, names) for row in rows]


def task(source: Source, task_id: int) -> TaskRow:
    """One task by its row id, archived or not."""
    reader = reader_of(source)
    (row,) = reader.mappings(f"{_TASKS} WHERE t.id = :task", {"task": task_id})
    return _task(row, _names(reader, [task_id]))


def _task(row: dict[str, Any], names: dict[tuple[int, str], list[str]]) -> TaskRow:
    return TaskRow(
        plan=row["plan"],
        task=row["task"],
        title=row["title"],
        lead=names.get((row["id"], "lead"), []),
        support=names.get((row["id"], "support"), []),
        deliverable=row["deliverable"],
        deadline=row["deadline"],
        schedule=describe(schedule_parts(row["schedule"], row["task"])),
        source_line=row["source_line"],
        note=row["note"],
    )


def schedule_parts(stored: str, code: str) -> list[Part]:
    """The schedule of a task as stored (JSON, dates as ISO text; years stay numbers)."""
    where = t("err.input.where_task_code", code=code)
    parts = []
    for raw in json.loads(stored):
        for name in ("date", "expected", "event_date", "from", "until"):
            if isinstance(raw.get(name), str):
                raw[name] = dt.date.fromisoformat(raw[name])
        parts.append(part_from_dict(raw, where=where))
    return parts


def plan_title(source: Source, code: str) -> str | None:
    """The title of the stored plan with this id, if there is one."""
    rows = reader_of(source).rows("SELECT title FROM plan WHERE code = :code", {"code": code})
    return next((title for (title,) in rows), None)


def plan_count(source: Source) -> int:
    ((count,),) = reader_of(source).rows("SELECT COUNT(*) FROM plan")
    return int(count)


def province_of_plan(source: Source, plan_id: int | None) -> int | None:
    if plan_id is None:
        return None
    rows = reader_of(source).rows("SELECT province_id FROM plan WHERE id = :id", {"id": plan_id})
    return next((int(p) for (p,) in rows), None)


def plan_spec(source: Source, text: str) -> tuple[PlanSpec, RegistrySpec]:
    """The plan `text` names as the spec it was imported from, with its registry, for export."""
    from bmnn_cli.domain.deadlines import Rules
    from bmnn_cli.domain.specs import PlanSpec, TaskSpec
    from bmnn_cli.store.lookup import plan_ref
    from bmnn_cli.store.registry import load_registry

    reader = reader_of(source)
    ref = plan_ref(reader, text)
    sql = """
        SELECT p.code, p.title, pr.code, p.year, p.number, p.issuer, p.issued, p.source,
               p.before_rule, p.roll_to_working_day, p.yearly_due
        FROM plan p JOIN province pr ON pr.id = p.province_id WHERE p.id = :plan
    """
    ((code, title, province, year, number, issuer, issued, origin, before, roll, yearly),) = (
        reader.rows(sql, {"plan": ref.id})
    )
    month, day = (int(x) for x in yearly.split("-"))
    spec = PlanSpec(
        code=code,
        title=title,
        province=province,
        year=year,
        number=number,
        issuer=issuer,
        issued=as_date(issued),
        source=origin,
        rules=Rules(before, bool(roll), (month, day)),
    )
    tasks = list(
        reader.rows(
            "SELECT id, code, title, deliverable, deadline, schedule, note, source_line FROM task"
            " WHERE plan_id = :plan AND archived_at IS NULL ORDER BY position",
            {"plan": ref.id},
        )
    )
    refs = _names(reader, [row[0] for row in tasks], "code")
    for task_id, task_code, task_title, deliverable, deadline, schedule, note, line in tasks:
        spec.tasks.append(
            TaskSpec(
                code=task_code,
                title=task_title,
                lead=refs.get((task_id, "lead"), []),
                support=refs.get((task_id, "support"), []),
                deliverable=deliverable,
                deadline=deadline,
                parts=schedule_parts(schedule, task_code),
                note=note,
                source_line=line,
            )
        )
    return spec, load_registry(reader, ref.province_id)
