"""What a deadline phrase means, for `bmnn explain`: its parts and due dates.

The phrase is read by the same parser the loader uses, each part gives its
periods through `Part.occurrences`, and each due date is moved as the
deadline law says (`effective_due`, national calendar, default rules), so
the answer is what an imported plan would hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bmnn_cli.domain.deadlines import Rules, WorkCalendar, due_after_event, effective_due
from bmnn_cli.domain.official import PROJECTED, official
from bmnn_cli.domain.phrases import parse_phrase
from bmnn_cli.domain.schedule import Part, part_from_dict, part_to_dict
from bmnn_cli.i18n import t


@dataclass
class Explanation:
    phrase: str
    confident: bool
    unread: str
    parts: list[dict[str, Any]] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)
    schedule: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "confident": self.confident,
            "unread": self.unread,
            "schedule": self.schedule,
            "parts": self.parts,
            "due": self.due,
        }


def explain_phrase(
    phrase: str,
    *,
    year: int,
    years: int = 1,
    event: dt.date | None = None,
    strict: bool = False,
) -> Explanation:
    """Read ``phrase`` for a plan of ``year``; due dates for ``years`` years from it.

    Each due row has ``note`` codes: "moved" (off a weekend or holiday),
    "strict" (the day before the written date), "ongoing" (no date until a
    request or event is recorded), "per_schedule" (dated by another schedule),
    "urgent" (at once, no day to count), "until_event" (goes on until an
    event), "before_event" (counted back from an event not yet dated),
    "projected" (in a year whose days off the Government has not announced
    yet). A row keeps ``begins`` (a span's first day: not yet begun before it)
    and ``expected`` (the planned day when the due date is the latest one).
    """
    reading = parse_phrase(phrase, year=year)
    out = Explanation(phrase, reading.confident, reading.unread if reading.parts else "")
    rules = Rules(before="strict" if strict else "inclusive").for_phrase(phrase)
    calendar = WorkCalendar()
    for index, raw in enumerate(reading.parts, start=1):
        part = part_from_dict(raw, where=t("err.input.where_phrase"))
        keys = part_to_dict(part)
        out.schedule.append(keys)
        shown = ", ".join(f"{k} = {v}" for k, v in keys.items() if k != "kind")
        out.parts.append(
            {"part": index, "kind": part.kind, "reading": part.describe(), "keys": shown}
        )
        out.due += _due_rows(index, part, year, year + years - 1, event, rules, calendar)
    return out


def _due_rows(
    index: int,
    part: Part,
    first: int,
    last: int,
    event: dt.date | None,
    rules: Rules,
    calendar: WorkCalendar,
) -> list[dict[str, Any]]:
    if part.undated:
        return [_undated_row(index, part, event, rules, calendar)]
    rows = []
    for occurrence in part.occurrences(first, last, rules.yearly_due):
        if occurrence.due is None or occurrence.due.year < first:
            continue
        due = effective_due(occurrence.due, dated=occurrence.dated, rules=rules, calendar=calendar)
        row = _row(index, occurrence.period, occurrence.due, due, occurrence.dated, rules)
        rows.append(row | {"begins": occurrence.begins, "expected": part.expected})
    return rows


_UNDATED_NOTES = {
    "per_schedule": "per_schedule",
    "urgent": "urgent",
    "until_event": "until_event",
    "before_event": "before_event",
}


def _undated_row(
    index: int, part: Part, event: dt.date | None, rules: Rules, calendar: WorkCalendar
) -> dict[str, Any]:
    counted = part.kind in ("after_event", "on_request", "before_event")
    if event is None or part.days is None or not counted:
        return {
            "part": index,
            "period": "ongoing",
            "scheduled_due": None,
            "effective_due": None,
            "weekday": None,
            "note": [_UNDATED_NOTES.get(part.kind, "ongoing")],
            "begins": part.begins,
            "expected": None,
        }
    if part.kind == "before_event":  # the event's day given: count back from it
        scheduled = event - dt.timedelta(days=part.days)
    else:
        scheduled = due_after_event(
            event, part.days, working_days=part.working_days, calendar=calendar
        )
    due = effective_due(scheduled, dated=False, rules=rules, calendar=calendar)
    return _row(index, event.isoformat(), scheduled, due, False, rules) | {
        "begins": None,
        "expected": None,
    }


def _row(
    index: int, period: str, scheduled: dt.date, due: dt.date, dated: bool, rules: Rules
) -> dict[str, Any]:
    notes = []
    if dated and rules.before == "strict":
        notes.append("strict")
    if due != scheduled - dt.timedelta(days=1 if "strict" in notes else 0):
        notes.append("moved")
    if official().status(due.year) == PROJECTED:
        notes.append("projected")  # the Government has not announced that year's days off
    return {
        "part": index,
        "period": period,
        "scheduled_due": scheduled,
        "effective_due": due,
        "weekday": due.weekday(),
        "note": notes,
    }
