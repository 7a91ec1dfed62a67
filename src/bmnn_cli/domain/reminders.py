"""Reminder stages and the text of a reminder, with no I/O.

A *stage* is a moment relative to an obligation's effective due date: 7
days before, the day itself, every 7 days while overdue. Which stage is due
for an obligation depends only on the day (`as_of`) and on the stages
already logged for it, so a cron job can run as often as it likes:

* each stage goes out once (a logged stage is never sent again);
* a run that was missed is caught up by the next one, but only with the
  **latest** stage whose moment has passed: after a weekend with the machine
  off, an agency gets one reminder, not three in a row.

Messages are grouped per agency (one message listing all its reminders) and
written in Vietnamese administrative style, or English with `--lang en`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bmnn_cli.domain.deadlines import moved_reason
from bmnn_cli.i18n import t

DEFAULT_STAGES: tuple[str, ...] = ("-7d", "-1d", "0d", "+7d/7d")
WIDTH = 76  # plain-text mail is read in narrow windows; keeps lines far below 998

_PERIOD = re.compile(r"^\d{4}(-Q[1-4])?$")  # yearly and quarterly periods are worth naming
_STAGE = re.compile(r"^\s*([+-]?)\s*(\d{1,3})\s*([dw]?)\s*(?:/\s*(\d{1,3})\s*([dw]?))?\s*$")


@dataclass(frozen=True)
class Stage:
    """A reminder moment: `offset` days from the due date, repeated `every` days."""

    offset: int
    every: int | None = None

    def latest(self, due: dt.date, as_of: dt.date) -> int | None:
        """The offset of this stage's latest moment on or before `as_of`, if any."""
        elapsed = (as_of - due).days - self.offset
        if elapsed < 0:
            return None
        if not self.every:
            return self.offset
        return self.offset + elapsed // self.every * self.every

    def __str__(self) -> str:
        text = f"{self.offset:+d}d" if self.offset else "0d"
        return f"{text}/{self.every}d" if self.every else text


def parse_stage(text: str) -> Stage:
    """`-7d` (7 days before), `0d` (the due day), `+7d/7d` (7 days after, then weekly).

    Units are d (days, the default) or w (weeks). Raises ValueError.
    """
    match = _STAGE.match(str(text))
    if not match:
        raise ValueError(t("err.input.stage_form", text=text))
    sign, count, unit, every, every_unit = match.groups()
    offset = int(count) * (7 if unit == "w" else 1) * (-1 if sign == "-" else 1)
    repeat = int(every) * (7 if every_unit == "w" else 1) if every else None
    if repeat == 0:
        raise ValueError(t("err.input.stage_every_zero", text=text))
    if repeat and offset < 0:
        raise ValueError(t("err.input.stage_repeat_early", text=text))
    return Stage(offset, repeat)


def parse_stages(texts: Iterable[str]) -> tuple[Stage, ...]:
    stages = tuple(sorted({parse_stage(text) for text in texts}, key=lambda s: s.offset))
    if not stages:
        raise ValueError(t("err.input.no_stages"))
    return stages


def lead_days(stages: Sequence[Stage]) -> int:
    """How far ahead the earliest stage looks (the default of `--within`)."""
    return max([0, *(-s.offset for s in stages)])


def due_stage(
    stages: Sequence[Stage], due: dt.date, as_of: dt.date, logged: Collection[int]
) -> int | None:
    """The stage to send now for an obligation due `due`, or None.

    The latest stage whose moment has passed, unless it is logged already;
    earlier stages that were missed are never sent separately.
    """
    passed = [m for s in stages if (m := s.latest(due, as_of)) is not None]
    if not passed:
        return None
    latest = max(passed)
    return None if latest in logged else latest


@dataclass(frozen=True)
class Open:
    """An obligation with a due date that is not done yet, as the store reads it."""

    obligation_id: int
    agency_key: int  # the agency's row id: codes repeat across provinces
    agency_id: str
    agency: str
    province: str
    emails: tuple[str, ...]
    plan: str
    plan_number: str
    plan_title: str
    task: str
    title: str
    deadline: str
    period: str
    scheduled_due: dt.date | None
    effective_due: dt.date
    status: str  # pending | overdue


@dataclass(frozen=True)
class Reminder:
    """An obligation to remind of, and the stage (days from due) it is sent for."""

    item: Open
    stage: int

    def days(self, as_of: dt.date) -> int:
        """Days left (positive), or days late (negative)."""
        return (self.item.effective_due - as_of).days


@dataclass(frozen=True)
class Message:
    """One agency's reminder: what is sent, and the reminders it covers."""

    agency_key: int
    agency_id: str
    agency: str
    province: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    reminders: tuple[Reminder, ...]
    as_of: dt.date

    def fingerprint(self) -> str:
        """Same reminders, same fingerprint: a resent message keeps its Message-ID."""
        keys = sorted(
            (r.item.obligation_id, r.item.effective_due.isoformat(), r.stage)
            for r in self.reminders
        )
        return hashlib.sha256(repr((self.agency_key, keys)).encode()).hexdigest()[:24]


