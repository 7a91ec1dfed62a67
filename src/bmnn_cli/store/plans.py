"""Plans and registries in the database: import, re-import, export.

Re-importing a plan updates it in place: tasks are matched by their id in
the document, obligations by (task, agency, period), so submissions and
waivers recorded against them survive any change of wording or dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from bmnn_cli.domain import obligations as obl
from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.domain.deadlines import Rules, WorkCalendar
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.planfile import (
    AgencySpec,
    GroupSpec,
    PlanFile,
    PlanSpec,
    RegistrySpec,
    TaskSpec,
)
from bmnn_cli.domain.schedule import Part, part_from_dict, part_to_dict
from bmnn_cli.errors import InputError, NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.models import (
    Agency,
    AgencyGroup,
    GroupMember,
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


@dataclass(frozen=True)
class Change:
    action: str  # added | removed | changed
    item: str
    detail: str = ""


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


now = audit.now


def _json(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)


# -- registry ----------------------------------------------------------------


def load_registry(session: Session, province: Province) -> RegistrySpec:
    """The registry as a spec, so one matching code serves files and database."""
    from bmnn_cli.store import registry
    from bmnn_cli.store.reader import reader_of

    return registry.load_registry(reader_of(session), key(province))


def calendar_of(province: Province) -> WorkCalendar:
    return WorkCalendar.of(
        (dt.date.fromisoformat(d) for d in json.loads(province.days_off)),
        (dt.date.fromisoformat(d) for d in json.loads(province.working_days)),
    )


def save_registry(session: Session, spec: RegistrySpec) -> tuple[Province, list[Change]]:
    """Insert or update a province's registry; agencies are never deleted."""
    changes: list[Change] = []
    province = session.exec(select(Province).where(Province.code == spec.province)).first()
    values: dict[str, Any] = {
        "name": spec.name,
        "days_off": _json(sorted(d.isoformat() for d in spec.days_off)),
        "working_days": _json(sorted(d.isoformat() for d in spec.working_days)),
    }
    if province is None:
        province = Province(code=spec.province, **values)
        session.add(province)
        changes.append(Change("added", f"province {spec.province}"))
    else:
        changes += _update(province, values, f"province {spec.province}")
    session.flush()
    assert province.id is not None
    groups = _save_groups(session, province.id, spec.groups, changes)
    agencies = _save_agencies(session, province.id, spec.agencies, changes)
    _save_links(session, spec, groups, agencies, changes)
    return province, changes


def _update(row: Any, values: dict[str, Any], item: str) -> list[Change]:
    changes = []
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            changes.append(Change("changed", item, f"{name}: {old!r} → {value!r}"))
            setattr(row, name, value)
    return changes


def _save_groups(
    session: Session, province_id: int, specs: list[GroupSpec], changes: list[Change]
) -> dict[str, AgencyGroup]:
    rows = {
        g.code: g
        for g in session.exec(select(AgencyGroup).where(AgencyGroup.province_id == province_id))
    }
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "aliases": _json(spec.aliases),
            "position": position,
        }
        if spec.code in rows:
            changes += _update(rows[spec.code], values, f"group {spec.code}")
        else:
            rows[spec.code] = AgencyGroup(province_id=province_id, code=spec.code, **values)
            session.add(rows[spec.code])
            changes.append(Change("added", f"group {spec.code}"))
    session.flush()
    return rows


def _save_agencies(
    session: Session, province_id: int, specs: list[AgencySpec], changes: list[Change]
) -> dict[str, Agency]:
    rows = {
        a.code: a for a in session.exec(select(Agency).where(Agency.province_id == province_id))
    }
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "aliases": _json(spec.aliases),
            "emails": _json(spec.emails),
            "merged_on": spec.merged_on,
            "position": position,
        }
        if spec.code in rows:
            changes += _update(rows[spec.code], values, f"agency {spec.code}")
        else:
            rows[spec.code] = Agency(province_id=province_id, code=spec.code, **values)
            session.add(rows[spec.code])
            changes.append(Change("added", f"agency {spec.code}"))
    session.flush()
    return rows


