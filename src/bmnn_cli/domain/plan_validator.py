"""Checking what a plan or registry file holds and turning it into specs.

Everything that can be checked without a database is checked here, and a
fault names the file, line and value; references to agencies are resolved
later against the registry (`domain.directory`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bmnn_cli.domain.deadlines import Rules
from bmnn_cli.domain.schedule import Part, part_from_dict
from bmnn_cli.domain.specs import (
    AgencySpec,
    GroupSpec,
    Membership,
    PlanFile,
    PlanSpec,
    RegistrySpec,
    TaskSpec,
)
from bmnn_cli.domain.toml_table import Table
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.text import clean, did_you_mean

AGENCY_KINDS = (
    "police", "army", "department", "office", "committee", "union", "media", "commune", "ward",
    "other",
)  # fmt: skip


DELIVERABLES = ("plan", "report", "training", "inspection", "other")


def parse(data: Mapping[str, Any], *, path: str, text: str = "") -> PlanFile:
    file = PlanFile(path=path, text=text)
    top = Table(
        file,
        data,
        t("err.input.where_file"),
        ("registry", "province", "groups", "agencies", "plan", "tasks"),
    )
    if "tasks" in data and "plan" not in data:
        top.fail(t("err.input.tasks_without_plan"), "tasks")
    if "plan" not in data and "province" not in data and "registry" not in data:
        top.fail(t("err.input.neither_plan_nor_registry"))
    if "province" in data and "registry" in data:
        top.fail(t("err.input.registry_twice"), "registry")
    if "province" in data:
        file.registry = _registry(file, data)
    elif "registry" in data:
        file.registry = _linked_registry(file, top.text("registry"))
    if "plan" in data:
        file.plan = _plan(file, data)
    return file


def _linked_registry(file: PlanFile, relative: str) -> RegistrySpec:
    from bmnn_cli.domain.planfile import load  # reading the linked file validates it in turn

    target = Path(file.path).parent / relative
    linked = load(target)
    if linked.registry is None:
        raise InputError(t("err.input.linked_not_registry", relative=relative), path=file.path)
    return linked.registry


def _registry(file: PlanFile, data: Mapping[str, Any]) -> RegistrySpec:
    if not isinstance(data["province"], dict):
        Table(file, {}, t("err.input.where_file"), ()).fail(
            t("err.input.province_not_table"), "province"
        )
    province = Table(
        file, data["province"], "[province]", ("id", "name", "days_off", "working_days")
    )
    registry = RegistrySpec(
        province=province.slug("id"),
        name=province.text("name"),
        days_off=province.dates("days_off"),
        working_days=province.dates("working_days"),
    )
    top = Table(file, data, t("err.input.where_file"), tuple(data))
    seen: set[str] = set()
    for number, raw in enumerate(top.tables("groups"), start=1):
        group = Table(file, raw, f"[[groups]] #{number}", ("id", "name", "aliases"))
        spec = GroupSpec(group.slug("id"), group.text("name"), group.texts("aliases"))
        _unique(group, seen, spec.code)
        registry.groups.append(spec)
    for number, raw in enumerate(top.tables("agencies"), start=1):
        registry.agencies.append(_agency(file, raw, number, seen))
    _check_registry_links(file, registry)
    return registry


def _unique(reader: Table, seen: set[str], code: str) -> None:
    if code in seen:
        reader.fail(t("err.input.duplicate_id", where=reader.where, code=code), code)
    seen.add(code)


def _check_mailboxes(reader: Table, spec: AgencySpec) -> None:
    """The name and addresses of an agency become e-mail headers: refuse what cannot."""
    from bmnn_cli.domain.addresses import is_address, name_problem

    if name_problem(spec.name):
        reader.fail(t("err.hostile.bad_name", agency=spec.code, name=spec.name), "name")
    for address in spec.emails:
        if not is_address(address):
            reader.fail(t("err.hostile.bad_email", agency=spec.code, address=address), address)


def _agency(file: PlanFile, raw: Mapping[str, Any], number: int, seen: set[str]) -> AgencySpec:
    keys = ("id", "name", "aliases", "kind", "groups", "emails", "successor", "merged_on")
    reader = Table(file, raw, f"[[agencies]] #{number}", keys)
    code = reader.slug("id")
    reader.where = t("err.input.where_agency", code=code)
    _unique(reader, seen, code)
    spec = AgencySpec(
        code=code,
        name=reader.text("name"),
        kind=reader.choice("kind", AGENCY_KINDS, default="other"),
        aliases=reader.texts("aliases"),
        emails=reader.texts("emails"),
        successor=reader.text("successor", required=False) or None,
        merged_on=reader.date("merged_on"),
    )
    _check_mailboxes(reader, spec)
    for entry in raw.get("groups", []) if isinstance(raw.get("groups", []), list) else [None]:
        spec.groups.append(_membership(reader, entry))
    if spec.successor and spec.merged_on is None:
        reader.fail(t("err.input.successor_without_date", agency=code), spec.successor)
    return spec


def _membership(reader: Table, entry: object) -> Membership:
    if isinstance(entry, str):
        return Membership(clean(entry))
    if isinstance(entry, dict) and isinstance(entry.get("group"), str):
        since = entry.get("since")
        if since is not None and type(since) is not dt.date:
            reader.fail(t("err.input.since_not_date", where=reader.where, since=since), "since")
        extra = set(entry) - {"group", "since"}
        if extra:
            key = sorted(extra)[0]
            reader.fail(
                t("err.input.membership_unknown_key", where=reader.where, field=key), "groups"
            )
        return Membership(clean(entry["group"]), since)
    reader.fail(t("err.input.membership_form", where=reader.where), "groups")
    raise AssertionError  # unreachable: fail() raises


def _check_registry_links(file: PlanFile, registry: RegistrySpec) -> None:
    groups = {g.code for g in registry.groups}
    agencies = {a.code for a in registry.agencies}
    reader = Table(file, {}, "registry", ())
    for agency in registry.agencies:
        for membership in agency.groups:
            if membership.group not in groups:
                hint = _did_you_mean(membership.group, groups)
                reader.fail(
                    t(
                        "err.input.unknown_group_of",
                        agency=agency.code,
                        group=membership.group,
                        hint=hint,
                    ),
                    membership.group,
                )
        if agency.successor and agency.successor not in agencies:
            hint = _did_you_mean(agency.successor, agencies)
            reader.fail(
                t(
                    "err.input.unknown_successor",
                    agency=agency.code,
                    successor=agency.successor,
                    hint=hint,
                ),
                agency.successor,
            )


def _did_you_mean(value: str, choices: set[str] | list[str]) -> str:
    return did_you_mean(difflib.get_close_matches(value, sorted(choices), n=3, cutoff=0.6))


def _plan(file: PlanFile, data: Mapping[str, Any]) -> PlanSpec:
    if not isinstance(data["plan"], dict):
        Table(file, {}, t("err.input.where_file"), ()).fail(t("err.input.plan_not_table"), "plan")
    keys = ("id", "number", "title", "issuer", "province", "issued", "year", "source", "deadlines")
    reader = Table(file, data["plan"], "[plan]", keys)
    year = reader.integer("year")
    assert year is not None
    if not 1900 <= year <= 2200:
        reader.fail(t("err.input.year_out_of_range", year=year), "year")
    plan = PlanSpec(
        code=reader.slug("id"),
        title=reader.text("title"),
        province=reader.slug("province"),
        year=year,
        number=reader.text("number", required=False),
        issuer=reader.text("issuer", required=False),
        issued=reader.date("issued"),
        source=reader.text("source", required=False),
        rules=_rules(file, data["plan"].get("deadlines", {})),
    )
    if file.registry and file.registry.province != plan.province:
        reader.fail(
            t(
                "err.input.province_mismatch",
                province=plan.province,
                registry=file.registry.province,
            ),
            plan.province,
        )
    top = Table(file, data, t("err.input.where_file"), tuple(data))
    seen: set[str] = set()
    made = 0
    for number, raw in enumerate(top.tables("tasks"), start=1):
        task = _task(file, raw, number, plan.year)
        where = t("err.input.where_task", code=task.code)
        if task.code in seen:
            Table(file, raw, where, tuple(raw)).fail(
                t("err.input.duplicate_task", code=task.code), task.code
            )
        seen.add(task.code)
        made += _bounded(Table(file, raw, where, tuple(raw)), task, plan, made)
        plan.tasks.append(task)
    return plan


def _bounded(reader: Table, task: TaskSpec, plan: PlanSpec, made: int) -> int:
    """The periods `task` makes, refused when its years or the plan's total are out of bounds.

    Checked here, before any database: a plan of monthly tasks over three centuries
    would otherwise write millions of obligations before anyone could stop it.
    """
    from bmnn_cli.domain import obligations as obl

    first, last = plan.year - obl.YEARS_BEFORE, plan.year + obl.YEARS_AFTER
    value = task.deadline or task.code
    for part in task.parts:
        for year in (part.first_year, part.last_year, part.start, part.until):
            if year is not None and not first <= year <= last:
                reader.fail(
                    t("err.deadlines.year_outside_plan", where=reader.where, year=year,
                      plan_year=plan.year, first=first, last=last),
                    value,
                )  # fmt: skip
    count = obl.periods(task.parts, plan.year, plan.rules.yearly_due)
    if made + count > obl.MAX_PERIODS:
        reader.fail(
            t("err.deadlines.too_many_periods", where=reader.where, count=made + count,
              through=plan.year + obl.HORIZON, limit=obl.MAX_PERIODS),
            value,
        )  # fmt: skip
    return count


def _rules(file: PlanFile, raw: object) -> Rules:
    if not isinstance(raw, dict):
        Table(file, {}, "[plan.deadlines]", ()).fail(t("err.input.deadlines_not_table"))
    assert isinstance(raw, dict)
    reader = Table(file, raw, "[plan.deadlines]", ("before", "roll_to_working_day", "yearly_due"))
    before = reader.choice("before", ("inclusive", "strict"), default="inclusive")
    roll = raw.get("roll_to_working_day", True)
    if type(roll) is not bool:
        reader.fail(t("err.input.roll_not_bool", roll=roll))
    yearly = reader.text("yearly_due", required=False, default="12-31")
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", yearly)
    try:
        month, day = (int(match[1]), int(match[2])) if match else (0, 0)
        dt.date(2023, month, day)  # a common year: 29/02 would vanish three years in four
    except ValueError:
        reader.fail(t("err.input.yearly_due_form", yearly=yearly), yearly)
    return Rules(before=before, roll_to_working_day=bool(roll), yearly_due=(month, day))


def _task(file: PlanFile, raw: Mapping[str, Any], number: int, year: int) -> TaskSpec:
    keys = (
        "id", "title", "lead", "support", "deliverable", "deadline", "schedule", "note",
        "source_line",
    )  # fmt: skip
    reader = Table(file, raw, f"[[tasks]] #{number}", keys)
    code = reader.text("id")
    reader.where = t("err.input.where_task", code=code)
    lead = reader.texts("lead")
    if not lead:
        reader.fail(t("err.input.no_lead", code=code), code)
    deadline = reader.text("deadline", required=False)
    task = TaskSpec(
        code=code,
        title=reader.text("title"),
        lead=lead,
        support=reader.texts("support"),
        deliverable=reader.choice("deliverable", DELIVERABLES, default="other"),
        deadline=deadline,
        parts=[],
        note=reader.text("note", required=False),
        source_line=reader.integer("source_line", required=False),
    )
    for index, part in enumerate(reader.tables("schedule"), start=1):
        try:
            where = t("err.input.where_task_schedule", code=code, index=index)
            task.parts.append(part_from_dict(part, where=where))
        except InputError as error:
            reader.fail(error.message, str(part.get("kind", "schedule")))
    if not task.parts:
        task.parts = _parts_from_phrase(reader, deadline, year)
    return task


def _parts_from_phrase(reader: Table, deadline: str, year: int) -> list[Part]:
    """A task with only its phrase gets the schedule the phrase parser reads."""
    from bmnn_cli.domain.phrases import parse_phrase

    where = reader.where
    if not deadline:
        reader.fail(t("err.input.no_deadline", where=where))
    reading = parse_phrase(deadline, year=year)
    if not reading.parts or not reading.confident:
        reader.fail(t("err.input.deadline_unread", where=where, deadline=deadline), deadline)
    within = t("err.input.where_deadline", where=where)
    return [part_from_dict(p, where=within) for p in reading.parts]
