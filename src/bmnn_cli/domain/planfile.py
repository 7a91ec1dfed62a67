"""Reading and writing plan and registry files (TOML).

The format is documented in docs/plan-format.md. Reading validates
everything it can without a database and names the file, line and value at
fault; references to agencies are resolved later against the registry.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmnn_cli.domain.deadlines import Rules
from bmnn_cli.domain.schedule import Part, part_from_dict, part_to_dict
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.text import clean, did_you_mean

MAX_BYTES = 5 * 1024 * 1024
AGENCY_KINDS = (
    "police", "army", "department", "office", "committee", "union", "media", "commune", "ward",
    "other",
)  # fmt: skip
DELIVERABLES = ("plan", "report", "training", "inspection", "other")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass
class Membership:
    group: str
    since: dt.date | None = None


@dataclass
class AgencySpec:
    code: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    groups: list[Membership] = field(default_factory=list)
    successor: str | None = None
    merged_on: dt.date | None = None


@dataclass
class GroupSpec:
    code: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class RegistrySpec:
    province: str
    name: str
    days_off: list[dt.date] = field(default_factory=list)
    working_days: list[dt.date] = field(default_factory=list)
    groups: list[GroupSpec] = field(default_factory=list)
    agencies: list[AgencySpec] = field(default_factory=list)


@dataclass
class TaskSpec:
    code: str
    title: str
    lead: list[str]
    support: list[str]
    deliverable: str
    deadline: str
    parts: list[Part]
    note: str = ""
    source_line: int | None = None


@dataclass
class PlanSpec:
    code: str
    title: str
    province: str
    year: int
    number: str = ""
    issuer: str = ""
    issued: dt.date | None = None
    source: str = ""
    rules: Rules = field(default_factory=Rules)
    tasks: list[TaskSpec] = field(default_factory=list)


@dataclass
class PlanFile:
    """What one file holds: a registry, a plan, or both."""

    path: str
    text: str
    registry: RegistrySpec | None = None
    plan: PlanSpec | None = None

    def line_of(self, value: str) -> int | None:
        """The first line where `value` appears quoted, to point a person at it."""
        needle = f'"{value}"'
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return number
        return None


class _Reader:
    """Typed access to a TOML table, with messages that say where."""

    def __init__(
        self, file: PlanFile, table: Mapping[str, Any], where: str, allowed: tuple[str, ...]
    ):
        self.file, self.table, self.where = file, table, where
        for key in table:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                more = did_you_mean(hint)
                self.fail(t("err.input.unknown_key", where=where, field=key, hint=more), key)

    def fail(self, message: str, value: str | None = None) -> None:
        line = self.file.line_of(value) if value else None
        if line is None and value:
            line = _line_of_key(self.file.text, value)
        raise InputError(message, path=self.file.path, line=line)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(t("err.input.missing_field", where=self.where, field=key))
            return default
        if not isinstance(value, str):
            self.fail(t("err.input.not_text", where=self.where, field=key, value=value), key)
        self.refuse_controls(key, value)
        cleaned = clean(str(value))
        if required and not cleaned:
            self.fail(t("err.input.empty_field", where=self.where, field=key), key)
        return cleaned

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not _SLUG.match(value):
            self.fail(t("err.input.not_slug", where=self.where, field=key, value=value), value)
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(t("err.input.missing_field", where=self.where, field=key))
            return None
        if type(value) is not int:
            self.fail(t("err.input.not_integer", where=self.where, field=key, value=value), key)
        return int(value)

    def date(self, key: str) -> dt.date | None:
        value = self.table.get(key)
        if value is None:
            return None
        if type(value) is not dt.date:
            self.fail(t("err.input.not_date", where=self.where, field=key, value=value), key)
        return value

    def dates(self, key: str) -> list[dt.date]:
        values = self.table.get(key, [])
        if not isinstance(values, list) or any(type(v) is not dt.date for v in values):
            self.fail(t("err.input.not_dates", where=self.where, field=key), key)
        return list(values)

    def texts(self, key: str) -> list[str]:
        values = self.table.get(key, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or any(not isinstance(v, str) for v in values):
            self.fail(t("err.input.not_texts", where=self.where, field=key), key)
        for value in values:
            self.refuse_controls(key, value)
        return [clean(v) for v in values if clean(v)]

    def refuse_controls(self, key: str, value: str) -> None:
        """A control character (ESC, BEL …) is no text: it would act on the terminal."""
        from bmnn_cli.text import control_character

        found = control_character(value)
        if found is not None:
            self.fail(
                t("err.hostile.control_char", where=self.where, field=key, char=ord(found)), key
            )

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, required=default is None, default=default or "")
        if value not in choices:
            self.fail(
                t(
                    "err.input.not_a_choice",
                    where=self.where,
                    field=key,
                    value=value,
                    choices=", ".join(choices),
                ),
                value,
            )
        return value

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        values = self.table.get(key, [])
        if not isinstance(values, list) or any(not isinstance(v, dict) for v in values):
            self.fail(t("err.input.not_tables", where=self.where, field=key), key)
        return list(values)


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_text(
    path: Path,
    *,
    limit: int = MAX_BYTES,
    too_big: str = "err.input.plan_too_big",
    kind: str = "toml",
) -> str:
    """The file's text, or an InputError a person can act on (`too_big` over `limit` bytes).

    `kind` names what the file should be ("toml" or "csv") in the message
    about binary content.
    """
    from bmnn_cli.files import read_input

    name = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_input says what is wrong
    if size > limit:
        raise InputError(t(too_big, size=size, limit=limit), path=name)
    data = read_input(path, limit)
    if not data.strip():
        raise InputError(t("err.input.file_empty"), path=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            t("err.input.not_utf8_byte", byte=data[error.start]),
            path=name,
            line=line,
        ) from None
    if "\x00" in text:
        key = "err.hostile.binary_csv" if kind == "csv" else "err.input.binary"
        raise InputError(t(key), path=name)
    return text.removeprefix("\ufeff")


# Files people may give `bmnn import` by mistake: the plan as issued, not the plan file.
DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".odt", ".rtf")


def load(path: Path, *, allow_classified: bool = False) -> PlanFile:
    try:
        return loads(read_text(path), path=path, allow_classified=allow_classified)
    except InputError as error:
        if path.suffix.lower() in DOCUMENT_SUFFIXES and error.line is None and path.is_file():
            raise InputError(t("err.input.document_not_plan", path=path), path=str(path)) from None
        raise


def loads(text: str, *, path: Path, allow_classified: bool = False) -> PlanFile:
    """Parse and validate a plan or registry; `path` names it and anchors links."""
    if not allow_classified:
        from bmnn_cli.domain.classified import refuse_classified

        refuse_classified(text, str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(toml_error(error), path=str(path)) from None
    except RecursionError:
        raise InputError(t("err.input.toml_too_deep"), path=str(path)) from None
    return parse(data, path=str(path), text=text)


_TOML_WHERE = re.compile(
    r"(?P<reason>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)"
    r"|(?P<end>at end of document))\)"
)


def _toml_reasons() -> list[tuple[str, re.Pattern[str]]]:
    """tomllib's reasons, read from the English side of messages/toml.py ({name} = any)."""
    from bmnn_cli.messages.toml import MESSAGES

    name = re.escape("{name}")
    return [
        (key, re.compile(re.escape(english).replace(name, "(?P<name>.+)")))
        for key, (_, english) in MESSAGES.items()
    ]


