"""Plans in the database: import and re-import.

Re-importing a plan updates it in place: tasks are matched by their id in
the document, obligations by (task, agency, period), so submissions and
waivers recorded against them survive any change of wording or dates.
Plain SQL through a Writer: over sqlite3 on a ready file, no SQLAlchemy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bmnn_cli.domain import obligations as obl
from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.schedule import part_to_dict
from bmnn_cli.domain.specs import PlanFile, PlanSpec, TaskSpec
from bmnn_cli.errors import InputError, NotFound, Refused
from bmnn_cli.i18n import t
from bmnn_cli.store import audit, rows
from bmnn_cli.store.changes import Change, as_json, update_row
from bmnn_cli.store.obligations import refs_by_task, sync_obligations
from bmnn_cli.store.reader import Reader
from bmnn_cli.store.registry_save import (
    province_named,
    registry_ids,
    save_registry,
    stored_registry,
)
from bmnn_cli.store.upkeep import recompute, recorded_calendar
from bmnn_cli.store.writer import Writer, writer_of


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
    target: Any,
    file: PlanFile,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Store what a file holds (registry and/or plan) in the open transaction.

    `target` is a Writer, or a session (wrapped). `force` archives tasks
    dropped from the plan even when work was recorded against them; without
    it such an import is refused. `progress` hears of the work done, in
    steps: the registry, then each task stored, then each task's
    obligations worked out.
    """
    writer = writer_of(target)
    registry = file.registry
    province: rows.Province | None = None
    changes: list[Change] = []
    if registry is not None:
        province, changes = save_registry(writer, registry)
    plan_spec = file.plan
    if plan_spec is None:
        assert registry is not None and province is not None
        audit.record(
            writer, "import", detail=f"registry {registry.province}: {len(changes)} changes"
        )
        if changes:  # days off, members, mergers: the due dates and owners in force follow
            plans = rows.all_of(
                writer, rows.Plan, "FROM plan WHERE province_id = :province",
                {"province": province.id},
            )  # fmt: skip
            recompute(writer, plans, f"registry {registry.province}")
        return ImportResult(
            file.path,
            registry.province,
            agencies=len(registry.agencies),
            groups=len(registry.groups),
            changes=changes,
        )
    if province is None:
        province = province_named(writer, plan_spec.province)
        if province is None:
            raise InputError(
                t("err.store.no_registry", province=plan_spec.province),
                path=file.path,
                line=file.line_of(plan_spec.province),
            )
        registry = stored_registry(writer, province.id)
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
    plan, plan_changes, new = _save_plan(writer, plan_spec, province, directory, force=force)
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
        writer,
        plan,
        through=plan.through_year,
        progress=None if progress is None else lambda done, _: progress(done, steps),
    )
    if result.changes:
        _audit_import(writer, file.path, plan.code, result.changes)
    if recorded_calendar(writer) != fingerprint():
        audit.record(writer, "calendar", detail=f"{fingerprint()}: {plan.code} imported")
    result.per_year = obligations_per_year(writer, plan.id)
    result.answerable = _answerable_count(writer, plan.id)
    return result


def _audit_import(writer: Writer, path: str, plan: str, changes: list[Change]) -> None:
    """Counts per kind of change, then each change in detail (up to 50)."""
    counts = Counter(f"{c.action} {c.item.split()[0]}" for c in changes)
    summary = ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items()))
    listed = "".join(f"; {c.action} {c.item} {c.detail}".rstrip() for c in changes[:50])
    more = f"; … {len(changes) - 50} more" if len(changes) > 50 else ""
    audit.record(writer, "import", plan=plan, detail=f"{path}: {summary}{listed}{more}")


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


_PLAN_COLUMNS = (
    "code, province_id, number, title, issuer, issued, year, source, before_rule,"
    " roll_to_working_day, yearly_due, through_year, imported_at"
)


def _save_plan(
    writer: Writer,
    spec: PlanSpec,
    province: rows.Province,
    directory: Directory,
    *,
    force: bool = False,
) -> tuple[rows.Plan, list[Change], bool]:
    found = rows.all_of(writer, rows.Plan, "FROM plan WHERE code = :code", {"code": spec.code})
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
    new = not found
    if not found:
        plan_id = writer.insert(
            f"INSERT INTO plan ({_PLAN_COLUMNS}) VALUES"
            f" ({', '.join(':' + name.strip() for name in _PLAN_COLUMNS.split(','))})"
            " RETURNING id",
            {**values, "code": spec.code, "through_year": _through_year(spec),
             "imported_at": audit.now()},
        )  # fmt: skip
        plan = rows.one(writer, rows.Plan, plan_id)
        changes.append(Change("added", f"plan {spec.code}"))
    else:
        plan = found[0]
        if plan.province_id != province.id:
            raise Refused(t("err.store.plan_of_other_province", plan=spec.code))
        changes += update_row(writer, "plan", plan, values, f"plan {spec.code}")
        stamp = {
            "through_year": max(plan.through_year, _through_year(spec)),
            "imported_at": audit.now(),
        }
        update_row(writer, "plan", plan, stamp, f"plan {spec.code}")  # not a change to list
    changes += _save_tasks(writer, plan, spec.tasks, directory, force=force)
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
    writer: Writer,
    plan: rows.Plan,
    specs: list[TaskSpec],
    directory: Directory,
    *,
    force: bool = False,
) -> list[Change]:
    stored = {
        task.code: task
        for task in rows.all_of(writer, rows.Task, "FROM task WHERE plan_id = :plan",
                                {"plan": plan.id})
    }  # fmt: skip
    refs = refs_by_task(writer, plan.id)
    links = _Links(writer, directory)
    changes: list[Change] = []
    wanted = {s.code for s in specs}
    for code in sorted(set(stored) - wanted):
        task = stored.pop(code)
        if task.archived_at is None:
            changes.append(_remove_task(writer, task, force=force))
    for position, spec in enumerate(specs):
        values = _task_values(spec, position)
        values["archived_at"] = None  # a task back in the file is active again
        row = stored.get(spec.code)
        if row is None:
            task_id = writer.insert(
                "INSERT INTO task (plan_id, code, title, deliverable, deadline, schedule, note,"
                " source_line, position, archived_at) VALUES (:plan_id, :code, :title,"
                " :deliverable, :deadline, :schedule, :note, :source_line, :position,"
                " :archived_at) RETURNING id",
                {"plan_id": plan.id, "code": spec.code, **values},
            )
            changes.append(Change("added", f"task {spec.code}"))
        else:
            task_id = row.id
            for change in update_row(writer, "task", row, values, f"task {spec.code}"):
                if not change.detail.startswith("position"):
                    changes.append(change)
        changes += _save_task_agencies(writer, task_id, spec, refs.get(task_id, []), links)
    return changes


