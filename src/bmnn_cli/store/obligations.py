"""A plan's obligations made to match its tasks (`sync_obligations`).

The domain lists what each task owes (`domain.obligations`) and decides
what to add, update and delete (`domain.reconcile`, with mergers from
`domain.mergers`); this reads the records it needs for the whole plan at
once and writes the result. Also the domain values of stored rows: a plan's
rules, a task's schedule, a province's working calendar.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from bmnn_cli.domain import obligations as obl
from bmnn_cli.domain.deadlines import Rules, WorkCalendar
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.mergers import Key
from bmnn_cli.domain.reconcile import Owed, Reconciled, Recorded, reconcile
from bmnn_cli.domain.schedule import Part, part_from_dict
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.store import rows
from bmnn_cli.store.reader import Reader, as_date, reader_of
from bmnn_cli.store.registry_save import registry_ids, stored_registry
from bmnn_cli.store.writer import Writer, writer_of


def rules_of(plan: Any) -> Rules:
    """The deadline rules of a stored plan (a row or a model: its attributes are read)."""
    month, day = (int(x) for x in plan.yearly_due.split("-"))
    return Rules(plan.before_rule, bool(plan.roll_to_working_day), (month, day))


def task_parts(task: Any) -> list[Part]:
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


def calendar_of(province: Any) -> WorkCalendar:
    return WorkCalendar.of(
        (dt.date.fromisoformat(d) for d in json.loads(province.days_off)),
        (dt.date.fromisoformat(d) for d in json.loads(province.working_days)),
    )


def refs_by_task(source: Any, plan_id: int) -> dict[int, list[tuple[str, str, str]]]:
    """The references of every task of a plan, in one query: (role, kind, code) in order."""
    out: dict[int, list[tuple[str, str, str]]] = {}
    for task_id, role, a, g in reader_of(source).rows(
        "SELECT ta.task_id, ta.role, a.code, g.code FROM task_agency ta"
        " JOIN task t ON t.id = ta.task_id"
        " LEFT OUTER JOIN agency a ON a.id = ta.agency_id"
        " LEFT OUTER JOIN agency_group g ON g.id = ta.group_id"
        " WHERE t.plan_id = :plan ORDER BY ta.task_id, ta.position",
        {"plan": plan_id},
    ):
        out.setdefault(task_id, []).append((role, "agency" if a else "group", a or g))
    return out


@dataclass(frozen=True)
class Event:
    """A request or an event recorded for a task, as the obligations it makes need it."""

    id: int
    task_id: int
    kind: str  # request | event
    happened_on: dt.date
    due: dt.date
    agencies: str  # JSON list of agency codes; [] = all answerable


# What a question or a write may add to a plan when it extends open-ended
# schedules to a later year: the plan file's own bounds are checked when it
# is read (domain.obligations: years, periods, obligations); extending keeps
# within MAX_PLAN_YEARS of the plan's year and the same obligation limit, so a
# far --as-of is one clear message, not hours of work.
MAX_PLAN_YEARS = 50


def _check_size(plan: Any, planned: list[tuple[list[Part], int]], through: int) -> None:
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


def sync_obligations(
    target: Any,
    plan: Any,
    *,
    through: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Make the recorded obligations of a plan match its tasks, up to `through`.

    The domain (`domain.reconcile`) decides what to add, update and delete;
    this reads what it needs for the whole plan at once and writes the result,
    so the number of statements does not grow with the plan. `progress`
    hears of each task worked out. `target` is a Writer, or a session
    (wrapped); `plan` a stored plan's row or model, whose `through_year`
    follows.
    """
    writer = writer_of(target)
    province = rows.one(writer, rows.Province, plan.province_id)
    directory = Directory(stored_registry(writer, province.id))
    calendar, rules = calendar_of(province), rules_of(plan)
    agency_ids, _ = registry_ids(writer, directory)
    tasks = rows.all_of(
        writer, rows.Task, "FROM task WHERE plan_id = :plan AND archived_at IS NULL",
        {"plan": plan.id},
    )  # fmt: skip
    refs, requests = refs_by_task(writer, plan.id), _requests_by_task(writer, plan.id)
    planned = []
    for task in tasks:
        leads = [code for role, _kind, code in refs.get(task.id, []) if role == "lead"]
        events = [r for r in requests.get(task.id, []) if r.kind == "event"]
        parts = dated_by_events(task_parts(task), events)
        planned.append((task, parts, obl.answerable(directory, leads)))
    _check_size(plan, [(parts, len(people)) for _, parts, people in planned], through)
    stored = _Stored(writer, plan.id, agency_ids)
    for task, parts, people in planned:
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
        wanted += _requested(
            requests.get(task.id, []), people, rules, calendar, own=event_bounds_duty(parts)
        )
        stored.plan(task.id, reconcile(wanted, stored.of(task.id), directory))
        if progress is not None:
            progress(1, len(planned))
    stored.write()
    if through > plan.through_year:
        writer.execute(
            "UPDATE plan SET through_year = :through WHERE id = :id",
            {"through": through, "id": plan.id},
        )
        plan.through_year = through


def _requests_by_task(reader: Reader, plan_id: int) -> dict[int, list[Event]]:
    """The requests and events recorded for each task of a plan, oldest first."""
    out: dict[int, list[Event]] = {}
    for row_id, task_id, kind, happened_on, due, agencies in reader.rows(
        "SELECT r.id, r.task_id, r.kind, r.happened_on, r.due, r.agencies FROM request r"
        " JOIN task t ON t.id = r.task_id WHERE t.plan_id = :plan ORDER BY r.id",
        {"plan": plan_id},
    ):
        event = Event(row_id, task_id, kind, _day(happened_on), _day(due), agencies)
        out.setdefault(task_id, []).append(event)
    return out


