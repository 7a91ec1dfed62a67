"""What the recording commands share: finding what they record against, and what they say.

Nothing is overwritten: an amendment supersedes the earlier submission and a
retraction marks it, both kept with the reason; the obligation row carries
the outcome in force so that listings stay one scan. The rules of what a
record does live in the domain (submissions, waivers, status); the modules
here load rows, ask them and persist what they decide, in plain SQL through
a Writer (`bmnn_cli.store.writer`), so that a command recording one document
on a ready SQLite file does not load SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from bmnn_cli.domain import submissions as rules
from bmnn_cli.domain.periods import check_year, period_label
from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import rows as stored
from bmnn_cli.store.lookup import agency_ids, find_task
from bmnn_cli.store.reader import Reader, reader_of
from bmnn_cli.store.rows import Agency, Obligation, Plan, Task
from bmnn_cli.store.writer import SessionWriter, Writer


@dataclass(frozen=True)
class Outcome:
    """What a recording command did, for the message the CLI prints."""

    message: str  # catalogue key
    agency: str
    task: str
    period: str
    date: dt.date | None = None
    status: str = ""
    old: dt.date | None = None
    changed: bool = True
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Change:
    """One field an amendment changed: "date", "ref" or "note", before and after."""

    field: str
    old: str | dt.date
    new: str | dt.date


def target(
    source: Any, task_text: str, agency_text: str, plan: str | None
) -> tuple[Task, Plan, Agency]:
    """The task, its plan and the agency a recording names (`source`: a Reader or a session)."""
    return Finder(source)(task_text, agency_text, plan)


class Finder:
    """`target` with each task and each agency looked up once (a register names few)."""

    def __init__(self, source: Any) -> None:
        self.reader: Reader = reader_of(source)
        self.tasks: dict[tuple[str, str | None], tuple[Task, Plan]] = {}
        self.agencies: dict[tuple[str, int], Agency] = {}

    def __call__(self, task: str, agency: str, plan: str | None) -> tuple[Task, Plan, Agency]:
        if (task, plan) not in self.tasks:
            task_row = find_task(self.reader, task, plan=plan)
            self.tasks[(task, plan)] = (task_row, stored.one(self.reader, Plan, task_row.plan_id))
        task_row, plan_row = self.tasks[(task, plan)]
        where = (agency, plan_row.province_id)
        if where not in self.agencies:
            ids = agency_ids(self.reader, agency, province_id=plan_row.province_id, groups=False)
            self.agencies[where] = stored.one(self.reader, Agency, ids[0])
        return task_row, plan_row, self.agencies[where]


def obligations_of(source: Any, task: Task, agency: Agency) -> list[Obligation]:
    """The agency's obligations of the task, earliest due first (undated last)."""
    rows = stored.all_of(
        reader_of(source),
        Obligation,
        "FROM obligation WHERE task_id = :task AND agency_id = :agency"
        " ORDER BY effective_due IS NULL, effective_due, id",
        {"task": task.id, "agency": agency.id},
    )
    if not rows:
        raise not_answerable(source, agency, task)
    return rows


def not_answerable(source: Any, agency: Agency, task: Task) -> NotFound:
    """The agency owes nothing of the task; a merged agency's message names its successor."""
    said = t("err.store.not_answerable", agency=agency.name, code=agency.code, task=task.code)
    if agency.successor_id is not None:
        successor = stored.one(reader_of(source), Agency, agency.successor_id)
        day = f"{agency.merged_on:%d/%m/%Y}" if agency.merged_on else ""
        key = "err.store.merged_into_on" if day else "err.store.merged_into"
        said += t(key, successor=successor.name, day=day)
    return NotFound(said, value=agency.code)


def pick(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    if period is None:
        raise AssertionError
    row = rules.pick(rows, period, period_label)
    if row is not None:
        return row
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=labels(rows)),
        value=period,
    )


def labels(rows: list[Obligation]) -> str:
    """The periods of `rows` as people read them ("2026, yêu cầu số 1")."""
    return ", ".join(period_label(r.period) for r in rows)


def day_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


class Issued(Protocol):
    """What `check_date` reads of a plan (a stored row, or an ORM object not yet converted)."""

    @property
    def code(self) -> str: ...
    @property
    def issued(self) -> dt.date | None: ...
    @property
    def year(self) -> int: ...


def check_date(
    day: dt.date, as_of: dt.date, plan: Issued, obligation: rules.Dated | None = None
) -> None:
    if day > as_of:
        raise UsageError(t("err.store.date_after_as_of", day=day, as_of=as_of))
    starts_on = obligation.starts_on if obligation else None
    earliest = rules.earliest_day(plan.issued, plan.year, starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )


def ensure_through(writer: Writer, year: int) -> None:
    """Open-ended schedules owe up to `year` before a recording looks for its period.

    Through the store's session the store extends them (`upkeep.ensure_through`,
    with its audit entry). A sqlite3 writer is only given when every plan
    already reaches the year (`cli.app.writing`): it checks the year alone.
    """
    if isinstance(writer, SessionWriter):
        from bmnn_cli.store import upkeep

        upkeep.ensure_through(writer.session, year)
        return
    newest = next(iter(writer.rows("SELECT MAX(year) FROM plan")))[0]
    check_year(year, newest)
    behind = writer.rows("SELECT 1 FROM plan WHERE through_year < :year", {"year": year})
    assert next(iter(behind), None) is None, "writing() gives sqlite3 only a file up to the year"
