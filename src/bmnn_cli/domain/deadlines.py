"""The deadline law (Civil Code 2015, Art. 145–148) as a plan's rules.

- "trước ngày D" reads as "on or before D" unless the plan says `strict`
  (then D-1 is the last day); the strict reading never shortens a phrase
  naming the end of a period ("cuối năm 2026", "trong tháng 3/2026").
- A last day that is a weekend day or a public holiday moves to the next
  working day (Art. 148(5)); the national calendar is the Government's
  announced days off and make-up days (`domain.official`, package data) over
  the Labor Code's holidays from the `holidays` package, and a province may
  add days off and make-up working days.
- A period counted from an event starts the day after it (Art. 147).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from bmnn_cli.domain.official import official

ONE_DAY = dt.timedelta(days=1)


# "trước ngày 27/02", "trước 27/02/2026", "trước ngày 30 tháng 10": a day named
# after "trước" (before), folded (no case or diacritics). Only such a phrase is
# ambiguous; "cuối năm 2026", "trong tháng 3/2026" name the last day of a period.
_BEFORE_DAY = re.compile(r"\btruoc\s+(?:ngay\s+)?\d{1,2}\s*(?:[/.-]\s*\d{1,2}|thang\b)")


@dataclass(frozen=True)
class Rules:
    before: str = "inclusive"  # or "strict"
    roll_to_working_day: bool = True
    yearly_due: tuple[int, int] = (12, 31)

    def for_phrase(self, phrase: str) -> Rules:
        """The rules for one deadline phrase: the strict reading only where it says "trước ngày D".

        A task with no phrase (a plan file that gives only its schedule) keeps
        the plan's rule.
        """
        if self.before != "strict" or not phrase.strip() or says_before_day(phrase):
            return self
        return replace(self, before="inclusive")


def says_before_day(phrase: str) -> bool:
    """Whether `phrase` names a day after "trước" ("trước ngày 27/02/2026")."""
    from bmnn_cli.text import fold

    return _BEFORE_DAY.search(fold(phrase).lower()) is not None


@lru_cache(maxsize=64)
def _national(year: int) -> Any:
    from bmnn_cli.domain.national import national

    return national(year)


@dataclass(frozen=True)
class WorkCalendar:
    """Vietnam's working days, adjusted by a province's own decisions."""

    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    working_days: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, days_off: Iterable[dt.date] = (), working_days: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        return cls(frozenset(days_off), frozenset(working_days))

    def is_working_day(self, day: dt.date) -> bool:
        """The province's own days first, then the Government's announced calendar
        (package data), then the Labor Code's holidays as `holidays` computes them."""
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        decided = official().decides(day)
        if decided is not None:
            return decided
        national = _national(day.year)
        if day in national:
            return False
        if day.weekday() >= 5:
            return day in getattr(national, "weekend_workdays", ())
        return True

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, else the first one after it."""
        for _ in range(60):  # Tết plus weekends is the longest run, about 9 days
            if self.is_working_day(day):
                return day
            day += ONE_DAY
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (start itself not counted)."""
        day = start
        while count > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day


def effective_due(
    scheduled: dt.date, *, dated: bool, rules: Rules, calendar: WorkCalendar
) -> dt.date:
    """The due date in force for a scheduled one.

    `dated` says the phrase named the day ("trước ngày 27/02"), which is
    where the strict reading applies; quarter ends and defaults are not moved.
    """
    due = scheduled - ONE_DAY if dated and rules.before == "strict" else scheduled
    return calendar.next_working_day(due) if rules.roll_to_working_day else due


def rolled(due: dt.date, *, rules: Rules, calendar: WorkCalendar) -> dt.date:
    """A due date set by a request or an event, in force: moved off a day off (Art. 148(5))."""
    return calendar.next_working_day(due) if rules.roll_to_working_day else due


def moved_reason(scheduled: dt.date | None, effective: dt.date | None) -> str | None:
    """Why the due date in force differs from the written one, or None when it does not.

    "day_off": moved later, off a weekend or holiday (the strict reading only
    ever moves a date earlier); "strict": the day before a "trước ngày D".
    """
    if scheduled is None or effective is None or scheduled == effective:
        return None
    return "day_off" if effective > scheduled else "strict"


def due_after_event(
    event_day: dt.date, days: int, *, working_days: bool, calendar: WorkCalendar
) -> dt.date:
    """The last day of a period of `days` counted from the day after the event."""
    if working_days:
        return calendar.add_working_days(event_day, days)
    return event_day + dt.timedelta(days=days)
