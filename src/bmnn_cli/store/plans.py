"""Plans in the database: import and re-import.

Re-importing a plan updates it in place: tasks are matched by their id in
the document, obligations by (task, agency, period), so submissions and
waivers recorded against them survive any change of wording or dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from bmnn_cli.domain import obligations as obl
from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.schedule import part_to_dict
from bmnn_cli.domain.specs import PlanFile, PlanSpec, TaskSpec
from bmnn_cli.errors import InputError, NotFound, Refused
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.changes import Change, as_json, update_row
from bmnn_cli.store.models import (
    Obligation,
    Plan,
    Province,
    Request,
    Submission,
    Task,
    TaskAgency,
    Waiver,
    key,
)
from bmnn_cli.store.obligations import refs_by_task, sync_obligations
from bmnn_cli.store.registry_save import registry_ids, save_registry, stored_registry
from bmnn_cli.store.upkeep import recompute, recorded_calendar


@dataclass
class ImportResult:
    path: str
    province: str
    plan: str | None = None
    tasks: int = 0
    agencies: int = 0
    groups: int = 0
    answerable: int = 0
    per_year: dict[str, int] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    new_plan: bool = False


def import_file(
    session: Session,
    file: PlanFile,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Store what a file holds (registry and/or plan) in the open transaction.

    `force` archives tasks dropped from the plan even when work was recorded
    against them; without it such an import is refused. `progress` hears of
    the work done, in steps: the registry, then each task stored, then each
    task's obligations worked out.
    """
    registry = file.registry
    province: Province | None = None
    changes: list[Change] = []
    if registry is not None:
        province, changes = save_registry(session, registry)
    plan_spec = file.plan
    if plan_spec is None:
        assert registry is not None and province is not None
        audit.record(
            session, "import", detail=f"registry {registry.province}: {len(changes)} changes"
        )
        if changes:  # days off, members, mergers: the due dates and owners in force follow
            plans = session.exec(select(Plan).where(Plan.province_id == province.id)).all()
            recompute(session, list(plans), f"registry {registry.province}")
        return ImportResult(
            file.path,
            registry.province,
            agencies=len(registry.agencies),
            groups=len(registry.groups),
            changes=changes,
        )
    if province is None:
        province = session.exec(select(Province).where(Province.code == plan_spec.province)).first()
        if province is None:
            raise InputError(
                t("err.store.no_registry", province=plan_spec.province),
                path=file.path,
                line=file.line_of(plan_spec.province),
            )
        registry = stored_registry(session, province)
    assert registry is not None
    directory = Directory(registry)
    _check_references(file, plan_spec, directory)
    obl.check_size(
        plan_spec.code,
        [
            (task.code, obl.periods(task.parts, plan_spec.year, plan_spec.rules.yearly_due),
             len(obl.answerable(directory, task.lead)))
            for task in plan_spec.tasks
        ],
        path=file.path,
    )  # fmt: skip
    steps = 1 + 2 * len(plan_spec.tasks)
    if progress is not None:
        progress(1, steps)  # the registry
    plan, plan_changes, new = _save_plan(session, plan_spec, province, directory, force=force)
    if progress is not None:
        progress(len(plan_spec.tasks), steps)
    result = ImportResult(
        file.path,
        province.code,
        plan=plan.code,
        tasks=len(plan_spec.tasks),
        agencies=len(registry.agencies),
        groups=len(registry.groups),
        changes=changes + plan_changes,
        new_plan=new,
    )
    sync_obligations(
        session,
        plan,
        through=plan.through_year,
        progress=None if progress is None else lambda done, _: progress(done, steps),
    )
    if result.changes:
        _audit_import(session, file.path, plan.code, result.changes)
    if recorded_calendar(session) != fingerprint():
        audit.record(session, "calendar", detail=f"{fingerprint()}: {plan.code} imported")
    result.per_year = obligations_per_year(session, plan)
    result.answerable = _answerable_count(session, plan)
    return result