def _toml_name(text: str) -> str:
    """A key as tomllib shows it, ('plan', 'id'), as the file writes it: plan.id."""
    import ast

    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return ".".join(map(str, parts)) if isinstance(parts, tuple) else text


def toml_error(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message in the language of the run, with its line and column."""
    where = _TOML_WHERE.fullmatch(str(error))
    if where is None:
        return t("err.input.toml_malformed", error=error)
    reason = where["reason"]
    for key, pattern in _toml_reasons():
        match = pattern.fullmatch(reason)
        if match:
            reason = t(key, **{k: _toml_name(v) for k, v in match.groupdict().items()})
            break
    if where["end"]:
        return t("err.input.toml_at_end", reason=reason)
    return t("err.input.toml_at", reason=reason, line=where["line"], column=where["column"])


def parse(data: Mapping[str, Any], *, path: str, text: str = "") -> PlanFile:
    file = PlanFile(path=path, text=text)
    top = _Reader(
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
    target = Path(file.path).parent / relative
    linked = load(target)
    if linked.registry is None:
        raise InputError(t("err.input.linked_not_registry", relative=relative), path=file.path)
    return linked.registry


def _registry(file: PlanFile, data: Mapping[str, Any]) -> RegistrySpec:
    if not isinstance(data["province"], dict):
        _Reader(file, {}, t("err.input.where_file"), ()).fail(
            t("err.input.province_not_table"), "province"
        )
    province = _Reader(
        file, data["province"], "[province]", ("id", "name", "days_off", "working_days")
    )
    registry = RegistrySpec(
        province=province.slug("id"),
        name=province.text("name"),
        days_off=province.dates("days_off"),
        working_days=province.dates("working_days"),
    )
    top = _Reader(file, data, t("err.input.where_file"), tuple(data))
    seen: set[str] = set()
    for number, raw in enumerate(top.tables("groups"), start=1):
        group = _Reader(file, raw, f"[[groups]] #{number}", ("id", "name", "aliases"))
        spec = GroupSpec(group.slug("id"), group.text("name"), group.texts("aliases"))
        _unique(group, seen, spec.code)
        registry.groups.append(spec)
    for number, raw in enumerate(top.tables("agencies"), start=1):
        registry.agencies.append(_agency(file, raw, number, seen))
    _check_registry_links(file, registry)
    return registry


def _unique(reader: _Reader, seen: set[str], code: str) -> None:
    if code in seen:
        reader.fail(t("err.input.duplicate_id", where=reader.where, code=code), code)
    seen.add(code)


def _check_mailboxes(reader: _Reader, spec: AgencySpec) -> None:
    """The name and addresses of an agency become e-mail headers: refuse what cannot."""
    from bmnn_cli.domain.addresses import is_address, name_problem

    if name_problem(spec.name):
        reader.fail(t("err.hostile.bad_name", agency=spec.code, name=spec.name), "name")
    for address in spec.emails:
        if not is_address(address):
            reader.fail(t("err.hostile.bad_email", agency=spec.code, address=address), address)


def _agency(file: PlanFile, raw: Mapping[str, Any], number: int, seen: set[str]) -> AgencySpec:
    keys = ("id", "name", "aliases", "kind", "groups", "emails", "successor", "merged_on")
    reader = _Reader(file, raw, f"[[agencies]] #{number}", keys)
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


def _membership(reader: _Reader, entry: object) -> Membership:
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
    reader = _Reader(file, {}, "registry", ())
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
        _Reader(file, {}, t("err.input.where_file"), ()).fail(t("err.input.plan_not_table"), "plan")
    keys = ("id", "number", "title", "issuer", "province", "issued", "year", "source", "deadlines")
    reader = _Reader(file, data["plan"], "[plan]", keys)
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
    top = _Reader(file, data, t("err.input.where_file"), tuple(data))
    seen: set[str] = set()
    made = 0
    for number, raw in enumerate(top.tables("tasks"), start=1):
        task = _task(file, raw, number, plan.year)
        where = t("err.input.where_task", code=task.code)
        if task.code in seen:
            _Reader(file, raw, where, tuple(raw)).fail(
                t("err.input.duplicate_task", code=task.code), task.code
            )
        seen.add(task.code)
        made += _bounded(_Reader(file, raw, where, tuple(raw)), task, plan, made)
        plan.tasks.append(task)
    return plan


def _bounded(reader: _Reader, task: TaskSpec, plan: PlanSpec, made: int) -> int:
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
        _Reader(file, {}, "[plan.deadlines]", ()).fail(t("err.input.deadlines_not_table"))
    assert isinstance(raw, dict)
    reader = _Reader(file, raw, "[plan.deadlines]", ("before", "roll_to_working_day", "yearly_due"))
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
    reader = _Reader(file, raw, f"[[tasks]] #{number}", keys)
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


def _parts_from_phrase(reader: _Reader, deadline: str, year: int) -> list[Part]:
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


# -- writing -----------------------------------------------------------------


def registry_to_dict(registry: RegistrySpec) -> dict[str, Any]:
    province: dict[str, Any] = {"id": registry.province, "name": registry.name}
    if registry.days_off:
        province["days_off"] = registry.days_off
    if registry.working_days:
        province["working_days"] = registry.working_days
    return {
        "province": province,
        "groups": [
            _drop_empty({"id": g.code, "name": g.name, "aliases": g.aliases})
            for g in registry.groups
        ],
        "agencies": [_agency_dict(a) for a in registry.agencies],
    }


def _agency_dict(agency: AgencySpec) -> dict[str, Any]:
    groups: list[Any] = [
        {"group": m.group, "since": m.since} if m.since else m.group for m in agency.groups
    ]
    return _drop_empty(
        {
            "id": agency.code,
            "name": agency.name,
            "aliases": agency.aliases,
            "kind": agency.kind,
            "groups": groups,
            "emails": agency.emails,
            "successor": agency.successor,
            "merged_on": agency.merged_on,
        }
    )


def plan_to_dict(plan: PlanSpec, registry: RegistrySpec | None) -> dict[str, Any]:
    header = _drop_empty(
        {
            "id": plan.code,
            "number": plan.number,
            "title": plan.title,
            "issuer": plan.issuer,
            "province": plan.province,
            "issued": plan.issued,
            "year": plan.year,
            "source": plan.source,
        }
    )
    header["number"] = plan.number
    header["deadlines"] = {
        "before": plan.rules.before,
        "roll_to_working_day": plan.rules.roll_to_working_day,
        "yearly_due": "{:02d}-{:02d}".format(*plan.rules.yearly_due),
    }
    out: dict[str, Any] = registry_to_dict(registry) if registry else {}
    out["plan"] = header
    out["tasks"] = [_task_dict(t) for t in plan.tasks]
    return out


def _task_dict(task: TaskSpec) -> dict[str, Any]:
    out = _drop_empty(
        {
            "id": task.code,
            "title": task.title,
            "lead": task.lead,
            "support": task.support,
            "deliverable": task.deliverable,
            "deadline": task.deadline,
            "note": task.note,
            "source_line": task.source_line,
        }
    )
    out["deadline"] = task.deadline
    out["schedule"] = [part_to_dict(p) for p in task.parts]
    return out


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def dumps(data: Mapping[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data)