def _save_links(
    session: Session,
    spec: RegistrySpec,
    groups: dict[str, AgencyGroup],
    agencies: dict[str, Agency],
    changes: list[Change],
) -> None:
    for agency_spec in spec.agencies:
        row = agencies[agency_spec.code]
        successor = agencies[agency_spec.successor].id if agency_spec.successor else None
        if row.successor_id != successor:
            row.successor_id = successor
            if successor is not None:
                changes.append(
                    Change("changed", f"agency {row.code}", f"merged into {agency_spec.successor}")
                )
        wanted = {(key(groups[m.group]), m.since) for m in agency_spec.groups}
        current = set(
            session.exec(
                select(GroupMember.group_id, col(GroupMember.since)).where(
                    GroupMember.agency_id == row.id
                )
            ).all()
        )
        if wanted != current:
            session.execute(delete(GroupMember).where(col(GroupMember.agency_id) == row.id))
            for group_id, since in wanted:
                session.add(GroupMember(group_id=group_id, agency_id=key(row), since=since))
            if current:
                changes.append(Change("changed", f"agency {row.code}", "groups"))
    session.flush()


# -- plans ---------------------------------------------------------------------


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
        registry = load_registry(session, province)
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


# What a question or a write may add to a plan when it extends open-ended
# schedules to a later year: the plan file's own bounds are checked when it
# is read (domain.obligations: years, periods, obligations); extending keeps
# within MAX_PLAN_YEARS of the plan's year and the same obligation limit, so a
# far --as-of is one clear message, not hours of work.
MAX_PLAN_YEARS = 50


def _check_size(plan: Plan, planned: list[tuple[list[Part], int]], through: int) -> None:
    """Refuse, before anything is written, an extension that would owe too much."""
    if through - plan.year >= MAX_PLAN_YEARS:
        raise InputError(
            t("err.hostile.plan_too_long", plan=plan.code, year=plan.year, through=through,
              limit=MAX_PLAN_YEARS)
        )  # fmt: skip
    total = 0
    for parts, agencies in planned:
        for part in parts:
            periods = sum(1 for _ in part.occurrences(plan.year, through, (12, 31)))
            total += periods * agencies
            if total > obl.MAX_OBLIGATIONS:
                raise InputError(
                    t("err.hostile.plan_too_big", plan=plan.code, through=through,
                      limit=obl.MAX_OBLIGATIONS)
                )  # fmt: skip


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
        plan = Plan(code=spec.code, through_year=_through_year(spec), imported_at=now(), **values)
        session.add(plan)
        changes.append(Change("added", f"plan {spec.code}"))
    else:
        if plan.province_id != province.id:
            raise Refused(t("err.store.plan_of_other_province", plan=spec.code))
        changes += _update(plan, values, f"plan {spec.code}")
        plan.through_year = max(plan.through_year, _through_year(spec))
        plan.imported_at = now()
    session.flush()
    changes += _save_tasks(session, plan, spec.tasks, directory, force=force)
    return plan, changes, new


