"""A stored plan read back as the spec it was imported from, for `bmnn export`."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bmnn_cli.domain.specs import PlanSpec, RegistrySpec, TaskSpec
from bmnn_cli.store.models import Plan, Province, Task, key
from bmnn_cli.store.obligations import refs_by_task, rules_of, task_parts
from bmnn_cli.store.registry_save import stored_registry


def find_plan(session: Session, text: str) -> Plan:
    from bmnn_cli.store.lookup import plan_ref

    plan = session.get(Plan, plan_ref(session, text).id)
    assert plan is not None
    return plan


def plan_title(session: Session, code: str) -> str | None:
    """The title of the stored plan with this id, if there is one."""
    from bmnn_cli.store.reader import reader_of

    rows = reader_of(session).rows("SELECT title FROM plan WHERE code = :code", {"code": code})
    return next((title for (title,) in rows), None)


def plan_spec(session: Session, plan: Plan) -> tuple[PlanSpec, RegistrySpec]:
    """A stored plan as the spec it was imported from, for export."""
    province = session.get(Province, plan.province_id)
    assert province is not None
    spec = PlanSpec(
        code=plan.code,
        title=plan.title,
        province=province.code,
        year=plan.year,
        number=plan.number,
        issuer=plan.issuer,
        issued=plan.issued,
        source=plan.source,
        rules=rules_of(plan),
    )
    active = select(Task).where(Task.plan_id == plan.id).where(col(Task.archived_at).is_(None))
    every = refs_by_task(session, key(plan))
    for task in session.exec(active.order_by(col(Task.position))):
        refs = every.get(key(task), [])
        spec.tasks.append(
            TaskSpec(
                code=task.code,
                title=task.title,
                lead=[code for role, _, code in refs if role == "lead"],
                support=[code for role, _, code in refs if role == "support"],
                deliverable=task.deliverable,
                deadline=task.deadline,
                parts=task_parts(task),
                note=task.note,
                source_line=task.source_line,
            )
        )
    return spec, stored_registry(session, province)