def select(
    items: Iterable[Open],
    stages: Sequence[Stage],
    as_of: dt.date,
    logged: Mapping[int, Collection[tuple[dt.date, int]]],
) -> list[Reminder]:
    """The reminders due now; `logged` maps obligation ids to (due, stage) sent."""
    chosen: list[Reminder] = []
    for item in items:
        sent = {
            stage for due, stage in logged.get(item.obligation_id, ()) if due == item.effective_due
        }
        stage = due_stage(stages, item.effective_due, as_of, sent)
        if stage is not None:
            chosen.append(Reminder(item, stage))
    return chosen


def by_agency(reminders: Iterable[Reminder]) -> list[list[Reminder]]:
    """Reminders grouped per agency, agencies in first-seen order."""
    groups: dict[int, list[Reminder]] = {}
    for reminder in reminders:
        groups.setdefault(reminder.item.agency_key, []).append(reminder)
    return list(groups.values())


@dataclass(frozen=True)
class Sender:
    """Who the reminder is from and where results go; `{province}` is filled in."""

    office: str = ""  # empty: the catalogue's default for the province
    results_to: str = ""  # empty: the office

    def office_for(self, province: str) -> str:
        return (self.office or t("remind.office")).format(province=province)

    def results_for(self, province: str) -> str:
        return (self.results_to or self.office_for(province)).format(province=province)


def compose(reminders: Sequence[Reminder], as_of: dt.date, sender: Sender) -> Message:
    """One agency's message: subject and body in the current language."""
    first = reminders[0].item
    ordered = sorted(reminders, key=lambda r: (r.item.status != "overdue", r.item.effective_due))
    return Message(
        agency_key=first.agency_key,
        agency_id=first.agency_id,
        agency=first.agency,
        province=first.province,
        recipients=first.emails,
        subject=_subject(first.agency, ordered),
        body=_body(first, ordered, as_of, sender),
        reminders=tuple(ordered),
        as_of=as_of,
    )


def _subject(agency: str, reminders: Sequence[Reminder]) -> str:
    late = sum(r.item.status == "overdue" for r in reminders)
    soon = len(reminders) - late
    counts = [t("remind.count_overdue", n=late)] if late else []
    counts += [t("remind.count_due", n=soon)] if soon else []
    return t("remind.subject", counts=", ".join(counts), agency=agency)


def _body(first: Open, reminders: Sequence[Reminder], as_of: dt.date, sender: Sender) -> str:
    office = sender.office_for(first.province)
    parts = [
        t("remind.greeting", agency=first.agency),
        _fill(t("remind.intro", office=office, agency=first.agency)),
        *_sections(reminders, as_of),
        _fill(t("remind.results_to", recipient=sender.results_for(first.province))),
        _fill(t("remind.caution")),
        t("remind.closing"),
        "\n".join([*_wrap(office, ""), _fill(t("remind.footer", as_of=_day(as_of)))]),
    ]
    return "\n\n".join(parts) + "\n"


def _sections(reminders: Sequence[Reminder], as_of: dt.date) -> list[str]:
    late = [r for r in reminders if r.item.status == "overdue"]
    soon = [r for r in reminders if r.item.status != "overdue"]
    sections = [(key, rows) for key, rows in (("late", late), ("soon", soon)) if rows]
    out = []
    for number, (key, rows) in enumerate(sections, start=1):
        heading = t(f"remind.section_{key}")
        lines = [f"{_roman(number)}. {heading}" if len(sections) > 1 else heading]
        lines += [_item(n, r, as_of) for n, r in enumerate(rows, start=1)]
        out.append("\n\n".join(lines))
    return out


def _item(number: int, reminder: Reminder, as_of: dt.date) -> str:
    item = reminder.item
    indent = " " * (len(str(number)) + 2)
    lines = [
        *_wrap(f"{number}. " + t("remind.task", task=item.task, title=item.title), indent),
        *_wrap(t("remind.plan", plan=plan_label(item)), indent, first=indent),
        *_wrap(t("remind.deadline", phrase=item.deadline or "–"), indent, first=indent),
        *_wrap(due_text(item, as_of), indent, first=indent),
    ]
    return "\n".join(lines)


def plan_label(item: Open) -> str:
    """The plan by its number when it has one, with its title."""
    if item.plan_number.strip():
        return t("remind.plan_numbered", number=item.plan_number, title=item.plan_title)
    return t("remind.plan_unnumbered", code=item.plan, title=item.plan_title)


def due_text(item: Open, as_of: dt.date) -> str:
    """The effective due date, days left or late, and the written date if it moved."""
    days = (item.effective_due - as_of).days
    key = "remind.due_left" if days > 0 else "remind.due_today" if days == 0 else "remind.due_late"
    period = t("remind.period", period=item.period) if _PERIOD.match(item.period) else ""
    text = t(key, date=_day(item.effective_due), days=abs(days), period=period)
    reason = moved_reason(item.scheduled_due, item.effective_due)
    if reason is not None and item.scheduled_due is not None:
        key = "remind.moved" if reason == "day_off" else "remind.moved_strict"
        text += t(key, date=_day(item.scheduled_due))
    return text


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _fill(text: str) -> str:
    return "\n".join(_wrap(text, ""))


def _wrap(text: str, indent: str, *, first: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first]


def _roman(number: int) -> str:
    return ("I", "II", "III", "IV", "V")[number - 1]
