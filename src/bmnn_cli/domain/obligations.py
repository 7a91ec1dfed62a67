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

ONE_OFF = ("fixed", "quarter")


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