def _day(value: Any) -> dt.date:
    day = as_date(value)
    assert day is not None  # NOT NULL columns
    return day


def event_bounds_duty(parts: list[Part]) -> bool:
    """The task's event dates or ends its own duty ("N ngày trước …", "đến khi …").

    Such an event makes no obligations of its own, unlike "sau khi …" (Art. 147).
    """
    kinds = {p.kind for p in parts}
    return bool(kinds & {"before_event", "until_event"}) and "after_event" not in kinds


def dated_by_events(parts: list[Part], events: list[Event]) -> list[Part]:
    """Parts counted back from an event the plan left undated, dated by the recorded one."""
    if not events or not event_bounds_duty(parts):
        return parts
    day = events[-1].happened_on
    return [
        replace(p, event_date=day) if p.kind == "before_event" and p.event_date is None else p
        for p in parts
    ]


def _requested(
    requests: list[Event],
    people: list[obl.Answerable],
    rules: Rules,
    calendar: WorkCalendar,
    *,
    own: bool,
) -> list[obl.Wanted]:
    out: list[obl.Wanted] = []
    all_agencies = [p.agency for p in people]
    for request in requests:
        if own and request.kind == "event":
            continue  # it dated or ended the task's own duty: nothing more owed
        addressed = json.loads(request.agencies) or all_agencies
        out += obl.requested(
            request.id, request.happened_on, request.due, addressed, rules=rules, calendar=calendar
        )
    return out


_OWED = (
    "year",
    "starts_on",
    "scheduled_due",
    "effective_due",
    "request_id",
    "inherited_from",
    "begins_on",
)
_DATED = {"starts_on", "scheduled_due", "effective_due", "begins_on"}


class _Stored:
    """A plan's recorded obligations as plain data, and the writes decided on them.

    Read in two queries (the obligations, and those with a submission ever
    recorded); written as one insert, one update and one delete, each run
    for all its rows.
    """

    def __init__(self, writer: Writer, plan_id: int, agency_ids: dict[str, int]) -> None:
        self.writer, self.agency_ids = writer, agency_ids
        codes = {agency_id: code for code, agency_id in agency_ids.items()}
        where = {"plan": plan_id}
        history = {
            row_id
            for (row_id,) in writer.rows(
                "SELECT DISTINCT s.obligation_id FROM submission s"
                " JOIN obligation o ON o.id = s.obligation_id"
                " JOIN task t ON t.id = o.task_id WHERE t.plan_id = :plan",
                where,
            )
        }
        self.tasks: dict[int, dict[Key, Recorded]] = {}
        self.ids: dict[tuple[int, Key], int] = {}
        names = ("id", "task_id", "agency_id", "period", *_OWED, "submitted_on", "waived_on")
        for row_id, task_id, agency_id, period, *values, submitted, waived in writer.rows(
            f"SELECT {', '.join('o.' + name for name in names)} FROM obligation o"
            " JOIN task t ON t.id = o.task_id WHERE t.plan_id = :plan",
            where,
        ):
            fields = dict(zip(_OWED, values, strict=True))
            for name in _DATED:
                fields[name] = as_date(fields[name])
            fields["inherited_from"] = codes.get(fields["inherited_from"])
            owed = Owed(agency=codes[agency_id], period=period, **fields)
            done = submitted is not None or waived is not None
            self.tasks.setdefault(task_id, {})[owed.key] = Recorded(owed, done, row_id in history)
            self.ids[(task_id, owed.key)] = row_id
        self.added: list[dict[str, Any]] = []
        self.updated: dict[int, dict[str, Any]] = {}
        self.deleted: list[int] = []

    def of(self, task_id: int) -> dict[Key, Recorded]:
        return self.tasks.get(task_id, {})

    def _values(self, owed: Owed) -> dict[str, Any]:
        values = {name: getattr(owed, name) for name in _OWED}
        inherited = values["inherited_from"]
        values["inherited_from"] = self.agency_ids[inherited] if inherited else None
        return values

    def plan(self, task_id: int, decided: Reconciled) -> None:
        """Queue what the domain decided for one task."""
        for owed in decided.added:
            self.added.append(
                {"task_id": task_id, "agency_id": self.agency_ids[owed.agency],
                 "period": owed.period, **self._values(owed)}
            )  # fmt: skip
        for owed in decided.updated:
            self.updated[self.ids[(task_id, owed.key)]] = self._values(owed)
        self.deleted += [self.ids[(task_id, k)] for k in decided.deleted]

    def write(self) -> None:
        """New rows first, then the changed ones, then the deleted (ids as the ORM gave them)."""
        if self.added:
            self.writer.many(
                f"INSERT INTO obligation (task_id, agency_id, period, {', '.join(_OWED)})"
                f" VALUES (:task_id, :agency_id, :period, {', '.join(':' + n for n in _OWED)})",
                self.added,
            )
        if self.updated:
            self.writer.many(
                f"UPDATE obligation SET {', '.join(f'{n} = :{n}' for n in _OWED)} WHERE id = :id",
                [{**values, "id": row_id} for row_id, values in sorted(self.updated.items())],
            )
        if self.deleted:
            self.writer.many(
                "DELETE FROM obligation WHERE id = :id", [{"id": i} for i in sorted(self.deleted)]
            )