def _audit_import(session: Session, path: str, plan: str, changes: list[Change]) -> None:
    """Counts per kind of change, then each change in detail (up to 50)."""
    counts = Counter(f"{c.action} {c.item.split()[0]}" for c in changes)
    summary = ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items()))
    listed = "".join(f"; {c.action} {c.item} {c.detail}".rstrip() for c in changes[:50])
    more = f"; … {len(changes) - 50} more" if len(changes) > 50 else ""
    audit.record(session, "import", plan=plan, detail=f"{path}: {summary}{listed}{more}")


def _check_references(file: PlanFile, plan: PlanSpec, directory: Directory) -> None:
    for task in plan.tasks:
        for role, refs in ((t("role.lead"), task.lead), (t("role.support"), task.support)):
            for ref in refs:
                try:
                    directory.find(ref)
                except NotFound as error:
                    raise InputError(
                        t(
                            "err.store.bad_reference",
                            task=task.code,
                            role=role,
                            error=error.message,
                        ),
                        path=file.path,
                        line=file.line_of(ref),
                    ) from None


def _through_year(spec: PlanSpec) -> int:
    years = [spec.year] + [p.last_year or spec.year for t in spec.tasks for p in t.parts]
    return max(years)


def _save_plan(
    session: Session,
    spec: PlanSpec,
    province: Province,
    directory: Directory,
    *,
    force: bool = False,
) -> tuple[Plan, list[Change], bool]:
    assert province.id is not None
    plan = session.exec(select(Plan).where(Plan.code == spec.code)).first()
    values: dict[str, Any] = {
        "province_id": province.id,
        "number": spec.number,
        "title": spec.title,
        "issuer": spec.issuer,
        "issued": spec.issued,
        "year": spec.year,
        "source": spec.source,
        "before_rule": spec.rules.before,
        "roll_to_working_day": spec.rules.roll_to_working_day,
        "yearly_due": "{:02d}-{:02d}".format(*spec.rules.yearly_due),
    }
    changes: list[Change] = []
    new = plan is None
    if plan is None:
        plan = Plan(
            code=spec.code, through_year=_through_year(spec), imported_at=audit.now(), **values
        )
        session.add(plan)
        changes.append(Change("added", f"plan {spec.code}"))
    else:
        if plan.province_id != province.id:
            raise Refused(t("err.store.plan_of_other_province", plan=spec.code))
        changes += update_row(plan, values, f"plan {spec.code}")
        plan.through_year = max(plan.through_year, _through_year(spec))
        plan.imported_at = audit.now()
    session.flush()
    changes += _save_tasks(session, plan, spec.tasks, directory, force=force)
    return plan, changes, new


def _task_values(spec: TaskSpec, position: int) -> dict[str, Any]:
    return {
        "title": spec.title,
        "deliverable": spec.deliverable,
        "deadline": spec.deadline,
        "schedule": as_json([part_to_dict(p) for p in spec.parts]),
        "note": spec.note,
        "source_line": spec.source_line,
        "position": position,
    }


def _save_tasks(
    session: Session,
    plan: Plan,
    specs: list[TaskSpec],
    directory: Directory,
    *,
    force: bool = False,
) -> list[Change]:
    rows = {t.code: t for t in session.exec(select(Task).where(Task.plan_id == plan.id))}
    refs = refs_by_task(session, key(plan))
    links = _Links(session, directory)
    changes: list[Change] = []
    wanted = {s.code for s in specs}
    for code in sorted(set(rows) - wanted):
        task = rows.pop(code)
        if task.archived_at is None:
            changes.append(_remove_task(session, task, force=force))
    for position, spec in enumerate(specs):
        values = _task_values(spec, position)
        values["archived_at"] = None  # a task back in the file is active again
        row = rows.get(spec.code)
        if row is None:
            row = Task(plan_id=key(plan), code=spec.code, **values)
            session.add(row)
            session.flush()
            changes.append(Change("added", f"task {spec.code}"))
        else:
            for change in update_row(row, values, f"task {spec.code}"):
                if not change.detail.startswith("position"):
                    changes.append(change)
        changes += _save_task_agencies(session, row, spec, refs.get(key(row), []), links)
    session.flush()
    return changes


