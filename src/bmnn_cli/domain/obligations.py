"""Who owes what: a task's schedule times its answerable agencies.

Pure: given the registry, the plan's rules and the working calendar, this
lists the obligations a task should have up to a year. The store compares
that list with what is recorded and applies the difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bmnn_cli.domain.deadlines import Rules, WorkCalendar, effective_due, rolled
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.schedule import Part
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

ONE_OFF = ("fixed", "quarter", "span", "before_event")

# What one plan may make (a hostile or mistyped plan must not fill the disk).
# Real plans schedule within a decade or so of their year ("giai đoạn 2026-2030",
# "xuyên suốt 2025 - 2035"); the bounds leave room for that and refuse centuries.
YEARS_BEFORE = 10  # a plan may restate a duty that began some years before it
YEARS_AFTER = 30  # and schedule this far past its own year
HORIZON = 25  # open-ended schedules are counted this far ahead (questions look as far)
MAX_PERIODS = 10_000  # periods all the tasks of one plan may make up to the horizon
MAX_OBLIGATIONS = 200_000  # periods times answerable agencies, checked at import


def periods(parts: list[Part], first_year: int, yearly_due: tuple[int, int]) -> int:
    """How many periods `parts` make from the plan's year up to the horizon."""
    through = first_year + HORIZON
    for part in parts:
        through = max(through, part.last_year or through)
    keys = {o.period for p in parts for o in p.occurrences(first_year, through, yearly_due)}
    return len(keys)


def check_size(plan: str, tasks: list[tuple[str, int, int]], *, path: str) -> None:
    """Refuse a plan whose tasks (code, periods, answerable agencies) owe too much in all."""
    total = 0
    for code, count, agencies in tasks:
        total += count * agencies
        if total > MAX_OBLIGATIONS:
            raise InputError(
                t("err.deadlines.too_many_obligations", plan=plan, limit=MAX_OBLIGATIONS,
                  task=code, count=count * agencies, agencies=agencies),
                path=path,
            )  # fmt: skip


@dataclass(frozen=True)
class Answerable:
    agency: str
    since: dt.date | None = None


@dataclass(frozen=True)
class Wanted:
    """An obligation as the plan defines it, before mergers are applied."""

    agency: str
    period: str
    year: int
    scheduled_due: dt.date | None
    effective_due: dt.date | None
    starts_on: dt.date | None = None
    request_id: int | None = None
    begins_on: dt.date | None = None  # a span or a later duty: not yet begun before it


def answerable(directory: Directory, lead: list[str]) -> list[Answerable]:
    """Each lead agency, and each member of a lead group, once."""
    out: dict[str, Answerable] = {}
    for text in lead:
        ref = directory.find(text)
        if ref.kind == "agency":
            out.setdefault(ref.code, Answerable(ref.code))
            continue
        for agency, since in directory.members(ref.code):
            joined = since if isinstance(since, dt.date) else None
            previous = out.get(agency.code)
            if previous is None or (previous.since and (joined is None or joined < previous.since)):
                out[agency.code] = Answerable(agency.code, joined)
    return list(out.values())


def scheduled(
    parts: list[Part],
    agencies: list[Answerable],
    *,
    first_year: int,
    through: int,
    rules: Rules,
    calendar: WorkCalendar,
) -> Iterator[Wanted]:
    """Obligations from the plan's own schedule (not from requests or events)."""
    seen: set[tuple[str, str]] = set()
    one_offs = 0
    for part in parts:
        if part.kind in ONE_OFF:
            # keyed by position, not date: a corrected date keeps its submissions
            one_offs += 1
        for occurrence in part.occurrences(first_year, through, rules.yearly_due):
            if part.kind in ONE_OFF:
                occurrence = replace(
                    occurrence, period="once" if one_offs == 1 else f"once-{one_offs}"
                )
            effective = (
                effective_due(
                    occurrence.due, dated=occurrence.dated, rules=rules, calendar=calendar
                )
                if occurrence.due
                else None
            )
            for agency in agencies:
                if agency.since and occurrence.due and occurrence.due < agency.since:
                    continue  # joined the group after this period fell due
                key = (agency.agency, occurrence.period)
                if key in seen:
                    continue
                seen.add(key)
                yield Wanted(
                    agency.agency,
                    occurrence.period,
                    occurrence.year,
                    occurrence.due,
                    effective,
                    starts_on=agency.since,
                    begins_on=occurrence.begins,
                )


def requested(
    request_id: int,
    happened_on: dt.date,
    due: dt.date,
    agencies: list[str],
    *,
    rules: Rules,
    calendar: WorkCalendar,
) -> Iterator[Wanted]:
    """Obligations created by an ad-hoc request or an event, one per agency."""
    effective = rolled(due, rules=rules, calendar=calendar)
    for agency in agencies:
        yield Wanted(
            agency,
            f"request-{request_id}",
            due.year,
            due,
            effective,
            starts_on=happened_on,
            request_id=request_id,
        )