def _task_values(spec: TaskSpec, position: int) -> dict[str, Any]:
    return {
        "title": spec.title,
        "deliverable": spec.deliverable,
        "deadline": spec.deadline,
        "schedule": _json([part_to_dict(p) for p in spec.parts]),
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
            for change in _update(row, values, f"task {spec.code}"):
                if not change.detail.startswith("position"):
                    changes.append(change)
        changes += _save_task_agencies(session, row, spec, directory)
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
        task.archived_at = now()
        session.add(task)
        return Change("archived", f"task {task.code}")
    ids = select(Obligation.id).where(Obligation.task_id == task.id)
    session.execute(delete(Submission).where(col(Submission.obligation_id).in_(ids)))
    session.execute(delete(Waiver).where(col(Waiver.obligation_id).in_(ids)))
    session.execute(delete(Obligation).where(col(Obligation.task_id) == task.id))
    session.execute(delete(TaskAgency).where(col(TaskAgency.task_id) == task.id))
    session.delete(task)
    return Change("removed", f"task {task.code}")


def _save_task_agencies(
    session: Session, task: Task, spec: TaskSpec, directory: Directory
) -> list[Change]:
    assert task.id is not None
    wanted: list[tuple[str, str, str]] = []
    for role, refs in (("lead", spec.lead), ("support", spec.support)):
        for ref_text in refs:
            ref = directory.find(ref_text)
            wanted.append((role, ref.kind, ref.code))
    current = _task_refs(session, task.id)
    if current == wanted:
        return []
    session.execute(delete(TaskAgency).where(col(TaskAgency.task_id) == task.id))
    agency_ids, group_ids = _ids(session, directory)
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


def _ids(session: Session, directory: Directory) -> tuple[dict[str, int], dict[str, int]]:
    province = session.exec(
        select(Province).where(Province.code == directory.registry.province)
    ).one()
    agencies = dict(
        session.exec(select(Agency.code, Agency.id).where(Agency.province_id == province.id)).all()
    )
    groups = dict(
        session.exec(
            select(AgencyGroup.code, AgencyGroup.id).where(AgencyGroup.province_id == province.id)
        ).all()
    )
    return agencies, groups  # type: ignore[return-value]


def _task_refs(session: Session, task_id: int) -> list[tuple[str, str, str]]:
    rows = session.exec(
        select(TaskAgency.role, Agency.code, AgencyGroup.code)
        .select_from(TaskAgency)
        .outerjoin(Agency, col(Agency.id) == TaskAgency.agency_id)
        .outerjoin(AgencyGroup, col(AgencyGroup.id) == TaskAgency.group_id)
        .where(TaskAgency.task_id == task_id)
        .order_by(col(TaskAgency.position))
    ).all()
    return [(role, "agency" if a else "group", a or g) for role, a, g in rows]


# -- obligations ---------------------------------------------------------------


def rules_of(plan: Plan) -> Rules:
    month, day = (int(x) for x in plan.yearly_due.split("-"))
    return Rules(plan.before_rule, bool(plan.roll_to_working_day), (month, day))


def task_parts(task: Task) -> list[Part]:
    return [
        part_from_dict(raw, where=t("err.input.where_task_code", code=task.code))
        for raw in _dates(json.loads(task.schedule))
    ]


def _dates(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for part in parts:
        for name in ("date", "expected", "event_date", "from", "until"):
            if isinstance(part.get(name), str):  # stored as ISO text; years stay numbers
                part[name] = dt.date.fromisoformat(part[name])
    return parts


def sync_obligations(
    session: Session,
    plan: Plan,
    *,
    through: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Make the recorded obligations of a plan match its tasks, up to `through`;
    `progress` hears of each task done."""
    province = session.get(Province, plan.province_id)
    assert province is not None and plan.id is not None
    directory = Directory(load_registry(session, province))
    calendar, rules = calendar_of(province), rules_of(plan)
    agency_ids, _ = _ids(session, directory)
    tasks = session.exec(
        select(Task).where(Task.plan_id == plan.id).where(col(Task.archived_at).is_(None))
    ).all()
    planned = []
    for task in tasks:
        assert task.id is not None
        leads = [code for role, _kind, code in _task_refs(session, task.id) if role == "lead"]
        parts = dated_by_events(task_parts(task), _events(session, task))
        planned.append((task, parts, obl.answerable(directory, leads)))
    _check_size(plan, [(parts, len(people)) for _, parts, people in planned], through)
    for task, parts, people in planned:
        assert task.id is not None
        wanted = list(
            obl.scheduled(
                parts,
                people,
                first_year=plan.year,
                through=through,
                rules=rules.for_phrase(task.deadline),
                calendar=calendar,
            )
        )
        wanted += _requested(session, task, people, rules, calendar, own=event_bounds_duty(parts))
        _apply(session, task.id, wanted, directory, agency_ids)
        if progress is not None:
            progress(1, len(planned))
    plan.through_year = max(plan.through_year, through)
    session.flush()


def _events(session: Session, task: Task) -> list[Request]:
    return list(
        session.exec(
            select(Request)
            .where(Request.task_id == task.id)
            .where(Request.kind == "event")
            .order_by(col(Request.id))
        )
    )


def event_bounds_duty(parts: list[Part]) -> bool:
    """The task's event dates or ends its own duty ("N ngày trước …", "đến khi …").

    Such an event makes no obligations of its own, unlike "sau khi …" (Art. 147).
    """
    kinds = {p.kind for p in parts}
    return bool(kinds & {"before_event", "until_event"}) and "after_event" not in kinds


def dated_by_events(parts: list[Part], events: list[Request]) -> list[Part]:
    """Parts counted back from an event the plan left undated, dated by the recorded one."""
    if not events or not event_bounds_duty(parts):
        return parts
    day = events[-1].happened_on
    return [
        replace(p, event_date=day) if p.kind == "before_event" and p.event_date is None else p
        for p in parts
    ]


def _requested(
    session: Session,
    task: Task,
    people: list[obl.Answerable],
    rules: Rules,
    calendar: WorkCalendar,
    *,
    own: bool,
) -> list[obl.Wanted]:
    out: list[obl.Wanted] = []
    all_agencies = [p.agency for p in people]
    for request in session.exec(select(Request).where(Request.task_id == task.id)):
        assert request.id is not None
        if own and request.kind == "event":
            continue  # it dated or ended the task's own duty: nothing more owed
        addressed = json.loads(request.agencies) or all_agencies
        out += obl.requested(
            request.id, request.happened_on, request.due, addressed, rules=rules, calendar=calendar
        )
    return out


def _apply(
    session: Session,
    task_id: int,
    wanted: list[obl.Wanted],
    directory: Directory,
    agency_ids: dict[str, int],
) -> None:
    existing = {
        (row.agency_id, row.period): row
        for row in session.exec(select(Obligation).where(Obligation.task_id == task_id))
    }
    desired: dict[tuple[int, str], dict[str, Any]] = {}
    for item in wanted:
        owner, inherited = _owner(item, directory, existing, agency_ids)
        key = (agency_ids[owner], item.period)
        if key in desired and inherited is not None:
            continue  # the successor owes this period itself
        desired[key] = {
            "task_id": task_id,
            "agency_id": key[0],
            "period": item.period,
            "year": item.year,
            "starts_on": item.starts_on,
            "scheduled_due": item.scheduled_due,
            "effective_due": item.effective_due,
            "request_id": item.request_id,
            "inherited_from": agency_ids[inherited] if inherited else None,
            "begins_on": item.begins_on,
        }
    new_rows = [values for key, values in desired.items() if key not in existing]
    if new_rows:
        session.execute(insert(Obligation), new_rows)
    for key, row in existing.items():
        values = desired.get(key)
        if values is None:
            if (
                row.submitted_on is None
                and row.waived_on is None
                and not _has_history(session, row)
            ):
                session.delete(row)
            continue
        for name in (
            "year",
            "starts_on",
            "scheduled_due",
            "effective_due",
            "request_id",
            "inherited_from",
            "begins_on",
        ):
            if getattr(row, name) != values[name]:
                setattr(row, name, values[name])


def _has_history(session: Session, row: Obligation) -> bool:
    return (
        session.exec(
            select(Submission.id).where(Submission.obligation_id == row.id).limit(1)
        ).first()
        is not None
    )


def _owner(
    item: obl.Wanted,
    directory: Directory,
    existing: dict[tuple[int, str], Obligation],
    agency_ids: dict[str, int],
) -> tuple[str, str | None]:
    """Who owes `item`: a merged agency's open duties pass to its successor."""
    successor = directory.final_successor(item.agency)
    agency = directory.agencies[item.agency]
    if successor is None or agency.merged_on is None:
        return item.agency, None
    due = item.effective_due
    if due is not None and due < agency.merged_on:
        row = existing.get((agency_ids[item.agency], item.period))
        if row is not None and (row.submitted_on or row.waived_on):
            return item.agency, None  # done before the merger: it stays on record
    return successor, item.agency


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


# -- the calendar and registry in force ------------------------------------------


def recompute(session: Session, plans: list[Plan], why: str, *, action: str = "recompute") -> int:
    """Recompute the obligations of `plans` (due dates, owners); audit what moved.

    The audit entry names each due date that moved (up to 50) as
    "TASK AGENCY PERIOD OLD -> NEW". Returns how many moved.
    """
    before = _due_dates(session, plans)
    for plan in plans:
        sync_obligations(session, plan, through=plan.through_year)
    after = _due_dates(session, plans)
    moved = sorted(
        (where, old, after[where]) for where, old in before.items()
        if where in after and after[where] != old
    )  # fmt: skip
    listed = "".join(
        f"; {' '.join(where)} {old or '-'} -> {new or '-'}" for where, old, new in moved[:50]
    )
    more = f"; … {len(moved) - 50} more" if len(moved) > 50 else ""
    if plans:
        audit.record(session, action, detail=f"{why}: {len(moved)} due dates moved{listed}{more}")
    return len(moved)


def _due_dates(session: Session, plans: list[Plan]) -> dict[tuple[str, str, str], str | None]:
    from bmnn_cli.store.reader import reader_of

    if not plans:
        return {}
    marks = ", ".join(f":p{n}" for n in range(len(plans)))
    rows = reader_of(session).rows(
        "SELECT t.code, a.code, o.period, o.effective_due FROM obligation o"
        " JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = o.agency_id"
        f" WHERE t.plan_id IN ({marks})",
        {f"p{n}": plan.id for n, plan in enumerate(plans)},
    )
    return {(task, agency, period): str(due) if due else None for task, agency, period, due in rows}


def recorded_calendar(session: Session) -> str | None:
    """The calendar data the stored due dates were computed with (its fingerprint)."""
    from bmnn_cli.store.reader import calendar_of_log, reader_of

    return calendar_of_log(reader_of(session))


def calendar_is_stale(session: Session) -> bool:
    """Whether stored due dates were computed with other calendar data than this bmnn's."""
    has_plans = session.exec(select(Plan.id).limit(1)).first() is not None
    return has_plans and recorded_calendar(session) != fingerprint()


def follow_calendar(session: Session) -> None:
    """Move the stored due dates to the calendar data of this bmnn, if it changed.

    An upgrade can bring a year's announced days off; the due dates in force
    follow in this transaction, with a "calendar" audit entry naming them.
    """
    if calendar_is_stale(session):
        plans = list(session.exec(select(Plan).order_by(col(Plan.id))).all())
        recompute(session, plans, fingerprint(), action="calendar")


# How far past the newest plan's year a question may look. Open-ended schedules
# grow to the year asked about, so a mistyped year (2206 for 2026) must not
# write centuries of obligations before anyone notices.
YEARS_AHEAD = 25


def check_year(session: Session, year: int) -> None:
    """Refuse a year too far beyond the newest plan (a mistyped --as-of or --year)."""
    newest = session.exec(select(func.max(Plan.year))).one()
    if newest is not None and year > newest + YEARS_AHEAD:
        raise UsageError(
            t("err.date.too_far", year=year, newest=newest, limit=newest + YEARS_AHEAD)
        )


def ensure_through(session: Session, year: int) -> None:
    """Open-ended schedules owe up to the year asked about: extend them, with an audit entry.

    Run in the transaction of the command that needs them; a question rolls
    its transaction back (`Store.read`), so only a writing command stores them.
    """
    check_year(session, year)
    for plan in session.exec(select(Plan).where(Plan.through_year < year)).all():
        before = plan.through_year
        counted = _count_obligations(session, plan)
        sync_obligations(session, plan, through=year)
        added = _count_obligations(session, plan) - counted
        audit.record(
            session, "extend", plan=plan.code,
            detail=f"{before + 1}-{year}: {added} obligations",
        )  # fmt: skip


def _count_obligations(session: Session, plan: Plan) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Obligation)
            .join(Task, col(Task.id) == Obligation.task_id)
            .where(Task.plan_id == plan.id)
        ).one()
    )


def needs_extension(session: Session, year: int) -> bool:
    return (
        session.exec(select(Plan.id).where(Plan.through_year < year).limit(1)).first() is not None
    )


# -- export --------------------------------------------------------------------


def find_plan(session: Session, text: str) -> Plan:
    from bmnn_cli.store.lookup import plan_ref

    plan = session.get(Plan, plan_ref(session, text).id)
    assert plan is not None
    return plan


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
    for task in session.exec(active.order_by(col(Task.position))):
        assert task.id is not None
        refs = _task_refs(session, task.id)
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
    return spec, load_registry(session, province)