def _remove_task(session: Session, task: Task, *, force: bool) -> Change:
    """Delete a dropped task, or archive it when work was recorded against it."""
    recorded = session.exec(
        select(func.count())
        .select_from(Obligation)
        .where(Obligation.task_id == task.id)
        .where(col(Obligation.submitted_on).is_not(None) | col(Obligation.waived_on).is_not(None))
    ).one()
    requests = session.exec(
        select(func.count()).select_from(Request).where(Request.task_id == task.id)
    ).one()
    if (recorded or requests) and not force:
        raise Refused(
            t("err.store.task_has_records", task=task.code, recorded=recorded, requests=requests)
        )
    if recorded or requests:
        task.archived_at = audit.now()
        session.add(task)
        return Change("archived", f"task {task.code}")
    ids = select(Obligation.id).where(Obligation.task_id == task.id)
    session.execute(delete(Submission).where(col(Submission.obligation_id).in_(ids)))
    session.execute(delete(Waiver).where(col(Waiver.obligation_id).in_(ids)))
    session.execute(delete(Obligation).where(col(Obligation.task_id) == task.id))
    session.execute(delete(TaskAgency).where(col(TaskAgency.task_id) == task.id))
    session.delete(task)
    return Change("removed", f"task {task.code}")


class _Links:
    """The ids of a registry's agencies and groups, read once when first needed."""

    def __init__(self, session: Session, directory: Directory) -> None:
        self.session, self.directory = session, directory
        self._ids: tuple[dict[str, int], dict[str, int]] | None = None

    def ids(self) -> tuple[dict[str, int], dict[str, int]]:
        if self._ids is None:
            self._ids = registry_ids(self.session, self.directory)
        return self._ids


def _save_task_agencies(
    session: Session,
    task: Task,
    spec: TaskSpec,
    current: list[tuple[str, str, str]],
    links: _Links,
) -> list[Change]:
    assert task.id is not None
    wanted: list[tuple[str, str, str]] = []
    for role, refs in (("lead", spec.lead), ("support", spec.support)):
        for ref_text in refs:
            ref = links.directory.find(ref_text)
            wanted.append((role, ref.kind, ref.code))
    if current == wanted:
        return []
    session.execute(delete(TaskAgency).where(col(TaskAgency.task_id) == task.id))
    agency_ids, group_ids = links.ids()
    for position, (role, kind, code) in enumerate(wanted):
        session.add(
            TaskAgency(
                task_id=task.id,
                role=role,
                agency_id=agency_ids[code] if kind == "agency" else None,
                group_id=group_ids[code] if kind == "group" else None,
                position=position,
            )
        )
    if not current:
        return []
    return [Change("changed", f"task {spec.code}", "agencies")]


def obligations_per_year(session: Session, plan: Plan) -> dict[str, int]:
    rows = session.exec(
        select(Obligation.year, col(Obligation.effective_due).is_(None), func.count())
        .join(Task, col(Task.id) == Obligation.task_id)
        .where(Task.plan_id == plan.id)
        .where(col(Task.archived_at).is_(None))
        .group_by(col(Obligation.year), col(Obligation.effective_due).is_(None))
    ).all()
    counts: Counter[str] = Counter()
    for year, ongoing, count in rows:
        counts["ongoing" if ongoing else str(year)] += count
    return dict(sorted(counts.items()))


def _answerable_count(session: Session, plan: Plan) -> int:
    return int(
        session.exec(
            select(func.count(func.distinct(Obligation.agency_id)))
            .join(Task, col(Task.id) == Obligation.task_id)
            .where(Task.plan_id == plan.id)
            .where(col(Task.archived_at).is_(None))
        ).one()
    )