def _remove_task(writer: Writer, task: rows.Task, *, force: bool) -> Change:
    """Delete a dropped task, or archive it when work was recorded against it."""
    where = {"task": task.id}
    ((recorded,),) = writer.rows(
        "SELECT COUNT(*) FROM obligation WHERE task_id = :task"
        " AND (submitted_on IS NOT NULL OR waived_on IS NOT NULL)",
        where,
    )
    ((requests,),) = writer.rows("SELECT COUNT(*) FROM request WHERE task_id = :task", where)
    if (recorded or requests) and not force:
        raise Refused(
            t("err.store.task_has_records", task=task.code, recorded=recorded, requests=requests)
        )
    if recorded or requests:
        writer.execute(
            "UPDATE task SET archived_at = :now WHERE id = :task", {**where, "now": audit.now()}
        )
        return Change("archived", f"task {task.code}")
    owed = "SELECT id FROM obligation WHERE task_id = :task"
    writer.execute(f"DELETE FROM submission WHERE obligation_id IN ({owed})", where)
    writer.execute(f"DELETE FROM waiver WHERE obligation_id IN ({owed})", where)
    writer.execute("DELETE FROM obligation WHERE task_id = :task", where)
    writer.execute("DELETE FROM task_agency WHERE task_id = :task", where)
    writer.execute("DELETE FROM task WHERE id = :task", where)
    return Change("removed", f"task {task.code}")


class _Links:
    """The ids of a registry's agencies and groups, read once when first needed."""

    def __init__(self, reader: Reader, directory: Directory) -> None:
        self.reader, self.directory = reader, directory
        self._ids: tuple[dict[str, int], dict[str, int]] | None = None

    def ids(self) -> tuple[dict[str, int], dict[str, int]]:
        if self._ids is None:
            self._ids = registry_ids(self.reader, self.directory)
        return self._ids


def _save_task_agencies(
    writer: Writer,
    task_id: int,
    spec: TaskSpec,
    current: list[tuple[str, str, str]],
    links: _Links,
) -> list[Change]:
    wanted: list[tuple[str, str, str]] = []
    for role, refs in (("lead", spec.lead), ("support", spec.support)):
        for ref_text in refs:
            ref = links.directory.find(ref_text)
            wanted.append((role, ref.kind, ref.code))
    if current == wanted:
        return []
    if current:
        writer.execute("DELETE FROM task_agency WHERE task_id = :task", {"task": task_id})
    agency_ids, group_ids = links.ids()
    writer.many(
        "INSERT INTO task_agency (task_id, role, agency_id, group_id, position)"
        " VALUES (:task, :role, :agency, :group, :position)",
        [
            {
                "task": task_id,
                "role": role,
                "agency": agency_ids[code] if kind == "agency" else None,
                "group": group_ids[code] if kind == "group" else None,
                "position": position,
            }
            for position, (role, kind, code) in enumerate(wanted)
        ],
    )
    if not current:
        return []
    return [Change("changed", f"task {spec.code}", "agencies")]


def obligations_per_year(reader: Reader, plan_id: int) -> dict[str, int]:
    """How many obligations the plan's active tasks owe, by year ("ongoing": no due date)."""
    found = reader.rows(
        "SELECT o.year, o.effective_due IS NULL, COUNT(*) FROM obligation o"
        " JOIN task t ON t.id = o.task_id"
        " WHERE t.plan_id = :plan AND t.archived_at IS NULL"
        " GROUP BY o.year, o.effective_due IS NULL",
        {"plan": plan_id},
    )
    counts: Counter[str] = Counter()
    for year, ongoing, count in found:
        counts["ongoing" if ongoing else str(year)] += count
    return dict(sorted(counts.items()))


def _answerable_count(reader: Reader, plan_id: int) -> int:
    ((count,),) = reader.rows(
        "SELECT COUNT(DISTINCT o.agency_id) FROM obligation o JOIN task t ON t.id = o.task_id"
        " WHERE t.plan_id = :plan AND t.archived_at IS NULL",
        {"plan": plan_id},
    )
    return int(count)
